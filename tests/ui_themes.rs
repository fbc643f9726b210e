//! The themes by snapshot: one small screen (an anchor selected, search matches, a note
//! that lost its text) drawn in each theme and without colour, each cell's style written
//! beside the text as a letter with a legend, so the snapshot shows what a reader sees.

mod support;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use sidenote::config::{Appearance, ThemeName};
use support::*;

/// The screen's text, then per row the style of each cell as a letter (`.` for the
/// plain style), then the legend of the letters.
fn styled_snapshot(buf: &Buffer) -> String {
    let mut styles: Vec<Style> = Vec::new();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut text = String::new();
        let mut codes = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            let style = Style::new()
                .fg(cell.fg)
                .bg(cell.bg)
                .add_modifier(cell.modifier);
            if style == Style::new().fg(Color::Reset).bg(Color::Reset) {
                codes.push('.');
            } else {
                let i = match styles.iter().position(|s| *s == style) {
                    Some(i) => i,
                    None => {
                        styles.push(style);
                        styles.len() - 1
                    }
                };
                codes.push(char::from(b'a' + (i % 26) as u8));
            }
        }
        out.push_str(&format!(
            "{}\n{}\n",
            text.trim_end(),
            codes.trim_end_matches('.')
        ));
    }
    out.push_str("\nlegend:\n");
    for (i, s) in styles.iter().enumerate() {
        let colour = |c: Option<Color>| match c {
            Some(Color::Reset) | None => "-".to_string(),
            Some(c) => format!("{c:?}"),
        };
        out.push_str(&format!(
            "{} = fg {} bg {} {:?}\n",
            char::from(b'a' + (i % 26) as u8),
            colour(s.fg),
            colour(s.bg),
            s.add_modifier
        ));
    }
    out
}

/// Paragraphs 1 and 2 of the notes document: anchors [1] [2] [3] (note 3 lost its text),
/// the second anchor selected, `gauges` searched (the first match current).
fn reader(appearance: Appearance) -> sidenote::app::App {
    let mut a = app(notes_doc(), 60, 18);
    a.appearance = appearance;
    press(&mut a, "j j j j j j j /");
    type_text(&mut a, "gauges");
    press(&mut a, "Enter Tab Tab");
    a
}

fn themed(theme: ThemeName, colour: bool) -> String {
    styled_snapshot(&screen(&reader(Appearance { theme, colour })).buf)
}

#[test]
fn dark_theme() {
    insta::assert_snapshot!(themed(ThemeName::Dark, true));
}

#[test]
fn light_theme() {
    insta::assert_snapshot!(themed(ThemeName::Light, true));
}

#[test]
fn high_contrast_theme() {
    insta::assert_snapshot!(themed(ThemeName::HighContrast, true));
}

#[test]
fn no_colour_whatever_the_theme() {
    let plain = themed(ThemeName::Dark, false);
    for theme in [ThemeName::Light, ThemeName::HighContrast] {
        assert_eq!(themed(theme, false), plain, "{theme:?} without colour");
    }
    let legend = plain
        .split("legend:")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(
        !legend.contains("fg Black") && !legend.contains("bg Yellow"),
        "{legend}"
    );
    for line in legend.lines().filter(|l| !l.is_empty()) {
        assert!(
            line.contains("fg - bg -"),
            "a colour without colour: {line}"
        );
    }
    insta::assert_snapshot!(plain);
}

#[test]
fn without_colour_anchors_selection_matches_and_missing_notes_differ() {
    let a = reader(Appearance {
        theme: ThemeName::Dark,
        colour: false,
    });
    let s = screen(&a);
    let bold = s.styled(Modifier::BOLD);
    let dim = s.styled(Modifier::DIM);
    let reversed = s.styled(Modifier::REVERSED);
    assert!(
        bold.iter().any(|(_, t)| t.contains("[1]")),
        "anchors bold: {bold:?}"
    );
    assert!(
        dim.iter().any(|(_, t)| t.contains("[3]")),
        "the missing note's anchor dim: {dim:?}"
    );
    assert!(
        reversed.iter().any(|(_, t)| t.contains("gauges")),
        "matches reversed: {reversed:?}"
    );
    assert!(s.selection().is_some(), "the selection: reverse and bold");
}
