//! Bytes → text. Decoding never fails on text: bad sequences are replaced and the reader
//! is told, because a reader that refuses a file with one stray byte is useless. Only
//! input that is clearly not text is refused.
//!
//! How the encoding is chosen, in order:
//!
//! 1. A UTF-16 BOM (`FF FE` or `FE FF`) means UTF-16 LE/BE; a UTF-8 BOM (`EF BB BF`)
//!    means UTF-8, decoded lossily if it has to be. A BOM is never second-guessed.
//! 2. Input that is valid UTF-8 is UTF-8, with no notice.
//! 3. Otherwise the UTF-8 errors are counted against the well-formed non-ASCII UTF-8
//!    characters. If the well-formed ones are more than the bad sequences, the file is
//!    taken as UTF-8 with a few stray bytes and decoded lossily (one `�` per bad
//!    sequence). Legacy text almost never forms well-formed multi-byte UTF-8 by chance,
//!    so a Latin-1 file lands below this line and a UTF-8 file with one stray byte above
//!    it. This check is needed because `chardetng` rules UTF-8 out on the first bad
//!    byte and would otherwise turn every accented letter of such a file into mojibake.
//! 4. Otherwise `chardetng` is asked (fed the first [`DETECT_BYTES`] of the input, no
//!    TLD hint, UTF-8 allowed). If its guess is a legacy single-byte encoding
//!    (windows-1252, which covers ISO-8859-1, the other windows-125x, ISO-8859-x,
//!    KOI8, IBM866, …) the input is decoded with it and a notice names the encoding.
//!    Any other guess (UTF-8, because the bad bytes lie past the sampled prefix, or a
//!    multi-byte legacy encoding such as Shift_JIS or GBK, whose offsets do not map
//!    simply) falls back to lossy UTF-8 with its notice.
//!
//! Only in case 4 is the encoding a guess ([`Decoded::guessed`]); there a format that
//! finds an encoding declared in the input (HTML's `<meta charset>`) has the input
//! decoded again with [`decode_as`]. A BOM, valid UTF-8 and mostly-UTF-8 input are never
//! overridden by a declaration: pages re-saved as UTF-8 keep a stale `<meta>`.
//!
//! [`Decoded::map`] turns byte offsets in the decoded text back into byte offsets in
//! the original input, BOM included.

use super::LoadError;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// How much of the start of the input is inspected to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// How much of the start of the input `chardetng` sees when guessing a legacy encoding.
const DETECT_BYTES: usize = 1024 * 1024;

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: [u8; 2] = [0xFF, 0xFE];
const UTF16BE_BOM: [u8; 2] = [0xFE, 0xFF];

pub const NOTICE_INVALID_UTF8: &str = "invalid UTF-8 was replaced with �";
pub const NOTICE_INVALID_UTF16: &str = "invalid UTF-16 was replaced with �";

/// Decoded text plus what the reader should know about how it was decoded.
pub struct Decoded<'a> {
    /// Borrowed from the input when it is valid UTF-8 (the common case), so a big file
    /// is not held twice while it is parsed.
    pub text: std::borrow::Cow<'a, str>,
    pub notices: Vec<String>,
    /// The encoding the text was decoded from: "UTF-8", "UTF-16LE", "UTF-16BE" or the
    /// WHATWG name of a legacy single-byte encoding such as "windows-1252".
    pub encoding: &'static str,
    /// Maps byte offsets in `text` to byte offsets in the input.
    pub map: SourceMap,
    /// The encoding was guessed (no BOM, not UTF-8, not mostly UTF-8), so an encoding
    /// the input declares may replace it ([`decode_as`]).
    pub guessed: bool,
}

/// Turns byte offsets in the decoded text into byte offsets in the original input
/// (offset 0 of the input is before any BOM).
#[derive(Debug, Clone)]
pub struct SourceMap {
    kind: MapKind,
}

#[derive(Debug, Clone)]
enum MapKind {
    /// Valid UTF-8: the text is the input minus a BOM of this many bytes.
    Shift(usize),
    /// Lossy UTF-8: `(decoded, source)` pairs, ascending, the first `(0, bom length)`
    /// and then one just after each `�`. Between pairs the bytes are copied unchanged.
    Anchors(Vec<(usize, usize)>),
    /// UTF-16 after a 2-byte BOM; `len` is the input length (an odd trailing byte
    /// decodes to a `�` that stands for one byte, not two).
    Utf16 { len: usize },
    /// One input byte per char, no BOM.
    SingleByte,
}

impl SourceMap {
    /// The map of valid UTF-8 after a BOM of `bom` bytes (0 without one).
    pub(crate) fn shifted(bom: usize) -> SourceMap {
        SourceMap {
            kind: MapKind::Shift(bom),
        }
    }

    /// Source offsets for `decoded`, which must be ascending byte offsets in `text` (the
    /// text this map came with), each a char boundary or `text.len()`. One forward pass.
    pub fn to_source(&self, text: &str, decoded: &[usize]) -> Vec<usize> {
        debug_assert!(decoded.windows(2).all(|w| w[0] <= w[1]));
        match &self.kind {
            MapKind::Shift(bom) => decoded.iter().map(|&d| d + bom).collect(),
            MapKind::Anchors(anchors) => {
                let mut out = Vec::with_capacity(decoded.len());
                let mut i = 0;
                for &d in decoded {
                    while anchors.get(i + 1).is_some_and(|&(next, _)| next <= d) {
                        i += 1;
                    }
                    let (dec, src) = anchors.get(i).copied().unwrap_or((0, 0));
                    out.push(src + (d - dec));
                }
                out
            }
            MapKind::Utf16 { len } => {
                let mut out = walk(text, decoded, UTF16LE_BOM.len(), |c| c.len_utf16() * 2);
                for s in &mut out {
                    *s = (*s).min(*len);
                }
                out
            }
            MapKind::SingleByte => walk(text, decoded, 0, |_| 1),
        }
    }
}

/// Walk `text` once, summing `width` of each char from `base`, and note the sum at each
/// offset of `decoded`.
fn walk(text: &str, decoded: &[usize], base: usize, width: impl Fn(char) -> usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(decoded.len());
    let mut chars = text.char_indices();
    let mut pos = 0;
    let mut src = base;
    for &d in decoded {
        while pos < d {
            let Some((i, c)) = chars.next() else { break };
            pos = i + c.len_utf8();
            src += width(c);
        }
        out.push(src);
    }
    out
}

/// Decode `bytes`; see the module documentation for how the encoding is chosen.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&UTF16LE_BOM) {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&UTF16BE_BOM) {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    let (bom, bytes) = match bytes.strip_prefix(&UTF8_BOM) {
        Some(rest) => (UTF8_BOM.len(), rest),
        None => (0, bytes),
    };
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if looks_binary(sample.iter().map(|&b| u32::from(b))) {
        return Err(LoadError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: std::borrow::Cow::Borrowed(s),
            notices: Vec::new(),
            encoding: "UTF-8",
            map: SourceMap {
                kind: MapKind::Shift(bom),
            },
            guessed: false,
        });
    }
    if bom == 0 && !mostly_utf8(bytes) {
        let mut decoded = decode_legacy(bytes).unwrap_or_else(|| decode_utf8_lossy(bytes, 0));
        decoded.guessed = true;
        return Ok(decoded);
    }
    Ok(decode_utf8_lossy(bytes, bom))
}

/// Decode `bytes`, which [`decode`] has already accepted as text and whose encoding it
/// [guessed](Decoded::guessed), with the single-byte `encoding` the input declares; the
/// notice says so (`decoded as windows-1252 (declared by the page)`). `None` for an
/// encoding that is not single-byte (UTF-8, Shift_JIS, GBK, …): the guess stands.
pub fn decode_as<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Option<Decoded<'a>> {
    encoding
        .is_single_byte()
        .then(|| decode_single_byte(bytes, encoding, "declared by the page"))
}

/// More well-formed non-ASCII UTF-8 characters than ill-formed sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > bad
}

/// Decode with the single-byte encoding `chardetng` guesses, if it guesses one.
fn decode_legacy(bytes: &[u8]) -> Option<Decoded<'_>> {
    let prefix = &bytes[..bytes.len().min(DETECT_BYTES)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(prefix, prefix.len() == bytes.len());
    let encoding = detector.guess(None, Utf8Detection::Allow);
    encoding
        .is_single_byte()
        .then(|| decode_single_byte(bytes, encoding, "the file is not UTF-8"))
}

/// Decode with a single-byte `encoding`, one input byte per char; the notice gives `why`.
fn decode_single_byte<'a>(bytes: &[u8], encoding: &'static Encoding, why: &str) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let name = encoding.name();
    let mut notices = vec![format!("decoded as {name} ({why})")];
    if had_errors {
        notices.push(format!(
            "bytes with no meaning in {name} were replaced with �"
        ));
    }
    Decoded {
        text: std::borrow::Cow::Owned(text.into_owned()),
        notices,
        encoding: name,
        map: SourceMap {
            kind: MapKind::SingleByte,
        },
        guessed: false,
    }
}

/// UTF-8 with one `�` per ill-formed sequence, as `String::from_utf8_lossy` does, noting
/// where each replacement lands. `bom` is the length of the BOM already stripped.
fn decode_utf8_lossy<'a>(bytes: &[u8], bom: usize) -> Decoded<'a> {
    let mut text = String::with_capacity(bytes.len());
    let mut anchors = vec![(0, bom)];
    let mut src = bom;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        src += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            src += chunk.invalid().len();
            anchors.push((text.len(), src));
        }
    }
    Decoded {
        text: text.into(),
        notices: vec![NOTICE_INVALID_UTF8.to_owned()],
        encoding: "UTF-8",
        map: SourceMap {
            kind: MapKind::Anchors(anchors),
        },
        guessed: false,
    }
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
) -> Result<Decoded<'static>, LoadError> {
    let mut chunks = bytes.chunks_exact(2);
    let units = chunks.by_ref().map(|c| unit([c[0], c[1]]));
    let mut bad = false;
    let mut text = String::with_capacity(bytes.len());
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => text.push(c),
            Err(_) => {
                bad = true;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if !chunks.remainder().is_empty() {
        bad = true;
        text.push(char::REPLACEMENT_CHARACTER);
    }
    // The sniff window covers the same stretch of the file as for UTF-8: 8 KiB of bytes.
    if looks_binary(text.chars().take(SNIFF_BYTES / 2).map(u32::from)) {
        return Err(LoadError::Binary);
    }
    let notices = if bad {
        vec![NOTICE_INVALID_UTF16.to_owned()]
    } else {
        Vec::new()
    };
    Ok(Decoded {
        text: text.into(),
        notices,
        encoding,
        map: SourceMap {
            kind: MapKind::Utf16 {
                len: UTF16LE_BOM.len() + bytes.len(),
            },
        },
        guessed: false,
    })
}

/// A NUL anywhere in the sample, or a sample of which more than a quarter is control
/// codes. Tabs, line ends and form feeds are normal in text; a few escape sequences
/// (coloured logs) are tolerated and shown harmlessly later.
fn looks_binary(sample: impl Iterator<Item = u32>) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for code in sample {
        total += 1;
        match code {
            0 => return true,
            0x09 | 0x0A | 0x0C | 0x0D => {}
            0x01..=0x1F | 0x7F => controls += 1,
            _ => {}
        }
    }
    controls >= 32 && controls * 4 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFhello").expect("text");
        assert_eq!(d.text, "hello");
        assert!(d.notices.is_empty());
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).expect("le").text, "hé");
        assert_eq!(decode(&be).expect("be").text, "hé");
    }

    #[test]
    fn odd_utf16_tail_is_replaced_with_notice() {
        let d = decode(&[0xFF, 0xFE, b'a', 0, b'b']).expect("text");
        assert_eq!(d.text, "a\u{FFFD}");
        assert_eq!(d.notices, vec![NOTICE_INVALID_UTF16.to_owned()]);
    }

    #[test]
    fn invalid_utf8_is_lossy_with_notice() {
        // Mostly UTF-8 (two well-formed accents) with one stray byte: stays UTF-8.
        let bytes: Vec<u8> = "crème brûlée caf".bytes().chain(*b"\xE9 ok").collect();
        let d = decode(&bytes).expect("text");
        assert_eq!(d.text, "crème brûlée caf\u{FFFD} ok");
        assert_eq!(d.notices, vec![NOTICE_INVALID_UTF8.to_owned()]);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn latin1_is_decoded_with_notice() {
        let d = decode(b"caf\xe9 cr\xe8me \xab quoted \xbb").expect("text");
        assert_eq!(d.text, "café crème « quoted »");
        assert!(!d.text.contains('\u{FFFD}'));
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.notices,
            vec!["decoded as windows-1252 (the file is not UTF-8)".to_owned()]
        );
    }

    #[test]
    fn ascii_with_one_latin1_byte_is_latin1() {
        let d = decode(b"caf\xE9 ok").expect("text");
        assert_eq!(d.text, "café ok");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn windows_1252_curly_quotes() {
        let d = decode(b"He said \x93hello\x94 and left.").expect("text");
        assert_eq!(d.text, "He said \u{201C}hello\u{201D} and left.");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.notices.len(), 1);
    }

    #[test]
    fn valid_utf8_is_untouched() {
        let s = "café crème « quoted » 日本語";
        let d = decode(s.as_bytes()).expect("text");
        assert_eq!(d.text, s);
        assert!(d.notices.is_empty());
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn bom_utf8_with_bad_byte_stays_utf8() {
        let d = decode(b"\xEF\xBB\xBFcaf\xE9 ok").expect("text");
        assert_eq!(d.text, "caf\u{FFFD} ok");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.notices, vec![NOTICE_INVALID_UTF8.to_owned()]);
    }

    /// Every char boundary of `text`, and `text.len()`.
    fn boundaries(text: &str) -> Vec<usize> {
        text.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect()
    }

    #[test]
    fn map_valid_utf8_adds_bom_length() {
        let d = decode(b"\xEF\xBB\xBFh\xC3\xA9!").expect("text");
        assert_eq!(d.text, "hé!");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![3, 4, 6, 7]
        );
        let d = decode("hé!".as_bytes()).expect("text");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![0, 1, 3, 4]
        );
    }

    #[test]
    fn map_lossy_utf8_after_bad_bytes() {
        // "é" "é" (valid, 2 bytes each), a bad byte, "ab", a 2-byte bad sequence
        // (truncated 3-byte lead), "é", end.
        let input: &[u8] = b"\xC3\xA9\xC3\xA9\xFFab\xE2\x82\xC3\xA9";
        let d = decode(input).expect("text");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "éé\u{FFFD}ab\u{FFFD}é");
        // text offsets: é0 é2 �4 a7 b8 �9 é12 end14
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![0, 2, 4, 5, 6, 7, 9, 11]
        );
        // A subset, including repeats.
        assert_eq!(d.map.to_source(&d.text, &[7, 7, 14]), vec![5, 5, 11]);
        // With a BOM everything shifts by 3.
        let with_bom: Vec<u8> = UTF8_BOM.iter().chain(input).copied().collect();
        let d = decode(&with_bom).expect("text");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![3, 5, 7, 8, 9, 10, 12, 14]
        );
    }

    #[test]
    fn map_utf16_counts_units() {
        // "a", "é", "😀" (surrogate pair), "b".
        let s = "aé\u{1F600}b";
        let le: Vec<u8> = UTF16LE_BOM
            .into_iter()
            .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&le).expect("le");
        assert_eq!(d.encoding, "UTF-16LE");
        let map = d.map.to_source(&d.text, &boundaries(&d.text));
        // The 3rd char starts at 2 (BOM) + 2 * 2.
        assert_eq!(map[2], 2 + 2 * 2);
        assert_eq!(map, vec![2, 4, 6, 10, 12]);
        let be: Vec<u8> = UTF16BE_BOM
            .into_iter()
            .chain(s.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode(&be).expect("be");
        assert_eq!(d.encoding, "UTF-16BE");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![2, 4, 6, 10, 12]
        );
        // An odd trailing byte maps to the end of the input, not past it.
        let d = decode(&[0xFF, 0xFE, b'a', 0, b'b']).expect("text");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            vec![2, 4, 5]
        );
    }

    #[test]
    fn map_single_byte_is_one_byte_per_char() {
        let d = decode(b"caf\xe9 \x93x\x94").expect("text");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "café \u{201C}x\u{201D}");
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            (0..=8).collect::<Vec<_>>()
        );
        assert_eq!(d.map.to_source(&d.text, &[]), Vec::<usize>::new());
    }

    #[test]
    fn only_a_guess_may_be_overridden() {
        assert!(decode(b"caf\xE9 ok").expect("text").guessed);
        assert!(!decode("café".as_bytes()).expect("text").guessed);
        assert!(!decode(b"\xEF\xBB\xBFcaf\xE9 ok").expect("text").guessed);
        assert!(!decode(&[0xFF, 0xFE, b'a', 0]).expect("text").guessed);
        let mostly = "crème brûlée caf"
            .bytes()
            .chain(*b"\xE9")
            .collect::<Vec<_>>();
        assert!(!decode(&mostly).expect("text").guessed);
    }

    #[test]
    fn decode_as_a_declared_single_byte_encoding() {
        // KOI8-R bytes for "мир" read as declared, not as chardetng might guess.
        let input: &[u8] = b"x \xCD\xC9\xD2 \x80";
        let d = decode_as(input, encoding_rs::KOI8_R).expect("single-byte");
        assert_eq!(d.text, "x мир \u{2500}");
        assert_eq!(d.encoding, "KOI8-R");
        assert_eq!(
            d.notices,
            vec!["decoded as KOI8-R (declared by the page)".to_owned()]
        );
        assert_eq!(
            d.map.to_source(&d.text, &boundaries(&d.text)),
            (0..=input.len()).collect::<Vec<_>>()
        );
        let d = decode_as(b"caf\xE9", encoding_rs::WINDOWS_1252).expect("single-byte");
        assert_eq!(d.text, "café");
        assert!(!d.guessed);
        // Bytes undefined in the declared encoding become � with a second notice.
        let d = decode_as(b"a\xA1b", encoding_rs::ISO_8859_8).expect("single-byte");
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.notices.len(), 2);
    }

    #[test]
    fn decode_as_refuses_multi_byte_encodings() {
        assert!(decode_as(b"caf\xE9", encoding_rs::UTF_8).is_none());
        assert!(decode_as(b"caf\xE9", encoding_rs::SHIFT_JIS).is_none());
        assert!(decode_as(b"caf\xE9", encoding_rs::UTF_16LE).is_none());
    }

    #[test]
    fn nul_means_binary() {
        assert_eq!(decode(b"abc\0def").err(), Some(LoadError::Binary));
    }

    #[test]
    fn mostly_controls_means_binary_but_a_few_escapes_do_not() {
        let junk: Vec<u8> = (0..200u8).map(|i| 1 + i % 8).collect();
        assert_eq!(decode(&junk).err(), Some(LoadError::Binary));
        assert!(decode(b"\x1b[31mred\x1b[0m and more ordinary words").is_ok());
    }

    #[test]
    fn empty_input_is_text() {
        assert_eq!(decode(b"").expect("empty").text, "");
    }
}
