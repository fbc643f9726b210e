//! The command line as scripts and shells meet it: help and version, standard input,
//! `--json` and `--dump` on the built-in sample, and errors that never touch the screen.

mod common;

use common::{Session, TIMEOUT};
use std::process::Output;

fn sidenote(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    common::run_sidenote(args, stdin, home.path())
}

const SHORT: &[u8] =
    b"April 3, 2025 Special Dispatch No. 902\n\nFerry Talks Stall In Port Aldren\n\n\
April 3, 2025\nAldren Coast | Special Dispatch No. 902\n\n\
The harbor board refused to extend the licence.[1]\n\n[1] Board minutes, April 1.\n";

#[test]
fn help_and_version() {
    let help = sidenote(&["--help"], None);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--dump",
        "--json",
        "--width",
        "--top",
        "--sidenotes",
        "bookmarks",
    ] {
        assert!(text.contains(flag), "--help lacks {flag}:\n{text}");
    }
    let version = sidenote(&["--version"], None);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("sidenote {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_usage_error_exits_2() {
    let out = sidenote(&["--width", "0"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dash_and_piped_input_are_read_from_standard_input() {
    for args in [&["-"][..], &[][..]] {
        let out = sidenote(args, Some(SHORT));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Ferry Talks Stall In Port Aldren"),
            "{args:?}:\n{text}"
        );
        assert!(text.contains("[1] Board minutes"), "{args:?}:\n{text}");
    }
}

#[test]
fn json_and_dump_work_on_the_built_in_sample() {
    // No file and nothing piped (stdin is /dev/null, not a pipe with data): the sample.
    let json = sidenote(&["--json"], None);
    let model: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let title = model["meta"]["title"].as_str().unwrap_or_default();
    assert!(!title.is_empty());
    let dump = sidenote(&["--dump", "--width", "40"], None);
    let text = String::from_utf8_lossy(&dump.stdout);
    assert!(text.contains("Notes"));
    for line in text.lines() {
        assert!(
            sidenote::layout::display_width(line) <= 40,
            "too wide: {line:?}"
        );
        assert!(!line.contains('\u{1b}'), "an escape in --dump: {line:?}");
    }
}

/// The alternate screen is entered only after the input was read: a bad file leaves the
/// shell's screen untouched, with one line on standard error and exit code 2.
#[test]
fn an_input_error_never_switches_the_screen() {
    let mut s = Session::spawn(&["/no/such/dispatch.txt"], &[], 80, 24);
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 2);
    assert!(
        !s.raw_contains(b"\x1b[?1049h"),
        "switched to the alternate screen"
    );
    let screen = s.screen_text();
    assert!(
        screen.contains("sidenote: cannot open /no/such/dispatch.txt: no such file"),
        "{screen}"
    );
    assert_eq!(screen.trim().lines().count(), 1, "one line:\n{screen}");
}

#[test]
fn dump_with_sidenotes_prints_each_note_beside_its_anchor() {
    let dump = sidenote(&["--dump", "--sidenotes", "--width", "160"], None);
    assert!(dump.status.success());
    let text = String::from_utf8_lossy(&dump.stdout);
    let anchor = text
        .lines()
        .find(|l| l.contains("grid.[1]"))
        .unwrap_or_else(|| panic!("no row with [1]:\n{text}"));
    assert!(
        anchor.contains("[1] Orunhydro press release"),
        "note 1 is not beside its anchor: {anchor:?}"
    );
    for line in text.lines() {
        assert!(
            sidenote::layout::display_width(line) <= 160,
            "too wide: {line:?}"
        );
        assert!(
            !line.chars().any(char::is_control),
            "a control character in --dump: {line:?}"
        );
    }
    // Off, or too narrow for two columns, it is the plain dump.
    let plain = sidenote(&["--dump", "--width", "160"], None);
    let off = sidenote(&["--dump", "--sidenotes", "off", "--width", "160"], None);
    assert_eq!(plain.stdout, off.stdout);
    let narrow = sidenote(&["--dump", "--sidenotes", "--width", "80"], None);
    let plain80 = sidenote(&["--dump", "--width", "80"], None);
    assert_eq!(narrow.stdout, plain80.stdout);
}

/// `curl -s URL | sidenote --json`: the page is recognised by its content, `--format`
/// forces another reading, `--json` names the one used, and an unknown name is refused.
#[test]
fn piped_pages_are_detected_and_format_forces_a_reading() {
    let page = include_bytes!("fixtures/html-dispatch.html");
    let json = |args: &[&str], input: &[u8]| -> serde_json::Value {
        let out = sidenote(args, Some(input));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let detected = json(&["--json"], page);
    assert_eq!(detected["format"], "html");
    assert!(!detected["notes"].as_array().expect("notes").is_empty());
    let as_text = json(&["--json", "--format", "text"], page);
    assert_eq!(as_text["format"], "text");
    // Read as text, the markup is words on the page.
    assert!(as_text.to_string().contains("<p"));
    let md = b"# Title\n\nA line.[^1]\n\n[^1]: The note.\n";
    assert_eq!(json(&["--json"], md)["format"], "markdown");
    assert_eq!(json(&["--json", "--format", "html"], md)["format"], "html");
    // More than a pipe holds, so the refusal always comes before the input is read.
    let big = md.repeat(20_000);
    let bad = sidenote(&["--json", "--format", "pdf"], Some(&big));
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("pdf"), "{err}");
}

/// A plain-text dispatch of 40 one-line paragraphs: paragraph N on line 2N + 1.
fn numbered_dispatch() -> String {
    let mut src = String::from("The Canal Minutes\n");
    for n in 1..=40 {
        src.push_str(&format!(
            "\nParagraph {n}. The river commission met again to weigh the accord.\n"
        ));
    }
    src
}

/// The first row of the page holding text (the bookmark margin aside).
fn first_text_row(s: &Session) -> String {
    s.rows()
        .into_iter()
        .map(|r| r.trim().to_string())
        .find(|r| !r.is_empty())
        .unwrap_or_default()
}

#[test]
fn plus_n_opens_at_that_line_of_the_file_as_less_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, numbered_dispatch()).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let mut s = Session::spawn(&["+41", path], &[], 100, 20);
    s.wait_for("line 41 of 81", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        first_text_row(&s).starts_with("Paragraph 20."),
        "{}",
        s.screen_text()
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}

#[test]
fn plus_slash_opens_at_the_first_match_with_the_search_active() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, numbered_dispatch()).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let mut s = Session::spawn(&["+/Paragraph 3[0-9]", path], &[], 100, 12);
    // Smart case, plain text: `[0-9]` is literal, so nothing matches; a real pattern next.
    s.wait_for("not found: Paragraph 3[0-9]", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);

    let s = Session::spawn(&["+/Paragraph 30.", path], &[], 100, 12);
    s.wait_for("match 1 of 1: Paragraph 30.", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        s.screen_text().contains("Paragraph 30."),
        "{}",
        s.screen_text()
    );
    let mut s2 = Session::spawn(&["+/Paragraph 3", path], &[], 100, 12);
    s2.wait_for("match 1 of 11: Paragraph 3", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // The search is active: n goes on to the next match.
    s2.send(b"n");
    s2.wait_for("match 2 of 11", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    for mut session in [s, s2] {
        session.send(b"q");
        assert_eq!(
            session.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")),
            0
        );
    }
}

#[test]
fn a_bad_start_command_is_a_usage_error() {
    for args in [
        &["+x", "f.txt"][..],
        &["+/"][..],
        &["+3", "a.txt", "b.txt"][..],
    ] {
        let out = sidenote(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error"), "{args:?}: {err}");
    }
    // Two files are a library, which needs a terminal: refused when output is not one.
    let out = sidenote(&["a.txt", "b.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the library needs a terminal"), "{err}");
    let cli = sidenote::cli::Cli::try_parse_args(["sidenote", "a.txt", "b.txt"]).expect("parses");
    assert_eq!(cli.library_paths.len(), 2);
    assert!(sidenote::cli::Cli::try_parse_args(["sidenote", "--library", "a.txt"]).is_err());
    // Start commands are parsed apart from the file, with the other options anywhere.
    let cli =
        sidenote::cli::Cli::try_parse_args(["sidenote", "--top", "+12", "x.txt"]).expect("parses");
    assert_eq!(cli.start, Some(sidenote::cli::StartAt::Line(12)));
    assert_eq!(cli.file.as_deref(), Some(std::path::Path::new("x.txt")));
    let cli = sidenote::cli::Cli::try_parse_args(["sidenote", "x.txt"]).expect("parses");
    assert_eq!((cli.start, cli.file.is_some()), (None, true));
}

#[test]
fn the_reader_notices_the_file_changed_and_r_reloads_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, numbered_dispatch()).expect("write");
    let shown = path.to_str().expect("UTF-8 path");
    let mut s = Session::spawn(&[shown], &[], 100, 20);
    s.wait_for("Paragraph 1.", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let edited = numbered_dispatch().replace("Paragraph 1.", "Paragraph one, revised.");
    std::fs::write(&path, edited).expect("edit");
    s.wait_for("file changed on disk — R to reload", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"R");
    s.wait_for("Paragraph one, revised.", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}
