//! Bookmarks in the reader, driven by keys: add with and without a label, margin mark,
//! list, jump, delete and undo, rename, resume. (Removal, deep undo and marks:
//! `app_bookmark_undo.rs`.) Checked on the
//! screen, and on the store through a second reader opened on the same data directory.

mod support;

use sidenote::app::App;
use sidenote::document::DocPos;
use sidenote::store::{DocKey, Store};
use support::*;

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

/// The bookmark list as it is shown with `'`, then closed again.
fn listed(a: &mut App) -> Screen {
    press(a, "'");
    let s = screen(a);
    assert!(s.contains("Bookmarks ("), "the list opens: {s:?}");
    press(a, "Esc");
    s
}

/// The text of the row carrying the bookmark margin mark.
fn marked_row(s: &Screen) -> Option<String> {
    s.row_of("▍").map(|r| s.rows[r].clone())
}

#[test]
fn m_with_an_empty_label_uses_the_passage_s_first_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    press(&mut a, "Space m");
    let st = status(&a);
    assert!(st.starts_with("Bookmark label:"), "{st}");
    assert!(st.contains("Enter alone: Paragraph "), "{st}");
    press(&mut a, "Enter");
    let list = listed(&mut a);
    assert!(list.contains("Bookmarks (1)"));
    let label = list.list_highlight().unwrap();
    assert!(label.starts_with("Paragraph "), "label {label:?}");
    assert!(label.contains('…'), "label {label:?}");
    assert!(
        label.contains("2030-03-17"),
        "made at the fixed clock: {label:?}"
    );
    // A bookmark marks the start of the passage: the mark is on its first row.
    let row = marked_row(&screen(&a)).expect("a margin mark");
    assert!(row.contains("Paragraph "), "{row:?}");
}

#[test]
fn the_selected_anchor_s_block_is_bookmarked_with_a_typed_label() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    // Note 4's only anchor is in paragraph 4.
    press(&mut a, "4 Enter Esc");
    assert_eq!(screen(&a).selected_paragraph(), Some(4));
    press(&mut a, "m");
    type_text(&mut a, "gauges dispute");
    press(&mut a, "Enter");
    assert!(listed(&mut a)
        .list_highlight()
        .unwrap()
        .starts_with("gauges dispute"));
    let row = marked_row(&screen(&a)).expect("a margin mark");
    assert!(row.contains("Paragraph 4."), "{row:?}");
}

/// `m` takes the bookmark's percentage from the reader's own reading offsets: the same
/// figure the store gives a bookmark at that place, and the place's, not the start's.
#[test]
fn a_bookmark_made_with_m_has_its_place_s_percentage() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    press(&mut a, "4 Enter Esc m");
    type_text(&mut a, "halfway");
    press(&mut a, "Enter");
    let bm = a
        .bookmarks
        .iter()
        .find(|b| b.label == "halfway")
        .expect("the bookmark")
        .clone();
    let store_says = sidenote::store::Bookmark::new(&a.doc, bm.at, "", 0).percent;
    assert_eq!(bm.percent, store_says);
    assert!(
        bm.percent > 0,
        "paragraph 4 is past the start: {}",
        bm.percent
    );
    assert_eq!(bm.percent, a.percent_of(bm.at));
}

#[test]
fn a_bookmarked_passage_carries_a_margin_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    let before = screen_text(&a);
    assert!(!before.contains('▍'));
    press(&mut a, "m Enter");
    let after = screen_text(&a);
    assert_eq!(after.matches('▍').count(), 1);
}

#[test]
fn list_jump_delete_undo_rename() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = with_store(dir.path());
    // Note 5 is cited in paragraphs 4 and 20: go to the note, then its second citation.
    press(&mut a, "5 Enter Enter r r");
    assert_eq!(screen(&a).selected_paragraph(), Some(20));
    press(&mut a, "m");
    type_text(&mut a, "late passage");
    press(&mut a, "Enter g Esc");
    let top = screen(&a);
    press(&mut a, "'");
    let list = screen(&a);
    let first = list.list_highlight().unwrap();
    assert!(first.starts_with("late passage"), "{list:?}");
    assert!(
        first.contains("2030-03-17"),
        "the date it was made:\n{list}"
    );
    press(&mut a, "Enter");
    let s = screen(&a);
    assert!(!s.contains("Bookmarks ("));
    assert!(s.page()[0].contains("Paragraph 20."), "{s:?}");
    press(&mut a, "BS");
    assert_eq!(
        screen(&a).text(),
        top.text(),
        "the jump is on the jump list"
    );

    press(&mut a, "' r");
    assert!(status(&a).contains("late passage"), "{}", status(&a));
    press(&mut a, "C-u");
    type_text(&mut a, "renamed");
    press(&mut a, "Enter");
    assert!(screen(&a).list_highlight().unwrap().starts_with("renamed"));
    press(&mut a, "d y");
    let s = screen(&a);
    assert!(
        s.contains("Bookmarks (0)") && s.contains("no bookmarks"),
        "{s:?}"
    );
    assert!(s.status().contains("u undoes"), "{s:?}");
    press(&mut a, "u");
    let s = screen(&a);
    assert!(s.contains("Bookmarks (1)"), "{s:?}");
    assert!(s.list_highlight().unwrap().starts_with("renamed"));
    press(&mut a, "Esc");

    // The store holds exactly what the reader sees.
    let (mut b, _) = with_store(dir.path());
    let s = listed(&mut b);
    assert!(s.contains("Bookmarks (1)"), "{s:?}");
    assert!(s.list_highlight().unwrap().starts_with("renamed"));
}

#[test]
fn reopening_resumes_where_the_reader_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, resume) = with_store(dir.path());
    assert_eq!(resume, None);
    press(&mut a, "Space Space Space Space");
    let here = screen(&a);
    // What the event loop does when the reader quits.
    a.save_position().unwrap();
    let (mut b, resume) = with_store(dir.path());
    let pos = resume.expect("a saved position");
    b.resume_at(pos);
    let s = screen(&b);
    assert_eq!(s.page(), here.page());
    assert!(s.status().starts_with("resumed at "), "{s:?}");
}

#[test]
fn without_a_usable_store_bookmarks_live_for_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    // Wide enough for the whole message on the status line.
    let mut a = app(notes_doc(), 240, 24);
    let key = DocKey::for_stdin(b"x");
    a.attach_store(Store::open_at(blocker.join("data")), key);
    press(&mut a, "m Enter");
    let s = screen(&a);
    assert!(s.status().contains("kept for this session"), "{s:?}");
    assert!(marked_row(&s).is_some());
    assert!(listed(&mut a).contains("Bookmarks (1)"));
}
