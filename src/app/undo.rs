//! Deep undo and redo of bookmark changes: every add, removal, rename and mark move of
//! a session, in reverse order, from the reading view (`U`, `Ctrl-r`) and the bookmark
//! list (`u`, `Ctrl-r`). The stack is never cleared within a session; a new change
//! clears what could be redone, as in vim.

use super::effects::StoreWrite;
use super::App;
use crate::store::Bookmark;

/// How many changes undo remembers; the oldest are forgotten beyond it.
pub const UNDO_CAP: usize = 1000;

/// One bookmark change, with what it takes to reverse it exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A bookmark was added (undo removes this id).
    Added(Bookmark),
    /// A bookmark was removed (undo puts it back: same id, label, excerpt, date).
    Removed(Bookmark),
    /// A bookmark's label changed.
    Renamed {
        id: String,
        old: String,
        new: String,
    },
    /// A mark was set again elsewhere: the same bookmark, before and after.
    Moved { before: Bookmark, after: Bookmark },
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct UndoStack {
    pub(super) done: Vec<Change>,
    pub(super) undone: Vec<Change>,
}

impl UndoStack {
    /// Remember a new change; what could be redone is forgotten.
    pub fn push(&mut self, change: Change) {
        self.undone.clear();
        self.done.push(change);
        if self.done.len() > UNDO_CAP {
            let extra = self.done.len() - UNDO_CAP;
            self.done.drain(..extra);
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// How many changes can be undone.
    pub fn depth(&self) -> usize {
        self.done.len()
    }

    /// Every bookmark the stacks would put back, to carry them to a new reading of the
    /// document (`R`): undo must restore a passage, not an offset of the old text.
    pub(super) fn bookmarks_mut(&mut self) -> impl Iterator<Item = &mut Bookmark> {
        self.done
            .iter_mut()
            .chain(self.undone.iter_mut())
            .flat_map(|c| match c {
                Change::Added(b) | Change::Removed(b) => vec![b],
                Change::Moved { before, after } => vec![before, after],
                Change::Renamed { .. } => vec![],
            })
    }

    /// A bookmark got another id from the store: every change about it names the new one.
    pub(super) fn rekey(&mut self, old: &str, new: &str) {
        for c in self.done.iter_mut().chain(self.undone.iter_mut()) {
            match c {
                Change::Renamed { id, .. } if id == old => *id = new.to_string(),
                Change::Renamed { .. } => {}
                Change::Added(b) | Change::Removed(b) => {
                    if b.id == old {
                        b.id = new.to_string();
                    }
                }
                Change::Moved { before, after } => {
                    for b in [before, after] {
                        if b.id == old {
                            b.id = new.to_string();
                        }
                    }
                }
            }
        }
    }
}

impl Change {
    /// The change that reverses this one.
    fn inverse(&self) -> Change {
        match self {
            Change::Added(b) => Change::Removed(b.clone()),
            Change::Removed(b) => Change::Added(b.clone()),
            Change::Renamed { id, old, new } => Change::Renamed {
                id: id.clone(),
                old: new.clone(),
                new: old.clone(),
            },
            Change::Moved { before, after } => Change::Moved {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

impl App {
    /// `U` / `u`: undo the last bookmark change.
    pub(super) fn undo_change(&mut self) {
        let Some(change) = self.undo.done.pop() else {
            self.message = Some("nothing to undo".into());
            return;
        };
        let what = self.apply_change(&change.inverse());
        self.undo.undone.push(change);
        // The list's redo key while the list is open, the reading one otherwise.
        let mode = match self.mode() {
            crate::keymap::Mode::Bookmarks => crate::keymap::Mode::Bookmarks,
            _ => crate::keymap::Mode::Reading,
        };
        let redo = self.keymap.key_in(mode, super::Action::Redo);
        self.message_unless_error(format!("undone: {what} · {redo} redoes"));
    }

    /// `Ctrl-r`: redo the last undone change. `in_list` picks the undo key to name.
    pub(super) fn redo_change(&mut self, in_list: bool) {
        let Some(change) = self.undo.undone.pop() else {
            self.message = Some("nothing to redo".into());
            return;
        };
        let what = self.apply_change(&change);
        self.undo.done.push(change);
        let undo = if in_list {
            self.keymap
                .key_in(crate::keymap::Mode::Bookmarks, super::Action::Undo)
        } else {
            self.keymap.key_for(super::Action::Undo)
        };
        self.message_unless_error(format!("redone: {what} · {undo} undoes"));
    }

    /// Set the message unless one is already there to be read. (A store write's failure
    /// comes later, when the loop performs it, and replaces this message.)
    pub(super) fn message_unless_error(&mut self, text: String) {
        if self.message.is_none() {
            self.message = Some(text);
        }
    }

    /// Make a change happen in memory and ask the loop to write it to the store; returns
    /// what it did, for the status line.
    fn apply_change(&mut self, change: &Change) -> String {
        match change {
            Change::Added(b) => {
                self.put_bookmark(b.clone());
                self.store_write(StoreWrite::RestoreBookmark(b.clone()));
                format!("bookmark «{}» back", b.label)
            }
            Change::Removed(b) => {
                self.bookmarks.retain(|x| x.id != b.id);
                self.store_write(StoreWrite::RemoveBookmark { id: b.id.clone() });
                format!("bookmark «{}» removed", b.label)
            }
            Change::Renamed { id, old, new } => {
                if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == *id) {
                    b.label = new.clone();
                }
                self.store_write(StoreWrite::RenameBookmark {
                    id: id.clone(),
                    label: new.clone(),
                });
                format!("«{old}» named «{new}»")
            }
            Change::Moved { after, .. } => {
                self.put_bookmark(after.clone());
                self.store_write(StoreWrite::ReplaceBookmark(after.clone()));
                format!("mark {} at {}%", after.label, after.percent)
            }
        }
    }

    /// Document order, then creation, then id: the same order every time.
    pub(super) fn sort_bookmarks(&mut self) {
        self.bookmarks
            .sort_by(|a, b| (a.at, a.created, &a.id).cmp(&(b.at, b.created, &b.id)));
    }
}
