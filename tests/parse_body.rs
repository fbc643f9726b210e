//! Body blocks: paragraphs, captions, headings, verse, and dropped page boilerplate.

use sidenote::document::{load, BlockKind, Document};

fn open(bytes: &[u8]) -> Document {
    load(bytes).expect("fixture is text")
}

fn kinds(doc: &Document) -> Vec<BlockKind> {
    doc.blocks.iter().map(|b| b.kind).collect()
}

fn count(doc: &Document, kind: BlockKind) -> usize {
    doc.blocks.iter().filter(|b| b.kind == kind).count()
}

#[test]
fn dispatch_has_five_paragraphs_and_three_captions() {
    use BlockKind::{Caption as C, Paragraph as P};
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert_eq!(kinds(&doc), [P, P, C, P, C, P, C, P]);
    assert!(doc.blocks[2].text.starts_with("A screenshot from"));
    assert!(doc.blocks[4].text.contains("poses for a photo"));
    assert!(doc.blocks[6].text.contains("(Source: Port Authority"));
}

#[test]
fn hard_wrapped_lines_join_with_one_space() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert!(doc.blocks[5]
        .text
        .contains("\"the reopening of the lighthouse channels and the end of the toll dispute,\" and predicted further growth."));
    let doc = open(b"one\ntwo\n  three  \n\nfour\n");
    assert_eq!(doc.blocks[0].text, "one two three");
    assert_eq!(doc.blocks[1].text, "four");
}

#[test]
fn share_this_report_and_everything_after_is_dropped() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert!(doc
        .blocks
        .iter()
        .all(|b| !b.text.contains("Share this Report")));
    assert!(doc.blocks.iter().all(|b| !b.text.contains("Facebook")));
    assert!(doc
        .notes
        .iter()
        .all(|n| !n.text.as_deref().unwrap_or("").contains("Facebook")));
}

#[test]
fn figure_paragraphs_are_captions() {
    let doc = open(include_bytes!("fixtures/essay-figures.txt"));
    let captions: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(captions.len(), 2);
    assert!(captions[0].starts_with("Figure 1: A page of the 1871 ledger"));
    assert!(captions[1].starts_with("Figure 2:"));
}

#[test]
fn word_export_indent_of_no_break_spaces_is_trimmed() {
    let doc = open(include_bytes!("fixtures/essay-figures.txt"));
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.text.starts_with("Seen this way")));
}

#[test]
fn notes_label_above_the_list_is_not_a_paragraph() {
    let doc = open(include_bytes!("fixtures/essay-figures.txt"));
    assert!(doc.blocks.iter().all(|b| b.text != "Notes:"));
    assert_eq!(
        doc.blocks.last().map(|b| b.text.as_str()),
        Some("Tansk, Mira. The Lamps of Orvel. Velmora: Quay Press, 2024.")
    );
}

#[test]
fn illustrations_become_captions_without_the_wrapper() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    let captions: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        captions,
        [
            "THE KARST LIGHT SEEN FROM THE SOUTH QUAY.",
            "The Old Net Loft.",
            "The Harbour Steps, 1871. From a drawing by the late Mr. Ewan Dorr.",
        ]
    );
}

#[test]
fn indented_lines_are_verse_with_line_breaks_kept() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    let verse: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Verse)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        verse,
        ["“Lamp in the window, salt on the sill,\nKeep the sea quiet and the boats still;\nLight for the living, bread for the dead,\n  And a stone for the wind at the foot of the bed.”"]
    );
}

#[test]
fn all_caps_lines_are_headings_mixed_case_are_not() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert!(headings.contains(&"TALES OF THE KARST ISLANDS."));
    assert!(headings.contains(&"CHAPTER I."));
    let essay = open(include_bytes!("fixtures/essay-figures.txt"));
    assert_eq!(
        count(&essay, BlockKind::Heading),
        0,
        "'Abstract' stays a paragraph"
    );
}

#[test]
fn ebook_number_bracket_stays_text() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    assert!(doc.blocks[1].text.ends_with("whatsoever. [EBook #9031]"));
    assert!(doc.blocks[1].anchors.is_empty());
}

#[test]
fn rfc_style_indented_body_is_prose_and_deeper_lines_are_verse() {
    let text = "Title Line\n\n   The protocol is simple and\n   stateless [2].\n\n   It has two parts:\n\n      request = method SP uri\n      method  = token\n\n   [1] First reference, RFC 1,\n       1990.\n\n   [2] Second reference.\n";
    let doc = open(text.as_bytes());
    assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
    assert_eq!(doc.blocks[1].text, "The protocol is simple and stateless.");
    assert_eq!(doc.blocks[3].kind, BlockKind::Verse);
    assert_eq!(
        doc.blocks[3].text,
        "request = method SP uri\nmethod  = token"
    );
    assert_eq!(doc.notes.len(), 2);
    assert_eq!(
        doc.notes[0].text.as_deref(),
        Some("First reference, RFC 1, 1990.")
    );
}

#[test]
fn any_readable_text_opens_as_paragraphs() {
    let doc = open("Just some words.\n\nAnd a second thought, with ünïcödé.".as_bytes());
    assert_eq!(kinds(&doc), [BlockKind::Paragraph, BlockKind::Paragraph]);
    assert!(doc.notes.is_empty());
}
