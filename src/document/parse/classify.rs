//! Raw blocks → body blocks (paragraph, caption, heading, verse, preformatted) and note
//! definitions. Body text still holds its note markers; `anchors` takes them out
//! afterwards, once all definitions (which may come later in the file) are known.

use super::blocks::RawBlock;
use super::captions;
use super::layout_shape;
use super::notes::{self, NoteDef};
use crate::document::model::{BlockKind, Label, NoteKind};
use std::ops::Range;

pub enum Item {
    Body {
        kind: BlockKind,
        text: String,
        /// The source lines it was read from (indices into the document's lines).
        lines: Range<usize>,
    },
    Note {
        def: NoteDef,
        /// More paragraphs (a `[Footnote N: …]` running over several blocks).
        more: thin_vec::ThinVec<String>,
        kind: NoteKind,
        lines: Range<usize>,
    },
}

/// How the classifier is told about the document around a block.
pub struct Context<'a> {
    /// Indentation of ordinary body text.
    pub base: usize,
    /// The byline's authors, to recognise their `*Name is …` note.
    pub authors: &'a [String],
}

/// Illustrations longer than this many blocks without a closing bracket are cut short.
const MAX_ILLUSTRATION_BLOCKS: usize = 8;
/// Longest line that can be an all-caps heading.
const MAX_HEADING_CHARS: usize = 80;

/// What verse lines are joined with inside a note (notes are single prose strings).
const NOTE_VERSE_SEPARATOR: &str = " / ";

pub fn classify(blocks: &[RawBlock<'_>], cx: &Context<'_>) -> Vec<Item> {
    let mut items = Vec::with_capacity(blocks.len());
    classify_into(blocks, cx, blocks.len(), &mut items);
    items
}

/// Most blocks past its first that reading one item looks at (a footnote's run, more
/// than an illustration's or a definition's look at the block after it). A reader of
/// part of the blocks (`stream.rs`) classifies only up to this many from its end.
pub const LOOKAHEAD: usize = MAX_FOOTNOTE_BLOCKS;

/// [`classify`], onto the end of `items`, of the items that start before block `stop`;
/// returns the block the next item starts at (`stop` or a little past it). An item
/// starting at block `i` looks at blocks `i..=i + LOOKAHEAD` at most, so with that many
/// blocks after `stop` the items are those of the whole.
pub fn classify_into(
    blocks: &[RawBlock<'_>],
    cx: &Context<'_>,
    stop: usize,
    items: &mut Vec<Item>,
) -> usize {
    let base = cx.base;
    let is_def = |i: usize| {
        blocks.get(i).is_some_and(|b| {
            notes::is_definition_block(b, base) || notes::footnote_start(b.first().trim()).is_some()
        })
    };
    let mut i = 0;
    while i < stop.min(blocks.len()) {
        let block = &blocks[i];
        i += 1;
        if notes::footnote_start(block.first().trim()).is_some() {
            i = footnote(blocks, i - 1, items);
            continue;
        }
        if is_def(i - 1) {
            let defs = notes::parse_definitions(block);
            let count = defs.len();
            let mut spans: Vec<Range<usize>> = Vec::with_capacity(count);
            for (k, d) in defs.iter().enumerate() {
                let end = defs.get(k + 1).map_or(block.lines.len(), |n| n.line);
                spans.push(block.start + d.line..block.start + end);
            }
            let mut defs = defs;
            // `[14]` alone, its text a quoted poem below it (Gutenberg prints notes so).
            if let Some(last) = defs.last_mut().filter(|d| d.text.is_none()) {
                if let Some(next) = blocks.get(i).filter(|b| b.is_indented(base) && !is_def(i)) {
                    last.text = Some(next.verse_lines(NOTE_VERSE_SEPARATOR).trim().to_owned());
                    if let Some(span) = spans.last_mut() {
                        span.end = next.end();
                    }
                    i += 1;
                }
            }
            for (def, lines) in defs.into_iter().zip(spans) {
                items.push(Item::Note {
                    def,
                    more: thin_vec::ThinVec::new(),
                    kind: NoteKind::Note,
                    lines,
                });
            }
            continue;
        }
        let lines = block.start..block.end();
        if captions::is_illustration_start(block.first().trim_start()) {
            i = illustration(blocks, i - 1, items);
            continue;
        }
        if block.is_indented(base) {
            let kind = if layout_shape::is_layout(block.lines) {
                BlockKind::Preformatted
            } else {
                BlockKind::Verse
            };
            items.push(Item::Body {
                kind,
                text: block.verse_lines("\n"),
                lines,
            });
            continue;
        }
        if layout_shape::is_layout(block.lines) {
            items.push(Item::Body {
                kind: BlockKind::Preformatted,
                text: block.verse_lines("\n"),
                lines,
            });
            continue;
        }
        let text = block.joined();
        if let Some(label_end) = author_note(&text, cx.authors) {
            let def = NoteDef {
                label: Label::from("*"),
                text: Some(text[label_end..].trim().to_owned()),
                line: 0,
            };
            items.push(Item::Note {
                def,
                more: thin_vec::ThinVec::new(),
                kind: NoteKind::Author,
                lines,
            });
            continue;
        }
        if is_notes_label(&text) && is_def(i) {
            // "Notes:" above the list: the reader shows its own notes heading.
            continue;
        }
        let kind = if captions::is_caption(&text) {
            BlockKind::Caption
        } else if block.lines.len() == 1 && is_heading(&text) {
            BlockKind::Heading
        } else if layout_shape::is_short_lines(block.lines) {
            items.push(Item::Body {
                kind: BlockKind::Verse,
                text: block.verse_lines("\n"),
                lines,
            });
            continue;
        } else {
            BlockKind::Paragraph
        };
        items.push(Item::Body { kind, text, lines });
    }
    i
}

/// `*Name is a researcher …`: the note the byline's asterisk points to. Returns the byte
/// where the note's text starts (after the asterisk), when the block opens with `*` and
/// one of the byline's authors (or, with no byline, a capitalised name and ` is `).
fn author_note(text: &str, authors: &[String]) -> Option<usize> {
    let rest = text.strip_prefix('*')?;
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let head: String = rest.chars().take(AUTHOR_NOTE_WINDOW).collect();
    let names_author = authors.iter().any(|a| {
        let last = a.split_whitespace().last().unwrap_or(a);
        !last.is_empty() && head.contains(last)
    });
    (names_author || (authors.is_empty() && head.contains(" is "))).then_some(1)
}

/// How far into an author note the author's name or `is` is looked for, in characters.
const AUTHOR_NOTE_WINDOW: usize = 80;

/// Most blocks a `[Footnote N: …]` may run over before its bracket is taken as lost.
const MAX_FOOTNOTE_BLOCKS: usize = 12;

/// A `[Footnote N: …]` starting at block `start`, possibly over several blocks (each a
/// paragraph of the note), until its closing bracket. Returns the next block's index.
fn footnote(blocks: &[RawBlock<'_>], start: usize, items: &mut Vec<Item>) -> usize {
    let first = blocks[start].joined();
    let Some((label, body)) = notes::footnote_start(&first) else {
        return start + 1;
    };
    let label = Label::from(label);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut depth = 1usize;
    let last = blocks.len().min(start + MAX_FOOTNOTE_BLOCKS);
    let mut after = String::new();
    let mut end_block = start;
    'blocks: for (j, block) in blocks.iter().enumerate().take(last).skip(start) {
        let joined = if j == start {
            first[body..].to_owned()
        } else {
            block.joined()
        };
        end_block = j;
        for (k, b) in joined.bytes().enumerate() {
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        paragraphs.push(joined[..k].trim().to_owned());
                        after = joined[k + 1..].trim().to_owned();
                        break 'blocks;
                    }
                }
                _ => {}
            }
        }
        paragraphs.push(joined.trim().to_owned());
    }
    if depth > 0 {
        // Never closed: only the first block is the note.
        paragraphs.truncate(1);
        end_block = start;
    }
    let mut paragraphs = paragraphs.into_iter().filter(|p| !p.is_empty());
    let text = paragraphs.next();
    items.push(Item::Note {
        def: NoteDef {
            label,
            text,
            line: 0,
        },
        more: paragraphs.collect(),
        kind: NoteKind::Note,
        lines: blocks[start].start..blocks[end_block].end(),
    });
    if !after.is_empty() {
        items.push(Item::Body {
            kind: BlockKind::Paragraph,
            text: after,
            lines: blocks[end_block].start..blocks[end_block].end(),
        });
    }
    end_block + 1
}

/// An `[Illustration: …]` starting at block `start`, possibly running over several
/// blocks. Returns the index of the first block after it.
fn illustration(blocks: &[RawBlock<'_>], start: usize, items: &mut Vec<Item>) -> usize {
    let mut text = String::new();
    let last = blocks.len().min(start + MAX_ILLUSTRATION_BLOCKS);
    for (j, block) in blocks.iter().enumerate().take(last).skip(start) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&block.joined());
        if let Some((inner, rest)) = captions::split_illustration(&text) {
            let lines = blocks[start].start..block.end();
            push_caption(items, inner, lines.clone());
            if !rest.is_empty() {
                items.push(Item::Body {
                    kind: BlockKind::Paragraph,
                    text: rest.to_owned(),
                    lines: block.start..block.end(),
                });
            }
            return j + 1;
        }
    }
    // Never closed: only the first block is the caption.
    push_caption(
        items,
        captions::unclosed_illustration(&blocks[start].joined()),
        blocks[start].start..blocks[start].end(),
    );
    start + 1
}

fn push_caption(items: &mut Vec<Item>, inner: &str, lines: Range<usize>) {
    let text = if inner.is_empty() {
        "Illustration"
    } else {
        inner
    };
    items.push(Item::Body {
        kind: BlockKind::Caption,
        text: text.to_owned(),
        lines,
    });
}

/// A short line in capitals (`AUTHOR'S PREFACE.`). Mixed-case short lines stay
/// paragraphs: too many real sentences are short.
fn is_heading(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && text.chars().count() <= MAX_HEADING_CHARS
        && !text.starts_with('[')
        && text.chars().all(|c| !c.is_lowercase())
}

fn is_notes_label(text: &str) -> bool {
    let t = text.trim_end_matches(':').trim();
    ["notes", "endnotes", "footnotes"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse::blocks::split;

    /// A reader in pieces holds every item of the file at once while the document is
    /// built (a file of one-line blocks: two items for every 64 bytes).
    #[test]
    fn an_item_stays_small() {
        let size = std::mem::size_of::<Item>();
        assert!(size <= 88, "an item is {size} bytes");
    }

    fn kinds(lines: &[&str]) -> Vec<String> {
        let blocks = split(lines);
        let cx = Context {
            base: 0,
            authors: &[],
        };
        classify(&blocks, &cx)
            .into_iter()
            .map(|it| match it {
                Item::Body { kind, text, .. } => format!("{kind:?}:{text}"),
                Item::Note { def, more, .. } => {
                    let mut s = format!("Note{}:{:?}", def.label, def.text);
                    for m in more {
                        s.push_str(&format!("+{m:?}"));
                    }
                    s
                }
            })
            .collect()
    }

    #[test]
    fn gutenberg_footnotes_over_one_or_many_blocks() {
        let got = kinds(&[
            "Prose.[1]",
            "",
            "[Footnote 1: One line",
            "and the next.]",
            "",
            "[Footnote 2: First paragraph.",
            "",
            "Second paragraph.]",
            "",
            "After.",
        ]);
        assert_eq!(
            got,
            [
                "Paragraph:Prose.[1]",
                "Note1:Some(\"One line and the next.\")",
                "Note2:Some(\"First paragraph.\")+\"Second paragraph.\"",
                "Paragraph:After.",
            ]
        );
    }

    #[test]
    fn footnotes_heading_is_dropped_before_definitions() {
        let got = kinds(&["FOOTNOTES:", "", "[1] One."]);
        assert_eq!(got, ["Note1:Some(\"One.\")"]);
    }

    #[test]
    fn author_note_after_the_notes() {
        let blocks_src = ["[1] One.", "", "*Jan Quill is a fellow of the institute."];
        let blocks = split(&blocks_src);
        let authors = vec!["Jan Quill".to_owned()];
        let cx = Context {
            base: 0,
            authors: &authors,
        };
        let items = classify(&blocks, &cx);
        assert!(matches!(
            &items[1],
            Item::Note { def, kind: NoteKind::Author, .. } if def.label == "*"
                && def.text.as_deref() == Some("Jan Quill is a fellow of the institute.")
        ));
    }

    #[test]
    fn paragraphs_verse_headings_and_notes() {
        let got = kinds(&[
            "CHAPTER THE FIRST.",
            "",
            "Prose line one",
            "and two.",
            "",
            "    Sing low,",
            "      sing slow.",
            "",
            "Notes:",
            "",
            "[1] A note",
            "continued.",
        ]);
        assert_eq!(
            got,
            [
                "Heading:CHAPTER THE FIRST.",
                "Paragraph:Prose line one and two.",
                "Verse:Sing low,\n  sing slow.",
                "Note1:Some(\"A note continued.\")",
            ]
        );
    }

    #[test]
    fn empty_definition_takes_the_poem_below() {
        let got = kinds(&["[14]", "", "    Line one,", "    line two.", "", "Prose."]);
        assert_eq!(
            got,
            ["Note14:Some(\"Line one, / line two.\")", "Paragraph:Prose."]
        );
    }

    #[test]
    fn empty_definition_before_prose_stays_empty() {
        let got = kinds(&["[4]", "", "[5] Five."]);
        assert_eq!(got, ["Note4:None", "Note5:Some(\"Five.\")"]);
    }

    #[test]
    fn multi_block_illustration() {
        let got = kinds(&[
            "[Illustration: The Old Mill.",
            "",
            "From a sketch.]",
            "",
            "Prose.",
        ]);
        assert_eq!(
            got,
            ["Caption:The Old Mill. From a sketch.", "Paragraph:Prose."]
        );
    }

    #[test]
    fn indented_illustration_is_a_caption_not_verse() {
        assert_eq!(
            kinds(&["    [Illustration: Cottage.]"]),
            ["Caption:Cottage."]
        );
    }

    #[test]
    fn indented_marker_line_in_a_poem_is_no_definition() {
        let got = kinds(&["    [2]Line with a reference", "    another line"]);
        assert_eq!(got, ["Verse:[2]Line with a reference\nanother line"]);
    }
}
