//! Moving between matches: `n`/`N` from wherever the reader is, with wrap-around.

use sidenote::document::synthetic::{synthetic_document, RARE_WORD};
use sidenote::document::{Block, BlockKind, DocPos, Document, Part};
use sidenote::search::{search, Found, Matches, SearchIndex, SearchOptions};

fn doc() -> Document {
    let blocks = [
        "ferry one",
        "nothing here",
        "ferry two and ferry three",
        "last ferry",
    ]
    .iter()
    .map(|t| Block {
        kind: BlockKind::Paragraph,
        text: (*t).into(),
        anchors: Default::default(),
        ..Block::default()
    })
    .collect();
    Document {
        blocks,
        ..Document::default()
    }
}

fn ferries(doc: &Document) -> Matches {
    let index = SearchIndex::build(doc);
    search(doc, &index, "ferry", SearchOptions::default()).expect("ok")
}

#[test]
fn next_from_a_position_between_matches() {
    let doc = doc();
    let m = ferries(&doc);
    assert_eq!(m.len(), 4);
    let b1 = doc.unit_of(Part::Block(1));
    assert_eq!(m.first_at_or_after(DocPos::new(b1, 3)), Some(1));
    assert_eq!(
        m.next_from(DocPos::new(b1, 3)),
        Some(Found {
            index: 1,
            wrapped: false
        })
    );
    assert_eq!(m.last_before(DocPos::new(b1, 3)), Some(0));
    assert_eq!(
        m.prev_from(DocPos::new(b1, 3)),
        Some(Found {
            index: 0,
            wrapped: false
        })
    );
}

#[test]
fn a_match_at_the_position_counts_forward_not_backward() {
    let doc = doc();
    let m = ferries(&doc);
    let second = m.get(1).expect("match").pos();
    assert_eq!(m.first_at_or_after(second), Some(1));
    assert_eq!(m.last_before(second), Some(0));
    // Stepping past the current match: one byte after its start.
    let after = DocPos::new(second.unit, second.byte + 1);
    assert_eq!(
        m.next_from(after),
        Some(Found {
            index: 2,
            wrapped: false
        })
    );
}

#[test]
fn searching_past_the_ends_wraps_and_says_so() {
    let doc = doc();
    let m = ferries(&doc);
    let last = m.get(3).expect("match");
    let past_last = DocPos::new(last.unit, last.start + 1);
    assert_eq!(m.first_at_or_after(past_last), None);
    assert_eq!(
        m.next_from(past_last),
        Some(Found {
            index: 0,
            wrapped: true
        })
    );
    assert_eq!(m.last_before(DocPos::new(0, 0)), None);
    assert_eq!(
        m.prev_from(DocPos::new(0, 0)),
        Some(Found {
            index: 3,
            wrapped: true
        })
    );
}

#[test]
fn no_matches_means_no_target_either_way() {
    let doc = doc();
    let index = SearchIndex::build(&doc);
    let m = search(&doc, &index, "lantern", SearchOptions::default()).expect("ok");
    assert_eq!(m.next_from(DocPos::new(3, 0)), None);
    assert_eq!(m.prev_from(DocPos::new(3, 0)), None);
}

#[test]
fn matches_of_one_unit_for_highlighting() {
    let doc = doc();
    let m = ferries(&doc);
    let b2 = doc.unit_of(Part::Block(2));
    let here = m.unit_range(b2);
    assert_eq!(here.len(), 2);
    assert_eq!(&doc.blocks[2].text[here[1].range()], "ferry");
    assert_eq!(m.unit_indices(b2), 1..3);
    assert!(m.unit_range(doc.unit_of(Part::Block(1))).is_empty());
}

#[test]
fn rare_word_at_the_end_of_a_big_document_is_found_once() {
    let doc = synthetic_document(2_000_000, Some(RARE_WORD));
    let index = SearchIndex::build(&doc);
    let m = search(&doc, &index, RARE_WORD, SearchOptions::default()).expect("ok");
    assert_eq!(m.len(), 1);
    let hit = m.get(0).expect("one");
    assert!(matches!(doc.part(hit.unit), Part::Note(_)));
    assert_eq!(
        m.next_from(DocPos::new(0, 0)),
        Some(Found {
            index: 0,
            wrapped: false
        })
    );
}
