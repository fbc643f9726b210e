//! The library: the documents a reader has (a directory, the files named, or every one
//! the store knows), as a list to filter, sort and open, and one list of every bookmark
//! across them. UI-free: `LibraryState::update` is the only place its state changes, and
//! what needs the outside (open a file, forget a document) is left as a `Request` for
//! the shell to carry out.

pub mod entries;
pub mod shell;

pub use entries::{from_paths, from_store, Entry};
pub use shell::{Screen, Shell};

use crate::app::Action;
use crate::store::Bookmark;

/// The orders `Ctrl-s` cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most recently closed first; never opened last, by title.
    LastOpened,
    /// By title, A to Z.
    Title,
    /// By the document's own date, newest first; undated last.
    Date,
    /// Least read first (what is left to finish).
    Progress,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::LastOpened => Sort::Title,
            Sort::Title => Sort::Date,
            Sort::Date => Sort::Progress,
            Sort::Progress => Sort::LastOpened,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::LastOpened => "last opened",
            Sort::Title => "title",
            Sort::Date => "date",
            Sort::Progress => "progress",
        }
    }
}

/// Which list is shown (`Tab` switches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Documents,
    Bookmarks,
}

/// What the shell is asked to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Open entry `entry`; at a bookmark (its id) when one was chosen.
    Open {
        entry: usize,
        bookmark: Option<String>,
    },
    /// Forget entry `entry` (the reader answered `y`).
    Forget { entry: usize },
}

/// One bookmark in the list of all bookmarks: which entry it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub entry: usize,
    pub bookmark: Bookmark,
}

#[derive(Debug, Clone)]
pub struct LibraryState {
    pub entries: Vec<Entry>,
    /// Every bookmark of every entry, by entry then in reading order.
    pub bookmarks: Vec<Listed>,
    /// Typed text; every word must be found (case aside) in what a row shows.
    pub filter: String,
    pub sort: Sort,
    pub tab: Tab,
    /// Index into the rows shown (`rows()`).
    pub selected: usize,
    /// First row shown, kept by the drawing's arithmetic (`scroll_for`).
    pub scroll: usize,
    /// `Del` asked "forget this document?" about this entry.
    pub confirm: Option<usize>,
    pub message: Option<String>,
    pub request: Option<Request>,
    pub quit: bool,
    /// Where the list came from, for the title line (`~/dispatches`, `2 files`, `store`).
    pub origin: String,
    /// The keys in effect, so every hint names the key that does it (a config file may
    /// rebind them); the built-in ones until the shell is given the config's.
    pub keymap: std::sync::Arc<crate::keymap::Keymap>,
}

impl LibraryState {
    pub fn new(entries: Vec<Entry>, origin: String) -> LibraryState {
        let bookmarks = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.bookmarks.iter().map(move |b| Listed {
                    entry: i,
                    bookmark: b.clone(),
                })
            })
            .collect();
        LibraryState {
            entries,
            bookmarks,
            filter: String::new(),
            sort: Sort::LastOpened,
            tab: Tab::Documents,
            selected: 0,
            scroll: 0,
            confirm: None,
            message: None,
            request: None,
            quit: false,
            origin,
            keymap: crate::keymap::Keymap::builtin(),
        }
    }

    /// The key that does `action` in the library.
    pub fn key(&self, action: Action) -> String {
        let key = self.keymap.key_in(crate::keymap::Mode::Library, action);
        // As the key is labelled on most keyboards, and short enough for the hint line.
        if key == "Delete" {
            "Del".into()
        } else {
            key
        }
    }

    /// Puts fresh entries in (after a document was closed or forgotten), keeping the
    /// filter, the order, the tab and, where it is still listed, the selected document.
    pub fn refresh(&mut self, entries: Vec<Entry>) {
        let keep = self.selected_entry().map(|i| self.entries[i].identity());
        let fresh = LibraryState::new(entries, std::mem::take(&mut self.origin));
        let (filter, sort, tab, message) = (
            std::mem::take(&mut self.filter),
            self.sort,
            self.tab,
            self.message.take(),
        );
        let keymap = std::sync::Arc::clone(&self.keymap);
        *self = LibraryState {
            filter,
            sort,
            tab,
            message,
            keymap,
            ..fresh
        };
        if let Some(id) = keep {
            if let Some(row) = self
                .document_rows()
                .iter()
                .position(|&i| self.entries[i].identity() == id)
            {
                self.selected = row;
            }
        }
        self.clamp();
    }

    /// The documents shown, filtered and sorted: indices into `entries`.
    pub fn document_rows(&self) -> Vec<usize> {
        self.sorted(&filter_words(&self.filter))
    }

    fn sorted(&self, words: &[String]) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..self.entries.len())
            .filter(|&i| matches(&self.entries[i].search_text(), words))
            .collect();
        let e = &self.entries;
        match self.sort {
            Sort::LastOpened => rows.sort_by(|&a, &b| {
                e[b].last_opened
                    .cmp(&e[a].last_opened)
                    .then_with(|| title_key(&e[a]).cmp(&title_key(&e[b])))
            }),
            Sort::Title => rows.sort_by_key(|&i| title_key(&e[i])),
            Sort::Date => rows.sort_by(|&a, &b| {
                e[b].meta
                    .date
                    .cmp(&e[a].meta.date)
                    .then_with(|| title_key(&e[a]).cmp(&title_key(&e[b])))
            }),
            Sort::Progress => rows.sort_by(|&a, &b| {
                e[a].percent
                    .unwrap_or(0)
                    .cmp(&e[b].percent.unwrap_or(0))
                    .then_with(|| title_key(&e[a]).cmp(&title_key(&e[b])))
            }),
        }
        rows
    }

    /// The bookmarks shown (filtered by label, excerpt and their document's title):
    /// indices into `bookmarks`, in the documents' order, then reading order.
    pub fn bookmark_rows(&self) -> Vec<usize> {
        let words = filter_words(&self.filter);
        let order = self.sorted(&[]);
        let mut rows = Vec::new();
        for entry in order {
            for (i, l) in self.bookmarks.iter().enumerate() {
                if l.entry != entry {
                    continue;
                }
                let text = format!(
                    "{} {} {}",
                    l.bookmark.label,
                    l.bookmark.excerpt,
                    self.entries[entry].search_text()
                );
                if matches(&text, &words) {
                    rows.push(i);
                }
            }
        }
        rows
    }

    /// How many rows the current tab shows.
    pub fn row_count(&self) -> usize {
        match self.tab {
            Tab::Documents => self.document_rows().len(),
            Tab::Bookmarks => self.bookmark_rows().len(),
        }
    }

    /// The entry of the selected row (in the bookmarks tab: the bookmark's document).
    pub fn selected_entry(&self) -> Option<usize> {
        match self.tab {
            Tab::Documents => self.document_rows().get(self.selected).copied(),
            Tab::Bookmarks => self
                .bookmark_rows()
                .get(self.selected)
                .map(|&b| self.bookmarks[b].entry),
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
    }

    /// Apply one action (from the keymap's library mode, or `Yes` / `Cancel` while asking).
    pub fn update(&mut self, action: Action, page: usize) {
        self.message = None;
        if let Some(entry) = self.confirm.take() {
            if action == Action::Yes {
                self.request = Some(Request::Forget { entry });
            } else {
                self.message = Some("kept".into());
            }
            return;
        }
        let last = self.row_count().saturating_sub(1);
        let page = page.max(1);
        match action {
            Action::LineDown | Action::WheelDown => self.selected = (self.selected + 1).min(last),
            Action::LineUp | Action::WheelUp => self.selected = self.selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                self.selected = (self.selected + page).min(last)
            }
            Action::PageUp | Action::HalfPageUp => {
                self.selected = self.selected.saturating_sub(page)
            }
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Insert(c) => {
                self.filter.push(c);
                self.selected = 0;
            }
            Action::DeleteBack => {
                self.filter.pop();
                self.selected = 0;
            }
            Action::ClearLine => {
                self.filter.clear();
                self.selected = 0;
            }
            Action::Cancel => {
                if self.filter.is_empty() {
                    self.quit = true;
                } else {
                    self.filter.clear();
                    self.selected = 0;
                }
            }
            Action::Quit => self.quit = true,
            Action::CycleSort => {
                let keep = self.selected_entry();
                self.sort = self.sort.next();
                if let (Some(e), Tab::Documents) = (keep, self.tab) {
                    self.selected = self
                        .document_rows()
                        .iter()
                        .position(|&i| i == e)
                        .unwrap_or(0);
                }
                self.message = Some(format!("sorted by {}", self.sort.name()));
            }
            Action::SwitchList => {
                self.tab = match self.tab {
                    Tab::Documents => Tab::Bookmarks,
                    Tab::Bookmarks => Tab::Documents,
                };
                self.selected = 0;
                if self.tab == Tab::Bookmarks && self.bookmarks.is_empty() {
                    self.message = Some(format!(
                        "no bookmarks yet ({} in the reader makes one)",
                        self.keymap.key_for(Action::Bookmark)
                    ));
                }
            }
            Action::Activate => self.activate(),
            Action::Forget => self.ask_forget(),
            _ => {}
        }
        self.clamp();
    }

    fn activate(&mut self) {
        match self.tab {
            Tab::Documents => {
                let Some(&entry) = self.document_rows().get(self.selected) else {
                    self.message = Some(if self.filter.is_empty() {
                        "nothing to open".into()
                    } else {
                        "nothing matches the filter (Esc clears it)".into()
                    });
                    return;
                };
                self.open(entry, None);
            }
            Tab::Bookmarks => {
                let Some(&b) = self.bookmark_rows().get(self.selected) else {
                    self.message = Some("no bookmark to open".into());
                    return;
                };
                let l = &self.bookmarks[b];
                self.open(l.entry, Some(l.bookmark.id.clone()));
            }
        }
    }

    fn open(&mut self, entry: usize, bookmark: Option<String>) {
        let e = &self.entries[entry];
        if e.path.is_none() {
            self.message = Some(format!(
                "{} was read from standard input: pipe it in again to read it",
                e.title
            ));
        } else if e.missing {
            self.message = Some(format!("{} is missing: {}", e.title, e.shown_path()));
        } else {
            self.request = Some(Request::Open { entry, bookmark });
        }
    }

    fn ask_forget(&mut self) {
        if self.tab != Tab::Documents {
            self.message = Some(format!(
                "{} forgets a document: {} goes back to the documents",
                self.key(Action::Forget),
                self.key(Action::SwitchList)
            ));
            return;
        }
        match self.document_rows().get(self.selected) {
            Some(&entry) => self.confirm = Some(entry),
            None => self.message = Some("nothing to forget".into()),
        }
    }

    /// The question asked while `confirm` is set.
    pub fn question(&self) -> Option<String> {
        let e = &self.entries[self.confirm?];
        let kept = match e.bookmarks.len() {
            0 => String::new(),
            n => format!(
                " ({} kept in forgotten.json)",
                crate::app::plural(n, "bookmark")
            ),
        };
        Some(format!(
            "Forget {}{kept}? {} forgets, any other key keeps it",
            e.title,
            self.keymap
                .key_in(crate::keymap::Mode::Confirm, Action::Yes)
        ))
    }

    /// Keeps the selected row within the `height` rows shown, scrolling as little as
    /// possible; returns the first row to draw.
    pub fn scroll_for(&self, height: usize) -> usize {
        let height = height.max(1);
        let mut top = self.scroll.min(self.selected);
        if self.selected >= top + height {
            top = self.selected + 1 - height;
        }
        top
    }
}

fn title_key(e: &Entry) -> String {
    e.title.to_lowercase()
}

fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

fn matches(text: &str, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let text = text.to_lowercase();
    words.iter().all(|w| text.contains(w.as_str()))
}
