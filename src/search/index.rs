//! What a plain search needs to know it runs on the document it was prepared for.
//!
//! A plain query is searched in the document's own text (`scan.rs`), so there is no
//! folded copy to build any more (it was as big as the text: 48 MB of a 100 MB
//! dispatch). The type stays, as the app's handle for "ready to search this
//! document", so that a search of a document that changed since is refused
//! (`StaleIndex`) rather than run on the wrong text.

use crate::document::Document;

/// What the units' texts were when it was built: how many, and a fingerprint of every
/// unit's length, taken in a pass over the units. It was a vector of the lengths, 8
/// bytes a unit (4.4 MB of a file of 545,669 tiny units), to answer the same question.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    units: usize,
    lengths: u64,
}

/// The fingerprint of `doc`'s unit lengths, in order (FNV-1a over each length).
fn lengths_of(doc: &Document) -> u64 {
    (0..doc.unit_count()).fold(0xcbf2_9ce4_8422_2325, |h, u| {
        (h ^ doc.unit_text(u).len() as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl SearchIndex {
    /// Takes the length of every unit of `doc`. Linear in the number of units.
    pub fn build(doc: &Document) -> SearchIndex {
        SearchIndex {
            units: doc.unit_count(),
            lengths: lengths_of(doc),
        }
    }

    /// Number of units indexed.
    pub fn unit_count(&self) -> usize {
        self.units
    }

    /// Bytes held beside the document, for reporting memory use: none now.
    pub fn heap_bytes(&self) -> usize {
        0
    }

    /// Whether this index was built from `doc` (same units, same text lengths). Cheap:
    /// it does not compare text.
    pub fn fits(&self, doc: &Document) -> bool {
        self.units == doc.unit_count() && self.lengths == lengths_of(doc)
    }
}
