//! What the reader asks of the world outside `update`: put text on the clipboard, open a
//! link, switch mouse capture, write to the store. `update` changes its state in memory
//! at once and only records an [`Effect`]; the event loop performs it after each event,
//! before drawing: on the terminal (OSC 52), the system (the opener) or the store
//! (`crate::perform::store_writes`, which turns a failed write into the status line's
//! message). So state tests see the request without any I/O. What the outside can do is
//! told to the app once, at start, by the terminal layer (`clipboard`, `opener`).

use crate::store::Bookmark;

/// One request for the terminal layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the system clipboard (OSC 52).
    Copy(String),
    /// Open this URL (already sanitised) with the system opener.
    Open(String),
    /// Turn mouse capture on or off.
    Mouse(bool),
    /// Write this to the store (the document's record is `App::doc_key`'s).
    Store(StoreWrite),
}

/// One write to the store, already done in memory by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWrite {
    /// A new bookmark. The store may give it another id, if its own is taken there; the
    /// performer then renames it in memory too (`App::bookmark_stored_as`).
    AddBookmark(Bookmark),
    /// A mark set again elsewhere: the same bookmark (same id) at its new place.
    MoveMark(Bookmark),
    /// Undo or redo put this bookmark back, under its old id.
    RestoreBookmark(Bookmark),
    /// Undo or redo moved a mark: the bookmark as it is now (same id).
    ReplaceBookmark(Bookmark),
    /// A bookmark's new label.
    RenameBookmark { id: String, label: String },
    /// A bookmark removed (from the list, or by undo / redo).
    RemoveBookmark { id: String },
    /// A search query, for the history.
    PushHistory(String),
    /// The note column left shown (`true`) or hidden by `S`.
    SidenotesChoice(bool),
}

impl StoreWrite {
    /// After the store gave a new bookmark another id: a later write about it names it so.
    pub fn rekey(&mut self, old: &str, new: &str) {
        match self {
            StoreWrite::AddBookmark(b)
            | StoreWrite::MoveMark(b)
            | StoreWrite::RestoreBookmark(b)
            | StoreWrite::ReplaceBookmark(b)
                if b.id == old =>
            {
                b.id = new.to_string()
            }
            StoreWrite::RenameBookmark { id, .. } | StoreWrite::RemoveBookmark { id }
                if id == old =>
            {
                *id = new.to_string()
            }
            _ => {}
        }
    }
}

/// The requests not yet performed, and what the terminal and system allow.
#[derive(Debug, Clone)]
pub struct Effects {
    pending: Vec<Effect>,
    /// `Ok` when the terminal takes OSC 52, else why not (shown when `y` cannot copy).
    /// Tests leave it `Ok`; the terminal layer sets the truth.
    pub clipboard: Result<(), String>,
    /// The system opener's name (`xdg-open`, `open`), when there is one. `None` until the
    /// terminal layer looks, so tests need none.
    pub opener: Option<String>,
    /// Whether the mouse is captured (the wheel scrolls, a click selects) or left to the
    /// terminal (its own selection works). `--no-mouse` starts with it off.
    pub mouse: bool,
}

impl Default for Effects {
    fn default() -> Effects {
        Effects {
            pending: Vec::new(),
            clipboard: Ok(()),
            opener: None,
            mouse: true,
        }
    }
}

impl Effects {
    pub fn push(&mut self, effect: Effect) {
        self.pending.push(effect);
    }

    /// The requests made since the last call, oldest first, for the loop to perform.
    pub fn take(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.pending)
    }

    /// Record a write to the store.
    pub fn store(&mut self, write: StoreWrite) {
        self.pending.push(Effect::Store(write));
    }

    /// The store writes made since the last call, oldest first; the terminal's requests
    /// stay pending, in their order, for `take`.
    pub fn take_store_writes(&mut self) -> Vec<StoreWrite> {
        let mut writes = Vec::new();
        self.pending.retain(|e| match e {
            Effect::Store(w) => {
                writes.push(w.clone());
                false
            }
            _ => true,
        });
        writes
    }

    /// The requests made and not yet taken (for tests).
    pub fn pending(&self) -> &[Effect] {
        &self.pending
    }
}
