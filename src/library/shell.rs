//! The state above the reader: which screen is up (the library or a reader session of
//! one document), the store beside them. `App` stays the reader session of one
//! document; the shell opens one from the library, takes it back on `L`, and records
//! each close (last opened, reading time) in the store.

use super::{entries, LibraryState, Request};
use crate::app::{Action, App, Source};
use crate::fetch::cache::Cache;
use crate::keymap::{self, Mode};
use crate::store::{DocKey, FileStamp, Store};
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

/// What is on screen.
pub enum Screen {
    Library,
    Reader(Box<App>),
}

/// Where the library's list comes from, to build it again after a change.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Every document the store knows (`--library`).
    Store,
    /// A directory or the files named.
    Paths(Vec<PathBuf>),
}

/// Sets up a reader session the way the command line asked (note column, mouse,
/// clipboard support): the same for every document opened from the library.
pub type Configure = Box<dyn Fn(&mut App)>;

pub struct Shell {
    pub screen: Screen,
    pub library: LibraryState,
    pub store: Option<Store>,
    origin: Origin,
    /// Unix seconds now; tests inject their own.
    pub clock: fn() -> u64,
    pub size: (u16, u16),
    pub column: u16,
    configure: Configure,
    pub quit: bool,
    /// Set when a reader was opened or closed, for the event loop (file watch, full
    /// repaint); it takes it.
    pub switched: bool,
    /// Problems closing a document (a position that could not be saved), for the event
    /// loop to report after the terminal is restored.
    pub errors: Vec<String>,
    /// The open document's fingerprint, being computed on a thread when its record was
    /// found by the file's stamp (`tick` checks it).
    verify: Option<Receiver<String>>,
    /// The open document's file as it was just before it was read, for the event loop's
    /// watch (`watch::Watch::new`).
    pub read_stamp: crate::watch::Stamp,
    /// The keys in effect (the config's; the built-in ones by default).
    pub keymap: std::sync::Arc<keymap::Keymap>,
    /// The theme and whether colour is allowed, for the library screen.
    pub appearance: crate::config::Appearance,
    /// Where fetched pages are kept: a document opened from an address is read from
    /// its copy there, offline, and listed as missing only when there is none.
    pub cache: Option<Cache>,
}

impl Shell {
    /// The library of `origin`, with the store (if there is one) beside it.
    pub fn new(
        origin: Origin,
        store: Option<Store>,
        clock: fn() -> u64,
        size: (u16, u16),
        column: u16,
        configure: Configure,
    ) -> Result<Shell, String> {
        let cache = Cache::open_default();
        let entries = build(&origin, store.as_ref(), cache.as_ref())?;
        let label = match &origin {
            Origin::Store => "every document sidenote knows".to_string(),
            Origin::Paths(p) if p.len() == 1 && p[0].is_dir() => p[0].display().to_string(),
            Origin::Paths(p) => p
                .iter()
                .map(|p| {
                    p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        let mut library = LibraryState::new(entries, label);
        for w in store.iter().flat_map(Store::take_warnings) {
            library.message = Some(w.to_string());
        }
        Ok(Shell {
            screen: Screen::Library,
            library,
            store,
            origin,
            clock,
            size,
            column,
            configure,
            quit: false,
            switched: false,
            errors: Vec::new(),
            verify: None,
            read_stamp: None,
            keymap: keymap::Keymap::builtin(),
            appearance: crate::config::Appearance::default(),
            cache,
        })
    }

    /// The same library with fetched pages kept in `cache` (tests; `new` takes the
    /// user's cache directory).
    pub fn with_cache(mut self, cache: Cache) -> Shell {
        self.cache = Some(cache);
        self.rebuild();
        self
    }

    /// The keys in effect (the config's), for the shell's lookups and the library's
    /// hints alike.
    pub fn set_keymap(&mut self, keymap: std::sync::Arc<keymap::Keymap>) {
        self.library.keymap = std::sync::Arc::clone(&keymap);
        self.keymap = keymap;
    }

    /// The reader session, when one is open.
    pub fn app(&self) -> Option<&App> {
        match &self.screen {
            Screen::Reader(app) => Some(app),
            Screen::Library => None,
        }
    }

    pub fn app_mut(&mut self) -> Option<&mut App> {
        match &mut self.screen {
            Screen::Reader(app) => Some(app),
            Screen::Library => None,
        }
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        match &self.screen {
            Screen::Reader(app) => app.mode(),
            Screen::Library if self.library.confirm.is_some() => Mode::Confirm,
            Screen::Library => Mode::Library,
        }
    }

    /// Rows the library list shows (the screen less the title, header and two bottom
    /// lines).
    pub fn list_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    /// Handle one terminal event, then do what it asked for.
    pub fn on_event(&mut self, event: Event) {
        self.tick(false);
        if let Event::Resize(w, h) = event {
            self.size = (w, h);
        }
        match &mut self.screen {
            Screen::Reader(app) => {
                app.on_event(event);
                // Before anything else, as `L` or a quit drops the reader below.
                crate::perform::store_writes(app);
                if app.quit {
                    self.quit = true;
                } else if std::mem::take(&mut app.back_requested) {
                    self.close_reader();
                }
            }
            Screen::Library => match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => self.on_library_key(key),
                // The wheel moves the selection, as in the reader's lists.
                Event::Mouse(m) if self.library.confirm.is_none() => {
                    use crossterm::event::MouseEventKind as K;
                    let action = match m.kind {
                        K::ScrollDown => Action::WheelDown,
                        K::ScrollUp => Action::WheelUp,
                        _ => return,
                    };
                    self.library.update(action, 1);
                }
                _ => {}
            },
        }
        self.perform();
    }

    fn on_library_key(&mut self, key: KeyEvent) {
        let page = self.list_height();
        let mode = self.mode();
        let action = match (mode, self.keymap.lookup(mode, key)) {
            // Only `y` forgets; every other key keeps the document.
            (Mode::Confirm, Some(Action::Yes)) => Action::Yes,
            (Mode::Confirm, _) => Action::Cancel,
            (_, Some(a)) => a,
            (_, None) => {
                if let Some(name) = keymap::key_name(key) {
                    self.library.message = Some(format!(
                        "{name}: nothing here — {} clears the filter, then quits",
                        self.library.key(Action::Cancel)
                    ));
                }
                return;
            }
        };
        self.library.update(action, page);
        if self.library.quit {
            self.quit = true;
        }
    }

    /// Carries out what the library asked for: open a document, forget one.
    pub fn perform(&mut self) {
        match self.library.request.take() {
            Some(Request::Open { entry, bookmark }) => self.open(entry, bookmark.as_deref()),
            Some(Request::Forget { entry }) => self.forget(entry),
            None => {}
        }
    }

    fn open(&mut self, entry: usize, bookmark: Option<&str>) {
        let Some(path) = self.library.entries[entry].path.clone() else {
            return;
        };
        // Before the read, so an edit made while it is read is told afterwards.
        let read_stamp = crate::watch::stamp(&path);
        match self.open_path(&path) {
            Ok((mut app, verify)) => {
                self.verify = verify;
                self.read_stamp = read_stamp;
                if let Some(id) = bookmark {
                    app.open_at_bookmark(id);
                }
                self.screen = Screen::Reader(Box::new(app));
                self.switched = true;
            }
            Err(e) => self.library.message = Some(e),
        }
    }

    /// A reader session for the file at `path`, its bookmarks and position from the
    /// store, found by path, size and modification time first: the fingerprint is then
    /// computed on a thread (the receiver returned) for `tick` to check, and a different
    /// one is treated as an edited file.
    pub fn open_path(&self, path: &Path) -> Result<(App, Option<Receiver<String>>), String> {
        if let Some(url) = url_of(path) {
            return self.open_url(url);
        }
        let stamp = FileStamp::of(path);
        let loaded = crate::input::load_input_as(Some(path), None).map_err(|e| e.to_string())?;
        let mut app = self.reader(loaded.doc, loaded.name, &loaded.bytes);
        app.file_path = Some(path.to_path_buf());
        app.stamp = stamp;
        let mut verify = None;
        if let Some(store) = &self.store {
            let quick = stamp.and_then(|s| store.key_by_stamp(path, s));
            let key = quick
                .clone()
                .unwrap_or_else(|| DocKey::for_file(path, &loaded.bytes));
            if let Some(pos) = app.attach_store(store.clone(), key) {
                app.resume_at(pos);
            }
            if quick.is_some() {
                let (tx, rx) = std::sync::mpsc::channel();
                let bytes = loaded.bytes;
                std::thread::spawn(move || {
                    let _ = tx.send(crate::store::fingerprint(&bytes));
                });
                verify = Some(rx);
            }
        }
        app.mark_opened();
        Ok((app, verify))
    }

    /// A reader session opened from the library, before the store knows it: sized,
    /// configured and clocked as the shell is, its lines indexed, and a big document's
    /// search index started on a thread.
    fn reader(&self, doc: crate::document::Document, name: String, bytes: &[u8]) -> App {
        let mut app = App::new(doc, Source { name }, self.column, self.size);
        app.clock = self.clock;
        (self.configure)(&mut app);
        app.set_source_lines(crate::document::LineIndex::new(bytes));
        app.from_library = true;
        if bytes.len() > crate::app::search::BACKGROUND_INDEX_BYTES {
            app.start_index_in_background();
        }
        app
    }

    /// A reader session for a page fetched earlier, read from its cached copy (the
    /// library never fetches: `sidenote URL --refresh` does), known to the store by its
    /// address as when it was opened by it.
    fn open_url(&self, url: &str) -> Result<(App, Option<Receiver<String>>), String> {
        let shown = crate::document::parse::sanitize_line(url);
        let page = self
            .cache
            .as_ref()
            .and_then(|c| c.get(url))
            .ok_or_else(|| {
                format!("{shown}: no copy kept; sidenote {shown} --refresh fetches it")
            })?;
        let loaded = crate::fetch::load(&page, None).map_err(|e| e.to_string())?;
        let mut app = self.reader(loaded.doc, loaded.name, &loaded.bytes);
        if let Some(store) = &self.store {
            let key = crate::fetch::doc_key(url, &loaded.bytes);
            if let Some(pos) = app.attach_store(store.clone(), key) {
                app.resume_at(pos);
            }
        }
        app.mark_opened();
        Ok((app, None))
    }

    /// Checks the open document's fingerprint once its thread has it (each turn of the
    /// event loop); `wait` blocks until it has (before a close, and in tests).
    pub fn tick(&mut self, wait: bool) {
        let Some(rx) = &self.verify else {
            return;
        };
        let got = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(fp) => Some(fp),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.verify = None;
        if let (Some(fp), Some(app)) = (got, self.app_mut()) {
            app.verify_identity(fp);
        }
    }

    /// `L` in the reader: record the close and go back to the library, its list brought
    /// up to date.
    pub fn close_reader(&mut self) {
        self.tick(true);
        let screen = std::mem::replace(&mut self.screen, Screen::Library);
        if let Screen::Reader(mut app) = screen {
            // Pending writes first (`on_event` performed them already; a caller may not).
            let unsaved = crate::perform::store_writes(&mut app);
            for e in unsaved.into_iter().chain(app.close().err()) {
                self.library.message = Some(e.clone());
                self.errors.push(e);
            }
            self.switched = true;
            self.rebuild();
        }
    }

    /// Before the program ends: the open document, if any, is closed (its position and
    /// visit recorded). Returns what could not be saved.
    pub fn finish(&mut self) -> Vec<String> {
        self.tick(true);
        if let Screen::Reader(app) = &mut self.screen {
            let unsaved = crate::perform::store_writes(app);
            self.errors.extend(unsaved);
            if let Err(e) = app.close() {
                self.errors.push(e);
            }
        }
        std::mem::take(&mut self.errors)
    }

    fn forget(&mut self, entry: usize) {
        let e = self.library.entries[entry].clone();
        let Some(store) = &self.store else {
            self.library.message = Some("no store: nothing to forget".into());
            return;
        };
        let fingerprint = e.fingerprint.clone().unwrap_or_default();
        match store.forget(&fingerprint, e.path.as_deref(), (self.clock)()) {
            Ok(n) => {
                self.library.message = Some(if n > 0 {
                    format!(
                        "forgot {} ({} kept in forgotten.json)",
                        e.title,
                        crate::app::plural(n, "bookmark")
                    )
                } else {
                    format!("forgot {}", e.title)
                });
                self.rebuild();
            }
            Err(err) => self.library.message = Some(err.to_string()),
        }
    }

    fn rebuild(&mut self) {
        match build(&self.origin, self.store.as_ref(), self.cache.as_ref()) {
            Ok(entries) => self.library.refresh(entries),
            Err(e) => self.library.message = Some(e),
        }
    }
}

fn build(
    origin: &Origin,
    store: Option<&Store>,
    cache: Option<&Cache>,
) -> Result<Vec<entries::Entry>, String> {
    let mut entries = match origin {
        Origin::Store => match store {
            Some(s) => entries::from_store(s)?,
            None => Vec::new(),
        },
        Origin::Paths(paths) => entries::from_paths(store, paths)?,
    };
    // A fetched document's "path" is its address: it is there when its copy is.
    for e in &mut entries {
        if let Some(url) = e.path.as_deref().and_then(url_of) {
            e.missing = !cache.is_some_and(|c| c.has(url));
        }
    }
    Ok(entries)
}

/// The address a record's path holds, for a document fetched from one.
fn url_of(path: &Path) -> Option<&str> {
    path.to_str().filter(|s| crate::fetch::is_url(s))
}
