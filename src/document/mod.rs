//! The UI-free document model and the parsers that build it.

pub mod builder;
pub mod format;
pub mod html;
pub mod json;
pub mod label;
pub mod lines;
pub mod links;
pub mod markdown;
pub mod model;
pub(crate) mod offsets;
pub mod parse;
pub mod pos;
pub mod preview;
pub mod progress;
pub mod refs;
pub mod shared_text;
pub mod synthetic;

pub use lines::LineIndex;
pub use model::{
    Anchor, Block, BlockKind, Document, Meta, Note, NoteKind, NoteSrc, Refs, Run, RunStyle, Scope,
    NOTE_PARAGRAPH_BREAK,
};
pub use offsets::Offsets;
pub use parse::{load, LoadError};
pub use pos::{DocPos, Part, SourcePos, SrcPart};
