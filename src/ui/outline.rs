//! The outline (`t`): every heading with how far through the document it stands; the
//! heading of the section being read is highlighted when it opens.

use super::status::truncate;
use super::theme;
use crate::app::App;
use crate::document::DocPos;
use crate::layout::display_width;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, selected: usize) {
    let all = app.outline();
    let count = all.len();
    let rect = super::frame::list_rect(area, count);
    let inner_h = usize::from(rect.height.saturating_sub(2)).max(1);
    let first = selected
        .saturating_sub(inner_h / 2)
        .min(count.saturating_sub(inner_h));
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(inner_h)
        .map(|(i, &unit)| {
            let pct = format!("{:>4}%", app.percent_of(DocPos::new(unit, 0)));
            let text = app.doc.unit_text(unit).replace('\n', " ");
            let room = inner_w.saturating_sub(display_width(&pct) + 2);
            let text = truncate(text.trim(), room);
            let pad = room.saturating_sub(display_width(&text));
            let mut line = Line::from(vec![
                Span::raw(format!(" {text}{} ", " ".repeat(pad))),
                Span::styled(pct, theme::hint()),
            ]);
            if i == selected {
                line = line.patch_style(Style::new().add_modifier(Modifier::REVERSED));
            }
            line
        })
        .collect();
    use crate::app::Action as A;
    use crate::keymap::Mode as M;
    let k = |m, a| app.keymap.key_in(m, a);
    let title = format!(
        " Outline ({}) — {}: go there · {}: close ",
        crate::app::plural(count, "heading"),
        k(M::Outline, A::Activate),
        k(M::Outline, A::Cancel)
    );
    super::frame::boxed(frame, rect, title, lines);
}
