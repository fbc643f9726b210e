//! Whatever the reader types, search answers without panicking, and every highlight is a
//! real piece of the text.

use proptest::prelude::*;
use sidenote::document::{Anchor, Block, BlockKind, Document, Meta, Note, Part};
use sidenote::search::{search, Match, Scope, SearchError, SearchIndex, SearchOptions};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Pieces chosen to stress folding: expansions, marks, odd case pairs, whitespace kinds,
/// invisible chars and regex syntax.
const PIECES: &[&str] = &[
    "a", "B", "e", "s", "ß", "ẞ", "é", "e\u{301}", "\u{301}", "\u{308}", "İ", "ı", "Σ", "ς", "ﬁ",
    "ΐ", "ǅ", "ŉ", "Я", "я", "ő", " ", "  ", "\n", "\t", "\u{a0}", "\u{ad}", "\u{200b}", "[", "]",
    "(", ")", ".", "*", "+", "?", "\\", "|", "{", "}", "^", "$", "1", "7", "x", "’", "—", "…", "œ",
    "Æ", "ﬃ", "\u{2009}", "\u{202f}",
];

/// What a reader types (left) for what typeset text may hold (right): the equivalences
/// of plain search, written out here independently of the implementation's table.
const EQUIVALENT: &[(&str, &[char])] = &[
    ("'", &['’', '‘', 'ʼ', '‚', '‛']),
    ("\"", &['“', '”', '„', '‟']),
    ("-", &['–', '—', '‐', '‑', '‒', '―', '−']),
    ("...", &['…']),
    ("oe", &['œ']),
    ("OE", &['Œ']),
    ("ae", &['æ']),
    ("AE", &['Æ']),
    ("ss", &['ß']),
    ("SS", &['ẞ']),
    ("ij", &['ĳ']),
    ("IJ", &['Ĳ']),
    ("'n", &['ŉ']),
    ("ff", &['ﬀ']),
    ("fi", &['ﬁ']),
    ("fl", &['ﬂ']),
    ("ffi", &['ﬃ']),
    ("ffl", &['ﬄ']),
    ("st", &['ﬅ', 'ﬆ']),
];

/// Pieces for the oracle: every equivalence from both sides, with letters, accents and
/// spaces around them, so that queries often hit.
const EQ_PIECES: &[&str] = &[
    "'", "’", "‘", "ʼ", "\"", "“", "”", "„", "-", "–", "—", "‐", "−", ".", "...", "…", "o", "e",
    "oe", "œ", "Œ", "OE", "a", "ae", "æ", "Æ", "s", "ss", "ß", "ẞ", "S", "f", "i", "fi", "ﬁ", "ﬂ",
    "ﬀ", "ﬃ", "ﬄ", "l", "é", "e\u{301}", "E", " ", "  ", "\n", "\u{a0}", "\u{2009}", "\u{202f}",
    "\u{ad}", "x",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn block_strategy() -> impl Strategy<Value = Block> {
    (
        text(24),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        prop::sample::select(&[BlockKind::Paragraph, BlockKind::Caption, BlockKind::Heading][..]),
    )
        .prop_map(|(text, ats, kind)| {
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
                    label: (i + 1).to_string().into(),
                    at: at as u32,
                    note: 0,
                })
                .collect();
            Block {
                kind,
                text: text.into(),
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
                    label: (i + 1).to_string().into(),
                    text: text.map(Into::into),
                    refs: Default::default(),
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

fn all_options() -> Vec<SearchOptions> {
    let mut out = Vec::new();
    for regex in [false, true] {
        for exact in [false, true] {
            for scope in [Scope::All, Scope::Body, Scope::Notes, Scope::Captions] {
                out.push(SearchOptions {
                    regex,
                    exact,
                    scope,
                });
            }
        }
    }
    out
}

/// The fold of plain search, char by char and without any of the index's shortcuts:
/// what each char of `text` stands for, in context (a whitespace run is one space).
/// `exact` turns accents and equivalences off; `case` folds case.
fn naive_fold(text: &str, case: bool, exact: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_space = false;
    for c in text.chars() {
        let layout_space = c.is_ascii() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}');
        let folded = if c.is_whitespace() && (layout_space || !exact) {
            let s = if in_space { "" } else { " " };
            in_space = true;
            s.to_string()
        } else if matches!(
            c,
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
        ) {
            String::new()
        } else if c.is_whitespace() {
            in_space = false;
            c.to_string()
        } else {
            let mut s = String::new();
            decompose_canonical(c, |d| {
                if exact || !is_combining_mark(d) {
                    if case {
                        let full: String = d
                            .to_lowercase()
                            .flat_map(char::to_uppercase)
                            .flat_map(char::to_lowercase)
                            .collect();
                        // Exact: `ß` → `ss` is an equivalence, not a change of case.
                        if exact && full.chars().count() > 1 {
                            s.extend(d.to_lowercase());
                        } else {
                            s.push_str(&full);
                        }
                    } else {
                        s.push(d);
                    }
                }
            });
            if !exact {
                s = s
                    .chars()
                    .filter(|&f| !is_combining_mark(f))
                    .map(|f| {
                        EQUIVALENT
                            .iter()
                            .find(|(_, typeset)| typeset.contains(&f))
                            .map_or(f.to_string(), |(typed, _)| typed.to_string())
                    })
                    .collect();
            }
            if !s.is_empty() {
                in_space = false;
            }
            s
        };
        out.push(folded);
    }
    out
}

/// The length of the start of `text` whose strict fold is `want`, plus what folds to
/// nothing after it; none if an accent that counts follows (it belongs to the letter).
fn strict_prefix(text: &str, case: bool, exact: bool, want: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let strict = naive_fold(text, case, exact);
    let mut acc = String::new();
    for (k, piece) in strict.iter().enumerate() {
        acc.push_str(piece);
        if acc == want {
            let mut stop = k + 1;
            while stop < strict.len() && strict[stop].is_empty() {
                stop += 1;
            }
            if stop < strict.len() && is_combining_mark(chars[stop].1) {
                return None;
            }
            return Some(chars.get(stop).map_or(text.len(), |c| c.0));
        }
        if !want.starts_with(acc.as_str()) {
            return None;
        }
    }
    None
}

/// Plain search, the slow way: at each char (leftmost first), does the text from there
/// fold to the query? Loosely first (case, accents, equivalences all folded), then, if
/// the query has an uppercase letter or `exact` is on, the original text of that match
/// folded as strictly as asked. A match covers whole chars, and the invisible leftovers
/// after it (marks, the rest of a space run). Matches do not overlap.
// `i` is moved on inside the `for j in i..` loop only as that loop is left for the
// next start (`continue 'start`).
#[allow(clippy::mut_range_bound)]
fn naive_search(text: &str, query: &str, exact: bool) -> Vec<(usize, usize)> {
    let q_loose: String = naive_fold(query, true, false).concat();
    if q_loose.is_empty() {
        return Vec::new();
    }
    let case = !query.chars().any(char::is_uppercase);
    let q_strict: String = naive_fold(query, case, exact).concat();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let loose = naive_fold(text, true, false);
    let mut found = Vec::new();
    let mut i = 0;
    'start: while i < chars.len() {
        if loose[i].is_empty() {
            i += 1;
            continue;
        }
        let mut acc = String::new();
        for j in i..chars.len() {
            acc.push_str(&loose[j]);
            if acc.len() >= q_loose.len() {
                if acc == q_loose {
                    let mut end = j + 1;
                    while end < chars.len() && loose[end].is_empty() {
                        end += 1;
                    }
                    let b = chars.get(end).map_or(text.len(), |c| c.0);
                    // Strictly: the shortest start of that text that folds to the query,
                    // and what folds to nothing after it; when the query starts with a
                    // space, the match may start further into the run of whitespace.
                    let mut s0 = i;
                    loop {
                        let a = chars[s0].0;
                        if let Some(stop) = strict_prefix(&text[a..b], case, exact, &q_strict) {
                            found.push((a, a + stop));
                            i = end;
                            continue 'start;
                        }
                        if !(chars[s0].1.is_whitespace() && s0 + 1 < end) {
                            break;
                        }
                        s0 += 1;
                    }
                }
                break;
            }
        }
        i += 1;
    }
    found
}

fn eq_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(EQ_PIECES), 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Plain search, smart case and exact, finds exactly what the naive definition with
    /// the equivalences finds, at the same offsets.
    #[test]
    fn plain_search_agrees_with_a_naive_oracle(
        texts in prop::collection::vec(eq_text(16), 1..4),
        query in eq_text(4),
        exact in any::<bool>(),
    ) {
        let blocks = texts
            .iter()
            .map(|t| Block { kind: BlockKind::Paragraph, text: t.clone().into(), ..Block::default() })
            .collect();
        let doc = Document { blocks, ..Document::default() };
        let index = SearchIndex::build(&doc);
        let opts = SearchOptions { exact, ..SearchOptions::default() };
        let found: Vec<Match> = search(&doc, &index, &query, opts).expect("plain search").as_slice().to_vec();
        let mut naive = Vec::new();
        for unit in 0..doc.unit_count() {
            let text = doc.unit_text(unit);
            naive.extend(naive_search(&text, &query, exact).into_iter().map(|(start, end)| Match { unit, start, end }));
        }
        prop_assert_eq!(found, naive, "query {:?} in {:?}", query, texts);
    }

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

    /// A scope gives the matches of the whole text that lie in its units, no more.
    #[test]
    fn a_scope_keeps_exactly_its_units(doc in doc_strategy(), query in text(4), regex: bool, exact: bool) {
        let index = SearchIndex::build(&doc);
        let all = SearchOptions { regex, exact, scope: Scope::All };
        let Ok(everywhere) = search(&doc, &index, &query, all) else {
            return Ok(());
        };
        for scope in [Scope::Body, Scope::Notes, Scope::Captions] {
            let inside = |m: &&Match| match doc.part(m.unit) {
                Part::Block(b) => scope == Scope::Body
                    || (scope == Scope::Captions && doc.blocks[b].kind == BlockKind::Caption),
                Part::Note(_) => scope == Scope::Notes,
                _ => false,
            };
            let want: Vec<Match> = everywhere.as_slice().iter().filter(inside).copied().collect();
            let got = search(&doc, &index, &query, SearchOptions { scope, ..all }).expect("same query");
            prop_assert_eq!(got.as_slice(), &want[..], "{:?}", scope);
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
            .map(|t| Block { kind: BlockKind::Paragraph, text: t.clone().into(), anchors: Default::default(), ..Block::default() })
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
        let opts = SearchOptions { exact: !diacritics, ..SearchOptions::default() };
        let found = search(&doc, &index, piece, opts).expect("plain search");
        prop_assert!(
            found.unit_range(unit).iter().any(|m| m.start < b && a < m.end),
            "{:?} not found in {:?}: {:?}", piece, text, found
        );
    }
}
