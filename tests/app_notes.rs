//! Note navigation, driven by keys: select, preview, go to note, go to reference, jump
//! list, number entry, notes index, clicks. Checked on the screen and the status line.

mod support;

use sidenote::document::{Anchor, Block, BlockKind, Document, Note};
use support::*;

fn selected_label(a: &sidenote::app::App) -> Option<String> {
    screen(a).selection().map(|(_, t)| t)
}

#[test]
fn tab_selects_the_first_anchor_on_screen_then_the_next() {
    let mut a = app(notes_doc(), 100, 30);
    assert_eq!(screen(&a).selection(), None);
    press(&mut a, "Tab");
    let s = screen(&a);
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[1]"));
    assert_eq!(s.selected_paragraph(), Some(1));
    assert!(s.status().contains("note 1 of 12"), "{s:?}");
    press(&mut a, "Tab");
    assert!(status(&a).contains("note 2 of 12"));
    assert_eq!(selected_label(&a).as_deref(), Some("[2]"));
    assert_eq!(screen(&a).selected_paragraph(), Some(2));
    press(&mut a, "Tab");
    assert!(status(&a).contains("note 3 of 12"));
    assert_eq!(selected_label(&a).as_deref(), Some("[3]"));
    press(&mut a, "S-Tab");
    assert!(status(&a).contains("note 2 of 12"));
    assert_eq!(selected_label(&a).as_deref(), Some("[2]"));
}

#[test]
fn tab_scrolls_to_keep_the_selection_visible() {
    let mut a = app(notes_doc(), 100, 12);
    let order = ["1", "2", "3", "4", "5", "6", "7", "8"];
    for label in order {
        press(&mut a, "Tab");
        let s = screen(&a);
        assert_eq!(
            s.selection().map(|(_, t)| t),
            Some(format!("[{label}]")),
            "selection of note {label} off screen: {s:?}"
        );
        assert!(s.status().contains(&format!("note {label} of 12")));
    }
}

#[test]
fn tab_after_scrolling_away_starts_from_the_screen() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Tab");
    press(&mut a, "Space Space Space");
    let before = scrolled_rows(&a);
    let page = screen(&a);
    press(&mut a, "Tab");
    let s = screen(&a);
    let (_, label) = s.selection().expect("the selection is on screen");
    assert_ne!(
        label, "[1]",
        "not the anchor after the one selected far above"
    );
    let para = s.selected_paragraph().unwrap();
    let first = page.paragraphs()[0];
    assert!(
        para >= first,
        "paragraph {para} is at or after the page's top: {s:?}"
    );
    assert_eq!(
        scrolled_rows(&a),
        before,
        "an anchor on screen needs no scroll"
    );

    // Past the last anchor (in the middle of the last note), Tab wraps to the first.
    press(&mut a, "G Tab");
    let s = screen(&a);
    assert!(
        s.status().contains("wrapped to the first note anchor"),
        "{s:?}"
    );
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[1]"));
}

#[test]
fn tab_wraps_around_with_a_notice() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Tab S-Tab");
    // Backwards from the first anchor: wraps to the very last target (the last note).
    let s = screen(&a);
    assert!(s.status().contains("wrapped"), "{s:?}");
    assert!(s.status().contains("note 12 of 12"));
    let (row, label) = s.selection().unwrap();
    assert_eq!(label, "[12]");
    assert!(
        s.rows[row].contains("[12] A long note."),
        "the note's own label"
    );
}

#[test]
fn enter_previews_the_selected_note_and_esc_leaves_everything_as_it_was() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Tab");
    let before = screen(&a);
    press(&mut a, "Enter");
    let s = screen(&a);
    assert_eq!(s.preview().as_deref(), Some("Note 1"));
    assert!(s.contains("Note text number 1: a source in the archive."));
    assert!(s.contains("cited in 1 place"));
    press(&mut a, "j"); // scrolls the popup, not the page
    assert_eq!(screen(&a).preview().as_deref(), Some("Note 1"));
    press(&mut a, "Esc");
    assert_eq!(
        screen(&a).text(),
        before.text(),
        "same page, same selection"
    );
    press(&mut a, "Enter q");
    assert_eq!(screen(&a).text(), before.text(), "q closes the preview too");
    assert!(!quit_requested(&a));
}

#[test]
fn preview_enter_goes_to_the_note_and_back_returns_exactly() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Tab Tab");
    let before = screen(&a);
    press(&mut a, "Enter Enter");
    let note = screen(&a);
    assert_eq!(note.preview(), None);
    assert!(note.status().contains("note 2 of 12"));
    let (row, label) = note.selection().unwrap();
    assert_eq!(label, "[2]");
    assert!(
        note.rows[row].contains("[2] Note text number 2"),
        "{note:?}"
    );
    assert_eq!(note.paragraphs(), Vec::<usize>::new(), "the Notes section");
    press(&mut a, "BS");
    assert_eq!(screen(&a).text(), before.text());
    press(&mut a, "C-n");
    assert_eq!(screen(&a).text(), note.text());
    press(&mut a, "C-o");
    assert_eq!(screen(&a).text(), before.text());
    press(&mut a, "A-Right");
    assert_eq!(screen(&a).text(), note.text());
    press(&mut a, "A-Left");
    assert_eq!(screen(&a).text(), before.text());
}

#[test]
fn from_a_note_r_cycles_through_the_places_that_cite_it() {
    let mut a = app(notes_doc(), 100, 30);
    // Note 5 is cited in paragraphs 4 and 20.
    press(&mut a, "5 Enter");
    assert_eq!(screen(&a).preview().as_deref(), Some("Note 5"));
    press(&mut a, "Enter"); // preview → note
    let s = screen(&a);
    let (row, _) = s.selection().unwrap();
    assert!(s.rows[row].contains("[5] Note text number 5"), "{s:?}");
    press(&mut a, "r");
    let s = screen(&a);
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[5]"));
    assert_eq!(s.selected_paragraph(), Some(4), "{s:?}");
    press(&mut a, "r");
    let s = screen(&a);
    assert_eq!(s.selected_paragraph(), Some(20), "{s:?}");
    assert!(s.status().contains("2 of 2"), "{s:?}");
    press(&mut a, "r");
    assert_eq!(screen(&a).selected_paragraph(), Some(4));
}

#[test]
fn typing_a_number_and_enter_opens_that_note_at_its_first_reference() {
    let mut a = app(notes_doc(), 100, 30);
    let top = screen(&a);
    press(&mut a, "1 1");
    assert!(status(&a).contains("11"), "{}", status(&a));
    press(&mut a, "Enter");
    let s = screen(&a);
    assert_eq!(s.preview().as_deref(), Some("Note 11"));
    // The anchor is selected and on screen.
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[11]"));
    assert_eq!(s.selected_paragraph(), Some(25));
    // Back returns to the top of the document.
    press(&mut a, "Esc BS");
    assert_eq!(screen(&a).text(), top.text());
    // The same with the harness's mixed notation.
    keys(&mut a, "11<Enter>");
    assert_eq!(screen(&a).preview().as_deref(), Some("Note 11"));
}

#[test]
fn an_unknown_number_says_so_and_moves_nothing() {
    let mut a = app(notes_doc(), 100, 30);
    let top = screen(&a);
    press(&mut a, "9 9 Enter");
    let s = screen(&a);
    assert!(
        s.status()
            .starts_with("there is no note 99 in this document"),
        "{s:?}"
    );
    assert_eq!(s.page(), top.page());
    assert_eq!(s.preview(), None);
}

#[test]
fn backspace_erases_a_typed_digit_before_it_goes_back() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "1 2");
    assert!(status(&a).contains("12"));
    press(&mut a, "BS");
    assert!(!status(&a).contains("12"), "{}", status(&a));
    assert!(status(&a).contains('1'));
    press(&mut a, "Enter");
    assert_eq!(screen(&a).preview().as_deref(), Some("Note 1"));
}

#[test]
fn an_uncited_note_opens_in_the_notes_section() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "9 Enter");
    let s = screen(&a);
    assert!(s.status().contains("not cited"), "{s:?}");
    assert_eq!(s.preview().as_deref(), Some("Note 9"));
    assert!(s.contains("not cited in the text"));
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[9]"));
    assert!(
        s.contains("[9] Note text number 9"),
        "the note in the Notes section"
    );
}

#[test]
fn notes_index_lists_every_note_and_enter_shows_it_in_context() {
    let mut a = app(notes_doc(), 100, 30);
    let top = screen(&a);
    press(&mut a, "f");
    let s = screen(&a);
    assert!(s.contains("Notes (12)"), "{s:?}");
    for n in 1..=12 {
        assert!(s.contains(&format!("[{n}]")), "note {n} listed");
    }
    assert!(s.contains("missing"), "note 3 has no text");
    assert!(s.contains("not cited"), "note 9 is cited nowhere");
    assert!(s.list_highlight().unwrap().starts_with("[1]"));
    press(&mut a, "j j j j");
    assert!(s.contains("2 places"));
    assert!(screen(&a).list_highlight().unwrap().starts_with("[5]"));
    press(&mut a, "Enter");
    let s = screen(&a);
    assert!(!s.contains("Notes (12)"));
    assert_eq!(s.preview().as_deref(), Some("Note 5"));
    assert_eq!(s.selected_paragraph(), Some(4), "its first reference");
    press(&mut a, "Esc f G");
    assert!(screen(&a).list_highlight().unwrap().starts_with("[12]"));
    press(&mut a, "k");
    assert!(screen(&a).list_highlight().unwrap().starts_with("[11]"));
    press(&mut a, "g");
    assert!(screen(&a).list_highlight().unwrap().starts_with("[1]"));
    press(&mut a, "Esc");
    assert!(!screen(&a).contains("Notes (12)"));
    press(&mut a, "BS Esc");
    assert_eq!(screen(&a).text(), top.text());
    for close in ["Esc", "q", "f"] {
        press(&mut a, "f");
        press(&mut a, close);
        assert_eq!(screen(&a).text(), top.text(), "{close} closes the list");
    }
}

#[test]
fn g_and_capital_g_are_jumps() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Space");
    let here = screen(&a);
    press(&mut a, "G");
    assert_eq!(screen(&a).percent(), 100);
    press(&mut a, "BS");
    assert_eq!(screen(&a).text(), here.text());
    press(&mut a, "g BS");
    assert_eq!(screen(&a).text(), here.text());
}

#[test]
fn clicking_an_anchor_selects_it_and_opens_its_preview() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Tab");
    let selected = screen(&a);
    let (x, y) = selected.selection_cell().unwrap();
    press(&mut a, "Esc");
    assert_eq!(screen(&a).selection(), None);
    click(&mut a, x + 1, y);
    let s = screen(&a);
    assert_eq!(s.preview().as_deref(), Some("Note 1"));
    press(&mut a, "Esc");
    assert_eq!(
        screen(&a).text(),
        selected.text(),
        "the clicked anchor is selected"
    );
}

/// Broken input: anchors to notes without entries, notes without anchors, duplicate and
/// out-of-order labels, an anchor at the very end, hundreds of anchors on one screen.
fn messy_doc() -> Document {
    let mut text = String::from("Start.");
    let mut anchors = Vec::new();
    for i in 0..300 {
        anchors.push(Anchor {
            label: format!("{}", i % 3 + 1).into(),
            at: text.len() as u32,
            note: i % 3,
        });
        text.push_str(" x");
    }
    let end = text.len();
    anchors.push(Anchor {
        label: "7".into(),
        at: end as u32,
        note: 3,
    });
    Document {
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            anchors: anchors.into(),
            ..Block::default()
        }],
        notes: vec![
            Note {
                label: "2".into(),
                text: Some("two".into()),
                refs: vec![0].into(),
                ..Note::default()
            },
            Note {
                label: "1".into(),
                text: Some("one".into()),
                refs: vec![0].into(),
                ..Note::default()
            },
            Note {
                label: "1".into(),
                text: Some("dup".into()),
                refs: vec![0].into(),
                ..Note::default()
            },
            Note {
                label: "7".into(),
                text: None,
                refs: vec![0].into(),
                ..Note::default()
            },
            Note {
                label: "8".into(),
                text: Some("orphan".into()),
                refs: Default::default(),
                ..Note::default()
            },
        ],
        ..Document::default()
    }
}

#[test]
fn messy_documents_behave() {
    let mut a = app(messy_doc(), 60, 20);
    for _ in 0..400 {
        press(&mut a, "Tab");
        let _ = screen(&a);
    }
    press(&mut a, "Enter Enter r f G Enter");
    let s = screen(&a);
    assert!(
        s.status().contains("note 8 of 5"),
        "the orphan note opens in the Notes section: {s:?}"
    );
    assert!(s.contains("orphan"));
    press(&mut a, "Esc");
    for _ in 0..10 {
        press(&mut a, "BS");
    }
    press(&mut a, "G Esc");
    // The last anchor sits at the very end of the text and can be opened.
    press(&mut a, "7 Enter");
    let s = screen(&a);
    assert_eq!(s.preview().as_deref(), Some("Note 7"), "{s:?}");
    assert_eq!(s.selection().map(|(_, t)| t).as_deref(), Some("[7]"));
}

#[test]
fn a_long_note_scrolls_in_the_preview() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "1 2 Enter");
    let s = screen(&a);
    assert_eq!(s.preview().as_deref(), Some("Note 12"));
    assert!(s.contains(" 1/"), "{s:?}");
    press(&mut a, "j j j");
    let s = screen(&a);
    assert!(s.contains(" 4/") && s.contains("j/k scroll"), "{s:?}");
    press(&mut a, "k");
    assert!(screen(&a).contains(" 3/"));
    press(&mut a, "Space");
    assert!(!screen(&a).contains(" 3/"), "a page down the note");
    press(&mut a, "b");
    assert!(screen(&a).contains(" 3/"));
    press(&mut a, "Up Up PgDn PgUp Down");
    assert!(screen(&a).contains(" 2/"));
}

/// A book whose letters number their notes from 1: `N Enter` opens note N of the letter
/// being read, and the screen names the letter.
#[test]
fn a_number_opens_the_note_of_the_scope_being_read() {
    let doc = sidenote::document::load(include_bytes!("fixtures/book-restarting-notes.txt"))
        .expect("text");
    let mut a = app(doc, 80, 10);
    press(&mut a, "1 Enter");
    let s = screen(&a);
    assert_eq!(
        s.preview().as_deref(),
        Some("Note 1 (LETTER I.)"),
        "{}",
        s.text()
    );
    assert!(s.contains("The almanac of the river pilots"));
    press(&mut a, "Esc Esc /");
    type_text(&mut a, "At the mill");
    press(&mut a, "Enter 1 Enter");
    let s = screen(&a);
    assert_eq!(
        s.preview().as_deref(),
        Some("Note 1 (LETTER II.)"),
        "{}",
        s.text()
    );
    assert!(s.contains("Peat from the upland bogs"));
    assert!(
        s.status().contains("note 1 (LETTER II.) of 4"),
        "{}",
        s.status()
    );
}
