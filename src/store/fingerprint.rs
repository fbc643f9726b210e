//! Documents are known by their content, so a moved or renamed file keeps its bookmarks.
//!
//! FNV-1a 128 is written out here rather than pulled in as a crate: its constants are
//! fixed by the published specification, so a fingerprint stored today matches one
//! computed by any later build. The `fnv1a128:` prefix leaves room to change algorithm
//! without mistaking old fingerprints for new ones.

const OFFSET_BASIS: u128 = 0x6c62272e07bb014262b821756295c58d;
const PRIME: u128 = 0x0000000001000000000000000000013B;

/// The stable fingerprint of a document's bytes, e.g. `fnv1a128:6c62…c58d`.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut f = Fingerprint::default();
    f.push(bytes);
    f.finish()
}

/// A fingerprint of bytes that come a piece at a time (a file read in chunks): the same
/// as [`fingerprint`] of the pieces joined.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint(u128);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(OFFSET_BASIS)
    }
}

impl Fingerprint {
    pub fn push(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
        self.0 = h;
    }

    pub fn finish(&self) -> String {
        format!("fnv1a128:{:032x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn matches_published_fnv1a_128_vectors() {
        assert_eq!(
            fingerprint(b""),
            "fnv1a128:6c62272e07bb014262b821756295c58d"
        );
        assert_eq!(
            fingerprint(b"a"),
            "fnv1a128:d228cb696f1a8caf78912b704e4a8964"
        );
    }

    #[test]
    fn a_fingerprint_of_pieces_is_that_of_the_whole() {
        let bytes = b"The minister said[1] that";
        for cut in 0..=bytes.len() {
            let mut f = super::Fingerprint::default();
            f.push(&bytes[..cut]);
            f.push(&bytes[cut..]);
            assert_eq!(f.finish(), fingerprint(bytes));
        }
    }

    #[test]
    fn one_changed_byte_changes_the_fingerprint() {
        assert_ne!(
            fingerprint(b"The minister said[1]"),
            fingerprint(b"The minister said[2]")
        );
    }
}
