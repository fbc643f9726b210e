//! Search history: most recent last, each query once, capped, kept across sessions.

mod store_support;

use sidenote::store::{Store, StoreWarning, HISTORY_CAP};
use store_support::NOW;

#[test]
fn queries_are_kept_most_recent_last_without_repeats() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open_at(tmp.path());
    assert!(s.history().is_empty());
    for q in ["ferry", "harbour council", "ferry", "  ", "", "quay"] {
        s.push_history(q).unwrap();
    }
    assert_eq!(
        Store::open_at(tmp.path()).history(),
        ["harbour council", "ferry", "quay"]
    );
    s.push_history("quay").unwrap();
    assert_eq!(s.history(), ["harbour council", "ferry", "quay"]);
    // Different case is a different query: search may be case-sensitive.
    s.push_history("Ferry").unwrap();
    assert_eq!(s.history().last().map(String::as_str), Some("Ferry"));
}

#[test]
fn history_keeps_only_the_most_recent_queries() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open_at(tmp.path());
    for i in 0..HISTORY_CAP + 25 {
        s.push_history(&format!("query {i}")).unwrap();
    }
    let h = s.history();
    assert_eq!(h.len(), HISTORY_CAP);
    assert_eq!(h[0], "query 25");
    assert_eq!(h[HISTORY_CAP - 1], format!("query {}", HISTORY_CAP + 24));
}

#[test]
fn a_damaged_history_is_set_aside_and_bookmarks_are_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open_at(tmp.path()).with_clock(|| NOW);
    std::fs::write(s.history_path(), b"\x00\x01 definitely not json").unwrap();
    assert!(s.history().is_empty());
    let w = s.take_warnings();
    assert!(matches!(w[..], [StoreWarning::SetAside { .. }]), "{w:?}");
    assert!(tmp
        .path()
        .join(format!("history.json.corrupt-{NOW}"))
        .exists());
    s.push_history("ferry").unwrap();
    assert_eq!(s.history(), ["ferry"]);
    assert!(!s.bookmarks_path().exists());
}
