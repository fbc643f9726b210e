//! The two OSC sequences sidenote writes itself: OSC 52 (put text on the clipboard) and
//! OSC 8 (a hyperlink). Built here from text sidenote chose — a base64 payload, a URL that
//! passed `document::links::sanitize_url` — never from bytes a document supplied.

use base64::Engine;

/// `ESC ] 52 ; c ; <base64> BEL`: the terminal puts the decoded text on the clipboard.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{payload}\x07")
}

/// `ESC ] 8 ; ; <url> ESC \`: the text printed after it links to `url`, until
/// [`OSC8_END`]. `url` must be sanitised already (printable ASCII, no `ESC`/`BEL`); a
/// URL that is not is refused here too, and the text is then printed without a link.
pub fn osc8_start(url: &str) -> Option<String> {
    let clean = !url.is_empty()
        && url.len() <= crate::document::links::MAX_URL_LEN
        && url.bytes().all(|b| b.is_ascii_graphic());
    clean.then(|| format!("\x1b]8;;{url}\x1b\\"))
}

/// Ends the hyperlink started by [`osc8_start`].
pub const OSC8_END: &str = "\x1b]8;;\x1b\\";

/// Terminals known to ignore OSC 52 or to print it as garbage: the Linux and BSD consoles,
/// `dumb`, and the old DEC-class types. Anything else is tried (xterm, kitty, foot,
/// WezTerm, iTerm2, Windows Terminal, Alacritty, tmux with `set-clipboard on`).
const NO_CLIPBOARD_TERMS: &[&str] = &[
    "dumb", "linux", "cons25", "vt52", "vt100", "vt102", "vt220", "ansi",
];

/// Whether `y` can copy through this terminal, and if not, why (said on the status line).
pub fn clipboard_support(stdout_is_terminal: bool, term: Option<&str>) -> Result<(), String> {
    if !stdout_is_terminal {
        return Err("standard output is not a terminal".into());
    }
    match term.map(str::trim) {
        None | Some("") => Err("TERM is not set, so the terminal's clipboard is unknown".into()),
        Some(t) if NO_CLIPBOARD_TERMS.contains(&t) || t.starts_with("linux") => Err(format!(
            "this terminal (TERM={}) has no clipboard sequence (OSC 52)",
            crate::document::parse::sanitize_line(t)
        )),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn osc8_refuses_what_is_not_a_clean_url() {
        assert_eq!(
            osc8_start("https://a.test/x").as_deref(),
            Some("\x1b]8;;https://a.test/x\x1b\\")
        );
        assert_eq!(osc8_start("https://a.test/\x1b]x"), None);
        assert_eq!(osc8_start("https://a.test/\x07"), None);
        assert_eq!(osc8_start("https://a.test/ x"), None);
        assert_eq!(osc8_start(""), None);
    }

    #[test]
    fn known_consoles_cannot_copy() {
        assert!(clipboard_support(true, Some("xterm-256color")).is_ok());
        assert!(clipboard_support(true, Some("linux")).is_err());
        assert!(clipboard_support(true, Some("dumb")).is_err());
        assert!(clipboard_support(true, None).is_err());
        assert!(clipboard_support(false, Some("xterm")).is_err());
    }
}
