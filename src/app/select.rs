//! Selecting note anchors in the text and note labels in the Notes section, in reading order.

use crate::document::{DocPos, Document, Part};

/// Something selectable: an anchor in a body block, or a note in the Notes section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Anchor { block: usize, anchor: usize },
    Note(usize),
}

impl Target {
    /// The note this target is about.
    pub fn note(self, doc: &Document) -> Option<usize> {
        match self {
            Target::Anchor { block, anchor } => {
                doc.blocks.get(block)?.anchors.get(anchor).map(|a| a.note)
            }
            Target::Note(n) => (n < doc.notes.len()).then_some(n),
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
                    .map_or(0, |a| a.at);
                DocPos::new(doc.unit_of(Part::Block(block)), at)
            }
            Target::Note(n) => DocPos::new(doc.unit_of(Part::Note(n)), 0),
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
        }
    }
}

/// The first target at or after `pos` (strictly after when `strict`), in reading order.
pub fn first_from(doc: &Document, pos: DocPos, strict: bool) -> Option<Target> {
    for unit in pos.unit..doc.unit_count() {
        match doc.part(unit) {
            Part::Block(b) => {
                let found = doc.blocks[b].anchors.iter().position(|a| {
                    unit > pos.unit || a.at > pos.byte || (!strict && a.at == pos.byte)
                });
                if let Some(i) = found {
                    return Some(Target::Anchor {
                        block: b,
                        anchor: i,
                    });
                }
            }
            Part::Note(n) if unit > pos.unit || (!strict && pos.byte == 0) => {
                return Some(Target::Note(n));
            }
            _ => {}
        }
    }
    None
}

/// The next target after `t`.
pub fn next(doc: &Document, t: Target) -> Option<Target> {
    match t {
        Target::Anchor { block, anchor } if anchor + 1 < doc.blocks[block].anchors.len() => {
            Some(Target::Anchor {
                block,
                anchor: anchor + 1,
            })
        }
        _ => {
            let unit = t.pos(doc).unit + 1;
            first_from(doc, DocPos::new(unit, 0), false)
        }
    }
}

/// The target before `t`.
pub fn prev(doc: &Document, t: Target) -> Option<Target> {
    if let Target::Anchor { block, anchor } = t {
        if anchor > 0 {
            return Some(Target::Anchor {
                block,
                anchor: anchor - 1,
            });
        }
    }
    last_before_unit(doc, t.pos(doc).unit)
}

/// The last target in units before `unit`.
pub fn last_before_unit(doc: &Document, unit: usize) -> Option<Target> {
    let mut u = unit.min(doc.unit_count());
    while u > 0 {
        u -= 1;
        match doc.part(u) {
            Part::Block(b) if !doc.blocks[b].anchors.is_empty() => {
                return Some(Target::Anchor {
                    block: b,
                    anchor: doc.blocks[b].anchors.len() - 1,
                });
            }
            Part::Note(n) => return Some(Target::Note(n)),
            _ => {}
        }
    }
    None
}

/// The last target at or before `pos`.
pub fn last_until(doc: &Document, pos: DocPos) -> Option<Target> {
    if let Part::Block(b) = doc.part(pos.unit) {
        if let Some(i) = doc.blocks[b].anchors.iter().rposition(|a| a.at <= pos.byte) {
            return Some(Target::Anchor {
                block: b,
                anchor: i,
            });
        }
    }
    if let Part::Note(n) = doc.part(pos.unit) {
        return Some(Target::Note(n));
    }
    last_before_unit(doc, pos.unit)
}
