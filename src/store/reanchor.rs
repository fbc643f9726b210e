//! Finding a bookmarked passage again after the document was edited.
//!
//! The stored excerpt is searched for in every unit: exactly first, then with runs of
//! whitespace treated as one space (re-wrapped or re-indented text), then by a shorter
//! prefix (the passage was edited further on). Among several matches the one nearest the
//! old position wins, so a repeated phrase does not send the bookmark elsewhere.

use super::texts::UnitTexts;
use crate::document::DocPos;
use memchr::memmem;
use std::cell::OnceCell;

/// Prefix lengths (characters) tried when the whole excerpt is not found. Shorter ones
/// would match unrelated passages too easily.
const PREFIX_CHARS: [usize; 2] = [60, 32];

pub(crate) struct Finder<'a> {
    texts: &'a UnitTexts<'a>,
    normalized: OnceCell<Vec<Normalized>>,
}

impl<'a> Finder<'a> {
    pub(crate) fn new(texts: &'a UnitTexts<'a>) -> Self {
        Finder {
            texts,
            normalized: OnceCell::new(),
        }
    }

    /// Where the passage starting with `excerpt` now is, or `None` if it is gone.
    /// An empty excerpt (a bookmark at the end of a unit) cannot be searched for; its
    /// old position is kept, clamped into the document.
    pub(crate) fn place(&self, excerpt: &str, old: DocPos) -> Option<DocPos> {
        if excerpt.trim().is_empty() {
            return Some(self.texts.clamp(old));
        }
        if let Some(p) = nearest(
            self.texts.units.iter().map(|t| (t.as_str(), None)),
            excerpt,
            old,
        ) {
            return Some(p);
        }
        let needle = normalize(excerpt).text;
        let norm = self
            .normalized
            .get_or_init(|| self.texts.units.iter().map(|t| normalize(t)).collect());
        let units = || {
            norm.iter()
                .map(|n| (n.text.as_str(), Some(n.orig.as_slice())))
        };
        if let Some(p) = nearest(units(), &needle, old) {
            return Some(p);
        }
        let chars = needle.chars().count();
        for n in PREFIX_CHARS.into_iter().filter(|&n| n < chars) {
            let prefix: String = needle.chars().take(n).collect();
            if let Some(p) = nearest(units(), &prefix, old) {
                return Some(p);
            }
        }
        None
    }
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
