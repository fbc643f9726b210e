//! Anchors and notes: which brackets are references, where they point, and what a
//! reader sees for a note whose text the document lost.

use sidenote::document::{load, Document};

fn open(bytes: &[u8]) -> Document {
    load(bytes).expect("fixture is text")
}

fn anchor_labels(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .flat_map(|b| b.anchors.iter().map(|a| a.label.to_string()))
        .collect()
}

fn note_labels(doc: &Document) -> Vec<String> {
    doc.notes.iter().map(|n| n.label.to_string()).collect()
}

fn numbers(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| n.to_string()).collect()
}

fn note_text<'d>(doc: &'d Document, label: &str) -> Option<&'d str> {
    doc.note_index(0, label)
        .and_then(|i| doc.notes[i].text.as_deref())
}

#[test]
fn dispatch_anchors_one_to_twelve_with_lost_notes() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert_eq!(anchor_labels(&doc), numbers(1..=12));
    assert_eq!(note_labels(&doc), numbers(1..=12));
    let with_text: Vec<&str> = doc
        .notes
        .iter()
        .filter(|n| n.text.is_some())
        .map(|n| n.label.as_str())
        .collect();
    assert_eq!(with_text, ["1", "2", "3", "7", "12"]);
    assert_eq!(
        note_text(&doc, "3"),
        Some("See;"),
        "a bare 'See;' is still text"
    );
}

#[test]
fn marker_is_removed_and_anchor_points_where_it_stood() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let b = &doc.blocks[3];
    assert!(b.text.starts_with("It was reported that the league"));
    assert_eq!(b.anchors[0].label, "7");
    assert_eq!(b.anchors[0].at(), "It was reported".len());
    assert_eq!(doc.notes[b.anchors[0].note()].label, "7");
}

#[test]
fn runs_of_anchors_share_one_place() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let b = &doc.blocks[1];
    let three = b.anchors.iter().find(|a| a.label == "3").expect("anchor 3");
    let four = b.anchors.iter().find(|a| a.label == "4").expect("anchor 4");
    assert_eq!(three.at, four.at);
    assert_eq!(&b.text[..three.at()], "Three days earlier, the Velmora magistrate's court fined the ferry operator Halvard Mesk for \"obstructing the public record.\"");
}

#[test]
fn space_before_a_marker_goes_with_it() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let b = &doc.blocks[1];
    assert!(b.text.ends_with("captain in the strait.\""), "{}", b.text);
    let five = b.anchors.iter().find(|a| a.label == "5").expect("anchor 5");
    assert_eq!(five.at(), b.text.len());
}

#[test]
fn non_note_brackets_stay_text() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let b = &doc.blocks[3];
    for kept in ["[sic]", "[their]", "[2019]", "[emphasis added]"] {
        assert!(b.text.contains(kept), "{kept} missing from {}", b.text);
    }
    assert_eq!(b.anchors.len(), 1);
    assert!(doc.note_index(0, "2019").is_none());
}

#[test]
fn captions_keep_their_anchors() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert_eq!(doc.blocks[2].anchors[0].label, "6");
    assert_eq!(doc.blocks[6].anchors[0].label, "11");
}

#[test]
fn refs_list_the_citing_blocks() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let n1 = doc.note_index(0, "1").expect("note 1");
    assert_eq!(doc.notes[n1].refs[..], [0]);
    assert_eq!(doc.references(n1), vec![(0, 0)]);
}

#[test]
fn essay_notes_all_have_text_and_anchors_match() {
    let doc = open(include_bytes!("fixtures/essay-figures.txt"));
    assert_eq!(anchor_labels(&doc), numbers(1..=5));
    assert!(doc.notes.iter().all(|n| n.text.is_some()));
    assert_eq!(note_text(&doc, "3"), Some("Ibid., 44."));
}

#[test]
fn inline_note_blocks_become_notes_not_paragraphs() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    assert_eq!(note_labels(&doc), numbers(1..=5));
    assert!(doc.notes.iter().all(|n| n.text.is_some()));
    assert!(doc.blocks.iter().all(|b| !b.text.starts_with('[')));
    assert_eq!(
        note_text(&doc, "1"),
        Some("The lamps were fed with seal oil until the last century, when paraffin came to the islands.")
    );
    assert_eq!(
        note_text(&doc, "5"),
        Some("_Scraw_--the island word for a driftwood fire.")
    );
}

#[test]
fn marker_at_the_start_of_a_verse_line_is_an_anchor() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    let verse = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("“Lamp"))
        .expect("verse");
    let a = &verse.anchors[0];
    assert_eq!(a.label, "3");
    assert!(verse.text[a.at()..].starts_with("Light for the living"));
}

#[test]
fn empty_definition_takes_the_poem_below_it() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    assert_eq!(
        note_text(&doc, "4"),
        Some("“Whistle on the water, / Call the old man’s daughter.”")
    );
    assert!(doc.blocks.iter().all(|b| !b.text.contains("Whistle")));
}

#[test]
fn empty_definition_without_a_poem_has_no_text() {
    let doc = open(b"Text.[1][2]\n\n[1]\n\n[2] Two.\n");
    assert_eq!(doc.notes[0].text, None);
    assert_eq!(doc.notes[1].text.as_deref(), Some("Two."));
}

#[test]
fn anchor_without_definition_gets_an_empty_note() {
    let doc = open(b"Claim.[1] Another.[2]\n\n[1] Only one survived.\n");
    assert_eq!(note_labels(&doc), ["1", "2"]);
    assert_eq!(doc.notes[1].text, None);
    assert_eq!(doc.notes[1].refs[..], [0]);
}

#[test]
fn notes_without_anchor_are_kept() {
    let doc = open(b"No markers here.\n\n[1] An orphan note.\n");
    assert_eq!(doc.notes.len(), 1);
    assert!(doc.notes[0].refs.is_empty());
}

#[test]
fn duplicate_definitions_keep_the_first_and_say_so() {
    let doc = open(b"A.[1]\n\n[1] First.\n\n[1] Second.\n");
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].text.as_deref(), Some("First."));
    assert_eq!(doc.notices.len(), 1);
    assert!(doc.notices[0].contains("[1]"), "{:?}", doc.notices);
}

#[test]
fn notes_are_ordered_by_number() {
    let doc = open(b"A.[10] B.[2] C.[1]\n\n[10] Ten.\n\n[2] Two.\n\n[1] One.\n");
    assert_eq!(note_labels(&doc), ["1", "2", "10"]);
    for b in &doc.blocks {
        for a in &b.anchors {
            assert_eq!(doc.notes[a.note()].label, a.label);
        }
    }
}

#[test]
fn year_bracket_far_past_the_notes_is_text() {
    let doc = open(b"In [2003] the port closed.[1]\n\n[1] Harbour records.\n");
    assert_eq!(anchor_labels(&doc), ["1"]);
    assert!(doc.blocks[0].text.starts_with("In [2003] the port"));
}

#[test]
fn definitions_listed_without_blank_lines() {
    let doc = open(b"A.[1] B.[2]\n\n[1] One,\ncontinued.\n[2] Two.\n");
    assert_eq!(note_text(&doc, "1"), Some("One, continued."));
    assert_eq!(note_text(&doc, "2"), Some("Two."));
}
