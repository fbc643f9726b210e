//! Key bindings as data, not a `match` buried in the event loop. `ROWS` says which
//! actions each mode offers, in the order help lists them, with their help text; the keys
//! come from the configuration (`assets/config.toml`, then the user's file: see
//! `crate::config`), so a remapped key is the one help, `docs/keys.md` and every hint in a
//! message name (`Keymap::key_for`).

use crate::app::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::{Arc, LazyLock};

/// Which bindings apply: the topmost overlay decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Reading,
    Help,
    /// The note preview popup.
    Preview,
    /// The list of all notes.
    NotesIndex,
    /// Typing a search; printable characters insert themselves.
    Prompt,
    /// Typing a bookmark's label: a mode of its own, so that no search key (`Ctrl-t`,
    /// `Ctrl-s`, history) acts there; printable characters insert themselves.
    Label,
    /// A yes/no question.
    Confirm,
    /// The bookmark list.
    Bookmarks,
    /// The outline: every heading, to jump to.
    Outline,
    /// Typing a search in the help overlay; printable characters insert themselves.
    HelpFind,
    /// The library: the list of documents (or of every bookmark); printable characters
    /// type the filter.
    Library,
}

impl Mode {
    /// The mode's table in the config file (`[keys.reading]`): stable, snake_case.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Reading => "reading",
            Mode::Help => "help",
            Mode::Preview => "preview",
            Mode::NotesIndex => "notes_index",
            Mode::Prompt => "search_prompt",
            Mode::Label => "label_prompt",
            Mode::Confirm => "confirm",
            Mode::Bookmarks => "bookmarks",
            Mode::Outline => "outline",
            Mode::HelpFind => "help_search",
            Mode::Library => "library",
        }
    }

    /// The mode whose config table is `name`.
    pub fn from_name(name: &str) -> Option<Mode> {
        SECTIONS.iter().map(|(m, _)| *m).find(|m| m.name() == name)
    }
}

/// One row of the keymap's shape: in `mode`, `action` is offered, with this help text.
/// Its keys are configuration (`assets/config.toml`), not code.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub mode: Mode,
    pub action: Action,
    pub help: &'static str,
}

const fn bind(mode: Mode, action: Action, help: &'static str) -> Row {
    Row { mode, action, help }
}

use Action as A;
use Mode::*;

/// Every action of every mode. Order is the order shown in help.
pub static ROWS: &[Row] = &[
    // Reading
    bind(Reading, A::ToggleHelp, "show this help"),
    bind(Reading, A::LineDown, "down one line"),
    bind(Reading, A::LineUp, "up one line"),
    bind(Reading, A::PageDown, "down one page"),
    bind(Reading, A::PageUp, "up one page"),
    bind(Reading, A::HalfPageDown, "down half a page"),
    bind(Reading, A::HalfPageUp, "up half a page"),
    bind(
        Reading,
        A::Top,
        "go to the top (after a count N: line N of the file)",
    ),
    bind(
        Reading,
        A::Bottom,
        "go to the end (after a count N: line N of the file)",
    ),
    bind(
        Reading,
        A::Percent,
        "after a count N: go N percent of the way through",
    ),
    bind(Reading, A::NextHeading, "next heading"),
    bind(Reading, A::PrevHeading, "previous heading"),
    bind(Reading, A::NextCaption, "next caption"),
    bind(Reading, A::PrevCaption, "previous caption"),
    bind(Reading, A::Outline, "outline: every heading, to jump to"),
    bind(Reading, A::GoToNotes, "go to the Notes section"),
    bind(Reading, A::ScrollLeft, "scroll wide tables and code left"),
    bind(Reading, A::ScrollRight, "scroll wide tables and code right"),
    bind(
        Reading,
        A::NextAnchor,
        "select the next note anchor or link",
    ),
    bind(
        Reading,
        A::PrevAnchor,
        "select the previous note anchor or link",
    ),
    bind(
        Reading,
        A::Activate,
        "preview the selected note (a link: open it) / typed number",
    ),
    bind(
        Reading,
        A::Digit(0),
        "a count for the next key (5j, 50%, 120G) or a note number",
    ),
    bind(
        Reading,
        A::GoToReference,
        "go to the text that cites the note (again: next place)",
    ),
    bind(Reading, A::NotesIndex, "list all notes"),
    bind(
        Reading,
        A::ToggleSidenotes,
        "show or hide the note column beside the text (remembered)",
    ),
    bind(
        Reading,
        A::Copy,
        "copy the selected note or this passage, with its citation",
    ),
    bind(Reading, A::CopyCitation, "copy only the citation"),
    bind(
        Reading,
        A::OpenLink,
        "open the selected link with the system opener",
    ),
    bind(
        Reading,
        A::ToggleMouse,
        "mouse capture on / off (off: the terminal selects text)",
    ),
    bind(Reading, A::Search, "search (incremental)"),
    bind(Reading, A::SearchNext, "next match"),
    bind(Reading, A::SearchPrev, "previous match"),
    bind(
        Reading,
        A::Bookmark,
        "bookmark this passage, with a label (one letter: a mark)",
    ),
    bind(Reading, A::BookmarkList, "list bookmarks"),
    bind(Reading, A::MarkPrefix, "then a letter: go to that mark"),
    bind(
        Reading,
        A::RemoveHere,
        "remove a bookmark of this passage (asks)",
    ),
    bind(Reading, A::Undo, "undo the last bookmark change"),
    bind(Reading, A::Redo, "redo a bookmark change"),
    bind(Reading, A::JumpBack, "go back (jump list)"),
    bind(Reading, A::JumpForward, "go forward (jump list)"),
    bind(
        Reading,
        A::Cancel,
        "clear the selection, then search highlights",
    ),
    bind(Reading, A::Suspend, "suspend to the shell (fg resumes)"),
    bind(
        Reading,
        A::WhereAmI,
        "where am I: title, section, position, line, size",
    ),
    bind(
        Reading,
        A::Reload,
        "reload the file from disk (keeps the place and bookmarks)",
    ),
    bind(Reading, A::Quit, "quit"),
    bind(
        Reading,
        A::Library,
        "back to the library (when the reader came from one)",
    ),
    // Note preview
    bind(Preview, A::Activate, "go to the note in the Notes section"),
    bind(Preview, A::LineDown, "scroll the note down"),
    bind(Preview, A::LineUp, "scroll the note up"),
    bind(Preview, A::PageDown, "scroll the note down a page"),
    bind(Preview, A::PageUp, "scroll the note up a page"),
    bind(Preview, A::NextAnchor, "preview the next anchor"),
    bind(Preview, A::PrevAnchor, "preview the previous anchor"),
    bind(Preview, A::Copy, "copy the note with its citation"),
    bind(Preview, A::CopyCitation, "copy the note's citation"),
    bind(Preview, A::Cancel, "close the preview"),
    bind(Preview, A::ToggleHelp, "show help"),
    // Notes index
    bind(NotesIndex, A::LineDown, "next note"),
    bind(NotesIndex, A::LineUp, "previous note"),
    bind(NotesIndex, A::PageDown, "down one page"),
    bind(NotesIndex, A::PageUp, "up one page"),
    bind(NotesIndex, A::Top, "first note"),
    bind(NotesIndex, A::Bottom, "last note"),
    bind(NotesIndex, A::Activate, "show the note in its context"),
    bind(NotesIndex, A::Cancel, "close the list"),
    bind(NotesIndex, A::ToggleHelp, "show help"),
    // Outline
    bind(Outline, A::LineDown, "next heading"),
    bind(Outline, A::LineUp, "previous heading"),
    bind(Outline, A::PageDown, "down one page"),
    bind(Outline, A::PageUp, "up one page"),
    bind(Outline, A::Top, "first heading"),
    bind(Outline, A::Bottom, "last heading"),
    bind(Outline, A::Activate, "go to the heading"),
    bind(Outline, A::Cancel, "close the outline"),
    bind(Outline, A::ToggleHelp, "show help"),
    // Search prompt
    bind(
        Prompt,
        A::Activate,
        "search: confirm (empty: repeat last search)",
    ),
    bind(Prompt, A::Cancel, "cancel and return to where you were"),
    bind(
        Prompt,
        A::DeleteBack,
        "delete a character (on empty: cancel)",
    ),
    bind(Prompt, A::CursorLeft, "move the cursor left"),
    bind(Prompt, A::CursorRight, "move the cursor right"),
    bind(Prompt, A::ClearLine, "clear the query"),
    bind(Prompt, A::HistoryPrev, "earlier query from history"),
    bind(Prompt, A::HistoryNext, "later query from history"),
    bind(Prompt, A::ToggleRegex, "toggle regular expressions"),
    bind(
        Prompt,
        A::ToggleExact,
        "accents count: exact characters (é ≠ e, ’ ≠ ', œ ≠ oe), or not",
    ),
    bind(
        Prompt,
        A::CycleScope,
        "search in: all text, body only, notes only, captions only",
    ),
    bind(Prompt, A::ToggleHelp, "help, at these keys"),
    bind(Prompt, A::Quit, "quit"),
    // Bookmark label prompt
    bind(
        Label,
        A::Activate,
        "save the bookmark (empty: the label shown)",
    ),
    bind(Label, A::Cancel, "cancel: no bookmark"),
    bind(Label, A::DeleteBack, "delete a character"),
    bind(Label, A::CursorLeft, "move the cursor left"),
    bind(Label, A::CursorRight, "move the cursor right"),
    bind(Label, A::ClearLine, "clear the label"),
    bind(Label, A::Quit, "quit"),
    // Yes/no question
    bind(Confirm, A::Yes, "yes"),
    bind(Confirm, A::Cancel, "no (so does any other key)"),
    // Bookmark list
    bind(Bookmarks, A::LineDown, "next bookmark"),
    bind(Bookmarks, A::LineUp, "previous bookmark"),
    bind(Bookmarks, A::Top, "first bookmark"),
    bind(Bookmarks, A::Bottom, "last bookmark"),
    bind(Bookmarks, A::Activate, "go to the bookmark"),
    bind(Bookmarks, A::Delete, "remove the bookmark (asks)"),
    bind(
        Bookmarks,
        A::Undo,
        "undo the last bookmark change (again: the one before)",
    ),
    bind(Bookmarks, A::Redo, "redo a bookmark change"),
    bind(Bookmarks, A::Rename, "rename the bookmark"),
    bind(Bookmarks, A::MarkPrefix, "then a letter: go to that mark"),
    bind(Bookmarks, A::Cancel, "close the list"),
    bind(Bookmarks, A::ToggleHelp, "show help"),
    // Help
    bind(Help, A::LineDown, "scroll help down"),
    bind(Help, A::LineUp, "scroll help up"),
    bind(Help, A::PageDown, "down one page"),
    bind(Help, A::PageUp, "up one page"),
    bind(Help, A::HalfPageDown, "down half a page"),
    bind(Help, A::HalfPageUp, "up half a page"),
    bind(Help, A::Top, "go to the top"),
    bind(Help, A::Bottom, "go to the end"),
    bind(Help, A::Search, "search the help"),
    bind(Help, A::SearchNext, "next line with the help search"),
    bind(Help, A::SearchPrev, "previous line with the help search"),
    bind(Help, A::Cancel, "close help"),
    // Help search
    bind(
        HelpFind,
        A::Activate,
        "keep the search (n / N go on; empty: next)",
    ),
    bind(HelpFind, A::Cancel, "cancel, back to where help was"),
    bind(
        HelpFind,
        A::DeleteBack,
        "delete a character (on empty: cancel)",
    ),
    bind(HelpFind, A::ClearLine, "clear the search"),
    bind(HelpFind, A::Quit, "quit"),
    // Library
    bind(
        Library,
        A::Activate,
        "open the document (in the bookmark list: at the passage)",
    ),
    bind(Library, A::Cancel, "clear the filter; with none, quit"),
    bind(Library, A::LineDown, "next row"),
    bind(Library, A::LineUp, "previous row"),
    bind(Library, A::PageDown, "down one page"),
    bind(Library, A::PageUp, "up one page"),
    bind(Library, A::Top, "first row"),
    bind(Library, A::Bottom, "last row"),
    bind(
        Library,
        A::SwitchList,
        "switch between the documents and every bookmark",
    ),
    bind(
        Library,
        A::CycleSort,
        "sort by: last opened, title, date, progress",
    ),
    bind(
        Library,
        A::Forget,
        "forget the document (asks; its bookmarks kept in forgotten.json)",
    ),
    bind(Library, A::DeleteBack, "delete a filter character"),
    bind(Library, A::ClearLine, "clear the filter"),
    bind(Library, A::Quit, "quit"),
];

/// Parse a key name from the table (`Ctrl-f`, `Shift-Tab`, `PgDn`, `G`, `?`).
pub fn parse_key(name: &str) -> Option<KeyEvent> {
    let (mods, base) = if let Some(rest) = name.strip_prefix("Ctrl-") {
        (KeyModifiers::CONTROL, rest)
    } else if let Some(rest) = name.strip_prefix("Alt-") {
        (KeyModifiers::ALT, rest)
    } else if let Some(rest) = name.strip_prefix("Shift-") {
        (KeyModifiers::SHIFT, rest)
    } else {
        (KeyModifiers::NONE, name)
    };
    let code = match base {
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Space" => KeyCode::Char(' '),
        "Tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
        "Tab" => KeyCode::Tab,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        // The digit row stands for all ten digits (see `lookup`).
        "0-9" => KeyCode::Char('0'),
        f if f.starts_with('F') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
        c => {
            let mut chars = c.chars();
            let ch = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(ch)
        }
    };
    Some(KeyEvent::new(code, mods))
}

/// Normalise what terminals send so it compares equal to the table's keys: `Shift` on
/// printable characters is already in the character (`G`), and BackTab implies Shift.
fn normalise(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) => {
            mods.remove(KeyModifiers::SHIFT);
            let c = if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            };
            (KeyCode::Char(c), mods)
        }
        KeyCode::BackTab => (KeyCode::BackTab, KeyModifiers::SHIFT),
        code => (code, mods),
    }
}

/// The name of a key as the table and help write it (`j`, `G`, `Ctrl-x`, `F5`, `Space`),
/// for "no binding for …"; `None` for keys that are not worth naming (modifiers alone,
/// media keys).
pub fn key_name(key: KeyEvent) -> Option<String> {
    let (code, mods) = normalise(key);
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if !c.is_control() => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => return Some("Shift-Tab".into()),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Insert => "Insert".into(),
        _ => return None,
    };
    let mut name = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    if mods.contains(KeyModifiers::SHIFT) {
        name.push_str("Shift-");
    }
    name.push_str(&base);
    Some(name)
}

/// Section titles of the modes, in the order help and `docs/keys.md` list them.
pub const SECTIONS: &[(Mode, &str)] = &[
    (Mode::Reading, "Reading"),
    (Mode::Preview, "Note preview"),
    (Mode::NotesIndex, "Notes index"),
    (Mode::Outline, "Outline"),
    (Mode::Prompt, "Search prompt (other keys type)"),
    (Mode::Label, "Bookmark label prompt (other keys type)"),
    (Mode::Bookmarks, "Bookmark list"),
    (Mode::Confirm, "Questions"),
    (Mode::Library, "Library (other keys type the filter)"),
    (Mode::Help, "Help"),
    (Mode::HelpFind, "Help search (other keys type)"),
];

/// One binding in effect: in `mode`, any of `keys` triggers `action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    /// Key names as shown in help: `j`, `Down`, `Ctrl-f`, `Space`, `PgDn`, `Shift-Tab`…
    pub keys: Vec<String>,
    pub action: Action,
    pub help: &'static str,
}

/// The keys in effect: every row of `ROWS`, with the keys the configuration gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The built-in keymap, parsed once from the embedded defaults.
static BUILTIN: LazyLock<Arc<Keymap>> =
    LazyLock::new(|| Arc::new(crate::config::Config::defaults().keymap));

impl Default for Keymap {
    /// The keymap of `assets/config.toml` alone.
    fn default() -> Self {
        Keymap::builtin().as_ref().clone()
    }
}

impl Keymap {
    /// Every row of `ROWS` with no key at all: the configuration fills them in.
    pub fn unbound() -> Keymap {
        let bindings = ROWS
            .iter()
            .map(|r| Binding {
                mode: r.mode,
                keys: Vec::new(),
                action: r.action,
                help: r.help,
            })
            .collect();
        Keymap { bindings }
    }

    /// The built-in keymap, shared (every `App` of a test starts from it).
    pub fn builtin() -> Arc<Keymap> {
        Arc::clone(&BUILTIN)
    }

    /// Every binding, in help's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Whether `mode` offers `action` (so a config line can bind it there).
    pub fn offers(&self, mode: Mode, action: Action) -> bool {
        self.bindings
            .iter()
            .any(|b| b.mode == mode && b.action == action)
    }

    /// Give `action` in `mode` exactly these keys. A key another action of the same mode
    /// had is taken from it, so one key never means two things (the config's last word
    /// wins over the defaults). Returns the actions that lost a key, with the key.
    pub fn set_keys(
        &mut self,
        mode: Mode,
        action: Action,
        keys: Vec<String>,
    ) -> Vec<(Action, String)> {
        let wanted: Vec<_> = keys.iter().map(|k| parse_key(k).map(normalise)).collect();
        let mut taken = Vec::new();
        for b in self.bindings.iter_mut().filter(|b| b.mode == mode) {
            if b.action == action {
                b.keys = keys.clone();
                continue;
            }
            b.keys.retain(|k| {
                let clash = wanted.contains(&parse_key(k).map(normalise));
                if clash {
                    taken.push((b.action, k.clone()));
                }
                !clash
            });
        }
        taken
    }

    /// The keys of `action` in `mode` (empty when unbound).
    pub fn keys(&self, mode: Mode, action: Action) -> &[String] {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// The key to name in a hint about `action` while reading ("u undoes"): its first key,
    /// or, when the user unbound it, the action's config name in angle brackets.
    pub fn key_for(&self, action: Action) -> String {
        self.key_in(Mode::Reading, action)
    }

    /// As `key_for`, for a hint about another mode (the bookmark list, a preview).
    pub fn key_in(&self, mode: Mode, action: Action) -> String {
        match self.keys(mode, action).first() {
            Some(k) => k.clone(),
            None => format!("<{}>", action.name().unwrap_or("unbound")),
        }
    }

    fn matches(b: &Binding, wanted: (KeyCode, KeyModifiers)) -> bool {
        b.keys
            .iter()
            .filter_map(|k| parse_key(k))
            .any(|k| normalise(k) == wanted)
    }

    /// The action bound to `key` in `mode`, if any.
    pub fn lookup(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        let wanted = normalise(key);
        if matches!(
            mode,
            Mode::Prompt | Mode::Label | Mode::HelpFind | Mode::Library
        ) {
            let found = self.bindings_for(mode).find(|b| Self::matches(b, wanted));
            if let Some(b) = found {
                return Some(b.action);
            }
            // Printable characters type themselves into the prompt.
            return match (key.code, key.modifiers - KeyModifiers::SHIFT) {
                (KeyCode::Char(c), m) if m.is_empty() && !c.is_control() => Some(Action::Insert(c)),
                _ => None,
            };
        }
        if let (KeyCode::Char(c @ '0'..='9'), m) = wanted {
            if m.is_empty()
                && self
                    .bindings_for(mode)
                    .any(|b| b.keys.iter().any(|k| k == DIGITS))
            {
                return Some(Action::Digit(c as u8 - b'0'));
            }
        }
        self.bindings_for(mode)
            .find(|b| Self::matches(b, wanted))
            .map(|b| b.action)
    }

    /// Whether `key` does something in any mode (so pressed where it does not, it is
    /// "nothing here" rather than "no binding").
    pub fn bound_anywhere(&self, key: KeyEvent) -> bool {
        let wanted = normalise(key);
        if matches!(wanted, (KeyCode::Char('0'..='9'), m) if m.is_empty())
            && self
                .bindings
                .iter()
                .any(|b| b.keys.iter().any(|k| k == DIGITS))
        {
            return true;
        }
        self.bindings.iter().any(|b| Self::matches(b, wanted))
    }

    /// The bindings of one mode, for the help overlay.
    pub fn bindings_for(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The key tables of `docs/keys.md`: per mode, the keys, the action's config name and
    /// what it does (a test keeps the file true to the built-in keymap).
    pub fn markdown_tables(&self) -> String {
        let mut out = String::new();
        for (mode, title) in SECTIONS {
            out.push_str(&format!(
                "### {title} (`[keys.{}]`)\n\n| keys | action | name |\n| --- | --- | --- |\n",
                mode.name()
            ));
            for b in self.bindings_for(*mode) {
                // A backtick key needs a longer fence to show as code (`` ` ``).
                let keys: Vec<String> = b
                    .keys
                    .iter()
                    .map(|k| {
                        if k.contains('`') {
                            format!("`` {k} ``")
                        } else {
                            format!("`{k}`")
                        }
                    })
                    .collect();
                let name = b.action.name().unwrap_or("");
                out.push_str(&format!("| {} | {} | `{name}` |\n", keys.join(" "), b.help));
            }
            out.push('\n');
        }
        out
    }

    /// Lines the help overlay shows: a heading per section, a line per binding, blank
    /// lines between sections.
    pub fn help_line_count(&self) -> usize {
        SECTIONS.len() * 2 - 1 + self.bindings.len()
    }

    /// The help text: a heading per mode, then one line per binding, a blank line between
    /// sections. Drawn by `ui::help`, searched by the app.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut out = Vec::with_capacity(self.help_line_count());
        for (mode, title) in SECTIONS {
            if !out.is_empty() {
                out.push(HelpLine {
                    heading: false,
                    text: String::new(),
                });
            }
            out.push(HelpLine {
                heading: true,
                text: (*title).to_string(),
            });
            for b in self.bindings_for(*mode) {
                let keys = if b.keys.is_empty() {
                    "(no key)".to_string()
                } else {
                    b.keys.join(" ")
                };
                out.push(HelpLine {
                    heading: false,
                    text: format!("  {keys:<28} {}", b.help),
                });
            }
        }
        out
    }

    /// The help line where the section of `mode`'s keys starts (0 for reading).
    pub fn help_section_line(&self, mode: Mode) -> usize {
        let mut line = 0;
        for (m, _) in SECTIONS {
            if *m == mode {
                return line;
            }
            line += 2 + self.bindings_for(*m).count();
        }
        0
    }
}

/// The key name that stands for all ten digits (a count, a note number).
pub const DIGITS: &str = "0-9";

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// A section's title (drawn as a heading).
    pub heading: bool,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_name_of_the_defaults_parses() {
        for b in Keymap::builtin().bindings() {
            assert!(
                !b.keys.is_empty(),
                "{:?} has no key in {:?}",
                b.action,
                b.mode
            );
            for k in &b.keys {
                assert!(parse_key(k).is_some(), "unparsable key name {k:?}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let mut seen = std::collections::HashSet::new();
        for b in Keymap::builtin().bindings() {
            for k in &b.keys {
                let key = parse_key(k).map(normalise);
                assert!(
                    seen.insert((b.mode, key)),
                    "{k} bound twice in {:?}",
                    b.mode
                );
            }
        }
    }

    #[test]
    fn every_row_is_one_named_action_once_per_mode() {
        let mut seen = std::collections::HashSet::new();
        for r in ROWS {
            let name = r.action.name().expect("every row's action has a name");
            assert_eq!(Action::from_name(name), Some(r.action), "{name}");
            assert!(seen.insert((r.mode, name)), "{name} twice in {:?}", r.mode);
        }
    }

    #[test]
    fn shifted_letters_and_control_keys_match() {
        let keymap = Keymap::builtin();
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.lookup(Mode::Reading, g), Some(Action::Bottom));
        let cf = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(keymap.lookup(Mode::Reading, cf), Some(Action::PageDown));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(keymap.lookup(Mode::Help, esc), Some(Action::Cancel));
    }

    #[test]
    fn a_key_given_to_one_action_is_taken_from_another() {
        let mut keymap = Keymap::builtin().as_ref().clone();
        let taken = keymap.set_keys(Mode::Reading, Action::Undo, vec!["u".into()]);
        assert_eq!(taken, vec![(Action::HalfPageUp, "u".to_string())]);
        let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
        assert_eq!(keymap.lookup(Mode::Reading, u), Some(Action::Undo));
        assert_eq!(keymap.keys(Mode::Reading, Action::HalfPageUp), ["Ctrl-u"]);
        assert_eq!(keymap.key_for(Action::Undo), "u");
        keymap.set_keys(Mode::Reading, Action::Undo, Vec::new());
        assert_eq!(keymap.key_for(Action::Undo), "<undo>");
    }
}
