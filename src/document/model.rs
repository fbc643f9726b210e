//! The document model (schema 2): what a dispatch *is*, independent of any format or screen.
//!
//! Text is stored once per block, without note markers; anchors are byte offsets into it.
//! That keeps search, bookmarks and layout working on the same string, so a phrase that
//! spans an anchor or a screen line break is still one phrase.
//!
//! Every block and note records where it stands in the **source** (`src`: the byte offset
//! in the input as read, BOM included), so a place can be named in a way that survives a
//! change of parser, width or format detection (see `pos.rs` and docs/model.md).

use serde::{Deserialize, Serialize};

pub use super::shared_text::SharedText;

/// A parsed dispatch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The input format that was read (`text`, later `markdown`, `html`).
    #[serde(default)]
    pub format: String,
    /// How the input's bytes were decoded (`UTF-8`, `UTF-16LE`, `windows-1252`).
    #[serde(default)]
    pub encoding: String,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Every note, grouped by scope (in scope order), then in label order; every anchor
    /// has exactly one entry here. (scope, label) is unique.
    pub notes: Vec<Note>,
    /// Where note numbering starts again (a book whose chapters number their notes from
    /// 1). Always at least one scope when there are notes.
    #[serde(default)]
    pub scopes: Vec<Scope>,
    /// Length of the input in bytes.
    #[serde(default)]
    pub source_len: usize,
    /// Things the reader should be told about the input (e.g. lossy decoding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// Header metadata. Every field is optional: a file with no header still opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    /// Source offset of the title line (when the title was read from one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_src: Option<usize>,
    /// ISO 8601 (`2024-05-29`) when the date could be understood.
    pub date: Option<String>,
    /// The date as written in the document (`May 29, 2024`).
    pub date_text: Option<String>,
    /// e.g. `Special Dispatch`, `Inquiry & Analysis Series`.
    pub series: Option<String>,
    /// The number within the series, as a string (`11363`).
    pub number: Option<String>,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
}

/// What a block is; decides how it is laid out and styled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    #[default]
    Paragraph,
    /// Image or figure description (`(Source: …)`, `Figure 3:`, `[Illustration: …]`).
    Caption,
    Heading,
    /// Indented lines (verse, quoted lists) whose line breaks are kept: `text` holds `\n`.
    Verse,
    /// Text whose spacing is layout (an RFC header, a table of contents, aligned columns,
    /// code): kept exactly as written, never reflowed; `text` holds `\n`.
    Preformatted,
}

/// A stretch of inline styling in a block's `text` (byte range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub style: RunStyle,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum RunStyle {
    Emphasis,
    Strong,
    Code,
    /// A link; the URL is kept so the reader can show or follow it.
    Link {
        url: String,
    },
}

/// A stretch of the document whose notes are numbered on their own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// What to call it: the heading before its first note, else `notes 1–12`.
    pub name: String,
    /// Source offset where it starts (its first definition).
    pub src: usize,
}

/// What kind of note a definition is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// A numbered note (`[7] …`, `[Footnote 7: …]`).
    #[default]
    Note,
    /// `*Name is …`: the note the byline's asterisk points to.
    Author,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Sanitized text without the anchor markers (read as a `&str`; the builder packs
    /// many blocks' texts into one buffer, see `shared_text`).
    pub text: SharedText,
    /// Anchors in order of `at`.
    pub anchors: Anchors,
    /// Inline styling, sorted by `start`.
    #[serde(default, skip_serializing_if = "Runs::is_empty")]
    pub runs: Runs,
    /// Byte offset in the input where the block starts.
    #[serde(default)]
    pub src: usize,
    /// Bytes of input the block covers (its lines; the blank lines after it are not
    /// counted), saturated at 4 GiB: a `u32` makes a block 8 bytes smaller.
    #[serde(default)]
    pub src_len: u32,
}

/// A note label (`7`, `07`, `a`, `note-3`): 8 bytes, up to 7 of them inline
/// (`label.rs`).
pub use super::label::Label;

/// A note's text. Short notes (`Ibid.`, `See note 4.`, a ledger's one-line entries) are
/// kept inline (up to 24 bytes), where each was an allocation of its own: a 32-byte
/// chunk a note, 8.7 MB of a 17.6 MB file of tiny notes. A longer one keeps the
/// `String`'s buffer it was made from.
pub type NoteText = compact_str::CompactString;

/// The blocks citing a note (`refs.rs`: one inline, 16 bytes).
pub use super::refs::Refs;

/// A block's anchors. A block citing one note is the commonest cited block (and the
/// only kind in a file of one-line blocks): its anchor is kept inline, where a vector's
/// own allocation was a 48-byte chunk a block (13 MB of a 17.6 MB file of tiny blocks).
pub type Anchors = smallvec::SmallVec<[Anchor; 1]>;

/// A block's inline styling. Plain text has none: a thin vector is one pointer (to a
/// shared empty header when empty), where a `Vec` was 24 bytes in every block.
pub type Runs = thin_vec::ThinVec<Run>;

/// An inline reference to a note, e.g. the `[7]` in `reported[7] that`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The note's label as written (`"7"`).
    pub label: Label,
    /// Byte offset in the block's `text` where the marker stood (the marker is not in
    /// `text`). `u32`s here and below: a block's text is under 4 GiB, and an anchor of
    /// two `usize`s made every cited block 8 bytes bigger (a file of one-line blocks
    /// has one such block every 64 bytes).
    pub at: u32,
    /// Index of the note in `Document::notes`.
    pub note: u32,
}

impl Anchor {
    /// `at` as an index into the block's text.
    pub fn at(&self) -> usize {
        self.at as usize
    }

    /// `note` as an index into `Document::notes`.
    pub fn note(&self) -> usize {
        self.note as usize
    }
}

/// Where a note's definition starts in the source, if it has one: an `Option<usize>` in
/// 8 bytes (the offset plus one, 0 for none), where an `Option` took 16 and made every
/// note 8 bytes bigger. Reads, compares, prints and serializes as the `Option`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoteSrc(u64);

impl NoteSrc {
    pub const NONE: NoteSrc = NoteSrc(0);

    pub fn get(self) -> Option<usize> {
        self.0.checked_sub(1).map(|s| s as usize)
    }

    pub fn is_none(self) -> bool {
        self.0 == 0
    }

    pub fn is_some(self) -> bool {
        self.0 != 0
    }
}

impl From<Option<usize>> for NoteSrc {
    fn from(src: Option<usize>) -> Self {
        // An offset that does not fit (not on any machine that reads the file) saturates.
        src.map_or(NoteSrc::NONE, |s| NoteSrc((s as u64).saturating_add(1)))
    }
}

impl From<usize> for NoteSrc {
    fn from(src: usize) -> Self {
        Some(src).into()
    }
}

impl PartialEq<Option<usize>> for NoteSrc {
    fn eq(&self, other: &Option<usize>) -> bool {
        self.get() == *other
    }
}

impl std::fmt::Debug for NoteSrc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for NoteSrc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de> Deserialize<'de> for NoteSrc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<usize>::deserialize(d).map(NoteSrc::from)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Index into `Document::scopes` (a `u32`, as `src_len` below: a note is one of
    /// hundreds of thousands in a file of tiny notes, and 8 bytes less each is 2 MB).
    #[serde(default)]
    pub scope: u32,
    /// The label as written (`7`, `07`, `a`).
    pub label: Label,
    /// Whether the document defines this note at all. `false`: it is only cited.
    #[serde(default = "yes")]
    pub defined: bool,
    /// The note's paragraphs joined by a blank line (`\n\n`); `None` when the document
    /// lost the text (an empty definition, or no definition at all).
    pub text: Option<NoteText>,
    /// Indices of the blocks that reference this note, ascending, without repeats.
    pub refs: Refs,
    #[serde(default, skip_serializing_if = "is_plain_note")]
    pub kind: NoteKind,
    /// Byte offset in the input where the definition starts (none when undefined).
    #[serde(default)]
    pub src: NoteSrc,
    /// Bytes of input the definition covers (saturated at 4 GiB).
    #[serde(default)]
    pub src_len: u32,
}

impl Default for Note {
    fn default() -> Self {
        Note {
            scope: 0,
            label: Label::default(),
            defined: true,
            text: None,
            refs: Refs::new(),
            kind: NoteKind::Note,
            src: NoteSrc::NONE,
            src_len: 0,
        }
    }
}

fn yes() -> bool {
    true
}

fn is_plain_note(k: &NoteKind) -> bool {
    *k == NoteKind::Note
}

/// The paragraph separator inside a note's `text`.
pub const NOTE_PARAGRAPH_BREAK: &str = "\n\n";

impl Note {
    /// The note's paragraphs (empty when its text is lost).
    pub fn paragraphs(&self) -> Vec<&str> {
        self.text
            .as_deref()
            .map(|t| t.split(NOTE_PARAGRAPH_BREAK).collect())
            .unwrap_or_default()
    }
}

impl Document {
    /// The same model with the facts about the input cleared (source offsets, lengths,
    /// encoding): two inputs that say the same thing in different bytes (CRLF and LF,
    /// UTF-8 and UTF-16) have the same structure.
    pub fn structure(&self) -> Document {
        let mut doc = self.clone();
        doc.meta.title_src = None;
        doc.encoding.clear();
        doc.source_len = 0;
        for b in &mut doc.blocks {
            (b.src, b.src_len) = (0, 0);
        }
        for n in &mut doc.notes {
            (n.src, n.src_len) = (NoteSrc::NONE, 0);
        }
        for s in &mut doc.scopes {
            s.src = 0;
        }
        doc
    }

    /// The index of the note with this label in `scope`, if any.
    pub fn note_index(&self, scope: usize, label: &str) -> Option<usize> {
        self.notes
            .iter()
            .position(|n| n.scope as usize == scope && n.label == label)
    }

    /// The first note with this label in `scope` or, failing that, in a later scope.
    pub fn note_from_scope(&self, scope: usize, label: &str) -> Option<usize> {
        self.notes
            .iter()
            .position(|n| n.scope as usize >= scope && n.label == label)
    }

    /// The note scope a unit belongs to: a note's own; for other units, the scope of the
    /// first anchor at or after it (the notes it is about to cite), else the last scope.
    pub fn scope_of_unit(&self, unit: usize) -> usize {
        use crate::document::pos::Part;
        let from = match self.part(unit) {
            Part::Note(n) => return self.notes[n].scope as usize,
            Part::Block(b) => b,
            Part::Title | Part::Meta => 0,
            Part::NotesHeading => self.blocks.len(),
        };
        self.blocks
            .iter()
            .skip(from)
            .find_map(|b| b.anchors.first())
            .and_then(|a| self.notes.get(a.note()))
            .map_or(self.scopes.len().saturating_sub(1), |n| n.scope as usize)
    }

    /// How a note is named to the reader: `7`, or `7 (Chapter II)` when the document
    /// numbers its notes in several scopes.
    pub fn note_name(&self, note: usize) -> String {
        let Some(n) = self.notes.get(note) else {
            return String::new();
        };
        match self
            .scopes
            .get(n.scope as usize)
            .filter(|_| self.scopes.len() > 1)
        {
            Some(scope) => format!("{} ({})", n.label, scope.name),
            None => n.label.to_string(),
        }
    }

    /// Every place (block, anchor index) that references note `note`, in reading order.
    pub fn references(&self, note: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for b in self
            .notes
            .get(note)
            .into_iter()
            .flat_map(|n| n.refs.blocks())
        {
            if let Some(block) = self.blocks.get(b) {
                for (i, a) in block.anchors.iter().enumerate() {
                    if a.note() == note {
                        out.push((b, i));
                    }
                }
            }
        }
        out
    }
}

impl Meta {
    /// One line summarising date, series, number, topics and authors, for the header view.
    pub fn summary_line(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = self.date_text.as_ref().or(self.date.as_ref()) {
            parts.push(d.clone());
        }
        match (&self.series, &self.number) {
            (Some(s), Some(n)) => parts.push(format!("{s} No. {n}")),
            (Some(s), None) => parts.push(s.clone()),
            (None, Some(n)) => parts.push(format!("No. {n}")),
            (None, None) => {}
        }
        if !self.topics.is_empty() {
            parts.push(self.topics.join(", "));
        }
        if !self.authors.is_empty() {
            parts.push(format!("By {}", self.authors.join(", ")));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A note's source offset is an `Option<usize>` in 8 bytes: 0 is an offset, not none.
    #[test]
    fn a_note_s_source_offset_reads_and_serializes_as_an_option() {
        assert_eq!(std::mem::size_of::<NoteSrc>(), 8);
        for src in [None, Some(0), Some(1), Some(u32::MAX as usize + 5)] {
            let at = NoteSrc::from(src);
            assert_eq!(at.get(), src);
            assert_eq!(at, src);
            assert_eq!((at.is_none(), at.is_some()), (src.is_none(), src.is_some()));
            assert_eq!(format!("{at:?}"), format!("{src:?}"));
            let json = serde_json::to_string(&at).unwrap();
            assert_eq!(json, serde_json::to_string(&src).unwrap());
            assert_eq!(serde_json::from_str::<NoteSrc>(&json).unwrap(), at);
        }
        assert_eq!(NoteSrc::default(), NoteSrc::NONE);
        assert_ne!(NoteSrc::from(3), NoteSrc::from(4));
    }
}
