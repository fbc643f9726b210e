//! Note definitions (`[7] text` at the start of a block) and the final note list.

use super::blocks::RawBlock;
use crate::document::model::Note;
use std::collections::{HashMap, HashSet};

/// Longest label accepted as a note number; longer digit runs are data, not notes.
pub const MAX_LABEL_DIGITS: usize = 6;

/// One `[N] text` definition as found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteDef {
    pub label: String,
    /// `None` for an empty `[N]`.
    pub text: Option<String>,
}

/// `[123]` at byte `at` of `s`: the label and the byte just after `]`.
pub fn marker_at(s: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
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
    let mut defs: Vec<(String, String)> = Vec::new();
    for (i, line) in block.lines.iter().enumerate() {
        let trimmed = line.trim();
        let starts_new = i == 0
            || (super::blocks::indent(line) == first_indent
                && marker_at(trimmed, 0).is_some_and(|(_, end)| {
                    trimmed[end..].starts_with(' ') || end == trimmed.len()
                }));
        match (starts_new, marker_at(trimmed, 0), defs.last_mut()) {
            (true, Some((label, end)), _) => {
                defs.push((label.to_owned(), trimmed[end..].trim().to_owned()))
            }
            (_, _, Some((_, text))) => {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(trimmed);
            }
            (_, _, None) => {}
        }
    }
    defs.into_iter()
        .map(|(label, text)| NoteDef {
            label,
            text: (!text.is_empty()).then_some(text),
        })
        .collect()
}

/// The note list: one entry per label defined or referenced, sorted by number.
pub struct NoteList {
    pub notes: Vec<Note>,
    pub index: HashMap<String, usize>,
    /// Labels defined more than once (first definition with text kept).
    pub duplicates: Vec<String>,
}

pub fn build<'a>(defs: Vec<NoteDef>, referenced: impl IntoIterator<Item = &'a str>) -> NoteList {
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut seen_duplicate: HashSet<String> = HashSet::new();
    for def in defs {
        match texts.get_mut(&def.label) {
            Some(existing) => {
                if !seen_duplicate.contains(&def.label) {
                    seen_duplicate.insert(def.label.clone());
                    duplicates.push(def.label.clone());
                }
                if existing.is_none() {
                    *existing = def.text;
                }
            }
            None => {
                texts.insert(def.label, def.text);
            }
        }
    }
    for label in referenced {
        if !texts.contains_key(label) {
            texts.insert(label.to_owned(), None);
        }
    }
    let mut notes: Vec<Note> = texts
        .into_iter()
        .map(|(label, text)| Note {
            label,
            text,
            ..Note::default()
        })
        .collect();
    notes.sort_by(|a, b| {
        label_value(&a.label)
            .cmp(&label_value(&b.label))
            .then_with(|| a.label.cmp(&b.label))
    });
    let index = notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.label.clone(), i))
        .collect();
    NoteList {
        notes,
        index,
        duplicates,
    }
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
        let defs = parse_definitions(&RawBlock { lines: &lines });
        assert_eq!(defs.len(), 3);
        assert_eq!(defs[0].text.as_deref(), Some("First line continues here."));
        assert_eq!(defs[1].label, "5");
        assert_eq!(defs[2].text, None);
    }

    #[test]
    fn definition_without_space_after_marker() {
        let lines = ["[9]_Word_--a gloss."];
        let defs = parse_definitions(&RawBlock { lines: &lines });
        assert_eq!(defs[0].text.as_deref(), Some("_Word_--a gloss."));
    }

    #[test]
    fn build_sorts_numerically_and_keeps_first_duplicate() {
        let defs = vec![
            NoteDef {
                label: "10".into(),
                text: Some("ten".into()),
            },
            NoteDef {
                label: "2".into(),
                text: Some("two".into()),
            },
            NoteDef {
                label: "2".into(),
                text: Some("again".into()),
            },
        ];
        let list = build(defs, ["3"]);
        let labels: Vec<&str> = list.notes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["2", "3", "10"]);
        assert_eq!(list.notes[0].text.as_deref(), Some("two"));
        assert_eq!(list.notes[1].text, None);
        assert_eq!(list.duplicates, ["2"]);
    }
}
