//! Drawing: a pure function of `App` state onto a ratatui frame. The only module (with
//! `terminal`) that knows about ratatui.

mod bookmark_list;
mod frame;
mod help;
mod notes_index;
mod page;
mod popup;
mod sidenotes;
mod status;
pub mod theme;

use crate::app::{App, Overlay};
use ratatui::Frame;

/// Smallest screen the reader draws a page on; below it a short notice is shown instead.
pub const MIN_WIDTH: u16 = 10;
pub const MIN_HEIGHT: u16 = 3;

/// Draw the whole screen, scrubbed: what the terminal is given.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    draw_checked(app, frame);
}

/// Draw the whole screen, scrubbed, and return how many cells the scrub had to replace.
/// Every sanitizer upstream doing its job means 0; tests assert that, so a gap is a
/// failure instead of a silent `\u{FFFD}`.
pub fn draw_checked(app: &App, frame: &mut Frame<'_>) -> usize {
    draw_unscrubbed(app, frame);
    scrub(frame)
}

/// Draw the whole screen WITHOUT the final scrub: the frame as the widgets left it. Only
/// for tests that check no control or bidi character reached a cell; the terminal is
/// always drawn through [`draw`].
pub fn draw_unscrubbed(app: &App, frame: &mut Frame<'_>) {
    draw_unchecked(app, frame);
}

/// The last line of defence against terminal injection: document text is sanitized when
/// the model is built, and typed or stored text (queries, labels, history) when shown, but
/// any control or bidi character that still reached a cell is replaced here, so nothing
/// drawn can ever write a raw control to the terminal. Returns how many cells it replaced.
fn scrub(frame: &mut Frame<'_>) -> usize {
    use crate::document::parse::sanitize::is_unsafe_char;
    let mut replaced = 0;
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe_char) {
            cell.set_symbol("\u{FFFD}");
            replaced += 1;
        }
    }
    replaced
}

fn draw_unchecked(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        status::too_small(frame, area);
        return;
    }
    page::draw(app, frame, area);
    sidenotes::draw(app, frame, area);
    status::draw(app, frame, area);
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll, query } => help::draw(frame, area, *scroll, query),
            Overlay::HelpFind(find) => status::draw_help_find(frame, area, &find.edit),
            Overlay::Preview { note, scroll } => popup::draw(app, frame, area, *note, *scroll),
            Overlay::NotesIndex { selected } => notes_index::draw(app, frame, area, *selected),
            Overlay::Search(prompt) => status::draw_prompt(app, frame, area, prompt),
            Overlay::Label(prompt) => status::draw_label(frame, area, prompt),
            Overlay::ConfirmRemove { label, .. } => status::draw_question(
                frame,
                area,
                &format!("Remove bookmark «{label}»? y removes · any other key keeps it"),
            ),
            Overlay::Bookmarks {
                selected,
                only_unit,
            } => bookmark_list::draw(app, frame, area, *selected, *only_unit),
        }
    }
}
