//! Terminal events → actions. Keys go through the keymap table; the mouse wheel scrolls.

use super::{Action, App};
use crate::keymap::{self, Mode};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

impl App {
    /// Handle one terminal event.
    pub fn on_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Event::Mouse(mouse) => self.on_mouse(mouse),
            Event::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        // After `` ` ``: a letter names a mark; any other key only cancels.
        if std::mem::take(&mut self.pending_mark) {
            match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                        && c.is_alphabetic() =>
                {
                    self.update(Action::GoToMark(c));
                }
                _ => self.message = None,
            }
            return;
        }
        let mode = self.mode();
        if mode == Mode::Confirm {
            // Only `y` confirms; every other key, Enter included, means No and is not
            // carried out as a command.
            let action = match keymap::lookup(mode, key) {
                Some(Action::Yes) => Action::Yes,
                _ => Action::Cancel,
            };
            self.update(action);
            return;
        }
        if let Some(action) = keymap::lookup(mode, key) {
            self.update(action);
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        if self.mode() == Mode::Confirm {
            // A question is answered No by anything but `y`, a click included.
            if matches!(
                mouse.kind,
                MouseEventKind::Down(_) | MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
            ) {
                self.update(Action::Cancel);
            }
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.update(Action::WheelDown),
            MouseEventKind::ScrollUp => self.update(Action::WheelUp),
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                self.message = None;
                self.click(mouse.column, mouse.row);
            }
            _ => {}
        }
    }
}
