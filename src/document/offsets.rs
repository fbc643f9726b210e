//! Offsets, ascending (where each line starts in a source; where each unit starts in
//! reading order, by weight): `u32`s while they fit, `usize`s from the first that does
//! not.

/// Offsets as `u32`s while they fit (a source under 4 GiB: every file a reader opens), as
/// `usize`s from the first that does not. There is one a line, held for as long as the
/// file is open (the reader's [`LineIndex`](super::LineIndex)) or through the parse (where
/// each line starts), and a book or a file of one-line blocks has a line every 30–60
/// bytes: as `usize`s each was 8.7 MB of a 17.6 MB file of tiny blocks (and the reader's
/// unit offsets, `Document::reading_offsets`, 4.4 MB). The form depends
/// on the offsets alone, so offsets pushed in pieces are the same as pushed at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offsets {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets::Narrow(Vec::new())
    }
}

impl FromIterator<usize> for Offsets {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut out = Offsets::with_capacity(iter.size_hint().0);
        for at in iter {
            out.push(at);
        }
        out
    }
}

impl Offsets {
    pub fn with_capacity(n: usize) -> Offsets {
        Offsets::Narrow(Vec::with_capacity(n))
    }

    pub fn push(&mut self, at: usize) {
        match self {
            Offsets::Narrow(v) => match u32::try_from(at) {
                Ok(at) => v.push(at),
                Err(_) => {
                    let mut wide: Vec<usize> = Vec::with_capacity(v.capacity().max(v.len() + 1));
                    wide.extend(v.iter().map(|&s| s as usize));
                    wide.push(at);
                    *self = Offsets::Wide(wide);
                }
            },
            Offsets::Wide(v) => v.push(at),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Offsets::Narrow(v) => v.len(),
            Offsets::Wide(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Narrow(v) => v.get(i).map(|&s| s as usize),
            Offsets::Wide(v) => v.get(i).copied(),
        }
    }

    pub fn last(&self) -> Option<usize> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn pop(&mut self) {
        match self {
            Offsets::Narrow(v) => {
                v.pop();
            }
            Offsets::Wide(v) => {
                v.pop();
            }
        }
    }

    #[cfg(test)]
    pub fn is_narrow(&self) -> bool {
        matches!(self, Offsets::Narrow(_))
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Offsets::Narrow(v) => v.shrink_to_fit(),
            Offsets::Wide(v) => v.shrink_to_fit(),
        }
    }

    /// How many of the offsets are at or before `offset` (for line starts: how many lines
    /// start by there).
    pub fn starting_by(&self, offset: usize) -> usize {
        match self {
            Offsets::Narrow(v) => v.partition_point(|&s| s as usize <= offset),
            Offsets::Wide(v) => v.partition_point(|&s| s <= offset),
        }
    }
}
