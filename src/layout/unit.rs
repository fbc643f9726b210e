//! Building one unit's layout: its display string, marks and rows.

use super::wrap::{display_width, wrap_line};
use super::{Mark, MarkKind, Row, RowKind, UnitLayout, UnitStyle};
use crate::document::{Block, BlockKind, Document, Note, Part};
use std::ops::Range;

/// Display string and marks of a unit, before wrapping.
struct Shown {
    style: UnitStyle,
    display: String,
    marks: Vec<Mark>,
}

pub(crate) fn layout_unit(doc: &Document, unit: usize, width: u16) -> UnitLayout {
    let Shown {
        style,
        display,
        marks,
    } = shown(doc, unit);
    let rows = rows(&display, &marks, style, usize::from(width.max(1)));
    UnitLayout {
        unit,
        style,
        width,
        display,
        marks,
        rows,
    }
}

fn shown(doc: &Document, unit: usize) -> Shown {
    let plain = |style, text: &str| Shown {
        style,
        display: text.to_owned(),
        marks: Vec::new(),
    };
    match doc.part(unit) {
        Part::Title => plain(UnitStyle::Title, doc.meta.title.as_deref().unwrap_or("")),
        Part::Meta => plain(UnitStyle::Meta, &doc.meta.summary_line()),
        Part::NotesHeading => plain(UnitStyle::NotesHeading, crate::document::pos::NOTES_HEADING),
        Part::Block(b) => block(&doc.blocks[b]),
        Part::Note(n) => note(&doc.notes[n], n),
    }
}

/// A note label as it may appear on screen: a control character in it would break rows.
fn clean_label(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

fn marker(label: &str) -> String {
    format!("[{}]", clean_label(label))
}

/// The largest char boundary of `text` at or before `at`, so bad anchor data cannot panic.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn block(block: &Block) -> Shown {
    let style = match block.kind {
        BlockKind::Paragraph => UnitStyle::Paragraph,
        BlockKind::Caption => UnitStyle::Caption,
        BlockKind::Heading => UnitStyle::Heading,
        BlockKind::Verse => UnitStyle::Verse,
        BlockKind::Preformatted => UnitStyle::Preformatted,
    };
    let text = &block.text;
    let mut order: Vec<(usize, usize)> = block
        .anchors
        .iter()
        .enumerate()
        .map(|(i, a)| (floor_boundary(text, a.at), i))
        .collect();
    // Stable: markers at one offset keep the order the document gave them (`[3][4]`).
    order.sort_by_key(|&(at, _)| at);
    let extra: usize = block.anchors.iter().map(|a| a.label.len() + 2).sum();
    let mut display = String::with_capacity(text.len() + extra);
    let mut marks = Vec::with_capacity(order.len());
    let mut copied = 0;
    for (at, i) in order {
        display.push_str(&text[copied..at]);
        copied = at;
        let start = display.len();
        display.push_str(&marker(&block.anchors[i].label));
        marks.push(Mark {
            range: start..display.len(),
            kind: MarkKind::Anchor(i),
        });
    }
    display.push_str(&text[copied..]);
    Shown {
        style,
        display,
        marks,
    }
}

fn note(note: &Note, index: usize) -> Shown {
    let label = marker(&note.label);
    let mut marks = vec![Mark {
        range: 0..label.len(),
        kind: MarkKind::NoteLabel,
    }];
    let mut display = format!("{label} ");
    match &note.text {
        Some(text) => display.push_str(text),
        None => {
            let start = display.len();
            let label = clean_label(&note.label);
            display.push_str(&format!(
                "The text of note {label} is not in this copy of the document."
            ));
            marks.push(Mark {
                range: start..display.len(),
                kind: MarkKind::Missing,
            });
        }
    }
    Shown {
        style: UnitStyle::Note {
            index,
            missing: note.text.is_none(),
        },
        display,
        marks,
    }
}

/// Indent of the first row and of the rows after it.
fn indents(style: UnitStyle, marks: &[Mark], display: &str, width: usize) -> (usize, usize) {
    match style {
        UnitStyle::Caption | UnitStyle::Verse => {
            let i = match width {
                0..=9 => 0,
                10..=23 => 2,
                _ => 4,
            };
            (i, i)
        }
        UnitStyle::Note { .. } => {
            // The hanging indent lines the text up under itself, past the label; on a
            // narrow column it would leave too little room, so rows start at the edge.
            let prefix = marks
                .first()
                .map_or(0, |m| m.range.end + 1)
                .min(display.len());
            let hang = display_width(&display[..prefix]);
            (0, if hang * 2 < width { hang } else { 0 })
        }
        _ => (0, 0),
    }
}

fn text_rows(display: &str, first: usize, rest: usize, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in display.split('\n') {
        let rest_cols = width.saturating_sub(rest);
        let first_cols = if rows.is_empty() {
            width.saturating_sub(first)
        } else {
            rest_cols
        };
        for r in wrap_line(line, first_cols, rest_cols) {
            let indent = if rows.is_empty() { first } else { rest };
            let range: Range<usize> = line_start + r.start..line_start + r.end;
            rows.push(Row {
                kind: RowKind::Text,
                indent: indent as u16,
                range,
            });
        }
        line_start += line.len() + 1;
    }
    rows
}

fn rows(display: &str, marks: &[Mark], style: UnitStyle, width: usize) -> Vec<Row> {
    if display.is_empty() {
        return Vec::new();
    }
    let (first, rest) = indents(style, marks, display, width);
    let end = display.len();
    let blank = Row {
        kind: RowKind::Blank,
        indent: 0,
        range: end..end,
    };
    let rule = |at: usize| Row {
        kind: RowKind::Rule,
        indent: 0,
        range: at..at,
    };
    let mut rows = Vec::new();
    if style == UnitStyle::NotesHeading {
        rows.push(rule(0));
    }
    rows.extend(text_rows(display, first, rest, width));
    match style {
        // The meta line follows the title directly.
        UnitStyle::Title => {}
        UnitStyle::Meta => rows.extend([rule(end), blank]),
        _ => rows.push(blank),
    }
    rows
}
