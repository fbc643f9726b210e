//! The operations the app and CLI call. Each one locks, re-reads and writes (see fsio).

use super::error::{StoreError, StoreWarning};
use super::matching::{claim, resolve};
use super::record::{new_id, Bookmark, BookmarksFile, DocKey, DocRecord, LastPosition};
use super::texts::UnitTexts;
use super::{Store, BOOKMARKS_FILE};
use crate::document::{DocPos, Document};

const SAVE_BOOKMARKS: &str = "save bookmarks";
const READ_BOOKMARKS: &str = "read bookmarks";
const SAVE_POSITION: &str = "save the reading position";

impl Store {
    /// The record for a document being opened, recognised by content or, if it was
    /// edited, by path. Every bookmark and the reading position is located by its source
    /// position and verified against its excerpt (re-placed by the excerpt if it no longer
    /// matches, even when the content is the same); the `at` fields of the result are
    /// valid positions in `doc`. Version-1 records are migrated here. Saving the update is best effort: if the directory cannot be
    /// written, the record is still returned with a `Failed` warning. An `Err` means the
    /// store could not be read at all; reading the document should go on regardless.
    pub fn load_doc(
        &self,
        key: &DocKey,
        doc: &Document,
        now: u64,
    ) -> Result<(DocRecord, Vec<StoreWarning>), StoreError> {
        let texts = UnitTexts::new(doc);
        let title = key.title_for(doc);
        let mut warnings = self.take_warnings();
        let (mut file, lock) =
            self.read::<BookmarksFile>(BOOKMARKS_FILE, READ_BOOKMARKS, now, &mut warnings)?;
        let (record, changed) = resolve(&mut file, key, &title, &texts, now, &mut warnings);
        if changed {
            let saved = lock.and_then(|_lock| {
                super::fsio::write_store_file(&self.bookmarks_path(), &file, SAVE_BOOKMARKS)
            });
            if let Err(e) = saved {
                warnings.push(StoreWarning::Failed(relabel(e, SAVE_BOOKMARKS)));
            }
        }
        Ok((record, warnings))
    }

    /// As `load_doc`, at the store's own time, for a worker thread: the document matched
    /// with its record under `key` (found by the file's stamp when `by_stamp`).
    pub fn match_doc(&self, key: DocKey, by_stamp: bool, doc: &Document) -> Matched {
        let loaded = self.load_doc(&key, doc, self.now());
        Matched {
            key,
            by_stamp,
            loaded,
        }
    }

    /// Adds a bookmark to the document's record (created if new). Returns the id it was
    /// stored under: the bookmark's own, unless another bookmark already has it.
    pub fn add_bookmark(
        &self,
        key: &DocKey,
        doc: &Document,
        bm: Bookmark,
    ) -> Result<String, StoreError> {
        let title = key.title_for(doc);
        self.update(
            BOOKMARKS_FILE,
            SAVE_BOOKMARKS,
            |file: &mut BookmarksFile| {
                let mut bm = bm;
                let taken = |id: &str| {
                    file.documents
                        .iter()
                        .any(|r| r.bookmarks.iter().any(|b| b.id == id))
                };
                while taken(&bm.id) {
                    bm.id = new_id(bm.created);
                }
                let rec = record_mut(file, key, &title, doc);
                let id = bm.id.clone();
                rec.bookmarks.push(bm);
                rec.sort_bookmarks(doc);
                (id, true)
            },
        )
    }

    /// Puts back a removed bookmark under its old id (undo). Nothing happens if a
    /// bookmark with that id is already there.
    pub fn restore_bookmark(
        &self,
        key: &DocKey,
        doc: &Document,
        bm: Bookmark,
    ) -> Result<(), StoreError> {
        let title = key.title_for(doc);
        self.update(
            BOOKMARKS_FILE,
            SAVE_BOOKMARKS,
            |file: &mut BookmarksFile| {
                if file
                    .documents
                    .iter()
                    .any(|r| r.bookmarks.iter().any(|b| b.id == bm.id))
                {
                    return ((), false);
                }
                let rec = record_mut(file, key, &title, doc);
                rec.bookmarks.push(bm);
                rec.sort_bookmarks(doc);
                ((), true)
            },
        )
    }

    /// Removes a bookmark by id and returns it (for undo). Ids are unique in the store, so
    /// one listed by `sidenote bookmarks` is found even if its document's record is not
    /// the one `key` names.
    pub fn remove_bookmark(&self, key: &DocKey, id: &str) -> Result<Option<Bookmark>, StoreError> {
        self.update(
            BOOKMARKS_FILE,
            SAVE_BOOKMARKS,
            |file: &mut BookmarksFile| {
                let Some((r, b)) = find_id(file, key, id) else {
                    return (None, false);
                };
                (Some(file.documents[r].bookmarks.remove(b)), true)
            },
        )
    }

    /// Changes a bookmark's label. Returns whether the bookmark was found.
    pub fn rename_bookmark(&self, key: &DocKey, id: &str, label: &str) -> Result<bool, StoreError> {
        self.update(
            BOOKMARKS_FILE,
            SAVE_BOOKMARKS,
            |file: &mut BookmarksFile| {
                let Some((r, b)) = find_id(file, key, id) else {
                    return (false, false);
                };
                let bm = &mut file.documents[r].bookmarks[b];
                let changed = bm.label != label;
                bm.label = label.to_string();
                (true, changed)
            },
        )
    }

    /// Remembers where the reader is. `percent` is what the status line shows.
    pub fn save_position(
        &self,
        key: &DocKey,
        doc: &Document,
        pos: DocPos,
        percent: u8,
        now: u64,
    ) -> Result<(), StoreError> {
        let pos = super::texts::clamp(doc, pos);
        let last = LastPosition {
            pos: Some(doc.source_pos(pos)),
            legacy: None,
            at: pos,
            percent: percent.min(100),
            updated: now,
            excerpt: super::texts::excerpt(doc, pos),
        };
        let title = key.title_for(doc);
        self.update(BOOKMARKS_FILE, SAVE_POSITION, |file: &mut BookmarksFile| {
            let rec = record_mut(file, key, &title, doc);
            let changed = rec.last_position.as_ref().is_none_or(|old| {
                let mut old = old.clone();
                old.at = last.at;
                old != last
            });
            rec.last_position = Some(last);
            ((), changed)
        })
    }

    /// The record for `key` as stored, without changing anything: by fingerprint, else
    /// the record the path belongs to (an edited file).
    pub fn find_record(&self, key: &DocKey) -> Result<Option<DocRecord>, StoreError> {
        let by_path = |r: &&DocRecord| key.path.as_deref().is_some_and(|p| r.has_path(p));
        let all = self.all_records()?;
        let found = all
            .iter()
            .find(|r| r.fingerprint == key.fingerprint)
            .or_else(|| all.iter().filter(by_path).max_by_key(|r| r.last_active()));
        Ok(found.cloned())
    }

    /// Every document record, in the order they were first stored.
    pub fn all_records(&self) -> Result<Vec<DocRecord>, StoreError> {
        let mut warnings = Vec::new();
        let read =
            self.read::<BookmarksFile>(BOOKMARKS_FILE, READ_BOOKMARKS, self.now(), &mut warnings);
        self.queue(warnings);
        Ok(read?.0.documents)
    }
}

/// A document matched with its record away from the UI thread (`Store::match_doc`):
/// on the first open of a file, `load_doc` tries every stored passage of every other
/// document against the whole text (a moved or edited copy), seconds for a big file.
pub struct Matched {
    pub key: DocKey,
    /// The key came from the file's stamp (its fingerprint is to be checked).
    pub by_stamp: bool,
    pub loaded: Result<(DocRecord, Vec<StoreWarning>), StoreError>,
}

/// The record with the key's fingerprint, created if missing; the key's path is given to
/// it (and taken off any other record).
fn record_mut<'f>(
    file: &'f mut BookmarksFile,
    key: &DocKey,
    title: &str,
    doc: &Document,
) -> &'f mut DocRecord {
    let i = match file
        .documents
        .iter()
        .position(|r| r.fingerprint == key.fingerprint)
    {
        Some(i) => i,
        None => {
            file.documents
                .push(DocRecord::new(key, title.to_string(), doc));
            file.documents.len() - 1
        }
    };
    if let Some(p) = key.path.as_deref() {
        claim(file, i, p);
    }
    &mut file.documents[i]
}

/// (record index, bookmark index) of `id`, looking in the key's record first.
fn find_id(file: &BookmarksFile, key: &DocKey, id: &str) -> Option<(usize, usize)> {
    let in_record = |r: usize| {
        file.documents[r]
            .bookmarks
            .iter()
            .position(|b| b.id == id)
            .map(|b| (r, b))
    };
    let own = file
        .documents
        .iter()
        .position(|r| r.fingerprint == key.fingerprint);
    own.and_then(in_record)
        .or_else(|| (0..file.documents.len()).find_map(in_record))
}

/// Errors found while taking the lock are worded for reading; the failure that matters
/// to the reader here is that the update could not be saved.
fn relabel(e: StoreError, what: &'static str) -> StoreError {
    match e {
        StoreError::ReadOnly { dir, .. } => StoreError::ReadOnly { what, dir },
        StoreError::Full { dir, .. } => StoreError::Full { what, dir },
        StoreError::NotADirectory { dir, .. } => StoreError::NotADirectory { what, dir },
        StoreError::Busy { dir, secs, .. } => StoreError::Busy { what, dir, secs },
        StoreError::Io { path, source, .. } => StoreError::Io { what, path, source },
        StoreError::Damaged { path, reason, .. } => StoreError::Damaged { what, path, reason },
        StoreError::NewerVersion { path, found, .. } => {
            StoreError::NewerVersion { what, path, found }
        }
        other => other,
    }
}
