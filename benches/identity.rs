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

criterion_group!(benches, identity);
criterion_main!(benches);
