//! `R`: the document read again from disk, keeping the place; and the notice when the
//! file changed under the reader. The reading itself (a stat, the file's bytes) is the
//! event loop's (`crate::watch`): here only the state changes.

use super::search::{IndexSlot, SearchState, BACKGROUND_INDEX_BYTES};
use super::{App, JumpList};
use crate::document::{Document, LineIndex};
use crate::layout::LayoutCache;
use crate::store::{carry_position, DocKey};
use std::cell::RefCell;
use std::sync::Arc;

impl App {
    /// `R`: ask the event loop to read the file again (documents from standard input or
    /// the built-in sample have nothing to read again).
    pub(super) fn request_reload(&mut self) {
        if self.file_path.is_none() {
            // A page read from an address is reloaded by fetching it again, which the
            // reader leaves to the command line (and the cache it keeps).
            let name = &self.source.name;
            self.message = Some(if crate::fetch::is_url(name) {
                format!("nothing to reload from disk: sidenote {name} --refresh fetches it again")
            } else {
                format!("nothing to reload: {name} is not a file")
            });
            return;
        }
        self.reload_requested = true;
        self.message = Some("reloading…".into());
    }

    /// The event loop saw the file change on disk (its size or time): offer to reload.
    pub fn notice_file_changed(&mut self) {
        self.changed_on_disk = true;
        self.message = Some(format!(
            "file changed on disk — {} to reload",
            self.keymap.key_for(super::Action::Reload)
        ));
    }

    /// The event loop found the file gone (deleted or renamed): the text stays open.
    pub fn notice_file_gone(&mut self) {
        self.changed_on_disk = true;
        self.message = Some("the file is no longer on disk (the text stays open)".into());
    }

    /// The event loop could not read the file again: say why, keep the page as it was.
    pub fn reload_failed(&mut self, why: String) {
        self.message = Some(format!("not reloaded: {why}"));
    }

    /// `doc` in place of the document, with everything worked out from the old one
    /// dropped or worked out again: the layouts, links, landmarks, reading offsets and
    /// the search index. Shared by `R` and by a big file's whole reading replacing its
    /// preview, so neither keeps a cache of the old text.
    pub(super) fn put_document(&mut self, doc: Document) {
        self.doc = Arc::new(doc);
        self.cache = RefCell::new(LayoutCache::new());
        self.note_cache = RefCell::default();
        self.link_cache = RefCell::default();
        self.landmark_cache = RefCell::default();
        self.unit_offsets = self.doc.reading_offsets();
        self.text_bytes = self.doc.text_bytes();
        self.index = IndexSlot::NotBuilt;
    }

    /// Put a new reading of the same file in place of the document: the passage at the
    /// top of the page stays there (found again by its source position and its words, as
    /// bookmarks are), bookmarks are re-anchored the way the store re-anchors them for an
    /// edited file, and the last search is run again. The jump list, the selection and
    /// overlays belong to the old text and are dropped.
    pub fn replace_document(&mut self, doc: Document, bytes: &[u8]) {
        let old = Arc::clone(&self.doc);
        let keep = carry_position(&old, self.top_pos(), &doc);
        self.put_document(doc);
        self.lines = Some(LineIndex::new(bytes));
        self.overlays.clear();
        self.selected = None;
        self.jumps = JumpList::default();
        self.nav_cursor = None;
        self.hscroll = 0;
        self.pending_number.clear();
        self.changed_on_disk = false;

        // What undo would put back is carried like the session's bookmarks: by passage.
        for bm in self.undo.bookmarks_mut() {
            bm.at = carry_position(&old, bm.at, &self.doc);
            bm.pos = Some(self.doc.source_pos(bm.at));
        }
        let mut notice = None;
        match (self.store.clone(), self.file_path.clone()) {
            (Some(store), Some(path)) => {
                // The store knows the edited file by its path and re-anchors every
                // bookmark by its passage, as when the file is opened.
                let key = DocKey::for_file(&path, bytes);
                match store.load_doc(&key, &self.doc, (self.clock)()) {
                    Ok((record, warnings)) => {
                        self.bookmarks = record.bookmarks;
                        notice = warnings.first().map(ToString::to_string);
                    }
                    Err(e) => notice = Some(e.to_string()),
                }
                self.doc_key = Some(key);
            }
            _ => {
                // No store: the session's bookmarks are carried over the same way.
                for bm in &mut self.bookmarks {
                    bm.at = carry_position(&old, bm.at, &self.doc);
                    bm.pos = Some(self.doc.source_pos(bm.at));
                }
            }
        }

        if let Some(s) = self.search.take() {
            self.search = self.rerun_search(s);
        }
        let row = self.row_of_pos(keep);
        self.set_top(row);
        let marks = notice.unwrap_or_else(|| match self.bookmarks.len() {
            0 => String::new(),
            1 => "1 bookmark placed".to_string(),
            n => format!("{n} bookmarks placed"),
        });
        self.message = Some(if marks.is_empty() {
            format!("reloaded {}", self.source.name)
        } else {
            format!("reloaded {} · {marks}", self.source.name)
        });
    }

    /// The last search on the new text (none on a big document, whose index is built in
    /// the background again; `n` then says there is no search).
    fn rerun_search(&mut self, old: SearchState) -> Option<SearchState> {
        if self.doc_bytes() > BACKGROUND_INDEX_BYTES {
            self.start_index_in_background();
            return None;
        }
        let index = if old.opts.regex {
            Arc::new(crate::search::SearchIndex::default())
        } else {
            let built = Arc::new(crate::search::SearchIndex::build(&self.doc));
            self.index = IndexSlot::Ready(Arc::clone(&built));
            built
        };
        let matches = crate::search::search(&self.doc, &index, &old.query, old.opts).ok()?;
        Some(SearchState {
            matches,
            current: None,
            partial: false,
            ..old
        })
    }
}
