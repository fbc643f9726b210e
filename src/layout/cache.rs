//! Layouts computed on demand and kept for one width.

use super::{layout_unit_with, LayoutContext, UnitLayout};
use crate::document::Document;
use std::collections::HashMap;
use std::rc::Rc;

/// Per-unit layouts for one width, computed on demand; cleared when the width changes.
/// Only the units laid out have an entry: a slot for every unit was 8 bytes a unit held
/// for as long as the file was open (4.4 MB of a file of 545,669 tiny units).
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: u16,
    /// How many units the document laid out has: another count (the whole document in
    /// place of its preview) starts the cache again.
    unit_count: usize,
    units: HashMap<usize, Rc<UnitLayout>>,
    /// Read from the document once (the first time it is seen), not per unit.
    ctx: Option<LayoutContext>,
}

impl LayoutCache {
    pub fn new() -> Self {
        Self::default()
    }
    /// The layout of `unit` at `width`, computing and caching it if needed.
    pub fn get(&mut self, doc: &Document, unit: usize, width: u16) -> Rc<UnitLayout> {
        if self.unit_count != doc.unit_count() {
            self.ctx = None;
        }
        if self.width != width || self.unit_count != doc.unit_count() {
            self.width = width;
            self.unit_count = doc.unit_count();
            self.units = HashMap::new();
        }
        if let Some(l) = self.units.get(&unit) {
            return Rc::clone(l);
        }
        let ctx = self.ctx.get_or_insert_with(|| LayoutContext::of(doc));
        let l = Rc::new(layout_unit_with(doc, unit, width, ctx));
        if unit < self.unit_count {
            self.units.insert(unit, Rc::clone(&l));
        }
        l
    }
    /// Number of units laid out so far (for tests that check laziness).
    pub fn laid_out(&self) -> usize {
        self.units.len()
    }
}

/// Notes laid out on their own (`layout_note_beside`) at one width, for the note column:
/// computed for the notes drawn and kept until the width changes.
#[derive(Debug, Default)]
pub struct NoteLayoutCache {
    width: u16,
    notes: HashMap<usize, Rc<UnitLayout>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the cache holds grows with what was laid out, not with the document.
    #[test]
    fn the_cache_holds_only_the_units_laid_out() {
        let doc = crate::document::synthetic::synthetic_document(400_000, None);
        assert!(doc.unit_count() > 1000, "{}", doc.unit_count());
        let mut cache = LayoutCache::new();
        let first = cache.get(&doc, 3, 60);
        assert!(Rc::ptr_eq(&first, &cache.get(&doc, 3, 60)), "kept");
        cache.get(&doc, doc.unit_count() - 1, 60);
        assert_eq!(cache.laid_out(), 2);
        assert!(cache.units.capacity() < 64, "{}", cache.units.capacity());
        cache.get(&doc, 3, 70);
        assert_eq!(cache.laid_out(), 1, "another width starts again");
    }
}
