//! Whatever bytes a file holds: parsing never panics and gives a consistent model, no
//! laid-out row is wider than the column at any width, `--dump` writes no control
//! character, and search answers any query without panicking.

mod props_support;

use props_support::*;
use proptest::prelude::*;
use sidenote::document::load;
use sidenote::search::{search, SearchError, SearchIndex, SearchOptions};

/// Bytes of a file: raw noise, or dispatch-like text in some encoding.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..1500),
        2 => (dispatch_text(80), encoding()).prop_map(|(t, e)| encode(&t, e)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_parse_without_panic_and_every_anchor_has_its_note(bytes in file_bytes()) {
        if let Ok(doc) = load(&bytes) {
            check_model(&doc)?;
        }
    }

    #[test]
    fn dump_writes_no_control_character_at_any_width(
        bytes in file_bytes(),
        width in 1u16..=300,
    ) {
        if let Ok(doc) = load(&bytes) {
            check_dump(&doc, width)?;
        }
    }
}

proptest! {
    // Each case lays the document out at all 300 widths.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn no_row_is_wider_than_the_column_at_any_width_from_1_to_300(
        text in dispatch_text(40),
        enc in encoding(),
    ) {
        if let Ok(doc) = load(&encode(&text, enc)) {
            for width in 1..=300 {
                check_layout(&doc, width)?;
            }
        }
    }
}

/// Queries: any string, or regex syntax put together from its pieces.
fn query() -> impl Strategy<Value = String> {
    const SYNTAX: &[&str] = &[
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "{2,}",
        "{1000}{1000}",
        "*",
        "+",
        "?",
        "|",
        "^",
        "$",
        ".",
        "\\",
        "\\b",
        "\\p{L}",
        "\\d",
        "(?i)",
        "(?x)",
        "[^a]",
        "a",
        "é",
        "ß",
        "İ",
        " ",
        "\n",
        "[1]",
        "\u{1b}",
        "\u{202E}",
        "\u{0}",
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(SYNTAX), 0..10).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn search_answers_any_query_in_both_modes(
        text in dispatch_text(60),
        query in query(),
        exact in any::<bool>(),
    ) {
        let Ok(doc) = load(text.as_bytes()) else {
            return Ok(());
        };
        let index = SearchIndex::build(&doc);
        for regex in [false, true] {
            let opts = SearchOptions { regex, exact, ..SearchOptions::default() };
            match search(&doc, &index, &query, opts) {
                Ok(found) => {
                    for m in found.as_slice() {
                        let unit = doc.unit_text(m.pos().unit);
                        prop_assert!(unit.get(m.range()).is_some(), "match {:?} off the text", m);
                    }
                }
                Err(SearchError::InvalidPattern(msg)) => {
                    prop_assert!(regex, "plain query refused: {}", msg);
                    prop_assert!(!msg.contains('\n'), "error is not one line: {:?}", msg);
                }
                Err(e) => prop_assert!(false, "unexpected error {}", e),
            }
        }
    }
}
