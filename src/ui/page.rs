//! The reading page: visible rows of the laid-out document, with marks styled.

use super::theme;
use crate::app::{App, Target};
use crate::document::Part;
use crate::layout::{MarkKind, RowKind, UnitLayout};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let left = area.x + app.column_left();
    let width = app.column_width();
    for (y, pos) in app.visible_rows().into_iter().enumerate() {
        let y = area.y + y as u16;
        if y >= area.bottom().saturating_sub(1) {
            break;
        }
        let layout = app.layout(pos.unit);
        let Some(row) = layout.rows.get(pos.row) else {
            continue;
        };
        let rect = Rect::new(left, y, width, 1);
        match row.kind {
            RowKind::Blank => {}
            RowKind::Rule => {
                let line = Line::styled("─".repeat(usize::from(width)), theme::rule());
                frame.render_widget(line, rect);
            }
            RowKind::Text => {
                let indent = row.indent.min(width);
                let rect = Rect::new(left + indent, y, width - indent, 1);
                let line = Line::from(spans_for(app, &layout, row.range.clone()));
                frame.render_widget(line, rect);
            }
        }
    }
}

/// Split a row's byte range into spans at mark boundaries.
pub fn spans_for(
    app: &App,
    layout: &UnitLayout,
    range: std::ops::Range<usize>,
) -> Vec<Span<'static>> {
    let base = theme::unit(layout.style);
    let text = &layout.display;
    let mut out = Vec::new();
    let mut at = range.start;
    for mark in layout
        .marks
        .iter()
        .filter(|m| m.range.end > range.start && m.range.start < range.end)
    {
        let start = mark.range.start.max(range.start);
        let end = mark.range.end.min(range.end);
        if start > at {
            out.push(Span::styled(text[at..start].to_string(), base));
        }
        let mut style = base.patch(theme::mark(mark.kind, mark_missing(app, layout, mark.kind)));
        if is_selected(app, layout, mark.kind) {
            style = style.patch(theme::selected());
        }
        out.push(Span::styled(text[start..end].to_string(), style));
        at = end;
    }
    if at < range.end {
        out.push(Span::styled(text[at..range.end].to_string(), base));
    }
    if out.is_empty() {
        out.push(Span::styled(String::new(), Style::new()));
    }
    out
}

/// Whether the note an anchor points to has lost its text.
fn mark_missing(app: &App, layout: &UnitLayout, kind: MarkKind) -> bool {
    let MarkKind::Anchor(i) = kind else {
        return false;
    };
    let Part::Block(b) = app.doc.part(layout.unit) else {
        return false;
    };
    app.doc.blocks[b]
        .anchors
        .get(i)
        .and_then(|a| app.doc.notes.get(a.note))
        .is_some_and(|n| n.text.is_none())
}

/// Whether a mark is the current selection.
fn is_selected(app: &App, layout: &UnitLayout, kind: MarkKind) -> bool {
    match (app.selected, kind, app.doc.part(layout.unit)) {
        (Some(Target::Anchor { block, anchor }), MarkKind::Anchor(i), Part::Block(b)) => {
            block == b && anchor == i
        }
        (Some(Target::Note(n)), MarkKind::NoteLabel, Part::Note(m)) => n == m,
        _ => false,
    }
}
