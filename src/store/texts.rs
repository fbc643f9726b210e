//! The document as the store sees it: one string per unit, in reading order.
//!
//! Collected once per operation so clamping, excerpts, percentages and the passage
//! search during re-anchoring all agree on the same text.

use crate::document::{DocPos, Document};

use super::record::EXCERPT_CHARS;

pub(crate) struct UnitTexts {
    pub(crate) units: Vec<String>,
    total: usize,
}

impl UnitTexts {
    pub(crate) fn new(doc: &Document) -> UnitTexts {
        let units: Vec<String> = (0..doc.unit_count())
            .map(|u| doc.unit_text(u).into_owned())
            .collect();
        let total = units.iter().map(String::len).sum();
        UnitTexts { units, total }
    }

    /// A position guaranteed to exist in this document: an existing unit, a byte within
    /// its text, on a character boundary.
    pub(crate) fn clamp(&self, pos: DocPos) -> DocPos {
        let unit = pos.unit.min(self.units.len().saturating_sub(1));
        let text = self.units.get(unit).map(String::as_str).unwrap_or("");
        let mut byte = pos.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        DocPos::new(unit, byte)
    }

    /// The passage starting at `pos` (which must be clamped), up to `EXCERPT_CHARS`.
    pub(crate) fn excerpt(&self, pos: DocPos) -> String {
        let text = self.units.get(pos.unit).map(String::as_str).unwrap_or("");
        text.get(pos.byte..)
            .unwrap_or("")
            .chars()
            .take(EXCERPT_CHARS)
            .collect()
    }

    /// How far through the document `pos` is, by text length, 0–100.
    pub(crate) fn percent(&self, pos: DocPos) -> u8 {
        if self.total == 0 {
            return 0;
        }
        let before: usize = self.units.iter().take(pos.unit).map(String::len).sum();
        let within = self
            .units
            .get(pos.unit)
            .map_or(0, |t| pos.byte.min(t.len()));
        let p = (before + within) * 100 / self.total;
        u8::try_from(p.min(100)).unwrap_or(100)
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
                    text: t.to_string(),
                    anchors: vec![],
                    ..Block::default()
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn clamp_keeps_positions_inside_the_document_and_on_char_boundaries() {
        let t = UnitTexts::new(&doc("T", &["naïve"]));
        assert_eq!(t.clamp(DocPos::new(99, 0)), DocPos::new(2, 0));
        assert_eq!(t.clamp(DocPos::new(2, 3)), DocPos::new(2, 2)); // inside 'ï'
        assert_eq!(t.clamp(DocPos::new(2, 99)), DocPos::new(2, 6));
    }

    #[test]
    fn excerpt_stops_at_the_limit_in_characters() {
        let long = "é".repeat(300);
        let t = UnitTexts::new(&doc("T", &[&long]));
        assert_eq!(t.excerpt(DocPos::new(2, 0)).chars().count(), EXCERPT_CHARS);
    }

    #[test]
    fn percent_runs_from_start_to_end() {
        let t = UnitTexts::new(&doc("", &["aaaa", "bbbb"]));
        assert_eq!(t.percent(DocPos::new(0, 0)), 0);
        assert_eq!(t.percent(DocPos::new(3, 0)), 50);
        assert_eq!(t.percent(DocPos::new(3, 4)), 100);
    }
}
