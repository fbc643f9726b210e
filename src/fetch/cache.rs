//! The copies of fetched pages, in the user's cache directory (`directories`:
//! `$XDG_CACHE_HOME/sidenote/pages` on Linux). Each page is two files named after its
//! address's fingerprint: `HASH.page` (the bytes as received) and `HASH.json` (the
//! address, where redirects led, the Content-Type). A cache is a cache: a damaged or
//! missing entry is treated as absent and the page fetched again.

use super::Page;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// What is kept beside a page's bytes.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    url: String,
    final_url: String,
    content_type: Option<String>,
    len: usize,
}

/// A directory of cached pages.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The user's cache directory; `None` when there is no home to find it from.
    pub fn open_default() -> Option<Cache> {
        directories::ProjectDirs::from("", "", "sidenote").map(|d| Cache::at(d.cache_dir()))
    }

    /// A cache in `dir`/pages (tests, or another location).
    pub fn at(dir: impl AsRef<Path>) -> Cache {
        Cache {
            dir: dir.as_ref().join("pages"),
        }
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let hash = crate::store::fingerprint(url.as_bytes());
        let hash = hash.rsplit(':').next().unwrap_or(&hash).to_string();
        (
            self.dir.join(format!("{hash}.page")),
            self.dir.join(format!("{hash}.json")),
        )
    }

    /// Whether a copy of `url` is kept (without reading it: the library asks this of
    /// every fetched document it lists; `get` still checks the copy is whole).
    pub fn has(&self, url: &str) -> bool {
        let (page, meta) = self.paths(url);
        page.is_file() && meta.is_file()
    }

    /// The cached copy of `url`, if a whole one is there.
    pub fn get(&self, url: &str) -> Option<Page> {
        let (page, meta) = self.paths(url);
        let entry: Entry = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        let bytes = std::fs::read(page).ok()?;
        // Another address with the same fingerprint, or a copy cut short: not this page.
        if entry.url != url || entry.len != bytes.len() {
            return None;
        }
        Some(Page {
            url: entry.url,
            final_url: entry.final_url,
            content_type: entry.content_type,
            bytes,
            cached: true,
        })
    }

    /// Keep `page`, replacing any older copy. Each file is written beside its place and
    /// renamed into it, so a crash leaves the old copy or the new one, never half.
    pub fn put(&self, page: &Page) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let (body, meta) = self.paths(&page.url);
        let entry = Entry {
            url: page.url.clone(),
            final_url: page.final_url.clone(),
            content_type: page.content_type.clone(),
            len: page.bytes.len(),
        };
        write_replacing(&body, &page.bytes)?;
        write_replacing(&meta, &serde_json::to_vec_pretty(&entry)?)
    }
}

fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, bytes: &[u8]) -> Page {
        Page {
            url: url.into(),
            final_url: url.into(),
            content_type: Some("text/plain".into()),
            bytes: bytes.to_vec(),
            cached: false,
        }
    }

    #[test]
    fn a_page_is_kept_and_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path());
        assert!(cache.get("http://a.test/x").is_none());
        cache.put(&page("http://a.test/x", b"one")).expect("put");
        cache.put(&page("http://a.test/x", b"two")).expect("put");
        let got = cache.get("http://a.test/x").expect("cached");
        assert_eq!(got.bytes, b"two");
        assert!(got.cached);
        assert!(cache.get("http://a.test/y").is_none());
    }

    #[test]
    fn a_damaged_entry_is_absent() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path());
        cache.put(&page("http://a.test/x", b"whole")).expect("put");
        let (body, _) = cache.paths("http://a.test/x");
        std::fs::write(body, b"cut").expect("write");
        assert!(cache.get("http://a.test/x").is_none());
    }
}
