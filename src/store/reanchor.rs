//! Finding a bookmarked passage again after the document was edited.
//!
//! The stored excerpt is searched for in every unit: exactly first, then with runs of
//! whitespace treated as one space (re-wrapped or re-indented text). Among several
//! identical matches the one nearest the old position wins, so a repeated phrase does not
//! send the bookmark elsewhere. If the excerpt is not there as it was, the passage was
//! edited: candidates are scored by word-level similarity (an alignment of the excerpt's
//! words with the text's that tolerates words inserted, deleted or changed, and that may
//! run on into the next unit when a paragraph was split). The best candidate is taken
//! only if it scores at least `THRESHOLD` and no other, non-overlapping candidate comes
//! within `MARGIN` of it; otherwise the bookmark is left unplaced. See docs/storage.md.

use super::record::EXCERPT_CHARS;
use super::texts::UnitTexts;
use crate::document::DocPos;
use memchr::memmem;
use std::cell::OnceCell;
use std::collections::HashMap;

/// The lowest similarity (0–1: one minus edits per excerpt word) a passage may have and
/// still be taken for the bookmarked one.
pub(crate) const THRESHOLD: f64 = 0.6;
/// How far ahead of every other distinct candidate the best must be; closer than this,
/// the bookmark is left unplaced rather than risk the wrong passage.
pub(crate) const MARGIN: f64 = 0.1;
/// An excerpt of fewer words is too short to be judged by similarity.
const MIN_WORDS: usize = 3;
/// How many of the excerpt's rarest words (fewest units in the document) pick the units
/// worth scoring.
const RARE_WORDS: usize = 8;

/// Where a passage is in this version of the document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Found {
    /// Found as it was (exactly, or re-wrapped).
    Same(DocPos),
    /// Found edited, with this similarity.
    Similar(DocPos, f64),
    /// Two or more passages are about equally similar: not placed.
    Ambiguous,
    /// Nothing similar enough.
    Gone,
}

pub(crate) struct Finder<'a> {
    texts: &'a UnitTexts<'a>,
    normalized: OnceCell<Vec<Normalized>>,
    words: OnceCell<Words>,
}

impl<'a> Finder<'a> {
    pub(crate) fn new(texts: &'a UnitTexts<'a>) -> Self {
        Finder {
            texts,
            normalized: OnceCell::new(),
            words: OnceCell::new(),
        }
    }

    /// Where the passage starting with `excerpt` now is. An empty excerpt (a bookmark at
    /// the end of a unit) cannot be searched for; its old position is kept, clamped into
    /// the document.
    pub(crate) fn place(&self, excerpt: &str, old: DocPos) -> Found {
        if excerpt.trim().is_empty() {
            return Found::Same(self.texts.clamp(old));
        }
        if let Some(p) = nearest(
            self.texts.units.iter().map(|t| (t.as_str(), None)),
            excerpt,
            old,
        ) {
            return Found::Same(p);
        }
        let needle = normalize(excerpt).text;
        let norm = self
            .normalized
            .get_or_init(|| self.texts.units.iter().map(|t| normalize(t)).collect());
        let units = norm
            .iter()
            .map(|n| (n.text.as_str(), Some(n.orig.as_slice())));
        if let Some(p) = nearest(units, &needle, old) {
            return Found::Same(p);
        }
        self.similar(excerpt, old)
    }

    /// The edited passage most similar to `excerpt` (see the module comment).
    pub(crate) fn similar(&self, excerpt: &str, old: DocPos) -> Found {
        let words = self.words.get_or_init(|| Words::new(&self.texts.units));
        let mut toks = tokenize(excerpt);
        // A full-length excerpt was cut after EXCERPT_CHARS characters, likely mid-word.
        let cut = excerpt.chars().count() >= EXCERPT_CHARS
            && excerpt.chars().last().is_some_and(char::is_alphanumeric);
        if cut {
            toks.pop();
        }
        if toks.len() < MIN_WORDS {
            return Found::Gone;
        }
        let lead = toks.first().map_or(0, |t| t.1);
        let ids: Vec<u32> = toks
            .iter()
            .map(|(w, _)| words.vocab.get(w.as_str()).copied().unwrap_or(u32::MAX))
            .collect();
        let cands = words.candidates(&ids);
        let n = ids.len();
        let mut found: Vec<Candidate> = Vec::new();
        for unit in cands {
            words.score(unit, &ids, &mut found);
        }
        let distance = |c: &Candidate| {
            let at = words.units[c.unit][c.start].1;
            (c.unit.abs_diff(old.unit), at.abs_diff(old.byte))
        };
        found.retain(|c| c.score(n) >= THRESHOLD);
        found.sort_by(|a, b| {
            b.score(n)
                .total_cmp(&a.score(n))
                .then_with(|| distance(a).cmp(&distance(b)))
        });
        let Some(best) = found.first() else {
            return Found::Gone;
        };
        let rival = found
            .iter()
            .skip(1)
            .find(|c| c.gend <= best.gstart || c.gstart >= best.gend);
        if rival.is_some_and(|r| r.score(n) >= best.score(n) - MARGIN) {
            return Found::Ambiguous;
        }
        let text = &self.texts.units[best.unit];
        let mut byte = words.units[best.unit][best.start].1;
        // Punctuation or space before the excerpt's first word, if it is there too.
        if let Some(before) = excerpt.get(..lead) {
            if lead > 0 && text.get(..byte).is_some_and(|t| t.ends_with(before)) {
                byte -= lead;
            }
        }
        Found::Similar(DocPos::new(best.unit, byte), best.score(n))
    }
}

/// One aligned stretch of text: edits, matched words, and its span in unit tokens
/// (`start` in its own unit) and in the whole document's tokens (`gstart..gend`).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    unit: usize,
    start: usize,
    gstart: usize,
    gend: usize,
    cost: u32,
}

impl Candidate {
    fn score(&self, n: usize) -> f64 {
        (1.0 - f64::from(self.cost) / n.max(1) as f64).max(0.0)
    }
}

/// Every unit's words, as ids into one vocabulary, with their byte offsets; and for each
/// word the units it occurs in.
struct Words {
    vocab: HashMap<String, u32>,
    units: Vec<Vec<(u32, usize)>>,
    /// Global index of each unit's first token.
    offsets: Vec<usize>,
    /// For each word id, the units it occurs in (ascending, no repeats).
    postings: Vec<Vec<u32>>,
}

impl Words {
    fn new(texts: &[String]) -> Words {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut units = Vec::with_capacity(texts.len());
        let mut offsets = Vec::with_capacity(texts.len());
        let mut total = 0;
        for (u, text) in texts.iter().enumerate() {
            let u32_unit = u32::try_from(u).unwrap_or(u32::MAX);
            let toks: Vec<(u32, usize)> = tokenize(text)
                .into_iter()
                .map(|(w, at)| {
                    let next = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
                    let id = *vocab.entry(w).or_insert(next);
                    if id as usize == postings.len() {
                        postings.push(Vec::new());
                    }
                    if let Some(list) = postings.get_mut(id as usize) {
                        if list.last() != Some(&u32_unit) {
                            list.push(u32_unit);
                        }
                    }
                    (id, at)
                })
                .collect();
            offsets.push(total);
            total += toks.len();
            units.push(toks);
        }
        Words {
            vocab,
            units,
            offsets,
            postings,
        }
    }

    /// The units worth scoring: those holding enough of the excerpt's rarest words, and
    /// the unit before each (the passage may start there and run on, a split paragraph).
    fn candidates(&self, ids: &[u32]) -> Vec<usize> {
        let mut known: Vec<u32> = ids.iter().copied().filter(|&i| i != u32::MAX).collect();
        known.sort_unstable();
        known.dedup();
        known.sort_by_key(|&i| self.postings.get(i as usize).map_or(0, Vec::len));
        known.truncate(RARE_WORDS);
        let need = if known.len() >= 4 { 2 } else { 1 };
        let mut hits: HashMap<u32, usize> = HashMap::new();
        for id in &known {
            for &u in self.postings.get(*id as usize).into_iter().flatten() {
                *hits.entry(u).or_default() += 1;
            }
        }
        let mut units: Vec<usize> = hits
            .into_iter()
            .filter(|&(_, h)| h >= need)
            .flat_map(|(u, _)| {
                let u = u as usize;
                [u.checked_sub(1), Some(u)]
            })
            .flatten()
            .collect();
        units.sort_unstable();
        units.dedup();
        units
    }

    /// Aligns the excerpt's words with the text from any word of `unit` (running on into
    /// the next unit), free at both ends of the text: a word inserted, deleted or changed
    /// costs one. Pushes every end position's best alignment that starts in `unit`.
    fn score(&self, unit: usize, ids: &[u32], out: &mut Vec<Candidate>) {
        let own = &self.units[unit];
        if own.is_empty() {
            return;
        }
        let next = self.units.get(unit + 1).map_or(&[][..], |t| {
            &t[..t.len().min(ids.len() + ids.len() / 2 + 2)]
        });
        let text: Vec<u32> = own.iter().chain(next).map(|t| t.0).collect();
        let m = text.len();
        // (cost, words not matched among those consumed, start), smallest wins: fewest
        // edits, then most words matched, then the latest start (leading words of the
        // excerpt deleted rather than replaced by the words before the passage).
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        struct Cell {
            cost: u32,
            unmatched: u32,
            late: usize,
        }
        let cell = |cost: u32, matched: u32, start: usize| Cell {
            cost,
            unmatched: u32::MAX - matched,
            late: usize::MAX - start,
        };
        let matched = |c: Cell| u32::MAX - c.unmatched;
        let start = |c: Cell| usize::MAX - c.late;
        let mut prev: Vec<Cell> = (0..=m).map(|k| cell(0, 0, k)).collect();
        let mut cur = prev.clone();
        for &e in ids {
            cur[0] = cell(prev[0].cost + 1, matched(prev[0]), start(prev[0]));
            for k in 1..=m {
                let d = prev[k - 1];
                let diag = if text[k - 1] == e {
                    cell(d.cost, matched(d) + 1, start(d))
                } else {
                    cell(d.cost + 1, matched(d), start(d))
                };
                let del = cell(prev[k].cost + 1, matched(prev[k]), start(prev[k]));
                let c = cur[k - 1];
                let ins = cell(c.cost + 1, matched(c), start(c));
                cur[k] = diag.min(del).min(ins);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let limit = (ids.len() as f64 * (1.0 - THRESHOLD)).floor() as u32;
        let base = self.offsets[unit];
        for (k, c) in prev.iter().enumerate() {
            let s = start(*c);
            if c.cost <= limit && s < own.len() && s < k {
                out.push(Candidate {
                    unit,
                    start: s,
                    gstart: base + s,
                    gend: base + k,
                    cost: c.cost,
                });
            }
        }
    }
}

/// Words for the similarity: runs of letters and digits, lowercased, with the byte
/// offset of each in `s`.
fn tokenize(s: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut word: Option<(String, usize)> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            let w = word.get_or_insert_with(|| (String::new(), i));
            w.0.extend(c.to_lowercase());
        } else if let Some(w) = word.take() {
            out.push(w);
        }
    }
    out.extend(word);
    out
}

/// The occurrence of `needle` nearest `old`: fewest units away, then fewest bytes.
/// `orig` maps a normalized text's bytes back to the unit text's bytes.
fn nearest<'t>(
    units: impl Iterator<Item = (&'t str, Option<&'t [usize]>)>,
    needle: &str,
    old: DocPos,
) -> Option<DocPos> {
    let finder = memmem::Finder::new(needle.as_bytes());
    let mut best: Option<DocPos> = None;
    let distance = |p: DocPos| (p.unit.abs_diff(old.unit), p.byte.abs_diff(old.byte));
    for (unit, (text, orig)) in units.enumerate() {
        for at in finder.find_iter(text.as_bytes()) {
            let byte = orig.map_or(at, |o| o.get(at).copied().unwrap_or(at));
            let p = DocPos::new(unit, byte);
            if best.is_none_or(|b| distance(p) < distance(b)) {
                best = Some(p);
            }
        }
    }
    best
}

struct Normalized {
    text: String,
    /// For each byte of `text`, the byte of the original it came from.
    orig: Vec<usize>,
}

/// Runs of whitespace become one space; leading and trailing whitespace goes.
fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut orig = Vec::with_capacity(s.len());
    let mut space_at: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !text.is_empty() && space_at.is_none() {
                space_at = Some(i);
            }
            continue;
        }
        if let Some(at) = space_at.take() {
            text.push(' ');
            orig.push(at);
        }
        text.push(c);
        orig.extend((0..c.len_utf8()).map(|k| i + k));
    }
    Normalized { text, orig }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_maps_back_to_original_bytes() {
        let n = normalize("  a \n\t b");
        assert_eq!(n.text, "a b");
        assert_eq!(n.orig, vec![2, 3, 7]);
    }
}
