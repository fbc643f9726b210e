//! Header lines of a dispatch become metadata and never show up as body text.

use sidenote::document::{load, Document};

fn open(bytes: &[u8]) -> Document {
    load(bytes).expect("fixture is text")
}

fn body_contains(doc: &Document, needle: &str) -> bool {
    doc.blocks.iter().any(|b| b.text.contains(needle))
}

#[test]
fn dispatch_header_fields() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Velmora Port Authority Reopens Talks With The Ostrava Coast League")
    );
    assert_eq!(m.date.as_deref(), Some("2031-03-03"));
    assert_eq!(m.date_text.as_deref(), Some("March 3, 2031"));
    assert_eq!(m.series.as_deref(), Some("Special Dispatch"));
    assert_eq!(m.number.as_deref(), Some("512"));
    assert_eq!(m.topics, vec!["Velmora"]);
    assert!(m.authors.is_empty());
}

#[test]
fn header_lines_are_not_paragraphs() {
    let doc = open(include_bytes!("fixtures/dispatch-harbour.txt"));
    assert!(doc.blocks[0].text.starts_with("On February 20, 2031"));
    assert!(!body_contains(&doc, "Special Dispatch No. 512"));
    assert!(!body_contains(&doc, "Reopens Talks"));
}

#[test]
fn byline_header_gives_authors_topics_and_series() {
    let doc = open(include_bytes!("fixtures/inquiry-byline.txt"));
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("The Lighthouse Ledger: How The Ostrava Coast Counts Its Ships")
    );
    assert_eq!(m.series.as_deref(), Some("Inquiry & Analysis Series"));
    assert_eq!(m.number.as_deref(), Some("77"));
    assert_eq!(m.date.as_deref(), Some("2030-12-02"));
    assert_eq!(m.topics, vec!["Ostrava Coast", "Velmora"]);
    assert_eq!(
        m.authors,
        vec!["Jorunn Quill", "Tomas Ferreira-Amsel", "Pell Oduya"],
        "split on commas and 'and', author-note asterisk dropped"
    );
    assert!(!body_contains(&doc, "By Jorunn"));
    assert_eq!(doc.blocks[0].text, "Introduction");
}

#[test]
fn series_line_without_topic() {
    let doc = open(include_bytes!("fixtures/series-no-topic.txt"));
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Ferry Strike Ends After Nine Days")
    );
    assert_eq!(m.series.as_deref(), Some("Special Dispatch"));
    assert_eq!(m.number.as_deref(), Some("3090"));
    assert_eq!(m.date.as_deref(), Some("2029-09-09"));
    assert!(m.topics.is_empty());
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn other_series_names_and_several_topics() {
    let text = "July 4, 2032 Special Announcements No. 938\n\nWeekly Digest\n\nJuly 4, 2032\nVelmora | Karst Islands, Ostrava Coast | Special Announcements No. 938\n\nFirst item.\n";
    let doc = open(text.as_bytes());
    assert_eq!(doc.meta.series.as_deref(), Some("Special Announcements"));
    assert_eq!(doc.meta.number.as_deref(), Some("938"));
    assert_eq!(
        doc.meta.topics,
        vec!["Velmora", "Karst Islands", "Ostrava Coast"]
    );
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn unreal_date_keeps_text_but_no_iso() {
    let doc = open(b"February 30, 2031 Special Dispatch No. 1\n\nTitle\n\nBody.\n");
    assert_eq!(doc.meta.date_text.as_deref(), Some("February 30, 2031"));
    assert_eq!(doc.meta.date, None);
}

#[test]
fn gutenberg_preamble_gives_title_and_author() {
    let doc = open(include_bytes!("fixtures/book-inline-notes.txt"));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Tales of the Karst Islands")
    );
    assert_eq!(doc.meta.authors, vec!["Orla Venn"]);
    assert_eq!(doc.meta.series, None);
}

#[test]
fn file_without_header_has_no_title() {
    let doc = open(include_bytes!("fixtures/essay-figures.txt"));
    assert_eq!(doc.meta, Default::default());
    // The short first line stays readable as a paragraph.
    assert_eq!(doc.blocks[0].text, "About This Site");
}
