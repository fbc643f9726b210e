//! The bookmark list: label, excerpt, position, when it was made; passages that could not
//! be found in this version of the document are marked, never hidden.

use super::theme;
use crate::app::App;
use crate::document::parse::sanitize_line;
use crate::store::export::date_of;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn draw(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    selected: usize,
    only_unit: Option<usize>,
) {
    let shown = app.listed_bookmarks(only_unit);
    let count = shown.len();
    let selected = selected.min(count.saturating_sub(1));
    // Two lines per bookmark: label line and excerpt line.
    let rect = super::frame::list_rect(area, count * 2);
    let (width, height) = (rect.width, rect.height);
    let inner_w = usize::from(width.saturating_sub(2));
    let per_page = (usize::from(height.saturating_sub(2)) / 2).max(1);
    let first = selected
        .saturating_sub(per_page / 2)
        .min(count.saturating_sub(per_page));
    let mut lines: Vec<Line> = Vec::new();
    for (i, b) in shown.iter().enumerate().skip(first).take(per_page) {
        let when = date_of(b.created);
        let right = format!("{:>3}%  {when}", b.percent);
        let label_room = inner_w.saturating_sub(right.len() + 2);
        let label = crate::layout::shorten_at_word(&sanitize_line(&b.label), label_room);
        let pad = inner_w.saturating_sub(crate::layout::display_width(&label) + right.len());
        let mut head = Line::from(vec![
            Span::styled(label, Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, theme::hint()),
        ]);
        if i == selected {
            head = head.patch_style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(head);
        let excerpt = if b.lost && b.ambiguous {
            // Two passages are about as similar: better unplaced than on the wrong one.
            format!(
                "  unplaced: two passages match about equally · {}",
                sanitize_line(&b.excerpt)
            )
        } else if b.lost {
            format!(
                "  not found in this version · {}",
                sanitize_line(&b.excerpt)
            )
        } else if b.moved {
            format!("  moved · {}", sanitize_line(&b.excerpt))
        } else {
            format!("  {}", sanitize_line(&b.excerpt))
        };
        let style = if b.lost {
            theme::warning()
        } else {
            theme::hint()
        };
        lines.push(Line::styled(
            crate::layout::shorten_at_word(&excerpt, inner_w),
            style,
        ));
    }
    use crate::app::Action as A;
    use crate::keymap::Mode as M;
    let k = |a| app.keymap.key_in(M::Bookmarks, a);
    if count == 0 {
        lines.push(Line::styled(
            format!(
                "no bookmarks ({} undoes, {} redoes)",
                k(A::Undo),
                k(A::Redo)
            ),
            theme::hint(),
        ));
    }
    let what = if only_unit.is_some() {
        "at this passage "
    } else {
        ""
    };
    let title = format!(
        " Bookmarks {what}({count}) — {}: go · {}: remove · {}: undo · {}: rename · {}: mark ",
        k(A::Activate),
        k(A::Delete),
        k(A::Undo),
        k(A::Rename),
        k(A::MarkPrefix)
    );
    super::frame::boxed(frame, rect, title, lines);
}
