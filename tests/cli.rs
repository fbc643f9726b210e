//! The command line as scripts and shells meet it: help and version, standard input,
//! `--json` and `--dump` on the built-in sample, and errors that never touch the screen.

mod common;

use common::{Session, TIMEOUT};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn sidenote(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sidenote");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
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
    let bad = sidenote(&["--json", "--format", "pdf"], Some(md));
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("pdf"), "{err}");
}
