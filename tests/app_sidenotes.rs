//! The note column beside the text on wide terminals, driven by keys as a reader does.

mod support;

use ratatui::style::Modifier;
use sidenote::app::{Overlay, Target};
use support::{notes_doc, press, resize, sample_doc, screen, wide_app};

/// The screen row where the note column shows `needle` (searched right of `left`).
fn column_row(app: &sidenote::app::App, needle: &str) -> Option<usize> {
    let (left, _) = app.note_column()?;
    screen(app).rows.iter().position(|r| {
        r.chars()
            .skip(usize::from(left))
            .collect::<String>()
            .contains(needle)
    })
}

#[test]
fn tab_highlights_the_note_in_the_column_and_enter_goes_to_it() {
    let mut a = wide_app(sample_doc(), 160, 30);
    let (left, _) = a.note_column().expect("open on a wide terminal");
    let row = column_row(&a, "[1]").expect("note 1 beside the text");
    let cell = |a: &sidenote::app::App| screen(a).buf[(left, row as u16)].modifier;
    assert!(!cell(&a).contains(Modifier::REVERSED));
    press(&mut a, "Tab");
    assert!(
        cell(&a).contains(Modifier::REVERSED),
        "the label of note 1 in the column is highlighted:\n{}",
        screen(&a).text()
    );
    assert_eq!(
        column_row(&a, "[1]"),
        Some(row),
        "still level with its anchor"
    );
    press(&mut a, "Enter");
    assert!(a.overlays.is_empty(), "no popup with the column open");
    assert_eq!(a.selected, Some(Target::Note(0)), "went to the note");
    press(&mut a, "BS");
    assert!(matches!(a.selected, Some(Target::Anchor { .. })));
}

#[test]
fn s_toggles_the_column_and_says_so() {
    let mut a = wide_app(sample_doc(), 160, 30);
    assert_eq!(a.column_width(), 80, "--width is the text column");
    press(&mut a, "S");
    assert!(a.note_column().is_none());
    assert!(screen(&a).status().contains("note column hidden"));
    assert_eq!(a.column_width(), 80);
    assert!(column_row(&a, "Orunhydro press release").is_none());
    press(&mut a, "S");
    assert!(a.note_column().is_some());
    assert!(screen(&a).status().contains("note column shown"));
    // Closed by S, it stays closed across resizes; opened by S, it opens when it fits.
    press(&mut a, "S");
    resize(&mut a, 200, 30);
    assert!(a.note_column().is_none());
    resize(&mut a, 80, 30);
    press(&mut a, "S");
    assert!(screen(&a).status().contains("no room for the note column"));
    assert!(a.note_column().is_none());
    resize(&mut a, 96, 30);
    assert!(
        a.note_column().is_some(),
        "asked for, it opens once it fits"
    );
}

#[test]
fn resizing_across_98_and_95_has_hysteresis() {
    let mut a = wide_app(sample_doc(), 100, 30);
    let open = |a: &sidenote::app::App| a.note_column().is_some();
    assert!(open(&a));
    resize(&mut a, 96, 30);
    assert!(open(&a), "stays open between 95 and 98");
    resize(&mut a, 95, 30);
    assert!(open(&a));
    resize(&mut a, 94, 30);
    assert!(!open(&a), "closes below 95");
    assert_eq!(a.column_width(), 80);
    resize(&mut a, 97, 30);
    assert!(!open(&a), "stays closed below 98");
    resize(&mut a, 98, 30);
    assert!(open(&a), "opens at 98");
    let (left, width) = a.note_column().unwrap();
    assert_eq!(
        a.column_width() + 3 + width + 2,
        98,
        "the whole width is used"
    );
    assert_eq!(left, a.column_left() + a.column_width() + 3);
    assert!(a.column_left() >= 2, "room for the bookmark margin");
    let s = screen(&a);
    assert!(s.contains("Orunhydro press release"), "{}", s.text());
}

#[test]
fn one_row_of_scrolling_moves_every_note_one_row() {
    let mut a = wide_app(sample_doc(), 160, 30);
    press(&mut a, "j j j j j j");
    let before = ["[2]", "[3]"].map(|l| column_row(&a, l).unwrap());
    press(&mut a, "j");
    let after = ["[2]", "[3]"].map(|l| column_row(&a, l).unwrap());
    assert_eq!(after, before.map(|r| r - 1));
}

#[test]
fn long_notes_collapse_missing_ones_are_stubs_and_the_selected_one_is_whole() {
    let mut a = wide_app(notes_doc(), 160, 40);
    press(&mut a, "12 Enter");
    assert!(
        !a.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Preview { .. })),
        "the column shows it, not a popup"
    );
    let whole = screen(&a).text();
    let top = column_row(&a, "[12]").expect("note 12 beside its anchor");
    // Selected: as much as the screen holds (the last page row says what is left).
    let cut = column_row(&a, "… +");
    assert!(
        cut.is_none_or(|r| r == a.page_height() - 1),
        "selected: shown whole\n{whole}"
    );
    press(&mut a, "Esc");
    let s = screen(&a);
    let more = column_row(&a, "… +").expect("collapsed");
    assert_eq!(
        more,
        top + 3,
        "a few rows, then how many more:\n{}",
        s.text()
    );
    // Note 3 lost its text: a one-row stub.
    press(&mut a, "g");
    let s = screen(&a);
    let stub = column_row(&a, "[3] — missing").expect("stub");
    // Cited on the row of note 2, it is pushed just below it, and takes one row.
    assert_eq!(column_row(&a, "[2]"), Some(stub - 1), "{}", s.text());
    let (left, _) = a.note_column().unwrap();
    let below: String = s.rows[stub + 1].chars().skip(usize::from(left)).collect();
    assert_eq!(below.trim(), "", "one row only:\n{}", s.text());
}

#[test]
fn the_sidenotes_flag_sets_the_column_at_start() {
    use sidenote::app::SidenoteMode;
    // Between SIDENOTES_OFF (95) and SIDENOTES_ON (98) auto starts closed; on opens it.
    let mut narrow = wide_app(sample_doc(), 96, 30);
    assert!(narrow.note_column().is_none(), "auto: closed at 96 columns");
    narrow.set_sidenote_mode(SidenoteMode::On);
    assert!(narrow.note_column().is_some(), "on: shown at 96 columns");
    let mut on = wide_app(sample_doc(), 100, 30);
    on.set_sidenote_mode(SidenoteMode::On);
    assert!(on.note_column().is_some(), "on: shown at 100 columns");
    assert!(column_row(&on, "[1]").is_some(), "{}", screen(&on).text());
    let mut off = wide_app(sample_doc(), 200, 30);
    assert!(off.note_column().is_some(), "auto: open at 200 columns");
    off.set_sidenote_mode(SidenoteMode::Off);
    assert!(off.note_column().is_none(), "off: hidden at 200 columns");
    assert!(column_row(&off, "Orunhydro press release").is_none());
}
