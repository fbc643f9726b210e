//! Scrolling in terms of the document, not of a global row list.
//!
//! The view's top is "row `row` of unit `unit`". Moving by rows walks units one at a time,
//! laying out only those it touches, so cost follows the distance scrolled and the screen
//! size, never the document size.

use crate::document::Document;
use crate::layout::LayoutCache;

/// A row of the laid-out document: unit index and row within that unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct RowPos {
    pub unit: usize,
    pub row: usize,
}

/// Borrowed view of what row arithmetic needs.
pub struct Rows<'a> {
    pub doc: &'a Document,
    pub cache: &'a mut LayoutCache,
    pub width: u16,
}

impl Rows<'_> {
    fn rows_in(&mut self, unit: usize) -> usize {
        self.cache.get(self.doc, unit, self.width).rows.len()
    }

    /// Move `n` rows down, stopping at the last row of the document.
    pub fn forward(&mut self, mut pos: RowPos, mut n: usize) -> RowPos {
        let units = self.doc.unit_count();
        pos = self.normalise(pos);
        while n > 0 {
            let len = self.rows_in(pos.unit);
            let left_here = len.saturating_sub(pos.row + 1);
            if n <= left_here {
                pos.row += n;
                return pos;
            }
            // Find the next unit that has rows.
            let mut next = pos.unit + 1;
            while next < units && self.rows_in(next) == 0 {
                next += 1;
            }
            if next >= units {
                pos.row = len.saturating_sub(1);
                return pos;
            }
            n -= left_here + 1;
            pos = RowPos { unit: next, row: 0 };
        }
        pos
    }

    /// Move `n` rows up, stopping at the first row of the document.
    pub fn backward(&mut self, mut pos: RowPos, mut n: usize) -> RowPos {
        pos = self.normalise(pos);
        while n > 0 {
            if n <= pos.row {
                pos.row -= n;
                return pos;
            }
            let mut prev = pos.unit;
            let mut found = None;
            while prev > 0 {
                prev -= 1;
                let len = self.rows_in(prev);
                if len > 0 {
                    found = Some((prev, len));
                    break;
                }
            }
            match found {
                None => {
                    pos.row = 0;
                    return pos;
                }
                Some((unit, len)) => {
                    n -= pos.row + 1;
                    pos = RowPos { unit, row: len - 1 };
                }
            }
        }
        pos
    }

    /// The first row of the document.
    pub fn first(&mut self) -> RowPos {
        self.normalise(RowPos::default())
    }

    /// The last row of the document.
    pub fn last(&mut self) -> RowPos {
        let mut unit = self.doc.unit_count();
        while unit > 0 {
            unit -= 1;
            let len = self.rows_in(unit);
            if len > 0 {
                return RowPos { unit, row: len - 1 };
            }
        }
        RowPos::default()
    }

    /// The highest top row that still fills the screen (`height` rows) to the end.
    pub fn max_top(&mut self, height: usize) -> RowPos {
        let last = self.last();
        self.backward(last, height.saturating_sub(1))
    }

    /// Clamp to an existing row: past a unit's end moves to the next unit with rows.
    pub fn normalise(&mut self, pos: RowPos) -> RowPos {
        let units = self.doc.unit_count();
        let mut unit = pos.unit.min(units.saturating_sub(1));
        let mut row = pos.row;
        loop {
            let len = self.rows_in(unit);
            if row < len {
                return RowPos { unit, row };
            }
            if unit + 1 >= units {
                return self.last();
            }
            unit += 1;
            row = 0;
        }
    }

    /// Number of rows from `a` down to `b` (0 when `b` is not below `a`), looking at most `limit` rows.
    pub fn distance(&mut self, a: RowPos, b: RowPos, limit: usize) -> Option<usize> {
        if b < a {
            return None;
        }
        let mut pos = a;
        let mut d = 0;
        while pos < b {
            if d >= limit {
                return None;
            }
            let next = self.forward(pos, 1);
            if next == pos {
                return None;
            }
            pos = next;
            d += 1;
        }
        (pos == b).then_some(d)
    }
}
