//! A reader whose terminal goes away (the terminal window is closed, an ssh connection
//! drops) must save and exit, not spin: crossterm reads end-of-input forever, so the
//! reader keeps its event reading off the main thread and exits on SIGHUP (129).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::time::{Duration, Instant};

#[test]
fn closing_the_terminal_ends_the_reader_with_sighup_status() {
    let home = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sidenote"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.cwd(home.path());
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let writer = pty.master.take_writer().expect("writer");
    // Read until the first frame (the status line's "? help") has been drawn.
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("? help") {
        let n = reader.read(&mut buf).expect("read the first frame");
        assert!(n > 0, "the reader exited before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    // Close every handle on the terminal's side: the kernel hangs up the session.
    drop(reader);
    drop(writer);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("sidenote kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        status.exit_code(),
        129,
        "exit status after a hang-up: {status:?}"
    );
}
