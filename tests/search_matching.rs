//! What a reader sees when searching: which text is found, in which mode, and where.

use sidenote::document::{Anchor, Block, BlockKind, Document, Meta, Note, Part};
use sidenote::search::{search, Match, SearchError, SearchIndex, SearchOptions};

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.into(),
        anchors: Default::default(),
        ..Block::default()
    }
}

fn doc_with(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: Some("A Quiet Harbour".to_string()),
            ..Meta::default()
        },
        blocks,
        ..Document::default()
    }
}

fn paragraphs(texts: &[&str]) -> Document {
    doc_with(
        texts
            .iter()
            .map(|t| block(BlockKind::Paragraph, t))
            .collect(),
    )
}

fn find_with(doc: &Document, query: &str, opts: SearchOptions) -> Vec<String> {
    let index = SearchIndex::build(doc);
    let found = search(doc, &index, query, opts).expect("search succeeds");
    found
        .as_slice()
        .iter()
        .map(|m| doc.unit_text(m.unit)[m.start..m.end].to_string())
        .collect()
}

/// The texts a plain default search highlights.
fn find(doc: &Document, query: &str) -> Vec<String> {
    find_with(doc, query, SearchOptions::default())
}

fn regex() -> SearchOptions {
    SearchOptions {
        regex: true,
        ..SearchOptions::default()
    }
}

fn exact_diacritics() -> SearchOptions {
    SearchOptions {
        exact: true,
        ..SearchOptions::default()
    }
}

#[test]
fn lowercase_query_ignores_case() {
    let doc = paragraphs(&["The Ferry left. the ferry returned. THE FERRY sank."]);
    assert_eq!(
        find(&doc, "the ferry"),
        ["The Ferry", "the ferry", "THE FERRY"]
    );
}

#[test]
fn uppercase_in_query_makes_it_case_sensitive() {
    let doc = paragraphs(&["The Ferry left. the ferry returned. THE FERRY sank."]);
    assert_eq!(find(&doc, "Ferry"), ["Ferry"]);
    assert_eq!(find(&doc, "FERRY"), ["FERRY"]);
}

#[test]
fn sharp_s_folds_to_ss_both_ways() {
    let doc = paragraphs(&["Die Straße am Hafen; eine STRASSE im Norden; strasse."]);
    assert_eq!(find(&doc, "strasse"), ["Straße", "STRASSE", "strasse"]);
    assert_eq!(find(&doc, "straße"), ["Straße", "STRASSE", "strasse"]);
}

#[test]
fn cyrillic_case_folds() {
    let doc = paragraphs(&["Посол Ладомир приехал; ЛАДОМИР уехал."]);
    assert_eq!(find(&doc, "ладомир"), ["Ладомир", "ЛАДОМИР"]);
    assert_eq!(find(&doc, "Ладомир"), ["Ладомир"]);
}

#[test]
fn diacritics_are_ignored_by_default_even_with_uppercase() {
    let doc = paragraphs(&["The envoy reached Zaręby and then Zareby, then ZARĘBY."]);
    assert_eq!(find(&doc, "zareby"), ["Zaręby", "Zareby", "ZARĘBY"]);
    // Smart case still applies: the capital Z makes it case-sensitive, not accent-sensitive.
    assert_eq!(find(&doc, "Zareby"), ["Zaręby", "Zareby"]);
    assert_eq!(find(&doc, "zaręby"), ["Zaręby", "Zareby", "ZARĘBY"]);
}

#[test]
fn diacritics_count_when_the_option_is_off() {
    let doc = paragraphs(&["A café, a cafe, a CAFÉ, a cafe\u{301} (decomposed)."]);
    assert_eq!(find_with(&doc, "cafe", exact_diacritics()), ["cafe"]);
    assert_eq!(
        find_with(&doc, "café", exact_diacritics()),
        ["café", "CAFÉ", "cafe\u{301}"]
    );
}

#[test]
fn precomposed_and_decomposed_find_each_other() {
    let doc = paragraphs(&["precomposed café; decomposed cafe\u{301}."]);
    assert_eq!(find(&doc, "cafe"), ["café", "cafe\u{301}"]);
    assert_eq!(find(&doc, "café"), ["café", "cafe\u{301}"]);
    assert_eq!(find(&doc, "cafe\u{301}"), ["café", "cafe\u{301}"]);
}

#[test]
fn regex_mode_with_smart_case() {
    let doc = paragraphs(&["Ferry 12 left; ferry 7 returned; FERRY 300 sank."]);
    assert_eq!(
        find_with(&doc, r"ferry \d+", regex()),
        ["Ferry 12", "ferry 7", "FERRY 300"]
    );
    assert_eq!(find_with(&doc, r"Ferry \d+", regex()), ["Ferry 12"]);
    // `\d` and `\W` are escapes, not uppercase letters.
    assert_eq!(find_with(&doc, r"ferry\W\D*7", regex()), ["ferry 7"]);
}

#[test]
fn regex_mode_ignores_diacritics_too() {
    let doc = paragraphs(&["Zaręby and Zareby."]);
    assert_eq!(find_with(&doc, r"zar.by", regex()), ["Zaręby", "Zareby"]);
}

#[test]
fn invalid_regex_gives_a_one_line_error() {
    let doc = paragraphs(&["text"]);
    let index = SearchIndex::build(&doc);
    let err = search(&doc, &index, "(ferry", regex()).expect_err("invalid pattern");
    assert!(matches!(err, SearchError::InvalidPattern(_)));
    let msg = err.to_string();
    assert!(
        msg.starts_with("invalid pattern:") && !msg.contains('\n'),
        "{msg}"
    );
}

#[test]
fn empty_query_finds_nothing_without_error() {
    let doc = paragraphs(&["text"]);
    let index = SearchIndex::build(&doc);
    for opts in [SearchOptions::default(), regex()] {
        let found = search(&doc, &index, "", opts).expect("no error");
        assert!(found.is_empty());
    }
}

#[test]
fn phrase_across_a_verse_line_break() {
    let doc = doc_with(vec![block(
        BlockKind::Verse,
        "the lanterns burn\nlow on the quay",
    )]);
    assert_eq!(find(&doc, "burn low"), ["burn\nlow"]);
    assert_eq!(find(&doc, "burn   low"), ["burn\nlow"]);
}

#[test]
fn phrase_across_an_inline_anchor() {
    // Displayed as "the grain[1] ferries": the marker is not part of the text.
    let mut b = block(BlockKind::Paragraph, "Talks on the grain ferries stalled.");
    b.anchors.push(Anchor {
        label: "1".into(),
        at: "Talks on the grain".len() as u32,
        note: 0,
    });
    let mut doc = doc_with(vec![b]);
    doc.notes.push(Note {
        label: "1".into(),
        text: Some("See the ledger.".into()),
        refs: vec![0].into(),
        ..Note::default()
    });
    let index = SearchIndex::build(&doc);
    let found = search(&doc, &index, "grain ferries", SearchOptions::default()).expect("ok");
    assert_eq!(found.len(), 1);
    let m = found.get(0).expect("one match");
    assert_eq!(doc.part(m.unit), Part::Block(0));
    assert!(m.start < doc.blocks[0].anchors[0].at() && doc.blocks[0].anchors[0].at() < m.end);
}

#[test]
fn notes_title_meta_and_captions_are_searched() {
    let mut doc = doc_with(vec![
        block(BlockKind::Paragraph, "Body about the harbour."),
        block(
            BlockKind::Caption,
            "Figure 1: the harbour at dusk (Source: Ledger)",
        ),
    ]);
    doc.meta.series = Some("Harbour Series".to_string());
    doc.notes.push(Note {
        label: "1".into(),
        text: Some("The harbour ledger.".into()),
        refs: vec![0].into(),
        ..Note::default()
    });
    let index = SearchIndex::build(&doc);
    let found = search(&doc, &index, "harbour", SearchOptions::default()).expect("ok");
    let parts: Vec<Part> = found.as_slice().iter().map(|m| doc.part(m.unit)).collect();
    assert_eq!(
        parts,
        [
            Part::Title,
            Part::Meta,
            Part::Block(0),
            Part::Block(1),
            Part::Note(0)
        ]
    );
    let notes = search(&doc, &index, "notes", SearchOptions::default()).expect("ok");
    assert_eq!(
        notes
            .as_slice()
            .iter()
            .map(|m| doc.part(m.unit))
            .collect::<Vec<_>>(),
        [Part::NotesHeading]
    );
}

#[test]
fn match_offsets_are_char_boundaries_of_the_original_text() {
    let text = "Groß Straße, ĘĘ x, naïve \u{2014} Ελλάδα, cafe\u{301}s";
    let doc = paragraphs(&[text]);
    let index = SearchIndex::build(&doc);
    for q in ["ss", "e", "a", "λ", "ελλαδα", "cafes", " ", "ee x"] {
        let found = search(&doc, &index, q, SearchOptions::default()).expect("ok");
        assert!(!found.is_empty(), "{q}");
        for m in found.as_slice() {
            let unit = doc.unit_text(m.unit);
            assert!(
                m.start < m.end && unit.is_char_boundary(m.start) && unit.is_char_boundary(m.end),
                "{q}: {m:?}"
            );
        }
    }
    assert_eq!(find(&doc, "ss"), ["ß", "ß"]);
    // Half of an `ss` expansion is not a match: `s` does not light up `ß`.
    assert_eq!(find(&doc, "s"), ["S", "s"]);
}

#[test]
fn matches_are_in_document_order_and_do_not_overlap() {
    let doc = paragraphs(&["aaaa", "sß ß", "aa"]);
    let index = SearchIndex::build(&doc);
    let found = search(&doc, &index, "aa", SearchOptions::default()).expect("ok");
    let unit = |b| doc.unit_of(Part::Block(b));
    assert_eq!(
        found.as_slice(),
        [
            Match {
                unit: unit(0),
                start: 0,
                end: 2
            },
            Match {
                unit: unit(0),
                start: 2,
                end: 4
            },
            Match {
                unit: unit(2),
                start: 0,
                end: 2
            },
        ]
    );
    assert_eq!(find(&doc, "ß"), ["ß", "ß"]);
}

#[test]
fn a_stale_index_is_an_error_not_a_panic() {
    let doc = paragraphs(&["one paragraph"]);
    let index = SearchIndex::build(&doc);
    let bigger = paragraphs(&["one paragraph", "and another"]);
    let err = search(&bigger, &index, "another", SearchOptions::default()).expect_err("stale");
    assert_eq!(err, SearchError::StaleIndex);
}

#[test]
fn an_index_of_as_many_units_of_other_lengths_is_stale_too() {
    let doc = paragraphs(&["one paragraph", "two"]);
    let index = SearchIndex::build(&doc);
    let edited = paragraphs(&["one paragraph", "two more"]);
    let err = search(&edited, &index, "more", SearchOptions::default()).expect_err("stale");
    assert_eq!(err, SearchError::StaleIndex);
    let same = paragraphs(&["one paragraph", "two"]);
    assert!(search(&same, &index, "two", SearchOptions::default()).is_ok());
}
