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

impl<'a> Input<'a> {
    pub(crate) fn new(
        text: &'a str,
        name: Option<&'a str>,
        map: &'a SourceMap,
        source_len: usize,
    ) -> Input<'a> {
        Input {
            text,
            name,
            map,
            source_len,
        }
    }

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
    let (decoded, format) = prepare(bytes, forced, name)?;
    let mut builder = builder_for(format, bytes.len(), &decoded);
    format.parse(&input_of(&decoded, name, bytes.len()), &mut builder);
    Ok(builder.finish())
}

/// As [`load_with`], from bytes the caller gives up: plain text lets them go once its
/// lines are read into items that own their text, before the document is built, so a
/// big file and its document are not held at once (the peak of opening it). The
/// document is the same as `load_with`'s.
pub fn load_owned<B: AsRef<[u8]>>(
    bytes: B,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
) -> Result<Document, LoadError> {
    let len = bytes.as_ref().len();
    let (read, mut builder) = {
        let (decoded, format) = prepare(bytes.as_ref(), forced, name)?;
        let mut builder = builder_for(format, len, &decoded);
        let input = input_of(&decoded, name, len);
        if format.name() != super::parse::text::Text.name() {
            format.parse(&input, &mut builder);
            return Ok(builder.finish());
        }
        (super::parse::text::read(&input, &mut builder), builder)
    };
    drop(bytes);
    read.build(&mut builder);
    Ok(builder.finish())
}

/// The format that detects `input` best (plain text when none is sure). Formats look at
/// the name and the first few KB of the text only.
pub(crate) fn detect(input: &Input<'_>) -> &'static dyn Format {
    let mut best: &'static dyn Format = FORMATS[0];
    let mut score = 0;
    for f in FORMATS.iter().copied() {
        let s = f.detect(input);
        if s > score {
            best = f;
            score = s;
        }
    }
    best
}

/// The decoded input and the format to read it with.
fn prepare<'a>(
    bytes: &'a [u8],
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
) -> Result<(decode::Decoded<'a>, &'static dyn Format), LoadError> {
    let mut decoded = decode::decode(bytes)?;
    let format = forced.unwrap_or_else(|| detect(&input_of(&decoded, name, bytes.len())));
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
    Ok((decoded, format))
}

pub(crate) fn input_of<'a>(
    decoded: &'a decode::Decoded<'_>,
    name: Option<&'a str>,
    len: usize,
) -> Input<'a> {
    Input {
        text: &decoded.text,
        name,
        map: &decoded.map,
        source_len: len,
    }
}

/// A builder for `format`, told the encoding and the decoder's notices.
pub(crate) fn builder_for(
    format: &dyn Format,
    len: usize,
    decoded: &decode::Decoded<'_>,
) -> Builder {
    let mut builder = Builder::new(format.name(), format.label_rule(), len);
    builder.set_encoding(decoded.encoding);
    for n in &decoded.notices {
        builder.notice(n.clone());
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Giving the bytes up changes nothing in the document, whatever the input's format
    /// or encoding: every fixture, and a synthetic dispatch in text, Markdown and HTML.
    #[test]
    fn owned_loading_gives_the_same_document() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .expect("fixtures")
            .filter_map(|e| {
                let path = e.ok()?.path();
                let name = path.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read(&path).ok()?))
            })
            .collect();
        assert!(inputs.len() > 20, "fixtures found: {}", inputs.len());
        let doc = crate::document::synthetic::synthetic_document(40_000, None);
        use crate::document::synthetic::{render_dispatch, render_html, render_markdown};
        inputs.push(("s.txt".into(), render_dispatch(&doc).into_bytes()));
        inputs.push(("s.md".into(), render_markdown(&doc).into_bytes()));
        inputs.push(("s.html".into(), render_html(&doc).into_bytes()));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            render_dispatch(&doc)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        inputs.push(("s16.txt".into(), utf16));
        for (name, bytes) in &inputs {
            let whole = load_with(bytes, None, Some(name));
            let owned = load_owned(bytes.clone(), None, Some(name));
            assert_eq!(whole, owned, "{name}");
            let text = by_name("text");
            assert_eq!(
                load_with(bytes, text, Some(name)),
                load_owned(bytes.clone(), text, Some(name)),
                "{name} as text"
            );
        }
    }
}
