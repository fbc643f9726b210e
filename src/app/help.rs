//! The help overlay as a pager: it opens at the section of the place it was opened from,
//! pages like the reading view (`Space`, `b`, `g`, `G`), and is searched with `/` and `n`.

use super::line_edit::LineEdit;
use super::{Action, App, Overlay};
use crate::keymap;

/// Typing a search in the help overlay: the text, and where help was when it opened
/// (`Esc` goes back there).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelpFind {
    pub edit: LineEdit,
    pub origin: usize,
}

impl App {
    /// Open help at the section of the keys that apply now (the notes index's, the
    /// bookmark list's, the prompt's…); the reading keys come first, at the top.
    pub(super) fn open_help(&mut self) {
        let scroll = self
            .keymap
            .help_section_line(self.mode())
            .min(self.help_max_scroll());
        self.overlays.push(Overlay::Help {
            scroll,
            query: String::new(),
        });
    }

    /// Rows of help text the overlay shows at once: the screen less the status line and
    /// the box's borders (as `ui::help` draws it).
    pub fn help_page(&self) -> usize {
        usize::from(self.screen.1).saturating_sub(3).max(1)
    }

    fn help_max_scroll(&self) -> usize {
        self.keymap
            .help_line_count()
            .saturating_sub(self.help_page())
    }

    pub(super) fn update_help(&mut self, action: Action) {
        let max = self.help_max_scroll();
        let page = self.help_page().saturating_sub(1).max(1);
        let Some(Overlay::Help { scroll, query }) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::LineDown | Action::WheelDown => *scroll = (*scroll + 1).min(max),
            Action::LineUp | Action::WheelUp => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = (*scroll + page).min(max),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::HalfPageDown => *scroll = (*scroll + page / 2).min(max),
            Action::HalfPageUp => *scroll = scroll.saturating_sub(page / 2),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max,
            Action::Search => {
                let origin = *scroll;
                self.overlays.push(Overlay::HelpFind(Box::new(HelpFind {
                    edit: LineEdit::default(),
                    origin,
                })));
            }
            Action::SearchNext | Action::SearchPrev => {
                let query = query.clone();
                let from = *scroll;
                self.help_find_step(&query, from, action == Action::SearchNext);
            }
            Action::Cancel | Action::ToggleHelp | Action::Quit => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    /// Typing in the help search: each key moves to the first line holding the text,
    /// from where the search began; `Enter` keeps it for `n` / `N`, `Esc` goes back.
    pub(super) fn update_help_find(&mut self, action: Action) {
        let Some(Overlay::HelpFind(find)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Activate => {
                let text = find.edit.text.clone();
                self.overlays.pop();
                if let Some(Overlay::Help { query, scroll }) = self.overlays.last_mut() {
                    if text.is_empty() {
                        // Enter alone: the last help search again, as in less.
                        let (q, from) = (query.clone(), *scroll);
                        self.help_find_step(&q, from, true);
                    } else {
                        *query = text;
                    }
                }
            }
            Action::Cancel => {
                let origin = find.origin;
                self.overlays.pop();
                self.set_help_scroll(origin);
            }
            Action::DeleteBack if find.edit.text.is_empty() => {
                let origin = find.origin;
                self.overlays.pop();
                self.set_help_scroll(origin);
            }
            Action::Quit => self.quit = true,
            other => {
                if find.edit.apply(other) {
                    let (text, origin) = (find.edit.text.clone(), find.origin);
                    match help_match(&self.keymap, &text, origin, true, true) {
                        Some(line) => self.set_help_scroll(line),
                        None if text.is_empty() => self.set_help_scroll(origin),
                        None => self.message = Some(format!("not in the help: {text}")),
                    }
                }
            }
        }
    }

    /// `n` / `N` in help: the next (previous) line holding `query` after (before) `from`.
    fn help_find_step(&mut self, query: &str, from: usize, forward: bool) {
        if query.is_empty() {
            self.message = Some(format!(
                "no help search yet: {} searches the help",
                self.keymap.key_in(keymap::Mode::Help, Action::Search)
            ));
            return;
        }
        match help_match(&self.keymap, query, from, forward, false) {
            Some(line) => self.set_help_scroll(line),
            None => self.message = Some(format!("not in the help: {query}")),
        }
    }

    /// Scroll the help overlay under the topmost overlay (or at the top) to `line`.
    fn set_help_scroll(&mut self, line: usize) {
        let max = self.help_max_scroll();
        if let Some(Overlay::Help { scroll, .. }) = self
            .overlays
            .iter_mut()
            .rev()
            .find(|o| matches!(o, Overlay::Help { .. }))
        {
            *scroll = line.min(max);
        }
    }
}

/// The help line holding `query` (ignoring case) at or after `from` (`inclusive`) or
/// strictly after / before it, wrapping around.
pub fn help_match(
    keymap: &keymap::Keymap,
    query: &str,
    from: usize,
    forward: bool,
    inclusive: bool,
) -> Option<usize> {
    if query.is_empty() {
        return None;
    }
    let lines = keymap.help_lines();
    let n = lines.len();
    let hit = |i: usize| contains_ignoring_case(&lines[i].text, query);
    let start = if inclusive { 0 } else { 1 };
    (start..=n).find_map(|k| {
        let i = if forward {
            (from + k) % n
        } else {
            (from + n * 2 - k) % n
        };
        hit(i).then_some(i)
    })
}

/// Case-insensitive containment (the help is short: a lowercase copy is cheap).
pub fn contains_ignoring_case(text: &str, query: &str) -> bool {
    text.to_lowercase().contains(&query.to_lowercase())
}
