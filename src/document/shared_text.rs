//! A block's text as a stretch of a buffer shared by the texts of many blocks.
//!
//! A file of one-line blocks has a block for every 32 bytes or so: as a `String`, each
//! text was a header of 24 bytes in the block and an allocation of its own (a 48-byte
//! chunk for 26 to 31 bytes of text), 20 MB of a 17.6 MB file's 95 MiB. The builder
//! writes the texts one after another into chunks of `CHUNK` bytes (`Packer`); a block
//! keeps the chunk (one pointer) and where its text is in it: 16 bytes, and no allocation
//! of its own. A text made any other way (`From<String>`, the tests, `--dump`'s own
//! blocks) is a chunk of one.
//!
//! It reads as a `&str` (`Deref`), prints and serializes as its text, and compares as
//! one, so the model's users see a string.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// How much text the builder writes into one shared buffer. Big enough that the
/// buffer's own header is nothing beside it, small enough that a block kept alone (a
/// heading kept by a streamed `--dump`) is never made to hold much (`detached`).
pub const CHUNK: usize = 64 << 10;

#[derive(Clone, Default)]
pub struct SharedText {
    /// `None`: the empty text, or one the builder has placed but not yet sealed.
    buf: Option<Arc<String>>,
    start: u32,
    len: u32,
}

impl SharedText {
    pub fn as_str(&self) -> &str {
        let Some(buf) = &self.buf else {
            return "";
        };
        let start = self.start as usize;
        // A block's text is at most `split::MAX_BLOCK_BYTES` and a chunk at most
        // `CHUNK` (or one text): both fit a `u32`, and the range is the packer's own.
        buf.get(start..start + self.len as usize).unwrap_or("")
    }

    /// The same text in a buffer of its own, so that keeping it does not keep the rest of
    /// its chunk.
    pub fn detached(&self) -> SharedText {
        SharedText::from(self.as_str().to_owned())
    }

    /// Whether this text shares its buffer with others (for the tests of the packing).
    #[cfg(test)]
    pub(crate) fn shares_buffer_with(&self, other: &SharedText) -> bool {
        match (&self.buf, &other.buf) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        if s.is_empty() {
            return SharedText::default();
        }
        match u32::try_from(s.len()) {
            Ok(len) => SharedText {
                buf: Some(Arc::new(s)),
                start: 0,
                len,
            },
            // Nothing makes a block text of 4 GiB (blocks are cut at 64 KiB); were one
            // made, the first 4 GiB of it are kept.
            Err(_) => {
                let mut s = s;
                s.truncate(s.floor_char_boundary(u32::MAX as usize));
                SharedText::from(s)
            }
        }
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> SharedText {
        SharedText::from(s.to_owned())
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SharedText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedText, D::Error> {
        String::deserialize(d).map(SharedText::from)
    }
}

/// The builder's side: texts written one after another into the chunk being filled,
/// each given back as a placeholder (`place`) that `seal` later points at the chunk.
#[derive(Default)]
pub struct Packer {
    chunk: String,
}

impl Packer {
    /// Whether `text` still fits the chunk being filled (else `seal` it first).
    pub fn fits(&self, text: &str) -> bool {
        self.chunk.is_empty() || self.chunk.len() + text.len() <= CHUNK
    }

    /// `text` written into the chunk: its placeholder, empty until sealed.
    pub fn place(&mut self, text: &str) -> SharedText {
        if self.chunk.capacity() == 0 {
            self.chunk.reserve_exact(CHUNK.max(text.len()));
        }
        let start = self.chunk.len();
        self.chunk.push_str(text);
        match (u32::try_from(start), u32::try_from(text.len())) {
            (Ok(start), Ok(len)) => SharedText {
                buf: None,
                start,
                len,
            },
            // Past what a `u32` says (a text the size of 4 GiB): a buffer of its own.
            _ => {
                self.chunk.truncate(start);
                SharedText::from(text)
            }
        }
    }

    /// The chunk filled so far, shared by the placeholders `place` gave for it (`texts`,
    /// in the order placed; a text already sealed is left as it is). The next text
    /// starts a new chunk.
    pub fn seal<'a>(&mut self, texts: impl Iterator<Item = &'a mut SharedText>) {
        if self.chunk.is_empty() {
            return;
        }
        let mut chunk = std::mem::take(&mut self.chunk);
        chunk.shrink_to_fit();
        let buf = Arc::new(chunk);
        for t in texts.filter(|t| t.buf.is_none() && t.len > 0) {
            t.buf = Some(Arc::clone(&buf));
        }
    }
}

/// `texts` written again one after another into shared buffers, as the builder writes
/// them: for a document made without the builder (the synthetic ones the benchmarks
/// search), so that it lies in memory as a parsed one does. A text in a buffer of its own
/// costs a second dependent read, and a search of 100 MB of them took 40 % longer.
pub fn pack_all<'a>(texts: impl IntoIterator<Item = &'a mut SharedText>) {
    let mut packer = Packer::default();
    let mut placed: Vec<&'a mut SharedText> = Vec::new();
    for t in texts {
        if !packer.fits(t) {
            packer.seal(placed.drain(..));
        }
        let moved = packer.place(t);
        *t = moved;
        placed.push(t);
    }
    packer.seal(placed.into_iter());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_reads_compares_prints_and_serializes_as_its_string() {
        let t = SharedText::from("Line 9 of the ledger.");
        assert_eq!(&*t, "Line 9 of the ledger.");
        assert_eq!(t, "Line 9 of the ledger.");
        assert_eq!(
            format!("{t}|{t:?}"),
            "Line 9 of the ledger.|\"Line 9 of the ledger.\""
        );
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"Line 9 of the ledger.\"");
        let back: SharedText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert_eq!(SharedText::default(), "");
        // Equal as texts, whatever buffers they are in; unequal when the texts differ.
        let other = SharedText::from("Line 8 of the ledger.");
        assert_ne!(t, other);
        assert_ne!(t, "Line 8 of the ledger.");
        assert!(!t.eq("Line 8 of the ledger.") && t.eq("Line 9 of the ledger."));
        assert_ne!(t, String::from("Line 8 of the ledger."));
        assert_eq!(t, String::from("Line 9 of the ledger."));
        let mut p = Packer::default();
        let mut packed = [p.place("Line 9 of the ledger.")];
        p.seal(packed.iter_mut());
        assert_eq!(packed[0], t);
        assert_eq!(std::mem::size_of::<SharedText>(), 16);
    }

    #[test]
    fn packed_texts_share_one_buffer_and_read_back_whole() {
        let words = ["one", "", "two é", "three"];
        let mut p = Packer::default();
        let mut texts: Vec<SharedText> = words.iter().map(|w| p.place(w)).collect();
        p.seal(texts.iter_mut());
        let read: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
        assert_eq!(read, words);
        assert!(texts[0].shares_buffer_with(&texts[3]));
        // Texts made one by one, packed afterwards, read the same from one buffer.
        let mut loose: Vec<SharedText> = words.iter().map(|w| SharedText::from(*w)).collect();
        pack_all(loose.iter_mut());
        assert_eq!(loose, texts);
        assert!(loose[0].shares_buffer_with(&loose[3]));
        // A detached copy is the same text in a buffer of its own.
        let alone = texts[2].detached();
        assert_eq!(alone, texts[2]);
        assert!(!alone.shares_buffer_with(&texts[2]));
    }

    #[test]
    fn a_full_chunk_is_sealed_before_the_next_text() {
        let long = "x".repeat(CHUNK / 2 + 1);
        let mut p = Packer::default();
        let mut texts = vec![p.place(&long)];
        assert!(!p.fits(&long), "two halves and a byte do not fit one chunk");
        p.seal(texts.iter_mut());
        assert!(p.fits(&long));
        texts.push(p.place(&long));
        p.seal(texts.iter_mut());
        assert_eq!(texts[0], long.as_str());
        assert_eq!(texts[1], long.as_str());
        assert!(!texts[0].shares_buffer_with(&texts[1]));
        // A text bigger than a chunk is a chunk of its own.
        let huge = "y".repeat(CHUNK * 2);
        assert!(p.fits(&huge), "an empty chunk takes any text");
        let mut big = [p.place(&huge)];
        p.seal(big.iter_mut());
        assert_eq!(big[0].len(), CHUNK * 2);
    }
}
