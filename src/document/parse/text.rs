//! The plain-text format: dispatches saved as text, Project Gutenberg books, RFCs, and
//! any other text. It is the fallback: every input can be read as text.

use super::dispatch;
use super::sanitize::expand_tabs;
use crate::document::builder::{Builder, LabelRule};
use crate::document::format::{Format, Input};
use crate::document::offsets::Offsets;
use std::borrow::Cow;

pub struct Text;

/// Extensions that say "plain text".
const EXTENSIONS: [&str; 3] = ["txt", "text", "asc"];

impl Format for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    /// Plain text compares labels as written: `[01]` is not `[1]`.
    fn label_rule(&self) -> LabelRule {
        LabelRule::AsWritten
    }

    fn detect(&self, input: &Input<'_>) -> u8 {
        match input.extension() {
            Some(e) if EXTENSIONS.contains(&e.as_str()) => 90,
            // Anything can be read as text; other formats only need to beat this.
            _ => 1,
        }
    }

    fn parse(&self, input: &Input<'_>, out: &mut Builder) {
        let read = read(input, out);
        read.build(out);
    }
}

/// The text read into items that own their text, and where each line starts in the
/// source: all that is needed from the input to build the document, so a caller that
/// owns the input can let it go before the document is built (`format::load_owned`).
pub(crate) struct Read {
    items: Vec<dispatch::Item>,
    line_src: Offsets,
}

/// The first half of the text format's `parse`: header (into the builder), lines, items.
pub(crate) fn read(input: &Input<'_>, out: &mut Builder) -> Read {
    let (lines, starts) = split_lines(input.text);
    let line_src: Offsets = input.to_source(&starts).into_iter().collect();
    drop(starts);
    // The lines as `&str`, without keeping the `Cow`s beside them (24 bytes a line, 16 MB
    // at 100 MB, held through the classifying, the peak of a parse): the few lines whose
    // tabs were expanded are kept apart, and pointed at once all are in.
    let mut expanded: Vec<(usize, String)> = Vec::new();
    let mut refs: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        match line {
            Cow::Borrowed(s) => refs.push(s),
            Cow::Owned(s) => {
                expanded.push((i, s));
                refs.push("");
            }
        }
    }
    for (i, s) in &expanded {
        refs[*i] = s;
    }
    let items = dispatch::read(&refs, &line_src, out);
    // The items own their text: the lines (tens of bytes each) go before the document
    // is built, so the two are never held at once.
    Read { items, line_src }
}

impl Read {
    /// The second half: the items into the builder.
    pub(crate) fn build(self, out: &mut Builder) {
        dispatch::build(vec![self.items], &self.line_src, out);
    }
}

/// Lines of `text` and the byte offset where each starts. Line ends are `\n`, `\r\n`, a
/// lone `\r`, a form feed (a page break) and U+2028/U+2029; tabs are expanded (stops
/// every 8 columns) because indentation decides what a block is.
pub(crate) fn split_lines(text: &str) -> (Vec<Cow<'_, str>>, Vec<usize>) {
    let bytes = text.as_bytes();
    // Counted first (one fast pass) so the vectors are the right size: an estimate from
    // the length is far too large for a text of long lines, too small for short ones.
    let count = memchr::memchr3_iter(b'\n', b'\r', 0x0C, bytes).count() + 1;
    let mut lines = Vec::with_capacity(count);
    let mut starts = Vec::with_capacity(count);
    // U+2028 / U+2029 (E2 80 A8 / E2 80 A9) are rare: only texts that hold one pay for
    // looking at every E2 byte; the rest is one memchr pass for the ASCII line ends.
    let unicode_breaks = memchr::memmem::find(bytes, "\u{2028}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{2029}".as_bytes()).is_some();
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        lines.push(expand_tabs(&text[from..to]));
        starts.push(from);
    };
    let mut i = 0;
    while i < bytes.len() {
        let next = if unicode_breaks {
            bytes[i..]
                .iter()
                .position(|&b| matches!(b, b'\n' | b'\r' | 0x0C | 0xE2))
        } else {
            memchr::memchr3(b'\n', b'\r', 0x0C, &bytes[i..])
        };
        let Some(off) = next else {
            break;
        };
        let at = i + off;
        let end_len = match bytes[at] {
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => 2,
            0xE2 if bytes.get(at + 1) == Some(&0x80)
                && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) =>
            {
                3
            }
            0xE2 => {
                i = at + 1;
                continue;
            }
            _ => 1,
        };
        push(start, at);
        start = at + end_len;
        i = start;
    }
    push(start, text.len());
    (lines, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_end_and_its_offset() {
        let (lines, starts) = split_lines("a\r\nb\rc\nd\u{0C}e\u{2028}f");
        let lines: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(starts, [0, 3, 5, 7, 9, 13]);
    }

    #[test]
    fn tabs_expand() {
        let (lines, _) = split_lines("\tx");
        assert_eq!(lines[0], "        x");
    }

    // These two were `sanitize_text`'s; splitting lines is the text reader's job now.
    #[test]
    fn tab_stops_restart_on_each_line() {
        let (lines, _) = split_lines("abcdef\n\tx");
        assert_eq!(lines.join("\n"), "abcdef\n        x");
    }

    #[test]
    fn line_endings_are_normalised_in_documents() {
        let (lines, _) = split_lines("a\r\nb\rc\nd\u{0C}e");
        assert_eq!(lines.join("\n"), "a\nb\nc\nd\ne");
    }
}
