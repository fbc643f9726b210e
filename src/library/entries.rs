//! The library's rows: what the store remembers of each document (its record in
//! `bookmarks.json`, its visits in `library.json`), joined by fingerprint and path, and,
//! for a directory or files named on the command line, what the files themselves say.
//! This is the library's only I/O (reading the store, looking at files).

use crate::store::{canonical, Bookmark, DocMeta, DocRecord, Store, Visit};
use std::path::{Path, PathBuf};

/// File names the library lists from a directory: the formats sidenote reads.
const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// One document in the library.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The record's fingerprint, when the store knows the document.
    pub fingerprint: Option<String>,
    /// Where it is read from; `None` for standard input.
    pub path: Option<PathBuf>,
    pub title: String,
    pub meta: DocMeta,
    /// How far the reader got, when known.
    pub percent: Option<u8>,
    pub bookmarks: Vec<Bookmark>,
    /// Unix seconds it was last closed.
    pub last_opened: Option<u64>,
    pub reading_secs: u64,
    /// The file is not there any more (shown as such, never dropped).
    pub missing: bool,
}

impl Entry {
    /// Text the filter looks in: title, series, number, date and file name.
    pub fn search_text(&self) -> String {
        let m = &self.meta;
        let parts = [
            Some(self.title.as_str()),
            m.series.as_deref(),
            m.number.as_deref(),
            m.date.as_deref(),
            self.path
                .as_deref()
                .and_then(Path::file_name)
                .and_then(|n| n.to_str()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
    }

    /// The path as shown (`standard input` when there is none).
    pub fn shown_path(&self) -> String {
        self.path
            .as_deref()
            .map_or("standard input".into(), |p| p.display().to_string())
    }

    /// What stays the same when the list is rebuilt: the path, else the fingerprint.
    pub(super) fn identity(&self) -> (Option<PathBuf>, Option<String>) {
        match &self.path {
            Some(p) => (Some(p.clone()), None),
            None => (None, self.fingerprint.clone()),
        }
    }

    fn from_record(r: &DocRecord) -> Entry {
        let last_active = r.bookmarks.iter().map(|b| b.created).max();
        let updated = r.last_position.as_ref().map(|l| l.updated);
        Entry {
            fingerprint: Some(r.fingerprint.clone()),
            path: r.path.clone(),
            title: r.title.clone(),
            meta: r.meta.clone(),
            percent: r.last_position.as_ref().map(|l| l.percent),
            bookmarks: r.bookmarks.clone(),
            // Records written before the library: when something was last saved.
            last_opened: last_active.max(updated),
            reading_secs: 0,
            missing: false,
        }
    }

    fn add_visit(&mut self, v: &Visit) {
        self.last_opened = Some(v.last_opened);
        self.reading_secs = v.reading_secs;
        if self.title.is_empty() {
            self.title = v.title.clone();
            self.meta = v.meta.clone();
        }
        self.percent = Some(v.percent);
        if self.path.is_none() {
            self.path = v.path.clone();
        }
        if self.fingerprint.is_none() {
            self.fingerprint = Some(v.fingerprint.clone());
        }
    }
}

/// Every document the store knows (`sidenote --library`): each record, and each visit
/// without a record. Missing files are marked, not left out.
pub fn from_store(store: &Store) -> Result<Vec<Entry>, String> {
    let records = store.all_records().map_err(|e| e.to_string())?;
    let visits = store.visits().map_err(|e| e.to_string())?;
    let mut entries: Vec<Entry> = records.iter().map(Entry::from_record).collect();
    for v in &visits {
        let own = records.iter().position(|r| {
            r.fingerprint == v.fingerprint || v.path.as_deref().is_some_and(|p| r.has_path(p))
        });
        match own {
            Some(i) => entries[i].add_visit(v),
            None => {
                let mut e = Entry::default();
                e.add_visit(v);
                entries.push(e);
            }
        }
    }
    for e in &mut entries {
        e.missing = e.path.as_deref().is_some_and(|p| !p.exists());
    }
    Ok(entries)
}

/// The documents of a directory (its files in the formats sidenote reads, not hidden,
/// not in subdirectories) or of the files named, each with what the store knows of it.
/// A file the store does not know is read for its title and date. A named file that is
/// not there is listed as missing.
pub fn from_paths(store: Option<&Store>, inputs: &[PathBuf]) -> Result<Vec<Entry>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            files.extend(dir_files(input)?);
        } else if input.to_str().is_some_and(crate::fetch::is_url) {
            // An address is not a file name: made absolute, it would never be found.
            files.push(input.clone());
        } else {
            files.push(canonical(input));
        }
    }
    let known = match store {
        Some(s) => from_store(s).unwrap_or_default(),
        None => Vec::new(),
    };
    let records = store.and_then(|s| s.all_records().ok()).unwrap_or_default();
    let mut out: Vec<Entry> = Vec::new();
    for path in files {
        if out
            .iter()
            .any(|e| e.path.as_deref() == Some(path.as_path()))
        {
            continue;
        }
        // Known by path: the record this path belongs to, else a visit of it.
        let by_record = records.iter().find(|r| r.has_path(&path)).and_then(|r| {
            known
                .iter()
                .find(|e| e.fingerprint.as_deref() == Some(r.fingerprint.as_str()))
        });
        let by_visit = || {
            known
                .iter()
                .find(|e| e.path.as_deref() == Some(path.as_path()))
        };
        let mut entry = match by_record.or_else(by_visit) {
            Some(e) => e.clone(),
            None => read_entry(&path),
        };
        entry.path = Some(path.clone());
        entry.missing = !path.exists();
        out.push(entry);
    }
    Ok(out)
}

fn dir_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = crate::document::parse::sanitize_line(&dir.display().to_string());
    let read = std::fs::read_dir(dir).map_err(|e| format!("cannot list {shown}: {e}"))?;
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|d| d.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            let known = p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
            !hidden && known
        })
        .map(|p| canonical(&p))
        .collect();
    files.sort();
    Ok(files)
}

/// An entry for a file the store does not know: its own title and metadata, or its
/// file name when it cannot be read (it is then shown, and opening it says why).
fn read_entry(path: &Path) -> Entry {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut entry = Entry {
        title: name.clone(),
        ..Entry::default()
    };
    if let Ok(loaded) = crate::input::load_input_as(Some(path), None) {
        let meta = DocMeta::of(&loaded.doc);
        if let Some(t) = &meta.title {
            entry.title = t.clone();
        }
        entry.meta = meta;
    }
    entry
}
