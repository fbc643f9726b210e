//! Incremental search on a big document, off the UI thread: each edit of the query
//! starts a search on a worker thread and drops the one before (its thread sees the
//! cancel flag and gives up: `search::search_cancellable`), so typing never waits for a
//! search of a query already typed past. The result is taken by the event loop
//! (`App::poll_search`) and applied as the synchronous search applies its own. `Enter`
//! waits for the search of what was typed: it is what the prompt confirms.

use super::search::IndexSlot;
use super::App;
use crate::search::{search_cancellable, Matches, SearchError, SearchOptions};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

/// A search running on a worker thread.
#[derive(Debug)]
pub struct SearchJob {
    query: String,
    opts: SearchOptions,
    result: Receiver<Result<Matches, SearchError>>,
    cancel: Arc<AtomicBool>,
}

impl SearchJob {
    /// `query` searched for in `doc` on a new worker thread.
    fn start(
        doc: &Arc<crate::document::Document>,
        index: Arc<crate::search::SearchIndex>,
        query: String,
        opts: SearchOptions,
    ) -> SearchJob {
        let (tx, result) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (doc, stop, q) = (Arc::clone(doc), Arc::clone(&cancel), query.clone());
        std::thread::spawn(move || {
            let _ = tx.send(search_cancellable(&doc, &index, &q, opts, &stop));
        });
        SearchJob {
            query,
            opts,
            result,
            cancel,
        }
    }
}

impl Drop for SearchJob {
    /// A search replaced or given up: its worker stops soon and its result is never read.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What the prompt waits for.
#[derive(Debug, Default)]
pub enum Pending {
    #[default]
    Nothing,
    /// The index is being built; the query runs when it is in.
    Index,
    /// The query runs on a worker thread.
    Job(SearchJob),
}

impl App {
    /// Whether incremental searches run on a worker thread: on a document whose index is
    /// built on one too, plain or regex (a regex takes about half a second over 100 MB:
    /// on the UI thread it held every key behind it). A preview is small and searched at
    /// once.
    pub(super) fn searches_in_background(&self) -> bool {
        !self.is_reading() && self.doc_bytes() > self.background_index_from
    }

    /// Whether the prompt's query is still being searched (the prompt says `searching…`).
    pub fn search_pending(&self) -> bool {
        !matches!(self.pending_search, Pending::Nothing)
    }

    /// Start searching for `query` on a worker thread, dropping the search before; with
    /// the index not built yet, it is started and the query waits for it.
    pub(super) fn search_in_background(&mut self, query: String, opts: SearchOptions) {
        self.pending_search = Pending::Nothing;
        // The matches of the query typed before would stay lit meanwhile, as if they
        // were this one's (the prompt keeps the search to give back on `Esc`).
        self.search = None;
        let Some(index) = self.ready_index(opts) else {
            if matches!(self.index, IndexSlot::NotBuilt) {
                self.start_index_in_background();
            }
            self.pending_search = Pending::Index;
            return;
        };
        self.pending_search = Pending::Job(SearchJob::start(&self.doc, index, query, opts));
    }

    /// The worker's result, if it has come: applied as an incremental search's. Returns
    /// whether something changed on screen.
    pub fn poll_search(&mut self) -> bool {
        let Pending::Job(job) = &self.pending_search else {
            return false;
        };
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(SearchError::Cancelled),
        };
        let Pending::Job(job) = std::mem::take(&mut self.pending_search) else {
            return false;
        };
        self.apply_incremental(&job.query, job.opts, result);
        true
    }

    /// Whether a partial search is being completed (the status says `searching…`).
    pub fn completing_search(&self) -> bool {
        self.completing.is_some()
    }

    /// Count a partial search again on the whole document, on a worker thread: on a big
    /// document a frequent word took half a second on the UI thread. `poll_completion`
    /// applies the result.
    pub(super) fn complete_in_background(
        &mut self,
        query: String,
        opts: SearchOptions,
        index: Arc<crate::search::SearchIndex>,
    ) {
        if self
            .completing
            .as_ref()
            .is_some_and(|j| j.query == query && j.opts == opts)
        {
            return;
        }
        self.completing = Some(SearchJob::start(&self.doc, index, query, opts));
    }

    /// The completed count, if it has come: it replaces the partial one it completes,
    /// both the active search and the copy an open prompt would give back on `Esc`.
    /// Returns whether something changed on screen.
    pub(super) fn poll_completion(&mut self) -> bool {
        let Some(job) = &self.completing else {
            return false;
        };
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(SearchError::Cancelled),
        };
        let Some(job) = self.completing.take() else {
            return false;
        };
        let complete = |s: &mut super::search::SearchState| {
            if !s.partial || s.query != job.query || s.opts != job.opts {
                return;
            }
            if let Ok(matches) = &result {
                s.current = s
                    .current
                    .and_then(|i| s.matches.get(i))
                    .and_then(|m| matches.first_at_or_after(m.pos()));
                s.matches = matches.clone();
            }
            s.partial = false;
        };
        if let Some(s) = self.search.as_mut() {
            complete(s);
        }
        for overlay in &mut self.overlays {
            if let super::Overlay::Search(p) = overlay {
                if let Some(s) = p.previous.as_mut() {
                    complete(s);
                }
            }
        }
        self.refresh_match_message();
        true
    }

    /// The index came in while the prompt waited for it: search now.
    pub(super) fn search_when_indexed(&mut self) {
        if matches!(self.pending_search, Pending::Index) {
            self.pending_search = Pending::Nothing;
            self.run_incremental();
        }
    }

    /// `Enter` with the search still running: wait for it (the prompt confirms what was
    /// typed), or, waiting for the index, search here.
    pub(super) fn finish_pending_search(&mut self) {
        match std::mem::take(&mut self.pending_search) {
            Pending::Nothing => {}
            Pending::Index => {
                let (query, opts) = match self.overlays.last() {
                    Some(super::Overlay::Search(p)) => (p.edit.text.clone(), p.opts),
                    _ => return,
                };
                let index = self.search_index();
                let result = crate::search::search(&self.doc, &index, &query, opts);
                self.apply_incremental(&query, opts, result);
            }
            Pending::Job(job) => {
                let result = job.result.recv().unwrap_or(Err(SearchError::Cancelled));
                self.apply_incremental(&job.query, job.opts, result);
            }
        }
    }
}
