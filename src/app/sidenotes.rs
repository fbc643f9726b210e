//! What the note column shows, UI-free: the notes cited on the page (and just above it,
//! for the tails of notes whose anchor scrolled off the top), where each goes
//! (`layout::sidenotes::place_clipped`), and which note a click in the column is on.
//! `ui::sidenotes` draws exactly this; the mouse handler hit-tests against it.

use super::{App, RowPos, Target};
use crate::document::Part;
use crate::layout::sidenotes::{place_clipped, wanted_rows};
use crate::layout::{MarkKind, RowKind, UnitLayout};

/// One note in the column, as placed on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarginNote {
    pub note: usize,
    /// Screen row of the first row shown.
    pub top: usize,
    /// Rows shown on screen (at least 1).
    pub rows: usize,
    /// Rows cut off above the screen: more than 0 for the tail of a note whose anchor
    /// scrolled off the top (its label is drawn on its first row shown).
    pub skip: usize,
    /// Rows of the whole note at the column's width (1 for a missing note's stub).
    pub total: usize,
}

impl MarginNote {
    /// Rows the note was given, above the screen included. Fewer than `total`: the last
    /// of them says `… +N lines`.
    pub fn placed(&self) -> usize {
        self.skip + self.rows
    }

    /// Text rows drawn of the note before `… +N lines` (all of them when it is whole).
    pub fn text_rows(&self) -> usize {
        let placed = self.placed();
        if placed < self.total && placed > 1 {
            placed - 1
        } else {
            placed
        }
    }
}

/// Text rows of a note laid out alone (blank separator rows between its paragraphs kept).
pub fn note_rows(layout: &UnitLayout) -> usize {
    let last = layout.rows.iter().rposition(|r| r.kind == RowKind::Text);
    last.map_or(1, |l| l + 1)
}

impl App {
    /// The notes the column shows now, top to bottom; empty when it is closed. The cost
    /// follows the screen: the rows of the page and of at most a page above it are
    /// scanned, and only the notes cited there are laid out (cached per width).
    pub fn margin_notes(&self) -> Vec<MarginNote> {
        if self.note_column().is_none() {
            return Vec::new();
        }
        let height = self.page_height();
        let (rows, above) = self.window_rows(height);
        let selected = match self.selected {
            Some(t @ Target::Anchor { .. }) => t.note(&self.doc),
            _ => None,
        };
        let cited = self.cited_in(&rows);
        let mut totals = Vec::with_capacity(cited.len());
        let mut heights = Vec::with_capacity(cited.len());
        for &(note, _) in &cited {
            if self.doc.notes[note].text.is_none() {
                totals.push(1);
                heights.push(1);
            } else {
                let total = note_rows(&self.note_layout(note));
                totals.push(total);
                heights.push(wanted_rows(total, selected == Some(note)));
            }
        }
        let anchors: Vec<usize> = cited.iter().map(|&(_, row)| row).collect();
        place_clipped(&anchors, &heights, above, height)
            .into_iter()
            .zip(cited.iter().zip(totals))
            .filter(|(p, _)| p.rows > 0)
            .map(|(p, (&(note, _), total))| MarginNote {
                note,
                top: p.top,
                rows: p.rows,
                skip: p.skip,
                total,
            })
            .collect()
    }

    /// The note whose margin copy is drawn at screen cell (`x`, `y`), if any.
    pub fn margin_note_at(&self, x: u16, y: u16) -> Option<usize> {
        let (left, width) = self.note_column()?;
        if x < left || x >= left.saturating_add(width) {
            return None;
        }
        let y = usize::from(y);
        self.margin_notes()
            .into_iter()
            .find(|m| m.top <= y && y < m.top + m.rows)
            .map(|m| m.note)
    }

    /// The rows of the page with up to `height` rows above it, and how many are above.
    fn window_rows(&self, height: usize) -> (Vec<RowPos>, usize) {
        self.rows(|r| {
            let top = r.normalise(self.top);
            let mut start = top;
            let mut above = 0;
            while above < height {
                let prev = r.backward(start, 1);
                if prev == start {
                    break;
                }
                start = prev;
                above += 1;
            }
            let mut out = Vec::with_capacity(above + height);
            let mut pos = start;
            for _ in 0..above + height {
                out.push(pos);
                let next = r.forward(pos, 1);
                if next == pos {
                    break;
                }
                pos = next;
            }
            (out, above)
        })
    }

    /// The notes cited on `rows`, each once, with the index of the row of its first
    /// citation there.
    fn cited_in(&self, rows: &[RowPos]) -> Vec<(usize, usize)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (y, pos) in rows.iter().enumerate() {
            let Part::Block(b) = self.doc.part(pos.unit) else {
                continue;
            };
            let layout = self.layout(pos.unit);
            let Some(row) = layout.rows.get(pos.row) else {
                continue;
            };
            // Marks are sorted by start: only those starting on this row are looked at.
            let from = layout
                .marks
                .partition_point(|m| m.range.start < row.range.start);
            let on_row = layout.marks[from..]
                .iter()
                .take_while(|m| m.range.start < row.range.end);
            for m in on_row {
                let MarkKind::Anchor(i) = m.kind else {
                    continue;
                };
                let Some(a) = self.doc.blocks[b].anchors.get(i) else {
                    continue;
                };
                if seen.insert(a.note()) {
                    out.push((a.note(), y));
                }
            }
        }
        out
    }
}
