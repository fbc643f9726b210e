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
}
