//! How far a parse has got, for a reader that shows `reading… 43%` while a worker thread
//! parses a big file. The parse is not incremental, so this is only a counter, told by
//! stages: the worker reads the file, the text reader splits and classifies its lines,
//! the builder is given each block and note definition (it reports the source offset
//! each ends at), then binds anchors and orders notes. Each stage owns a share of the
//! counter, measured on a 100 MB dispatch (docs/performance.md). The counter holds
//! source-byte equivalents (0 to the file's size), so `done * 100 / size` is the
//! percentage; it only grows (`fetch_max`), and the caller knows the parse is done
//! when it returns, never from the counter (it stops short of the size).
//!
//! Only the thread that called [`report_to`] reports; any other parse pays one
//! thread-local look-up per block.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The stages of reading a big text file, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the bytes from disk.
    Read,
    /// Decoding, splitting and classifying the lines (no finer report).
    Lines,
    /// The builder given each block: reported by source offset.
    Blocks,
    /// Binding anchors and ordering notes (no finer report).
    Finish,
    /// The document parsed, its record in the store being matched with it (its
    /// bookmarks placed): on a first open with other records, seconds at 100 MB. The
    /// counter then holds [`MATCHING`], so the reader can say so rather than sit at 99%.
    Match,
}

/// What the counter holds while the store's record is matched with the whole document.
pub const MATCHING: usize = usize::MAX;

impl Stage {
    /// The share of the counter each stage starts at and ends at, in thousandths.
    fn span(self) -> (usize, usize) {
        match self {
            Stage::Read => (0, 70),
            Stage::Lines => (70, 540),
            Stage::Blocks => (540, 680),
            Stage::Finish => (680, 990),
            Stage::Match => (990, 990),
        }
    }
}

struct Sink {
    done: Arc<AtomicUsize>,
    size: usize,
    stage: Stage,
}

thread_local! {
    static SINK: RefCell<Option<Sink>> = const { RefCell::new(None) };
}

/// From now on, parses on this thread report how far they are to `done`, as a share of
/// `size` (the file's size): for a worker thread that parses one file and ends.
pub fn report_to(done: Arc<AtomicUsize>, size: usize) {
    SINK.with(|s| {
        *s.borrow_mut() = Some(Sink {
            done,
            size,
            stage: Stage::Read,
        })
    });
}

/// The parse on this thread enters `stage`: the counter moves to its start.
pub fn stage(stage: Stage) {
    SINK.with(|s| {
        if let Some(sink) = s.borrow_mut().as_mut() {
            sink.stage = stage;
            let start = match stage {
                Stage::Match => MATCHING,
                _ => sink.size / 1000 * stage.span().0,
            };
            sink.done.fetch_max(start, Ordering::Relaxed);
        }
    });
}

/// The text reader has read up to source offset `end` (`parse::stream`, which reads a
/// big file in pieces).
pub(crate) fn read_to(end: usize) {
    advance(Stage::Lines, end);
}

/// The builder has been given everything up to source offset `end`.
pub(crate) fn reached(end: usize) {
    advance(Stage::Blocks, end);
}

/// The parse, in `stage`, is at source offset `end`: the counter moves that far into the
/// stage's share.
fn advance(stage: Stage, end: usize) {
    SINK.with(|s| {
        if let Some(sink) = s.borrow().as_ref().filter(|s| s.stage == stage) {
            let (from, to) = stage.span();
            let at = sink.size / 1000 * from + end.min(sink.size) / 1000 * (to - from);
            sink.done.fetch_max(at, Ordering::Relaxed);
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
        let seen = std::thread::spawn(move || {
            report_to(Arc::clone(&counter), bytes.len());
            stage(Stage::Lines);
            let lines = counter.load(Ordering::Relaxed);
            crate::document::load(bytes.as_bytes()).expect("parses");
            (lines, counter.load(Ordering::Relaxed))
        })
        .join()
        .expect("the worker");
        let (lines, reached) = seen;
        let size = text.len();
        assert!(lines > 0 && lines < size / 10, "{lines}");
        // Past the blocks, into the last stage, never the whole.
        assert!(
            reached >= size / 1000 * 680 && reached < size,
            "{reached} of {size}"
        );
        // A parse on another thread reports nothing to it.
        crate::document::load(text.as_bytes()).expect("parses");
        assert_eq!(done.load(Ordering::Relaxed), reached);
    }

    #[test]
    fn matching_the_record_is_told_apart_from_any_share() {
        let done = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&done);
        std::thread::spawn(move || {
            report_to(counter, 1 << 30);
            stage(Stage::Finish);
            stage(Stage::Match);
        })
        .join()
        .expect("the worker");
        assert_eq!(done.load(Ordering::Relaxed), MATCHING);
    }
}
