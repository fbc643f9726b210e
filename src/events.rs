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

/// How long start-up waits for the event source to be set up (it takes microseconds on a
/// live terminal; on a dead one it never finishes).
const READY_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// Start reading events; each arrives on the returned channel, an error ends the stream.
pub fn spawn_reader() -> Receiver<io::Result<Event>> {
    // Set crossterm's event source up before going on: it installs the SIGWINCH handler,
    // so every resize from here on arrives as an event (one in between would be lost).
    // It is set up on the reading thread and waited for, not done here: on a terminal
    // that has gone away, crossterm's first poll reads end-of-input forever, and the main
    // thread must stay free to see the hang-up's signal. An event polled stays queued.
    let (ready_tx, ready_rx) = mpsc::channel();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = crossterm::event::poll(std::time::Duration::ZERO);
        let _ = ready_tx.send(());
        loop {
            let event = crossterm::event::read();
            let failed = event.is_err();
            if tx.send(event).is_err() || failed {
                break;
            }
        }
    });
    let _ = ready_rx.recv_timeout(READY_WAIT);
    rx
}
