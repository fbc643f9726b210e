//! What can go wrong with the store, worded for the reader's status line.
//!
//! A store problem must never stop reading, so errors are values with one clear line of
//! Display text, and problems the store could work around (a damaged file it set aside, a
//! document that changed) are warnings rather than errors.

use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// An operation failed; nothing was changed on disk.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot find a home directory to keep bookmarks in")]
    NoHome,
    #[error("cannot {what}: data directory {} is read-only", dir.display())]
    ReadOnly { what: &'static str, dir: PathBuf },
    #[error("cannot {what}: data directory {} is full", dir.display())]
    Full { what: &'static str, dir: PathBuf },
    #[error("cannot {what}: {} (or a folder above it) is not a directory", dir.display())]
    NotADirectory { what: &'static str, dir: PathBuf },
    #[error("cannot {what}: another sidenote has kept {} locked for over {secs} seconds", dir.display())]
    Busy {
        what: &'static str,
        dir: PathBuf,
        secs: u64,
    },
    #[error("cannot {what}: {} was written by a newer sidenote (format version {found})", path.display())]
    NewerVersion {
        what: &'static str,
        path: PathBuf,
        found: u64,
    },
    #[error("cannot {what}: {} is damaged and could not be moved aside ({reason})", path.display())]
    Damaged {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },
    #[error("cannot {what}: {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    /// Turns an I/O failure into the error a reader can act on: a read-only or full
    /// directory is named as such rather than as a raw OS message.
    pub(crate) fn from_io(
        what: &'static str,
        dir: &std::path::Path,
        path: &std::path::Path,
        e: io::Error,
    ) -> Self {
        use io::ErrorKind as K;
        let dir = dir.to_path_buf();
        match e.kind() {
            K::PermissionDenied | K::ReadOnlyFilesystem => StoreError::ReadOnly { what, dir },
            K::StorageFull | K::QuotaExceeded => StoreError::Full { what, dir },
            K::NotADirectory => StoreError::NotADirectory { what, dir },
            _ => StoreError::Io {
                what,
                path: path.to_path_buf(),
                source: e,
            },
        }
    }
}

/// Something the reader should be told about, though the operation went ahead.
#[derive(Debug, Error)]
pub enum StoreWarning {
    /// A store file could not be read or understood; it was renamed so nothing in it is
    /// lost, and the store started afresh.
    #[error("{} was damaged ({reason}); moved it to {} and started afresh", file.display(), moved_to.display())]
    SetAside {
        file: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// A store file could not be read or understood, and the directory could not be
    /// changed to set it aside; it is left as it is and ignored for now.
    #[error("{} is damaged ({reason}); ignoring it", file.display())]
    Damaged { file: PathBuf, reason: String },
    /// The document changed since the bookmarks were made; they were placed again by
    /// their passages.
    #[error("{}", reanchored_text(*placed, *moved, *lost))]
    Reanchored {
        placed: usize,
        /// Of those placed, how many now stand somewhere else than where they were saved.
        moved: usize,
        lost: usize,
    },
    /// Some bookmarks were left unplaced because two passages of the edited document are
    /// about equally similar to the bookmarked one (they are also counted as not found).
    #[error("{count} bookmark{} left unplaced: two passages match about equally well", if *count == 1 { "" } else { "s" })]
    Ambiguous { count: usize },
    /// The document is the same, but some bookmarks' passages are not where they were
    /// saved nor anywhere else in it (a parser that reads the file differently).
    #[error("{lost} bookmark{} not found in this reading of the document", if *lost == 1 { "" } else { "s" })]
    NotFound { lost: usize },
    /// Part of the operation failed (e.g. the new path or re-placed bookmarks could not
    /// be saved, or history could not be read); the rest went ahead.
    #[error("{0}")]
    Failed(StoreError),
}

fn reanchored_text(placed: usize, moved: usize, lost: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let moved = if moved > 0 {
        format!(" ({moved} moved)")
    } else {
        String::new()
    };
    if lost == 0 {
        format!(
            "this document changed since last time: {placed} bookmark{} placed again{moved}",
            s(placed)
        )
    } else {
        format!(
            "this document changed since last time: {placed} bookmark{} placed again{moved}, {lost} not found in this version",
            s(placed)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn from(kind: io::ErrorKind) -> String {
        let dir = Path::new("/data/sidenote");
        StoreError::from_io(
            "save bookmarks",
            dir,
            &dir.join("bookmarks.json"),
            kind.into(),
        )
        .to_string()
    }

    #[test]
    fn io_failures_name_the_directory_problem() {
        let ro = "cannot save bookmarks: data directory /data/sidenote is read-only";
        assert_eq!(from(io::ErrorKind::ReadOnlyFilesystem), ro);
        assert_eq!(from(io::ErrorKind::PermissionDenied), ro);
        assert_eq!(
            from(io::ErrorKind::StorageFull),
            "cannot save bookmarks: data directory /data/sidenote is full"
        );
        assert!(from(io::ErrorKind::Interrupted)
            .starts_with("cannot save bookmarks: /data/sidenote/bookmarks.json: "));
    }

    #[test]
    fn reanchoring_is_summed_up_in_one_line() {
        let w = StoreWarning::Reanchored {
            placed: 2,
            moved: 1,
            lost: 1,
        };
        assert_eq!(
            w.to_string(),
            "this document changed since last time: 2 bookmarks placed again (1 moved), 1 not found in this version"
        );
    }
}
