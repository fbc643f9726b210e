//! The document model: what a dispatch *is*, independent of any format or screen.
//!
//! Text is stored once per block, without note markers; anchors are byte offsets into it.
//! That keeps search, bookmarks and layout working on the same string, so a phrase that
//! spans an anchor or a screen line break is still one phrase.

use serde::{Deserialize, Serialize};

/// A parsed dispatch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Every note, in label order of first appearance; every anchor has exactly one entry here.
    pub notes: Vec<Note>,
    /// Things the reader should be told about the input (e.g. lossy decoding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// Header metadata. Every field is optional: a file with no header still opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// Image or figure description (`(Source: …)`, `Figure 3:`, `[Illustration: …]`).
    Caption,
    Heading,
    /// Indented lines (verse, quoted lists) whose line breaks are kept: `text` holds `\n`.
    Verse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Sanitized text without the anchor markers.
    pub text: String,
    /// Anchors in order of `at`.
    pub anchors: Vec<Anchor>,
}

/// An inline reference to a note, e.g. the `[7]` in `reported[7] that`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The note's label as written (`"7"`).
    pub label: String,
    /// Byte offset in the block's `text` where the marker stood (the marker is not in `text`).
    pub at: usize,
    /// Index of the note in `Document::notes`.
    pub note: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub label: String,
    /// `None` when the document lost the note's text.
    pub text: Option<String>,
    /// Indices of the blocks that reference this note, ascending, without repeats.
    pub refs: Vec<usize>,
}

impl Document {
    /// The index of the note with this label, if any.
    pub fn note_index(&self, label: &str) -> Option<usize> {
        self.notes.iter().position(|n| n.label == label)
    }

    /// Every place (block, anchor index) that references note `note`, in reading order.
    pub fn references(&self, note: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &b in self
            .notes
            .get(note)
            .map(|n| n.refs.as_slice())
            .unwrap_or(&[])
        {
            if let Some(block) = self.blocks.get(b) {
                for (i, a) in block.anchors.iter().enumerate() {
                    if a.note == note {
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
