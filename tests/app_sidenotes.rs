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
    // Labels are right-aligned to the widest ([10]): `[1]` stands one column in.
    let s = screen(&a);
    let label = s.rows[row]
        .chars()
        .skip(usize::from(left))
        .collect::<String>();
    assert!(label.starts_with(" [1] "), "{label:?}");
    let x = left + 1;
    let cell = |a: &sidenote::app::App| screen(a).buf[(x, row as u16)].modifier;
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
    // Asked for where it has no room, S takes the wish back, and asks again.
    press(&mut a, "S");
    assert!(screen(&a).status().contains("note column off"));
    resize(&mut a, 96, 30);
    assert!(a.note_column().is_none(), "off: stays closed once it fits");
    resize(&mut a, 80, 30);
    press(&mut a, "S");
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
fn a_label_the_document_never_defines_shows_a_warning_stub() {
    let mut doc = notes_doc();
    // Note 3 lost its text; now the document does not define it at all.
    doc.notes[2].defined = false;
    let mut a = wide_app(doc, 160, 40);
    press(&mut a, "g");
    let s = screen(&a);
    assert!(
        column_row(&a, "[3] — no such note").is_some(),
        "{}",
        s.text()
    );
    assert!(column_row(&a, "[3] — missing").is_none(), "{}", s.text());
    let warned: String = s
        .styled_fg(ratatui::style::Color::Yellow)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(warned.contains("[3] — no such note"), "{warned:?}");
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
    let (left, _) = a.note_column().unwrap();
    let column = |r: usize| {
        s.rows[r]
            .chars()
            .skip(usize::from(left))
            .collect::<String>()
    };
    let two = column_row(&a, "[2]").expect("note 2");
    assert!(two < stub, "{}", s.text());
    assert!(
        (two..stub).all(|r| !column(r).trim().is_empty()),
        "no gap between note 2 and the stub:\n{}",
        s.text()
    );
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

/// The text of the note column on screen row `row`.
fn column_text(app: &sidenote::app::App, row: usize) -> String {
    let (left, _) = app.note_column().expect("column open");
    screen(app).rows[row]
        .chars()
        .skip(usize::from(left))
        .collect()
}

#[test]
fn clicking_a_margin_note_goes_to_it_in_the_notes_and_backspace_comes_back() {
    let mut a = wide_app(sample_doc(), 160, 30);
    let top = a.top;
    let s = screen(&a);
    let (x, y) = s
        .cell_of("Orunhydro press release")
        .expect("note 1 in the column");
    // A click in the gutter, left of the column, does nothing.
    let (left, _) = a.note_column().unwrap();
    support::click(&mut a, left - 2, y);
    assert_eq!(a.top, top);
    assert_eq!(a.selected, None);
    support::click(&mut a, x + 3, y);
    assert_eq!(a.selected, Some(Target::Note(0)), "went to note 1");
    let s = screen(&a);
    assert!(
        s.rows[0].contains("[1] Orunhydro press release"),
        "the Notes section, note 1 at the top:\n{}",
        s.text()
    );
    assert_eq!(s.selection().map(|(_, t)| t), Some("[1]".to_string()));
    assert!(s.status().contains("Backspace goes back"), "{}", s.status());
    press(&mut a, "BS");
    assert_eq!(a.top, top, "back where the click was");
    assert!(screen(&a).contains("The Kerets Dam"));
    // The second row of a two-row note is part of it too.
    let s = screen(&a);
    let (x, y) = s
        .cell_of("Water and Irrigation, February")
        .expect("note 2's second row");
    support::click(&mut a, x, y);
    assert_eq!(a.selected, Some(Target::Note(1)));
}

#[test]
fn a_note_whose_anchor_scrolled_off_the_top_keeps_its_tail_with_its_label() {
    let mut a = wide_app(sample_doc(), 160, 30);
    let anchor = column_row(&a, "[2] Statement").expect("note 2 level with its anchor");
    assert!(column_text(&a, anchor + 1).contains("Water and Irrigation"));
    // Scroll until the anchor's row is the first row above the screen.
    for _ in 0..=anchor {
        press(&mut a, "j");
    }
    let s = screen(&a);
    assert!(!s.rows[0].contains("Commission.[2]"), "{}", s.text());
    let tail = column_text(&a, 0);
    assert!(
        tail.trim_start()
            .starts_with("[2] Water and Irrigation, February 18"),
        "the last row of note 2 on row 0, its label in the hanging indent:\n{}",
        s.text()
    );
    // The label stands where it stood on the note's first row (right-aligned).
    assert_eq!(tail.find("[2]"), Some(1), "{tail:?}");
    // The next note is not moved by the tail: it is still level with its anchor.
    assert!(s
        .rows
        .iter()
        .any(|r| r.contains("[3]") && r.contains("Brezan Accord")));
    press(&mut a, "j");
    let s = screen(&a);
    assert!(
        !s.text().contains("Water and Irrigation, February"),
        "gone once its last row left:\n{}",
        s.text()
    );
    press(&mut a, "k");
    assert!(
        column_text(&a, 0).contains("[2] Water and Irrigation"),
        "back again"
    );
}

#[test]
fn search_matches_inside_notes_are_highlighted_in_the_column() {
    use ratatui::style::Color;
    let mut a = wide_app(sample_doc(), 160, 30);
    press(&mut a, "/");
    support::type_text(&mut a, "February 18");
    press(&mut a, "Enter");
    let (left, _) = a.note_column().unwrap();
    let s = screen(&a);
    let lit: Vec<String> = (0..s.buf.area.height - 1)
        .filter_map(|y| {
            let run: String = (left..s.buf.area.width)
                .map(|x| &s.buf[(x, y)])
                .filter(|c| c.bg == Color::Yellow || c.bg == Color::LightRed)
                .map(|c| c.symbol().to_string())
                .collect();
            (!run.is_empty()).then_some(run)
        })
        .collect();
    assert_eq!(
        lit,
        ["February 18", "February 18"],
        "notes 1 and 2 show their matches:\n{}",
        s.text()
    );
    press(&mut a, "Esc Esc");
    let s = screen(&a);
    let any = (0..s.buf.area.height - 1)
        .any(|y| (left..s.buf.area.width).any(|x| s.buf[(x, y)].bg == Color::Yellow));
    assert!(!any, "Esc clears the highlights in the column too");
}

#[test]
fn the_choice_made_with_s_is_remembered_and_an_explicit_flag_wins() {
    use sidenote::app::{App, SidenoteMode};
    use sidenote::store::{DocKey, Store};
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    // As the reader starts: the flag or the remembered choice, then the store.
    let open = |flag: Option<SidenoteMode>, width: u16| -> App {
        let store = Store::open_at(&data);
        let mut a = wide_app(sample_doc(), width, 30);
        a.set_sidenote_mode(SidenoteMode::at_start(flag, store.sidenotes_choice()));
        let key = DocKey::for_file(&dir.path().join("dispatch.txt"), b"the bytes");
        a.attach_store(store, key);
        a
    };
    let mut a = open(None, 160);
    assert!(
        a.note_column().is_some(),
        "no choice yet: auto, open at 160"
    );
    assert!(!data.join("settings.json").exists());
    press(&mut a, "S");
    assert!(a.note_column().is_none());
    let text = std::fs::read_to_string(data.join("settings.json")).expect("written by S");
    assert!(text.contains(r#""sidenotes": "off""#), "{text}");
    let mut b = open(None, 160);
    assert!(b.note_column().is_none(), "hidden, as S left it");
    assert!(
        open(Some(SidenoteMode::Auto), 160).note_column().is_some(),
        "--sidenotes auto wins"
    );
    assert!(
        open(Some(SidenoteMode::On), 160).note_column().is_some(),
        "--sidenotes on wins"
    );
    // Shown again with S: remembered as shown, so it opens even where auto would not.
    press(&mut b, "S");
    assert!(b.note_column().is_some());
    assert!(screen(&b).status().contains("note column shown"));
    assert!(
        open(None, 96).note_column().is_some(),
        "shown at 96 columns"
    );
    assert!(
        open(Some(SidenoteMode::Off), 160).note_column().is_none(),
        "--sidenotes off wins"
    );
}

#[test]
fn only_the_notes_near_the_screen_are_laid_out() {
    let doc = sidenote::document::synthetic::synthetic_document(400_000, None);
    let notes = doc.notes.len();
    let mut a = wide_app(doc, 200, 60);
    screen(&a);
    press(&mut a, "Space Space j j j");
    let s = screen(&a);
    assert!(
        !a.margin_notes().is_empty(),
        "notes beside the text:\n{}",
        s.text()
    );
    // The page and the page above it, never the document.
    assert!(
        a.laid_out_notes() * 10 < notes,
        "{} of {notes} notes laid out",
        a.laid_out_notes()
    );
}

#[test]
fn a_note_cited_twice_on_screen_stands_once_at_its_first_citation() {
    // Note 5 is cited in paragraphs 4 and 20: both on one tall screen.
    let mut a = wide_app(notes_doc(), 160, 100);
    press(&mut a, "g");
    let (left, _) = a.note_column().expect("open");
    let s = screen(&a);
    let split = |r: &String| {
        let text: String = r.chars().take(usize::from(left)).collect();
        let column: String = r.chars().skip(usize::from(left)).collect();
        (text, column)
    };
    let cited: Vec<usize> = (0..s.page().len())
        .filter(|&y| split(&s.rows[y]).0.contains("[5]"))
        .collect();
    assert_eq!(cited.len(), 2, "both citations on screen:\n{}", s.text());
    let shown: Vec<usize> = (0..s.page().len())
        .filter(|&y| split(&s.rows[y]).1.contains("[5]"))
        .collect();
    assert_eq!(shown.len(), 1, "one copy of note 5:\n{}", s.text());
    assert!(
        shown[0] >= cited[0] && shown[0] < cited[1],
        "beside the first citation, not the second:\n{}",
        s.text()
    );
}
