//! Opening and scrolling a 10 MB synthetic dispatch: parsing, the first screen, jumping to
//! the end, paging, and reflowing after a resize; plus parse + first screen at 100 MB.
//!
//! The reader lays out only the units it shows, so everything after the parse should cost
//! about the same on any document size; the sanity line printed first counts how many
//! units each step laid out, so a regression to "lay out everything" is visible even
//! when the timings look acceptable.
//!
//! `cargo bench --bench open_document` (about 1½ minutes on 2 cores after the build). Set
//! `SIDENOTE_WRITE_SYNTHETIC=/tmp/file.txt` to also write the 10 MB dispatch, to measure
//! the binary's memory or compare with other tools (see docs/performance.md).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sidenote::app::{Action, App, Source, DEFAULT_COLUMN};
use sidenote::document::synthetic::{render_dispatch, synthetic_dispatch, synthetic_document};
use sidenote::document::{load, Document};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MB: usize = 1024 * 1024;
const SCREEN: (u16, u16) = (100, 30);
/// The 100 MB run is skipped when one parse + first screen takes longer than this: ten
/// samples of it would not fit the bench's time budget.
const BIG_LIMIT: Duration = Duration::from_secs(3);

fn open(doc: Document) -> App {
    let source = Source {
        name: "synthetic.txt".into(),
    };
    App::new(doc, source, DEFAULT_COLUMN, SCREEN)
}

/// Draw one frame the way the reader does, on an in-memory terminal of the app's size.
fn draw(app: &App) {
    let (w, h) = app.screen;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("in-memory terminal");
    term.draw(|f| sidenote::ui::draw(app, f))
        .expect("drawing to memory cannot fail");
    black_box(term.backend().buffer());
}

/// Parse + open + first frame: what the reader does before the user sees anything.
fn first_screen(bytes: &[u8]) -> App {
    let doc = load(bytes).expect("synthetic dispatch is text");
    let app = open(doc);
    draw(&app);
    app
}

/// One line on stderr that shows the parser read the generated shape and the layout
/// stayed lazy.
fn report_shape(bytes: &[u8], generated: &Document, doc: &Document) {
    let mut app = open(doc.clone());
    draw(&app);
    let first = app.laid_out_units();
    app.update(Action::Bottom);
    draw(&app);
    let bottom = app.laid_out_units();
    let end_percent = app.percent();
    app.resize(60, 30);
    draw(&app);
    let resized = app.laid_out_units();
    let anchors: usize = doc.blocks.iter().map(|b| b.anchors.len()).sum();
    eprintln!(
        "10 MB dispatch: {} bytes; parsed {} blocks (generated {}), {} anchors, {} notes \
         (generated {}), {} units; units laid out: \
         first screen {first}, after Bottom {bottom} (showing {end_percent}%), after resize to 60 \
         columns {resized}",
        bytes.len(),
        doc.blocks.len(),
        generated.blocks.len(),
        anchors,
        doc.notes.len(),
        generated.notes.len(),
        doc.unit_count(),
    );
}

fn bench_open(c: &mut Criterion) {
    let generated = synthetic_document(10 * MB, None);
    let bytes = render_dispatch(&generated).into_bytes();
    if let Some(path) = std::env::var_os("SIDENOTE_WRITE_SYNTHETIC") {
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("could not write {path:?}: {e}");
        }
    }
    let doc = load(&bytes).expect("synthetic dispatch is text");
    report_shape(&bytes, &generated, &doc);
    drop(generated);

    let mut g = c.benchmark_group("open_10MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("parse_10mb", |b| b.iter(|| load(black_box(&bytes))));
    // The returned App is dropped outside the timing: freeing the document is exit work.
    g.bench_function("first_screen_10mb", |b| {
        b.iter_batched(
            || (),
            |()| first_screen(black_box(&bytes)),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("first_screen_only", |b| {
        b.iter_batched(
            || doc.clone(),
            |doc| {
                let app = open(doc);
                draw(&app);
                app
            },
            BatchSize::PerIteration,
        )
    });
    // Each scroll starts from a freshly opened app, so nothing is cached yet.
    let opened = || {
        let app = open(doc.clone());
        draw(&app);
        app
    };
    g.bench_function("scroll_to_end_10mb", |b| {
        b.iter_batched(
            opened,
            |mut app| {
                app.update(Action::Bottom);
                draw(&app);
                app
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("page_down_x100", |b| {
        b.iter_batched(
            opened,
            |mut app| {
                for _ in 0..100 {
                    app.update(Action::PageDown);
                    draw(&app);
                }
                app
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("resize_reflow", |b| {
        b.iter_batched(
            opened,
            |mut app| {
                app.resize(60, 30);
                draw(&app);
                app
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    // Work `main.rs` does on the UI thread between the parse and the first frame, beyond
    // what the benches above cover: the store's fingerprint of the file, and the copy of
    // the document handed to the background search index for files over 4 MB.
    let mut g = c.benchmark_group("reader_startup_extras_10MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("fingerprint_10mb", |b| {
        b.iter(|| sidenote::store::fingerprint(black_box(&bytes)))
    });
    g.bench_function("doc_clone_10mb", |b| {
        b.iter_batched(|| (), |()| doc.clone(), BatchSize::PerIteration)
    });
    // After the first frame: the line starts `NG`, `+N` and `Ctrl-g` count lines with.
    g.bench_function("line_index_10mb", |b| {
        b.iter(|| sidenote::document::LineIndex::new(black_box(&bytes)))
    });
    g.finish();

    // Motions that look at every block (a line's unit, the next heading, a percentage),
    // from a freshly opened app: what one key press costs on a 10 MB document.
    let lines = sidenote::document::LineIndex::new(&bytes);
    let middle = lines.count() / 2;
    let with_lines = || {
        let mut app = opened();
        app.set_source_lines(lines.clone());
        app
    };
    let mut g = c.benchmark_group("motions_10MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("go_to_middle_line", |b| {
        b.iter_batched(
            with_lines,
            |mut app| {
                app.go_to_line(middle);
                draw(&app);
                app
            },
            BatchSize::PerIteration,
        )
    });
    for (name, action) in [
        ("next_heading", Action::NextHeading),
        ("percent_50", Action::Percent),
        ("where_am_i", Action::WhereAmI),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                with_lines,
                |mut app| {
                    if action == Action::Percent {
                        app.update(Action::Digit(5));
                        app.update(Action::Digit(0));
                    }
                    app.update(action);
                    draw(&app);
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn bench_open_100mb(c: &mut Criterion) {
    let bytes = synthetic_dispatch(100 * MB).into_bytes();
    let start = Instant::now();
    drop(black_box(first_screen(&bytes)));
    let once = start.elapsed();
    if once > BIG_LIMIT {
        eprintln!("100 MB: skipped, one parse + first screen took {once:?}");
        return;
    }
    let mut g = c.benchmark_group("open_100MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("first_screen_100mb", |b| {
        b.iter_batched(
            || (),
            |()| first_screen(black_box(&bytes)),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_open, bench_open_100mb);
criterion_main!(benches);
