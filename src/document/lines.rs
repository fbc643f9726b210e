//! Source lines, as less counts them: line N of the input file is what follows the
//! (N-1)th `\n`. The model records where every block and note starts in the source
//! (`src`, `src_len`); this maps a line to the place in the model that shows it, and a
//! place back to its line, for `NG`, `+N` and "where am I".
//!
//! The index is built from the bytes as read (one `memchr` pass, one offset per line), so
//! it costs a few bytes per line and nothing per character. A UTF-16 file is counted by
//! its `\n` bytes too, which is right for every line end it has (its other characters
//! rarely hold a 0x0A byte; when one does the count runs ahead there, nowhere else).

use super::model::BlockKind;
use super::offsets::Offsets;
use super::pos::{DocPos, Part};
use super::Document;

/// Where every line of the source starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Offsets,
    /// Length of the source in bytes.
    len: usize,
}

impl LineIndex {
    pub fn new(bytes: &[u8]) -> LineIndex {
        // Counted first (a fast pass): a guess from the length held 12 MB for the 5.5 MB
        // a 100 MB dispatch needs, beside the parse at its peak.
        let mut starts = Offsets::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        starts.push(0);
        for i in memchr::memchr_iter(b'\n', bytes) {
            starts.push(i + 1);
        }
        // A final line end does not start another line (less counts `a\nb\n` as 2 lines).
        if starts.len() > 1 && starts.last() == Some(bytes.len()) {
            starts.pop();
        }
        LineIndex {
            starts,
            len: bytes.len(),
        }
    }

    /// The index of bytes that come a piece at a time (a file read in chunks): push
    /// each piece in order with [`LineIndex::push`], then [`LineIndex::finished`]. The
    /// same as [`LineIndex::new`] of the pieces joined.
    pub fn started() -> LineIndex {
        let mut starts = Offsets::default();
        starts.push(0);
        LineIndex { starts, len: 0 }
    }

    /// The next piece of the bytes (see [`LineIndex::started`]).
    pub fn push(&mut self, piece: &[u8]) {
        let at = self.len;
        for i in memchr::memchr_iter(b'\n', piece) {
            self.starts.push(at + i + 1);
        }
        self.len += piece.len();
    }

    /// The index, once every piece is in.
    pub fn finished(mut self) -> LineIndex {
        if self.starts.len() > 1 && self.starts.last() == Some(self.len) {
            self.starts.pop();
        }
        self.starts.shrink_to_fit();
        self
    }

    /// How many lines the source has (an empty source has one, empty, line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.starting_by(offset).max(1)
    }

    /// Where line `line` (1-based) starts; `None` past the last line or for line 0.
    pub fn start_of(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?)
    }

    /// Length of the source in bytes.
    pub fn source_len(&self) -> usize {
        self.len
    }
}

impl Document {
    /// The place that shows source byte `offset`: in the unit (block or note) that covers
    /// it, else the first one after it (a blank line shows the paragraph below it). Inside
    /// a unit whose text keeps its line breaks (verse, preformatted), the same line of the
    /// text; inside a reflowed paragraph, the same fraction of its text.
    pub fn pos_at_source(&self, lines: &LineIndex, offset: usize) -> DocPos {
        // Every unit with text of its own in the source, as (src, src_len, unit).
        let mut best: Option<(usize, usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        let mut consider = |src: usize, len: usize, unit: usize| {
            if src <= offset {
                if best.is_none_or(|(s, _, _)| src > s) {
                    best = Some((src, len, unit));
                }
            } else if after.is_none_or(|(s, _)| src < s) {
                after = Some((src, unit));
            }
        };
        for (b, block) in self.blocks.iter().enumerate() {
            consider(
                block.src,
                block.src_len as usize,
                self.unit_of(Part::Block(b)),
            );
        }
        for (n, note) in self.notes.iter().enumerate() {
            if let Some(src) = note.src.get() {
                consider(src, note.src_len as usize, self.unit_of(Part::Note(n)));
            }
        }
        let Some((src, len, unit)) = best else {
            // Before the first block: the header.
            return after.map_or(DocPos::default(), |_| DocPos::new(0, 0));
        };
        if offset >= src + len.max(1) {
            if let Some((_, next)) = after {
                return DocPos::new(next, 0);
            }
        }
        let text = self.unit_text(unit);
        let keeps_lines = matches!(
            self.part(unit),
            Part::Block(b) if matches!(
                self.blocks[b].kind,
                BlockKind::Verse | BlockKind::Preformatted
            )
        );
        let byte = if keeps_lines {
            let k = lines.line_of(offset).saturating_sub(lines.line_of(src));
            match k.checked_sub(1) {
                None => 0,
                Some(skip) => text
                    .match_indices('\n')
                    .nth(skip)
                    .map_or(text.len(), |(i, _)| i + 1),
            }
        } else {
            let into = offset.saturating_sub(src).min(len);
            text.len() * into / len.max(1)
        };
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        DocPos::new(unit, byte)
    }

    /// The source byte a place stands at: its unit's start plus the same fraction of the
    /// unit's source as `pos` is of its text (exact for the unit's first byte).
    pub fn source_offset(&self, pos: DocPos) -> usize {
        let unit = pos.unit.min(self.unit_count().saturating_sub(1));
        let (src, len) = match self.part(unit) {
            Part::Block(b) => (self.blocks[b].src, self.blocks[b].src_len as usize),
            Part::Note(n) => match self.notes[n].src.get() {
                Some(src) => (src, self.notes[n].src_len as usize),
                None => (self.unit_src(unit).1, 0),
            },
            Part::Title => (self.meta.title_src.unwrap_or(0), 0),
            Part::Meta => (0, 0),
            // The heading stands before the first note the source defines.
            Part::NotesHeading => (
                self.notes
                    .iter()
                    .filter_map(|n| n.src.get())
                    .min()
                    .unwrap_or(0),
                0,
            ),
        };
        let text_len = self.unit_text(unit).len().max(1);
        src + len * pos.byte.min(text_len) / text_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushed in pieces cut anywhere, the index is the index of the whole.
    #[test]
    fn an_index_built_in_pieces_is_the_whole_one() {
        for text in ["", "a", "a\n", "\n\n", "a\nbb\n\nccc", "x\r\ny\n"] {
            let whole = LineIndex::new(text.as_bytes());
            for cut in 0..=text.len() {
                let mut pieces = LineIndex::started();
                pieces.push(&text.as_bytes()[..cut]);
                pieces.push(&text.as_bytes()[cut..]);
                assert_eq!(pieces.finished(), whole, "{text:?} cut at {cut}");
            }
        }
    }

    /// Past 4 GiB the starts are kept whole (no test file is that big: the index is
    /// given the offsets such a file would have).
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn line_starts_past_four_gib_are_kept_whole() {
        let big = u32::MAX as usize + 10;
        let mut idx = LineIndex::started();
        idx.push(b"a\nb\n");
        idx.starts.push(big);
        idx.starts.push(big + 7);
        idx.len = big + 20;
        assert_eq!(idx.count(), 5);
        assert_eq!(idx.start_of(3), Some(4));
        assert_eq!(idx.start_of(4), Some(big));
        assert_eq!(idx.start_of(5), Some(big + 7));
        assert_eq!(idx.line_of(big + 3), 4);
        assert_eq!(idx.line_of(big + 7), 5);
        assert_eq!(idx.line_of(1), 1);
        assert_eq!(idx.line_of(2), 2);
    }

    #[test]
    fn lines_are_counted_as_less_counts_them() {
        let idx = LineIndex::new(b"one\ntwo\n\nfour\n");
        assert_eq!(idx.count(), 4);
        assert_eq!(idx.start_of(1), Some(0));
        assert_eq!(idx.start_of(2), Some(4));
        assert_eq!(idx.start_of(4), Some(9));
        assert_eq!(idx.start_of(5), None);
        assert_eq!(idx.start_of(0), None);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(3), 1);
        assert_eq!(idx.line_of(4), 2);
        assert_eq!(idx.line_of(12), 4);
        assert_eq!(LineIndex::new(b"").count(), 1);
        assert_eq!(LineIndex::new(b"no end").count(), 1);
    }

    #[test]
    fn a_line_maps_to_the_block_that_holds_it_and_back() {
        let src = "Title\n\nFirst paragraph\nstill first.\n\nSecond one.\n";
        let doc = crate::document::load(src.as_bytes()).expect("parses");
        let idx = LineIndex::new(src.as_bytes());
        let second = doc
            .blocks
            .iter()
            .position(|b| b.text.starts_with("Second"))
            .expect("second block");
        let unit = doc.unit_of(Part::Block(second));
        let at = |line| doc.pos_at_source(&idx, idx.start_of(line).expect("line"));
        assert_eq!(at(6), DocPos::new(unit, 0));
        // The blank line before it shows it too.
        assert_eq!(at(5), DocPos::new(unit, 0));
        assert_eq!(idx.line_of(doc.source_offset(DocPos::new(unit, 0))), 6);
    }
}
