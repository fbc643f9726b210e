//! The status line: title, position, and a hint for help (or the current message).

use super::theme;
use crate::app::App;
use crate::layout::display_width;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let y = area.bottom().saturating_sub(1);
    let rect = Rect::new(area.x, y, area.width, 1);
    let selection = app
        .selected
        .and_then(|t| t.note(&app.doc))
        .map(|n| {
            format!(
                "note {} of {}  ",
                app.doc.notes[n].label,
                app.doc.notes.len()
            )
        })
        .unwrap_or_default();
    let right = format!(" {selection}{:>3}%  ? help ", app.percent());
    let left = match &app.message {
        Some(m) => format!(" {m}"),
        None => format!(" {}", app.display_title()),
    };
    let width = usize::from(area.width);
    let room = width.saturating_sub(display_width(&right));
    let left = truncate(&left, room);
    let pad = room.saturating_sub(display_width(&left));
    let text = format!("{left}{}{right}", " ".repeat(pad));
    frame.render_widget(Line::styled(text, theme::status()), rect);
}

/// Shown instead of the page when the terminal is too small to read in.
pub fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let msg = "terminal too small";
    frame.render_widget(Paragraph::new(truncate(msg, usize::from(area.width))), area);
}

/// Cut `s` to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let w = display_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
