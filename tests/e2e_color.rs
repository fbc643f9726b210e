//! `NO_COLOR` and `--color never` end to end, through a real terminal: the bytes the
//! terminal receives hold no colour SGR sequence, while anchors, the selection and search
//! matches still carry attributes. And a config file's problem reaches the status line
//! while the rest of the file applies.

mod common;

use common::{Key, Session, TIMEOUT};

/// Words from the built-in sample's title.
const SAMPLE_TITLE: &str = "The Kerets Dam";

/// The colour parameters of every SGR sequence (`ESC [ … m`) in `bytes`: 30–37, 40–47,
/// 90–97, 100–107 and the extended 38 / 48 / 58 forms. 39, 49 and 59 ("the terminal's
/// own colour") are not colours: ratatui resets to them after every frame.
fn colour_sgrs(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        let (params, after) = rest.split_at(end);
        if after.starts_with('m') {
            let coloured = params.split([';', ':']).any(|p| {
                matches!(
                    p.parse::<u32>(),
                    Ok(30..=38 | 40..=48 | 58 | 90..=97 | 100..=107)
                )
            });
            if coloured {
                found.push(format!("ESC[{params}m"));
            }
        }
        rest = after;
    }
    found
}

/// Opens the sample, selects an anchor, searches a word, and returns the session.
fn read_a_little(args: &[&str], env: &[(&str, &str)]) -> Session {
    let mut s = Session::spawn(args, env, 100, 30);
    s.wait_for(SAMPLE_TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_str("/dam");
    s.send_key(Key::Enter);
    s.wait_for("match 1 of", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Tab);
    // The selection's hint, or the anchor itself: give the frame a moment either way.
    std::thread::sleep(std::time::Duration::from_millis(300));
    s
}

fn quit(s: &mut Session) {
    s.send(b"q");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0);
}

/// Cells on screen with each attribute, to show things stay told apart without colour.
fn attributes(s: &Session) -> (usize, usize, usize) {
    s.inspect(|screen| {
        let (rows, cols) = screen.size();
        let (mut bold, mut inverse, mut colour) = (0, 0, 0);
        for r in 0..rows.saturating_sub(1) {
            for c in 0..cols {
                if let Some(cell) = screen.cell(r, c) {
                    bold += usize::from(cell.bold());
                    inverse += usize::from(cell.inverse());
                    let coloured = |col: vt100::Color| col != vt100::Color::Default;
                    colour += usize::from(coloured(cell.fgcolor()) || coloured(cell.bgcolor()));
                }
            }
        }
        (bold, inverse, colour)
    })
}

/// Whether the cells of the first `needle` on screen are all bold.
fn bold_at(s: &Session, needle: &str) -> Option<bool> {
    s.inspect(|screen| {
        let (rows, cols) = screen.size();
        for r in 0..rows {
            let cells: Vec<String> = (0..cols)
                .map(|c| {
                    screen
                        .cell(r, c)
                        .map(|x| x.contents().to_string())
                        .unwrap_or_default()
                })
                .collect();
            let width = needle.chars().count();
            for start in 0..cells.len().saturating_sub(width) {
                if cells[start..start + width].concat() == needle {
                    return Some(
                        (start..start + width)
                            .all(|c| screen.cell(r, c as u16).is_some_and(|cell| cell.bold())),
                    );
                }
            }
        }
        None
    })
}

#[test]
fn no_color_sends_no_colour_yet_anchors_and_matches_keep_attributes() {
    let mut s = read_a_little(&[], &[("NO_COLOR", "1")]);
    let sgr = colour_sgrs(&s.raw_output());
    assert!(sgr.is_empty(), "colour sequences with NO_COLOR: {sgr:?}");
    let (bold, inverse, colour) = attributes(&s);
    assert_eq!(colour, 0);
    assert!(bold > 0, "anchors and headings are bold");
    assert_eq!(bold_at(&s, "[2]"), Some(true), "{}", s.screen_text());
    assert!(inverse > 0, "matches and the selection are reversed");
    quit(&mut s);
}

#[test]
fn color_never_is_the_same_and_always_wins_over_no_color() {
    let mut s = read_a_little(&["--color", "never"], &[]);
    let sgr = colour_sgrs(&s.raw_output());
    assert!(
        sgr.is_empty(),
        "colour sequences with --color never: {sgr:?}"
    );
    quit(&mut s);
    // The checker does see colour when there is some.
    let mut s = read_a_little(&["--color", "always"], &[("NO_COLOR", "1")]);
    assert!(
        !colour_sgrs(&s.raw_output()).is_empty(),
        "--color always draws colour"
    );
    quit(&mut s);
    // An empty NO_COLOR does not count.
    let mut s = read_a_little(&[], &[("NO_COLOR", "")]);
    assert!(
        !colour_sgrs(&s.raw_output()).is_empty(),
        "empty NO_COLOR: colour"
    );
    quit(&mut s);
}

#[test]
fn a_config_problem_is_noticed_and_the_rest_applies() {
    let config = tempfile::tempdir().expect("temp dir");
    let dir = config.path().join("sidenote");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        "theme = \"light\"\ncolour = \"none\"\n\n[keys.reading]\nquit = [\"x\"]\n",
    )
    .expect("write config");
    let home = config.path().to_str().expect("UTF-8 temp path");
    let mut s = Session::spawn(&[], &[("XDG_CONFIG_HOME", home)], 100, 30);
    s.wait_for("unknown setting \"colour\"", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_for("config.toml:2:1", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // `q` is no longer quit; `x` is.
    s.send(b"q");
    s.wait_for("for help", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"x");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0);
}
