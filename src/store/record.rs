//! What is kept per document, and the versioned files it lives in.
//!
//! Field names are the on-disk JSON format (see docs/storage.md); add fields with
//! `#[serde(default)]` so older files keep loading.

use super::fingerprint::fingerprint;
use crate::document::{DocPos, Document, SourcePos};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The format version of `bookmarks.json`. Version 1 (unit numbers) is read and migrated.
pub const FORMAT_VERSION: u64 = 2;

/// The format version of `history.json`, unchanged since version 1.
pub const HISTORY_VERSION: u64 = 1;

/// The version of the parser's way of naming units by source offset. Bump it with any
/// parser change that moves where blocks or notes start (`Block::src`, `Note::src`):
/// stored positions are still verified by their excerpts on every open, and the record
/// says which parser placed them.
pub const PARSER_VERSION: u32 = 2;

/// Which parser placed a document's positions, e.g. `text/2`.
pub fn parser_id(doc: &Document) -> String {
    let format = if doc.format.trim().is_empty() {
        "text"
    } else {
        doc.format.as_str()
    };
    format!("{format}/{PARSER_VERSION}")
}

/// How a document is recognised: by its content first, then by where it was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    pub fingerprint: String,
    /// `None` for standard input, which is known by content alone.
    pub path: Option<PathBuf>,
}

impl DocKey {
    /// The key of a file. The path is made absolute so the same file opened from two
    /// working directories is one document.
    pub fn for_file(path: &Path, bytes: &[u8]) -> DocKey {
        let path = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf());
        DocKey {
            fingerprint: fingerprint(bytes),
            path: Some(path),
        }
    }

    /// The key of a document read from standard input.
    pub fn for_stdin(bytes: &[u8]) -> DocKey {
        DocKey {
            fingerprint: fingerprint(bytes),
            path: None,
        }
    }

    /// What to call the document when it has no title of its own.
    pub(crate) fn title_for(&self, doc: &Document) -> String {
        if let Some(t) = doc.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return t.to_string();
        }
        match self.path.as_deref().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => "standard input".to_string(),
        }
    }
}

/// Everything remembered about one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    pub fingerprint: String,
    /// Where it was last opened from; kept (not cleared) when it is later read from stdin.
    #[serde(default, with = "lossy_path")]
    pub path: Option<PathBuf>,
    /// Every path this content was opened from and not since seen with other content
    /// (identical copies share a record). A path belongs to at most one record. `None`
    /// in a file written before paths were listed: then `path` is the only one.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "lossy_paths")]
    pub paths: Option<Vec<PathBuf>>,
    #[serde(default)]
    pub title: String,
    /// The parser (format and `PARSER_VERSION`) whose source offsets the positions use,
    /// e.g. `text/2`; empty for a record migrated from version 1 and not opened since.
    #[serde(default)]
    pub parser: String,
    /// The document's own metadata, for the library and for citations.
    #[serde(default)]
    pub meta: DocMeta,
    /// In reading order.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub last_position: Option<LastPosition>,
    /// The address a fetched document came from (`https://…`), for citations; the path
    /// is then the cached copy's. Set by whatever fetched it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What the document says about itself (not the file name fallback of `title`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub series: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    /// ISO 8601 (`2024-05-29`) when the document's date could be understood.
    #[serde(default)]
    pub date: Option<String>,
    /// The input format (`text`, later `markdown`, `html`).
    #[serde(default)]
    pub format: String,
}

impl DocMeta {
    pub fn of(doc: &Document) -> DocMeta {
        let m = &doc.meta;
        let some = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        DocMeta {
            title: some(&m.title),
            series: some(&m.series),
            number: some(&m.number),
            date: some(&m.date),
            format: if doc.format.trim().is_empty() {
                "text".to_string()
            } else {
                doc.format.clone()
            },
        }
    }
}

impl DocRecord {
    pub(crate) fn new(key: &DocKey, title: String, doc: &Document) -> DocRecord {
        DocRecord {
            fingerprint: key.fingerprint.clone(),
            path: key.path.clone(),
            paths: Some(key.path.iter().cloned().collect()),
            title,
            parser: parser_id(doc),
            meta: DocMeta::of(doc),
            bookmarks: Vec::new(),
            last_position: None,
            // A fetched document's key holds its address where a file's holds its path.
            url: key
                .path
                .as_deref()
                .and_then(Path::to_str)
                .filter(|p| crate::fetch::is_url(p))
                .map(str::to_owned),
        }
    }

    /// Brings title, parser and metadata up to date with `doc`; whether anything changed.
    pub(crate) fn describe(&mut self, title: &str, doc: &Document) -> bool {
        let (parser, meta) = (parser_id(doc), DocMeta::of(doc));
        let changed = self.title != title || self.parser != parser || self.meta != meta;
        self.title = title.to_string();
        self.parser = parser;
        self.meta = meta;
        changed
    }

    /// The paths this record answers to (see `paths`).
    pub fn known_paths(&self) -> Vec<&Path> {
        match &self.paths {
            Some(paths) => paths.iter().map(PathBuf::as_path).collect(),
            None => self.path.as_deref().into_iter().collect(),
        }
    }

    /// Whether the record answers to `path`.
    pub fn has_path(&self, path: &Path) -> bool {
        self.known_paths().into_iter().any(|p| same_path(p, path))
    }

    /// Adds `path` to the record's paths and makes it the last opened; whether anything
    /// changed.
    pub(crate) fn add_path(&mut self, path: &Path) -> bool {
        let mut paths: Vec<PathBuf> = self
            .known_paths()
            .into_iter()
            .map(Path::to_path_buf)
            .collect();
        let listed = paths.iter().any(|p| same_path(p, path));
        if !listed {
            paths.push(path.to_path_buf());
        }
        let last = self.path.as_deref().is_some_and(|p| same_path(p, path));
        let changed = !listed || !last || self.paths.is_none();
        self.paths = Some(paths);
        self.path = Some(path.to_path_buf());
        changed
    }

    /// Takes `path` off the record's paths (it now holds other content). `path`, the last
    /// place it was opened from, is kept for display. Whether anything changed.
    pub(crate) fn drop_path(&mut self, path: &Path) -> bool {
        if !self.has_path(path) {
            return false;
        }
        let paths = self
            .known_paths()
            .into_iter()
            .filter(|p| !same_path(p, path))
            .map(Path::to_path_buf)
            .collect::<Vec<_>>();
        // The last-opened path (what the list, exports and a version-1 reader show) must
        // not stay on a file the record no longer answers to.
        if self.path.as_deref().is_some_and(|p| same_path(p, path)) {
            self.path = paths.last().cloned();
        }
        self.paths = Some(paths);
        true
    }

    /// Latest moment anything was saved for it; picks between records sharing a path.
    pub(crate) fn last_active(&self) -> u64 {
        let bm = self.bookmarks.iter().map(|b| b.created).max().unwrap_or(0);
        bm.max(self.last_position.as_ref().map_or(0, |l| l.updated))
    }

    /// Puts the bookmarks in reading order of `doc`. Positions are read from the stored
    /// source positions (the record was verified against `doc` when it was opened), so
    /// this works on a record just read from disk, whose `at` fields are not set.
    pub(crate) fn sort_bookmarks(&mut self, doc: &Document) {
        let key = |b: &Bookmark| {
            b.pos
                .and_then(|p| doc.locate(&p))
                .or(b.legacy)
                .unwrap_or(b.at)
        };
        self.bookmarks
            .sort_by_cached_key(|b| (key(b), b.created, b.id.clone()));
    }
}

/// A remembered place with the reader's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique within the store; stable across renames, moves and re-anchoring.
    pub id: String,
    pub label: String,
    /// The first characters of the unit text from `pos`, used to find the passage again
    /// when the document changes.
    pub excerpt: String,
    /// Where the passage is, named by the source (survives a re-parse). `None` only for a
    /// bookmark migrated from version 1 whose document has not been opened since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<SourcePos>,
    /// The version-1 position (a unit number), kept until the document is next opened and
    /// the bookmark is placed by its excerpt near it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy: Option<DocPos>,
    /// Where it is in the document it was placed in (`load_doc`, `Bookmark::new`). Not
    /// stored: a unit number only means something for one parse.
    #[serde(skip)]
    pub at: DocPos,
    /// How far through the document, in reading order (0–100).
    #[serde(default)]
    pub percent: u8,
    /// Unix seconds.
    pub created: u64,
    /// The passage was not found in the current version of the document. `pos`/`at` are
    /// then only a guess (kept within the document).
    #[serde(default)]
    pub lost: bool,
    /// With `lost`: not "nothing similar" but two passages about equally similar, so the
    /// bookmark was left unplaced rather than risk the wrong one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ambiguous: bool,
    /// Set by `load_doc` when the passage was found somewhere other than where it was
    /// saved (the document was edited). Not stored.
    #[serde(skip)]
    pub moved: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How many characters of the passage a bookmark keeps.
pub const EXCERPT_CHARS: usize = 120;

impl Bookmark {
    /// A bookmark at `pos` (clamped into the document), made at `now` (unix seconds).
    pub fn new(doc: &Document, pos: DocPos, label: &str, now: u64) -> Bookmark {
        Bookmark::with_percent(doc, pos, label, now, |at| doc.percent_of(at))
    }

    /// As `new`, the percentage of the clamped place given by `percent_of`: the reader
    /// holds the document's reading offsets already (`App::percent_of`), where
    /// `Document::percent_of` goes through every unit, on the key that makes the bookmark.
    pub fn with_percent(
        doc: &Document,
        pos: DocPos,
        label: &str,
        now: u64,
        percent_of: impl FnOnce(DocPos) -> u8,
    ) -> Bookmark {
        let pos = super::texts::clamp(doc, pos);
        Bookmark {
            id: new_id(now),
            label: label.to_string(),
            excerpt: super::texts::excerpt(doc, pos),
            pos: Some(doc.source_pos(pos)),
            legacy: None,
            at: pos,
            percent: percent_of(pos),
            created: now,
            lost: false,
            ambiguous: false,
            moved: false,
        }
    }
}

/// The saved reading position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPosition {
    /// As for a bookmark: the source position, `None` only when migrated from version 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<SourcePos>,
    /// The version-1 position, until the document is next opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy: Option<DocPos>,
    /// Where it is in the document it was placed in; not stored.
    #[serde(skip)]
    pub at: DocPos,
    /// As shown on the status line when it was saved.
    pub percent: u8,
    /// Unix seconds.
    pub updated: u64,
    /// Lets the position follow its passage when the document changes, like a bookmark.
    #[serde(default)]
    pub excerpt: String,
}

/// Ids must not collide between threads or between sidenote processes saving at the same
/// second: time, process id and a per-process counter together are unique.
pub(crate) fn new_id(now: u64) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{now:x}-{:x}-{n:x}", std::process::id())
}

/// `bookmarks.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarksFile {
    pub version: u64,
    #[serde(default)]
    pub documents: Vec<DocRecord>,
    /// Read from a version-1 file: its bytes are kept as `bookmarks.v1.json` before the
    /// first write.
    #[serde(skip)]
    pub(crate) migrated_from: Option<u64>,
}

impl Default for BookmarksFile {
    fn default() -> Self {
        BookmarksFile {
            version: FORMAT_VERSION,
            documents: Vec::new(),
            migrated_from: None,
        }
    }
}

/// Where a version-1 `bookmarks.json` is kept when it is first rewritten as version 2.
pub const BOOKMARKS_V1_BACKUP: &str = "bookmarks.v1.json";

/// A store file: its current version, and how older versions are read.
pub(crate) trait Versioned: Serialize + serde::de::DeserializeOwned + Default {
    const VERSION: u64;

    /// Reads a file of an older `version` (at least 1); `Err` is the reason it is damaged.
    fn from_older(version: u64, bytes: &[u8]) -> Result<Self, String> {
        let _ = bytes;
        Err(format!("unknown format version {version}"))
    }

    /// The name to keep the file's old bytes under before it is first rewritten.
    fn backup_name(&self) -> Option<&'static str> {
        None
    }
}

impl Versioned for BookmarksFile {
    const VERSION: u64 = FORMAT_VERSION;

    fn from_older(version: u64, bytes: &[u8]) -> Result<Self, String> {
        if version != 1 {
            return Err(format!("unknown format version {version}"));
        }
        let v1: v1::BookmarksFile =
            serde_json::from_slice(bytes).map_err(|e| format!("unexpected content: {e}"))?;
        Ok(v1.migrate())
    }

    fn backup_name(&self) -> Option<&'static str> {
        (self.migrated_from == Some(1)).then_some(BOOKMARKS_V1_BACKUP)
    }
}

impl Versioned for HistoryFile {
    const VERSION: u64 = HISTORY_VERSION;
}

/// Version 1 of `bookmarks.json`, as the first release wrote it: positions are unit
/// numbers (`{"unit": 3, "byte": 104}`). Read only, to migrate.
mod v1 {
    use crate::document::DocPos;
    use serde::Deserialize;
    use std::path::PathBuf;

    #[derive(Deserialize)]
    pub(super) struct BookmarksFile {
        #[serde(default)]
        documents: Vec<DocRecord>,
    }

    #[derive(Deserialize)]
    struct DocRecord {
        fingerprint: String,
        #[serde(default, with = "super::lossy_path")]
        path: Option<PathBuf>,
        #[serde(default)]
        title: String,
        #[serde(default)]
        bookmarks: Vec<Bookmark>,
        #[serde(default)]
        last_position: Option<LastPosition>,
    }

    #[derive(Deserialize)]
    struct Bookmark {
        id: String,
        label: String,
        excerpt: String,
        pos: DocPos,
        #[serde(default)]
        percent: u8,
        created: u64,
        #[serde(default)]
        lost: bool,
    }

    #[derive(Deserialize)]
    struct LastPosition {
        pos: DocPos,
        percent: u8,
        updated: u64,
        #[serde(default)]
        excerpt: String,
    }

    impl BookmarksFile {
        /// Every record, label, excerpt, id and date kept; positions kept as `legacy`
        /// until each document is next opened.
        pub(super) fn migrate(self) -> super::BookmarksFile {
            let documents = self
                .documents
                .into_iter()
                .map(|r| super::DocRecord {
                    fingerprint: r.fingerprint,
                    path: r.path,
                    paths: None,
                    title: r.title,
                    parser: String::new(),
                    meta: super::DocMeta::default(),
                    url: None,
                    bookmarks: r
                        .bookmarks
                        .into_iter()
                        .map(|b| super::Bookmark {
                            id: b.id,
                            label: b.label,
                            excerpt: b.excerpt,
                            pos: None,
                            legacy: Some(b.pos),
                            at: b.pos,
                            percent: b.percent,
                            created: b.created,
                            lost: b.lost,
                            ambiguous: false,
                            moved: false,
                        })
                        .collect(),
                    last_position: r.last_position.map(|l| super::LastPosition {
                        pos: None,
                        legacy: Some(l.pos),
                        at: l.pos,
                        percent: l.percent,
                        updated: l.updated,
                        excerpt: l.excerpt,
                    }),
                })
                .collect();
            super::BookmarksFile {
                version: super::FORMAT_VERSION,
                documents,
                migrated_from: Some(1),
            }
        }
    }
}

/// `history.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFile {
    pub version: u64,
    /// Oldest first.
    #[serde(default)]
    pub queries: Vec<String>,
}

impl Default for HistoryFile {
    fn default() -> Self {
        HistoryFile {
            version: HISTORY_VERSION,
            queries: Vec::new(),
        }
    }
}

/// Paths are stored as text. A path that is not valid UTF-8 is stored lossily rather than
/// making the whole file unsavable; it is compared the same lossy way (`same_path`).
pub(super) mod lossy_path {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::path::PathBuf;

    pub fn serialize<S: Serializer>(p: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
        match p {
            Some(p) => s.serialize_some(&p.to_string_lossy()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(PathBuf::from))
    }
}

/// `lossy_path` for the list of paths.
pub(super) mod lossy_paths {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::path::PathBuf;

    pub fn serialize<S: Serializer>(p: &Option<Vec<PathBuf>>, s: S) -> Result<S::Ok, S::Error> {
        match p {
            Some(p) => s.collect_seq(p.iter().map(|p| p.to_string_lossy())),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<PathBuf>>, D::Error> {
        Ok(Option::<Vec<String>>::deserialize(d)?
            .map(|v| v.into_iter().map(PathBuf::from).collect()))
    }
}

/// Whether two paths name the same place as far as the store can tell.
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    a == b || a.to_string_lossy() == b.to_string_lossy()
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn dropping_the_last_opened_path_moves_it_to_one_the_record_still_has() {
        let doc = Document::default();
        let key = DocKey::for_file(Path::new("/tmp/a.txt"), b"text");
        let mut r = DocRecord::new(&key, "A".into(), &doc);
        r.add_path(Path::new("/tmp/b.txt"));
        assert_eq!(r.path.as_deref(), Some(Path::new("/tmp/b.txt")));
        assert!(r.drop_path(Path::new("/tmp/b.txt")));
        assert_eq!(r.path.as_deref(), Some(Path::new("/tmp/a.txt")));
        assert!(r.drop_path(Path::new("/tmp/a.txt")));
        assert_eq!(r.path, None);
        assert!(r.known_paths().is_empty());
    }
}
