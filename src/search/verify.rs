//! Checking a loose candidate against the mode the user asked for (an uppercase letter
//! in the query, accents that count): its original text re-folded strictly.

use super::fold::FoldMode;
use super::fold_char::fold_char;
use crate::document::Document;
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;

/// Whether a loose candidate is a match in the mode the user asked for.
pub(crate) struct Checker<'d, 'q> {
    verifier: Verifier<'d>,
    strict: FoldMode,
    /// The query folded in `strict`; `None` when that is the loose fold (every loose
    /// candidate matches).
    want: Option<&'q [u8]>,
}

impl<'d, 'q> Checker<'d, 'q> {
    pub(crate) fn new(doc: &'d Document, strict: FoldMode, want: Option<&'q [u8]>) -> Self {
        Checker {
            verifier: Verifier {
                doc,
                cached: None,
                buf: Vec::new(),
            },
            strict,
            want,
        }
    }

    /// The match a loose candidate `start..end` of `unit` holds, if any.
    pub(crate) fn verify(
        &mut self,
        unit: usize,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        match self.want {
            None => Some((start, end)),
            Some(want) => self.verifier.matches(unit, start, end, self.strict, want),
        }
    }
}

/// The mode a plain `query` asks for: smart case, and accents and equivalences unless
/// characters are to count exactly.
pub(crate) fn strict_mode(query: &str, exact: bool) -> FoldMode {
    FoldMode {
        case: !query.chars().any(char::is_uppercase),
        marks: !exact,
        spaces: true,
        equiv: !exact,
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
