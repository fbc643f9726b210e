//! The help overlay, generated from the keymap table so it never drifts from the real keys.

use super::theme;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::Frame;

/// The help text: a heading per mode, then one line per binding.
pub fn lines(keymap: &crate::keymap::Keymap) -> Vec<(bool, String)> {
    keymap
        .help_lines()
        .into_iter()
        .map(|l| (l.heading, l.text))
        .collect()
}

pub fn draw(
    keymap: &crate::keymap::Keymap,
    frame: &mut Frame<'_>,
    area: Rect,
    scroll: usize,
    query: &str,
) {
    let lines = lines(keymap);
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
            if !query.is_empty() && crate::app::help::contains_ignoring_case(&l, query) {
                Line::styled(l, theme::search_hit(false))
            } else if heading {
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
    use crate::app::Action as A;
    use crate::keymap::Mode as M;
    let k = |a| keymap.key_in(M::Help, a);
    let more = if max_scroll > 0 {
        format!(
            " — {}/{} page · {} search",
            k(A::PageDown),
            k(A::PageUp),
            k(A::Search)
        )
    } else {
        format!(" — {} search", k(A::Search))
    };
    let close = k(A::Cancel);
    super::frame::boxed(frame, rect, format!(" Keys{more} — {close} closes "), text);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_app_s_line_count_matches_what_help_draws() {
        let keymap = crate::keymap::Keymap::builtin();
        assert_eq!(super::lines(&keymap).len(), keymap.help_line_count());
    }
}
