//! The note column beside the text on wide terminals: each note cited on screen, level
//! with its first anchor there (`layout::sidenotes::place` decides where).

use super::page::spans_for;
use super::theme;
use crate::app::{App, Target, GUTTER};
use crate::document::Part;
use crate::layout::sidenotes::{place, wanted_rows};
use crate::layout::{MarkKind, RowKind, UnitLayout};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// A note to show: its index and the screen row of its first anchor.
struct Cited {
    note: usize,
    row: usize,
}

/// The notes cited on the rows shown, each once, at the row of its first citation there.
fn cited_on_screen(app: &App) -> Vec<Cited> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (y, pos) in app.visible_rows().into_iter().enumerate() {
        let Part::Block(b) = app.doc.part(pos.unit) else {
            continue;
        };
        let layout = app.layout(pos.unit);
        let Some(row) = layout.rows.get(pos.row) else {
            continue;
        };
        // Marks are sorted by start: only those starting on this row are looked at.
        let from = layout
            .marks
            .partition_point(|m| m.range.start < row.range.start);
        let on_row = layout.marks[from..]
            .iter()
            .take_while(|m| m.range.start < row.range.end);
        for m in on_row {
            let MarkKind::Anchor(i) = m.kind else {
                continue;
            };
            let Some(a) = app.doc.blocks[b].anchors.get(i) else {
                continue;
            };
            if seen.insert(a.note) {
                out.push(Cited {
                    note: a.note,
                    row: y,
                });
            }
        }
    }
    out
}

/// Text rows of a note laid out alone (blank separator rows between its paragraphs kept).
fn note_rows(layout: &UnitLayout) -> usize {
    let last = layout.rows.iter().rposition(|r| r.kind == RowKind::Text);
    last.map_or(1, |l| l + 1)
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, links: &mut Vec<super::links::LinkArea>) {
    let Some((left, width)) = app.note_column() else {
        return;
    };
    let height = usize::from(area.height.saturating_sub(1)).min(app.page_height());
    let selected = match app.selected {
        Some(t @ Target::Anchor { .. }) => t.note(&app.doc),
        _ => None,
    };
    let cited = cited_on_screen(app);
    let heights: Vec<usize> = cited
        .iter()
        .map(|c| {
            if app.doc.notes[c.note].text.is_none() {
                1
            } else {
                let whole = note_rows(&app.note_layout(c.note));
                wanted_rows(whole, selected == Some(c.note))
            }
        })
        .collect();
    let anchors: Vec<usize> = cited.iter().map(|c| c.row).collect();
    for (c, p) in cited.iter().zip(place(&anchors, &heights, height)) {
        if p.rows == 0 {
            continue;
        }
        let lit = selected == Some(c.note);
        let x = area.x + left;
        let y = area.y + p.top as u16;
        if lit {
            // A bar in the gutter marks the note of the selected anchor.
            let bar = Rect::new(x.saturating_sub(GUTTER - 1), y, 1, p.rows as u16);
            for dy in 0..bar.height {
                let cell = Rect::new(bar.x, bar.y + dy, 1, 1);
                frame.render_widget(
                    Line::styled("▎", theme::mark(MarkKind::NoteLabel, false)),
                    cell,
                );
            }
        }
        if app.doc.notes[c.note].text.is_none() {
            let label = &app.doc.notes[c.note].label;
            let mut style = theme::mark(MarkKind::Missing, false).add_modifier(Modifier::DIM);
            if lit {
                style = style.patch(theme::selected());
            }
            let line = Line::styled(format!("[{label}] — missing"), style);
            frame.render_widget(line, Rect::new(x, y, width, 1));
            continue;
        }
        let layout = app.note_layout(c.note);
        let total = note_rows(&layout);
        // A shortened note gives its last row to `… +N lines`.
        let text_rows = if p.rows < total && p.rows > 1 {
            p.rows - 1
        } else {
            p.rows
        };
        for (dy, row) in layout.rows.iter().take(text_rows).enumerate() {
            let ry = y + dy as u16;
            if row.kind != RowKind::Text {
                continue;
            }
            let indent = row.indent.min(width);
            let rect = Rect::new(x + indent, ry, width - indent, 1);
            frame.render_widget(Line::from(row_spans(app, &layout, row, lit)), rect);
            links.extend(super::links::on_row(
                app,
                &layout,
                row.range.clone(),
                rect.x,
                ry,
            ));
        }
        if text_rows < p.rows {
            let more = total - text_rows;
            let text = if more == 1 {
                "… +1 line".to_string()
            } else {
                format!("… +{more} lines")
            };
            let ry = y + text_rows as u16;
            frame.render_widget(
                Line::styled(text, theme::hint().add_modifier(Modifier::DIM)),
                Rect::new(x, ry, width, 1),
            );
        }
    }
}

/// A note row's spans; the label of the highlighted note shown as selected.
fn row_spans(
    app: &App,
    layout: &UnitLayout,
    row: &crate::layout::Row,
    lit: bool,
) -> Vec<Span<'static>> {
    let label = layout
        .marks
        .iter()
        .find(|m| m.kind == MarkKind::NoteLabel)
        .map(|m| m.range.clone())
        .filter(|r| lit && r.start >= row.range.start && r.end <= row.range.end);
    let Some(label) = label else {
        return spans_for(app, layout, row.range.clone());
    };
    let mut out: Vec<Span<'static>> = spans_for(app, layout, row.range.start..label.end)
        .into_iter()
        .map(|s| {
            let style: Style = s.style.patch(theme::selected());
            Span::styled(s.content, style)
        })
        .collect();
    out.extend(spans_for(app, layout, label.end..row.range.end));
    out
}
