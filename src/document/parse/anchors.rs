//! Note markers in body text: which `[N]` are references to notes, and the text with
//! those markers taken out.
//!
//! A bracketed number is a reference only when the document's note structure supports
//! it: a note with that label is defined, or the document defines notes and the number
//! continues its run of references (at most `SEQUENCE_GAP` above the highest reference
//! seen so far). That keeps references whose note lines were lost (a page that kept
//! notes 1–9 but cites up to 22) while a year such as `[2003]`, a legend `[1] [2]` in a
//! document without notes, or a citation of some other list stays text. In a
//! preformatted block (a table, a figure legend) only defined labels are references.

use super::notes::{label_value, marker_at};
use crate::document::model::Label;

/// How far a reference without a definition may jump past the highest one seen so far.
pub const SEQUENCE_GAP: u64 = 5;

/// The labels of the notes a text defines, sorted, each once: what a marker is checked
/// against. Labels are inline (`Label`): a set of owned strings cost an allocation per
/// note and two hash tables (17 MB for the 237,000 notes of a 100 MB dispatch).
#[derive(Debug, Default)]
pub struct Defined(Vec<Label>);

impl Defined {
    pub fn new(mut labels: Vec<Label>) -> Defined {
        labels.sort_unstable();
        labels.dedup();
        labels.shrink_to_fit();
        Defined(labels)
    }

    pub fn contains(&self, label: &str) -> bool {
        self.0.binary_search_by(|l| l.as_str().cmp(label)).is_ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Decides, in reading order, which numeric brackets are references.
pub struct Resolver<'d> {
    defined: &'d Defined,
    highest: u64,
}

impl<'d> Resolver<'d> {
    pub fn new(defined: &'d Defined) -> Self {
        Resolver {
            defined,
            highest: 0,
        }
    }

    fn accept(&mut self, label: &str, strict: bool) -> bool {
        let value = label_value(label);
        let in_sequence = !strict
            && !self.defined.is_empty()
            && value >= 1
            && value <= self.highest + SEQUENCE_GAP;
        let ok = self.defined.contains(label) || in_sequence;
        if ok {
            self.highest = self.highest.max(value);
        }
        ok
    }
}

/// `text` without its reference markers, and each reference's label and byte offset.
/// Spaces right before a marker go with it (`countries." [12] The` reads
/// `countries." The`, the anchor just after the quote mark).
pub fn extract(
    text: String,
    resolver: &mut Resolver<'_>,
    strict: bool,
) -> (String, Vec<(String, usize)>) {
    // The markers first, read on the text as it is; then they are taken out in place:
    // a block's text is not copied (at 100 MB the copies, freed among the document's
    // own texts, held 50 MB the parse no longer used).
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    let mut after = 0;
    for i in memchr::memchr_iter(b'[', text.as_bytes()) {
        if i < after {
            continue;
        }
        let Some((label, end)) = marker_at(&text, i) else {
            continue;
        };
        if !resolver.accept(label, strict) {
            continue;
        }
        marks.push((i, end, label));
        after = end;
    }
    if marks.is_empty() {
        return (text, Vec::new());
    }
    let mut anchors: Vec<(String, usize)> = Vec::with_capacity(marks.len());
    let cuts: Vec<(usize, usize)> = marks
        .into_iter()
        .map(|(i, end, label)| {
            anchors.push((label.to_owned(), 0));
            (i, end)
        })
        .collect();
    let mut bytes = text.into_bytes();
    let (mut read, mut write) = (0, 0);
    for ((start, end), anchor) in cuts.into_iter().zip(&mut anchors) {
        bytes.copy_within(read..start, write);
        write += start - read;
        // The spaces before a marker go with it.
        while write > 0 && bytes[write - 1] == b' ' {
            write -= 1;
        }
        anchor.1 = write;
        read = end;
    }
    let len = bytes.len();
    bytes.copy_within(read..len, write);
    bytes.truncate(write + (len - read));
    // Markers and the spaces before them are ASCII, so what is left is whole chars.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(defined: &[&str], texts: &[&str]) -> Vec<(String, Vec<(String, usize)>)> {
        let defined = Defined::new(defined.iter().map(|&l| Label::from(l)).collect());
        let mut r = Resolver::new(&defined);
        texts
            .iter()
            .map(|t| extract((*t).to_owned(), &mut r, false))
            .collect()
    }

    #[test]
    fn marker_removed_and_offset_kept() {
        let out = run(&["7"], &["It was reported[7] that"]);
        assert_eq!(out[0].0, "It was reported that");
        assert_eq!(out[0].1, vec![("7".to_string(), 15)]);
    }

    #[test]
    fn runs_share_one_offset_and_leading_space_goes() {
        let out = run(
            &["3", "4", "12"],
            &["said so.[3][4] Then \"countries.\" [12] end [12]"],
        );
        assert_eq!(out[0].0, "said so. Then \"countries.\" end");
        let ats: Vec<usize> = out[0].1.iter().map(|a| a.1).collect();
        assert_eq!(ats, [8, 8, 26, 30]);
    }

    #[test]
    fn undefined_numbers_follow_the_sequence_but_years_do_not() {
        let out = run(&["1", "2"], &["a[1] b[2] c[3] d[4] e[2003] f[30]"]);
        let labels: Vec<&str> = out[0].1.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3", "4"]);
        assert!(out[0].0.contains("[2003]") && out[0].0.contains("[30]"));
    }

    #[test]
    fn without_notes_bracketed_numbers_are_values() {
        let out = run(&[], &["the legend: [1] quay, [2] mill"]);
        assert!(out[0].1.is_empty());
        assert_eq!(out[0].0, "the legend: [1] quay, [2] mill");
    }

    #[test]
    fn preformatted_text_takes_only_defined_labels() {
        let defined = Defined::new(vec![Label::from("1")]);
        let mut r = Resolver::new(&defined);
        let (_, refs) = extract("a [1]   b [2]".to_owned(), &mut r, true);
        assert_eq!(refs.len(), 1);
    }

    #[test]
    fn words_in_brackets_stay() {
        let out = run(&["1"], &["the [sic] and [their] and [EBook #5] [1]"]);
        assert_eq!(out[0].0, "the [sic] and [their] and [EBook #5]");
    }
}
