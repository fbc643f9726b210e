//! The frame shared by every overlay: where a list box goes and how it is drawn.

use super::theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// A list box near the top of the page: at most 100 columns wide, tall enough for
/// `content_rows` lines plus borders, never over the status line.
pub fn list_rect(area: Rect, content_rows: usize) -> Rect {
    let width = area.width.saturating_sub(4).clamp(10, 100).min(area.width);
    let wanted = u16::try_from(content_rows.saturating_add(2)).unwrap_or(u16::MAX);
    let height = wanted
        .min(area.height.saturating_sub(3))
        .max(3)
        .min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + 1.min(area.height),
        width,
        height,
    )
}

/// Clear `rect` and draw `lines` in a bordered box titled `title`.
pub fn boxed(frame: &mut Frame<'_>, rect: Rect, title: String, lines: Vec<Line<'_>>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::overlay_border())
        .title(title);
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
