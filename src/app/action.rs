//! Everything a user can ask for, as data. Keys map to these through `keymap`; only
//! `update` turns them into state changes, so every feature is testable without a terminal.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Mouse wheel: a few lines at a time.
    WheelDown,
    WheelUp,
    ToggleHelp,
    /// Close the topmost overlay, or clear transient state in reading mode.
    Cancel,
    Quit,
    /// Select the next / previous note anchor (or note label in the Notes section).
    NextAnchor,
    PrevAnchor,
    /// Enter: open what is selected (preview an anchor; from a note, go to the text), or
    /// open the note whose number was typed.
    Activate,
    /// Go to the place in the text that references the selected note (cycling).
    GoToReference,
    /// Open the notes index.
    NotesIndex,
    /// Jump list: back and forward.
    JumpBack,
    JumpForward,
    /// A digit typed towards a count (`5j`, `50%`, `120G`) or a note number (`12 Enter`).
    Digit(u8),
    /// `/`: open the search prompt.
    Search,
    /// `n` / `N`: next and previous match.
    SearchNext,
    SearchPrev,
    // Prompt editing.
    Insert(char),
    DeleteBack,
    CursorLeft,
    CursorRight,
    ClearLine,
    HistoryPrev,
    HistoryNext,
    ToggleRegex,
    /// `Ctrl-t` in the search prompt: characters count exactly (accents, quotes, dashes,
    /// ligatures…), or fold again.
    ToggleExact,
    /// `Ctrl-s` in the search prompt: all text, body, notes, captions.
    CycleScope,
    /// `m`: bookmark the passage being read (or offer to remove its bookmark).
    Bookmark,
    /// `'`: the bookmark list.
    BookmarkList,
    /// In the bookmark list.
    Delete,
    /// Undo / redo the last bookmark change (`U` / `u`, `Ctrl-r`).
    Undo,
    Redo,
    Rename,
    /// `D`: remove a bookmark of this passage (asks; several: the list, filtered).
    RemoveHere,
    /// `` ` ``: the next key is a mark's letter.
    MarkPrefix,
    /// Go to the mark with this letter (`` ` `` then the letter).
    GoToMark(char),
    /// Answer yes to a question.
    Yes,
    /// Ctrl-Z: suspend to the shell, like less.
    Suspend,
    /// Scroll preformatted text (tables, code) left / right by `HSCROLL_STEP` columns.
    ScrollLeft,
    ScrollRight,
    /// `S`: show or hide the note column beside the text.
    ToggleSidenotes,
    /// `%` / `p` after a count: go that percentage through the document.
    Percent,
    /// `]` / `[`: the next / previous heading; `}` / `{`: the next / previous caption.
    NextHeading,
    PrevHeading,
    NextCaption,
    PrevCaption,
    /// `t`: the outline (every heading) to jump from.
    Outline,
    /// `F`: go to the Notes section.
    GoToNotes,
    /// `Ctrl-g` / `=`: where am I (title, section, position, line, size).
    WhereAmI,
    /// `R`: read the file again from disk (the event loop does the reading).
    Reload,
    /// `y`: copy the selected note or the passage, with its citation (OSC 52).
    Copy,
    /// `Y`: copy only the citation.
    CopyCitation,
    /// `o`: open the selected link with the system opener.
    OpenLink,
    /// `M`: mouse capture on / off.
    ToggleMouse,
    /// `L`: back to the library (when the reader came from one).
    Library,
    /// `Ctrl-s` in the library: the next sort order.
    CycleSort,
    /// `Tab` in the library: documents, or every bookmark.
    SwitchList,
    /// `Del` in the library: forget a document (asks).
    Forget,
}

/// Every action a key can be bound to, with its stable name in the config file and
/// `docs/keys.md`. Names never change once released: a user's config names them.
/// (Mouse wheel, typed characters and a mark's letter are not bound by name.)
const NAMES: &[(Action, &str)] = &[
    (Action::ToggleHelp, "toggle_help"),
    (Action::LineDown, "line_down"),
    (Action::LineUp, "line_up"),
    (Action::PageDown, "page_down"),
    (Action::PageUp, "page_up"),
    (Action::HalfPageDown, "half_page_down"),
    (Action::HalfPageUp, "half_page_up"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::Percent, "percent"),
    (Action::NextHeading, "next_heading"),
    (Action::PrevHeading, "prev_heading"),
    (Action::NextCaption, "next_caption"),
    (Action::PrevCaption, "prev_caption"),
    (Action::Outline, "outline"),
    (Action::GoToNotes, "go_to_notes"),
    (Action::ScrollLeft, "scroll_left"),
    (Action::ScrollRight, "scroll_right"),
    (Action::NextAnchor, "next_note"),
    (Action::PrevAnchor, "prev_note"),
    (Action::Activate, "activate"),
    // The digits: bound as one key name, `0-9`.
    (Action::Digit(0), "count"),
    (Action::GoToReference, "go_to_reference"),
    (Action::NotesIndex, "notes_index"),
    (Action::ToggleSidenotes, "toggle_sidenotes"),
    (Action::Copy, "copy"),
    (Action::CopyCitation, "copy_citation"),
    (Action::OpenLink, "open_link"),
    (Action::ToggleMouse, "toggle_mouse"),
    (Action::Search, "search"),
    (Action::SearchNext, "search_next"),
    (Action::SearchPrev, "search_prev"),
    (Action::Bookmark, "bookmark"),
    (Action::BookmarkList, "bookmark_list"),
    (Action::MarkPrefix, "go_to_mark"),
    (Action::RemoveHere, "remove_here"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::JumpBack, "jump_back"),
    (Action::JumpForward, "jump_forward"),
    (Action::Cancel, "cancel"),
    (Action::Suspend, "suspend"),
    (Action::WhereAmI, "where_am_i"),
    (Action::Reload, "reload"),
    (Action::Quit, "quit"),
    (Action::DeleteBack, "delete_back"),
    (Action::CursorLeft, "cursor_left"),
    (Action::CursorRight, "cursor_right"),
    (Action::ClearLine, "clear_line"),
    (Action::HistoryPrev, "history_prev"),
    (Action::HistoryNext, "history_next"),
    (Action::ToggleRegex, "toggle_regex"),
    (Action::ToggleExact, "toggle_exact"),
    (Action::CycleScope, "cycle_scope"),
    (Action::Yes, "yes"),
    (Action::Delete, "delete"),
    (Action::Rename, "rename"),
    (Action::Library, "library"),
    (Action::CycleSort, "cycle_sort"),
    (Action::SwitchList, "switch_list"),
    (Action::Forget, "forget"),
];

impl Action {
    /// The action's name in the config file (`half_page_down`); `None` for actions no key
    /// is bound to by name.
    pub fn name(self) -> Option<&'static str> {
        let key = match self {
            Action::Digit(_) => Action::Digit(0),
            a => a,
        };
        NAMES.iter().find(|(a, _)| *a == key).map(|(_, n)| *n)
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }

    /// Every name, for "unknown action" messages and `sidenote config`.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(_, n)| *n)
    }
}
