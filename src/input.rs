//! Reading the input: a file, standard input, or the built-in sample. Every failure is a
//! one-line message with the exit code the caller should use.

use crate::document::Document;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

/// The sample dispatch shipped inside the binary.
pub const SAMPLE: &str = include_str!("../assets/sample-dispatch.txt");

/// The name the built-in sample is shown under.
pub const SAMPLE_NAME: &str = "built-in sample";

/// Input problems exit with 2, like usage errors; anything else with 1.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Input(String),
}

/// A loaded document and a short name for where it came from.
pub struct Loaded {
    pub doc: Document,
    pub name: String,
    pub bytes: Vec<u8>,
    pub path: Option<std::path::PathBuf>,
}

/// Load the document named on the command line (or stdin, or the sample).
pub fn load_input(file: Option<&Path>) -> Result<Loaded, InputError> {
    load_input_as(file, None)
}

/// As `load_input`, read as `format` (`--format`) instead of the detected one.
pub fn load_input_as(file: Option<&Path>, format: Option<Forced>) -> Result<Loaded, InputError> {
    match file {
        Some(p) if p.as_os_str() == "-" => from_stdin(format),
        Some(p) => from_file(p, format),
        None if stdin_is_piped() => from_stdin(format),
        None => from_bytes(SAMPLE.as_bytes().to_vec(), SAMPLE_NAME.into(), None, format),
    }
}

/// `cannot open FILE: no such file`: one wording for a file that cannot be read, in the
/// reader and in `sidenote bookmarks FILE` alike.
pub fn open_error(path: &Path, e: &io::Error) -> String {
    let shown = crate::document::parse::sanitize_line(&path.display().to_string());
    let why = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("cannot open {shown}: {why}")
}

/// A format chosen on the command line.
pub type Forced = &'static dyn crate::document::format::Format;

fn from_stdin(format: Option<Forced>) -> Result<Loaded, InputError> {
    if io::stdin().is_terminal() {
        // `sidenote -` typed at a prompt: without a word it would look hung.
        let _ = writeln!(
            io::stderr(),
            "sidenote: reading standard input; type or paste the text, then press Ctrl-D on \
             an empty line to end it (Ctrl-C gives up)"
        );
    }
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Input(format!("cannot read standard input: {e}")))?;
    from_bytes(bytes, "standard input".into(), None, format)
}

fn from_file(path: &Path, format: Option<Forced>) -> Result<Loaded, InputError> {
    let shown = crate::document::parse::sanitize_line(&path.display().to_string());
    if path.is_dir() {
        return Err(InputError::Input(format!("{shown}: is a directory")));
    }
    let bytes = std::fs::read(path).map_err(|e| InputError::Input(open_error(path, &e)))?;
    from_bytes(bytes, file_name(path), Some(path.to_path_buf()), format)
}

/// The short name a file is shown by.
fn file_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_else(|| path.to_string_lossy());
    crate::document::parse::sanitize_line(&name)
}

fn from_bytes(
    bytes: Vec<u8>,
    name: String,
    path: Option<std::path::PathBuf>,
    format: Option<Forced>,
) -> Result<Loaded, InputError> {
    let hint = path.as_ref().map(|p| p.to_string_lossy().into_owned());
    let doc = crate::document::format::load_with(&bytes, format, hint.as_deref())
        .map_err(|e| InputError::Input(format!("{name}: {e}")))?;
    Ok(Loaded {
        doc,
        name,
        bytes,
        path,
    })
}

/// Whether standard input carries a document: a pipe, a file or a socket, as with
/// `curl … | sidenote` or `sidenote < file`. A terminal, and a device such as `/dev/null`
/// (what CI and cron jobs give), mean "nothing piped": the built-in sample opens.
fn stdin_is_piped() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let stdin = io::stdin();
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
            return false;
        };
        match std::fs::File::from(fd).metadata() {
            Ok(m) => {
                let t = m.file_type();
                t.is_fifo() || t.is_file() || t.is_socket()
            }
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        !std::io::IsTerminal::is_terminal(&io::stdin())
    }
}

/// The reader's way in: a big plain-text file opens on a preview of it (its start, its
/// notes and its end, `document::preview`, reading only those slices) while a worker
/// thread reads and parses all of it (`read_in_background`); anything else is read
/// whole, as `load_input_as` does.
pub enum Opened {
    Whole(Loaded),
    Reading {
        preview: Document,
        name: String,
        path: std::path::PathBuf,
    },
}

/// As `load_input_as`, with a preview first for a big plain-text file.
pub fn open_progressively(
    file: Option<&Path>,
    format: Option<Forced>,
) -> Result<Opened, InputError> {
    let Some(path) = file.filter(|p| p.as_os_str() != "-" && !p.is_dir()) else {
        return load_input_as(file, format).map(Opened::Whole);
    };
    let f = std::fs::File::open(path).map_err(|e| InputError::Input(open_error(path, &e)))?;
    let hint = path.to_string_lossy().into_owned();
    let preview = crate::document::preview::preview_from(
        &f,
        format,
        Some(&hint),
        crate::document::preview::SLICES,
    );
    match preview {
        Some(preview) => Ok(Opened::Reading {
            preview,
            name: file_name(path),
            path: path.to_path_buf(),
        }),
        None => load_input_as(file, format).map(Opened::Whole),
    }
}

/// Read and parse the whole file on a worker thread; the result arrives once.
pub fn read_in_background(
    path: &Path,
    format: Option<Forced>,
) -> std::sync::mpsc::Receiver<Result<Loaded, InputError>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(from_file(&path, format));
    });
    rx
}
