//! Drawing: a pure function of `App` state onto a ratatui frame. The only module (with
//! `terminal`) that knows about ratatui.

mod bookmark_list;
mod frame;
mod help;
pub mod library;
pub mod links;
mod notes_index;
mod outline;
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

/// Draw the shell's screen, scrubbed: the library, or the reader (with its links).
pub fn draw_shell(shell: &crate::library::Shell, frame: &mut Frame<'_>) -> Vec<links::LinkArea> {
    match shell.app() {
        Some(app) => draw_with_links(app, frame),
        None => {
            theme::install(shell.appearance);
            library::draw(&shell.library, frame);
            Vec::new()
        }
    }
}

/// Draw the whole screen, scrubbed, and say where links are on it, for the terminal
/// layer to make them hyperlinks after the frame (`links::LinkArea`).
pub fn draw_with_links(app: &App, frame: &mut Frame<'_>) -> Vec<links::LinkArea> {
    let links = draw_unchecked(app, frame);
    scrub(frame);
    links
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

/// The links drawn on the screen, as [`draw_with_links`] reports them (for tests).
pub fn link_areas(app: &App, frame: &mut Frame<'_>) -> Vec<links::LinkArea> {
    draw_unchecked(app, frame)
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

fn draw_unchecked(app: &App, frame: &mut Frame<'_>) -> Vec<links::LinkArea> {
    theme::install(app.appearance);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        status::too_small(frame, area);
        return Vec::new();
    }
    let mut links = Vec::new();
    page::draw(app, frame, area, &mut links);
    sidenotes::draw(app, frame, area, &mut links);
    let status_rows = status::draw(app, frame, area);
    // Rows under the status line (a long message wraps upwards) and the page under a box
    // are not links there.
    let first_status_row = area.bottom().saturating_sub(status_rows);
    links.retain(|l| l.row < first_status_row);
    if app.overlays.iter().any(|o| {
        !matches!(
            o,
            Overlay::Search(_)
                | Overlay::Label(_)
                | Overlay::ConfirmRemove { .. }
                | Overlay::HelpFind(_)
        )
    }) {
        links.clear();
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll, query } => help::draw(&app.keymap, frame, area, *scroll, query),
            Overlay::HelpFind(find) => status::draw_help_find(app, frame, area, &find.edit),
            Overlay::Preview { note, scroll } => {
                popup::draw(app, frame, area, *note, *scroll, &mut links)
            }
            Overlay::NotesIndex { selected } => notes_index::draw(app, frame, area, *selected),
            Overlay::Search(prompt) => status::draw_prompt(app, frame, area, prompt),
            Overlay::Label(prompt) => status::draw_label(app, frame, area, prompt),
            Overlay::ConfirmRemove { label, .. } => status::draw_question(
                frame,
                area,
                &format!(
                    "Remove bookmark «{label}»? {} removes · any other key keeps it",
                    app.keymap
                        .key_in(crate::keymap::Mode::Confirm, crate::app::Action::Yes)
                ),
            ),
            Overlay::Bookmarks {
                selected,
                only_unit,
            } => bookmark_list::draw(app, frame, area, *selected, *only_unit),
            Overlay::Outline { selected } => outline::draw(app, frame, area, *selected),
        }
    }
    links
}
