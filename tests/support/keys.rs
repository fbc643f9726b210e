//! Driving the reader as a user does: key sequences go through the real keymap
//! (`App::on_event`, the function the event loop calls), and tests look at the screen
//! drawn by `ui` on ratatui's `TestBackend`, not at `App`'s fields.
//!
//! Key sequences are whitespace-separated tokens, as in helix's key-sequence tests:
//!
//! - a key name: `Enter` `Esc` `Tab` `S-Tab` `BS` `Del` `Space` `Up` `Down` `Left` `Right`
//!   `PgDn` `PgUp` `Home` `End` `F1`…, with modifiers `C-` (Ctrl), `A-` (Alt), `S-` (Shift):
//!   `C-o`, `A-Left`, `C-r`;
//! - the same names in angle brackets anywhere in a token: `<C-o>12<Enter>`, `<lt>` for `<`;
//! - a single character: `j`, `G`, `?`, `'`, `/`;
//! - any other token: its characters typed one by one (`12`, `paragraph`).
//!
//! To type text that could read as a key name (`End`, words with spaces), use
//! [`type_text`].

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use sidenote::app::App;

/// One key name (`Enter`, `C-o`, `S-Tab`, `A-Left`, `j`, `G`), or `None`.
pub fn key(name: &str) -> Option<KeyEvent> {
    let mut mods = KeyModifiers::NONE;
    let mut base = name;
    loop {
        let (m, rest) = if let Some(r) = base.strip_prefix("C-") {
            (KeyModifiers::CONTROL, r)
        } else if let Some(r) = base.strip_prefix("A-") {
            (KeyModifiers::ALT, r)
        } else if let Some(r) = base.strip_prefix("S-") {
            (KeyModifiers::SHIFT, r)
        } else {
            break;
        };
        if rest.is_empty() {
            break; // `C-` alone is no key; `-` as the base is handled below
        }
        mods |= m;
        base = rest;
    }
    let code = match base {
        "Enter" | "Ret" | "CR" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "Tab" => KeyCode::Tab,
        "BackTab" => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::BackTab
        }
        "BS" | "Backspace" => KeyCode::Backspace,
        "Del" | "Delete" => KeyCode::Delete,
        "Space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgDn" | "PageDown" => KeyCode::PageDown,
        "PgUp" | "PageUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        f if f.len() > 1 && f.starts_with('F') && f[1..].chars().all(|c| c.is_ascii_digit()) => {
            KeyCode::F(f[1..].parse().ok()?)
        }
        c => {
            let mut chars = c.chars();
            let ch = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            // Terminals send Shift with capital letters; the keymap must cope.
            if ch.is_uppercase() {
                mods |= KeyModifiers::SHIFT;
            }
            KeyCode::Char(ch)
        }
    };
    Some(KeyEvent::new(code, mods))
}

/// The key events of a whole sequence (see the module docs).
pub fn parse_keys(seq: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    for token in seq.split_whitespace() {
        if let Some(k) = key(token) {
            out.push(k);
            continue;
        }
        let mut rest = token;
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                if let Some(end) = rest.find('>') {
                    let name = &rest[1..end];
                    let k = key(name).unwrap_or_else(|| panic!("unknown key <{name}> in {seq:?}"));
                    out.push(k);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push(char_key(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// Press a key sequence, as the event loop would deliver it.
pub fn press(app: &mut App, seq: &str) {
    for k in parse_keys(seq) {
        event(app, Event::Key(k));
    }
}

/// One event, then the store's writes it asked for, as the event loop performs them
/// after each event (`perform::store_writes`). The terminal's requests (copy, open,
/// mouse) stay pending, for tests to read.
pub fn event(app: &mut App, event: Event) {
    app.on_event(event);
    sidenote::perform::store_writes(app);
}

/// Press one key without performing what it asks of the store: for tests that look at
/// the pending effects.
pub fn press_only(app: &mut App, seq: &str) {
    for k in parse_keys(seq) {
        app.on_event(Event::Key(k));
    }
}

/// Same as [`press`]: `keys(&mut app, "<C-o>12<Enter>")` reads better for mixed sequences.
pub fn keys(app: &mut App, seq: &str) {
    press(app, seq);
}

/// Type `text` character by character (spaces included), as into a prompt.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        event(app, Event::Key(char_key(c)));
    }
}

/// Same as [`type_text`], without performing the store's writes (see [`press_only`]).
pub fn type_text_only(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_event(Event::Key(char_key(c)));
    }
}

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    event(
        app,
        Event::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

/// A left click on cell (`x`, `y`).
pub fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

/// One turn of the mouse wheel, down (`true`) or up.
pub fn wheel(app: &mut App, down: bool) {
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    mouse(app, kind, 0, 0);
}

/// The terminal changed size.
pub fn resize(app: &mut App, w: u16, h: u16) {
    event(app, Event::Resize(w, h));
}

/// Whether the reader asked the event loop to end (after `q`).
pub fn quit_requested(app: &App) -> bool {
    app.quit
}

/// A drawn screen: the buffer and its rows as text.
pub struct Screen {
    pub buf: Buffer,
    /// Every row, trailing spaces removed.
    pub rows: Vec<String>,
}

/// Draw `app` at its terminal size (checked: the final scrub replaced nothing).
pub fn screen(app: &App) -> Screen {
    let buf = super::draw(app);
    let rows = (0..buf.area.height)
        .map(|y| {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            line.trim_end().to_string()
        })
        .collect();
    Screen { buf, rows }
}

/// The status line (the bottom row) of `app`'s screen, trimmed.
pub fn status(app: &App) -> String {
    screen(app).status()
}

impl Screen {
    /// The whole screen as text, one row per line.
    pub fn text(&self) -> String {
        let mut out = self.rows.join("\n");
        out.push('\n');
        out
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.rows.iter().any(|r| r.contains(needle))
    }

    /// The first row holding `needle`.
    pub fn row_of(&self, needle: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.contains(needle))
    }

    /// The cell where `needle` starts, on its first row, in columns.
    pub fn cell_of(&self, needle: &str) -> Option<(u16, u16)> {
        let y = self.row_of(needle)?;
        let mut text = String::new();
        for x in 0..self.buf.area.width {
            if text.ends_with(needle) {
                break;
            }
            text.push_str(self.buf[(x, y as u16)].symbol());
            if text.ends_with(needle) {
                let start = x + 1 - needle.chars().count() as u16;
                return Some((start, y as u16));
            }
        }
        None
    }

    /// The status line, trimmed.
    pub fn status(&self) -> String {
        self.rows
            .last()
            .map(|r| r.trim().to_string())
            .unwrap_or_default()
    }

    /// The percentage the status line shows.
    pub fn percent(&self) -> u8 {
        let status = self.status();
        let word = status
            .split_whitespace()
            .find(|w| w.ends_with('%') && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| panic!("no percentage in the status line {status:?}"));
        word[..word.len() - 1].parse().expect("digits")
    }

    /// The page rows (everything above the status line).
    pub fn page(&self) -> &[String] {
        &self.rows[..self.rows.len().saturating_sub(1)]
    }

    /// Runs of cells drawn with all of `modifier`, with their row, outside the status line.
    pub fn styled(&self, modifier: Modifier) -> Vec<(usize, String)> {
        self.runs_where(|cell| cell.modifier.contains(modifier))
    }

    /// Runs of cells drawn in the foreground colour `fg`, as [`Screen::styled`].
    #[allow(dead_code)] // not every test binary that includes the support asks for colours
    pub fn styled_fg(&self, fg: ratatui::style::Color) -> Vec<(usize, String)> {
        self.runs_where(|cell| cell.fg == fg)
    }

    fn runs_where(&self, keep: impl Fn(&ratatui::buffer::Cell) -> bool) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for y in 0..self.buf.area.height.saturating_sub(1) {
            let mut run = String::new();
            for x in 0..self.buf.area.width {
                let cell = &self.buf[(x, y)];
                if keep(cell) {
                    run.push_str(cell.symbol());
                } else if !run.is_empty() {
                    out.push((usize::from(y), std::mem::take(&mut run)));
                }
            }
            if !run.is_empty() {
                out.push((usize::from(y), run));
            }
        }
        out
    }

    /// The selected anchor or note label as drawn (`[5]`) and its row, if one is on screen.
    pub fn selection(&self) -> Option<(usize, String)> {
        // An open preview draws the note's own label again: the same text, further down.
        let sel = self.styled(Modifier::REVERSED | Modifier::BOLD);
        assert!(
            sel.iter().all(|(_, t)| *t == sel[0].1),
            "more than one selection drawn: {sel:?}"
        );
        sel.into_iter().next()
    }

    /// The cell where the selection starts.
    pub fn selection_cell(&self) -> Option<(u16, u16)> {
        let want = Modifier::REVERSED | Modifier::BOLD;
        for y in 0..self.buf.area.height.saturating_sub(1) {
            for x in 0..self.buf.area.width {
                if self.buf[(x, y)].modifier.contains(want) {
                    return Some((x, y));
                }
            }
        }
        None
    }

    /// The title of the open note preview (`Note 5`), if one is shown.
    pub fn preview(&self) -> Option<String> {
        self.rows.iter().find_map(|r| {
            let at = r.find("┌ Note ")?;
            let rest = &r[at + "┌ ".len()..];
            Some(rest.split(" ─").next().unwrap_or(rest).trim().to_string())
        })
    }

    /// The highlighted line of an open list (notes index, bookmarks), trimmed of borders.
    pub fn list_highlight(&self) -> Option<String> {
        self.styled(Modifier::REVERSED)
            .into_iter()
            .map(|(_, t)| t.trim().to_string())
            .find(|t| !t.is_empty())
    }

    /// The paragraph (the `N` of the nearest `Paragraph N.` at or above the selection)
    /// holding the selected anchor, for the hand-built test documents.
    pub fn selected_paragraph(&self) -> Option<usize> {
        let (row, _) = self.selection()?;
        self.rows[..=row]
            .iter()
            .rev()
            .find_map(|r| paragraph_number(r))
    }

    /// The numbers of the paragraphs whose first line is on the page, in order.
    pub fn paragraphs(&self) -> Vec<usize> {
        self.page()
            .iter()
            .filter_map(|r| paragraph_number(r))
            .collect()
    }
}

impl std::fmt::Display for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{}", self.text())
    }
}

fn paragraph_number(row: &str) -> Option<usize> {
    let at = row.find("Paragraph ")?;
    let rest = &row[at + "Paragraph ".len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if rest[digits.len()..].starts_with('.') {
        digits.parse().ok()
    } else {
        None
    }
}

/// Where the page starts in the whole document: the index, in a rendering of the whole
/// document at the same width, of the page's first row. Margin marks (bookmarks) and
/// styles are ignored; overlays must be closed.
pub fn scrolled_rows(app: &App) -> usize {
    let page = screen(app);
    let page: Vec<String> = page.page().iter().map(|r| unmark(r)).collect();
    let whole = whole_document(app);
    (0..whole.len())
        .find(|&i| whole[i..].len() >= page.len() && whole[i..i + page.len()] == page[..])
        .or_else(|| {
            // The page runs past the end only when the document is shorter than it.
            (0..whole.len())
                .find(|&i| whole.len() - i <= page.len() && whole[i..] == page[..whole.len() - i])
        })
        .unwrap_or_else(|| {
            panic!(
                "the page is not a window of the document:\n{}",
                page.join("\n")
            )
        })
}

/// Every row of `app`'s document at `app`'s width, as a fresh reader shows it on a
/// screen tall enough for all of it.
pub fn whole_document(app: &App) -> Vec<String> {
    let (w, _) = app.screen;
    let fresh = super::app((*app.doc).clone(), w, 4000);
    let s = screen(&fresh);
    let mut rows: Vec<String> = s.page().iter().map(|r| unmark(r)).collect();
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    rows
}

fn unmark(row: &str) -> String {
    row.replace('▍', " ").trim_end().to_string()
}
