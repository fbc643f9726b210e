//! Styles in one place, so the look can change without touching drawing logic.

use crate::layout::{MarkKind, UnitStyle};
use ratatui::style::{Color, Modifier, Style};

pub fn unit(style: UnitStyle) -> Style {
    match style {
        UnitStyle::Title => Style::new().add_modifier(Modifier::BOLD),
        UnitStyle::Meta => Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        UnitStyle::Paragraph | UnitStyle::Verse | UnitStyle::Preformatted => Style::new(),
        UnitStyle::Caption => Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        UnitStyle::Heading | UnitStyle::NotesHeading => Style::new().add_modifier(Modifier::BOLD),
        UnitStyle::Note { .. } => Style::new(),
    }
}

/// Inline styling from the document (Gutenberg `_italics_`, Markdown emphasis, links).
pub fn run(style: &crate::document::RunStyle) -> Style {
    use crate::document::RunStyle;
    match style {
        RunStyle::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
        RunStyle::Strong => Style::new().add_modifier(Modifier::BOLD),
        RunStyle::Code => Style::new().fg(Color::Yellow),
        RunStyle::Link { .. } => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

/// Style of a marked range, layered over the unit style. `missing` tells whether the
/// anchor's note lost its text, so a reader sees it before opening it.
pub fn mark(kind: MarkKind, missing: bool) -> Style {
    match kind {
        MarkKind::Anchor(_) if missing => {
            Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM)
        }
        MarkKind::Anchor(_) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        MarkKind::NoteLabel => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        MarkKind::ScopeHeading => Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
        MarkKind::Missing => Style::new()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC),
    }
}

/// A link (a link run or a bare URL); the terminal layer also makes it a hyperlink.
pub fn link() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// The `‹` / `›` at the edge of a clipped preformatted row.
pub fn clipped() -> Style {
    Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM)
}

pub fn rule() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn status() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn overlay_border() -> Style {
    Style::new().fg(Color::Cyan)
}

/// Secondary text in overlays (hints, counts).
pub fn hint() -> Style {
    Style::new().fg(Color::Gray)
}

/// Something the reader should notice (an uncited note).
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}

/// The selected anchor or note label.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// A search match; the current one stands out from the others.
pub fn search_hit(current: bool) -> Style {
    if current {
        Style::new()
            .fg(Color::Black)
            .bg(Color::LightRed)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Black).bg(Color::Yellow)
    }
}

/// The margin mark of a bookmarked passage.
pub fn bookmark() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}
