//! The event loop's side of `app::effects`: it draws each frame with the hyperlinks the
//! frame marks, and performs what `update` asked for (copy through OSC 52, open a link
//! with the system opener, mouse capture on or off, the store's writes). The only I/O of
//! those features: `update` itself never writes.

use crate::app::effects::{Effect, StoreWrite};
use crate::app::App;
use crate::terminal::TerminalGuard;
use crate::ui::links::LinkArea;
use ratatui::backend::Backend;
use ratatui::buffer::Cell;
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Writes OSC 8 hyperlinks over the cells the frame marks as links, after ratatui drew
/// the frame. The cells are printed again, same symbols and styles, between the link's
/// start and end sequences; only when the links or their cells changed since the last
/// frame, as ratatui only redraws cells that changed (and those lose their link).
#[derive(Default)]
pub struct LinkPainter {
    last: Option<(Rect, Vec<LinkArea>, Vec<Cell>)>,
}

impl LinkPainter {
    /// After a suspend the screen is new: paint every link again.
    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// Draw one frame and its hyperlinks.
pub fn draw(guard: &mut TerminalGuard, app: &App, painter: &mut LinkPainter) -> io::Result<()> {
    let mut links = Vec::new();
    let (area, cells) = {
        let frame = guard
            .terminal
            .draw(|f| links = crate::ui::draw_with_links(app, f))?;
        let cells: Vec<Cell> = links
            .iter()
            .flat_map(|l| l.cols.clone().map(move |x| (x, l.row)))
            .filter(|&(x, y)| frame.area.contains((x, y).into()))
            .map(|(x, y)| frame.buffer[(x, y)].clone())
            .collect();
        (frame.area, cells)
    };
    let now = (area, links, cells);
    if painter.last.as_ref() == Some(&now) {
        return Ok(());
    }
    let (_, links, cells) = &now;
    if !links.is_empty() {
        let backend = guard.terminal.backend_mut();
        // Keep the cursor where ratatui left it (in a prompt it is visible).
        write!(backend, "\x1b7")?;
        let mut cells = cells.iter();
        for link in links {
            let row: Vec<(u16, u16, &Cell)> = link
                .cols
                .clone()
                .filter(|&x| area.contains((x, link.row).into()))
                .filter_map(|x| cells.next().map(|c| (x, link.row, c)))
                .collect();
            let Some(start) = crate::osc::osc8_start(&link.url) else {
                continue;
            };
            write!(backend, "{start}")?;
            // A wide character's second cell is drawn by the first: skip it.
            let mut skip = false;
            let shown = row.into_iter().filter(|(_, _, c)| {
                let hidden = std::mem::take(&mut skip);
                skip = crate::layout::display_width(c.symbol()) > 1;
                !hidden
            });
            Backend::draw(backend, shown)?;
            write!(backend, "{}\x1b8", crate::osc::OSC8_END)?;
        }
        Backend::flush(backend)?;
    }
    painter.last = Some(now);
    Ok(())
}

/// Perform what `update` asked for since the last turn: the store's writes first (as
/// [`store_writes`]), then the terminal's requests.
pub fn perform(
    guard: &mut TerminalGuard,
    app: &mut App,
    opener: Option<&Opener>,
) -> io::Result<()> {
    // Failures are on the status line, drawn next.
    store_writes(app);
    for effect in app.effects.take() {
        match effect {
            // Taken by `store_writes` above; one made since (none is) is written here.
            Effect::Store(w) => {
                write(app, w);
            }
            Effect::Copy(text) => {
                let backend = guard.terminal.backend_mut();
                write!(backend, "{}", crate::osc::osc52(&text))?;
                Backend::flush(backend)?;
            }
            Effect::Open(url) => {
                if let Some(Err(e)) = opener.map(|o| o.open(&url)) {
                    app.message = Some(format!("could not open the link: {e}"));
                }
            }
            Effect::Mouse(on) => guard.set_mouse(on)?,
        }
    }
    Ok(())
}

/// Write what `update` asked of the store since the last call, oldest first. The loops
/// call it after every event (the library's shell in `Shell::on_event`, before a reader
/// it closes is dropped) and once more before the reader closes, so no write is lost on
/// quit, `L` or a signal; tests call it after every key as the loop does. A write that
/// fails leaves the change in memory and says so on the status line, in the words
/// `update` used when it wrote itself. Returns those messages too, for a loop that is
/// closing the reader and can only report them on stderr.
pub fn store_writes(app: &mut App) -> Vec<String> {
    let mut failed = Vec::new();
    let mut writes = app.effects.take_store_writes().into_iter();
    while let Some(w) = writes.next() {
        let (rekeyed, error) = write(app, w);
        failed.extend(error);
        if let Some((old, new)) = rekeyed {
            // A later write in this batch about the same bookmark names it as stored.
            let rest: Vec<StoreWrite> = writes
                .map(|mut w| {
                    w.rekey(&old, &new);
                    w
                })
                .collect();
            writes = rest.into_iter();
        }
    }
    failed
}

/// One write, its failure put on the status line. Returns `(old, new)` when the store
/// kept a new bookmark under another id, and the failure's message.
fn write(app: &mut App, w: StoreWrite) -> (Option<(String, String)>, Option<String>) {
    let Some(store) = app.store.clone() else {
        return (None, None);
    };
    // History and the note column's choice are the store's own, not a document's.
    let failed = match &w {
        StoreWrite::PushHistory(q) => store.push_history(q).err().map(|e| e.to_string()),
        StoreWrite::SidenotesChoice(shown) => store
            .set_sidenotes_choice(*shown)
            .err()
            .map(|e| format!("{e} (the note column choice is not remembered)")),
        _ => None,
    };
    if let Some(text) = failed {
        app.message = Some(text.clone());
        return (None, Some(text));
    }
    let Some(key) = app.doc_key.clone() else {
        return (None, None);
    };
    let doc = &app.doc;
    let (failed, rekeyed) = match w {
        StoreWrite::AddBookmark(bm) => {
            let old = bm.id.clone();
            match store.add_bookmark(&key, doc, bm) {
                Ok(id) if id != old => (None, Some((old, id))),
                Ok(_) => (None, None),
                Err(e) => (Some(format!("{e} (kept for this session)")), None),
            }
        }
        StoreWrite::MoveMark(bm) => (
            store
                .replace_bookmark(&key, doc, bm)
                .err()
                .map(|e| format!("{e} (kept for this session)")),
            None,
        ),
        StoreWrite::RestoreBookmark(bm) => (
            store
                .restore_bookmark(&key, doc, bm)
                .err()
                .map(|e| e.to_string()),
            None,
        ),
        StoreWrite::ReplaceBookmark(bm) => (
            store
                .replace_bookmark(&key, doc, bm)
                .err()
                .map(|e| e.to_string()),
            None,
        ),
        StoreWrite::RenameBookmark { id, label } => (
            store
                .rename_bookmark(&key, &id, &label)
                .err()
                .map(|e| e.to_string()),
            None,
        ),
        StoreWrite::RemoveBookmark { id } => (
            store
                .remove_bookmark(&key, &id)
                .err()
                .map(|e| e.to_string()),
            None,
        ),
        StoreWrite::PushHistory(_) | StoreWrite::SidenotesChoice(_) => (None, None),
    };
    if let Some(text) = &failed {
        app.message = Some(text.clone());
    }
    if let Some((old, new)) = &rekeyed {
        app.bookmark_stored_as(old, new);
    }
    (rekeyed, failed)
}

/// The system's way to open a URL in the user's browser or mail program.
#[derive(Debug, Clone)]
pub struct Opener {
    program: PathBuf,
    /// What to call it in messages (`xdg-open`).
    pub name: String,
}

impl Opener {
    /// The opener on `PATH`: `open` on macOS, `xdg-open` elsewhere; `None` when there is
    /// none (a server, a container), and `o` then says so and shows the URL.
    pub fn find() -> Option<Opener> {
        let name = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
            .map(|program| Opener {
                program,
                name: name.to_string(),
            })
    }

    /// Start the opener on `url` (sanitised by the model) without waiting for it, its
    /// output kept off the reader's screen.
    pub fn open(&self, url: &str) -> io::Result<()> {
        let mut child = Command::new(&self.program)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        // Reap it when it ends, so no zombie is left while the reader runs.
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}
