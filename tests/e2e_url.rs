//! Opening an address in a real terminal: a slow, large download shows its progress on
//! standard error before the reader starts, and the line is erased, so neither the
//! reader's screen nor the terminal given back afterwards shows it.

mod common;

use common::{Session, TIMEOUT};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

const HEAD: &str = "May 2, 2026 Special Dispatch No. 1402\n\n\
Sluice Gates Tested On The Lower Tarn\n\n\
May 2, 2026\nTarn Valley | Special Dispatch No. 1402\n\n\
The river authority opened the lower sluice gates for a test on Thursday.[1]\n\n";

/// Serves one request: a body of about 2 MiB, sent in pieces over about a second.
fn slow_server() -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://127.0.0.1:{}/tarn.txt",
        listener.local_addr().expect("addr").port()
    );
    let thread = std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
            line.clear();
        }
        let filler = "The gauges along the bank were read every hour. ".repeat(40);
        let mut body = HEAD.to_string();
        while body.len() < 2 * 1024 * 1024 {
            body.push_str(&filler);
            body.push_str("\n\n");
        }
        body.push_str("[1] River authority notice, April 30.\n");
        let mut out = stream;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            body.len()
        );
        let _ = out.write_all(head.as_bytes());
        for piece in body.as_bytes().chunks(128 * 1024) {
            if out.write_all(piece).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(60));
        }
    });
    (url, thread)
}

#[test]
fn a_slow_download_shows_progress_that_leaves_no_trace() {
    let (url, server) = slow_server();
    let mut s = Session::spawn(&[&url], &[("NO_PROXY", "127.0.0.1")], 80, 24);
    s.wait_for("Sluice Gates Tested", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        s.raw_contains(b"sidenote: fetching 127.0.0.1"),
        "no progress was shown"
    );
    assert!(
        !s.screen_text().contains("fetching"),
        "progress on the reader's screen:\n{}",
        s.screen_text()
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(TIMEOUT), Ok(0));
    assert!(
        !s.screen_text().contains("fetching"),
        "progress left on the terminal:\n{}",
        s.screen_text()
    );
    server.join().expect("server");
}
