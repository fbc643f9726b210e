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
        if self.defer_key_while_reading(key) {
            return;
        }
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
            let action = match self.keymap.lookup(mode, key) {
                Some(Action::Yes) => Action::Yes,
                _ => Action::Cancel,
            };
            self.update(action);
            return;
        }
        match self.keymap.lookup(mode, key) {
            Some(action) => self.update(action),
            // In a prompt, keys are text; anywhere else a key that does nothing says so.
            None if !matches!(mode, Mode::Prompt | Mode::Label | Mode::HelpFind) => {
                self.unbound_key(mode, key)
            }
            None => {}
        }
    }

    /// A key with no binding in this mode: say so briefly, as less does, instead of
    /// silence. A key bound elsewhere (a reading key in a list) is "nothing here".
    fn unbound_key(&mut self, mode: Mode, key: KeyEvent) {
        let Some(name) = keymap::key_name(key) else {
            return;
        };
        // A count was being typed: an unbound key ends it, as in vim.
        self.pending_number.clear();
        let way_out = match mode {
            Mode::Reading => format!("{} for help", self.keymap.key_for(Action::ToggleHelp)),
            Mode::Help => format!(
                "{} closes the help",
                self.keymap.key_in(mode, Action::Cancel)
            ),
            Mode::Preview => format!(
                "{} closes the note",
                self.keymap.key_in(mode, Action::Cancel)
            ),
            _ => format!(
                "{} closes the list",
                self.keymap.key_in(mode, Action::Cancel)
            ),
        };
        self.message = Some(if self.keymap.bound_anywhere(key) {
            format!("{name}: nothing here — {way_out}")
        } else {
            format!("no binding for {name} — {way_out}")
        });
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        // Keys are waiting for the whole document: a click or the wheel would act
        // before them (a note popup opened then would hold the whole document back).
        if self.keys_wait_while_reading() {
            return;
        }
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
