//! The folded copy of a document and a plain search over it: how plain queries were
//! searched until `scan.rs`, kept as the oracle `scan.rs` is checked against (tests
//! only). The index folded every unit into one buffer, as big as the document's text
//! (48 MB of a 100 MB dispatch with the units that folded to themselves left out);
//! the scan folds as it reads and holds nothing.

use super::fold::{fold_into, fold_str, FoldMode};
use super::matches::Match;
use super::offsets::{is_boundary, map_end, map_start, Checkpoint, MAX_UNIT_BYTES};
use super::verify::{strict_mode, Checker};
use super::{SearchError, SearchOptions};
use crate::document::Document;
use memchr::memmem::Finder;
use std::sync::atomic::{AtomicBool, Ordering};

/// Separates units in the folded buffer. Folding turns every whitespace char into a
/// space, so neither folded text nor a folded query can contain it, and no match can
/// run from one unit into the next.
const UNIT_SEPARATOR: u8 = b'\n';

/// Every unit of a document, folded (case, diacritics, typographic equivalences,
/// whitespace runs), in one buffer, with what is needed to map folded offsets back to
/// the original text.
///
/// Owned data only, so it can be built on a worker thread and shared (`Send + Sync`).
/// Rebuild it whenever the document changes; `search` refuses a stale one.
#[derive(Debug, Clone, Default)]
pub struct FoldedIndex {
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
    start: usize,
    cps_end: usize,
    /// Offsets within a unit fit 32 bits, as in `Checkpoint`.
    len: u32,
    orig_len: u32,
}

/// One unit of the index: where it lives in the folded buffer and how its offsets map
/// back to the original text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit<'a> {
    pub start: usize,
    pub len: usize,
    pub orig_len: usize,
    /// Empty when folding kept every offset (the common case); sorted by `folded`.
    pub cps: &'a [Checkpoint],
}

impl FoldedIndex {
    /// Folds every unit of `doc`. Linear in the document's size.
    pub fn build(doc: &Document) -> FoldedIndex {
        let n = doc.unit_count();
        let mut total = 0usize;
        for b in &doc.blocks {
            total += b.text.len() + 1;
        }
        for note in &doc.notes {
            total += note.text.as_deref().map_or(0, str::len) + 1;
        }
        let mut folded = Vec::with_capacity(total + 256);
        let mut units = Vec::with_capacity(n);
        // `fold_into` appends each unit's checkpoints (relative to the unit) to the shared
        // vector, where the unit before left off.
        let mut cps = Vec::new();
        for unit in 0..n {
            let text = doc.unit_text(unit);
            let start = folded.len();
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
        FoldedIndex { folded, units, cps }
    }

    /// Unit `unit` (which must be below `unit_count`).
    pub(crate) fn unit(&self, unit: usize) -> Unit<'_> {
        let u = &self.units[unit];
        let from = unit
            .checked_sub(1)
            .map_or(0, |prev| self.units[prev].cps_end);
        Unit {
            start: u.start,
            len: u.len as usize,
            orig_len: u.orig_len as usize,
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

/// How many candidates are examined between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// Every match of `query`, as the search over the folded copy found them.
pub(crate) fn search(
    doc: &Document,
    index: &FoldedIndex,
    query: &str,
    opts: SearchOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let loose = fold_str(query, FoldMode::LOOSE);
    if loose.is_empty() {
        return Ok(Vec::new());
    }
    let strict = strict_mode(query, opts.exact);
    let want = (strict != FoldMode::LOOSE).then(|| fold_str(query, strict));
    let finder = Finder::new(loose.as_bytes());
    // A scope narrows the buffer to its units (contiguous), so "notes only" does not
    // scan the body at all.
    let units = opts.scope.units(doc);
    let (Some(first), Some(last)) = (
        index.get(units.start).filter(|_| !units.is_empty()),
        units.end.checked_sub(1).and_then(|u| index.get(u)),
    ) else {
        return Ok(Vec::new());
    };
    let hay = &index.folded[..last.start + last.len];
    let mut out: Vec<Match> = Vec::new();
    let mut check = Checker::new(doc, strict, want.as_deref().map(str::as_bytes));
    let mut pos = first.start;
    let mut seen = 0usize;
    let mut unit = units.start;
    while let Some(rel) = hay.get(pos..).and_then(|h| finder.find(h)) {
        seen += 1;
        if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        let fs = pos + rel;
        let fe = fs + loose.len();
        unit = index.unit_at(fs, unit);
        let map = index.unit(unit);
        if !opts.scope.includes(doc, unit) {
            // Out of scope (a paragraph, when only captions count): the next unit.
            pos = map.start + map.len + 1;
            continue;
        }
        let (rs, re) = (fs - map.start, fe - map.start);
        let start = map.orig_start(rs);
        let end = map.orig_end(re);
        let found = if !(map.is_boundary(rs) && map.is_boundary(re)) {
            None
        } else {
            check.verify(unit, start, end)
        };
        let Some((start, end)) = found else {
            // An overlapping later candidate may still match: step one char, not the match.
            pos = fs + utf8_len(hay[fs]);
            continue;
        };
        pos = fe;
        // Whole-char matches cannot overlap; this only guards the invariant.
        if let Some(last) = out.last() {
            if last.unit == unit && start < last.end {
                continue;
            }
        }
        out.push(Match { unit, start, end });
    }
    Ok(out)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
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
        let idx = FoldedIndex::build(&doc);
        assert_eq!(idx.unit_count(), doc.unit_count());
        assert!(idx.fits(&doc));
        for u in 0..idx.unit_count() {
            assert!(!idx.unit_folded(u).contains(&UNIT_SEPARATOR));
            assert_eq!(idx.unit_at(idx.unit(u).start, 0), u);
            assert_eq!(idx.unit_at(idx.unit(u).start, u.saturating_sub(3)), u);
        }
    }
}
