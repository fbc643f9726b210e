//! Project Gutenberg's `_italics_` → emphasis runs, underscores taken out.
//!
//! An opening `_` stands at the start of the text or after a space or an opening
//! bracket or quote, and is followed by a letter or digit; the closing `_` follows a
//! non-space and is followed by the end, a space or punctuation. A `_` that finds no
//! partner within `MAX_RUN_BYTES` (an identifier like `snake_case`, a blank to fill in
//! `____`) stays as written.

use crate::document::model::{Run, RunStyle};

/// Longest emphasised stretch looked for, in bytes.
const MAX_RUN_BYTES: usize = 400;

fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{\"'“‘«—–-".contains(c))
}

fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}\"'’”»—–-".contains(c))
}

/// `text` without the underscores of its emphasised stretches, each anchor offset moved
/// with the text, and the runs.
pub fn extract(
    text: String,
    refs: Vec<(String, usize)>,
) -> (String, Vec<(String, usize)>, Vec<Run>) {
    if !text.contains('_') {
        return (text, refs, Vec::new());
    }
    let bytes = text.as_bytes();
    // Pairs of underscore offsets (open, close) in the original text.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'_', &bytes[i..]) {
        let open = i + off;
        i = open + 1;
        let before = text[..open].chars().next_back();
        let after = text[open + 1..].chars().next();
        if !opens_after(before) || !after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let limit = (open + 1 + MAX_RUN_BYTES).min(text.len());
        let mut j = open + 1;
        let mut close = None;
        while let Some(off) = memchr::memchr(b'_', &bytes[j..limit]) {
            let c = j + off;
            let prev = text[..c].chars().next_back();
            let next = text[c + 1..].chars().next();
            if prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next) {
                close = Some(c);
                break;
            }
            j = c + 1;
        }
        if let Some(c) = close {
            pairs.push((open, c));
            i = c + 1;
        }
    }
    if pairs.is_empty() {
        return (text, refs, Vec::new());
    }
    let removed: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    // New offset of an old one: minus the underscores before it.
    let moved = |at: usize| at - removed.partition_point(|&r| r < at);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &r in &removed {
        out.push_str(&text[last..r]);
        last = r + 1;
    }
    out.push_str(&text[last..]);
    let runs = pairs
        .iter()
        .map(|&(a, b)| Run {
            start: moved(a),
            end: moved(b),
            style: RunStyle::Emphasis,
        })
        .collect();
    let refs = refs.into_iter().map(|(l, at)| (l, moved(at))).collect();
    (out, refs, runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<(usize, usize)>) {
        let (t, _, runs) = extract(text.to_owned(), Vec::new());
        (t, runs.iter().map(|r| (r.start, r.end)).collect())
    }

    #[test]
    fn italics_become_runs() {
        assert_eq!(
            run("see _The Lamps_, p. 4"),
            ("see The Lamps, p. 4".to_owned(), vec![(4, 13)])
        );
        assert_eq!(
            run("_a_ and _b_"),
            ("a and b".to_owned(), vec![(0, 1), (6, 7)])
        );
    }

    #[test]
    fn identifiers_and_blanks_stay() {
        assert_eq!(run("snake_case here").0, "snake_case here");
        assert_eq!(run("fill ____ in").0, "fill ____ in");
        assert_eq!(run("open _ never").0, "open _ never");
    }

    #[test]
    fn anchors_move_with_the_text() {
        let (t, refs, _) = extract("_Word_ said.".to_owned(), vec![("1".into(), 11)]);
        assert_eq!(t, "Word said.");
        assert_eq!(refs[0].1, 9);
    }
}
