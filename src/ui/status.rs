//! The status line: title, position, and a hint for help (or the current message).

use super::theme;
use crate::app::App;
use crate::document::parse::sanitize_line;
use crate::layout::display_width;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Most rows a long message takes above the status line.
const MESSAGE_ROWS: usize = 4;

/// Draw the status line; a message too long for it is wrapped at words onto rows above
/// it, never cut mid-word. Returns the rows used (1, or more with such a message).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) -> u16 {
    let y = area.bottom().saturating_sub(1);
    let rect = Rect::new(area.x, y, area.width, 1);
    let selection = app
        .selected
        .and_then(|t| t.note(&app.doc))
        .map(|n| {
            let name = sanitize_line(&app.doc.note_name(n));
            // While a big file is read the preview's count is not the document's: no
            // total until the whole document is in.
            if app.is_reading() {
                return format!("note {name}  ");
            }
            // `note 3 (Chapter II) of 40` when the document numbers notes per scope.
            format!("note {name} of {}  ", app.doc.notes.len())
        })
        .unwrap_or_default();
    let help = app.keymap.key_for(crate::app::Action::ToggleHelp);
    let right = format!(" {selection}{:>3}%  {help} help ", app.percent());
    let width = usize::from(area.width);
    let room = width.saturating_sub(display_width(&right));
    let message = app.message.as_deref().map(sanitize_line);
    let mut rows_used = 1;
    let left = match &message {
        Some(m) if display_width(m) < room => format!(" {m}"),
        Some(m) => {
            // Above the status line, wrapped at words; the status line keeps the title.
            let wrap_width = width.saturating_sub(2).max(1);
            let most = MESSAGE_ROWS
                .min(usize::from(area.height.saturating_sub(1)) / 2)
                .max(1);
            let mut lines: Vec<String> = textwrap::wrap(m, wrap_width)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            if lines.len() > most {
                let rest = lines[most - 1..].join(" ");
                lines.truncate(most - 1);
                lines.push(crate::layout::shorten_at_word(&rest, wrap_width));
            }
            let top = y.saturating_sub(lines.len() as u16);
            for (i, line) in lines.iter().enumerate() {
                let row = Rect::new(area.x, top + i as u16, area.width, 1);
                let pad = width.saturating_sub(display_width(line) + 1);
                let text = format!(" {line}{}", " ".repeat(pad));
                frame.render_widget(ratatui::widgets::Clear, row);
                frame.render_widget(Line::styled(text, theme::status()), row);
            }
            rows_used += lines.len() as u16;
            format!(" {}", app.display_title())
        }
        None => format!(" {}", app.display_title()),
    };
    let left = truncate(&left, room);
    let pad = room.saturating_sub(display_width(&left));
    let text = format!("{left}{}{right}", " ".repeat(pad));
    frame.render_widget(Line::styled(text, theme::status()), rect);
    rows_used
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

/// The search prompt, drawn over the status line, with the cursor in it.
pub fn draw_prompt(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    prompt: &crate::app::search::Prompt,
) {
    use crate::app::Action as A;
    let k = |a| app.keymap.key_in(crate::keymap::Mode::Prompt, a);
    let flags = crate::app::search::option_flags(prompt.opts);
    let info = match (&prompt.error, app.search.as_ref()) {
        (Some(e), _) => e.clone(),
        (None, _) if app.search_pending() => "searching…".to_string(),
        (None, _) if prompt.edit.text.is_empty() => format!(
            "{} regex · {} accents · {} scope · {}: repeat last",
            k(A::ToggleRegex),
            k(A::ToggleExact),
            k(A::CycleScope),
            k(A::Activate)
        ),
        (None, Some(s)) if s.matches.is_empty() => format!("not found: {}", prompt.edit.text),
        (None, Some(s)) => format!(
            "match {} of {}{}",
            s.current.map_or(0, |i| i + 1),
            s.matches.len(),
            app.partial_note()
        ),
        (None, None) => String::new(),
    };
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!("[{}] ", flags.join(", "))
    };
    draw_line_input(frame, area, "/", &prompt.edit, &format!("{flags}{info}"));
}

/// The bookmark label prompt.
pub fn draw_label(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    prompt: &crate::app::bookmarks::LabelPrompt,
) {
    let enter = app
        .keymap
        .key_in(crate::keymap::Mode::Label, crate::app::Action::Activate);
    let info = format!("{enter} alone: {}", sanitize_line(&prompt.default));
    draw_line_input(frame, area, "Bookmark label: ", &prompt.edit, &info);
}

/// The help search prompt.
pub fn draw_help_find(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    edit: &crate::app::line_edit::LineEdit,
) {
    // "not in the help: …" replaces the hint while it applies.
    use crate::app::Action as A;
    let k = |a| app.keymap.key_in(crate::keymap::Mode::HelpFind, a);
    let info = app.message.clone().unwrap_or_else(|| {
        format!(
            "search the help · {} keeps it · {} back",
            k(A::Activate),
            k(A::Cancel)
        )
    });
    draw_line_input(frame, area, "/", edit, &info);
}

/// A yes/no question on the bottom line.
pub fn draw_question(frame: &mut Frame<'_>, area: Rect, question: &str) {
    let y = area.bottom().saturating_sub(1);
    let rect = Rect::new(area.x, y, area.width, 1);
    let question = sanitize_line(question);
    let text = crate::layout::shorten_at_word(&format!(" {question}"), usize::from(area.width));
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Line::styled(text, theme::status()), rect);
}

/// A one-line text field on the bottom line: `prefix`, the text with the cursor kept
/// visible, and `info` right-aligned.
fn draw_line_input(
    frame: &mut Frame<'_>,
    area: Rect,
    prefix: &str,
    edit: &crate::app::line_edit::LineEdit,
    info: &str,
) {
    let y = area.bottom().saturating_sub(1);
    let rect = Rect::new(area.x, y, area.width, 1);
    // The info can echo typed text ("not found: …", a regex error quoting the pattern).
    let right = format!(" {} ", sanitize_line(info));
    let width = usize::from(area.width);
    let room = width
        .saturating_sub(display_width(&right))
        .max(width / 2)
        .max(2);
    // Typed and recalled text is untrusted too (history and labels come from files).
    let before_cursor = sanitize_line(edit.text.get(..edit.cursor).unwrap_or(&edit.text));
    let mut shown = format!("{prefix}{}", sanitize_line(&edit.text));
    let mut cursor_col = display_width(prefix) + display_width(&before_cursor);
    // Keep the cursor visible: drop characters from the front of a long text.
    while display_width(&shown) >= room && !shown.is_empty() {
        let mut chars = shown.chars();
        let first = chars.next().map_or(0, |c| display_width(&c.to_string()));
        shown = chars.collect();
        cursor_col = cursor_col.saturating_sub(first);
    }
    let right = truncate(&right, width.saturating_sub(display_width(&shown)));
    let pad = width.saturating_sub(display_width(&shown) + display_width(&right));
    let line = Line::from(vec![
        ratatui::text::Span::raw(shown),
        ratatui::text::Span::raw(" ".repeat(pad)),
        ratatui::text::Span::styled(right, theme::hint()),
    ]);
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(line, rect);
    let x = area.x + (cursor_col as u16).min(area.width.saturating_sub(1));
    frame.set_cursor_position((x, y));
}
