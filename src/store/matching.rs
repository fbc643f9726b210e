//! Recognising a document on open — by content first, then by path, carrying bookmarks
//! over to an edited file — and placing every stored position in it.
//!
//! A stored position is a `SourcePos` with an excerpt. It is never trusted blindly, not
//! even when the fingerprint matches (the parser may have changed): it is located in the
//! document, and the text there must still begin with the excerpt. Otherwise the passage
//! is searched for by its excerpt near where it was; a passage that cannot be found is
//! kept, flagged `lost`, never dropped.

use super::error::StoreWarning;
use super::reanchor::Finder;
use super::record::{same_path, BookmarksFile, DocKey, DocRecord};
use super::texts::UnitTexts;
use crate::document::{DocPos, Part, SourcePos, SrcPart};

/// Finds (or starts) the record for `key` in `file`, bringing it up to date with the
/// document: a new path after a move, a new fingerprint after an edit, and every position
/// placed and verified. Returns the record (with `at` set on every position) and whether
/// `file` changed. A document never seen before is not added: nothing is written until
/// there is something to remember.
pub(crate) fn resolve(
    file: &mut BookmarksFile,
    key: &DocKey,
    title: &str,
    texts: &UnitTexts,
    warnings: &mut Vec<StoreWarning>,
) -> (DocRecord, bool) {
    if let Some(rec) = file
        .documents
        .iter_mut()
        .find(|r| r.fingerprint == key.fingerprint)
    {
        let mut changed = false;
        if let Some(path) = &key.path {
            if !rec.path.as_deref().is_some_and(|p| same_path(p, path)) {
                rec.path = Some(path.clone());
                changed = true;
            }
        }
        changed |= rec.describe(title, texts.doc);
        let placed = place_all(rec, texts);
        // Same content: a position found by its excerpt elsewhere (the parser names units
        // differently now) is on the very text it was saved on, so the reader sees no
        // change; only a passage that cannot be found at all is worth a word.
        if placed.newly_lost > 0 {
            warnings.push(StoreWarning::NotFound {
                lost: placed.newly_lost,
            });
        }
        changed |= placed.changed;
        return (rec.clone(), changed);
    }
    let at_path = key.path.as_deref().and_then(|path| {
        file.documents
            .iter_mut()
            .filter(|r| r.path.as_deref().is_some_and(|p| same_path(p, path)))
            .max_by_key(|r| r.last_active())
    });
    match at_path {
        Some(rec) => {
            rec.fingerprint = key.fingerprint.clone();
            rec.describe(title, texts.doc);
            let placed = place_all(rec, texts);
            if placed.found + placed.lost > 0 {
                warnings.push(StoreWarning::Reanchored {
                    placed: placed.found,
                    lost: placed.lost,
                });
            }
            (rec.clone(), true)
        }
        None => (DocRecord::new(key, title.to_string(), texts.doc), false),
    }
}

/// What placing a record's bookmarks did.
#[derive(Default)]
struct Placed {
    /// Bookmarks on their passage (verified where stored, or found by excerpt).
    found: usize,
    /// Not found.
    lost: usize,
    /// Of those, not already flagged lost.
    newly_lost: usize,
    /// Whether anything stored changed.
    changed: bool,
}

/// Where one stored position goes in this document.
struct Placement {
    at: DocPos,
    found: bool,
    /// Found, but not where the stored position named.
    moved: bool,
}

/// Places one stored position: located and verified by its excerpt; else the passage
/// searched for near where it was (the located unit, the version-1 unit, or the unit now
/// nearest its old source offset); else kept near there, not found.
fn place(
    texts: &UnitTexts,
    finder: &Finder,
    pos: Option<SourcePos>,
    legacy: Option<DocPos>,
    excerpt: &str,
) -> Placement {
    let located = pos
        .and_then(|p| texts.doc.locate(&p))
        .or_else(|| legacy.map(|l| texts.clamp(l)));
    if let Some(at) = located.filter(|&at| texts.verifies(at, excerpt)) {
        return Placement {
            at,
            found: true,
            moved: false,
        };
    }
    let guess = located
        .or_else(|| pos.map(|p| nearest_unit(texts, &p)))
        .unwrap_or_default();
    match finder.place(excerpt, guess) {
        Some(at) => Placement {
            at,
            found: true,
            moved: true,
        },
        None => Placement {
            at: texts.clamp(guess),
            found: false,
            moved: false,
        },
    }
}

/// The unit that now stands nearest a source position's old offset (the last of its kind
/// starting at or before it), with its byte: where a passage that moved is looked for
/// first, and where a lost one is shown.
fn nearest_unit(texts: &UnitTexts, sp: &SourcePos) -> DocPos {
    let doc = texts.doc;
    let unit = match sp.part {
        SrcPart::Title => 0,
        SrcPart::Meta => 1,
        SrcPart::Body | SrcPart::NotesHeading if doc.blocks.is_empty() => 1,
        SrcPart::Body | SrcPart::NotesHeading => {
            let b = doc.blocks.partition_point(|b| b.src <= sp.src);
            doc.unit_of(Part::Block(b.saturating_sub(1)))
        }
        SrcPart::Note if doc.notes.is_empty() => doc.unit_count().saturating_sub(1),
        SrcPart::Note => {
            let n = (0..doc.notes.len())
                .min_by_key(|&n| doc.unit_src(doc.unit_of(Part::Note(n))).1.abs_diff(sp.src))
                .unwrap_or(0);
            doc.unit_of(Part::Note(n))
        }
    };
    texts.clamp(DocPos::new(unit, sp.byte))
}

/// Places every bookmark and the reading position of `rec` in the document (see
/// `place`), updating what is stored: the source position, excerpt and percent of a
/// passage found; `lost` for one that is not (its excerpt kept, so it is found again if
/// the passage returns). Version-1 positions become source positions.
fn place_all(rec: &mut DocRecord, texts: &UnitTexts) -> Placed {
    let finder = Finder::new(texts);
    let mut out = Placed::default();
    for bm in &mut rec.bookmarks {
        let p = place(texts, &finder, bm.pos, bm.legacy, &bm.excerpt);
        let before = bm.clone();
        settle(
            texts,
            &p,
            &mut bm.pos,
            &mut bm.legacy,
            &mut bm.at,
            &mut bm.excerpt,
        );
        if p.found {
            bm.lost = false;
            out.found += 1;
        } else {
            out.lost += 1;
            out.newly_lost += usize::from(!bm.lost);
            bm.lost = true;
        }
        bm.percent = texts.percent(p.at);
        out.changed |= !same_stored(bm, before);
    }
    if let Some(last) = &mut rec.last_position {
        let p = place(texts, &finder, last.pos, last.legacy, &last.excerpt);
        let before = last.clone();
        settle(
            texts,
            &p,
            &mut last.pos,
            &mut last.legacy,
            &mut last.at,
            &mut last.excerpt,
        );
        if p.found && p.moved {
            last.percent = texts.percent(p.at);
        }
        let mut before = before;
        before.at = last.at;
        out.changed |= *last != before;
    }
    let order: Vec<String> = rec.bookmarks.iter().map(|b| b.id.clone()).collect();
    rec.bookmarks
        .sort_by(|a, b| (a.at, a.created, &a.id).cmp(&(b.at, b.created, &b.id)));
    out.changed |= rec.bookmarks.iter().map(|b| &b.id).ne(order.iter());
    out
}

/// Apply a placement to what a bookmark and the saved position both store. A passage
/// found takes the source position and excerpt of where it is now; one not found keeps
/// its stored position (the passage may come back there), and a version-1 one becomes
/// the source position of its clamped unit.
fn settle(
    texts: &UnitTexts,
    p: &Placement,
    pos: &mut Option<SourcePos>,
    legacy: &mut Option<DocPos>,
    at: &mut DocPos,
    excerpt: &mut String,
) {
    let doc = texts.doc;
    *at = p.at;
    *legacy = None;
    if p.found {
        *pos = Some(doc.source_pos(p.at));
        *excerpt = texts.excerpt(p.at);
    } else {
        *pos = pos.or(Some(doc.source_pos(p.at)));
    }
}

/// Whether two versions of a bookmark are stored the same (`at` is not stored).
fn same_stored(a: &super::record::Bookmark, mut b: super::record::Bookmark) -> bool {
    b.at = a.at;
    *a == b
}
