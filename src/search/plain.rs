//! Plain (literal) queries: one `memmem` pass over the folded index, and one over the
//! units it searches in place (ASCII text, ASCII case ignored).
//!
//! The index is folded in the loosest way (case, diacritics, typographic equivalences,
//! whitespace runs), and every stricter match is also a loose match. So the loose query
//! is searched once over the whole buffer (or the part a scope covers); when the user
//! asked for something stricter (an uppercase letter in the query, or exact characters),
//! each candidate is re-folded from the original text in the strict mode and compared
//! with the query folded the same way. A rare word costs the same either way; a common
//! word costs a small fold per candidate.

use super::fold::{fold_str, FoldMode};
use super::fold_char::fold_char;
use super::index::SearchIndex;
use super::matches::Match;
use super::{SearchError, SearchOptions};
use crate::document::Document;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use unicode_normalization::char::is_combining_mark;

/// How many candidates are examined between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

pub(crate) fn search(
    doc: &Document,
    index: &SearchIndex,
    query: &str,
    opts: SearchOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let loose = fold_str(query, FoldMode::LOOSE);
    if loose.is_empty() {
        return Ok(Vec::new());
    }
    let strict = FoldMode {
        case: !query.chars().any(char::is_uppercase),
        marks: !opts.exact,
        spaces: true,
        equiv: !opts.exact,
    };
    let want = (strict != FoldMode::LOOSE).then(|| fold_str(query, strict));
    let mut check = Checker {
        verifier: Verifier {
            doc,
            cached: None,
            buf: Vec::new(),
        },
        strict,
        want: want.as_deref().map(str::as_bytes),
    };
    let folded = in_folded(doc, index, &loose, opts, &mut check, cancel)?;
    // Only a query that folds to ASCII can match text that is ASCII.
    let in_place = if loose.is_ascii() {
        in_place(doc, index, &loose, opts, &mut check, cancel)?
    } else {
        Vec::new()
    };
    Ok(merge(folded, in_place))
}

/// The matches in the units copied into the folded buffer: one `memmem` pass over it.
fn in_folded(
    doc: &Document,
    index: &SearchIndex,
    loose: &str,
    opts: SearchOptions,
    check: &mut Checker<'_, '_>,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let finder = Finder::new(loose.as_bytes());
    // A scope narrows the buffer to its units (contiguous), so "notes only" does not
    // scan the body at all.
    let units = opts.scope.units(doc);
    let (Some(first), Some(last)) = (
        index.get(units.start).filter(|_| !units.is_empty()),
        units.end.checked_sub(1).and_then(|u| index.get(u)),
    ) else {
        return Ok(Vec::new());
    };
    let hay = &index.folded[..last.start + last.len];
    let mut out: Vec<Match> = Vec::new();
    let mut pos = first.start;
    let mut seen = 0usize;
    let mut unit = units.start;
    while let Some(rel) = hay.get(pos..).and_then(|h| finder.find(h)) {
        seen += 1;
        if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        let fs = pos + rel;
        let fe = fs + loose.len();
        unit = index.unit_at(fs, unit);
        let map = index.unit(unit);
        if !opts.scope.includes(doc, unit) {
            // Out of scope (a paragraph, when only captions count): the next unit.
            pos = map.start + map.len + 1;
            continue;
        }
        let (rs, re) = (fs - map.start, fe - map.start);
        let found = if !(map.is_boundary(rs) && map.is_boundary(re)) {
            None
        } else {
            check.verify(unit, map.orig_start(rs), map.orig_end(re))
        };
        let Some((start, end)) = found else {
            // An overlapping later candidate may still match: step one char, not the match.
            pos = fs + utf8_len(hay[fs]);
            continue;
        };
        pos = fe;
        push(&mut out, Match { unit, start, end });
    }
    Ok(out)
}

/// The matches in the units searched in place (see `SearchIndex`): their text folds to
/// itself lowercased, so a candidate is the loose query with ASCII case ignored, at
/// the same offsets.
fn in_place(
    doc: &Document,
    index: &SearchIndex,
    loose: &str,
    opts: SearchOptions,
    check: &mut Checker<'_, '_>,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let Ok(finder) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build([loose.as_bytes()])
    else {
        // Only a query beyond the automaton's size limits fails here; it cannot fit in a
        // unit of text a reader searches either.
        return Ok(Vec::new());
    };
    let mut out: Vec<Match> = Vec::new();
    let mut seen = 0usize;
    for unit in opts.scope.units(doc) {
        seen += 1;
        if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        let in_place = index.get(unit).is_some_and(|u| u.in_place);
        if !in_place || !opts.scope.includes(doc, unit) {
            continue;
        }
        let text = doc.unit_text(unit);
        let hay = text.as_bytes();
        let mut pos = 0;
        while let Some(m) = finder.find(Input::new(hay).range(pos..)) {
            seen += 1;
            if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
                return Err(SearchError::Cancelled);
            }
            match check.verify(unit, m.start(), m.end()) {
                Some((start, end)) => {
                    pos = m.end();
                    push(&mut out, Match { unit, start, end });
                }
                // Overlapping candidates: one byte is one char here.
                None => pos = m.start() + 1,
            }
        }
    }
    Ok(out)
}

/// Appends a match found in document order.
fn push(out: &mut Vec<Match>, m: Match) {
    // Whole-char matches cannot overlap; this only guards the invariant.
    if let Some(last) = out.last() {
        if last.unit == m.unit && m.start < last.end {
            return;
        }
    }
    out.push(m);
}

/// Two lists of matches in document order, in units apart from each other, as one.
fn merge(a: Vec<Match>, b: Vec<Match>) -> Vec<Match> {
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if (x.unit, x.start) <= (y.unit, y.start) => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(m) => out.push(m),
            None => return out,
        }
    }
}

/// Whether a loose candidate is a match in the mode the user asked for.
struct Checker<'d, 'q> {
    verifier: Verifier<'d>,
    strict: FoldMode,
    /// The query folded in `strict`; `None` when that is the loose fold (every loose
    /// candidate matches).
    want: Option<&'q [u8]>,
}

impl Checker<'_, '_> {
    fn verify(&mut self, unit: usize, start: usize, end: usize) -> Option<(usize, usize)> {
        match self.want {
            None => Some((start, end)),
            Some(want) => self.verifier.matches(unit, start, end, self.strict, want),
        }
    }
}

/// Re-folds candidates in the strict mode; keeps the current unit's text borrowed
/// across candidates (the meta line is built on demand by the document).
struct Verifier<'d> {
    doc: &'d Document,
    cached: Option<(usize, Cow<'d, str>)>,
    buf: Vec<u8>,
}

impl<'d> Verifier<'d> {
    /// Whether the original text `start..end` of a loose candidate holds a match of
    /// `want` (the query folded in `mode`), and where. It can be shorter than the loose
    /// one: loose folding drops the rest of a whitespace run, which a stricter fold may
    /// keep (a no-break space after a line break, when characters count).
    fn matches(
        &mut self,
        unit: usize,
        start: usize,
        end: usize,
        mode: FoldMode,
        want: &[u8],
    ) -> Option<(usize, usize)> {
        if self.cached.as_ref().map(|c| c.0) != Some(unit) {
            self.cached = Some((unit, self.doc.unit_text(unit)));
        }
        let (_, text) = self.cached.as_ref()?;
        let slice = text.get(start..end)?;
        // Most candidates are a plain ASCII word: compare without folding.
        let bytes = slice.as_bytes();
        if bytes.iter().all(|&b| b.is_ascii_graphic()) {
            let case = mode.case;
            let same = bytes.len() == want.len()
                && bytes.iter().zip(want).all(|(&b, &w)| {
                    if case {
                        b.to_ascii_lowercase() == w
                    } else {
                        b == w
                    }
                });
            return same.then_some((start, end));
        }
        // A loose match that starts with a space starts at the first char of the
        // whitespace run; strictly, it may start further in (at the no-break space
        // after a line break, when characters count).
        let mut from = 0;
        loop {
            let rest = &slice[from..];
            if let Some(len) = strict_prefix(rest, mode, want, &mut self.buf) {
                return Some((start + from, start + from + len));
            }
            match rest.chars().next() {
                Some(c) if c.is_whitespace() => {
                    from += c.len_utf8();
                }
                _ => return None,
            }
        }
    }
}

/// The length of the start of `text` that folds (in `mode`) to `want`, with whatever
/// folds to nothing right after it (the rest of a space run, invisible chars).
fn strict_prefix(text: &str, mode: FoldMode, want: &[u8], buf: &mut Vec<u8>) -> Option<usize> {
    buf.clear();
    let mut in_space = false;
    let mut matched = None;
    for (i, c) in text.char_indices() {
        let before = buf.len();
        if c.is_ascii_graphic() {
            let b = c as u8;
            buf.push(if mode.case { b.to_ascii_lowercase() } else { b });
            in_space = false;
        } else {
            fold_char(c, mode, &mut in_space, buf);
        }
        let grew = buf.len() > before;
        if matched.is_some() {
            // A mark belongs to the letter before it: `cafe` is not in `café` when
            // accents count. Other chars (a no-break space) start something else.
            if grew && is_combining_mark(c) {
                return None;
            }
            if grew {
                break;
            }
        } else if !want.starts_with(buf) {
            return None;
        } else if buf.len() < want.len() {
            continue;
        }
        matched = Some(i + c.len_utf8());
    }
    matched
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Scope;

    /// Searching units in place finds exactly what searching their folded copy finds:
    /// every option and scope, overlapping candidates (`aa` in `aaa`, case-sensitive
    /// `Aa` in `aAa`), queries across a single space, and queries that fold to
    /// something else than ASCII (which the units in place cannot hold).
    #[test]
    fn in_place_finds_what_the_copy_finds() {
        let mut doc = crate::document::synthetic::synthetic_document(60_000, None);
        doc.blocks[3].text = "aAa AAA aaa, Aa".into();
        doc.blocks[4].text = "An  aAa  line\twith tabs".into();
        let copied = SearchIndex::build_with(&doc, |_| false);
        let in_place = SearchIndex::build(&doc);
        let units = (0..in_place.unit_count()).filter(|&u| in_place.unit(u).in_place);
        assert!(units.count() > doc.unit_count() / 4);
        let mut queries: Vec<String> = [
            "aa",
            "Aa",
            "aAa",
            "a a",
            "A",
            "the",
            "The harbour",
            "é",
            "ss",
            "'",
            "-",
            ", a",
        ]
        .map(String::from)
        .to_vec();
        // Words of the text itself, as written and lowercased.
        for b in doc.blocks.iter().step_by(7).take(40) {
            if let Some(w) = b.text.split(' ').nth(2) {
                queries.push(w.to_owned());
                queries.push(w.to_lowercase());
            }
        }
        let never = AtomicBool::new(false);
        let mut found = 0;
        for q in &queries {
            for scope in [Scope::All, Scope::Body, Scope::Notes, Scope::Captions] {
                for exact in [false, true] {
                    let opts = SearchOptions {
                        exact,
                        scope,
                        ..SearchOptions::default()
                    };
                    let want = search(&doc, &copied, q, opts, &never).expect("copied");
                    let got = search(&doc, &in_place, q, opts, &never).expect("in place");
                    assert_eq!(got, want, "{q:?} {opts:?}");
                    found += got.len();
                }
            }
        }
        assert!(found > 1000, "{found}");
    }
}
