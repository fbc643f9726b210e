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

/// Saved web pages end with sharing widgets; nothing after this line is the report.
const BOILERPLATE_START: &str = "share this report";

/// The first half of reading plain text: the header (into the builder) and the
/// classified items, which own their text (sanitizing is the builder's job; tabs are
/// already expanded; `line_src[i]` is the input offset of line `i`). The caller may drop
/// the lines, and the input, before [`build`]: with a big file they are tens of bytes per
/// line, and the items are all that is needed from here.
pub fn read(lines: &[&str], line_src: &[usize], b: &mut Builder) -> Vec<Item> {
    let header = header::parse(lines).unwrap_or_else(|| header::gutenberg(lines));
    let mut meta = header.meta;
    meta.title_src = header.title_line.and_then(|l| line_src.get(l).copied());
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
pub fn build(items: Vec<Vec<Item>>, line_src: &[usize], b: &mut Builder) {
    let count = items.iter().map(Vec::len).sum::<usize>();
    let notes = items
        .iter()
        .flatten()
        .filter(|it| matches!(it, Item::Note { .. }))
        .count();
    b.reserve(count - notes, notes);
    let defined = Defined::new(
        items
            .iter()
            .flatten()
            .filter_map(|it| match it {
                Item::Note {
                    def,
                    kind: NoteKind::Note,
                    ..
                } => Some(def.label.clone()),
                _ => None,
            })
            .collect(),
    );
    let continues = continuation_flags(items.iter().flatten(), count, &defined);
    let mut resolver = Resolver::new(&defined);
    let source_len = b.source_len();
    let span = |lines: std::ops::Range<usize>| {
        let start = line_src.get(lines.start).copied().unwrap_or(source_len);
        let end = line_src.get(lines.end).copied().unwrap_or(source_len);
        start..end.max(start)
    };
    crate::document::progress::stage(crate::document::progress::Stage::Blocks);
    for (item, continues) in items.into_iter().flatten().zip(continues) {
        match item {
            Item::Body { text, lines, .. } if continues => {
                b.continue_note(&text.replace('\n', " "), span(lines).end);
            }
            Item::Body { kind, text, lines } => {
                let strict = kind == BlockKind::Preformatted;
                let (text, refs) = anchors::extract(text, &mut resolver, strict);
                let (text, refs, runs) = emphasis::extract(text, refs);
                let anchors = refs
                    .into_iter()
                    .map(|(label, at)| RawAnchor { label, at })
                    .collect();
                b.push_block(kind, text, anchors, runs, span(lines));
            }
            Item::Note {
                def,
                more,
                kind,
                lines,
            } => {
                let paragraphs = def.text.into_iter().chain(more);
                b.push_note(&def.label, paragraphs, kind, span(lines));
            }
        }
    }
}

/// Which body items are further paragraphs of the note before them: those standing
/// between two definitions with no heading and no citing paragraph between (a run of
/// endnotes whose notes run over several paragraphs). Paragraphs after the last
/// definition stay body text: nothing tells a last note's second paragraph from the
/// text that follows the notes.
fn continuation_flags<'a>(
    items: impl Iterator<Item = &'a Item>,
    count: usize,
    defined: &Defined,
) -> Vec<bool> {
    let mut flags = vec![false; count];
    let is_def = |it: &Item| {
        matches!(
            it,
            Item::Note {
                kind: NoteKind::Note,
                ..
            }
        )
    };
    let mut prev_def: Option<usize> = None;
    // Whether every item since the last definition is a plain paragraph.
    let mut plain = false;
    for (i, item) in items.enumerate() {
        if is_def(item) {
            if let Some(p) = prev_def.filter(|_| plain) {
                for f in &mut flags[p + 1..i] {
                    *f = true;
                }
            }
            prev_def = Some(i);
            plain = true;
            continue;
        }
        plain = plain
            && match item {
                Item::Body { kind, text, .. } => {
                    !matches!(kind, BlockKind::Heading | BlockKind::Caption)
                        && !cites(text, defined)
                }
                Item::Note { .. } => false,
            };
    }
    flags
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
