//! Bookmarks in the reader: mark the passage being read, list, jump, delete (with undo),
//! rename, and resume where the reader stopped. Persistence is `crate::store`; when there
//! is no usable store, bookmarks live for the session and the status line says why.

use super::line_edit::LineEdit;
use super::{Action, App, Overlay, Target};
use crate::document::{DocPos, Part};
use crate::store::{Bookmark, DocKey, Store};

/// Words of the passage used as a bookmark's default label.
const DEFAULT_LABEL_WORDS: usize = 6;

/// What the label prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelFor {
    /// A new bookmark at this position.
    New(DocPos),
    /// Renaming the bookmark with this id.
    Rename(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelPrompt {
    pub edit: LineEdit,
    pub purpose: LabelFor,
    /// Shown greyed when the field is empty: what `Enter` alone will use.
    pub default: String,
}

impl App {
    /// Attach a store and the document's key; loads bookmarks and the last position.
    /// Returns the saved reading position, if any.
    pub fn attach_store(&mut self, store: Store, key: DocKey) -> Option<DocPos> {
        let now = (self.clock)();
        let mut resume = None;
        match store.load_doc(&key, &self.doc, now) {
            Ok((record, warnings)) => {
                self.bookmarks = record.bookmarks;
                resume = record.last_position.map(|p| p.at);
                if let Some(w) = warnings.first() {
                    self.message = Some(w.to_string());
                }
            }
            Err(e) => self.message = Some(e.to_string()),
        }
        self.history = store.history();
        self.store = Some(store);
        self.doc_key = Some(key);
        resume
    }

    /// Open at a saved position with a short notice, like an e-reader.
    pub fn resume_at(&mut self, pos: DocPos) {
        if pos == DocPos::default() {
            return;
        }
        let row = self.row_of_pos(pos);
        self.set_top(row);
        if self.message.is_none() {
            self.message = Some(format!("resumed at {}%", self.percent()));
        }
    }

    /// Save the reading position (on quit and on signals). The error is for the caller
    /// to show, since the screen may already be gone.
    pub fn save_position(&self) -> Result<(), String> {
        let (Some(store), Some(key)) = (&self.store, &self.doc_key) else {
            return Ok(());
        };
        let now = (self.clock)();
        store
            .save_position(key, &self.doc, self.top_pos(), self.percent(), now)
            .map_err(|e| e.to_string())
    }

    /// The unit a new bookmark goes to: the selected anchor's block, else the block at
    /// the top of the view (the first body block when the header is at the top).
    fn passage_unit(&self) -> usize {
        if let Some(t) = self.selected.filter(|t| t.exists(&self.doc)) {
            return match t {
                Target::Anchor { block, .. } => self.doc.unit_of(Part::Block(block)),
                Target::Note(n) => self.doc.unit_of(Part::Note(n)),
            };
        }
        let unit = self.top_pos().unit;
        match self.doc.part(unit) {
            Part::Title | Part::Meta if !self.doc.blocks.is_empty() => {
                self.doc.unit_of(Part::Block(0))
            }
            _ => unit,
        }
    }

    /// Whether a unit holds a bookmark (for the margin mark).
    pub fn bookmark_in_unit(&self, unit: usize) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.at.unit == unit)
    }

    /// `m`: bookmark the passage, or offer to remove the bookmark already there.
    pub(super) fn mark_passage(&mut self) {
        let unit = self.passage_unit();
        if let Some(b) = self.bookmark_in_unit(unit) {
            self.overlays.push(Overlay::ConfirmRemove {
                id: b.id.clone(),
                label: b.label.clone(),
            });
            return;
        }
        let pos = DocPos::new(unit, 0);
        let default = default_label(&self.doc.unit_text(unit));
        self.overlays.push(Overlay::Label(Box::new(LabelPrompt {
            edit: LineEdit::default(),
            purpose: LabelFor::New(pos),
            default,
        })));
    }

    pub(super) fn update_label(&mut self, action: Action) {
        let Some(Overlay::Label(p)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Activate => {
                let Some(Overlay::Label(p)) = self.overlays.pop() else {
                    return;
                };
                let typed = p.edit.text.trim();
                let label = if typed.is_empty() {
                    p.default.clone()
                } else {
                    typed.to_string()
                };
                match p.purpose {
                    LabelFor::New(pos) => self.add_bookmark(pos, &label),
                    LabelFor::Rename(id) => self.rename_bookmark(&id, &label),
                }
            }
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            other => {
                p.edit.apply(other);
            }
        }
    }

    fn add_bookmark(&mut self, pos: DocPos, label: &str) {
        let bm = Bookmark::new(&self.doc, pos, label, (self.clock)());
        let mut bm = bm;
        if let (Some(store), Some(key)) = (&self.store, &self.doc_key) {
            match store.add_bookmark(key, &self.doc, bm.clone()) {
                Ok(id) => bm.id = id,
                Err(e) => self.message = Some(format!("{e} (kept for this session)")),
            }
        }
        self.bookmarks.push(bm);
        self.bookmarks.sort_by_key(|b| b.at);
        if self.message.is_none() {
            self.message = Some(format!("bookmarked: {label}  (' lists bookmarks)"));
        }
    }

    fn rename_bookmark(&mut self, id: &str, label: &str) {
        if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) {
            b.label = label.to_string();
        }
        if let (Some(store), Some(key)) = (&self.store, &self.doc_key) {
            if let Err(e) = store.rename_bookmark(key, id, label) {
                self.message = Some(e.to_string());
            }
        }
    }

    /// Delete a bookmark, keeping it for undo.
    fn delete_bookmark(&mut self, id: &str) {
        let Some(i) = self.bookmarks.iter().position(|b| b.id == id) else {
            return;
        };
        let bm = self.bookmarks.remove(i);
        if let (Some(store), Some(key)) = (&self.store, &self.doc_key) {
            if let Err(e) = store.remove_bookmark(key, id) {
                self.message = Some(e.to_string());
            }
        }
        if self.message.is_none() {
            self.message = Some(format!("deleted: {}  (u undoes)", bm.label));
        }
        self.undo = Some(bm);
    }

    fn undo_delete(&mut self) {
        let Some(bm) = self.undo.take() else {
            self.message = Some("nothing to undo".into());
            return;
        };
        if let (Some(store), Some(key)) = (&self.store, &self.doc_key) {
            if let Err(e) = store.restore_bookmark(key, &self.doc, bm.clone()) {
                self.message = Some(e.to_string());
            }
        }
        self.message = Some(format!("restored: {}", bm.label));
        self.bookmarks.push(bm);
        self.bookmarks.sort_by_key(|b| b.at);
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        let Some(Overlay::ConfirmRemove { id, .. }) = self.overlays.last().cloned() else {
            return;
        };
        match action {
            Action::Yes => {
                self.overlays.pop();
                self.delete_bookmark(&id);
            }
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    pub(super) fn open_bookmark_list(&mut self) {
        if self.bookmarks.is_empty() && self.undo.is_none() {
            self.message = Some("no bookmarks yet: m bookmarks the passage you are reading".into());
            return;
        }
        self.overlays.push(Overlay::Bookmarks { selected: 0 });
    }

    pub(super) fn update_bookmark_list(&mut self, action: Action) {
        let count = self.bookmarks.len();
        let last = count.saturating_sub(1);
        let Some(Overlay::Bookmarks { selected }) = self.overlays.last_mut() else {
            return;
        };
        *selected = (*selected).min(last);
        let sel = *selected;
        match action {
            Action::LineDown | Action::WheelDown => *selected = (sel + 1).min(last),
            Action::LineUp | Action::WheelUp => *selected = sel.saturating_sub(1),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = last,
            Action::Activate => {
                let Some(bm) = self.bookmarks.get(sel).cloned() else {
                    return;
                };
                self.overlays.pop();
                self.jumps.record(self.location());
                let row = self.row_of_pos(bm.at);
                self.set_top(row);
                self.selected = None;
                self.message = Some(if bm.lost {
                    format!(
                        "{}: not found in this version; showing its last known place",
                        bm.label
                    )
                } else {
                    format!("bookmark: {}", bm.label)
                });
            }
            Action::Delete => {
                if let Some(id) = self.bookmarks.get(sel).map(|b| b.id.clone()) {
                    self.delete_bookmark(&id);
                }
            }
            Action::Undo => self.undo_delete(),
            Action::Rename => {
                if let Some(b) = self.bookmarks.get(sel) {
                    let prompt = LabelPrompt {
                        edit: LineEdit::with_text(&b.label),
                        purpose: LabelFor::Rename(b.id.clone()),
                        default: b.label.clone(),
                    };
                    self.overlays.push(Overlay::Label(Box::new(prompt)));
                }
            }
            Action::ToggleHelp => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }
}

/// The first few words of a passage, for a bookmark's default label.
pub fn default_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(DEFAULT_LABEL_WORDS).collect();
    let mut label = words.join(" ");
    if text.split_whitespace().nth(DEFAULT_LABEL_WORDS).is_some() {
        label.push('…');
    }
    if label.is_empty() {
        label = "bookmark".into();
    }
    label
}
