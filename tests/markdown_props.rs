//! Random Markdown built from the pieces the Markdown reader cares about: it never
//! panics and the model invariants of docs/model.md hold (the checks of
//! `parse_props.rs`, plus: every anchor's label is its note's, spans inside the input).

use proptest::prelude::*;
mod props_support;

use sidenote::document::format::{by_name, load_with};

/// The model rules of docs/model.md, shared by every property test.
use props_support::check_model;

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
