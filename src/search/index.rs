//! What a plain search needs to know it runs on the document it was prepared for.
//!
//! A plain query is searched in the document's own text (`scan.rs`), so there is no
//! folded copy to build any more (it was as big as the text: 48 MB of a 100 MB
//! dispatch). The type stays, as the app's handle for "ready to search this
//! document", so that a search of a document that changed since is refused
//! (`StaleIndex`) rather than run on the wrong text.

use crate::document::Document;

/// The length of every unit's text, taken when it was built: a few bytes a unit,
/// built in a pass over the units.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    lens: Vec<usize>,
}

impl SearchIndex {
    /// Takes the length of every unit of `doc`. Linear in the number of units.
    pub fn build(doc: &Document) -> SearchIndex {
        SearchIndex {
            lens: (0..doc.unit_count())
                .map(|u| doc.unit_text(u).len())
                .collect(),
        }
    }

    /// Number of units indexed.
    pub fn unit_count(&self) -> usize {
        self.lens.len()
    }

    /// Bytes held, for reporting memory use.
    pub fn heap_bytes(&self) -> usize {
        self.lens.capacity() * std::mem::size_of::<usize>()
    }

    /// Whether this index was built from `doc` (same units, same text lengths). Cheap:
    /// it does not compare text.
    pub fn fits(&self, doc: &Document) -> bool {
        self.lens.len() == doc.unit_count()
            && self
                .lens
                .iter()
                .enumerate()
                .all(|(i, &len)| len == doc.unit_text(i).len())
    }
}
