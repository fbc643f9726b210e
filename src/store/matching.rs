//! Recognising a document on open: by content first, then by path, carrying bookmarks
//! over to an edited file.

use super::error::StoreWarning;
use super::reanchor::Finder;
use super::record::{same_path, BookmarksFile, DocKey, DocRecord};
use super::texts::UnitTexts;

/// Finds (or starts) the record for `key` in `file`, bringing it up to date with the
/// document: a new path after a move, a new fingerprint and re-placed bookmarks after an
/// edit. Returns the record and whether `file` changed. A document never seen before is
/// not added: nothing is written until there is something to remember.
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
        if rec.title != title {
            rec.title = title.to_string();
            changed = true;
        }
        changed |= clamp_all(rec, texts);
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
            rec.title = title.to_string();
            let (placed, lost) = reanchor(rec, texts);
            if placed + lost > 0 {
                warnings.push(StoreWarning::Reanchored { placed, lost });
            }
            (rec.clone(), true)
        }
        None => (DocRecord::new(key, title.to_string()), false),
    }
}

/// Places every bookmark (and the reading position) by its excerpt in the new text.
/// Returns (placed, lost). A bookmark that cannot be placed is kept, flagged `lost`, at
/// its old position clamped into the document, with its old excerpt so it can be found
/// again if the passage comes back.
fn reanchor(rec: &mut DocRecord, texts: &UnitTexts) -> (usize, usize) {
    let finder = Finder::new(texts);
    let (mut placed, mut lost) = (0, 0);
    for bm in &mut rec.bookmarks {
        match finder.place(&bm.excerpt, bm.pos) {
            Some(p) => {
                bm.pos = p;
                bm.excerpt = texts.excerpt(p);
                bm.percent = texts.percent(p);
                bm.lost = false;
                placed += 1;
            }
            None => {
                bm.pos = texts.clamp(bm.pos);
                bm.lost = true;
                lost += 1;
            }
        }
    }
    if let Some(last) = &mut rec.last_position {
        match finder.place(&last.excerpt, last.pos) {
            Some(p) => {
                last.pos = p;
                last.excerpt = texts.excerpt(p);
            }
            None => last.pos = texts.clamp(last.pos),
        }
    }
    rec.sort_bookmarks();
    (placed, lost)
}

/// Keeps every stored position valid for this document, whatever the file says.
fn clamp_all(rec: &mut DocRecord, texts: &UnitTexts) -> bool {
    let mut changed = false;
    let positions = rec
        .bookmarks
        .iter_mut()
        .map(|b| &mut b.pos)
        .chain(rec.last_position.iter_mut().map(|l| &mut l.pos));
    for pos in positions {
        let c = texts.clamp(*pos);
        if c != *pos {
            *pos = c;
            changed = true;
        }
    }
    changed
}
