//! The reader survives anything a user (or a hostile document) can do to it: arbitrary
//! key actions, clicks and resizes from 1×1 to 300×100, on arbitrary documents, and every
//! screen drawn on the way is free of control characters.

mod props_support;

use props_support::*;
use proptest::prelude::*;
use sidenote::document::load;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn reader_survives_any_sequence_of_actions_and_resizes(
        text in dispatch_text(80),
        enc in encoding(),
        size in (1u16..=300, 1u16..=100),
        steps in prop::collection::vec(step(), 0..30),
    ) {
        if let Ok(doc) = load(&encode(&text, enc)) {
            run_app(doc, size, &steps)?;
        }
    }

    #[test]
    fn reader_survives_the_built_in_sample_at_any_size(
        size in (1u16..=300, 1u16..=100),
        steps in prop::collection::vec(step(), 0..30),
    ) {
        let doc = load(sidenote::input::SAMPLE.as_bytes()).expect("the sample parses");
        run_app(doc, size, &steps)?;
    }
}
