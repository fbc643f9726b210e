//! Text that does not come from the document (typed queries, recalled history, bookmark
//! labels read from the store) is shown safely too: no control or bidi character reaches a
//! screen cell.

mod support;

use sidenote::app::Action;
use sidenote::document::parse::sanitize::is_unsafe_char;
use support::{app, draw, notes_doc};

fn assert_no_unsafe_cells(a: &sidenote::app::App) {
    let buf = draw(a);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_unsafe_char),
                "cell ({x},{y}) holds {sym:?}"
            );
        }
    }
}

#[test]
fn a_typed_bidi_override_in_the_search_prompt_is_shown_as_a_placeholder() {
    let mut a = app(notes_doc(), 80, 20);
    a.update(Action::Search);
    a.update(Action::Insert('\u{202E}'));
    a.update(Action::Insert('x'));
    assert_no_unsafe_cells(&a);
    assert!(support::screen_text(&a).contains("U+202E"));
}

#[test]
fn history_and_labels_from_files_cannot_inject_escapes() {
    let mut a = app(notes_doc(), 80, 20);
    a.history.push("\u{1b}]52;c;ZXZpbA==\u{7}".into());
    a.update(Action::Search);
    a.update(Action::HistoryPrev);
    assert_no_unsafe_cells(&a);
    a.update(Action::Cancel);
    a.update(Action::Bookmark);
    a.update(Action::Activate);
    a.bookmarks[0].label = "evil\u{1b}[2J\u{9b}31m".into();
    a.bookmarks[0].excerpt = "\u{2066}excerpt".into();
    a.update(Action::BookmarkList);
    assert_no_unsafe_cells(&a);
    a.message = Some("message with \u{1b}[31m escape".into());
    a.overlays.clear();
    assert_no_unsafe_cells(&a);
}
