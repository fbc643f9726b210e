//! Bytes → text. Decoding never fails on text: bad sequences are replaced and the reader
//! is told, because a reader that refuses a file with one stray byte is useless. Only
//! input that is clearly not text is refused.

use super::LoadError;

/// How much of the start of the input is inspected to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

pub const NOTICE_INVALID_UTF8: &str = "invalid UTF-8 was replaced with �";
pub const NOTICE_INVALID_UTF16: &str = "invalid UTF-16 was replaced with �";

/// Decoded text plus what the reader should know about how it was decoded.
pub struct Decoded {
    pub text: String,
    pub notices: Vec<String>,
}

/// Decode `bytes` as UTF-8 (BOM optional) or as UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if looks_binary(sample.iter().map(|&b| u32::from(b))) {
        return Err(LoadError::Binary);
    }
    let mut notices = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            notices.push(NOTICE_INVALID_UTF8.to_owned());
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    Ok(Decoded { text, notices })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Decoded, LoadError> {
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
    Ok(Decoded { text, notices })
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
        let d = decode(b"caf\xE9 ok").expect("text");
        assert_eq!(d.text, "caf\u{FFFD} ok");
        assert_eq!(d.notices.len(), 1);
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
