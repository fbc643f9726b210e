//! What the reader asks of the world outside `update`: put text on the clipboard, open a
//! link, switch mouse capture. `update` only records an [`Effect`]; the event loop
//! performs it on the terminal (OSC 52) or the system (the opener), so state tests see
//! the request without any I/O. What the outside can do is told to the app once, at
//! start, by the terminal layer (`clipboard`, `opener`).

/// One request for the terminal layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the system clipboard (OSC 52).
    Copy(String),
    /// Open this URL (already sanitised) with the system opener.
    Open(String),
    /// Turn mouse capture on or off.
    Mouse(bool),
}

/// The requests not yet performed, and what the terminal and system allow.
#[derive(Debug, Clone)]
pub struct Effects {
    pending: Vec<Effect>,
    /// `Ok` when the terminal takes OSC 52, else why not (shown when `y` cannot copy).
    /// Tests leave it `Ok`; the terminal layer sets the truth.
    pub clipboard: Result<(), String>,
    /// The system opener's name (`xdg-open`, `open`), when there is one. `None` until the
    /// terminal layer looks, so tests need none.
    pub opener: Option<String>,
    /// Whether the mouse is captured (the wheel scrolls, a click selects) or left to the
    /// terminal (its own selection works). `--no-mouse` starts with it off.
    pub mouse: bool,
}

impl Default for Effects {
    fn default() -> Effects {
        Effects {
            pending: Vec::new(),
            clipboard: Ok(()),
            opener: None,
            mouse: true,
        }
    }
}

impl Effects {
    pub fn push(&mut self, effect: Effect) {
        self.pending.push(effect);
    }

    /// The requests made since the last call, oldest first, for the loop to perform.
    pub fn take(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.pending)
    }

    /// The requests made and not yet taken (for tests).
    pub fn pending(&self) -> &[Effect] {
        &self.pending
    }
}
