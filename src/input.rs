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
    let (bytes, name, path) = read_source(file)?;
    from_bytes(bytes, name, path, format)
}

/// The document alone, for `--dump` and `--json`: the bytes are let go as soon as the
/// parse no longer needs them (`format::load_owned`), so a big file and its document are
/// not held at once.
pub fn load_document(file: Option<&Path>, format: Option<Forced>) -> Result<Document, InputError> {
    // A file of plain text is read in pieces, never whole (`parse::stream`).
    if let Some(path) = file.filter(|p| p.as_os_str() != "-" && !p.is_dir()) {
        if let Some(doc) = streamed(path, format) {
            return doc;
        }
    }
    let (bytes, name, path) = read_source(file)?;
    let hint = path.as_ref().map(|p| p.to_string_lossy().into_owned());
    crate::document::format::load_owned(bytes, format, hint.as_deref())
        .map_err(|e| InputError::Input(format!("{name}: {e}")))
}

/// The bytes of the input, its short name and its path (a file's).
fn read_source(
    file: Option<&Path>,
) -> Result<(Vec<u8>, String, Option<std::path::PathBuf>), InputError> {
    match file {
        Some(p) if p.as_os_str() == "-" => Ok((read_stdin()?, "standard input".into(), None)),
        Some(p) => Ok((read_file(p)?, file_name(p), Some(p.to_path_buf()))),
        None if stdin_is_piped() => Ok((read_stdin()?, "standard input".into(), None)),
        None => Ok((SAMPLE.as_bytes().to_vec(), SAMPLE_NAME.into(), None)),
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

fn read_stdin() -> Result<Vec<u8>, InputError> {
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
    Ok(bytes)
}

fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let shown = crate::document::parse::sanitize_line(&path.display().to_string());
    if path.is_dir() {
        return Err(InputError::Input(format!("{shown}: is a directory")));
    }
    std::fs::read(path).map_err(|e| InputError::Input(open_error(path, &e)))
}

/// A file read whole the ordinary way: what `read_whole` is checked against.
#[cfg(test)]
fn from_file(path: &Path, format: Option<Forced>) -> Result<Loaded, InputError> {
    let bytes = read_file(path)?;
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

/// What the reader needs of a file's bytes besides its document: where its lines start
/// (`NG`, `+N`) and its fingerprint (its identity in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub lines: crate::document::lines::LineIndex,
    pub fingerprint: String,
    pub len: usize,
}

impl Facts {
    pub fn of(bytes: &[u8]) -> Facts {
        Facts {
            lines: crate::document::lines::LineIndex::new(bytes),
            fingerprint: crate::store::fingerprint(bytes),
            len: bytes.len(),
        }
    }
}

/// The document of a plain-text file read in pieces (`parse::stream`), or `None` when it
/// is to be read whole (another format or encoding, a file that cannot be opened: the
/// whole read then says why).
fn streamed(path: &Path, format: Option<Forced>) -> Option<Result<Document, InputError>> {
    // A regular file only: a FIFO opened twice (here, then by the whole read) can lose
    // its writer (found in review).
    let before = stamp(path)?;
    let file = std::fs::File::open(path).ok()?;
    let hint = path.to_string_lossy().into_owned();
    let doc = crate::document::parse::read_in_pieces(&file, format, Some(&hint))?;
    // The two passes check each other's line starts; a file rewritten between them with
    // the same lengths is caught by its stamp (found in review).
    if stamp(path)? != before {
        return None;
    }
    Some(doc.map_err(|e| InputError::Input(format!("{}: {e}", file_name(path)))))
}

/// `--dump`'s second half for a plain-text file, in bounded memory
/// (`dump::dump_rest_streamed`: the body written as it is read, only the notes kept),
/// the file's stamp checked around it as [`load_document`] checks it: a file rewritten
/// with the same line lengths while it was read gives `Rest::Changed`.
#[cfg(unix)]
pub fn dump_rest_of_file(
    path: &Path,
    format: Option<Forced>,
    head: crate::dump::Head,
    width: u16,
    out: &mut impl Write,
) -> crate::dump::Rest {
    use crate::dump::Rest;
    let Some(before) = stamp(path) else {
        return Rest::Unfit;
    };
    let Ok(file) = std::fs::File::open(path) else {
        return Rest::Unfit;
    };
    let hint = path.to_string_lossy().into_owned();
    let pieces = crate::document::parse::PIECES;
    let rest =
        crate::dump::dump_rest_streamed(&file, format, Some(&hint), head, width, pieces, out);
    match rest {
        Rest::Written(_) if stamp(path) != Some(before) => Rest::Changed,
        rest => rest,
    }
}

/// Elsewhere the file is read whole (`Rest::Unfit`).
#[cfg(not(unix))]
pub fn dump_rest_of_file(
    _path: &Path,
    _format: Option<Forced>,
    _head: crate::dump::Head,
    _width: u16,
    _out: &mut impl Write,
) -> crate::dump::Rest {
    crate::dump::Rest::Unfit
}

/// A regular file's size and modification time; `None` for anything else.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    Some((m.len(), m.modified().ok()?))
}

impl Facts {
    /// The facts of the file at `path`, read in pieces (`Facts::of` of its bytes).
    fn of_file(path: &Path) -> io::Result<Facts> {
        let mut file = std::fs::File::open(path)?;
        let mut lines = crate::document::lines::LineIndex::started();
        let mut print = crate::store::Fingerprint::default();
        let mut buf = vec![0u8; 1 << 20];
        let mut len = 0;
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            lines.push(&buf[..n]);
            print.push(&buf[..n]);
            len += n;
        }
        Ok(Facts {
            lines: lines.finished(),
            fingerprint: print.finish(),
            len,
        })
    }
}

/// The bytes of a file, shared by the parse and the thread working out its facts.
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// As `from_file`, for the reader of a big file: the facts are worked out on a second
/// thread while the file is parsed (the fingerprint also sent to `fingerprint_to` as
/// soon as it is known), and the parse lets the bytes go before it builds the document
/// (`format::load_owned`), so the file and its document are never held whole at once:
/// at 100 MB that was the peak of opening it.
pub fn read_whole(
    path: &Path,
    format: Option<Forced>,
    fingerprint_to: Option<std::sync::mpsc::Sender<String>>,
) -> Result<(Document, Facts), InputError> {
    // A file of plain text is read in pieces (`parse::stream`), its facts by a second
    // thread reading it too; either way the whole file is never held. Both are of the
    // same file only if it has not changed since before both (its stamp): else, or for
    // another format or encoding, it is read whole after all.
    if let Some(before) = stamp(path) {
        let facts_of = path.to_path_buf();
        let tx = fingerprint_to.clone();
        let facts = std::thread::spawn(move || {
            let facts = Facts::of_file(&facts_of).ok()?;
            let same = stamp(&facts_of) == Some(before) && facts.len as u64 == before.0;
            if let Some(tx) = tx.filter(|_| same) {
                let _ = tx.send(facts.fingerprint.clone());
            }
            same.then_some(facts)
        });
        crate::document::progress::stage(crate::document::progress::Stage::Lines);
        if let Some(doc) = streamed(path, format) {
            crate::memory::give_back_freed();
            let facts = facts.join().ok().flatten();
            if let Some(facts) = facts.filter(|_| stamp(path) == Some(before)) {
                return Ok((doc?, facts));
            }
        }
        // The whole read works the facts out again; a thread still running is left to
        // end on its own (the fingerprint it may send first is of the same bytes).
    }
    let bytes = std::sync::Arc::new(read_file(path)?);
    crate::document::progress::stage(crate::document::progress::Stage::Lines);
    let shared = std::sync::Arc::clone(&bytes);
    let facts = std::thread::spawn(move || {
        let facts = Facts::of(&shared);
        if let Some(tx) = fingerprint_to {
            let _ = tx.send(facts.fingerprint.clone());
        }
        facts
    });
    let name = file_name(path);
    let hint = path.to_string_lossy().into_owned();
    let doc = crate::document::format::load_owned(Shared(bytes), format, Some(&hint))
        .map_err(|e| InputError::Input(format!("{name}: {e}")));
    crate::memory::give_back_freed();
    let facts = facts
        .join()
        .map_err(|_| InputError::Input(format!("{name}: could not be fingerprinted")))?;
    Ok((doc?, facts))
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
        /// The source ranges the preview read (`preview::preview_pieces`).
        pieces: Vec<std::ops::Range<usize>>,
        name: String,
        path: std::path::PathBuf,
    },
}

/// As `load_input_as`, with a preview first for a big plain-text file.
pub fn open_progressively(
    file: Option<&Path>,
    format: Option<Forced>,
) -> Result<Opened, InputError> {
    open_progressively_at(file, format, None)
}

/// As `open_progressively`, the preview also reading the text around the source offset
/// `around` (the saved reading position: the reader opens there at once).
pub fn open_progressively_at(
    file: Option<&Path>,
    format: Option<Forced>,
    around: Option<usize>,
) -> Result<Opened, InputError> {
    let Some(path) = file.filter(|p| p.as_os_str() != "-" && !p.is_dir()) else {
        return load_input_as(file, format).map(Opened::Whole);
    };
    let f = std::fs::File::open(path).map_err(|e| InputError::Input(open_error(path, &e)))?;
    let hint = path.to_string_lossy().into_owned();
    let preview = crate::document::preview::preview_pieces(
        &f,
        format,
        Some(&hint),
        crate::document::preview::SLICES,
        around,
    );
    match preview {
        Some((preview, pieces)) => Ok(Opened::Reading {
            preview,
            pieces,
            name: file_name(path),
            path: path.to_path_buf(),
        }),
        None => load_input_as(file, format).map(Opened::Whole),
    }
}

/// The whole file, read and parsed on a worker thread (`read_in_background`), its bytes
/// already let go.
pub struct Whole {
    pub doc: Document,
    pub facts: Facts,
    /// The document matched with its record in the store, when a matcher was given.
    pub matched: Option<crate::store::Matched>,
}

/// What the worker does with the whole document before sending it: the reader matches it
/// with its record there (`Store::match_doc`), so no key waits on the UI thread for it.
pub type Matcher = Box<dyn FnOnce(&Document, &Facts) -> crate::store::Matched + Send>;

/// What the worker threads send: the content's fingerprint as soon as it is computed
/// (on its own thread, beside the parse: quitting while the file is read needs it to
/// save the place of a file the store does not know yet), and the whole document.
pub struct Background {
    pub fingerprint: std::sync::mpsc::Receiver<String>,
    pub whole: std::sync::mpsc::Receiver<Result<Whole, InputError>>,
    /// How far the parse is (`document::progress`), for `reading… 43%`.
    pub progress: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

/// Read and parse the whole file on a worker thread, as `read_whole` does (the facts
/// on a second thread, the bytes let go before the document is built); the result
/// arrives once, the fingerprint as soon as it is known.
pub fn read_in_background(
    path: &Path,
    format: Option<Forced>,
    matcher: Option<Matcher>,
) -> Background {
    let (tx, whole) = std::sync::mpsc::channel();
    let (fp_tx, fingerprint) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    let progress = std::sync::Arc::default();
    let done = std::sync::Arc::clone(&progress);
    std::thread::spawn(move || {
        // Keys first: the parse and the facts' thread it starts yield the CPU to the UI.
        crate::priority::lower_this_thread();
        let size = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
        crate::document::progress::report_to(done, size);
        let whole = read_whole(&path, format, Some(fp_tx)).map(|(doc, facts)| {
            let matched = matcher.map(|m| {
                crate::document::progress::stage(crate::document::progress::Stage::Match);
                m(&doc, &facts)
            });
            Whole {
                doc,
                facts,
                matched,
            }
        });
        let _ = tx.send(whole);
    });
    Background {
        fingerprint,
        whole,
        progress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The big file's way in gives what the ordinary one gives: the same document, and
    /// the facts of the same bytes (BOM, CRLF and a directory included).
    /// A FIFO is never read in pieces: it would be opened twice, and its writer can be
    /// lost between the two opens (found in review). The check comes before any open
    /// (one would block until a writer came), so this fails rather than hangs.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_read_in_pieces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send((stamp(&path).is_none(), streamed(&path, None).is_none()));
        });
        let got = rx.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(
            got.ok(),
            Some((true, true)),
            "left to the whole read, unopened"
        );
        // A writer now lets any open that did happen go, so the thread ends (without a
        // reader, a writer that does not wait is refused at once).
        use std::os::unix::fs::OpenOptionsExt;
        drop(
            std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&fifo),
        );
    }

    #[test]
    fn read_whole_matches_from_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = crate::document::synthetic::synthetic_document(30_000, None);
        let text = crate::document::synthetic::render_dispatch(&doc);
        let cases: [(&str, Vec<u8>); 3] = [
            ("a.txt", text.clone().into_bytes()),
            (
                "b.txt",
                [
                    b"\xEF\xBB\xBF".as_slice(),
                    text.replace('\n', "\r\n").as_bytes(),
                ]
                .concat(),
            ),
            ("c.md", text.into_bytes()),
        ];
        for (name, bytes) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).expect("write");
            let whole = from_file(&path, None)
                .map_err(|e| e.to_string())
                .expect("read");
            let (tx, rx) = std::sync::mpsc::channel();
            let (doc, facts) = read_whole(&path, None, Some(tx))
                .map_err(|e| e.to_string())
                .expect("read");
            assert_eq!(doc, whole.doc, "{name}");
            assert_eq!(facts, Facts::of(&whole.bytes), "{name}");
            assert_eq!(rx.recv().ok(), Some(facts.fingerprint), "sent as well");
        }
        let err = read_whole(dir.path(), None, None)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.ends_with("is a directory")));
        let missing = read_whole(&dir.path().join("none.txt"), None, None).err();
        assert!(missing.is_some_and(|e| e.to_string().contains("no such file")));
    }
}
