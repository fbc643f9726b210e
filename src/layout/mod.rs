//! Layout: one unit of the document at one width → wrapped rows. UI-free.
//!
//! Each unit gets a *display string* (its model text with the note markers put back and,
//! for notes, the label prefix) and rows that are byte ranges into it. The UI styles the
//! ranges; nothing here knows about terminals.
//!
//! INTERFACE CONTRACT (used by app/ and ui/): keep these names and signatures.

use crate::document::{DocPos, Document};
use std::ops::Range;
use std::rc::Rc;

/// How a unit is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStyle {
    Title,
    Meta,
    Paragraph,
    Caption,
    Heading,
    Verse,
    NotesHeading,
    /// A note in the Notes section; `missing` when its text is lost.
    Note { index: usize, missing: bool },
}

/// What a marked range of the display string is, for styling and hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A note marker like `[7]`: index into the block's `anchors`.
    Anchor(usize),
    /// The `[7]` label at the start of a note in the Notes section.
    NoteLabel,
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

impl UnitLayout {
    /// Display byte offset for a byte offset of the unit's model text (`Document::unit_text`).
    pub fn display_offset(&self, model_byte: usize) -> usize {
        let _ = model_byte;
        todo!()
    }
    /// Model byte offset for a display byte offset (inside a marker: the marker's position).
    pub fn model_offset(&self, display_byte: usize) -> usize {
        let _ = display_byte;
        todo!()
    }
    /// The row showing `model_byte` (the first text row for 0, the last text row for the end).
    pub fn row_of(&self, model_byte: usize) -> usize {
        let _ = model_byte;
        todo!()
    }
}

/// Lay out one unit at a text column `width` (≥ 1).
pub fn layout_unit(doc: &Document, unit: usize, width: u16) -> UnitLayout {
    let _ = (doc, unit, width);
    todo!()
}

/// Per-unit layouts for one width, computed on demand; cleared when the width changes.
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: u16,
    units: Vec<Option<Rc<UnitLayout>>>,
}

impl LayoutCache {
    pub fn new() -> Self {
        Self::default()
    }
    /// The layout of `unit` at `width`, computing and caching it if needed.
    pub fn get(&mut self, doc: &Document, unit: usize, width: u16) -> Rc<UnitLayout> {
        if self.width != width || self.units.len() != doc.unit_count() {
            self.width = width;
            self.units = vec![None; doc.unit_count()];
        }
        if let Some(Some(l)) = self.units.get(unit) {
            return Rc::clone(l);
        }
        let l = Rc::new(layout_unit(doc, unit, width));
        if let Some(slot) = self.units.get_mut(unit) {
            *slot = Some(Rc::clone(&l));
        }
        l
    }
    /// Number of units laid out so far (for tests that check laziness).
    pub fn laid_out(&self) -> usize {
        self.units.iter().filter(|u| u.is_some()).count()
    }
}

/// Convenience used by tests and `--dump`: the row of `pos` in its unit.
pub fn row_of_pos(cache: &mut LayoutCache, doc: &Document, pos: DocPos, width: u16) -> usize {
    cache.get(doc, pos.unit, width).row_of(pos.byte)
}
