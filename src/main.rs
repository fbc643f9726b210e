//! sidenote: arguments → input → reader (or dump / JSON). Maps errors to exit codes:
//! 2 for a usage or input problem, 1 for anything else.

use clap::Parser;
use sidenote::app::{App, Source, DEFAULT_COLUMN};
use sidenote::cli::Cli;
use sidenote::input::load_input;
use sidenote::terminal::TerminalGuard;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let loaded = match load_input(cli.file.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("sidenote: {e}");
            return ExitCode::from(2);
        }
    };
    let result = if cli.json {
        print_json(&loaded.doc)
    } else if cli.dump || !io::stdout().is_terminal() {
        let width = cli.width.unwrap_or_else(|| {
            crossterm::terminal::size()
                .ok()
                .filter(|_| io::stdout().is_terminal())
                .map(|(w, _)| w)
                .unwrap_or(80)
        });
        for notice in &loaded.doc.notices {
            eprintln!("sidenote: {notice}");
        }
        let mut out = io::stdout().lock();
        sidenote::dump::dump(&loaded.doc, width, &mut out)
    } else {
        let source = Source { name: loaded.name };
        run(loaded.doc, source, cli.width.unwrap_or(DEFAULT_COLUMN))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`sidenote --dump | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sidenote: {e}");
            ExitCode::from(1)
        }
    }
}

fn print_json(doc: &sidenote::document::Document) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, doc)?;
    writeln!(out)?;
    out.flush()
}

/// The interactive reader: entered only after the input was read successfully.
fn run(doc: sidenote::document::Document, source: Source, column: u16) -> io::Result<()> {
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut app = App::new(doc, source, column, (size.width, size.height));
    while !app.quit {
        guard.terminal.draw(|f| sidenote::ui::draw(&app, f))?;
        let event = crossterm::event::read()?;
        app.on_event(event);
    }
    Ok(())
}
