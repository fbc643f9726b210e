//! Search speed on a 100 MB synthetic dispatch: building the index (now the units'
//! lengths only: queries scan the text itself, `search/scan.rs`), and counting
//! the matches of a word that occurs once near the end (the reader's worst case for a
//! rare word: the whole document has to be scanned).
//!
//! `cargo bench --bench search`. Set `SIDENOTE_WRITE_SYNTHETIC=/tmp/file.txt` to also
//! write the rendered dispatch, to compare with other tools (see docs/performance.md).

use criterion::{criterion_group, criterion_main, Criterion};
use sidenote::document::synthetic::{render_dispatch, synthetic_document, RARE_WORD};
use sidenote::search::{search, SearchIndex, SearchOptions};
use std::hint::black_box;
use std::time::Duration;

const SIZE: usize = 100 * 1024 * 1024;

fn bench_search(c: &mut Criterion) {
    let doc = synthetic_document(SIZE, Some(RARE_WORD));
    if let Some(path) = std::env::var_os("SIDENOTE_WRITE_SYNTHETIC") {
        if let Err(e) = std::fs::write(&path, render_dispatch(&doc)) {
            eprintln!("could not write {path:?}: {e}");
        }
    }
    let index = SearchIndex::build(&doc);
    let plain = SearchOptions::default();
    let exact_marks = SearchOptions {
        exact: true,
        ..plain
    };
    let regex = SearchOptions {
        regex: true,
        ..plain
    };
    let count = |q: &str, o: SearchOptions| search(&doc, &index, q, o).map_or(0, |m| m.len());
    eprintln!(
        "units {}, index {} MB; matches: rare {}, rare (diacritics count) {}, rare (regex) {}, \"harbour\" {}, \"Harbour\" {}",
        index.unit_count(),
        index.heap_bytes() / (1024 * 1024),
        count(RARE_WORD, plain),
        count(RARE_WORD, exact_marks),
        count(RARE_WORD, regex),
        count("harbour", plain),
        count("Harbour", plain),
    );

    let mut g = c.benchmark_group("search_100MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("index_build", |b| {
        b.iter(|| SearchIndex::build(black_box(&doc)))
    });
    for (name, query, opts) in [
        ("rare_word", RARE_WORD, plain),
        ("rare_word_diacritics_count", RARE_WORD, exact_marks),
        ("rare_word_regex", RARE_WORD, regex),
        ("common_word", "harbour", plain),
        ("common_word_case_sensitive", "Harbour", plain),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| search(&doc, &index, black_box(query), opts).map_or(0, |m| m.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
