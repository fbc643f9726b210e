//! `sidenote check`: the note problems of a document with their source lines, on
//! fixtures written for this project; exit 0, 1 or 2; `--json` for scripts.

use sidenote::check::{check, Kind, Problem};
use std::path::Path;
use std::process::{Command, Output};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("tests/fixtures").join(name)).expect("fixture")
}

fn problems(name: &str) -> Vec<Problem> {
    let bytes = fixture(name);
    let doc = sidenote::document::format::load_with(&bytes, None, Some(name)).expect("parse");
    check(&doc, &bytes)
}

fn found(problems: &[Problem]) -> Vec<(usize, Kind, &str)> {
    problems
        .iter()
        .map(|p| (p.line, p.kind, p.label.as_str()))
        .collect()
}

fn sidenote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .output()
        .expect("run sidenote")
}

#[test]
fn each_problem_is_found_on_its_line() {
    let p = problems("check-problems.txt");
    assert_eq!(
        found(&p),
        [
            (11, Kind::BracketTakenAsText, "2019"),
            (12, Kind::AnchorWithoutNote, "5"),
            (16, Kind::NoteLostText, "2"),
            (20, Kind::DuplicateLabel, "3"),
            (22, Kind::NoteNeverCited, "4"),
        ]
    );
}

#[test]
fn a_clean_document_has_no_problem() {
    assert!(problems("check-clean.md").is_empty());
}

#[test]
fn markdown_problems_are_found_on_their_lines() {
    let p = problems("check-problems.md");
    assert_eq!(
        found(&p),
        [
            (3, Kind::BracketTakenAsText, "7"),
            (7, Kind::NoteNeverCited, "3"),
        ]
    );
}

#[test]
fn an_anchor_cited_twice_without_a_note_is_reported_at_each_citation() {
    let bytes =
        b"Grain barges left Hollin at dawn.[1]\n\nThey returned at dusk.[2] Then again.[2]\n\n\
[1] Lock keeper's log.\n";
    let doc = sidenote::document::format::load_with(bytes, None, None).expect("parse");
    let p = check(&doc, bytes);
    assert_eq!(
        found(&p),
        [
            (3, Kind::AnchorWithoutNote, "2"),
            (3, Kind::AnchorWithoutNote, "2"),
        ]
    );
}

#[test]
fn the_report_names_file_and_line_and_exits_1() {
    let out = sidenote(&["check", "tests/fixtures/check-problems.txt"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("tests/fixtures/check-problems.txt:12: anchor [5] has no note"),
        "{text}"
    );
    assert!(text.contains("note [4] is never cited"), "{text}");
    assert!(text.trim_end().ends_with("5 problems"), "{text}");
}

#[test]
fn no_problem_exits_0() {
    let out = sidenote(&["check", "tests/fixtures/check-clean.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("no note problems"));
}

#[test]
fn an_input_that_cannot_be_read_exits_2_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("gone.txt");
    let out = sidenote(&["check", missing.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such file") && err.lines().count() == 1,
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let binary = dir.path().join("blob.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0, 0, 9]).expect("write");
    let out = sidenote(&["check", binary.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn json_lists_every_problem_for_scripts() {
    let out = sidenote(&["check", "--json", "tests/fixtures/check-problems.txt"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["count"], 5);
    let kinds: Vec<&str> = v["problems"]
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "bracket-taken-as-text",
            "anchor-without-note",
            "note-lost-text",
            "duplicate-label",
            "note-never-cited"
        ]
    );
    assert_eq!(v["problems"][1]["line"], 12);
    assert_eq!(v["problems"][1]["label"], "5");
    let clean = sidenote(&["check", "--json", "tests/fixtures/check-clean.md"]);
    assert_eq!(clean.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&clean.stdout).expect("JSON");
    assert_eq!(v["count"], 0);
    assert_eq!(v["problems"], serde_json::json!([]));
}
