//! Small speed helpers for the HTML format: attribute lookup by local name without
//! interning a `QualName` (what `scraper::node::Element::attr` does on every call),
//! and maps keyed by `NodeId` with a cheap multiplicative hasher instead of SipHash
//! (node ids are small integers from the parser, not attacker-chosen keys that could
//! collide on purpose in a way that matters here).

use ego_tree::NodeId;
use scraper::node::Element;
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

/// Attribute lookup by local name, without interning.
pub trait FastAttr {
    fn fattr(&self, name: &str) -> Option<&str>;
}

impl FastAttr for Element {
    fn fattr(&self, name: &str) -> Option<&str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn attrs_by_local_name() {
        let page = Html::parse_fragment(r##"<a href="#x" epub:type="noteref" id=r>1</a>"##);
        let a = page
            .tree
            .root()
            .descendants()
            .find_map(|n| n.value().as_element().filter(|e| e.name() == "a").cloned());
        let a = a.expect("an <a>");
        for k in ["href", "epub:type", "id", "class"] {
            assert_eq!(a.fattr(k), a.attr(k), "{k}");
        }
    }

    #[test]
    fn id_maps_work() {
        let mut m: IdMap<usize> = IdMap::default();
        let page = Html::parse_fragment("<p>a</p><p>b</p>");
        for (i, n) in page.tree.root().descendants().enumerate() {
            m.insert(n.id(), i);
        }
        for (i, n) in page.tree.root().descendants().enumerate() {
            assert_eq!(m.get(&n.id()), Some(&i));
        }
    }
}
