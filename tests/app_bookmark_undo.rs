//! Removing bookmarks only on purpose, deep undo and redo, marks, and a saved position
//! that only changes when the reader moved. Driven through the keymap (`press`); checked
//! on the screen, the status line and the store on disk.

mod support;

use sidenote::app::App;
use sidenote::store::{Bookmark, DocKey, Store};
use support::*;

fn fixed_clock() -> u64 {
    1_900_000_000
}

fn key_of(dir: &std::path::Path) -> DocKey {
    DocKey::for_file(&dir.join("dispatch.txt"), b"fixed bytes of the document")
}

/// A reader with a store in `dir/data`, resumed where the last one stopped (as `run`
/// does without `--top`).
fn open_with(dir: &std::path::Path, key: DocKey, resume: bool) -> App {
    let mut a = app(notes_doc(), 100, 24);
    a.clock = fixed_clock;
    let pos = a.attach_store(Store::open_at(dir.join("data")), key);
    if let (Some(pos), true) = (pos, resume) {
        a.resume_at(pos);
    }
    a
}

fn open(dir: &std::path::Path) -> App {
    open_with(dir, key_of(dir), true)
}

/// The bookmarks on disk, in stored order.
fn stored(dir: &std::path::Path) -> Vec<Bookmark> {
    Store::open_at(dir.join("data"))
        .find_record(&key_of(dir))
        .expect("the store reads")
        .map(|r| r.bookmarks)
        .unwrap_or_default()
}

fn labels(dir: &std::path::Path) -> Vec<String> {
    let mut l: Vec<String> = stored(dir).into_iter().map(|b| b.label).collect();
    l.sort();
    l
}

/// The bookmark list as shown with `'`, then closed.
fn listed(a: &mut App) -> Screen {
    press(a, "'");
    let s = screen(a);
    assert!(s.contains("Bookmarks ("), "the list opens: {s:?}");
    press(a, "Esc");
    s
}

#[test]
fn m_on_a_bookmarked_passage_adds_a_second_labelled_bookmark() {
    // Scenario 1 of the issue: the `y` of "my label" used to confirm a removal.
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    press(&mut a, "m Enter");
    let page = screen(&a).page().to_vec();
    press(&mut a, "m");
    assert!(status(&a).starts_with("Bookmark label:"), "{}", status(&a));
    type_text(&mut a, "my label");
    press(&mut a, "Enter");
    let s = screen(&a);
    assert!(s.status().contains("bookmarked: my label"), "{s:?}");
    assert_eq!(s.page(), &page[..], "no typed key ran as a reading command");
    let list = listed(&mut a);
    assert!(list.contains("Bookmarks (2)"), "{list:?}");
    assert!(list.contains("my label"), "{list:?}");
    assert_eq!(labels(dir.path()).len(), 2);
    assert!(labels(dir.path()).contains(&"my label".to_string()));
}

#[test]
fn d_asks_and_only_y_removes_every_other_key_keeps_it_and_does_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    press(&mut a, "m");
    type_text(&mut a, "gauges");
    press(&mut a, "Enter");
    let before = screen(&a);
    for other in [
        "Enter", "n", "Esc", "j", "q", "Space", "G", "d", "C-c", "m", "Y",
    ] {
        press(&mut a, "D");
        let st = status(&a);
        assert!(
            st.contains("Remove bookmark «gauges»? y removes · any other key keeps it"),
            "{st}"
        );
        press(&mut a, other);
        let s = screen(&a);
        assert!(
            !quit_requested(&a),
            "{other} does not quit from the question"
        );
        assert_eq!(s.page(), before.page(), "{other} was not run as a command");
        assert!(s.status().contains("kept: gauges"), "{other}: {s:?}");
        assert_eq!(labels(dir.path()), ["gauges"], "{other} keeps it on disk");
    }
    press(&mut a, "D y");
    let st = status(&a);
    assert!(st.contains("bookmark removed: gauges · U undoes"), "{st}");
    assert!(labels(dir.path()).is_empty());
    press(&mut a, "U");
    assert!(status(&a).contains("undone"), "{}", status(&a));
    assert_eq!(labels(dir.path()), ["gauges"]);
    press(&mut a, "C-r");
    assert!(status(&a).contains("U undoes"), "{}", status(&a));
    assert!(labels(dir.path()).is_empty());
}

#[test]
fn d_with_several_bookmarks_at_the_passage_opens_the_list_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    // One bookmark further on, two at the first passage.
    press(&mut a, "G m");
    type_text(&mut a, "far away");
    press(&mut a, "Enter g m");
    type_text(&mut a, "one");
    press(&mut a, "Enter m");
    type_text(&mut a, "two");
    press(&mut a, "Enter D");
    let s = screen(&a);
    assert!(s.contains("Bookmarks at this passage (2)"), "{s:?}");
    assert!(!s.contains("far away"), "{s:?}");
    press(&mut a, "d");
    assert!(status(&a).contains("y removes"), "{}", status(&a));
    press(&mut a, "y");
    let s = screen(&a);
    assert!(s.contains("Bookmarks at this passage (1)"), "{s:?}");
    assert!(s.status().contains("· u undoes"), "{s:?}");
    assert_eq!(labels(dir.path()).len(), 2);
}

#[test]
fn list_d_d_then_u_u_restores_both_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    for (at, label) in [("g", "first"), ("Space Space", "second"), ("G", "third")] {
        press(&mut a, at);
        press(&mut a, "m");
        type_text(&mut a, label);
        press(&mut a, "Enter");
    }
    let all = stored(dir.path());
    assert_eq!(all.len(), 3);
    press(&mut a, "' d y d y");
    let s = screen(&a);
    assert!(s.contains("Bookmarks (1)"), "{s:?}");
    assert_eq!(labels(dir.path()), ["third"]);
    press(&mut a, "u");
    assert_eq!(labels(dir.path()), ["second", "third"]);
    press(&mut a, "u");
    assert!(screen(&a).contains("Bookmarks (3)"));
    let mut back = stored(dir.path());
    let mut want = all.clone();
    back.sort_by(|x, y| x.id.cmp(&y.id));
    want.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(back, want, "same ids, labels, excerpts, dates");
    // Redo both, then undo them again from the reading view.
    press(&mut a, "C-r C-r");
    assert_eq!(labels(dir.path()), ["third"]);
    press(&mut a, "Esc U U");
    assert_eq!(labels(dir.path()).len(), 3);
}

#[test]
fn adds_renames_and_removals_undo_in_reverse_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    press(&mut a, "m");
    type_text(&mut a, "alpha");
    press(&mut a, "Enter Space m");
    type_text(&mut a, "beta");
    press(&mut a, "Enter ' r C-u");
    type_text(&mut a, "renamed");
    press(&mut a, "Enter");
    assert!(
        status(&a).contains("renamed: renamed · u undoes"),
        "{}",
        status(&a)
    );
    press(&mut a, "j d y Esc");
    let steps: [&[&str]; 4] = [&["beta", "renamed"], &["alpha", "beta"], &["alpha"], &[]];
    for want in steps {
        press(&mut a, "U");
        assert_eq!(labels(dir.path()), want, "{}", status(&a));
    }
    press(&mut a, "U");
    assert!(status(&a).starts_with("nothing to undo"));
    for want in [
        &["alpha"][..],
        &["alpha", "beta"],
        &["beta", "renamed"],
        &["renamed"],
    ] {
        press(&mut a, "C-r");
        assert_eq!(labels(dir.path()), want, "{}", status(&a));
    }
    press(&mut a, "C-r");
    assert!(status(&a).starts_with("nothing to redo"), "{}", status(&a));
}

#[test]
fn a_new_change_clears_redo_and_undo_is_deeper_than_a_hundred_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    for i in 0..120 {
        press(&mut a, "m");
        type_text(&mut a, &format!("b{i}"));
        press(&mut a, "Enter");
    }
    assert_eq!(stored(dir.path()).len(), 120);
    for _ in 0..110 {
        press(&mut a, "U");
    }
    assert_eq!(stored(dir.path()).len(), 10);
    press(&mut a, "m");
    type_text(&mut a, "new");
    press(&mut a, "Enter C-r");
    assert!(status(&a).starts_with("nothing to redo"), "{}", status(&a));
    assert_eq!(stored(dir.path()).len(), 11);
}

#[test]
fn a_one_letter_label_is_a_mark_backtick_goes_there_and_setting_it_again_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    press(&mut a, "Space Space m a Enter");
    assert!(status(&a).contains("mark a set"), "{}", status(&a));
    let at_a = screen(&a).page().to_vec();
    press(&mut a, "G ` a");
    assert_eq!(screen(&a).page(), &at_a[..], "` a goes to the mark");
    assert!(status(&a).starts_with("mark a "), "{}", status(&a));
    // From the list too, which it closes.
    press(&mut a, "g ' ` a");
    let s = screen(&a);
    assert!(!s.contains("Bookmarks ("), "{s:?}");
    assert_eq!(s.page(), &at_a[..]);
    // `'` stays the list; an unknown mark says so; a non-letter cancels quietly.
    press(&mut a, "` z");
    assert!(status(&a).starts_with("no mark z"), "{}", status(&a));
    press(&mut a, "g ` j");
    assert!(
        screen(&a).page()[0].contains("Norvale"),
        "j after ` is not a motion"
    );
    // Setting it again elsewhere moves it: still one bookmark, same id.
    let id = stored(dir.path())[0].id.clone();
    press(&mut a, "G m a Enter");
    let st = status(&a);
    assert!(
        st.contains("mark a moved here") && st.contains("U undoes"),
        "{st}"
    );
    let now = stored(dir.path());
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].id, id);
    press(&mut a, "g ` a");
    let s = screen(&a);
    assert_ne!(s.page(), &at_a[..], "the mark is at its new place");
    assert!(s.page()[0].contains("▍ [12]"), "{s:?}");
    press(&mut a, "U g ` a");
    assert_eq!(screen(&a).page(), &at_a[..], "undo moved it back");
    assert_eq!(stored(dir.path()).len(), 1);
}

#[test]
fn opening_and_quitting_at_once_keeps_the_saved_place_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(dir.path());
    press(&mut a, "Space Space j j j");
    a.save_position().unwrap();
    let file = dir.path().join("data/bookmarks.json");
    let saved = std::fs::read(&file).unwrap();
    // Plain open and quit, at another size (the resumed row differs), and with --top.
    for (resume, size) in [(true, (100, 24)), (true, (37, 11)), (false, (100, 24))] {
        let mut b = open_with(dir.path(), key_of(dir.path()), resume);
        resize(&mut b, size.0, size.1);
        press(&mut b, "? Esc ' Esc");
        b.save_position().unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            saved,
            "resume={resume} {size:?}"
        );
    }
    // Moving does save.
    let mut c = open_with(dir.path(), key_of(dir.path()), false);
    press(&mut c, "j");
    c.save_position().unwrap();
    assert_ne!(std::fs::read(&file).unwrap(), saved);
}

#[test]
fn standard_input_documents_keep_bookmarks_and_place_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let key = DocKey::for_stdin(b"piped bytes");
    let mut a = open_with(dir.path(), key.clone(), true);
    press(&mut a, "Space Space m");
    type_text(&mut a, "piped");
    press(&mut a, "Enter m b Enter");
    let page = screen(&a).page().to_vec();
    a.save_position().unwrap();
    let file = dir.path().join("data/bookmarks.json");
    let saved = std::fs::read(&file).unwrap();
    let mut b = open_with(dir.path(), key.clone(), true);
    assert_eq!(screen(&b).page(), &page[..], "resumed by content");
    b.save_position().unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        saved,
        "open and quit writes nothing"
    );
    press(&mut b, "g ` b");
    assert_eq!(screen(&b).page(), &page[..]);
    let list = listed(&mut b);
    assert!(
        list.contains("Bookmarks (2)") && list.contains("piped"),
        "{list:?}"
    );
    press(&mut b, "D");
    assert!(screen(&b).contains("Bookmarks at this passage (2)"));
}
