//! Big documents are indexed and searched off the UI thread, and a search the reader has
//! typed past can be dropped.

use sidenote::document::synthetic::{synthetic_document, RARE_WORD};
use sidenote::search::{search, search_cancellable, SearchError, SearchIndex, SearchOptions};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

#[test]
fn index_built_on_a_worker_serves_searches_on_another() {
    let doc = Arc::new(synthetic_document(500_000, Some(RARE_WORD)));
    let worker_doc = Arc::clone(&doc);
    let index = std::thread::spawn(move || SearchIndex::build(&worker_doc))
        .join()
        .expect("index thread");
    let index = Arc::new(index);
    let (d, i) = (Arc::clone(&doc), Arc::clone(&index));
    let found = std::thread::spawn(move || search(&d, &i, RARE_WORD, SearchOptions::default()))
        .join()
        .expect("search thread")
        .expect("valid query");
    assert_eq!(found.len(), 1);
}

#[test]
fn a_cancelled_search_stops_with_cancelled() {
    let doc = synthetic_document(2_000_000, None);
    let index = SearchIndex::build(&doc);
    let cancel = AtomicBool::new(true);
    for opts in [
        SearchOptions::default(),
        SearchOptions {
            regex: true,
            ..SearchOptions::default()
        },
    ] {
        let result = search_cancellable(&doc, &index, "the", opts, &cancel);
        assert_eq!(result, Err(SearchError::Cancelled));
    }
    let not_cancelled = search_cancellable(
        &doc,
        &index,
        "the",
        SearchOptions::default(),
        &AtomicBool::new(false),
    );
    assert!(not_cancelled.is_ok_and(|m| m.len() > 4096));
}
