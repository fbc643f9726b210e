//! The plain-text format: dispatches saved as text, Project Gutenberg books, RFCs, and
//! any other text. It is the fallback: every input can be read as text.

use super::dispatch;
use super::sanitize::expand_tabs;
use crate::document::builder::{Builder, LabelRule};
use crate::document::format::{Format, Input};
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
        let (lines, starts) = split_lines(input.text);
        let line_src = input.to_source(&starts);
        let refs: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
        dispatch::parse(&refs, &line_src, out);
    }
}

/// Lines of `text` and the byte offset where each starts. Line ends are `\n`, `\r\n`, a
/// lone `\r`, a form feed (a page break) and U+2028/U+2029; tabs are expanded (stops
/// every 8 columns) because indentation decides what a block is.
fn split_lines(text: &str) -> (Vec<Cow<'_, str>>, Vec<usize>) {
    let mut lines = Vec::with_capacity(text.len() / 48 + 1);
    let mut starts = Vec::with_capacity(text.len() / 48 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (end_len, is_break) = match bytes[i] {
            b'\n' | 0x0C => (1, true),
            b'\r' => (
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                },
                true,
            ),
            // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                (3, true)
            }
            _ => (1, false),
        };
        if is_break {
            lines.push(expand_tabs(&text[start..i]));
            starts.push(start);
            start = i + end_len;
        }
        i += end_len;
    }
    lines.push(expand_tabs(&text[start..]));
    starts.push(start);
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
}
