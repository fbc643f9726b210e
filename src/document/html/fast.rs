//! Small speed helpers for the HTML format: maps keyed by `NodeId` (or by an id
//! attribute) with a cheap multiplicative hasher instead of SipHash (node ids are
//! small integers from the parser, not attacker-chosen keys that could collide on
//! purpose in a way that matters here).

use super::dom::NodeId;
use std::collections::{HashMap, HashSet};
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
/// A map keyed by node.
pub type IdMap<V> = HashMap<NodeId, V, IdBuild>;
/// A set of nodes.
pub type IdSet = HashSet<NodeId, IdBuild>;

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
