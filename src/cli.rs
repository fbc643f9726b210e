//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal reader for dispatches: news and analysis reports with numbered notes.
///
/// With no FILE and nothing piped in, opens a sample dispatch built into sidenote.
/// When standard output is not a terminal, prints the laid-out text instead (as --dump).
#[derive(Debug, Parser)]
#[command(name = "sidenote", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// `+N` opens at line N of the file, `+/PATTERN` at the first match of PATTERN (the
    /// search stays active: `n` goes on), as in less; then the dispatch to read (`-`
    /// reads standard input). A directory, or several files, opens the library of them.
    #[arg(value_name = "[+N|+/PATTERN] FILE", num_args = 0..)]
    inputs: Vec<PathBuf>,

    /// The files (or directory) of a library, when more than one file or a directory
    /// was given (from `inputs`, by `Cli::parse_args`).
    #[arg(skip)]
    pub library_paths: Vec<PathBuf>,

    /// Open the library of every document sidenote remembers (bookmarks, positions,
    /// documents read before).
    #[arg(long, conflicts_with_all = ["dump", "json"])]
    pub library: bool,

    /// The dispatch to read (from `inputs`, by `Cli::parse_args`).
    #[arg(skip)]
    pub file: Option<PathBuf>,

    /// Where to open (from `inputs`, by `Cli::parse_args`).
    #[arg(skip)]
    pub start: Option<StartAt>,

    /// Print the laid-out text (header, body, notes) and exit.
    #[arg(long, conflicts_with = "json")]
    pub dump: bool,

    /// Print the document model as JSON and exit.
    #[arg(long)]
    pub json: bool,

    /// Text column width: at most this many columns (default 80 in the reader; the
    /// terminal's width, or 80, for --dump). With --dump --sidenotes, the whole width:
    /// the text column is min(80, N − 33), the notes beside it (N ≥ 93, else one column).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: Option<u16>,

    /// Open at the top instead of where you stopped reading last time.
    #[arg(long)]
    pub top: bool,

    /// Leave the mouse to the terminal, so its own text selection works (`M` in the
    /// reader switches capture on and off).
    #[arg(long)]
    pub no_mouse: bool,

    /// The note column beside the text: `auto` (on wide terminals), `on` (whenever it
    /// fits) or `off`. A bare `--sidenotes` means `on`; with --dump it prints the notes
    /// beside the text, --width then being the whole width (write `--sidenotes on FILE`
    /// or put FILE first, as a bare `--sidenotes` would take FILE for its value).
    #[arg(long, value_enum, value_name = "WHEN", num_args = 0..=1, default_missing_value = "on")]
    pub sidenotes: Option<Sidenotes>,

    /// Read the input as this format instead of the one detected (`text`, `markdown`, `html`).
    #[arg(long = "format", value_name = "FORMAT", value_parser = input_format)]
    pub input_format: Option<String>,

    /// Colour: `auto` (when standard output is a terminal and NO_COLOR is unset or empty),
    /// `always`, or `never` (bold, underline, reverse and dim then tell things apart).
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorWhen>,

    /// With an http:// or https:// address: fetch it again instead of reading the copy
    /// kept in the cache (bookmarks are re-anchored as for an edited file).
    #[arg(long)]
    pub refresh: bool,
}

/// Where `+N` or `+/PATTERN` opens the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartAt {
    /// A line of the source, counted from 1 as less counts lines.
    Line(usize),
    /// The first match of a search, from the top.
    Search(String),
}

impl StartAt {
    /// `+120` or `+/pattern`; anything else after `+` is explained.
    pub fn parse(arg: &str) -> Result<StartAt, String> {
        let Some(rest) = arg.strip_prefix('+') else {
            return Err(format!("{arg}: not a start command"));
        };
        if let Some(pattern) = rest.strip_prefix('/') {
            if pattern.is_empty() {
                return Err("+/ needs a pattern: +/words".into());
            }
            return Ok(StartAt::Search(pattern.to_string()));
        }
        match rest.parse::<usize>() {
            Ok(n) => Ok(StartAt::Line(n)),
            Err(_) => Err(format!(
                "unknown start command {arg}: +N opens at line N, +/PATTERN at a match"
            )),
        }
    }
}

impl Cli {
    /// The arguments of this process, with the start command (`+N`, `+/PATTERN`) told
    /// apart from the file; a usage error exits with 2 and clap's message.
    pub fn parse_args() -> Cli {
        match Cli::parse().split_inputs() {
            Ok(cli) => cli,
            Err(msg) => {
                use clap::CommandFactory;
                Cli::command()
                    .error(clap::error::ErrorKind::ValueValidation, msg)
                    .exit()
            }
        }
    }

    /// As `parse_args`, from given arguments (for tests); errors as text.
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, String>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Cli::try_parse_from(args)
            .map_err(|e| e.to_string())?
            .split_inputs()
    }

    /// One input is the file, unless it starts with `+` (then it is the start command,
    /// as `sidenote +5` on the built-in sample); two are the start command and the file.
    fn split_inputs(mut self) -> Result<Cli, String> {
        let inputs = std::mem::take(&mut self.inputs);
        let is_start = |p: &PathBuf| p.to_str().is_some_and(|s| s.starts_with('+'));
        match inputs.as_slice() {
            [] => {}
            [one] if is_start(one) => {
                self.start = Some(StartAt::parse(&one.to_string_lossy())?);
            }
            [one] if one.is_dir() => self.library_paths = vec![one.clone()],
            [one] => self.file = Some(one.clone()),
            [start, rest @ ..] if is_start(start) => {
                if rest.len() > 1 || rest[0].is_dir() {
                    return Err(format!(
                        "{} opens one file at a place, not a library",
                        start.display()
                    ));
                }
                self.start = Some(StartAt::parse(&start.to_string_lossy())?);
                self.file = Some(rest[0].clone());
            }
            many => self.library_paths = many.to_vec(),
        }
        if self.library && (self.file.is_some() || !self.library_paths.is_empty()) {
            return Err("--library lists every document sidenote knows: give no file".into());
        }
        Ok(self)
    }
}

/// A `--format` value: the name of an input format.
fn input_format(s: &str) -> Result<String, String> {
    match crate::document::format::by_name(s) {
        Some(f) => Ok(f.name().to_owned()),
        None => Err(format!(
            "unknown format (known: {})",
            crate::document::format::names().join(", ")
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the bookmarks of one document, or of every document, to paste elsewhere.
    Bookmarks {
        /// The document whose bookmarks to print (all documents when omitted).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the configuration in effect, as TOML: the defaults with the user's file
    /// ($XDG_CONFIG_HOME/sidenote/config.toml) merged on top; its problems go to stderr.
    Config {
        /// Print the built-in defaults instead (a documented file to start from).
        #[arg(long)]
        default: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `sidenote man | man -l -`.
    Man,
    /// Report the document's note problems with their source lines: anchors without a
    /// note, notes never cited, labels defined twice, notes that lost their text, and
    /// bracketed numbers taken as text. Exits 0 when there are none, 1 when there are
    /// some, 2 when the input cannot be read.
    Check {
        /// The document to check (a file, `-` for standard input, or an http(s) address).
        file: PathBuf,
        /// Print the problems as JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// Read the input as this format instead of the one detected.
        #[arg(long = "format", value_name = "FORMAT", value_parser = input_format)]
        input_format: Option<String>,
    },
}

/// A `--color` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl From<ColorWhen> for crate::config::ColourWhen {
    fn from(c: ColorWhen) -> Self {
        match c {
            ColorWhen::Auto => crate::config::ColourWhen::Auto,
            ColorWhen::Always => crate::config::ColourWhen::Always,
            ColorWhen::Never => crate::config::ColourWhen::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// A `--sidenotes` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sidenotes {
    Auto,
    On,
    Off,
}

impl From<Sidenotes> for crate::app::SidenoteMode {
    fn from(s: Sidenotes) -> Self {
        match s {
            Sidenotes::Auto => crate::app::SidenoteMode::Auto,
            Sidenotes::On => crate::app::SidenoteMode::On,
            Sidenotes::Off => crate::app::SidenoteMode::Off,
        }
    }
}
