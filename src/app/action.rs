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
}
