//! How far a parse has got, for a reader that shows `reading… 43%` while a worker thread
//! parses a big file. The parse is not incremental, so this is only a counter: the
//! builder reports the source offset each block or note definition it is given ends at,
//! to whatever counter the parsing thread set ([`report_to`]); no counter, no cost but a
//! thread-local look-up. The counter only grows (`fetch_max`); the caller knows the
//! parse is done when it returns, never from the counter.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

thread_local! {
    static SINK: RefCell<Option<Arc<AtomicUsize>>> = const { RefCell::new(None) };
}

/// From now on, parses on this thread report the source bytes they have read to `done`
/// (for a worker thread that parses one file and ends).
pub fn report_to(done: Arc<AtomicUsize>) {
    SINK.with(|s| *s.borrow_mut() = Some(done));
}

/// The builder has been given everything up to source offset `end`.
pub(crate) fn reached(end: usize) {
    SINK.with(|s| {
        if let Some(done) = s.borrow().as_ref() {
            done.fetch_max(end, Ordering::Relaxed);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_reports_how_far_it_got_on_its_own_thread_only() {
        let text = crate::document::synthetic::synthetic_dispatch(64 << 10);
        let done = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&done);
        let bytes = text.clone();
        std::thread::spawn(move || {
            report_to(counter);
            crate::document::load(bytes.as_bytes()).expect("parses");
        })
        .join()
        .expect("the worker");
        let reached = done.load(Ordering::Relaxed);
        assert!(reached > text.len() * 9 / 10 && reached <= text.len(), "{reached}");
        // A parse on another thread reports nothing to it.
        crate::document::load(text.as_bytes()).expect("parses");
        assert_eq!(done.load(Ordering::Relaxed), reached);
    }
}
