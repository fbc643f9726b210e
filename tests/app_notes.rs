//! State-level tests of note navigation: select, preview, go to note, go to reference,
//! jump list, number entry, notes index, clicks.

mod support;

use sidenote::app::{Action, Overlay, Target};
use sidenote::document::{Anchor, Block, BlockKind, Document, Note, Part};
use support::{app, notes_doc};

fn note_of(a: &sidenote::app::App) -> Option<String> {
    a.selected
        .and_then(|t| t.note(&a.doc))
        .map(|n| a.doc.notes[n].label.clone())
}

#[test]
fn tab_selects_the_first_anchor_on_screen_then_the_next() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 1,
            anchor: 0
        })
    );
    a.update(Action::NextAnchor);
    assert_eq!(note_of(&a).as_deref(), Some("2"));
    a.update(Action::NextAnchor);
    assert_eq!(note_of(&a).as_deref(), Some("3"));
    a.update(Action::PrevAnchor);
    assert_eq!(note_of(&a).as_deref(), Some("2"));
}

#[test]
fn tab_scrolls_to_keep_the_selection_visible() {
    let mut a = app(notes_doc(), 100, 12);
    for _ in 0..8 {
        a.update(Action::NextAnchor);
        let t = a.selected.unwrap();
        let row = a.row_of_pos(t.pos(&a.doc));
        assert!(
            a.visible_rows().contains(&row),
            "selection {t:?} off screen"
        );
    }
}

#[test]
fn tab_after_scrolling_away_starts_from_the_screen() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    for _ in 0..6 {
        a.update(Action::PageDown);
    }
    a.update(Action::NextAnchor);
    let t = a.selected.unwrap();
    assert!(a.visible_rows().contains(&a.row_of_pos(t.pos(&a.doc))));
    assert!(t.pos(&a.doc) >= a.top_pos());
}

#[test]
fn tab_wraps_around_with_a_notice() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    a.update(Action::PrevAnchor);
    // Backwards from the first anchor: wraps to the very last target (the last note).
    assert!(a.message.as_deref().unwrap_or("").contains("wrapped"));
    assert_eq!(a.selected, Some(Target::Note(11)));
}

#[test]
fn enter_previews_the_selected_note_and_esc_leaves_everything_as_it_was() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    let top = a.top;
    let sel = a.selected;
    a.update(Action::Activate);
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::Preview { note: 0, scroll: 0 })
    );
    a.update(Action::LineDown); // scrolls the popup, not the page
    assert_eq!(a.top, top);
    a.update(Action::Cancel);
    assert!(a.overlays.is_empty());
    assert_eq!(a.top, top);
    assert_eq!(a.selected, sel);
}

#[test]
fn preview_enter_goes_to_the_note_and_back_returns_exactly() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    a.update(Action::NextAnchor);
    let (top, sel) = (a.top, a.selected);
    a.update(Action::Activate);
    a.update(Action::Activate);
    assert!(a.overlays.is_empty());
    assert_eq!(a.selected, Some(Target::Note(1)));
    assert_eq!(a.top.unit, a.doc.unit_of(Part::Note(1)));
    a.update(Action::JumpBack);
    assert_eq!((a.top, a.selected), (top, sel));
    a.update(Action::JumpForward);
    assert_eq!(a.selected, Some(Target::Note(1)));
}

#[test]
fn from_a_note_r_cycles_through_the_places_that_cite_it() {
    let mut a = app(notes_doc(), 100, 30);
    // Note 5 (index 4) is cited in paragraphs 4 and 20.
    a.open_note_by_label("5");
    a.update(Action::Activate); // preview → note
    assert_eq!(a.selected, Some(Target::Note(4)));
    a.update(Action::GoToReference);
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 4,
            anchor: 1
        })
    );
    a.update(Action::GoToReference);
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 20,
            anchor: 0
        })
    );
    assert!(a.message.as_deref().unwrap().contains("2 of 2"));
    a.update(Action::GoToReference);
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 4,
            anchor: 1
        })
    );
}

#[test]
fn typing_a_number_and_enter_opens_that_note_at_its_first_reference() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::Digit(1));
    a.update(Action::Digit(1));
    assert!(a.message.as_deref().unwrap().contains("11"));
    a.update(Action::Activate);
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::Preview {
            note: 10,
            scroll: 0
        })
    );
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 25,
            anchor: 0
        })
    );
    assert!(a
        .visible_rows()
        .contains(&a.row_of_pos(a.selected.unwrap().pos(&a.doc))));
    // Back returns to the top of the document.
    a.update(Action::Cancel);
    a.update(Action::JumpBack);
    assert_eq!(a.top.unit, 0);
}

#[test]
fn an_unknown_number_says_so_and_moves_nothing() {
    let mut a = app(notes_doc(), 100, 30);
    let top = a.top;
    for d in [9, 9] {
        a.update(Action::Digit(d));
    }
    a.update(Action::Activate);
    assert_eq!(
        a.message.as_deref(),
        Some("there is no note 99 in this document")
    );
    assert_eq!(a.top, top);
    assert!(a.overlays.is_empty());
}

#[test]
fn backspace_erases_a_typed_digit_before_it_goes_back() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::Digit(1));
    a.update(Action::Digit(2));
    a.update(Action::JumpBack);
    assert_eq!(a.pending_number, "1");
    a.update(Action::Activate);
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::Preview { note: 0, scroll: 0 })
    );
}

#[test]
fn an_uncited_note_opens_in_the_notes_section() {
    let mut a = app(notes_doc(), 100, 30);
    a.open_note_by_label("9");
    assert_eq!(a.selected, Some(Target::Note(8)));
    assert!(a.message.as_deref().unwrap().contains("not cited"));
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Preview { note: 8, .. })
    ));
}

#[test]
fn notes_index_lists_every_note_and_enter_shows_it_in_context() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NotesIndex);
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::NotesIndex { selected: 0 })
    );
    a.update(Action::LineDown);
    a.update(Action::LineDown);
    a.update(Action::LineDown);
    a.update(Action::LineDown);
    a.update(Action::Activate);
    assert_eq!(
        a.selected,
        Some(Target::Anchor {
            block: 4,
            anchor: 1
        })
    );
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Preview { note: 4, .. })
    ));
    a.update(Action::Cancel);
    a.update(Action::NotesIndex);
    a.update(Action::Bottom);
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::NotesIndex { selected: 11 })
    );
    a.update(Action::Cancel);
    assert!(a.overlays.is_empty());
}

#[test]
fn g_and_capital_g_are_jumps() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::PageDown);
    let top = a.top;
    a.update(Action::Bottom);
    a.update(Action::JumpBack);
    assert_eq!(a.top, top);
}

#[test]
fn clicking_an_anchor_selects_it_and_opens_its_preview() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::NextAnchor);
    let t = a.selected.unwrap();
    a.update(Action::Cancel);
    assert_eq!(a.selected, None);
    // Find the anchor's cell from the layout, as the UI draws it.
    let row = a.row_of_pos(t.pos(&a.doc));
    let y = a.visible_rows().iter().position(|r| *r == row).unwrap() as u16;
    let layout = a.layout(row.unit);
    let r = &layout.rows[row.row];
    let mark = layout
        .marks
        .iter()
        .find(|m| m.range.start >= r.range.start)
        .unwrap();
    let x = a.column_left()
        + r.indent
        + sidenote::layout::display_width(&layout.display[r.range.start..mark.range.start]) as u16
        + 1;
    a.click(x, y);
    assert_eq!(a.selected, Some(t));
    assert!(matches!(a.overlays.last(), Some(Overlay::Preview { .. })));
}

/// Broken input: anchors to notes without entries, notes without anchors, duplicate and
/// out-of-order labels, an anchor at the very end, hundreds of anchors on one screen.
fn messy_doc() -> Document {
    let mut text = String::from("Start.");
    let mut anchors = Vec::new();
    for i in 0..300 {
        anchors.push(Anchor {
            label: format!("{}", i % 3 + 1),
            at: text.len(),
            note: i % 3,
        });
        text.push_str(" x");
    }
    let end = text.len();
    anchors.push(Anchor {
        label: "7".into(),
        at: end,
        note: 3,
    });
    Document {
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text,
            anchors,
            ..Block::default()
        }],
        notes: vec![
            Note {
                label: "2".into(),
                text: Some("two".into()),
                refs: vec![0],
                ..Note::default()
            },
            Note {
                label: "1".into(),
                text: Some("one".into()),
                refs: vec![0],
                ..Note::default()
            },
            Note {
                label: "1".into(),
                text: Some("dup".into()),
                refs: vec![0],
                ..Note::default()
            },
            Note {
                label: "7".into(),
                text: None,
                refs: vec![0],
                ..Note::default()
            },
            Note {
                label: "8".into(),
                text: Some("orphan".into()),
                refs: vec![],
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
        a.update(Action::NextAnchor);
    }
    a.update(Action::Activate);
    a.update(Action::Activate);
    a.update(Action::GoToReference);
    a.update(Action::NotesIndex);
    a.update(Action::Bottom);
    a.update(Action::Activate);
    assert_eq!(
        a.selected,
        Some(Target::Note(4)),
        "the orphan note opens in the Notes section"
    );
    a.update(Action::Cancel);
    for _ in 0..10 {
        a.update(Action::JumpBack);
    }
    // The last anchor sits at the very end of the text and can be selected.
    a.update(Action::Bottom);
    a.update(Action::Cancel);
    a.selected = Some(Target::Anchor {
        block: 0,
        anchor: 300,
    });
    a.update(Action::Activate);
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Preview { note: 3, .. })
    ));
}

#[test]
fn a_long_note_scrolls_in_the_preview() {
    let mut a = app(notes_doc(), 100, 20);
    a.open_note_by_label("12");
    for _ in 0..3 {
        a.update(Action::LineDown);
    }
    assert_eq!(
        a.overlays.last(),
        Some(&Overlay::Preview {
            note: 11,
            scroll: 3
        })
    );
}
