//! Lines → raw blocks (runs of non-blank lines) and the indentation facts that decide
//! whether a block is prose or verse.

/// A run of non-blank lines, as they stand in the (sanitized) source.
#[derive(Debug, Clone, Copy)]
pub struct RawBlock<'a> {
    pub lines: &'a [&'a str],
    /// Index of the block's first line among the lines given to `split`, plus the
    /// `first` passed to it: with it the reader finds the block's source offset.
    pub start: usize,
}

/// Lines at least this many columns deeper than the document's base indentation are
/// "indented" (verse, quoted lists, centred title pages).
pub const VERSE_INDENT: usize = 2;

/// Leading spaces of a line. Tabs are already spaces (sanitize expanded them); other
/// white space such as NO-BREAK SPACE is content, not indentation.
pub fn indent(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

impl<'a> RawBlock<'a> {
    /// One past the index of the block's last line.
    pub fn end(&self) -> usize {
        self.start + self.lines.len()
    }

    pub fn first(&self) -> &'a str {
        self.lines.first().copied().unwrap_or("")
    }

    pub fn min_indent(&self) -> usize {
        self.lines.iter().map(|l| indent(l)).min().unwrap_or(0)
    }

    /// Every line stands deeper than the body text: keep its line breaks.
    pub fn is_indented(&self, base: usize) -> bool {
        self.min_indent() >= base + VERSE_INDENT
    }

    /// Indentation of the first line relative to the body text (never negative).
    pub fn first_relative_indent(&self, base: usize) -> usize {
        indent(self.first()).saturating_sub(base)
    }

    /// The block as one prose line: each source line trimmed, joined with one space.
    pub fn joined(&self) -> String {
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.len() + 1).sum());
        for line in self.lines {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    /// The block with its line breaks kept: the common indentation removed from every
    /// line, trailing space dropped, lines joined with `sep`.
    pub fn verse_lines(&self, sep: &str) -> String {
        let cut = self.min_indent();
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.len() + sep.len()).sum());
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            // `cut` counts ASCII spaces present on every line, so slicing is on a boundary.
            out.push_str(line.get(cut..).unwrap_or("").trim_end());
        }
        out
    }
}

/// Split lines into blocks at blank lines; `first` is the index of `lines[0]` in the
/// whole document.
pub fn split_from<'a>(lines: &'a [&'a str], first: usize) -> Vec<RawBlock<'a>> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        match (is_blank(line), start) {
            (true, Some(s)) => {
                blocks.push(RawBlock {
                    lines: &lines[s..i],
                    start: first + s,
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        blocks.push(RawBlock {
            lines: &lines[s..],
            start: first + s,
        });
    }
    blocks
}

/// Split lines into blocks at blank lines.
#[cfg(test)]
pub fn split<'a>(lines: &'a [&'a str]) -> Vec<RawBlock<'a>> {
    split_from(lines, 0)
}

/// The indentation of ordinary body text: the smallest indentation that holds at least
/// `1 / BASE_SHARE` of the text (its bytes after the indentation, column gaps of three
/// or more spaces not counted). Plain-text RFCs indent all
/// prose by 3 and put only short headings at 0; books and web pages keep prose at 0
/// however much verse they quote.
pub fn base_indent(blocks: &[RawBlock<'_>]) -> usize {
    let mut base = BaseIndent::default();
    for line in blocks.iter().flat_map(|b| b.lines.iter()) {
        base.add(line);
    }
    base.result()
}

/// [`base_indent`] counted line by line, for a reader that never holds every line at
/// once (`stream.rs`): the body's non-blank lines, in any order.
pub struct BaseIndent {
    bytes_at: [usize; BaseIndent::CAP + 1],
    total: usize,
}

impl Default for BaseIndent {
    fn default() -> Self {
        BaseIndent {
            bytes_at: [0; BaseIndent::CAP + 1],
            total: 0,
        }
    }
}

impl BaseIndent {
    const CAP: usize = 64;
    const BASE_SHARE: usize = 5;

    pub fn add(&mut self, line: &str) {
        let ind = indent(line);
        // Column gaps inside a line (aligned headers, tables) are layout, not text.
        let len = text_bytes(&line[ind..]);
        self.bytes_at[ind.min(Self::CAP)] += len;
        self.total += len;
    }

    pub fn result(&self) -> usize {
        self.bytes_at
            .iter()
            .position(|&n| n > 0 && n * Self::BASE_SHARE >= self.total)
            .unwrap_or(0)
    }
}

/// Bytes of `s` less its runs of three or more spaces.
fn text_bytes(s: &str) -> usize {
    if memchr::memmem::find(s.as_bytes(), b"   ").is_none() {
        return s.len();
    }
    let (mut n, mut run) = (0, 0);
    for b in s.bytes() {
        if b == b' ' {
            run += 1;
        } else {
            n += 1 + if run < 3 { run } else { 0 };
            run = 0;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_on_blank_and_whitespace_only_lines() {
        let lines = ["a", "b", "", "  ", "c", "\u{a0}", "d"];
        let blocks = split(&lines);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].joined(), "a b");
        assert_eq!(blocks[2].joined(), "d");
    }

    #[test]
    fn base_indent_follows_the_body_text() {
        let rfc = [
            "   The first paragraph of the memo, indented",
            "   by three columns like every other one.",
            "",
            "Heading",
            "",
            "   The second paragraph, which says a",
            "   little more about the protocol.",
            "",
            "      code",
            "      more",
        ];
        assert_eq!(base_indent(&split(&rfc)), 3);
        let book = [
            "prose",
            "prose",
            "",
            "    verse",
            "    verse",
            "",
            "prose",
            "prose",
        ];
        assert_eq!(base_indent(&split(&book)), 0);
    }

    #[test]
    fn verse_keeps_relative_indentation() {
        let lines = ["    a", "      b  ", "    c"];
        let b = RawBlock {
            lines: &lines,
            start: 0,
        };
        assert_eq!(b.verse_lines("\n"), "a\n  b\nc");
        assert!(b.is_indented(0));
        assert!(!b.is_indented(3));
    }
}
