//! Properties of the margin-note placement (`layout::sidenotes::place`, and
//! `place_clipped` with rows above the screen for the tails of notes whose anchor
//! scrolled off the top), on plain numbers.

use proptest::prelude::*;
use sidenote::layout::sidenotes::{place, place_clipped, Placed, Shown};

/// Screen height, sorted anchor rows on it and one height per note.
fn case() -> impl Strategy<Value = (usize, Vec<usize>, Vec<usize>)> {
    (1usize..60).prop_flat_map(|screen| {
        (0usize..12).prop_flat_map(move |n| {
            (
                Just(screen),
                proptest::collection::vec(0..screen, n).prop_map(|mut v| {
                    v.sort_unstable();
                    v
                }),
                proptest::collection::vec(1usize..15, n),
            )
        })
    })
}

/// Rows above the screen, screen height, sorted anchor rows in the window (counted from
/// its top, `above` rows above the screen) and one height per note.
fn window_case() -> impl Strategy<Value = (usize, usize, Vec<usize>, Vec<usize>)> {
    (0usize..20, 1usize..40).prop_flat_map(|(above, screen)| {
        (0usize..12).prop_flat_map(move |n| {
            (
                Just(above),
                Just(screen),
                proptest::collection::vec(0..above + screen, n).prop_map(|mut v| {
                    v.sort_unstable();
                    v
                }),
                proptest::collection::vec(1usize..15, n),
            )
        })
    })
}

/// Whether every note can start on screen with one row, at or below its anchor.
fn all_fit(anchors: &[usize], screen: usize) -> bool {
    let mut next = 0;
    for &a in anchors {
        let top = a.max(next);
        if top >= screen {
            return false;
        }
        next = top + 1;
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn order_is_kept_and_notes_never_overlap((screen, anchors, heights) in case()) {
        let p = place(&anchors, &heights, screen);
        prop_assert_eq!(p.len(), anchors.len());
        let shown: Vec<&Placed> = p.iter().filter(|p| p.rows > 0).collect();
        // The notes shown are the first ones, in order.
        prop_assert!(p.iter().skip(shown.len()).all(|p| p.rows == 0));
        for (i, q) in shown.iter().enumerate() {
            prop_assert!(q.top >= anchors[i], "never above its anchor: {:?}", p);
            prop_assert!(q.rows <= heights[i]);
            prop_assert!(q.top + q.rows <= screen, "on screen: {:?}", p);
        }
        for w in shown.windows(2) {
            prop_assert!(w[0].top + w[0].rows <= w[1].top, "no overlap: {:?}", p);
        }
    }

    #[test]
    fn every_note_starts_on_screen_when_they_can_fit((screen, anchors, heights) in case()) {
        let p = place(&anchors, &heights, screen);
        if all_fit(&anchors, screen) {
            prop_assert!(p.iter().all(|q| q.rows >= 1 && q.top < screen), "{:?}", p);
        }
    }

    #[test]
    fn notes_whole_when_nothing_reaches_the_bottom((screen, anchors, heights) in case()) {
        let free = place(&anchors, &heights, usize::MAX / 2);
        if free.last().is_none_or(|q| q.top + q.rows <= screen) {
            prop_assert_eq!(place(&anchors, &heights, screen), free);
        }
    }

    #[test]
    fn one_row_of_scrolling_moves_every_note_one_row((screen, anchors, heights) in case()) {
        let p = place(&anchors, &heights, screen);
        // Nothing near the bottom: the stack ends at least a row above it.
        let clear = p.iter().all(|q| q.rows > 0)
            && p.last().is_none_or(|q| q.top + q.rows < screen)
            && p.iter().zip(&heights).all(|(q, h)| q.rows == *h);
        if clear {
            let moved: Vec<usize> = anchors.iter().map(|a| a + 1).collect();
            let shifted: Vec<Placed> =
                p.iter().map(|q| Placed { top: q.top + 1, rows: q.rows }).collect();
            prop_assert_eq!(place(&moved, &heights, screen), shifted);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tails_stay_on_screen_in_order_without_overlap(
        (above, screen, anchors, heights) in window_case()
    ) {
        let p = place_clipped(&anchors, &heights, above, screen);
        prop_assert_eq!(p.len(), anchors.len());
        let shown: Vec<(usize, &Shown)> =
            p.iter().enumerate().filter(|(_, q)| q.rows > 0).collect();
        for &(i, q) in &shown {
            prop_assert!(q.top + q.rows <= screen, "on screen: {:?}", p);
            prop_assert!(q.skip + q.rows <= heights[i], "{:?}", p);
            if q.skip > 0 {
                // A tail starts on the first row; its anchor is above the screen.
                prop_assert_eq!(q.top, 0);
                prop_assert!(anchors[i] < above);
            }
            if anchors[i] >= above {
                prop_assert_eq!(q.skip, 0);
                prop_assert!(q.top >= anchors[i] - above, "never above its anchor: {:?}", p);
            }
        }
        prop_assert!(shown.iter().filter(|(_, q)| q.skip > 0).count() <= 1);
        for w in shown.windows(2) {
            prop_assert!(w[0].0 < w[1].0);
            prop_assert!(w[0].1.top + w[0].1.rows <= w[1].1.top, "no overlap: {:?}", p);
        }
    }

    #[test]
    fn with_no_rows_above_it_is_place((screen, anchors, heights) in case()) {
        let clipped = place_clipped(&anchors, &heights, 0, screen);
        let plain = place(&anchors, &heights, screen);
        for (c, p) in clipped.iter().zip(&plain) {
            prop_assert_eq!(c.skip, 0);
            prop_assert_eq!(c.rows, p.rows);
            if p.rows > 0 {
                prop_assert_eq!(c.top, p.top);
            }
        }
    }

    #[test]
    fn every_on_screen_anchor_has_its_note_when_they_can_fit(
        (above, screen, anchors, heights) in window_case()
    ) {
        let p = place_clipped(&anchors, &heights, above, screen);
        if all_fit(&anchors, above + screen) {
            for (i, q) in p.iter().enumerate() {
                if anchors[i] >= above {
                    prop_assert!(q.rows >= 1 && q.skip == 0, "{:?}", p);
                }
            }
        }
    }

    #[test]
    fn one_row_of_scrolling_moves_tails_too((above, screen, anchors, heights) in window_case()) {
        // Scrolling down a row: the screen starts a row further into the same window.
        let free = place(&anchors, &heights, usize::MAX / 2);
        let clear = free.iter().all(|q| q.rows > 0)
            && free.last().is_none_or(|q| q.top + q.rows < above + screen);
        if clear {
            let before = place_clipped(&anchors, &heights, above, screen);
            let after = place_clipped(&anchors, &heights, above + 1, screen);
            for (a, b) in before.iter().zip(&after) {
                if a.rows == 0 {
                    prop_assert_eq!(b.rows, 0, "{:?} -> {:?}", before, after);
                } else if a.top > 0 {
                    prop_assert_eq!(*b, Shown { top: a.top - 1, rows: a.rows, skip: a.skip });
                } else if a.rows > 1 {
                    prop_assert_eq!(*b, Shown { top: 0, rows: a.rows - 1, skip: a.skip + 1 });
                } else {
                    prop_assert_eq!(b.rows, 0, "its last row left: {:?}", after);
                }
            }
        }
    }
}
