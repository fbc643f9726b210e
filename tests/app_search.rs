//! Search in the reader, driven by keys: incremental prompt, n/N with wrap, cancel, not
//! found, regex toggle, history, highlights. Checked on the screen and the status line.

mod support;

use ratatui::style::{Color, Modifier};
use sidenote::app::App;
use support::*;

fn search(a: &mut App, q: &str) {
    press(a, "/");
    type_text(a, q);
    press(a, "Enter");
}

/// `(other matches, current match)` highlighted cells on the page.
fn hits(s: &Screen) -> (usize, usize) {
    let (mut other, mut current) = (0, 0);
    for y in 0..s.buf.area.height.saturating_sub(1) {
        for x in 0..s.buf.area.width {
            let c = &s.buf[(x, y)];
            if c.bg == Color::Yellow {
                other += 1;
            }
            if c.bg == Color::LightRed && c.modifier.contains(Modifier::BOLD) {
                current += 1;
            }
        }
    }
    (other, current)
}

/// The row of the current match.
fn current_row(s: &Screen) -> Option<usize> {
    (0..s.buf.area.height.saturating_sub(1))
        .find(|&y| (0..s.buf.area.width).any(|x| s.buf[(x, y)].bg == Color::LightRed))
        .map(usize::from)
}

/// The `M` of "match N of M" on a status line.
fn total_of(status: &str) -> usize {
    let at = status
        .find(" of ")
        .unwrap_or_else(|| panic!("no count in {status:?}"));
    status[at + 4..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no count in {status:?}"))
}

#[test]
fn typing_moves_to_the_first_match_after_the_current_position() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "Space Space Space");
    let first = screen(&a).paragraphs()[0];
    press(&mut a, "/");
    type_text(&mut a, "paragraph 2");
    let s = screen(&a);
    assert!(s.status().starts_with("/paragraph 2"), "{s:?}");
    assert_eq!(total_of(&s.status()), 11, "paragraph 2 and 20..29");
    let row = current_row(&s).expect("the current match is on screen");
    let at: usize = s.rows[row]
        .split("Paragraph ")
        .nth(1)
        .and_then(|r| r.split('.').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(
        at >= first,
        "the first match at or after where the reader was: {s:?}"
    );
}

#[test]
fn esc_in_the_prompt_returns_exactly_where_the_reader_was() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "Space");
    let before = screen(&a);
    press(&mut a, "/");
    type_text(&mut a, "paragraph 29");
    assert_ne!(screen(&a).page(), before.page());
    press(&mut a, "Esc");
    let s = screen(&a);
    assert_eq!(s.text(), before.text());
    assert_eq!(hits(&s), (0, 0), "the cancelled query leaves no highlights");
    press(&mut a, "n");
    assert_eq!(screen(&a).page(), before.page(), "nothing to repeat");
}

#[test]
fn enter_confirms_records_a_jump_and_reports_the_count() {
    let mut a = app(notes_doc(), 100, 20);
    let top = screen(&a);
    search(&mut a, "paragraph 29");
    let s = screen(&a);
    assert!(
        s.status().starts_with("match 1 of 1: paragraph 29"),
        "{s:?}"
    );
    assert!(s.contains("Paragraph 29."));
    press(&mut a, "BS");
    assert_eq!(screen(&a).page(), top.page());
}

#[test]
fn n_and_capital_n_step_and_wrap_with_a_notice() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "canal at brisk");
    let st = status(&a);
    assert!(st.starts_with("match 1 of "), "{st}");
    let total = total_of(&st);
    assert!(total >= 30);
    press(&mut a, "n");
    assert!(status(&a).starts_with(&format!("match 2 of {total}: canal at brisk")));
    press(&mut a, "N N");
    let st = status(&a);
    assert!(st.contains(&format!("match {total} of {total}")), "{st}");
    assert!(st.contains("search wrapped"), "{st}");
    press(&mut a, "n");
    let st = status(&a);
    assert!(st.contains(&format!("match 1 of {total}")), "{st}");
    assert!(st.contains("search wrapped"), "{st}");
}

#[test]
fn no_match_says_not_found_and_moves_nothing() {
    let mut a = app(notes_doc(), 100, 20);
    press(&mut a, "Space");
    let before = screen(&a);
    search(&mut a, "zeppelin");
    let s = screen(&a);
    assert!(s.status().starts_with("not found: zeppelin"), "{s:?}");
    assert_eq!(s.page(), before.page());
    press(&mut a, "n");
    assert_eq!(screen(&a).page(), before.page());
}

#[test]
fn notes_and_the_header_are_searched() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "source in the archive");
    assert_eq!(total_of(&status(&a)), 10, "ten notes with text say so");
    search(&mut a, "river accord");
    let s = screen(&a);
    assert!(s.status().starts_with("match 1 of 1"), "{s:?}");
    assert_eq!(current_row(&s), Some(0), "the title is searched");
}

#[test]
fn smart_case_and_regex_toggle() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "Norvale");
    let n = total_of(&status(&a));
    search(&mut a, "NORVALE");
    assert!(
        status(&a).starts_with("not found: NORVALE"),
        "an uppercase query is exact"
    );
    press(&mut a, "/ C-r");
    type_text(&mut a, "norv[a-z]+e");
    assert!(status(&a).contains("[regex]"), "{}", status(&a));
    press(&mut a, "Enter");
    assert_eq!(total_of(&status(&a)), n);
    press(&mut a, "/");
    type_text(&mut a, "(unclosed");
    let st = status(&a);
    assert!(
        st.contains("[regex]"),
        "the regex toggle is remembered: {st}"
    );
    assert!(st.contains("invalid pattern"), "{st}");
    press(&mut a, "Enter");
    assert!(status(&a).starts_with("invalid pattern"), "{}", status(&a));
}

#[test]
fn history_recalls_earlier_queries_with_up_and_down() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "gauges");
    search(&mut a, "quotas");
    press(&mut a, "/");
    type_text(&mut a, "dra");
    press(&mut a, "Up");
    assert!(status(&a).starts_with("/quotas"), "{}", status(&a));
    press(&mut a, "Up");
    assert!(status(&a).starts_with("/gauges"));
    press(&mut a, "Down Down");
    assert!(
        status(&a).starts_with("/dra "),
        "Down past the newest restores what was typed: {}",
        status(&a)
    );
    // Line editing in the prompt: cursor moves, delete, clear.
    press(&mut a, "Left BS");
    assert!(status(&a).starts_with("/da "), "{}", status(&a));
    press(&mut a, "Right");
    type_text(&mut a, "m");
    assert!(status(&a).starts_with("/dam "), "{}", status(&a));
    press(&mut a, "C-u");
    assert!(status(&a).starts_with("/ "), "{}", status(&a));
    press(&mut a, "BS");
    assert!(!status(&a).starts_with('/'), "Backspace on empty cancels");
}

#[test]
fn esc_in_reading_mode_clears_the_highlights_and_n_brings_them_back() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "gauges");
    let (other, current) = hits(&screen(&a));
    assert!(current > 0 && other > 0);
    press(&mut a, "Esc");
    assert_eq!(hits(&screen(&a)), (0, 0));
    press(&mut a, "n");
    assert!(hits(&screen(&a)).1 > 0);
}

#[test]
fn matches_are_highlighted_and_the_current_one_differs() {
    let mut a = app(sample_doc(), 100, 30);
    search(&mut a, "minimum flow");
    let buf = screen(&a).buf;
    let mut hit_cells = 0;
    let mut current_cells = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.bg == ratatui::style::Color::Yellow {
                hit_cells += 1;
            }
            if c.bg == ratatui::style::Color::LightRed && c.modifier.contains(Modifier::BOLD) {
                current_cells += 1;
            }
        }
    }
    assert_eq!(
        current_cells,
        "minimum flow".len(),
        "exactly one current match"
    );
    let screen = screen_text(&a);
    assert!(screen.contains("match 1 of"));
    assert!(total_of(&status(&a)) >= 3, "body and note matches");
    assert_eq!(
        hit_cells % "minimum flow".len(),
        0,
        "other matches are highlighted whole"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn diacritics_are_ignored_by_default_and_the_toggle_makes_them_exact() {
    let mut a = app(sample_doc(), 100, 30);
    search(&mut a, "kalen");
    assert!(total_of(&status(&a)) > 0, "kalen finds Kaleń");
    press(&mut a, "/ C-t");
    assert!(status(&a).contains("accents count"), "{}", status(&a));
    type_text(&mut a, "kalen");
    press(&mut a, "Enter");
    assert!(status(&a).starts_with("not found: kalen"), "{}", status(&a));
}
