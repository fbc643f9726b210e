//! Opening the same 10 MB synthetic dispatch as plain text, Markdown and HTML: the time
//! `format::load_with` takes (decode + parse + build) for each, with the format forced as
//! `--format` would. The issue's target: Markdown and HTML within 2× of text.
//!
//! All three come from one model (`synthetic_document`), so they say the same thing;
//! the markup makes Markdown and HTML somewhat bigger than the text. The line printed
//! first gives, per format, the bytes and the blocks, anchors and notes parsed back.
//!
//! `cargo bench --bench open_formats` (about half a minute on 2 cores after the build).
//!
//! Wall times on a shared machine swing with its load, so the bench can also load each
//! format a few times and print the loading thread's CPU time (best of the runs), or load
//! once for an instruction count under callgrind, and exit without benchmarking:
//!
//! ```sh
//! SIDENOTE_OPEN_ONCE=text,markdown,html SIDENOTE_REPEAT=7 target/release/deps/open_formats-HASH
//! SIDENOTE_OPEN_ONCE=html valgrind --tool=callgrind \
//!     --toggle-collect='sidenote::document::format::load_with*' target/release/deps/open_formats-HASH
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use sidenote::document::format::{by_name, load_with, Format};
use sidenote::document::synthetic::{
    render_dispatch, render_html, render_markdown, synthetic_document,
};
use sidenote::document::Document;
use std::hint::black_box;
use std::time::Duration;

const MB: usize = 1024 * 1024;

fn load(bytes: &[u8], format: &'static dyn Format) -> Document {
    load_with(bytes, Some(format), None).expect("synthetic input loads")
}

/// This thread's CPU time so far (Linux: `/proc/thread-self/schedstat`, nanoseconds).
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// `SIDENOTE_OPEN_ONCE=text,html`: load each named format `SIDENOTE_REPEAT` times (1 by
/// default), print the best CPU time of the loading thread, and say so (no benchmark).
fn open_once(names: &str, inputs: &[(&str, Vec<u8>)]) {
    let repeat: usize = std::env::var("SIDENOTE_REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    for name in names.split(',') {
        let Some((_, bytes)) = inputs.iter().find(|(n, _)| *n == name) else {
            eprintln!("unknown format {name}");
            continue;
        };
        let format = by_name(name).expect("known format");
        let mut best: Option<Duration> = None;
        for _ in 0..repeat.max(1) {
            let before = thread_cpu();
            let doc = load(black_box(bytes), format);
            let after = thread_cpu();
            drop(black_box(doc));
            if let (Some(a), Some(b)) = (before, after) {
                best = Some(best.map_or(b - a, |x| x.min(b - a)));
            }
        }
        match best {
            Some(t) => eprintln!(
                "{name}: {} bytes, best CPU time of {repeat}: {:.1} ms",
                bytes.len(),
                t.as_secs_f64() * 1e3
            ),
            None => eprintln!("{name}: {} bytes loaded {repeat} times", bytes.len()),
        }
    }
}

fn bench_formats(c: &mut Criterion) {
    let model = synthetic_document(10 * MB, None);
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("text", render_dispatch(&model).into_bytes()),
        ("markdown", render_markdown(&model).into_bytes()),
        ("html", render_html(&model).into_bytes()),
    ];
    if let Ok(names) = std::env::var("SIDENOTE_OPEN_ONCE") {
        open_once(&names, &inputs);
        std::process::exit(0);
    }
    let anchors = |d: &Document| -> usize { d.blocks.iter().map(|b| b.anchors.len()).sum() };
    let with_text = |d: &Document| d.notes.iter().filter(|n| n.text.is_some()).count();
    let mut shape = format!(
        "model: {} blocks, {} anchors, {} notes ({} with text)",
        model.blocks.len(),
        anchors(&model),
        model.notes.len(),
        with_text(&model)
    );
    for (name, bytes) in &inputs {
        let doc = load(bytes, by_name(name).expect("known format"));
        shape.push_str(&format!(
            "; {name}: {} bytes, {} blocks, {} anchors, {} notes ({} with text)",
            bytes.len(),
            doc.blocks.len(),
            anchors(&doc),
            doc.notes.len(),
            with_text(&doc)
        ));
    }
    eprintln!("{shape}");
    drop(model);

    let mut g = c.benchmark_group("open_formats_10MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    for (name, bytes) in &inputs {
        let format = by_name(name).expect("known format");
        g.bench_function(*name, |b| b.iter(|| load(black_box(bytes), format)));
    }
    g.finish();
}

criterion_group!(benches, bench_formats);
criterion_main!(benches);
