//! The document as the store sees it: one string per unit, in reading order.
//!
//! Collected once per operation so clamping, excerpts, percentages and the passage
//! search during re-anchoring all agree on the same text.

use crate::document::{DocPos, Document};
use std::borrow::Cow;
use std::cell::OnceCell;

use super::record::EXCERPT_CHARS;

pub(crate) struct UnitTexts<'d> {
    pub(crate) doc: &'d Document,
    /// Every unit's text, borrowed from the document (all but the metadata line: a copy
    /// of a 100 MB document's text for every attach was as big as the document). Made
    /// only for the passage search: a record whose places verify where they were (an
    /// unchanged file) never needs it, and it was 24 bytes a unit (13 MB of a file of
    /// many tiny blocks) made as the whole document came in.
    units: OnceCell<Vec<Cow<'d, str>>>,
    /// `Document::reading_offsets`, for percentages; made on the first.
    offsets: OnceCell<crate::document::Offsets>,
}

/// A position guaranteed to exist in `doc`: an existing unit, a byte within its text, on
/// a character boundary. Reads that one unit's text: an operation on one place (saving
/// the reading position, a new bookmark) needs no `UnitTexts`, whose vector of every
/// unit's text was 13 MB of a file of many tiny blocks, made on quitting.
pub(crate) fn clamp(doc: &Document, pos: DocPos) -> DocPos {
    let unit = pos.unit.min(doc.unit_count().saturating_sub(1));
    let text = doc.unit_text(unit);
    let mut byte = pos.byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    DocPos::new(unit, byte)
}

/// The passage starting at `pos` (which must be clamped), up to `EXCERPT_CHARS`.
pub(crate) fn excerpt(doc: &Document, pos: DocPos) -> String {
    doc.unit_text(pos.unit)
        .get(pos.byte..)
        .unwrap_or("")
        .chars()
        .take(EXCERPT_CHARS)
        .collect()
}

impl<'d> UnitTexts<'d> {
    pub(crate) fn new(doc: &'d Document) -> UnitTexts<'d> {
        UnitTexts {
            doc,
            units: OnceCell::new(),
            offsets: OnceCell::new(),
        }
    }

    /// Every unit's text, in reading order (made on the first call).
    pub(crate) fn units(&self) -> &[Cow<'d, str>] {
        self.units.get_or_init(|| {
            let doc = self.doc;
            (0..doc.unit_count()).map(|u| doc.unit_text(u)).collect()
        })
    }

    /// `clamp` in this document.
    pub(crate) fn clamp(&self, pos: DocPos) -> DocPos {
        clamp(self.doc, pos)
    }

    /// `excerpt` in this document.
    pub(crate) fn excerpt(&self, pos: DocPos) -> String {
        excerpt(self.doc, pos)
    }

    /// How far through the document `pos` is, in reading order, 0–100
    /// (`Document::percent_at`).
    pub(crate) fn percent(&self, pos: DocPos) -> u8 {
        let offsets = self.offsets.get_or_init(|| self.doc.reading_offsets());
        self.doc.percent_at(offsets, pos)
    }

    /// Whether the text at `pos` still begins with `excerpt`: exactly, or once runs of
    /// whitespace are taken as one space (re-wrapped text), as the passage search does.
    pub(crate) fn verifies(&self, pos: DocPos, excerpt: &str) -> bool {
        let unit = (pos.unit < self.doc.unit_count()).then(|| self.doc.unit_text(pos.unit));
        let text = unit
            .as_deref()
            .and_then(|t| t.get(pos.byte..))
            .unwrap_or("");
        if text.starts_with(excerpt) {
            return true;
        }
        // Runs of white space count as one space (re-wrapped text), but a space is never
        // dropped: " on the quay" is not "on the quay" one byte on, which a short excerpt
        // repeated elsewhere would otherwise verify at the wrong place.
        let squash = |s: &str| {
            let mut out = String::with_capacity(s.len());
            let mut in_space = false;
            for c in s.chars() {
                if c.is_whitespace() {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
            }
            out
        };
        let (text, excerpt) = (squash(text), squash(excerpt));
        !excerpt.trim().is_empty() && text.starts_with(&excerpt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind, Meta};

    fn doc(title: &str, blocks: &[&str]) -> Document {
        Document {
            meta: Meta {
                title: Some(title.into()),
                ..Meta::default()
            },
            blocks: blocks
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    text: t.to_string().into(),
                    anchors: smallvec::smallvec![],
                    ..Block::default()
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn clamp_keeps_positions_inside_the_document_and_on_char_boundaries() {
        let d = doc("T", &["naïve"]);
        let t = UnitTexts::new(&d);
        assert_eq!(t.clamp(DocPos::new(99, 0)), DocPos::new(2, 0));
        assert_eq!(t.clamp(DocPos::new(2, 3)), DocPos::new(2, 2)); // inside 'ï'
        assert_eq!(t.clamp(DocPos::new(2, 99)), DocPos::new(2, 6));
    }

    #[test]
    fn excerpt_stops_at_the_limit_in_characters() {
        let long = "é".repeat(300);
        let d = doc("T", &[&long]);
        let t = UnitTexts::new(&d);
        assert_eq!(t.excerpt(DocPos::new(2, 0)).chars().count(), EXCERPT_CHARS);
    }

    #[test]
    fn percent_runs_from_start_to_end() {
        let d = doc("", &["aaaa", "bbbb"]);
        let t = UnitTexts::new(&d);
        assert_eq!(t.percent(DocPos::new(0, 0)), 0);
        assert!(t.percent(DocPos::new(3, 0)) >= 40 && t.percent(DocPos::new(3, 0)) <= 60);
        assert_eq!(t.percent(DocPos::new(3, 4)), 100);
    }

    #[test]
    fn verification_accepts_the_passage_and_rewrapped_text_only() {
        let d = doc("T", &["one two\n  three four", "other"]);
        let t = UnitTexts::new(&d);
        assert!(t.verifies(DocPos::new(2, 4), "two\n  three"));
        assert!(t.verifies(DocPos::new(2, 4), "two three four"));
        assert!(!t.verifies(DocPos::new(3, 0), "two three"));
        assert!(!t.verifies(DocPos::new(2, 0), "two"));
    }
}
