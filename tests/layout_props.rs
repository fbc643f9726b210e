//! Properties of layout over arbitrary text: rows never overflow the column, no text is
//! lost, and positions survive the trip between model and display.

use proptest::prelude::*;
use sidenote::document::{Anchor, Block, BlockKind, Document, Meta, Note};
use sidenote::layout::{
    display_width, layout_unit, widest_clip, MarkKind, RowKind, UnitLayout, UnitStyle,
};

/// Pieces that stress measuring: wide, combining, joined and flag sequences, punctuation.
const TRICKY: &[&str] = &[
    "你",
    "好",
    "世界",
    "日本語の",
    "한국어",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "🇩🇪",
    "🇳🇴",
    "👍🏽",
    "e\u{301}",
    "a\u{300}\u{316}",
    "❤\u{FE0F}",
    "—",
    ",",
    ".",
    "(",
    ")",
    "[",
    "]",
    "-",
    "/",
    "\u{200B}",
    "\u{A0}",
    "ｶﾞ",
    "supercalifragilisticexpialidocious",
    "\n",
];

fn piece(arbitrary: bool) -> BoxedStrategy<String> {
    let common = prop_oneof![
        4 => "[a-zA-Z]{1,9}",
        3 => Just(" ".to_string()),
        1 => Just("  ".to_string()),
        3 => prop::sample::select(TRICKY).prop_map(String::from),
    ];
    if arbitrary {
        prop_oneof![
            6 => common,
            1 => any::<char>().prop_filter("tabs-free", |c| *c != '\t').prop_map(String::from),
        ]
        .boxed()
    } else {
        common.boxed()
    }
}

fn text(arbitrary: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(arbitrary), 0..40).prop_map(|p| p.concat())
}

const KINDS: [BlockKind; 5] = [
    BlockKind::Paragraph,
    BlockKind::Caption,
    BlockKind::Heading,
    BlockKind::Verse,
    BlockKind::Preformatted,
];

/// A document whose title, block and notes all carry `text`, with anchors at the given
/// fractions of the block (rounded down to a character boundary).
fn document(text: &str, kind: usize, anchors: &[(u16, f64)]) -> Document {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut anchors: Vec<Anchor> = anchors
        .iter()
        .map(|&(label, frac)| {
            let i = ((bounds.len() - 1) as f64 * frac) as usize;
            Anchor {
                label: label.to_string().into(),
                at: bounds[i] as u32,
                note: 0,
            }
        })
        .collect();
    anchors.sort_by_key(|a| a.at);
    Document {
        meta: Meta {
            title: Some(text.to_string()),
            ..Meta::default()
        },
        blocks: vec![Block {
            kind: KINDS[kind],
            text: text.into(),
            anchors: anchors.into(),
            ..Block::default()
        }],
        notes: vec![
            Note {
                label: "12".into(),
                text: Some(text.into()),
                refs: vec![0].into(),
                ..Note::default()
            },
            Note {
                label: "13".into(),
                text: None,
                refs: vec![0].into(),
                ..Note::default()
            },
        ],
        notices: Vec::new(),
        ..Document::default()
    }
}

fn text_rows(l: &UnitLayout) -> impl Iterator<Item = (usize, &sidenote::layout::Row)> {
    l.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::Text)
}

fn check_rows_fit(doc: &Document, width: u16) -> Result<(), TestCaseError> {
    for unit in 0..doc.unit_count() {
        let l = layout_unit(doc, unit, width);
        let mut last_end = 0;
        for (i, r) in text_rows(&l) {
            let shown = l.display.get(r.range.clone());
            prop_assert!(
                shown.is_some(),
                "unit {unit} row {i}: {:?} not a char range",
                r.range
            );
            let shown = shown.unwrap_or_default();
            // Preformatted rows are whole lines; what reaches the screen is their clip,
            // at any horizontal scroll.
            let cols = if l.style == UnitStyle::Preformatted {
                widest_clip(shown, usize::from(width - r.indent.min(width)))
            } else {
                display_width(shown)
            };
            prop_assert!(
                usize::from(r.indent) + cols <= usize::from(width),
                "unit {unit} width {width} row {i} {:?}: indent {} + {cols} columns",
                shown,
                r.indent
            );
            prop_assert!(r.range.start >= last_end, "rows overlap or go backwards");
            last_end = r.range.end;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rows_never_exceed_the_column(
        text in text(true),
        width in 1u16..=120,
        kind in 0..5usize,
        anchors in prop::collection::vec((0u16..200, 0.0..=1.0f64), 0..4),
    ) {
        check_rows_fit(&document(&text, kind, &anchors), width)?;
    }

    #[test]
    fn no_text_is_lost_by_wrapping(
        text in text(false),
        // From 3 columns up every grapheme here fits on a row (the widest, `ｶﾞ`, takes 3).
        width in 3u16..=120,
        kind in 0..5usize,
        anchors in prop::collection::vec((0u16..200, 0.0..=1.0f64), 0..4),
    ) {
        let doc = document(&text, kind, &anchors);
        for unit in 0..doc.unit_count() {
            let l = layout_unit(&doc, unit, width);
            let shown: String = text_rows(&l).map(|(_, r)| &l.display[r.range.clone()]).collect();
            let squeeze = |s: &str| s.replace([' ', '\n'], "");
            prop_assert_eq!(squeeze(&shown), squeeze(&l.display), "unit {}", unit);
        }
    }

    #[test]
    fn positions_round_trip_and_land_on_their_row(
        text in text(true),
        width in 1u16..=120,
        kind in 0..5usize,
        anchors in prop::collection::vec((0u16..200, 0.0..=1.0f64), 0..4),
    ) {
        let doc = document(&text, kind, &anchors);
        for unit in 0..doc.unit_count() {
            let l = layout_unit(&doc, unit, width);
            let model = doc.unit_text(unit);
            for m in model.char_indices().map(|(i, _)| i).chain(std::iter::once(model.len())) {
                let d = l.display_offset(m);
                prop_assert!(d <= l.display.len());
                prop_assert_eq!(l.model_offset(d), m);
                if l.display.is_empty() {
                    prop_assert!(l.rows.is_empty());
                    continue;
                }
                let row = l.row_of(m);
                prop_assert_eq!(l.rows[row].kind, RowKind::Text);
                if m > 0 {
                    prop_assert!(l.rows[row].range.start <= d);
                    if let Some(next) = l.rows.get(row + 1).filter(|r| r.kind == RowKind::Text) {
                        prop_assert!(d < next.range.start);
                    }
                }
            }
        }
    }

    /// A note anchor never starts a row: it stays with what is before it on its line,
    /// once the column holds the widest marker and the widest grapheme beside it.
    #[test]
    fn no_row_starts_with_an_anchor(
        text in text(true),
        // `[199]` is 5 columns, `ｶﾞ` 3, a caption indents up to 4.
        width in 12u16..=120,
        kind in 0..4usize,
        anchors in prop::collection::vec((0u16..200, 0.0..=1.0f64), 0..6),
    ) {
        let doc = document(&text, kind, &anchors);
        let l = layout_unit(&doc, 2, width);
        for (i, r) in text_rows(&l) {
            let Some(m) = l.marks.iter().find(|m| m.range.start == r.range.start) else {
                continue;
            };
            prop_assert!(matches!(m.kind, MarkKind::Anchor(_)));
            // A run of markers wider than the row (with the widest grapheme and indent
            // beside it) has to be split somewhere.
            // Markers with only zero-width characters between them (a joiner the text
            // had there) are one run too.
            let invisible = |a: usize, b: usize| {
                a <= b && l.display[a..b].chars().all(|c| display_width(&c.to_string()) == 0)
            };
            let mut run = m.range.clone();
            while let Some(p) = l.marks.iter().find(|p| invisible(p.range.end, run.start) && p.range.start < run.start) {
                run.start = p.range.start;
            }
            while let Some(n) = l.marks.iter().find(|n| invisible(run.end, n.range.start) && n.range.end > run.end) {
                run.end = n.range.end;
            }
            if run.start < m.range.start && display_width(&l.display[run]) + 3 + 4 > usize::from(width) {
                continue;
            }
            // Allowed only where nothing (or only whitespace) precedes it on its line.
            let line_start = l.display[..m.range.start].rfind('\n').map_or(0, |n| n + 1);
            let before = &l.display[line_start..m.range.start];
            prop_assert!(
                before.chars().all(|c| c.is_whitespace() || c.is_control() || display_width(&c.to_string()) == 0),
                "width {} row {}: {:?} starts with an anchor ({:?})",
                width, i, &l.display[r.range.clone()], l.display
            );
        }
    }
}
