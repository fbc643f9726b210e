//! `update` asks for store writes and the loop performs them (`perform::store_writes`):
//! before they are performed the store is untouched and the pending effect names the
//! write; a write that fails says so on the status line, as when update wrote itself; a
//! new bookmark the store keeps under another id is called so in the reader too.

mod support;

use sidenote::app::effects::{Effect, StoreWrite};
use sidenote::app::App;
use sidenote::perform::store_writes;
use sidenote::store::{Bookmark, DocKey, Store};
use support::*;

fn fixed_clock() -> u64 {
    1_900_000_000
}

fn key() -> DocKey {
    DocKey::for_file(
        std::path::Path::new("/nowhere/dispatch.txt"),
        b"fixed bytes of the document",
    )
}

fn with_store(data: &std::path::Path) -> App {
    let mut a = app(notes_doc(), 100, 24);
    a.clock = fixed_clock;
    a.attach_store(Store::open_at(data), key());
    a
}

/// The store writes pending, without the terminal's requests.
fn writes(a: &App) -> Vec<StoreWrite> {
    a.effects
        .pending()
        .iter()
        .filter_map(|e| match e {
            Effect::Store(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

/// The labels a second reader on the same data directory finds.
fn stored_labels(data: &std::path::Path) -> Vec<String> {
    let b = with_store(data);
    b.bookmarks.iter().map(|b| b.label.clone()).collect()
}

#[test]
fn a_bookmark_is_written_only_when_the_loop_performs_the_effect() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut a = with_store(&data);
    press_only(&mut a, "m");
    type_text_only(&mut a, "kept passage");
    press_only(&mut a, "Enter");

    // The reader shows it at once; the store has not been touched.
    assert!(
        status(&a).contains("bookmarked: kept passage"),
        "{}",
        status(&a)
    );
    assert!(
        !Store::open_at(&data).bookmarks_path().exists(),
        "nothing written before the effects are performed"
    );
    match writes(&a).as_slice() {
        [StoreWrite::AddBookmark(b)] => assert_eq!(b.label, "kept passage"),
        other => panic!("one add is pending: {other:?}"),
    }

    store_writes(&mut a);
    assert!(writes(&a).is_empty(), "performed once");
    assert_eq!(stored_labels(&data), ["kept passage"]);
    assert!(
        status(&a).contains("bookmarked: kept passage"),
        "{}",
        status(&a)
    );
}

#[test]
fn rename_remove_and_undo_are_each_one_named_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut a = with_store(&data);
    press(&mut a, "m");
    type_text(&mut a, "first");
    press(&mut a, "Enter ' r C-u");
    type_text(&mut a, "second");
    press_only(&mut a, "Enter");
    let id = a.bookmarks[0].id.clone();
    assert_eq!(
        writes(&a),
        [StoreWrite::RenameBookmark {
            id: id.clone(),
            label: "second".into()
        }]
    );
    assert_eq!(stored_labels(&data), ["first"], "not renamed yet");
    store_writes(&mut a);
    assert_eq!(stored_labels(&data), ["second"]);

    press_only(&mut a, "d y");
    assert_eq!(writes(&a), [StoreWrite::RemoveBookmark { id: id.clone() }]);
    store_writes(&mut a);
    assert!(stored_labels(&data).is_empty());

    press_only(&mut a, "u");
    match writes(&a).as_slice() {
        [StoreWrite::RestoreBookmark(b)] => assert_eq!((&b.id, b.label.as_str()), (&id, "second")),
        other => panic!("one restore is pending: {other:?}"),
    }
    store_writes(&mut a);
    assert_eq!(stored_labels(&data), ["second"]);
}

#[test]
fn a_search_and_the_note_column_are_written_as_effects_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut a = with_store(&data);
    press_only(&mut a, "/");
    type_text_only(&mut a, "paragraph");
    press_only(&mut a, "Enter");
    assert_eq!(writes(&a), [StoreWrite::PushHistory("paragraph".into())]);
    assert!(Store::open_at(&data).history().is_empty());
    store_writes(&mut a);
    assert_eq!(Store::open_at(&data).history(), ["paragraph"]);

    press_only(&mut a, "Esc S");
    assert_eq!(writes(&a), [StoreWrite::SidenotesChoice(true)]);
    assert_eq!(Store::open_at(&data).sidenotes_choice(), None);
    assert!(store_writes(&mut a).is_empty(), "nothing failed");
    assert_eq!(Store::open_at(&data).sidenotes_choice(), Some(true));
}

#[test]
fn without_a_store_nothing_is_asked_of_it() {
    let mut a = app(notes_doc(), 100, 24);
    press_only(&mut a, "m Enter / x Enter Esc S");
    assert!(writes(&a).is_empty(), "{:?}", a.effects.pending());
    assert_eq!(a.bookmarks.len(), 1);
}

/// A data directory that cannot be made: its parent is a file.
fn unusable(dir: &std::path::Path) -> std::path::PathBuf {
    let blocker = dir.join("file");
    std::fs::write(&blocker, "not a directory").unwrap();
    blocker.join("data")
}

#[test]
fn a_failed_write_gives_the_message_when_it_is_performed() {
    let dir = tempfile::tempdir().unwrap();
    // Wide enough for the whole message on the status line.
    let mut a = app(notes_doc(), 240, 24);
    a.attach_store(Store::open_at(unusable(dir.path())), key());
    press_only(&mut a, "m Enter");
    assert!(status(&a).contains("bookmarked"), "{}", status(&a));
    let failed = store_writes(&mut a);
    assert!(
        matches!(failed.as_slice(), [e] if e.ends_with("(kept for this session)")),
        "told to the loop too, for stderr on close: {failed:?}"
    );
    let s = screen(&a);
    assert!(s.status().contains("kept for this session"), "{s:?}");
    assert_eq!(a.bookmarks.len(), 1, "kept in memory");

    press_only(&mut a, "S");
    store_writes(&mut a);
    assert!(
        status(&a).contains("the note column choice is not remembered"),
        "{}",
        status(&a)
    );
}

#[test]
fn a_new_bookmark_the_store_keeps_under_another_id_is_renamed_here_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut a = with_store(&data);
    press_only(&mut a, "m");
    type_text_only(&mut a, "mine");
    press_only(&mut a, "Enter");
    let pending = writes(&a);
    let [StoreWrite::AddBookmark(mine)] = pending.as_slice() else {
        panic!("one add is pending: {pending:?}");
    };
    // Meanwhile another document's bookmark took that id in the store.
    let store = Store::open_at(&data);
    let other_doc = support::sample_doc();
    let mut theirs = Bookmark::new(&other_doc, Default::default(), "theirs", 1);
    theirs.id = mine.id.clone();
    store
        .add_bookmark(&DocKey::for_stdin(b"another"), &other_doc, theirs)
        .unwrap();

    store_writes(&mut a);
    let now = a.bookmarks[0].id.clone();
    assert_ne!(now, mine.id, "the id the store gave");
    assert!(stored_labels(&data).contains(&"mine".to_string()));
    // Undo removes this reader's bookmark from the store, not the other document's.
    press(&mut a, "U");
    assert!(status(&a).starts_with("undone"), "{}", status(&a));
    assert!(stored_labels(&data).is_empty());
    let records = store.all_records().unwrap();
    let ids: Vec<&str> = records
        .iter()
        .flat_map(|r| r.bookmarks.iter().map(|b| b.id.as_str()))
        .collect();
    assert_eq!(ids, [mine.id.as_str()], "theirs is still there");
}
