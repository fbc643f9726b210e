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
use std::borrow::Cow;
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

/// Memory: nothing here holds a copy of the document's text. The re-wrapped search
/// normalizes only the units that hold the excerpt's longest word, one at a time; the
/// similarity search keeps, per word, the units it occurs in, and reads a candidate's
/// words again from its text. (A normalized copy with a byte map, and every unit's
/// tokens, were 9 and 10 times the text: 2 GB for a 100 MB file with one bookmark gone.)
pub(crate) struct Finder<'a, 'd> {
    texts: &'a UnitTexts<'d>,
    words: OnceCell<Words>,
}

impl<'a, 'd> Finder<'a, 'd> {
    pub(crate) fn new(texts: &'a UnitTexts<'d>) -> Self {
        Finder {
            texts,
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
        if let Some(p) = nearest(self.texts.units(), excerpt, old) {
            return Found::Same(p);
        }
        let needle = normalize(excerpt).text;
        if let Some(p) = nearest_rewrapped(self.texts.units(), &needle, old) {
            return Found::Same(p);
        }
        self.similar(excerpt, old)
    }

    /// The edited passage most similar to `excerpt` (see the module comment).
    pub(crate) fn similar(&self, excerpt: &str, old: DocPos) -> Found {
        let words = self.words.get_or_init(|| Words::new(self.texts.units()));
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
        let cands = words.reachable(&ids, words.candidates(&ids), self.texts.units().len());
        let n = ids.len();
        let mut found: Vec<Candidate> = Vec::new();
        for unit in cands {
            words.score(self.texts.units(), unit, &ids, &mut found);
        }
        let distance = |c: &Candidate| (c.unit.abs_diff(old.unit), c.byte.abs_diff(old.byte));
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
        let text = &self.texts.units()[best.unit];
        let mut byte = best.byte;
        // Punctuation or space before the excerpt's first word, if it is there too.
        if let Some(before) = excerpt.get(..lead) {
            if lead > 0 && text.get(..byte).is_some_and(|t| t.ends_with(before)) {
                byte -= lead;
            }
        }
        Found::Similar(DocPos::new(best.unit, byte), best.score(n))
    }
}

/// One aligned stretch of text: edits, matched words, where it starts (`byte` in its
/// unit), and its span in the document's tokens (`gstart..gend`, each a unit and a token
/// index in it: an end at a unit's last token is `(unit, its token count)`, which sorts
/// before the next unit's `(unit + 1, 0)`, the same place, as an end before a start).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    unit: usize,
    byte: usize,
    gstart: (usize, usize),
    gend: (usize, usize),
    cost: u32,
}

impl Candidate {
    fn score(&self, n: usize) -> f64 {
        (1.0 - f64::from(self.cost) / n.max(1) as f64).max(0.0)
    }
}

/// For each word of the document (an id into one vocabulary), the units it occurs in.
/// A unit's own words are read again from its text when it is scored.
struct Words {
    vocab: HashMap<String, u32>,
    /// For each word id, the units it occurs in (ascending, no repeats).
    postings: Vec<Vec<u32>>,
}

impl Words {
    fn new(texts: &[Cow<'_, str>]) -> Words {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (u, text) in texts.iter().enumerate() {
            let u32_unit = u32::try_from(u).unwrap_or(u32::MAX);
            for_each_word(text, |w, _| {
                let id = match vocab.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
                        vocab.insert(w.to_string(), id);
                        postings.push(Vec::new());
                        id
                    }
                };
                if let Some(list) = postings.get_mut(id as usize) {
                    if list.last() != Some(&u32_unit) {
                        list.push(u32_unit);
                    }
                }
            });
        }
        Words { vocab, postings }
    }

    /// The words of `text` as ids (every word of the document is in the vocabulary),
    /// with the byte offset of each.
    fn tokens(&self, text: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        for_each_word(text, |w, at| {
            out.push((self.vocab.get(w).copied().unwrap_or(u32::MAX), at));
        });
        out
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

    /// Of `units`, those that can reach the threshold at all: an alignment of cost at
    /// most `limit` matches at least `n - limit` of the excerpt's words, and a word can
    /// only be matched if the unit or the next one (where an alignment may run on) holds
    /// it. An exact cut, made from the postings without reading any text: when the
    /// excerpt's known words are all common ones (a passage of another document, tried
    /// by `by_content` on every first open), the rare-word rule keeps nearly every unit,
    /// and aligning them all took seconds per excerpt at 1 MB.
    fn reachable(&self, ids: &[u32], units: Vec<usize>, unit_count: usize) -> Vec<usize> {
        let mut distinct: Vec<(u32, usize)> = Vec::new();
        for &id in ids.iter().filter(|&&i| i != u32::MAX) {
            match distinct.iter_mut().find(|(d, _)| *d == id) {
                Some((_, count)) => *count += 1,
                None => distinct.push((id, 1)),
            }
        }
        let limit = (ids.len() as f64 * (1.0 - THRESHOLD)).floor() as usize;
        let need = ids.len().saturating_sub(limit);
        if units.len() < 64 || distinct.len() > 64 {
            return units;
        }
        // Bit k of `held[u]`: unit u or u + 1 holds the excerpt's k-th distinct word.
        let mut held = vec![0u64; unit_count + 1];
        for (k, (id, _)) in distinct.iter().enumerate() {
            for &u in self.postings.get(*id as usize).into_iter().flatten() {
                let u = u as usize;
                if let Some(h) = held.get_mut(u) {
                    *h |= 1 << k;
                }
                if let Some(h) = u.checked_sub(1).and_then(|p| held.get_mut(p)) {
                    *h |= 1 << k;
                }
            }
        }
        let covered = |u: usize| -> usize {
            let bits = held.get(u).copied().unwrap_or(0);
            distinct
                .iter()
                .enumerate()
                .filter(|(k, _)| bits & (1 << k) != 0)
                .map(|(_, (_, count))| count)
                .sum()
        };
        units.into_iter().filter(|&u| covered(u) >= need).collect()
    }

    /// Aligns the excerpt's words with the text from any word of `unit` (running on into
    /// the next unit), free at both ends of the text: a word inserted, deleted or changed
    /// costs one. Pushes every end position's best alignment that starts in `unit`.
    fn score(&self, texts: &[Cow<'_, str>], unit: usize, ids: &[u32], out: &mut Vec<Candidate>) {
        let own = self.tokens(texts.get(unit).map_or("", |t| t.as_ref()));
        if own.is_empty() {
            return;
        }
        let mut next = self.tokens(texts.get(unit + 1).map_or("", |t| t.as_ref()));
        next.truncate(ids.len() + ids.len() / 2 + 2);
        let text: Vec<u32> = own.iter().chain(&next).map(|t| t.0).collect();
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
        for (k, c) in prev.iter().enumerate() {
            let s = start(*c);
            if c.cost <= limit && s < own.len() && s < k {
                let gend = if k <= own.len() {
                    (unit, k)
                } else {
                    (unit + 1, k - own.len())
                };
                out.push(Candidate {
                    unit,
                    byte: own[s].1,
                    gstart: (unit, s),
                    gend,
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
    for_each_word(s, |w, at| out.push((w.to_string(), at)));
    out
}

/// Calls `f` with each word of `s` (as `tokenize` finds them) and its byte offset,
/// reusing one buffer: the whole document is read this way.
fn for_each_word(s: &str, mut f: impl FnMut(&str, usize)) {
    let mut word = String::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            word.extend(c.to_lowercase());
        } else if let Some(at) = start.take() {
            f(&word, at);
            word.clear();
        }
    }
    if let Some(at) = start {
        f(&word, at);
    }
}

/// The occurrence of `needle` nearest `old`: fewest units away, then fewest bytes.
fn nearest(units: &[Cow<'_, str>], needle: &str, old: DocPos) -> Option<DocPos> {
    let finder = memmem::Finder::new(needle.as_bytes());
    let mut best = Nearest::new(old);
    for (unit, text) in units.iter().enumerate() {
        for at in finder.find_iter(text.as_bytes()) {
            best.offer(DocPos::new(unit, at));
        }
    }
    best.found
}

/// As `nearest`, with runs of whitespace in the units taken as one space (`needle` is
/// normalized). Only a unit holding the needle's longest word as written can hold it
/// (normalizing keeps every run of other characters), so only those are normalized.
fn nearest_rewrapped(units: &[Cow<'_, str>], needle: &str, old: DocPos) -> Option<DocPos> {
    let word = needle.split(' ').max_by_key(|w| w.len()).unwrap_or("");
    let word = memmem::Finder::new(word.as_bytes());
    let finder = memmem::Finder::new(needle.as_bytes());
    let mut best = Nearest::new(old);
    for (unit, text) in units.iter().enumerate() {
        if word.find(text.as_bytes()).is_none() {
            continue;
        }
        let n = normalize(text);
        for at in finder.find_iter(n.text.as_bytes()) {
            best.offer(DocPos::new(unit, n.orig.get(at).copied().unwrap_or(at)));
        }
    }
    best.found
}

/// The place nearest `old` among those offered.
struct Nearest {
    old: DocPos,
    found: Option<DocPos>,
}

impl Nearest {
    fn new(old: DocPos) -> Self {
        Nearest { old, found: None }
    }

    fn offer(&mut self, p: DocPos) {
        let distance = |p: DocPos| {
            (
                p.unit.abs_diff(self.old.unit),
                p.byte.abs_diff(self.old.byte),
            )
        };
        if self.found.is_none_or(|b| distance(p) < distance(b)) {
            self.found = Some(p);
        }
    }
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
    fn rewrapped_text_is_found_in_the_units_that_can_hold_it() {
        let units: Vec<Cow<'_, str>> = vec![
            "the pier was dredged".into(),
            "a vessel of modest\n   draught at the pier".into(),
            "of modest draught".into(),
        ];
        let needle = normalize("of  modest draught").text;
        // Nearest the old place wins; offsets are the unit text's.
        let p = nearest_rewrapped(&units, &needle, DocPos::new(1, 0));
        assert_eq!(p, Some(DocPos::new(1, 9)));
        let p = nearest_rewrapped(&units, &needle, DocPos::new(2, 0));
        assert_eq!(p, Some(DocPos::new(2, 0)));
        assert_eq!(
            nearest_rewrapped(&units, "pier dredged", DocPos::new(0, 0)),
            None
        );
    }

    /// The cut is exact: every unit it drops scores no alignment within the threshold.
    #[test]
    fn units_cut_as_unreachable_have_no_candidate() {
        let doc = crate::document::synthetic::synthetic_document(60_000, None);
        let texts: Vec<Cow<'_, str>> = (0..doc.unit_count()).map(|u| doc.unit_text(u)).collect();
        let words = Words::new(&texts);
        let mut excerpts: Vec<String> = texts
            .iter()
            .skip(5)
            .step_by(17)
            .take(12)
            .map(|t| t.chars().take(120).collect())
            .collect();
        // An edited passage, and the words of another text that this one also uses.
        excerpts.push(excerpts[0].replacen(' ', " quillon ", 3));
        excerpts.push("the harbour of the council and the ferry by the mill of the".into());
        let mut cut = 0;
        for excerpt in &excerpts {
            let ids: Vec<u32> = tokenize(excerpt)
                .iter()
                .map(|(w, _)| words.vocab.get(w.as_str()).copied().unwrap_or(u32::MAX))
                .collect();
            let all: Vec<usize> = (0..texts.len()).collect();
            let kept = words.reachable(&ids, all.clone(), texts.len());
            for u in all.into_iter().filter(|u| !kept.contains(u)) {
                let mut out = Vec::new();
                words.score(&texts, u, &ids, &mut out);
                assert!(out.is_empty(), "unit {u} cut for {excerpt:?}");
                cut += 1;
            }
        }
        assert!(cut > 100, "the cut should drop units: {cut}");
    }

    #[test]
    fn words_are_read_as_tokenize_reads_them() {
        let text = "Éire's 12 QUAYS, re-dredged";
        let mut seen = Vec::new();
        for_each_word(text, |w, at| seen.push((w.to_string(), at)));
        assert_eq!(seen, tokenize(text));
        assert_eq!(
            seen.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>(),
            ["éire", "s", "12", "quays", "re", "dredged"]
        );
    }

    #[test]
    fn normalize_maps_back_to_original_bytes() {
        let n = normalize("  a \n\t b");
        assert_eq!(n.text, "a b");
        assert_eq!(n.orig, vec![2, 3, 7]);
    }
}
