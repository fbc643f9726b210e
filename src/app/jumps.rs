//! The jump list: every jump records where the reader was, so Back and Forward can
//! return to the exact scroll position and selection, like vim's Ctrl-O / Ctrl-I.

use super::{RowPos, Target};
use crate::document::DocPos;

/// A place to return to: the top of the page and what was selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The top of the page as a document position: survives a resize.
    pub top: DocPos,
    /// The exact top row at the column width `width`, used when the width is unchanged.
    pub row: RowPos,
    pub width: u16,
    pub selected: Option<Target>,
}

/// The history of jumps. `index == entries.len()` means "at the live position".
#[derive(Debug, Default, Clone)]
pub struct JumpList {
    entries: Vec<Location>,
    index: usize,
}

/// Bound memory on very long sessions.
const MAX_ENTRIES: usize = 1000;

impl JumpList {
    /// Before a jump: remember `here`, dropping any forward history.
    pub fn record(&mut self, here: Location) {
        self.entries.truncate(self.index);
        if self.entries.last() != Some(&here) {
            self.entries.push(here);
        }
        if self.entries.len() > MAX_ENTRIES {
            self.entries.remove(0);
        }
        self.index = self.entries.len();
    }

    /// Go back one step from `here`; `None` when there is nowhere to go.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        if self.index == 0 {
            return None;
        }
        if self.index == self.entries.len() {
            // Leaving the live position: keep it so Forward can return to it.
            self.entries.push(here);
        }
        self.index -= 1;
        self.entries.get(self.index).copied()
    }

    /// Go forward one step; `None` at the newest entry.
    pub fn forward(&mut self) -> Option<Location> {
        if self.index + 1 >= self.entries.len() {
            return None;
        }
        self.index += 1;
        self.entries.get(self.index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(unit: usize) -> Location {
        Location {
            top: DocPos::new(unit, 0),
            row: RowPos { unit, row: 0 },
            width: 80,
            selected: None,
        }
    }

    #[test]
    fn back_then_forward_returns_to_the_live_position() {
        let mut j = JumpList::default();
        j.record(loc(1));
        assert_eq!(j.back(loc(5)), Some(loc(1)));
        assert_eq!(j.back(loc(1)), None);
        assert_eq!(j.forward(), Some(loc(5)));
        assert_eq!(j.forward(), None);
    }

    #[test]
    fn a_new_jump_drops_forward_history() {
        let mut j = JumpList::default();
        j.record(loc(1));
        j.record(loc(2));
        assert_eq!(j.back(loc(3)), Some(loc(2)));
        j.record(loc(2));
        assert_eq!(j.forward(), None);
        assert_eq!(j.back(loc(9)), Some(loc(2)));
        assert_eq!(j.back(loc(2)), Some(loc(1)));
    }
}
