//! The UI-free store: bookmarks, reading positions, search history and the reader's few
//! settings, kept as versioned JSON in the user's data directory
//! (`$XDG_DATA_HOME/sidenote` on Linux).
//!
//! `Store` is a cheap handle holding only the directory. It keeps no copy of the data:
//! every operation locks the directory, re-reads the file and writes it back atomically,
//! so several sidenote processes can work on the same bookmarks without losing any.
//! See docs/storage.md for the file format.

mod error;
pub mod export;
mod fingerprint;
mod fsio;
mod history;
mod library;
mod matching;
mod ops;
mod reanchor;
mod record;
mod settings;
mod texts;
mod undo_ops;

pub use error::{StoreError, StoreWarning};
pub use export::{render, ExportFormat};
pub use fingerprint::{fingerprint, Fingerprint};
pub use history::HISTORY_CAP;
pub use library::{
    canonical, Closing, FileStamp, Forgotten, Visit, FORGOTTEN_FILE, LIBRARY_FILE, LIBRARY_VERSION,
};
pub use matching::carry_position;
pub use ops::Matched;
pub use record::{
    parser_id, Bookmark, DocKey, DocMeta, DocRecord, LastPosition, BOOKMARKS_V1_BACKUP,
    EXCERPT_CHARS, FORMAT_VERSION, HISTORY_VERSION, PARSER_VERSION,
};
pub use settings::{SETTINGS_FILE, SETTINGS_VERSION};

use fsio::OnDamage;
use record::Versioned;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The bookmarks and reading positions of every document.
pub const BOOKMARKS_FILE: &str = "bookmarks.json";
/// Recent search queries.
pub const HISTORY_FILE: &str = "history.json";

type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// A handle on the store directory. Clones share the warning queue.
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    clock: Clock,
    warnings: Arc<Mutex<Vec<StoreWarning>>>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The store in the user's data directory. Touches nothing on disk: the directory is
    /// created by the first save.
    pub fn open_default() -> Result<Store, StoreError> {
        directories::ProjectDirs::from("", "", "sidenote")
            .map(|d| Store::open_at(d.data_dir()))
            .ok_or(StoreError::NoHome)
    }

    /// A store in `dir` (tests, or a user-chosen location).
    pub fn open_at(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            clock: Arc::new(system_now),
            warnings: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Replaces the clock used where an operation takes no `now` (naming a damaged file
    /// set aside), so tests never depend on the real time.
    pub fn with_clock(mut self, clock: impl Fn() -> u64 + Send + Sync + 'static) -> Store {
        self.clock = Arc::new(clock);
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn bookmarks_path(&self) -> PathBuf {
        self.dir.join(BOOKMARKS_FILE)
    }

    pub fn history_path(&self) -> PathBuf {
        self.dir.join(HISTORY_FILE)
    }

    pub fn settings_path(&self) -> PathBuf {
        self.dir.join(SETTINGS_FILE)
    }

    /// Warnings from operations that return no warning list of their own (a damaged file
    /// found and set aside during `add_bookmark`, say). The app shows them on the status
    /// line after each store call.
    pub fn take_warnings(&self) -> Vec<StoreWarning> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn queue(&self, mut warnings: Vec<StoreWarning>) {
        if !warnings.is_empty() {
            self.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .append(&mut warnings);
        }
    }

    fn now(&self) -> u64 {
        (self.clock)()
    }

    /// Lock, re-read `name`, apply `change`, and write back if it reports a change.
    fn update<T, R>(
        &self,
        name: &str,
        what: &'static str,
        change: impl FnOnce(&mut T) -> (R, bool),
    ) -> Result<R, StoreError>
    where
        T: Versioned,
    {
        let _lock = fsio::lock(&self.dir, what)?;
        let path = self.dir.join(name);
        let mut warnings = Vec::new();
        let read = fsio::read_versioned::<T>(
            &path,
            what,
            OnDamage::SetAside { now: self.now() },
            &mut warnings,
        );
        self.queue(warnings);
        let mut value = read?;
        let (result, changed) = change(&mut value);
        if changed {
            fsio::write_store_file(&path, &value, what)?;
        }
        Ok(result)
    }

    /// Reads `name` under the lock when the directory allows it, otherwise unlocked (the
    /// file is only ever replaced whole, so an unlocked read still sees a complete file).
    /// Also returns the lock, for a caller that may go on to write, or why writing is
    /// not possible (no lock, or a damaged file that had to be left in place).
    fn read<T>(
        &self,
        name: &str,
        what: &'static str,
        now: u64,
        warnings: &mut Vec<StoreWarning>,
    ) -> Result<(T, Result<fsio::Lock, StoreError>), StoreError>
    where
        T: Versioned,
    {
        let path = self.dir.join(name);
        if !self.dir.exists() {
            let nothing = Err(StoreError::Io {
                what,
                path,
                source: std::io::ErrorKind::NotFound.into(),
            });
            return Ok((T::default(), nothing));
        }
        let lock = fsio::lock(&self.dir, what);
        let on_damage = match lock {
            Ok(_) => OnDamage::SetAsideOrIgnore { now },
            Err(_) => OnDamage::Ignore,
        };
        let before = warnings.len();
        let value = fsio::read_versioned(&path, what, on_damage, warnings)?;
        let left_in_place = warnings[before..].iter().find_map(|w| match w {
            StoreWarning::Damaged { reason, .. } => Some(reason.clone()),
            _ => None,
        });
        let lock = match left_in_place {
            Some(reason) => Err(StoreError::Damaged { what, path, reason }),
            None => lock,
        };
        Ok((value, lock))
    }
}

fn system_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
