//! `y` / `Y`: copy a note or a passage with its citation, or the citation alone; `o`:
//! open the selected link; `M`: mouse capture on / off. Each records an effect for the
//! terminal layer (see `effects`) and says what it did.

use super::effects::Effect;
use super::{App, Overlay, Target};
use crate::document::Part;

/// Most bytes of text one `y` puts on the clipboard: terminals refuse or cut longer OSC
/// 52 payloads (some at 100 000 bytes of base64), so a longer note is shortened at a word.
pub const MAX_COPY_BYTES: usize = 60_000;

/// What `y` copies.
struct Subject {
    /// The text as the reader sees it (anchor markers included).
    text: String,
    /// The note, when it is one (its label goes into the citation).
    note: Option<usize>,
}

impl App {
    /// The citation line: title; series and number; date; and for a note, its label
    /// (`note 7`, with the scope's name when notes are numbered per chapter).
    pub fn citation(&self, note: Option<usize>) -> String {
        let meta = &self.doc.meta;
        let mut parts = vec![self.display_title().trim().to_string()];
        match (&meta.series, &meta.number) {
            (Some(s), Some(n)) => parts.push(format!("{s} No. {n}")),
            (Some(s), None) => parts.push(s.clone()),
            (None, Some(n)) => parts.push(format!("No. {n}")),
            (None, None) => {}
        }
        if let Some(d) = meta.date_text.as_ref().or(meta.date.as_ref()) {
            parts.push(d.clone());
        }
        if let Some(n) = note {
            parts.push(format!("note {}", self.doc.note_name(n)));
        }
        parts.retain(|p| !p.is_empty());
        parts.join("; ")
    }

    /// The selected note (or the previewed one); else the passage of the current search
    /// match when it is on screen; else the passage at the top of the view.
    fn copy_subject(&self) -> Subject {
        let previewed = match self.overlays.last() {
            Some(Overlay::Preview { note, .. }) => Some(*note),
            _ => None,
        };
        let selected = self.selected.filter(|t| t.exists(&self.doc));
        if let Some(n) = previewed.or_else(|| selected.and_then(|t| t.note(&self.doc))) {
            let note = &self.doc.notes[n];
            let body = note
                .text
                .as_deref()
                .unwrap_or("(the text of this note is lost)");
            return Subject {
                text: format!("[{}] {body}", note.label),
                note: Some(n),
            };
        }
        let unit = self
            .current_match_on_screen()
            .or_else(|| selected.map(|t| t.unit(&self.doc)))
            .unwrap_or_else(|| self.passage_unit());
        if let Part::Note(n) = self.doc.part(unit) {
            let note = &self.doc.notes[n];
            return Subject {
                text: format!("[{}] {}", note.label, note.text.as_deref().unwrap_or("")),
                note: Some(n),
            };
        }
        // The display string: the model text with its note markers, as read.
        let text = self.layout(unit).display.clone();
        Subject { text, note: None }
    }

    /// The unit of the current search match, when it is highlighted and on screen.
    fn current_match_on_screen(&self) -> Option<usize> {
        let s = self.search.as_ref().filter(|s| s.highlight)?;
        let m = s.matches.get(s.current?)?;
        let row = self.row_of_pos(m.pos());
        self.visible_rows().contains(&row).then_some(m.unit)
    }

    /// `y` (`citation_only`: `Y`).
    pub(super) fn copy(&mut self, citation_only: bool) {
        if let Err(why) = &self.effects.clipboard {
            self.message = Some(format!("cannot copy: {why}"));
            return;
        }
        let subject = self.copy_subject();
        let citation = self.citation(subject.note);
        if citation_only {
            self.message = Some(format!("copied the citation: {citation}"));
            self.effects.push(Effect::Copy(citation));
            return;
        }
        let mut text = subject.text.trim().to_string();
        let mut shortened = false;
        if text.len() > MAX_COPY_BYTES {
            text = crate::layout::shorten_bytes_at_word(&text, MAX_COPY_BYTES);
            shortened = true;
        }
        let what = match subject.note {
            Some(n) => format!("note {}", self.doc.note_name(n)),
            None => format!(
                "the passage “{}”",
                crate::layout::shorten_at_word(&text, 32)
            ),
        };
        let cut = if shortened {
            format!(" (shortened to {} bytes)", text.len())
        } else {
            String::new()
        };
        self.message = Some(format!("copied {what} with its citation{cut}"));
        self.effects
            .push(Effect::Copy(format!("{text}\n\n{citation}")));
    }

    /// `o` (and `Enter` on a link): open the selected link.
    pub(super) fn open_link(&mut self) {
        let url = self.selected.and_then(|t| match t {
            Target::Link { .. } => t.url(&self.doc),
            _ => None,
        });
        let Some(url) = url else {
            self.message = Some(format!(
                "no link selected: {} selects links and note anchors",
                self.keymap.key_for(super::Action::NextAnchor)
            ));
            return;
        };
        match &self.effects.opener {
            Some(opener) => {
                self.message = Some(format!("opening {url} with {opener}"));
                self.effects.push(Effect::Open(url));
            }
            None => {
                self.message = Some(format!(
                    "no system opener (xdg-open or open) was found; the link is {url}"
                ));
            }
        }
    }

    /// `M`: capture the mouse, or leave it to the terminal so its own selection works.
    pub(super) fn toggle_mouse(&mut self) {
        let on = !self.effects.mouse;
        self.effects.mouse = on;
        self.effects.push(Effect::Mouse(on));
        let m = self.keymap.key_for(super::Action::ToggleMouse);
        self.message = Some(if on {
            format!("mouse on: the wheel scrolls, a click selects ({m}: off)")
        } else {
            format!("mouse off: the terminal selects text ({m}: on)")
        });
    }
}
