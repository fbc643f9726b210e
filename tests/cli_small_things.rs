//! Small things a user notices at the command line: one wording for a missing file, a
//! word when `sidenote -` waits for typed input, and `--no-mouse`.

mod common;

use common::{Key, Session, TIMEOUT};
use std::process::{Command, Stdio};

#[test]
fn bookmarks_of_a_missing_file_say_no_such_file_as_the_reader_does() {
    let home = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sidenote"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .stdin(Stdio::null())
            .output()
            .expect("run sidenote")
    };
    let missing = "/no/such/dispatch.txt";
    let bookmarks = run(&["bookmarks", missing]);
    let reader = run(&["--dump", missing]);
    assert_eq!(bookmarks.status.code(), Some(2));
    assert_eq!(reader.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bookmarks.stderr).to_string();
    assert_eq!(said, String::from_utf8_lossy(&reader.stderr));
    assert_eq!(
        said.trim(),
        format!("sidenote: cannot open {missing}: no such file")
    );
    assert!(!said.contains("os error"), "{said}");
}

#[test]
fn dash_on_a_terminal_says_it_reads_standard_input_and_how_to_end_it() {
    let mut s = Session::spawn(&["-"], &[], 100, 24);
    s.wait_for("reading standard input", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.screen_text().contains("Ctrl-D"), "{}", s.screen_text());
    s.send_str("Typed Title\n\nA short paragraph typed at the terminal.\n");
    s.send_key(Key::Ctrl('d'));
    s.wait_for("A short paragraph typed", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal_and_capital_m_takes_it() {
    let enable = b"\x1b[?1000h";
    let mut s = Session::spawn(&["--no-mouse"], &[], 100, 24);
    s.wait_for("The Kerets Dam", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.raw_contains(enable), "mouse capture was not asked for");
    s.send_key(Key::Char('M'));
    s.wait_for("mouse on", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.raw_contains(enable), "M asked for mouse capture");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}
