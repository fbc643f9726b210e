//! What the library needs that bookmarks do not: when each document was last closed, how
//! long it was read, and the file's size and modification time when it was read, so a
//! document's record is found by its path before its content is hashed (issue 14).
//!
//! Kept in its own file (`library.json`) rather than in `bookmarks.json`, so that opening
//! a document and closing it at once still leaves `bookmarks.json` byte for byte (the
//! saved place is untouched); the visit is written on close. `forget` removes a document
//! from both, after copying its record to `forgotten.json`.

use super::record::{lossy_path, same_path, BookmarksFile, DocKey, DocMeta, DocRecord, Versioned};
use super::{Store, StoreError, BOOKMARKS_FILE};
use crate::document::Document;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The visits file in the store directory.
pub const LIBRARY_FILE: &str = "library.json";
/// Records of forgotten documents, bookmarks and all, newest last.
pub const FORGOTTEN_FILE: &str = "forgotten.json";
/// The format version of both.
pub const LIBRARY_VERSION: u64 = 1;

const SAVE_LIBRARY: &str = "save the library";
const READ_LIBRARY: &str = "read the library";
const FORGET: &str = "forget the document";

/// A file's size and modification time, as read when it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch (0 when the file system gives no time).
    pub mtime_ns: u64,
}

impl FileStamp {
    /// The stamp of the file at `path` now, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp::from_time(meta.len(), meta.modified().ok()))
    }

    /// The stamp of a file of `size` bytes modified at `modified`.
    pub fn from_time(size: u64, modified: Option<std::time::SystemTime>) -> FileStamp {
        let mtime_ns = modified
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        FileStamp { size, mtime_ns }
    }
}

/// One document as the library remembers it: a file by its path, standard input by its
/// fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// The content's fingerprint when it was last closed.
    pub fingerprint: String,
    #[serde(default, with = "lossy_path")]
    pub path: Option<PathBuf>,
    /// The file's stamp when it was read (none for standard input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<FileStamp>,
    /// Unix seconds when the document was last closed.
    pub last_opened: u64,
    /// Seconds the document was open, over every session.
    #[serde(default)]
    pub reading_secs: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub meta: DocMeta,
    /// How far through the reader was when it closed (0–100).
    #[serde(default)]
    pub percent: u8,
}

/// `library.json`: `{"version": 1, "visits": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryFile {
    pub version: u64,
    #[serde(default)]
    pub visits: Vec<Visit>,
}

impl Default for LibraryFile {
    fn default() -> Self {
        LibraryFile {
            version: LIBRARY_VERSION,
            visits: Vec::new(),
        }
    }
}

impl Versioned for LibraryFile {
    const VERSION: u64 = LIBRARY_VERSION;
}

/// A forgotten document's record, with when it was forgotten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forgotten {
    pub forgotten: u64,
    pub record: DocRecord,
}

/// `forgotten.json`: `{"version": 1, "documents": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgottenFile {
    pub version: u64,
    #[serde(default)]
    pub documents: Vec<Forgotten>,
}

impl Default for ForgottenFile {
    fn default() -> Self {
        ForgottenFile {
            version: LIBRARY_VERSION,
            documents: Vec::new(),
        }
    }
}

impl Versioned for ForgottenFile {
    const VERSION: u64 = LIBRARY_VERSION;
}

/// What one close of a document records.
#[derive(Debug, Clone)]
pub struct Closing<'a> {
    pub key: &'a DocKey,
    pub doc: &'a Document,
    pub stamp: Option<FileStamp>,
    pub percent: u8,
    /// Unix seconds now.
    pub now: u64,
    /// Seconds it was open this time.
    pub secs: u64,
}

impl Visit {
    fn is_for(&self, key: &DocKey) -> bool {
        match (&self.path, &key.path) {
            (Some(a), Some(b)) => same_path(a, b),
            (None, None) => self.fingerprint == key.fingerprint,
            _ => false,
        }
    }
}

impl Store {
    pub fn library_path(&self) -> PathBuf {
        self.dir().join(LIBRARY_FILE)
    }

    pub fn forgotten_path(&self) -> PathBuf {
        self.dir().join(FORGOTTEN_FILE)
    }

    /// Records that a document was closed: when, for how long in all, its stamp, title
    /// and progress. The visit of a file is found by its path, so an edited file keeps
    /// its reading time.
    pub fn record_close(&self, c: &Closing<'_>) -> Result<(), StoreError> {
        let title = c.key.title_for(c.doc);
        let meta = DocMeta::of(c.doc);
        self.update(LIBRARY_FILE, SAVE_LIBRARY, |file: &mut LibraryFile| {
            let i = match file.visits.iter().position(|v| v.is_for(c.key)) {
                Some(i) => i,
                None => {
                    file.visits.push(Visit {
                        fingerprint: c.key.fingerprint.clone(),
                        path: c.key.path.clone(),
                        stamp: None,
                        last_opened: 0,
                        reading_secs: 0,
                        title: String::new(),
                        meta: DocMeta::default(),
                        percent: 0,
                    });
                    file.visits.len() - 1
                }
            };
            let v = &mut file.visits[i];
            v.fingerprint = c.key.fingerprint.clone();
            v.stamp = c.stamp;
            v.last_opened = c.now;
            v.reading_secs = v.reading_secs.saturating_add(c.secs);
            v.title = title;
            v.meta = meta;
            v.percent = c.percent.min(100);
            ((), true)
        })
    }

    /// Every visit, in the order first recorded. Reading changes nothing.
    pub fn visits(&self) -> Result<Vec<Visit>, StoreError> {
        let mut warnings = Vec::new();
        let read = self.read::<LibraryFile>(LIBRARY_FILE, READ_LIBRARY, self.now(), &mut warnings);
        self.queue(warnings);
        Ok(read?.0.visits)
    }

    /// The document's key as last recorded for this path, when the file's size and
    /// modification time are still what they were: the record can be found before the
    /// content is hashed. The fingerprint must still be checked (`verify` in the app);
    /// a different one is treated as an edited file.
    pub fn key_by_stamp(&self, path: &Path, stamp: FileStamp) -> Option<DocKey> {
        let path = canonical(path);
        let visits = self.visits().ok()?;
        visits
            .into_iter()
            .find(|v| v.path.as_deref().is_some_and(|p| same_path(p, &path)))
            .filter(|v| v.stamp == Some(stamp))
            .map(|v| DocKey {
                fingerprint: v.fingerprint,
                path: Some(path),
            })
    }

    /// What the store knows of a file before reading it (no hashing, nothing changed):
    /// its key and record as stored, when its stamp is what was last recorded
    /// (`key_by_stamp`; the record may be `None`: a visit without bookmarks or a saved
    /// place). A big file opens at its saved place from this, before the whole parse.
    pub fn record_by_stamp(
        &self,
        path: &Path,
        stamp: FileStamp,
    ) -> Option<(DocKey, Option<DocRecord>)> {
        let key = self.key_by_stamp(path, stamp)?;
        let record = self
            .all_records()
            .ok()?
            .into_iter()
            .find(|r| r.fingerprint == key.fingerprint);
        Some((key, record))
    }

    /// Whether a record holds bookmarks or a place for this path (the file may have been
    /// edited since: its record is then found again by path once it is read whole).
    pub fn path_has_record(&self, path: &Path) -> bool {
        let path = canonical(path);
        self.all_records()
            .is_ok_and(|all| all.iter().any(|r| r.has_path(&path)))
    }

    /// Forgets a document: its record (bookmarks, position) and its visits go, after the
    /// record is appended to `forgotten.json`. `fingerprint` names the record; `path`
    /// the visit of a file whose record may have none. Returns how many bookmarks were
    /// kept in the backup.
    pub fn forget(
        &self,
        fingerprint: &str,
        path: Option<&Path>,
        now: u64,
    ) -> Result<usize, StoreError> {
        let matches =
            |r: &DocRecord| r.fingerprint == fingerprint || path.is_some_and(|p| r.has_path(p));
        // The backup is written first, so a failure later never loses a bookmark.
        let snapshot: Vec<DocRecord> = self
            .all_records()?
            .into_iter()
            .filter(|r| matches(r))
            .collect();
        if !snapshot.is_empty() {
            self.backup(&snapshot, now)?;
        }
        let removed = self.update(BOOKMARKS_FILE, FORGET, |file: &mut BookmarksFile| {
            let (gone, kept): (Vec<DocRecord>, Vec<DocRecord>) =
                std::mem::take(&mut file.documents)
                    .into_iter()
                    .partition(|r| matches(r));
            file.documents = kept;
            let changed = !gone.is_empty();
            (gone, changed)
        })?;
        // Another sidenote changed the record between the backup and the removal: keep
        // what was actually removed too.
        let late: Vec<DocRecord> = removed
            .iter()
            .filter(|r| !snapshot.contains(r))
            .cloned()
            .collect();
        if !late.is_empty() {
            self.backup(&late, now)?;
        }
        self.update(LIBRARY_FILE, FORGET, |file: &mut LibraryFile| {
            let before = file.visits.len();
            file.visits.retain(|v| {
                v.fingerprint != fingerprint
                    && !(path.is_some_and(|p| v.path.as_deref().is_some_and(|q| same_path(p, q))))
            });
            ((), file.visits.len() != before)
        })?;
        Ok(removed.iter().map(|r| r.bookmarks.len()).sum())
    }

    fn backup(&self, records: &[DocRecord], now: u64) -> Result<(), StoreError> {
        self.update(FORGOTTEN_FILE, FORGET, |file: &mut ForgottenFile| {
            for r in records {
                file.documents.push(Forgotten {
                    forgotten: now,
                    record: r.clone(),
                });
            }
            ((), true)
        })
    }

    /// Every forgotten record, oldest first.
    pub fn forgotten(&self) -> Result<Vec<Forgotten>, StoreError> {
        let mut warnings = Vec::new();
        let read =
            self.read::<ForgottenFile>(FORGOTTEN_FILE, READ_LIBRARY, self.now(), &mut warnings);
        self.queue(warnings);
        Ok(read?.0.documents)
    }
}

/// A path as the store keeps it (absolute, canonical when it exists), as `DocKey` does.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}
