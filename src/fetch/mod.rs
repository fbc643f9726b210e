//! Opening a dispatch from its address: `sidenote https://…`.
//!
//! The page is fetched with `ureq` (rustls on `ring`: `aws-lc-rs` would need cmake),
//! following redirects, within a size and a time limit, and a copy is kept in the cache
//! directory (`cache.rs`): later opens read the copy, so the document, its bookmarks and
//! its position work offline, and only `--refresh` (or an empty cache) fetches again.
//! The document's identity in the store is its address (`doc_key`), so a refreshed page
//! whose text changed keeps its bookmarks, re-anchored as for an edited file.
//!
//! Everything here happens before the terminal is switched to the reader: progress goes
//! to standard error and never into the screen, and every failure is one line (exit 2).

pub mod cache;

use crate::document::parse::sanitize_line;
use crate::input::{Forced, InputError, Loaded};
use crate::store::DocKey;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

pub use cache::Cache;

/// Whether a command-line input is an address to fetch rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// How long and how much a fetch may take. Tests pass small values so that none waits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole fetch, redirects and body included.
    pub timeout: Duration,
    /// Setting up one connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Use `http_proxy` / `https_proxy` from the environment (tests turn it off, so a
    /// proxy set on the machine never sees their loopback server).
    pub env_proxy: bool,
}

/// The largest page accepted: far above any dispatch (the largest real ones are a few
/// MiB of HTML), far below what would make the reader sluggish.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(15),
            max_bytes: MAX_BYTES,
            max_redirects: 10,
            env_proxy: true,
        }
    }
}

/// Why a page could not be had; each is one line for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("cannot fetch {url}: the server {host} was not found (DNS lookup failed)")]
    Dns { url: String, host: String },
    #[error("cannot fetch {url}: the secure connection to {host} failed ({detail})")]
    Tls {
        url: String,
        host: String,
        detail: String,
    },
    #[error("cannot fetch {url}: the server answered {code}{reason}")]
    Status {
        url: String,
        code: u16,
        reason: String,
    },
    #[error("cannot fetch {url}: no complete answer within {secs} s (timed out)")]
    Timeout { url: String, secs: u64 },
    #[error("cannot fetch {url}: the page is larger than {limit} (the limit)")]
    TooLarge { url: String, limit: String },
    #[error("cannot fetch {url}: {detail}")]
    Other { url: String, detail: String },
}

/// A page, fetched or read from the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The address asked for: the document's identity.
    pub url: String,
    /// Where the last redirect led.
    pub final_url: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
    /// Read from the cache rather than the network.
    pub cached: bool,
}

/// How a download is going: bytes so far and the size announced, if any.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Option<u64>);

/// The page at `url`: the cached copy unless `refresh` or there is none; a fetched page
/// is stored in the cache (best effort: a cache that cannot be written only costs the
/// next open a fetch, and says so in the returned warning).
pub fn open(
    url: &str,
    cache: Option<&Cache>,
    refresh: bool,
    limits: &Limits,
    progress: Progress<'_>,
) -> Result<(Page, Option<String>), FetchError> {
    if !refresh {
        if let Some(page) = cache.and_then(|c| c.get(url)) {
            return Ok((page, None));
        }
    }
    let page = fetch(url, limits, progress)?;
    let warning = cache.and_then(|c| c.put(&page).err()).map(|e| {
        format!("the page could not be kept in the cache ({e}); it will be fetched again next time")
    });
    Ok((page, warning))
}

/// Fetch `url` over the network, following redirects, within `limits`.
pub fn fetch(url: &str, limits: &Limits, progress: Progress<'_>) -> Result<Page, FetchError> {
    use ureq::ResponseExt;
    let shown = sanitize_line(url);
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.connect_timeout))
        .max_redirects(limits.max_redirects)
        // A 404 is an answer to report with its code, not a transport error.
        .http_status_as_error(false)
        .user_agent(concat!("sidenote/", env!("CARGO_PKG_VERSION")));
    if !limits.env_proxy {
        config = config.proxy(None);
    }
    let agent: ureq::Agent = config.build().into();
    let mut response = agent
        .get(url)
        .header(
            "Accept",
            "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9, */*;q=0.5",
        )
        .call()
        .map_err(|e| describe(&e, url, limits))?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: shown,
            code: status.as_u16(),
            reason: status
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default(),
        });
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get(ureq::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let announced = response.body().content_length();
    let too_large = || FetchError::TooLarge {
        url: shown.clone(),
        limit: human_size(limits.max_bytes),
    };
    if announced.is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large());
    }
    let mut reader = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .reader();
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0).min(limits.max_bytes) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = reader
            .read(&mut chunk)
            .map_err(|e| describe(&ureq::Error::from(e), url, limits))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large());
        }
        progress(bytes.len() as u64, announced);
    }
    Ok(Page {
        url: url.to_string(),
        final_url,
        content_type,
        bytes,
        cached: false,
    })
}

/// The one line for a failed fetch. Public so that the failures a test cannot provoke
/// without a network (DNS, TLS) are tested through it.
pub fn describe(e: &ureq::Error, url: &str, limits: &Limits) -> FetchError {
    let shown = sanitize_line(url);
    let host = host_of(url);
    let timeout = || FetchError::Timeout {
        url: shown.clone(),
        secs: limits.timeout.as_secs().max(1),
    };
    let other = |detail: String| FetchError::Other {
        url: shown.clone(),
        detail: sanitize_line(&detail),
    };
    match e {
        ureq::Error::HostNotFound => FetchError::Dns {
            url: shown.clone(),
            host,
        },
        ureq::Error::Timeout(_) | ureq::Error::BodyStalled => timeout(),
        ureq::Error::Tls(detail) => FetchError::Tls {
            url: shown.clone(),
            host,
            detail: (*detail).to_string(),
        },
        ureq::Error::Rustls(r) => FetchError::Tls {
            url: shown.clone(),
            host,
            detail: sanitize_line(&r.to_string()),
        },
        ureq::Error::Pem(p) => FetchError::Tls {
            url: shown.clone(),
            host,
            detail: sanitize_line(&p.to_string()),
        },
        ureq::Error::TlsRequired => FetchError::Tls {
            url: shown.clone(),
            host,
            detail: "the server requires TLS".into(),
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: shown.clone(),
            limit: human_size(limits.max_bytes),
        },
        ureq::Error::StatusCode(code) => FetchError::Status {
            url: shown.clone(),
            code: *code,
            reason: ureq::http::StatusCode::from_u16(*code)
                .ok()
                .and_then(|s| s.canonical_reason())
                .map(|r| format!(" {r}"))
                .unwrap_or_default(),
        },
        ureq::Error::TooManyRedirects => {
            other(format!("more than {} redirects", limits.max_redirects))
        }
        ureq::Error::RedirectFailed => other("a redirect led nowhere".into()),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => other("not a valid address".into()),
        ureq::Error::ConnectionFailed => other(format!("cannot connect to {host}")),
        // The system resolver's failure reaches ureq as an I/O error with its own text.
        ureq::Error::Io(io) if is_lookup_failure(io) => FetchError::Dns {
            url: shown.clone(),
            host,
        },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut => timeout(),
            std::io::ErrorKind::ConnectionRefused => {
                other(format!("{host} refused the connection"))
            }
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::UnexpectedEof => other(
                format!("{host} closed the connection before the page ended"),
            ),
            _ => other(io.to_string()),
        },
        e => other(e.to_string()),
    }
}

/// Whether an I/O error is the resolver's "no such host" (std words it as
/// `failed to lookup address information: …`, from getaddrinfo).
fn is_lookup_failure(e: &std::io::Error) -> bool {
    let text = e.to_string();
    [
        "failed to lookup address",
        "Name or service not known",
        "nodename nor servname",
        "No such host is known",
    ]
    .iter()
    .any(|s| text.contains(s))
}

/// The host part of an address, for messages (`example.org` of `https://example.org/a`).
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    sanitize_line(host)
}

/// `64 MiB`, `900 KiB`.
fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// The format a Content-Type names, when it names one sidenote reads; `None` leaves the
/// choice to content detection (`text/plain` is what servers send for Markdown too).
pub fn format_of(content_type: Option<&str>) -> Option<Forced> {
    let mime = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    let name = match mime.as_str() {
        "text/html" | "application/xhtml+xml" => "html",
        "text/markdown" | "text/x-markdown" => "markdown",
        _ => return None,
    };
    crate::document::format::by_name(name)
}

/// The document of a page: `forced` (`--format`), else the Content-Type's format, else
/// what the content looks like (the address's path counts as a file name for that).
pub fn load(page: &Page, forced: Option<Forced>) -> Result<Loaded, InputError> {
    let name = sanitize_line(&page.url);
    let format = forced.or_else(|| format_of(page.content_type.as_deref()));
    let hint = page
        .final_url
        .split(['?', '#'])
        .next()
        .map(str::to_owned)
        .unwrap_or_default();
    let doc = crate::document::format::load_with(&page.bytes, format, Some(&hint))
        .map_err(|e| InputError::Input(format!("{name}: {e}")))?;
    Ok(Loaded {
        doc,
        name,
        bytes: page.bytes.clone(),
        path: None,
    })
}

/// The page's key in the store: its content, and its address in place of a path, so a
/// refreshed page that changed is found by address and its bookmarks re-anchored.
pub fn doc_key(url: &str, bytes: &[u8]) -> DocKey {
    DocKey {
        fingerprint: crate::store::fingerprint(bytes),
        path: Some(PathBuf::from(url)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_files() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("./https://x"));
    }

    #[test]
    fn hosts_are_named_without_credentials_or_path() {
        assert_eq!(host_of("https://u:p@news.test:8080/a?b"), "news.test:8080");
        assert_eq!(host_of("http://news.test"), "news.test");
    }

    #[test]
    fn content_types_choose_a_format_or_leave_it_to_detection() {
        assert_eq!(
            format_of(Some("text/html; charset=utf-8")).map(|f| f.name()),
            Some("html")
        );
        assert_eq!(
            format_of(Some("text/markdown")).map(|f| f.name()),
            Some("markdown")
        );
        assert!(format_of(Some("text/plain")).is_none());
        assert!(format_of(None).is_none());
    }
}
