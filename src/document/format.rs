//! Input formats: one small interface, one module each.
//!
//! A format says how sure it is that it can read an input (`detect`, from the content
//! and the file name's extension) and reads it into the `Builder` (`parse`). Plain text
//! is the first; Markdown and HTML drop in by adding a module and a line to `FORMATS`,
//! without touching the others. `load_with` picks the most confident format unless the
//! caller forces one (`--format`).
//!
//! A format may also say which encoding the input declares for itself
//! (`declared_encoding`, HTML's `<meta charset>`). The format is chosen from a first
//! decoding; when that decoding was only a guess (no BOM, not UTF-8) and the chosen
//! format finds a single-byte declared encoding, the input is decoded again with it.

use super::builder::{Builder, LabelRule};
use super::model::Document;
use super::parse::decode::{self, SourceMap};
use super::parse::LoadError;

/// What a format reads from: the decoded text and how to find offsets in the input.
pub struct Input<'a> {
    /// The decoded text (line ends as in the input; nothing sanitized yet).
    pub text: &'a str,
    /// File name or URL the input came from, when known (for the extension).
    pub name: Option<&'a str>,
    map: &'a SourceMap,
    /// Length of the input in bytes.
    pub source_len: usize,
}

impl Input<'_> {
    /// Input byte offsets of ascending byte offsets of `text`.
    pub fn to_source(&self, decoded: &[usize]) -> Vec<usize> {
        self.map.to_source(self.text, decoded)
    }

    /// The extension of the input's name, lower-cased (`txt`, `md`, `html`).
    pub fn extension(&self) -> Option<String> {
        let name = self.name?;
        let file = name.rsplit(['/', '\\']).next()?;
        let (_, ext) = file.rsplit_once('.')?;
        Some(ext.to_ascii_lowercase())
    }
}

pub trait Format: Sync {
    /// The name used by `--format` and reported by `--json` (`text`).
    fn name(&self) -> &'static str;
    /// How a label is compared with another.
    fn label_rule(&self) -> LabelRule;
    /// How sure the format is that it reads this input: 0 (not at all) to 100 (certain).
    fn detect(&self, input: &Input<'_>) -> u8;
    /// Read the input into the builder.
    fn parse(&self, input: &Input<'_>, out: &mut Builder);
    /// The encoding the raw input declares for itself, if the format has a way to say
    /// one (HTML's `<meta charset>`). Used only when the decoder had to guess: a BOM and
    /// valid or mostly-valid UTF-8 win over any declaration.
    fn declared_encoding(&self, _bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
        None
    }
}

/// Every format, the fallback (plain text) first.
pub static FORMATS: &[&dyn Format] = &[
    &super::parse::text::Text,
    &super::markdown::Markdown,
    &super::html::Html,
];

/// The format called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn Format> {
    FORMATS
        .iter()
        .copied()
        .find(|f| f.name().eq_ignore_ascii_case(name))
}

/// The names `--format` accepts.
pub fn names() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.name()).collect()
}

/// Decode and read a whole input, with the named format or the one that detects it
/// best (plain text when none is sure). Never panics on any bytes.
pub fn load_with(
    bytes: &[u8],
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
) -> Result<Document, LoadError> {
    let mut decoded = decode::decode(bytes)?;
    let format = forced.unwrap_or_else(|| {
        let input = Input {
            text: &decoded.text,
            name,
            map: &decoded.map,
            source_len: bytes.len(),
        };
        let mut best: &'static dyn Format = FORMATS[0];
        let mut score = 0;
        for f in FORMATS.iter().copied() {
            let s = f.detect(&input);
            if s > score {
                best = f;
                score = s;
            }
        }
        best
    });
    // Detection reads the start of the text and the name, which a legacy single-byte
    // re-decoding does not change, so the format stands.
    if decoded.guessed {
        if let Some(d) = format
            .declared_encoding(bytes)
            .and_then(|e| decode::decode_as(bytes, e))
        {
            decoded = d;
        }
    }
    let decode::Decoded {
        text,
        notices,
        map,
        encoding,
        ..
    } = decoded;
    let input = Input {
        text: &text,
        name,
        map: &map,
        source_len: bytes.len(),
    };
    let mut builder = Builder::new(format.name(), format.label_rule(), bytes.len());
    builder.set_encoding(encoding);
    for n in notices {
        builder.notice(n);
    }
    format.parse(&input, &mut builder);
    Ok(builder.finish())
}
