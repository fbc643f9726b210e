//! Random Markdown built from the pieces the Markdown reader cares about: it never
//! panics and the model invariants of docs/model.md hold (the checks of
//! `parse_props.rs`, plus: every anchor's label is its note's, spans inside the input).

use proptest::prelude::*;
mod props_support;

use props_support::forbidden;
use sidenote::document::format::{by_name, load_with};
use sidenote::document::{BlockKind, Document};

fn check_model(doc: &Document) -> Result<(), TestCaseError> {
    let mut keys = std::collections::HashSet::new();
    for n in &doc.notes {
        prop_assert!(
            keys.insert((n.scope, n.label.clone())),
            "(scope, label) unique"
        );
    }
    for (bi, b) in doc.blocks.iter().enumerate() {
        prop_assert!(
            b.src + b.src_len <= doc.source_len,
            "block span inside the input"
        );
        if bi > 0 {
            prop_assert!(doc.blocks[bi - 1].src < b.src, "blocks in source order");
        }
        let verse = matches!(b.kind, BlockKind::Verse | BlockKind::Preformatted);
        prop_assert!(
            !b.text.chars().any(|c| forbidden(c, verse)),
            "control in block {bi}: {:?}",
            b.text
        );
        let mut last = 0;
        for a in &b.anchors {
            prop_assert!(a.at <= b.text.len() && b.text.is_char_boundary(a.at));
            prop_assert!(a.at >= last, "anchors out of order");
            last = a.at;
            let note = doc.notes.get(a.note);
            prop_assert!(note.is_some(), "anchor points past the notes");
            let note = note.expect("checked");
            prop_assert_eq!(&note.label, &a.label);
            prop_assert!(note.refs.contains(&bi));
        }
        for r in &b.runs {
            prop_assert!(
                r.start < r.end && r.end <= b.text.len(),
                "run inside the text"
            );
            prop_assert!(b.text.is_char_boundary(r.start) && b.text.is_char_boundary(r.end));
        }
        prop_assert!(
            b.runs.windows(2).all(|w| w[0].start <= w[1].start),
            "runs by start"
        );
    }
    for n in &doc.notes {
        for t in n.paragraphs() {
            prop_assert!(
                !t.is_empty() && !t.chars().any(|c| forbidden(c, false)),
                "control in note paragraph: {t:?}"
            );
        }
        prop_assert!(n.scope < doc.scopes.len().max(1), "note scope exists");
        prop_assert!(
            n.src.is_none_or(|s| s + n.src_len <= doc.source_len),
            "note span inside the input"
        );
        prop_assert!(
            n.refs.windows(2).all(|w| w[0] < w[1]),
            "refs ascending, no repeats"
        );
        prop_assert!(n.refs.iter().all(|&r| r < doc.blocks.len()));
    }
    let m = &doc.meta;
    let meta_texts = m
        .title
        .iter()
        .chain(&m.date_text)
        .chain(&m.series)
        .chain(&m.number)
        .chain(&m.topics)
        .chain(&m.authors);
    for t in meta_texts {
        prop_assert!(
            !t.chars().any(|c| forbidden(c, false)),
            "control in meta: {t:?}"
        );
    }
    prop_assert!(m.title_src.is_none_or(|s| s <= doc.source_len));
    Ok(())
}

/// Markdown made of footnote, block and inline pieces, and hostile characters.
fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[^1]".to_string()),
        Just("[^A]".to_string()),
        Just("[^a]".to_string()),
        Just("[^long label]".to_string()),
        Just("[^missing]".to_string()),
        Just("\n[^1]: ".to_string()),
        Just("\n[^a]: ".to_string()),
        Just("\n[^A]:\n".to_string()),
        Just("\n    ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("# ".to_string()),
        Just("\n## ".to_string()),
        Just("\n- ".to_string()),
        Just("\n  - ".to_string()),
        Just("\n1. ".to_string()),
        Just("\n> ".to_string()),
        Just("\n```\n".to_string()),
        Just("\n~~~rust\n".to_string()),
        Just("`".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("[link](http://x.example)".to_string()),
        Just("![alt](i.png)".to_string()),
        Just("\n*italic caption*".to_string()),
        Just("\\".to_string()),
        Just("  \n".to_string()),
        Just("<div>".to_string()),
        Just("<b>".to_string()),
        Just("---\n".to_string()),
        Just("title: T\n".to_string()),
        Just("authors: [a, b]\n".to_string()),
        Just("date: 2032-06-01\n".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{2028}".to_string()),
        Just("é—“".to_string()),
        "[a-zA-Z .,]{0,12}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_like_text_gives_a_consistent_model(text in markdown_like()) {
        let doc = load_with(text.as_bytes(), by_name("markdown"), Some("x.md"));
        prop_assert!(doc.is_ok(), "text refused: {text:?}");
        let doc = doc.expect("checked");
        prop_assert_eq!(doc.format.as_str(), "markdown");
        check_model(&doc)?;
    }

    #[test]
    fn arbitrary_bytes_read_as_markdown_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(doc) = load_with(&bytes, by_name("markdown"), None) {
            check_model(&doc)?;
        }
    }

    #[test]
    fn markdown_in_utf16_never_panics(text in markdown_like(), le in any::<bool>()) {
        let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        if let Ok(doc) = load_with(&bytes, by_name("markdown"), Some("x.md")) {
            check_model(&doc)?;
        }
    }
}

/// Large inputs of the hardest shapes parse (no time asserted; a quadratic step would
/// show as this test taking minutes).
#[test]
fn large_markdown_inputs_parse() {
    let size = 1_000_000;
    let inputs: Vec<Vec<u8>> = vec![
        b"word[^1] and [^x] *em* `c` ".repeat(size / 27),
        b"[^1]: note\n\n".repeat(size / 12),
        b"> ".repeat(size / 2),
        b"- ".repeat(size / 2),
        b"![a](b)\n*c*\n\n".repeat(size / 14),
    ];
    for input in inputs {
        let doc = load_with(&input, by_name("markdown"), Some("x.md")).expect("markdown");
        check_model(&doc).expect("consistent");
    }
}
