//! Which record a document is: copies, moves, renames and edits of real files in a
//! temporary directory never take bookmarks or the position away from another file whose
//! content did not change (docs/storage.md, "How documents are recognised").

mod store_support;

use sidenote::document::Document;
use sidenote::store::{Bookmark, DocKey, DocRecord, Store, StoreWarning};
use std::path::Path;
use store_support::*;

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open_at(dir.path().join("data")).with_clock(|| NOW)
}

const LEAD: &str = "Amid growing concern over the ferry timetable, the harbour council called an emergency session for Thursday evening.";

fn v1() -> Document {
    doc("Ferry Timetable Dispute", &[LEAD, P1, P2, P3])
}

/// A little edit, as a reader would make it: a word inserted in the lead.
fn v2() -> Document {
    let lead = LEAD.replace("Amid growing", "Amid the growing");
    doc("Ferry Timetable Dispute", &[&lead, P1, P2, P3])
}

/// Another edit on top: a paragraph added before the complaint.
fn v3() -> Document {
    let lead = LEAD.replace("Amid growing", "Amid the growing");
    let extra = "Late on Wednesday the company published a revised timetable for the summer.";
    doc("Ferry Timetable Dispute", &[&lead, P1, extra, P2, P3])
}

/// Opens `doc` from `path` as the app does.
fn open(s: &Store, path: &Path, d: &Document) -> (DocRecord, Vec<StoreWarning>) {
    let key = DocKey::for_file(path, &std::fs::read(path).unwrap());
    s.load_doc(&key, d, NOW + 100).unwrap()
}

/// `a.txt` with two bookmarks and a saved position.
fn bookmarked(tmp: &tempfile::TempDir, s: &Store) -> (std::path::PathBuf, Vec<Bookmark>) {
    let a = tmp.path().join("a.txt");
    let d = v1();
    let key = write_doc(&a, &d);
    let b1 = Bookmark::new(&d, pos_of(&d, 0, "Amid growing"), "lead", NOW);
    let b2 = Bookmark::new(&d, pos_of(&d, 2, "leaving fishermen"), "stranded", NOW + 1);
    s.add_bookmark(&key, &d, b1.clone()).unwrap();
    s.add_bookmark(&key, &d, b2.clone()).unwrap();
    s.save_position(&key, &d, pos_of(&d, 3, "spring"), 88, NOW + 2)
        .unwrap();
    (a, vec![b1, b2])
}

/// `a.txt` bookmarked, then moved to `moved.txt` and edited (`v2`) in one go.
fn moved_and_edited(tmp: &tempfile::TempDir, s: &Store) -> (std::path::PathBuf, Vec<Bookmark>) {
    let (a, saved) = bookmarked(tmp, s);
    std::fs::remove_file(&a).unwrap();
    let moved = tmp.path().join("moved.txt");
    write_doc(&moved, &v2());
    (moved, saved)
}

/// The record is the untouched original: same ids, same places, same position.
fn assert_original(rec: &DocRecord, d: &Document, saved: &[Bookmark]) {
    let ids: Vec<&str> = rec.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [saved[0].id.as_str(), saved[1].id.as_str()]);
    assert_eq!(rec.bookmarks[0].at, pos_of(d, 0, "Amid growing"));
    assert_eq!(rec.bookmarks[1].at, pos_of(d, 2, "leaving fishermen"));
    assert!(rec.bookmarks.iter().all(|b| !b.lost));
    let last = rec.last_position.as_ref().expect("position kept");
    assert_eq!((last.at, last.percent), (pos_of(d, 3, "spring"), 88));
}

/// The record carried over to an edited version: both bookmarks on their passages.
fn assert_carried(rec: &DocRecord, d: &Document) {
    assert_eq!(rec.bookmarks.len(), 2, "{:?}", rec.bookmarks);
    assert!(rec.bookmarks.iter().all(|b| !b.lost), "{:?}", rec.bookmarks);
    assert_eq!(rec.bookmarks[0].at, pos_of(d, 0, "Amid the growing"));
    let stranded = d.blocks.iter().position(|b| b.text == P2).unwrap();
    assert_eq!(
        rec.bookmarks[1].at,
        pos_of(d, stranded, "leaving fishermen")
    );
    let last = rec.last_position.as_ref().expect("position carried over");
    let spring = d.blocks.iter().position(|b| b.text == P3).unwrap();
    assert_eq!(last.at, pos_of(d, spring, "spring"));
}

/// Issue scenario 3: bookmark `a.txt`, copy it to `b.txt`, open `b.txt`, edit it, open it
/// again, open `a.txt`: `a.txt` keeps its bookmarks and position.
#[test]
fn scenario_3_editing_a_copy_leaves_the_original_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let b = tmp.path().join("b.txt");
    std::fs::copy(&a, &b).unwrap();
    let (rec_b, _) = open(&s, &b, &v1());
    assert_original(&rec_b, &v1(), &saved);

    // A little edit that leaves every bookmarked passage as it was: a closing line.
    let edited = doc(
        "Ferry Timetable Dispute",
        &[LEAD, P1, P2, P3, "The council meets again on Monday."],
    );
    write_doc(&b, &edited);
    let (rec_b, warnings) = open(&s, &b, &edited);
    assert_eq!(rec_b.bookmarks.len(), 2);
    assert!(rec_b.bookmarks.iter().all(|b| !b.lost));
    assert!(
        matches!(
            warnings[..],
            [StoreWarning::Reanchored {
                placed: 2,
                moved: 0,
                lost: 0
            }]
        ),
        "{warnings:?}"
    );
    let (again, warnings) = open(&s, &b, &edited);
    assert!(warnings.is_empty(), "{warnings:?}");
    let places = |r: &DocRecord| {
        r.bookmarks
            .iter()
            .map(|b| (b.id.clone(), b.at))
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&again), places(&rec_b));

    let (rec_a, warnings) = open(&s, &a, &v1());
    assert_original(&rec_a, &v1(), &saved);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Two records now, one per content; the copy's bookmarks have ids of their own.
    let all = s.all_records().unwrap();
    assert_eq!(all.len(), 2);
    assert!(rec_b
        .bookmarks
        .iter()
        .all(|x| saved.iter().all(|y| x.id != y.id)));
}

/// Issue scenario 4: one word inserted in a bookmarked paragraph ("Amid growing" → "Amid
/// the growing"): the bookmark follows, it is not "not found in this version".
#[test]
fn scenario_4_one_word_changed_in_a_bookmarked_paragraph() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, _) = bookmarked(&tmp, &s);
    write_doc(&a, &v2());
    let (rec, warnings) = open(&s, &a, &v2());
    assert!(!rec.bookmarks[0].lost, "{:?}", rec.bookmarks[0]);
    assert!(rec.bookmarks[0].moved);
    assert_carried(&rec, &v2());
    assert!(
        matches!(
            warnings[..],
            [StoreWarning::Reanchored {
                placed: 2,
                moved: 2,
                lost: 0
            }]
        ),
        "{warnings:?}"
    );
}

#[test]
fn copy_then_edit_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let b = tmp.path().join("b.txt");
    std::fs::copy(&a, &b).unwrap();
    open(&s, &b, &v1());
    write_doc(&a, &v2());
    let (rec_a, _) = open(&s, &a, &v2());
    assert_carried(&rec_a, &v2());
    let (rec_b, _) = open(&s, &b, &v1());
    assert_original(&rec_b, &v1(), &saved);
    assert_eq!(s.all_records().unwrap().len(), 2);
}

#[test]
fn a_copy_edited_before_it_was_ever_opened_gets_a_copy_of_the_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let b = tmp.path().join("b.txt");
    write_doc(&b, &v2());
    let (rec_b, _) = open(&s, &b, &v2());
    assert_carried(&rec_b, &v2());
    let (rec_a, _) = open(&s, &a, &v1());
    assert_original(&rec_a, &v1(), &saved);
}

#[test]
fn a_moved_file_keeps_its_record() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    std::fs::create_dir(tmp.path().join("archive")).unwrap();
    let moved = tmp.path().join("archive/a.txt");
    std::fs::rename(&a, &moved).unwrap();
    let (rec, warnings) = open(&s, &moved, &v1());
    assert_original(&rec, &v1(), &saved);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(s.all_records().unwrap().len(), 1);
    let key = DocKey::for_file(&moved, &std::fs::read(&moved).unwrap());
    assert_eq!(s.find_record(&key).unwrap().unwrap().bookmarks.len(), 2);
}

#[test]
fn a_renamed_file_keeps_its_record_and_its_later_edits_too() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let renamed = tmp.path().join("ferry-dispute.txt");
    std::fs::rename(&a, &renamed).unwrap();
    let (rec, _) = open(&s, &renamed, &v1());
    assert_original(&rec, &v1(), &saved);
    // Edited afterwards: the old name is gone, so the record follows (no fork).
    write_doc(&renamed, &v2());
    let (rec, _) = open(&s, &renamed, &v2());
    assert_carried(&rec, &v2());
    assert_eq!(rec.bookmarks[0].id, saved[0].id);
    assert_eq!(s.all_records().unwrap().len(), 1);
}

#[test]
fn a_file_moved_and_edited_together_keeps_its_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (moved, saved) = moved_and_edited(&tmp, &s);
    let (rec, warnings) = open(&s, &moved, &v2());
    assert_carried(&rec, &v2());
    assert_eq!(
        rec.bookmarks[0].id, saved[0].id,
        "the same record, not a copy"
    );
    assert!(
        matches!(
            warnings[..],
            [StoreWarning::Reanchored {
                placed: 2,
                moved: 2,
                lost: 0
            }]
        ),
        "{warnings:?}"
    );
    assert_eq!(s.all_records().unwrap().len(), 1);
}

#[test]
fn an_unrelated_new_file_does_not_take_anyones_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    bookmarked(&tmp, &s);
    let other = tmp.path().join("other.txt");
    let d = doc(
        "Lighthouse Keepers Return",
        &["The keepers of the western light came back to the island on Monday."],
    );
    write_doc(&other, &d);
    let (rec, warnings) = open(&s, &other, &d);
    assert!(rec.bookmarks.is_empty() && rec.last_position.is_none());
    assert!(warnings.is_empty());
    assert_eq!(s.all_records().unwrap().len(), 1);
}

#[test]
fn an_edit_in_place_twice_follows_each_time() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    write_doc(&a, &v2());
    let (rec, _) = open(&s, &a, &v2());
    assert_carried(&rec, &v2());
    write_doc(&a, &v3());
    let (rec, _) = open(&s, &a, &v3());
    assert_carried(&rec, &v3());
    let ids: Vec<&str> = rec.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [saved[0].id.as_str(), saved[1].id.as_str()]);
    let all = s.all_records().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].fingerprint, fingerprint_of(&a));
}

fn fingerprint_of(p: &Path) -> String {
    sidenote::store::fingerprint(&std::fs::read(p).unwrap())
}

#[test]
fn two_identical_files_share_one_record_until_one_is_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let b = tmp.path().join("b.txt");
    write_doc(&b, &v1()); // written separately, same bytes
    let (rec_b, _) = open(&s, &b, &v1());
    assert_original(&rec_b, &v1(), &saved);
    // A bookmark added from b.txt shows from a.txt: one record, two paths.
    let d = v1();
    let key_b = DocKey::for_file(&b, &std::fs::read(&b).unwrap());
    let extra = Bookmark::new(&d, pos_of(&d, 1, "ferry timetable"), "from b", NOW + 5);
    s.add_bookmark(&key_b, &d, extra.clone()).unwrap();
    let (rec_a, _) = open(&s, &a, &v1());
    assert!(rec_a.bookmarks.iter().any(|x| x.id == extra.id));
    let all = s.all_records().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].known_paths().len(), 2);

    // Editing b.txt forks it; a.txt keeps all three.
    write_doc(&b, &v2());
    let (rec_b, _) = open(&s, &b, &v2());
    assert_eq!(rec_b.bookmarks.len(), 3);
    let (rec_a, _) = open(&s, &a, &v1());
    assert_eq!(rec_a.bookmarks.len(), 3);
    assert!(rec_a.bookmarks.iter().any(|x| x.id == extra.id));
    assert!(rec_a.has_path(&a) && !rec_a.has_path(&b.canonicalize().unwrap()));
}

#[test]
fn standard_input_is_keyed_by_content_and_follows_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let d1 = v1();
    let key1 = DocKey::for_stdin(&bytes_of(&d1));
    let bm = Bookmark::new(&d1, pos_of(&d1, 0, "Amid growing"), "lead", NOW);
    s.add_bookmark(&key1, &d1, bm.clone()).unwrap();
    s.save_position(&key1, &d1, pos_of(&d1, 3, "spring"), 88, NOW)
        .unwrap();
    let (rec, _) = s.load_doc(&key1, &d1, NOW).unwrap();
    assert_eq!(rec.bookmarks[0].id, bm.id);

    // The piped text was edited: the record follows its passages.
    let d2 = v2();
    let key2 = DocKey::for_stdin(&bytes_of(&d2));
    let (rec, _) = s.load_doc(&key2, &d2, NOW).unwrap();
    assert_eq!(rec.bookmarks[0].id, bm.id);
    assert_eq!(rec.bookmarks[0].at, pos_of(&d2, 0, "Amid the growing"));
    assert_eq!(rec.last_position.unwrap().at, pos_of(&d2, 3, "spring"));
    assert_eq!(s.all_records().unwrap().len(), 1);
}

#[test]
fn an_edited_copy_piped_in_leaves_the_file_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (a, saved) = bookmarked(&tmp, &s);
    let d2 = v2();
    let key2 = DocKey::for_stdin(&bytes_of(&d2));
    let (rec, _) = s.load_doc(&key2, &d2, NOW).unwrap();
    assert_carried(&rec, &d2);
    let (rec_a, _) = open(&s, &a, &v1());
    assert_original(&rec_a, &v1(), &saved);
}

/// The reader's worker matches a big file with `match_doc` (on another thread, at the
/// store's own time): a moved and edited file finds its record there as `load_doc`
/// finds it, under the key it was given.
#[test]
fn matching_on_a_worker_thread_follows_a_moved_and_edited_file() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store(&tmp);
    let (moved, saved) = moved_and_edited(&tmp, &s);
    let key = DocKey::for_file(&moved, &std::fs::read(&moved).unwrap());
    let worker = s.clone();
    let matched = std::thread::spawn(move || worker.match_doc(key, false, &v2()))
        .join()
        .unwrap();
    assert!(!matched.by_stamp);
    let (rec, _) = matched.loaded.unwrap();
    assert_carried(&rec, &v2());
    assert_eq!(rec.bookmarks[0].id, saved[0].id);
    assert_eq!(s.all_records().unwrap().len(), 1);
    assert_eq!(
        matched.key.path.as_deref(),
        Some(std::fs::canonicalize(&moved).unwrap().as_path())
    );
}
