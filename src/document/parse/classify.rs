//! Raw blocks → body blocks (paragraph, caption, heading, verse) and note definitions.
//! Body text still holds its note markers; `anchors` takes them out afterwards, once all
//! definitions (which may come later in the file) are known.

use super::blocks::RawBlock;
use super::captions;
use super::notes::{self, NoteDef};
use crate::document::model::BlockKind;

pub enum Item {
    Body { kind: BlockKind, text: String },
    Note(NoteDef),
}

/// Illustrations longer than this many blocks without a closing bracket are cut short.
const MAX_ILLUSTRATION_BLOCKS: usize = 8;
/// Longest line that can be an all-caps heading.
const MAX_HEADING_CHARS: usize = 80;

/// What verse lines are joined with inside a note (notes are single prose strings).
const NOTE_VERSE_SEPARATOR: &str = " / ";

pub fn classify(blocks: &[RawBlock<'_>], base: usize) -> Vec<Item> {
    let mut items = Vec::with_capacity(blocks.len());
    let is_def = |i: usize| {
        blocks
            .get(i)
            .is_some_and(|b| notes::is_definition_block(b, base))
    };
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        i += 1;
        if is_def(i - 1) {
            let mut defs = notes::parse_definitions(block);
            // `[14]` alone, its text a quoted poem below it (Gutenberg prints notes so).
            if let Some(last) = defs.last_mut().filter(|d| d.text.is_none()) {
                if let Some(next) = blocks.get(i).filter(|b| b.is_indented(base) && !is_def(i)) {
                    last.text = Some(next.verse_lines(NOTE_VERSE_SEPARATOR).trim().to_owned());
                    i += 1;
                }
            }
            items.extend(defs.into_iter().map(Item::Note));
            continue;
        }
        if captions::is_illustration_start(block.first().trim_start()) {
            i = illustration(blocks, i - 1, &mut items);
            continue;
        }
        if block.is_indented(base) {
            items.push(Item::Body {
                kind: BlockKind::Verse,
                text: block.verse_lines("\n"),
            });
            continue;
        }
        let text = block.joined();
        let kind = if captions::is_caption(&text) {
            BlockKind::Caption
        } else if block.lines.len() == 1 && is_heading(&text) {
            BlockKind::Heading
        } else if is_notes_label(&text) && is_def(i) {
            // "Notes:" above the list: the reader shows its own notes heading.
            continue;
        } else {
            BlockKind::Paragraph
        };
        items.push(Item::Body { kind, text });
    }
    items
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
            push_caption(items, inner);
            if !rest.is_empty() {
                items.push(Item::Body {
                    kind: BlockKind::Paragraph,
                    text: rest.to_owned(),
                });
            }
            return j + 1;
        }
    }
    // Never closed: only the first block is the caption.
    push_caption(
        items,
        captions::unclosed_illustration(&blocks[start].joined()),
    );
    start + 1
}

fn push_caption(items: &mut Vec<Item>, inner: &str) {
    let text = if inner.is_empty() {
        "Illustration"
    } else {
        inner
    };
    items.push(Item::Body {
        kind: BlockKind::Caption,
        text: text.to_owned(),
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

    fn kinds(lines: &[&str]) -> Vec<String> {
        let blocks = split(lines);
        classify(&blocks, 0)
            .into_iter()
            .map(|it| match it {
                Item::Body { kind, text } => format!("{kind:?}:{text}"),
                Item::Note(d) => format!("Note{}:{:?}", d.label, d.text),
            })
            .collect()
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
