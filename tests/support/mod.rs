//! Documents built by hand for state tests, so they do not depend on parser heuristics.
#![allow(dead_code, unused_imports)]

pub mod keys;

pub use keys::*;

use sidenote::app::{App, Source};
use sidenote::document::preview::Slices;
use sidenote::document::{Anchor, Block, BlockKind, Document, Meta, Note};

/// Words to fill paragraphs with: fictional, and long enough to wrap.
const FILLER: &str = "The river commission of Norvale met again on Tuesday to weigh the \
    water-sharing accord with its upstream neighbour, and the minutes show a long \
    argument over gauges, quotas and the old canal at Brisk.";

/// A paragraph with anchors to the given note indices, one after each sentence chunk.
pub fn para(text: &str, notes: &[(usize, &str)]) -> Block {
    let mut out = String::new();
    let mut anchors = Vec::new();
    out.push_str(text);
    for (note, label) in notes {
        out.push_str(" More words follow here.");
        anchors.push(Anchor {
            label: (*label).into(),
            at: out.len() as u32,
            note: *note as u32,
        });
    }
    Block {
        kind: BlockKind::Paragraph,
        text: out.into(),
        anchors: anchors.into(),
        ..Block::default()
    }
}

/// 30 paragraphs; notes 1–12 where note 3 is missing, note 5 is cited in paragraphs 4 and
/// 20, note 9 is cited nowhere, note 12 is longer than a screen.
pub fn notes_doc() -> Document {
    let mut blocks = Vec::new();
    let mut cites: Vec<(usize, usize)> = Vec::new(); // (block, note)
    let plan: &[(usize, &[usize])] = &[
        (1, &[0]),
        (2, &[1, 2]),
        (4, &[3, 4]),
        (7, &[5]),
        (10, &[6]),
        (12, &[7]),
        (15, &[9]),
        (20, &[4]),
        (25, &[10]),
        (29, &[11]),
    ];
    for i in 0..30 {
        let notes: Vec<(usize, String)> = plan
            .iter()
            .find(|(b, _)| *b == i)
            .map(|(_, ns)| ns.iter().map(|n| (*n, (n + 1).to_string())).collect())
            .unwrap_or_default();
        for (n, _) in &notes {
            cites.push((i, *n));
        }
        let refs: Vec<(usize, &str)> = notes.iter().map(|(n, l)| (*n, l.as_str())).collect();
        blocks.push(para(&format!("Paragraph {i}. {FILLER}"), &refs));
    }
    let notes = (0..12)
        .map(|n| Note {
            label: (n + 1).to_string().into(),
            text: match n {
                2 => None,
                11 => Some(format!("A long note. {}", FILLER.repeat(12)).into()),
                _ => Some(format!("Note text number {}: a source in the archive.", n + 1).into()),
            },
            refs: {
                let mut r: Vec<usize> = cites.iter().filter(|c| c.1 == n).map(|c| c.0).collect();
                r.dedup();
                r.into()
            },
            ..Note::default()
        })
        .collect();
    let mut doc = Document {
        meta: Meta {
            title: Some("Norvale Weighs The River Accord".into()),
            date: Some("2031-03-04".into()),
            date_text: Some("March 4, 2031".into()),
            series: Some("Special Dispatch".into()),
            number: Some("501".into()),
            topics: vec!["Norvale".into()],
            authors: vec![],
            ..Meta::default()
        },
        blocks,
        notes,
        notices: vec![],
        ..Document::default()
    };
    with_source_offsets(&mut doc);
    doc
}

/// Gives blocks and notes distinct source offsets as a parser would (each one after the
/// previous, a blank line between), so stored positions can be located by source.
pub fn with_source_offsets(doc: &mut Document) {
    let mut at = doc.meta.title.as_deref().map_or(0, str::len) + 2;
    for b in &mut doc.blocks {
        b.src = at;
        b.src_len = b.text.len() as u32;
        at += b.text.len() + 2;
    }
    for n in &mut doc.notes {
        n.src = at.into();
        let len = n.text.as_deref().map_or(0, str::len) + n.label.len() + 3;
        n.src_len = len as u32;
        at += len + 2;
    }
}

/// An app on `doc` in a `w`×`h` terminal.
/// The reader with the note column closed whatever the width (`S` can still open it):
/// what most tests look at, the page and the popup. See [`wide_app`] for the default.
pub fn app(doc: Document, w: u16, h: u16) -> App {
    let mut a = wide_app(doc, w, h);
    a.sidenote_mode = sidenote::app::SidenoteMode::Off;
    a
}

/// The reader as it opens: the note column shown by itself on wide terminals.
pub fn wide_app(doc: Document, w: u16, h: u16) -> App {
    App::new(
        doc,
        Source {
            name: "test.txt".into(),
        },
        80,
        (w, h),
    )
}

/// Draw `app` on an in-memory terminal of its screen size and return the buffer, as the
/// terminal gets it (scrubbed). Panics when the final scrub had to replace a cell: every
/// screen a test draws is also a check that sanitizing upstream missed nothing.
pub fn draw(a: &App) -> ratatui::buffer::Buffer {
    let (w, h) = a.screen;
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    let mut replaced = 0;
    term.draw(|f| replaced = sidenote::ui::draw_checked(a, f))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    assert_eq!(
        replaced,
        0,
        "the final scrub replaced {replaced} cells: unsafe text reached the frame {:?}",
        unsafe_cells(&raw_frame(a))
    );
    buf
}

/// The frame as the widgets drew it, BEFORE the final scrub: what screen checks for
/// control and bidi characters must look at (after the scrub they could never fail).
pub fn raw_frame(a: &App) -> ratatui::buffer::Buffer {
    let (w, h) = a.screen;
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| sidenote::ui::draw_unscrubbed(a, f))
        .expect("draw");
    term.backend().buffer().clone()
}

/// The cells of `buf` holding a control or bidi character, as `(x,y) "symbol"`.
pub fn unsafe_cells(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    use sidenote::document::parse::sanitize::is_unsafe_char;
    let mut bad = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if sym.chars().any(is_unsafe_char) {
                bad.push(format!("({x},{y}) {sym:?}"));
            }
        }
    }
    bad
}

/// The screen as text, one line per row, trailing spaces kept so columns line up.
pub fn screen_text(a: &App) -> String {
    let buf = draw(a);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The text of the cells drawn with `modifier` (e.g. REVERSED for the selection), per row.
pub fn styled_text(a: &App, modifier: ratatui::style::Modifier) -> Vec<String> {
    let buf = draw(a);
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(modifier) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

/// The built-in sample, parsed.
pub fn sample_doc() -> Document {
    sidenote::document::load(sidenote::input::SAMPLE.as_bytes()).expect("sample parses")
}

/// A paragraph, then a preformatted table whose rows are up to 76 columns wide (one cites
/// note 1 near its right end), then a paragraph after it.
pub fn table_doc() -> Document {
    let table = [
        "Vessel    Port of call    Cargo             Tonnage   Master",
        "Aurora    Brisk           salt, timber      1200      K. Varga",
        "Heron     Norvale         grain             860       A. Lind, harbourmaster",
    ]
    .join("\n");
    let at = table.find("      K. Varga").unwrap_or(0);
    let mut blocks = vec![para("Paragraph 0. The ledger lists the ships.", &[])];
    blocks.push(Block {
        kind: BlockKind::Preformatted,
        text: table.into(),
        anchors: smallvec::smallvec![Anchor {
            label: "1".into(),
            at: at as u32,
            note: 0,
        }],
        ..Block::default()
    });
    blocks.push(para("Paragraph 2. After the table.", &[]));
    Document {
        meta: Meta {
            title: Some("The Harbour Ledger".into()),
            ..Meta::default()
        },
        blocks,
        notes: vec![Note {
            label: "1".into(),
            text: Some("The ledger of 2031.".into()),
            refs: vec![1].into(),
            ..Note::default()
        }],
        ..Document::default()
    }
}

/// Notes labelled 1–10 and 100 (a widest label of five columns); 4–9 lost their text.
pub fn wide_labels_doc() -> Document {
    let labels: Vec<String> = (1..=10).chain([100]).map(|n| n.to_string()).collect();
    let cites: Vec<(usize, &str)> = labels.iter().map(String::as_str).enumerate().collect();
    let notes = labels
        .iter()
        .map(|l| Note {
            label: l.into(),
            text: match l.parse::<u32>().unwrap_or(0) {
                4..=9 => None,
                1 => Some(
                    "A source in the archive, with a longer text that wraps.\n\nA second \
                     paragraph of the same note."
                        .into(),
                ),
                _ => Some(format!("Note {l}: a source in the archive.").into()),
            },
            refs: vec![0].into(),
            ..Note::default()
        })
        .collect();
    Document {
        meta: Meta {
            title: Some("Ledger Notes".into()),
            ..Meta::default()
        },
        blocks: vec![para("Paragraph 0.", &cites)],
        notes,
        ..Document::default()
    }
}

/// Preview slices small enough that a file of a few hundred KiB is read as a big one is
/// (the preview, `--dump`'s stream, the fourth slice), with every part of it in play.
pub const SMALL_SLICES: Slices = Slices {
    min_file: 0,
    head: 6 << 10,
    notes: 3 << 10,
    tail: 3 << 10,
    notes_search: 1 << 30,
    blocks: 40,
};
