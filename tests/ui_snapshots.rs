//! Snapshots of whole screens drawn with ratatui's TestBackend: what a reader sees.

mod support;

use ratatui::style::Modifier;
use sidenote::app::Action;
use support::{app, notes_doc, sample_doc, screen_text, styled_text};

#[test]
fn reading_view_of_the_sample_at_100x30() {
    let a = app(sample_doc(), 100, 30);
    insta::assert_snapshot!(screen_text(&a));
}

#[test]
fn reading_view_of_the_sample_at_50x16() {
    let a = app(sample_doc(), 50, 16);
    insta::assert_snapshot!(screen_text(&a));
}

#[test]
fn end_of_the_sample_shows_the_notes() {
    let mut a = app(sample_doc(), 100, 30);
    a.update(Action::Bottom);
    let s = screen_text(&a);
    assert!(s.contains("100%"));
    insta::assert_snapshot!(s);
}

#[test]
fn help_overlay_lists_the_keymap() {
    // Tall enough for the whole keymap: the test checks every binding is listed.
    let mut a = app(notes_doc(), 100, 175);
    a.update(Action::ToggleHelp);
    let s = screen_text(&a);
    for b in sidenote::keymap::ROWS {
        assert!(s.contains(b.help), "help lacks {:?}", b.help);
    }
    insta::assert_snapshot!(s);
}

#[test]
fn help_overlay_scrolls_on_a_short_terminal() {
    let mut a = app(notes_doc(), 100, 20);
    a.update(Action::ToggleHelp);
    let first = screen_text(&a);
    assert!(first.contains("Space/b page"));
    for _ in 0..200 {
        a.update(Action::LineDown);
    }
    let last = screen_text(&a);
    assert!(
        last.contains("close help"),
        "the end of help is reachable:\n{last}"
    );
    a.update(Action::LineUp);
    assert_ne!(screen_text(&a), last, "one k scrolls back at once");
}

#[test]
fn preview_popup_with_text() {
    let mut a = app(notes_doc(), 90, 24);
    a.update(Action::NextAnchor);
    a.update(Action::Activate);
    let s = screen_text(&a);
    assert!(s.contains("Note 1"));
    assert!(s.contains("Note text number 1"));
    assert_eq!(
        styled_text(&a, Modifier::REVERSED)
            .iter()
            .filter(|t| t.contains("[1]"))
            .count(),
        1
    );
    insta::assert_snapshot!(s);
}

#[test]
fn preview_popup_with_missing_text() {
    let mut a = app(notes_doc(), 90, 24);
    a.open_note_by_label("3");
    let s = screen_text(&a);
    assert!(s.contains("The text of note 3 is not in this copy of the document"));
    insta::assert_snapshot!(s);
}

#[test]
fn preview_popup_with_a_long_note_scrolls() {
    let mut a = app(notes_doc(), 90, 24);
    a.open_note_by_label("12");
    let first = screen_text(&a);
    assert!(first.contains("j/k scroll"));
    a.update(Action::PageDown);
    let scrolled = screen_text(&a);
    assert_ne!(first, scrolled);
    insta::assert_snapshot!(scrolled);
}

#[test]
fn notes_index() {
    let mut a = app(notes_doc(), 100, 24);
    a.update(Action::NotesIndex);
    a.update(Action::LineDown);
    let s = screen_text(&a);
    assert!(s.contains("missing"), "note 3 is shown as missing");
    assert!(s.contains("not cited"), "note 9 is marked as not cited");
    assert!(s.contains("2 places"), "note 5 is cited twice");
    let reversed = styled_text(&a, Modifier::REVERSED);
    assert!(
        reversed.iter().any(|t| t.contains("[2]")),
        "the second note is highlighted"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn a_tiny_terminal_shows_a_notice_instead_of_the_page() {
    let a = app(notes_doc(), 8, 2);
    assert!(screen_text(&a).contains("termina"));
}

#[test]
fn preformatted_table_is_clipped_then_scrolled() {
    let mut a = app(support::table_doc(), 40, 12);
    let clipped = screen_text(&a);
    assert!(
        clipped.contains("›"),
        "a dim › says the rows go on:\n{clipped}"
    );
    assert!(!clipped.contains("‹"));
    a.update(Action::ScrollRight);
    a.update(Action::ScrollRight);
    assert_eq!(a.hscroll, 16);
    let scrolled = screen_text(&a);
    assert!(
        scrolled.contains("‹"),
        "a dim ‹ says text is hidden left:\n{scrolled}"
    );
    // Paragraphs are never scrolled.
    assert!(scrolled.contains("Paragraph 2. After the table."));
    insta::assert_snapshot!(format!("{clipped}---\n{scrolled}"));
}

#[test]
fn notes_section_aligns_labels_and_folds_missing_runs() {
    let mut a = app(support::wide_labels_doc(), 60, 24);
    a.update(Action::Bottom);
    let s = screen_text(&a);
    assert!(
        s.contains("[4] The text of notes 4–9 is not in this copy of the"),
        "{s}"
    );
    assert_eq!(s.matches("not in this copy").count(), 1, "said once:\n{s}");
    assert!(
        s.contains("    [5] —\n    [6] —\n"),
        "one dim dash per missing note"
    );
    let col = |needle: &str| {
        s.lines()
            .find_map(|l| l.find(needle).map(|b| l[..b].chars().count()))
            .unwrap_or(usize::MAX)
    };
    assert_eq!(
        col("A source"),
        col("Note 100:"),
        "one hanging column:\n{s}"
    );
    assert_eq!(col("A source"), col("A second"));
    insta::assert_snapshot!(s);
}

#[test]
fn preview_of_a_note_inside_a_missing_run_says_it_in_full() {
    let mut a = app(support::wide_labels_doc(), 60, 24);
    a.open_note_by_label("5");
    let s = screen_text(&a);
    assert!(
        s.contains("[5] The text of note 5 is not in this copy of the"),
        "{s}"
    );
}

/// Rows of `screen` (the page, not the status line) holding `needle` in the note column,
/// which starts at column `left`.
fn note_rows_with(screen: &str, left: usize, needle: &str) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.chars().skip(left).collect::<String>().contains(needle))
        .map(|(y, _)| y)
        .collect()
}

/// The sample on a wide terminal: notes beside the text, each level with its anchor.
fn sidenotes_of_the_sample(w: u16) -> String {
    let a = support::wide_app(sample_doc(), w, 30);
    let (left, width) = a.note_column().expect("the note column is open");
    assert_eq!(a.column_width(), if w < 113 { w - 2 - 33 } else { 80 });
    assert!(left + width <= w);
    let s = screen_text(&a);
    let left = usize::from(left);
    // Note 1 is cited on the text row that shows `[1]`; its note starts on that row.
    let anchor_row = s
        .lines()
        .position(|l| l.chars().take(left).collect::<String>().contains("[1]"))
        .expect("anchor [1] on screen");
    assert_eq!(
        note_rows_with(&s, left, "[1]").first(),
        Some(&anchor_row),
        "{s}"
    );
    let n2 = note_rows_with(&s, left, "[2]");
    assert!(n2.first() > Some(&anchor_row), "note 2 below note 1:\n{s}");
    s
}

#[test]
fn sidenotes_of_the_sample_at_100x30() {
    insta::assert_snapshot!(sidenotes_of_the_sample(100));
}

#[test]
fn sidenotes_of_the_sample_at_160x30() {
    insta::assert_snapshot!(sidenotes_of_the_sample(160));
}

#[test]
fn sidenotes_of_the_sample_at_200x30() {
    insta::assert_snapshot!(sidenotes_of_the_sample(200));
}
