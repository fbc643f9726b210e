//! Layouts computed on demand and kept for one width.

use super::{layout_unit_with, LayoutContext, UnitLayout};
use crate::document::Document;
use std::rc::Rc;

/// Per-unit layouts for one width, computed on demand; cleared when the width changes.
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: u16,
    units: Vec<Option<Rc<UnitLayout>>>,
    /// Read from the document once (the first time it is seen), not per unit.
    ctx: Option<LayoutContext>,
}

impl LayoutCache {
    pub fn new() -> Self {
        Self::default()
    }
    /// The layout of `unit` at `width`, computing and caching it if needed.
    pub fn get(&mut self, doc: &Document, unit: usize, width: u16) -> Rc<UnitLayout> {
        if self.units.len() != doc.unit_count() {
            self.ctx = None;
        }
        if self.width != width || self.units.len() != doc.unit_count() {
            self.width = width;
            self.units = vec![None; doc.unit_count()];
        }
        if let Some(Some(l)) = self.units.get(unit) {
            return Rc::clone(l);
        }
        let ctx = self.ctx.get_or_insert_with(|| LayoutContext::of(doc));
        let l = Rc::new(layout_unit_with(doc, unit, width, ctx));
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

/// Notes laid out on their own (`layout_note_beside`) at one width, for the note column:
/// computed for the notes drawn and kept until the width changes.
#[derive(Debug, Default)]
pub struct NoteLayoutCache {
    width: u16,
    notes: std::collections::HashMap<usize, Rc<UnitLayout>>,
    /// The widest label, read once, so every note's label is right-aligned to it.
    ctx: Option<LayoutContext>,
}

impl NoteLayoutCache {
    /// The layout of note `note` at `width`, computing and caching it if needed.
    pub fn get(&mut self, doc: &Document, note: usize, width: u16) -> Rc<UnitLayout> {
        if self.width != width {
            self.width = width;
            self.notes.clear();
        }
        let ctx = self.ctx.get_or_insert_with(|| LayoutContext::of(doc));
        Rc::clone(
            self.notes
                .entry(note)
                .or_insert_with(|| Rc::new(super::layout_note_beside(doc, note, width, ctx))),
        )
    }
    /// Number of notes laid out at the current width (for tests that check laziness).
    pub fn laid_out(&self) -> usize {
        self.notes.len()
    }
}
