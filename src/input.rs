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
    let name = path
        .file_name()
        .map(|n| crate::document::parse::sanitize_line(&n.to_string_lossy()))
        .unwrap_or_else(|| shown.clone());
    from_bytes(bytes, name, Some(path.to_path_buf()), format)
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
