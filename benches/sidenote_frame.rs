//! Per-frame cost with the note column open: a key press (one row down or up) and the
//! frame drawn after it, at 200×60 on the 10 MB synthetic dispatch (as in
//! `open_document`), with the column open and, for comparison, closed; and the frame
//! after a change of the note column's width, when every note on screen is laid out
//! again (at 130 columns, where that width follows the terminal's).
//!
//! The target is under 2 ms a key press with the column open. The line printed
//! first says how many notes the column showed and how many were laid out, so a
//! regression to "lay out every note" shows even when the timings look fine.
//!
//! `cargo bench --bench sidenote_frame` (under a minute after the build).

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use sidenote::app::{Action, App, SidenoteMode, Source, DEFAULT_COLUMN};
use sidenote::document::synthetic::{render_dispatch, synthetic_document};
use sidenote::document::{load, DocPos};
use std::hint::black_box;
use std::time::Duration;

const MB: usize = 1024 * 1024;
const SCREEN: (u16, u16) = (200, 60);

/// The reader at 200×60 on `bytes`, a third of the way into the document, with one
/// terminal kept across frames as the reader keeps it (each frame is diffed against the
/// last one).
fn opened(bytes: &[u8], mode: SidenoteMode) -> (App, Terminal<TestBackend>) {
    let doc = load(bytes).expect("synthetic dispatch is text");
    let source = Source {
        name: "synthetic.txt".into(),
    };
    let mut app = App::new(doc, source, DEFAULT_COLUMN, SCREEN);
    app.set_sidenote_mode(mode);
    // A third of the way in, by units: only what is shown gets laid out, as in the reader.
    let row = app.row_of_pos(DocPos::new(app.doc.unit_count() / 3, 0));
    app.set_top(row);
    let term = Terminal::new(TestBackend::new(SCREEN.0, SCREEN.1)).expect("in-memory terminal");
    (app, term)
}

fn frame(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| sidenote::ui::draw(app, f))
        .expect("drawing to memory cannot fail");
    black_box(term.backend().buffer());
}

fn bench_frames(c: &mut Criterion) {
    let bytes = render_dispatch(&synthetic_document(10 * MB, None)).into_bytes();
    let (mut app, mut term) = opened(&bytes, SidenoteMode::Auto);
    frame(&app, &mut term);
    for _ in 0..200 {
        app.update(Action::LineDown);
        frame(&app, &mut term);
    }
    eprintln!(
        "10 MB dispatch at 200x60, column open: {} notes in the column now; {} of {} notes \
         laid out after 200 rows of scrolling",
        app.margin_notes().len(),
        app.laid_out_notes(),
        app.doc.notes.len(),
    );

    let mut g = c.benchmark_group("sidenote_frame_10MB_200x60");
    g.sample_size(50);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    for (name, mode) in [
        ("key_press_column_on", SidenoteMode::Auto),
        ("key_press_column_off", SidenoteMode::Off),
    ] {
        let (mut app, mut term) = opened(&bytes, mode);
        frame(&app, &mut term);
        let mut down = true;
        g.bench_function(name, |b| {
            b.iter(|| {
                // Down and up in turn: the page stays where notes are cited.
                app.update(if down {
                    Action::LineDown
                } else {
                    Action::LineUp
                });
                down = !down;
                frame(&app, &mut term);
            })
        });
    }
    // A new note column width every time (44 and 45 columns: the text column stays 80),
    // so every note on screen is laid out again: the note-height cache missed.
    let (mut app, mut term) = opened(&bytes, SidenoteMode::Auto);
    let mut wide = true;
    g.bench_function("note_width_change_130x60", |b| {
        b.iter(|| {
            let w = if wide { 129 } else { 130 };
            wide = !wide;
            app.resize(w, SCREEN.1);
            term.backend_mut().resize(w, SCREEN.1);
            frame(&app, &mut term);
        })
    });
    g.finish();
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
