//! Notes: selecting anchors, previewing a note in place, going to the note and back to
//! the text, opening a note by number, and the notes index.

use super::select::{self, Target};
use super::{Action, App, Overlay, RowPos};
use crate::document::{DocPos, Part};

impl App {
    /// Tab / Shift-Tab: the next or previous anchor after the selection when it is on
    /// screen, else the first (last) one on screen; wraps around the document.
    pub(super) fn select_step(&mut self, forward: bool) {
        let which = if self.mode() == crate::keymap::Mode::Reading {
            select::Stops::NotesAndLinks
        } else {
            select::Stops::Notes
        };
        let visible = self.visible_rows();
        let on_screen = |app: &App, t: Target| visible.contains(&app.row_of_pos(t.pos(&app.doc)));
        let current = self
            .selected
            .filter(|t| t.exists(&self.doc) && on_screen(self, *t));
        let found = match (current, forward) {
            (Some(t), true) => select::next(&self.doc, t, which),
            (Some(t), false) => select::prev(&self.doc, t, which),
            (None, true) => select::first_from(&self.doc, self.top_pos(), false, which),
            (None, false) => {
                let bottom = visible.last().copied().unwrap_or(self.top);
                let layout = self.layout(bottom.unit);
                let end = layout
                    .rows
                    .get(bottom.row)
                    .map_or(0, |r| layout.model_offset(r.range.end));
                select::last_until(&self.doc, DocPos::new(bottom.unit, end), which)
            }
        };
        let found = found.or_else(|| {
            // Wrap around, like Tab in a browser.
            let wrapped = if forward {
                select::first_from(&self.doc, DocPos::default(), false, which)
            } else {
                select::last_before_unit(&self.doc, self.doc.unit_count(), which)
            };
            if let Some(t) = wrapped {
                let what = match t {
                    Target::Link { .. } => "link",
                    _ => "note anchor",
                };
                let end = if forward { "first" } else { "last" };
                self.message = Some(format!("wrapped to the {end} {what}"));
            }
            wrapped
        });
        match found {
            Some(t) => {
                self.selected = Some(t);
                self.ensure_visible(t.pos(&self.doc));
                if let Some(url) = t.url(&self.doc) {
                    let o = self.keymap.key_for(Action::OpenLink);
                    self.message = Some(format!("link: {url} ({o} opens it)"));
                }
                if let Some(Overlay::Preview { note, scroll }) = self.overlays.last_mut() {
                    if let Some(n) = t.note(&self.doc) {
                        *note = n;
                        *scroll = 0;
                    }
                }
            }
            None if which == select::Stops::NotesAndLinks => {
                self.message = Some("this document has no note anchors or links".into())
            }
            None => self.message = Some("this document has no note anchors".into()),
        }
    }

    /// Enter in reading mode.
    pub(super) fn activate(&mut self) {
        if !self.pending_number.is_empty() {
            let label = std::mem::take(&mut self.pending_number);
            let label = label.trim_start_matches('0');
            let label = if label.is_empty() { "0" } else { label };
            self.open_note_by_label(label);
            return;
        }
        match self.selected {
            Some(t @ Target::Anchor { .. }) => {
                if let Some(note) = t.note(&self.doc) {
                    if self.sidenotes_open() {
                        // The note is already beside the text: Enter goes to it.
                        self.jumps.record(self.location());
                        self.go_to_note_unit(note);
                    } else {
                        self.overlays.push(Overlay::Preview { note, scroll: 0 });
                    }
                }
            }
            Some(Target::Note(_)) => self.go_to_reference(),
            Some(Target::Link { .. }) => self.open_link(),
            None => {
                self.message = Some(format!(
                    "nothing selected: {} selects a note anchor",
                    self.keymap.key_for(Action::NextAnchor)
                ));
            }
        }
    }

    /// Open the preview of the note labelled `label`, scrolled to its first reference:
    /// the note of that label in the scope at the top of the view, else in the next
    /// scope that has one, else in any.
    pub fn open_note_by_label(&mut self, label: &str) {
        let scope = self.doc.scope_of_unit(self.top_pos().unit);
        let found = self
            .doc
            .note_from_scope(scope, label)
            .or_else(|| self.doc.note_from_scope(0, label));
        match found {
            Some(n) => self.show_note_in_context(n),
            None => self.message = Some(format!("there is no note {label} in this document")),
        }
    }

    /// Show note `n` where the text cites it (selected, with its preview open); a note
    /// nothing cites is shown in the Notes section instead.
    pub fn show_note_in_context(&mut self, n: usize) {
        self.jumps.record(self.location());
        match self.doc.references(n).first() {
            Some(&(block, anchor)) => {
                let t = Target::Anchor { block, anchor };
                self.selected = Some(t);
                self.ensure_visible(t.pos(&self.doc));
            }
            None => {
                self.go_to_note_unit(n);
                self.message = Some(format!(
                    "note {} is not cited in the text",
                    self.doc.notes[n].label
                ));
            }
        }
        if self.sidenotes_open() && matches!(self.selected, Some(Target::Anchor { .. })) {
            // The note column shows it beside its anchor, highlighted and whole.
            return;
        }
        self.overlays.push(Overlay::Preview { note: n, scroll: 0 });
    }

    /// Put note `n` of the Notes section at the top of the page, selected.
    fn go_to_note_unit(&mut self, n: usize) {
        let unit = self.doc.unit_of(Part::Note(n));
        let row = self.rows(|r| r.normalise(RowPos { unit, row: 0 }));
        self.set_top(row);
        self.selected = Some(Target::Note(n));
    }

    /// `r`: from a note (or an anchor), go to the place in the text that cites it; again,
    /// to the next place, cycling.
    pub(super) fn go_to_reference(&mut self) {
        let Some(note) = self.selected.and_then(|t| t.note(&self.doc)) else {
            self.message = Some(format!(
                "select a note first ({})",
                self.keymap.key_for(Action::NextAnchor)
            ));
            return;
        };
        let refs = self.doc.references(note);
        if refs.is_empty() {
            self.message = Some(format!(
                "note {} is not cited in the text",
                self.doc.notes[note].label
            ));
            return;
        }
        let next = match self.selected {
            Some(Target::Anchor { block, anchor }) => refs
                .iter()
                .position(|&r| r == (block, anchor))
                .map_or(0, |i| (i + 1) % refs.len()),
            _ => 0,
        };
        let (block, anchor) = refs[next];
        self.jumps.record(self.location());
        let t = Target::Anchor { block, anchor };
        self.selected = Some(t);
        self.ensure_visible(t.pos(&self.doc));
        self.message = Some(format!(
            "place {} of {} citing note {}",
            next + 1,
            refs.len(),
            self.doc.notes[note].label
        ));
    }

    pub(super) fn show_pending_number(&mut self) {
        self.message = if self.pending_number.is_empty() {
            None
        } else {
            // Shown as vim shows a count, with what the digits will do next: as many of
            // the hints as the status line holds, never one cut in the middle.
            let n = &self.pending_number;
            let key = |a| self.keymap.key_for(a);
            let hints = [
                format!("{}: note {n}", key(Action::Activate)),
                format!(
                    "{} {} {} {}…: {n} times",
                    key(Action::LineDown),
                    key(Action::LineUp),
                    key(Action::PageDown),
                    key(Action::SearchNext)
                ),
                format!("{}: {n} percent", key(Action::Percent)),
                format!("{}: line {n}", key(Action::Bottom)),
                format!("{} cancels", key(Action::Cancel)),
            ];
            let room = usize::from(self.screen.0).saturating_sub(super::motions::STATUS_RIGHT);
            let mut text = format!("{n}… ");
            for (i, hint) in hints.iter().enumerate() {
                let sep = if i == 0 { " " } else { " · " };
                if crate::layout::display_width(&text) + sep.chars().count() + hint.chars().count()
                    > room
                {
                    break;
                }
                text.push_str(sep);
                text.push_str(hint);
            }
            Some(text)
        };
    }

    pub(super) fn open_notes_index(&mut self) {
        if self.doc.notes.is_empty() {
            self.message = Some("this document has no notes".into());
            return;
        }
        let selected = self.selected.and_then(|t| t.note(&self.doc)).unwrap_or(0);
        self.overlays.push(Overlay::NotesIndex { selected });
    }

    pub(super) fn update_preview(&mut self, action: Action) {
        let page = self.page_height() / 2;
        match action {
            Action::LineDown | Action::WheelDown => self.scroll_preview(1, true),
            Action::LineUp | Action::WheelUp => self.scroll_preview(1, false),
            Action::PageDown | Action::HalfPageDown => self.scroll_preview(page.max(1), true),
            Action::PageUp | Action::HalfPageUp => self.scroll_preview(page.max(1), false),
            Action::Activate => {
                if let Some(Overlay::Preview { note, .. }) = self.overlays.pop() {
                    self.jumps.record(self.location());
                    self.go_to_note_unit(note);
                }
            }
            Action::NextAnchor => self.select_step(true),
            Action::PrevAnchor => self.select_step(false),
            Action::ToggleHelp => self.open_help(),
            Action::Copy => self.copy(false),
            Action::CopyCitation => self.copy(true),
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn scroll_preview(&mut self, n: usize, down: bool) {
        if let Some(Overlay::Preview { scroll, .. }) = self.overlays.last_mut() {
            *scroll = if down {
                scroll.saturating_add(n)
            } else {
                scroll.saturating_sub(n)
            };
        }
    }

    pub(super) fn update_notes_index(&mut self, action: Action) {
        let last = self.doc.notes.len().saturating_sub(1);
        let page = self.list_page();
        let Some(Overlay::NotesIndex { selected }) = self.overlays.last_mut() else {
            return;
        };
        if super::step_in_list(selected, last, page, action) {
            return;
        }
        match action {
            Action::Activate => {
                let n = *selected;
                self.overlays.pop();
                self.show_note_in_context(n);
            }
            Action::ToggleHelp => self.open_help(),
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// A mouse click at screen cell (`x`, `y`): clicking an anchor selects it and opens its
    /// preview; clicking a note label selects the note; clicking a note in the note column
    /// goes to it in the Notes section (a jump: Backspace comes back).
    pub fn click(&mut self, x: u16, y: u16) {
        // The note column is under any list or help box: only the page's own clicks then.
        let page_shown = self
            .overlays
            .iter()
            .all(|o| matches!(o, Overlay::Preview { .. }));
        if let Some(note) = self.margin_note_at(x, y).filter(|_| page_shown) {
            self.overlays
                .retain(|o| !matches!(o, Overlay::Preview { .. }));
            self.jumps.record(self.location());
            self.go_to_note_unit(note);
            self.message = Some(format!(
                "note {} ({} goes back)",
                self.doc.notes[note].label,
                self.keymap.key_for(Action::JumpBack)
            ));
            return;
        }
        let Some(target) = self.target_at(x, y) else {
            return;
        };
        self.overlays
            .retain(|o| !matches!(o, Overlay::Preview { .. }));
        self.selected = Some(target);
        if let (Target::Anchor { .. }, Some(note)) = (target, target.note(&self.doc)) {
            self.overlays.push(Overlay::Preview { note, scroll: 0 });
        }
    }

    /// What selectable thing is drawn at screen cell (`x`, `y`).
    pub fn target_at(&self, x: u16, y: u16) -> Option<Target> {
        let pos = *self.visible_rows().get(usize::from(y))?;
        let layout = self.layout(pos.unit);
        let row = layout.rows.get(pos.row)?;
        let start_x = self.column_left() + row.indent;
        // Preformatted rows are drawn scrolled (`hscroll_now`) and clipped.
        let skip = if layout.style == crate::layout::UnitStyle::Preformatted {
            usize::from(self.hscroll_now())
        } else {
            0
        };
        let col = usize::from(x.checked_sub(start_x)?) + skip;
        let text = &layout.display[row.range.clone()];
        let mut used = 0;
        let mut byte = None;
        for (i, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true) {
            let w = unicode_width::UnicodeWidthStr::width(g);
            if col < used + w.max(1) {
                byte = Some(row.range.start + i);
                break;
            }
            used += w;
        }
        let byte = byte?;
        let mark = layout.marks.iter().find(|m| m.range.contains(&byte))?;
        match (mark.kind, self.doc.part(pos.unit)) {
            (crate::layout::MarkKind::Anchor(anchor), Part::Block(block)) => {
                Some(Target::Anchor { block, anchor })
            }
            (crate::layout::MarkKind::NoteLabel, Part::Note(n)) => Some(Target::Note(n)),
            _ => None,
        }
    }
}
