//! Properties of the margin-note placement (`layout::sidenotes::place`), on plain numbers.

use proptest::prelude::*;
use sidenote::layout::sidenotes::{place, Placed};

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
