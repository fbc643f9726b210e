//! Shared helpers for end-to-end tests that drive the real `sidenote` binary.
//!
//! Each integration test file compiles this module separately and uses only part of it,
//! so unused helpers are expected rather than a sign of dead code.
#![allow(dead_code, unused_imports)]

pub mod pty;

pub use pty::Session;

use std::time::Duration;

/// Generous on purpose: CI machines are slow and shared, and tests must never depend on speed.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Keys as a terminal would encode them, so tests read like what a user presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Char(char),
    /// Control plus a letter, e.g. `Ctrl('c')`.
    Ctrl(char),
}

impl Key {
    /// Arrow keys change encoding when the program enables "application cursor" mode,
    /// exactly as a real terminal does; the caller reads that mode from the screen.
    pub fn bytes(self, application_cursor: bool) -> Vec<u8> {
        let arrow = |c: u8| {
            if application_cursor {
                vec![0x1b, b'O', c]
            } else {
                vec![0x1b, b'[', c]
            }
        };
        match self {
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Tab => b"\t".to_vec(),
            Key::BackTab => b"\x1b[Z".to_vec(),
            Key::Backspace => b"\x7f".to_vec(),
            Key::Up => arrow(b'A'),
            Key::Down => arrow(b'B'),
            Key::Right => arrow(b'C'),
            Key::Left => arrow(b'D'),
            Key::Home => arrow(b'H'),
            Key::End => arrow(b'F'),
            Key::PageUp => b"\x1b[5~".to_vec(),
            Key::PageDown => b"\x1b[6~".to_vec(),
            Key::Char(c) => c.to_string().into_bytes(),
            Key::Ctrl(c) => {
                let lower = c.to_ascii_lowercase();
                if lower.is_ascii_lowercase() {
                    vec![lower as u8 - b'a' + 1]
                } else {
                    c.to_string().into_bytes()
                }
            }
        }
    }
}

/// Runs the real binary with `args`, its store under `home`, `stdin` piped in (or none),
/// and waits for it. A usage error exits before reading its input, so a closed pipe is
/// an answer, not a failure of the test: the exit status and stderr say what happened.
pub fn run_sidenote(
    args: &[&str],
    stdin: Option<&[u8]>,
    home: &std::path::Path,
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sidenote");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        match pipe.write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.expect("write stdin"),
        }
    }
    child.wait_with_output().expect("wait")
}
