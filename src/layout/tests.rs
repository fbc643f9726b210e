//! Layout of hand-built documents (no parser involved).

use super::*;
use crate::document::{Anchor, Block, BlockKind, Meta, Note, Part};
use std::rc::Rc;

fn anchor(label: &str, at: usize) -> Anchor {
    Anchor {
        label: label.into(),
        at: at as u32,
        note: 0,
    }
}

fn block(kind: BlockKind, text: &str, anchors: Vec<Anchor>) -> Block {
    Block {
        kind,
        text: text.into(),
        anchors: anchors.into(),
        ..Block::default()
    }
}

fn note(label: &str, text: Option<&str>) -> Note {
    Note {
        label: label.into(),
        text: text.map(Into::into),
        refs: vec![0].into(),
        ..Note::default()
    }
}

fn doc(blocks: Vec<Block>, notes: Vec<Note>) -> Document {
    let meta = Meta {
        title: Some("The Harbour Ledger".into()),
        date_text: Some("March 3, 2031".into()),
        series: Some("Field Notes".into()),
        number: Some("42".into()),
        ..Meta::default()
    };
    Document {
        meta,
        blocks,
        notes,
        notices: Vec::new(),
        ..Document::default()
    }
}

fn one_block(kind: BlockKind, text: &str, anchors: Vec<Anchor>) -> Document {
    doc(vec![block(kind, text, anchors)], Vec::new())
}

/// The text of each row as shown, with `indent` spaces in front (Blank/Rule as markers).
fn shown(l: &UnitLayout) -> Vec<String> {
    l.rows
        .iter()
        .map(|r| match r.kind {
            RowKind::Text => format!(
                "{}{}",
                " ".repeat(r.indent.into()),
                &l.display[r.range.clone()]
            ),
            RowKind::Blank => "<blank>".into(),
            RowKind::Rule => "<rule>".into(),
        })
        .collect()
}

fn text_rows(l: &UnitLayout) -> Vec<&Row> {
    l.rows.iter().filter(|r| r.kind == RowKind::Text).collect()
}

#[test]
fn paragraph_wraps_at_width_and_ends_with_a_blank_row() {
    let d = one_block(
        BlockKind::Paragraph,
        "The ferry left at dawn with nine crates of salt.",
        vec![],
    );
    let l = layout_unit(&d, 2, 20);
    assert_eq!(l.style, UnitStyle::Paragraph);
    assert_eq!(
        shown(&l),
        [
            "The ferry left at",
            "dawn with nine",
            "crates of salt.",
            "<blank>"
        ]
    );
}

#[test]
fn anchors_are_inserted_and_marked() {
    let d = one_block(
        BlockKind::Paragraph,
        "Salt rose sharply that year.",
        vec![anchor("1", 17)],
    );
    let l = layout_unit(&d, 2, 80);
    assert_eq!(l.display, "Salt rose sharply[1] that year.");
    assert_eq!(
        l.marks,
        [Mark {
            range: 17..20,
            kind: MarkKind::Anchor(0)
        }]
    );
}

#[test]
fn anchors_at_one_offset_form_a_run_in_document_order() {
    let text = "The mayor denied it. Later he resigned.";
    let d = one_block(
        BlockKind::Paragraph,
        text,
        vec![anchor("3", 20), anchor("4", 20), anchor("5", text.len())],
    );
    let l = layout_unit(&d, 2, 80);
    assert_eq!(
        l.display,
        "The mayor denied it.[3][4] Later he resigned.[5]"
    );
    let kinds: Vec<_> = l
        .marks
        .iter()
        .map(|m| (&l.display[m.range.clone()], m.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("[3]", MarkKind::Anchor(0)),
            ("[4]", MarkKind::Anchor(1)),
            ("[5]", MarkKind::Anchor(2))
        ]
    );
}

#[test]
fn anchors_out_of_order_keep_their_own_index() {
    let d = one_block(
        BlockKind::Paragraph,
        "ab cd",
        vec![anchor("9", 5), anchor("8", 2)],
    );
    let l = layout_unit(&d, 2, 80);
    assert_eq!(l.display, "ab[8] cd[9]");
    assert_eq!(l.marks[0].kind, MarkKind::Anchor(1));
    assert_eq!(l.marks[1].kind, MarkKind::Anchor(0));
}

#[test]
fn bad_anchor_offsets_do_not_panic() {
    let d = one_block(
        BlockKind::Paragraph,
        "né",
        vec![anchor("1", 2), anchor("2", 99)],
    );
    let l = layout_unit(&d, 2, 80);
    assert_eq!(l.display, "n[1]é[2]");
}

#[test]
fn offsets_map_both_ways_around_markers() {
    let text = "The mayor denied it. Later he resigned.";
    let d = one_block(
        BlockKind::Paragraph,
        text,
        vec![anchor("3", 20), anchor("4", 20), anchor("5", text.len())],
    );
    let l = layout_unit(&d, 2, 80);
    // A model position where markers stand is shown before them.
    assert_eq!(l.display_offset(20), 20);
    assert_eq!(l.display_offset(21), 27);
    assert_eq!(l.display_offset(text.len()), text.len() + 6);
    // Inside a marker: the marker's position.
    for d in 20..26 {
        assert_eq!(l.model_offset(d), 20, "display byte {d}");
    }
    assert_eq!(l.model_offset(l.display.len()), text.len());
    for m in 0..=text.len() {
        assert_eq!(l.model_offset(l.display_offset(m)), m);
        if m < text.len() && m != 20 {
            assert_eq!(
                l.display.as_bytes()[l.display_offset(m)],
                text.as_bytes()[m]
            );
        }
    }
}

#[test]
fn note_has_label_prefix_and_hanging_indent() {
    let d = doc(
        vec![block(
            BlockKind::Paragraph,
            "See below.",
            vec![anchor("7", 10)],
        )],
        vec![note(
            "7",
            Some("Harbour records, volume two, pages nine to twelve."),
        )],
    );
    let unit = d.unit_of(Part::Note(0));
    let l = layout_unit(&d, unit, 24);
    assert_eq!(
        l.style,
        UnitStyle::Note {
            index: 0,
            missing: false
        }
    );
    assert_eq!(
        l.marks,
        [Mark {
            range: 0..3,
            kind: MarkKind::NoteLabel
        }]
    );
    assert_eq!(
        shown(&l),
        [
            "[7] Harbour records,",
            "    volume two, pages",
            "    nine to twelve.",
            "<blank>"
        ]
    );
    assert_eq!(l.display_offset(0), 4);
    assert_eq!(l.model_offset(1), 0);
    assert_eq!(l.model_offset(l.display.len()), d.unit_text(unit).len());
}

#[test]
fn note_in_a_narrow_column_has_no_hanging_indent() {
    let d = doc(Vec::new(), vec![note("7", Some("one two three"))]);
    let l = layout_unit(&d, d.unit_of(Part::Note(0)), 8);
    assert_eq!(shown(&l), ["[7] one", "two", "three", "<blank>"]);
}

#[test]
fn missing_note_shows_a_marked_placeholder() {
    let d = doc(Vec::new(), vec![note("7", None)]);
    let unit = d.unit_of(Part::Note(0));
    let l = layout_unit(&d, unit, 80);
    assert_eq!(
        l.style,
        UnitStyle::Note {
            index: 0,
            missing: true
        }
    );
    assert_eq!(
        l.display,
        "[7] The text of note 7 is not in this copy of the document."
    );
    assert_eq!(
        l.marks,
        [
            Mark {
                range: 0..3,
                kind: MarkKind::NoteLabel
            },
            Mark {
                range: 4..l.display.len(),
                kind: MarkKind::Missing
            },
        ]
    );
    assert_eq!(l.row_of(0), 0);
    assert_eq!(l.model_offset(30), 0);
}

#[test]
fn caption_indent_shrinks_with_the_column() {
    let d = one_block(BlockKind::Caption, "(Source: harbour office)", vec![]);
    let indent = |w| text_rows(&layout_unit(&d, 2, w))[0].indent;
    assert_eq!(
        (indent(40), indent(24), indent(23), indent(10), indent(9)),
        (4, 4, 2, 2, 0)
    );
    for w in [9, 10, 23, 24, 40] {
        let l = layout_unit(&d, 2, w);
        for r in text_rows(&l) {
            assert!(usize::from(r.indent) + display_width(&l.display[r.range.clone()]) <= w.into());
        }
    }
}

#[test]
fn verse_keeps_its_line_breaks_and_indent() {
    let d = one_block(
        BlockKind::Verse,
        "The tide comes in\nthe tide goes out\n\nand no one asks",
        vec![],
    );
    let l = layout_unit(&d, 2, 30);
    assert_eq!(
        shown(&l),
        [
            "    The tide comes in",
            "    the tide goes out",
            "    ",
            "    and no one asks",
            "<blank>"
        ]
    );
    let l = layout_unit(&d, 2, 14);
    assert_eq!(
        shown(&l),
        [
            "  The tide",
            "  comes in",
            "  the tide",
            "  goes out",
            "  ",
            "  and no one",
            "  asks",
            "<blank>"
        ]
    );
}

#[test]
fn title_meta_and_notes_heading_rows() {
    let d = doc(
        vec![block(BlockKind::Heading, "Part One", vec![])],
        vec![note("1", Some("x"))],
    );
    assert_eq!(shown(&layout_unit(&d, 0, 80)), ["The Harbour Ledger"]);
    assert_eq!(
        shown(&layout_unit(&d, 1, 80)),
        ["March 3, 2031 · Field Notes No. 42", "<rule>", "<blank>"]
    );
    assert_eq!(layout_unit(&d, 2, 80).style, UnitStyle::Heading);
    let heading = layout_unit(&d, d.unit_of(Part::NotesHeading), 80);
    assert_eq!(heading.style, UnitStyle::NotesHeading);
    assert_eq!(shown(&heading), ["<rule>", "Notes", "<blank>"]);
    assert_eq!(heading.row_of(0), 1);
    assert_eq!(heading.row_of(5), 1);
}

#[test]
fn empty_title_and_meta_take_no_space() {
    let d = Document::default();
    assert!(layout_unit(&d, 0, 80).rows.is_empty());
    assert!(layout_unit(&d, 1, 80).rows.is_empty());
    assert_eq!(layout_unit(&d, 1, 80).row_of(0), 0);
}

#[test]
fn row_of_finds_the_row_showing_a_position() {
    let text = "The ferry left at dawn with nine crates of salt.";
    let d = one_block(BlockKind::Paragraph, text, vec![anchor("2", 14)]);
    let l = layout_unit(&d, 2, 20);
    assert_eq!(
        shown(&l),
        [
            "The ferry left[2] at",
            "dawn with nine",
            "crates of salt.",
            "<blank>"
        ]
    );
    assert_eq!(l.row_of(0), 0);
    assert_eq!(l.row_of(14), 0);
    assert_eq!(l.row_of(text.find("dawn").unwrap_or(0)), 1);
    assert_eq!(l.row_of(text.find(" crates").unwrap_or(0)), 1);
    assert_eq!(l.row_of(text.find("crates").unwrap_or(0)), 2);
    assert_eq!(l.row_of(text.len()), 2);
    assert_eq!(l.row_of(text.len() + 100), 2);
}

#[test]
fn wide_and_combined_text_is_measured_by_grapheme() {
    let text = "東京の港は静かだった 👨\u{200D}👩\u{200D}👧 cafe\u{301} 🇳🇴";
    let d = one_block(BlockKind::Paragraph, text, vec![]);
    let l = layout_unit(&d, 2, 6);
    let rows: Vec<_> = text_rows(&l)
        .iter()
        .map(|r| &l.display[r.range.clone()])
        .collect();
    assert_eq!(
        rows,
        [
            "東京の",
            "港は静",
            "かだっ",
            "た 👨\u{200D}👩\u{200D}👧",
            "cafe\u{301}",
            "🇳🇴"
        ]
    );
}

#[test]
fn every_unit_lays_out_at_tiny_widths() {
    let d = doc(
        vec![
            block(BlockKind::Caption, "图 3: 港口", vec![anchor("12", 0)]),
            block(BlockKind::Verse, "a\n\nb", vec![]),
        ],
        vec![note("12", Some("长长的注释")), note("13", None)],
    );
    for w in 1..=4u16 {
        for unit in 0..d.unit_count() {
            let l = layout_unit(&d, unit, w);
            for r in &l.rows {
                let cols = usize::from(r.indent) + display_width(&l.display[r.range.clone()]);
                assert!(cols <= w.into(), "unit {unit} width {w}: {:?}", shown(&l));
            }
            let end = d.unit_text(unit).len();
            assert_eq!(l.rows[l.row_of(end)].kind, RowKind::Text);
        }
    }
}

#[test]
fn cache_reuses_layouts_until_the_width_changes() {
    let d = doc(
        vec![
            block(BlockKind::Paragraph, "one", vec![]),
            block(BlockKind::Paragraph, "two", vec![]),
        ],
        Vec::new(),
    );
    let mut cache = LayoutCache::new();
    assert_eq!(cache.laid_out(), 0);
    let a = cache.get(&d, 2, 40);
    assert_eq!(cache.laid_out(), 1);
    assert!(Rc::ptr_eq(&a, &cache.get(&d, 2, 40)));
    cache.get(&d, 3, 40);
    assert_eq!(cache.laid_out(), 2);
    let b = cache.get(&d, 2, 41);
    assert!(!Rc::ptr_eq(&a, &b));
    assert_eq!(b.width, 41);
    assert_eq!(cache.laid_out(), 1);
    assert_eq!(cache.get(&d, 3, 41).row_of(3), 0);
    assert_eq!(cache.laid_out(), 2);
}

fn notes_doc(notes: Vec<Note>) -> Document {
    doc(vec![block(BlockKind::Paragraph, "x", vec![])], notes)
}

#[test]
fn all_notes_share_one_hanging_indent() {
    let mut notes: Vec<Note> = (1..=100)
        .map(|n| note(&n.to_string(), Some("one two three four five six")))
        .collect();
    notes[0].text = Some("Harbour records, volume two.\n\nA second paragraph here.".into());
    let d = notes_doc(notes);
    let at = |n: usize, w: u16| shown(&layout_unit(&d, d.unit_of(Part::Note(n)), w));
    assert_eq!(
        at(0, 24),
        [
            "  [1] Harbour records,",
            "      volume two.",
            "      ",
            "      A second paragraph",
            "      here.",
            "<blank>"
        ]
    );
    assert_eq!(
        at(99, 24),
        ["[100] one two three four", "      five six", "<blank>"]
    );
    // Too narrow to hang: no padding and rows from the edge, as before.
    assert_eq!(at(0, 12)[0], "[1] Harbour");
    assert_eq!(at(99, 12)[..2], ["[100] one", "two three"]);
    // The label mark and the offsets follow the padding.
    let l = layout_unit(&d, d.unit_of(Part::Note(1)), 40);
    assert_eq!(l.marks[0].range, 2..5);
    assert_eq!(l.display_offset(0), 6);
    assert_eq!(l.model_offset(0), 0);
}

#[test]
fn a_run_of_missing_notes_is_told_once() {
    let mut notes = vec![note("1", Some("Present."))];
    notes.extend((2..=5).map(|n| note(&n.to_string(), None)));
    notes.push(note("6", Some("Present.")));
    notes.push(note("7", None));
    let mut undefined = note("8", None);
    undefined.defined = false;
    notes.push(undefined);
    let d = notes_doc(notes);
    let all: Vec<String> = (0..d.notes.len())
        .flat_map(|n| shown(&layout_unit(&d, d.unit_of(Part::Note(n)), 80)))
        .collect();
    assert_eq!(
        all,
        [
            "[1] Present.",
            "<blank>",
            "[2] The text of notes 2–5 is not in this copy of the document.",
            "[3] —",
            "[4] —",
            "[5] —",
            "<blank>",
            "[6] Present.",
            "<blank>",
            "[7] The text of note 7 is not in this copy of the document.",
            "<blank>",
            "[8] Note 8 is cited but not defined in this document.",
            "<blank>",
        ]
    );
    let l = layout_unit(&d, d.unit_of(Part::Note(2)), 80);
    assert_eq!(l.marks[1].kind, MarkKind::Missing);
    assert_eq!(&l.display[l.marks[1].range.clone()], "—");
    // On its own (the preview), a note in a run says it in full.
    let alone = layout_note_alone(&d, 2, 80);
    assert_eq!(
        alone.display,
        "[3] The text of note 3 is not in this copy of the document."
    );
}

#[test]
fn a_marker_never_starts_a_row() {
    let text = "the mayor denied it. Later he said “never” again and again";
    let at = text.find(" Later").unwrap_or(0);
    let q = text.find(" again").unwrap_or(0);
    let d = one_block(
        BlockKind::Paragraph,
        text,
        vec![anchor("3", at), anchor("4", at), anchor("15", q)],
    );
    for w in 10..=40 {
        let l = layout_unit(&d, 2, w);
        for r in text_rows(&l) {
            assert!(
                !l.display[r.range.clone()].starts_with('['),
                "width {w}: {:?}",
                shown(&l)
            );
        }
    }
    assert_eq!(
        shown(&layout_unit(&d, 2, 22))[..2],
        ["the mayor denied", "it.[3][4] Later he"]
    );
}

#[test]
fn preformatted_lines_are_whole_rows_never_wrapped() {
    let text = "Name      Port      Tonnage\nAurora    Brisk     1200\n\nEnd";
    let at = text.find("     1200").unwrap_or(0);
    let d = one_block(BlockKind::Preformatted, text, vec![anchor("2", at)]);
    let l = layout_unit(&d, 2, 12);
    assert_eq!(l.style, UnitStyle::Preformatted);
    assert_eq!(
        shown(&l),
        [
            "Name      Port      Tonnage",
            "Aurora    Brisk[2]     1200",
            "",
            "End",
            "<blank>"
        ]
    );
    // Clipping is the drawer's job; positions map onto the whole lines.
    let row = &l.rows[1];
    let c = clip(&l.display[row.range.clone()], 8, 12);
    assert!(c.left && c.right);
    assert_eq!(l.row_of(text.find("1200").unwrap_or(0)), 1);
}
