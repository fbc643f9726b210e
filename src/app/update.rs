//! `update`: the one place state changes.

use super::{Action, App, Overlay};

impl App {
    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        // A message lives until the next action, like less's prompt-line messages.
        self.message = None;
        if let Some(Overlay::Help { scroll }) = self.overlays.last_mut() {
            match action {
                Action::LineDown | Action::WheelDown => *scroll += 1,
                Action::LineUp | Action::WheelUp => *scroll = scroll.saturating_sub(1),
                Action::Cancel | Action::ToggleHelp | Action::Quit => {
                    self.overlays.pop();
                }
                _ => {}
            }
            return;
        }
        let page = self.page_height();
        match action {
            Action::LineDown => self.scroll_down(1),
            Action::LineUp => self.scroll_up(1),
            Action::WheelDown => self.scroll_down(3),
            Action::WheelUp => self.scroll_up(3),
            Action::PageDown => self.scroll_down(page.saturating_sub(1).max(1)),
            Action::PageUp => self.scroll_up(page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.scroll_down((page / 2).max(1)),
            Action::HalfPageUp => self.scroll_up((page / 2).max(1)),
            Action::Top => {
                let first = self.rows(|r| r.first());
                self.set_top(first);
            }
            Action::Bottom => {
                let max = self.rows(|r| r.max_top(page));
                self.set_top(max);
            }
            Action::ToggleHelp => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Cancel => {}
            Action::Quit => self.quit = true,
        }
    }

    /// The terminal changed size: reflow, keeping the passage at the top of the page.
    pub fn resize(&mut self, width: u16, height: u16) {
        let keep = self.top_pos();
        self.screen = (width, height);
        let row = self.row_of_pos(keep);
        self.set_top(row);
    }

    fn scroll_down(&mut self, n: usize) {
        let next = self.rows(|r| r.forward(self.top, n));
        self.set_top(next);
    }

    fn scroll_up(&mut self, n: usize) {
        let prev = self.rows(|r| r.backward(self.top, n));
        self.set_top(prev);
    }
}
