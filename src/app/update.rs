//! `update`: the one place state changes.

use super::{Action, App, Overlay};

impl App {
    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        // A message lives until the next action, like less's prompt-line messages.
        self.message = None;
        self.pending_mark = false;
        if action == Action::Suspend {
            self.suspend_requested = true;
            return;
        }
        let before = (self.top, self.column_width());
        self.update_overlay_or_page(action);
        if (self.top, self.column_width()) != before {
            self.moved = true;
        }
    }

    fn update_overlay_or_page(&mut self, action: Action) {
        match self.overlays.last().cloned() {
            Some(Overlay::Help { .. }) => self.update_help(action),
            Some(Overlay::HelpFind(_)) => self.update_help_find(action),
            Some(Overlay::Preview { .. }) => self.update_preview(action),
            Some(Overlay::NotesIndex { .. }) => self.update_notes_index(action),
            Some(Overlay::Search(_)) => self.update_prompt(action),
            Some(Overlay::Label(_)) => self.update_label(action),
            Some(Overlay::ConfirmRemove { .. }) => self.update_confirm(action),
            Some(Overlay::Bookmarks { .. }) => self.update_bookmark_list(action),
            Some(Overlay::Outline { .. }) => self.update_outline(action),
            None => self.update_reading(action),
        }
    }

    fn update_reading(&mut self, action: Action) {
        if self.defer_while_reading(action) {
            return;
        }
        self.scroll_on_preview(action, |app| app.reading_action(action));
    }

    fn reading_action(&mut self, action: Action) {
        let page = self.page_height();
        // Digits build a count for the next key (`5j`, `50%`, `120G`); Enter reads them as
        // a note number and Backspace erases one, so those two leave them in place.
        let count = match action {
            Action::Digit(_) | Action::Activate | Action::JumpBack => None,
            _ => self.take_count(),
        };
        if let Some(n) = count {
            if self.update_counted(action, n) {
                return;
            }
        }
        match action {
            Action::LineDown => self.scroll_key(1, true),
            Action::LineUp => self.scroll_key(1, false),
            Action::WheelDown => self.scroll_down(3),
            Action::WheelUp => self.scroll_up(3),
            Action::PageDown => self.scroll_key(page.saturating_sub(1).max(1), true),
            Action::PageUp => self.scroll_key(page.saturating_sub(1).max(1), false),
            Action::HalfPageDown => self.scroll_key((page / 2).max(1), true),
            Action::HalfPageUp => self.scroll_key((page / 2).max(1), false),
            Action::Top => {
                self.jumps.record(self.location());
                let first = self.rows(|r| r.first());
                self.set_top(first);
            }
            Action::Bottom => {
                self.jumps.record(self.location());
                let max = self.rows(|r| r.max_top(page));
                self.set_top(max);
            }
            Action::ToggleHelp => self.open_help(),
            Action::Cancel => {
                if self.selected.take().is_none() {
                    if let Some(s) = self.search.as_mut() {
                        s.highlight = false;
                    }
                }
            }
            Action::Quit => self.quit = true,
            Action::NextAnchor => self.select_step(true),
            Action::PrevAnchor => self.select_step(false),
            Action::Activate => self.activate(),
            Action::GoToReference => self.go_to_reference(),
            Action::NotesIndex => self.open_notes_index(),
            Action::JumpBack => {
                if self.pending_number.pop().is_some() {
                    self.show_pending_number();
                } else {
                    self.jump_back();
                }
            }
            Action::JumpForward => self.jump_forward(),
            Action::Search => self.open_search_prompt(),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Insert(_)
            | Action::DeleteBack
            | Action::CursorLeft
            | Action::CursorRight
            | Action::ClearLine
            | Action::HistoryPrev
            | Action::HistoryNext
            | Action::ToggleRegex
            | Action::ToggleExact
            | Action::CycleScope
            | Action::Delete
            | Action::Rename
            | Action::Yes
            | Action::CycleSort
            | Action::SwitchList
            | Action::Forget
            | Action::Suspend => {}
            Action::Library => self.back_to_library(),
            Action::ScrollLeft => self.scroll_sideways(false),
            Action::ScrollRight => self.scroll_sideways(true),
            Action::ToggleSidenotes => self.toggle_sidenotes(),
            Action::Percent => {
                self.message = Some(
                    "type a number first: 50 then p (or the percent key) goes half way".into(),
                );
            }
            Action::NextHeading => self.structure_step(super::motions::Landmark::Heading, true, 1),
            Action::PrevHeading => self.structure_step(super::motions::Landmark::Heading, false, 1),
            Action::NextCaption => self.structure_step(super::motions::Landmark::Caption, true, 1),
            Action::PrevCaption => self.structure_step(super::motions::Landmark::Caption, false, 1),
            Action::Outline => self.open_outline(),
            Action::GoToNotes => self.go_to_notes(),
            Action::WhereAmI => self.where_am_i(),
            Action::Reload => self.request_reload(),
            Action::Copy => self.copy(false),
            Action::CopyCitation => self.copy(true),
            Action::OpenLink => self.open_link(),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Bookmark => self.mark_passage(),
            Action::RemoveHere => self.remove_here(),
            Action::Undo => self.undo_change(),
            Action::Redo => self.redo_change(false),
            Action::MarkPrefix => self.start_mark_prefix(),
            Action::GoToMark(c) => self.go_to_mark(c),
            Action::BookmarkList => self.open_bookmark_list(),
            Action::Digit(d) => {
                if self.pending_number.len() < 9 {
                    self.pending_number.push(char::from(b'0' + d.min(9)));
                }
                self.show_pending_number();
            }
        }
    }

    /// The terminal changed size: reflow, keeping the passage at the top of the page.
    pub fn resize(&mut self, width: u16, height: u16) {
        let keep = self.top_pos();
        self.screen = (width, height);
        if width >= super::SIDENOTES_ON {
            self.sidenotes_auto_open = true;
        } else if width < super::SIDENOTES_OFF {
            self.sidenotes_auto_open = false;
        }
        let row = self.row_of_pos(keep);
        self.set_top(row);
    }

    /// `S`: open or close the note column, keeping the passage at the top of the page.
    /// It flips between shown and hidden whatever the mode (from `Auto` too: what the
    /// reader sees is what flips) and the store remembers which. Where the column has no
    /// room, S flips the wish (`On` / `Off`) and says it will open once the pair fits.
    pub(super) fn toggle_sidenotes(&mut self) {
        let keep = self.top_pos();
        let s = self.keymap.key_for(Action::ToggleSidenotes);
        if self.sidenotes_open() {
            self.sidenote_mode = super::SidenoteMode::Off;
            self.message = Some(format!("note column hidden ({s} shows it)"));
        } else if self.screen.0 >= super::SIDENOTES_OFF {
            self.sidenote_mode = super::SidenoteMode::On;
            self.message = Some(format!("note column shown ({s} hides it)"));
        } else if self.sidenote_mode == super::SidenoteMode::On {
            // Asked for but with no room: S takes the wish back, so it can be undone here.
            self.sidenote_mode = super::SidenoteMode::Off;
            self.message = Some(format!("note column off ({s} asks for it again)"));
        } else {
            self.sidenote_mode = super::SidenoteMode::On;
            self.message = Some(format!(
                "no room for the note column yet: it opens from {} columns",
                super::SIDENOTES_OFF
            ));
        }
        // Remembered as shown or hidden (never as `Auto`): the next reader opens the same.
        let shown = self.sidenote_mode == super::SidenoteMode::On;
        if self.store.is_some() {
            self.effects
                .store(super::effects::StoreWrite::SidenotesChoice(shown));
        }
        let row = self.row_of_pos(keep);
        self.set_top(row);
    }

    pub(super) fn scroll_down(&mut self, n: usize) {
        let next = self.rows(|r| r.forward(self.top, n));
        self.set_top(next);
    }

    pub(super) fn scroll_up(&mut self, n: usize) {
        let prev = self.rows(|r| r.backward(self.top, n));
        self.set_top(prev);
    }

    fn jump_back(&mut self) {
        match self.jumps.back(self.location()) {
            Some(loc) => self.restore_location(loc),
            None => self.message = Some("nothing to go back to".into()),
        }
    }

    fn jump_forward(&mut self) {
        match self.jumps.forward() {
            Some(loc) => self.restore_location(loc),
            None => self.message = Some("nothing to go forward to".into()),
        }
    }
}
