//! A big text file in the real binary: it opens on its preview, `G` shows the true end
//! at once, a key that needs the whole document runs by itself once the file is read,
//! and the status line then shows where `50%` went.

mod common;

use common::{Session, TIMEOUT};
use sidenote::document::synthetic::synthetic_dispatch_with_rare_word;

#[test]
fn a_big_file_opens_on_its_preview_and_completes_by_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    // Over the preview's 512 KiB, small enough for a debug build to parse quickly.
    std::fs::write(
        &path,
        synthetic_dispatch_with_rare_word(900 << 10, "quillwhistle"),
    )
    .expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let mut s = Session::spawn(&["--top", path], &[], 100, 30);
    s.wait_for("Harbour Councils Weigh", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // The end is in the preview: `G` needs nothing more.
    s.send(b"G");
    s.wait_for("quillwhistle", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // `50%` needs the whole document: it runs when the file is in (if it is not yet).
    s.send(b"50%");
    s.wait_until("50% to run on the whole document", TIMEOUT, |screen| {
        let text = screen.contents();
        !text.contains("reading…") && !text.contains("quillwhistle")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let status = s.rows().last().cloned().unwrap_or_default();
    assert!(status.contains("50%") || status.contains("51%"), "{status}");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}

/// Quitting at once after `G`, while the rest of the file may still be read, keeps the
/// place: the reader waits for the whole document before it saves (the record belongs
/// to it), and the next opening resumes at the end.
#[test]
fn quitting_while_the_file_is_read_still_saves_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    // Big enough that a debug build is still parsing when `q` arrives.
    std::fs::write(
        &path,
        synthetic_dispatch_with_rare_word(4 << 20, "quillwhistle"),
    )
    .expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let mut s = Session::spawn(&[path], &[], 100, 30);
    s.wait_for("Harbour Councils Weigh", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"G");
    s.wait_for("quillwhistle", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
    let mut again = s.reopen(&[path], 100, 30);
    again
        .wait_for("resumed at", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    again.send(b"q");
    assert_eq!(
        again.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")),
        0
    );
}
