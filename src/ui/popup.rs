//! The note preview: a popup beside the selected anchor, above or below, whichever fits.

use super::theme;
use crate::app::{Action, App, Target};
use crate::keymap::Mode;
use crate::layout::{layout_note_alone, RowKind, UnitLayout, UnitStyle};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Screen cell of the selected target, when it is on screen.
pub fn anchor_cell(app: &App, area: Rect) -> Option<(u16, u16)> {
    let target = app.selected?;
    let pos = target.pos(&app.doc);
    let row = app.row_of_pos(pos);
    let y = app.visible_rows().iter().position(|r| *r == row)? as u16;
    let layout = app.layout(row.unit);
    let r = layout.rows.get(row.row)?;
    let start = match target {
        Target::Anchor { anchor, .. } => layout
            .marks
            .iter()
            .find(|m| m.kind == crate::layout::MarkKind::Anchor(anchor))
            .map_or(r.range.start, |m| m.range.start),
        Target::Note(_) => r.range.start,
        Target::Link { unit, index } => app
            .links(unit)
            .get(index)
            .map_or(r.range.start, |l| layout.display_offset(l.range.start)),
    };
    let before = layout
        .display
        .get(r.range.start..start.max(r.range.start))
        .unwrap_or("");
    let mut cols = crate::layout::display_width(before) as u16;
    if layout.style == UnitStyle::Preformatted {
        cols = cols
            .saturating_sub(app.hscroll_now())
            .min(app.column_width().saturating_sub(1));
    }
    let x = app.column_left() + r.indent + cols;
    Some((area.x + x, area.y + y))
}

/// The text lines of a note laid out alone (`layout_note_alone`), as it reads on its own (a
/// missing note says so in full even when the Notes section shows it as a dash).
pub fn note_lines(app: &App, layout: &UnitLayout) -> Vec<Line<'static>> {
    layout
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Text)
        .map(|r| {
            let mut spans = vec![Span::raw(" ".repeat(usize::from(r.indent)))];
            spans.extend(super::page::spans_for(app, layout, r.range.clone()));
            Line::from(spans)
        })
        .collect()
}

/// Draw the preview of `note`; links in its text are added to `links`, to be made
/// hyperlinks after the frame as on the page.
pub fn draw(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    note: usize,
    scroll: usize,
    links: &mut Vec<super::links::LinkArea>,
) {
    let page_h = area.height.saturating_sub(1);
    let width = app.column_width().clamp(20, 72).min(area.width);
    let inner_w = width.saturating_sub(2);
    // Laid out once: its rows are drawn, and their links reported, from this layout.
    let layout = layout_note_alone(&app.doc, note, inner_w.max(1));
    let lines = note_lines(app, &layout);
    let refs = app.doc.references(note).len();
    let cited = match refs {
        0 => "not cited in the text".to_string(),
        1 => "cited in 1 place".to_string(),
        n => format!("cited in {n} places"),
    };
    let wanted = lines.len() as u16 + 3;
    let cell = anchor_cell(app, area);
    let (x, y, height) = match cell {
        Some((cx, cy)) => {
            let below = page_h.saturating_sub(cy + 1);
            let above = cy.saturating_sub(area.y);
            let x = cx.min(area.right().saturating_sub(width)).max(area.x);
            if below >= wanted || below >= above {
                (x, cy + 1, wanted.min(below))
            } else {
                let h = wanted.min(above);
                (x, cy - h, h)
            }
        }
        None => {
            let h = wanted.min(page_h);
            (
                area.x + (area.width - width) / 2,
                area.y + (page_h - h) / 2,
                h,
            )
        }
    };
    if height < 3 {
        return;
    }
    let rect = Rect::new(x, y, width, height);
    let text_h = usize::from(height - 3);
    let max_scroll = lines.len().saturating_sub(text_h);
    let scroll = scroll.min(max_scroll);
    let more = if max_scroll > 0 {
        format!("  {}/{} j/k scroll", scroll + 1, max_scroll + 1)
    } else {
        String::new()
    };
    // The same rows `note_lines` drew, inside the box's border (one cell in).
    let text_rows = layout.rows.iter().filter(|r| r.kind == RowKind::Text);
    let inner_right = x + width.saturating_sub(1);
    for (dy, r) in text_rows.skip(scroll).take(text_h).enumerate() {
        let (rx, ry) = (x + 1 + r.indent, y + 1 + dy as u16);
        for mut l in super::links::on_row(app, &layout, r.range.clone(), rx, ry) {
            l.cols.end = l.cols.end.min(inner_right);
            if l.cols.start < l.cols.end {
                links.push(l);
            }
        }
    }
    let mut body: Vec<Line> = lines.into_iter().skip(scroll).take(text_h).collect();
    body.push(Line::styled(
        format!(
            "{cited} · {}: go to note · {}: close{more}",
            app.keymap.key_in(Mode::Preview, Action::Activate),
            app.keymap.key_in(Mode::Preview, Action::Cancel)
        ),
        theme::hint(),
    ));
    // `Note 2 (LETTER II.)` when the document numbers its notes per scope.
    let label = crate::document::parse::sanitize_line(&app.doc.note_name(note));
    super::frame::boxed(frame, rect, format!(" Note {label} "), body);
}
