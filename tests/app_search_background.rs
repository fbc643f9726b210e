//! Incremental search on a big document never blocks a key: each edit of the query
//! starts a search on a worker thread (the index too, if it is not built yet), a search
//! typed past is dropped, and the loop takes the result (`App::poll_search`). The
//! threshold is lowered so a small document stands in for a big one.

mod support;

use sidenote::app::App;
use sidenote::document::synthetic::synthetic_dispatch_with_rare_word;
use sidenote::document::{load, Document};
use support::{press, screen, type_text};

fn doc() -> Document {
    let text = synthetic_dispatch_with_rare_word(200 << 10, "quillwhistle");
    load(text.as_bytes()).expect("parses")
}

fn big(doc: &Document) -> App {
    let mut app = support::app(doc.clone(), 100, 30);
    app.background_index_from = 0;
    app
}

/// What the loop does while a search runs: take the index and the result when in.
fn settle(app: &mut App) {
    let since = std::time::Instant::now();
    while app.search_pending() {
        app.poll_index();
        app.poll_search();
        assert!(since.elapsed().as_secs() < 60, "the search never came");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[test]
fn a_key_never_waits_for_the_search_and_the_result_comes_by_itself() {
    let doc = doc();
    let mut app = big(&doc);
    let mut small = support::app(doc, 100, 30);
    press(&mut app, "/");
    type_text(&mut app, "harbour");
    // The key is answered at once: the search runs elsewhere, the prompt says so.
    assert!(app.search_pending());
    assert!(app.search.is_none());
    assert!(screen(&app).status().contains("searching…"));
    settle(&mut app);
    press(&mut small, "/");
    type_text(&mut small, "harbour");
    assert_eq!(
        app.search
            .as_ref()
            .map(|s| (s.query.clone(), s.matches.len(), s.current)),
        small
            .search
            .as_ref()
            .map(|s| (s.query.clone(), s.matches.len(), s.current))
    );
    assert_eq!(screen(&app).page(), screen(&small).page());
    assert_eq!(screen(&app).status(), screen(&small).status());
}

/// Only the search of what is typed now is shown: one typed past is dropped.
#[test]
fn a_search_typed_past_is_dropped() {
    let doc = doc();
    let mut app = big(&doc);
    press(&mut app, "/");
    type_text(&mut app, "quill");
    settle(&mut app);
    assert_eq!(app.search.as_ref().map(|s| s.query.as_str()), Some("quill"));
    type_text(&mut app, "w");
    // Its worker has time to answer before the next letter, unread: the answer for
    // `quillw` must never be shown once `quillwh` is typed.
    std::thread::sleep(std::time::Duration::from_millis(300));
    type_text(&mut app, "h");
    let since = std::time::Instant::now();
    while app.search_pending() {
        app.poll_index();
        app.poll_search();
        let query = app.search.as_ref().map(|s| s.query.clone());
        assert_ne!(
            query.as_deref(),
            Some("quillw"),
            "a search typed past was shown"
        );
        assert!(since.elapsed().as_secs() < 60, "the search never came");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let s = app.search.as_ref().expect("a search");
    assert_eq!((s.query.as_str(), s.matches.len()), ("quillwh", 1));
    // Esc gives the search up: nothing comes afterwards.
    type_text(&mut app, "i");
    press(&mut app, "<Esc>");
    assert!(!app.search_pending());
    assert!(app.search.is_none());
}

/// `Enter` confirms what was typed: it waits for that search, then moves as always.
#[test]
fn enter_takes_the_search_of_what_was_typed() {
    let doc = doc();
    let mut app = big(&doc);
    let mut small = support::app(doc, 100, 30);
    for a in [&mut app, &mut small] {
        press(a, "/");
        type_text(a, "quillwhistle");
        press(a, "<Enter>");
    }
    assert!(!app.search_pending());
    assert_eq!(screen(&app).status(), screen(&small).status());
    assert!(screen(&app)
        .status()
        .starts_with("match 1 of 1: quillwhistle"));
    assert_eq!(screen(&app).page(), screen(&small).page());
}

/// While the next letter's search runs, the matches of the query typed before are not
/// lit as if they were its own (review finding); they come back with `Esc` as before.
#[test]
fn the_matches_of_the_query_typed_before_go_while_the_next_is_searched() {
    let doc = doc();
    let mut app = big(&doc);
    press(&mut app, "/");
    type_text(&mut app, "harbour");
    settle(&mut app);
    assert!(app.search.as_ref().is_some_and(|s| !s.matches.is_empty()));
    type_text(&mut app, "q");
    assert!(app.search_pending());
    assert!(
        app.search.is_none(),
        "harbour's matches are not this query's"
    );
    settle(&mut app);
    assert_eq!(
        app.search.as_ref().map(|s| s.query.as_str()),
        Some("harbourq")
    );
}

/// A regex is searched as it is typed on a big document too, on a worker thread: a key
/// never waits for it (it took half a second at 100 MB, on `Enter`, on the UI thread).
#[test]
fn a_regex_is_searched_as_it_is_typed_off_the_ui_thread() {
    let doc = doc();
    let mut app = big(&doc);
    let mut small = support::app(doc, 100, 30);
    press(&mut app, "/<C-r>");
    type_text(&mut app, "quill.histle");
    assert!(app.search_pending(), "the key is answered at once");
    assert!(screen(&app).status().contains("searching…"));
    settle(&mut app);
    press(&mut small, "/<C-r>");
    type_text(&mut small, "quill.histle");
    let found = |a: &App| a.search.as_ref().map(|s| (s.matches.len(), s.current));
    assert_eq!(found(&app), found(&small));
    assert_eq!(found(&app).map(|f| f.0), Some(1));
    assert_eq!(screen(&app).page(), screen(&small).page());
    assert_eq!(screen(&app).status(), screen(&small).status());
    // A bad pattern says so in the prompt, from the worker too.
    type_text(&mut app, "(");
    settle(&mut app);
    let prompt = screen(&app).status();
    assert!(prompt.contains("regex"), "{prompt}");
    press(&mut app, "<BS><Enter>");
    assert!(
        screen(&app).status().starts_with("match 1 of 1"),
        "{}",
        screen(&app).status()
    );
}
