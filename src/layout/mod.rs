//! Layout: one unit of the document at one width → wrapped rows. UI-free.
//!
//! Each unit gets a *display string* (its model text with the note markers put back and,
//! for notes, the label prefix) and rows that are byte ranges into it. The UI styles the
//! ranges; nothing here knows about terminals.
//!
//! Rules every layout keeps:
//!
//! - A note marker never starts a row: it stays with the word, closing quote or
//!   punctuation before it (`word[15]`, `“no”[3]`, `it.[3][4]`), unless it is the first
//!   thing on its line or is wider than the row itself.
//! - Notes share one hanging indent: labels are right-aligned to the widest label of the
//!   document, so the text of `[1]` and `[100]` starts in one column, and a note's later
//!   paragraphs hang there too. On a column too narrow for that, rows start at the edge.
//! - A run of notes that lost their text is told about once, on its first note (`The text
//!   of notes 4–9 is not in this copy…`); the others are one dimmed dash each, with no
//!   blank rows between them.
//! - Text rows are never wider than the width, except **preformatted** rows: each is one
//!   whole source line (never wrapped), so search, positions and horizontal scrolling
//!   keep working on the full line, and `--dump` prints it whole. Whoever draws one on a
//!   screen clips it with [`clip`], which also says whether to show `‹` / `›`.

mod cache;
pub mod sidenotes;
mod unit;
mod wrap;

#[cfg(test)]
mod tests;

pub use cache::{LayoutCache, NoteLayoutCache};
pub use wrap::{
    clip, display_width, grapheme_width, shorten_at_word, shorten_bytes_at_word, widest_clip, Clip,
};

use crate::document::Document;
use std::ops::Range;

/// How a unit is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStyle {
    Title,
    Meta,
    Paragraph,
    Caption,
    Heading,
    Verse,
    /// Kept exactly as written: one row per source line, never wrapped.
    Preformatted,
    NotesHeading,
    /// A note in the Notes section; `missing` when its text is lost.
    Note {
        index: usize,
        missing: bool,
    },
}

/// What a marked range of the display string is, for styling and hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A note marker like `[7]`: index into the block's `anchors`.
    Anchor(usize),
    /// The `[7]` label at the start of a note in the Notes section.
    NoteLabel,
    /// The name of a note scope (`LETTER II.`), on a row of its own above the first note
    /// of each scope when the document numbers its notes in several.
    ScopeHeading,
    /// Placeholder text shown for a missing note ("text missing …").
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Text,
    /// An empty separator row.
    Blank,
    /// A horizontal rule (drawn by the UI across the column).
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    /// Columns of indent before the text.
    pub indent: u16,
    /// Byte range of `UnitLayout::display` shown on this row (empty for Blank/Rule).
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLayout {
    pub unit: usize,
    pub style: UnitStyle,
    pub width: u16,
    pub display: String,
    /// Sorted by `range.start`, non-overlapping.
    pub marks: Vec<Mark>,
    /// Never empty for a unit with text; a unit with nothing to show has no rows.
    pub rows: Vec<Row>,
}

// Model and display differ only by the note prefix and the anchor markers, both recorded
// in `marks`; the offset maps are read from them so a layout carries no second copy.
impl UnitLayout {
    /// Display byte offset for a byte offset of the unit's model text (`Document::unit_text`).
    pub fn display_offset(&self, model_byte: usize) -> usize {
        if self.is_missing_note() {
            return self.prefix_len();
        }
        let mut shift = self.prefix_len();
        let model_len = self
            .display
            .len()
            .saturating_sub(shift + self.markers_len());
        let model = model_byte.min(model_len);
        for r in self.marker_ranges() {
            // A position where markers stand is shown before them, next to the text it ends.
            if r.start.saturating_sub(shift) >= model {
                break;
            }
            shift += r.len();
        }
        model + shift
    }

    /// Model byte offset for a display byte offset (inside a marker: the marker's position).
    pub fn model_offset(&self, display_byte: usize) -> usize {
        if self.is_missing_note() {
            return 0;
        }
        let mut shift = self.prefix_len();
        let display = display_byte.clamp(shift, self.display.len());
        for r in self.marker_ranges() {
            if display < r.start {
                break;
            }
            if display < r.end {
                return r.start.saturating_sub(shift);
            }
            shift += r.len();
        }
        display.saturating_sub(shift)
    }

    /// The row showing `model_byte` (the first text row for 0, the last text row for the end).
    pub fn row_of(&self, model_byte: usize) -> usize {
        let Some(first) = self.rows.iter().position(|r| r.kind == RowKind::Text) else {
            return 0;
        };
        if model_byte == 0 {
            return first;
        }
        let texts = self.rows[first..]
            .iter()
            .take_while(|r| r.kind == RowKind::Text)
            .count();
        let at = self.display_offset(model_byte);
        // Rows start in display order; a position in the spaces between two rows belongs
        // to the row they end.
        let after = self.rows[first..first + texts].partition_point(|r| r.range.start <= at);
        first + after.saturating_sub(1)
    }

    fn is_missing_note(&self) -> bool {
        matches!(self.style, UnitStyle::Note { missing: true, .. })
    }

    /// Bytes of display before the model text starts: the `"[7] "` of a note.
    fn prefix_len(&self) -> usize {
        if !matches!(self.style, UnitStyle::Note { .. }) {
            return 0;
        }
        let prefix = self.marks.iter().find_map(|m| match m.kind {
            MarkKind::NoteLabel => Some(m.range.end + 1),
            _ => None,
        });
        prefix.unwrap_or(0).min(self.display.len())
    }

    /// The inserted `[label]` markers: the only other difference between display and model.
    fn marker_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.marks
            .iter()
            .filter(|m| matches!(m.kind, MarkKind::Anchor(_)))
            .map(|m| m.range.clone())
    }

    fn markers_len(&self) -> usize {
        self.marker_ranges().map(|r| r.len()).sum()
    }
}

/// What laying out one unit needs to know about the whole document, computed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayoutContext {
    /// Columns of the widest `[label]` among the notes: where every note's text starts.
    pub label_cols: usize,
}

impl LayoutContext {
    /// Reads every note label once.
    pub fn of(doc: &Document) -> Self {
        // No allocation per note: a 100,000-note document opens in well under a
        // millisecond. Labels are sanitized by the builder; `[` and `]` add two columns.
        let label_cols = doc
            .notes
            .iter()
            .map(|n| {
                2 + if n.label.is_ascii() {
                    n.label.len()
                } else {
                    display_width(&n.label)
                }
            })
            .max()
            .unwrap_or(0);
        LayoutContext { label_cols }
    }
}

/// Lay out one unit at a text column `width` (≥ 1). Reads every note label (see
/// [`LayoutContext`]); to lay out many units, use [`layout_unit_with`] or [`LayoutCache`].
pub fn layout_unit(doc: &Document, unit: usize, width: u16) -> UnitLayout {
    layout_unit_with(doc, unit, width, &LayoutContext::of(doc))
}

/// Lay out one unit at `width` with a context computed once for `doc`.
pub fn layout_unit_with(
    doc: &Document,
    unit: usize,
    width: u16,
    ctx: &LayoutContext,
) -> UnitLayout {
    unit::layout_unit(doc, unit, width, ctx, unit::NoteView::Section)
}

/// Lay out a body block on its own, as unit `unit` of whatever document holds it: a
/// block's rows are the same in any document (they depend on nothing but the block),
/// so a streamed `--dump` writes them before its document is whole.
pub fn layout_block(block: &crate::document::Block, unit: usize, width: u16) -> UnitLayout {
    unit::layout_block(block, unit, width)
}

/// Lay out note `note` as it reads on its own (the preview popup): its label unpadded
/// and, when its text is lost, the full sentence even inside a run of missing notes.
pub fn layout_note_alone(doc: &Document, note: usize, width: u16) -> UnitLayout {
    let unit = doc.unit_of(crate::document::Part::Note(note));
    unit::layout_unit(
        doc,
        unit,
        width,
        &LayoutContext::default(),
        unit::NoteView::Alone,
    )
}

/// Lay out note `note` for the note column: as [`layout_note_alone`], but its label is
/// padded to the document's widest (`ctx`), so labels are right-aligned in the column.
pub fn layout_note_beside(
    doc: &Document,
    note: usize,
    width: u16,
    ctx: &LayoutContext,
) -> UnitLayout {
    let unit = doc.unit_of(crate::document::Part::Note(note));
    unit::layout_unit(doc, unit, width, ctx, unit::NoteView::Beside)
}
