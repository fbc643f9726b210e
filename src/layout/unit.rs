//! Building one unit's layout: its display string, marks and rows.

use super::wrap::{display_width, wrap_line};
use super::{LayoutContext, Mark, MarkKind, Row, RowKind, UnitLayout, UnitStyle};
use crate::document::{Block, BlockKind, Document, Note, Part};
use std::ops::Range;

/// How a note is shown: in the Notes section, or alone (the preview popup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteView {
    Section,
    Alone,
    /// As `Alone`, with the label padded to the widest one (the note column, where
    /// labels stand right-aligned above each other).
    Beside,
}

/// Display string and marks of a unit, before wrapping.
struct Shown {
    style: UnitStyle,
    display: String,
    marks: Vec<Mark>,
}

pub(crate) fn layout_unit(
    doc: &Document,
    unit: usize,
    width: u16,
    ctx: &LayoutContext,
    view: NoteView,
) -> UnitLayout {
    if let Part::Block(b) = doc.part(unit) {
        return layout_block(&doc.blocks[b], unit, width);
    }
    let cols = usize::from(width.max(1));
    // One hanging indent for every note: past the widest label, unless that leaves too
    // little room, when rows start at the edge and labels are not padded.
    let label_cols = match (doc.part(unit), view) {
        (Part::Note(n), NoteView::Alone) => display_width(&marker(&doc.notes[n].label)),
        // Padded to the widest label when that leaves room for the text (see `hang`);
        // else only a long label of its own loses the hanging indent.
        (Part::Note(n), NoteView::Beside) => {
            let own = display_width(&marker(&doc.notes[n].label));
            if (ctx.label_cols + 1) * 2 < cols {
                own.max(ctx.label_cols)
            } else {
                own
            }
        }
        _ => ctx.label_cols,
    };
    let hang = if (label_cols + 1) * 2 < cols {
        label_cols + 1
    } else {
        0
    };
    let Shown {
        style,
        display,
        marks,
    } = shown(doc, unit, hang.saturating_sub(1), view);
    let mut rows = rows(&display, &marks, style, cols, hang);
    if let Part::Note(n) = doc.part(unit) {
        // Inside a run of missing notes the rows follow each other without a blank row.
        if view == NoteView::Section && same_run(doc, n, n + 1) {
            rows.retain(|r| r.kind != RowKind::Blank);
        }
    }
    UnitLayout {
        unit,
        style,
        width,
        display,
        marks,
        rows,
    }
}

/// A body block's layout as unit `unit`: its rows depend on nothing but the block (no
/// hanging indent, no note), so a streamed `--dump` lays blocks out before the document
/// they belong to is whole.
pub(crate) fn layout_block(block: &Block, unit: usize, width: u16) -> UnitLayout {
    let Shown {
        style,
        display,
        marks,
    } = self::block(block);
    let rows = rows(&display, &marks, style, usize::from(width.max(1)), 0);
    UnitLayout {
        unit,
        style,
        width,
        display,
        marks,
        rows,
    }
}

fn shown(doc: &Document, unit: usize, label_cols: usize, view: NoteView) -> Shown {
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
        Part::Note(n) => note(doc, n, label_cols, view),
    }
}

/// A note label as it may appear on screen: a control character in it would break rows.
fn clean_label(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

pub(crate) fn marker(label: &str) -> String {
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
        .map(|(i, a)| (floor_boundary(text, a.at()), i))
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

/// Whether notes `a` and `b` both lost their text and are told about together: the same
/// scope and both defined (or both only cited).
fn same_run(doc: &Document, a: usize, b: usize) -> bool {
    match (doc.notes.get(a), doc.notes.get(b)) {
        (Some(x), Some(y)) => {
            x.text.is_none() && y.text.is_none() && x.scope == y.scope && x.defined == y.defined
        }
        _ => false,
    }
}

/// What a note without text says. A run of them says it once, on its first note; the
/// others show a dash. Cost: the run's length, on its first note only.
fn missing_text(doc: &Document, index: usize, view: NoteView) -> String {
    let note = &doc.notes[index];
    let label = clean_label(&note.label);
    if view == NoteView::Section && index > 0 && same_run(doc, index - 1, index) {
        return "—".into();
    }
    let mut last = index;
    while view == NoteView::Section && same_run(doc, last, last + 1) {
        last += 1;
    }
    let last_label = clean_label(&doc.notes[last].label);
    match (note.defined, last > index) {
        (true, false) => format!("The text of note {label} is not in this copy of the document."),
        (false, false) => format!("Note {label} is cited but not defined in this document."),
        (true, true) => {
            format!("The text of notes {label}–{last_label} is not in this copy of the document.")
        }
        (false, true) => {
            format!("Notes {label}–{last_label} are cited but not defined in this document.")
        }
    }
}

/// A note: its label right-aligned in `label_cols` columns, a space, its text.
fn note(doc: &Document, index: usize, label_cols: usize, view: NoteView) -> Shown {
    let note: &Note = &doc.notes[index];
    let label = marker(&note.label);
    let pad = label_cols.saturating_sub(display_width(&label));
    let mut display = String::new();
    let mut marks = Vec::with_capacity(2);
    // Notes numbered per chapter: each scope's first note carries the scope's name.
    let first_of_scope = index == 0 || doc.notes[index - 1].scope != note.scope;
    if doc.scopes.len() > 1 && first_of_scope && view == NoteView::Section {
        if let Some(scope) = doc.scopes.get(note.scope as usize) {
            display.push_str(&clean_label(&scope.name));
            marks.push(Mark {
                range: 0..display.len(),
                kind: MarkKind::ScopeHeading,
            });
            display.push('\n');
        }
    }
    let at = display.len();
    display.push_str(&" ".repeat(pad));
    marks.push(Mark {
        range: at + pad..at + pad + label.len(),
        kind: MarkKind::NoteLabel,
    });
    display.push_str(&label);
    display.push(' ');
    match &note.text {
        Some(text) => display.push_str(text),
        None => {
            let start = display.len();
            display.push_str(&missing_text(doc, index, view));
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

/// Indent of the first row and of the rows after it (`hang`: a note's hanging indent).
fn indents(style: UnitStyle, width: usize, hang: usize) -> (usize, usize) {
    match style {
        UnitStyle::Caption | UnitStyle::Verse => {
            let i = match width {
                0..=9 => 0,
                10..=23 => 2,
                _ => 4,
            };
            (i, i)
        }
        // The hanging indent lines the text (and its later paragraphs) up past the labels.
        UnitStyle::Note { .. } => (0, hang),
        _ => (0, 0),
    }
}

/// Note markers of `marks` (sorted by start) inside `line`, which starts at byte `at`,
/// relative to it.
fn markers_in(marks: &[Mark], line: &str, at: usize) -> Vec<Range<usize>> {
    let from = marks.partition_point(|m| m.range.start < at);
    marks[from..]
        .iter()
        .take_while(|m| m.range.start < at + line.len())
        .filter(|m| matches!(m.kind, MarkKind::Anchor(_)) && m.range.end <= at + line.len())
        .map(|m| m.range.start - at..m.range.end - at)
        .collect()
}

fn text_rows(
    display: &str,
    marks: &[Mark],
    style: UnitStyle,
    (first, rest): (usize, usize),
    width: usize,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut line_start = 0;
    // A scope heading is a row (wrapped, unindented) and a blank before the note.
    let heading = marks
        .first()
        .filter(|m| m.kind == MarkKind::ScopeHeading)
        .map(|m| m.range.end);
    if let Some(end) = heading {
        for r in wrap_line(&display[..end], width, width, &[]) {
            rows.push(Row {
                kind: RowKind::Text,
                indent: 0,
                range: r,
            });
        }
        rows.push(Row {
            kind: RowKind::Blank,
            indent: 0,
            range: end..end,
        });
        line_start = end + 1;
    }
    let heading_rows = rows.len();
    for line in display[line_start.min(display.len())..].split('\n') {
        if style == UnitStyle::Preformatted {
            // Never wrapped: the whole line is the row and the UI clips it (see `clip`).
            rows.push(Row {
                kind: RowKind::Text,
                indent: 0,
                range: line_start..line_start + line.len(),
            });
            line_start += line.len() + 1;
            continue;
        }
        let markers = markers_in(marks, line, line_start);
        let rest_cols = width.saturating_sub(rest);
        let first_cols = if rows.len() == heading_rows {
            width.saturating_sub(first)
        } else {
            rest_cols
        };
        for r in wrap_line(line, first_cols, rest_cols, &markers) {
            let indent = if rows.len() == heading_rows {
                first
            } else {
                rest
            };
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

fn rows(display: &str, marks: &[Mark], style: UnitStyle, width: usize, hang: usize) -> Vec<Row> {
    if display.is_empty() {
        return Vec::new();
    }
    let indents = indents(style, width, hang);
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
    rows.extend(text_rows(display, marks, style, indents, width));
    match style {
        // The meta line follows the title directly.
        UnitStyle::Title => {}
        UnitStyle::Meta => rows.extend([rule(end), blank]),
        _ => rows.push(blank),
    }
    rows
}
