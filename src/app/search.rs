//! Search in the reader: an incremental prompt, highlighted and counted matches, `n`/`N`
//! with wrap-around, and a history of queries. Matching itself is `crate::search`.

use super::line_edit::LineEdit;
use super::{Action, App, Location, Overlay};
use crate::search::{search, Matches, Scope, SearchIndex, SearchOptions};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

/// Documents larger than this get their search index built on a worker thread at start-up.
pub const BACKGROUND_INDEX_BYTES: usize = 4 << 20;

/// The last search: its matches stay highlighted until `Esc`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub query: String,
    pub opts: SearchOptions,
    pub matches: Matches,
    /// The match the reader is on.
    pub current: Option<usize>,
    /// `Esc` hides highlights; the next `n`/`N` shows them again.
    pub highlight: bool,
    /// The matches are those of part of the document (the preview of a big file, or the
    /// whole one before its index is built): the count says "so far", and completes by
    /// itself (`App::poll_index`).
    pub partial: bool,
}

/// The search prompt on the bottom line.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub edit: LineEdit,
    pub opts: SearchOptions,
    /// Where the reader was when the prompt opened: `Esc` returns here.
    pub origin: Location,
    /// The search that was active before, restored on `Esc`.
    pub previous: Option<SearchState>,
    /// Position in the history while recalling with Up/Down (`None`: editing new text).
    pub history_pos: Option<usize>,
    /// The text typed before recalling history, restored when Down passes the newest.
    pub draft: String,
    /// An error for the current text (e.g. an invalid regex).
    pub error: Option<String>,
}

/// The search index, built lazily or on a worker thread.
#[derive(Debug, Default)]
pub enum IndexSlot {
    #[default]
    NotBuilt,
    Building(Receiver<SearchIndex>),
    Ready(Arc<SearchIndex>),
}

impl App {
    /// Start building the search index on a worker thread (for big documents).
    pub fn start_index_in_background(&mut self) {
        if !matches!(self.index, IndexSlot::NotBuilt) {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let doc = std::sync::Arc::clone(&self.doc);
        std::thread::spawn(move || {
            let _ = tx.send(SearchIndex::build(&doc));
        });
        self.index = IndexSlot::Building(rx);
    }

    /// The index built on the worker thread, if it has just arrived: an active search
    /// found on part of the document then runs again on all of it. Returns whether the
    /// index arrived (the loop draws the completed count).
    pub fn poll_index(&mut self) -> bool {
        let completed = self.poll_completion();
        let IndexSlot::Building(rx) = &self.index else {
            return completed;
        };
        match rx.try_recv() {
            Ok(index) => self.index = IndexSlot::Ready(Arc::new(index)),
            Err(TryRecvError::Empty) => return false,
            // The worker died: `search_index` builds it here instead.
            Err(TryRecvError::Disconnected) => self.index = IndexSlot::NotBuilt,
        }
        self.complete_partial_search();
        self.search_when_indexed();
        true
    }

    /// The whole document took the place of its preview (`take_whole`): an active search
    /// runs again on it. A big document's index is built on a worker thread, never here:
    /// meanwhile the matches found on the preview stay, moved to the whole document, and
    /// the count says it is partial until `poll_index` completes it.
    pub(super) fn search_again_on_the_whole(&mut self, old: &crate::document::Document) {
        let Some(s) = self.search.take() else {
            return;
        };
        if self.doc.source_len > self.background_index_from {
            let current = s.current.and_then(|i| s.matches.get(i));
            let matches = carry_matches(old, &s.matches, &self.doc);
            let current = current
                .and_then(|m| self.doc.locate(&old.source_pos(m.pos())))
                .and_then(|p| matches.first_at_or_after(p));
            self.search = Some(SearchState {
                matches,
                current,
                partial: true,
                ..s
            });
            // A regex needs no index: it is counted again on a worker thread at once.
            if self.search.as_ref().is_some_and(|s| s.opts.regex) {
                self.complete_partial_search();
            } else {
                self.start_index_in_background();
            }
        } else {
            let index = if s.opts.regex {
                Arc::new(SearchIndex::default())
            } else {
                self.search_index()
            };
            if let Ok(matches) = search(&self.doc, &index, &s.query, s.opts) {
                self.search = Some(SearchState {
                    matches,
                    current: None,
                    partial: false,
                    ..s
                });
            }
        }
        self.refresh_match_message();
    }

    /// The search from before the prompt opened, back in place (Esc, an empty query, a
    /// bad pattern). A partial one whose index came in while the prompt was open is
    /// completed now: `poll_index` completed the search the prompt had, not this copy,
    /// and would never come again for it.
    fn restore_previous_search(&mut self, previous: Option<SearchState>) {
        self.search = previous;
        if self.search.as_ref().is_some_and(|s| s.partial)
            && matches!(self.index, IndexSlot::Ready(_))
        {
            self.complete_partial_search();
        }
    }

    /// A partial search, run again on the whole document once its index is in.
    fn complete_partial_search(&mut self) {
        if self.is_reading() {
            return;
        }
        let Some(s) = self.search.take() else {
            return;
        };
        if !s.partial {
            self.search = Some(s);
            return;
        }
        if self.doc_bytes() > self.background_index_from {
            if let Some(index) = self.ready_index(s.opts) {
                self.complete_in_background(s.query.clone(), s.opts, index);
                self.search = Some(s);
                self.refresh_match_message();
                return;
            }
        }
        let index = self.search_index();
        match search(&self.doc, &index, &s.query, s.opts) {
            Ok(matches) => {
                let current = s
                    .current
                    .and_then(|i| s.matches.get(i))
                    .and_then(|m| matches.first_at_or_after(m.pos()));
                self.search = Some(SearchState {
                    matches,
                    current,
                    partial: false,
                    ..s
                });
            }
            Err(_) => {
                self.search = Some(SearchState {
                    partial: false,
                    ..s
                })
            }
        }
        self.refresh_match_message();
    }

    /// The status line shows a partial count: show the count as it is now.
    pub(super) fn refresh_match_message(&mut self) {
        if self
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("match ") && m.contains(SO_FAR))
        {
            self.message = self.match_status(false);
        }
    }

    /// After a count of matches: ` so far · reading… 43%` while the count is of part of
    /// the document, else nothing.
    pub fn partial_note(&self) -> String {
        match self.search.as_ref() {
            Some(s) if s.partial && self.is_reading() => {
                format!("{SO_FAR} · {}", self.reading_status())
            }
            Some(s) if s.partial && self.completing_search() => format!("{SO_FAR} · searching…"),
            Some(s) if s.partial => format!("{SO_FAR} · indexing…"),
            _ => String::new(),
        }
    }

    /// The index a search with `opts` runs on, when it is ready: a regex needs none (it
    /// is matched against the text itself).
    pub(super) fn ready_index(&self, opts: SearchOptions) -> Option<Arc<SearchIndex>> {
        match &self.index {
            _ if opts.regex => Some(Arc::new(SearchIndex::default())),
            IndexSlot::Ready(index) => Some(Arc::clone(index)),
            _ => None,
        }
    }

    /// The index, waiting for the worker if it is still building.
    pub(super) fn search_index(&mut self) -> Arc<SearchIndex> {
        let ready = match std::mem::take(&mut self.index) {
            IndexSlot::Ready(i) => i,
            IndexSlot::Building(rx) => {
                Arc::new(rx.recv().unwrap_or_else(|_| SearchIndex::build(&self.doc)))
            }
            IndexSlot::NotBuilt => Arc::new(SearchIndex::build(&self.doc)),
        };
        self.index = IndexSlot::Ready(Arc::clone(&ready));
        ready
    }

    /// `/`: open the prompt.
    pub(super) fn open_search_prompt(&mut self) {
        let opts = self.search.as_ref().map(|s| s.opts).unwrap_or_default();
        self.overlays.push(Overlay::Search(Box::new(Prompt {
            edit: LineEdit::default(),
            opts,
            origin: self.location(),
            previous: self.search.clone(),
            history_pos: None,
            draft: String::new(),
            error: None,
        })));
    }

    fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match self.overlays.last_mut() {
            Some(Overlay::Search(p)) => Some(p),
            _ => None,
        }
    }

    pub(super) fn update_prompt(&mut self, action: Action) {
        let Some(p) = self.prompt_mut() else {
            return;
        };
        let mut edited = true;
        match action {
            Action::DeleteBack if p.edit.text.is_empty() => {
                // Backspace on an empty prompt closes it, as in less and vim.
                self.cancel_search_prompt();
                return;
            }
            Action::Insert(_)
            | Action::DeleteBack
            | Action::CursorLeft
            | Action::CursorRight
            | Action::ClearLine => {
                edited = p.edit.apply(action);
                if edited {
                    p.history_pos = None;
                }
            }
            Action::ToggleRegex => p.opts.regex = !p.opts.regex,
            Action::ToggleExact => p.opts.exact = !p.opts.exact,
            Action::CycleScope => p.opts.scope = p.opts.scope.next(),
            Action::HistoryPrev | Action::HistoryNext => {
                let older = action == Action::HistoryPrev;
                let history = &self.history;
                let Some(Overlay::Search(p)) = self.overlays.last_mut() else {
                    return;
                };
                if history.is_empty() {
                    return;
                }
                let next = match (p.history_pos, older) {
                    (None, true) => {
                        p.draft = p.edit.text.clone();
                        Some(history.len() - 1)
                    }
                    (None, false) => return,
                    (Some(i), true) => Some(i.saturating_sub(1)),
                    (Some(i), false) if i + 1 < history.len() => Some(i + 1),
                    (Some(_), false) => None,
                };
                p.history_pos = next;
                let text = match next {
                    Some(i) => history[i].clone(),
                    None => p.draft.clone(),
                };
                p.edit.set(&text);
            }
            Action::Activate => {
                self.confirm_search();
                return;
            }
            Action::Cancel => {
                self.cancel_search_prompt();
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::ToggleHelp => {
                // F1: help at the prompt's keys; closing it comes back to the prompt.
                self.open_help();
                return;
            }
            _ => edited = false,
        }
        if edited {
            self.run_incremental();
        }
    }

    /// Search for the prompt's text and move to the first match at or after where the
    /// reader was when the prompt opened.
    pub(super) fn run_incremental(&mut self) {
        let Some(Overlay::Search(p)) = self.overlays.last() else {
            return;
        };
        let (query, opts) = (p.edit.text.clone(), p.opts);
        if self.searches_in_background() && !query.is_empty() {
            self.search_in_background(query, opts);
            return;
        }
        self.pending_search = super::search_job::Pending::Nothing;
        let index = if opts.regex {
            Arc::new(SearchIndex::default())
        } else {
            self.search_index()
        };
        let result = search(&self.doc, &index, &query, opts);
        self.apply_incremental(&query, opts, result);
    }

    /// The result of searching for the prompt's text: show it, moving to the first match
    /// at or after where the reader was when the prompt opened. A result for a query the
    /// prompt no longer holds is dropped.
    pub(super) fn apply_incremental(
        &mut self,
        query: &str,
        opts: SearchOptions,
        result: Result<Matches, crate::search::SearchError>,
    ) {
        let Some(Overlay::Search(p)) = self.overlays.last() else {
            return;
        };
        if p.edit.text != query || p.opts != opts {
            return;
        }
        let origin = p.origin;
        let query = query.to_string();
        let error = match result {
            Ok(matches) => {
                let found = matches.next_from(origin.top);
                self.search = Some(SearchState {
                    query: query.clone(),
                    opts,
                    current: found.map(|f| f.index),
                    matches,
                    highlight: true,
                    partial: self.is_reading(),
                });
                self.restore_location(origin);
                if let Some(m) = found.and_then(|f| self.search.as_ref()?.matches.get(f.index)) {
                    self.ensure_visible(m.pos());
                }
                None
            }
            Err(e) => {
                self.search = None;
                self.restore_location(origin);
                Some(e.to_string())
            }
        };
        if let Some(p) = self.prompt_mut() {
            p.error = error;
        }
    }

    fn confirm_search(&mut self) {
        self.finish_pending_search();
        let Some(Overlay::Search(p)) = self.overlays.pop() else {
            return;
        };
        if p.edit.text.is_empty() {
            // An empty query repeats the last search, like less.
            self.restore_previous_search(p.previous);
            self.restore_location(p.origin);
            self.search_step(true);
            return;
        }
        if let Some(e) = p.error {
            self.restore_location(p.origin);
            self.restore_previous_search(p.previous);
            self.message = Some(e);
            return;
        }
        self.remember_query(&p.edit.text);
        let found = self.search.as_ref().is_some_and(|s| !s.matches.is_empty());
        if found {
            self.jumps.record(p.origin);
            self.selected = None;
            self.message = self.match_status(false);
        } else {
            self.restore_location(p.origin);
            self.message = Some(not_found(&p.edit.text, p.opts));
        }
    }

    fn cancel_search_prompt(&mut self) {
        self.pending_search = super::search_job::Pending::Nothing;
        if let Some(Overlay::Search(p)) = self.overlays.pop() {
            self.restore_previous_search(p.previous);
            self.restore_location(p.origin);
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around the document.
    pub(super) fn search_step(&mut self, forward: bool) {
        let Some(state) = self.search.as_ref() else {
            self.message = Some(format!(
                "no previous search: {} searches",
                self.keymap.key_for(Action::Search)
            ));
            return;
        };
        if state.matches.is_empty() {
            self.message = Some(not_found(&state.query, state.opts));
            return;
        }
        let visible = self.visible_rows();
        let current = state
            .current
            .and_then(|i| state.matches.get(i))
            .filter(|m| visible.contains(&self.row_of_pos(m.pos())));
        let from = match current {
            Some(m) if forward => crate::document::DocPos::new(m.unit, m.start + 1),
            Some(m) => m.pos(),
            None if forward => self.top_pos(),
            None => {
                let last = visible.last().copied().unwrap_or(self.top);
                let pos = self.pos_of_row(last);
                crate::document::DocPos::new(pos.unit, pos.byte + 1)
            }
        };
        let found = if forward {
            state.matches.next_from(from)
        } else {
            state.matches.prev_from(from)
        };
        let Some(found) = found else {
            return;
        };
        let Some(m) = state.matches.get(found.index) else {
            return;
        };
        self.jumps.record(self.location());
        if let Some(s) = self.search.as_mut() {
            s.current = Some(found.index);
            s.highlight = true;
        }
        self.ensure_visible(m.pos());
        self.message = self.match_status(found.wrapped);
    }

    /// `match 3 of 17: query`, with the options that narrow it (`[notes only, accents
    /// count]`) and the wrap notice when the search went round.
    fn match_status(&self, wrapped: bool) -> Option<String> {
        let s = self.search.as_ref()?;
        let n = s.current.map_or(0, |i| i + 1);
        let wrap = if wrapped { " (search wrapped)" } else { "" };
        let flags = option_flags(s.opts);
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        // `match 3 of 12 so far: harbour · reading… 43%`
        let note = self.partial_note();
        let (so_far, state) = note.split_at(if s.partial { SO_FAR.len() } else { 0 });
        Some(format!(
            "match {n} of {}{so_far}: {}{flags}{wrap}{state}",
            s.matches.len(),
            s.query,
        ))
    }

    /// Keep a query in the history (and ask for it in the store, when there is one).
    fn remember_query(&mut self, query: &str) {
        self.history.retain(|q| q != query);
        self.history.push(query.to_string());
        if self.store.is_some() {
            self.effects
                .store(super::effects::StoreWrite::PushHistory(query.to_string()));
        }
    }
}

/// What a partial count says (`3 of 12 so far`).
const SO_FAR: &str = " so far";

/// Matches found in `old` (a preview), at the same places in `new` (the whole document:
/// the same units at the same source offsets, with the same texts).
fn carry_matches(
    old: &crate::document::Document,
    matches: &Matches,
    new: &crate::document::Document,
) -> Matches {
    let mut items: Vec<crate::search::Match> = matches
        .as_slice()
        .iter()
        .filter_map(|m| {
            let at = new.locate(&old.source_pos(m.pos()))?;
            Some(crate::search::Match {
                unit: at.unit,
                start: m.start,
                end: m.end,
            })
        })
        .collect();
    items.sort_by_key(|m| (m.unit, m.start));
    items.dedup_by(|b, a| b.unit == a.unit && b.start < a.end);
    Matches::from_sorted(items)
}

/// How the prompt and the status line name the options that differ from the default:
/// `regex`, `accents count` (exact characters), the scope when not all text.
pub fn option_flags(opts: SearchOptions) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if opts.regex {
        flags.push("regex");
    }
    if opts.exact {
        flags.push("accents count");
    }
    if opts.scope != Scope::All {
        flags.push(opts.scope.name());
    }
    flags
}

/// `not found: query`, naming a scope or exact matching that may be why.
fn not_found(query: &str, opts: SearchOptions) -> String {
    let flags = option_flags(opts);
    if flags.is_empty() {
        format!("not found: {query}")
    } else {
        format!("not found: {query} [{}]", flags.join(", "))
    }
}
