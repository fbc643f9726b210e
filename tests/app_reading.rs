//! The reading view, driven by keys: scrolling, paging, ends, percentage, resize, help.

mod support;

use support::*;

#[test]
fn starts_at_the_top_with_the_title_first() {
    let a = app(notes_doc(), 100, 30);
    let s = screen(&a);
    assert!(
        s.rows[0].contains("Norvale Weighs The River Accord"),
        "{s:?}"
    );
    assert_eq!(scrolled_rows(&a), 0);
    assert_eq!(s.percent(), 0);
    assert!(s.status().starts_with("Norvale Weighs The River Accord"));
    assert!(s.status().ends_with("? help"));
}

#[test]
fn line_page_and_half_page_moves() {
    let mut a = app(notes_doc(), 100, 30);
    let page = screen(&a).page().len();
    let first = screen(&a);
    press(&mut a, "j");
    assert_eq!(scrolled_rows(&a), 1);
    assert_eq!(
        screen(&a).page()[0],
        first.page()[1],
        "one line up the screen"
    );
    press(&mut a, "k");
    assert_eq!(screen(&a).text(), first.text());
    press(&mut a, "Space");
    assert_eq!(
        scrolled_rows(&a),
        page - 1,
        "a page keeps one line of context"
    );
    assert_eq!(screen(&a).page()[0], first.page()[page - 1]);
    press(&mut a, "d");
    assert_eq!(scrolled_rows(&a), page - 1 + page / 2);
    press(&mut a, "u b");
    assert_eq!(scrolled_rows(&a), 0);
    assert_eq!(screen(&a).text(), first.text());
    // The other keys bound to the same moves.
    press(&mut a, "Down Down Up");
    assert_eq!(scrolled_rows(&a), 1);
    press(&mut a, "PgDn");
    assert_eq!(scrolled_rows(&a), page);
    press(&mut a, "PgUp C-f");
    assert_eq!(scrolled_rows(&a), page);
    press(&mut a, "C-b");
    assert_eq!(scrolled_rows(&a), 1);
    press(&mut a, "C-d");
    assert_eq!(scrolled_rows(&a), 1 + page / 2);
    press(&mut a, "C-u");
    assert_eq!(scrolled_rows(&a), 1);
}

#[test]
fn end_shows_the_notes_and_cannot_scroll_past_the_last_line() {
    let mut a = app(notes_doc(), 100, 30);
    let top = screen(&a).text();
    press(&mut a, "G");
    let s = screen(&a);
    assert_eq!(s.percent(), 100);
    let whole = whole_document(&a);
    let mut page = s.page().to_vec();
    while page.last().is_some_and(|r| r.is_empty()) {
        page.pop();
    }
    assert!(
        page.len() + 2 >= s.page().len(),
        "the last page is full: {s:?}"
    );
    assert_eq!(
        &whole[whole.len() - page.len()..],
        &page[..],
        "the last page ends with the document's last row"
    );
    assert!(page.last().unwrap().ends_with("at Brisk."), "{s:?}");
    let last_note = whole.iter().rposition(|r| r.contains("] ")).unwrap();
    assert!(
        whole[last_note].contains("[12] A long note."),
        "the last note ends the document"
    );
    press(&mut a, "j Space");
    // The page stays; the status line says why nothing moved.
    assert_eq!(screen(&a).page(), s.page());
    assert!(status(&a).contains("end of the document"), "{}", status(&a));
    press(&mut a, "g");
    assert_eq!(screen(&a).text(), top);
    press(&mut a, "End");
    assert_eq!(screen(&a).text(), s.text());
    press(&mut a, "Home");
    assert_eq!(screen(&a).text(), top);
    press(&mut a, "> <");
    assert_eq!(screen(&a).text(), top);
}

#[test]
fn percentage_grows_while_scrolling() {
    let mut a = app(notes_doc(), 100, 30);
    let mut last = screen(&a).percent();
    for _ in 0..5 {
        press(&mut a, "Space");
        let p = screen(&a).percent();
        assert!(p > last, "{p} should exceed {last}");
        last = p;
    }
}

#[test]
fn resize_keeps_the_passage_at_the_top() {
    let mut a = app(notes_doc(), 100, 30);
    press(&mut a, "Space Space Space");
    let before = screen(&a);
    let top_word = before.page()[0]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    resize(&mut a, 50, 20);
    let after = screen(&a);
    assert_eq!(after.rows.len(), 20);
    // The new top row starts at or before the old top's text and holds it.
    let new_top = &after.page()[0];
    assert!(
        new_top.contains(&top_word),
        "{top_word:?} (old top row {:?}) not on the new top row {new_top:?}",
        before.page()[0]
    );
    // The page is a window of the document laid out at the new width, with a 48-column
    // text (two columns kept for bookmark marks).
    let _ = scrolled_rows(&a);
    let whole = whole_document(&a);
    let rule = whole.iter().find(|r| r.contains('─')).unwrap();
    assert_eq!(rule.find('─'), Some(2));
    assert_eq!(rule.matches('─').count(), 48);
}

#[test]
fn wide_terminals_center_an_80_column_text() {
    let a = app(notes_doc(), 200, 30);
    let s = screen(&a);
    let rule = &s.rows[s.row_of("──").unwrap()];
    assert_eq!(rule.chars().position(|c| c == '─'), Some(60));
    assert_eq!(rule.matches('─').count(), 80);
    let narrow = app(notes_doc(), 60, 30);
    let s = screen(&narrow);
    let rule = &s.rows[s.row_of("──").unwrap()];
    assert_eq!(rule.chars().position(|c| c == '─'), Some(2));
    assert_eq!(
        rule.matches('─').count(),
        58,
        "two columns stay free for bookmark marks"
    );
}

#[test]
fn help_opens_and_esc_closes_it_before_quit() {
    let mut a = app(notes_doc(), 100, 30);
    let page = screen(&a).text();
    press(&mut a, "?");
    let s = screen(&a);
    assert!(
        s.contains("down one line") && s.contains("show this help"),
        "{s:?}"
    );
    press(&mut a, "j");
    assert!(
        screen(&a).contains("up one line"),
        "j scrolls the help, not the page"
    );
    press(&mut a, "Esc");
    assert_eq!(screen(&a).text(), page);
    assert!(!quit_requested(&a));
    press(&mut a, "F1 q");
    assert_eq!(screen(&a).text(), page, "q closes help first");
    assert!(!quit_requested(&a));
    press(&mut a, "q");
    assert!(quit_requested(&a));
    let mut b = app(notes_doc(), 100, 30);
    press(&mut b, "C-c");
    assert!(quit_requested(&b));
}

#[test]
fn wheel_scrolls_three_lines() {
    let mut a = app(notes_doc(), 100, 30);
    wheel(&mut a, true);
    assert_eq!(scrolled_rows(&a), 3);
    wheel(&mut a, true);
    wheel(&mut a, false);
    assert_eq!(scrolled_rows(&a), 3);
}

#[test]
fn scrolling_lays_out_only_what_it_touches() {
    let mut doc = notes_doc();
    let extra = doc.blocks[0].clone();
    for _ in 0..5000 {
        doc.blocks.push(sidenote::document::Block {
            anchors: smallvec::smallvec![],
            ..extra.clone()
        });
    }
    let mut a = app(doc, 100, 30);
    press(&mut a, "Space");
    let _ = screen(&a).percent();
    // Only the first screens' units and the last few (for the end clamp) are laid out.
    assert!(a.laid_out_units() < 60, "laid out {}", a.laid_out_units());
}

#[test]
fn left_and_right_scroll_wide_preformatted_rows_by_eight_within_bounds() {
    let mut a = app(support::table_doc(), 40, 12);
    press(&mut a, "h");
    let s = screen(&a);
    assert!(s.contains("Vessel    Port"), "Left at 0 stays at 0");
    assert!(!s.status().contains("nothing on screen"));
    press(&mut a, "l");
    let s = screen(&a);
    assert!(
        !s.contains("Vessel") && s.contains("‹ Port of call"),
        "{}",
        s.text()
    );
    assert!(s.contains("Paragraph 0. The ledger"), "prose does not move");
    // The widest row (76 columns) in a 38-column page: the end comes into view and no
    // further, however often Right is pressed.
    press(&mut a, "l l l l l l l l l l");
    let far = screen(&a).text();
    assert!(far.contains("harbourmaster"), "{far}");
    press(&mut a, "Right");
    assert_eq!(
        screen(&a).text(),
        far,
        "never past the widest line on screen"
    );
    press(&mut a, "Left");
    assert_ne!(screen(&a).text(), far);
    press(&mut a, "h h h h h h");
    assert!(
        screen(&a).contains("Vessel    Port"),
        "back at the left edge"
    );
}

#[test]
fn sideways_scroll_with_nothing_wide_on_screen_says_so() {
    let mut a = app(notes_doc(), 100, 30);
    let before = screen(&a).page().to_vec();
    press(&mut a, "l");
    let s = screen(&a);
    assert_eq!(s.page(), before.as_slice());
    assert!(
        s.status()
            .contains("nothing on screen is wider than the column"),
        "{}",
        s.status()
    );
}

#[test]
fn selecting_an_anchor_in_a_clipped_row_scrolls_it_into_view() {
    let mut a = app(support::table_doc(), 40, 12);
    assert!(
        !screen(&a).contains("[1]"),
        "the anchor at column ~56 is clipped"
    );
    press(&mut a, "Tab");
    let s = screen(&a);
    assert!(
        s.contains("[1]"),
        "the anchor is brought into view: {}",
        s.text()
    );
}

#[test]
fn a_search_hit_in_a_clipped_row_scrolls_it_into_view() {
    let mut a = app(support::table_doc(), 40, 12);
    assert!(!screen(&a).contains("harbourmaster"));
    press(&mut a, "/");
    type_text(&mut a, "harbourmaster");
    press(&mut a, "Enter");
    // It starts at column 63 of the widest row; the page is 38 wide.
    assert!(
        screen(&a).contains("harbourmaster"),
        "{}",
        screen(&a).text()
    );
}

#[test]
fn gutenberg_italics_are_drawn_in_italics_without_their_underscores() {
    let doc = sidenote::document::load(
        b"Notes On The Quay\n\nShe read _The Lamps of Orvel_ twice over.\n",
    )
    .expect("text");
    let a = app(doc, 80, 10);
    let s = screen(&a);
    assert!(
        s.contains("She read The Lamps of Orvel twice over."),
        "{}",
        s.text()
    );
    let italic: Vec<String> = s
        .styled(ratatui::style::Modifier::ITALIC)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(
        italic.iter().any(|t| t.contains("The Lamps of Orvel")),
        "{italic:?}"
    );
    assert!(!italic.iter().any(|t| t.contains("twice")), "{italic:?}");
}
