//! Shell integration generated from the one CLI definition (`cli::Cli`): completion
//! scripts (`clap_complete`) and the manual page (`clap_mangen`), so neither can drift
//! from the options the program really takes.

use crate::cli::Cli;
use clap::CommandFactory;
use std::io::{self, Write};

/// `sidenote completions SHELL`: the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    // Into memory first: clap_complete panics on a write error, and `| head` is one.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sidenote", &mut script);
    out.write_all(&script)?;
    out.flush()
}

/// What the exit status means, for the man page (README's "Exit codes" says the same).
const EXIT_STATUS: &str = "\
.SH \"EXIT STATUS\"
.TP
\\fB0\\fR
Success; for \\fBcheck\\fR, no problem was found.
.TP
\\fB1\\fR
For \\fBcheck\\fR, problems were found; otherwise any failure that is not an input problem.
.TP
\\fB2\\fR
A usage or input problem: a missing file, a directory, a binary file, an address that
cannot be fetched (DNS, TLS, an HTTP error, a timeout, a page too large).
";

/// `sidenote man`: the manual page in roff. clap_mangen renders one command; each
/// subcommand's description and options follow as a section of their own, so every
/// option of every subcommand is in the one page.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    // `help` is clap's own; its section would say nothing the others do not.
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = sub.get_name();
        writeln!(page, ".SH \"SIDENOTE {}\"", name.to_uppercase())?;
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        // The sub-page's own section headings become subsections of this one.
        // The sub-page's own section headings become subsections of this one, and the
        // string definition each part repeats (`.ie`/`.el … Aq`) is dropped: the page's
        // own, at its top, stands.
        for line in String::from_utf8_lossy(&part).lines() {
            if line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq") {
                continue;
            }
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(page, ".SS {heading}")?,
                None => writeln!(page, "{line}")?,
            }
        }
    }
    page.extend_from_slice(EXIT_STATUS.as_bytes());
    out.write_all(&page)?;
    out.flush()
}
