//! sidenote: arguments → input → reader (or dump / JSON / bookmarks). Maps errors to exit
//! codes: 2 for a usage or input problem, 1 for anything else.

use sidenote::app::{App, SidenoteMode, Source};
use sidenote::cli::{Cli, Command, Format, Sidenotes, StartAt};
use sidenote::document::LineIndex;
use sidenote::input::{load_input_as, open_progressively_at, Loaded, Opened};
use sidenote::store::{DocKey, ExportFormat, FileStamp, Store};
use sidenote::terminal::TerminalGuard;
use sidenote::watch::Watch;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use sidenote::perform::{LinkPainter, Opener};
use sidenote::signals::Signals;

/// How often the event loop looks for signals while no key arrives.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How often the event loop looks for the whole document while a preview is shown.
const READING_CHECK: Duration = Duration::from_millis(5);

/// While idle, the frame is drawn again every this many signal checks (one second).
const IDLE_REDRAW_TURNS: u32 = 10;

/// One line on standard error, prefixed with the program's name. Unlike `eprintln!`, it
/// never panics when standard error is gone (a hung-up terminal).
macro_rules! complain {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), "sidenote: {}", format_args!($($arg)*));
    }};
}

fn main() -> ExitCode {
    sidenote::memory::map_big_allocations();
    let mut cli = Cli::parse_args();
    if let Some(Command::Bookmarks { file, format }) = &cli.command {
        return print_bookmarks(file.as_deref(), *format);
    }
    if let Some(Command::Config { default }) = &cli.command {
        return print_config(*default);
    }
    if let Some(Command::Completions { shell }) = &cli.command {
        return exit_code(sidenote::shell::completions(
            *shell,
            &mut io::stdout().lock(),
        ));
    }
    if let Some(Command::Man) = &cli.command {
        return exit_code(sidenote::shell::man(&mut io::stdout().lock()));
    }
    if let Some(Command::Check {
        file,
        json,
        input_format,
    }) = &cli.command
    {
        return check(file, *json, input_format.as_deref());
    }
    if cli.library || !cli.library_paths.is_empty() {
        let interactive = !cli.dump && !cli.json && io::stdout().is_terminal();
        match cli.library_paths.as_slice() {
            _ if interactive => return exit_code(run_library(&cli)),
            // `--dump DIR` is refused as reading a directory always was.
            [dir] => cli.file = Some(dir.clone()),
            _ => {
                complain!("the library needs a terminal: --dump and --json read one document");
                return ExitCode::from(2);
            }
        }
    }
    let forced = cli
        .input_format
        .as_deref()
        .and_then(sidenote::document::format::by_name);
    // Before the read: see `Watch::new`.
    let read_stamp = cli
        .file
        .as_deref()
        .filter(|p| p.as_os_str() != "-")
        .map(sidenote::watch::stamp);
    let url = url_of(cli.file.as_deref());
    // The reader opens a big text file on a preview of it; `--json` and `--dump` read all.
    let interactive = !cli.json && !cli.dump && io::stdout().is_terminal();
    // `--dump` of a big plain-text file writes its first lines before the whole parse.
    if url.is_none() && !cli.json && !interactive {
        if let Some(code) = stream_dump(&cli, forced) {
            return code;
        }
    }
    // What the store knows of the file by its stamp, before it is read: a big file's
    // preview then also reads the text at the saved place, and opens there.
    let known = match (&url, cli.file.as_deref(), read_stamp.flatten()) {
        (None, Some(path), Some(stamp))
            if interactive && stamp.0 >= sidenote::document::preview::SLICES.min_file as u64 =>
        {
            Known::look_up(path, stamp)
        }
        _ => Known::default(),
    };
    let opened = match &url {
        Some(url) => open_url(url, cli.refresh, forced).map(Opened::Whole),
        None if interactive => open_progressively_at(cli.file.as_deref(), forced, known.place()),
        // Printed, not read interactively: only the document is needed, and the bytes
        // go as soon as the parse is done with them.
        None => {
            let file = cli.file.as_deref();
            return match sidenote::input::load_document(file, forced) {
                Ok(doc) => exit_code(print_document(&cli, &doc)),
                Err(e) => {
                    complain!("{e}");
                    ExitCode::from(2)
                }
            };
        }
    };
    let loaded = match opened {
        Ok(Opened::Whole(l)) => l,
        Ok(reading) => {
            let mut options = reader_options(&cli, forced, read_stamp, url);
            options.known = known;
            return exit_code(run(reading, options));
        }
        Err(e) => {
            complain!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = if cli.json || cli.dump || !io::stdout().is_terminal() {
        // The bytes are not needed to print: let them go before the output is built.
        drop(loaded.bytes);
        print_document(&cli, &loaded.doc)
    } else {
        run(
            Opened::Whole(loaded),
            reader_options(&cli, forced, read_stamp, url),
        )
    };
    exit_code(result)
}

/// `--json`, or `--dump` (also what a pipe gets).
fn print_document(cli: &Cli, doc: &sidenote::document::Document) -> io::Result<()> {
    if cli.json {
        return print_json(doc);
    }
    let width = dump_width(cli);
    for notice in &doc.notices {
        complain!("{notice}");
    }
    // Buffered: a dump is many short lines, and stdout writes at each.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if dump_beside(cli, width) {
        sidenote::dump::dump_sidenotes(doc, width, &mut out)
    } else {
        sidenote::dump::dump(doc, width, &mut out)
    }
}

/// The width `--dump` lays out at: `--width`, else the terminal's, else 80.
fn dump_width(cli: &Cli) -> u16 {
    cli.width.unwrap_or_else(|| {
        crossterm::terminal::size()
            .ok()
            .filter(|_| io::stdout().is_terminal())
            .map(|(w, _)| w)
            .unwrap_or(80)
    })
}

/// Whether `--dump` prints the notes beside the text (`--sidenotes on`, or `auto` on a
/// wide width).
fn dump_beside(cli: &Cli, width: u16) -> bool {
    match cli.sidenotes {
        Some(Sidenotes::On) => true,
        Some(Sidenotes::Auto) => width >= sidenote::app::SIDENOTES_ON,
        Some(Sidenotes::Off) | None => false,
    }
}

/// `--dump` of a big plain-text file, streamed: the leading units of its preview are
/// written at once, then the whole file is parsed and the rest written from it (the
/// output is the same bytes as the whole-document dump). `None` when the file is not
/// previewed (small, not plain text, standard input) or the notes are printed beside
/// the text (`dump_sidenotes` places every note against the whole text): the caller
/// then reads it whole. Notices of the parse come after the first lines.
fn stream_dump(cli: &Cli, forced: Option<sidenote::input::Forced>) -> Option<ExitCode> {
    let width = dump_width(cli);
    if dump_beside(cli, width) {
        return None;
    }
    let path = cli
        .file
        .as_deref()
        .filter(|p| p.as_os_str() != "-" && !p.is_dir())?;
    // Only a regular file: opening a named pipe here and closing it would leave its
    // writer without a reader (and the whole read below waiting for ever).
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    // A file that cannot be opened is reported by the whole read.
    let file = std::fs::File::open(path).ok()?;
    let hint = path.to_string_lossy().into_owned();
    let slices = sidenote::document::preview::SLICES;
    let (preview, head_end) =
        sidenote::document::preview::preview_with_head(&file, forced, Some(&hint), slices)?;
    drop(file);
    // Buffered (a dump is many short lines, and stdout writes at each), flushed after
    // the head, so its first lines still come at once.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let head = match sidenote::dump::dump_head(&preview, head_end, width, &mut out) {
        Ok(head) => head,
        Err(e) => return Some(exit_code(Err(e))),
    };
    drop(preview);
    use sidenote::dump::Rest;
    match sidenote::input::dump_rest_of_file(path, forced, head, width, &mut out) {
        Rest::Written(notices) => {
            for notice in &notices {
                complain!("{notice}");
            }
            return Some(ExitCode::SUCCESS);
        }
        Rest::Failed(e) => return Some(exit_code(Err(e))),
        Rest::Changed => {
            let _ = out.flush();
            complain!(
                "{} changed while it was read: what was written may mix the two versions",
                sidenote::document::parse::sanitize_line(&path.display().to_string())
            );
            return Some(ExitCode::from(1));
        }
        Rest::Bad(e) => {
            let name = path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy();
            complain!("{}: {e}", sidenote::document::parse::sanitize_line(&name));
            return Some(ExitCode::from(2));
        }
        Rest::Unfit => {}
    }
    let doc = match sidenote::input::load_document(Some(path), forced) {
        Ok(doc) => doc,
        Err(e) => {
            complain!("{e}");
            return Some(ExitCode::from(2));
        }
    };
    for notice in &doc.notices {
        complain!("{notice}");
    }
    Some(exit_code(sidenote::dump::dump_rest(
        &doc, head, width, &mut out,
    )))
}

/// The config file and the colour decision, for the reader and the library alike. Read
/// only when one of them opens: a problem in the file is reported (on stderr, and later
/// in the status line) and the rest applies.
fn interactive_config(cli: &Cli) -> (sidenote::config::Loaded, bool) {
    let config = sidenote::config::load(sidenote::config::user_path().as_deref());
    for problem in &config.problems {
        complain!("{problem}");
    }
    let colour = sidenote::config::colour_wanted(
        cli.color.map(Into::into),
        std::env::var("NO_COLOR").ok().as_deref(),
        io::stdout().is_terminal(),
    );
    // crossterm drops colour by itself when NO_COLOR is set: `--color always` must
    // win over it, and `never` holds even for a colour drawn outside the theme.
    crossterm::style::force_color_output(colour);
    (config, colour)
}

/// How the reader starts: the command line and the config file.
fn reader_options(
    cli: &Cli,
    forced: Option<sidenote::input::Forced>,
    read_stamp: Option<sidenote::watch::Stamp>,
    url: Option<String>,
) -> Options {
    let (config, colour) = interactive_config(cli);
    Options {
        column: cli.width.unwrap_or(config.config.width),
        start: Start {
            top: cli.top,
            at: cli.start.clone(),
            format: forced,
            read_stamp: read_stamp.flatten(),
        },
        sidenotes: cli.sidenotes.map(SidenoteMode::from),
        mouse: !cli.no_mouse && config.config.mouse,
        colour,
        config,
        url,
        known: Known::default(),
    }
}

/// What the store knows of a file before it is read (`Store::record_by_stamp`): enough
/// for a big file to open at its saved place and list its bookmarks on its preview.
#[derive(Default)]
struct Known {
    /// The key and record found by the file's path, size and modification time.
    by_stamp: Option<(DocKey, Option<sidenote::store::DocRecord>)>,
    /// Some record holds this path (the file may have been edited since).
    path_has_record: bool,
    /// What the look-up found wrong in the store (a damaged file set aside), for the
    /// status line: the reader's own store handle will not see it again.
    warning: Option<String>,
}

impl Known {
    fn look_up(
        path: &std::path::Path,
        (size, modified): (u64, Option<std::time::SystemTime>),
    ) -> Known {
        let Ok(store) = Store::open_default() else {
            return Known::default();
        };
        let by_stamp = store.record_by_stamp(path, FileStamp::from_time(size, modified));
        let path_has_record = by_stamp.is_none() && store.path_has_record(path);
        Known {
            by_stamp,
            path_has_record,
            warning: store.take_warnings().first().map(ToString::to_string),
        }
    }

    /// The saved reading position's source offset.
    fn place(&self) -> Option<usize> {
        let (_, record) = self.by_stamp.as_ref()?;
        Some(record.as_ref()?.last_position.as_ref()?.pos?.src)
    }
}

fn exit_code(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`sidenote --dump | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            complain!("{e}");
            ExitCode::from(1)
        }
    }
}

fn print_json(doc: &sidenote::document::Document) -> io::Result<()> {
    // Buffered: pretty JSON is many short lines, and stdout flushes at each.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &sidenote::document::json::Streamed(doc))?;
    writeln!(out)?;
    out.flush()
}

/// `sidenote bookmarks [FILE] [--format …]`.
fn print_bookmarks(file: Option<&std::path::Path>, format: Format) -> ExitCode {
    let store = match Store::open_default() {
        Ok(s) => s,
        Err(e) => {
            complain!("{e}");
            return ExitCode::from(1);
        }
    };
    let records = match file {
        // An address: known by it in the store, its content the copy in the cache.
        Some(url) if sidenote::fetch::is_url(&url.to_string_lossy()) => {
            let url = url.to_string_lossy();
            let cache = sidenote::fetch::Cache::open_default();
            let Some(page) = cache.and_then(|c| c.get(&url)) else {
                complain!(
                    "{}: no copy in the cache (open it once first)",
                    sidenote::document::parse::sanitize_line(&url)
                );
                return ExitCode::from(2);
            };
            store
                .find_record(&sidenote::fetch::doc_key(&url, &page.bytes))
                .map(|r| r.into_iter().collect::<Vec<_>>())
        }
        Some(path) => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    // The reader's wording ("no such file"), not the OS error's.
                    complain!("{}", sidenote::input::open_error(path, &e));
                    return ExitCode::from(2);
                }
            };
            store
                .find_record(&DocKey::for_file(path, &bytes))
                .map(|r| r.into_iter().collect::<Vec<_>>())
        }
        None => store.all_records(),
    };
    for w in store.take_warnings() {
        complain!("{w}");
    }
    let records = match records {
        Ok(r) => r,
        Err(e) => {
            complain!("{e}");
            return ExitCode::from(1);
        }
    };
    let format = match format {
        Format::Text => ExportFormat::Text,
        Format::Markdown => ExportFormat::Markdown,
        Format::Json => ExportFormat::Json,
    };
    let text = sidenote::store::render(&records, format);
    let mut out = io::stdout().lock();
    exit_code(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The status line's word on the config file's problems (each one is on stderr too).
fn config_notice(problems: &[sidenote::config::Problem]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more: see stderr after quitting)", n - 1),
    };
    // The file's own name, not its path: the status line is short (stderr has the path).
    let name = std::path::Path::new(&first.file)
        .file_name()
        .map_or_else(|| first.file.clone(), |n| n.to_string_lossy().into_owned());
    Some(format!(
        "{name}:{}:{}: {}{more}",
        first.line, first.column, first.message
    ))
}

/// `sidenote config [--default]`: the configuration in effect, or the defaults, as TOML.
fn print_config(default: bool) -> ExitCode {
    let text = if default {
        sidenote::config::DEFAULTS.to_string()
    } else {
        let path = sidenote::config::user_path();
        let loaded = sidenote::config::load(path.as_deref());
        for problem in &loaded.problems {
            complain!("{problem}");
        }
        let from = match (&loaded.path, &path) {
            (Some(p), _) => format!("the defaults with {} merged on top", p.display()),
            (None, Some(p)) => format!("the defaults ({} does not exist)", p.display()),
            (None, None) => "the defaults (no config directory)".to_string(),
        };
        format!(
            "# sidenote's configuration in effect: {from}.\n# `sidenote config --default` prints the defaults with their documentation.\n\n{}",
            loaded.config.to_toml()
        )
    };
    let mut out = io::stdout().lock();
    exit_code(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The address named on the command line, when the input is one (`http://`, `https://`).
fn url_of(file: Option<&std::path::Path>) -> Option<String> {
    file.and_then(|p| p.to_str())
        .filter(|s| sidenote::fetch::is_url(s))
        .map(str::to_owned)
}

/// The document at `url`: the cached copy, or fetched (with progress on standard error,
/// before the reader takes the screen).
fn open_url(
    url: &str,
    refresh: bool,
    forced: Option<sidenote::input::Forced>,
) -> Result<Loaded, sidenote::input::InputError> {
    use sidenote::input::InputError;
    let cache = sidenote::fetch::Cache::open_default();
    let mut progress = FetchProgress::new(url);
    let opened = sidenote::fetch::open(
        url,
        cache.as_ref(),
        refresh,
        &sidenote::fetch::Limits::default(),
        &mut |got, total| progress.update(got, total),
    );
    progress.finish();
    let (page, warning) = opened.map_err(|e| InputError::Input(e.to_string()))?;
    if let Some(w) = warning {
        complain!("{w}");
    }
    sidenote::fetch::load(&page, forced)
}

/// A download's progress on standard error, when it is a terminal: one line rewritten in
/// place at most ten times a second, shown only for a slow or large download, and
/// erased when done so that nothing is left under the reader or in a script's output.
struct FetchProgress {
    tty: bool,
    started: std::time::Instant,
    last: Option<std::time::Instant>,
    shown: bool,
    host: String,
}

impl FetchProgress {
    /// A download shorter than this, and smaller than `LARGE`, shows nothing.
    const SLOW: Duration = Duration::from_millis(500);
    const LARGE: u64 = 1024 * 1024;

    fn new(url: &str) -> FetchProgress {
        let host = url.split_once("://").map_or(url, |(_, r)| r);
        let host = host.split('/').next().unwrap_or(host);
        FetchProgress {
            tty: io::stderr().is_terminal(),
            started: std::time::Instant::now(),
            last: None,
            shown: false,
            host: sidenote::document::parse::sanitize_line(host),
        }
    }

    fn update(&mut self, got: u64, total: Option<u64>) {
        let now = std::time::Instant::now();
        let due = self
            .last
            .is_none_or(|t| now - t >= Duration::from_millis(100));
        let worth = now - self.started >= Self::SLOW || got >= Self::LARGE;
        if !self.tty || !due || !worth {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
        let line = match total {
            Some(t) if t > 0 => format!(
                "fetching {}: {:.1} of {:.1} MiB ({}%)",
                self.host,
                mib(got),
                mib(t),
                got * 100 / t
            ),
            _ => format!("fetching {}: {:.1} MiB", self.host, mib(got)),
        };
        let _ = write!(io::stderr(), "\r\x1b[2Ksidenote: {line}");
    }

    fn finish(&mut self) {
        if self.shown {
            let _ = write!(io::stderr(), "\r\x1b[2K");
        }
    }
}

/// `sidenote check FILE [--json]`: 0 no problem, 1 problems, 2 the input cannot be read.
fn check(file: &std::path::Path, json: bool, format: Option<&str>) -> ExitCode {
    let forced = format.and_then(sidenote::document::format::by_name);
    let loaded = match url_of(Some(file)) {
        Some(url) => open_url(&url, false, forced),
        None => load_input_as(Some(file), forced),
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(e) => {
            complain!("{e}");
            return ExitCode::from(2);
        }
    };
    let problems = sidenote::check::check(&loaded.doc, &loaded.bytes);
    let name = match &loaded.path {
        Some(p) => sidenote::document::parse::sanitize_line(&p.display().to_string()),
        None => loaded.name.clone(),
    };
    let mut out = io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &sidenote::check::render_json(&name, &problems))
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        out.write_all(sidenote::check::render_text(&name, &problems).as_bytes())
    };
    match exit_code(written.and_then(|()| out.flush())) {
        code if code != ExitCode::SUCCESS => code,
        _ if problems.is_empty() => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

/// How the reader opens: `--top`, `+N` / `+/PATTERN`, and the format forced (for `R`).
struct Start {
    top: bool,
    at: Option<StartAt>,
    format: Option<sidenote::input::Forced>,
    /// The file's size and time from just before it was read, for the watch.
    read_stamp: sidenote::watch::Stamp,
}

/// How the reader starts, from the command line.
struct Options {
    column: u16,
    start: Start,
    /// `--sidenotes`, when given: it wins over the remembered choice.
    sidenotes: Option<SidenoteMode>,
    /// Mouse capture at start (`--no-mouse` turns it off).
    mouse: bool,
    /// Whether colour is allowed (`--color`, `NO_COLOR`).
    colour: bool,
    /// The config file's settings, and its problems for the status line.
    config: sidenote::config::Loaded,
    /// The address the document was fetched from: its identity in the store.
    url: Option<String>,
    /// What the store knew of the file before it was read.
    known: Known,
}

/// The interactive reader: entered only after the input was read successfully.
fn run(opened: Opened, options: Options) -> io::Result<()> {
    let Options {
        column,
        start,
        sidenotes: flag,
        mouse,
        colour,
        config,
        url,
        known,
    } = options;
    // `rest`: the whole document, to be parsed after the first frame, when `doc` is a
    // preview of it.
    let (doc, name, path, bytes, mut rest) = match opened {
        Opened::Whole(Loaded {
            doc,
            name,
            bytes,
            path,
        }) => (doc, name, path, Some(bytes), None),
        Opened::Reading {
            preview,
            pieces,
            name,
            path,
        } => (preview, name, Some(path), None, Some(pieces)),
    };
    // Before the first frame, so a signal at any time after it is caught.
    let signals = Signals::install()?;
    let mut guard = TerminalGuard::enter(mouse)?;
    let size = guard.terminal.size()?;
    let mut app = App::new(doc, Source { name }, column, (size.width, size.height));
    app.keymap = std::sync::Arc::new(config.config.keymap.clone());
    app.appearance = sidenote::config::Appearance {
        theme: config.config.theme,
        colour,
    };
    // The note column's remembered choice is read before the first frame (a small file),
    // so the reader never opens one way and then flips.
    let store = Store::open_default();
    let remembered = store.as_ref().ok().and_then(Store::sidenotes_choice);
    app.set_sidenote_mode(config.config.sidenote_mode(flag, remembered));
    app.effects.mouse = mouse;
    app.effects.clipboard = sidenote::osc::clipboard_support(
        io::stdout().is_terminal(),
        std::env::var("TERM").ok().as_deref(),
    );
    let opener = Opener::find();
    app.effects.opener = opener.as_ref().map(|o| o.name.clone());
    let mut painter = LinkPainter::default();
    let mut resumed = false;
    if let Some(pieces) = rest.as_mut() {
        app.start_reading();
        app.reading_pieces(std::mem::take(pieces));
        // The record found by the file's stamp (cheap, no hashing): the saved place, the
        // bookmarks, the visit and `S` work on the preview; the fingerprint is checked
        // once the whole file is in.
        if let Ok(s) = &store {
            app.stamp = start
                .read_stamp
                .map(|(size, modified)| FileStamp::from_time(size, modified));
            let saved = app.attach_store_while_reading(s.clone(), known.by_stamp);
            if let Some(w) = known.warning {
                app.message = Some(w);
            }
            if let Some(pos) = saved.filter(|_| !start.top && start.at.is_none()) {
                app.resume_at(pos);
                resumed = true;
            }
            app.mark_opened();
        }
    }
    // First frame first: fingerprinting, the store and the search index come after.
    sidenote::perform::draw(&mut guard, &app, &mut painter)?;
    // The whole file, read and parsed on a worker thread, once the first frame is out.
    let mut rest = rest.and(path.as_deref()).map(|p| {
        let matcher = store
            .as_ref()
            .ok()
            .map(|s| record_matcher(s.clone(), p, &start));
        sidenote::input::read_in_background(p, start.format, matcher)
    });
    if let Some(bg) = rest.as_ref() {
        app.reading_progress(std::sync::Arc::clone(&bg.progress));
    }
    // The file is watched from here on, for `R` and for a change on disk.
    let mut watch = path
        .as_deref()
        .map(|p| Watch::new(p, start.format, start.read_stamp));
    app.file_path = path.clone();
    // What needs the whole document: done now, or when the worker has parsed it all.
    let mut settle = Some(Settle {
        store,
        start,
        notice: config_notice(&config.problems),
        url,
        resumed,
    });
    let mut verify = None;
    if let Some(bytes) = bytes {
        if let Some(s) = settle.take() {
            verify = s.run(&mut app, Content::Bytes(bytes), path.as_deref());
        }
    }
    let panic_for_tests = std::env::var_os("SIDENOTE_TEST_PANIC").is_some();
    let events = sidenote::events::spawn_reader();
    // A resize since the first frame (while the store opened) came before any SIGWINCH
    // handler, and a shrink then a grow leaves the size as it was but the rows cut:
    // catch up with the terminal's size and repaint everything once.
    // A terminal that went away meanwhile fails here: that is a failure like one in the
    // loop (the hang-up's signal may be a moment behind it), not an early return.
    let mut catch_up = || -> io::Result<()> {
        let size = guard.terminal.size()?;
        if (size.width, size.height) != app.screen {
            app.resize(size.width, size.height);
        }
        guard.repaint_all()
    };
    let mut failure = catch_up().err();
    let mut idle_turns = 0;
    while failure.is_none() && !app.quit && signals.pending().is_none() {
        let arrived = rest
            .as_ref()
            .filter(|_| app.can_finish_reading())
            .map(|bg| bg.whole.try_recv());
        // The whole document, once parsed, takes the preview's place; the keys that
        // waited for it run once the store knows it.
        match arrived {
            Some(Ok(Ok(whole))) => {
                rest = None;
                let waiting = app.take_whole(whole.doc);
                if let Some(s) = settle.take() {
                    let content = Content::Read(whole.facts, whole.matched.map(Box::new));
                    verify = s.run(&mut app, content, path.as_deref());
                }
                app.run_deferred(waiting);
                idle_turns = 0;
            }
            Some(Ok(Err(e))) => {
                app.reading_failed(e.to_string());
                rest = None;
                idle_turns = 0;
            }
            Some(Err(std::sync::mpsc::TryRecvError::Disconnected)) => {
                // The worker is gone without an answer: leave reading mode, or keys
                // would wait for ever.
                app.reading_failed("the rest of the file could not be read".into());
                rest = None;
            }
            Some(Err(std::sync::mpsc::TryRecvError::Empty)) | None => {}
        }
        // `reading… 43%` kept up to date, and a search count completed once the whole
        // document's index is in.
        // A search typed on a big document, from its worker thread.
        if app.refresh_reading_message() | app.poll_index() | app.poll_search() {
            idle_turns = 0;
        }
        if let Some(fp) = verify.as_ref().and_then(|rx| rx.try_recv().ok()) {
            app.verify_identity(fp);
            verify = None;
        }
        // Draw after every event, and now and then when idle: an unchanged frame writes
        // almost nothing, and a terminal that went away fails the write, ending the reader.
        let draw = idle_turns % IDLE_REDRAW_TURNS == 0;
        // While the rest is read, or a search or the index is built on a worker thread,
        // look for it often, so it shows as soon as it is in.
        let waiting = rest.is_some()
            || app.search_pending()
            || matches!(app.index, sidenote::app::search::IndexSlot::Building(_));
        let wait = if waiting { READING_CHECK } else { SIGNAL_CHECK };
        let mut outside = Outside {
            painter: &mut painter,
            opener: opener.as_ref(),
        };
        match step(
            &mut guard,
            &mut app,
            &mut outside,
            &events,
            (draw, wait),
            panic_for_tests,
        ) {
            Ok(true) => idle_turns = 0,
            Ok(false) => idle_turns += 1,
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
        if let Some(watch) = watch.as_mut() {
            watch.service(&mut app);
            // Looked at as often as the idle redraw: about once a second, and after keys;
            // a notice is drawn at the next turn, not a second later.
            if draw && watch.poll(&mut app) {
                idle_turns = 0;
            }
        }
    }
    if failure.is_some() && signals.pending().is_none() {
        // A hang-up fails writes a moment before its signal arrives: give it that moment.
        std::thread::sleep(SIGNAL_CHECK / 2);
    }
    // Quitting while the rest of a big file is read: the place is saved on the preview
    // (its units are the whole document's, at the same source offsets) under the key
    // the stamp gave, without waiting for the parse. A file the store does not know by
    // its stamp waits for its fingerprint (computed beside the parse, a fraction of it)
    // and saves under it when a record has that content; otherwise (a new file, or a
    // moved or edited copy of a known one, which only the whole document can tell) and
    // when the store knows the path (edited since), it waits for the whole document, to
    // be matched with its record as when it is read whole: saving at once would start an
    // empty record beside the one holding its bookmarks. The screen says why.
    if let (Some(bg), Some(s)) = (rest.take(), settle.take()) {
        if app.doc_key.is_none() && failure.is_none() {
            let mut whole_needed = true;
            if let (Some(p), false) = (&path, known.path_has_record) {
                let fp = wait_shown(&mut guard, &mut app, &mut painter, &bg.fingerprint);
                match fp {
                    Some(fingerprint) if content_known(&s.store, &fingerprint) => {
                        app.doc_key = Some(DocKey {
                            fingerprint,
                            path: Some(sidenote::store::canonical(p)),
                        });
                        whole_needed = false;
                    }
                    Some(_) => {}
                    None => whole_needed = false,
                }
            }
            if whole_needed {
                if let Some(Ok(whole)) = wait_shown(&mut guard, &mut app, &mut painter, &bg.whole) {
                    let waiting = app.take_whole(whole.doc);
                    let content = Content::Read(whole.facts, whole.matched.map(Box::new));
                    verify = s.run(&mut app, content, path.as_deref());
                    app.run_deferred(waiting);
                }
            }
        }
    }
    // Whatever ended the loop, the position is saved (and the visit recorded) and the
    // terminal given back.
    if let Some(fp) = verify.and_then(|rx| rx.recv().ok()) {
        app.verify_identity(fp);
    }
    // A write asked for in the last turn (the loop may have ended before performing it);
    // its failure is told on stderr, as the screen is going.
    // Bookmark changes made on a preview still being read, under the key its stamp gave.
    app.flush_reading_writes();
    let unsaved = sidenote::perform::store_writes(&mut app);
    let saved = app.close();
    drop(guard);
    for e in unsaved.into_iter().chain(saved.err()) {
        complain!("{e}");
    }
    if let Some(sig) = signals.pending() {
        // Exit as the shell expects from a signal, after the terminal is restored. A
        // hang-up also makes writes fail; the signal is the better account of it.
        std::process::exit(128 + sig);
    }
    failure.map_or(Ok(()), Err)
}

/// Waits for what `rx` brings, saying on screen why the reader has not closed yet (with
/// how far the reading is), at most until the sender is gone.
fn wait_shown<T>(
    guard: &mut TerminalGuard,
    app: &mut App,
    painter: &mut LinkPainter,
    rx: &Receiver<T>,
) -> Option<T> {
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(got) => return Some(got),
            Err(RecvTimeoutError::Timeout) => {
                app.message = Some(format!("saving your place · {}", app.reading_status()));
                // The terminal may be gone: the wait goes on regardless.
                let _ = sidenote::perform::draw(guard, app, painter);
            }
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Whether a record in the store has this content (so a place saved under the
/// fingerprint goes to it, not to a new record).
fn content_known(store: &Result<Store, sidenote::store::StoreError>, fingerprint: &str) -> bool {
    store
        .as_ref()
        .ok()
        .and_then(|s| s.all_records().ok())
        .is_some_and(|all| all.iter().any(|r| r.fingerprint == fingerprint))
}

/// One turn of the event loop: draw (when asked), wait for an event or a short timeout
/// (to notice signals), handle it. Returns whether an event arrived.
fn step(
    guard: &mut TerminalGuard,
    app: &mut App,
    outside: &mut Outside<'_>,
    events: &Receiver<io::Result<crossterm::event::Event>>,
    (draw, wait): (bool, Duration),
    panic_for_tests: bool,
) -> io::Result<bool> {
    if draw {
        sidenote::perform::draw(guard, app, outside.painter)?;
    }
    if panic_for_tests {
        panic!("panic requested by SIDENOTE_TEST_PANIC");
    }
    let arrived = match events.recv_timeout(wait) {
        Ok(event) => {
            let event = event?;
            let resized = matches!(event, crossterm::event::Event::Resize(..));
            app.on_event(event);
            if resized {
                guard.repaint_all()?;
            }
            true
        }
        Err(RecvTimeoutError::Timeout) => false,
        Err(RecvTimeoutError::Disconnected) => {
            return Err(io::Error::other("the terminal stopped sending input"))
        }
    };
    sidenote::perform::perform(guard, app, outside.opener)?;
    if std::mem::take(&mut app.suspend_requested) {
        guard.suspend()?;
        outside.painter.forget();
    }
    Ok(arrived)
}

/// What the loop keeps for the effects it performs.
struct Outside<'a> {
    painter: &'a mut LinkPainter,
    opener: Option<&'a Opener>,
}

/// The content's fingerprint, computed on a thread (the record was found by the file's
/// stamp; this checks it).
fn fingerprint_later(bytes: Vec<u8>) -> Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(sidenote::store::fingerprint(&bytes));
    });
    rx
}

/// The library: `sidenote DIR`, several files, or `--library`. The shell holds the
/// library and, once one is opened, the reader session; the loop is the reader's.
fn run_library(cli: &Cli) -> io::Result<()> {
    use sidenote::library::shell::{Origin, Shell};
    let origin = if cli.library {
        Origin::Store
    } else {
        Origin::Paths(cli.library_paths.clone())
    };
    let (config, colour) = interactive_config(cli);
    // A store that cannot be used is said, in the library and in each reader, as the
    // one-document reader says it: bookmarks then live for the session only.
    let (store, store_error) = match Store::open_default() {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(format!("{e}; bookmarks will not be saved"))),
    };
    let flag = cli.sidenotes.map(SidenoteMode::from);
    let mouse = !cli.no_mouse && config.config.mouse;
    let clipboard = sidenote::osc::clipboard_support(
        io::stdout().is_terminal(),
        std::env::var("TERM").ok().as_deref(),
    );
    let opener = Opener::find();
    let opener_name = opener.as_ref().map(|o| o.name.clone());
    let keymap = std::sync::Arc::new(config.config.keymap.clone());
    let appearance = sidenote::config::Appearance {
        theme: config.config.theme,
        colour,
    };
    let app_keymap = std::sync::Arc::clone(&keymap);
    let settings = config.config.clone();
    let settings_store = store.clone();
    let reader_store_error = store_error.clone();
    let configure = Box::new(move |app: &mut App| {
        app.keymap = std::sync::Arc::clone(&app_keymap);
        app.appearance = appearance;
        // Asked again for each document: `S` pressed in the one before is remembered.
        let remembered = settings_store.as_ref().and_then(Store::sidenotes_choice);
        app.set_sidenote_mode(settings.sidenote_mode(flag, remembered));
        if let Some(e) = &reader_store_error {
            app.message = Some(e.clone());
        }
        app.effects.mouse = mouse;
        app.effects.clipboard = clipboard.clone();
        app.effects.opener = opener_name.clone();
    });
    let column = cli.width.unwrap_or(config.config.width);
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut shell = Shell::new(
        origin,
        store,
        sidenote::app::system_clock,
        (w, h),
        column,
        configure,
    )
    .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    shell.set_keymap(keymap);
    shell.appearance = appearance;
    if let Some(e) = store_error {
        shell.library.message = Some(e);
    }
    let signals = Signals::install()?;
    let mut guard = TerminalGuard::enter(mouse)?;
    let size = guard.terminal.size()?;
    shell.on_event(crossterm::event::Event::Resize(size.width, size.height));
    let mut painter = LinkPainter::default();
    let events = sidenote::events::spawn_reader();
    let mut watch: Option<Watch> = None;
    let mut failure = None;
    while failure.is_none() && !shell.quit && signals.pending().is_none() {
        let turn = (|| -> io::Result<()> {
            match shell.app() {
                Some(app) => sidenote::perform::draw(&mut guard, app, &mut painter)?,
                None => {
                    guard.terminal.draw(|f| {
                        let _ = sidenote::ui::draw_shell(&shell, f);
                    })?;
                }
            }
            match events.recv_timeout(SIGNAL_CHECK) {
                Ok(event) => {
                    let event = event?;
                    // As in the one-document loop: a shrink then a grow cuts rows the
                    // terminal does not give back, so a resize repaints everything.
                    let resized = matches!(event, crossterm::event::Event::Resize(..));
                    shell.on_event(event);
                    if resized {
                        guard.repaint_all()?;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(io::Error::other("the terminal stopped sending input"))
                }
            }
            if std::mem::take(&mut shell.switched) {
                painter.forget();
                watch = shell
                    .app()
                    .and_then(|a| a.file_path.as_deref())
                    .map(|p| Watch::new(p, None, shell.read_stamp));
                guard.repaint_all()?;
            }
            shell.tick(false);
            if let Some(app) = shell.app_mut() {
                // A big document's index and searches, from their worker threads.
                app.poll_index();
                app.poll_search();
                sidenote::perform::perform(&mut guard, app, opener.as_ref())?;
                if std::mem::take(&mut app.suspend_requested) {
                    guard.suspend()?;
                    // The terminal forgot its links while stopped: paint them again.
                    painter.forget();
                }
                if let Some(w) = watch.as_mut() {
                    w.service(app);
                    w.poll(app);
                }
            }
            Ok(())
        })();
        failure = turn.err();
    }
    let errors = shell.finish();
    drop(guard);
    for e in errors {
        complain!("{e}");
    }
    if let Some(sig) = signals.pending() {
        std::process::exit(128 + sig);
    }
    failure.map_or(Ok(()), Err)
}

/// What the reader does once it has the whole document: the record in the store (found
/// by the file's stamp, its fingerprint checked on a thread, or by the fingerprint), the
/// saved place, the visit, the config's notice, the start command, the line index and,
/// for a big document, the search index on a worker thread. Returns the fingerprint
/// being computed, when the record was found by the stamp.
struct Settle {
    store: Result<Store, sidenote::store::StoreError>,
    start: Start,
    notice: Option<String>,
    /// The address the document was fetched from: its identity in the store.
    url: Option<String>,
    /// The reader opened at the saved place on the preview (the page is there still).
    resumed: bool,
}

/// What the reader has of the input besides its document.
enum Content {
    /// The bytes (a small file, standard input, an address): hashed here when needed.
    Bytes(Vec<u8>),
    /// A big file read on a worker thread: its line index and fingerprint were worked
    /// out there (`input::Facts`), its bytes let go, and the document matched there with
    /// its record (`record_matcher`), when the store could be opened.
    Read(
        sidenote::input::Facts,
        Option<Box<sidenote::store::Matched>>,
    ),
}

/// What the worker reading a big file does once it has the whole document: find its
/// record as `Settle` would (by the file's stamp, else by the content's fingerprint) and
/// match it (`load_doc`). On a first open that tries every stored passage of every other
/// document against the whole text (seconds at 100 MB with a few dozen records): done
/// there, the keys go on answering on the preview meanwhile.
fn record_matcher(store: Store, path: &std::path::Path, start: &Start) -> sidenote::input::Matcher {
    let path = path.to_path_buf();
    let stamp = start
        .read_stamp
        .map(|(size, modified)| FileStamp::from_time(size, modified));
    Box::new(move |doc, facts| {
        let quick = stamp.and_then(|st| store.key_by_stamp(&path, st));
        let by_stamp = quick.is_some();
        let key = quick.unwrap_or_else(|| DocKey {
            fingerprint: facts.fingerprint.clone(),
            path: Some(sidenote::store::canonical(&path)),
        });
        store.match_doc(key, by_stamp, doc)
    })
}

impl Settle {
    fn run(
        self,
        app: &mut App,
        content: Content,
        path: Option<&std::path::Path>,
    ) -> Option<Receiver<String>> {
        let Settle {
            store,
            start,
            notice,
            url,
            resumed,
        } = self;
        let len = match &content {
            Content::Bytes(b) => b.len(),
            Content::Read(f, _) => f.len,
        };
        let mut loaded = None;
        let big = len > sidenote::app::search::BACKGROUND_INDEX_BYTES;
        // Found by the file's path, size and modification time first (no hashing before the
        // record is known); the fingerprint is then computed on a thread and checked.
        let stamp = start
            .read_stamp
            .map(|(size, modified)| FileStamp::from_time(size, modified));
        app.stamp = stamp;
        let (key, verify) = match content {
            Content::Bytes(bytes) => {
                app.set_source_lines(LineIndex::new(&bytes));
                let quick = match (&store, path, stamp) {
                    (Ok(s), Some(p), Some(st)) => s.key_by_stamp(p, st),
                    _ => None,
                };
                match quick {
                    Some(key) => (key, Some(fingerprint_later(bytes))),
                    None => {
                        let key = match (&url, path) {
                            (Some(url), _) => sidenote::fetch::doc_key(url, &bytes),
                            (None, Some(p)) => DocKey::for_file(p, &bytes),
                            (None, None) => DocKey::for_stdin(&bytes),
                        };
                        (key, None)
                    }
                }
            }
            Content::Read(facts, matched) => {
                app.set_source_lines(facts.lines);
                // Matched on the worker (`record_matcher`) whenever the store opened; without
                // a store there is no record, and the key is the content's.
                let (key, by_stamp) = match matched {
                    Some(m) => {
                        loaded = Some(m.loaded);
                        (m.key, m.by_stamp)
                    }
                    None => {
                        let key = DocKey {
                            fingerprint: facts.fingerprint.clone(),
                            path: path.map(sidenote::store::canonical),
                        };
                        (key, false)
                    }
                };
                // A key the stamp gave: its fingerprint, already known, is checked at the
                // loop's next turn.
                let verify = by_stamp.then(|| {
                    let (tx, rx) = std::sync::mpsc::channel();
                    let _ = tx.send(facts.fingerprint);
                    rx
                });
                (key, verify)
            }
        };
        match store {
            Ok(store) => {
                let attached = match loaded {
                    Some(loaded) => app.attach_loaded(store, key, loaded),
                    None => app.attach_store(store, key),
                };
                if let Some(pos) = attached {
                    // A start command, like `--top`, opens elsewhere than the saved place.
                    if !start.top && start.at.is_none() && !resumed {
                        app.resume_at(pos);
                    }
                }
                // The built-in sample is not a document of the reader's: no visit for it.
                // A big file's visit started with its preview.
                if app.source.name != sidenote::input::SAMPLE_NAME && app.opened_at.is_none() {
                    app.mark_opened();
                }
            }
            Err(e) => app.message = Some(format!("{e}; bookmarks will not be saved")),
        }
        if let Some(notice) = notice {
            app.message = Some(match app.message.take() {
                Some(m) => format!("{m} · {notice}"),
                None => notice,
            });
        }
        match &start.at {
            Some(StartAt::Line(n)) => app.go_to_line(*n),
            Some(StartAt::Search(pattern)) => app.start_search(pattern),
            None => {}
        }
        if big {
            app.start_index_in_background();
        }
        verify
    }
}
