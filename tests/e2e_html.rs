//! A saved web page piped into the reader (`curl -s URL | sidenote`): it reads the page as
//! HTML from standard input, keys still come from the terminal, and the notes work.

mod common;

use common::pty::binary;
use common::{Key, Session, TIMEOUT};

#[test]
fn an_html_page_piped_in_reads_as_a_document_with_notes() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html-dispatch.html"
    );
    let command = format!("cat '{page}' | '{}'", binary());
    // Below the note column's width (95), so Enter opens the preview popup.
    let mut s = Session::spawn_program("sh", &["-c", &command], &[], 94, 30);
    s.wait_for("Lamps Lit Again On The Karst Quay", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let screen = s.screen_text();
    // The page's markup and its site chrome are not on screen; the dispatch is.
    for chrome in ["<p", "<sup", "&amp;", "</", "Subscribe", "Share this"] {
        assert!(!screen.contains(chrome), "{chrome:?} on screen:\n{screen}");
    }
    assert!(screen.contains("relit on Saturday"), "{screen}");
    assert!(
        screen.contains("quay & sang"),
        "entities decoded:\n{screen}"
    );
    // Tab selects the first note marker, Enter previews its note from the page's list.
    s.send_key(Key::Tab);
    s.send_key(Key::Enter);
    s.wait_for("Note 1", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_for("notice of May 30, 2032", TIMEOUT)
        .unwrap_or_else(|e| panic!("the note's text from the page's list: {e}"));
    s.send_key(Key::Esc);
    s.send(b"q");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0);
}
