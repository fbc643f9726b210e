//! Command-line arguments.

use clap::Parser;
use std::path::PathBuf;

/// A terminal reader for dispatches: news and analysis reports with numbered notes.
///
/// With no FILE and nothing piped in, opens a sample dispatch built into sidenote.
/// When standard output is not a terminal, prints the laid-out text instead (as --dump).
#[derive(Debug, Parser)]
#[command(name = "sidenote", version, about, long_about = None)]
pub struct Cli {
    /// The dispatch to read; `-` reads standard input.
    pub file: Option<PathBuf>,

    /// Print the laid-out text (header, body, notes) and exit.
    #[arg(long, conflicts_with = "json")]
    pub dump: bool,

    /// Print the document model as JSON and exit.
    #[arg(long)]
    pub json: bool,

    /// Text column width: at most this many columns (default 80 in the reader; the
    /// terminal's width, or 80, for --dump).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: Option<u16>,
}
