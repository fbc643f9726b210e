//! The library in a real pseudo-terminal: `sidenote DIR` lists the directory's
//! dispatches, Enter reads one, `L` comes back (the close recorded), Esc quits.

mod common;

use common::{Key, Session, TIMEOUT};

const HARBOUR: &str = "June 3, 2031 Special Dispatch No. 12\n\n\
    The Harbour Wall At Cold Reach\n\n\
    June 3, 2031\n\
    Cold Reach | Special Dispatch No. 12\n\n\
    The harbour wall at Cold Reach gave way in the spring storm.[1]\n\n\
    Notes\n\n\
    [1] Harbour master's log.\n";

const MILL: &str = "# The Mill Race At Hask\n\nThe mill race was cleared in May.\n";

#[test]
fn a_directory_opens_the_library_enter_reads_and_l_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("harbour.txt"), HARBOUR).expect("write");
    std::fs::write(dir.path().join("mill.md"), MILL).expect("write");
    let arg = dir.path().to_str().expect("UTF-8 temp path");
    let mut s = Session::spawn(&[arg], &[], 100, 20);
    s.wait_for("2 documents", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_for("The Harbour Wall At Cold Reach", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_str("mill");
    s.wait_for("1 document", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Enter);
    s.wait_for("The mill race was cleared in May.", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_str("L");
    s.wait_for("filter: mill", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let data = s.data_dir();
    let library = [data.join("sidenote"), data.clone()]
        .into_iter()
        .map(|d| d.join("library.json"))
        .find(|p| p.exists())
        .expect("the close was recorded in library.json");
    let text = std::fs::read_to_string(library).expect("read");
    assert!(text.contains("mill.md"), "{text}");
    // Esc clears the filter, Esc again quits.
    s.send_key(Key::Esc);
    s.wait_for("2 documents", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Esc);
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0);
    assert!(!s.alternate_screen(), "the terminal is given back");
}

#[test]
fn one_file_records_its_visit_on_quit_and_the_sample_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("harbour.txt");
    std::fs::write(&path, HARBOUR).expect("write");
    let arg = path.to_str().expect("UTF-8 temp path");
    let mut s = Session::spawn(&[arg], &[], 100, 20);
    s.wait_for("The Harbour Wall At Cold Reach", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let data = s.data_dir();
    let library = || {
        [data.join("sidenote"), data.clone()]
            .into_iter()
            .map(|d| d.join("library.json"))
            .find(|p| p.exists())
    };
    assert!(library().is_none(), "opening writes nothing");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
    let text = std::fs::read_to_string(library().expect("recorded on quit")).expect("read");
    assert!(
        text.contains("harbour.txt") && text.contains("\"stamp\""),
        "{text}"
    );
    // The built-in sample is nobody's document: no visit.
    let mut sample = Session::spawn(&[], &[], 100, 20);
    sample
        .wait_for("Kerets", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    sample.send(b"q");
    assert_eq!(
        sample.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")),
        0
    );
    let sdata = sample.data_dir();
    assert!(!sdata.join("sidenote").join("library.json").exists());
    assert!(!sdata.join("library.json").exists());
}
