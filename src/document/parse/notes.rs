//! Note definitions (`[7] text` at the start of a block) and the final note list.

use super::blocks::RawBlock;
use crate::document::model::Label;

/// Longest label accepted as a note number; longer digit runs are data, not notes.
pub const MAX_LABEL_DIGITS: usize = 6;

/// One `[N] text` definition as found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDef {
    /// Inline (`Label`): an allocation for each of a big file's notes, held until the
    /// document was built, left as many holes among its texts.
    pub label: Label,
    /// `None` for an empty `[N]`.
    pub text: Option<String>,
    /// The line of its block on which it starts.
    pub line: usize,
}

/// What Project Gutenberg writes before a footnote's number: `[Footnote 3]` in the text,
/// `[Footnote 3: …]` where the note is given.
const FOOTNOTE_WORD: &[u8] = b"footnote ";

/// `[123]` or `[Footnote 123]` at byte `at` of `s`: the label and the byte just after `]`.
pub fn marker_at(s: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let word = bytes
        .get(at + 1..at + 1 + FOOTNOTE_WORD.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(FOOTNOTE_WORD));
    let at = if word { at + FOOTNOTE_WORD.len() } else { at };
    let digits = bytes[at + 1..]
        .iter()
        .take(MAX_LABEL_DIGITS + 1)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > MAX_LABEL_DIGITS || bytes.get(at + 1 + digits) != Some(&b']') {
        return None;
    }
    Some((&s[at + 1..at + 1 + digits], at + 2 + digits))
}

/// `[Footnote 12: text` at the start of `s`: the label and the byte just after the colon.
/// Labels are numbers or short words (`[Footnote A: …]`).
pub fn footnote_start(s: &str) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'[')
        || !bytes
            .get(1..1 + FOOTNOTE_WORD.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(FOOTNOTE_WORD))
    {
        return None;
    }
    let from = 1 + FOOTNOTE_WORD.len();
    let len = bytes[from..]
        .iter()
        .take(MAX_LABEL_DIGITS + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || len > MAX_LABEL_DIGITS || bytes.get(from + len) != Some(&b':') {
        return None;
    }
    Some((&s[from..from + len], from + len + 1))
}

/// A note label's numeric value (labels are at most `MAX_LABEL_DIGITS` digits).
pub fn label_value(label: &str) -> u64 {
    label.parse().unwrap_or(u64::MAX)
}

/// Does this block define notes? Its first line must start, at body indentation, with
/// `[N]`. Indented lines that start with a marker (`    [238]Coquedicot` in a poem)
/// are references, not definitions.
pub fn is_definition_block(block: &RawBlock<'_>, base: usize) -> bool {
    block.first_relative_indent(base) < super::blocks::VERSE_INDENT
        && marker_at(block.first().trim_start(), 0).is_some()
}

/// The definitions in a definition block. A later line at the first line's indentation
/// that starts with `[N] ` begins the next definition (lists without blank lines);
/// other lines continue the current one.
pub fn parse_definitions(block: &RawBlock<'_>) -> Vec<NoteDef> {
    let first_indent = super::blocks::indent(block.first());
    // The label inline from the start: no allocation per definition even for a moment.
    let mut defs: Vec<(Label, String, usize)> = Vec::new();
    for (i, line) in block.lines.iter().enumerate() {
        let trimmed = line.trim();
        let starts_new = i == 0
            || (super::blocks::indent(line) == first_indent
                && marker_at(trimmed, 0).is_some_and(|(_, end)| {
                    trimmed[end..].starts_with(' ') || end == trimmed.len()
                }));
        match (starts_new, marker_at(trimmed, 0), defs.last_mut()) {
            (true, Some((label, end)), _) => {
                defs.push((Label::from(label), trimmed[end..].trim().to_owned(), i))
            }
            (_, _, Some((_, text, _))) => {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(trimmed);
            }
            (_, _, None) => {}
        }
    }
    defs.into_iter()
        .map(|(label, text, line)| NoteDef {
            label,
            text: (!text.is_empty()).then_some(text),
            line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_shapes() {
        assert_eq!(marker_at("[12] x", 0), Some(("12", 4)));
        assert_eq!(marker_at("a[3]", 1), Some(("3", 4)));
        assert_eq!(marker_at("[sic]", 0), None);
        assert_eq!(marker_at("[1234567]", 0), None);
        assert_eq!(marker_at("[12", 0), None);
        assert_eq!(marker_at("[]", 0), None);
    }

    #[test]
    fn definitions_join_continuation_lines() {
        let lines = ["[4] First line", "continues here.", "[5] Next note.", "[6]"];
        let defs = parse_definitions(&RawBlock {
            lines: &lines,
            start: 0,
        });
        assert_eq!(defs.len(), 3);
        assert_eq!(defs[0].text.as_deref(), Some("First line continues here."));
        assert_eq!(defs[1].label, "5");
        assert_eq!(defs[2].text, None);
    }

    #[test]
    fn definition_without_space_after_marker() {
        let lines = ["[9]_Word_--a gloss."];
        let defs = parse_definitions(&RawBlock {
            lines: &lines,
            start: 0,
        });
        assert_eq!(defs[0].text.as_deref(), Some("_Word_--a gloss."));
    }

    #[test]
    fn footnote_shapes() {
        assert_eq!(marker_at("a[Footnote 3] b", 1), Some(("3", 13)));
        assert_eq!(footnote_start("[Footnote 12: Text"), Some(("12", 13)));
        assert_eq!(footnote_start("[footnote A: Text"), Some(("A", 12)));
        assert_eq!(footnote_start("[Footnote 12 Text"), None);
        assert_eq!(marker_at("[Footnote 3: x]", 0), None);
    }
}
