//! Input bytes → `Document`. INTERFACE CONTRACT: keep `load` and `LoadError`.
//!
//! Stages, each linear in the input: decode (bytes → text, notices), sanitize (the one
//! place controls are neutralised; line ends normalised), then the dispatch parser on
//! the sanitized lines. The accepted format is described in `docs/format.md`.

mod anchors;
mod blocks;
mod captions;
mod classify;
mod date;
mod decode;
mod dispatch;
mod header;
mod notes;
pub mod sanitize;
pub mod split;

use super::model::Document;

pub use sanitize::sanitize_line;

/// Why an input cannot be opened. Shown to the user as one line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("this looks like a binary file, not a text document")]
    Binary,
}

/// Decode and parse a whole input. Never panics on any bytes.
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    let decode::Decoded {
        text: raw, notices, ..
    } = decode::decode(bytes)?;
    let text = sanitize::sanitize_text(&raw);
    drop(raw);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut doc = dispatch::parse(&lines);
    if !notices.is_empty() {
        doc.notices.splice(0..0, notices);
    }
    Ok(doc)
}
