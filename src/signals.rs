//! Signals that end or pause the reader. The event loop polls these flags between
//! events, so the reader can save its position and give the terminal back before exiting.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The last terminating signal received (0: none).
#[derive(Clone, Default)]
pub struct Signals {
    received: Arc<AtomicUsize>,
}

impl Signals {
    /// Catch SIGTERM, SIGHUP and SIGINT instead of dying with the terminal in raw mode.
    pub fn install() -> std::io::Result<Signals> {
        let s = Signals::default();
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&s.received), sig as usize)?;
        }
        Ok(s)
    }

    /// The signal to exit for, if one arrived.
    pub fn pending(&self) -> Option<i32> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// Stop the whole process as the shell's job control expects (Ctrl-Z), after the caller
/// has given the terminal back; returns when the shell continues it (`fg`).
pub fn suspend_self() {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
}
