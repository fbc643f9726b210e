//! One position type for everything that remembers a place: the view, the jump list,
//! search hits, bookmarks and the saved reading position.
//!
//! The document is read as a sequence of *units*: the title, the meta line, each body
//! block, the "Notes" heading (only when there are notes), then each note. A position is a
//! unit and a byte offset into that unit's model text (`unit_text`). Screen rows are always
//! derived from it, so a resize never loses the place.

use super::model::Document;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct DocPos {
    pub unit: usize,
    pub byte: usize,
}

impl DocPos {
    pub const fn new(unit: usize, byte: usize) -> Self {
        DocPos { unit, byte }
    }
}

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Title,
    Meta,
    Block(usize),
    NotesHeading,
    Note(usize),
}

/// The text shown for the notes section heading.
pub const NOTES_HEADING: &str = "Notes";

impl Document {
    /// Number of units in reading order.
    pub fn unit_count(&self) -> usize {
        2 + self.blocks.len()
            + if self.notes.is_empty() {
                0
            } else {
                1 + self.notes.len()
            }
    }

    /// What unit `unit` is. Out-of-range units map to the last one.
    pub fn part(&self, unit: usize) -> Part {
        let nb = self.blocks.len();
        match unit {
            0 => Part::Title,
            1 => Part::Meta,
            u if u < 2 + nb => Part::Block(u - 2),
            u if u == 2 + nb && !self.notes.is_empty() => Part::NotesHeading,
            u if !self.notes.is_empty() => Part::Note((u - 3 - nb).min(self.notes.len() - 1)),
            _ => {
                if nb > 0 {
                    Part::Block(nb - 1)
                } else {
                    Part::Meta
                }
            }
        }
    }

    /// The unit index of a part.
    pub fn unit_of(&self, part: Part) -> usize {
        let nb = self.blocks.len();
        match part {
            Part::Title => 0,
            Part::Meta => 1,
            Part::Block(b) => 2 + b,
            Part::NotesHeading => 2 + nb,
            Part::Note(n) => 3 + nb + n,
        }
    }

    /// The searchable model text of a unit (no anchor markers, no note label prefix).
    pub fn unit_text(&self, unit: usize) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self.part(unit) {
            Part::Title => Cow::Borrowed(self.meta.title.as_deref().unwrap_or("")),
            Part::Meta => Cow::Owned(self.meta.summary_line()),
            Part::Block(b) => Cow::Borrowed(self.blocks[b].text.as_str()),
            Part::NotesHeading => Cow::Borrowed(NOTES_HEADING),
            Part::Note(n) => Cow::Borrowed(self.notes[n].text.as_deref().unwrap_or("")),
        }
    }

    /// Position of the first reference to note `note` (its first anchor), if any.
    pub fn first_reference_pos(&self, note: usize) -> Option<DocPos> {
        self.references(note)
            .first()
            .map(|&(b, a)| DocPos::new(self.unit_of(Part::Block(b)), self.blocks[b].anchors[a].at))
    }
}
