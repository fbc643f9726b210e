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
pub(crate) mod stream;
pub(crate) mod text;

use super::model::Document;

pub use sanitize::sanitize_line;
pub use stream::{read_streaming, Pieces, Streamed, PIECES};

/// Why an input cannot be opened. Shown to the user as one line.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("this looks like a binary file, not a text document")]
    Binary,
}

/// The document of a plain-text file read in pieces, never whole (`stream.rs`), or
/// `None` when it is to be read whole: not UTF-8, another format, or changed while read.
#[cfg(unix)]
pub fn read_in_pieces(
    file: &std::fs::File,
    forced: Option<&'static dyn crate::document::format::Format>,
    name: Option<&str>,
) -> Option<Result<Document, LoadError>> {
    stream::read(file, forced, name, stream::PIECES)
}

/// Elsewhere every file is read whole.
#[cfg(not(unix))]
pub fn read_in_pieces(
    _file: &std::fs::File,
    _forced: Option<&'static dyn crate::document::format::Format>,
    _name: Option<&str>,
) -> Option<Result<Document, LoadError>> {
    None
}

/// Decode and parse a whole input, detecting its format. Never panics on any bytes.
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    super::format::load_with(bytes, None, None)
}
