//! The reader session's side of the library: `L` goes back to it (only when the reader
//! came from one), a close records when and how long the document was read, the
//! library's bookmark list opens a document at a passage, and a record found by the
//! file's stamp is checked against the content's fingerprint.

use super::App;
use crate::store::{Closing, DocKey};

impl App {
    /// The session starts now (for the reading time recorded on close).
    pub fn mark_opened(&mut self) {
        self.opened_at = Some((self.clock)());
    }

    /// `L`: back to the library, when the reader came from one.
    pub(super) fn back_to_library(&mut self) {
        if self.from_library {
            self.back_requested = true;
        } else {
            self.message = Some("no library to go back to (sidenote DIR opens one)".into());
        }
    }

    /// The document is closed (quit, `L`, a signal): the reading position is saved if the
    /// reader moved, and the visit (when, for how long, how far) is recorded. Opening
    /// alone writes nothing: without `mark_opened` no visit is recorded.
    pub fn close(&self) -> Result<(), String> {
        let saved = self.save_position();
        let (Some(store), Some(key), Some(opened)) = (&self.store, &self.doc_key, self.opened_at)
        else {
            return saved;
        };
        let now = (self.clock)();
        let visit = store.record_close(&Closing {
            key,
            doc: &self.doc,
            stamp: self.stamp,
            percent: self.percent(),
            now,
            secs: now.saturating_sub(opened),
        });
        saved.and(visit.map_err(|e| e.to_string()))
    }

    /// Opened from the library's list of bookmarks: go to the bookmark with this id.
    pub fn open_at_bookmark(&mut self, id: &str) {
        let Some(bm) = self.bookmarks.iter().find(|b| b.id == id).cloned() else {
            self.message = Some("that bookmark is no longer in this document".into());
            return;
        };
        // As from the bookmark list: `Backspace` then goes back to where it opened.
        self.go_to_bookmark(&bm);
    }

    /// The content's fingerprint, computed after the record was found by the file's path,
    /// size and modification time. The same: nothing to do. Different (the file was
    /// changed without its size or time showing it): the document is recognised again as
    /// an edited file, its bookmarks re-anchored, the page kept where it is.
    pub fn verify_identity(&mut self, fingerprint: String) {
        let (Some(store), Some(key)) = (self.store.clone(), self.doc_key.clone()) else {
            return;
        };
        if key.fingerprint == fingerprint {
            return;
        }
        let fresh = DocKey {
            fingerprint,
            path: key.path,
        };
        let keep = self.top_pos();
        let message = self.message.take();
        self.attach_store(store, fresh);
        let row = self.row_of_pos(keep);
        self.set_top(row);
        if self.message.is_none() {
            self.message = message;
        }
    }
}
