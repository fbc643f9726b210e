//! Application state and the only place it changes (`update`). UI-free: the terminal
//! layer feeds `Action`s in and `ui::draw` reads the state out.

mod action;
pub mod bookmarks;
mod copy;
pub mod effects;
pub mod help;
mod input;
pub mod jumps;
mod library;
pub mod line_edit;
mod motions;
mod notes;
mod reading;
mod reload;
pub mod search;
mod search_job;
pub mod select;
pub mod sidenotes;
pub mod undo;
mod update;
pub mod viewport;

pub use action::Action;
pub use jumps::{JumpList, Location};
pub(crate) use motions::plural;
pub use reading::Deferred;
pub use select::Target;
pub use viewport::RowPos;

use crate::document::{DocPos, Document};
use crate::keymap::Mode;
use crate::layout::{LayoutCache, UnitLayout};
use std::cell::RefCell;
use std::rc::Rc;
use viewport::Rows;

/// Default reading column, like a well-set page.
pub const DEFAULT_COLUMN: u16 = 80;

/// Columns kept left of the text for the bookmark mark.
pub const MARGIN: u16 = 2;

/// The note column beside the text on wide terminals: columns between text and notes,
/// the note column's narrowest and widest, the narrowest text column it is opened with.
pub const GUTTER: u16 = 3;
pub const NOTES_MIN: u16 = 30;
pub const NOTES_MAX: u16 = 48;
pub const TEXT_MIN: u16 = 60;
/// Terminal widths where the column opens by itself (at or above `SIDENOTES_ON`) and
/// closes (below `SIDENOTES_OFF`); in between it stays as it was, so a resize near the
/// edge does not flap. `SIDENOTES_OFF` is the narrowest pair with the bookmark margin.
pub const SIDENOTES_ON: u16 = 98;
pub const SIDENOTES_OFF: u16 = MARGIN + TEXT_MIN + GUTTER + NOTES_MIN;

/// Whether the note column is shown: by itself on wide terminals, or as `S` asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidenoteMode {
    /// Open from `SIDENOTES_ON` columns, closed below `SIDENOTES_OFF`.
    Auto,
    /// Open whenever the pair fits (`SIDENOTES_OFF` columns).
    On,
    Off,
}

impl SidenoteMode {
    /// The mode the reader opens in: an explicit `--sidenotes` wins, then the choice `S`
    /// last made (remembered in the store: `Some(true)` shown), else `Auto`.
    pub fn at_start(flag: Option<SidenoteMode>, remembered: Option<bool>) -> SidenoteMode {
        match (flag, remembered) {
            (Some(mode), _) => mode,
            (None, Some(true)) => SidenoteMode::On,
            (None, Some(false)) => SidenoteMode::Off,
            (None, None) => SidenoteMode::Auto,
        }
    }
}

/// Columns one `Left` / `Right` scrolls preformatted text by.
pub const HSCROLL_STEP: u16 = 8;

/// Where the document came from, for the status line and the store.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// A short name to show: the file name, `standard input` or `built-in sample`.
    pub name: String,
}

/// Overlays drawn above the page; the topmost takes the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The keys; `query` is the last help search (`n` / `N` go on with it).
    Help { scroll: usize, query: String },
    /// Typing a search in the help (`/` there).
    HelpFind(Box<help::HelpFind>),
    /// A note's text in a popup beside its anchor.
    Preview { note: usize, scroll: usize },
    /// Every note with the start of its text; `selected` is a note index.
    NotesIndex { selected: usize },
    /// The search prompt on the bottom line.
    Search(Box<search::Prompt>),
    /// Asking for a bookmark's label.
    Label(Box<bookmarks::LabelPrompt>),
    /// "Remove this bookmark?"
    ConfirmRemove { id: String, label: String },
    /// The bookmark list; `selected` indexes `App::listed_bookmarks(only_unit)`: every
    /// bookmark, or those of one passage (`D` with several there).
    Bookmarks {
        selected: usize,
        only_unit: Option<usize>,
    },
    /// The outline: every heading (`App::outline`); `selected` indexes it.
    Outline { selected: usize },
}

pub struct App {
    /// Shared, so a worker thread can build the search index without a copy.
    pub doc: std::sync::Arc<Document>,
    pub source: Source,
    /// Lazily filled per-unit layouts; interior mutability so drawing (`&App`) can fill it.
    cache: RefCell<LayoutCache>,
    /// Notes laid out alone at the note column's width, for the margin notes.
    note_cache: RefCell<crate::layout::NoteLayoutCache>,
    /// Each unit's links, found once (a linkify scan of the unit): drawing asks for them
    /// on every row of every frame.
    link_cache: RefCell<std::collections::HashMap<usize, Rc<[crate::document::links::Link]>>>,
    /// The headings' and the captions' units (`motions::landmarks`), found once.
    landmark_cache: RefCell<[Option<Rc<[usize]>>; 2]>,
    /// Whether the note column is wanted (`S` toggles).
    pub sidenote_mode: SidenoteMode,
    /// In `Auto`, whether the column is open now (hysteresis between the two widths).
    sidenotes_auto_open: bool,
    /// The user's preferred column width (`--width`).
    pub column_pref: u16,
    /// Terminal size in cells.
    pub screen: (u16, u16),
    /// The first row shown.
    pub top: RowPos,
    /// Columns every preformatted row on screen is scrolled to the right by (clamped to
    /// what the rows on screen need when drawn: see `hscroll_now`).
    pub hscroll: u16,
    pub overlays: Vec<Overlay>,
    /// The selected anchor or note, highlighted in the text.
    pub selected: Option<Target>,
    pub jumps: JumpList,
    /// Digits typed towards "open note N".
    pub pending_number: String,
    /// The last search, highlighted until `Esc`.
    pub search: Option<search::SearchState>,
    pub index: search::IndexSlot,
    /// Earlier queries, oldest first (from the store when there is one).
    pub history: Vec<String>,
    /// Where bookmarks, positions and history are kept; `None` in tests and when the data
    /// directory cannot be used.
    pub store: Option<crate::store::Store>,
    /// Who this document is to the store.
    pub doc_key: Option<crate::store::DocKey>,
    /// This document's bookmarks, in document order.
    pub bookmarks: Vec<crate::store::Bookmark>,
    /// Every bookmark change of the session, for `U` / `Ctrl-r`.
    undo: undo::UndoStack,
    /// `` ` `` was pressed: the next key names a mark.
    pending_mark: bool,
    /// The reader moved in this session (a key or click scrolled the page): only then is
    /// the reading position saved.
    moved: bool,
    /// Unix seconds now; injectable so tests never depend on the clock.
    pub clock: fn() -> u64,
    /// A one-line notice for the status line, cleared by the next key.
    pub message: Option<String>,
    pub quit: bool,
    /// Set by Ctrl-Z; the event loop suspends (terminal I/O is not `update`'s business).
    pub suspend_requested: bool,
    /// Copy, open and mouse requests for the event loop, and what the outside allows.
    pub effects: effects::Effects,
    /// `Document::reading_offsets`: the position percentage comes from source weights in
    /// reading order, not from a global row count.
    unit_offsets: crate::document::Offsets,
    /// Bytes of model text in all units.
    text_bytes: usize,
    /// Where the source's lines start, for `NG`, `+N` and `Ctrl-g` (`None`: not known, as
    /// for a document built in memory).
    lines: Option<crate::document::LineIndex>,
    /// The file the document was read from, when `R` can read it again.
    pub file_path: Option<std::path::PathBuf>,
    /// Set by `R`; the event loop reads the file (I/O is not `update`'s business).
    pub reload_requested: bool,
    /// The file changed on disk since it was read (the event loop noticed).
    pub changed_on_disk: bool,
    /// The heading or caption `]` `[` `}` `{` last went to, and the top row it left: near
    /// the end the page cannot put it at the top, and the next press goes on from it.
    nav_cursor: Option<(usize, RowPos)>,
    /// The keys in effect (the config's), for lookups, help and every hint that names a
    /// key; shared, as it never changes while reading.
    pub keymap: std::sync::Arc<crate::keymap::Keymap>,
    /// The theme and whether colour is allowed, for `ui` to draw with.
    pub appearance: crate::config::Appearance,
    /// Opened from the library: `L` goes back to it.
    pub from_library: bool,
    /// Set by `L`; the shell closes the session and shows the library.
    pub back_requested: bool,
    /// The file's size and modification time when it was read (for the store).
    pub stamp: Option<crate::store::FileStamp>,
    /// When the session started (`mark_opened`), for the reading time.
    pub opened_at: Option<u64>,
    /// The document is a preview of a big file still being parsed (`reading.rs`).
    reading: Option<reading::Reading>,
    /// A document bigger than this gets its search index built on a worker thread when
    /// it replaces its preview, and its incremental searches run on one
    /// (`search::BACKGROUND_INDEX_BYTES`; tests lower it).
    pub background_index_from: usize,
    /// The prompt's query being searched on a worker thread, or waiting for the index
    /// (`search_job.rs`).
    pending_search: search_job::Pending,
    /// A partial search (counted on the preview) being completed on a worker thread.
    completing: Option<search_job::SearchJob>,
}

impl App {
    pub fn new(doc: Document, source: Source, column_pref: u16, screen: (u16, u16)) -> App {
        let unit_offsets = doc.reading_offsets();
        let text_bytes = doc.text_bytes();
        let message = doc.notices.first().cloned();
        let mut app = App {
            doc: std::sync::Arc::new(doc),
            source,
            cache: RefCell::new(LayoutCache::new()),
            note_cache: RefCell::default(),
            link_cache: RefCell::default(),
            landmark_cache: RefCell::default(),
            sidenote_mode: SidenoteMode::Auto,
            sidenotes_auto_open: screen.0 >= SIDENOTES_ON,
            column_pref: column_pref.max(1),
            screen,
            top: RowPos::default(),
            hscroll: 0,
            overlays: Vec::new(),
            selected: None,
            jumps: JumpList::default(),
            pending_number: String::new(),
            search: None,
            index: search::IndexSlot::NotBuilt,
            history: Vec::new(),
            store: None,
            doc_key: None,
            bookmarks: Vec::new(),
            undo: undo::UndoStack::default(),
            pending_mark: false,
            moved: false,
            clock: system_clock,
            message,
            quit: false,
            suspend_requested: false,
            effects: effects::Effects::default(),
            unit_offsets,
            text_bytes,
            lines: None,
            file_path: None,
            reload_requested: false,
            changed_on_disk: false,
            nav_cursor: None,
            keymap: crate::keymap::Keymap::builtin(),
            appearance: crate::config::Appearance::default(),
            from_library: false,
            back_requested: false,
            stamp: None,
            opened_at: None,
            reading: None,
            background_index_from: search::BACKGROUND_INDEX_BYTES,
            pending_search: search_job::Pending::default(),
            completing: None,
        };
        app.top = app.rows(|r| r.first());
        app
    }

    /// Start with the note column as `--sidenotes` asked (`Auto` is the default).
    pub fn set_sidenote_mode(&mut self, mode: SidenoteMode) {
        let keep = self.top_pos();
        self.sidenote_mode = mode;
        let row = self.row_of_pos(keep);
        self.set_top(row);
    }

    /// Width of the text column: the preferred width, or what the terminal leaves after
    /// the bookmark margin (and, with the note column open, the gutter and the narrowest
    /// note column) when it is narrower.
    pub fn column_width(&self) -> u16 {
        let room = self.screen.0.saturating_sub(MARGIN);
        let room = if self.sidenotes_open() {
            room.saturating_sub(GUTTER + NOTES_MIN)
        } else {
            room
        };
        self.column_pref.min(room).max(1)
    }

    /// Left edge of the column: centered on wide terminals, never over the margin. With
    /// the note column open, the pair of columns is centered.
    pub fn column_left(&self) -> u16 {
        let used = self.column_width() + self.notes_width().map_or(0, |w| GUTTER + w);
        ((self.screen.0.saturating_sub(used)) / 2).max(MARGIN.min(self.screen.0))
    }

    /// Width of the note column when it is shown: what the text leaves, at most `NOTES_MAX`.
    fn notes_width(&self) -> Option<u16> {
        if !self.sidenotes_open() {
            return None;
        }
        let room = self.screen.0.saturating_sub(MARGIN);
        let left = room.saturating_sub(self.column_width() + GUTTER);
        Some(left.clamp(1, NOTES_MAX))
    }

    /// Whether the note column is shown beside the text now.
    pub fn sidenotes_open(&self) -> bool {
        match self.sidenote_mode {
            SidenoteMode::Off => false,
            SidenoteMode::On => self.screen.0 >= SIDENOTES_OFF,
            SidenoteMode::Auto => self.sidenotes_auto_open,
        }
    }

    /// The note column's left edge and width, when it is shown.
    pub fn note_column(&self) -> Option<(u16, u16)> {
        let width = self.notes_width()?;
        Some((self.column_left() + self.column_width() + GUTTER, width))
    }

    /// Note `note` laid out alone at the note column's width (cached per width).
    pub fn note_layout(&self, note: usize) -> Rc<UnitLayout> {
        let width = self.note_column().map_or(1, |(_, w)| w);
        self.note_cache.borrow_mut().get(&self.doc, note, width)
    }

    /// How many notes have been laid out for the note column at its current width.
    pub fn laid_out_notes(&self) -> usize {
        self.note_cache.borrow().laid_out()
    }

    /// Rows available for the page (the last row is the status line).
    pub fn page_height(&self) -> usize {
        usize::from(self.screen.1.saturating_sub(1)).max(1)
    }

    /// Rows a list box shows at once (the page less its borders and hint rows): one
    /// `PgDn` in a list moves this far.
    fn list_page(&self) -> usize {
        self.page_height().saturating_sub(4).max(1)
    }

    /// The links of `unit` (`Document::links`), found once per unit and kept.
    pub fn links(&self, unit: usize) -> Rc<[crate::document::links::Link]> {
        let mut cache = self.link_cache.borrow_mut();
        Rc::clone(
            cache
                .entry(unit)
                .or_insert_with(|| self.doc.links(unit).into()),
        )
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        match self.overlays.last() {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::HelpFind(_)) => Mode::HelpFind,
            Some(Overlay::Preview { .. }) => Mode::Preview,
            Some(Overlay::NotesIndex { .. }) => Mode::NotesIndex,
            Some(Overlay::Search(_)) => Mode::Prompt,
            Some(Overlay::Label(_)) => Mode::Label,
            Some(Overlay::ConfirmRemove { .. }) => Mode::Confirm,
            Some(Overlay::Bookmarks { .. }) => Mode::Bookmarks,
            Some(Overlay::Outline { .. }) => Mode::Outline,
            None => Mode::Reading,
        }
    }

    /// The layout of one unit at the current column width.
    pub fn layout(&self, unit: usize) -> Rc<UnitLayout> {
        self.cache
            .borrow_mut()
            .get(&self.doc, unit, self.column_width())
    }

    /// How many units have been laid out (for tests that check laziness).
    pub fn laid_out_units(&self) -> usize {
        self.cache.borrow().laid_out()
    }

    /// Run row arithmetic against the current layout.
    pub fn rows<T>(&self, f: impl FnOnce(&mut Rows<'_>) -> T) -> T {
        let mut cache = self.cache.borrow_mut();
        let mut rows = Rows {
            doc: &self.doc,
            cache: &mut cache,
            width: self.column_width(),
        };
        f(&mut rows)
    }

    /// The rows visible on the page, top to bottom (fewer at the end of the document).
    pub fn visible_rows(&self) -> Vec<RowPos> {
        let height = self.page_height();
        let mut out = Vec::with_capacity(height);
        self.rows(|r| {
            let mut pos = r.normalise(self.top);
            for _ in 0..height {
                out.push(pos);
                let next = r.forward(pos, 1);
                if next == pos {
                    break;
                }
                pos = next;
            }
        });
        out
    }

    /// How far right preformatted rows can scroll: the widest one on screen less the
    /// column (0 when every one fits).
    pub fn max_hscroll(&self) -> u16 {
        let width = usize::from(self.column_width());
        let widest = self
            .visible_rows()
            .into_iter()
            .filter_map(|pos| {
                let layout = self.layout(pos.unit);
                let row = layout.rows.get(pos.row)?;
                let pre = layout.style == crate::layout::UnitStyle::Preformatted
                    && row.kind == crate::layout::RowKind::Text;
                pre.then(|| crate::layout::display_width(&layout.display[row.range.clone()]))
            })
            .max()
            .unwrap_or(0);
        u16::try_from(widest.saturating_sub(width)).unwrap_or(u16::MAX)
    }

    /// The horizontal scroll in effect now: `hscroll`, never past the widest row on screen.
    pub fn hscroll_now(&self) -> u16 {
        self.hscroll.min(self.max_hscroll())
    }

    /// The document position shown at the top of the page.
    pub fn top_pos(&self) -> DocPos {
        self.pos_of_row(self.top)
    }

    /// The document position at the start of a row.
    pub fn pos_of_row(&self, row: RowPos) -> DocPos {
        let layout = self.layout(row.unit);
        let byte = layout
            .rows
            .get(row.row)
            .map(|r| layout.model_offset(r.range.start))
            .unwrap_or(0);
        DocPos::new(row.unit, byte)
    }

    /// The row showing a document position.
    pub fn row_of_pos(&self, pos: DocPos) -> RowPos {
        let unit = pos.unit.min(self.doc.unit_count().saturating_sub(1));
        let row = self.layout(unit).row_of(pos.byte);
        self.rows(|r| r.normalise(RowPos { unit, row }))
    }

    /// How far through the document the page is, 0–100, in reading order
    /// (`Document::percent_at`); 100 only when the last page is shown.
    pub fn percent(&self) -> u8 {
        let height = self.page_height();
        let at_end = self.rows(|r| {
            let max = r.max_top(height);
            self.top >= max
        });
        if at_end {
            return 100;
        }
        if let Some(p) = self.percent_while_reading() {
            return p;
        }
        self.doc
            .percent_at(&self.unit_offsets, self.top_pos())
            .min(99)
    }

    /// How far through the document `pos` is, 0–100, in reading order.
    pub fn percent_of(&self, pos: DocPos) -> u8 {
        self.doc.percent_at(&self.unit_offsets, pos)
    }

    /// Size of the document's text in bytes (counted once, no scan).
    pub fn doc_bytes(&self) -> usize {
        self.text_bytes
    }

    /// The title to show: the document's, else the source name.
    pub fn display_title(&self) -> &str {
        match self.doc.meta.title.as_deref() {
            Some(t) if !t.trim().is_empty() => t,
            _ => &self.source.name,
        }
    }

    /// Scroll so that `row` is the top row, clamped so the page stays full at the end.
    pub fn set_top(&mut self, row: RowPos) {
        let height = self.page_height();
        self.top = self.rows(|r| {
            let row = r.normalise(row);
            let max = r.max_top(height);
            row.min(max)
        });
    }
}

impl App {
    /// Where the reader is now, for the jump list.
    pub fn location(&self) -> Location {
        Location {
            top: self.top_pos(),
            row: self.top,
            width: self.column_width(),
            selected: self.selected,
        }
    }

    /// Return to a remembered location: the exact row when the width is unchanged.
    pub fn restore_location(&mut self, loc: Location) {
        let row = if loc.width == self.column_width() {
            loc.row
        } else {
            self.row_of_pos(loc.top)
        };
        self.top = self.rows(|r| r.normalise(row));
        self.selected = loc.selected.filter(|t| t.exists(&self.doc));
    }

    /// Scroll as little as needed to show `pos`; when it is off screen, place it a third
    /// of the way down so its context above is visible too.
    pub fn ensure_visible(&mut self, pos: DocPos) {
        self.reveal_column(pos);
        let row = self.row_of_pos(pos);
        if self.visible_rows().contains(&row) {
            return;
        }
        let context = self.page_height() / 3;
        let top = self.rows(|r| r.backward(row, context));
        self.set_top(top);
    }
}

impl App {
    /// Scroll preformatted text sideways so the column of `pos` is in view (a search hit
    /// or a selected anchor inside a clipped line). Other text is never clipped.
    fn reveal_column(&mut self, pos: DocPos) {
        if pos.unit >= self.doc.unit_count() {
            return;
        }
        let layout = self.layout(pos.unit);
        if layout.style != crate::layout::UnitStyle::Preformatted {
            return;
        }
        let Some(row) = layout.rows.get(layout.row_of(pos.byte)) else {
            return;
        };
        let at = layout
            .display_offset(pos.byte)
            .clamp(row.range.start, row.range.end);
        let col = layout
            .display
            .get(row.range.start..at)
            .map_or(0, crate::layout::display_width);
        let width = usize::from(self.column_width());
        let skip = usize::from(self.hscroll);
        // The first and last cells may hold the `‹` / `›` indicators.
        let first = skip + usize::from(skip > 0);
        if first <= col && col + 1 < skip + width {
            return;
        }
        self.hscroll = u16::try_from(col.saturating_sub(width / 3)).unwrap_or(u16::MAX);
    }

    /// `Left` / `Right`: scroll every preformatted row on screen by `HSCROLL_STEP`.
    pub(crate) fn scroll_sideways(&mut self, right: bool) {
        let max = self.max_hscroll();
        if max == 0 {
            self.hscroll = 0;
            self.message = Some("nothing on screen is wider than the column".into());
            return;
        }
        let now = self.hscroll.min(max);
        self.hscroll = if right {
            now.saturating_add(HSCROLL_STEP).min(max)
        } else {
            now.saturating_sub(HSCROLL_STEP)
        };
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn system_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Moves a list's `selected` row (of `0..=last`) for a motion key; `page` rows for a
/// page key. Returns whether `action` was a motion; the lists share these keys.
fn step_in_list(selected: &mut usize, last: usize, page: usize, action: Action) -> bool {
    *selected = match action {
        Action::LineDown | Action::WheelDown => (*selected + 1).min(last),
        Action::LineUp | Action::WheelUp => selected.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (*selected + page).min(last),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}
