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
                RowKind::Text => writeln!(
                    out,
                    "{}{}",
                    " ".repeat(usize::from(row.indent)),
                    layout.display[row.range.clone()].trim_end()
                )?,
            }
        }
    }
    out.flush()
}
