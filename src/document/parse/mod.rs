//! The plain-text format and the stages every format shares.
//!
//! Stages, each linear in the input: decode (bytes → text, notices, a map back to input
//! offsets), then a format reader (`text.rs` here) that describes what it reads to the
//! document builder, which sanitizes, splits, records source spans and resolves notes.
//! The accepted plain-text shapes are described in `docs/format.md`.

mod anchors;
mod blocks;
mod captions;
mod classify;
mod date;
pub(crate) mod decode;
mod dispatch;
mod emphasis;
mod header;
mod layout_shape;
pub(crate) mod notes;
pub mod sanitize;
pub mod split;
pub(crate) mod text;

use super::model::Document;

pub use sanitize::sanitize_line;

/// Why an input cannot be opened. Shown to the user as one line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("this looks like a binary file, not a text document")]
    Binary,
}

/// Decode and parse a whole input, detecting its format. Never panics on any bytes.
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    super::format::load_with(bytes, None, None)
}
