//! Mapping folded offsets back to the original text of a unit.
//!
//! Folding mostly keeps offsets (ASCII, Cyrillic, Greek), so instead of a map per byte
//! only the places where the mapping changes are stored: sparse checkpoints.

/// Longest unit text whose offsets fit the packed checkpoints (folding at most triples
/// the length, so folded offsets stay below 2^32 and original ones below 2^31). Longer
/// units are not indexed: a single paragraph of a gigabyte is not a document.
pub(crate) const MAX_UNIT_BYTES: usize = 1 << 30;

const ATOMIC: u32 = 1 << 31;

/// From folded byte `folded()` on, text maps back to original byte `orig()` (both
/// relative to the unit). An `atomic()` span came from one original char whose fold
/// changed length (`ß` → `ss`), so offsets inside it round to the whole char.
/// Packed in 8 bytes: a 100 MB document with many accents holds millions of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    folded: u32,
    orig: u32,
}

impl Checkpoint {
    /// Offsets must come from a unit of at most [`MAX_UNIT_BYTES`].
    pub fn new(folded: usize, orig: usize, atomic: bool) -> Self {
        debug_assert!(orig < MAX_UNIT_BYTES * 2 && folded <= u32::MAX as usize);
        Checkpoint {
            folded: folded as u32,
            orig: orig as u32 | if atomic { ATOMIC } else { 0 },
        }
    }

    pub fn folded(self) -> usize {
        self.folded as usize
    }

    pub fn orig(self) -> usize {
        (self.orig & !ATOMIC) as usize
    }

    pub fn atomic(self) -> bool {
        self.orig & ATOMIC != 0
    }
}

/// Original offset where the folded byte `f` starts (rounded down to its char).
pub(crate) fn map_start(cps: &[Checkpoint], f: usize) -> usize {
    let i = cps.partition_point(|c| c.folded() <= f);
    let Some(&c) = i.checked_sub(1).and_then(|i| cps.get(i)) else {
        return f;
    };
    if c.atomic() {
        c.orig()
    } else {
        c.orig() + (f - c.folded())
    }
}

/// Original offset where a match ending at folded `f` ends: rounded up to the end of the
/// char, and past anything folding dropped right after it (combining marks, the rest of
/// a whitespace run), so a highlight covers all of the visible text it stands for.
pub(crate) fn map_end(cps: &[Checkpoint], f: usize, folded_len: usize, orig_len: usize) -> usize {
    if f >= folded_len {
        return orig_len;
    }
    let i = cps.partition_point(|c| c.folded() < f);
    if let Some(c) = cps.get(i) {
        // A span starting exactly at `f` begins after whatever was dropped before it.
        if c.folded() == f {
            return c.orig();
        }
    }
    let Some(&c) = i.checked_sub(1).and_then(|i| cps.get(i)) else {
        return f;
    };
    if c.atomic() {
        cps.get(i).map_or(orig_len, |n| n.orig())
    } else {
        c.orig() + (f - c.folded())
    }
}

/// Whether folded offset `f` falls between the folds of two original chars. A match must
/// start and end on such offsets: `ss` finds `ß`, but `s` alone does not, and `ß` does
/// not find `sß` by taking half of the `ß`.
#[cfg(test)]
pub(crate) fn is_boundary(cps: &[Checkpoint], f: usize, folded_len: usize) -> bool {
    if f >= folded_len {
        return true;
    }
    let i = cps.partition_point(|c| c.folded() <= f);
    match i.checked_sub(1).and_then(|i| cps.get(i)) {
        Some(c) => !c.atomic() || c.folded() == f,
        None => true,
    }
}
