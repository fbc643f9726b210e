//! End to end, in a real pseudo-terminal: `y` writes an OSC 52 sequence whose payload is
//! the passage with its citation, and a URL in a note is written as an OSC 8 hyperlink
//! whose target is that URL and nothing else.

mod common;

use base64::Engine;
use common::{Key, Session, TIMEOUT};

fn fixture() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/dispatch-links.txt"
    )
    .to_string()
}

/// Every OSC `code` sequence in `raw` (`ESC ] code ; … ST` or `… BEL`), as the text
/// between `ESC ] code ;` and the terminator.
fn osc_bodies(raw: &[u8], code: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let start = format!("\x1b]{code};");
    let mut out = Vec::new();
    let mut rest = &text[..];
    while let Some(i) = rest.find(&start) {
        rest = &rest[i + start.len()..];
        let end = [rest.find('\x07'), rest.find("\x1b\\")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

#[test]
fn y_writes_an_osc52_sequence_holding_the_passage_and_its_citation() {
    let file = fixture();
    let mut s = Session::spawn(&["--top", &file], &[], 90, 24);
    s.wait_for("The harbour board", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Char('y'));
    s.wait_for("with its citation", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let bodies = osc_bodies(&s.raw_output(), "52");
    assert_eq!(bodies.len(), 1, "one OSC 52 sequence: {bodies:?}");
    let payload = bodies[0]
        .strip_prefix("c;")
        .unwrap_or_else(|| panic!("OSC 52 for the clipboard: {:?}", bodies[0]));
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .expect("the payload is base64");
    let text = String::from_utf8(decoded).expect("UTF-8 text");
    assert!(
        text.contains("The Quay Of Brisk; Special Dispatch No. 77"),
        "{text}"
    );
    assert!(text.contains("March 3, 2025"), "{text}");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}

#[test]
fn a_url_in_a_note_is_written_as_an_osc8_link_to_that_url_only() {
    let file = fixture();
    // Narrow enough that the note column stays closed: the note shows in the Notes section.
    let mut s = Session::spawn(&["--top", &file], &[], 80, 24);
    s.wait_for("The harbour board", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_key(Key::Char('G'));
    s.wait_for("quay-report", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let url = "https://example.org/brisk/quay-report";
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !osc_bodies(&s.raw_output(), "8")
        .iter()
        .any(|b| b == &format!(";{url}"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no OSC 8 link to {url} in {:?}",
            osc_bodies(&s.raw_output(), "8")
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let bodies = osc_bodies(&s.raw_output(), "8");
    for b in &bodies {
        assert!(
            b == &format!(";{url}") || b == ";",
            "every OSC 8 is the URL or the end of a link: {b:?}"
        );
    }
    // Each link is closed.
    let opened = bodies.iter().filter(|b| b.len() > 1).count();
    let closed = bodies.iter().filter(|b| b.as_str() == ";").count();
    assert_eq!(opened, closed, "{bodies:?}");
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}
