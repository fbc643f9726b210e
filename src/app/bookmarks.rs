//! Bookmarks in the reader: mark the passage being read, list, jump, delete (with undo),
//! rename, and resume where the reader stopped. Persistence is `crate::store`; when there
//! is no usable store, bookmarks live for the session and the status line says why.

use super::effects::StoreWrite;
use super::line_edit::LineEdit;
use super::undo::Change;
use super::{Action, App, Overlay};
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
        let loaded = store.load_doc(&key, &self.doc, now);
        self.attach_loaded(store, key, loaded)
    }

    /// As `attach_store`, with the record already loaded against this document (on a
    /// worker thread: `Store::match_doc`).
    pub fn attach_loaded(
        &mut self,
        store: Store,
        key: DocKey,
        loaded: Result<
            (crate::store::DocRecord, Vec<crate::store::StoreWarning>),
            crate::store::StoreError,
        >,
    ) -> Option<DocPos> {
        let mut resume = None;
        match loaded {
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
        // Reading the history or the settings may have set a damaged file aside: say so.
        if let (None, Some(w)) = (&self.message, store.take_warnings().first()) {
            self.message = Some(w.to_string());
        }
        self.store = Some(store);
        self.doc_key = Some(key);
        resume
    }

    /// Open at a saved position with a short notice, like an e-reader.
    pub fn resume_at(&mut self, pos: DocPos) {
        // A reader who has already moved is not sent back: a big file's record is only
        // known once the whole file is in, and by then `G` may have been pressed.
        if pos == DocPos::default() || self.moved {
            return;
        }
        let row = self.row_of_pos(pos);
        self.set_top(row);
        // On a big file's preview: `resumed at 50% · reading… 3%`.
        let reading = self
            .message
            .as_deref()
            .filter(|m| m.starts_with(super::reading::READING));
        let after = reading.map(|m| format!(" · {m}"));
        if self.message.is_none() || after.is_some() {
            let after = after.unwrap_or_default();
            self.message = Some(format!("resumed at {}%{after}", self.percent()));
        }
    }

    /// Save the reading position (on quit and on signals). The error is for the caller
    /// to show, since the screen may already be gone.
    /// Nothing is written unless the reader moved in this session: opening and quitting
    /// at once (with or without `--top`) keeps the saved place exactly.
    pub fn save_position(&self) -> Result<(), String> {
        let (Some(store), Some(key)) = (&self.store, &self.doc_key) else {
            return Ok(());
        };
        if !self.moved {
            return Ok(());
        }
        let now = (self.clock)();
        store
            .save_position(key, &self.doc, self.top_pos(), self.percent(), now)
            .map_err(|e| e.to_string())
    }

    /// Ask the loop to write a bookmark change to the store, when this document has a
    /// record there (without one, bookmarks live for the session, as the status said).
    /// While a big file is read, the change waits for the whole document
    /// (`keep_while_reading`).
    pub(super) fn store_write(&mut self, write: StoreWrite) {
        if self.has_record() {
            if let Some(write) = self.keep_while_reading(write) {
                self.effects.store(write);
            }
        }
    }

    /// As `store_write`, at once, also while reading (the held changes, written).
    pub(super) fn store_write_now(&mut self, write: StoreWrite) {
        if self.has_record() {
            self.effects.store(write);
        }
    }

    /// `b` in the list, in place of the bookmark with its id if there is one, in order;
    /// while reading, noted as of a passage the preview holds or not.
    pub(super) fn put_bookmark(&mut self, b: Bookmark) {
        let id = b.id.clone();
        self.bookmarks.retain(|x| x.id != id);
        self.bookmarks.push(b);
        self.sort_bookmarks();
        self.note_placed_while_reading(&id);
    }

    /// Whether this document has a store and a key to write its bookmarks under.
    fn has_record(&self) -> bool {
        self.store.is_some() && self.doc_key.is_some()
    }

    /// The store kept a new bookmark under another id (its own was taken there): call it
    /// so here too, in the list and in undo, so later changes find it.
    pub fn bookmark_stored_as(&mut self, old: &str, new: &str) {
        for b in self.bookmarks.iter_mut().filter(|b| b.id == old) {
            b.id = new.to_string();
        }
        self.undo.rekey(old, new);
        self.sort_bookmarks();
    }

    /// The unit a new bookmark goes to: the selected anchor's block, else the block at
    /// the top of the view (the first body block when the header is at the top).
    pub(super) fn passage_unit(&self) -> usize {
        if let Some(t) = self.selected.filter(|t| t.exists(&self.doc)) {
            return t.unit(&self.doc);
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
        // While reading, a bookmark the preview has no place for marks no passage.
        self.bookmarks
            .iter()
            .find(|b| b.at.unit == unit && !self.unplaced(&b.id))
    }

    /// The bookmarks the list shows: all of them, or those of one passage (`D` with
    /// several there).
    pub fn listed_bookmarks(&self, only_unit: Option<usize>) -> Vec<&Bookmark> {
        // While reading, a bookmark the preview has no place for is of no passage here.
        self.bookmarks
            .iter()
            .filter(|b| only_unit.is_none_or(|u| b.at.unit == u && !self.unplaced(&b.id)))
            .collect()
    }

    /// How many changes `U` can undo (for tests and the help).
    pub fn undo_depth(&self) -> usize {
        self.undo.depth()
    }

    /// `m`: ask for a label and bookmark the passage. Never offers to remove anything:
    /// several bookmarks may sit in one passage.
    pub(super) fn mark_passage(&mut self) {
        let unit = self.passage_unit();
        let pos = DocPos::new(unit, 0);
        let default = default_label(&self.doc.unit_text(unit));
        self.overlays.push(Overlay::Label(Box::new(LabelPrompt {
            edit: LineEdit::default(),
            purpose: LabelFor::New(pos),
            default,
        })));
    }

    /// `D`: remove a bookmark of this passage. One: ask (default No). Several: the list,
    /// showing only them.
    pub(super) fn remove_here(&mut self) {
        let unit = self.passage_unit();
        let here = self.listed_bookmarks(Some(unit));
        match here.as_slice() {
            [] => {
                self.message = Some(format!(
                    "no bookmark at this passage ({} lists them all)",
                    self.keymap.key_for(Action::BookmarkList)
                ));
            }
            [b] => {
                let (id, label) = (b.id.clone(), b.label.clone());
                self.overlays.push(Overlay::ConfirmRemove { id, label });
            }
            _ => {
                let n = here.len();
                self.overlays.push(Overlay::Bookmarks {
                    selected: 0,
                    only_unit: Some(unit),
                });
                let d = self
                    .keymap
                    .key_in(crate::keymap::Mode::Bookmarks, Action::Delete);
                self.message = Some(format!(
                    "{n} bookmarks at this passage: {d} removes the selected one"
                ));
            }
        }
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

    /// Whether the list is open under the topmost overlay (or is it): messages then
    /// name the list's keys.
    fn in_list(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Bookmarks { .. }))
    }

    /// The undo key to name in a message: the list's own while it is open.
    fn undo_key(&self) -> String {
        if self.in_list() {
            self.keymap
                .key_in(crate::keymap::Mode::Bookmarks, Action::Undo)
        } else {
            self.keymap.key_for(Action::Undo)
        }
    }

    /// The bookmark that is mark `c` in this document (the newest, should there be two).
    fn mark(&self, c: char) -> Option<&Bookmark> {
        self.bookmarks
            .iter()
            .filter(|b| mark_letter(&b.label) == Some(c))
            .max_by_key(|b| (b.created, b.id.clone()))
    }

    fn add_bookmark(&mut self, pos: DocPos, label: &str) {
        let now = (self.clock)();
        let mut bm = Bookmark::with_percent(&self.doc, pos, label, now, |at| self.percent_of(at));
        // On a preview, how far through the file it is goes by its source offset.
        if let Some(p) = self.percent_while_reading_at(bm.at) {
            bm.percent = p;
        }
        if let Some(c) = mark_letter(label) {
            if let Some(old) = self.mark(c).cloned() {
                self.move_mark(old, bm);
                return;
            }
        }
        self.store_write(StoreWrite::AddBookmark(bm.clone()));
        self.undo.push(Change::Added(bm.clone()));
        self.put_bookmark(bm);
        let u = self.undo_key();
        let what = match mark_letter(label) {
            Some(c) => format!(
                "mark {c} set ({} {c} goes here)",
                self.keymap.key_for(Action::MarkPrefix)
            ),
            None => format!("bookmarked: {label}"),
        };
        let list = self.keymap.key_for(Action::BookmarkList);
        self.message_unless_error(format!("{what} · {list} lists bookmarks · {u} undoes"));
    }

    /// Setting a mark that exists moves it here (same id and date, new place).
    fn move_mark(&mut self, old: Bookmark, fresh: Bookmark) {
        let mut after = old.clone();
        after.excerpt = fresh.excerpt;
        after.pos = fresh.pos;
        after.legacy = None;
        after.at = fresh.at;
        after.percent = fresh.percent;
        after.lost = false;
        self.store_write(StoreWrite::MoveMark(after.clone()));
        self.put_bookmark(after.clone());
        let u = self.undo_key();
        self.message_unless_error(format!(
            "mark {} moved here (was at {}%) · {u} undoes",
            after.label, old.percent
        ));
        self.undo.push(Change::Moved { before: old, after });
    }

    fn rename_bookmark(&mut self, id: &str, label: &str) {
        let Some(old) = self
            .bookmarks
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.label.clone())
        else {
            return;
        };
        if old == label {
            return;
        }
        if let Some(c) = mark_letter(label) {
            if self.mark(c).is_some_and(|b| b.id != id) {
                self.message = Some(format!(
                    "mark {c} is already set (` {c} goes there): label not changed"
                ));
                return;
            }
        }
        if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) {
            b.label = label.to_string();
        }
        self.store_write(StoreWrite::RenameBookmark {
            id: id.to_string(),
            label: label.to_string(),
        });
        self.undo.push(Change::Renamed {
            id: id.to_string(),
            old,
            new: label.to_string(),
        });
        let u = self.undo_key();
        self.message_unless_error(format!("renamed: {label} · {u} undoes"));
    }

    /// Remove a bookmark (after a `y`), keeping it for undo.
    fn delete_bookmark(&mut self, id: &str) {
        let Some(i) = self.bookmarks.iter().position(|b| b.id == id) else {
            return;
        };
        let bm = self.bookmarks.remove(i);
        self.store_write(StoreWrite::RemoveBookmark { id: id.to_string() });
        let u = self.undo_key();
        self.message_unless_error(format!("bookmark removed: {} · {u} undoes", bm.label));
        self.undo.push(Change::Removed(bm));
    }

    /// "Remove bookmark «label»?": only `y` removes; any other action keeps it and is
    /// not carried out (`on_key` turns every other key into `Cancel`).
    pub(super) fn update_confirm(&mut self, action: Action) {
        let Some(Overlay::ConfirmRemove { id, label }) = self.overlays.pop() else {
            return;
        };
        if action == Action::Yes {
            self.delete_bookmark(&id);
        } else {
            self.message = Some(format!("kept: {label}"));
        }
    }

    pub(super) fn open_bookmark_list(&mut self) {
        if self.bookmarks.is_empty() && !self.undo.can_undo() && !self.undo.can_redo() {
            self.message = Some(format!(
                "no bookmarks yet: {} bookmarks the passage you are reading",
                self.keymap.key_for(Action::Bookmark)
            ));
            return;
        }
        self.overlays.push(Overlay::Bookmarks {
            selected: 0,
            only_unit: None,
        });
    }

    /// `` ` `` then a letter: go to that mark.
    pub(super) fn go_to_mark(&mut self, c: char) {
        let Some(bm) = self.mark(c).cloned() else {
            self.message = Some(format!("no mark {c} (m, then the label {c}, sets it)"));
            return;
        };
        self.overlays
            .retain(|o| !matches!(o, Overlay::Bookmarks { .. }));
        if self.bookmark_waits(&bm.id) {
            return;
        }
        self.go_to_bookmark(&bm);
        if !bm.lost {
            self.message = Some(format!("mark {c}"));
        }
    }

    pub(super) fn go_to_bookmark(&mut self, bm: &Bookmark) {
        if self.bookmark_waits(&bm.id) {
            return;
        }
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

    pub(super) fn update_bookmark_list(&mut self, action: Action) {
        let Some(Overlay::Bookmarks {
            selected,
            only_unit,
        }) = self.overlays.last().cloned()
        else {
            return;
        };
        let shown: Vec<Bookmark> = self
            .listed_bookmarks(only_unit)
            .into_iter()
            .cloned()
            .collect();
        let last = shown.len().saturating_sub(1);
        let sel = selected.min(last);
        let mut next = sel;
        match action {
            Action::LineDown | Action::WheelDown => next = (sel + 1).min(last),
            Action::LineUp | Action::WheelUp => next = sel.saturating_sub(1),
            Action::Top => next = 0,
            Action::Bottom => next = last,
            Action::Activate => {
                if let Some(bm) = shown.get(sel) {
                    self.overlays.pop();
                    self.go_to_bookmark(bm);
                }
                return;
            }
            Action::Delete => {
                if let Some(b) = shown.get(sel) {
                    self.overlays.push(Overlay::ConfirmRemove {
                        id: b.id.clone(),
                        label: b.label.clone(),
                    });
                }
                return;
            }
            Action::Undo => self.undo_change(),
            Action::Redo => self.redo_change(true),
            Action::MarkPrefix => self.start_mark_prefix(),
            Action::GoToMark(c) => {
                self.go_to_mark(c);
                return;
            }
            Action::Rename => {
                if let Some(b) = shown.get(sel) {
                    let prompt = LabelPrompt {
                        edit: LineEdit::with_text(&b.label),
                        purpose: LabelFor::Rename(b.id.clone()),
                        default: b.label.clone(),
                    };
                    self.overlays.push(Overlay::Label(Box::new(prompt)));
                }
                return;
            }
            Action::ToggleHelp => {
                self.open_help();
                return;
            }
            Action::Cancel => {
                self.overlays.pop();
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            _ => {}
        }
        if let Some(Overlay::Bookmarks { selected, .. }) = self.overlays.last_mut() {
            *selected = next;
        }
    }

    /// `` ` ``: the next key names a mark.
    pub(super) fn start_mark_prefix(&mut self) {
        self.pending_mark = true;
        let marks: String = {
            let mut m: Vec<char> = self
                .bookmarks
                .iter()
                .filter_map(|b| mark_letter(&b.label))
                .collect();
            m.sort_unstable();
            m.dedup();
            m.into_iter().collect()
        };
        self.message = Some(if marks.is_empty() {
            "` — no marks yet (a bookmark labelled with one letter is a mark)".into()
        } else {
            format!("` — go to mark: {marks}")
        });
    }
}

/// The letter a label makes a mark of: a label that is exactly one letter.
pub fn mark_letter(label: &str) -> Option<char> {
    let mut chars = label.trim().chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_alphabetic()).then_some(c)
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
