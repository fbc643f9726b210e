//! Search over the model text of a document, UI-free.
//!
//! Matching runs on `Document::unit_text` for every unit (title, meta line, blocks,
//! notes heading, notes), so a phrase that a screen line or an inline note marker splits
//! is still found, and results are byte ranges of that text, like every other position.
//!
//! Rules, from the reader's point of view:
//! - Smart case: case-insensitive unless the query has an uppercase letter. Case folding
//!   is Unicode-aware (`strasse` finds `Straße`, `путин` finds `Путин`).
//! - Diacritics are ignored unless [`SearchOptions::ignore_diacritics`] is off (`kazan`
//!   finds `Kazań`, and so does `Kazan`: an uppercase letter makes case count, not
//!   accents); precomposed and decomposed forms always find each other.
//! - Matches cover whole characters: `ss` finds `ß`, `s` alone does not.
//! - In a plain query, any whitespace matches any run of whitespace (a line break in
//!   verse, a double space), and invisible soft hyphens/zero-width chars are skipped.
//! - Regex mode uses the `regex` crate with the same smart case (uppercase in escapes
//!   such as `\W` does not count) and diacritic rules, over the text as it is: `\n` and
//!   `\s+` mean what they say, and case folding is the crate's simple one (`ß` ≠ `ss`).
//!   Empty regex matches are dropped.
//! - An empty query gives no matches and no error.
//!
//! Speed: [`SearchIndex::build`] folds the document once (do it on a worker thread for big
//! documents; it is `Send + Sync`); a plain query is then one `memmem` pass over the folded
//! bytes. All types are owned and `Send`, so the app may search on a worker thread and
//! abandon a stale search with [`search_cancellable`].

mod fold;
mod fold_char;
mod index;
mod matches;
mod offsets;
mod plain;
mod regex_mode;

pub use index::SearchIndex;
pub use matches::{Found, Match, Matches};

use crate::document::Document;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Treat the query as a regular expression.
    pub regex: bool,
    /// `cafe` finds `café` (the default).
    pub ignore_diacritics: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            regex: false,
            ignore_diacritics: true,
        }
    }
}

/// Why a search produced no result. Each message fits on a status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("invalid pattern: {0}")]
    InvalidPattern(String),
    #[error("search index is out of date; rebuild it for this document")]
    StaleIndex,
    #[error("search cancelled")]
    Cancelled,
}

/// Every match of `query` in `doc`, in document order. `index` must have been built from
/// this `doc` (checked cheaply; a mismatch is `StaleIndex`, never a panic).
pub fn search(
    doc: &Document,
    index: &SearchIndex,
    query: &str,
    opts: SearchOptions,
) -> Result<Matches, SearchError> {
    search_cancellable(doc, index, query, opts, &AtomicBool::new(false))
}

/// Like [`search`], but gives up with `Cancelled` soon after `cancel` becomes true, so a
/// worker can drop a search the user has already typed past.
pub fn search_cancellable(
    doc: &Document,
    index: &SearchIndex,
    query: &str,
    opts: SearchOptions,
    cancel: &AtomicBool,
) -> Result<Matches, SearchError> {
    if query.is_empty() {
        return Ok(Matches::default());
    }
    let items = if opts.regex {
        regex_mode::search(doc, query, opts, cancel)?
    } else {
        if !index.fits(doc) {
            return Err(SearchError::StaleIndex);
        }
        plain::search(doc, index, query, opts, cancel)?
    };
    Ok(Matches::from_sorted(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn results_and_index_can_cross_threads() {
        assert_send_sync::<SearchIndex>();
        assert_send_sync::<Matches>();
        assert_send_sync::<SearchError>();
    }
}
