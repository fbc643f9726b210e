//! Copy with a citation (`y`, `Y`), links (`Tab`, `o`), mouse capture (`M`): driven by keys
//! through the real keymap. The clipboard, the opener and the mouse are effects the event
//! loop performs; here the test looks at what `update` asked for and what the screen says.

mod support;

use sidenote::app::effects::Effect;
use sidenote::app::{App, Target};
use sidenote::document::{Block, BlockKind, Document, Meta, Note, Run, RunStyle};
use support::{app, notes_doc, para, press, screen, type_text};

/// A dispatch with a header, a link run, a bare URL and a note holding a URL.
fn linked_doc() -> Document {
    let mut first = para(
        "The harbour board of Brisk published its report. The full text is at \
         https://example.org/brisk/report?id=4 and the board's own page says more.",
        &[(0, "1")],
    );
    let start = first.text.find("board's own page").expect("link text");
    first.runs.push(Run {
        start,
        end: start + "board's own page".len(),
        style: RunStyle::Link {
            url: "https://board.example.org/".into(),
        },
    });
    let second = Block {
        kind: BlockKind::Paragraph,
        text: "The commission met again on Tuesday to weigh the accord.".into(),
        ..Block::default()
    };
    Document {
        meta: Meta {
            title: Some("The Quay Of Brisk".into()),
            date_text: Some("March 3, 2025".into()),
            series: Some("Special Dispatch".into()),
            number: Some("77".into()),
            ..Meta::default()
        },
        blocks: vec![first, second],
        notes: vec![Note {
            label: "1".into(),
            text: Some("See https://norvale.test/minutes for the minutes.".into()),
            refs: vec![0].into(),
            ..Note::default()
        }],
        ..Document::default()
    }
}

/// The link areas of one drawn frame of `a` on a `w`×`h` screen, each with the text of
/// the cells it covers.
fn drawn_links(a: &App, w: u16, h: u16) -> Vec<(sidenote::ui::links::LinkArea, String)> {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("backend");
    let mut areas = Vec::new();
    term.draw(|f| areas = sidenote::ui::link_areas(a, f))
        .expect("draw");
    let buf = term.backend().buffer();
    areas
        .into_iter()
        .map(|l| {
            let shown = l
                .cols
                .clone()
                .map(|x| buf[(x, l.row)].symbol().to_string())
                .collect();
            (l, shown)
        })
        .collect()
}

fn copies(a: &App) -> Vec<String> {
    a.effects
        .pending()
        .iter()
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

const CITATION: &str = "The Quay Of Brisk; Special Dispatch No. 77; March 3, 2025";

#[test]
fn y_copies_the_passage_at_the_top_with_its_citation_and_says_so() {
    let mut a = app(linked_doc(), 100, 30);
    press(&mut a, "y");
    let copied = copies(&a);
    assert_eq!(copied.len(), 1, "one copy asked for");
    assert!(
        copied[0].starts_with("The harbour board of Brisk published its report."),
        "{copied:?}"
    );
    assert!(copied[0].contains("[1]"), "with its note marker as read");
    assert!(
        copied[0].ends_with(&format!("\n\n{CITATION}")),
        "{copied:?}"
    );
    let status = screen(&a).status();
    assert!(
        status.contains("copied the passage “The harbour board of Brisk")
            && status.contains("with its citation"),
        "{status}"
    );
}

#[test]
fn y_on_a_selected_note_copies_the_note_and_its_label_in_the_citation() {
    let mut a = app(linked_doc(), 100, 30);
    press(&mut a, "Tab Tab Tab"); // two links, then the anchor
    assert!(matches!(a.selected, Some(Target::Anchor { .. })));
    press(&mut a, "y");
    let copied = copies(&a);
    assert_eq!(
        copied,
        [format!(
            "[1] See https://norvale.test/minutes for the minutes.\n\n{CITATION}; note 1"
        )]
    );
    assert!(screen(&a)
        .status()
        .contains("copied note 1 with its citation"));
    // In the preview too.
    let mut a = app(linked_doc(), 60, 30);
    press(&mut a, "Tab Tab Tab Enter");
    assert!(screen(&a).preview().is_some());
    press(&mut a, "Y");
    assert_eq!(copies(&a), [format!("{CITATION}; note 1")]);
}

#[test]
fn y_after_a_search_copies_the_passage_of_the_current_match() {
    let mut a = app(linked_doc(), 100, 30);
    press(&mut a, "/");
    type_text(&mut a, "Tuesday");
    press(&mut a, "Enter y");
    let copied = copies(&a);
    assert!(
        copied[0].starts_with("The commission met again on Tuesday"),
        "{copied:?}"
    );
}

#[test]
#[allow(non_snake_case)]
fn Y_copies_only_the_citation() {
    let mut a = app(linked_doc(), 100, 30);
    press(&mut a, "Y");
    assert_eq!(copies(&a), [CITATION.to_string()]);
    assert!(screen(&a).status().contains("copied the citation"));
}

#[test]
fn where_the_terminal_cannot_copy_y_says_why_and_asks_nothing() {
    let mut a = app(linked_doc(), 100, 30);
    a.effects.clipboard = sidenote::osc::clipboard_support(true, Some("linux"));
    press(&mut a, "y");
    assert!(copies(&a).is_empty());
    let status = screen(&a).text();
    assert!(
        status.contains("cannot copy") && status.contains("TERM=linux"),
        "{status}"
    );
}

#[test]
fn tab_stops_on_links_in_order_with_anchors_and_o_opens_the_selected_one() {
    let mut a = app(linked_doc(), 100, 30);
    a.effects.opener = Some("test-opener".into());
    let mut stops = Vec::new();
    for _ in 0..5 {
        press(&mut a, "Tab");
        stops.push(a.selected.expect("something selected"));
    }
    let urls: Vec<Option<String>> = stops.iter().map(|t| t.url(&a.doc)).collect();
    assert_eq!(
        urls,
        [
            Some("https://example.org/brisk/report?id=4".to_string()),
            Some("https://board.example.org/".to_string()),
            None, // the anchor [1] after the paragraph's text
            None, // note 1's label in the Notes section
            Some("https://norvale.test/minutes".to_string()),
        ]
    );
    assert!(matches!(stops[2], Target::Anchor { .. }));
    assert_eq!(stops[3], Target::Note(0));
    assert!(screen(&a)
        .status()
        .contains("link: https://norvale.test/minutes"));
    press(&mut a, "o");
    assert_eq!(
        a.effects.pending().last(),
        Some(&Effect::Open("https://norvale.test/minutes".into()))
    );
    // Shift-Tab goes back the same way.
    press(&mut a, "S-Tab");
    assert_eq!(a.selected, Some(Target::Note(0)));
}

#[test]
fn o_without_an_opener_or_a_link_says_so() {
    let mut a = app(linked_doc(), 100, 30);
    press(&mut a, "o");
    assert!(screen(&a).text().contains("no link selected"));
    press(&mut a, "Tab o");
    let text = screen(&a).text();
    assert!(
        text.contains("no system opener") && text.contains("https://example.org/brisk/report?id=4"),
        "{text}"
    );
    assert!(a.effects.pending().is_empty());
}

#[test]
fn the_selected_link_is_highlighted_and_every_link_underlined() {
    let mut a = app(linked_doc(), 100, 30);
    let underlined = screen(&a).styled(ratatui::style::Modifier::UNDERLINED);
    let text: String = underlined.iter().map(|(_, s)| s.as_str()).collect();
    assert!(
        text.contains("https://example.org/brisk/report?id=4"),
        "{underlined:?}"
    );
    press(&mut a, "Tab");
    let selected: String = screen(&a)
        .styled(ratatui::style::Modifier::REVERSED)
        .into_iter()
        .filter(|(row, _)| *row < 29)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(selected, "https://example.org/brisk/report?id=4");
}

#[test]
fn link_areas_mark_exactly_the_cells_of_each_url_and_the_scrub_replaces_nothing() {
    let a = app(linked_doc(), 100, 30);
    let drawn = drawn_links(&a, 100, 30);
    assert!(!drawn.is_empty());
    for (l, shown) in &drawn {
        let expected = match l.url.as_str() {
            "https://board.example.org/" => "board's own page",
            url => url,
        };
        assert!(
            expected.contains(shown.as_str()),
            "{shown:?} is part of {expected:?}"
        );
    }
    let urls: Vec<&str> = drawn.iter().map(|(l, _)| l.url.as_str()).collect();
    assert!(
        urls.contains(&"https://norvale.test/minutes"),
        "the note's URL: {urls:?}"
    );
    support::draw(&a); // panics if the scrub replaced a cell
}

#[test]
fn a_url_with_control_characters_is_no_link() {
    let mut doc = linked_doc();
    doc.blocks[0].runs[0].style = RunStyle::Link {
        url: "https://evil.test/\u{1b}]8;;https://other.test\u{7}".into(),
    };
    let a = app(doc, 100, 30);
    let urls: Vec<String> = a.doc.links(2).into_iter().map(|l| l.url).collect();
    assert_eq!(urls, ["https://example.org/brisk/report?id=4"]);
}

#[test]
#[allow(non_snake_case)]
fn M_toggles_mouse_capture_and_says_so() {
    let mut a = app(notes_doc(), 80, 24);
    assert!(a.effects.mouse);
    press(&mut a, "M");
    assert_eq!(a.effects.pending(), [Effect::Mouse(false)]);
    assert!(screen(&a).status().contains("mouse off"));
    press(&mut a, "M");
    assert_eq!(
        a.effects.take(),
        [Effect::Mouse(false), Effect::Mouse(true)]
    );
    assert!(screen(&a).status().contains("mouse on"));
}

#[test]
fn a_long_message_wraps_at_words_instead_of_being_cut() {
    let mut a = app(notes_doc(), 60, 24);
    let long = "the bookmark store was damaged and has been set aside as \
                bookmarks.damaged-20260101-120000.json; a new one was started";
    a.message = Some(long.into());
    let text = screen(&a).text();
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(long),
        "the whole message is on screen:\n{text}"
    );
    assert!(joined.contains("bookmarks.damaged-20260101-120000.json"));
}

#[test]
fn a_url_in_the_note_column_is_a_link_area_too() {
    let a = support::wide_app(linked_doc(), 160, 30);
    let (left, _) = a
        .note_column()
        .expect("the note column is open at 160 columns");
    let drawn = drawn_links(&a, 160, 30);
    let in_column: Vec<&str> = drawn
        .iter()
        .filter(|(l, _)| l.cols.start >= left && l.url == "https://norvale.test/minutes")
        .map(|(_, shown)| shown.as_str())
        .collect();
    assert!(!in_column.is_empty(), "{drawn:?}");
    let joined = in_column.concat();
    assert!(
        "https://norvale.test/minutes".starts_with(&joined)
            || joined == "https://norvale.test/minutes",
        "{in_column:?}"
    );
    support::draw(&a);
}

#[test]
fn a_url_in_the_note_preview_is_a_link_area_too() {
    let mut a = app(linked_doc(), 80, 30);
    let url = "https://norvale.test/minutes";
    press(&mut a, "1 Enter");
    assert!(
        screen(&a).text().contains("Note 1"),
        "{}",
        screen(&a).text()
    );
    let drawn = drawn_links(&a, 80, 30);
    let shown: String = drawn
        .iter()
        .filter(|(l, _)| l.url == url)
        .map(|(_, shown)| shown.as_str())
        .collect();
    assert_eq!(shown, url, "{drawn:?}");
    // The page under the popup is covered: its links are not hyperlinks while it is open,
    // so every area is the popup's.
    assert!(drawn.iter().all(|(l, _)| l.url == url), "{drawn:?}");
}
