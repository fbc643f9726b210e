//! Expected models for Markdown: GFM footnotes, the block shapes, front matter and
//! detection. Every fixture is a fictional document written for this project.

use sidenote::document::format::{by_name, load_with};
use sidenote::document::{BlockKind, Document, RunStyle};

fn md(bytes: &[u8]) -> Document {
    load_with(bytes, None, Some("fixture.md")).expect("markdown input")
}

/// (kind, text) of every block.
fn blocks(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect()
}

/// (label, paragraphs, refs) of every note, in model order.
fn notes(doc: &Document) -> Vec<(&str, Vec<&str>, Vec<usize>)> {
    doc.notes
        .iter()
        .map(|n| (n.label.as_str(), n.paragraphs(), n.refs.blocks().collect()))
        .collect()
}

/// (label, at, label of the note it binds to) of every anchor of block `b`.
fn anchors(doc: &Document, b: usize) -> Vec<(&str, usize, &str)> {
    doc.blocks[b]
        .anchors
        .iter()
        .map(|a| (a.label.as_str(), a.at(), doc.notes[a.note()].label.as_str()))
        .collect()
}

#[test]
fn footnotes_bind_case_insensitively_from_definitions_anywhere() {
    let src = include_bytes!("fixtures/md-footnotes.md");
    let doc = md(src);
    assert_eq!(doc.format, "markdown");
    assert_eq!(doc.meta.title.as_deref(), Some("The Ferry Timetable"));
    assert_eq!(doc.meta.title_src, Some(0));
    assert_eq!(
        blocks(&doc),
        [
            (
                BlockKind::Paragraph,
                "The winter timetable starts on Monday. Two crossings were cut and one was \
                 moved to the evening. A clerk wrote [^1] on the board. The harbour master \
                 gave no reason.[^gone]"
            ),
            (
                BlockKind::Paragraph,
                "Boats will call at Orun pier on Fridays only."
            ),
            (BlockKind::Preformatted, "quote [^1] inside code"),
        ]
    );
    // `[^Late]` cites `[^late]:`; `[^gone]` has no definition and stays text.
    assert_eq!(
        anchors(&doc, 0),
        [
            ("1", 38, "1"),
            ("cuts", 61, "cuts"),
            // `was [^Late] moved`: the space before the reference goes with it.
            ("late", 73, "late"),
            ("late", 95, "late")
        ]
    );
    assert_eq!(anchors(&doc, 1), [("1", 45, "1")]);
    assert_eq!(
        notes(&doc),
        [
            (
                "1",
                vec![
                    "Timetable posted at the ferry office.",
                    "The posted copy was torn the next morning.",
                    "A new copy went up by noon."
                ],
                vec![0, 1]
            ),
            (
                "cuts",
                vec!["Karst Ferry Company, notice of November 3."],
                vec![0]
            ),
            ("late", vec!["Harbour master, interview."], vec![0]),
            // Defined, cited nowhere: still a note.
            ("spare", vec!["A note nobody cites."], vec![]),
        ]
    );
    assert!(doc.notes.iter().all(|n| n.defined));
    assert_eq!(doc.scopes.len(), 1);
    // Source spans are byte ranges of the input.
    let text = std::str::from_utf8(src).expect("utf-8");
    let b1 = &doc.blocks[1];
    assert!(text[b1.src..b1.src + b1.src_len as usize].starts_with("Boats will call"));
    let one = &doc.notes[0];
    let span = &text[one.src.get().expect("defined")..][..one.src_len as usize];
    assert!(span.starts_with("[^1]: Timetable") && span.trim_end().ends_with("by noon."));
}

#[test]
fn blocks_runs_captions_and_front_matter() {
    let doc = md(include_bytes!("fixtures/md-blocks.md"));
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("Lamps Relit On The Karst Quay"));
    assert_eq!(m.title_src, Some(4));
    assert_eq!(m.date.as_deref(), Some("2032-06-01"));
    assert_eq!(m.date_text.as_deref(), Some("2032-06-01"));
    assert_eq!(m.authors, ["A. Quill", "B. O'Marsh"]);
    assert_eq!(m.series.as_deref(), Some("Harbour Notes"));
    assert_eq!(
        blocks(&doc),
        [
            (BlockKind::Heading, "Evening"),
            (
                BlockKind::Paragraph,
                "The lamps were relit on Saturday at 19:00, said the board."
            ),
            (BlockKind::Paragraph, "• first lamp"),
            (BlockKind::Paragraph, "• second lamp"),
            (BlockKind::Paragraph, "◦ its spare"),
            (BlockKind::Paragraph, "1. north quay"),
            (BlockKind::Paragraph, "2. south quay"),
            (BlockKind::Verse, "The tide comes in,\nthe tide goes out."),
            (BlockKind::Preformatted, "col  one\n        tabbed"),
            (BlockKind::Caption, "The relit lamps"),
            (BlockKind::Caption, "Quay at dusk The quay at dusk."),
            (BlockKind::Paragraph, "Text with an icon inside."),
        ]
    );
    let runs: Vec<(&str, &RunStyle)> = doc.blocks[1]
        .runs
        .iter()
        .map(|r| (&doc.blocks[1].text[r.start..r.end], &r.style))
        .collect();
    assert_eq!(
        runs,
        [
            ("relit", &RunStyle::Emphasis),
            ("Saturday", &RunStyle::Strong),
            ("19:00", &RunStyle::Code),
            (
                "the board",
                &RunStyle::Link {
                    url: "https://karst.example/board".into()
                }
            ),
        ]
    );
    let cap = &doc.blocks[10];
    assert_eq!(
        &cap.text[cap.runs[0].start..cap.runs[0].end],
        "The quay at dusk."
    );
    assert!(doc.notes.is_empty());
    // Body blocks in source order.
    assert!(doc.blocks.windows(2).all(|w| w[0].src < w[1].src));
}

#[test]
fn footnotes_in_quotes_lists_and_references_inside_notes() {
    let src = b"> Quoted claim.[^q]\n>\n> [^q]: Said in a quote.\n\n- item one[^i]\n\n[^i]: First line.\n    Continued lazily.\n\n    > quoted inside[^q]\n";
    let doc = md(src);
    assert_eq!(
        blocks(&doc),
        [
            (BlockKind::Verse, "Quoted claim."),
            (BlockKind::Paragraph, "• item one")
        ]
    );
    assert_eq!(anchors(&doc, 0), [("q", 13, "q")]);
    assert_eq!(anchors(&doc, 1), [("i", "• item one".len(), "i")]);
    assert_eq!(
        notes(&doc),
        [
            (
                "i",
                vec!["First line. Continued lazily.", "quoted inside[^q]"],
                vec![1]
            ),
            ("q", vec!["Said in a quote."], vec![0]),
        ]
    );
}

#[test]
fn duplicate_definitions_keep_the_first_as_gfm_does() {
    let doc = md(b"A[^1] b.\n\n[^1]: first\n\nMore[^1].\n\n[^1]: second\n");
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].paragraphs(), ["first"]);
    assert_eq!(doc.notes[0].refs[..], [0, 1]);
    assert!(doc.notices.iter().any(|n| n.contains("more than once")));
}

#[test]
fn an_empty_definition_is_a_note_without_text() {
    let doc = md(b"Cited.[^e]\n\n[^e]:\n");
    assert_eq!(doc.notes.len(), 1);
    assert!(doc.notes[0].defined && doc.notes[0].text.is_none());
}

#[test]
fn detection_by_extension_and_by_content() {
    let text = include_bytes!("fixtures/md-footnotes.md");
    let named = |name: &str| load_with(text, None, Some(name)).expect("input").format;
    assert_eq!(named("a.md"), "markdown");
    assert_eq!(named("a.MARKDOWN"), "markdown");
    assert_eq!(named("a.txt"), "text");
    // A pipe: `[^1]:` definitions and headings are enough.
    assert_eq!(
        load_with(text, None, None).expect("input").format,
        "markdown"
    );
    let fm = b"---\ntitle: Piped\n---\nBody.\n";
    assert_eq!(load_with(fm, None, None).expect("input").format, "markdown");
    // Plain text stays the fallback.
    let plain = b"A dispatch.[1]\n\n[1] A note.\n";
    assert_eq!(load_with(plain, None, None).expect("input").format, "text");
    // `--format markdown` forces it.
    let forced = load_with(plain, by_name("markdown"), Some("a.txt")).expect("input");
    assert_eq!(forced.format, "markdown");
}

#[test]
fn offsets_count_input_bytes_with_a_bom_and_crlf() {
    let doc = md(b"\xEF\xBB\xBFPara one.[^1]\r\n\r\n[^1]: Note.\r\n");
    assert_eq!(doc.blocks[0].src, 3);
    assert_eq!(doc.notes[0].src, Some(20));
    assert_eq!(doc.blocks[0].text, "Para one.");
}

#[test]
fn controls_in_markdown_are_made_visible() {
    let doc = md(b"Red \x1b[31m text.[^1]\n\n[^1]: Bell \x07 here.\n");
    assert_eq!(doc.blocks[0].text, "Red \u{241b}[31m text.");
    assert_eq!(doc.notes[0].paragraphs(), ["Bell \u{2407} here."]);
}

#[test]
fn tight_and_loose_lists_give_one_block_per_item_with_their_numbers() {
    let md = "3. third\n4. fourth\n\ntext\n\n- tight one\n- tight two\n\n\
              para\n\n- loose one\n\n  its second paragraph\n\n- loose two\n";
    let doc = load_with(md.as_bytes(), by_name("markdown"), None).expect("markdown");
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "3. third",
            "4. fourth",
            "text",
            "• tight one",
            "• tight two",
            "para",
            "• loose one",
            "its second paragraph",
            "• loose two",
        ]
    );
}
