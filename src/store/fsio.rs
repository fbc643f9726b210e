//! The store's file discipline: lock, re-read, write atomically, never destroy.
//!
//! Every change takes an advisory lock on `<dir>/.lock`, reads the file afresh, applies
//! the change and replaces the file by renaming a fully written and synced temporary file
//! over it. Two sidenote processes therefore never overwrite each other's bookmarks, and a
//! crash mid-write leaves either the old or the new file, never half of one.

use super::error::{StoreError, StoreWarning};
use super::record::Versioned;
use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub(crate) const LOCK_FILE: &str = ".lock";

/// How long to wait for another sidenote to finish its (millisecond-long) update before
/// giving up with an error instead of freezing the reader.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Held while a file is read, changed and written; the lock is released on drop.
pub(crate) struct Lock {
    _file: File,
}

pub(crate) fn lock(dir: &Path, what: &'static str) -> Result<Lock, StoreError> {
    if let Err(e) = fs::create_dir_all(dir) {
        let e = if dir.exists() && !dir.is_dir() {
            io::ErrorKind::NotADirectory.into()
        } else {
            e
        };
        return Err(StoreError::from_io(what, dir, dir, e));
    }
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::from_io(what, dir, &path, e))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match FileExt::try_lock_exclusive(&file) {
            Ok(true) => return Ok(Lock { _file: file }),
            Ok(false) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            Ok(false) => {
                return Err(StoreError::Busy {
                    what,
                    dir: dir.to_path_buf(),
                    secs: LOCK_WAIT.as_secs(),
                })
            }
            // A filesystem without locks still gets atomic writes; better than no saving.
            Err(e) if e.kind() == io::ErrorKind::Unsupported => return Ok(Lock { _file: file }),
            Err(e) => return Err(StoreError::from_io(what, dir, &path, e)),
        }
    }
}

/// How a damaged file is treated when found.
#[derive(Clone, Copy)]
pub(crate) enum OnDamage {
    /// Rename it to `<name>.corrupt-<now>` (we hold the lock, so the directory is ours);
    /// if that fails, the operation fails, since writing would destroy the file.
    SetAside { now: u64 },
    /// As `SetAside`, but if the rename fails read it as empty and leave it in place: for
    /// operations that only read, so a bad file never keeps a document from opening.
    SetAsideOrIgnore { now: u64 },
    /// Leave it alone and read it as empty (we could not lock, e.g. a read-only directory).
    Ignore,
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_json::Value>,
}

/// Reads a versioned JSON store file. A missing file is the default (empty) value; a
/// damaged one is dealt with per `on_damage` and reported in `warnings`; one from a newer
/// sidenote is an error, because rewriting it would lose what that version stored.
pub(crate) fn read_versioned<T: Versioned>(
    path: &Path,
    what: &'static str,
    on_damage: OnDamage,
    warnings: &mut Vec<StoreWarning>,
) -> Result<T, StoreError> {
    let reason = match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(T::default()),
        Err(e) => format!("unreadable: {e}"),
        Ok(bytes) => match parse(&bytes) {
            Ok(v) => return Ok(v),
            Err(Parse::Newer(found)) => {
                return Err(StoreError::NewerVersion {
                    what,
                    path: path.to_path_buf(),
                    found,
                })
            }
            Err(Parse::Damaged(reason)) => reason,
        },
    };
    let now = match on_damage {
        OnDamage::SetAside { now } | OnDamage::SetAsideOrIgnore { now } => now,
        OnDamage::Ignore => {
            warnings.push(StoreWarning::Damaged {
                file: path.to_path_buf(),
                reason,
            });
            return Ok(T::default());
        }
    };
    match set_aside(path, now) {
        Ok(moved_to) => warnings.push(StoreWarning::SetAside {
            file: path.to_path_buf(),
            moved_to,
            reason,
        }),
        Err(e) if matches!(on_damage, OnDamage::SetAsideOrIgnore { .. }) => {
            warnings.push(StoreWarning::Damaged {
                file: path.to_path_buf(),
                reason: format!("{reason}; cannot move it aside: {e}"),
            })
        }
        Err(e) => {
            return Err(StoreError::Damaged {
                what,
                path: path.to_path_buf(),
                reason: format!("{reason}; {e}"),
            })
        }
    }
    Ok(T::default())
}

enum Parse {
    Newer(u64),
    Damaged(String),
}

fn parse<T: Versioned>(bytes: &[u8]) -> Result<T, Parse> {
    let probe: VersionProbe = serde_json::from_slice(bytes)
        .map_err(|e| Parse::Damaged(format!("not valid JSON: {e}")))?;
    match probe.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v == T::VERSION => serde_json::from_slice(bytes)
            .map_err(|e| Parse::Damaged(format!("unexpected content: {e}"))),
        Some(v) if v > T::VERSION => Err(Parse::Newer(v)),
        Some(v) if v >= 1 => T::from_older(v, bytes).map_err(Parse::Damaged),
        _ => Err(Parse::Damaged("no known format version".to_string())),
    }
}

/// Writes a store file (see `write_json`). A file read from an older format version is
/// first kept, byte for byte, under its backup name, unless a backup is already there
/// (an earlier migration's is never replaced); if the backup cannot be made, nothing is
/// written.
pub(crate) fn write_store_file<T: Versioned>(
    path: &Path,
    value: &T,
    what: &'static str,
) -> Result<(), StoreError> {
    if let Some(name) = value.backup_name() {
        let dir = path.parent().unwrap_or(Path::new("."));
        keep_backup(path, &dir.join(name)).map_err(|e| StoreError::from_io(what, dir, path, e))?;
    }
    write_json(path, value, what)
}

/// Copies `path` to `backup` atomically, never over an existing file.
fn keep_backup(path: &Path, backup: &Path) -> io::Result<()> {
    if backup.exists() {
        return Ok(());
    }
    let bytes = match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other?,
    };
    let tmp = temp_name(backup);
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(&bytes)?;
        f.sync_all()
    });
    // A hard link fails rather than replace a backup made meanwhile; filesystems without
    // links get a rename after the existence check above.
    let placed = written.and_then(|()| match fs::hard_link(&tmp, backup) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) if !backup.exists() => fs::rename(&tmp, backup),
        Err(e) => Err(e),
    });
    let _ = fs::remove_file(&tmp);
    placed
}

/// Renames a damaged file out of the way without overwriting an earlier one.
fn set_aside(path: &Path, now: u64) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 0..1000u32 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let target = path.with_file_name(format!("{name}.corrupt-{now}{suffix}"));
        if target.exists() {
            continue;
        }
        fs::rename(path, &target)?;
        return Ok(target);
    }
    Err(io::Error::other("too many set-aside copies already"))
}

/// Writes `value` as pretty JSON to `path`: temp file in the same directory, fsync,
/// rename over, fsync the directory.
pub(crate) fn write_json<T: Serialize>(
    path: &Path,
    value: &T,
    what: &'static str,
) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| StoreError::Io {
        what,
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    bytes.push(b'\n');
    let tmp = temp_name(path);
    let result = write_then_rename(&tmp, path, &bytes);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::from_io(what, dir, path, e));
    }
    // The rename is what matters; a filesystem that cannot sync directories still has it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reading positions and search history are the reader's private business.
        opts.mode(0o600);
    }
    let mut f = opts.open(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::rename(tmp, path)
}

fn temp_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}
