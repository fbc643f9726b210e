//! The file under the reader, watched from the event loop (I/O stays out of `update`):
//! `poll` compares the file's size and modification time with what was read and tells
//! the reader once per change; `service` carries out a reload `R` asked for.

use crate::app::App;
use crate::input::{load_input_as, Forced};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What is compared: the size and the modification time (an editor that writes a new
/// file and renames it over the old changes the time too).
pub type Stamp = Option<(u64, Option<SystemTime>)>;

/// The file's size and modification time now: taken *before* the file is read, so a
/// change made while it is read (or before the watch starts) is noticed afterwards.
pub fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// A document's file, as it was when last read.
pub struct Watch {
    path: PathBuf,
    format: Option<Forced>,
    /// The file as last read.
    read: Stamp,
    /// The file as the reader was last told about it, so a change is announced once.
    told: Stamp,
}

impl Watch {
    /// Watch `path`, read as `format` (when one was forced on the command line) after
    /// `stamp(path)` returned `read`. The stamp comes from before the read because the
    /// reader draws its first frame before it starts watching: a file edited in between
    /// would otherwise be taken as the one on screen and its change never told.
    pub fn new(path: &Path, format: Option<Forced>, read: Stamp) -> Watch {
        Watch {
            path: path.to_path_buf(),
            format,
            read,
            told: read,
        }
    }

    /// Look at the file: when it changed since it was read (and the reader has not been
    /// told about this change yet), offer to reload. Returns whether it told the reader
    /// (the caller then draws soon, so the notice is seen).
    pub fn poll(&mut self, app: &mut App) -> bool {
        let now = stamp(&self.path);
        if now == self.read || now == self.told {
            return false;
        }
        self.told = now;
        match now {
            Some(_) => app.notice_file_changed(),
            None => app.notice_file_gone(),
        }
        true
    }

    /// After each event: read the file again if `R` asked for it.
    pub fn service(&mut self, app: &mut App) {
        if !std::mem::take(&mut app.reload_requested) {
            return;
        }
        // Stamped before reading, so a change made while reading is noticed afterwards.
        let before = stamp(&self.path);
        match load_input_as(Some(&self.path), self.format) {
            Ok(loaded) => {
                app.replace_document(loaded.doc, &loaded.bytes);
                self.read = before;
                self.told = before;
            }
            Err(e) => app.reload_failed(e.to_string()),
        }
    }
}
