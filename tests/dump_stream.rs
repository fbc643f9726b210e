//! `--dump` of a big plain-text file is streamed: the leading units of the preview are
//! written before the whole file is parsed, the rest from the full parse. The output
//! must be the whole-document dump byte for byte. Small slices force small files
//! through the streamed path.

mod common;
mod support;

use proptest::prelude::*;
use sidenote::document::parse::Pieces;
use sidenote::document::preview::{preview_with_head, Slices};
use sidenote::document::synthetic::synthetic_dispatch_with_rare_word;
use sidenote::document::{load, Document};
use sidenote::dump::{dump, dump_head, dump_rest, dump_rest_streamed, Rest};
use support::SMALL_SLICES as SMALL;

fn whole(doc: &Document, width: u16) -> Vec<u8> {
    let mut out = Vec::new();
    dump(doc, width, &mut out).expect("dump");
    out
}

/// The streamed dump of `text` and how many bytes of it the first half wrote, or
/// `None` when the text is not previewed.
fn streamed(text: &str, width: u16, slices: Slices) -> Option<(Vec<u8>, usize)> {
    let (preview, head_end) = preview_with_head(text.as_bytes(), None, Some("big.txt"), slices)?;
    let mut out = Vec::new();
    let head = dump_head(&preview, head_end, width, &mut out).expect("head");
    let first = out.len();
    let full = load(text.as_bytes()).expect("parses");
    dump_rest(&full, head, width, &mut out).expect("rest");
    Some((out, first))
}

/// As [`streamed`], the rest written as the file is read again in `pieces`
/// (`dump_rest_streamed`: the body never held whole).
fn bounded(text: &str, width: u16, slices: Slices, pieces: Pieces) -> Option<Vec<u8>> {
    let (preview, head_end) = preview_with_head(text.as_bytes(), None, Some("big.txt"), slices)?;
    let mut out = Vec::new();
    let head = dump_head(&preview, head_end, width, &mut out).expect("head");
    let src = text.as_bytes();
    match dump_rest_streamed(src, None, Some("big.txt"), head, width, pieces, &mut out) {
        Rest::Written(notices) => {
            let full = load(text.as_bytes()).expect("parses");
            assert_eq!(notices, full.notices);
            Some(out)
        }
        // Nothing to stream: the head left even the title to the full parse.
        Rest::Unfit if head.units < 2 => None,
        other => panic!("{other:?}"),
    }
}

const PIECES: Pieces = Pieces {
    first: 64,
    rest: 700,
};

#[test]
fn the_bounded_dump_is_the_whole_dump_byte_for_byte() {
    let text = synthetic_dispatch_with_rare_word(200 << 10, "quillwhistle");
    let full = load(text.as_bytes()).expect("parses");
    for width in [1, 20, 60, 80, 200] {
        let out = bounded(&text, width, SMALL, PIECES).expect("previewed");
        assert!(
            out == whole(&full, width),
            "width {width}: the bounded dump differs"
        );
    }
}

#[test]
fn the_streamed_dump_is_the_whole_dump_byte_for_byte() {
    let text = synthetic_dispatch_with_rare_word(200 << 10, "quillwhistle");
    let full = load(text.as_bytes()).expect("parses");
    for width in [1, 20, 60, 80, 200] {
        let (out, first) = streamed(&text, width, SMALL).expect("previewed");
        let expected = whole(&full, width);
        assert!(out == expected, "width {width}: the streamed dump differs");
        // The first half wrote screens of text, not only the title.
        let lines = out[..first].iter().filter(|&&b| b == b'\n').count();
        assert!(
            lines > 20,
            "width {width}: only {lines} lines before the parse"
        );
    }
}

#[test]
fn a_head_the_size_of_the_file_still_leaves_the_notes_to_the_full_parse() {
    let text = synthetic_dispatch_with_rare_word(60 << 10, "quillwhistle");
    let full = load(text.as_bytes()).expect("parses");
    let big_head = Slices {
        head: 50 << 10,
        ..SMALL
    };
    if let Some((out, first)) = streamed(&text, 80, big_head) {
        assert!(out == whole(&full, 80));
        assert!(!String::from_utf8_lossy(&out[..first]).contains("quillwhistle"));
    }
}

/// Dispatch-shaped text with the block shapes the text reader judges by their
/// neighbours: headings, verse, preformatted runs with blank lines inside, anchors, and
/// note labels of every width.
fn document() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z]{1,9}".prop_map(|s| s),
        Just("[1]".to_string()),
        Just("[23]".to_string()),
        Just("[4567]".to_string()),
        Just("é—“".to_string()),
        Just("Vessel    Port".to_string()),
    ];
    let line = prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "));
    let block = prop_oneof![
        // A paragraph of one to three lines.
        prop::collection::vec(line.clone(), 1..4).prop_map(|l| l.join("\n")),
        // A heading-like short line.
        "[A-Z][a-z]{2,12}( [A-Z][a-z]{2,8}){0,3}".prop_map(|s| s),
        // Indented lines (verse or preformatted), maybe with a blank line inside.
        (prop::collection::vec(line.clone(), 1..4), any::<bool>()).prop_map(|(l, gap)| {
            let l: Vec<String> = l.iter().map(|x| format!("    {x}")).collect();
            l.join(if gap { "\n\n" } else { "\n" })
        }),
    ];
    let note = (1u32..20000, line).prop_map(|(n, l)| format!("[{n}] {l}"));
    (
        prop::collection::vec(block, 5..120),
        prop::collection::vec(note, 0..12),
    )
        .prop_map(|(blocks, notes)| {
            let mut text = String::from(
                "April 3, 2025 Special Dispatch No. 902\n\nFerry Talks\n\nApril 3, 2025\n\
                 Aldren Coast | Special Dispatch No. 902\n\n",
            );
            text.push_str(&blocks.join("\n\n"));
            text.push_str("\n\n");
            text.push_str(&notes.join("\n\n"));
            text.push('\n');
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn streamed_dumps_equal_whole_dumps(
        text in document(),
        head in 64usize..4096,
        width in prop_oneof![Just(12u16), Just(40), Just(80)],
        rest in 1usize..3000,
    ) {
        let slices = Slices { min_file: 0, head, notes: 512, tail: 512, notes_search: 1 << 30, blocks: usize::MAX };
        let full = load(text.as_bytes()).expect("parses");
        let expected = whole(&full, width);
        if let Some((out, _)) = streamed(&text, width, slices) {
            prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
        }
        if let Some(out) = bounded(&text, width, slices, Pieces { first: 1, rest }) {
            prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
        }
    }
}

/// The program itself: `--dump FILE` of a file big enough to be previewed (streamed)
/// prints what `--dump -` prints for the same bytes on standard input (parsed whole).
#[test]
fn the_binary_streams_a_big_file_to_the_same_bytes() {
    let text = synthetic_dispatch_with_rare_word(600 << 10, "quillwhistle");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).expect("write");
    let run = |args: &[&str], stdin: Option<&str>| {
        let out = common::run_sidenote(args, stdin.map(str::as_bytes), dir.path());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let file = path.to_str().expect("utf-8 path");
    let streamed = run(&["--dump", "--width", "72", file], None);
    let whole = run(&["--dump", "--width", "72", "-"], Some(&text));
    assert!(streamed == whole, "the streamed dump differs");
    let expected = whole_dump(&text, 72);
    assert!(streamed == expected);
}

fn whole_dump(text: &str, width: u16) -> Vec<u8> {
    whole(&load(text.as_bytes()).expect("parses"), width)
}
