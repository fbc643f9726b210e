//! Plain (literal) queries, searched in the document's text itself: each candidate is
//! folded as it is read, so nothing is copied.
//!
//! The query is folded in the loosest way (case, diacritics, typographic equivalences,
//! whitespace runs), and every stricter match is also a loose match. A loose match
//! starts at a char whose fold starts with the query's first byte, so the candidates
//! are found with `memchr` for the ASCII ones (`h`, `H`) and a look at each non-ASCII
//! char for the rest (a table, made once, of the first bytes of every char by the first
//! byte of its fold: `é`, `ĥ`, `’`…). From a candidate, the text is folded char by char
//! against the query, exactly as the whole unit would have been folded (`fold.rs`: each
//! char on its own, the only context being whether a whitespace run is open, which the
//! chars before the candidate tell). When the user asked for something stricter (an
//! uppercase letter in the query, or exact characters), each loose match is checked
//! against the query folded that way (`verify.rs`).
//!
//! Before this, the index held a folded copy of the whole text (48 MB of a 100 MB
//! dispatch, after leaving out the units that fold to themselves) and a query was one
//! `memmem` over it; `folded.rs` keeps that search, in tests, as the oracle this one is
//! checked against.

use super::fold::{fold_str, FoldMode};
use super::fold_char::fold_char;
use super::matches::Match;
use super::verify::{strict_mode, Checker};
use super::{SearchError, SearchOptions};
use crate::document::Document;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;

/// How many units or candidates are looked at between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

pub(crate) fn search(
    doc: &Document,
    query: &str,
    opts: SearchOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let loose = fold_str(query, FoldMode::LOOSE);
    let q = loose.as_bytes();
    let Some(&first) = q.first() else {
        return Ok(Vec::new());
    };
    let strict = strict_mode(query, opts.exact);
    let want = (strict != FoldMode::LOOSE).then(|| fold_str(query, strict));
    let mut check = Checker::new(doc, strict, want.as_deref().map(str::as_bytes));
    let starts = Starts::of(first);
    let mut out: Vec<Match> = Vec::new();
    let mut buf = Vec::with_capacity(16);
    let mut seen = 0usize;
    for unit in opts.scope.units(doc) {
        seen += 1;
        if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        if !opts.scope.includes(doc, unit) {
            continue;
        }
        let text = doc.unit_text(unit);
        // Where the next match may start: matches do not overlap.
        let mut from = 0;
        for at in starts.iter(text.as_bytes()) {
            if at < from {
                continue;
            }
            seen += 1;
            if seen.is_multiple_of(CANCEL_EVERY) && cancel.load(Ordering::Relaxed) {
                return Err(SearchError::Cancelled);
            }
            let Some(end) = loose_match_at(&text, at, q, &mut buf) else {
                continue;
            };
            if let Some((start, found_end)) = check.verify(unit, at, end) {
                from = end;
                out.push(Match {
                    unit,
                    start,
                    end: found_end,
                });
            }
        }
    }
    Ok(out)
}

/// Whether ASCII byte `b` is whitespace to the fold (tab, line feed, vertical tab, form
/// feed, carriage return, space).
fn ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(9) < 5
}

/// Whether the fold is inside a whitespace run at byte `at` of `text` (a char
/// boundary): the last char before it that folds to anything is whitespace.
fn in_space_before(text: &str, at: usize) -> bool {
    let mut buf = Vec::new();
    for c in text[..at].chars().rev() {
        if c.is_whitespace() {
            return true;
        }
        if c.is_ascii() {
            return false;
        }
        buf.clear();
        fold_char(c, FoldMode::LOOSE, &mut false, &mut buf);
        if !buf.is_empty() {
            return false;
        }
    }
    false
}

/// The end of the loose match of `q` that starts at byte `at` of `text`, if there is
/// one: what a search of the whole unit folded would find there. It starts at a char
/// that folds to something (not inside a whitespace run), ends where a char's fold
/// ends (`s` does not find half of `ß`), and takes in what folding drops right after it
/// (combining marks, the rest of a whitespace run), so a highlight covers all of the
/// visible text it stands for.
fn loose_match_at(text: &str, at: usize, q: &[u8], buf: &mut Vec<u8>) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most candidates are an ASCII letter followed by ASCII letters: compared without
    // folding, they mostly fail within a byte or two.
    let mut i = at;
    let mut got = 0;
    while let (Some(&b), Some(&want)) = (bytes.get(i), q.get(got)) {
        if b >= 0x80 || ascii_space(b) || want == b' ' {
            break;
        }
        if b.to_ascii_lowercase() != want {
            return None;
        }
        i += 1;
        got += 1;
    }
    // Whether a whitespace run is open matters only for whitespace, which a match
    // starting with a letter has passed.
    let mut in_space = if got == 0 {
        in_space_before(text, at)
    } else {
        false
    };
    while got < q.len() {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            let f = if ascii_space(b) {
                if in_space {
                    // The rest of a run folds to nothing.
                    if got == 0 {
                        return None;
                    }
                    i += 1;
                    continue;
                }
                in_space = true;
                b' '
            } else {
                in_space = false;
                b.to_ascii_lowercase()
            };
            if q[got] != f {
                return None;
            }
            got += 1;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        buf.clear();
        fold_char(c, FoldMode::LOOSE, &mut in_space, buf);
        i += c.len_utf8();
        if buf.is_empty() {
            if got == 0 {
                return None;
            }
            continue;
        }
        if !q[got..].starts_with(buf) {
            return None;
        }
        got += buf.len();
    }
    // Past what folding drops right after the match.
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if in_space && ascii_space(b) {
                i += 1;
                continue;
            }
            break;
        }
        let c = text[i..].chars().next()?;
        buf.clear();
        let mut state = in_space;
        fold_char(c, FoldMode::LOOSE, &mut state, buf);
        if !buf.is_empty() {
            break;
        }
        in_space = state;
        i += c.len_utf8();
    }
    Some(i)
}

/// The bytes a loose match of a query starting with a given byte can start with.
struct Starts {
    /// ASCII bytes (`h` and `H`; every ASCII whitespace for a space).
    ascii: Vec<u8>,
    /// First bytes of the non-ASCII chars whose fold starts with it.
    lead: &'static [bool; 256],
    /// The same, listed (`memchr` finds up to three bytes at once).
    leads: Vec<u8>,
}

/// By the first byte of a fold, the first bytes of the non-ASCII chars whose loose fold
/// starts with it (whitespace folds to a space). Made once, on the first search: every
/// char of the Basic Multilingual Plane folded (7 ms; all of Unicode took 116 ms, too
/// long for a first keystroke). The other planes are taken as a candidate for any fold
/// that does not start with ASCII (none folds to ASCII: they have no canonical
/// decomposition into it, and case folding keeps them in their plane), so a candidate
/// is never missed, only checked for nothing.
static LEADS: LazyLock<Box<[[bool; 256]; 256]>> = LazyLock::new(|| {
    let mut t = Box::new([[false; 256]; 256]);
    for row in t.iter_mut().skip(0x80) {
        row[0xF0..=0xF4].fill(true);
    }
    let mut buf = Vec::new();
    for c in (0x80..=0xFFFF).filter_map(char::from_u32) {
        let f = if c.is_whitespace() {
            b' '
        } else {
            buf.clear();
            fold_char(c, FoldMode::LOOSE, &mut false, &mut buf);
            match buf.first() {
                Some(&f) => f,
                None => continue,
            }
        };
        let mut utf8 = [0u8; 4];
        c.encode_utf8(&mut utf8);
        t[usize::from(f)][usize::from(utf8[0])] = true;
    }
    t
});

impl Starts {
    fn of(first: u8) -> Starts {
        let ascii = if first == b' ' {
            vec![b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ']
        } else if first.is_ascii_lowercase() {
            vec![first, first.to_ascii_uppercase()]
        } else if first.is_ascii() {
            vec![first]
        } else {
            Vec::new()
        };
        let lead = &LEADS[usize::from(first)];
        Starts {
            ascii,
            lead,
            leads: (0u8..=255).filter(|&b| lead[usize::from(b)]).collect(),
        }
    }

    /// The candidates in `hay`, in order.
    fn iter<'h>(&'h self, hay: &'h [u8]) -> Candidates<'h> {
        Candidates {
            starts: self,
            hay,
            next_ascii: self.next_ascii(hay, 0),
            next_lead: self.next_lead(hay, 0),
        }
    }

    fn next_lead(&self, hay: &[u8], from: usize) -> Option<usize> {
        let rest = hay.get(from..)?;
        let found = match self.leads[..] {
            [] => None,
            [a] => memchr::memchr(a, rest),
            [a, b] => memchr::memchr2(a, b, rest),
            [a, b, c] => memchr::memchr3(a, b, c, rest),
            _ => return next_lead(hay, from, self.lead),
        };
        found.map(|i| from + i)
    }

    fn next_ascii(&self, hay: &[u8], from: usize) -> Option<usize> {
        let rest = hay.get(from..)?;
        let found = match self.ascii[..] {
            [] => None,
            [a] => memchr::memchr(a, rest),
            [a, b] => memchr::memchr2(a, b, rest),
            _ => rest.iter().position(|b| self.ascii.contains(b)),
        };
        found.map(|i| from + i)
    }
}

/// The first byte at or after `from` that starts a char `lead` holds.
fn next_lead(hay: &[u8], mut i: usize, lead: &[bool; 256]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    loop {
        // ASCII 8 bytes at a time.
        while let Some(word) = hay.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            if word & HIGH != 0 {
                break;
            }
            i += 8;
        }
        let b = *hay.get(i)?;
        if b >= 0xC0 && lead[usize::from(b)] {
            return Some(i);
        }
        i += 1;
    }
}

/// The candidates of one unit: the ASCII ones and the others, merged in order.
struct Candidates<'h> {
    starts: &'h Starts,
    hay: &'h [u8],
    next_ascii: Option<usize>,
    next_lead: Option<usize>,
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let take_ascii = match (self.next_ascii, self.next_lead) {
            (None, None) => return None,
            (Some(a), Some(l)) => a < l,
            (a, _) => a.is_some(),
        };
        if take_ascii {
            let a = self.next_ascii?;
            self.next_ascii = self.starts.next_ascii(self.hay, a + 1);
            Some(a)
        } else {
            let l = self.next_lead?;
            self.next_lead = self.starts.next_lead(self.hay, l + 1);
            Some(l)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::folded::{self, FoldedIndex};
    use crate::search::Scope;

    fn both(doc: &Document, q: &str, opts: SearchOptions) -> (Vec<Match>, Vec<Match>) {
        let never = AtomicBool::new(false);
        let index = FoldedIndex::build(doc);
        let want = folded::search(doc, &index, q, opts, &never).expect("folded");
        let got = search(doc, q, opts, &never).expect("scan");
        (got, want)
    }

    fn options() -> Vec<SearchOptions> {
        let mut all = Vec::new();
        for scope in [Scope::All, Scope::Body, Scope::Notes, Scope::Captions] {
            for exact in [false, true] {
                all.push(SearchOptions {
                    exact,
                    scope,
                    ..SearchOptions::default()
                });
            }
        }
        all
    }

    /// On a synthetic dispatch (accented and Cyrillic names among ASCII), the scan finds
    /// what the folded copy finds: words of the text as written and lowercased, and
    /// queries across spaces and punctuation.
    #[test]
    fn the_scan_finds_what_the_folded_copy_finds() {
        let doc = crate::document::synthetic::synthetic_document(80_000, None);
        let mut queries: Vec<String> = ["the", "The harbour", "a", "é", "ss", "'", "-", ", a", " "]
            .map(String::from)
            .to_vec();
        for b in doc.blocks.iter().step_by(5).take(60) {
            let words: Vec<&str> = b.text.split(' ').collect();
            if let Some(w) = words.get(2) {
                queries.push((*w).to_owned());
                queries.push(w.to_lowercase());
                queries.push(w.to_uppercase());
            }
            if words.len() > 4 {
                queries.push(words[1..4].join(" "));
            }
        }
        let mut found = 0;
        for q in &queries {
            for opts in options() {
                let (got, want) = both(&doc, q, opts);
                assert_eq!(got, want, "{q:?} {opts:?}");
                found += got.len();
            }
        }
        assert!(found > 2000, "{found}");
    }

    /// What `LEADS` takes for granted beyond the Basic Multilingual Plane: no char there
    /// folds to something starting with ASCII, so leaving them out of the table and
    /// taking them as candidates for every other fold misses nothing.
    #[test]
    fn no_char_beyond_the_first_plane_folds_to_ascii() {
        let mut buf = Vec::new();
        for c in (0x10000..=0x10FFFF).filter_map(char::from_u32) {
            buf.clear();
            fold_char(c, FoldMode::LOOSE, &mut false, &mut buf);
            assert!(
                buf.first().is_none_or(|&b| b >= 0x80),
                "{c:?} folds to {buf:?}"
            );
        }
    }

    /// Chars beyond the first plane find each other as the folded copy found them: a
    /// Deseret capital its small letter, a CJK compatibility ideograph its unified one.
    #[test]
    fn chars_beyond_the_first_plane_are_found() {
        let mut doc = crate::document::synthetic::synthetic_document(4_000, None);
        doc.blocks[0].text = "\u{10400}x \u{10428}x \u{2F800} \u{4E3D} 😀a".into();
        for q in [
            "\u{10428}x",
            "\u{10400}",
            "\u{4E3D}",
            "\u{2F800}",
            "😀a",
            "a",
        ] {
            for opts in options() {
                let (got, want) = both(&doc, q, opts);
                assert_eq!(got, want, "{q:?} {opts:?}");
            }
        }
        let (got, _) = both(&doc, "\u{10428}x", SearchOptions::default());
        assert_eq!(got.len(), 2);
    }

    /// Random texts of the chars folding treats apart (case, marks, ligatures, the
    /// ellipsis, every kind of whitespace, invisible chars, Cyrillic, `ß`), and queries
    /// cut from them or from their fold: the scan and the folded copy agree on each.
    #[test]
    fn the_scan_agrees_on_random_hostile_text() {
        let alphabet = [
            "a", "A", "s", "S", "ß", "ẞ", "e", "é", "E\u{301}", "\u{301}", "ﬁ", "fi", "f", "i",
            "…", ".", "’", "'", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{ad}", "\u{200b}",
            "п", "П", "œ", "oe", "-", "—", "x", "Ǆ", "ǅ", "ﬀ", "\u{2028}",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut checked = 0;
        for _ in 0..300 {
            let mut doc = crate::document::synthetic::synthetic_document(4_000, None);
            let n = doc.blocks.len().min(6);
            assert!(n > 2);
            for b in doc.blocks.iter_mut().take(n) {
                b.text = (0..next(40))
                    .map(|_| alphabet[next(alphabet.len())])
                    .collect::<String>()
                    .into();
            }
            for _ in 0..8 {
                let b = &doc.blocks[next(n)].text;
                let chars: Vec<char> = b.chars().collect();
                if chars.is_empty() {
                    continue;
                }
                let from = next(chars.len());
                let to = (from + 1 + next(5)).min(chars.len());
                let cut: String = chars[from..to].iter().collect();
                for q in [cut.clone(), fold_str(&cut, FoldMode::LOOSE)] {
                    for exact in [false, true] {
                        let opts = SearchOptions {
                            exact,
                            ..SearchOptions::default()
                        };
                        let (got, want) = both(&doc, &q, opts);
                        let texts: Vec<&str> =
                            doc.blocks[..n].iter().map(|b| &b.text[..]).collect();
                        assert_eq!(got, want, "{q:?} {opts:?} in {texts:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }
}
