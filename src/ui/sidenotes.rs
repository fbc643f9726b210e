//! The note column beside the text on wide terminals: draws what `App::margin_notes`
//! placed (each note cited on screen, level with its first anchor there; the tail of one
//! whose anchor scrolled off the top, with its label on its first row shown).

use super::page::spans_for;
use super::theme;
use crate::app::sidenotes::MarginNote;
use crate::app::{App, Target, GUTTER};
use crate::layout::{MarkKind, RowKind, UnitLayout};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, links: &mut Vec<super::links::LinkArea>) {
    let Some((left, width)) = app.note_column() else {
        return;
    };
    let bottom = usize::from(area.height.saturating_sub(1));
    let selected = match app.selected {
        Some(t @ Target::Anchor { .. }) => t.note(&app.doc),
        _ => None,
    };
    let x = area.x + left;
    for m in app.margin_notes() {
        if m.top >= bottom {
            continue;
        }
        let rows = m.rows.min(bottom - m.top);
        let lit = selected == Some(m.note);
        let y = area.y + m.top as u16;
        if lit {
            // A bar in the gutter marks the note of the selected anchor.
            for dy in 0..rows as u16 {
                let cell = Rect::new(x.saturating_sub(GUTTER - 1), y + dy, 1, 1);
                frame.render_widget(
                    Line::styled("▎", theme::mark(MarkKind::NoteLabel, false)),
                    cell,
                );
            }
        }
        let layout = app.note_layout(m.note);
        let shown = NoteRows {
            app,
            layout: &layout,
            m: &m,
            lit,
            width,
        };
        for dy in 0..rows {
            let rect = Rect::new(x, y + dy as u16, width, 1);
            shown.draw_row(frame, m.skip + dy, rect, links);
        }
        if m.skip > 0 {
            // A tail: its first row shown carries the label, in the hanging indent.
            shown.draw_label(frame, Rect::new(x, y, width, 1));
        }
    }
}

/// One placed note's rows: its text rows, then `… +N lines` when it is cut short.
struct NoteRows<'a> {
    app: &'a App,
    layout: &'a UnitLayout,
    m: &'a MarginNote,
    lit: bool,
    width: u16,
}

impl NoteRows<'_> {
    /// Row `v` of the note (counted from its first row, above the screen or not) in `rect`.
    fn draw_row(
        &self,
        frame: &mut Frame<'_>,
        v: usize,
        rect: Rect,
        links: &mut Vec<super::links::LinkArea>,
    ) {
        let (app, layout) = (self.app, self.layout);
        let note = &app.doc.notes[self.m.note];
        if let Some(stub) = crate::layout::sidenotes::stub(note) {
            // Lost text is dimmed; a label the document never defines is a warning.
            let mut style = if note.defined {
                theme::mark(MarkKind::Missing, false).add_modifier(Modifier::DIM)
            } else {
                theme::warning()
            };
            if self.lit {
                style = style.patch(theme::selected());
            }
            let pad = " ".repeat(self.label_range().map_or(0, |r| r.start));
            let line = Line::styled(format!("{pad}{stub}"), style);
            frame.render_widget(line, rect);
            return;
        }
        let text_rows = self.m.text_rows();
        if v < text_rows {
            let Some(row) = layout.rows.get(v).filter(|r| r.kind == RowKind::Text) else {
                return;
            };
            let indent = row.indent.min(self.width);
            let rect = Rect::new(rect.x + indent, rect.y, self.width - indent, 1);
            let spans = self.spans(row.range.clone());
            frame.render_widget(Line::from(spans), rect);
            // Links in the note are hyperlinks here too (painted after the frame).
            links.extend(super::links::on_row(
                app,
                layout,
                row.range.clone(),
                rect.x,
                rect.y,
            ));
            return;
        }
        let more = self.m.total.saturating_sub(text_rows);
        let text = if more == 1 {
            "… +1 line".to_string()
        } else {
            format!("… +{more} lines")
        };
        let indent = self.hang().min(self.width);
        frame.render_widget(
            Line::styled(text, theme::hint().add_modifier(Modifier::DIM)),
            Rect::new(rect.x + indent, rect.y, self.width - indent, 1),
        );
    }

    /// The note's label (with its padding, so labels stay right-aligned) at `rect`.
    fn draw_label(&self, frame: &mut Frame<'_>, rect: Rect) {
        let Some(label) = self.label_range() else {
            return;
        };
        let first = self.layout.rows.first().map_or(0, |r| r.range.start);
        let spans = self.spans(first..label.end);
        frame.render_widget(Line::from(spans), rect);
    }

    /// Display range of the note's `[label]`.
    fn label_range(&self) -> Option<std::ops::Range<usize>> {
        self.layout
            .marks
            .iter()
            .find(|m| m.kind == MarkKind::NoteLabel)
            .map(|m| m.range.clone())
    }

    /// Columns the note's later rows are indented by (where its text starts).
    fn hang(&self) -> u16 {
        self.layout
            .rows
            .iter()
            .skip(1)
            .find(|r| r.kind == RowKind::Text)
            .map_or_else(
                || {
                    self.label_range().map_or(0, |r| {
                        crate::layout::display_width(&self.layout.display[..r.end]) as u16 + 1
                    })
                },
                |r| r.indent,
            )
    }

    /// Styled spans of `range`; the label of the highlighted note shown as selected.
    fn spans(&self, range: std::ops::Range<usize>) -> Vec<Span<'static>> {
        let (app, layout) = (self.app, self.layout);
        let label = self
            .label_range()
            .filter(|r| self.lit && r.start >= range.start && r.end <= range.end);
        let Some(label) = label else {
            return spans_for(app, layout, range);
        };
        let mut out = spans_for(app, layout, range.start..label.start);
        let lit = spans_for(app, layout, label.clone()).into_iter().map(|s| {
            let style: Style = s.style.patch(theme::selected());
            Span::styled(s.content, style)
        });
        out.extend(lit);
        out.extend(spans_for(app, layout, label.end..range.end));
        out
    }
}
