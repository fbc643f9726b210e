//! Store operations for undo and redo in the reader: put a bookmark back exactly as it
//! was (same id, label, excerpt, position, date). Same lock / re-read / atomic write
//! pattern as `ops.rs`.

use super::error::StoreError;
use super::record::{Bookmark, BookmarksFile, DocKey, DocRecord};
use super::{Store, BOOKMARKS_FILE};
use crate::document::Document;

const SAVE_BOOKMARKS: &str = "save bookmarks";

impl Store {
    /// Makes the stored bookmark with `bm.id` equal to `bm` (a mark moved, or moved
    /// back by undo). If no bookmark has that id any more, `bm` is added to the key's
    /// record under it. Returns whether a bookmark with the id was found.
    pub fn replace_bookmark(
        &self,
        key: &DocKey,
        doc: &Document,
        bm: Bookmark,
    ) -> Result<bool, StoreError> {
        let title = key.title_for(doc);
        self.update(
            BOOKMARKS_FILE,
            SAVE_BOOKMARKS,
            |file: &mut BookmarksFile| {
                let found = file.documents.iter_mut().find_map(|r| {
                    let i = r.bookmarks.iter().position(|b| b.id == bm.id)?;
                    Some((r, i))
                });
                match found {
                    Some((rec, i)) => {
                        let changed = rec.bookmarks[i] != bm;
                        rec.bookmarks[i] = bm;
                        if changed {
                            rec.sort_bookmarks(doc);
                        }
                        (true, changed)
                    }
                    None => {
                        let i = match file
                            .documents
                            .iter()
                            .position(|r| r.fingerprint == key.fingerprint)
                        {
                            Some(i) => i,
                            None => {
                                file.documents.push(DocRecord::new(key, title, doc));
                                file.documents.len() - 1
                            }
                        };
                        let rec = &mut file.documents[i];
                        rec.bookmarks.push(bm);
                        rec.sort_bookmarks(doc);
                        (false, true)
                    }
                }
            },
        )
    }
}
