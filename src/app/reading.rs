//! While the whole file is still being parsed (a big file opens on a preview of it,
//! `document::preview`): what needs all of it waits, says so with how far the reading
//! is (`reading… 43%`), and runs by itself once the whole document is in
//! (`finish_reading`). Scrolling, Tab, notes, `12 Enter`, the note column, search (its
//! count said to be partial) and, when the store knew the file by its stamp, the
//! bookmark list, the marks whose passage the preview holds and every bookmark change
//! work on what it holds (the changes are written once the whole document is matched
//! with its record: `Reading::writes`). Scrolling stops where the preview skipped part
//! of the file (`scroll_on_preview`).

use super::effects::StoreWrite;
use super::{Action, App, JumpList, Overlay, Target};
use crate::document::Document;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The status line's word for it.
pub const READING: &str = "reading…";

/// What follows it while the store's record is matched with the whole document.
const PLACING: &str = "placing bookmarks";

/// Something that waited for the whole document.
#[derive(Debug)]
enum Waiting {
    /// A key, with the count typed before it.
    Key(Action, String),
    /// Going to the bookmark with this id, whose passage the preview does not hold.
    Bookmark(String),
}

/// Keys that waited for the whole document, to run once it is in and the store is
/// attached to it (`App::run_deferred`): a bookmark key needs the bookmarks loaded.
#[derive(Debug, Default)]
pub struct Deferred {
    actions: Vec<Waiting>,
    keys: Vec<crossterm::event::KeyEvent>,
    /// The bookmark changes made on the preview, oldest first (`Reading::writes`).
    writes: Vec<StoreWrite>,
}

/// The state of a reader whose document is a preview.
#[derive(Debug, Default)]
pub struct Reading {
    /// What needs the whole document, in order.
    deferred: Vec<Waiting>,
    /// Every key typed after the first that waited, as typed: they run after it, in
    /// whatever mode it leaves (the label typed after `m` goes into its prompt, digits
    /// make the count of what follows), never as reading keys before it.
    keys: Vec<crossterm::event::KeyEvent>,
    /// Source bytes the worker has parsed (`document::progress`), when it reports them.
    progress: Option<Arc<AtomicUsize>>,
    /// The store's record was found by the file's stamp: the bookmarks are known.
    bookmarks_known: bool,
    /// Ids of the bookmarks whose passage the preview does not hold.
    unplaced: Vec<String>,
    /// The bookmark changes made on the preview, oldest first. They are written once the
    /// store has matched the whole document with its record (`run_deferred`), and made
    /// again on the bookmarks that match loads: written at once, they could land after
    /// the worker read the record, and the list would lose them when its load arrives.
    writes: Vec<StoreWrite>,
    /// The source ranges the preview read, in order (`preview::preview_pieces`); empty
    /// when not known. Scrolling never carries the page across what lies between two.
    pieces: Vec<std::ops::Range<usize>>,
}

/// Keys that scroll the page by rows: on the preview they stop where it skipped part of
/// the file (see `App::scroll_on_preview`).
fn scrolls(action: Action) -> bool {
    use Action::*;
    matches!(
        action,
        LineDown | LineUp | WheelDown | WheelUp | PageDown | PageUp | HalfPageDown | HalfPageUp
    )
}

/// Keys that need the whole document: places named by line or percentage, every heading
/// or note, and, until the store's record is known, bookmarks. With the bookmarks known
/// from the store (found by the file's stamp), the list, the marks and every change of
/// a bookmark (`m`, `D`, undo, redo; rename and remove in the list) work on the preview:
/// a new bookmark is of a passage on screen, which the preview holds.
fn needs_whole(action: Action, counted: bool, bookmarks_known: bool) -> bool {
    use Action::*;
    match action {
        Top | Bottom => counted,
        BookmarkList | GoToMark(_) | Bookmark | RemoveHere | Undo | Redo => !bookmarks_known,
        Percent | NotesIndex | Outline | NextHeading | PrevHeading | NextCaption | PrevCaption
        | GoToNotes | WhereAmI | Reload => true,
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

    /// The source ranges the preview read (what lies between two it skipped).
    pub fn reading_pieces(&mut self, pieces: Vec<std::ops::Range<usize>>) {
        if let Some(r) = self.reading.as_mut() {
            r.pieces = pieces;
        }
    }

    /// How many times the page, from its top row to its bottom row, goes from one
    /// piece the preview read to another (0 when not reading or not known). Each unit
    /// counts by its own source offset: a block's or a note definition's; the notes
    /// heading by the first definition's; a note the preview has no definition for
    /// (it stands for one the rest of the file may hold) does not count.
    fn gaps_on_page(&self) -> usize {
        use crate::document::Part;
        let Some(pieces) = self.reading.as_ref().map(|r| &r.pieces) else {
            return 0;
        };
        let height = self.page_height();
        let bottom = self.rows(|r| r.forward(self.top, height.saturating_sub(1)));
        let first_note = self.doc.notes.iter().filter_map(|n| n.src.get()).min();
        let own_src = |unit: usize| match self.doc.part(unit) {
            Part::Block(b) => self.doc.blocks.get(b).map(|b| b.src),
            Part::Note(n) => self.doc.notes.get(n).and_then(|n| n.src.get()),
            Part::NotesHeading => first_note,
            Part::Title | Part::Meta => Some(0),
        };
        let mut changes = 0;
        let mut last = None;
        for unit in self.top.unit..=bottom.unit {
            let Some(src) = own_src(unit) else {
                continue;
            };
            let piece = pieces.partition_point(|p| p.end <= src);
            if last.is_some_and(|l| l != piece) {
                changes += 1;
            }
            last = Some(piece);
        }
        changes
    }

    /// A key that scrolls, run on the preview: when it brought a part the preview
    /// skipped onto the page (the next screen of the start is not read yet, and the
    /// notes would stand in its place), the page goes back and the key waits for the
    /// whole document, as a key that needs it does.
    pub(super) fn scroll_on_preview(&mut self, action: Action, run: impl FnOnce(&mut Self)) {
        if self.reading.is_none() || !scrolls(action) {
            run(self);
            return;
        }
        let (top, count, gaps) = (self.top, self.pending_number.clone(), self.gaps_on_page());
        run(self);
        if self.gaps_on_page() > gaps {
            self.top = top;
            self.wait_for_whole(Waiting::Key(action, count), "that key runs");
        }
    }

    /// Where the worker says how far it has parsed (source bytes), for `reading… 43%`.
    pub fn reading_progress(&mut self, done: Arc<AtomicUsize>) {
        if let Some(r) = self.reading.as_mut() {
            r.progress = Some(done);
        }
        self.refresh_reading_message();
    }

    /// Whether the document is still a preview.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// How far the reading of the whole file is, 0–99 (100 is the whole document in
    /// place, when this is `None`).
    pub fn reading_percent(&self) -> Option<u8> {
        let reading = self.reading.as_ref()?;
        let done = reading
            .progress
            .as_ref()
            .map_or(0, |p| p.load(Ordering::Relaxed));
        Some((done.saturating_mul(100) / self.doc.source_len.max(1)).min(99) as u8)
    }

    /// `reading… 43%` (or `reading…` when the worker does not say how far it is), and
    /// `reading… placing bookmarks` once the file is parsed and its record in the store
    /// is matched with it.
    pub fn reading_status(&self) -> String {
        match self.reading.as_ref().and_then(|r| r.progress.as_ref()) {
            Some(p) if p.load(Ordering::Relaxed) == crate::document::progress::MATCHING => {
                format!("{READING} {PLACING}")
            }
            Some(_) => format!("{READING} {}%", self.reading_percent().unwrap_or(0)),
            None => READING.to_string(),
        }
    }

    /// The status message names the reading's progress: bring its percentage up to date.
    /// Returns whether the message changed (the loop then draws).
    pub fn refresh_reading_message(&mut self) -> bool {
        if self.reading.is_none() {
            return false;
        }
        let now = self.reading_status();
        let Some(message) = self.message.as_mut() else {
            return false;
        };
        let Some(at) = message.find(READING) else {
            return false;
        };
        let rest = &message[at + READING.len()..];
        // ` 43%` after the word, if it was there.
        let digits = rest
            .strip_prefix(' ')
            .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
        let old_len = if digits > 0 && rest[1 + digits..].starts_with('%') {
            READING.len() + 2 + digits
        } else if rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(PLACING))
        {
            READING.len() + 1 + PLACING.len()
        } else {
            READING.len()
        };
        if message[at..at + old_len] == now {
            return false;
        }
        message.replace_range(at..at + old_len, &now);
        true
    }

    /// The whole file could not be parsed after its preview was (it changed meanwhile):
    /// the preview stays, and the keys that waited are dropped.
    pub fn reading_failed(&mut self, why: String) {
        // The preview stays the document: its bookmark changes are written against it.
        for w in self.reading.take().map(|r| r.writes).unwrap_or_default() {
            self.store_write_now(w);
        }
        self.message = Some(why);
    }

    /// While reading, how far through the file the top of the page is, by its source
    /// offset: the preview's own weights would leave out what it skipped.
    pub(super) fn percent_while_reading(&self) -> Option<u8> {
        self.percent_while_reading_at(self.top_pos())
    }

    /// As `percent_while_reading`, for any place of the preview.
    pub(super) fn percent_while_reading_at(&self, pos: crate::document::DocPos) -> Option<u8> {
        self.reading.as_ref()?;
        let src = self.doc.source_pos(pos).src;
        Some((src * 100 / self.doc.source_len.max(1)).min(99) as u8)
    }

    /// In reading mode, before a key runs: keep it for later when it needs the whole
    /// document. Returns whether it was kept.
    pub(super) fn defer_while_reading(&mut self, action: Action) -> bool {
        let Some(reading) = self.reading.as_ref() else {
            return false;
        };
        let counted = !self.pending_number.is_empty();
        // `12 Enter` answers from the preview when it has the note and a citation of it;
        // otherwise "no note 12" or "not cited" could be false: the rest may have them.
        let unanswered_note =
            action == Action::Activate && counted && !self.preview_cites(&self.pending_number);
        let unread_note = action == Action::Bookmark && self.passage_is_an_unread_note();
        if !needs_whole(action, counted, reading.bookmarks_known)
            && !unanswered_note
            && !unread_note
        {
            return false;
        }
        let count = std::mem::take(&mut self.pending_number);
        self.wait_for_whole(Waiting::Key(action, count), "that key runs");
        true
    }

    /// Keep `what` for when the whole document is in, and say so.
    fn wait_for_whole(&mut self, what: Waiting, runs: &str) {
        let Some(reading) = self.reading.as_mut() else {
            return;
        };
        reading.deferred.push(what);
        self.message = Some(format!(
            "{} ({runs} once the file is read)",
            self.reading_status()
        ));
    }

    /// Whether the preview has note `label` (as `N Enter` finds it) and a citation of it.
    fn preview_cites(&self, label: &str) -> bool {
        let scope = self.doc.scope_of_unit(self.top_pos().unit);
        self.doc
            .note_from_scope(scope, label)
            .or_else(|| self.doc.note_from_scope(0, label))
            .is_some_and(|n| !self.doc.references(n).is_empty())
    }

    /// Whether the passage a bookmark would go to is a note the preview shows without its
    /// definition: it stands for one the rest of the file may hold, so a bookmark of it
    /// waits to be placed there.
    fn passage_is_an_unread_note(&self) -> bool {
        match self.doc.part(self.passage_unit()) {
            crate::document::Part::Note(n) => {
                self.doc.notes.get(n).is_some_and(|n| n.src.is_none())
            }
            _ => false,
        }
    }

    /// In reading mode, before a key is looked up: once a key waits for the whole
    /// document, every later key waits behind it. Returns whether it was kept.
    pub(super) fn defer_key_while_reading(&mut self, key: crossterm::event::KeyEvent) -> bool {
        if !self.keys_wait_while_reading() {
            return false;
        }
        let status = self.reading_status();
        if let Some(reading) = self.reading.as_mut() {
            reading.keys.push(key);
        }
        self.message = Some(format!("{status} (keys run once the file is read)"));
        true
    }

    /// Whether keys typed now wait behind one that waits for the whole document.
    pub(super) fn keys_wait_while_reading(&self) -> bool {
        self.reading
            .as_ref()
            .is_some_and(|r| !r.deferred.is_empty())
    }

    /// While reading, a bookmark just changed is of a passage the preview holds, or not
    /// (a mark moved here, or put back by undo where it was).
    pub(super) fn note_placed_while_reading(&mut self, id: &str) {
        let placed = self
            .bookmarks
            .iter()
            .find(|b| b.id == id)
            .and_then(|b| b.pos.as_ref())
            .is_some_and(|p| self.doc.locate(p).is_some());
        if let Some(r) = self.reading.as_mut() {
            r.unplaced.retain(|u| u != id);
            if !placed {
                r.unplaced.push(id.to_string());
            }
        }
    }

    /// The bookmarks the store holds for this file, known before the whole parse (its
    /// record was found by the file's stamp): each is placed on the preview when the
    /// preview holds its passage (a unit starting at its source offset), else kept in
    /// the list and opened once the whole file is in.
    pub fn bookmarks_while_reading(&mut self, mut bookmarks: Vec<crate::store::Bookmark>) {
        let Some(reading) = self.reading.as_mut() else {
            return;
        };
        reading.bookmarks_known = true;
        reading.unplaced.clear();
        for b in &mut bookmarks {
            match b.pos.as_ref().and_then(|p| self.doc.locate(p)) {
                Some(at) => b.at = at,
                None => reading.unplaced.push(b.id.clone()),
            }
        }
        self.bookmarks = bookmarks;
    }

    /// While reading: keep a bookmark change for when the store has matched the whole
    /// document (see `Reading::writes`). Returns `Some(write)` back when not reading.
    pub(super) fn keep_while_reading(&mut self, write: StoreWrite) -> Option<StoreWrite> {
        match self.reading.as_mut() {
            Some(r) => {
                r.writes.push(write);
                None
            }
            None => Some(write),
        }
    }

    /// Quitting while reading, the store's record known by the file's stamp: the
    /// bookmark changes made on the preview are written now, against it.
    pub fn flush_reading_writes(&mut self) {
        let writes = self
            .reading
            .as_mut()
            .map(|r| std::mem::take(&mut r.writes))
            .unwrap_or_default();
        for w in writes {
            self.store_write_now(w);
        }
    }

    /// Whether a bookmark's passage is not in the preview (it opens once the file is in).
    pub(super) fn unplaced(&self, id: &str) -> bool {
        self.reading
            .as_ref()
            .is_some_and(|r| r.unplaced.iter().any(|u| u == id))
    }

    /// Going to a bookmark whose passage the preview does not hold: it waits for the whole
    /// document. Returns whether it waits.
    pub(super) fn bookmark_waits(&mut self, id: &str) -> bool {
        if !self.unplaced(id) {
            return false;
        }
        self.wait_for_whole(Waiting::Bookmark(id.to_string()), "it opens");
        true
    }

    /// The whole document, parsed: it takes the preview's place, the page stays where it
    /// is (the same source position), the last search runs again on all of it and the
    /// keys that waited run in order. A selected anchor is carried by its source
    /// position; overlays and the jump list named places of the preview and are dropped
    /// (the help stays).
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
        // A selected anchor is carried by its source position (a Tab pressed just before
        // the whole file arrived, then Enter, opens the note it selected).
        let selected = self.selected.and_then(|t| carry_selection(&old, t, &doc));
        self.put_document(doc);
        self.overlays
            .retain(|o| matches!(o, Overlay::Help { .. } | Overlay::HelpFind(_)));
        self.selected = selected;
        self.jumps = JumpList::default();
        self.nav_cursor = None;
        let row = self.row_of_pos(keep);
        self.set_top(row);
        // The word on the reading goes: `reading…` alone, or after what it followed
        // (`resumed at 50% · reading… 43%`). A key that waited sets its own message.
        if let Some(m) = self.message.as_mut() {
            match m.find(&format!(" · {READING}")) {
                Some(at) => m.truncate(at),
                None if m.starts_with(READING) => self.message = None,
                None => {}
            }
        }
        // Until the store loads them against the whole document, the bookmarks are
        // placed in it by their source positions; so are those undo would put back.
        let doc = Arc::clone(&self.doc);
        for b in self.bookmarks.iter_mut().chain(self.undo.bookmarks_mut()) {
            if let Some(at) = b.pos.as_ref().and_then(|p| doc.locate(p)) {
                b.at = at;
            }
        }
        self.search_again_on_the_whole(&old);
        Deferred {
            actions: reading.deferred,
            keys: reading.keys,
            writes: reading.writes,
        }
    }

    /// The bookmark changes made on the preview, then the keys that waited for the whole
    /// document, in order, each with its count. Called once the store knows the whole
    /// document: the changes are made again on the bookmarks its record holds (each
    /// sets a bookmark by id, so making one twice is making it once) and written.
    pub fn run_deferred(&mut self, waiting: Deferred) {
        for w in waiting.writes {
            let w = self.redo_write(w);
            self.store_write(w);
        }
        for what in waiting.actions {
            match what {
                Waiting::Key(action, count) => {
                    self.pending_number = count;
                    self.update(action);
                }
                Waiting::Bookmark(id) => self.open_at_bookmark(&id),
            }
        }
        for key in waiting.keys {
            self.on_key(key);
        }
    }
}

impl App {
    /// While reading: the store, so that `S` and the search history are remembered as
    /// when not reading, and, when the store knew the file by its stamp (`known`, found
    /// before the first frame), its key and bookmarks. Returns the saved reading
    /// position, where the preview holds it (it read a slice around it).
    pub fn attach_store_while_reading(
        &mut self,
        store: crate::store::Store,
        known: Option<(crate::store::DocKey, Option<crate::store::DocRecord>)>,
    ) -> Option<crate::document::DocPos> {
        self.history = store.history();
        if let Some(w) = store.take_warnings().first() {
            self.message = Some(w.to_string());
        }
        self.store = Some(store);
        let (key, record) = known?;
        self.doc_key = Some(key);
        let (bookmarks, last) =
            record.map_or((Vec::new(), None), |r| (r.bookmarks, r.last_position));
        self.bookmarks_while_reading(bookmarks);
        last.and_then(|p| p.pos).and_then(|p| self.doc.locate(&p))
    }
}

impl App {
    /// A bookmark change made on the preview, made again on the bookmarks in memory
    /// (those the store's record held for the whole document), placed in it. Returns
    /// the write as it is to be stored: with the bookmark placed in the whole document
    /// (its percentage counted there, as the list shows it).
    fn redo_write(&mut self, mut write: StoreWrite) -> StoreWrite {
        match &mut write {
            StoreWrite::AddBookmark(b)
            | StoreWrite::MoveMark(b)
            | StoreWrite::RestoreBookmark(b)
            | StoreWrite::ReplaceBookmark(b) => {
                if let Some(at) = b.pos.as_ref().and_then(|p| self.doc.locate(p)) {
                    b.at = at;
                    b.percent = self.percent_of(at);
                }
                self.put_bookmark(b.clone());
            }
            StoreWrite::RenameBookmark { id, label } => {
                if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == *id) {
                    b.label = label.clone();
                }
            }
            StoreWrite::RemoveBookmark { id } => self.bookmarks.retain(|b| b.id != *id),
            StoreWrite::PushHistory(_) | StoreWrite::SidenotesChoice(_) => {}
        }
        write
    }
}

/// The anchor selection `target` of `old` in `new`: the anchor at the same source
/// position, or `None` (other selections named places of the preview only).
fn carry_selection(old: &Document, target: Target, new: &Document) -> Option<Target> {
    let Target::Anchor { block, anchor } = target else {
        return None;
    };
    let anchors = &old.blocks.get(block)?.anchors;
    let at = anchors.get(anchor)?.at();
    // Adjacent markers (`[1][2]`) share an offset: the same one of them.
    let nth = anchors[..anchor].iter().filter(|a| a.at() == at).count();
    let unit = old.unit_of(crate::document::Part::Block(block));
    let pos = new.locate(&old.source_pos(crate::document::DocPos::new(unit, at)))?;
    let crate::document::Part::Block(b) = new.part(pos.unit) else {
        return None;
    };
    let anchor = new.blocks[b]
        .anchors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.at() == pos.byte)
        .nth(nth)?
        .0;
    Some(Target::Anchor { block: b, anchor })
}
