//! The blocks citing a note ([`Refs`]), read as a slice of block indices.
//!
//! Most notes are cited once, and a file of tiny notes has one for every 64 bytes: the
//! one citing block is kept inline, where a vector's own allocation (32 bytes for one
//! index) was 7.6 MB of a 100 MB dispatch's 237,612 notes. A `SmallVec` of one took 24
//! bytes a note; this takes 16 (a tag and the index, or a thin vector's one pointer,
//! which points at a shared empty header when there are none).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thin_vec::ThinVec;

/// Indices of the blocks that cite a note: dereferences to `[usize]`.
#[derive(Clone)]
pub enum Refs {
    /// Cited by this one block.
    One(usize),
    /// Cited by none (an empty thin vector holds no allocation) or by several.
    Many(ThinVec<usize>),
}

impl Default for Refs {
    fn default() -> Self {
        Refs::Many(ThinVec::new())
    }
}

impl Refs {
    pub fn new() -> Refs {
        Refs::default()
    }

    /// One more citing block, at the end.
    pub fn push(&mut self, block: usize) {
        match self {
            Refs::Many(v) if v.is_empty() => *self = Refs::One(block),
            Refs::Many(v) => v.push(block),
            Refs::One(first) => {
                let mut v = ThinVec::with_capacity(2);
                v.push(*first);
                v.push(block);
                *self = Refs::Many(v);
            }
        }
    }

    /// Whether the indices have an allocation of their own (more than one of them).
    pub fn spilled(&self) -> bool {
        matches!(self, Refs::Many(v) if !v.is_empty())
    }

    /// The room a vector's growth left over given back.
    pub fn shrink_to_fit(&mut self) {
        if let Refs::Many(v) = self {
            v.shrink_to_fit();
        }
    }
}

impl std::ops::Deref for Refs {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        match self {
            Refs::One(block) => std::slice::from_ref(block),
            Refs::Many(v) => v,
        }
    }
}

impl std::ops::DerefMut for Refs {
    fn deref_mut(&mut self) -> &mut [usize] {
        match self {
            Refs::One(block) => std::slice::from_mut(block),
            Refs::Many(v) => v,
        }
    }
}

impl<'a> IntoIterator for &'a Refs {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Refs {
    type Item = &'a mut usize;
    type IntoIter = std::slice::IterMut<'a, usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
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
        Vec::<usize>::deserialize(d).map(Refs::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_citing_block_is_inline_and_more_are_read_as_pushed() {
        assert_eq!(std::mem::size_of::<Refs>(), 16);
        let mut refs = Refs::new();
        assert!(refs.is_empty() && !refs.spilled());
        refs.push(7);
        assert_eq!(refs[..], [7]);
        assert!(!refs.spilled(), "one citing block needs no allocation");
        refs.push(9);
        refs.push(12);
        assert!(refs.spilled());
        assert_eq!(refs[..], [7, 9, 12]);
        for r in &mut refs {
            *r += 1;
        }
        assert_eq!(refs, Refs::from(vec![8, 10, 13]));
        assert_ne!(refs, Refs::from(vec![8, 10]));
        assert_eq!(format!("{refs:?}"), "[8, 10, 13]");
        let json = serde_json::to_string(&refs).unwrap();
        assert_eq!(json, "[8,10,13]");
        assert_eq!(serde_json::from_str::<Refs>(&json).unwrap(), refs);
        assert_eq!(serde_json::from_str::<Refs>("[]").unwrap(), Refs::new());
        let one: Refs = std::iter::once(3).collect();
        assert_eq!((one.len(), one.first()), (1, Some(&3)));
    }
}
