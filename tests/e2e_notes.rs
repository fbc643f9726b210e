//! End to end, in a real pseudo-terminal: select an anchor on the built-in sample,
//! preview it, jump to the note, and come back to exactly the same screen.

mod common;

use common::{Key, Session, TIMEOUT};

#[test]
fn preview_jump_to_note_and_back_to_the_same_screen() {
    // Below the note column's width (95), so Enter opens the preview popup.
    let mut s = Session::spawn(&[], &[], 94, 30);
    s.wait_for("The Kerets Dam", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::PageDown);
    s.wait_for(" 1", TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Tab);
    s.wait_until("a selected note in the status line", TIMEOUT, |screen| {
        screen.contents().contains(" of 18")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let before = s.screen_text();
    let status = s.rows().last().cloned().unwrap_or_default();
    let label = status
        .split("note ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap_or_else(|| panic!("no note label in status line {status:?}"))
        .to_string();

    s.send_key(Key::Enter);
    let title = format!("Note {label}");
    s.wait_for(&title, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.screen_text().contains("Enter: go to note"));

    s.send_key(Key::Enter);
    s.wait_gone(&title, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_for(&format!("[{label}] "), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        s.screen_text(),
        before,
        "the view moved to the Notes section"
    );

    s.send_key(Key::Backspace);
    s.wait_until("the same screen as before the jump", TIMEOUT, |screen| {
        norm(&screen.contents()) == norm(&before)
    })
    .unwrap_or_else(|e| panic!("{e}\n--- expected:\n{before}"));

    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
    assert!(!s.alternate_screen());
}

/// Screen text without trailing blanks, so two captures of one screen compare equal.
fn norm(s: &str) -> String {
    s.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}
