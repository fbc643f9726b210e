//! A one-line text field (search query, bookmark label): text and a cursor, edited by
//! actions, never splitting a character.

use super::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Byte offset into `text`, always on a char boundary.
    pub cursor: usize,
}

impl LineEdit {
    pub fn with_text(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// Apply an editing action; returns whether the text changed. Other actions are ignored.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Insert(c) if !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                true
            }
            Action::DeleteBack => match self.text[..self.cursor].char_indices().next_back() {
                Some((i, _)) => {
                    self.text.replace_range(i..self.cursor, "");
                    self.cursor = i;
                    true
                }
                None => false,
            },
            Action::CursorLeft => {
                if let Some((i, _)) = self.text[..self.cursor].char_indices().next_back() {
                    self.cursor = i;
                }
                false
            }
            Action::CursorRight => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                false
            }
            Action::ClearLine => {
                let changed = !self.text.is_empty();
                self.text.clear();
                self.cursor = 0;
                changed
            }
            _ => false,
        }
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_never_splits_a_character() {
        let mut e = LineEdit::default();
        for c in "Kazań".chars() {
            e.apply(Action::Insert(c));
        }
        e.apply(Action::CursorLeft);
        e.apply(Action::DeleteBack);
        assert_eq!(e.text, "Kazń");
        e.apply(Action::CursorRight);
        e.apply(Action::DeleteBack);
        assert_eq!(e.text, "Kaz");
        assert!(e.apply(Action::ClearLine));
        assert!(!e.apply(Action::DeleteBack));
    }
}
