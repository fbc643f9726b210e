//! Styles in one place, so the look can change without touching drawing logic: three
//! palettes (dark, light, high-contrast) and one without any colour (`NO_COLOR`,
//! `--color never`), where attributes alone tell anchors, selections, matches and missing
//! notes apart.
//!
//! Drawing code asks `theme::hint()` and the like. The palette they answer from is the
//! `App`'s (`app.appearance`), installed by `ui::draw` at the start of every frame: a
//! thread-local rather than a parameter through every widget, so drawing stays a function
//! of the state and a new widget needs no extra argument to be themed.

use crate::config::{Appearance, ThemeName};
use crate::layout::{MarkKind, UnitStyle};
use ratatui::style::{Color, Modifier, Style};
use std::cell::Cell;

/// Every style the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub meta: Style,
    pub caption: Style,
    pub code: Style,
    pub anchor: Style,
    pub anchor_missing: Style,
    pub note_label: Style,
    pub missing: Style,
    pub clipped: Style,
    pub rule: Style,
    pub status: Style,
    pub overlay_border: Style,
    pub hint: Style,
    pub warning: Style,
    pub selected: Style,
    pub hit: Style,
    pub hit_current: Style,
    pub bookmark: Style,
}

const B: Modifier = Modifier::BOLD;

const DARK: Palette = Palette {
    meta: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    caption: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    code: Style::new().fg(Color::Yellow),
    anchor: Style::new().fg(Color::Cyan).add_modifier(B),
    anchor_missing: Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
    note_label: Style::new().fg(Color::Cyan).add_modifier(B),
    missing: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::ITALIC),
    clipped: Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
    rule: Style::new().fg(Color::DarkGray),
    status: Style::new().add_modifier(Modifier::REVERSED),
    overlay_border: Style::new().fg(Color::Cyan),
    hint: Style::new().fg(Color::Gray),
    warning: Style::new().fg(Color::Yellow),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(B)),
    hit: Style::new().fg(Color::Black).bg(Color::Yellow),
    hit_current: Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(B),
    bookmark: Style::new().fg(Color::Magenta).add_modifier(B),
};

/// For a light background: darker inks (gray and yellow vanish on white).
const LIGHT: Palette = Palette {
    meta: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::ITALIC),
    caption: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::ITALIC),
    code: Style::new().fg(Color::Red),
    anchor: Style::new().fg(Color::Blue).add_modifier(B),
    anchor_missing: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
    note_label: Style::new().fg(Color::Blue).add_modifier(B),
    missing: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    clipped: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
    rule: Style::new().fg(Color::Gray),
    status: Style::new().add_modifier(Modifier::REVERSED),
    overlay_border: Style::new().fg(Color::Blue),
    hint: Style::new().fg(Color::DarkGray),
    warning: Style::new().fg(Color::Red),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(B)),
    hit: Style::new().fg(Color::Black).bg(Color::LightYellow),
    hit_current: Style::new().fg(Color::White).bg(Color::Red).add_modifier(B),
    bookmark: Style::new().fg(Color::Magenta).add_modifier(B),
};

/// Bright inks, no dim text, and attributes on top of colour.
const HIGH_CONTRAST: Palette = Palette {
    meta: Style::new().fg(Color::White).add_modifier(Modifier::ITALIC),
    caption: Style::new().fg(Color::White).add_modifier(Modifier::ITALIC),
    code: Style::new().fg(Color::LightYellow),
    anchor: Style::new()
        .fg(Color::LightCyan)
        .add_modifier(B.union(Modifier::UNDERLINED)),
    anchor_missing: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::CROSSED_OUT),
    note_label: Style::new().fg(Color::LightCyan).add_modifier(B),
    missing: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::ITALIC),
    clipped: Style::new().fg(Color::LightYellow).add_modifier(B),
    rule: Style::new().fg(Color::White),
    status: Style::new()
        .fg(Color::Black)
        .bg(Color::White)
        .add_modifier(B),
    overlay_border: Style::new().fg(Color::White).add_modifier(B),
    hint: Style::new().fg(Color::White),
    warning: Style::new().fg(Color::LightYellow).add_modifier(B),
    selected: Style::new()
        .fg(Color::Black)
        .bg(Color::LightCyan)
        .add_modifier(B),
    hit: Style::new().fg(Color::Black).bg(Color::LightYellow),
    hit_current: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(B.union(Modifier::UNDERLINED)),
    bookmark: Style::new().fg(Color::LightMagenta).add_modifier(B),
};

/// No colour at all: each thing a reader must tell apart has its own attributes.
/// Anchor bold; missing anchor dim; selection reverse + bold; match reverse; the current
/// match reverse + underline (not bold: it must not read as the selection); a missing
/// note dim + italic.
const NO_COLOUR: Palette = Palette {
    meta: Style::new().add_modifier(Modifier::ITALIC),
    caption: Style::new().add_modifier(Modifier::ITALIC),
    code: Style::new(),
    anchor: Style::new().add_modifier(B),
    anchor_missing: Style::new().add_modifier(Modifier::DIM),
    note_label: Style::new().add_modifier(B),
    missing: Style::new().add_modifier(Modifier::DIM.union(Modifier::ITALIC)),
    clipped: Style::new().add_modifier(Modifier::DIM),
    rule: Style::new().add_modifier(Modifier::DIM),
    status: Style::new().add_modifier(Modifier::REVERSED),
    overlay_border: Style::new(),
    hint: Style::new().add_modifier(Modifier::DIM),
    warning: Style::new().add_modifier(B),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(B)),
    hit: Style::new().add_modifier(Modifier::REVERSED),
    hit_current: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED)),
    bookmark: Style::new().add_modifier(B),
};

impl Palette {
    pub fn of(appearance: Appearance) -> &'static Palette {
        if !appearance.colour {
            return &NO_COLOUR;
        }
        match appearance.theme {
            ThemeName::Dark => &DARK,
            ThemeName::Light => &LIGHT,
            ThemeName::HighContrast => &HIGH_CONTRAST,
        }
    }
}

thread_local! {
    /// The palette of the frame being drawn on this thread (see the module's comment).
    static CURRENT: Cell<&'static Palette> = const { Cell::new(&DARK) };
}

/// Draw with `appearance` from now on, on this thread: `ui::draw` calls it first.
pub fn install(appearance: Appearance) {
    CURRENT.with(|c| c.set(Palette::of(appearance)));
}

fn p() -> &'static Palette {
    CURRENT.with(Cell::get)
}

pub fn unit(style: UnitStyle) -> Style {
    match style {
        UnitStyle::Title => Style::new().add_modifier(Modifier::BOLD),
        UnitStyle::Meta => p().meta,
        UnitStyle::Paragraph | UnitStyle::Verse | UnitStyle::Preformatted => Style::new(),
        UnitStyle::Caption => p().caption,
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
        RunStyle::Code => p().code,
        RunStyle::Link { .. } => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

/// Style of a marked range, layered over the unit style. `missing` tells whether the
/// anchor's note lost its text, so a reader sees it before opening it.
pub fn mark(kind: MarkKind, missing: bool) -> Style {
    match kind {
        MarkKind::Anchor(_) if missing => p().anchor_missing,
        MarkKind::Anchor(_) => p().anchor,
        MarkKind::NoteLabel => p().note_label,
        MarkKind::ScopeHeading => Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC),
        MarkKind::Missing => p().missing,
    }
}

/// A link (a link run or a bare URL); the terminal layer also makes it a hyperlink.
pub fn link() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// The `‹` / `›` at the edge of a clipped preformatted row.
pub fn clipped() -> Style {
    p().clipped
}

pub fn rule() -> Style {
    p().rule
}

pub fn status() -> Style {
    p().status
}

pub fn overlay_border() -> Style {
    p().overlay_border
}

/// Secondary text in overlays (hints, counts).
pub fn hint() -> Style {
    p().hint
}

/// Something the reader should notice (an uncited note).
pub fn warning() -> Style {
    p().warning
}

/// The selected anchor or note label.
pub fn selected() -> Style {
    p().selected
}

/// A search match; the current one stands out from the others.
pub fn search_hit(current: bool) -> Style {
    if current {
        p().hit_current
    } else {
        p().hit
    }
}

/// The margin mark of a bookmarked passage.
pub fn bookmark() -> Style {
    p().bookmark
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_colour(s: &Style) -> bool {
        s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some_and(|c| c != Color::Reset)
    }

    #[test]
    fn without_colour_the_things_to_tell_apart_differ_by_attributes() {
        let p = &NO_COLOUR;
        let all = [
            p.meta,
            p.caption,
            p.code,
            p.anchor,
            p.anchor_missing,
            p.note_label,
            p.missing,
            p.clipped,
            p.rule,
            p.status,
            p.overlay_border,
            p.hint,
            p.warning,
            p.selected,
            p.hit,
            p.hit_current,
            p.bookmark,
        ];
        assert!(!all.iter().any(has_colour));
        let distinct = [
            p.anchor,
            p.anchor_missing,
            p.missing,
            p.selected,
            p.hit,
            p.hit_current,
        ];
        for (i, a) in distinct.iter().enumerate() {
            assert!(!a.add_modifier.is_empty(), "{a:?} has no attribute");
            for b in &distinct[i + 1..] {
                assert_ne!(a.add_modifier, b.add_modifier, "{a:?} and {b:?} look alike");
            }
        }
    }
}
