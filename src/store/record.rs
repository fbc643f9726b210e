//! What is kept per document, and the versioned files it lives in.
//!
//! Field names are the on-disk JSON format (see docs/storage.md); add fields with
//! `#[serde(default)]` so older files keep loading.

use super::fingerprint::fingerprint;
use super::texts::UnitTexts;
use crate::document::{DocPos, Document};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The format version written into every store file.
pub const FORMAT_VERSION: u64 = 1;

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
    #[serde(default)]
    pub title: String,
    /// In reading order.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub last_position: Option<LastPosition>,
}

impl DocRecord {
    pub(crate) fn new(key: &DocKey, title: String) -> DocRecord {
        DocRecord {
            fingerprint: key.fingerprint.clone(),
            path: key.path.clone(),
            title,
            bookmarks: Vec::new(),
            last_position: None,
        }
    }

    /// Latest moment anything was saved for it; picks between records sharing a path.
    pub(crate) fn last_active(&self) -> u64 {
        let bm = self.bookmarks.iter().map(|b| b.created).max().unwrap_or(0);
        bm.max(self.last_position.as_ref().map_or(0, |l| l.updated))
    }

    pub(crate) fn sort_bookmarks(&mut self) {
        self.bookmarks
            .sort_by(|a, b| (a.pos, a.created, &a.id).cmp(&(b.pos, b.created, &b.id)));
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
    pub pos: DocPos,
    /// How far through the document, by text length (0–100).
    #[serde(default)]
    pub percent: u8,
    /// Unix seconds.
    pub created: u64,
    /// The passage was not found in the current version of the document. `pos` is then
    /// only a guess (kept within the document).
    #[serde(default)]
    pub lost: bool,
}

/// How many characters of the passage a bookmark keeps.
pub const EXCERPT_CHARS: usize = 120;

impl Bookmark {
    /// A bookmark at `pos` (clamped into the document), made at `now` (unix seconds).
    pub fn new(doc: &Document, pos: DocPos, label: &str, now: u64) -> Bookmark {
        let texts = UnitTexts::new(doc);
        let pos = texts.clamp(pos);
        Bookmark {
            id: new_id(now),
            label: label.to_string(),
            excerpt: texts.excerpt(pos),
            pos,
            percent: texts.percent(pos),
            created: now,
            lost: false,
        }
    }
}

/// The saved reading position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPosition {
    pub pos: DocPos,
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
}

impl Default for BookmarksFile {
    fn default() -> Self {
        BookmarksFile {
            version: FORMAT_VERSION,
            documents: Vec::new(),
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
            version: FORMAT_VERSION,
            queries: Vec::new(),
        }
    }
}

/// Paths are stored as text. A path that is not valid UTF-8 is stored lossily rather than
/// making the whole file unsavable; it is compared the same lossy way (`same_path`).
mod lossy_path {
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

/// Whether two paths name the same place as far as the store can tell.
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    a == b || a.to_string_lossy() == b.to_string_lossy()
}
