//! Generators and invariant checks shared by the property tests (`props_*.rs`) and the
//! long fuzzing runs (`fuzz_long.rs`): hostile dispatch-like inputs, reader actions, and
//! the rules every parse, layout, dump and screen must keep whatever the input.
#![allow(dead_code)]

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use sidenote::app::{Action, App, Source};
use sidenote::document::{BlockKind, Document};
use sidenote::layout::{display_width, layout_unit, widest_clip, RowKind, UnitStyle};
use unicode_segmentation::UnicodeSegmentation;

/// Characters that must never reach a terminal from a document: C0 controls, DEL, C1
/// controls, and the bidi controls that reorder text around them. `\n` only where said.
pub fn forbidden(c: char, newline_ok: bool) -> bool {
    match c {
        '\n' => !newline_ok,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The first forbidden character in `s`, for a readable failure.
pub fn first_forbidden(s: &str, newline_ok: bool) -> Option<(usize, char)> {
    s.char_indices().find(|(_, c)| forbidden(*c, newline_ok))
}

/// Fragments of real-looking dispatches plus everything hostile the parser must survive.
pub const FRAGMENTS: &[&str] = &[
    "May 29, 2024 Special Dispatch No. 7\n",
    "Topic, Other | Special Dispatch No. 7\n",
    "December 2, 2030 | By A. B, C. D*\n",
    "By J. Quill\n",
    "Title: X\n",
    "Author: Y\n",
    "*** START OF THE BOOK ***\n",
    "Share this Report:\n",
    "Notes:\n",
    "[1]",
    "[2][3]",
    " [12]",
    "[1] A note.\n",
    "[7]\n",
    "[0]",
    "[999999]",
    "[1234567]",
    "[2003]",
    "[sic]",
    "[[[[1]]]]",
    "[[",
    "]]",
    "[",
    "]",
    "[Illustration: ",
    "[Illustration]",
    "(Source: x)",
    "Figure 1: ",
    "A photo ",
    "poses for a photo.",
    "CHAPTER ONE.\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{0C}",
    "    ",
    "\t",
    "\u{A0}",
    "\u{1b}[31m",
    "\u{1b}[2J",
    "\u{1b}]8;;http://x\u{07}",
    "\u{1b}]52;c;ZXZpbA==\u{07}",
    "\u{1b}P1;2q\u{1b}\\",
    "\u{9b}2J",
    "\u{85}",
    "\u{7f}",
    "\u{0}",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{200F}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "שלום עולם ",
    "مرحبا بالعالم ",
    "é—“",
    "e\u{301}",
    "你好世界",
    "👨\u{200D}👩\u{200D}👧",
    "🇩🇪",
    "ｶﾞ",
    "\u{200B}",
    "\u{AD}",
    "supercalifragilisticexpialidocious",
];

/// Dispatch-like text: fragments interleaved with plain words.
pub fn dispatch_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        4 => "[a-zA-Z .,]{0,14}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|v| v.concat())
}

/// How a text is turned into the bytes of a file.
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-8 with a few bytes flipped into invalid sequences.
    Broken,
}

pub fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        6 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8Bom),
        1 => Just(Encoding::Utf16Le),
        1 => Just(Encoding::Utf16Be),
        1 => Just(Encoding::Broken),
    ]
}

pub fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Broken => {
            let mut b = text.as_bytes().to_vec();
            for i in (3..b.len()).step_by(17) {
                b[i] ^= 0xC3;
            }
            b.push(0xE2);
            b
        }
    }
}

/// The model rules: no control survives into text, anchors are in order on char
/// boundaries and point at a note with their label that lists their block.
pub fn check_model(doc: &Document) -> Result<(), TestCaseError> {
    let mut keys = std::collections::HashSet::new();
    for n in &doc.notes {
        prop_assert!(
            keys.insert((n.scope, n.label.clone())),
            "(scope, label) unique"
        );
    }
    for (bi, b) in doc.blocks.iter().enumerate() {
        prop_assert!(
            b.src + b.src_len as usize <= doc.source_len,
            "block {bi} span inside the input"
        );
        if bi > 0 {
            prop_assert!(doc.blocks[bi - 1].src < b.src, "blocks in source order");
        }
        let verse = matches!(b.kind, BlockKind::Verse | BlockKind::Preformatted);
        prop_assert!(
            first_forbidden(&b.text, verse).is_none(),
            "control in block {bi}: {:?}",
            b.text
        );
        let mut last = 0;
        for a in &b.anchors {
            prop_assert!(a.at() <= b.text.len() && b.text.is_char_boundary(a.at()));
            prop_assert!(a.at >= last, "anchors out of order in block {bi}");
            last = a.at;
            let note = doc.notes.get(a.note());
            prop_assert!(note.is_some(), "anchor [{}] has no note entry", a.label);
            let note = note.expect("checked above");
            prop_assert_eq!(&note.label, &a.label);
            prop_assert!(
                note.refs.blocks().any(|r| r == bi),
                "note [{}] misses block {bi}",
                a.label
            );
        }
        for r in &b.runs {
            prop_assert!(
                r.start < r.end && r.end <= b.text.len(),
                "run inside the text"
            );
            prop_assert!(b.text.is_char_boundary(r.start) && b.text.is_char_boundary(r.end));
        }
        prop_assert!(
            b.runs.windows(2).all(|w| w[0].start <= w[1].start),
            "runs by start"
        );
    }
    for n in &doc.notes {
        for t in n.paragraphs() {
            prop_assert!(
                !t.is_empty() && first_forbidden(t, false).is_none(),
                "control in note paragraph: {t:?}"
            );
        }
        prop_assert!(
            (n.scope as usize) < doc.scopes.len().max(1),
            "note scope exists"
        );
        prop_assert!(
            n.src
                .get()
                .is_none_or(|s| s + n.src_len as usize <= doc.source_len),
            "note span inside the input"
        );
        prop_assert!(n.refs.windows(2).all(|w| w[0] < w[1]), "refs ascending");
        prop_assert!(n.refs.blocks().all(|r| r < doc.blocks.len()));
    }
    let m = &doc.meta;
    let meta_texts = std::iter::once(m.summary_line())
        .chain(m.title.clone())
        .chain(m.date.clone());
    for t in meta_texts {
        prop_assert!(
            first_forbidden(&t, false).is_none(),
            "control in meta: {t:?}"
        );
    }
    prop_assert!(m.title_src.is_none_or(|s| s <= doc.source_len));
    Ok(())
}

/// Every unit at `width`: text rows are char ranges of the display string, never wider
/// than the column, in order, and together they show every non-space character.
pub fn check_layout(doc: &Document, width: u16) -> Result<(), TestCaseError> {
    for unit in 0..doc.unit_count() {
        let l = layout_unit(doc, unit, width);
        let mut last_end = 0;
        let mut shown = String::new();
        for (i, r) in l.rows.iter().enumerate() {
            prop_assert!(r.range.start <= r.range.end && r.range.end <= l.display.len());
            if r.kind != RowKind::Text {
                continue;
            }
            let text = l.display.get(r.range.clone());
            prop_assert!(
                text.is_some(),
                "unit {unit} row {i}: {:?} not on char boundaries",
                r.range
            );
            let text = text.expect("checked above");
            // Preformatted rows are whole lines: the screen shows their clip.
            let cols = usize::from(r.indent)
                + if l.style == UnitStyle::Preformatted {
                    widest_clip(text, usize::from(width - r.indent.min(width)))
                } else {
                    display_width(text)
                };
            prop_assert!(
                cols <= usize::from(width),
                "unit {unit} width {width} row {i} {text:?}: {cols} columns"
            );
            prop_assert!(r.range.start >= last_end, "unit {unit}: rows go backwards");
            last_end = r.range.end;
            shown.push_str(text);
        }
        // A grapheme wider than its row cannot be shown at all (an empty row stands in).
        // Rows lose at most the unit's indent (≤ 9 columns: a note's hanging `[999999] `)
        // and never more than half the column.
        let widest = l
            .display
            .graphemes(true)
            .map(sidenote::layout::grapheme_width)
            .max()
            .unwrap_or(0);
        let w = usize::from(width);
        if widest + 9 <= w || widest * 2 <= w {
            let squeeze = |s: &str| s.replace([' ', '\n'], "");
            prop_assert_eq!(
                squeeze(&shown),
                squeeze(&l.display),
                "unit {} lost text",
                unit
            );
        }
    }
    Ok(())
}

/// `--dump` at `width`: only `\n` as a control, no bidi control.
pub fn check_dump(doc: &Document, width: u16) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    sidenote::dump::dump(doc, width, &mut out).expect("writing to a Vec cannot fail");
    let text = String::from_utf8(out);
    prop_assert!(text.is_ok(), "dump is not UTF-8");
    let text = text.expect("checked above");
    prop_assert!(
        first_forbidden(&text, true).is_none(),
        "control in dump: {:?}",
        first_forbidden(&text, true)
    );
    Ok(())
}

/// One thing that can happen to a running reader.
#[derive(Debug, Clone)]
pub enum Step {
    Act(Action),
    Resize(u16, u16),
    Click(u16, u16),
}

/// Characters typed (or pasted without bracketed paste) into prompts, controls and bidi
/// controls included: typed text is untrusted too (see
/// `typed_bidi_control_is_not_drawn_raw_in_the_search_prompt` in hostile_documents.rs).
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        1 => prop::sample::select(&['[', '(', '*', '\\', '.', '{', ' ', '你', 'é', '👍', '\u{301}'][..]),
        // Any character at all, controls and bidi included: typed text is untrusted too.
        1 => any::<char>(),
    ]
}

/// Any action a reader can cause: every action bound in the keymap (so a new binding is
/// covered without touching this file), the mouse wheel, any digit, any typed character.
pub fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    let mut reachable: Vec<Action> = vec![WheelDown, WheelUp];
    for b in sidenote::keymap::ROWS {
        if !reachable.contains(&b.action) {
            reachable.push(b.action);
        }
    }
    prop_oneof![
        8 => prop::sample::select(reachable),
        2 => (0u8..10).prop_map(Digit),
        3 => typed_char().prop_map(Insert),
    ]
}

pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => action().prop_map(Step::Act),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u16..320, 0u16..110).prop_map(|(x, y)| Step::Click(x, y)),
    ]
}

/// A reader on `doc` that never touches the store or the clock.
pub fn new_app(doc: Document, w: u16, h: u16) -> App {
    let mut app = App::new(
        doc,
        Source {
            name: "hostile\u{2400}name.txt".into(),
        },
        80,
        (w, h),
    );
    app.clock = || 1_700_000_000;
    app
}

pub fn apply(app: &mut App, step: &Step) {
    match *step {
        Step::Act(a) => app.update(a),
        Step::Resize(w, h) => app.resize(w, h),
        Step::Click(x, y) => app.on_event(crossterm::event::Event::Mouse(
            crossterm::event::MouseEvent {
                kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
                column: x,
                row: y,
                modifiers: crossterm::event::KeyModifiers::NONE,
            },
        )),
    }
    // A quit or suspend request is the event loop's business; keep reading.
    app.quit = false;
    app.suspend_requested = false;
}

/// Draw `app` on an in-memory terminal of its screen size, WITHOUT `ui::draw`'s final
/// scrub: the frame as the widgets left it. Checks for control characters look at this,
/// since after the scrub they could never fail.
pub fn draw(app: &App) -> Buffer {
    let (w, h) = app.screen;
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| sidenote::ui::draw_unscrubbed(app, f))
        .expect("draw");
    term.backend().buffer().clone()
}

/// How many cells the final scrub of the real `ui::draw` replaces on `app`'s screen.
pub fn scrubbed_cells(app: &App) -> usize {
    let (w, h) = app.screen;
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    let mut replaced = 0;
    term.draw(|f| replaced = sidenote::ui::draw_checked(app, f))
        .expect("draw");
    replaced
}

/// No cell of a frame drawn before the scrub (see [`draw`]) holds a control or bidi
/// character, nor anything else the scrub would replace.
pub fn check_screen(buf: &Buffer) -> Result<(), TestCaseError> {
    use sidenote::document::parse::sanitize::is_unsafe_char;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            prop_assert!(
                first_forbidden(sym, false).is_none() && !sym.chars().any(is_unsafe_char),
                "cell ({x},{y}) holds {sym:?}"
            );
        }
    }
    Ok(())
}

/// Run `steps` on a reader of `doc`, drawing and checking the screen after each.
pub fn run_app(doc: Document, size: (u16, u16), steps: &[Step]) -> Result<(), TestCaseError> {
    let mut app = new_app(doc, size.0, size.1);
    check_screen(&draw(&app))?;
    for s in steps {
        apply(&mut app, s);
        check_screen(&draw(&app))?;
    }
    Ok(())
}
