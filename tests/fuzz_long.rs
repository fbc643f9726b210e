//! Long fuzzing runs (the stand-in for `cargo fuzz`, which needs a nightly toolchain and
//! an extra install): each target generates inputs until its time budget is spent.
//! Ignored by default; run them with
//!
//! ```text
//! SIDENOTE_FUZZ_SECS=600 cargo test --release --test fuzz_long -- --ignored --nocapture --test-threads=1
//! ```
//!
//! `SIDENOTE_FUZZ_SECS` is the budget per target (default 60). A failure is shrunk by
//! proptest and reported with the smallest input found; each finding gets a regression
//! test in `hostile_documents.rs` or a `props_*.rs` file.

mod props_support;

use props_support::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sidenote::document::{load, Anchor, Block, BlockKind, Document, Meta, Note};
use sidenote::layout::layout_unit;
use sidenote::search::{search, SearchIndex, SearchOptions};
use std::time::{Duration, Instant};

fn budget() -> Duration {
    let secs = std::env::var("SIDENOTE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// Run `test` on fresh random batches of `strategy` until the budget is spent.
fn fuzz<S: Strategy>(
    name: &str,
    batch: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let start = Instant::now();
    let deadline = start + budget();
    let mut cases = 0u64;
    while Instant::now() < deadline {
        let mut runner = TestRunner::new(Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("fuzz {name}: failed after {cases} passing cases: {e}");
        }
        cases += u64::from(batch);
    }
    println!(
        "fuzz {name}: {cases} cases in {:.0?}, no failure",
        start.elapsed()
    );
}

/// A fragment repeated until it passes the parser's block-size limit, so the cutting of
/// long blocks and notes is fuzzed too.
fn long_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(FRAGMENTS), 1..4),
        prop::sample::select(&[" ", "", "\n", "word "][..]),
        2_000usize..40_000,
        dispatch_text(20),
    )
        .prop_map(|(frags, sep, n, tail)| {
            let unit = format!("{}{sep}", frags.concat());
            let mut s = unit.repeat(n.min(300_000 / unit.len().max(1)));
            s.push_str(&tail);
            s
        })
}

fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..4096),
        6 => (dispatch_text(200), encoding()).prop_map(|(t, e)| encode(&t, e)),
        1 => (long_text(), encoding()).prop_map(|(t, e)| encode(&t, e)),
    ]
}

#[test]
#[ignore = "long run: set SIDENOTE_FUZZ_SECS"]
fn fuzz_parser() {
    fuzz(
        "parser",
        256,
        (any_input(), 1u16..=300),
        |(bytes, width)| {
            if let Ok(doc) = load(&bytes) {
                check_model(&doc)?;
                check_dump(&doc, width)?;
            }
            Ok(())
        },
    );
}

/// A document built directly (not through the parser), with anchors anywhere the model
/// allows, so layout meets shapes the parser does not happen to produce.
fn built_document() -> impl Strategy<Value = Document> {
    let block = (
        dispatch_text(30),
        0usize..4,
        prop::collection::vec((any::<prop::sample::Index>(), 0usize..3), 0..5),
    );
    (prop::collection::vec(block, 0..6), dispatch_text(20)).prop_map(|(blocks, title)| {
        let kinds = [
            BlockKind::Paragraph,
            BlockKind::Caption,
            BlockKind::Heading,
            BlockKind::Verse,
        ];
        let mut notes: Vec<Note> = (0..3)
            .map(|n| Note {
                label: ["1", "22", "999999"][n].into(),
                text: (n != 1).then(|| format!("note {n}").into()),
                refs: Default::default(),
                ..Note::default()
            })
            .collect();
        let blocks = blocks
            .into_iter()
            .enumerate()
            .map(|(bi, (raw, kind, ats))| {
                let keep_newlines = kinds[kind] == BlockKind::Verse;
                let text: String = raw
                    .chars()
                    .map(|c| {
                        if forbidden(c, keep_newlines) || c == '\t' || c == '\r' {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let mut anchors: Vec<Anchor> = ats
                    .iter()
                    .map(|(ix, note)| Anchor {
                        label: notes[*note].label.clone(),
                        at: bounds[ix.index(bounds.len())] as u32,
                        note: *note as u32,
                    })
                    .collect();
                anchors.sort_by_key(|a| a.at);
                for a in &anchors {
                    if notes[a.note()].refs.last_block() != Some(bi) {
                        notes[a.note()].refs.push(bi);
                    }
                }
                Block {
                    kind: kinds[kind],
                    text: text.into(),
                    anchors: anchors.into(),
                    ..Block::default()
                }
            })
            .collect();
        let title: String = title
            .chars()
            .map(|c| if forbidden(c, false) { ' ' } else { c })
            .collect();
        Document {
            meta: Meta {
                title: Some(title),
                ..Meta::default()
            },
            blocks,
            notes,
            notices: Vec::new(),
            ..Document::default()
        }
    })
}

fn any_document() -> impl Strategy<Value = Document> {
    prop_oneof![
        1 => built_document(),
        1 => (dispatch_text(150), encoding())
            .prop_filter_map("refused as binary", |(t, e)| load(&encode(&t, e)).ok()),
    ]
}

#[test]
#[ignore = "long run: set SIDENOTE_FUZZ_SECS"]
fn fuzz_layout() {
    fuzz(
        "layout",
        128,
        (any_document(), prop::collection::vec(1u16..=300, 1..6)),
        |(doc, widths)| {
            for w in widths {
                check_layout(&doc, w)?;
                // Every model position maps into the display and back, and onto a row.
                for unit in 0..doc.unit_count() {
                    let l = layout_unit(&doc, unit, w);
                    let model = doc.unit_text(unit);
                    for m in (0..=model.len()).filter(|&i| model.is_char_boundary(i)) {
                        let d = l.display_offset(m);
                        prop_assert!(d <= l.display.len());
                        prop_assert_eq!(l.model_offset(d), m, "unit {} width {}", unit, w);
                        if !l.rows.is_empty() {
                            prop_assert!(l.row_of(m) < l.rows.len());
                        }
                    }
                }
            }
            Ok(())
        },
    );
}

/// Queries: arbitrary strings, and regex syntax put together from its pieces.
fn query() -> impl Strategy<Value = String> {
    const SYNTAX: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "{2,}", "{1000}", "*", "+", "?", "|", "^", "$", ".", "\\",
        "\\b", "\\p{L}", "\\d", "(?i)", "(?x)", "[^a]", "a", "é", "ß", "İ", " ", "\n", "[1]",
        "\u{1b}", "\u{202E}",
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(SYNTAX), 0..12).prop_map(|v| v.concat()),
    ]
}

#[test]
#[ignore = "long run: set SIDENOTE_FUZZ_SECS"]
fn fuzz_search() {
    fuzz(
        "search",
        64,
        (any_document(), query(), any::<bool>(), any::<bool>()),
        |(doc, query, regex, exact)| {
            let index = SearchIndex::build(&doc);
            let opts = SearchOptions {
                regex,
                exact,
                ..SearchOptions::default()
            };
            if let Ok(found) = search(&doc, &index, &query, opts) {
                for m in found.as_slice() {
                    let text = doc.unit_text(m.pos().unit);
                    prop_assert!(text.get(m.range()).is_some(), "match {m:?} off the text");
                }
            }
            Ok(())
        },
    );
}

#[test]
#[ignore = "long run: set SIDENOTE_FUZZ_SECS"]
fn fuzz_app() {
    fuzz(
        "app",
        32,
        (
            any_document(),
            (1u16..=300, 1u16..=100),
            prop::collection::vec(step(), 0..80),
        ),
        |(doc, size, steps)| run_app(doc, size, &steps),
    );
}
