//! Where links stand on the drawn screen, for the terminal layer to emit as OSC 8
//! hyperlinks after the frame. The escape never goes into a cell symbol: the final scrub
//! would (rightly) replace it, and ratatui would count it as a cell's width.

use crate::app::App;
use crate::layout::{display_width, UnitLayout};
use std::ops::Range;

/// A stretch of one screen row that shows a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkArea {
    pub row: u16,
    /// Columns, end exclusive.
    pub cols: Range<u16>,
    /// The target, sanitised by `document::links` (printable ASCII only).
    pub url: String,
}

/// Display ranges of the links of `layout`'s unit.
pub fn display_ranges(app: &App, layout: &UnitLayout) -> Vec<(Range<usize>, usize)> {
    app.links(layout.unit)
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let start = layout.display_offset(l.range.start);
            (start..layout.display_offset(l.range.end).max(start), i)
        })
        .collect()
}

/// The links on one drawn row: `range` of the display string drawn from column `x` on
/// screen row `y`.
pub fn on_row(
    app: &App,
    layout: &UnitLayout,
    range: Range<usize>,
    x: u16,
    y: u16,
) -> Vec<LinkArea> {
    let links = app.links(layout.unit);
    let text = &layout.display;
    let mut out = Vec::new();
    for (d, i) in display_ranges(app, layout) {
        let start = d.start.max(range.start);
        let end = d.end.min(range.end);
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let before = display_width(&text[range.start..start]);
        let width = display_width(&text[start..end]);
        let from = x.saturating_add(u16::try_from(before).unwrap_or(u16::MAX));
        let to = from.saturating_add(u16::try_from(width).unwrap_or(u16::MAX));
        out.push(LinkArea {
            row: y,
            cols: from..to,
            url: links[i].url.clone(),
        });
    }
    out
}
