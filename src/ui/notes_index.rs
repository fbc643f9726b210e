//! The notes index: every note, the start of its text (or "missing"), how often it is
//! cited; notes nothing cites are listed and marked, not hidden.

use super::theme;
use crate::app::App;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// One line of the index for note `n`, at most `width` columns.
pub fn entry(app: &App, n: usize, width: usize) -> (String, String, String) {
    let note = &app.doc.notes[n];
    let label = format!("[{}]", note.label);
    let refs = note.refs.len();
    let cites = app.doc.references(n).len();
    let count = match (refs, cites) {
        (0, _) => "not cited".to_string(),
        (_, 1) => "1 place".to_string(),
        (_, c) => format!("{c} places"),
    };
    let text = match &note.text {
        Some(t) => t.replace("\n\n", " ¶ ").replace('\n', " "),
        None if !note.defined => "not defined in this document".to_string(),
        None => "missing".to_string(),
    };
    // The scope is named when the document has several (notes numbered per chapter).
    let text = match app
        .doc
        .scopes
        .get(note.scope as usize)
        .filter(|_| app.doc.scopes.len() > 1)
    {
        Some(scope) => format!("{} · {text}", scope.name),
        None => text,
    };
    let room = width.saturating_sub(label.len() + 1 + 12);
    (
        label,
        format!("{count:>10}  "),
        crate::layout::shorten_at_word(&text, room),
    )
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, selected: usize) {
    let count = app.doc.notes.len();
    let rect = super::frame::list_rect(area, count);
    let width = rect.width;
    let inner_h = usize::from(rect.height.saturating_sub(2)).max(1);
    let first = selected
        .saturating_sub(inner_h / 2)
        .min(count.saturating_sub(inner_h));
    let inner_w = usize::from(width.saturating_sub(2));
    let lines: Vec<Line> = (first..count.min(first + inner_h))
        .map(|n| {
            let (label, refs, text) = entry(app, n, inner_w);
            let missing = app.doc.notes[n].text.is_none();
            let uncited = app.doc.notes[n].refs.is_empty();
            let mut line = Line::from(vec![
                Span::styled(
                    format!("{label:<6}"),
                    theme::mark(crate::layout::MarkKind::NoteLabel, false),
                ),
                Span::styled(
                    refs,
                    if uncited {
                        theme::warning()
                    } else {
                        theme::hint()
                    },
                ),
                Span::styled(
                    text,
                    if missing {
                        theme::mark(crate::layout::MarkKind::Missing, true)
                    } else {
                        ratatui::style::Style::new()
                    },
                ),
            ]);
            if n == selected {
                line =
                    line.patch_style(ratatui::style::Style::new().add_modifier(Modifier::REVERSED));
            }
            line
        })
        .collect();
    use crate::app::Action as A;
    use crate::keymap::Mode as M;
    let k = |m, a| app.keymap.key_in(m, a);
    let title = format!(
        " Notes ({count}) — {}: show in text · {}: close ",
        k(M::NotesIndex, A::Activate),
        k(M::NotesIndex, A::Cancel)
    );
    super::frame::boxed(frame, rect, title, lines);
}
