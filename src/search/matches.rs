//! The result of a search and the look-ups the app needs to move between matches.

use crate::document::DocPos;
use std::ops::Range;

/// One match: a byte range of `Document::unit_text(unit)`, on char boundaries, never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Match {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

impl Match {
    /// Where the match starts, for jumping to it.
    pub fn pos(&self) -> DocPos {
        DocPos::new(self.unit, self.start)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A match found by a wrapping look-up; `wrapped` tells the app to say
/// "search wrapped" on the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub index: usize,
    pub wrapped: bool,
}

/// All matches of a query, in document order, non-overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    items: Vec<Match>,
}

impl Matches {
    /// Wraps matches that are already sorted and non-overlapping.
    pub(crate) fn from_sorted(items: Vec<Match>) -> Self {
        debug_assert!(items
            .windows(2)
            .all(|w| (w[0].unit, w[0].end) <= (w[1].unit, w[1].start)));
        Matches { items }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Match> {
        self.items.get(i).copied()
    }

    pub fn as_slice(&self) -> &[Match] {
        &self.items
    }

    /// Indices of the matches in `unit`; with [`Matches::unit_range`], lets the UI
    /// highlight visible rows (and tell which one is current) without searching again.
    pub fn unit_indices(&self, unit: usize) -> Range<usize> {
        let lo = self.items.partition_point(|m| m.unit < unit);
        let hi = lo + self.items[lo..].partition_point(|m| m.unit == unit);
        lo..hi
    }

    /// The matches in `unit`, in order.
    pub fn unit_range(&self, unit: usize) -> &[Match] {
        &self.items[self.unit_indices(unit)]
    }

    /// The first match starting at or after `pos`, without wrapping.
    pub fn first_at_or_after(&self, pos: DocPos) -> Option<usize> {
        let i = self.items.partition_point(|m| m.pos() < pos);
        (i < self.items.len()).then_some(i)
    }

    /// The last match starting strictly before `pos`, without wrapping.
    pub fn last_before(&self, pos: DocPos) -> Option<usize> {
        self.items.partition_point(|m| m.pos() < pos).checked_sub(1)
    }

    /// Forward search from `pos` (a match at `pos` counts): wraps to the first match.
    /// To step past the current match, pass a position one byte after its start.
    pub fn next_from(&self, pos: DocPos) -> Option<Found> {
        match self.first_at_or_after(pos) {
            Some(index) => Some(Found {
                index,
                wrapped: false,
            }),
            None => (!self.is_empty()).then_some(Found {
                index: 0,
                wrapped: true,
            }),
        }
    }

    /// Backward search from `pos` (a match at `pos` does not count): wraps to the last.
    pub fn prev_from(&self, pos: DocPos) -> Option<Found> {
        match self.last_before(pos) {
            Some(index) => Some(Found {
                index,
                wrapped: false,
            }),
            None => self.items.len().checked_sub(1).map(|index| Found {
                index,
                wrapped: true,
            }),
        }
    }
}
