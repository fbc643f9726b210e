//! Bookmarks and reading positions follow the document: across sessions, moves, renames,
//! standard input and edits.

mod store_support;

use sidenote::document::{DocPos, SourcePos, SrcPart};
use sidenote::store::{fingerprint, render, Bookmark, DocKey, ExportFormat, Store, StoreWarning};
use store_support::*;

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open_at(dir.path().join("data")).with_clock(|| NOW)
}

#[test]
fn bookmarks_and_position_survive_a_new_session() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = write_doc(&tmp.path().join("ferry.txt"), &d);
    let s = store(&tmp);
    let a = Bookmark::new(&d, pos_of(&d, 1, "leaving fishermen"), "stranded", NOW);
    let b = Bookmark::new(
        &d,
        pos_of(&d, 0, "ferry timetable"),
        "the timetable",
        NOW + 5,
    );
    s.add_bookmark(&key, &d, a.clone()).unwrap();
    s.add_bookmark(&key, &d, b.clone()).unwrap();
    s.save_position(&key, &d, pos_of(&d, 2, "spring"), 88, NOW + 9)
        .unwrap();

    let (rec, warnings) = Store::open_at(s.dir())
        .load_doc(&key, &d, NOW + 60)
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(rec.title, "Ferry Timetable Dispute");
    // Reading order, not creation order.
    assert_eq!(rec.bookmarks, vec![b, a.clone()]);
    assert!(a
        .excerpt
        .starts_with("leaving fishermen stranded on the quay"));
    let last = rec.last_position.expect("position saved");
    assert_eq!(
        (last.at, last.percent, last.updated),
        (pos_of(&d, 2, "spring"), 88, NOW + 9)
    );

    let on_disk = std::fs::read_to_string(s.bookmarks_path()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&on_disk).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["documents"][0]["bookmarks"][1]["label"], "stranded");
}

#[test]
fn a_new_document_opens_empty_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = DocKey::for_stdin(&bytes_of(&d));
    let s = store(&tmp);
    let (rec, warnings) = s.load_doc(&key, &d, NOW).unwrap();
    assert!(rec.bookmarks.is_empty() && rec.last_position.is_none() && warnings.is_empty());
    assert!(
        !s.dir().exists(),
        "opening a document must not create the data directory"
    );
}

#[test]
fn a_moved_and_renamed_file_keeps_its_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    std::fs::create_dir(tmp.path().join("inbox")).unwrap();
    std::fs::create_dir(tmp.path().join("archive")).unwrap();
    let old = tmp.path().join("inbox/ferry.txt");
    let key = write_doc(&old, &d);
    let s = store(&tmp);
    s.add_bookmark(
        &key,
        &d,
        Bookmark::new(&d, pos_of(&d, 1, "Residents"), "complaints", NOW),
    )
    .unwrap();

    let new = tmp.path().join("archive/2024-05 ferry dispute.txt");
    std::fs::rename(&old, &new).unwrap();
    let moved = DocKey::for_file(&new, &std::fs::read(&new).unwrap());
    let (rec, warnings) = s.load_doc(&moved, &d, NOW + 100).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(rec.bookmarks.len(), 1);
    assert_eq!(rec.bookmarks[0].label, "complaints");
    assert_eq!(rec.path.as_deref(), moved.path.as_deref());
    // The new path was written back, so the CLI finds it there too.
    let stored = s.all_records().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].path, moved.path);
}

#[test]
fn standard_input_is_known_by_content_and_keeps_the_last_path() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = write_doc(&tmp.path().join("ferry.txt"), &d);
    let s = store(&tmp);
    s.add_bookmark(&key, &d, Bookmark::new(&d, DocPos::new(2, 0), "start", NOW))
        .unwrap();

    let piped = DocKey::for_stdin(&bytes_of(&d));
    assert_eq!(piped.fingerprint, key.fingerprint);
    let (rec, _) = s.load_doc(&piped, &d, NOW).unwrap();
    assert_eq!(rec.bookmarks[0].label, "start");
    assert_eq!(
        rec.path, key.path,
        "reading from stdin does not forget where the file lives"
    );

    // Same content piped in with no file ever opened: still one record, no path.
    let other = doc("Another Dispatch", &[P3]);
    let stdin_key = DocKey::for_stdin(&bytes_of(&other));
    s.save_position(&stdin_key, &other, DocPos::new(2, 5), 10, NOW)
        .unwrap();
    let (rec, _) = s.load_doc(&stdin_key, &other, NOW).unwrap();
    assert_eq!(rec.path, None);
    assert_eq!(rec.last_position.unwrap().at, DocPos::new(2, 5));
}

#[test]
fn an_edited_file_keeps_bookmarks_on_their_moved_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ferry.txt");
    let v1 = original();
    let key1 = write_doc(&path, &v1);
    let s = store(&tmp);
    let bm = Bookmark::new(&v1, pos_of(&v1, 1, "leaving fishermen"), "stranded", NOW);
    s.add_bookmark(&key1, &v1, bm.clone()).unwrap();
    s.save_position(&key1, &v1, pos_of(&v1, 2, "reviewed"), 90, NOW)
        .unwrap();

    // The editor added a lead paragraph and moved the complaint to the end.
    let lead = "Updated on Wednesday with comment from the ferry company.";
    let v2 = doc("Ferry Timetable Dispute", &[lead, P1, P3, P2]);
    let key2 = write_doc(&path, &v2);
    assert_ne!(key1.fingerprint, key2.fingerprint);

    let (rec, warnings) = s.load_doc(&key2, &v2, NOW + 3600).unwrap();
    let placed = &rec.bookmarks[0];
    assert_eq!(placed.id, bm.id);
    assert!(!placed.lost);
    assert_eq!(placed.at, pos_of(&v2, 3, "leaving fishermen"));
    assert!(placed.percent > bm.percent, "the passage is now further on");
    assert!(
        matches!(
            warnings[..],
            [StoreWarning::Reanchored {
                placed: 1,
                moved: 1,
                lost: 0
            }]
        ),
        "{warnings:?}"
    );
    assert_eq!(rec.last_position.unwrap().at, pos_of(&v2, 2, "reviewed"));

    // The carried-over record now answers to the new content, and nothing was duplicated.
    let all = s.all_records().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].fingerprint, key2.fingerprint);
    assert_eq!(all[0].bookmarks[0].pos, placed.pos);
}

#[test]
fn a_deleted_passage_keeps_its_bookmark_flagged_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ferry.txt");
    let v1 = original();
    let key1 = write_doc(&path, &v1);
    let s = store(&tmp);
    let gone = Bookmark::new(&v1, pos_of(&v1, 2, "A spokesman"), "company reply", NOW);
    let kept = Bookmark::new(&v1, pos_of(&v1, 0, "harbour council"), "council", NOW);
    s.add_bookmark(&key1, &v1, gone.clone()).unwrap();
    s.add_bookmark(&key1, &v1, kept).unwrap();

    let v2 = doc("Ferry Timetable Dispute", &[P1, P2]);
    let key2 = write_doc(&path, &v2);
    let (rec, warnings) = s.load_doc(&key2, &v2, NOW).unwrap();
    assert_eq!(rec.bookmarks.len(), 2, "nothing is dropped");
    let lost = rec.bookmarks.iter().find(|b| b.id == gone.id).unwrap();
    assert!(lost.lost);
    assert_eq!(
        lost.excerpt, gone.excerpt,
        "kept so the passage can be found if it returns"
    );
    assert!(
        lost.at.unit < v2.unit_count(),
        "even a lost bookmark points inside the document"
    );
    assert!(matches!(
        warnings[..],
        [StoreWarning::Reanchored {
            placed: 1,
            moved: 0,
            lost: 1
        }]
    ));
    assert!(warnings[0]
        .to_string()
        .contains("1 not found in this version"));
    assert!(render(&rec_vec(&rec), ExportFormat::Text).contains("not found in this version"));

    // Opening again changes nothing, and the passage coming back un-flags it.
    let (again, _) = s.load_doc(&key2, &v2, NOW).unwrap();
    assert!(again.bookmarks.iter().any(|b| b.id == gone.id && b.lost));
    let v3 = doc("Ferry Timetable Dispute", &[P1, P2, P3]);
    let key3 = write_doc(&path, &v3);
    let (back, _) = s.load_doc(&key3, &v3, NOW).unwrap();
    let found = back.bookmarks.iter().find(|b| b.id == gone.id).unwrap();
    assert!(!found.lost);
    assert_eq!(found.at, pos_of(&v3, 2, "A spokesman"));
}

fn rec_vec(r: &sidenote::store::DocRecord) -> Vec<sidenote::store::DocRecord> {
    vec![r.clone()]
}

#[test]
fn rewrapped_and_retouched_passages_are_still_found() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ferry.txt");
    let v1 = original();
    let key1 = write_doc(&path, &v1);
    let s = store(&tmp);
    let wrapped = Bookmark::new(&v1, pos_of(&v1, 1, "complained"), "wrap", NOW);
    let retouched = Bookmark::new(&v1, pos_of(&v1, 1, "Residents"), "touch", NOW);
    s.add_bookmark(&key1, &v1, wrapped.clone()).unwrap();
    s.add_bookmark(&key1, &v1, retouched.clone()).unwrap();

    // Re-wrapped (line breaks, double spaces) and the end of the passage reworded.
    let p2 = "Residents of the northern islands   complained that the early\ncrossing had been cancelled without notice, leaving fishermen stuck at the pier all morning.";
    let v2 = doc("Ferry Timetable Dispute", &[P1, p2, P3]);
    let key2 = write_doc(&path, &v2);
    let (rec, _) = s.load_doc(&key2, &v2, NOW).unwrap();
    let get = |id: &str| rec.bookmarks.iter().find(|b| b.id == id).unwrap().clone();
    assert_eq!(get(&wrapped.id).at, pos_of(&v2, 1, "complained"));
    assert_eq!(get(&retouched.id).at, pos_of(&v2, 1, "Residents"));
    assert!(rec.bookmarks.iter().all(|b| !b.lost));
}

#[test]
fn a_repeated_phrase_reanchors_to_the_occurrence_nearest_the_old_place() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ferry.txt");
    let refrain = "No ferry came that morning, and no one explained why.";
    let v1 = doc("Refrain", &[refrain, P1, P2, refrain]);
    let key1 = write_doc(&path, &v1);
    let s = store(&tmp);
    let bm = Bookmark::new(&v1, DocPos::new(5, 0), "second refrain", NOW);
    s.add_bookmark(&key1, &v1, bm).unwrap();

    let v2 = doc("Refrain", &[P3, refrain, P1, P2, refrain]);
    let key2 = write_doc(&path, &v2);
    let (rec, _) = s.load_doc(&key2, &v2, NOW).unwrap();
    assert_eq!(
        rec.bookmarks[0].at,
        DocPos::new(6, 0),
        "the later refrain, not the first one"
    );
}

#[test]
fn remove_restore_and_rename_by_id() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = write_doc(&tmp.path().join("ferry.txt"), &d);
    let s = store(&tmp);
    let bm = Bookmark::new(&d, pos_of(&d, 1, "quay"), "quay", NOW);
    let id = s.add_bookmark(&key, &d, bm.clone()).unwrap();
    assert_eq!(id, bm.id);

    assert!(s.rename_bookmark(&key, &id, "the quay at noon").unwrap());
    assert!(!s.rename_bookmark(&key, "no-such-id", "x").unwrap());
    let removed = s.remove_bookmark(&key, &id).unwrap().expect("was there");
    assert_eq!(removed.label, "the quay at noon");
    assert_eq!(s.remove_bookmark(&key, &id).unwrap(), None);
    assert!(s.load_doc(&key, &d, NOW).unwrap().0.bookmarks.is_empty());

    // Undo puts it back exactly; a second undo does not duplicate it.
    s.restore_bookmark(&key, &d, removed.clone()).unwrap();
    s.restore_bookmark(&key, &d, removed.clone()).unwrap();
    let mut placed = removed.clone();
    placed.at = bm.at;
    assert_eq!(s.load_doc(&key, &d, NOW).unwrap().0.bookmarks, vec![placed]);
}

#[test]
fn an_id_clash_gets_a_fresh_id_instead_of_replacing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = write_doc(&tmp.path().join("ferry.txt"), &d);
    let s = store(&tmp);
    let a = Bookmark::new(&d, DocPos::new(2, 0), "a", NOW);
    let mut b = Bookmark::new(&d, DocPos::new(3, 0), "b", NOW);
    b.id = a.id.clone();
    s.add_bookmark(&key, &d, a.clone()).unwrap();
    let id = s.add_bookmark(&key, &d, b).unwrap();
    assert_ne!(id, a.id);
    assert_eq!(s.load_doc(&key, &d, NOW).unwrap().0.bookmarks.len(), 2);
}

#[test]
fn stored_positions_beyond_the_document_are_clamped_on_load() {
    let tmp = tempfile::tempdir().unwrap();
    let d = original();
    let key = write_doc(&tmp.path().join("ferry.txt"), &d);
    let s = store(&tmp);
    let mut bm = Bookmark::new(&d, DocPos::new(2, 0), "x", NOW);
    bm.pos = Some(SourcePos {
        part: SrcPart::Body,
        src: 400_000,
        byte: 9_999,
    });
    s.add_bookmark(&key, &d, bm).unwrap();
    let (rec, _) = s.load_doc(&key, &d, NOW).unwrap();
    let p = rec.bookmarks[0].at;
    assert!(p.unit < d.unit_count());
    assert!(p.byte <= d.unit_text(p.unit).len());
}

#[test]
fn fingerprints_are_stable_and_content_based() {
    let a = fingerprint(P1.as_bytes());
    assert_eq!(a, fingerprint(P1.as_bytes()));
    assert_ne!(a, fingerprint(P2.as_bytes()));
    assert!(a.starts_with("fnv1a128:") && a.len() == "fnv1a128:".len() + 32);
}
