//! Recognising a document on open — by content first, then by path, carrying bookmarks
//! over to an edited file — and placing every stored position in it.
//!
//! A stored position is a `SourcePos` with an excerpt. It is never trusted blindly, not
//! even when the fingerprint matches (the parser may have changed): it is located in the
//! document, and the text there must still begin with the excerpt. Otherwise the passage
//! is searched for by its excerpt near where it was; a passage that cannot be found is
//! kept, flagged `lost`, never dropped.

use super::error::StoreWarning;
use super::fingerprint::fingerprint;
use super::reanchor::{Finder, Found};
use super::record::{new_id, same_path, BookmarksFile, DocKey, DocRecord};
use super::texts::UnitTexts;
use crate::document::{DocPos, Part, SourcePos, SrcPart};
use std::path::Path;

/// Finds (or starts) the record for `key` in `file`, bringing it up to date with the
/// document, and places every position in it. Returns the record (with `at` set on every
/// position) and whether `file` changed. A document never seen before is not added:
/// nothing is written until there is something to remember.
///
/// The identity rules (docs/storage.md, "How documents are recognised"):
/// 1. a record with this fingerprint is the document's (the path is added to it and
///    taken off any other record);
/// 2. else the record this path belongs to, else the record whose passages are found in
///    this document (a file moved and edited, an edited copy, edited standard input);
/// 3. that record is *forked* when its content is still at another of its paths (a copy
///    that did not change): a new record for this path and fingerprint carries over its
///    bookmarks (new ids) and position, and the old record only loses this path.
///    Otherwise it is taken over: it answers to the new fingerprint from now on.
pub(crate) fn resolve(
    file: &mut BookmarksFile,
    key: &DocKey,
    title: &str,
    texts: &UnitTexts,
    now: u64,
    warnings: &mut Vec<StoreWarning>,
) -> (DocRecord, bool) {
    let path = key.path.as_deref();
    if let Some(i) = file
        .documents
        .iter()
        .position(|r| r.fingerprint == key.fingerprint)
    {
        let mut changed = path.is_some_and(|p| claim(file, i, p));
        let rec = &mut file.documents[i];
        changed |= rec.describe(title, texts.doc);
        let placed = place_all(rec, texts);
        // Same content: a position found by its excerpt elsewhere (the parser names units
        // differently now) is on the very text it was saved on, so the reader sees no
        // change; only a passage that cannot be found at all is worth a word.
        for bm in &mut rec.bookmarks {
            bm.moved = false;
        }
        if placed.newly_lost > 0 {
            warnings.push(StoreWarning::NotFound {
                lost: placed.newly_lost,
            });
        }
        changed |= placed.changed;
        return (rec.clone(), changed);
    }
    let source = path
        .and_then(|p| {
            file.documents
                .iter()
                .enumerate()
                .filter(|(_, r)| r.has_path(p))
                .max_by_key(|(_, r)| r.last_active())
                .map(|(i, _)| i)
        })
        .or_else(|| by_content(file, texts, title));
    let Some(i) = source else {
        return (DocRecord::new(key, title.to_string(), texts.doc), false);
    };
    let i = if live_elsewhere(&file.documents[i], path) {
        // Fork: the original keeps its record (and its ids); this path gets a copy.
        let mut fork = file.documents[i].clone();
        if let Some(p) = path {
            file.documents[i].drop_path(p);
        }
        fork.fingerprint = key.fingerprint.clone();
        fork.paths = Some(key.path.iter().cloned().collect());
        fork.path = key.path.clone().or(fork.path);
        for bm in &mut fork.bookmarks {
            bm.id = new_id(now);
        }
        file.documents.push(fork);
        file.documents.len() - 1
    } else {
        // Edited in place, moved and edited, or edited standard input: the record follows.
        let rec = &mut file.documents[i];
        rec.fingerprint = key.fingerprint.clone();
        if let Some(p) = path {
            rec.paths = Some(vec![p.to_path_buf()]);
            rec.path = Some(p.to_path_buf());
        }
        i
    };
    if let Some(p) = path {
        claim(file, i, p);
    }
    let rec = &mut file.documents[i];
    rec.describe(title, texts.doc);
    let placed = place_all(rec, texts);
    if placed.found + placed.lost > 0 {
        warnings.push(StoreWarning::Reanchored {
            placed: placed.found,
            moved: placed.moved,
            lost: placed.lost,
        });
    }
    if placed.ambiguous > 0 {
        warnings.push(StoreWarning::Ambiguous {
            count: placed.ambiguous,
        });
    }
    (rec.clone(), true)
}

/// Gives `path` to record `i` alone: added to it, taken off every other record (a path
/// holds one content at a time). Whether anything changed.
pub(crate) fn claim(file: &mut BookmarksFile, i: usize, path: &Path) -> bool {
    let mut changed = false;
    for (j, r) in file.documents.iter_mut().enumerate() {
        if j == i {
            changed |= r.add_path(path);
        } else {
            changed |= r.drop_path(path);
        }
    }
    changed
}

/// Whether the record's content is still at one of its paths other than `path`: that
/// file exists and its bytes have the record's fingerprint (an unchanged copy). A path
/// that cannot be read counts as live, so an unreadable original is never taken over.
fn live_elsewhere(rec: &DocRecord, path: Option<&Path>) -> bool {
    rec.known_paths().into_iter().any(|q| {
        if path.is_some_and(|p| same_path(p, q)) {
            return false;
        }
        match std::fs::read(q) {
            Ok(bytes) => fingerprint(&bytes) == rec.fingerprint,
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        }
    })
}

/// The record whose passages are in this document though neither its content nor its
/// path is known: a file moved and edited, an edited copy opened from a new path, or
/// edited standard input. A record qualifies when at least half of its stored passages
/// (bookmarks and reading position with an excerpt) are found here with confidence (by
/// the re-anchoring rules, not ambiguous), and either two of them are or its title is
/// this document's. The best has the largest share found, then the most found; a tie
/// between records is settled by the most recently used.
fn by_content(file: &BookmarksFile, texts: &UnitTexts, title: &str) -> Option<usize> {
    let finder = Finder::new(texts);
    let mut best: Option<((usize, usize, u64), usize)> = None;
    for (i, rec) in file.documents.iter().enumerate() {
        let excerpts: Vec<&str> = rec
            .bookmarks
            .iter()
            .map(|b| b.excerpt.as_str())
            .chain(rec.last_position.iter().map(|l| l.excerpt.as_str()))
            .filter(|e| !e.trim().is_empty())
            .collect();
        if excerpts.is_empty() {
            continue;
        }
        // Placing a passage reads the whole document: stop as soon as the record can no
        // longer qualify (more than half not found, or fewer than two left to find when
        // the title differs). The count is then below what qualifies, as a full count is.
        let needed = if rec.title == title { 1 } else { 2 };
        let mut found = 0;
        for (k, e) in excerpts.iter().enumerate() {
            let missed = k - found;
            let left = excerpts.len() - k;
            if missed * 2 > excerpts.len() || found + left < needed {
                break;
            }
            if matches!(
                finder.place(e, DocPos::default()),
                Found::Same(_) | Found::Similar(..)
            ) {
                found += 1;
            }
        }
        let share = found * 1000 / excerpts.len();
        if found == 0 || found * 2 < excerpts.len() || (found < 2 && rec.title != title) {
            continue;
        }
        let rank = (share, found, rec.last_active());
        if best.as_ref().is_none_or(|(b, _)| rank > *b) {
            best = Some((rank, i));
        }
    }
    best.map(|(_, i)| i)
}

/// What placing a record's bookmarks did.
#[derive(Default)]
struct Placed {
    /// Bookmarks on their passage (verified where stored, or found by excerpt).
    found: usize,
    /// Of those, found somewhere else than their stored position.
    moved: usize,
    /// Not found (including the ambiguous ones).
    lost: usize,
    /// Of those, not already flagged lost.
    newly_lost: usize,
    /// Of the lost, those left unplaced because two passages were about as similar.
    ambiguous: usize,
    /// Whether anything stored changed.
    changed: bool,
}

/// Where one stored position goes in this document.
struct Placement {
    at: DocPos,
    found: bool,
    /// Found, but not where the stored position named.
    moved: bool,
    /// Not found because two passages were about equally similar.
    ambiguous: bool,
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
            ambiguous: false,
        };
    }
    let guess = located
        .or_else(|| pos.map(|p| nearest_unit(texts, &p)))
        .unwrap_or_default();
    let (at, found, ambiguous) = match finder.place(excerpt, guess) {
        Found::Same(at) | Found::Similar(at, _) => (at, true, false),
        Found::Ambiguous => (texts.clamp(guess), false, true),
        Found::Gone => (texts.clamp(guess), false, false),
    };
    Placement {
        at,
        found,
        moved: found,
        ambiguous,
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
        bm.moved = p.found && p.moved;
        out.moved += usize::from(bm.moved);
        bm.ambiguous = p.ambiguous;
        if p.found {
            bm.lost = false;
            out.found += 1;
        } else {
            out.lost += 1;
            out.newly_lost += usize::from(!bm.lost);
            out.ambiguous += usize::from(p.ambiguous);
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
    b.moved = a.moved;
    *a == b
}

/// Where a place in one parse of a document is in another (the file reloaded after an
/// edit): located by its source position and checked against its passage, else found by
/// the passage, as a stored bookmark is on open (`place`). A passage that is gone keeps
/// the unit now nearest its old source offset.
pub fn carry_position(
    old: &crate::document::Document,
    pos: DocPos,
    new: &crate::document::Document,
) -> DocPos {
    let before = UnitTexts::new(old);
    let pos = before.clamp(pos);
    let excerpt = before.excerpt(pos);
    let after = UnitTexts::new(new);
    let finder = Finder::new(&after);
    place(&after, &finder, Some(old.source_pos(pos)), None, &excerpt).at
}
