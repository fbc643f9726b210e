//! Expected models for the note and block shapes real documents have (issue: model v2).
//! Every fixture is a fictional document written for this project.

use sidenote::document::{load, BlockKind, Document, NoteKind};

fn open(bytes: &[u8]) -> Document {
    load(bytes).expect("text input")
}

/// (scope, label, text) of every note, in model order.
fn notes(doc: &Document) -> Vec<(usize, String, Option<String>)> {
    doc.notes
        .iter()
        .map(|n| {
            (
                n.scope as usize,
                n.label.to_string(),
                n.text.as_deref().map(String::from),
            )
        })
        .collect()
}

/// For every anchor in reading order: its label and the start of its note's text.
fn bindings(doc: &Document) -> Vec<(String, String)> {
    doc.blocks
        .iter()
        .flat_map(|b| &b.anchors)
        .map(|a| {
            let text = doc.notes[a.note()].text.clone().unwrap_or_default();
            (a.label.to_string(), text.chars().take(12).collect())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

#[test]
fn numbering_that_restarts_per_letter_makes_scopes() {
    let doc = open(include_bytes!("fixtures/book-restarting-notes.txt"));
    assert_eq!(doc.scopes.len(), 2);
    assert_eq!(doc.scopes[0].name, "LETTER I.");
    assert_eq!(doc.scopes[1].name, "LETTER II.");
    assert_eq!(
        bindings(&doc),
        pairs(&[
            ("1", "The almanac "),
            ("2", "The image is"),
            ("1", "Peat from th"),
            ("2", "The ledger i"),
            // Cited again after its definition, in the same letter: the same note.
            ("1", "Peat from th"),
        ])
    );
    let got = notes(&doc);
    assert_eq!(got.len(), 4);
    assert_eq!((got[2].0, got[2].1.as_str()), (1, "1"));
    // The in-place footnotes are notes, not body text.
    assert!(doc.blocks.iter().all(|b| !b.text.contains("Footnote")));
    // A footnote of two paragraphs keeps both.
    let two = &doc.notes[1];
    assert_eq!(two.paragraphs().len(), 2);
    assert!(two.paragraphs()[1].starts_with("The first printing"));
    // `12 Enter`-style lookups go by scope.
    assert_eq!(doc.note_index(1, "2"), Some(3));
    assert_eq!(doc.note_name(3), "2 (LETTER II.)");
}

#[test]
fn an_endnote_over_several_paragraphs_keeps_them_all() {
    let doc = open(include_bytes!("fixtures/endnotes-multi-paragraph.txt"));
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts.len(),
        2,
        "no note paragraph became body text: {texts:?}"
    );
    assert_eq!(doc.notes.len(), 3);
    let two = doc.notes[1].paragraphs();
    assert_eq!(two.len(), 3);
    assert!(two[1].starts_with("The statement was later withdrawn"));
    assert!(two[2].starts_with("A third version"));
    assert_eq!(
        doc.notes[1]
            .text
            .as_deref()
            .map(|t| t.matches("\n\n").count()),
        Some(2),
        "--json text: paragraphs joined by a blank line"
    );
    assert_eq!(
        doc.notes[2].text.as_deref(),
        Some("Ledger of the Oil Exchange, weekly prices, January to March 2031.")
    );
}

#[test]
fn zero_padded_labels_bind_as_written() {
    let doc = open(include_bytes!("fixtures/zero-padded.txt"));
    assert_eq!(
        bindings(&doc),
        pairs(&[("01", "Survey of th"), ("02", "Field book o"), ("1", "")])
    );
    let one = doc.note_index(0, "1").expect("[1] is cited");
    assert!(!doc.notes[one].defined, "cited, never defined");
    assert!(doc.notes[doc.note_index(0, "01").expect("01")].defined);
}

#[test]
fn bracketed_values_stay_text() {
    let doc = open(include_bytes!("fixtures/bracketed-values.txt"));
    let labels: Vec<&str> = doc
        .blocks
        .iter()
        .flat_map(|b| &b.anchors)
        .map(|a| a.label.as_str())
        .collect();
    assert_eq!(labels, ["1", "2", "3"]);
    let body = &doc.blocks[0].text;
    for value in ["[1998]", "[2003]", "[2011]", "[40]"] {
        assert!(body.contains(value), "{value} kept as text in {body:?}");
    }
    let table = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Preformatted)
        .expect("the table is preformatted");
    assert!(table.text.contains("[4]       Quay") && table.anchors.is_empty());
}

#[test]
fn layout_blocks_are_preformatted_exactly_as_written() {
    let doc = open(include_bytes!("fixtures/rfc-shaped.txt"));
    let kinds: Vec<(BlockKind, String)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.lines().next().unwrap_or("").to_owned()))
        .collect();
    let pre: Vec<&str> = kinds
        .iter()
        .filter(|(k, _)| *k == BlockKind::Preformatted)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        pre,
        [
            "Lantern Working Group                                        T. Varga",
            "1 Introduction ................................................. 2",
            "Colour    Meaning        Since",
        ]
    );
    let header = &doc.blocks[0].text;
    assert_eq!(header.lines().count(), 3, "one row per line: {header:?}");
    // The address block keeps its line breaks (short lines, not a paragraph).
    let address = doc.blocks.last().expect("address");
    assert_eq!(address.kind, BlockKind::Verse);
    assert_eq!(
        address.text,
        "T. Varga\nLantern Hall, Quay Street\nVelmora 4410"
    );
    // Prose stays prose.
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Paragraph && b.text.starts_with("Lanterns on the quay")));
}

#[test]
fn latin1_is_decoded_and_named() {
    let doc = open(include_bytes!("fixtures/latin1-gazette.txt"));
    assert_eq!(doc.encoding, "windows-1252");
    assert!(doc.notices[0].contains("windows-1252"));
    let all: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(all.contains("Le café du port a rouvert, « enfin », dit le maître."));
    assert!(!all.contains('\u{FFFD}'));
    assert_eq!(
        doc.notes[0].text.as_deref(),
        Some("Gazette, édition du soir.")
    );
}

#[test]
fn author_asterisk_note_and_image_captions() {
    let doc = open(include_bytes!("fixtures/byline-author-note.txt"));
    assert_eq!(doc.meta.authors, ["J. Quill"]);
    let author = doc
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::Author)
        .expect("author note");
    assert_eq!(author.label, "*");
    assert_eq!(
        author.text.as_deref(),
        Some("J. Quill is a fellow of the Harbour Institute.")
    );
    assert!(doc.blocks.iter().all(|b| !b.text.starts_with("*J. Quill")));
    let captions: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        captions,
        [
            "The northern ferry has not sailed since October. (Photo: Ledger archive) The island council met on the quay.",
            "Passengers wait at the Ostra pier (Image: Velmora Herald)",
            "Photo: the ferry Anselm at her moorings.",
            "Source: Port Authority of Velmora, 2030.",
        ]
    );
    assert_eq!(
        doc.notes
            .iter()
            .filter(|n| n.kind == NoteKind::Note)
            .count(),
        2
    );
}

#[test]
fn gutenberg_italics_are_emphasis_runs() {
    let doc = open(b"She read _The Lamps of Orvel_ twice.\n");
    let b = &doc.blocks[0];
    assert_eq!(b.text, "She read The Lamps of Orvel twice.");
    assert_eq!(b.runs.len(), 1);
    assert_eq!(
        &b.text[b.runs[0].start..b.runs[0].end],
        "The Lamps of Orvel"
    );
}

#[test]
fn every_block_and_note_knows_its_place_in_the_source() {
    let bytes = include_bytes!("fixtures/book-restarting-notes.txt");
    let doc = open(bytes);
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    for b in &doc.blocks {
        let first_line = text[b.src..].lines().next().unwrap_or("").trim();
        let first_word = b.text.split_whitespace().next().unwrap_or("");
        assert!(
            first_line.starts_with(first_word),
            "block at {} starts {first_line:?}, text {:?}",
            b.src,
            b.text
        );
    }
    for n in &doc.notes {
        let src = n.src.get().expect("defined");
        assert!(
            text[src..].starts_with("[Footnote"),
            "{:?}",
            &text[src..src + 20]
        );
    }
    assert_eq!(doc.source_len, bytes.len());
}

#[test]
fn the_notes_section_groups_notes_under_their_scope() {
    let doc = open(include_bytes!("fixtures/book-restarting-notes.txt"));
    let mut out = Vec::new();
    sidenote::dump::dump(&doc, 70, &mut out).expect("dump");
    let text = String::from_utf8(out).expect("UTF-8");
    let notes = &text[text.find("\nNotes\n").expect("notes heading")..];
    let lines: Vec<&str> = notes.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines[1], "LETTER I.");
    assert!(lines[2].starts_with("[1] The almanac"));
    let second = lines
        .iter()
        .position(|l| *l == "LETTER II.")
        .expect("scope 2");
    assert!(lines[second + 1].starts_with("[1] Peat"));
    // No row of a multi-paragraph note is only spaces.
    assert!(notes.lines().all(|l| l.is_empty() || !l.trim().is_empty()));
}
