//! Text that does not come from the document (typed queries, recalled history, bookmark
//! labels read from the store) is shown safely too: no control or bidi character reaches a
//! screen cell. The frame is checked BEFORE `ui::draw`'s final scrub, so a sanitizer gap
//! fails here instead of being papered over with U+FFFD.

mod support;

use support::{app, notes_doc, press, raw_frame, screen, type_text, unsafe_cells};

fn assert_no_unsafe_cells(a: &sidenote::app::App) {
    let bad = unsafe_cells(&raw_frame(a));
    assert!(bad.is_empty(), "unsafe cells before the scrub: {bad:?}");
}

#[test]
fn a_typed_bidi_override_in_the_search_prompt_is_shown_as_a_placeholder() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "/");
    type_text(&mut a, "\u{202E}x");
    assert_no_unsafe_cells(&a);
    assert!(screen(&a).status().contains("U+202E"));
}

#[test]
fn a_typed_escape_in_the_label_prompt_is_shown_as_a_placeholder() {
    let mut a = app(notes_doc(), 80, 20);
    press(&mut a, "m");
    type_text(&mut a, "a\u{1b}[2Jb\u{9b}c");
    assert_no_unsafe_cells(&a);
    assert!(screen(&a).status().contains("Bookmark label: a"));
}

#[test]
fn history_and_labels_from_files_cannot_inject_escapes() {
    let mut a = app(notes_doc(), 80, 20);
    // What the store hands over is untrusted: history, labels, excerpts, messages.
    a.history.push("\u{1b}]52;c;ZXZpbA==\u{7}".into());
    press(&mut a, "/ Up");
    assert_no_unsafe_cells(&a);
    assert!(screen(&a).status().contains("]52;c;ZXZpbA=="));
    press(&mut a, "Esc m Enter");
    a.bookmarks[0].label = "evil\u{1b}[2J\u{9b}31m".into();
    a.bookmarks[0].excerpt = "\u{2066}excerpt".into();
    press(&mut a, "'");
    assert_no_unsafe_cells(&a);
    assert!(screen(&a).contains("evil"));
    assert!(screen(&a).contains("excerpt"));
    press(&mut a, "Esc");
    a.message = Some("message with \u{1b}[31m escape".into());
    assert_no_unsafe_cells(&a);
    assert!(screen(&a).status().contains("message with"));
}
