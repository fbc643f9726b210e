//! Version-1 store files (what the first release wrote: positions as unit numbers) are
//! migrated on first open with nothing lost, and the old file is kept.

mod store_support;

use sidenote::document::DocPos;
use sidenote::store::{DocKey, Store, BOOKMARKS_V1_BACKUP};
use store_support::*;

/// Written by sidenote at commit 153c591 (format version 1) for `original()` with three
/// bookmarks (one in the note) and a reading position; a second document's record, never
/// opened in the test, added by hand in the same shape.
const V1_FILE: &str = r#"{
  "version": 1,
  "documents": [
    {
      "fingerprint": "fnv1a128:62676245291d482c82e4833ceccbad59",
      "path": "/tmp/ferry.txt",
      "title": "Ferry Timetable Dispute",
      "bookmarks": [
        {
          "id": "665718c5-53ee-1",
          "label": "the timetable",
          "excerpt": "ferry timetable.",
          "pos": {
            "unit": 2,
            "byte": 54
          },
          "percent": 23,
          "created": 1716984005,
          "lost": false
        },
        {
          "id": "665718c0-53ee-0",
          "label": "stranded",
          "excerpt": "leaving fishermen stranded on the quay until noon.",
          "pos": {
            "unit": 3,
            "byte": 104
          },
          "percent": 55,
          "created": 1716984000,
          "lost": false
        },
        {
          "id": "665718c7-53ee-2",
          "label": "gazette note",
          "excerpt": "Harbour Gazette, March 3, 2024.",
          "pos": {
            "unit": 6,
            "byte": 0
          },
          "percent": 91,
          "created": 1716984007,
          "lost": false
        }
      ],
      "last_position": {
        "pos": {
          "unit": 4,
          "byte": 77
        },
        "percent": 88,
        "updated": 1716984009,
        "excerpt": "spring."
      }
    }
  ]
}"#;

fn v1_file() -> String {
    let other = r#",
    {
      "fingerprint": "fnv1a128:00000000000000000000000000000077",
      "path": "/home/reader/dispatches/lighthouse.txt",
      "title": "Lighthouse Keepers Strike",
      "bookmarks": [
        {
          "id": "665718d0-5356-9",
          "label": "keepers",
          "excerpt": "The keepers walked out at dawn.",
          "pos": { "unit": 2, "byte": 0 },
          "percent": 12,
          "created": 1716984100,
          "lost": false
        }
      ]
    }
  ]
}"#;
    let end = V1_FILE
        .rfind("\n  ]\n}")
        .expect("end of the documents list");
    format!("{}{other}\n", &V1_FILE[..end])
}

#[test]
fn a_version_1_file_is_migrated_on_first_open_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let original_bytes = v1_file();
    std::fs::write(data.join("bookmarks.json"), &original_bytes).unwrap();
    let before: serde_json::Value = serde_json::from_str(&original_bytes).unwrap();

    let d = original();
    let key = DocKey::for_stdin(&bytes_of(&d));
    let s = Store::open_at(&data).with_clock(|| NOW);
    let (rec, warnings) = s.load_doc(&key, &d, NOW + 100).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");

    // Every bookmark keeps label, excerpt, id and date, and lands on its passage.
    let old = before["documents"][0]["bookmarks"].as_array().unwrap();
    assert_eq!(rec.bookmarks.len(), old.len());
    let expected = [
        pos_of(&d, 0, "ferry timetable"),
        pos_of(&d, 1, "leaving fishermen"),
        DocPos::new(d.unit_count() - 1, 0),
    ];
    for ((b, o), at) in rec.bookmarks.iter().zip(old).zip(expected) {
        assert_eq!(b.id, o["id"].as_str().unwrap());
        assert_eq!(b.label, o["label"].as_str().unwrap());
        assert_eq!(b.excerpt, o["excerpt"].as_str().unwrap());
        assert_eq!(b.created, o["created"].as_u64().unwrap());
        assert!(!b.lost, "{}", b.label);
        assert_eq!(b.at, at, "{}", b.label);
        assert_eq!(b.pos, Some(d.source_pos(at)));
        assert_eq!(b.legacy, None);
        assert!(d.unit_text(b.at.unit)[b.at.byte..].starts_with(&b.excerpt));
    }
    let last = rec
        .last_position
        .clone()
        .expect("the reading position is kept");
    assert_eq!(last.at, pos_of(&d, 2, "spring"));
    assert_eq!((last.percent, last.updated), (88, NOW + 9));
    assert_eq!(last.excerpt, "spring.");

    // The old file is kept byte for byte; the new one is version 2.
    let backup = std::fs::read_to_string(data.join(BOOKMARKS_V1_BACKUP)).unwrap();
    assert_eq!(backup, original_bytes);
    let after = std::fs::read_to_string(s.bookmarks_path()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["documents"][0]["parser"], "text/2");
    assert_eq!(
        json["documents"][0]["meta"]["title"],
        "Ferry Timetable Dispute"
    );
    assert!(json["documents"][0]["bookmarks"][1]["pos"]["src"].is_u64());

    // The document not opened keeps everything, its position as legacy until it is.
    let other = &json["documents"][1];
    assert_eq!(other["title"], "Lighthouse Keepers Strike");
    let kept = &other["bookmarks"][0];
    assert_eq!(kept["label"], "keepers");
    assert_eq!(kept["excerpt"], "The keepers walked out at dawn.");
    assert_eq!(kept["created"], 1716984100);
    assert_eq!(kept["legacy"], serde_json::json!({"unit": 2, "byte": 0}));
    assert!(kept.get("pos").is_none());

    // A second open changes nothing, and the backup is never replaced.
    let (again, warnings) = Store::open_at(&data).load_doc(&key, &d, NOW + 200).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(again, rec);
    assert_eq!(std::fs::read_to_string(s.bookmarks_path()).unwrap(), after);
    s.save_position(&key, &d, pos_of(&d, 1, "Residents"), 30, NOW + 300)
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(data.join(BOOKMARKS_V1_BACKUP)).unwrap(),
        original_bytes
    );
}

#[test]
fn the_other_document_is_placed_by_excerpt_when_it_is_first_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("bookmarks.json"), v1_file()).unwrap();
    // The lighthouse file as the new parser reads it: a block inserted before the
    // passage, so the old unit number names the wrong block.
    let doc = doc(
        "Lighthouse Keepers Strike",
        &[P1, "The keepers walked out at dawn.", P3],
    );
    let key = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000077".into(),
        path: None,
    };
    let s = Store::open_at(&data).with_clock(|| NOW);
    let (rec, _) = s.load_doc(&key, &doc, NOW).unwrap();
    let b = &rec.bookmarks[0];
    assert_eq!(
        b.at,
        DocPos::new(3, 0),
        "found by its excerpt, not by unit 2"
    );
    assert!(!b.lost);
    assert_eq!((b.label.as_str(), b.created), ("keepers", 1716984100));
}

#[test]
fn a_version_1_bookmark_whose_passage_is_gone_is_kept_lost_at_its_old_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("bookmarks.json"), v1_file()).unwrap();
    let doc = doc("Lighthouse Keepers Strike", &[P1, P2, P3]);
    let key = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000077".into(),
        path: None,
    };
    let s = Store::open_at(&data).with_clock(|| NOW);
    let (rec, warnings) = s.load_doc(&key, &doc, NOW).unwrap();
    let b = &rec.bookmarks[0];
    assert!(b.lost);
    assert_eq!(b.at, DocPos::new(2, 0));
    assert_eq!(
        b.excerpt, "The keepers walked out at dawn.",
        "kept to be found later"
    );
    assert!(!warnings.is_empty());
    let again = s.load_doc(&key, &doc, NOW).unwrap().0;
    assert_eq!(again.bookmarks, rec.bookmarks);
}

#[test]
fn a_version_1_history_file_is_read_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("history.json"),
        r#"{ "version": 1, "queries": ["harbour council", "ferry"] }"#,
    )
    .unwrap();
    let s = Store::open_at(&data).with_clock(|| NOW);
    assert_eq!(s.history(), vec!["harbour council", "ferry"]);
    assert!(s.take_warnings().is_empty());
}
