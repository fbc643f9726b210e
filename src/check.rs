//! `sidenote check FILE`: the note problems of a document, each with the source line it
//! stands on, for an author or a script to fix them.
//!
//! Nothing is parsed again here: the model already records every fact (an anchor bound
//! to a note with `defined: false`, a note with no `refs`, a note whose `text` is `None`,
//! the builder's notice for a label defined twice). The source bytes are only read to
//! turn a block's span into the line of one marker inside it. UI-free: it returns
//! problems and text; `main` prints them and chooses the exit code.

use crate::document::lines::LineIndex;
use crate::document::model::{BlockKind, Document, NoteKind};
use crate::document::pos::{DocPos, Part};
use serde::Serialize;
use std::collections::HashMap;

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An anchor whose label no note defines.
    AnchorWithoutNote,
    /// A defined note that no anchor cites.
    NoteNeverCited,
    /// A label defined again in the same scope (the first definition is kept).
    DuplicateLabel,
    /// A definition with no text (`[4]` alone).
    NoteLostText,
    /// A bracketed number, `[2003]`, read as text: it looks like an anchor but the note
    /// structure did not support one (docs/format.md §7).
    BracketTakenAsText,
}

/// One problem, at a line of the source (1-based, as editors and `+N` count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: usize,
    pub kind: Kind,
    /// The note label concerned, as written.
    pub label: String,
    /// One sentence for a person.
    pub message: String,
}

/// Every note problem of `doc`, read from `bytes` (the input as read), by line.
pub fn check(doc: &Document, bytes: &[u8]) -> Vec<Problem> {
    let lines = LineIndex::new(bytes);
    let line_at = |offset: usize| lines.line_of(offset.min(bytes.len().saturating_sub(1)));
    let mut problems = Vec::new();

    for (b, block) in doc.blocks.iter().enumerate() {
        let span = span_of(bytes, block.src, block.src_len as usize);
        // The k-th marker of a label in the block is its k-th mention in the source.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for anchor in &block.anchors {
            let count = seen.entry(anchor.label.as_str()).or_insert(0);
            let k = *count;
            *count += 1;
            if doc.notes.get(anchor.note()).is_some_and(|n| n.defined) {
                continue;
            }
            let offset = marker_in(span, &anchor.label, k)
                .map(|i| block.src + i)
                .unwrap_or_else(|| {
                    let unit = doc.unit_of(Part::Block(b));
                    doc.source_offset(DocPos::new(unit, anchor.at()))
                });
            problems.push(Problem {
                line: line_at(offset),
                kind: Kind::AnchorWithoutNote,
                label: anchor.label.to_string(),
                message: format!("anchor [{}] has no note", anchor.label),
            });
        }
        if block.kind != BlockKind::Preformatted {
            bracket_problems(doc, block.src, span, &block.text, &line_at, &mut problems);
        }
    }

    for note in doc.notes.iter().filter(|n| n.defined) {
        let line = line_at(note.src.get().unwrap_or(0));
        if note.text.is_none() {
            problems.push(Problem {
                line,
                kind: Kind::NoteLostText,
                label: note.label.to_string(),
                message: format!("note [{}] has no text", note.label),
            });
        }
        if note.refs.is_empty() && note.kind == NoteKind::Note {
            problems.push(Problem {
                line,
                kind: Kind::NoteNeverCited,
                label: note.label.to_string(),
                message: format!("note [{}] is never cited", note.label),
            });
        }
    }

    duplicate_problems(doc, bytes, &line_at, &mut problems);
    problems.sort_by(|a, b| (a.line, a.kind, &a.label).cmp(&(b.line, b.kind, &b.label)));
    problems
}

/// The bytes of a span, clipped to the input.
fn span_of(bytes: &[u8], src: usize, len: usize) -> &[u8] {
    let start = src.min(bytes.len());
    let end = src.saturating_add(len).min(bytes.len());
    &bytes[start..end]
}

/// Where the `k`-th marker of `label` stands in `span`: the label inside brackets as
/// plain text writes it (`[7]`, `[^7]`, `[Footnote 7]`), or as the text of an HTML
/// element (`>7<`). `None` when the source does not show it so (a UTF-16 file): the
/// caller estimates from the model.
fn marker_in(span: &[u8], label: &str, k: usize) -> Option<usize> {
    let l = label.as_bytes();
    if l.is_empty() {
        return None;
    }
    let opens = |before: &[u8]| {
        before.ends_with(b"[")
            || before.ends_with(b"[^")
            || before.ends_with(b">")
            || before.ends_with(b"Footnote ")
    };
    let closes = |after: &[u8]| {
        after
            .first()
            .is_some_and(|c| matches!(c, b']' | b'<' | b':'))
    };
    memchr::memmem::find_iter(span, l)
        .filter(|&i| opens(&span[..i]) && closes(&span[i + l.len()..]))
        .nth(k)
}

/// `[N]` left in a block's text: the reader took it for a value, not a note marker; or
/// `[^label]`, Markdown's footnote reference, left as text because nothing defines it.
fn bracket_problems(
    doc: &Document,
    src: usize,
    span: &[u8],
    text: &str,
    line_at: &dyn Fn(usize) -> usize,
    out: &mut Vec<Problem>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (marker, at) in anchor_shaped(text) {
        let count = seen.entry(marker).or_insert(0);
        let k = *count;
        *count += 1;
        let offset = memchr::memmem::find_iter(span, marker.as_bytes())
            .nth(k)
            .map_or(src + at.min(span.len()), |i| src + i);
        let label = marker
            .trim_start_matches('[')
            .trim_start_matches('^')
            .trim_end_matches(']');
        let why = if marker.starts_with("[^") {
            "no note has that label"
        } else if doc.notes.iter().any(|n| n.defined) {
            "no note has that label and it does not continue the run of anchors"
        } else {
            "the document defines no notes"
        };
        out.push(Problem {
            line: line_at(offset),
            kind: Kind::BracketTakenAsText,
            label: label.to_string(),
            message: format!("{marker} looks like an anchor but was read as text: {why}"),
        });
    }
}

/// Every marker-shaped bracket in `text`, as written, with its offset: `[N]` (1–6 ASCII
/// digits, the shape of an anchor, docs/format.md §7) and `[^label]` (Markdown's).
fn anchor_shaped(text: &str) -> Vec<(&str, usize)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    for open in memchr::memchr_iter(b'[', b) {
        let rest = &b[open + 1..];
        let (caret, body) = match rest.first() {
            Some(b'^') => (1, &rest[1..]),
            _ => (0, rest),
        };
        let len = body
            .iter()
            .take_while(|c| {
                if caret == 1 {
                    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        let fits = if caret == 1 { 1..=32 } else { 1..=6 };
        if fits.contains(&len) && body.get(len) == Some(&b']') {
            let end = open + 1 + caret + len + 1;
            found.push((&text[open..end], open));
        }
    }
    found
}

/// The builder keeps the first definition of a label repeated in one scope and says so
/// in a notice; the lines of the others are the definition lines of that label that no
/// kept note starts on.
fn duplicate_problems(
    doc: &Document,
    bytes: &[u8],
    line_at: &dyn Fn(usize) -> usize,
    out: &mut Vec<Problem>,
) {
    const NOTICE: &str = "notes defined more than once (the first definition is kept): ";
    let Some(list) = doc.notices.iter().find_map(|n| n.strip_prefix(NOTICE)) else {
        return;
    };
    // `[33], [34] and 2 more`: the notice names at most ten labels.
    let list = list.split(" and ").next().unwrap_or(list);
    for label in list
        .split(", ")
        .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
    {
        let kept: Vec<usize> = doc
            .notes
            .iter()
            .filter(|n| n.label == label && n.defined)
            .filter_map(|n| n.src.get().map(line_at))
            .collect();
        let others: Vec<usize> = definition_lines(bytes, label)
            .into_iter()
            .filter(|l| !kept.contains(l))
            .collect();
        let message = format!("note [{label}] is defined again (the first definition is kept)");
        if others.is_empty() {
            // A format whose definitions the line scan does not see (HTML): the kept one.
            out.push(Problem {
                line: kept.first().copied().unwrap_or(1),
                kind: Kind::DuplicateLabel,
                label: label.to_string(),
                message: format!("note [{label}] is defined more than once"),
            });
        }
        for line in others {
            out.push(Problem {
                line,
                kind: Kind::DuplicateLabel,
                label: label.to_string(),
                message: message.clone(),
            });
        }
    }
}

/// The lines (1-based) that start a definition of `label` in plain text (`[7] …`,
/// `[Footnote 7: …]`) or Markdown (`[^7]: …`).
fn definition_lines(bytes: &[u8], label: &str) -> Vec<usize> {
    let text = String::from_utf8_lossy(bytes);
    let starts = [
        format!("[{label}]"),
        format!("[^{label}]:"),
        format!("[Footnote {label}:"),
    ];
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start_matches(' ');
            starts.iter().any(|s| line.starts_with(s.as_str()))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// The report for a person: `NAME:LINE: message`, as compilers write it, so an editor
/// can jump to each line; then a count.
pub fn render_text(name: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&format!("{name}:{}: {}\n", p.line, p.message));
    }
    match problems.len() {
        0 => out.push_str(&format!("{name}: no note problems\n")),
        1 => out.push_str(&format!("{name}: 1 problem\n")),
        n => out.push_str(&format!("{name}: {n} problems\n")),
    }
    out
}

/// The report for scripts (docs/check.md).
pub fn render_json(name: &str, problems: &[Problem]) -> serde_json::Value {
    serde_json::json!({
        "file": name,
        "count": problems.len(),
        "problems": problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_in_each_spelling() {
        assert_eq!(marker_in(b"a [7] b [7]", "7", 1), Some(9));
        assert_eq!(marker_in(b"x[^12] y", "12", 0), Some(3));
        assert_eq!(marker_in(b"<sup>3</sup>", "3", 0), Some(5));
        // A label inside a longer number is not its marker.
        assert_eq!(marker_in(b"[17]", "7", 0), None);
    }

    #[test]
    fn only_anchor_shaped_brackets_are_found() {
        let found = anchor_shaped("in [2003] and [sic] and [1234567] and [4], [^n-2] [^]");
        let markers: Vec<&str> = found.iter().map(|(m, _)| *m).collect();
        assert_eq!(markers, ["[2003]", "[4]", "[^n-2]"]);
    }
}
