//! The folded copy of a document, built once so that each query is a plain byte search.

use super::fold::{fold_into, FoldMode};
use super::offsets::{is_boundary, map_end, map_start, Checkpoint, MAX_UNIT_BYTES};
use crate::document::Document;

/// Separates units in the folded buffer. Folding turns every whitespace char into a
/// space, so neither folded text nor a folded query can contain it, and no match can
/// run from one unit into the next.
pub(crate) const UNIT_SEPARATOR: u8 = b'\n';

/// Every unit of a document, folded (case, diacritics, typographic equivalences,
/// whitespace runs), in one buffer, with what is needed to map folded offsets back to
/// the original text.
///
/// A unit the loose fold would only lowercase (ASCII, with no whitespace but single
/// spaces: about half the text of a dispatch, nearly all of an RFC) is not copied: it
/// is "in place", and a query is looked for in its original text, ASCII case ignored
/// (`plain::search`). The copy was as big as the document's text.
///
/// Owned data only, so it can be built on a worker thread and shared (`Send + Sync`).
/// Rebuild it whenever the document changes; `search` refuses a stale one.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub(crate) folded: Vec<u8>,
    units: Vec<UnitMap>,
    /// Every unit's checkpoints, one unit after another (`UnitMap::cps_end`).
    cps: Vec<Checkpoint>,
}

/// Where one unit lives in the folded buffer and where its checkpoints end in the
/// shared vector (they start where the previous unit's checkpoints end). 24 bytes: a document of
/// many tiny blocks has one per block and note, and a boxed slice each took 40.
#[derive(Debug, Clone, Default)]
struct UnitMap {
    /// For a unit in place, where the next folded unit starts (it has no bytes there),
    /// so the starts stay sorted for `unit_at`.
    start: usize,
    cps_end: usize,
    /// Offsets within a unit fit 32 bits, as in `Checkpoint`; [`IN_PLACE`] for a unit
    /// that is not copied.
    len: u32,
    orig_len: u32,
}

/// `UnitMap::len` of a unit searched in its original text. No folded unit is that long
/// (`MAX_UNIT_BYTES` is far below).
const IN_PLACE: u32 = u32::MAX;

/// Whether `text` folds (loosely) to itself lowercased, byte for byte: ASCII without tabs,
/// line breaks or other whitespace than single spaces. Control chars fold to themselves.
pub(crate) fn folds_in_place(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().all(|&b| b < 0x80 && !(9..=13).contains(&b))
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// One unit of the index: where it lives in the folded buffer and how its offsets map
/// back to the original text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit<'a> {
    pub start: usize,
    /// 0 for a unit in place.
    pub len: usize,
    pub orig_len: usize,
    /// Searched in its original text, not in the folded buffer.
    pub in_place: bool,
    /// Empty when folding kept every offset (the common case); sorted by `folded`.
    pub cps: &'a [Checkpoint],
}

impl SearchIndex {
    /// Folds every unit of `doc`. Linear in the document's size.
    pub fn build(doc: &Document) -> SearchIndex {
        Self::build_with(doc, folds_in_place)
    }

    /// As `build`, with `in_place` choosing the units that are not copied (tests compare
    /// an index that copies everything with the one that does not).
    pub(crate) fn build_with(doc: &Document, in_place: fn(&str) -> bool) -> SearchIndex {
        let n = doc.unit_count();
        // What will be copied, counted first so the buffer is allocated once.
        let mut total = 0usize;
        for b in &doc.blocks {
            if !in_place(&b.text) {
                total += b.text.len() + 1;
            }
        }
        for text in doc.notes.iter().filter_map(|n| n.text.as_deref()) {
            if !in_place(text) {
                total += text.len() + 1;
            }
        }
        let mut folded = Vec::with_capacity(total + 256);
        let mut units = Vec::with_capacity(n);
        // `fold_into` appends each unit's checkpoints (relative to the unit) to the shared
        // vector, where the unit before left off.
        let mut cps = Vec::new();
        for unit in 0..n {
            let text = doc.unit_text(unit);
            let start = folded.len();
            if text.len() <= MAX_UNIT_BYTES && in_place(&text) {
                units.push(UnitMap {
                    start,
                    cps_end: cps.len(),
                    len: IN_PLACE,
                    orig_len: text.len() as u32,
                });
                continue;
            }
            if text.len() <= MAX_UNIT_BYTES {
                fold_into(&text, FoldMode::LOOSE, &mut folded, Some(&mut cps));
            }
            let len = folded.len() - start;
            folded.push(UNIT_SEPARATOR);
            units.push(UnitMap {
                start,
                cps_end: cps.len(),
                len: u32::try_from(len).unwrap_or(u32::MAX),
                orig_len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            });
        }
        cps.shrink_to_fit();
        SearchIndex { folded, units, cps }
    }

    /// Unit `unit` (which must be below `unit_count`).
    pub(crate) fn unit(&self, unit: usize) -> Unit<'_> {
        let u = &self.units[unit];
        let from = unit
            .checked_sub(1)
            .map_or(0, |prev| self.units[prev].cps_end);
        let in_place = u.len == IN_PLACE;
        Unit {
            start: u.start,
            len: if in_place { 0 } else { u.len as usize },
            orig_len: u.orig_len as usize,
            in_place,
            cps: &self.cps[from..u.cps_end],
        }
    }

    /// Unit `unit`, or `None` past the last.
    pub(crate) fn get(&self, unit: usize) -> Option<Unit<'_>> {
        (unit < self.units.len()).then(|| self.unit(unit))
    }

    /// Number of units indexed.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// Bytes held, for reporting memory use.
    pub fn heap_bytes(&self) -> usize {
        self.folded.capacity()
            + self.units.capacity() * std::mem::size_of::<UnitMap>()
            + self.cps.capacity() * std::mem::size_of::<Checkpoint>()
    }

    /// Whether this index was built from `doc` (same units, same text lengths). Cheap:
    /// it does not compare text.
    pub fn fits(&self, doc: &Document) -> bool {
        self.units.len() == doc.unit_count()
            && self
                .units
                .iter()
                .enumerate()
                .all(|(i, u)| u.orig_len as usize == doc.unit_text(i).len())
    }

    /// The unit holding folded byte `at` (which must be inside some unit's text), looking
    /// forward from unit `from`: candidates come in order, usually in the same or a
    /// nearby unit, and a binary search over all units per candidate costs cache misses.
    /// A unit in place holds no folded byte; its start is that of the folded unit after
    /// it, so the last unit starting at or before `at` is never one.
    pub(crate) fn unit_at(&self, at: usize, from: usize) -> usize {
        let mut u = from.min(self.units.len().saturating_sub(1));
        for _ in 0..8 {
            match self.units.get(u + 1) {
                Some(next) if next.start <= at => u += 1,
                _ => return u,
            }
        }
        let rest = self.units.get(u + 1..).unwrap_or(&[]);
        u + rest.partition_point(|n| n.start <= at)
    }

    /// The folded text of `unit`.
    #[cfg(test)]
    pub(crate) fn unit_folded(&self, unit: usize) -> &[u8] {
        let u = self.unit(unit);
        &self.folded[u.start..u.start + u.len]
    }
}

impl Unit<'_> {
    /// Original offset where the folded byte `f` starts (rounded down to its char).
    pub fn orig_start(&self, f: usize) -> usize {
        map_start(self.cps, f)
    }

    /// Original offset where a match ending at folded `f` ends (see `map_end`).
    pub fn orig_end(&self, f: usize) -> usize {
        map_end(self.cps, f, self.len, self.orig_len)
    }

    /// Whether a match may start or end at folded `f` (see `is_boundary`).
    pub fn is_boundary(&self, f: usize) -> bool {
        is_boundary(self.cps, f, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_of(text: &str) -> (String, Vec<Checkpoint>, usize) {
        let mut out = Vec::new();
        let mut cps = Vec::new();
        fold_into(text, FoldMode::LOOSE, &mut out, Some(&mut cps));
        let len = out.len();
        let s = String::from_utf8(out).expect("utf8");
        (s, cps, len)
    }

    #[test]
    fn offsets_round_to_whole_chars() {
        let text = "Groß  Café\u{301}x";
        let (folded, cps, len) = map_of(text);
        let m = Unit {
            start: 0,
            len,
            orig_len: text.len(),
            in_place: false,
            cps: &cps,
        };
        assert_eq!(folded, "gross cafex");
        // Offsets inside "ss" round to the whole ß, and are not boundaries.
        assert_eq!((m.orig_start(3), m.orig_end(4)), (3, 5));
        assert!(m.is_boundary(3) && !m.is_boundary(4) && m.is_boundary(5));
        // "cafe" covers the é and the stray combining mark after it.
        let f = folded.find("cafe").expect("found");
        let (s, e) = (m.orig_start(f), m.orig_end(f + 4));
        assert_eq!(&text[s..e], "Café\u{301}");
        // A space covers the whole run.
        let (s, e) = (m.orig_start(5), m.orig_end(6));
        assert_eq!(&text[s..e], "  ");
        assert_eq!(m.orig_end(folded.len()), text.len());
    }

    #[test]
    fn index_keeps_units_apart() {
        let doc = crate::document::synthetic::synthetic_document(20_000, None);
        let idx = SearchIndex::build(&doc);
        assert_eq!(idx.unit_count(), doc.unit_count());
        assert!(idx.fits(&doc));
        let mut in_place = 0;
        for u in 0..idx.unit_count() {
            if idx.unit(u).in_place {
                in_place += 1;
                assert!(idx.unit_folded(u).is_empty());
                continue;
            }
            assert!(!idx.unit_folded(u).contains(&UNIT_SEPARATOR));
            assert_eq!(idx.unit_at(idx.unit(u).start, 0), u);
            assert_eq!(idx.unit_at(idx.unit(u).start, u.saturating_sub(3)), u);
        }
        // The synthetic text mixes plain ASCII paragraphs with accented names.
        assert!(in_place > 0 && in_place < idx.unit_count(), "{in_place}");
    }

    /// A unit in place is one the loose fold only lowercases; in an alphabet of ASCII,
    /// whitespace and chars that fold to something else, every other one is copied.
    #[test]
    fn in_place_means_the_fold_only_lowercases() {
        let alphabet = [
            'a', 'Z', ' ', ' ', '\t', '\n', '\r', '\u{b}', '\u{1}', '-', '\'', 'é', '’', '\u{a0}',
            '\u{2028}', 'ß',
        ];
        let mut seed = 7u64;
        let mut in_place = 0;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let folded = crate::search::fold::fold_str(&text, FoldMode::LOOSE);
            if folds_in_place(&text) {
                in_place += 1;
                assert_eq!(folded, text.to_ascii_lowercase(), "{text:?}");
            } else {
                assert_ne!(folded, text.to_ascii_lowercase(), "{text:?} is copied");
            }
        }
        assert!(in_place > 100, "{in_place}");
    }
}
