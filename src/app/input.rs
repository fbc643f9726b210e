//! Terminal events → actions. Keys go through the keymap table; the mouse wheel scrolls.

use super::{Action, App};
use crate::keymap;
use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

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
        if let Some(action) = keymap::lookup(self.mode(), key) {
            self.update(action);
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) {
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
