//! Counts and motions as less and vim users expect them, driven through the real keymap:
//! `5j`, `3 Space`, `2n`, `50%`, `41G`, `Ctrl-e`/`Ctrl-y`, `Ctrl-g`, `]` `[` `}` `{`,
//! the outline `t`, `F`, and what a key that does nothing here says.

mod support;

use sidenote::app::App;
use sidenote::document::{Block, BlockKind, Document, LineIndex, Meta, Note};
use support::*;

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.into(),
        ..Block::default()
    }
}

/// 40 blocks: headings "Section A" to "Section D" at 0, 10, 20, 30; captions at 5 and 25;
/// paragraphs elsewhere (`Paragraph N.`); two notes.
fn landmarks_doc() -> Document {
    let mut blocks = Vec::new();
    for i in 0..40 {
        blocks.push(match i {
            0 | 10 | 20 | 30 => block(
                BlockKind::Heading,
                &format!("Section {}", char::from(b'A' + (i / 10) as u8)),
            ),
            5 => block(BlockKind::Caption, "Figure 1: the old canal at Brisk."),
            25 => block(BlockKind::Caption, "Figure 2: the gauges on the weir."),
            1 => para(
                &format!("Paragraph {i}. The minutes list the gauges."),
                &[(0, "1")],
            ),
            _ => para(
                &format!(
                    "Paragraph {i}. The river commission met again on Tuesday to weigh the accord."
                ),
                &[],
            ),
        });
    }
    let mut doc = Document {
        meta: Meta {
            title: Some("The Canal Minutes".into()),
            ..Meta::default()
        },
        blocks,
        notes: vec![
            Note {
                label: "1".into(),
                text: Some("Minutes of the commission.".into()),
                refs: vec![1].into(),
                ..Note::default()
            },
            Note {
                label: "2".into(),
                text: Some("Not cited.".into()),
                ..Note::default()
            },
        ],
        ..Document::default()
    };
    with_source_offsets(&mut doc);
    doc
}

fn first_row(a: &App) -> String {
    screen(a).page()[0].trim().to_string()
}

#[test]
fn a_count_repeats_line_page_and_half_page_motions() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "5 j");
    assert_eq!(scrolled_rows(&a), 5);
    press(&mut a, "j");
    assert_eq!(scrolled_rows(&a), 6);
    press(&mut a, "2 k");
    assert_eq!(scrolled_rows(&a), 4);
    press(&mut a, "g 3 Space");
    let page = a.page_height() - 1;
    assert_eq!(scrolled_rows(&a), 3 * page);
    press(&mut a, "2 b");
    assert_eq!(scrolled_rows(&a), page);
    press(&mut a, "g 2 d");
    assert_eq!(scrolled_rows(&a), 2 * (a.page_height() / 2));
    press(&mut a, "2 u");
    assert_eq!(scrolled_rows(&a), 0);
    // Ctrl-e / Ctrl-y are a line down and up, and take a count too.
    press(&mut a, "<C-e>");
    assert_eq!(scrolled_rows(&a), 1);
    press(&mut a, "4<C-e> <C-y>");
    assert_eq!(scrolled_rows(&a), 4);
}

#[test]
fn the_pending_count_is_shown_and_esc_clears_it() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "1 2");
    let s = status(&a);
    assert!(s.starts_with("12…"), "{s}");
    assert!(s.contains("Enter: note 12"), "{s}");
    press(&mut a, "Esc");
    assert!(!status(&a).contains("12…"), "{}", status(&a));
    // Nothing of the count is left: j moves one line.
    press(&mut a, "j");
    assert_eq!(scrolled_rows(&a), 1);
    // Digits then Enter still open the note.
    press(&mut a, "5 Enter");
    assert_eq!(screen(&a).preview().as_deref(), Some("Note 5"));
    // On a narrow terminal the hints that do not fit are left out, none cut.
    let mut narrow = app(notes_doc(), 60, 20);
    press(&mut narrow, "1 2");
    let s = status(&narrow);
    assert!(s.starts_with("12…  Enter: note 12"), "{s}");
    assert!(
        !s.split("  ").nth(1).unwrap_or_default().ends_with('…'),
        "{s}"
    );
}

#[test]
fn a_count_before_n_steps_over_matches_and_goes_back_in_one_jump() {
    // A page of five rows: every match is on a page of its own.
    let mut a = app(notes_doc(), 80, 6);
    press(&mut a, "/");
    type_text(&mut a, "Paragraph");
    press(&mut a, "Enter");
    assert!(status(&a).contains("match 1 of 30"), "{}", status(&a));
    press(&mut a, "5 n");
    assert!(status(&a).contains("match 6 of 30"), "{}", status(&a));
    let after_five = scrolled_rows(&a);
    press(&mut a, "2 N");
    assert!(status(&a).contains("match 4 of 30"), "{}", status(&a));
    assert_ne!(scrolled_rows(&a), after_five);
    // Back undoes the whole `2N`, not one match of it.
    press(&mut a, "BS");
    assert_eq!(scrolled_rows(&a), after_five);
}

#[test]
fn a_count_before_percent_goes_that_far_in_reading_order() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "5 0 %");
    assert_eq!(screen(&a).percent(), 50);
    press(&mut a, "2 5 p");
    assert_eq!(screen(&a).percent(), 25);
    press(&mut a, "1 0 0 p");
    assert_eq!(screen(&a).percent(), 100);
    // Back returns through each jump.
    press(&mut a, "BS");
    assert_eq!(screen(&a).percent(), 25);
    // Without a count `%` explains itself and stays.
    press(&mut a, "%");
    assert_eq!(screen(&a).percent(), 25);
    assert!(status(&a).contains("type a number first"), "{}", status(&a));
    press(&mut a, "2 0 0 %");
    assert_eq!(screen(&a).percent(), 100);
    assert!(status(&a).contains("past the end"), "{}", status(&a));
}

/// A plain-text dispatch whose paragraph N stands alone on line 2N + 1.
fn numbered_source() -> String {
    let mut src = String::from("The Canal Minutes\n");
    for n in 1..=40 {
        src.push_str(&format!(
            "\nParagraph {n}. The river commission met again to weigh the accord.\n"
        ));
    }
    src
}

fn app_on_source(src: &str, w: u16, h: u16) -> App {
    let doc = sidenote::document::load(src.as_bytes()).expect("parses");
    let mut a = app(doc, w, h);
    a.set_source_lines(LineIndex::new(src.as_bytes()));
    a
}

#[test]
fn a_count_before_g_or_big_g_goes_to_that_line_of_the_source() {
    let src = numbered_source();
    let mut a = app_on_source(&src, 80, 20);
    // Paragraph 20 is on line 41.
    assert_eq!(src.lines().nth(40).map(|l| &l[..13]), Some("Paragraph 20."));
    press(&mut a, "4 1 G");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
    assert!(status(&a).contains("line 41 of 81"), "{}", status(&a));
    press(&mut a, "1 1 g");
    assert!(
        first_row(&a).starts_with("Paragraph 5."),
        "{:?}",
        screen(&a)
    );
    // A blank line shows the paragraph below it.
    press(&mut a, "1 0 G");
    assert!(
        first_row(&a).starts_with("Paragraph 5."),
        "{:?}",
        screen(&a)
    );
    // G and g alone are the end and the top, as before.
    press(&mut a, "G");
    assert_eq!(screen(&a).percent(), 100);
    press(&mut a, "g");
    assert!(screen(&a).page()[0].contains("The Canal Minutes"));
    // Past the end: the last line, and the file's length said.
    press(&mut a, "9 9 9 G");
    assert!(
        status(&a).contains("the file has 81 lines"),
        "{}",
        status(&a)
    );
    // Back goes through the jumps.
    press(&mut a, "BS");
    assert!(screen(&a).page()[0].contains("The Canal Minutes"));
}

#[test]
fn line_numbers_unknown_are_said_so() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "1 2 G");
    assert!(
        status(&a).contains("line numbers are not known"),
        "{}",
        status(&a)
    );
    assert_eq!(scrolled_rows(&a), 0);
}

#[test]
fn ctrl_g_and_equals_say_where_the_reader_is() {
    let src = numbered_source();
    let mut a = app_on_source(&src, 120, 20);
    press(&mut a, "4 1 G <C-g>");
    let s = status(&a);
    for part in ["%", "line 41 of 81"] {
        assert!(s.contains(part), "{part:?} not in {s:?}");
    }
    let size = format!("{} KB", (src.len() as f64 / 1024.0).round());
    assert!(s.contains(&size), "{size} not in {s:?}");
    // The section is the heading above the page.
    let mut b = app(landmarks_doc(), 120, 20);
    press(&mut b, "] ] j =");
    let s = status(&b);
    assert!(s.contains("§ Section B"), "{s}");
    assert!(s.contains("2 notes"), "{s}");
}

#[test]
fn brackets_step_between_headings_and_braces_between_captions() {
    let mut a = app(landmarks_doc(), 80, 20);
    press(&mut a, "]");
    assert_eq!(first_row(&a), "Section A");
    assert!(status(&a).contains("heading 1 of 5"), "{}", status(&a));
    press(&mut a, "]");
    assert_eq!(first_row(&a), "Section B");
    press(&mut a, "[");
    assert_eq!(first_row(&a), "Section A");
    // A count steps over several.
    press(&mut a, "2 ]");
    assert_eq!(first_row(&a), "Section C");
    // Scrolled a little into a section, `[` goes to its own heading first.
    press(&mut a, "j [");
    assert_eq!(first_row(&a), "Section C");
    press(&mut a, "}");
    assert!(first_row(&a).starts_with("Figure 2"), "{:?}", screen(&a));
    press(&mut a, "{");
    assert!(first_row(&a).starts_with("Figure 1"), "{:?}", screen(&a));
    press(&mut a, "{");
    assert!(status(&a).contains("no previous caption"), "{}", status(&a));
    // The Notes heading is the last heading; past it, a clear message and no move.
    press(&mut a, "9 ]");
    let at_end = screen(&a);
    assert!(at_end.contains("Notes"), "{at_end:?}");
    press(&mut a, "]");
    assert!(status(&a).contains("no next heading"), "{}", status(&a));
    assert_eq!(screen(&a).page(), at_end.page());
    // `9]` was one jump: Back returns to where it started.
    press(&mut a, "BS");
    assert!(first_row(&a).starts_with("Figure 1"), "{:?}", screen(&a));
}

#[test]
fn the_outline_lists_headings_and_enter_jumps_on_the_jump_list() {
    let mut a = app(landmarks_doc(), 80, 24);
    press(&mut a, "2 ] j t");
    let s = screen(&a);
    assert!(s.contains("Outline (5 headings)"), "{s:?}");
    for h in ["Section A", "Section B", "Section C", "Section D", "Notes"] {
        assert!(s.contains(h), "{h} not in the outline: {s:?}");
    }
    // It opens at the section being read.
    assert!(
        s.list_highlight()
            .is_some_and(|h| h.starts_with("Section B")),
        "{s:?}"
    );
    press(&mut a, "j j Enter");
    assert_eq!(first_row(&a), "Section D");
    press(&mut a, "BS");
    assert!(screen(&a).paragraphs().contains(&11), "{:?}", screen(&a));
    // `t`, `q` and Esc close it without moving.
    press(&mut a, "t G Esc");
    assert!(screen(&a).paragraphs().contains(&11));
    // The Notes heading alone is an outline of one.
    let mut notes_only = app(notes_doc(), 80, 24);
    press(&mut notes_only, "t");
    assert!(
        screen(&notes_only).contains("Outline (1 heading)"),
        "{:?}",
        screen(&notes_only)
    );
    let mut none = app(
        Document {
            blocks: vec![para("Paragraph 0. No headings here.", &[])],
            ..Document::default()
        },
        80,
        24,
    );
    press(&mut none, "t");
    assert!(status(&none).contains("no headings"), "{}", status(&none));
}

#[test]
fn big_f_goes_to_the_notes_section_and_back() {
    let mut a = app(landmarks_doc(), 80, 20);
    press(&mut a, "F");
    // The section is shorter than a page: the page ends with it.
    assert!(
        screen(&a).page().iter().any(|r| r.trim() == "Notes"),
        "{:?}",
        screen(&a)
    );
    assert_eq!(screen(&a).percent(), 100);
    assert!(status(&a).contains("2 notes"), "{}", status(&a));
    press(&mut a, "BS");
    assert!(screen(&a).page()[0].contains("The Canal Minutes"));
    let mut none = app(
        Document {
            blocks: vec![para("Paragraph 0. No notes here.", &[])],
            ..Document::default()
        },
        80,
        20,
    );
    press(&mut none, "F");
    assert!(status(&none).contains("no notes"), "{}", status(&none));
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "Q");
    assert!(
        status(&a).starts_with("no binding for Q — ? for help"),
        "{}",
        status(&a)
    );
    // A count typed before it is dropped.
    press(&mut a, "5 Q j");
    assert_eq!(scrolled_rows(&a), 1);
    // A key of the reading view pressed in a list is "nothing here".
    press(&mut a, "f /");
    assert!(
        status(&a).starts_with("/: nothing here — Esc closes the list"),
        "{}",
        status(&a)
    );
    press(&mut a, "Esc");
    // At the ends a motion says why it did not move.
    press(&mut a, "G j");
    assert!(status(&a).contains("end of the document"), "{}", status(&a));
    press(&mut a, "g k");
    assert!(status(&a).contains("top of the document"), "{}", status(&a));
    // In a prompt keys are text, never "no binding".
    press(&mut a, "/ Q");
    assert!(!status(&a).contains("no binding"), "{}", status(&a));
}

#[test]
fn where_am_i_leaves_out_what_a_narrow_status_line_cannot_hold() {
    let src = numbered_source();
    let mut a = app_on_source(&src, 60, 20);
    press(&mut a, "4 1 G =");
    let s = status(&a);
    // The percentage and the line stay whole; nothing is cut in the middle of a word.
    assert!(s.contains("line 41 of 81"), "{s}");
    let message = s.split("  ").next().unwrap_or_default();
    assert!(!message.ends_with('…'), "{s}");
}
