//! The help overlay, generated from the keymap table so it never drifts from the real keys.

use super::theme;
use crate::keymap::{bindings_for, SECTIONS};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::Frame;

/// The help text: a heading per mode, then one line per binding.
pub fn lines() -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (mode, title) in SECTIONS {
        if !out.is_empty() {
            out.push((false, String::new()));
        }
        out.push((true, (*title).to_string()));
        for b in bindings_for(*mode) {
            out.push((false, format!("  {:<28} {}", b.keys.join(" "), b.help)));
        }
    }
    out
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, scroll: usize) {
    let lines = lines();
    let widest = lines
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(20);
    let width = (widest as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height.saturating_sub(1).saturating_sub(height)) / 2;
    let rect = Rect::new(x, y, width, height);
    let max_scroll = lines
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)));
    let scroll = scroll.min(max_scroll);
    let text: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .map(|(heading, l)| {
            if heading {
                Line::styled(
                    l,
                    theme::unit(crate::layout::UnitStyle::Heading)
                        .add_modifier(Modifier::UNDERLINED),
                )
            } else {
                Line::from(l)
            }
        })
        .collect();
    let more = if max_scroll > 0 {
        " — j/k scroll"
    } else {
        ""
    };
    super::frame::boxed(frame, rect, format!(" Keys{more} — Esc closes "), text);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_app_s_line_count_matches_what_help_draws() {
        assert_eq!(super::lines().len(), crate::keymap::help_line_count());
    }
}
