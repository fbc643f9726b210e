//! Key bindings as a table: data, not a `match` buried in the event loop. The help overlay
//! and `docs/keys.md` are generated from / checked against this same table.

use crate::app::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
}

/// One row of the keymap: in `mode`, any of `keys` triggers `action`.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    /// Key names as shown in help: `j`, `Down`, `Ctrl-f`, `Space`, `PgDn`, `Shift-Tab`…
    pub keys: &'static [&'static str],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(
    mode: Mode,
    keys: &'static [&'static str],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        mode,
        keys,
        action,
        help,
    }
}

use Action as A;
use Mode::*;

/// The default keymap. Order is the order shown in help.
pub static BINDINGS: &[Binding] = &[
    // Reading
    bind(Reading, &["?", "F1"], A::ToggleHelp, "show this help"),
    bind(
        Reading,
        &["j", "Down", "Ctrl-e"],
        A::LineDown,
        "down one line",
    ),
    bind(Reading, &["k", "Up", "Ctrl-y"], A::LineUp, "up one line"),
    bind(
        Reading,
        &["Space", "PgDn", "Ctrl-f"],
        A::PageDown,
        "down one page",
    ),
    bind(Reading, &["b", "PgUp", "Ctrl-b"], A::PageUp, "up one page"),
    bind(
        Reading,
        &["Ctrl-d", "d"],
        A::HalfPageDown,
        "down half a page",
    ),
    bind(Reading, &["Ctrl-u", "u"], A::HalfPageUp, "up half a page"),
    bind(
        Reading,
        &["g", "Home", "<"],
        A::Top,
        "go to the top (after a count N: line N of the file)",
    ),
    bind(
        Reading,
        &["G", "End", ">"],
        A::Bottom,
        "go to the end (after a count N: line N of the file)",
    ),
    bind(
        Reading,
        &["%", "p"],
        A::Percent,
        "after a count N: go N percent of the way through",
    ),
    bind(Reading, &["]"], A::NextHeading, "next heading"),
    bind(Reading, &["["], A::PrevHeading, "previous heading"),
    bind(Reading, &["}"], A::NextCaption, "next caption"),
    bind(Reading, &["{"], A::PrevCaption, "previous caption"),
    bind(
        Reading,
        &["t"],
        A::Outline,
        "outline: every heading, to jump to",
    ),
    bind(Reading, &["F"], A::GoToNotes, "go to the Notes section"),
    bind(
        Reading,
        &["Left", "h"],
        A::ScrollLeft,
        "scroll wide tables and code left",
    ),
    bind(
        Reading,
        &["Right", "l"],
        A::ScrollRight,
        "scroll wide tables and code right",
    ),
    bind(
        Reading,
        &["Tab"],
        A::NextAnchor,
        "select the next note anchor or link",
    ),
    bind(
        Reading,
        &["Shift-Tab"],
        A::PrevAnchor,
        "select the previous note anchor or link",
    ),
    bind(
        Reading,
        &["Enter"],
        A::Activate,
        "preview the selected note (a link: open it) / typed number",
    ),
    bind(
        Reading,
        &["0-9"],
        A::Digit(0),
        "a count for the next key (5j, 50%, 120G) or a note number",
    ),
    bind(
        Reading,
        &["r"],
        A::GoToReference,
        "go to the text that cites the note (again: next place)",
    ),
    bind(Reading, &["f"], A::NotesIndex, "list all notes"),
    bind(
        Reading,
        &["S"],
        A::ToggleSidenotes,
        "show or hide the note column beside the text (remembered)",
    ),
    bind(
        Reading,
        &["y"],
        A::Copy,
        "copy the selected note or this passage, with its citation",
    ),
    bind(Reading, &["Y"], A::CopyCitation, "copy only the citation"),
    bind(
        Reading,
        &["o"],
        A::OpenLink,
        "open the selected link with the system opener",
    ),
    bind(
        Reading,
        &["M"],
        A::ToggleMouse,
        "mouse capture on / off (off: the terminal selects text)",
    ),
    bind(Reading, &["/"], A::Search, "search (incremental)"),
    bind(Reading, &["n"], A::SearchNext, "next match"),
    bind(Reading, &["N"], A::SearchPrev, "previous match"),
    bind(
        Reading,
        &["m"],
        A::Bookmark,
        "bookmark this passage, with a label (one letter: a mark)",
    ),
    bind(Reading, &["'"], A::BookmarkList, "list bookmarks"),
    bind(
        Reading,
        &["`"],
        A::MarkPrefix,
        "then a letter: go to that mark",
    ),
    bind(
        Reading,
        &["D"],
        A::RemoveHere,
        "remove a bookmark of this passage (asks)",
    ),
    bind(Reading, &["U"], A::Undo, "undo the last bookmark change"),
    bind(Reading, &["Ctrl-r"], A::Redo, "redo a bookmark change"),
    bind(
        Reading,
        &["Backspace", "Ctrl-o", "Alt-Left"],
        A::JumpBack,
        "go back (jump list)",
    ),
    bind(
        Reading,
        &["Ctrl-n", "Alt-Right"],
        A::JumpForward,
        "go forward (jump list)",
    ),
    bind(
        Reading,
        &["Esc"],
        A::Cancel,
        "clear the selection, then search highlights",
    ),
    bind(
        Reading,
        &["Ctrl-z"],
        A::Suspend,
        "suspend to the shell (fg resumes)",
    ),
    bind(
        Reading,
        &["Ctrl-g", "="],
        A::WhereAmI,
        "where am I: title, section, position, line, size",
    ),
    bind(
        Reading,
        &["R"],
        A::Reload,
        "reload the file from disk (keeps the place and bookmarks)",
    ),
    bind(Reading, &["q", "Ctrl-c"], A::Quit, "quit"),
    // Note preview
    bind(
        Preview,
        &["Enter"],
        A::Activate,
        "go to the note in the Notes section",
    ),
    bind(Preview, &["j", "Down"], A::LineDown, "scroll the note down"),
    bind(Preview, &["k", "Up"], A::LineUp, "scroll the note up"),
    bind(
        Preview,
        &["Space", "PgDn"],
        A::PageDown,
        "scroll the note down a page",
    ),
    bind(
        Preview,
        &["b", "PgUp"],
        A::PageUp,
        "scroll the note up a page",
    ),
    bind(Preview, &["Tab"], A::NextAnchor, "preview the next anchor"),
    bind(
        Preview,
        &["Shift-Tab"],
        A::PrevAnchor,
        "preview the previous anchor",
    ),
    bind(Preview, &["y"], A::Copy, "copy the note with its citation"),
    bind(Preview, &["Y"], A::CopyCitation, "copy the note's citation"),
    bind(Preview, &["Esc", "q"], A::Cancel, "close the preview"),
    bind(Preview, &["?", "F1"], A::ToggleHelp, "show help"),
    // Notes index
    bind(NotesIndex, &["j", "Down"], A::LineDown, "next note"),
    bind(NotesIndex, &["k", "Up"], A::LineUp, "previous note"),
    bind(
        NotesIndex,
        &["Space", "PgDn", "Ctrl-f"],
        A::PageDown,
        "down one page",
    ),
    bind(
        NotesIndex,
        &["b", "PgUp", "Ctrl-b"],
        A::PageUp,
        "up one page",
    ),
    bind(NotesIndex, &["g", "Home"], A::Top, "first note"),
    bind(NotesIndex, &["G", "End"], A::Bottom, "last note"),
    bind(
        NotesIndex,
        &["Enter"],
        A::Activate,
        "show the note in its context",
    ),
    bind(NotesIndex, &["Esc", "q", "f"], A::Cancel, "close the list"),
    bind(NotesIndex, &["?", "F1"], A::ToggleHelp, "show help"),
    // Outline
    bind(Outline, &["j", "Down"], A::LineDown, "next heading"),
    bind(Outline, &["k", "Up"], A::LineUp, "previous heading"),
    bind(
        Outline,
        &["Space", "PgDn", "Ctrl-f"],
        A::PageDown,
        "down one page",
    ),
    bind(Outline, &["b", "PgUp", "Ctrl-b"], A::PageUp, "up one page"),
    bind(Outline, &["g", "Home"], A::Top, "first heading"),
    bind(Outline, &["G", "End"], A::Bottom, "last heading"),
    bind(Outline, &["Enter"], A::Activate, "go to the heading"),
    bind(Outline, &["Esc", "q", "t"], A::Cancel, "close the outline"),
    bind(Outline, &["?", "F1"], A::ToggleHelp, "show help"),
    // Search prompt
    bind(
        Prompt,
        &["Enter"],
        A::Activate,
        "search: confirm (empty: repeat last search)",
    ),
    bind(
        Prompt,
        &["Esc"],
        A::Cancel,
        "cancel and return to where you were",
    ),
    bind(
        Prompt,
        &["Backspace"],
        A::DeleteBack,
        "delete a character (on empty: cancel)",
    ),
    bind(Prompt, &["Left"], A::CursorLeft, "move the cursor left"),
    bind(Prompt, &["Right"], A::CursorRight, "move the cursor right"),
    bind(Prompt, &["Ctrl-u"], A::ClearLine, "clear the query"),
    bind(
        Prompt,
        &["Up"],
        A::HistoryPrev,
        "earlier query from history",
    ),
    bind(
        Prompt,
        &["Down"],
        A::HistoryNext,
        "later query from history",
    ),
    bind(
        Prompt,
        &["Ctrl-r"],
        A::ToggleRegex,
        "toggle regular expressions",
    ),
    bind(
        Prompt,
        &["Ctrl-t"],
        A::ToggleExact,
        "accents count: exact characters (é ≠ e, ’ ≠ ', œ ≠ oe), or not",
    ),
    bind(
        Prompt,
        &["Ctrl-s"],
        A::CycleScope,
        "search in: all text, body only, notes only, captions only",
    ),
    bind(Prompt, &["F1"], A::ToggleHelp, "help, at these keys"),
    bind(Prompt, &["Ctrl-c"], A::Quit, "quit"),
    // Bookmark label prompt
    bind(
        Label,
        &["Enter"],
        A::Activate,
        "save the bookmark (empty: the label shown)",
    ),
    bind(Label, &["Esc"], A::Cancel, "cancel: no bookmark"),
    bind(Label, &["Backspace"], A::DeleteBack, "delete a character"),
    bind(Label, &["Left"], A::CursorLeft, "move the cursor left"),
    bind(Label, &["Right"], A::CursorRight, "move the cursor right"),
    bind(Label, &["Ctrl-u"], A::ClearLine, "clear the label"),
    bind(Label, &["Ctrl-c"], A::Quit, "quit"),
    // Yes/no question
    bind(Confirm, &["y"], A::Yes, "yes"),
    bind(
        Confirm,
        &["n", "Esc", "Enter"],
        A::Cancel,
        "no (so does any other key)",
    ),
    // Bookmark list
    bind(Bookmarks, &["j", "Down"], A::LineDown, "next bookmark"),
    bind(Bookmarks, &["k", "Up"], A::LineUp, "previous bookmark"),
    bind(Bookmarks, &["g", "Home"], A::Top, "first bookmark"),
    bind(Bookmarks, &["G", "End"], A::Bottom, "last bookmark"),
    bind(Bookmarks, &["Enter"], A::Activate, "go to the bookmark"),
    bind(
        Bookmarks,
        &["d", "Delete"],
        A::Delete,
        "remove the bookmark (asks)",
    ),
    bind(
        Bookmarks,
        &["u"],
        A::Undo,
        "undo the last bookmark change (again: the one before)",
    ),
    bind(Bookmarks, &["Ctrl-r"], A::Redo, "redo a bookmark change"),
    bind(Bookmarks, &["r"], A::Rename, "rename the bookmark"),
    bind(
        Bookmarks,
        &["`"],
        A::MarkPrefix,
        "then a letter: go to that mark",
    ),
    bind(Bookmarks, &["Esc", "q", "'"], A::Cancel, "close the list"),
    bind(Bookmarks, &["?", "F1"], A::ToggleHelp, "show help"),
    // Help
    bind(Help, &["j", "Down"], A::LineDown, "scroll help down"),
    bind(Help, &["k", "Up"], A::LineUp, "scroll help up"),
    bind(
        Help,
        &["Space", "PgDn", "Ctrl-f"],
        A::PageDown,
        "down one page",
    ),
    bind(Help, &["b", "PgUp", "Ctrl-b"], A::PageUp, "up one page"),
    bind(Help, &["d", "Ctrl-d"], A::HalfPageDown, "down half a page"),
    bind(Help, &["u", "Ctrl-u"], A::HalfPageUp, "up half a page"),
    bind(Help, &["g", "Home"], A::Top, "go to the top"),
    bind(Help, &["G", "End"], A::Bottom, "go to the end"),
    bind(Help, &["/"], A::Search, "search the help"),
    bind(
        Help,
        &["n"],
        A::SearchNext,
        "next line with the help search",
    ),
    bind(
        Help,
        &["N"],
        A::SearchPrev,
        "previous line with the help search",
    ),
    bind(Help, &["Esc", "?", "q", "F1"], A::Cancel, "close help"),
    // Help search
    bind(
        HelpFind,
        &["Enter"],
        A::Activate,
        "keep the search (n / N go on; empty: next)",
    ),
    bind(
        HelpFind,
        &["Esc"],
        A::Cancel,
        "cancel, back to where help was",
    ),
    bind(
        HelpFind,
        &["Backspace"],
        A::DeleteBack,
        "delete a character (on empty: cancel)",
    ),
    bind(HelpFind, &["Ctrl-u"], A::ClearLine, "clear the search"),
    bind(HelpFind, &["Ctrl-c"], A::Quit, "quit"),
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

/// The action bound to `key` in `mode`, if any.
pub fn lookup(mode: Mode, key: KeyEvent) -> Option<Action> {
    let wanted = normalise(key);
    if matches!(mode, Mode::Prompt | Mode::Label | Mode::HelpFind) {
        let found = BINDINGS.iter().filter(|b| b.mode == mode).find(|b| {
            b.keys
                .iter()
                .filter_map(|k| parse_key(k))
                .any(|k| normalise(k) == wanted)
        });
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
            && BINDINGS
                .iter()
                .any(|b| b.mode == mode && b.keys.contains(&"0-9"))
        {
            return Some(Action::Digit(c as u8 - b'0'));
        }
    }
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| {
            b.keys
                .iter()
                .filter_map(|k| parse_key(k))
                .any(|k| normalise(k) == wanted)
        })
        .map(|b| b.action)
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

/// Whether `key` does something in any mode (so pressed where it does not, it is "nothing
/// here" rather than "no binding").
pub fn bound_anywhere(key: KeyEvent) -> bool {
    let wanted = normalise(key);
    if matches!(wanted, (KeyCode::Char('0'..='9'), m) if m.is_empty()) {
        return true;
    }
    BINDINGS.iter().any(|b| {
        b.keys
            .iter()
            .filter_map(|k| parse_key(k))
            .any(|k| normalise(k) == wanted)
    })
}

/// The bindings of one mode, for the help overlay.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.mode == mode)
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
    (Mode::Help, "Help"),
    (Mode::HelpFind, "Help search (other keys type)"),
];

/// The key tables of `docs/keys.md`, generated from `BINDINGS` (a test keeps the file true).
pub fn markdown_tables() -> String {
    let mut out = String::new();
    for (mode, title) in SECTIONS {
        out.push_str(&format!(
            "### {title}\n\n| keys | action |\n| --- | --- |\n"
        ));
        for b in bindings_for(*mode) {
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
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.help));
        }
        out.push('\n');
    }
    out
}

/// Lines the help overlay shows: a heading per section, a line per binding, blank lines
/// between sections.
pub fn help_line_count() -> usize {
    SECTIONS.len() * 2 - 1 + BINDINGS.len()
}

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// A section's title (drawn as a heading).
    pub heading: bool,
    pub text: String,
}

/// The help text: a heading per mode, then one line per binding, a blank line between
/// sections. Drawn by `ui::help`, searched by the app.
pub fn help_lines() -> Vec<HelpLine> {
    let mut out = Vec::with_capacity(help_line_count());
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
        for b in bindings_for(*mode) {
            out.push(HelpLine {
                heading: false,
                text: format!("  {:<28} {}", b.keys.join(" "), b.help),
            });
        }
    }
    out
}

/// The help line where the section of `mode`'s keys starts (0 for reading).
pub fn help_section_line(mode: Mode) -> usize {
    let mut line = 0;
    for (m, _) in SECTIONS {
        if *m == mode {
            return line;
        }
        line += 2 + bindings_for(*m).count();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_name_in_the_table_parses() {
        for b in BINDINGS {
            for k in b.keys {
                assert!(parse_key(k).is_some(), "unparsable key name {k:?}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
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
    fn shifted_letters_and_control_keys_match() {
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Reading, g), Some(Action::Bottom));
        let cf = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Mode::Reading, cf), Some(Action::PageDown));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Help, esc), Some(Action::Cancel));
    }
}
