//! State-level tests of search in the reader: incremental prompt, n/N with wrap, cancel,
//! not found, regex toggle, history, highlights.

mod support;

use ratatui::style::Modifier;
use sidenote::app::{Action, App, Overlay};
use support::{app, notes_doc, sample_doc, screen_text};

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(Action::Insert(c));
    }
}

fn search(a: &mut App, q: &str) {
    a.update(Action::Search);
    type_text(a, q);
    a.update(Action::Activate);
}

#[test]
fn typing_moves_to_the_first_match_after_the_current_position() {
    let mut a = app(notes_doc(), 100, 20);
    for _ in 0..3 {
        a.update(Action::PageDown);
    }
    let start = a.top_pos();
    a.update(Action::Search);
    type_text(&mut a, "paragraph 2");
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.matches.len(), 11, "paragraph 2 and 20..29");
    let current = s.matches.get(s.current.unwrap()).unwrap();
    assert!(
        current.pos() >= start,
        "the first match at or after where the reader was"
    );
    assert!(a.visible_rows().contains(&a.row_of_pos(current.pos())));
}

#[test]
fn esc_in_the_prompt_returns_exactly_where_the_reader_was() {
    let mut a = app(notes_doc(), 100, 20);
    a.update(Action::PageDown);
    let top = a.top;
    a.update(Action::Search);
    type_text(&mut a, "paragraph 29");
    assert_ne!(a.top, top);
    a.update(Action::Cancel);
    assert_eq!(a.top, top);
    assert!(a.overlays.is_empty());
    assert!(
        a.search.is_none(),
        "the cancelled query leaves no highlights"
    );
}

#[test]
fn enter_confirms_records_a_jump_and_reports_the_count() {
    let mut a = app(notes_doc(), 100, 20);
    let top = a.top;
    search(&mut a, "paragraph 29");
    assert!(a.overlays.is_empty());
    assert_eq!(a.message.as_deref(), Some("match 1 of 1: paragraph 29"));
    a.update(Action::JumpBack);
    assert_eq!(a.top, top);
}

#[test]
fn n_and_capital_n_step_and_wrap_with_a_notice() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "canal at brisk");
    let total = a.search.as_ref().unwrap().matches.len();
    assert!(total >= 30);
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    a.update(Action::SearchNext);
    assert_eq!(a.search.as_ref().unwrap().current, Some(1));
    assert_eq!(
        a.message.as_deref(),
        Some(format!("match 2 of {total}: canal at brisk").as_str())
    );
    a.update(Action::SearchPrev);
    a.update(Action::SearchPrev);
    assert_eq!(a.search.as_ref().unwrap().current, Some(total - 1));
    assert!(a.message.as_deref().unwrap().contains("search wrapped"));
    a.update(Action::SearchNext);
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    assert!(a.message.as_deref().unwrap().contains("search wrapped"));
}

#[test]
fn no_match_says_not_found_and_moves_nothing() {
    let mut a = app(notes_doc(), 100, 20);
    a.update(Action::PageDown);
    let top = a.top;
    search(&mut a, "zeppelin");
    assert_eq!(a.message.as_deref(), Some("not found: zeppelin"));
    assert_eq!(a.top, top);
    a.update(Action::SearchNext);
    assert_eq!(a.top, top);
}

#[test]
fn notes_and_the_header_are_searched() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "source in the archive");
    assert_eq!(
        a.search.as_ref().unwrap().matches.len(),
        10,
        "ten notes with text say so"
    );
    search(&mut a, "river accord");
    let first = a.search.as_ref().unwrap().matches.get(0).unwrap();
    assert_eq!(first.unit, 0, "the title is searched");
}

#[test]
fn smart_case_and_regex_toggle() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "Norvale");
    let n = a.search.as_ref().unwrap().matches.len();
    search(&mut a, "NORVALE");
    assert_eq!(
        a.search.as_ref().unwrap().matches.len(),
        0,
        "an uppercase query is exact"
    );
    a.update(Action::Search);
    a.update(Action::ToggleRegex);
    type_text(&mut a, "norv[a-z]+e");
    a.update(Action::Activate);
    assert_eq!(a.search.as_ref().unwrap().matches.len(), n);
    a.update(Action::Search);
    type_text(&mut a, "(unclosed");
    match a.overlays.last() {
        Some(Overlay::Search(p)) => {
            assert!(p.opts.regex, "the regex toggle is remembered");
            assert!(p.error.as_deref().unwrap().starts_with("invalid pattern"));
        }
        other => panic!("prompt expected, got {other:?}"),
    }
    a.update(Action::Activate);
    assert!(a.message.as_deref().unwrap().starts_with("invalid pattern"));
}

#[test]
fn history_recalls_earlier_queries_with_up_and_down() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "gauges");
    search(&mut a, "quotas");
    a.update(Action::Search);
    type_text(&mut a, "dra");
    a.update(Action::HistoryPrev);
    let text = |a: &App| match a.overlays.last() {
        Some(Overlay::Search(p)) => p.edit.text.clone(),
        _ => panic!("prompt expected"),
    };
    assert_eq!(text(&a), "quotas");
    a.update(Action::HistoryPrev);
    assert_eq!(text(&a), "gauges");
    a.update(Action::HistoryNext);
    a.update(Action::HistoryNext);
    assert_eq!(
        text(&a),
        "dra",
        "Down past the newest restores what was typed"
    );
}

#[test]
fn esc_in_reading_mode_clears_the_highlights_and_n_brings_them_back() {
    let mut a = app(notes_doc(), 100, 20);
    search(&mut a, "gauges");
    assert!(a.search.as_ref().unwrap().highlight);
    a.update(Action::Cancel);
    assert!(!a.search.as_ref().unwrap().highlight);
    a.update(Action::SearchNext);
    assert!(a.search.as_ref().unwrap().highlight);
}

#[test]
fn matches_are_highlighted_and_the_current_one_differs() {
    let mut a = app(sample_doc(), 100, 30);
    search(&mut a, "minimum flow");
    let buf = support::draw(&a);
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
    assert!(
        a.search.as_ref().unwrap().matches.len() >= 3,
        "body and note matches"
    );
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
    let loose = a.search.as_ref().unwrap().matches.len();
    assert!(loose > 0, "kalen finds Kaleń");
    a.update(Action::Search);
    a.update(Action::ToggleDiacritics);
    type_text(&mut a, "kalen");
    a.update(Action::Activate);
    assert_eq!(a.search.as_ref().unwrap().matches.len(), 0);
}

#[test]
fn on_a_large_document_regex_search_waits_for_enter() {
    let mut doc = notes_doc();
    let filler = doc.blocks[0].clone();
    while doc.blocks.iter().map(|b| b.text.len()).sum::<usize>() < 5 << 20 {
        doc.blocks.push(sidenote::document::Block {
            anchors: vec![],
            ..filler.clone()
        });
    }
    let mut a = app(doc, 100, 20);
    a.update(Action::Search);
    a.update(Action::ToggleRegex);
    type_text(&mut a, "paragraph 29");
    assert!(a.search.is_none(), "nothing searched per key");
    a.update(Action::Activate);
    assert_eq!(a.search.as_ref().unwrap().matches.len(), 1);
    assert_eq!(a.message.as_deref(), Some("match 1 of 1: paragraph 29"));
}
