//! Motions of the reading view beyond a line and a page, as less and vim have them:
//! counts (`5j`), a percentage (`50%`), a line of the source (`120G`), headings and
//! captions (`]` `[` `}` `{`), the outline (`t`), the Notes section (`F`), and "where am
//! I" (`Ctrl-g`, `=`).

use super::{Action, App, Overlay, RowPos};
use crate::document::{BlockKind, LineIndex, Part};
use crate::layout::shorten_at_word;
use std::rc::Rc;

/// How many times a count repeats a motion that is not a plain scroll (`n`, `Tab`, `]`):
/// more would only go round the document again.
const MAX_REPEAT: usize = 10_000;

/// Columns the status line keeps right of a message (` 100%  ? help `, a note number).
pub(super) const STATUS_RIGHT: usize = 16;

/// Longest heading, in characters, that `Ctrl-g` names.
const SECTION_CHARS: usize = 48;

/// What `]` `[` (headings) and `}` `{` (captions) step between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Landmark {
    Heading,
    Caption,
}

impl Landmark {
    fn name(self) -> &'static str {
        match self {
            Landmark::Heading => "heading",
            Landmark::Caption => "caption",
        }
    }
}

impl App {
    /// The source's line starts, from the bytes as read (for `NG`, `+N`, `Ctrl-g`).
    pub fn set_source_lines(&mut self, lines: LineIndex) {
        self.lines = Some(lines);
    }

    /// `+/PATTERN` at start: search for the pattern from where the page is, as if typed
    /// at `/` and confirmed, so the match is highlighted and `n` goes on.
    pub fn start_search(&mut self, pattern: &str) {
        // Where the reader opens is not a move of theirs: quitting at once keeps the saved
        // place, as it does with `+N` and `--top`.
        let moved = self.moved;
        self.update(Action::Search);
        for c in pattern.chars() {
            self.update(Action::Insert(c));
        }
        self.update(Action::Activate);
        self.moved = moved;
    }

    /// The count typed before this key, if any (and forget it).
    pub(super) fn take_count(&mut self) -> Option<usize> {
        if self.pending_number.is_empty() {
            return None;
        }
        std::mem::take(&mut self.pending_number).parse().ok()
    }

    /// A motion after a count. Returns `false` for keys a count means nothing to: they
    /// run as if no count had been typed (the count is dropped, as in less).
    pub(super) fn update_counted(&mut self, action: Action, n: usize) -> bool {
        let page = self.page_height();
        let times = n.max(1);
        let full = page.saturating_sub(1).max(1);
        let half = (page / 2).max(1);
        match action {
            Action::LineDown => self.scroll_key(times, true),
            Action::LineUp => self.scroll_key(times, false),
            Action::PageDown => self.scroll_key(full.saturating_mul(times), true),
            Action::PageUp => self.scroll_key(full.saturating_mul(times), false),
            Action::HalfPageDown => self.scroll_key(half.saturating_mul(times), true),
            Action::HalfPageUp => self.scroll_key(half.saturating_mul(times), false),
            Action::Top | Action::Bottom => self.go_to_line(n),
            Action::Percent => self.go_to_percent(n),
            Action::NextHeading => self.structure_step(Landmark::Heading, true, times),
            Action::PrevHeading => self.structure_step(Landmark::Heading, false, times),
            Action::NextCaption => self.structure_step(Landmark::Caption, true, times),
            Action::PrevCaption => self.structure_step(Landmark::Caption, false, times),
            Action::SearchNext | Action::SearchPrev => {
                let forward = action == Action::SearchNext;
                self.repeat_as_one_jump(times, |app| app.search_step(forward));
            }
            Action::NextAnchor | Action::PrevAnchor => {
                let forward = action == Action::NextAnchor;
                for _ in 0..times.min(MAX_REPEAT) {
                    self.select_step(forward);
                }
            }
            // Esc clears the count and does nothing else.
            Action::Cancel => {}
            _ => return false,
        }
        true
    }

    /// Run a jumping motion `times` times, recording one jump: `Backspace` after `3n`
    /// returns to where the reader was before the three.
    fn repeat_as_one_jump(&mut self, times: usize, mut step: impl FnMut(&mut App)) {
        let here = self.location();
        let saved = self.jumps.clone();
        for _ in 0..times.min(MAX_REPEAT) {
            step(self);
        }
        self.jumps = saved;
        if self.location() != here {
            self.jumps.record(here);
        }
    }

    /// A scroll asked for by a key: when it cannot move, say why instead of nothing.
    pub(super) fn scroll_key(&mut self, n: usize, down: bool) {
        let before = self.top;
        if down {
            self.scroll_down(n);
        } else {
            self.scroll_up(n);
        }
        if self.top == before {
            self.message = Some(if down {
                format!(
                    "end of the document ({} goes to the top)",
                    self.keymap.key_for(Action::Top)
                )
            } else {
                "top of the document".into()
            });
        }
    }

    /// `NG` / `Ng` (and `+N` at start): line N of the source at the top of the page, as
    /// less counts lines.
    pub fn go_to_line(&mut self, n: usize) {
        let Some(lines) = self.lines.as_ref() else {
            self.message = Some("line numbers are not known for this document".into());
            return;
        };
        let total = lines.count();
        let line = n.clamp(1, total);
        let offset = lines.start_of(line).unwrap_or(0);
        let pos = self.doc.pos_at_source(lines, offset);
        self.jumps.record(self.location());
        let row = self.row_of_pos(pos);
        self.set_top(row);
        self.nav_cursor = None;
        self.message = Some(if n > total {
            format!("the file has {total} lines: line {total}")
        } else {
            format!("line {line} of {total}")
        });
    }

    /// `N%` / `Np`: the page that starts N percent of the way through, in reading order
    /// (the percentage the status line shows).
    fn go_to_percent(&mut self, n: usize) {
        let pct = u8::try_from(n.min(100)).unwrap_or(100);
        let pos = self.doc.pos_at_percent(&self.unit_offsets, pct);
        self.jumps.record(self.location());
        let mut row = self.row_of_pos(pos);
        // A row starts at or before the place: take the next one when that one is still
        // short of the percentage, so the status line shows what was asked for.
        let start = self.pos_of_row(row);
        if self.doc.percent_at(&self.unit_offsets, start) < pct {
            row = self.rows(|r| r.forward(row, 1));
        }
        self.set_top(row);
        self.nav_cursor = None;
        if n > 100 {
            self.message = Some(format!("{n} percent is past the end: at the end"));
        }
    }

    /// Whether unit `unit` is a landmark of this kind. The Notes heading is a heading.
    fn is_landmark(&self, kind: Landmark, unit: usize) -> bool {
        match (self.doc.part(unit), kind) {
            (Part::Block(b), Landmark::Heading) => self.doc.blocks[b].kind == BlockKind::Heading,
            (Part::Block(b), Landmark::Caption) => self.doc.blocks[b].kind == BlockKind::Caption,
            (Part::NotesHeading, Landmark::Heading) => true,
            _ => false,
        }
    }

    /// The units of every landmark of this kind, in reading order: found once per
    /// document (the outline is drawn every frame it is open, and asked on every key).
    fn landmarks(&self, kind: Landmark) -> Rc<[usize]> {
        let slot = match kind {
            Landmark::Heading => 0,
            Landmark::Caption => 1,
        };
        if let Some(found) = &self.landmark_cache.borrow()[slot] {
            return Rc::clone(found);
        }
        let nb = self.doc.blocks.len();
        let mut out: Vec<usize> = (0..nb)
            .map(|b| self.doc.unit_of(Part::Block(b)))
            .filter(|&u| self.is_landmark(kind, u))
            .collect();
        if kind == Landmark::Heading && !self.doc.notes.is_empty() {
            out.push(self.doc.unit_of(Part::NotesHeading));
        }
        let out: Rc<[usize]> = out.into();
        self.landmark_cache.borrow_mut()[slot] = Some(Rc::clone(&out));
        out
    }

    /// Every heading (and the Notes heading), in reading order: the outline.
    pub fn outline(&self) -> Rc<[usize]> {
        self.landmarks(Landmark::Heading)
    }

    /// `]` `[` `}` `{`: put the next / previous heading or caption at the top of the page,
    /// `times` times over. At the last one, say so and stay.
    pub(super) fn structure_step(&mut self, kind: Landmark, forward: bool, times: usize) {
        let all = self.landmarks(kind);
        // Where to step from: the landmark the last step went to, while the page has not
        // moved since (near the end it cannot be at the top); else the top of the page.
        let (from, on_it) = match self.nav_cursor {
            Some((unit, top)) if top == self.top => (unit, true),
            _ => (self.top.unit, self.top.row == 0),
        };
        let at = if forward {
            all.partition_point(|&u| u <= from)
        } else {
            // The landmark at the top counts as passed unless it starts the page.
            all.partition_point(|&u| u < from || (u == from && !on_it))
        };
        let target = if forward {
            at.checked_add(times - 1)
                .filter(|&i| i < all.len())
                .or_else(|| {
                    // Fewer left than asked: go to the last one, if any is ahead.
                    (at < all.len()).then(|| all.len() - 1)
                })
        } else {
            at.checked_sub(times).or_else(|| (at > 0).then_some(0))
        };
        let Some(i) = target else {
            self.message = Some(format!(
                "no {} {}",
                if forward { "next" } else { "previous" },
                kind.name()
            ));
            return;
        };
        let unit = all[i];
        self.jump_to_unit(unit);
        self.message = Some(format!("{} {} of {}", kind.name(), i + 1, all.len()));
    }

    /// Put unit `unit` at the top of the page, on the jump list.
    fn jump_to_unit(&mut self, unit: usize) {
        self.jumps.record(self.location());
        let row = self.rows(|r| r.normalise(RowPos { unit, row: 0 }));
        self.set_top(row);
        self.nav_cursor = Some((unit, self.top));
    }

    /// `F`: the Notes section, on the jump list.
    pub(super) fn go_to_notes(&mut self) {
        if self.doc.notes.is_empty() {
            self.message = Some("this document has no notes".into());
            return;
        }
        self.jump_to_unit(self.doc.unit_of(Part::NotesHeading));
        self.message = Some(format!(
            "Notes: {} ({} goes back)",
            plural(self.doc.notes.len(), "note"),
            self.keymap.key_for(Action::JumpBack)
        ));
    }

    /// `t`: the outline, opened at the heading of the section being read.
    pub(super) fn open_outline(&mut self) {
        let all = self.outline();
        if all.is_empty() {
            self.message = Some("this document has no headings".into());
            return;
        }
        let top = self.top.unit;
        let selected = all.partition_point(|&u| u <= top).saturating_sub(1);
        self.overlays.push(Overlay::Outline { selected });
    }

    pub(super) fn update_outline(&mut self, action: Action) {
        let all = self.outline();
        let last = all.len().saturating_sub(1);
        let page = self.list_page();
        let Some(Overlay::Outline { selected }) = self.overlays.last_mut() else {
            return;
        };
        if super::step_in_list(selected, last, page, action) {
            return;
        }
        match action {
            Action::Activate => {
                let i = (*selected).min(last);
                self.overlays.pop();
                if let Some(&unit) = all.get(i) {
                    self.jump_to_unit(unit);
                    self.message = Some(format!(
                        "heading {} of {} ({} goes back)",
                        i + 1,
                        all.len(),
                        self.keymap.key_for(Action::JumpBack)
                    ));
                }
            }
            Action::ToggleHelp => self.open_help(),
            Action::Cancel | Action::Outline => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// The heading of the section `unit` is in: the last heading at or before it.
    pub fn section_of(&self, unit: usize) -> Option<String> {
        let all = self.outline();
        let i = all.partition_point(|&u| u <= unit).checked_sub(1)?;
        Some(self.doc.unit_text(all[i]).into_owned())
    }

    /// `Ctrl-g` / `=`: title, section, position, source line and size, as a message.
    pub(super) fn where_am_i(&mut self) {
        let pos = self.top_pos();
        // A long title or heading is shortened so the rest fits a narrow status line.
        let width = usize::from(self.screen.0);
        let title = shorten_at_word(self.display_title().trim(), (width / 3).max(16) + 1);
        let mut parts = vec![title];
        if self.changed_on_disk {
            // First, so a narrow status line still shows it.
            parts.push(format!(
                "changed on disk: {} reloads",
                self.keymap.key_for(Action::Reload)
            ));
        }
        if let Some(section) = self.section_of(pos.unit) {
            let room = (width / 4).clamp(12, SECTION_CHARS);
            parts.push(format!("§ {}", shorten_at_word(section.trim(), room + 1)));
        }
        parts.push(format!("{}%", self.percent()));
        let size = match self.lines.as_ref() {
            Some(lines) => {
                let line = lines.line_of(self.doc.source_offset(pos));
                parts.push(format!("line {line} of {}", lines.count()));
                lines.source_len()
            }
            None if self.doc.source_len > 0 => self.doc.source_len,
            None => self.doc_bytes(),
        };
        parts.push(human_size(size));
        if !self.doc.notes.is_empty() {
            parts.push(plural(self.doc.notes.len(), "note"));
        }
        // What does not fit the status line beside the percentage is left out, least
        // needed last in the list first, rather than cut in the middle.
        let room = width.saturating_sub(STATUS_RIGHT);
        while parts.len() > 1 && crate::layout::display_width(&parts.join(" · ")) > room {
            // The title goes last: the page shows it at the top of the document.
            let Some(least) = parts
                .iter()
                .rposition(|p| !p.starts_with("changed on disk") && !p.ends_with('%'))
            else {
                break;
            };
            parts.remove(least);
        }
        self.message = Some(parts.join(" · "));
    }
}

/// `1 note`, `22 notes`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A byte count as a reader says it: `812 bytes`, `48 KB`, `3.4 MB`.
fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_sections_read_as_a_person_says_them() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(48 * 1024), "48 KB");
        assert_eq!(human_size(3_565_158), "3.4 MB");
        // The status line shortens with the layout's word cut (`max` columns, `…` included).
        assert_eq!(shorten_at_word("short", 11), "short");
        assert_eq!(
            shorten_at_word("The Widening Quarrel Over The River", 21),
            "The Widening Quarrel…"
        );
    }
}
