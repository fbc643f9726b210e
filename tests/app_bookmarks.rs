//! State-level tests of bookmarks in the reader: add with and without a label, margin
//! mark, list, jump, delete and undo, rename, remove with a second `m`, resume.

mod support;

use sidenote::app::{Action, App, Overlay, Target};
use sidenote::document::{DocPos, Part};
use sidenote::store::{DocKey, Store};
use support::{app, notes_doc, screen_text};

fn fixed_clock() -> u64 {
    1_900_000_000
}

fn with_store(dir: &std::path::Path) -> (App, Option<DocPos>) {
    let mut a = app(notes_doc(), 100, 24);
    a.clock = fixed_clock;
    let key = DocKey::for_file(&dir.join("dispatch.txt"), b"fixed bytes of the document");
    let resume = a.attach_store(Store::open_at(dir.join("data")), key);
    (a, resume)
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(Action::Insert(c));
    }
}

#[test]
fn m_with_an_empty_label_uses_the_passage_s_first_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    a.update(Action::PageDown);
    a.update(Action::Bookmark);
    assert!(matches!(a.overlays.last(), Some(Overlay::Label(_))));
    a.update(Action::Activate);
    assert_eq!(a.bookmarks.len(), 1);
    let b = &a.bookmarks[0];
    assert!(b.label.starts_with("Paragraph "), "label {:?}", b.label);
    assert!(b.label.ends_with('…'));
    assert_eq!(b.at.byte, 0, "a bookmark marks the start of the passage");
    assert_eq!(b.created, fixed_clock());
}

#[test]
fn the_selected_anchor_s_block_is_bookmarked_with_a_typed_label() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    a.selected = Some(Target::Anchor {
        block: 4,
        anchor: 0,
    });
    a.update(Action::Bookmark);
    type_text(&mut a, "gauges dispute");
    a.update(Action::Activate);
    assert_eq!(a.bookmarks[0].label, "gauges dispute");
    assert_eq!(a.bookmarks[0].at.unit, a.doc.unit_of(Part::Block(4)));
}

#[test]
fn a_bookmarked_passage_carries_a_margin_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    let before = screen_text(&a);
    assert!(!before.contains('▍'));
    a.update(Action::Bookmark);
    a.update(Action::Activate);
    let after = screen_text(&a);
    assert_eq!(after.matches('▍').count(), 1);
}

#[test]
fn list_jump_delete_undo_rename() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    a.selected = Some(Target::Anchor {
        block: 20,
        anchor: 0,
    });
    a.update(Action::Bookmark);
    type_text(&mut a, "late passage");
    a.update(Action::Activate);
    a.update(Action::Top);
    a.update(Action::Cancel);
    a.update(Action::BookmarkList);
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::Bookmarks { selected: 0 })
    ));
    let listed = screen_text(&a);
    assert!(listed.contains("late passage"));
    assert!(
        listed.contains("2030-03-17"),
        "the date it was made:\n{listed}"
    );
    a.update(Action::Activate);
    assert!(a.overlays.is_empty());
    assert_eq!(a.top_pos().unit, a.doc.unit_of(Part::Block(20)));
    a.update(Action::JumpBack);
    assert_eq!(a.top.unit, 0, "the jump is on the jump list");

    a.update(Action::BookmarkList);
    a.update(Action::Rename);
    a.update(Action::ClearLine);
    type_text(&mut a, "renamed");
    a.update(Action::Activate);
    assert_eq!(a.bookmarks[0].label, "renamed");
    a.update(Action::Delete);
    assert!(a.bookmarks.is_empty());
    assert!(a.message.as_deref().unwrap().contains("u undoes"));
    a.update(Action::Undo);
    assert_eq!(a.bookmarks.len(), 1);
    a.update(Action::Cancel);

    // The store holds exactly what the reader sees.
    let (b, _) = with_store(dir.path());
    assert_eq!(b.bookmarks.len(), 1);
    assert_eq!(b.bookmarks[0].label, "renamed");
}

#[test]
fn a_second_m_offers_to_remove_the_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    a.update(Action::Bookmark);
    a.update(Action::Activate);
    a.update(Action::Bookmark);
    assert!(matches!(
        a.overlays.last(),
        Some(Overlay::ConfirmRemove { .. })
    ));
    assert!(screen_text(&a).contains("Remove the bookmark"));
    a.update(Action::Cancel);
    assert_eq!(a.bookmarks.len(), 1, "n keeps it");
    a.update(Action::Bookmark);
    a.update(Action::Yes);
    assert!(a.bookmarks.is_empty());
}

#[test]
fn reopening_resumes_where_the_reader_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, resume) = with_store(dir.path());
    assert_eq!(resume, None);
    for _ in 0..4 {
        a.update(Action::PageDown);
    }
    let top = a.top_pos();
    a.save_position().unwrap();
    let (mut b, resume) = with_store(dir.path());
    let pos = resume.expect("a saved position");
    b.resume_at(pos);
    assert_eq!(b.top_pos(), top);
    assert!(b.message.as_deref().unwrap().starts_with("resumed at "));
}

#[test]
fn without_a_usable_store_bookmarks_live_for_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let mut a = app(notes_doc(), 100, 24);
    let key = DocKey::for_stdin(b"x");
    a.attach_store(Store::open_at(blocker.join("data")), key);
    a.update(Action::Bookmark);
    a.update(Action::Activate);
    assert_eq!(a.bookmarks.len(), 1);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("kept for this session"),
        "{:?}",
        a.message
    );
}
