//! The library's side of the store: visits recorded on close (`library.json`), a
//! document's key found by its file's stamp, forgetting with a backup.

mod store_support;

use sidenote::document::DocPos;
use sidenote::store::{Bookmark, Closing, DocKey, FileStamp, Store};
use store_support::*;

fn close(store: &Store, key: &DocKey, doc: &sidenote::document::Document, now: u64, secs: u64) {
    store
        .record_close(&Closing {
            key,
            doc,
            stamp: Some(FileStamp {
                size: 10,
                mtime_ns: 5,
            }),
            percent: 40,
            now,
            secs,
        })
        .expect("record the visit");
}

#[test]
fn a_close_records_when_and_for_how_long_and_adds_up() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path()).with_clock(|| NOW);
    let d = doc("Ferry Timetable Dispute", &["The quay was closed."]);
    let key = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000001".into(),
        path: Some("/home/reader/ferry.txt".into()),
    };
    close(&store, &key, &d, NOW, 60);
    close(&store, &key, &d, NOW + 100, 30);
    let visits = store.visits().expect("visits");
    assert_eq!(visits.len(), 1, "one visit per path");
    let v = &visits[0];
    assert_eq!(
        (v.last_opened, v.reading_secs, v.percent),
        (NOW + 100, 90, 40)
    );
    assert_eq!(v.title, "Ferry Timetable Dispute");
    assert!(
        !store.bookmarks_path().exists(),
        "a visit does not touch bookmarks.json"
    );
    // An edited file (new fingerprint, same path) keeps its visit.
    let edited = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000002".into(),
        ..key.clone()
    };
    close(&store, &edited, &d, NOW + 200, 10);
    let visits = store.visits().expect("visits");
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].fingerprint, edited.fingerprint);
    assert_eq!(visits[0].reading_secs, 100);
    // Standard input is known by its fingerprint.
    let stdin = DocKey::for_stdin(b"piped");
    close(&store, &stdin, &d, NOW, 5);
    close(&store, &stdin, &d, NOW, 5);
    assert_eq!(store.visits().expect("visits").len(), 2);
}

#[test]
fn the_key_is_found_by_path_size_and_modification_time() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path().join("data")).with_clock(|| NOW);
    let path = tmp.path().join("ferry.txt");
    std::fs::write(&path, "The quay was closed.\n").expect("write");
    let stamp = FileStamp::of(&path).expect("stamp");
    assert_eq!(stamp.size, 21);
    assert!(store.key_by_stamp(&path, stamp).is_none(), "never seen");
    let d = doc("Ferry", &["The quay was closed."]);
    let key = DocKey::for_file(&path, b"The quay was closed.\n");
    store
        .record_close(&Closing {
            key: &key,
            doc: &d,
            stamp: Some(stamp),
            percent: 0,
            now: NOW,
            secs: 1,
        })
        .expect("visit");
    assert_eq!(store.key_by_stamp(&path, stamp), Some(key.clone()));
    let later = FileStamp {
        mtime_ns: stamp.mtime_ns + 1,
        ..stamp
    };
    assert!(
        store.key_by_stamp(&path, later).is_none(),
        "touched: hash it"
    );
    let other = tmp.path().join("other.txt");
    std::fs::write(&other, "The quay was closed.\n").expect("write");
    assert!(store.key_by_stamp(&other, stamp).is_none(), "another path");
}

#[test]
fn forgetting_keeps_the_record_in_a_backup_and_leaves_others_alone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path()).with_clock(|| NOW);
    let d = doc(
        "Ferry Timetable Dispute",
        &["The quay was closed.", "Noon."],
    );
    let ferry = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000001".into(),
        path: Some("/home/reader/ferry.txt".into()),
    };
    let other = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000009".into(),
        path: Some("/home/reader/canal.txt".into()),
    };
    for key in [&ferry, &other] {
        store
            .add_bookmark(key, &d, Bookmark::new(&d, DocPos::new(2, 0), "quay", NOW))
            .expect("bookmark");
        close(&store, key, &d, NOW, 1);
    }
    store
        .save_position(&ferry, &d, DocPos::new(3, 0), 50, NOW)
        .expect("position");
    let n = store
        .forget(&ferry.fingerprint, ferry.path.as_deref(), NOW + 7)
        .expect("forget");
    assert_eq!(n, 1);
    let records = store.all_records().expect("records");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].fingerprint, other.fingerprint);
    let visits = store.visits().expect("visits");
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].fingerprint, other.fingerprint);
    let backup = store.forgotten().expect("backup");
    assert_eq!(backup.len(), 1);
    assert_eq!(backup[0].forgotten, NOW + 7);
    assert_eq!(backup[0].record.bookmarks[0].label, "quay");
    assert!(backup[0].record.last_position.is_some(), "the position too");
    // A visit with no record (read, never bookmarked) is forgotten by its path.
    let third = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000003".into(),
        path: Some("/home/reader/gauges.txt".into()),
    };
    close(&store, &third, &d, NOW, 1);
    assert_eq!(
        store
            .forget(&third.fingerprint, third.path.as_deref(), NOW)
            .expect("forget"),
        0
    );
    assert_eq!(store.visits().expect("visits").len(), 1);
    assert_eq!(
        store.forgotten().expect("backup").len(),
        1,
        "nothing to back up"
    );
}

#[test]
fn a_damaged_library_file_is_set_aside() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path()).with_clock(|| 1_900_000_000);
    std::fs::write(store.library_path(), "not json").expect("write");
    assert!(store.visits().expect("read").is_empty());
    assert!(tmp.path().join("library.json.corrupt-1900000000").exists());
}
