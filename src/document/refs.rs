//! The blocks citing a note ([`Refs`]), read as a slice of block indices (`u32`s).
//!
//! Most notes are cited once, and a file of tiny notes has one for every 64 bytes: the
//! one citing block is kept inline, where a vector's own allocation (32 bytes for one
//! index) was 7.6 MB of a 100 MB dispatch's 237,612 notes. An enum of the index or a
//! vector took 16 bytes (a tag and a pointer); this takes 8, which makes a note 64
//! bytes, not 72: the word holds either a pointer to the vector (aligned, so its lowest
//! bit is 0) or a tag word with that bit set beside the one index. Block indices are
//! `u32`s, as an anchor's note index is (a document has under 4 G blocks).
//!
//! The unsafe code is confined to this file: `Repr` is read through `kind`, which
//! looks only at the tag word, and the pointer is only ever one made by `Box::into_raw`
//! here and freed once, in `drop`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which of the two 32-bit words holds the pointer's lowest bits: the first on a
/// little-endian machine or one with 32-bit pointers, the second on a big-endian
/// 64-bit one.
const TAG_WORD: usize = if cfg!(all(target_endian = "big", target_pointer_width = "64")) {
    1
} else {
    0
};
/// The word beside it, which holds the one citing block.
const ONE_WORD: usize = 1 - TAG_WORD;

#[repr(C)]
union Repr {
    /// Both words zero: no citing block. Tag word 1: one, in the other word.
    words: [u32; 2],
    /// Otherwise: two or more, in a vector of their own.
    many: *mut Vec<u32>,
}

enum Kind<'a> {
    None,
    One(&'a u32),
    Many(&'a Vec<u32>),
}

/// Indices of the blocks that cite a note: dereferences to `[u32]`.
pub struct Refs(Repr);

// SAFETY: `Refs` owns its vector as a `Box<Vec<u32>>` would (no sharing, no interior
// mutability), and `Box<Vec<u32>>` is `Send` and `Sync`.
unsafe impl Send for Refs {}
unsafe impl Sync for Refs {}

impl Refs {
    pub fn new() -> Refs {
        Refs(Repr { words: [0, 0] })
    }

    fn one(block: u32) -> Refs {
        let mut words = [0, 0];
        words[TAG_WORD] = 1;
        words[ONE_WORD] = block;
        Refs(Repr { words })
    }

    fn many(v: Vec<u32>) -> Refs {
        // Zeroed first so that, with 32-bit pointers, the word the pointer leaves is
        // initialized too.
        let mut repr = Repr { words: [0, 0] };
        repr.many = Box::into_raw(Box::new(v));
        Refs(repr)
    }

    fn kind(&self) -> Kind<'_> {
        // SAFETY: both fields are plain data of the same size, always initialized
        // (`new`, `one`, `many`). The tag word's lowest bit is the pointer's lowest bit,
        // 0 for a `Box<Vec<u32>>` (aligned to 4 or more); `one` sets it to 1. A pointer
        // read back is one `many` made and `drop` has not yet freed.
        unsafe {
            let words = &self.0.words;
            if words[TAG_WORD] & 1 == 1 {
                Kind::One(&words[ONE_WORD])
            } else if words == &[0, 0] {
                Kind::None
            } else {
                Kind::Many(&*self.0.many)
            }
        }
    }

    fn many_mut(&mut self) -> Option<&mut Vec<u32>> {
        match self.kind() {
            // SAFETY: as in `kind`; `&mut self` makes the access unique.
            Kind::Many(_) => Some(unsafe { &mut *self.0.many }),
            _ => None,
        }
    }

    /// One more citing block, at the end. An index past `u32::MAX` (not a block any
    /// document can have) saturates.
    pub fn push(&mut self, block: usize) {
        let block = u32::try_from(block).unwrap_or(u32::MAX);
        if let Some(v) = self.many_mut() {
            v.push(block);
            return;
        }
        *self = match self.kind() {
            Kind::None => Refs::one(block),
            Kind::One(&first) => Refs::many(vec![first, block]),
            Kind::Many(_) => unreachable!("handled above"),
        };
    }

    /// Whether the indices have an allocation of their own (more than one of them).
    pub fn spilled(&self) -> bool {
        matches!(self.kind(), Kind::Many(_))
    }

    /// The room a vector's growth left over given back.
    pub fn shrink_to_fit(&mut self) {
        if let Some(v) = self.many_mut() {
            v.shrink_to_fit();
        }
    }

    /// The citing blocks as indices into `Document::blocks`.
    pub fn blocks(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.iter().map(|&b| b as usize)
    }

    /// The first citing block, as an index into `Document::blocks`.
    pub fn first_block(&self) -> Option<usize> {
        self.first().map(|&b| b as usize)
    }

    /// The last citing block, as an index into `Document::blocks`.
    pub fn last_block(&self) -> Option<usize> {
        self.last().map(|&b| b as usize)
    }
}

impl Default for Refs {
    fn default() -> Self {
        Refs::new()
    }
}

impl Drop for Refs {
    fn drop(&mut self) {
        if self.spilled() {
            // SAFETY: the pointer came from `Box::into_raw` in `many` and is freed only
            // here; `self` is not used again.
            drop(unsafe { Box::from_raw(self.0.many) });
        }
    }
}

impl Clone for Refs {
    fn clone(&self) -> Self {
        match self.kind() {
            Kind::None => Refs::new(),
            Kind::One(&b) => Refs::one(b),
            Kind::Many(v) => Refs::many(v.clone()),
        }
    }
}

impl std::ops::Deref for Refs {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self.kind() {
            Kind::None => &[],
            Kind::One(b) => std::slice::from_ref(b),
            Kind::Many(v) => v,
        }
    }
}

impl<'a> IntoIterator for &'a Refs {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<usize> for Refs {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut refs = Refs::new();
        for block in iter {
            refs.push(block);
        }
        refs
    }
}

impl From<Vec<usize>> for Refs {
    fn from(v: Vec<usize>) -> Self {
        v.into_iter().collect()
    }
}

impl std::fmt::Debug for Refs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Refs {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl Eq for Refs {}

impl Serialize for Refs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self[..].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Refs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<u32>::deserialize(d).map(|v| match v.len() {
            0 => Refs::new(),
            1 => Refs::one(v[0]),
            _ => Refs::many(v),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_citing_block_is_inline_and_more_are_read_as_pushed() {
        assert_eq!(std::mem::size_of::<Refs>(), 8);
        let mut refs = Refs::new();
        assert!(refs.is_empty() && !refs.spilled());
        assert_eq!(refs.first_block(), None);
        refs.push(7);
        assert_eq!(refs[..], [7]);
        assert!(!refs.spilled(), "one citing block needs no allocation");
        refs.push(9);
        refs.push(12);
        assert!(refs.spilled());
        assert_eq!(refs[..], [7, 9, 12]);
        refs.push(13);
        refs.shrink_to_fit();
        assert_eq!(refs[..], [7, 9, 12, 13]);
        assert_eq!(refs.blocks().collect::<Vec<_>>(), [7, 9, 12, 13]);
        assert_eq!(refs, Refs::from(vec![7, 9, 12, 13]));
        assert_ne!(refs, Refs::from(vec![7, 9, 12]));
        assert_eq!(format!("{refs:?}"), "[7, 9, 12, 13]");
        let json = serde_json::to_string(&refs).unwrap();
        assert_eq!(json, "[7,9,12,13]");
        assert_eq!(serde_json::from_str::<Refs>(&json).unwrap(), refs);
        assert_eq!(serde_json::from_str::<Refs>("[]").unwrap(), Refs::new());
        assert_eq!(
            serde_json::from_str::<Refs>("[4]").unwrap(),
            Refs::from(vec![4])
        );
        assert!(serde_json::from_str::<Refs>("[4294967296]").is_err());
        let one: Refs = std::iter::once(3).collect();
        assert_eq!((one.len(), one.first_block()), (1, Some(3)));
        assert!(!one.spilled());
    }

    #[test]
    fn clones_are_deep_and_each_frees_its_own() {
        // Index 0 in the one word and a tag of 1 must not read as "none" or a pointer.
        let zero = Refs::from(vec![0]);
        assert_eq!(zero[..], [0]);
        assert!(!zero.spilled() && !zero.is_empty());
        let big = Refs::from(vec![u32::MAX as usize]);
        assert_eq!(big[..], [u32::MAX]);
        let mut a = Refs::from(vec![1, 2]);
        let b = a.clone();
        a.push(3);
        assert_eq!(
            (a[..].to_vec(), b[..].to_vec()),
            (vec![1, 2, 3], vec![1, 2])
        );
        drop(a);
        assert_eq!(b[..], [1, 2], "the clone's vector is its own");
        let handed: Refs = std::thread::spawn(move || b).join().unwrap();
        assert_eq!(handed[..], [1, 2]);
        assert_eq!(Refs::from(vec![5 + (1 << 33)])[..], [u32::MAX], "saturates");
    }
}
