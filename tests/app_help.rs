//! The help overlay as a pager: paging keys, `/` and `n` search, and opening at the
//! section of the place it was opened from. Driven through the real keymap.

mod support;

use support::{app, notes_doc, press, screen, type_text};

/// The first line inside the help box (below its top border).
fn first_help_line(a: &sidenote::app::App) -> String {
    let s = screen(a);
    let top = s
        .rows
        .iter()
        .position(|r| r.contains("┌ Keys"))
        .expect("the help box is open");
    s.rows[top + 1].clone()
}

#[test]
fn help_pages_with_space_b_g_and_capital_g() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "?");
    assert!(
        first_help_line(&a).contains("Reading"),
        "{}",
        screen(&a).text()
    );
    press(&mut a, "Space");
    let second = first_help_line(&a);
    assert!(!second.contains("Reading"));
    assert!(
        !screen(&a).contains("show this help"),
        "a whole page on:\n{}",
        screen(&a).text()
    );
    press(&mut a, "PgDn");
    assert_ne!(first_help_line(&a), second);
    press(&mut a, "b PgUp");
    assert!(first_help_line(&a).contains("Reading"));
    press(&mut a, "G");
    assert!(
        screen(&a).contains("close help"),
        "the last section at the end"
    );
    press(&mut a, "g");
    assert!(first_help_line(&a).contains("Reading"));
    press(&mut a, "Esc");
    assert!(a.overlays.is_empty());
}

#[test]
fn slash_searches_the_help_and_n_goes_on() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "? /");
    type_text(&mut a, "undo");
    assert!(
        first_help_line(&a).contains("undo the last bookmark change"),
        "{}",
        screen(&a).text()
    );
    press(&mut a, "Enter n");
    assert!(
        first_help_line(&a).contains("undo the last bookmark change (again"),
        "n: the bookmark list's undo\n{}",
        screen(&a).text()
    );
    press(&mut a, "N");
    assert!(first_help_line(&a).contains("undo the last bookmark change"));
    // Esc in the search goes back to where help was.
    press(&mut a, "g /");
    type_text(&mut a, "mouse");
    assert!(!first_help_line(&a).contains("Reading"));
    press(&mut a, "Esc");
    assert!(first_help_line(&a).contains("Reading"));
    press(&mut a, "/");
    type_text(&mut a, "zzzz");
    assert!(screen(&a).text().contains("not in the help: zzzz"));
}

#[test]
fn help_opens_at_the_section_of_the_notes_index_the_bookmark_list_and_the_prompt() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = app(notes_doc(), 100, 24);
    a.clock = || 1_900_000_000;
    let key = sidenote::store::DocKey::for_file(&dir.path().join("d.txt"), b"some bytes");
    a.attach_store(
        sidenote::store::Store::open_at(dir.path().join("data")),
        key,
    );
    press(&mut a, "m Enter"); // one bookmark, so the list opens
    press(&mut a, "f ?");
    assert!(
        first_help_line(&a).contains("Notes index"),
        "{}",
        screen(&a).text()
    );
    press(&mut a, "Esc Esc ' ?");
    assert!(
        first_help_line(&a).contains("Bookmark list"),
        "{}",
        screen(&a).text()
    );
    press(&mut a, "Esc Esc / F1");
    assert!(
        first_help_line(&a).contains("Search prompt"),
        "{}",
        screen(&a).text()
    );
    // Closing help comes back to the prompt, still typing.
    press(&mut a, "Esc");
    type_text(&mut a, "Paragraph");
    assert!(
        screen(&a).status().starts_with("/Paragraph"),
        "{}",
        screen(&a).status()
    );
    press(&mut a, "Esc ?");
    assert!(first_help_line(&a).contains("Reading"));
}
