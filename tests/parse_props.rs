//! Properties that must hold for every input: `load` never panics, the model it builds
//! is internally consistent, no control character survives, and time grows linearly.

use proptest::prelude::*;
mod props_support;

use sidenote::document::load;

/// The model rules of docs/model.md, shared by every property test.
use props_support::check_model;

/// Text made of the pieces the parser cares about, so that cases reach deep paths.
fn dispatch_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[1]".to_string()),
        Just("[2][3]".to_string()),
        Just(" [12]".to_string()),
        Just("[2003]".to_string()),
        Just("[sic]".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("[Illustration: ".to_string()),
        Just("]".to_string()),
        Just("(Source: x)".to_string()),
        Just("Figure 1: ".to_string()),
        Just("May 29, 2024 Special Dispatch No. 7\n".to_string()),
        Just("Topic | Special Dispatch No. 7".to_string()),
        Just("December 2, 2030 | By A. B, C. D*".to_string()),
        Just("Share this Report:".to_string()),
        Just("Title: X".to_string()),
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
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_give_a_consistent_model(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(doc) = load(&bytes) {
            check_model(&doc)?;
        }
    }

    #[test]
    fn dispatch_like_text_gives_a_consistent_model(text in dispatch_like()) {
        let doc = load(text.as_bytes());
        prop_assert!(doc.is_ok(), "text refused: {text:?}");
        check_model(&doc.expect("checked"))?;
    }

    #[test]
    fn utf16_inputs_never_panic(units in prop::collection::vec(any::<u16>(), 0..200), le in any::<bool>()) {
        let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in units {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        if let Ok(doc) = load(&bytes) {
            check_model(&doc)?;
        }
    }
}

/// Inputs shaped to hit every parser path at 2 MB each open and make a document. No time
/// is asserted (tests never depend on the clock); a quadratic step would show as this test
/// taking minutes, and the timings live in the benchmarks.
#[test]
fn adversarial_inputs_of_two_megabytes_parse() {
    let size = 2_000_000;
    let inputs: Vec<Vec<u8>> = vec![
        b"word [1] [sic] [2003]\t\xe2\x80\x94 ".repeat(size / 28),
        [b"[Illustration: ".as_slice(), &b"[".repeat(size)].concat(),
        b"line\r".repeat(size / 5),
        b"[7] note\n".repeat(size / 9),
        b"x\x1b[0m\xe2\x80\xae\t".repeat(size / 10),
        b"    verse [1]\n".repeat(size / 14),
    ];
    for input in inputs {
        let doc = load(&input).expect("text");
        assert!(!doc.blocks.is_empty() || !doc.notes.is_empty());
    }
}
