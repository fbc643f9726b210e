//! A note label in 8 bytes ([`Label`]): `7`, `07`, `a`, `fn3` kept inline, a longer one
//! on the heap.
//!
//! A document of many tiny blocks has a label in every anchor and every note, one pair
//! for every 64 bytes of file. An `EcoString` took 16 bytes (15 inline); this takes 8,
//! which makes an anchor 16 bytes (a block 64, not 72) and, with `Refs`, a note 64, not
//! 80. Labels as written are short: numbers, letters, `*`, Markdown's `fn3`. Up to 7
//! bytes are kept inline; a longer one (`note-introduction-1`) is a `Box<str>` of its own,
//! boxed once more so that one pointer reaches it.
//!
//! The word holds either the pointer (aligned, so its lowest bit is 0) or, in the byte
//! that holds a pointer's lowest bits, a tag with that bit set and the length above it,
//! and the text in the other 7 bytes. The unsafe code is confined to this file: the
//! representation is read only through `heap`, which looks at the tag byte first, and
//! the pointer is only ever one made by `Box::into_raw` here and freed once, in `drop`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::size_of;

/// The byte that holds a pointer's lowest bits: the first on a little-endian machine,
/// the pointer's last byte on a big-endian one.
const TAG: usize = if cfg!(target_endian = "little") {
    0
} else {
    size_of::<usize>() - 1
};
/// Where the inline text starts and how long it may be: the bytes after the tag byte,
/// or, when the tag byte is the last, the bytes before it.
const START: usize = if TAG == 7 { 0 } else { TAG + 1 };
const INLINE: usize = if TAG == 7 { 7 } else { 7 - TAG };

#[repr(C)]
union Repr {
    bytes: [u8; 8],
    heap: *mut Box<str>,
}

/// A note label as written. Reads as a `&str`; compares, orders, hashes, prints and
/// serializes as one.
pub struct Label(Repr);

// SAFETY: a `Label` owns its heap text as a `Box<Box<str>>` would (never shared, no
// interior mutability), and `Box<Box<str>>` is `Send` and `Sync`.
unsafe impl Send for Label {}
unsafe impl Sync for Label {}

impl Label {
    /// The empty label.
    pub const fn new() -> Label {
        let mut bytes = [0u8; 8];
        bytes[TAG] = 1;
        Label(Repr { bytes })
    }

    /// Whether the text is kept in the label itself (7 bytes or fewer).
    pub fn is_inline(&self) -> bool {
        self.heap().is_none()
    }

    /// The heap text, when there is one.
    fn heap(&self) -> Option<&str> {
        // SAFETY: `bytes` is always initialized (every constructor writes all 8 bytes
        // before a pointer, if any, over some of them), and reading a pointer's bytes as
        // integers is allowed. With the tag bit clear, the union holds a pointer made by
        // `Box::into_raw` in `from_str` and not yet freed (`drop` runs once).
        unsafe {
            if self.0.bytes[TAG] & 1 == 1 {
                None
            } else {
                Some(&**self.0.heap)
            }
        }
    }

    pub fn as_str(&self) -> &str {
        match self.heap() {
            Some(text) => text,
            None => {
                // SAFETY: inline: the tag byte is initialized and says how many text
                // bytes follow at `START`; `from_str` copied exactly that many bytes of
                // a `str` there (a whole string, so they are valid UTF-8).
                unsafe {
                    let len = (self.0.bytes[TAG] >> 1) as usize;
                    std::str::from_utf8_unchecked(&self.0.bytes[START..START + len])
                }
            }
        }
    }

    fn from_str(s: &str) -> Label {
        if s.len() <= INLINE {
            let mut bytes = [0u8; 8];
            bytes[TAG] = ((s.len() as u8) << 1) | 1;
            bytes[START..START + s.len()].copy_from_slice(s.as_bytes());
            Label(Repr { bytes })
        } else {
            let mut repr = Repr { bytes: [0; 8] };
            repr.heap = Box::into_raw(Box::new(Box::<str>::from(s)));
            Label(repr)
        }
    }
}

impl Default for Label {
    fn default() -> Self {
        Label::new()
    }
}

impl Drop for Label {
    fn drop(&mut self) {
        if !self.is_inline() {
            // SAFETY: the pointer came from `Box::into_raw` in `from_str` and is freed
            // only here; `self` is not used again.
            drop(unsafe { Box::from_raw(self.0.heap) });
        }
    }
}

impl Clone for Label {
    fn clone(&self) -> Self {
        match self.heap() {
            None => {
                // SAFETY: an inline label is plain bytes, all initialized.
                Label(Repr {
                    bytes: unsafe { self.0.bytes },
                })
            }
            Some(text) => Label::from_str(text),
        }
    }
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Label {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Label::from_str(s)
    }
}

impl From<&String> for Label {
    fn from(s: &String) -> Self {
        Label::from_str(s)
    }
}

impl From<String> for Label {
    fn from(s: String) -> Self {
        Label::from_str(&s)
    }
}

impl From<Label> for String {
    fn from(l: Label) -> Self {
        l.as_str().to_owned()
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Label {}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Label> for &str {
    fn eq(&self, other: &Label) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Label {
    /// As the `str` hashes, so a map keyed by labels can be looked up by `&str`.
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_str().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A borrowed `&str` where the input allows it, else an owned one.
        std::borrow::Cow::<str>::deserialize(d).map(|s| Label::from_str(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_label_is_one_word_and_reads_back_as_written() {
        assert_eq!(size_of::<Label>(), 8);
        for s in [
            "",
            "7",
            "07",
            "*",
            "fn3",
            "1234567",
            "12345678",
            "note-introduction-1",
        ] {
            let l = Label::from(s);
            assert_eq!(l.as_str(), s);
            assert_eq!(&*l, s);
            assert_eq!(l.len(), s.len());
            assert_eq!(l.is_inline(), s.len() <= 7, "{s:?}");
            let c = l.clone();
            drop(l);
            assert_eq!(c, s, "a clone outlives its original");
            assert_eq!(format!("{c}|{c:?}"), format!("{s}|{s:?}"));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), c);
        }
        assert_eq!(Label::new(), Label::default());
        assert_eq!(Label::new().as_str(), "");
    }

    #[test]
    fn multibyte_text_and_escapes_survive_both_ways() {
        for s in ["é", "ü1", "†‡", "注7", "\"quoted\" label"] {
            let l = Label::from(s.to_string());
            assert_eq!(l.as_str(), s);
            let back: Label = serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
            assert_eq!(back, l);
        }
    }

    #[test]
    fn labels_compare_and_hash_as_their_text() {
        let (a, b, long) = (
            Label::from("10"),
            Label::from("9"),
            Label::from("chapter-10"),
        );
        assert!(a < b, "as strings, as before");
        assert!(Label::from("chapter-1").cmp(&long).is_lt());
        assert_eq!(a.cmp(&Label::from("10")), std::cmp::Ordering::Equal);
        let mut m: HashMap<Label, usize> = HashMap::new();
        m.insert(a.clone(), 1);
        m.insert(long.clone(), 2);
        assert_eq!(
            (m.get("10"), m.get("chapter-10"), m.get("9")),
            (Some(&1), Some(&2), None)
        );
        let moved = std::thread::spawn(move || long).join().unwrap();
        assert_eq!(moved, "chapter-10");
        assert_eq!(String::from(moved), "chapter-10");
    }
}
