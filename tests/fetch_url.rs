//! Opening an address: a server on 127.0.0.1 that each test starts (a std TcpListener in
//! a thread), small injected limits so no test waits long, and the cache in a temporary
//! directory. DNS and TLS failures, which need a network to provoke, are tested through
//! the error mapping (`fetch::describe`).

use sidenote::fetch::{self, Cache, FetchError, Limits};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::thread::JoinHandle;
use std::time::Duration;

const DISPATCH: &str = "April 9, 2026 Special Dispatch No. 1311\n\n\
Salt Barges Return To The Quillen Canal\n\n\
April 9, 2026\nQuillen Valley | Special Dispatch No. 1311\n\n\
The canal board reopened the upper locks on Monday.[1]\n\n\
[1] Lock keepers' circular, April 6.\n";

const HTML: &str = "<!doctype html><html><head><title>Orchard Levy Debated</title></head>\
<body><article><h1>Orchard Levy Debated</h1>\
<p>The council of Brenn weighed a levy on cider presses.</p></article></body></html>";

/// One canned answer.
#[derive(Clone)]
enum Reply {
    Ok(&'static str, String),
    Redirect(&'static str),
    Status(u16, &'static str),
    /// Waits this long before answering at all.
    Stall(Duration),
    /// A body of this many bytes with no Content-Length (the size is learnt by reading).
    Unannounced(usize),
    /// A Content-Length of this many bytes (the body is never sent).
    Announced(usize),
}

/// A server answering `replies` (path → reply, in order for repeated paths) for exactly
/// `count` connections, then closing its socket: after `join`, the address refuses.
struct Server {
    port: u16,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(count: usize, route: impl Fn(&str, usize) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let thread = std::thread::spawn(move || {
            for served in 0..count {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                answer(stream, &route, served);
            }
        });
        Server {
            port,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Wait until every connection was served and the socket is closed.
    fn join(mut self) {
        if let Some(t) = self.thread.take() {
            t.join().expect("server thread");
        }
    }
}

fn answer(stream: TcpStream, route: &dyn Fn(&str, usize) -> Reply, served: usize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let path = first.split(' ').nth(1).unwrap_or("/").to_string();
    let mut out = stream;
    let head = |status: &str, extra: &str| {
        format!("HTTP/1.1 {status}\r\nConnection: close\r\n{extra}\r\n")
    };
    let _ = match route(&path, served) {
        Reply::Ok(ctype, body) => out.write_all(
            format!(
                "{}{body}",
                head(
                    "200 OK",
                    &format!(
                        "Content-Type: {ctype}\r\nContent-Length: {}\r\n",
                        body.len()
                    )
                )
            )
            .as_bytes(),
        ),
        Reply::Redirect(to) => out.write_all(
            head(
                "302 Found",
                &format!("Location: {to}\r\nContent-Length: 0\r\n"),
            )
            .as_bytes(),
        ),
        Reply::Status(code, reason) => {
            out.write_all(head(&format!("{code} {reason}"), "Content-Length: 0\r\n").as_bytes())
        }
        Reply::Stall(d) => {
            std::thread::sleep(d);
            Ok(())
        }
        Reply::Unannounced(n) => out
            .write_all(head("200 OK", "Content-Type: text/plain\r\n").as_bytes())
            .and_then(|()| out.write_all(&vec![b'a'; n])),
        Reply::Announced(n) => out.write_all(
            head(
                "200 OK",
                &format!("Content-Type: text/plain\r\nContent-Length: {n}\r\n"),
            )
            .as_bytes(),
        ),
    };
    let _ = out.flush();
}

/// Small limits: a stalled server costs a test a third of a second.
fn limits() -> Limits {
    Limits {
        timeout: Duration::from_millis(300),
        connect_timeout: Duration::from_millis(300),
        max_bytes: 4096,
        max_redirects: 3,
        env_proxy: false,
    }
}

fn get(url: &str) -> Result<fetch::Page, FetchError> {
    fetch::fetch(url, &limits(), &mut |_, _| {})
}

#[test]
fn a_page_is_fetched_and_read_as_its_content_type_says() {
    let server = Server::start(2, |path, _| match path {
        "/d" => Reply::Ok("text/plain; charset=utf-8", DISPATCH.into()),
        _ => Reply::Ok("text/html", HTML.into()),
    });
    let page = get(&server.url("/d")).expect("fetched");
    assert_eq!(page.bytes, DISPATCH.as_bytes());
    assert!(!page.cached);
    let doc = fetch::load(&page, None).expect("loaded").doc;
    assert_eq!(doc.format, "text");
    assert_eq!(doc.meta.number.as_deref(), Some("1311"));
    assert_eq!(doc.notes.len(), 1);
    // An address without an extension, served as HTML, is read as HTML.
    let page = get(&server.url("/orchard")).expect("fetched");
    let doc = fetch::load(&page, None).expect("loaded").doc;
    assert_eq!(doc.format, "html");
    assert_eq!(doc.meta.title.as_deref(), Some("Orchard Levy Debated"));
    server.join();
}

#[test]
fn redirects_are_followed() {
    let server = Server::start(2, |path, _| match path {
        "/old" => Reply::Redirect("/new"),
        _ => Reply::Ok("text/plain", DISPATCH.into()),
    });
    let page = get(&server.url("/old")).expect("fetched");
    assert_eq!(page.bytes, DISPATCH.as_bytes());
    assert_eq!(
        page.url,
        server.url("/old"),
        "the identity is the address asked for"
    );
    assert_eq!(page.final_url, server.url("/new"));
    server.join();
}

#[test]
fn too_many_redirects_are_one_line() {
    let server = Server::start(4, |_, n| {
        Reply::Redirect(["/a", "/b", "/c", "/d"][n.min(3)])
    });
    let e = get(&server.url("/loop")).expect_err("loops");
    assert!(e.to_string().contains("more than 3 redirects"), "{e}");
    server.join();
}

#[test]
fn a_404_is_one_line_with_its_code() {
    let server = Server::start(1, |_, _| Reply::Status(404, "Not Found"));
    let url = server.url("/gone");
    let e = get(&url).expect_err("404");
    assert!(matches!(e, FetchError::Status { code: 404, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!("cannot fetch {url}: the server answered 404 Not Found")
    );
    server.join();
}

#[test]
fn a_stalled_server_times_out_quickly() {
    let server = Server::start(1, |_, _| Reply::Stall(Duration::from_millis(1000)));
    let started = std::time::Instant::now();
    let e = get(&server.url("/slow")).expect_err("timeout");
    assert!(matches!(e, FetchError::Timeout { .. }), "{e:?}");
    assert!(e.to_string().contains("timed out"), "{e}");
    // Well under the server's stall: the limit, not the server, ended it.
    assert!(started.elapsed() < Duration::from_millis(950));
    server.join();
}

#[test]
fn a_page_over_the_limit_is_refused_announced_or_not() {
    let server = Server::start(2, |path, _| match path {
        "/announced" => Reply::Announced(1_000_000),
        _ => Reply::Unannounced(10_000),
    });
    for path in ["/announced", "/streamed"] {
        let e = get(&server.url(path)).expect_err("too large");
        assert!(matches!(e, FetchError::TooLarge { .. }), "{path}: {e:?}");
        assert!(e.to_string().contains("larger than 4 KiB"), "{e}");
    }
    server.join();
}

#[test]
fn progress_is_reported_as_the_body_arrives() {
    let body = "x".repeat(3000);
    let server = Server::start(1, move |_, _| Reply::Ok("text/plain", body.clone()));
    let mut seen = Vec::new();
    fetch::fetch(&server.url("/p"), &limits(), &mut |got, total| {
        seen.push((got, total))
    })
    .expect("fetched");
    assert_eq!(seen.last(), Some(&(3000, Some(3000))));
    server.join();
}

#[test]
fn a_refused_connection_is_one_line() {
    let server = Server::start(0, |_, _| Reply::Status(500, "x"));
    let url = server.url("/");
    server.join();
    let e = get(&url).expect_err("refused");
    assert!(
        e.to_string().starts_with(&format!("cannot fetch {url}: ")),
        "{e}"
    );
    assert!(!e.to_string().contains('\n'));
}

#[test]
fn dns_and_tls_failures_read_as_one_clear_line() {
    let l = limits();
    let dns = fetch::describe(&ureq::Error::HostNotFound, "https://news.invalid/x", &l);
    assert_eq!(
        dns.to_string(),
        "cannot fetch https://news.invalid/x: the server news.invalid was not found (DNS lookup failed)"
    );
    // What the system resolver gives ureq on Linux: an I/O error with getaddrinfo's text.
    let lookup =
        std::io::Error::other("failed to lookup address information: Name or service not known");
    let e = fetch::describe(&ureq::Error::Io(lookup), "https://news.invalid/x", &l);
    assert_eq!(e, dns);
    let tls = fetch::describe(
        &ureq::Error::Tls("certificate not valid for name"),
        "https://wrong.test/",
        &l,
    );
    assert_eq!(
        tls.to_string(),
        "cannot fetch https://wrong.test/: the secure connection to wrong.test failed \
         (certificate not valid for name)"
    );
    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    let e = fetch::describe(&ureq::Error::Io(refused), "http://127.0.0.1:9/", &l);
    assert!(
        e.to_string()
            .ends_with("127.0.0.1:9 refused the connection"),
        "{e}"
    );
    let t = fetch::describe(
        &ureq::Error::Timeout(ureq::Timeout::Global),
        "http://slow.test/",
        &l,
    );
    assert!(matches!(t, FetchError::Timeout { .. }));
    // An address with a control character is shown safely.
    let e = fetch::describe(&ureq::Error::HostNotFound, "http://a\u{1b}[31m.test/", &l);
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
}

#[test]
fn the_cache_answers_until_refresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(dir.path());
    let server = Server::start(2, |_, n| Reply::Ok("text/plain", format!("version {n}\n")));
    let url = server.url("/v");
    let open = |refresh| fetch::open(&url, Some(&cache), refresh, &limits(), &mut |_, _| {});
    let (first, _) = open(false).expect("fetched");
    assert_eq!(first.bytes, b"version 0\n");
    let (again, _) = open(false).expect("cached");
    assert!(again.cached);
    assert_eq!(again.bytes, b"version 0\n");
    let (fresh, _) = open(true).expect("refetched");
    assert!(!fresh.cached);
    assert_eq!(fresh.bytes, b"version 1\n");
    server.join();
    let (offline, _) = open(false).expect("offline");
    assert_eq!(offline.bytes, b"version 1\n");
    assert!(open(true).is_err(), "a refresh with the server gone fails");
}

#[test]
fn a_refreshed_page_keeps_its_bookmarks() {
    use sidenote::document::DocPos;
    use sidenote::store::{Bookmark, Store};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_at(dir.path());
    let url = "http://127.0.0.1:1/quillen";
    let v1 = DISPATCH.as_bytes();
    let v2 = DISPATCH.replace("on Monday", "on Monday morning");
    let doc1 = sidenote::document::format::load_with(v1, None, None).expect("v1");
    let doc2 = sidenote::document::format::load_with(v2.as_bytes(), None, None).expect("v2");
    let key1 = fetch::doc_key(url, v1);
    let key2 = fetch::doc_key(url, v2.as_bytes());
    assert_ne!(key1.fingerprint, key2.fingerprint);
    let unit = doc1.unit_count() - 2;
    store
        .add_bookmark(
            &key1,
            &doc1,
            Bookmark::new(&doc1, DocPos::new(unit, 0), "locks", 1),
        )
        .expect("bookmark");
    let (record, _) = store.load_doc(&key2, &doc2, 2).expect("load");
    assert_eq!(record.bookmarks.len(), 1, "found by address");
    assert_eq!(record.bookmarks[0].label, "locks");
    // The record names its address, and a citation gives it.
    assert_eq!(record.url.as_deref(), Some(url));
    let md = sidenote::store::render(&[record], sidenote::store::ExportFormat::Markdown);
    assert!(md.contains(&format!("<{url}>")), "{md}");
}

/// The binary, with its data and cache in `home` and no proxy from the machine.
fn sidenote(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .expect("run sidenote")
}

#[test]
fn the_binary_reopens_from_the_cache_offline_and_refetches_on_refresh() {
    let home = tempfile::tempdir().expect("temp dir");
    let server = Server::start(2, |_, n| {
        Reply::Ok(
            "text/plain",
            DISPATCH.replace("Monday", ["Monday", "Friday"][n]),
        )
    });
    let url = server.url("/quillen.txt");
    let first = sidenote(home.path(), &["--dump", &url]);
    assert!(first.status.success(), "{first:?}");
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(text.contains("Salt Barges Return"), "{text}");
    assert!(text.contains("on Monday"), "{text}");
    assert!(
        first.stderr.is_empty(),
        "no progress when stderr is not a terminal"
    );
    let refreshed = sidenote(home.path(), &["--dump", "--refresh", &url]);
    assert!(String::from_utf8_lossy(&refreshed.stdout).contains("on Friday"));
    server.join();
    // The server is gone: the cached copy (the refreshed one) still opens.
    let offline = sidenote(home.path(), &["--dump", &url]);
    assert!(offline.status.success(), "{offline:?}");
    assert!(String::from_utf8_lossy(&offline.stdout).contains("on Friday"));
    let check = sidenote(home.path(), &["check", &url]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    // The bookmarks of an address are looked up through its cached copy.
    let marks = sidenote(home.path(), &["bookmarks", &url]);
    assert!(marks.status.success(), "{marks:?}");
    let elsewhere = server_url_never_fetched();
    let unknown = sidenote(home.path(), &["bookmarks", &elsewhere]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no copy in the cache"));
    // --refresh needs the network: one line, exit 2.
    let failed = sidenote(home.path(), &["--dump", "--refresh", &url]);
    assert_eq!(failed.status.code(), Some(2), "{failed:?}");
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("sidenote: cannot fetch {url}: ")),
        "{err}"
    );
}

/// An address no test serves (the port is closed again at once).
fn server_url_never_fetched() -> String {
    let server = Server::start(0, |_, _| Reply::Status(500, "x"));
    let url = server.url("/never");
    server.join();
    url
}

#[test]
fn the_binary_exits_2_on_a_404() {
    let home = tempfile::tempdir().expect("temp dir");
    let server = Server::start(1, |_, _| Reply::Status(404, "Not Found"));
    let url = server.url("/nothing");
    let out = sidenote(home.path(), &["--dump", &url]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("sidenote: cannot fetch {url}: the server answered 404 Not Found\n")
    );
    server.join();
}
