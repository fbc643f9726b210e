//! State-level tests of the reading view: scrolling, paging, ends, percentage, resize.

mod support;

use sidenote::app::{Action, Overlay, RowPos};
use sidenote::document::Part;
use support::{app, notes_doc};

#[test]
fn starts_at_the_top_with_the_title_first() {
    let a = app(notes_doc(), 100, 30);
    assert_eq!(a.top, RowPos { unit: 0, row: 0 });
    assert_eq!(a.percent(), 0);
    assert_eq!(a.display_title(), "Norvale Weighs The River Accord");
}

#[test]
fn line_page_and_half_page_moves() {
    let mut a = app(notes_doc(), 100, 30);
    let page = a.page_height();
    a.update(Action::LineDown);
    let after_line = a.top;
    a.update(Action::LineUp);
    assert_eq!(a.top, RowPos { unit: 0, row: 0 });
    assert_ne!(after_line, a.top);
    a.update(Action::PageDown);
    let d = a.rows(|r| r.distance(RowPos::default(), a.top, 1000));
    assert_eq!(d, Some(page - 1), "a page keeps one line of context");
    a.update(Action::HalfPageDown);
    let d = a.rows(|r| r.distance(RowPos::default(), a.top, 1000));
    assert_eq!(d, Some(page - 1 + page / 2));
    a.update(Action::HalfPageUp);
    a.update(Action::PageUp);
    assert_eq!(a.top, RowPos::default());
}

#[test]
fn end_shows_the_notes_and_cannot_scroll_past_the_last_line() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::Bottom);
    assert_eq!(a.percent(), 100);
    let rows = a.visible_rows();
    assert_eq!(rows.len(), a.page_height(), "the last page is full");
    let last_unit = a.doc.unit_count() - 1;
    assert_eq!(a.doc.part(last_unit), Part::Note(11));
    assert_eq!(rows.last().unwrap().unit, last_unit);
    let before = a.top;
    a.update(Action::LineDown);
    a.update(Action::PageDown);
    assert_eq!(a.top, before);
    a.update(Action::Top);
    assert_eq!(a.top, RowPos::default());
}

#[test]
fn percentage_grows_while_scrolling() {
    let mut a = app(notes_doc(), 100, 30);
    let mut last = a.percent();
    for _ in 0..5 {
        a.update(Action::PageDown);
        let p = a.percent();
        assert!(p > last, "{p} should exceed {last}");
        last = p;
    }
}

#[test]
fn resize_keeps_the_passage_at_the_top() {
    let mut a = app(notes_doc(), 100, 30);
    for _ in 0..3 {
        a.update(Action::PageDown);
    }
    let before = a.top_pos();
    a.resize(50, 20);
    assert_eq!(a.column_width(), 48);
    let after = a.top_pos();
    assert_eq!(after.unit, before.unit);
    // The new top row starts at or before the old top's text and holds it.
    assert!(after.byte <= before.byte);
    let row = a.row_of_pos(before);
    assert_eq!(row, a.top, "the old top passage is on the new top row");
}

#[test]
fn wide_terminals_center_an_80_column_text() {
    let a = app(notes_doc(), 200, 30);
    assert_eq!(a.column_width(), 80);
    assert_eq!(a.column_left(), 60);
    let narrow = app(notes_doc(), 60, 30);
    assert_eq!(
        narrow.column_width(),
        58,
        "two columns stay free for bookmark marks"
    );
    assert_eq!(narrow.column_left(), 2);
}

#[test]
fn help_opens_and_esc_closes_it_before_quit() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::ToggleHelp);
    assert!(matches!(a.overlays.last(), Some(Overlay::Help { .. })));
    a.update(Action::Cancel);
    assert!(a.overlays.is_empty());
    assert!(!a.quit);
    a.update(Action::Quit);
    assert!(a.quit);
}

#[test]
fn wheel_scrolls_three_lines() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::WheelDown);
    assert_eq!(
        a.rows(|r| r.distance(RowPos::default(), a.top, 100)),
        Some(3)
    );
}

#[test]
fn scrolling_lays_out_only_what_it_touches() {
    let mut doc = notes_doc();
    let extra = doc.blocks[0].clone();
    for _ in 0..5000 {
        doc.blocks.push(sidenote::document::Block {
            anchors: vec![],
            ..extra.clone()
        });
    }
    let mut a = app(doc, 100, 30);
    a.update(Action::PageDown);
    let _ = a.percent();
    // Only the first screens' units and the last few (for the end clamp) are laid out.
    assert!(a.laid_out_units() < 60, "laid out {}", a.laid_out_units());
}

#[test]
fn left_and_right_scroll_wide_preformatted_rows_by_eight_within_bounds() {
    let mut a = app(support::table_doc(), 40, 12);
    a.update(Action::ScrollLeft);
    assert_eq!(a.hscroll, 0, "Left at 0 stays at 0");
    assert_eq!(a.message, None);
    a.update(Action::ScrollRight);
    assert_eq!(a.hscroll, 8);
    // The widest row (76 columns) in a 38-column page: at most 38.
    assert_eq!(a.max_hscroll(), 38);
    for _ in 0..10 {
        a.update(Action::ScrollRight);
    }
    assert_eq!(a.hscroll, 38, "never past the widest line on screen");
    a.update(Action::ScrollLeft);
    assert_eq!(a.hscroll, 30);
}

#[test]
fn sideways_scroll_with_nothing_wide_on_screen_says_so() {
    let mut a = app(notes_doc(), 100, 30);
    a.update(Action::ScrollRight);
    assert_eq!(a.hscroll, 0);
    assert_eq!(
        a.message.as_deref(),
        Some("nothing on screen is wider than the column")
    );
}

#[test]
fn selecting_an_anchor_in_a_clipped_row_scrolls_it_into_view() {
    let mut a = app(support::table_doc(), 40, 12);
    assert_eq!(a.hscroll, 0);
    a.update(Action::NextAnchor);
    assert!(
        a.hscroll > 0,
        "the anchor at column ~56 is brought into view"
    );
    let col = 56usize;
    let now = usize::from(a.hscroll_now());
    assert!(now < col && col < now + 38, "hscroll {now}");
}

#[test]
fn a_search_hit_in_a_clipped_row_scrolls_it_into_view() {
    let mut a = app(support::table_doc(), 40, 12);
    a.update(Action::Search);
    for c in "harbourmaster".chars() {
        a.update(Action::Insert(c));
    }
    a.update(Action::Activate);
    // "harbourmaster" starts at column 63 of the widest row; the page is 38 wide.
    let now = usize::from(a.hscroll_now());
    assert!(now < 63 && 63 + 13 <= now + 38, "hscroll {now}");
}
