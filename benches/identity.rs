//! Finding a document's record: by the file's stamp (path, size, modification time, one
//! read of `library.json`) against hashing its content first (the FNV-1a fingerprint of
//! every byte), at 1, 10 and 100 MB. The stamp lookup does not grow with the file; the
//! hash does, and it is what the reader no longer waits for before resuming.
//!
//! `cargo bench --bench identity` (the store lives in a temp directory, 100 visits).

use criterion::{criterion_group, criterion_main, Criterion};
use sidenote::document::Document;
use sidenote::store::{fingerprint, Closing, DocKey, FileStamp, Store};
use std::hint::black_box;
use std::time::Duration;

const MB: usize = 1024 * 1024;

fn identity(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path().join("data")).with_clock(|| 1_900_000_000);
    let doc = Document::default();
    // A library of 100 documents read before.
    for i in 0..100u64 {
        let key = DocKey {
            fingerprint: format!("fnv1a128:{i:032x}"),
            path: Some(tmp.path().join(format!("other-{i}.txt"))),
        };
        store
            .record_close(&Closing {
                key: &key,
                doc: &doc,
                stamp: Some(FileStamp {
                    size: i,
                    mtime_ns: i,
                }),
                percent: 0,
                now: 1_900_000_000,
                secs: 1,
            })
            .expect("visit");
    }
    let mut group = c.benchmark_group("identity");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    for size in [MB, 10 * MB, 100 * MB] {
        let bytes: Vec<u8> = (0..size).map(|i| b"abcdefgh ij\n"[i % 12]).collect();
        let path = tmp.path().join(format!("doc-{size}.txt"));
        std::fs::write(&path, &bytes).expect("write");
        let stamp = FileStamp::of(&path).expect("stamp");
        let key = DocKey::for_file(&path, &bytes);
        store
            .record_close(&Closing {
                key: &key,
                doc: &doc,
                stamp: Some(stamp),
                percent: 0,
                now: 1_900_000_000,
                secs: 1,
            })
            .expect("visit");
        let mb = size / MB;
        group.bench_function(format!("fingerprint {mb} MB"), |b| {
            b.iter(|| fingerprint(black_box(&bytes)))
        });
        group.bench_function(format!("key_by_stamp {mb} MB"), |b| {
            b.iter(|| {
                let stamp = FileStamp::of(&path).expect("stamp");
                store.key_by_stamp(black_box(&path), stamp).expect("found")
            })
        });
    }
    group.finish();
}

/// The first open of a file the store does not know, with 20 other documents' records
/// holding bookmarks: each record is tried by its passages (`by_content`, a moved and
/// edited copy), which is the document-sized work of attaching a new file. Their
/// passages are from another text, so every search runs to its end (exact, re-wrapped,
/// then by similarity).
fn first_open(c: &mut Criterion) {
    use sidenote::document::synthetic::synthetic_document;
    use sidenote::document::DocPos;
    use sidenote::store::Bookmark;
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(tmp.path().join("data")).with_clock(|| 1_900_000_000);
    let other = Document {
        blocks: vec![sidenote::document::Block {
            text: "Quillon ferrymen petitioned the marsh wardens about the eel weirs \
                   below Orrin Mill, whose keepers had raised the sluice tolls twice."
                .into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    for i in 0..20u64 {
        let key = DocKey {
            fingerprint: format!("fnv1a128:{i:032x}"),
            path: Some(tmp.path().join(format!("other-{i}.txt"))),
        };
        for (k, at) in [0, 8, 30].into_iter().enumerate() {
            let unit = other.unit_of(sidenote::document::Part::Block(0));
            let bm = Bookmark::new(&other, DocPos::new(unit, at), &format!("b{k}"), 1);
            store.add_bookmark(&key, &other, bm).expect("bookmark");
        }
    }
    let mut group = c.benchmark_group("first_open");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for size in [MB, 10 * MB, 100 * MB] {
        let doc = synthetic_document(size, None);
        // A new key each time: a record made by one run would be found by the next.
        let mut n = 0u64;
        group.bench_function(
            format!("load_doc, 20 other records, {} MB", size / MB),
            |b| {
                b.iter(|| {
                    n += 1;
                    let key = DocKey {
                        fingerprint: format!("fnv1a128:new{size}-{n}"),
                        path: Some(tmp.path().join(format!("new-{size}-{n}.txt"))),
                    };
                    store.load_doc(black_box(&key), &doc, 1).expect("load")
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, identity, first_open);
criterion_main!(benches);
