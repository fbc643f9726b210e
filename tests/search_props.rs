//! Whatever the reader types, search answers without panicking, and every highlight is a
//! real piece of the text.

use proptest::prelude::*;
use sidenote::document::{Anchor, Block, BlockKind, Document, Meta, Note};
use sidenote::search::{search, SearchError, SearchIndex, SearchOptions};

/// Pieces chosen to stress folding: expansions, marks, odd case pairs, whitespace kinds,
/// invisible chars and regex syntax.
const PIECES: &[&str] = &[
    "a", "B", "e", "s", "ß", "ẞ", "é", "e\u{301}", "\u{301}", "\u{308}", "İ", "ı", "Σ", "ς", "ﬁ",
    "ΐ", "ǅ", "ŉ", "Я", "я", "ő", " ", "  ", "\n", "\t", "\u{a0}", "\u{ad}", "\u{200b}", "[", "]",
    "(", ")", ".", "*", "+", "?", "\\", "|", "{", "}", "^", "$", "1", "7", "x",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn block_strategy() -> impl Strategy<Value = Block> {
    (
        text(24),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    )
        .prop_map(|(text, ats)| {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut ats: Vec<usize> = ats
                .iter()
                .map(|ix| bounds[ix.index(bounds.len())])
                .collect();
            ats.sort_unstable();
            let anchors = ats
                .into_iter()
                .enumerate()
                .map(|(i, at)| Anchor {
                    label: (i + 1).to_string(),
                    at,
                    note: 0,
                })
                .collect();
            Block {
                kind: BlockKind::Paragraph,
                text,
                anchors,
                ..Block::default()
            }
        })
}

fn doc_strategy() -> impl Strategy<Value = Document> {
    (
        text(12),
        prop::collection::vec(block_strategy(), 0..4),
        prop::collection::vec(prop::option::of(text(16)), 0..3),
    )
        .prop_map(|(title, mut blocks, notes)| {
            let notes: Vec<Note> = notes
                .into_iter()
                .enumerate()
                .map(|(i, text)| Note {
                    label: (i + 1).to_string(),
                    text,
                    refs: Vec::new(),
                    ..Note::default()
                })
                .collect();
            if notes.is_empty() {
                blocks.iter_mut().for_each(|b| b.anchors.clear());
            }
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

fn all_options() -> [SearchOptions; 4] {
    [
        SearchOptions {
            regex: false,
            ignore_diacritics: true,
        },
        SearchOptions {
            regex: false,
            ignore_diacritics: false,
        },
        SearchOptions {
            regex: true,
            ignore_diacritics: true,
        },
        SearchOptions {
            regex: true,
            ignore_diacritics: false,
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn search_never_panics_and_ranges_are_valid(doc in doc_strategy(), query in text(6)) {
        let index = SearchIndex::build(&doc);
        for opts in all_options() {
            let found = match search(&doc, &index, &query, opts) {
                Ok(found) => found,
                Err(SearchError::InvalidPattern(msg)) => {
                    prop_assert!(opts.regex, "plain query reported invalid: {}", msg);
                    prop_assert!(!msg.contains('\n'));
                    continue;
                }
                Err(e) => return Err(TestCaseError::fail(format!("unexpected error {e}"))),
            };
            let mut prev: Option<(usize, usize)> = None;
            for m in found.as_slice() {
                let unit = doc.unit_text(m.unit);
                prop_assert!(m.start < m.end && m.end <= unit.len(), "{:?} in {:?}", m, unit);
                prop_assert!(unit.is_char_boundary(m.start) && unit.is_char_boundary(m.end));
                if let Some(p) = prev {
                    prop_assert!(p <= (m.unit, m.start), "out of order or overlapping");
                }
                prev = Some((m.unit, m.end));
            }
        }
    }

    /// For plain ASCII letters, search agrees with the obvious definition.
    #[test]
    fn ascii_search_counts_like_a_naive_scan(
        texts in prop::collection::vec("[abAB ]{0,20}", 1..4),
        query in "[ab]{1,3}",
    ) {
        let blocks = texts
            .iter()
            .map(|t| Block { kind: BlockKind::Paragraph, text: t.clone(), anchors: Vec::new(), ..Block::default() })
            .collect();
        let doc = Document { blocks, ..Document::default() };
        let index = SearchIndex::build(&doc);
        let found = search(&doc, &index, &query, SearchOptions::default()).expect("plain search");
        let naive: usize = texts.iter().map(|t| t.to_ascii_lowercase().matches(query.as_str()).count()).sum();
        prop_assert_eq!(found.len(), naive);
    }

    /// A piece of text copied from the document is found where it was copied from.
    #[test]
    fn a_copied_piece_is_found_where_it_is(
        doc in doc_strategy(),
        unit in any::<prop::sample::Index>(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
        diacritics in any::<bool>(),
    ) {
        let unit = unit.index(doc.unit_count());
        let text = doc.unit_text(unit);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let (a, b) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
        let (a, b) = (a.min(b), a.max(b));
        let piece = &text[a..b];
        // Cutting a letter from its accent, or starting on an invisible char, is not
        // something a reader can copy from the screen.
        let mark = |c: Option<char>| c.is_some_and(unicode_normalization::char::is_combining_mark);
        let odd_start = mark(piece.chars().next())
            || piece.starts_with(['\u{ad}', '\u{200b}'])
            || mark(text[b..].chars().find(|c| !matches!(c, '\u{ad}' | '\u{200b}')));
        // An accent on a space is degenerate text; where it belongs is anyone's guess.
        let visible: Vec<char> = text.chars().filter(|c| !matches!(c, '\u{ad}' | '\u{200b}')).collect();
        let accented_space = visible.windows(2).any(|w| w[0].is_whitespace() && mark(Some(w[1])));
        if piece.trim().is_empty() || odd_start || accented_space {
            return Ok(());
        }
        let index = SearchIndex::build(&doc);
        let opts = SearchOptions { regex: false, ignore_diacritics: diacritics };
        let found = search(&doc, &index, piece, opts).expect("plain search");
        prop_assert!(
            found.unit_range(unit).iter().any(|m| m.start < b && a < m.end),
            "{:?} not found in {:?}: {:?}", piece, text, found
        );
    }
}
