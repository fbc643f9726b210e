//! Selecting note anchors and links in the text and note labels in the Notes section, in
//! reading order (`Tab` stops on each; the note preview's `Tab` skips links).

use crate::document::{DocPos, Document, Part};

/// Something selectable: an anchor in a body block, a note in the Notes section, or a
/// link (`Document::links`) in a block or a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Anchor {
        block: usize,
        anchor: usize,
    },
    Note(usize),
    /// The `index`th link of unit `unit`.
    Link {
        unit: usize,
        index: usize,
    },
}

impl Target {
    /// The note this target is about (none for a link).
    pub fn note(self, doc: &Document) -> Option<usize> {
        match self {
            Target::Anchor { block, anchor } => {
                doc.blocks.get(block)?.anchors.get(anchor).map(|a| a.note())
            }
            Target::Note(n) => (n < doc.notes.len()).then_some(n),
            Target::Link { .. } => None,
        }
    }

    /// The URL of a link target.
    pub fn url(self, doc: &Document) -> Option<String> {
        match self {
            Target::Link { unit, index } => doc.links(unit).into_iter().nth(index).map(|l| l.url),
            _ => None,
        }
    }

    /// The unit the target stands in.
    pub fn unit(self, doc: &Document) -> usize {
        match self {
            Target::Anchor { block, .. } => doc.unit_of(Part::Block(block)),
            Target::Note(n) => doc.unit_of(Part::Note(n)),
            Target::Link { unit, .. } => unit,
        }
    }

    /// Where the target stands in the document.
    pub fn pos(self, doc: &Document) -> DocPos {
        match self {
            Target::Anchor { block, anchor } => {
                let at = doc
                    .blocks
                    .get(block)
                    .and_then(|b| b.anchors.get(anchor))
                    .map_or(0, |a| a.at());
                DocPos::new(doc.unit_of(Part::Block(block)), at)
            }
            Target::Note(n) => DocPos::new(doc.unit_of(Part::Note(n)), 0),
            Target::Link { unit, index } => {
                let at = doc.links(unit).get(index).map_or(0, |l| l.range.start);
                DocPos::new(unit, at)
            }
        }
    }

    /// Is the target valid in `doc`?
    pub fn exists(self, doc: &Document) -> bool {
        match self {
            Target::Anchor { block, anchor } => doc
                .blocks
                .get(block)
                .is_some_and(|b| anchor < b.anchors.len()),
            Target::Note(n) => n < doc.notes.len(),
            Target::Link { unit, index } => {
                unit < doc.unit_count() && index < doc.links(unit).len()
            }
        }
    }
}

/// Whether `Tab` stops on links too (in reading) or only on anchors and notes (the
/// preview, which shows notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stops {
    Notes,
    NotesAndLinks,
}

/// The targets of one unit with their offsets in its model text, in order: anchors and
/// links interleaved by offset (an anchor first at a shared offset), a note's label first.
fn stops(doc: &Document, unit: usize, which: Stops) -> Vec<(usize, Target)> {
    let mut out = Vec::new();
    match doc.part(unit) {
        Part::Block(b) => out.extend(doc.blocks[b].anchors.iter().enumerate().map(|(i, a)| {
            (
                a.at(),
                Target::Anchor {
                    block: b,
                    anchor: i,
                },
            )
        })),
        Part::Note(n) => out.push((0, Target::Note(n))),
        _ => return out,
    }
    if which == Stops::NotesAndLinks {
        let links = doc.links(unit);
        out.extend(
            links
                .iter()
                .enumerate()
                .map(|(index, l)| (l.range.start, Target::Link { unit, index })),
        );
        // Stable: anchors (and the note label) come before a link at the same offset.
        out.sort_by_key(|&(at, t)| (at, matches!(t, Target::Link { .. })));
    }
    out
}

/// The first target at or after `pos` (strictly after when `strict`), in reading order.
pub fn first_from(doc: &Document, pos: DocPos, strict: bool, which: Stops) -> Option<Target> {
    (pos.unit..doc.unit_count()).find_map(|unit| {
        stops(doc, unit, which)
            .into_iter()
            .find(|&(at, _)| unit > pos.unit || at > pos.byte || (!strict && at == pos.byte))
            .map(|(_, t)| t)
    })
}

/// The next target after `t`.
pub fn next(doc: &Document, t: Target, which: Stops) -> Option<Target> {
    let unit = t.unit(doc);
    let here = stops(doc, unit, which);
    if let Some(i) = here.iter().position(|&(_, s)| s == t) {
        if let Some(&(_, s)) = here.get(i + 1) {
            return Some(s);
        }
    }
    first_from(doc, DocPos::new(unit + 1, 0), false, which)
}

/// The target before `t`.
pub fn prev(doc: &Document, t: Target, which: Stops) -> Option<Target> {
    let unit = t.unit(doc);
    let here = stops(doc, unit, which);
    if let Some(i) = here.iter().position(|&(_, s)| s == t) {
        if i > 0 {
            return Some(here[i - 1].1);
        }
    }
    last_before_unit(doc, unit, which)
}

/// The last target in units before `unit`.
pub fn last_before_unit(doc: &Document, unit: usize, which: Stops) -> Option<Target> {
    (0..unit.min(doc.unit_count()))
        .rev()
        .find_map(|u| stops(doc, u, which).last().map(|&(_, t)| t))
}

/// The last target at or before `pos`.
pub fn last_until(doc: &Document, pos: DocPos, which: Stops) -> Option<Target> {
    let here = stops(doc, pos.unit.min(doc.unit_count()), which);
    if let Some(&(_, t)) = here.iter().rev().find(|&&(at, _)| at <= pos.byte) {
        return Some(t);
    }
    last_before_unit(doc, pos.unit, which)
}
