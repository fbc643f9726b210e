//! Plain (literal) queries: one `memmem` pass over the folded index.
//!
//! The index is folded in the loosest way (case, diacritics, whitespace runs), and every
//! stricter match is also a loose match. So the loose query is searched once over the
//! whole buffer; when the user asked for something stricter (an uppercase letter in the
//! query, or diacritics that count), each candidate is re-folded from the original text
//! in the strict mode and compared with the query folded the same way. A rare word costs
//! the same either way; a common word costs a small fold per candidate.

use super::fold::{fold_into, fold_str, FoldMode};
use super::index::SearchIndex;
use super::matches::Match;
use super::{SearchError, SearchOptions};
use crate::document::Document;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

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
        marks: opts.ignore_diacritics,
        spaces: true,
    };
    let want = (strict != FoldMode::LOOSE).then(|| fold_str(query, strict));
    let finder = Finder::new(loose.as_bytes());
    let hay = index.folded.as_slice();
    let mut out: Vec<Match> = Vec::new();
    let mut verifier = Verifier {
        doc,
        cached: None,
        buf: Vec::new(),
    };
    let mut pos = 0;
    let mut seen = 0usize;
    let mut unit = 0;
    while let Some(rel) = finder.find(&hay[pos..]) {
        seen += 1;
        if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        let fs = pos + rel;
        let fe = fs + loose.len();
        unit = index.unit_at(fs, unit);
        let map = &index.units[unit];
        let (rs, re) = (fs - map.start, fe - map.start);
        let start = map.orig_start(rs);
        let end = map.orig_end(re);
        let ok = map.is_boundary(rs)
            && map.is_boundary(re)
            && match &want {
                None => true,
                Some(want) => verifier.matches(unit, start, end, strict, want.as_bytes()),
            };
        if !ok {
            // An overlapping later candidate may still match: step one char, not the match.
            pos = fs + utf8_len(hay[fs]);
            continue;
        }
        pos = fe;
        // Whole-char matches cannot overlap; this only guards the invariant.
        if let Some(last) = out.last() {
            if last.unit == unit && start < last.end {
                continue;
            }
        }
        out.push(Match { unit, start, end });
    }
    Ok(out)
}

/// Re-folds candidates in the strict mode; keeps the current unit's text borrowed
/// across candidates (the meta line is built on demand by the document).
struct Verifier<'d> {
    doc: &'d Document,
    cached: Option<(usize, Cow<'d, str>)>,
    buf: Vec<u8>,
}

impl<'d> Verifier<'d> {
    fn matches(
        &mut self,
        unit: usize,
        start: usize,
        end: usize,
        mode: FoldMode,
        want: &[u8],
    ) -> bool {
        if self.cached.as_ref().map(|c| c.0) != Some(unit) {
            self.cached = Some((unit, self.doc.unit_text(unit)));
        }
        let Some((_, text)) = &self.cached else {
            return false;
        };
        let Some(slice) = text.get(start..end) else {
            return false;
        };
        // Most candidates are a plain ASCII word: compare without folding.
        let bytes = slice.as_bytes();
        if bytes.iter().all(|&b| b.is_ascii_graphic()) {
            let case = mode.case;
            return bytes.len() == want.len()
                && bytes.iter().zip(want).all(|(&b, &w)| {
                    if case {
                        b.to_ascii_lowercase() == w
                    } else {
                        b == w
                    }
                });
        }
        self.buf.clear();
        fold_into(slice, mode, &mut self.buf, None);
        self.buf == want
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}
