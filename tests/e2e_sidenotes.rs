//! The note column in a real terminal: shown beside the text on a wide screen, toggled
//! with `S`, closed and opened again by resizes.

mod common;

use common::{Session, TIMEOUT};

/// Note 1 of the built-in sample, as the column shows it.
const NOTE_1: &str = "[1] Orunhydro press release";

/// Whether some row holds both note 1's anchor and, right of it, note 1's text.
fn beside_its_anchor(screen: &vt100::Screen) -> bool {
    let (_, cols) = screen.size();
    screen.rows(0, cols).any(|r| {
        r.find("grid.[1]")
            .zip(r.find(NOTE_1))
            .is_some_and(|(anchor, note)| anchor < note)
    })
}

fn wait_beside(s: &Session, what: &str) {
    s.wait_until(what, TIMEOUT, beside_its_anchor)
        .unwrap_or_else(|e| panic!("{e}\n{}", s.screen_text()));
}

#[test]
fn the_column_shows_hides_and_follows_the_terminal_width() {
    let mut s = Session::spawn(&[], &[], 200, 50);
    s.wait_for("The Kerets Dam", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    wait_beside(&s, "note 1 beside its anchor without a key");
    s.send(b"S");
    s.wait_gone(NOTE_1, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"S");
    wait_beside(&s, "note 1 beside its anchor again after S");
    s.resize(90, 50);
    // Shrinking the emulator's screen cuts the note off by itself: wait for the reader's
    // own frame at 90 columns (the text column centered at column 5) before widening.
    s.wait_until("the page laid out at 90 columns", TIMEOUT, |screen| {
        !screen.contents().contains(NOTE_1)
            && screen
                .rows(0, 90)
                .any(|r| r.starts_with("     On February 18, 2025"))
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.resize(200, 50);
    wait_beside(&s, "note 1 beside its anchor after widening");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}

#[test]
fn a_shrink_then_a_grow_between_two_frames_repaints_the_whole_screen() {
    let mut s = Session::spawn(&[], &[], 200, 50);
    wait_beside(&s, "note 1 beside its anchor without a key");
    // Both before the reader draws again: the terminal cut every row to 90 columns and
    // widened it blank, while the reader's last frame was already 200 wide. Only a full
    // repaint brings the note column (right of column 90) back.
    s.resize(90, 50);
    s.resize(200, 50);
    wait_beside(&s, "note 1 beside its anchor after a shrink and a grow");
    for _ in 0..3 {
        s.resize(120, 50);
        s.resize(200, 50);
    }
    wait_beside(&s, "note 1 beside its anchor after a resize storm");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}
