//! The reading page: visible rows of the laid-out document, with marks styled.

use super::links::LinkArea;
use super::theme;
use crate::app::{App, Target};
use crate::document::Part;
use crate::layout::{clip, MarkKind, Row, RowKind, UnitLayout, UnitStyle};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, links: &mut Vec<LinkArea>) {
    let left = area.x + app.column_left();
    let width = app.column_width();
    let hscroll = usize::from(app.hscroll_now());
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
        let first_text_row = layout.rows.iter().position(|r| r.kind == RowKind::Text);
        if first_text_row == Some(pos.row) && app.bookmark_in_unit(pos.unit).is_some() {
            let mark = Rect::new(left.saturating_sub(crate::app::MARGIN), y, 1, 1);
            frame.render_widget(Line::styled("▍", theme::bookmark()), mark);
        }
        match row.kind {
            RowKind::Blank => {}
            RowKind::Rule => {
                let line = Line::styled("─".repeat(usize::from(width)), theme::rule());
                frame.render_widget(line, rect);
            }
            RowKind::Text if layout.style == UnitStyle::Preformatted => {
                links.extend(draw_clipped(app, frame, &layout, row, rect, hscroll));
            }
            RowKind::Text => {
                let indent = row.indent.min(width);
                let rect = Rect::new(left + indent, y, width - indent, 1);
                let line = Line::from(spans_for(app, &layout, row.range.clone()));
                frame.render_widget(line, rect);
                links.extend(super::links::on_row(
                    app,
                    &layout,
                    row.range.clone(),
                    rect.x,
                    y,
                ));
            }
        }
    }
}

/// A preformatted row: never wrapped, so clipped to the column after scrolling `skip`
/// columns, with `‹` / `›` in the edge cells when text is hidden on that side.
fn draw_clipped(
    app: &App,
    frame: &mut Frame<'_>,
    layout: &UnitLayout,
    row: &Row,
    rect: Rect,
    skip: usize,
) -> Vec<LinkArea> {
    let indent = row.indent.min(rect.width);
    let text = &layout.display[row.range.clone()];
    let c = clip(text, skip, usize::from(rect.width - indent));
    let lead = u16::try_from(c.lead).unwrap_or(u16::MAX);
    let x = rect.x + indent + lead.min(rect.width - indent);
    let shown = row.range.start + c.range.start..row.range.start + c.range.end;
    let line = Line::from(spans_for(app, layout, shown.clone()));
    frame.render_widget(line, Rect::new(x, rect.y, rect.right() - x, 1));
    let mut links = super::links::on_row(app, layout, shown, x, rect.y);
    if c.left {
        let cell = Rect::new(rect.x + indent, rect.y, 1, 1);
        frame.render_widget(Line::styled("‹", theme::clipped()), cell);
    }
    if c.right {
        let cell = Rect::new(rect.right() - 1, rect.y, 1, 1);
        frame.render_widget(Line::styled("›", theme::clipped()), cell);
    }
    // The `‹` / `›` cells are not part of a link.
    let (lo, hi) = (
        rect.x + indent + u16::from(c.left),
        rect.right() - u16::from(c.right),
    );
    for l in &mut links {
        l.cols = l.cols.start.max(lo)..l.cols.end.min(hi);
    }
    links.retain(|l| l.cols.start < l.cols.end);
    links
}

/// Split a row's byte range into styled spans. Styles are layered: the unit's style,
/// then marks (anchors, note labels), then search matches, then the selection.
pub fn spans_for(
    app: &App,
    layout: &UnitLayout,
    range: std::ops::Range<usize>,
) -> Vec<Span<'static>> {
    let base = theme::unit(layout.style);
    let text = &layout.display;
    let marks: Vec<_> = layout
        .marks
        .iter()
        .filter(|m| m.range.end > range.start && m.range.start < range.end)
        .collect();
    let hits = search_hits(app, layout, &range);
    let runs = runs_in(app, layout, &range);
    let links: Vec<(std::ops::Range<usize>, usize)> = super::links::display_ranges(app, layout)
        .into_iter()
        .filter(|(d, _)| d.end > range.start && d.start < range.end)
        .collect();
    let mut cuts = vec![range.start, range.end];
    for (r, _) in &links {
        cuts.extend([r.start, r.end]);
    }
    for (r, _) in &runs {
        cuts.extend([r.start, r.end]);
    }
    for m in &marks {
        cuts.extend([m.range.start, m.range.end]);
    }
    for (r, _) in &hits {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|c| *c >= range.start && *c <= range.end && text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut style = base;
        for (_, run) in runs.iter().filter(|(r, _)| r.start <= a && a < r.end) {
            style = style.patch(theme::run(run));
        }
        if let Some((_, i)) = links.iter().find(|(r, _)| r.start <= a && a < r.end) {
            style = style.patch(theme::link());
            let this = Target::Link {
                unit: layout.unit,
                index: *i,
            };
            if app.selected == Some(this) {
                style = style.patch(theme::selected());
            }
        }
        if let Some(m) = marks.iter().find(|m| m.range.start <= a && a < m.range.end) {
            style = style.patch(theme::mark(m.kind, mark_missing(app, layout, m.kind)));
            if is_selected(app, layout, m.kind) {
                style = style.patch(theme::selected());
            }
        }
        if let Some((_, current)) = hits.iter().find(|(r, _)| r.start <= a && a < r.end) {
            style = style.patch(theme::search_hit(*current));
        }
        out.push(Span::styled(text[a..b].to_string(), style));
    }
    if out.is_empty() {
        out.push(Span::styled(String::new(), Style::new()));
    }
    out
}

/// Inline runs (emphasis, strong, code, links) of this unit's block overlapping `range`,
/// as display ranges.
fn runs_in(
    app: &App,
    layout: &UnitLayout,
    range: &std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, crate::document::RunStyle)> {
    let crate::document::Part::Block(b) = app.doc.part(layout.unit) else {
        return Vec::new();
    };
    let Some(block) = app.doc.blocks.get(b) else {
        return Vec::new();
    };
    block
        .runs
        .iter()
        .map(|r| {
            let start = layout.display_offset(r.start);
            (
                start..layout.display_offset(r.end).max(start),
                r.style.clone(),
            )
        })
        .filter(|(d, _)| d.end > range.start && d.start < range.end)
        .collect()
}

/// Search matches in this unit overlapping `range`, as display ranges, with whether each
/// is the current match.
fn search_hits(
    app: &App,
    layout: &UnitLayout,
    range: &std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, bool)> {
    let Some(search) = app.search.as_ref().filter(|s| s.highlight) else {
        return Vec::new();
    };
    let indices = search.matches.unit_indices(layout.unit);
    let mut out = Vec::new();
    for i in indices {
        let Some(m) = search.matches.get(i) else {
            continue;
        };
        let start = layout.display_offset(m.start);
        // End after any marker that sits inside the match, but not after one at its end.
        let end = layout.display_offset(m.end);
        let r = start.max(range.start)..end.min(range.end);
        if r.start < r.end {
            out.push((r, search.current == Some(i)));
        }
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
        .and_then(|a| app.doc.notes.get(a.note()))
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
