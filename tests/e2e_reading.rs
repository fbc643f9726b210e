//! A reader's first minute: open a dispatch, jump to its notes, quit cleanly.

mod common;

use common::{Key, Session, TIMEOUT};

/// Words from the built-in sample's title; short enough never to be wrapped.
const SAMPLE_TITLE: &str = "The Kerets Dam";
/// Text of the sample's last note that has text ([16]).
const SAMPLE_LAST_NOTE: &str = "notice of postponement";

const SHORT_DISPATCH: &str = "\
April 3, 2025 Special Dispatch No. 902

Ferry Talks Stall In Port Aldren

April 3, 2025
Aldren Coast | Special Dispatch No. 902

Negotiations over the Port Aldren ferry concession broke off on April 1 after the harbor board refused to extend the operator's licence.[1] The board's chairwoman, Ines Vårdal, said the timetable had been cut twice in a year.[2]

A photo of the empty ferry terminal at Port Aldren. (Source: Aldren Harbor Board.)[3]


[1] Aldren Harbor Board minutes, April 1, 2025.

[2] Coastal Herald, April 2, 2025.

[3] Lantern keepers' bulletin, spring issue.

Share this Report:
";

/// Quits with `q` and checks the user's terminal is given back.
fn quit_cleanly(s: &mut Session) {
    s.send(b"q");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0, "quitting with q should succeed");
    assert!(
        !s.alternate_screen(),
        "after quitting, the user's shell screen must be back; screen was:\n{}",
        s.screen_text()
    );
}

#[test]
fn sample_opens_shows_notes_at_end_and_quits_cleanly() {
    let mut s = Session::spawn(&[], &[], 100, 30);
    s.wait_for(SAMPLE_TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        s.alternate_screen(),
        "the reader should draw in the alternate screen so the shell is untouched"
    );
    s.wait_until(
        "a status line with a percentage and '? help'",
        TIMEOUT,
        |screen| {
            let (rows, cols) = screen.size();
            screen
                .rows(0, cols)
                .nth(usize::from(rows) - 1)
                .is_some_and(|last| last.contains("? help") && last.contains('%'))
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));

    s.send(b"G");
    s.wait_for(SAMPLE_LAST_NOTE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // The sample's 18 notes are taller than one screen, so the heading is a page up.
    s.send_key(Key::PageUp);
    s.wait_for("Notes", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));

    quit_cleanly(&mut s);
}

#[test]
fn file_given_as_argument_is_opened_instead_of_the_sample() {
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let path = dir.path().join("ferry.txt");
    std::fs::write(&path, SHORT_DISPATCH).expect("write the test dispatch");
    let path = path.to_str().expect("temporary paths are UTF-8 here");

    let mut s = Session::spawn(&[path], &[], 100, 30);
    s.wait_for("Ferry Talks Stall", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !s.screen_text().contains(SAMPLE_TITLE),
        "the built-in sample must not be shown when a file is given; screen was:\n{}",
        s.screen_text()
    );

    s.send(b"G");
    s.wait_for("Lantern keepers", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_for("Notes", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));

    quit_cleanly(&mut s);
}
