//! The library screen: a title line, the documents (title, date, series and number,
//! progress, bookmarks, last opened) or every bookmark, the filter, and a line for
//! messages, questions and keys. A pure function of `LibraryState`.

use super::theme;
use crate::app::Action;
use crate::document::parse::sanitize_line;
use crate::layout::{display_width, shorten_at_word};
use crate::library::{Entry, LibraryState, Tab};
use crate::store::export::date_of;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draw the library, scrubbed like every frame.
pub fn draw(lib: &LibraryState, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT + 1 {
        super::status::too_small(frame, area);
        super::scrub(frame);
        return;
    }
    let width = usize::from(area.width);
    let rows = match lib.tab {
        Tab::Documents => lib.document_rows().len(),
        Tab::Bookmarks => lib.bookmark_rows().len(),
    };
    let what = match lib.tab {
        Tab::Documents => crate::app::plural(rows, "document"),
        Tab::Bookmarks => crate::app::plural(rows, "bookmark"),
    };
    let title = format!(
        " Library · {} · {what} · sorted by {}",
        sanitize_line(&lib.origin),
        lib.sort.name()
    );
    line(frame, area, 0, Line::styled(fit(&title, width), bold()));
    let list_h = usize::from(area.height.saturating_sub(4)).max(1);
    let top = lib.scroll_for(list_h);
    match lib.tab {
        Tab::Documents => {
            let cols = Columns::for_width(width);
            line(frame, area, 1, Line::styled(cols.header(), theme::hint()));
            for (n, &i) in lib
                .document_rows()
                .iter()
                .enumerate()
                .skip(top)
                .take(list_h)
            {
                let mut l = Line::from(cols.row(&lib.entries[i]));
                if lib.entries[i].missing {
                    l = l.patch_style(theme::hint());
                }
                if n == lib.selected {
                    l = l.patch_style(Style::new().add_modifier(Modifier::REVERSED));
                }
                line(frame, area, 2 + (n - top) as u16, l);
            }
        }
        Tab::Bookmarks => {
            line(
                frame,
                area,
                1,
                Line::styled(fit(" Every bookmark, by document", width), theme::hint()),
            );
            let rows = lib.bookmark_rows();
            for (n, &b) in rows.iter().enumerate().skip(top).take(list_h) {
                let listed = &lib.bookmarks[b];
                let e = &lib.entries[listed.entry];
                let bm = &listed.bookmark;
                let label = if bm.label.trim().is_empty() {
                    "(no label)".to_string()
                } else {
                    sanitize_line(&bm.label)
                };
                let lost = if bm.lost {
                    " · not found in this version"
                } else {
                    ""
                };
                let text = format!(
                    " {label} · {}% · {} · {}{lost}",
                    bm.percent,
                    sanitize_line(&e.title),
                    sanitize_line(&bm.excerpt)
                );
                let mut l = Line::raw(fit(&text, width));
                if n == lib.selected {
                    l = l.patch_style(Style::new().add_modifier(Modifier::REVERSED));
                }
                line(frame, area, 2 + (n - top) as u16, l);
            }
        }
    }
    if rows == 0 {
        let empty = if !lib.filter.is_empty() {
            format!(
                " nothing matches the filter ({} clears it)",
                lib.key(Action::Cancel)
            )
        } else if lib.tab == Tab::Bookmarks {
            format!(
                " no bookmarks yet ({} in the reader makes one)",
                lib.keymap.key_for(Action::Bookmark)
            )
        } else {
            " no documents yet: open one with sidenote FILE".to_string()
        };
        line(frame, area, 2, Line::styled(empty, theme::hint()));
    }
    let filter = format!(" filter: {}▏", sanitize_line(&lib.filter));
    line(frame, area, area.height - 2, Line::raw(fit(&filter, width)));
    let bottom = if let Some(q) = lib.question() {
        Line::styled(fit(&format!(" {q}"), width), bold())
    } else if let Some(m) = &lib.message {
        Line::raw(fit(&format!(" {}", sanitize_line(m)), width))
    } else {
        // Named from the keymap: a rebound key is shown as it is bound.
        let (enter, tab, sort, forget, esc) = (
            lib.key(Action::Activate),
            lib.key(Action::SwitchList),
            lib.key(Action::CycleSort),
            lib.key(Action::Forget),
            lib.key(Action::Cancel),
        );
        let hint = if width >= 95 {
            format!(" type to filter · {enter} open · {tab} bookmarks/documents · {sort} sort · {forget} forget · {esc} quit")
        } else if width >= 66 {
            format!(" {enter} open · {tab} bookmarks · {sort} sort · {forget} forget · {esc} quit")
        } else {
            format!(" {enter} open · {tab} marks · {sort} sort · {forget} forget · {esc} quit")
        };
        Line::styled(fit(&hint, width), theme::hint())
    };
    line(
        frame,
        area,
        area.height - 1,
        bottom.patch_style(theme::status()),
    );
    super::scrub(frame);
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn line(frame: &mut Frame<'_>, area: Rect, y: u16, l: Line<'_>) {
    let rect = Rect::new(area.x, area.y + y, area.width, 1);
    frame.render_widget(Paragraph::new(l), rect);
}

/// `text` cut to `width` columns (at a word, with `…`), padded to fill the row.
fn fit(text: &str, width: usize) -> String {
    let cut = if display_width(text) > width {
        shorten_at_word(text, width)
    } else {
        text.to_string()
    };
    let pad = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// The document columns that fit: narrow terminals drop series and last opened.
struct Columns {
    title: usize,
    series: bool,
    opened: bool,
}

const DATE_W: usize = 10;
const TITLE_MAX: usize = 72;
const SERIES_W: usize = 28;
const READ_W: usize = 4;
const MARKS_W: usize = 5;
const OPENED_W: usize = 10;

impl Columns {
    fn for_width(width: usize) -> Columns {
        let fixed = 1 + (DATE_W + 2) + (READ_W + 2) + (MARKS_W + 2);
        let series = width >= fixed + SERIES_W + 2 + OPENED_W + 2 + 24;
        let opened = width >= fixed + OPENED_W + 2 + 24;
        let mut used = fixed;
        if series {
            used += SERIES_W + 2;
        }
        if opened {
            used += OPENED_W + 2;
        }
        Columns {
            // A very wide terminal does not spread the row out: the title column stops
            // at TITLE_MAX, keeping the figures near the titles they belong to.
            title: width.saturating_sub(used).clamp(8, TITLE_MAX),
            series,
            opened,
        }
    }

    fn header(&self) -> String {
        self.join("Title", "Date", "Series", "Read", "Marks", "Opened")
    }

    fn row(&self, e: &Entry) -> String {
        let mut title = sanitize_line(&e.title);
        if e.missing {
            title = format!("{title} (missing)");
        }
        let series = match (&e.meta.series, &e.meta.number) {
            (Some(s), Some(n)) => format!("{} No. {}", sanitize_line(s), sanitize_line(n)),
            (Some(s), None) => sanitize_line(s),
            (None, Some(n)) => format!("No. {}", sanitize_line(n)),
            (None, None) => String::new(),
        };
        let read = e.percent.map_or("–".to_string(), |p| format!("{p}%"));
        let marks = if e.bookmarks.is_empty() {
            String::new()
        } else {
            e.bookmarks.len().to_string()
        };
        let opened = e.last_opened.map_or("never".to_string(), date_of);
        self.join(
            &title,
            e.meta
                .date
                .as_deref()
                .map(sanitize_line)
                .as_deref()
                .unwrap_or(""),
            &series,
            &read,
            &marks,
            &opened,
        )
    }

    fn join(
        &self,
        title: &str,
        date: &str,
        series: &str,
        read: &str,
        marks: &str,
        opened: &str,
    ) -> String {
        let mut out = format!(" {}  {}", cell(title, self.title), cell(date, DATE_W));
        if self.series {
            out.push_str(&format!("  {}", cell(series, SERIES_W)));
        }
        out.push_str(&format!("  {:>READ_W$}  {:>MARKS_W$}", read, marks));
        if self.opened {
            out.push_str(&format!("  {}", cell(opened, OPENED_W)));
        }
        out
    }
}

fn cell(text: &str, width: usize) -> String {
    fit(text, width)
}
