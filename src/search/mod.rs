//! Search over the model text of a document, UI-free.
//!
//! Matching runs on `Document::unit_text` for every unit (title, meta line, blocks,
//! notes heading, notes), so a phrase that a screen line or an inline note marker splits
//! is still found, and results are byte ranges of that text, like every other position.
//!
//! Rules, from the reader's point of view:
//! - Smart case: case-insensitive unless the query has an uppercase letter. Case folding
//!   is Unicode-aware (`strasse` finds `Straße`, `путин` finds `Путин`).
//! - What a plain keyboard types finds what typeset text holds, both ways: accents are
//!   ignored (`kazan` finds `Kazań`, `cafe` finds `café`), `'` is `’ ‘ ʼ`, `"` is
//!   `“ ” „`, `-` is `– — ‐ −`, `...` is `…`, `oe` `ae` `ss` are `œ` `æ` `ß`, `fi` `fl`
//!   `ff` `ffi` `ffl` are their ligatures, and a no-break or other Unicode space is a
//!   space. An uppercase letter makes only case count (`Strasse` finds `Straße`).
//!   [`SearchOptions::exact`] turns all of these off: characters count as they are.
//!   Precomposed and decomposed forms always find each other (they are the same text).
//! - Matches cover whole characters: `ss` finds `ß`, `s` alone does not; `...` finds
//!   `…`, `.` does not. A highlight covers the original characters.
//! - In a plain query, any whitespace matches any run of whitespace (a line break in
//!   verse, a double space; in exact mode only ordinary whitespace, so a no-break space
//!   must be typed as one), and invisible soft hyphens/zero-width chars are skipped, in
//!   exact mode too (a reader can neither see nor type them).
//! - [`SearchOptions::scope`] limits a search to the body, the notes or the captions.
//! - Regex mode uses the `regex` crate with the same smart case (uppercase in escapes
//!   such as `\W` does not count) and accent rule, over the text as it is: `\n` and
//!   `\s+` mean what they say, case folding is the crate's simple one (`ß` ≠ `ss`), and
//!   the typographic equivalences do not apply (`.` and `-` mean what regexes say).
//!   Empty regex matches are dropped.
//! - An empty query gives no matches and no error.
//!
//! Speed: a plain query is searched in the text itself, each candidate folded as it is
//! read (`scan.rs`: `memchr` for the chars a match can start with), so nothing is built
//! or copied first; [`SearchIndex`] only records what document a search was prepared
//! for. All types are owned and `Send`, so the app may search on a worker thread and
//! abandon a stale search with [`search_cancellable`].

mod fold;
mod fold_char;
#[cfg(test)]
mod folded;
mod index;
mod matches;
mod offsets;
mod regex_mode;
mod scan;
mod verify;

pub use index::SearchIndex;
pub use matches::{Found, Match, Matches};

use crate::document::{BlockKind, Document, Part};
use std::sync::atomic::AtomicBool;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchOptions {
    /// Treat the query as a regular expression.
    pub regex: bool,
    /// Characters count exactly: no accent folding and no typographic equivalences
    /// (`cafe` no longer finds `café`, nor `'` `’`, nor `oe` `œ`). Off by default.
    pub exact: bool,
    /// Which units are searched.
    pub scope: Scope,
}

/// The part of a document a search looks in. Scopes overlap: captions are body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Scope {
    /// Everything: title, meta line, body, the Notes heading and the notes.
    #[default]
    All,
    /// The blocks between the header and the Notes section (headings and captions too).
    Body,
    /// The text of the notes.
    Notes,
    /// Caption blocks only (figure and image descriptions).
    Captions,
}

impl Scope {
    /// The next scope, in the order `Ctrl-s` cycles them.
    pub fn next(self) -> Scope {
        match self {
            Scope::All => Scope::Body,
            Scope::Body => Scope::Notes,
            Scope::Notes => Scope::Captions,
            Scope::Captions => Scope::All,
        }
    }

    /// A short name for prompts and status lines.
    pub fn name(self) -> &'static str {
        match self {
            Scope::All => "all text",
            Scope::Body => "body only",
            Scope::Notes => "notes only",
            Scope::Captions => "captions only",
        }
    }

    /// The units that may hold matches, as a range (the scope's units are contiguous,
    /// except captions, which [`Scope::includes`] then picks out of the body).
    pub(crate) fn units(self, doc: &Document) -> std::ops::Range<usize> {
        let body = doc.unit_of(Part::Block(0))..doc.unit_of(Part::Block(doc.blocks.len()));
        match self {
            Scope::All => 0..doc.unit_count(),
            Scope::Body | Scope::Captions => body,
            Scope::Notes if doc.notes.is_empty() => 0..0,
            Scope::Notes => doc.unit_of(Part::Note(0))..doc.unit_count(),
        }
    }

    /// Whether matches in `unit` (which must be in [`Scope::units`]) count.
    pub(crate) fn includes(self, doc: &Document, unit: usize) -> bool {
        match self {
            Scope::Captions => matches!(
                doc.part(unit),
                Part::Block(b) if doc.blocks[b].kind == BlockKind::Caption
            ),
            _ => true,
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
        scan::search(doc, query, opts, cancel)?
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
