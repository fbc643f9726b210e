//! Runs the built `sidenote` binary inside a pseudo-terminal and keeps a virtual screen of
//! what it drew, so tests can check what a user would actually see.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use super::Key;

const POLL: Duration = Duration::from_millis(20);

/// Answers the few terminal queries a TUI may send at start-up (cursor position, device
/// attributes). Without answers, a program that asks would stall until its own timeout,
/// which a real terminal never makes it do.
#[derive(Default)]
struct Responder {
    replies: Vec<u8>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.replies.extend_from_slice(reply.as_bytes());
            }
            (None, 'n', 5) => self.replies.extend_from_slice(b"\x1b[0n"),
            // Primary device attributes: a plain VT220-class terminal. Not answering the
            // kitty keyboard query (`CSI ? u`) tells crossterm the enhancement is absent.
            (None, 'c', 0) => self.replies.extend_from_slice(b"\x1b[?62;22c"),
            _ => {}
        }
    }
}

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser<Responder>,
    raw: Vec<u8>,
}

/// A lock that survives a panicking reader thread: the data is still worth showing.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// One run of the binary in a pty. The child is killed when this is dropped, and its
/// HOME/XDG directories live in a temporary directory owned by the session.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: SharedWriter,
    output: Arc<Mutex<Output>>,
    reader_done: Arc<AtomicBool>,
    exit_code: Option<u32>,
    home: tempfile::TempDir,
}

impl Session {
    /// Starts `sidenote` with `args`. `env` is applied last, so it can override the
    /// defaults (TERM and the sandboxed HOME/XDG directories).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::spawn_program(binary(), args, env, cols, rows)
    }

    /// Like [`Session::spawn`] for any program, e.g. an interactive shell that then runs
    /// the reader, for what only a job-control shell can do (Ctrl-Z and `fg`).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let home = tempfile::tempdir().expect("create a temporary HOME for the session");
        let dirs = [
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_CACHE_HOME", "cache"),
        ];

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        for (var, sub) in dirs {
            let dir = home.path().join(sub);
            std::fs::create_dir_all(&dir).expect("create a sandboxed XDG directory");
            cmd.env(var, dir);
        }
        // Size must come from the pty alone, as it would in a real terminal.
        cmd.env_remove("COLUMNS");
        cmd.env_remove("LINES");
        for (key, value) in env {
            cmd.env(key, value);
        }

        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("open a pseudo-terminal: {e:#}"));
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn {program} in the pty: {e:#}"));
        // Only the child may hold the slave side, or the reader never sees end-of-file.
        drop(pair.slave);
        let master = pair.master;

        let mut reader = master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("clone the pty reader: {e:#}"));
        let writer: SharedWriter = Arc::new(Mutex::new(
            master
                .take_writer()
                .unwrap_or_else(|e| panic!("take the pty writer: {e:#}")),
        ));
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Responder::default()),
            raw: Vec::new(),
        }));
        let reader_done = Arc::new(AtomicBool::new(false));

        {
            let output = Arc::clone(&output);
            let writer = Arc::clone(&writer);
            let done = Arc::clone(&reader_done);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            let replies = {
                                let mut out = lock(&output);
                                out.raw.extend_from_slice(&buf[..n]);
                                let parsed =
                                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                        out.parser.process(&buf[..n])
                                    }));
                                if parsed.is_err() {
                                    // vt100 0.16 can overflow on a storm of resizes (a bug in
                                    // the emulator, not in the reader): start a fresh screen
                                    // of the current size; the reader's next full redraw
                                    // (it repaints everything after a resize) fills it.
                                    let (rows, cols) = out.parser.screen().size();
                                    out.parser = vt100::Parser::new_with_callbacks(
                                        rows,
                                        cols,
                                        0,
                                        Responder::default(),
                                    );
                                }
                                std::mem::take(&mut out.parser.callbacks_mut().replies)
                            };
                            if !replies.is_empty() {
                                let mut w = lock(&writer);
                                // The child may already be gone; then nobody needs the answer.
                                let _ = w.write_all(&replies).and_then(|()| w.flush());
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        // Linux reports EIO once the child has closed the terminal.
                        Err(_) => break,
                    }
                }
                done.store(true, Ordering::SeqCst);
            });
        }

        Session {
            child,
            master,
            writer,
            output,
            reader_done,
            exit_code: None,
            home,
        }
    }

    /// The child's process id, while it has one.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends a signal by name (`"TERM"`, `"HUP"`…) to the child, as `kill` from another
    /// terminal would.
    pub fn signal(&self, name: &str) {
        let pid = self
            .pid()
            .unwrap_or_else(|| panic!("no process to send SIG{name} to"));
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap_or_else(|e| panic!("run kill -{name} {pid}: {e}"));
        assert!(status.success(), "kill -{name} {pid} failed: {status}");
    }

    /// Runs `f` on the virtual screen, for properties no other helper exposes.
    pub fn inspect<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.output).parser.screen())
    }

    /// Whether the terminal line discipline edits lines and echoes (as a shell expects),
    /// rather than being in raw mode. The pty's two sides share these settings, so the
    /// master can read what the program left. `None` where the platform cannot tell.
    pub fn tty_cooked(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // Named through `Debug` (`LocalFlags(ECHO | ICANON | …)`) so the tests need no
        // direct dependency on the termios crate portable-pty uses.
        let flags = format!("{:?}", termios.local_flags);
        let has = |name: &str| {
            flags
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == name)
        };
        Some(has("ICANON") && has("ECHO"))
    }

    /// The sandboxed HOME; files written here vanish with the session.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// Start the reader again with `args`, sharing this session's data directory, as
    /// after a real restart (bookmarks, positions and history carry over).
    pub fn reopen(&self, args: &[&str], cols: u16, rows: u16) -> Session {
        let data = self.data_dir();
        let data = data.to_str().expect("temporary paths are UTF-8 here");
        Session::spawn(args, &[("XDG_DATA_HOME", data)], cols, rows)
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    /// Types raw bytes. Wait for the program's first screen before sending: until it
    /// switches the terminal to raw mode, the pty echoes and line-buffers input.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        if let Err(e) = w.write_all(bytes).and_then(|()| w.flush()) {
            panic!(
                "could not send {bytes:?} to sidenote ({e}); screen was:\n{}",
                self.screen_text()
            );
        }
    }

    pub fn send_str(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    pub fn send_key(&mut self, key: Key) {
        let app_cursor = lock(&self.output).parser.screen().application_cursor();
        self.send(&key.bytes(app_cursor));
        if key == Key::Esc {
            // A lone ESC followed at once by another key reads as Alt+key; a person
            // never types that fast, so leave a pause rather than a race.
            thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn send_keys(&mut self, keys: &[Key]) {
        for &key in keys {
            self.send_key(key);
        }
    }

    /// Waits until `text` is visible anywhere on the screen (text wrapped across two rows
    /// does not count). The error carries the whole screen so a failure explains itself.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{text:?} to appear"), timeout, |s| {
            s.contents().contains(text)
        })
    }

    /// Waits until `text` is no longer visible.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{text:?} to disappear"), timeout, |s| {
            !s.contents().contains(text)
        })
    }

    /// Waits until `ready` holds for the screen. Gives up early if the program has
    /// exited and closed the terminal, since the screen can no longer change.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let finished = self.reader_done.load(Ordering::SeqCst);
            if ready(lock(&self.output).parser.screen()) {
                return Ok(());
            }
            if finished {
                return Err(format!(
                    "sidenote closed the terminal while waiting for {what}; screen was:\n{}",
                    self.screen_text()
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}; screen was:\n{}",
                    self.screen_text()
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// The visible screen as plain text, rows joined by newlines.
    pub fn screen_text(&self) -> String {
        lock(&self.output).parser.screen().contents()
    }

    /// The visible rows, top to bottom, without trailing blanks; the last is the status line.
    pub fn rows(&self) -> Vec<String> {
        let out = lock(&self.output);
        let screen = out.parser.screen();
        let (_, cols) = screen.size();
        screen
            .rows(0, cols)
            .map(|r| r.trim_end().to_string())
            .collect()
    }

    pub fn alternate_screen(&self) -> bool {
        lock(&self.output).parser.screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        lock(&self.output).parser.screen().hide_cursor()
    }

    /// Every byte the program wrote, for checking that no escape sequence from a
    /// document reached the terminal.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.output).raw.clone()
    }

    pub fn raw_contains(&self, needle: &[u8]) -> bool {
        let out = lock(&self.output);
        !needle.is_empty() && out.raw.windows(needle.len()).any(|w| w == needle)
    }

    /// Changes the terminal size as a window resize would (the kernel sends SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        lock(&self.output).parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(size)
            .unwrap_or_else(|e| panic!("resize the pty: {e:#}"));
    }

    /// Waits for the program to exit and returns its exit code; also waits for its last
    /// output to be read, so the screen reflects what it left behind.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<u32, String> {
        let deadline = Instant::now() + timeout;
        let code = loop {
            if let Some(code) = self.exit_code {
                break code;
            }
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    if let Some(signal) = status.signal() {
                        return Err(format!(
                            "sidenote was killed by {signal}; screen was:\n{}",
                            self.screen_text()
                        ));
                    }
                    self.exit_code = Some(status.exit_code());
                }
                Ok(None) if Instant::now() >= deadline => {
                    return Err(format!(
                        "sidenote still running after {timeout:?}; screen was:\n{}",
                        self.screen_text()
                    ));
                }
                Ok(None) => thread::sleep(POLL),
                Err(e) => return Err(format!("could not wait for sidenote: {e}")),
            }
        };
        // Drain: the exit can be noticed before the final bytes have been parsed.
        while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < deadline {
            thread::sleep(POLL);
        }
        Ok(code)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The `sidenote` binary Cargo built for these tests.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_sidenote")
}
