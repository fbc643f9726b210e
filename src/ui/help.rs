//! The help overlay, generated from the keymap table so it never drifts from the real keys.

use super::theme;
use crate::keymap::{bindings_for, Mode};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The help text: one line per binding of the reading mode.
pub fn lines() -> Vec<String> {
    bindings_for(Mode::Reading)
        .map(|b| format!("{:<24} {}", b.keys.join(" "), b.help))
        .collect()
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, scroll: usize) {
    let lines = lines();
    let width =
        (lines.iter().map(|l| l.chars().count()).max().unwrap_or(20) as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height.saturating_sub(1).saturating_sub(height)) / 2;
    let rect = Rect::new(x, y, width, height);
    let max_scroll = lines
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)));
    let scroll = scroll.min(max_scroll);
    let text: Vec<Line> = lines.into_iter().skip(scroll).map(Line::from).collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::overlay_border())
        .title(" Keys — Esc closes ");
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(text).block(block), rect);
}
