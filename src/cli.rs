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

    /// The dispatch to read; `-` reads standard input.
    pub file: Option<PathBuf>,

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
