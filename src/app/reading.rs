//! While the whole file is still being parsed (a big file opens on a preview of it,
//! `document::preview`): what needs all of it waits, says so, and runs by itself once
//! the whole document is in (`finish_reading`). Scrolling, Tab, notes, `12 Enter`, the
//! note column and search work on what the preview holds.

use super::{Action, App, JumpList, Overlay};
use crate::document::Document;
use crate::search::SearchIndex;
use std::sync::Arc;

/// The status line's word for it.
pub const READING: &str = "reading…";

/// Keys that waited for the whole document, to run once it is in and the store is
/// attached to it (`App::run_deferred`): a bookmark key needs the bookmarks loaded.
#[derive(Debug, Default)]
pub struct Deferred {
    actions: Vec<(Action, String)>,
    keys: Vec<crossterm::event::KeyEvent>,
}

/// The state of a reader whose document is a preview.
#[derive(Debug, Default)]
pub struct Reading {
    /// Keys that need the whole document, with the count typed before each, in order.
    deferred: Vec<(Action, String)>,
    /// Every key typed after the first that waited, as typed: they run after it, in
    /// whatever mode it leaves (the label typed after `m` goes into its prompt, digits
    /// make the count of what follows), never as reading keys before it.
    keys: Vec<crossterm::event::KeyEvent>,
}

/// Keys that need the whole document: places named by line or percentage, every heading
/// or note, and bookmarks (placed and stored against the whole document).
fn needs_whole(action: Action, counted: bool) -> bool {
    use Action::*;
    match action {
        Top | Bottom => counted,
        Percent | NotesIndex | Outline | NextHeading | PrevHeading | NextCaption | PrevCaption
        | GoToNotes | WhereAmI | Bookmark | BookmarkList | RemoveHere | Undo | Redo
        | GoToMark(_) | Reload => true,
        _ => false,
    }
}

impl App {
    /// The document is a preview: the rest is being read.
    pub fn start_reading(&mut self) {
        self.reading = Some(Reading::default());
        if self.message.is_none() {
            self.message = Some(READING.into());
        }
    }

    /// Whether the document is still a preview.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// The whole file could not be parsed after its preview was (it changed meanwhile):
    /// the preview stays, and the keys that waited are dropped.
    pub fn reading_failed(&mut self, why: String) {
        self.reading = None;
        self.message = Some(why);
    }

    /// While reading, how far through the file the top of the page is, by its source
    /// offset: the preview's own weights would leave out what it skipped.
    pub(super) fn percent_while_reading(&self) -> Option<u8> {
        self.reading.as_ref()?;
        let src = self.doc.source_pos(self.top_pos()).src;
        Some((src * 100 / self.doc.source_len.max(1)).min(99) as u8)
    }

    /// In reading mode, before a key runs: keep it for later when it needs the whole
    /// document. Returns whether it was kept.
    pub(super) fn defer_while_reading(&mut self, action: Action) -> bool {
        if self.reading.is_none() {
            return false;
        }
        let counted = !self.pending_number.is_empty();
        // `12 Enter` answers from the preview when it has the note and a citation of it;
        // otherwise "no note 12" or "not cited" could be false: the rest may have them.
        let unanswered_note =
            action == Action::Activate && counted && !self.preview_cites(&self.pending_number);
        if !needs_whole(action, counted) && !unanswered_note {
            return false;
        }
        let Some(reading) = self.reading.as_mut() else {
            return false;
        };
        reading
            .deferred
            .push((action, std::mem::take(&mut self.pending_number)));
        self.message = Some(format!("{READING} (that key runs once the file is read)"));
        true
    }

    /// Whether the preview has note `label` (as `N Enter` finds it) and a citation of it.
    fn preview_cites(&self, label: &str) -> bool {
        let scope = self.doc.scope_of_unit(self.top_pos().unit);
        self.doc
            .note_from_scope(scope, label)
            .or_else(|| self.doc.note_from_scope(0, label))
            .is_some_and(|n| !self.doc.references(n).is_empty())
    }

    /// In reading mode, before a key is looked up: once a key waits for the whole
    /// document, every later key waits behind it. Returns whether it was kept.
    pub(super) fn defer_key_while_reading(&mut self, key: crossterm::event::KeyEvent) -> bool {
        match self.reading.as_mut() {
            Some(reading) if !reading.deferred.is_empty() => {
                reading.keys.push(key);
                self.message = Some(format!("{READING} (keys run once the file is read)"));
                true
            }
            _ => false,
        }
    }

    /// The whole document, parsed: it takes the preview's place, the page stays where it
    /// is (the same source position), the last search runs again on all of it and the
    /// keys that waited run in order. Overlays and the jump list named places of the
    /// preview and are dropped (the help stays).
    pub fn finish_reading(&mut self, doc: Document) {
        let waiting = self.take_whole(doc);
        self.run_deferred(waiting);
    }

    /// Whether the whole document may take the preview's place now: not while a prompt
    /// or a popup is open, whose typed letters would then run as reading keys (a `q`
    /// typed into `/` would quit). The help stays open across it.
    pub fn can_finish_reading(&self) -> bool {
        self.overlays
            .iter()
            .all(|o| matches!(o, Overlay::Help { .. } | Overlay::HelpFind(_)))
    }

    /// As `finish_reading`, leaving the keys that waited to the caller, who runs them
    /// with `run_deferred` once the store is attached to the whole document.
    pub fn take_whole(&mut self, doc: Document) -> Deferred {
        let reading = self.reading.take().unwrap_or_default();
        let old = Arc::clone(&self.doc);
        let top = self.top_pos();
        let keep = doc
            .locate(&old.source_pos(top))
            .unwrap_or_else(|| crate::store::carry_position(&old, top, &doc));
        self.put_document(doc);
        self.overlays
            .retain(|o| matches!(o, Overlay::Help { .. } | Overlay::HelpFind(_)));
        self.selected = None;
        self.jumps = JumpList::default();
        self.nav_cursor = None;
        let row = self.row_of_pos(keep);
        self.set_top(row);
        if self.message.as_deref() == Some(READING) {
            self.message = None;
        }
        if let Some(old) = self.search.take() {
            let index = if old.opts.regex {
                Arc::new(SearchIndex::default())
            } else {
                self.search_index()
            };
            if let Ok(matches) = crate::search::search(&self.doc, &index, &old.query, old.opts) {
                self.search = Some(super::search::SearchState {
                    matches,
                    current: None,
                    ..old
                });
            }
        }
        Deferred {
            actions: reading.deferred,
            keys: reading.keys,
        }
    }

    /// The keys that waited for the whole document, in order, each with its count.
    pub fn run_deferred(&mut self, waiting: Deferred) {
        for (action, count) in waiting.actions {
            self.pending_number = count;
            self.update(action);
        }
        for key in waiting.keys {
            self.on_key(key);
        }
    }
}
