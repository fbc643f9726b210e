//! `R` and a file changed under the reader, on a real temporary file: the event loop's
//! watcher (`sidenote::watch::Watch`) notices the change, `R` reads the file again, the
//! place and the bookmarks stay with their passages.

mod support;

use sidenote::app::App;
use sidenote::document::LineIndex;
use sidenote::store::{DocKey, Store};
use sidenote::watch::Watch;
use std::path::Path;
use support::*;

/// A plain-text dispatch whose paragraph N stands alone on line 2N + 1, with `extra`
/// paragraphs written before paragraph 1 (an edit).
fn source(extra: usize) -> String {
    let mut src = String::from("The Canal Minutes\n");
    for n in 0..extra {
        src.push_str(&format!(
            "\nAn added paragraph {n}, written after the first reading of the minutes.\n"
        ));
    }
    for n in 1..=30 {
        src.push_str(&format!(
            "\nParagraph {n}. The river commission met again to weigh the accord.\n"
        ));
    }
    src
}

/// The reader on `path` as `main` sets it up, with a store in `data`.
fn open(path: &Path, data: &Path) -> (App, Watch) {
    open_then(path, data, || {})
}

/// As `open`, with `between` run after the file is read and before the watch starts
/// (where `main` draws the first frame and fingerprints the file).
fn open_then(path: &Path, data: &Path, between: impl FnOnce()) -> (App, Watch) {
    let read_stamp = sidenote::watch::stamp(path);
    let loaded = sidenote::input::load_input(Some(path)).expect("loads");
    between();
    let mut a = app(loaded.doc, 140, 20);
    a.clock = || 1_000;
    a.set_source_lines(LineIndex::new(&loaded.bytes));
    a.file_path = Some(path.to_path_buf());
    let store = Store::open_at(data).with_clock(|| 1_000);
    a.attach_store(store, DocKey::for_file(path, &loaded.bytes));
    (a, Watch::new(path, None, read_stamp))
}

/// The first frame is drawn before the watch starts: an edit saved in that moment is the
/// file on disk, not the one on screen, and is told like any later change.
#[test]
fn a_file_edited_between_the_read_and_the_watch_is_still_told() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, source(0)).expect("write");
    let edit = || std::fs::write(&path, source(2)).expect("edit");
    let (mut a, mut watch) = open_then(&path, &dir.path().join("data"), edit);
    watch.poll(&mut a);
    assert!(
        status(&a).starts_with("file changed on disk — R to reload"),
        "{}",
        status(&a)
    );
}

/// The first row of the page, without the bookmark mark in the margin.
fn first_row(a: &App) -> String {
    screen(a).page()[0].replace('▍', " ").trim().to_string()
}

#[test]
fn a_change_on_disk_is_offered_once_and_r_reloads_keeping_place_and_bookmarks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, source(0)).expect("write");
    let (mut a, mut watch) = open(&path, &dir.path().join("data"));
    // Paragraph 20 at the top, bookmarked.
    press(&mut a, "4 1 G");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
    press(&mut a, "m Enter");
    assert_eq!(a.bookmarks.len(), 1);
    // Nothing changed: nothing said.
    watch.poll(&mut a);
    assert!(!status(&a).contains("changed on disk"), "{}", status(&a));

    std::fs::write(&path, source(6)).expect("edit");
    watch.poll(&mut a);
    assert!(
        status(&a).starts_with("file changed on disk — R to reload"),
        "{}",
        status(&a)
    );
    // Told once: the next look says nothing new; Ctrl-g still mentions it.
    press(&mut a, "j k");
    watch.poll(&mut a);
    assert!(!status(&a).contains("changed on disk"), "{}", status(&a));
    press(&mut a, "<C-g>");
    assert!(
        status(&a).contains("changed on disk: R reloads"),
        "{}",
        status(&a)
    );

    press(&mut a, "R");
    watch.service(&mut a);
    let s = status(&a);
    assert!(s.starts_with("reloaded test.txt"), "{s}");
    assert!(s.contains("1 bookmark placed again (1 moved)"), "{s}");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
    // The new text is there, and line numbers are those of the new file.
    press(&mut a, "g");
    assert!(
        screen(&a).contains("An added paragraph 0"),
        "{:?}",
        screen(&a)
    );
    press(&mut a, "5 3 G");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
    // The bookmark was re-anchored to its passage in the edited file.
    press(&mut a, "g ' Enter");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
    // After the reload the file is as read: nothing to announce.
    watch.poll(&mut a);
    assert!(!status(&a).contains("changed on disk"), "{}", status(&a));
}

#[test]
fn undo_after_r_puts_a_removed_bookmark_back_at_its_passage_in_the_new_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, source(0)).expect("write");
    let (mut a, mut watch) = open(&path, &dir.path().join("data"));
    press(&mut a, "4 1 G m Enter");
    assert_eq!(a.bookmarks.len(), 1);
    press(&mut a, "D y");
    assert!(a.bookmarks.is_empty(), "{}", status(&a));
    // Six paragraphs are written before it; the old offset now falls on another one.
    std::fs::write(&path, source(6)).expect("edit");
    press(&mut a, "R");
    watch.service(&mut a);
    press(&mut a, "U");
    assert_eq!(a.bookmarks.len(), 1, "{}", status(&a));
    press(&mut a, "g ' Enter");
    assert!(
        first_row(&a).starts_with("Paragraph 20."),
        "{:?}",
        screen(&a)
    );
}

#[test]
fn a_file_gone_from_disk_is_said_and_r_explains_it_cannot_read_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.txt");
    std::fs::write(&path, source(0)).expect("write");
    let (mut a, mut watch) = open(&path, &dir.path().join("data"));
    press(&mut a, "1 1 G");
    std::fs::remove_file(&path).expect("remove");
    watch.poll(&mut a);
    assert!(status(&a).contains("no longer on disk"), "{}", status(&a));
    press(&mut a, "R");
    watch.service(&mut a);
    assert!(status(&a).contains("not reloaded"), "{}", status(&a));
    assert!(status(&a).contains("no such file"), "{}", status(&a));
    // The text stays as it was.
    assert!(
        first_row(&a).starts_with("Paragraph 5."),
        "{:?}",
        screen(&a)
    );
}

#[test]
fn r_on_a_document_not_read_from_a_file_says_so() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "R");
    assert!(
        status(&a).starts_with("nothing to reload"),
        "{}",
        status(&a)
    );
    assert!(!a.reload_requested);
}

/// A page read from an address is fetched again by `--refresh`, which `R` names.
#[test]
fn r_on_a_fetched_page_names_refresh() {
    let mut a = app(notes_doc(), 160, 20);
    a.source.name = "https://example.org/dispatch.html".into();
    press(&mut a, "R");
    assert!(
        status(&a).contains("sidenote https://example.org/dispatch.html --refresh"),
        "{}",
        status(&a)
    );
    assert!(!a.reload_requested);
}
