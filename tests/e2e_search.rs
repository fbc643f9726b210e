//! Searching the built-in sample in a real pseudo-terminal: the live count while typing,
//! the highlighted matches, `n`, a query that finds nothing, and a history that outlives
//! the reader.

mod common;

use common::{Key, Session, TIMEOUT};

/// Occurs in the sample's body and in one of its notes.
const QUERY: &str = "minimum flow";
const SAMPLE: &str = include_str!("../assets/sample-dispatch.txt");
/// Visible once the reader has drawn its first screen of the sample.
const SAMPLE_TITLE: &str = "The Kerets Dam";

/// How often `QUERY` occurs in the sample, ignoring case, body and notes alike: what the
/// reader must count.
fn expected_matches() -> usize {
    SAMPLE.to_lowercase().matches(&QUERY.to_lowercase()).count()
}

/// ratatui's `Color::LightRed` (current match) and `Color::Yellow` (other matches) reach
/// the terminal as indexed colours 9 and 3.
const CURRENT_BG: vt100::Color = vt100::Color::Idx(9);
const OTHER_BG: vt100::Color = vt100::Color::Idx(3);

/// The runs of cells with background `bg` on the page (not the status line), as text.
/// At 100 columns no match in the sample is wrapped, so a run never spans two rows.
fn highlighted(screen: &vt100::Screen, bg: vt100::Color) -> Vec<String> {
    let (rows, cols) = screen.size();
    let mut runs = Vec::new();
    for row in 0..rows.saturating_sub(1) {
        let mut run: Option<String> = None;
        for col in 0..=cols {
            match screen.cell(row, col).filter(|c| c.bgcolor() == bg) {
                Some(c) => {
                    let text = if c.has_contents() { c.contents() } else { " " };
                    run.get_or_insert_with(String::new).push_str(text);
                }
                None => runs.extend(run.take()),
            }
        }
    }
    runs
}

/// The row of the first highlighted cell with background `bg`.
fn first_row_with(screen: &vt100::Screen, bg: vt100::Color) -> Option<u16> {
    let (rows, cols) = screen.size();
    (0..rows.saturating_sub(1))
        .find(|&r| (0..cols).any(|c| screen.cell(r, c).is_some_and(|cell| cell.bgcolor() == bg)))
}

fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols)
        .nth(usize::from(rows).saturating_sub(1))
        .unwrap_or_default()
}

fn open_sample() -> Session {
    let s = Session::spawn(&[], &[], 100, 30);
    s.wait_for(SAMPLE_TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s
}

fn quit(s: &mut Session) {
    s.send(b"q");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0, "quitting with q should succeed");
}

#[test]
fn search_counts_highlights_steps_and_reports_not_found() {
    let n = expected_matches();
    assert!(n >= 2, "the query must occur several times in the sample");
    let mut s = open_sample();

    s.send(b"/");
    s.send_str(QUERY);
    let counting = format!("match 1 of {n}");
    s.wait_until(&format!("{counting:?} while typing"), TIMEOUT, |screen| {
        let status = status_line(screen);
        status.starts_with(&format!("/{QUERY}")) && status.trim_end().ends_with(&counting)
    })
    .unwrap_or_else(|e| panic!("{e}"));

    s.send_key(Key::Enter);
    let confirmed = format!("match 1 of {n}: {QUERY}");
    s.wait_until(
        &format!("{confirmed:?} in the status line"),
        TIMEOUT,
        |screen| status_line(screen).contains(&confirmed),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // The current match stands out and spells the query; the others are marked too.
    s.wait_until("the current match highlighted", TIMEOUT, |screen| {
        highlighted(screen, CURRENT_BG) == [QUERY]
    })
    .unwrap_or_else(|e| {
        panic!(
            "{e}\ncurrent-match cells: {:?}",
            s.inspect(|sc| highlighted(sc, CURRENT_BG))
        )
    });
    let others = s.inspect(|screen| highlighted(screen, OTHER_BG));
    assert!(
        !others.is_empty() && others.iter().all(|h| h.eq_ignore_ascii_case(QUERY)),
        "the sample's second match is on the first screen too and must be marked as a \
         match; other-match cells: {others:?}\n{}",
        s.screen_text()
    );
    let first_row = s.inspect(|screen| first_row_with(screen, CURRENT_BG));

    s.send(b"n");
    let second = format!("match 2 of {n}: {QUERY}");
    s.wait_until(
        &format!("{second:?} in the status line"),
        TIMEOUT,
        |screen| status_line(screen).contains(&second),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    s.wait_until(
        "the highlight moved to the second match",
        TIMEOUT,
        |screen| {
            highlighted(screen, CURRENT_BG) == [QUERY]
                && first_row_with(screen, CURRENT_BG) != first_row
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));

    s.send(b"/");
    s.send_str("zzzqqq");
    s.send_key(Key::Enter);
    s.wait_until(
        "'not found: zzzqqq' in the status line",
        TIMEOUT,
        |screen| {
            let status = status_line(screen);
            status.contains("not found: zzzqqq") && !status.starts_with('/')
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));

    quit(&mut s);
}

#[test]
fn search_history_survives_a_restart() {
    let mut first = open_sample();
    first.send(b"/");
    first.send_str(QUERY);
    first.send_key(Key::Enter);
    first
        .wait_for(&format!(": {QUERY}"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    quit(&mut first);

    // A new reader with the first one's data directory, as after a real restart.
    let mut second = first.reopen(&[], 100, 30);
    second
        .wait_for("? help", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    second.send(b"/");
    second
        .wait_until("an empty search prompt", TIMEOUT, |screen| {
            status_line(screen).starts_with("/ ")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    second.send_key(Key::Up);
    second
        .wait_until(
            "the earlier query recalled in the prompt",
            TIMEOUT,
            |screen| status_line(screen).starts_with(&format!("/{QUERY} ")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    second.send_key(Key::Esc);
    quit(&mut second);
}
