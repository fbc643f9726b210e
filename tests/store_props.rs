//! Property: every position survives the store. Saved as a bookmark and as the reading
//! position, it comes back as the same `DocPos` from the same document, and on its passage
//! (found by excerpt) from a re-parse that names units differently: every source offset
//! shifted, a block inserted before, or blocks reordered.

use proptest::prelude::*;
use sidenote::document::synthetic::synthetic_document;
use sidenote::document::{DocPos, Document, Part};
use sidenote::store::{Bookmark, DocKey, Store};

const NOW: u64 = 1_716_984_000;

/// A valid position in `doc` from two random numbers.
fn position(doc: &Document, unit: usize, byte: usize) -> DocPos {
    let unit = unit % doc.unit_count();
    let text = doc.unit_text(unit);
    let mut byte = byte % (text.len() + 1);
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    DocPos::new(unit, byte)
}

fn doc_of(size: usize) -> Document {
    synthetic_document(size, None)
}

/// Saves bookmarks at `positions` and the reading position at the first, in a fresh store
/// under `dir`, with `doc`; returns the key and the bookmarks.
fn save(dir: &std::path::Path, doc: &Document, positions: &[DocPos]) -> (DocKey, Vec<Bookmark>) {
    let key = DocKey {
        fingerprint: "fnv1a128:000000000000000000000000000000aa".into(),
        path: Some(dir.join("dispatch.txt")),
    };
    let s = Store::open_at(dir.join("data")).with_clock(|| NOW);
    let mut saved = Vec::new();
    for (i, &p) in positions.iter().enumerate() {
        let bm = Bookmark::new(doc, p, &format!("b{i}"), NOW + i as u64);
        s.add_bookmark(&key, doc, bm.clone()).expect("saved");
        saved.push(bm);
    }
    s.save_position(&key, doc, positions[0], 50, NOW)
        .expect("saved");
    (key, saved)
}

/// Opens `doc` (a re-parse of the same bytes: same fingerprint) in a new store handle.
fn reopen(dir: &std::path::Path, key: &DocKey, doc: &Document) -> sidenote::store::DocRecord {
    Store::open_at(dir.join("data"))
        .with_clock(|| NOW)
        .load_doc(key, doc, NOW + 60)
        .expect("store readable")
        .0
}

/// Whether `excerpt` is on the text at `at`, and, when the excerpt occurs only once in the
/// whole document, whether `at` is `expected`.
fn on_passage(doc: &Document, at: DocPos, expected: DocPos, excerpt: &str) -> Result<(), String> {
    let text = doc.unit_text(at.unit);
    let here = text.get(at.byte..).unwrap_or("");
    if !here.starts_with(excerpt) {
        return Err(format!("{at:?} does not start with {excerpt:?}"));
    }
    let count: usize = (0..doc.unit_count())
        .map(|u| doc.unit_text(u).matches(excerpt).count())
        .sum();
    if count == 1 && !excerpt.is_empty() && at != expected {
        return Err(format!("{at:?} instead of {expected:?} for {excerpt:?}"));
    }
    Ok(())
}

fn shift_src(doc: &mut Document, k: usize) {
    doc.meta.title_src = doc.meta.title_src.map(|s| s + k);
    for b in &mut doc.blocks {
        b.src += k;
    }
    for n in &mut doc.notes {
        n.src = n.src.get().map(|s| s + k).into();
    }
}

/// The document with blocks given new indices by `order` (new index → old index), and
/// source offsets re-assigned in the new order, as a re-parse of the reordered file.
fn reorder(doc: &Document, order: &[usize]) -> (Document, Vec<usize>) {
    let mut new_of = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old] = new;
    }
    let mut d = doc.clone();
    d.blocks = order.iter().map(|&o| doc.blocks[o].clone()).collect();
    let mut at = doc.blocks.first().map_or(0, |b| b.src);
    for b in &mut d.blocks {
        b.src = at;
        at += b.src_len as usize + 2;
    }
    for n in &mut d.notes {
        let mut refs: Vec<usize> = n.refs.blocks().map(|r| new_of[r]).collect();
        refs.sort_unstable();
        n.refs = refs.into();
        n.src = at.into();
        at += n.src_len as usize + 2;
    }
    (d, new_of)
}

/// Where `pos` of `doc` is in the reordered document.
fn moved(doc: &Document, new_doc: &Document, new_of: &[usize], pos: DocPos) -> DocPos {
    let unit = match doc.part(pos.unit) {
        Part::Block(b) => new_doc.unit_of(Part::Block(new_of[b])),
        _ => pos.unit,
    };
    DocPos::new(unit, pos.byte)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn positions_round_trip_through_the_store(
        size in 1_500usize..6_000,
        picks in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..4),
    ) {
        let doc = doc_of(size);
        let positions: Vec<DocPos> = picks.iter().map(|&(u, b)| position(&doc, u, b)).collect();
        let tmp = tempfile::tempdir().unwrap();
        let (key, saved) = save(tmp.path(), &doc, &positions);
        let rec = reopen(tmp.path(), &key, &doc);
        prop_assert_eq!(rec.bookmarks.len(), saved.len());
        for bm in &saved {
            let got = rec.bookmarks.iter().find(|b| b.id == bm.id).expect("kept");
            prop_assert_eq!(got.at, bm.at);
            prop_assert!(!got.lost);
            prop_assert_eq!(got.pos, bm.pos);
            prop_assert_eq!(&got.excerpt, &bm.excerpt);
            prop_assert_eq!(got.percent, doc.percent_at(&doc.reading_offsets(), bm.at));
        }
        prop_assert_eq!(rec.last_position.expect("saved").at, positions[0]);
        // Reading order.
        prop_assert!(rec.bookmarks.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn positions_follow_their_passages_when_units_are_renamed(
        size in 1_500usize..6_000,
        picks in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..4),
        k in 1usize..400,
        rotate in 1usize..50,
    ) {
        let doc = doc_of(size);
        let positions: Vec<DocPos> = picks.iter().map(|&(u, b)| position(&doc, u, b)).collect();

        // Every source offset shifted: the same units, named by other offsets.
        let tmp = tempfile::tempdir().unwrap();
        let (key, saved) = save(tmp.path(), &doc, &positions);
        let mut shifted = doc.clone();
        shift_src(&mut shifted, k);
        let rec = reopen(tmp.path(), &key, &shifted);
        for bm in &saved {
            let got = rec.bookmarks.iter().find(|b| b.id == bm.id).expect("kept");
            prop_assert!(!got.lost);
            on_passage(&shifted, got.at, bm.at, &bm.excerpt).map_err(TestCaseError::fail)?;
        }

        // A block inserted before everything: every block and note one unit later.
        let tmp = tempfile::tempdir().unwrap();
        let (key, saved) = save(tmp.path(), &doc, &positions);
        let mut inserted = doc.clone();
        let first = inserted.blocks[0].src;
        let mut new_block = inserted.blocks[0].clone();
        new_block.text = "An editor's preface, set before the dispatch.".into();
        new_block.anchors.clear();
        new_block.src_len = new_block.text.len() as u32;
        shift_src(&mut inserted, new_block.src_len as usize + 2);
        inserted.meta.title_src = doc.meta.title_src;
        new_block.src = first;
        inserted.blocks.insert(0, new_block);
        for n in &mut inserted.notes {
            n.refs = n.refs.blocks().map(|r| r + 1).collect();
        }
        let rec = reopen(tmp.path(), &key, &inserted);
        for bm in &saved {
            let expected = if bm.at.unit >= 2 {
                DocPos::new(bm.at.unit + 1, bm.at.byte)
            } else {
                bm.at
            };
            let got = rec.bookmarks.iter().find(|b| b.id == bm.id).expect("kept");
            prop_assert!(!got.lost);
            on_passage(&inserted, got.at, expected, &bm.excerpt).map_err(TestCaseError::fail)?;
        }
        let last = rec.last_position.expect("saved");
        let p0 = positions[0];
        let expected = if p0.unit >= 2 { DocPos::new(p0.unit + 1, p0.byte) } else { p0 };
        on_passage(&inserted, last.at, expected, &saved[0].excerpt).map_err(TestCaseError::fail)?;

        // Blocks reordered (rotated), offsets re-assigned in the new order.
        let tmp = tempfile::tempdir().unwrap();
        let (key, saved) = save(tmp.path(), &doc, &positions);
        let n = doc.blocks.len();
        let order: Vec<usize> = (0..n).map(|i| (i + rotate) % n).collect();
        let (reordered, new_of) = reorder(&doc, &order);
        let rec = reopen(tmp.path(), &key, &reordered);
        for bm in &saved {
            let got = rec.bookmarks.iter().find(|b| b.id == bm.id).expect("kept");
            prop_assert!(!got.lost);
            let expected = moved(&doc, &reordered, &new_of, bm.at);
            on_passage(&reordered, got.at, expected, &bm.excerpt).map_err(TestCaseError::fail)?;
        }
    }
}
