//! Positions.
//!
//! The document is read as a sequence of *units*: the title, the meta line, each body
//! block, the "Notes" heading (only when there are notes), then each note, grouped by
//! scope. Inside one parse, a place is a `DocPos`: a unit and a byte offset into that
//! unit's model text (`unit_text`); the view, the jump list and search hits hold it, and
//! screen rows are always derived from it, so a resize never loses the place.
//!
//! A unit number only means something for the parse that made it. Whatever outlives the
//! parse (bookmarks, the saved position, a reload) holds a `SourcePos` instead: the unit's
//! offset in the **source** (the input bytes as read) plus the byte offset inside the
//! unit's text. `Document::source_pos` and `Document::locate` convert between the two;
//! the store keeps an excerpt beside every `SourcePos` and checks it on every open.
//!
//! The percentage follows reading order, not raw offsets: each unit weighs the source
//! bytes it covers, and the weights are summed in reading order (notes that stand in the
//! body in the source, like Gutenberg's footnotes, are counted where they are read, in
//! the Notes section). See docs/model.md.

use super::model::Document;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct DocPos {
    pub unit: usize,
    pub byte: usize,
}

impl DocPos {
    pub const fn new(unit: usize, byte: usize) -> Self {
        DocPos { unit, byte }
    }
}

/// What kind of unit a `SourcePos` names. Units that do not stand in the source as text
/// of their own (the meta line, the Notes heading) are told apart from body blocks that
/// may start at the same offset.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SrcPart {
    #[default]
    Body,
    Title,
    Meta,
    NotesHeading,
    Note,
}

/// A place named by the source: survives a re-parse by another version of the parser, a
/// resize and a reformat, as long as the unit still starts at the same source offset.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SourcePos {
    #[serde(default)]
    pub part: SrcPart,
    /// Byte offset in the input of the start of the unit (block, note definition, title
    /// line); for a note that is only cited, the offset of its first citing block.
    pub src: usize,
    /// Byte offset inside the unit's model text.
    pub byte: usize,
}

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Title,
    Meta,
    Block(usize),
    NotesHeading,
    Note(usize),
}

/// The text shown for the notes section heading.
pub const NOTES_HEADING: &str = "Notes";

impl Document {
    /// Number of units in reading order.
    pub fn unit_count(&self) -> usize {
        2 + self.blocks.len()
            + if self.notes.is_empty() {
                0
            } else {
                1 + self.notes.len()
            }
    }

    /// What unit `unit` is. Out-of-range units map to the last one.
    pub fn part(&self, unit: usize) -> Part {
        let nb = self.blocks.len();
        match unit {
            0 => Part::Title,
            1 => Part::Meta,
            u if u < 2 + nb => Part::Block(u - 2),
            u if u == 2 + nb && !self.notes.is_empty() => Part::NotesHeading,
            u if !self.notes.is_empty() => Part::Note((u - 3 - nb).min(self.notes.len() - 1)),
            _ => {
                if nb > 0 {
                    Part::Block(nb - 1)
                } else {
                    Part::Meta
                }
            }
        }
    }

    /// The unit index of a part.
    pub fn unit_of(&self, part: Part) -> usize {
        let nb = self.blocks.len();
        match part {
            Part::Title => 0,
            Part::Meta => 1,
            Part::Block(b) => 2 + b,
            Part::NotesHeading => 2 + nb,
            Part::Note(n) => 3 + nb + n,
        }
    }

    /// The searchable model text of a unit (no anchor markers, no note label prefix).
    pub fn unit_text(&self, unit: usize) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self.part(unit) {
            Part::Title => Cow::Borrowed(self.meta.title.as_deref().unwrap_or("")),
            Part::Meta => Cow::Owned(self.meta.summary_line()),
            Part::Block(b) => Cow::Borrowed(self.blocks[b].text.as_str()),
            Part::NotesHeading => Cow::Borrowed(NOTES_HEADING),
            Part::Note(n) => Cow::Borrowed(self.notes[n].text.as_deref().unwrap_or("")),
        }
    }

    /// Position of the first reference to note `note` (its first anchor), if any.
    pub fn first_reference_pos(&self, note: usize) -> Option<DocPos> {
        self.references(note).first().map(|&(b, a)| {
            DocPos::new(self.unit_of(Part::Block(b)), self.blocks[b].anchors[a].at())
        })
    }
}

impl Document {
    /// Where a unit stands in the source: its kind and start offset.
    pub fn unit_src(&self, unit: usize) -> (SrcPart, usize) {
        match self.part(unit) {
            Part::Title => (SrcPart::Title, self.meta.title_src.unwrap_or(0)),
            Part::Meta => (SrcPart::Meta, 0),
            Part::Block(b) => (SrcPart::Body, self.blocks[b].src),
            Part::NotesHeading => (SrcPart::NotesHeading, 0),
            Part::Note(n) => (SrcPart::Note, self.note_src(n)),
        }
    }

    fn note_src(&self, n: usize) -> usize {
        let note = &self.notes[n];
        note.src.get().unwrap_or_else(|| {
            note.refs
                .first_block()
                .and_then(|b| self.blocks.get(b))
                .map_or(0, |b| b.src)
        })
    }

    /// The source position of a document position.
    pub fn source_pos(&self, pos: DocPos) -> SourcePos {
        let unit = pos.unit.min(self.unit_count().saturating_sub(1));
        let (part, src) = self.unit_src(unit);
        SourcePos {
            part,
            src,
            byte: pos.byte,
        }
    }

    /// The document position a source position names in this parse, or `None` when no
    /// unit of that kind starts at that offset (the store then looks for the excerpt).
    /// The byte is clamped into the unit's text, on a character boundary.
    pub fn locate(&self, sp: &SourcePos) -> Option<DocPos> {
        let unit = match sp.part {
            SrcPart::Title => Some(0),
            SrcPart::Meta => Some(1),
            SrcPart::NotesHeading => {
                (!self.notes.is_empty()).then(|| self.unit_of(Part::NotesHeading))
            }
            SrcPart::Body => {
                // Body blocks are in source order; fall back to a scan if one is not.
                let b = self
                    .blocks
                    .binary_search_by_key(&sp.src, |b| b.src)
                    .ok()
                    .or_else(|| self.blocks.iter().position(|b| b.src == sp.src));
                b.map(|b| self.unit_of(Part::Block(b)))
            }
            SrcPart::Note => (0..self.notes.len())
                .find(|&n| self.note_src(n) == sp.src)
                .map(|n| self.unit_of(Part::Note(n))),
        }?;
        let text = self.unit_text(unit);
        let mut byte = sp.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Some(DocPos::new(unit, byte))
    }

    /// How much of the source a unit stands for: the bytes it covers, at least its text
    /// length, at least 1. The percentage sums these in reading order.
    pub fn unit_weight(&self, unit: usize) -> usize {
        match self.part(unit) {
            Part::Block(b) => block_weight(&self.blocks[b]),
            Part::Note(n) => note_weight(&self.notes[n]),
            _ => self.unit_text(unit).len().max(1),
        }
    }

    /// Cumulative unit weights: entry `u` is the weight of the units before `u`; the last
    /// entry is the total. One pass over blocks and notes, no text copied (the same
    /// weights as `unit_weight`, without its per-unit dispatch).
    pub fn reading_offsets(&self) -> super::Offsets {
        let mut out = super::Offsets::with_capacity(self.unit_count() + 1);
        let mut total = 0;
        let mut push = |w: usize| {
            out.push(total);
            total += w.max(1);
        };
        push(self.meta.title.as_deref().map_or(0, str::len));
        push(self.meta.summary_line().len());
        for b in &self.blocks {
            push(block_weight(b));
        }
        if !self.notes.is_empty() {
            push(NOTES_HEADING.len());
            for n in &self.notes {
                push(note_weight(n));
            }
        }
        out.push(total);
        out
    }

    /// Bytes of model text of every unit, each counted as at least 1.
    pub fn text_bytes(&self) -> usize {
        let title = self.meta.title.as_deref().map_or(0, str::len).max(1);
        let meta = self.meta.summary_line().len().max(1);
        let blocks: usize = self.blocks.iter().map(|b| b.text.len().max(1)).sum();
        let notes: usize = if self.notes.is_empty() {
            0
        } else {
            NOTES_HEADING.len()
                + self
                    .notes
                    .iter()
                    .map(|n| n.text.as_deref().map_or(0, str::len).max(1))
                    .sum::<usize>()
        };
        title + meta + blocks + notes
    }

    /// As `percent_at`, for one position, without `reading_offsets`' vector (a word a
    /// unit: 4.4 MB for a file of many tiny blocks, made to save the reading position on
    /// quitting). One pass over the units' weights.
    pub fn percent_of(&self, pos: DocPos) -> u8 {
        let (mut start, mut end, mut total) = (None, None, 0);
        for u in 0..self.unit_count() {
            if u == pos.unit {
                start = Some(total);
            }
            total += self.unit_weight(u).max(1);
            if u == pos.unit {
                end = Some(total);
            }
        }
        self.percent_within(start, end, total, pos)
    }

    /// How far through the document `pos` is, 0–100, in reading order.
    pub fn percent_at(&self, offsets: &super::Offsets, pos: DocPos) -> u8 {
        let total = offsets.last().unwrap_or(0);
        let start = offsets.get(pos.unit);
        self.percent_within(start, offsets.get(pos.unit + 1), total, pos)
    }

    /// The percentage of `pos`, its unit's weight running from `start` to `end` of
    /// `total` (`None`: a unit past the end).
    fn percent_within(
        &self,
        start: Option<usize>,
        end: Option<usize>,
        total: usize,
        pos: DocPos,
    ) -> u8 {
        let total = total.max(1);
        let start = start.unwrap_or(total);
        let weight = end.unwrap_or(total) - start.min(total);
        let len = self
            .unit_text(pos.unit.min(self.unit_count().saturating_sub(1)))
            .len()
            .max(1);
        let within = weight * pos.byte.min(len) / len;
        (((start + within) * 100) / total).min(100) as u8
    }

    /// The place `percent` of the way through the document in reading order: the inverse
    /// of `percent_at` (`offsets` from `reading_offsets`), so `percent_at` of the result
    /// is `percent` (or the next percentage a unit boundary allows).
    pub fn pos_at_percent(&self, offsets: &super::Offsets, percent: u8) -> DocPos {
        let total = offsets.last().unwrap_or(0).max(1);
        // The first weight whose percentage is at least `percent` (rounding up, as the
        // percentage rounds down).
        let target = (total * usize::from(percent.min(100))).div_ceil(100);
        let units = self.unit_count();
        let unit = offsets
            .starting_by(target)
            .saturating_sub(1)
            .min(units.saturating_sub(1));
        let start = offsets.get(unit).unwrap_or(0);
        let weight = offsets.get(unit + 1).unwrap_or(total) - start;
        let text = self.unit_text(unit);
        let len = text.len().max(1);
        let mut byte = (target.saturating_sub(start) * len)
            .div_ceil(weight.max(1))
            .min(text.len());
        while !text.is_char_boundary(byte) {
            byte += 1;
        }
        DocPos::new(unit, byte)
    }
}

/// A block's weight in the percentage: the source bytes it covers, at least its text.
fn block_weight(b: &crate::document::Block) -> usize {
    (b.src_len as usize).max(b.text.len()).max(1)
}

/// A note's weight: the bytes of its definition, at least its text.
fn note_weight(n: &crate::document::Note) -> usize {
    (n.src_len as usize)
        .max(n.text.as_deref().map_or(0, str::len))
        .max(1)
}

#[cfg(test)]
mod tests {
    use crate::document::synthetic::synthetic_document;

    #[test]
    fn one_position_s_percentage_is_the_one_the_offsets_give() {
        let doc = synthetic_document(20_000, None);
        let offsets = doc.reading_offsets();
        let units = doc.unit_count();
        let mut seen = std::collections::BTreeSet::new();
        for unit in (0..units).chain([units, units + 5]) {
            let len = doc.unit_text(unit.min(units - 1)).len();
            for byte in [0, 1, len / 2, len, len + 9] {
                let pos = crate::document::DocPos::new(unit, byte);
                let percent = doc.percent_of(pos);
                assert_eq!(percent, doc.percent_at(&offsets, pos), "at {pos:?}");
                seen.insert(percent);
            }
        }
        // The comparison covered the whole range, not one value.
        assert!(
            seen.contains(&0) && seen.contains(&100) && seen.len() > 20,
            "{seen:?}"
        );
    }

    #[test]
    fn reading_offsets_sum_the_unit_weights_and_text_bytes_the_unit_texts() {
        let doc = synthetic_document(60_000, None);
        let offsets = doc.reading_offsets();
        assert_eq!(offsets.len(), doc.unit_count() + 1);
        for u in 0..doc.unit_count() {
            let weight = offsets.get(u + 1).zip(offsets.get(u)).map(|(b, a)| b - a);
            assert_eq!(weight, Some(doc.unit_weight(u)), "unit {u}");
        }
        assert!(
            offsets.heap_bytes() < offsets.len() * 3,
            "a unit's offset is a byte or two"
        );
        let texts: usize = (0..doc.unit_count())
            .map(|u| doc.unit_text(u).len().max(1))
            .sum();
        assert_eq!(doc.text_bytes(), texts);
    }

    #[test]
    fn every_unit_round_trips_through_its_source_position() {
        let doc = synthetic_document(60_000, None);
        for u in 0..doc.unit_count() {
            let text = doc.unit_text(u);
            let byte = text.char_indices().nth(3).map_or(0, |(i, _)| i);
            let pos = super::DocPos::new(u, byte);
            assert_eq!(doc.locate(&doc.source_pos(pos)), Some(pos), "unit {u}");
        }
    }
}
