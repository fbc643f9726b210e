//! Plain-text lines → the builder, for dispatches, books and any other plain text:
//! header, body blocks, note definitions wherever they stand. The builder resolves the
//! references and groups the notes into scopes.

use super::anchors::{self, Defined, Resolver};
use super::blocks;
pub(crate) use super::classify::Item;
use super::classify::{self, Context};
use super::emphasis;
use super::header;
use super::notes::marker_at;
use crate::document::builder::{Builder, RawAnchor};
use crate::document::model::{BlockKind, NoteKind};
use crate::document::offsets::Offsets;

/// Saved web pages end with sharing widgets; nothing after this line is the report.
const BOILERPLATE_START: &str = "share this report";

/// The first half of reading plain text: the header (into the builder) and the
/// classified items, which own their text (sanitizing is the builder's job; tabs are
/// already expanded; `line_src.get(i)` is the input offset of line `i`). The caller may
/// drop the lines, and the input, before [`build`]: with a big file they are tens of
/// bytes per line, and the items are all that is needed from here.
pub fn read(lines: &[&str], line_src: &Offsets, b: &mut Builder) -> Vec<Item> {
    let header = header::parse(lines).unwrap_or_else(|| header::gutenberg(lines));
    let mut meta = header.meta;
    meta.title_src = header.title_line.and_then(|l| line_src.get(l));
    let body_start = header.end;
    let body_end = boilerplate_start(lines, body_start);
    let raw = blocks::split_from(&lines[body_start..body_end], body_start);
    let base = blocks::base_indent(&raw);
    let items = classify::classify(
        &raw,
        &Context {
            base,
            authors: &meta.authors,
        },
    );
    b.set_meta(meta);
    items
}

/// The second half: the items into the builder, each block's markers
/// resolved to anchors. The items come in runs (a reader in pieces gives a run a
/// piece), each let go once it is in: one vector of them all, grown as they come, held
/// up to twice their size (54 MB at 100 MB) beside the document being built.
pub fn build(items: Vec<Vec<Item>>, line_src: &Offsets, b: &mut Builder) {
    let count = items.iter().map(Vec::len).sum::<usize>();
    let notes = items.iter().flatten().filter(|it| is_note(it)).count();
    b.reserve(count - notes, notes);
    let defined = Defined::new(items.iter().flatten().filter_map(defined_label).collect());
    crate::document::progress::stage(crate::document::progress::Stage::Blocks);
    let mut build = Build::new(&defined, line_src, b.source_len());
    for run in items {
        for item in run {
            build.push(item, b);
        }
        // What this run's items held and the builder has not kept (the texts written into
        // the blocks' buffers, the short note texts now inline) is free: pages of it go
        // back as the build goes on, not once the whole document is made (10 MB of a file
        // of many tiny blocks at the parse's peak). A run is a piece of the file.
        crate::memory::give_back_freed();
    }
    build.end(b);
}

fn is_note(item: &Item) -> bool {
    matches!(item, Item::Note { .. })
}

/// The label `item` defines a numbered note by, if it does: what [`Defined`] is made of.
pub(crate) fn defined_label(item: &Item) -> Option<crate::document::model::Label> {
    match item {
        Item::Note {
            def,
            kind: NoteKind::Note,
            ..
        } => Some(def.label.clone()),
        _ => None,
    }
}

/// The items into the builder one at a time, in reading order, once the labels of every
/// definition are known ([`Defined`]): [`build`] over runs held whole, a streamed
/// `--dump` over items as they are classified.
///
/// The body items after a definition are further paragraphs of its note when nothing
/// but plain paragraphs stands between it and the next definition (a run of endnotes
/// whose notes run over several paragraphs): they are held until that is known, the
/// first heading, caption, citing paragraph or other note ending it. Paragraphs after
/// the last definition stay body text: nothing tells a last note's second paragraph
/// from the text that follows the notes.
pub struct Build<'d> {
    resolver: Resolver<'d>,
    defined: &'d Defined,
    line_src: &'d Offsets,
    source_len: usize,
    /// Whether a definition came before and every item since is a plain paragraph.
    plain: bool,
    /// Those plain paragraphs, in order.
    held: Vec<Item>,
}

impl<'d> Build<'d> {
    /// `line_src.get(i)` is the input offset of line `i`; `source_len` the input's length.
    pub fn new(defined: &'d Defined, line_src: &'d Offsets, source_len: usize) -> Self {
        Build {
            resolver: Resolver::new(defined),
            defined,
            line_src,
            source_len,
            plain: false,
            held: Vec::new(),
        }
    }

    /// The next item in reading order.
    pub fn push(&mut self, item: Item, b: &mut Builder) {
        let is_def = defined_label(&item).is_some();
        if is_def {
            // Everything since the last definition was plain: its further paragraphs.
            for held in std::mem::take(&mut self.held) {
                if let Item::Body { text, lines, .. } = held {
                    b.continue_note(&text.replace('\n', " "), self.span(lines).end);
                }
            }
            self.plain = true;
            self.add(item, b);
            return;
        }
        let plain = match &item {
            Item::Body { kind, text, .. } => {
                !matches!(kind, BlockKind::Heading | BlockKind::Caption)
                    && !cites(text, self.defined)
            }
            Item::Note { .. } => false,
        };
        if self.plain && plain {
            self.held.push(item);
            return;
        }
        self.plain = false;
        self.release(b);
        self.add(item, b);
    }

    /// The end of the items: what is still held is body text.
    pub fn end(mut self, b: &mut Builder) {
        self.release(b);
    }

    /// The held paragraphs as body blocks.
    fn release(&mut self, b: &mut Builder) {
        for held in std::mem::take(&mut self.held) {
            self.add(held, b);
        }
    }

    fn span(&self, lines: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.line_src.get(lines.start).unwrap_or(self.source_len);
        let end = self.line_src.get(lines.end).unwrap_or(self.source_len);
        start..end.max(start)
    }

    /// One item as what it is: a body block, its markers resolved, or a note.
    fn add(&mut self, item: Item, b: &mut Builder) {
        match item {
            Item::Body { kind, text, lines } => {
                let strict = kind == BlockKind::Preformatted;
                let (text, refs) = anchors::extract(text, &mut self.resolver, strict);
                let (text, refs, runs) = emphasis::extract(text, refs);
                let anchors = refs
                    .into_iter()
                    .map(|(label, at)| RawAnchor { label, at })
                    .collect();
                b.push_block(kind, text, anchors, runs, self.span(lines));
            }
            Item::Note {
                def,
                more,
                kind,
                lines,
            } => {
                let paragraphs = def.text.into_iter().chain(more);
                b.push_note(&def.label, paragraphs, kind, self.span(lines));
            }
        }
    }
}

/// Whether `text` holds a marker of a defined note.
fn cites(text: &str, defined: &Defined) -> bool {
    memchr::memchr_iter(b'[', text.as_bytes())
        .any(|i| marker_at(text, i).is_some_and(|(label, _)| defined.contains(label)))
}

/// Index of the `Share this Report:` line (at a block start) or `lines.len()`.
fn boilerplate_start(lines: &[&str], from: usize) -> usize {
    let mut previous_blank = true;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if starts_boilerplate(line, &mut previous_blank) {
            return i;
        }
    }
    lines.len()
}

/// Whether `line` is the `Share this Report:` line, given whether the line before it
/// was blank (updated for the next line): [`boilerplate_start`] one line at a time.
pub(crate) fn starts_boilerplate(line: &str, previous_blank: &mut bool) -> bool {
    let t = line.trim();
    let found = *previous_blank
        && t.trim_end_matches(':')
            .eq_ignore_ascii_case(BOILERPLATE_START);
    *previous_blank = t.is_empty();
    found
}

#[cfg(test)]
mod tests {
    /// Which paragraphs after a definition are its note's further paragraphs: those
    /// followed by the next definition with only plain paragraphs between. A citing
    /// paragraph, a heading or a caption ends the run (and what follows it up to the
    /// next definition is body text); so does the end of the text.
    #[test]
    fn only_plain_paragraphs_between_two_definitions_continue_a_note() {
        let text = "Ferry Talks\n\nThe board refused.[1][2] And more.[3][4][5]\n\n\
                    [1] First note.\n\nIts second paragraph.\n\nIts third paragraph.\n\n\
                    [2] Second note.\n\nSee also the ruling.[1]\n\nAfter the citing one.\n\n\
                    [3] Third note.\n\nCHAPTER TWO\n\nUnder the heading.\n\n\
                    [4] Fourth note.\n\n(Source: the harbour archive)\n\n\
                    [5] Fifth note.\n\nA closing paragraph after the notes.\n\nAnother one.\n";
        let doc = crate::document::load(text.as_bytes()).expect("parses");
        let blocks: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            blocks,
            [
                "Ferry Talks",
                "The board refused. And more.",
                "See also the ruling.",
                "After the citing one.",
                "CHAPTER TWO",
                "Under the heading.",
                "(Source: the harbour archive)",
                "A closing paragraph after the notes.",
                "Another one.",
            ]
        );
        let notes: Vec<Option<&str>> = doc.notes.iter().map(|n| n.text.as_deref()).collect();
        assert_eq!(
            notes,
            [
                Some("First note.\n\nIts second paragraph.\n\nIts third paragraph."),
                Some("Second note."),
                Some("Third note."),
                Some("Fourth note."),
                Some("Fifth note."),
            ]
        );
    }
}
