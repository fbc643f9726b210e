//! Entering and leaving the interactive terminal. Whatever happens — normal quit, an
//! error, a panic — the terminal is given back as it was found.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, BufWriter, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is in the reader's modes. Restoring happens once: leaving the
/// alternate screen twice would move the cursor back over a panic message.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// The frame goes out in one `write`: standard output's own buffer is 1 KiB, so a full
/// 100×30 frame was five writes, and a terminal (or ssh) could show it half drawn.
/// ratatui flushes the backend at the end of every frame, so nothing waits in the buffer
/// between frames; the writes made beside ratatui's (links, OSC 52) flush too.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Bytes a frame may take before the buffer writes: a full 200×60 frame of text fits;
/// one denser still goes out in several writes, as before.
const FRAME_BUFFER: usize = 1 << 17;

fn backend(stdout: Stdout) -> CrosstermBackend<BufWriter<Stdout>> {
    CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, stdout))
}

/// Restores the terminal when dropped, so early returns and `?` are covered too.
pub struct TerminalGuard {
    /// Never dropped: ratatui's `Drop` shows the cursor and `eprintln!`s when that fails,
    /// which panics when the terminal has hung up. `restore` does that job instead.
    pub terminal: std::mem::ManuallyDrop<Term>,
    /// Whether mouse capture is on (`M`, `--no-mouse`), so a resumed reader keeps it.
    mouse: bool,
}

impl TerminalGuard {
    /// Switch to raw mode and the alternate screen, with mouse capture when `mouse`, and
    /// install a panic hook that restores the terminal before the panic message is printed.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        ENTERED.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, cursor::Hide)
            .and_then(|()| set_capture(&mut stdout, mouse))
        {
            restore();
            return Err(e);
        }
        match Terminal::new(backend(stdout)) {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: std::mem::ManuallyDrop::new(terminal),
                mouse,
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl TerminalGuard {
    /// Ctrl-Z: give the terminal back, stop like any job, and take it again on `fg`.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        crate::signals::suspend_self();
        ENTERED.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        execute!(
            stdout,
            EnterAlternateScreen,
            cursor::Hide,
            Clear(ClearType::All)
        )?;
        set_capture(&mut stdout, self.mouse)?;
        // The screen is whatever the shell left: a fresh terminal draws everything again.
        // (`Terminal::clear` would ask the terminal for the cursor position, an answer the
        // event thread would swallow.) The old one is left undropped, as in `enter`.
        self.terminal = std::mem::ManuallyDrop::new(Terminal::new(backend(stdout))?);
        Ok(())
    }
}

impl TerminalGuard {
    /// After a resize: clear the screen and forget the last frame, so the next one
    /// repaints every cell. Needed because a shrink then a grow between two frames leaves
    /// ratatui's size unchanged (its own check sees nothing to do) while the terminal cut
    /// its rows. `Terminal::resize` with the size from the kernel does it without asking
    /// the terminal for the cursor position, as `Terminal::clear` would (an answer the
    /// event thread would swallow).
    pub fn repaint_all(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }

    /// `M`: capture the mouse (the wheel scrolls, a click selects) or give it back to the
    /// terminal, whose own selection then works.
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        self.mouse = on;
        set_capture(&mut io::stdout(), on)
    }
}

fn set_capture(out: &mut impl io::Write, on: bool) -> io::Result<()> {
    if on {
        execute!(out, EnableMouseCapture)
    } else {
        execute!(out, DisableMouseCapture)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back: main screen, cursor shown, raw mode and mouse capture off.
/// Safe to call more than once: only the first call after entering does anything.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
