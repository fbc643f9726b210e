//! The reader must always give the user's terminal back: after a signal, a panic, a
//! suspend, and through terminal sizes no one reads at.

mod common;

use common::{Key, Session, TIMEOUT};

/// Words from the built-in sample's title; short enough never to be wrapped at 80.
const SAMPLE_TITLE: &str = "The Kerets Dam";
const PANIC_MESSAGE: &str = "panic requested by SIDENOTE_TEST_PANIC";

/// The bottom row of the screen, where the reader keeps its status line.
fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols)
        .nth(usize::from(rows).saturating_sub(1))
        .unwrap_or_default()
}

/// Whether the page starts with the sample's title (the status line repeats the title,
/// so "somewhere on screen" would prove less).
fn title_on_top(screen: &vt100::Screen) -> bool {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .next()
        .is_some_and(|row| row.contains(SAMPLE_TITLE))
}

/// Where `needle` last occurs in `haystack`.
fn last_index(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Checks everything a shell user would trip over after the reader is gone: the main
/// screen back, the cursor visible, no mouse reporting, and the line discipline back in
/// cooked mode (line editing and echo).
fn assert_terminal_restored(s: &Session, after: &str) {
    let screen = s.screen_text();
    assert!(
        !s.alternate_screen(),
        "after {after}, the main screen must be back; screen was:\n{screen}"
    );
    assert!(
        !s.cursor_hidden(),
        "after {after}, the cursor must be visible"
    );
    assert_eq!(
        s.inspect(|sc| sc.mouse_protocol_mode()),
        vt100::MouseProtocolMode::None,
        "after {after}, mouse reporting must be off or clicks print garbage in the shell"
    );
    // The same, read from the bytes: the last word on each mode is "off".
    let raw = s.raw_output();
    for (on, off, what) in [
        (&b"\x1b[?1049h"[..], &b"\x1b[?1049l"[..], "alternate screen"),
        (b"\x1b[?25l", b"\x1b[?25h", "hidden cursor"),
        (b"\x1b[?1000h", b"\x1b[?1000l", "mouse capture"),
    ] {
        assert!(
            last_index(&raw, off) > last_index(&raw, on),
            "after {after}, the last {what} sequence written must turn it off"
        );
    }
    match s.tty_cooked() {
        Some(cooked) => assert!(
            cooked,
            "after {after}, raw mode must be off (the shell would get no echo)"
        ),
        // Not every platform lets the master side read the terminal settings.
        None => eprintln!("cannot read the pty's termios here; raw mode not checked"),
    }
}

/// Starts the sample and waits until the reader has taken over the terminal.
fn open_sample(cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    let s = Session::spawn(&[], env, cols, rows);
    s.wait_for(SAMPLE_TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(cooked) = s.tty_cooked() {
        assert!(!cooked, "while reading, the terminal should be in raw mode");
    }
    assert_ne!(
        s.inspect(|sc| sc.mouse_protocol_mode()),
        vt100::MouseProtocolMode::None,
        "while reading, the wheel and clicks are captured"
    );
    s
}

/// A terminating signal ends the reader with the shell's code for it (128 + number),
/// terminal restored, reading position saved.
fn signal_exits_cleanly(name: &str, number: u32) {
    let mut s = open_sample(100, 30, &[]);
    s.send_keys(&[Key::PageDown, Key::PageDown]);
    // A status line that shows a percentage other than 0: one not yet drawn (the pty
    // can hand over the first frame's title before its last row) shows none, and the
    // signal would then come before the keys moved the view.
    s.wait_until("the view two pages down", TIMEOUT, |screen| {
        let status = status_line(screen);
        status.contains('%') && !status.contains("  0%")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.signal(name);
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 128 + number, "exit code after SIG{name}");
    assert_terminal_restored(&s, &format!("SIG{name}"));

    // The position was saved on the way out.
    let mut again = s.reopen(&[], 100, 30);
    again
        .wait_for("resumed at", TIMEOUT)
        .unwrap_or_else(|e| panic!("after SIG{name}: {e}"));
    again.send(b"q");
    assert_eq!(
        again.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")),
        0
    );
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    signal_exits_cleanly("TERM", 15);
}

#[test]
fn sighup_exits_129_and_restores_the_terminal() {
    signal_exits_cleanly("HUP", 1);
}

#[test]
fn sigint_exits_130_and_restores_the_terminal() {
    signal_exits_cleanly("INT", 2);
}

#[test]
fn panic_restores_the_terminal_and_shows_the_message() {
    let mut s = Session::spawn(
        &[],
        &[("SIDENOTE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
        100,
        30,
    );
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 101, "a panic exits with Rust's panic code");
    assert!(
        s.raw_contains(b"\x1b[?1049h"),
        "the reader should have drawn before panicking"
    );
    assert_terminal_restored(&s, "a panic");
    // The message is printed after leaving the alternate screen, so it stays readable.
    let raw = s.raw_output();
    let message = last_index(&raw, PANIC_MESSAGE.as_bytes()).expect("panic message written");
    let entered = last_index(&raw, b"\x1b[?1049h").expect("alternate screen entered");
    let left = raw[entered..]
        .windows(8)
        .position(|w| w == b"\x1b[?1049l")
        .map(|i| entered + i);
    assert!(
        left.is_some_and(|left| left < message),
        "the panic message must come after the alternate screen is left"
    );
    assert!(
        s.screen_text().contains(PANIC_MESSAGE),
        "the panic message should be on the main screen; screen was:\n{}",
        s.screen_text()
    );
}

/// After a panic the terminal must be restored once only: the panic hook restores it, and
/// if `TerminalGuard::drop` did it again during unwinding, the second `CSI ? 1049 l` would
/// restore the cursor saved on entering the alternate screen (xterm, tmux and vt100 all
/// do), so the shell's next prompt would overwrite the panic message.
#[test]
fn panic_message_is_not_overwritten_by_the_next_prompt() {
    let mut s = Session::spawn(
        &[],
        &[("SIDENOTE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
        100,
        30,
    );
    s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    let rows = s.rows();
    let message_row = rows
        .iter()
        .rposition(|r| r.contains(PANIC_MESSAGE))
        .unwrap_or_else(|| panic!("no panic message on screen:\n{}", s.screen_text()));
    let (cursor_row, _) = s.inspect(|sc| sc.cursor_position());
    assert!(
        usize::from(cursor_row) > message_row,
        "the cursor (row {cursor_row}) must be below the panic message (row {message_row}), \
         or the shell prompt is printed over it"
    );
}

/// Starting in a terminal too small to read in shows a notice instead of crashing, and
/// the page appears once the window is made larger.
fn tiny_start_then_grow(cols: u16, rows: u16, notice: &str) {
    let mut s = Session::spawn(&[], &[], cols, rows);
    s.wait_until(&format!("{notice:?} at {cols}×{rows}"), TIMEOUT, |screen| {
        screen.alternate_screen() && screen.contents().contains(notice)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.resize(80, 24);
    s.wait_until("the title at the top of the page", TIMEOUT, title_on_top)
        .unwrap_or_else(|e| panic!("{e}"));
    s.wait_until("a status line at the bottom", TIMEOUT, |screen| {
        status_line(screen).contains("? help")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
    assert_terminal_restored(&s, "quitting");
}

#[test]
fn five_by_two_shows_a_too_small_notice_then_the_page_when_grown() {
    // "terminal too small" cut to five columns.
    tiny_start_then_grow(5, 2, "term…");
}

#[test]
fn one_by_one_does_not_crash_and_recovers_when_grown() {
    tiny_start_then_grow(1, 1, "…");
}

#[test]
fn resize_storm_then_quit() {
    let mut s = open_sample(80, 24, &[]);
    // A fixed-seed generator: the same "random" sizes on every run.
    let mut seed: u32 = 0x5eed_1234;
    let mut next = |range: u16| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        u16::try_from((seed >> 16) % u32::from(range)).expect("below a u16 range")
    };
    for _ in 0..50 {
        let cols = 1 + next(200);
        let rows = 1 + next(60);
        s.resize(cols, rows);
    }
    s.resize(100, 30);
    s.wait_until("the sample redrawn at 100×30", TIMEOUT, |screen| {
        screen.alternate_screen() && title_on_top(screen) && status_line(screen).contains("? help")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
    assert_terminal_restored(&s, "a resize storm");
}

/// Ctrl-Z needs a job-control shell: run directly in the pty the reader leads an orphaned
/// process group, where the kernel discards a stop signal. So an interactive bash runs
/// the reader, as a user's shell would.
#[test]
fn ctrl_z_gives_the_shell_back_and_fg_resumes_reading() {
    const PROMPT: &str = "sn-shell$ ";
    let mut s = Session::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", PROMPT), ("HISTFILE", "/dev/null")],
        80,
        24,
    );
    s.wait_for(PROMPT, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_str(&format!("'{}'\r", common::pty::binary()));
    s.wait_until("the reader on the alternate screen", TIMEOUT, |screen| {
        screen.alternate_screen() && screen.contents().contains(SAMPLE_TITLE)
    })
    .unwrap_or_else(|e| panic!("{e}"));

    s.send_key(Key::Ctrl('z'));
    s.wait_until("the shell reporting the stopped job", TIMEOUT, |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !s.cursor_hidden(),
        "the shell needs its cursor while the reader is stopped"
    );
    assert_eq!(
        s.inspect(|sc| sc.mouse_protocol_mode()),
        vt100::MouseProtocolMode::None,
        "mouse reporting must be off while the shell has the terminal"
    );

    s.send_str("fg\r");
    s.wait_until("the reader back after fg", TIMEOUT, |screen| {
        screen.alternate_screen() && title_on_top(screen) && status_line(screen).contains("? help")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.cursor_hidden(), "the reader hides the cursor again");

    s.send(b"q");
    s.wait_until("the shell screen after quitting", TIMEOUT, |screen| {
        !screen.alternate_screen()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s.send_str("echo \"reader-rc=$?\"\r");
    s.wait_for("reader-rc=0", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    s.send_str("exit\r");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}")), 0);
}
