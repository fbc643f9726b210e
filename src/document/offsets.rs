//! Offsets, ascending (where each line starts in a source; where each unit starts in
//! reading order, by weight), packed as the differences between neighbours.
//!
//! There is one a line, held for as long as the file is open (the reader's
//! [`LineIndex`](super::LineIndex)) or through the parse (where each line starts), and a
//! book or a file of one-line blocks has a line every 30–60 bytes. As `usize`s each was
//! 8.7 MB of a 17.6 MB file of tiny blocks, as `u32`s 4.4 MB (and the reader's unit
//! offsets, `Document::reading_offsets`, 2.2 MB); packed, a line of under 128 bytes costs
//! one byte and one of under 16 KiB two.
//!
//! Every [`GROUP`]th offset is kept whole with where its group's differences start, so
//! `get` reads at most a group's worth of bytes and `starting_by` is a binary search over
//! the groups and then one group's walk. The form depends on the offsets alone, so
//! offsets pushed in pieces are the same as pushed at once. Offsets that go back (no
//! caller pushes them) are kept as plain `usize`s rather than refused.

/// Offsets a group: what `get` and `starting_by` walk at most, and what a group's whole
/// head costs spread over (16 bytes over 64 offsets).
const GROUP: usize = 64;

#[derive(Debug, Clone)]
pub struct Offsets {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    Packed(Packed),
    /// An offset before the one pushed ahead of it was pushed: plain from there on.
    Plain(Vec<usize>),
}

#[derive(Debug, Clone, Default)]
struct Packed {
    /// Per group: its first offset, whole, and where the differences of the others start
    /// in `deltas`.
    heads: Vec<(usize, usize)>,
    /// Every offset but a group's first, as its difference from the one before it: 7
    /// bits a byte, low first, the high bit set on every byte but the last (LEB128).
    deltas: Vec<u8>,
    len: usize,
    last: usize,
}

impl Packed {
    fn push(&mut self, at: usize) {
        if self.len.is_multiple_of(GROUP) {
            self.heads.push((at, self.deltas.len()));
        } else {
            let mut d = at - self.last;
            while d >= 0x80 {
                self.deltas.push((d as u8 & 0x7F) | 0x80);
                d >>= 7;
            }
            self.deltas.push(d as u8);
        }
        self.len += 1;
        self.last = at;
    }

    /// The offsets of group `g`, in order.
    fn group(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        let (head, from) = self.heads[g];
        let count = GROUP.min(self.len - g * GROUP);
        let mut bytes = self.deltas[from..].iter();
        let mut at = head;
        (0..count).map(move |k| {
            if k > 0 {
                let (mut d, mut shift) = (0usize, 0);
                for &b in bytes.by_ref() {
                    d |= usize::from(b & 0x7F) << shift;
                    shift += 7;
                    if b & 0x80 == 0 {
                        break;
                    }
                }
                at += d;
            }
            at
        })
    }

    fn get(&self, i: usize) -> Option<usize> {
        if i >= self.len {
            return None;
        }
        self.group(i / GROUP).nth(i % GROUP)
    }

    fn starting_by(&self, offset: usize) -> usize {
        // The groups whose first offset is at or before `offset`; the answer is in the
        // last of them.
        let g = self.heads.partition_point(|&(head, _)| head <= offset);
        match g.checked_sub(1) {
            None => 0,
            Some(g) => g * GROUP + self.group(g).take_while(|&s| s <= offset).count(),
        }
    }

    fn pop(&mut self) {
        let Some(i) = self.len.checked_sub(1) else {
            return;
        };
        // The last group again, without its last offset.
        let g = i / GROUP;
        let kept: Vec<usize> = self.group(g).take(i % GROUP).collect();
        let (_, from) = self.heads[g];
        self.heads.truncate(g);
        self.deltas.truncate(from);
        self.len = g * GROUP;
        self.last = self
            .heads
            .last()
            .map_or(0, |_| self.get(self.len - 1).unwrap_or(0));
        for at in kept {
            self.push(at);
        }
    }
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets {
            repr: Repr::Packed(Packed::default()),
        }
    }
}

impl PartialEq for Offsets {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.get(i) == other.get(i))
    }
}

impl Eq for Offsets {}

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
    /// Room for `n` offsets of under 128 bytes each.
    pub fn with_capacity(n: usize) -> Offsets {
        Offsets {
            repr: Repr::Packed(Packed {
                heads: Vec::with_capacity(n.div_ceil(GROUP)),
                deltas: Vec::with_capacity(n),
                len: 0,
                last: 0,
            }),
        }
    }

    pub fn push(&mut self, at: usize) {
        match &mut self.repr {
            Repr::Packed(p) if p.len == 0 || at >= p.last => p.push(at),
            Repr::Packed(p) => {
                let mut plain: Vec<usize> = Vec::with_capacity(p.len + 1);
                plain.extend((0..p.heads.len()).flat_map(|g| p.group(g)));
                plain.push(at);
                self.repr = Repr::Plain(plain);
            }
            Repr::Plain(v) => v.push(at),
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Packed(p) => p.len,
            Repr::Plain(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<usize> {
        match &self.repr {
            Repr::Packed(p) => p.get(i),
            Repr::Plain(v) => v.get(i).copied(),
        }
    }

    /// The offsets from the `from`th on, in order: for reading many in a row, which
    /// `get` would start each from its group's head.
    pub fn iter_from(&self, from: usize) -> Box<dyn Iterator<Item = usize> + '_> {
        match &self.repr {
            Repr::Packed(p) => {
                let g = from / GROUP;
                Box::new(
                    (g..p.heads.len())
                        .flat_map(|g| p.group(g))
                        .skip(from % GROUP),
                )
            }
            Repr::Plain(v) => Box::new(v.iter().skip(from).copied()),
        }
    }

    pub fn last(&self) -> Option<usize> {
        match &self.repr {
            Repr::Packed(p) => (p.len > 0).then_some(p.last),
            Repr::Plain(v) => v.last().copied(),
        }
    }

    pub fn pop(&mut self) {
        match &mut self.repr {
            Repr::Packed(p) => p.pop(),
            Repr::Plain(v) => {
                v.pop();
            }
        }
    }

    /// Bytes held, for tests of what an offset costs.
    #[cfg(test)]
    pub fn heap_bytes(&self) -> usize {
        match &self.repr {
            Repr::Packed(p) => {
                p.heads.capacity() * std::mem::size_of::<(usize, usize)>() + p.deltas.capacity()
            }
            Repr::Plain(v) => v.capacity() * std::mem::size_of::<usize>(),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        match &mut self.repr {
            Repr::Packed(p) => {
                p.heads.shrink_to_fit();
                p.deltas.shrink_to_fit();
            }
            Repr::Plain(v) => v.shrink_to_fit(),
        }
    }

    /// How many of the offsets are at or before `offset` (for line starts: how many lines
    /// start by there).
    pub fn starting_by(&self, offset: usize) -> usize {
        match &self.repr {
            Repr::Packed(p) => p.starting_by(offset),
            Repr::Plain(v) => v.partition_point(|&s| s <= offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer against a plain vector of the same offsets: across group edges, with
    /// repeats (empty units), long gaps and a pop at every length.
    #[test]
    fn packed_offsets_answer_as_a_plain_vector_does() {
        let mut plain = Vec::new();
        let mut at = 0usize;
        for i in 0..1000usize {
            at += match i % 7 {
                0 => 0,
                1 => 1,
                2 => 127,
                3 => 128,
                4 => 20_000,
                5 => u32::MAX as usize + 3,
                _ => 35,
            };
            plain.push(at);
        }
        let packed: Offsets = plain.iter().copied().collect();
        assert_eq!(packed.len(), plain.len());
        assert_eq!(packed.last(), plain.last().copied());
        for (i, &s) in plain.iter().enumerate() {
            assert_eq!(packed.get(i), Some(s), "offset {i}");
            assert_eq!(packed.starting_by(s), plain.partition_point(|&x| x <= s));
            if let Some(before) = s.checked_sub(1) {
                assert_eq!(
                    packed.starting_by(before),
                    plain.partition_point(|&x| x <= before)
                );
            }
        }
        assert_eq!(packed.get(plain.len()), None);
        assert_eq!(packed.starting_by(usize::MAX), plain.len());
        for from in [0, 1, 63, 64, 65, 999, 1000] {
            assert!(packed.iter_from(from).eq(plain[from..].iter().copied()));
        }
        let mut popped = packed.clone();
        for n in (0..plain.len()).rev() {
            popped.pop();
            assert_eq!(popped.len(), n);
            assert_eq!(popped.last(), n.checked_sub(1).map(|i| plain[i]));
            if n % 61 == 0 {
                let again: Offsets = plain[..n].iter().copied().collect();
                assert_eq!(popped, again);
            }
        }
        // Pushed again after popping, the offsets are read as pushed.
        popped.push(5);
        popped.push(9);
        assert_eq!(popped.iter_from(0).collect::<Vec<_>>(), [5, 9]);
    }

    #[test]
    fn short_lines_cost_a_byte_each_and_offsets_that_go_back_are_kept() {
        let lines: Offsets = (0..64_000).map(|i| i * 36).collect();
        assert!(
            lines.heap_bytes() <= 64_000 * 5 / 4,
            "{}",
            lines.heap_bytes()
        );
        let mut back: Offsets = [0, 10, 20].into_iter().collect();
        back.push(5);
        back.push(30);
        assert_eq!(back.iter_from(0).collect::<Vec<_>>(), [0, 10, 20, 5, 30]);
        assert_eq!(back.get(3), Some(5));
        back.pop();
        assert_eq!(back.last(), Some(5));
    }
}
