//! Terminal events read on their own thread.
//!
//! crossterm's reader loops forever when the terminal reaches end of input (a hung-up
//! pty reads 0 bytes again and again), so reading on the main thread would leave a
//! reader whose terminal vanished spinning instead of saving and exiting. On a thread,
//! the main loop stays free to notice signals and failed writes.
//!
//! A resize before [`spawn_reader`] (while the store opens, say) sends no event: the
//! caller compares the terminal's size once the reader is running.

use crossterm::event::Event;
use std::io;
use std::sync::mpsc::{self, Receiver};

/// Start reading events; each arrives on the returned channel, an error ends the stream.
pub fn spawn_reader() -> Receiver<io::Result<Event>> {
    // Set crossterm's event source up now, on this thread: it installs the SIGWINCH
    // handler, so every resize from here on arrives as an event. (Left to the thread, a
    // resize in between would be lost.) An event polled here stays queued for `read`.
    let _ = crossterm::event::poll(std::time::Duration::ZERO);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || loop {
        let event = crossterm::event::read();
        let failed = event.is_err();
        if tx.send(event).is_err() || failed {
            break;
        }
    });
    rx
}
