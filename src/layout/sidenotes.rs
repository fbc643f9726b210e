//! Where margin notes go: a UI-free placement of notes in a column beside the text.
//!
//! Given the screen rows of the anchors (in reading order), how many rows each note needs
//! at the note column's width and the screen height, [`place`] says where each note starts
//! and how many of its rows it shows:
//!
//! - a note never starts above its anchor, and notes keep their order without overlapping
//!   (one that would overlap the note before is pushed down);
//! - near the bottom of the screen, the notes above are shortened so that every later note
//!   still starts on screen, rather than the whole stack being shoved up;
//! - every note starts on screen whenever all of them can (one row each, at or below
//!   their anchors); the ones that cannot come last and get no rows;
//! - when nothing reaches the bottom, moving every anchor one row moves every note one row.
//!
//! [`place_clipped`] does the same for a window reaching some rows above the screen, so a
//! note whose anchor scrolled off the top keeps the tail that still reaches the screen
//! (the caller draws its label on the first row shown) until its last row leaves.
//!
//! The cost is linear in the number of notes given (those cited on screen or just above).

/// The one-row stub that stands for a note without text, in the column and in
/// `--dump --sidenotes`: `[3] — missing` when the document lost its text, `[3] — no such
/// note` when the label is cited but never defined (the reader sees the document's
/// problems in place). `None` for a note with text.
pub fn stub(note: &crate::document::Note) -> Option<String> {
    if note.text.is_some() {
        return None;
    }
    let what = if note.defined {
        "missing"
    } else {
        "no such note"
    };
    Some(format!("[{}] — {what}", note.label))
}

/// Rows a long note is collapsed to when its anchor is not selected, the last of them
/// saying `… +N lines`.
pub const COLLAPSED_ROWS: usize = 4;

/// The rows a note of `height` rows asks for in the column: all of them when it is short
/// or `whole`, else [`COLLAPSED_ROWS`].
pub fn wanted_rows(height: usize, whole: bool) -> usize {
    let height = height.max(1);
    if whole || height <= COLLAPSED_ROWS + 1 {
        height
    } else {
        COLLAPSED_ROWS
    }
}

/// One placed note: its first row on screen and how many rows it shows (0: not shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub top: usize,
    pub rows: usize,
}

/// Place notes. `anchors[i]` is the screen row of note `i`'s anchor (non-decreasing, each
/// below `screen`), `heights[i]` the rows it asks for (0 counts as 1); `screen` the
/// height of the column. Returns one [`Placed`] per note, in the same order.
pub fn place(anchors: &[usize], heights: &[usize], screen: usize) -> Vec<Placed> {
    let n = anchors.len().min(heights.len());
    // How many notes can start on screen with one row each: a prefix, as the tightest
    // starts only grow.
    let mut fit = 0;
    let mut tight = 0;
    for (i, &a) in anchors.iter().take(n).enumerate() {
        tight = if i == 0 { a } else { a.max(tight + 1) };
        if tight >= screen {
            break;
        }
        fit = i + 1;
    }
    let mut out = Vec::with_capacity(n);
    let mut end = 0; // the row after the previous note, at its full height
    for i in 0..fit {
        // The latest start that still leaves one row for each later note that fits.
        let latest = screen - (fit - i);
        let top = anchors[i].max(end).min(latest);
        if let Some(prev) = out.last_mut() {
            let prev: &mut Placed = prev;
            prev.rows = prev.rows.min(top - prev.top);
        }
        let rows = heights[i].max(1);
        end = top + rows;
        out.push(Placed { top, rows });
    }
    if let Some(last) = out.last_mut() {
        last.rows = last.rows.min(screen - last.top);
    }
    out.extend((fit..n).map(|_| Placed {
        top: screen,
        rows: 0,
    }));
    out
}

/// A note as the screen shows it: its first row on screen, how many rows are shown there,
/// and how many of its rows were cut off above the screen (`skip > 0`: a clipped tail).
/// The note was placed with `skip + rows` rows; `rows == 0` means it is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub top: usize,
    pub rows: usize,
    pub skip: usize,
}

/// Place notes in a window that starts `above` rows above the screen: `anchors[i]` counts
/// rows from the window's top (so an anchor above `above` is on screen), `screen` the
/// screen's height. Notes are placed as [`place`] does over the whole window, then cut at
/// the screen's top: a note that ends above it is not shown, one that straddles it shows
/// its tail from screen row 0. Scrolling a row therefore moves every note a row, those
/// whose anchor left the top included, until their last row leaves.
pub fn place_clipped(
    anchors: &[usize],
    heights: &[usize],
    above: usize,
    screen: usize,
) -> Vec<Shown> {
    place(anchors, heights, above + screen)
        .into_iter()
        .map(|p| {
            let end = p.top + p.rows;
            if p.rows == 0 || end <= above {
                Shown {
                    top: screen,
                    rows: 0,
                    skip: 0,
                }
            } else {
                let skip = above.saturating_sub(p.top);
                Shown {
                    top: p.top + skip - above,
                    rows: p.rows - skip,
                    skip,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_start_level_with_their_anchors() {
        let p = place(&[2, 10], &[3, 2], 30);
        assert_eq!(
            p,
            vec![Placed { top: 2, rows: 3 }, Placed { top: 10, rows: 2 }]
        );
    }

    #[test]
    fn an_overlapping_note_is_pushed_down() {
        let p = place(&[2, 3], &[4, 2], 30);
        assert_eq!(
            p,
            vec![Placed { top: 2, rows: 4 }, Placed { top: 6, rows: 2 }]
        );
    }

    #[test]
    fn near_the_bottom_the_notes_above_are_shortened() {
        // Three notes of 5 rows at rows 20, 21, 22 of 25: the last must start by row 24.
        let p = place(&[20, 21, 22], &[5, 5, 5], 25);
        assert_eq!(p[0].top, 20);
        assert!(p[2].top <= 24 && p[2].rows >= 1);
        assert!(p[0].rows < 5, "the first is shortened: {p:?}");
        assert_eq!(p[2].top + p[2].rows, 25);
    }

    #[test]
    fn notes_that_cannot_fit_get_no_rows() {
        let p = place(&[0, 0, 0, 0], &[1, 1, 1, 1], 3);
        assert_eq!(p.iter().filter(|p| p.rows > 0).count(), 3);
        assert_eq!(p[3].rows, 0);
    }

    #[test]
    fn a_note_whose_anchor_left_the_top_keeps_its_tail() {
        // Two rows above the screen: a 4-row note cited on the first of them shows its
        // last two rows from screen row 0; the next note is pushed below that tail.
        let p = place_clipped(&[0, 2], &[4, 1], 2, 10);
        assert_eq!(
            p[0],
            Shown {
                top: 0,
                rows: 2,
                skip: 2
            }
        );
        assert_eq!(
            p[1],
            Shown {
                top: 2,
                rows: 1,
                skip: 0
            }
        );
        // Gone once its last row has left.
        let p = place_clipped(&[0], &[2], 2, 10);
        assert_eq!(p[0].rows, 0);
    }

    #[test]
    fn long_notes_collapse_unless_whole() {
        assert_eq!(wanted_rows(3, false), 3);
        assert_eq!(wanted_rows(COLLAPSED_ROWS + 1, false), COLLAPSED_ROWS + 1);
        assert_eq!(wanted_rows(20, false), COLLAPSED_ROWS);
        assert_eq!(wanted_rows(20, true), 20);
        assert_eq!(wanted_rows(0, false), 1);
    }
}
