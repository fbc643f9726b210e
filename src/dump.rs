//! `--dump`: the laid-out document as plain text, the same rows the reader shows,
//! with no escape sequences (safe for pipes, files and other programs). A preformatted
//! line is printed whole: a pipe has no width to clip it to.

use crate::document::Document;
use crate::layout::{layout_unit_with, LayoutContext, RowKind};
use std::io::{self, Write};

/// Write every row of `doc` laid out at `width` columns.
pub fn dump(doc: &Document, width: u16, out: &mut impl Write) -> io::Result<()> {
    let width = width.max(1);
    let ctx = LayoutContext::of(doc);
    for unit in 0..doc.unit_count() {
        // Not cached: each unit is written once, so memory stays flat on huge documents.
        let layout = layout_unit_with(doc, unit, width, &ctx);
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
    }
    out.flush()
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
                    anchors: vec![
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
}
