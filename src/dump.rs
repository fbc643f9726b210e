//! `--dump`: the laid-out document as plain text, the same rows the reader shows,
//! with no escape sequences (safe for pipes, files and other programs). A preformatted
//! line is printed whole: a pipe has no width to clip it to.
//!
//! `--dump --sidenotes` ([`dump_sidenotes`]) prints the text with its notes beside it, as
//! the reader's note column shows them.

use crate::app::{GUTTER, NOTES_MAX, NOTES_MIN, TEXT_MIN};
use crate::document::format::Format;
use crate::document::parse::{read_streaming, LoadError, Pieces, Streamed};
use crate::document::preview::Ranges;
use crate::document::{Document, Part};
use crate::layout::sidenotes::place;
use crate::layout::{clip, layout_note_beside, layout_unit_with, LayoutContext, MarkKind, RowKind};
use std::io::{self, Write};

/// The narrowest total width `--dump --sidenotes` prints two columns at; below it the
/// plain dump is printed.
pub const SIDENOTES_DUMP_MIN: u16 = TEXT_MIN + GUTTER + NOTES_MIN;

/// The two columns of `--dump --sidenotes` at a total `width`: the text column is
/// `min(80, width − 3 − 30)` wide, the note column what is left after the gutter, at
/// most 48. `None` when `width` is under [`SIDENOTES_DUMP_MIN`].
pub fn sidenote_columns(width: u16) -> Option<(u16, u16)> {
    if width < SIDENOTES_DUMP_MIN {
        return None;
    }
    let text = crate::app::DEFAULT_COLUMN.min(width - GUTTER - NOTES_MIN);
    let notes = (width - text - GUTTER).min(NOTES_MAX);
    Some((text, notes))
}

/// Rows of one laid-out unit as plain lines (rules drawn `width` wide).
fn unit_lines(layout: &crate::layout::UnitLayout, width: u16) -> Vec<String> {
    layout
        .rows
        .iter()
        .map(|row| match row.kind {
            RowKind::Blank => String::new(),
            RowKind::Rule => "─".repeat(usize::from(width)),
            RowKind::Text => {
                let text = layout.display[row.range.clone()].trim_end();
                let indent = if text.is_empty() { 0 } else { row.indent };
                format!("{}{text}", " ".repeat(usize::from(indent)))
            }
        })
        .collect()
}

/// Write `doc` as two columns in a total of `width` columns (see [`sidenote_columns`];
/// narrower, the plain [`dump`]). Each note is printed once, beside the row of its first
/// citation in the text, or below the one before it when that is still running; notes
/// never overlap, and the ones that run past the text continue below it. A text row
/// wider than its column (a preformatted line) is clipped there. The whole document is
/// held in memory (unlike [`dump`]).
pub fn dump_sidenotes(doc: &Document, width: u16, out: &mut impl Write) -> io::Result<()> {
    let Some((text_w, notes_w)) = sidenote_columns(width) else {
        return dump(doc, width, out);
    };
    let ctx = LayoutContext::of(doc);
    let mut text: Vec<String> = Vec::new();
    // (row, note) of each note's first citation, in reading order.
    let mut cited: Vec<(usize, usize)> = Vec::new();
    let mut seen = vec![false; doc.notes.len()];
    for unit in 0..doc.unit_count() {
        let layout = layout_unit_with(doc, unit, text_w, &ctx);
        if let Part::Block(b) = doc.part(unit) {
            for m in &layout.marks {
                let MarkKind::Anchor(i) = m.kind else {
                    continue;
                };
                let Some(a) = doc.blocks[b].anchors.get(i) else {
                    continue;
                };
                if seen.get(a.note()).is_some_and(|s| !s) {
                    seen[a.note()] = true;
                    let row = layout
                        .rows
                        .iter()
                        .position(|r| r.kind == RowKind::Text && m.range.start < r.range.end);
                    cited.push((text.len() + row.unwrap_or(0), a.note()));
                }
            }
        }
        text.extend(unit_lines(&layout, text_w));
    }
    cited.sort_by_key(|&(row, _)| row);
    let notes: Vec<Vec<String>> = cited
        .iter()
        .map(|&(_, note)| {
            let layout = layout_note_beside(doc, note, notes_w, &ctx);
            if let Some(stub) = crate::layout::sidenotes::stub(&doc.notes[note]) {
                // Padded as the labels of the notes with text, so all stand right-aligned.
                let pad = layout
                    .marks
                    .iter()
                    .find(|m| m.kind == MarkKind::NoteLabel)
                    .map_or(0, |m| m.range.start);
                return vec![format!("{}{stub}", " ".repeat(pad))];
            }
            let mut lines = unit_lines(&layout, notes_w);
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            if lines.is_empty() {
                lines.push(String::new());
            }
            lines
        })
        .collect();
    let anchors: Vec<usize> = cited.iter().map(|&(row, _)| row).collect();
    let heights: Vec<usize> = notes.iter().map(Vec::len).collect();
    // One page as tall as everything: no note is shortened, the last ones run on below.
    let screen = text.len() + heights.iter().sum::<usize>() + 1;
    let placed = place(&anchors, &heights, screen);
    let end = placed
        .iter()
        .map(|p| p.top + p.rows)
        .chain([text.len()])
        .max()
        .unwrap_or(0);
    let mut beside: Vec<&str> = vec![""; end];
    for (lines, p) in notes.iter().zip(&placed) {
        for (dy, line) in lines.iter().take(p.rows).enumerate() {
            beside[p.top + dy] = line;
        }
    }
    let empty = String::new();
    for (y, note) in beside.iter().enumerate() {
        let row = text.get(y).unwrap_or(&empty);
        let shown = &row[clip(row, 0, usize::from(text_w)).range];
        if note.is_empty() {
            writeln!(out, "{}", shown.trim_end())?;
        } else {
            let pad = usize::from(text_w + GUTTER) - crate::layout::display_width(shown);
            writeln!(out, "{shown}{}{note}", " ".repeat(pad))?;
        }
    }
    out.flush()
}

/// Write every row of `doc` laid out at `width` columns.
pub fn dump(doc: &Document, width: u16, out: &mut impl Write) -> io::Result<()> {
    dump_units(doc, 0..doc.unit_count(), width, out)?;
    out.flush()
}

/// Write the rows of `units` of `doc` at `width` columns (not flushed).
fn dump_units(
    doc: &Document,
    units: std::ops::Range<usize>,
    width: u16,
    out: &mut impl Write,
) -> io::Result<()> {
    let width = width.max(1);
    let ctx = LayoutContext::of(doc);
    for unit in units {
        // Not cached: each unit is written once, so memory stays flat on huge documents.
        write_rows(&layout_unit_with(doc, unit, width, &ctx), width, out)?;
    }
    Ok(())
}

/// Write the rows of one laid-out unit (`width` ≥ 1).
fn write_rows(
    layout: &crate::layout::UnitLayout,
    width: u16,
    out: &mut impl Write,
) -> io::Result<()> {
    for row in &layout.rows {
        match row.kind {
            RowKind::Blank => writeln!(out)?,
            RowKind::Rule => writeln!(out, "{}", "─".repeat(usize::from(width)))?,
            RowKind::Text => {
                let text = layout.display[row.range.clone()].trim_end();
                // An empty row (between a note's paragraphs) gets no indent either.
                let indent = if text.is_empty() { 0 } else { row.indent };
                writeln!(out, "{}{text}", " ".repeat(usize::from(indent)))?
            }
        }
    }
    Ok(())
}

/// What [`dump_head`] wrote: the first `units` units, whose blocks end at source offset
/// `end`. [`dump_rest`] goes on from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub units: usize,
    pub end: usize,
}

/// Streamed `--dump`, first half: write the leading units of a preview (see
/// `document::preview::preview_with_head`) whose first slice ends at `head_end`, and
/// flush them, before the whole file is parsed.
///
/// Only what the preview has exactly as the full parse does is written: the title and
/// the header line (parsed from the start), and the blocks that
/// `document::preview::settled_blocks` vouches for. A block's rows depend on nothing
/// but its own text, kind and anchor labels (the label width of the notes, which the
/// preview does not know in full, moves only the notes' hanging indent), so these rows
/// are the full dump's. The notes and everything after wait for the full parse.
pub fn dump_head(
    preview: &Document,
    head_end: usize,
    width: u16,
    out: &mut impl Write,
) -> io::Result<Head> {
    // Nothing settled (the title itself may read differently once all is known).
    if head_end == 0 {
        return Ok(Head { units: 0, end: 0 });
    }
    let blocks = crate::document::preview::settled_blocks(preview, head_end);
    let end = blocks.checked_sub(1).map_or(0, |b| {
        preview.blocks[b].src + preview.blocks[b].src_len as usize
    });
    let head = Head {
        units: 2 + blocks,
        end,
    };
    dump_units(preview, 0..head.units, width, out)?;
    out.flush()?;
    Ok(head)
}

/// Streamed `--dump`, second half: write the whole document `full` from the first unit
/// [`dump_head`] did not write (the first block starting at or after its end).
pub fn dump_rest(full: &Document, head: Head, width: u16, out: &mut impl Write) -> io::Result<()> {
    let from = if head.units <= 2 {
        head.units
    } else {
        2 + full.blocks.partition_point(|b| b.src < head.end)
    };
    dump_units(full, from..full.unit_count(), width, out)?;
    out.flush()
}

/// How [`dump_rest_streamed`] ended.
#[derive(Debug)]
pub enum Rest {
    /// Everything written; the parse's notices, to be reported.
    Written(Vec<String>),
    /// Nothing written: the file is not read so (not plain UTF-8 text, or the head wrote
    /// no title); read it whole and [`dump_rest`] it.
    Unfit,
    /// The file changed while it was read, after some of it was written.
    Changed,
    /// The input is not a text document; nothing written.
    Bad(LoadError),
    /// Writing failed (a closed pipe); the reading stopped there.
    Failed(io::Error),
}

/// Streamed `--dump`, second half, without holding the document: the file `src` is
/// read again in pieces (`document::parse::read_streaming`), each body block from the
/// first [`dump_head`] did not write is written as soon as it is made and let go of,
/// and the notes, which are numbered and ordered over the whole document, are written
/// at the end. The output is [`dump_rest`]'s byte for byte: a block's rows depend on
/// nothing but the block ([`crate::layout::layout_block`]).
pub fn dump_rest_streamed<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    head: Head,
    width: u16,
    sizes: Pieces,
    out: &mut impl Write,
) -> Rest {
    // The title and header line come from the full parse when the head left them.
    if head.units < 2 {
        return Rest::Unfit;
    }
    let width = width.max(1);
    let mut next_unit = 2;
    let mut write_block = |block: &crate::document::Block| {
        let unit = next_unit;
        next_unit += 1;
        // Blocks are in source order, each starting past the one before: the first
        // one at or past the head's end is where `dump_rest` starts too.
        if block.src < head.end {
            return Ok(());
        }
        write_rows(&crate::layout::layout_block(block, unit, width), width, out)
    };
    let doc = match read_streaming(src, forced, name, sizes, &mut write_block) {
        Streamed::Read(Ok(doc)) => doc,
        Streamed::Read(Err(e)) => return Rest::Bad(e),
        Streamed::Unfit => return Rest::Unfit,
        Streamed::Changed => return Rest::Changed,
        Streamed::Stopped(e) => return Rest::Failed(e),
    };
    let notes = 2 + doc.blocks.len()..doc.unit_count();
    match dump_units(&doc, notes, width, out).and_then(|()| out.flush()) {
        Ok(()) => Rest::Written(doc.notices),
        Err(e) => Rest::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::dump;
    use crate::document::{Anchor, Block, BlockKind, Document};

    #[test]
    fn preformatted_lines_are_printed_whole_and_markers_stay_with_their_word() {
        let table = "Vessel    Port of call    Cargo             Tonnage\nAurora    Brisk   1200";
        let text = "The mayor denied it. Later he resigned.";
        let doc = Document {
            blocks: vec![
                Block {
                    kind: BlockKind::Preformatted,
                    text: table.into(),
                    ..Block::default()
                },
                Block {
                    text: text.into(),
                    anchors: smallvec::smallvec![
                        Anchor {
                            label: "3".into(),
                            at: 20,
                            note: 0,
                        },
                        Anchor {
                            label: "4".into(),
                            at: 20,
                            note: 0,
                        },
                    ],
                    ..Block::default()
                },
            ],
            ..Document::default()
        };
        let mut out = Vec::new();
        assert!(dump(&doc, 20, &mut out).is_ok());
        let out = String::from_utf8(out).unwrap_or_default();
        assert!(out.contains("Vessel    Port of call    Cargo             Tonnage\n"));
        assert!(out.contains("Aurora    Brisk   1200\n"));
        assert!(
            out.contains("The mayor denied\nit.[3][4] Later he\nresigned.\n"),
            "{out}"
        );
    }

    #[test]
    fn sidenotes_never_overlap_and_run_on_below_the_text() {
        let long = "word ".repeat(40);
        let input = format!(
            "April 3, 2025 Special Dispatch No. 902\n\nFerry Talks\n\nApril 3, 2025\n\
             Aldren Coast | Special Dispatch No. 902\n\nThe board refused.[1][2]\n\n\
             [1] {long}\n\n[2] Second {long}\n"
        );
        let doc = crate::document::load(input.as_bytes()).expect("parses");
        let mut out = Vec::new();
        assert!(super::dump_sidenotes(&doc, 120, &mut out).is_ok());
        let out = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<&str> = out.lines().collect();
        let at = |needle: &str| lines.iter().position(|l| l.contains(needle));
        let anchor = at("refused.[1][2]").expect("anchor row");
        assert!(lines[anchor].contains("[1] word"), "{out}");
        let second = at("[2] Second").expect("note 2 shown");
        // Note 1 takes several rows at 37 columns; note 2 starts after them.
        assert!(second > anchor + 3, "{out}");
        assert!(lines.iter().all(|l| crate::layout::display_width(l) <= 120));
        assert!(
            out.ends_with("word\n"),
            "the last note runs on below: {out}"
        );
    }
}
