//! Small speed helpers for the HTML format: maps keyed by `NodeId`, which is a plain
//! index into the page's tree, as vectors (`IdMap`, `IdSet`); and for maps keyed by
//! an id attribute's text, a cheap multiplicative hasher instead of SipHash (ids come
//! from the page, but a collision only costs time, never a wrong answer).

use super::dom::NodeId;
use std::hash::{BuildHasherDefault, Hasher};

/// An Fx-style hasher (as in rustc): one rotate, xor and multiply per word.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn finish(&self) -> u64 {
        // The product's high bits are its best mixed: bring them down to where the
        // table looks (as rustc-hash 2 does).
        self.0.rotate_left(26)
    }
}

pub type IdBuild = BuildHasherDefault<IdHasher>;

/// No entry for this node.
const EMPTY: u32 = u32::MAX;

/// A map keyed by node: a vector indexed by the node's index (grown to the largest
/// key) holding each entry's place in a vector of entries. A look-up is two loads, not
/// a hash and a probe; entries iterate in the order they were made (deterministic,
/// where a hash map's order was not; every caller's result is order-independent).
pub struct IdMap<V> {
    slots: Vec<u32>,
    entries: Vec<(NodeId, V)>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            slots: Vec::new(),
            entries: Vec::new(),
        }
    }
}

impl<V> IdMap<V> {
    /// Room for `n` entries (the slots grow with the keys).
    pub fn with_capacity(n: usize) -> Self {
        IdMap {
            slots: Vec::new(),
            entries: Vec::with_capacity(n),
        }
    }

    /// Slots for a tree of `nodes` nodes made at once (growing them key by key copied
    /// them a dozen times), and room for `n` entries.
    pub fn for_nodes(nodes: usize, n: usize) -> Self {
        IdMap {
            slots: vec![EMPTY; nodes],
            entries: Vec::with_capacity(n),
        }
    }

    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
    }

    #[inline]
    fn slot(&self, k: NodeId) -> Option<usize> {
        match self.slots.get(k.index()) {
            Some(&i) if i != EMPTY => Some(i as usize),
            _ => None,
        }
    }

    #[inline]
    pub fn get(&self, k: &NodeId) -> Option<&V> {
        let i = self.slot(*k)?;
        self.entries.get(i).map(|e| &e.1)
    }

    pub fn get_mut(&mut self, k: &NodeId) -> Option<&mut V> {
        let i = self.slot(*k)?;
        self.entries.get_mut(i).map(|e| &mut e.1)
    }

    #[inline]
    pub fn contains_key(&self, k: &NodeId) -> bool {
        self.slot(*k).is_some()
    }

    /// The entry of `k`, made by `f` when there is none.
    pub fn or_insert_with(&mut self, k: NodeId, f: impl FnOnce() -> V) -> &mut V {
        let i = match self.slot(k) {
            Some(i) => i,
            None => self.push(k, f()),
        };
        &mut self.entries[i].1
    }

    /// Sets `k` to `v`, returning the old value.
    pub fn insert(&mut self, k: NodeId, v: V) -> Option<V> {
        match self.slot(k) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i].1, v)),
            None => {
                self.push(k, v);
                None
            }
        }
    }

    fn push(&mut self, k: NodeId, v: V) -> usize {
        let i = self.entries.len();
        // Past 2^32 - 1 entries (more than a page has nodes) a key is left unset.
        let Ok(slot) = u32::try_from(i) else {
            self.entries.push((k, v));
            return i;
        };
        if self.slots.len() <= k.index() {
            self.slots.resize(k.index() + 1, EMPTY);
        }
        self.slots[k.index()] = slot;
        self.entries.push((k, v));
        i
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.slots.clear();
        self.entries.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = (&NodeId, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&NodeId, &mut V)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &NodeId> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Keeps the entries `f` says yes to (in their order).
    pub fn retain(&mut self, mut f: impl FnMut(&NodeId, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| f(k, v));
        self.slots.iter_mut().for_each(|s| *s = EMPTY);
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if let (Some(s), Ok(i)) = (self.slots.get_mut(k.index()), u32::try_from(i)) {
                *s = i;
            }
        }
    }
}

impl<'m, V> IntoIterator for &'m IdMap<V> {
    type Item = (&'m NodeId, &'m V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'m, (NodeId, V)>,
        fn(&'m (NodeId, V)) -> (&'m NodeId, &'m V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V> FromIterator<(NodeId, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (NodeId, V)>>(it: I) -> Self {
        let mut m = IdMap::default();
        for (k, v) in it {
            m.insert(k, v);
        }
        m
    }
}

/// A set of nodes (an `IdMap` without values).
#[derive(Default)]
pub struct IdSet(IdMap<()>);

impl IdSet {
    /// As `IdMap::for_nodes`.
    pub fn for_nodes(nodes: usize, n: usize) -> Self {
        IdSet(IdMap::for_nodes(nodes, n))
    }

    /// Adds `k`; true when it was not there.
    pub fn insert(&mut self, k: NodeId) -> bool {
        self.0.insert(k, ()).is_none()
    }

    #[inline]
    pub fn contains(&self, k: &NodeId) -> bool {
        self.0.contains_key(k)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = &NodeId> {
        self.0.keys()
    }
}

impl FromIterator<NodeId> for IdSet {
    fn from_iter<I: IntoIterator<Item = NodeId>>(it: I) -> Self {
        let mut s = IdSet::default();
        s.extend(it);
        s
    }
}

impl Extend<NodeId> for IdSet {
    fn extend<I: IntoIterator<Item = NodeId>>(&mut self, it: I) {
        for k in it {
            self.insert(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::html::dom;

    #[test]
    fn id_maps_work() {
        let mut m: IdMap<usize> = IdMap::default();
        let page = dom::parse("<p>a</p><p>b</p>", 0);
        for (i, n) in page.root().descendants().enumerate() {
            m.insert(n.id(), i);
        }
        for (i, n) in page.root().descendants().enumerate() {
            assert_eq!(m.get(&n.id()), Some(&i));
        }
    }
}
