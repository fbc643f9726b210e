//! What the reader remembered between sessions (the config file, `crate::config`, holds
//! what the user chose and wins over it): today only whether the note column is shown,
//! as `S` last left it. Written like everything else in the store: locked, re-read,
//! replaced atomically.

use super::error::StoreWarning;
use super::record::Versioned;
use super::{Store, StoreError};
use serde::{Deserialize, Serialize};

/// The settings file in the store directory.
pub const SETTINGS_FILE: &str = "settings.json";
/// Its format version.
pub const SETTINGS_VERSION: u64 = 1;

const SAVE_SETTINGS: &str = "save settings";
const READ_SETTINGS: &str = "read settings";

/// `settings.json`: `{"version": 1, "sidenotes": "on"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsFile {
    pub version: u64,
    /// `"on"` or `"off"`: the note column as `S` last left it. Kept as text so a value a
    /// later sidenote writes (say `"auto"`) reads as "no choice" instead of a damaged file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidenotes: Option<String>,
    /// Settings a later sidenote wrote, kept through a rewrite by this one.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Default for SettingsFile {
    fn default() -> Self {
        SettingsFile {
            version: SETTINGS_VERSION,
            sidenotes: None,
            other: serde_json::Map::new(),
        }
    }
}

impl Versioned for SettingsFile {
    const VERSION: u64 = SETTINGS_VERSION;
}

impl Store {
    /// The note column as `S` last left it: `Some(true)` shown, `Some(false)` hidden,
    /// `None` when never chosen. A problem reading the file is queued as a warning
    /// (`take_warnings`) and reads as no choice: the reader opens as it would without one.
    pub fn sidenotes_choice(&self) -> Option<bool> {
        let mut warnings = Vec::new();
        let read =
            self.read::<SettingsFile>(SETTINGS_FILE, READ_SETTINGS, self.now(), &mut warnings);
        let choice = match read {
            Ok((file, _lock)) => match file.sidenotes.as_deref() {
                Some("on") => Some(true),
                Some("off") => Some(false),
                _ => None,
            },
            Err(e) => {
                warnings.push(StoreWarning::Failed(e));
                None
            }
        };
        self.queue(warnings);
        choice
    }

    /// Remember the note column shown (`true`) or hidden. Other settings in the file, and
    /// fields this version does not know, are left as they are.
    pub fn set_sidenotes_choice(&self, shown: bool) -> Result<(), StoreError> {
        let value = if shown { "on" } else { "off" };
        self.update(SETTINGS_FILE, SAVE_SETTINGS, |file: &mut SettingsFile| {
            let changed = file.sidenotes.as_deref() != Some(value);
            file.sidenotes = Some(value.to_string());
            ((), changed)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_is_written_read_and_unknown_settings_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_at(dir.path().join("data"));
        assert_eq!(store.sidenotes_choice(), None);
        assert!(!store.dir().exists(), "reading creates nothing");
        store.set_sidenotes_choice(false).expect("save");
        assert_eq!(store.sidenotes_choice(), Some(false));
        // A later sidenote's setting, and a value this one does not know.
        std::fs::write(
            store.settings_path(),
            r#"{"version": 1, "sidenotes": "auto", "theme": "dark"}"#,
        )
        .expect("write");
        assert_eq!(store.sidenotes_choice(), None, "unknown value: no choice");
        store.set_sidenotes_choice(true).expect("save");
        assert_eq!(store.sidenotes_choice(), Some(true));
        let text = std::fs::read_to_string(store.settings_path()).expect("read");
        assert!(text.contains(r#""theme": "dark""#), "kept: {text}");
        assert!(store.take_warnings().is_empty());
    }

    #[test]
    fn a_damaged_file_is_set_aside_and_reads_as_no_choice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_at(dir.path()).with_clock(|| 1_900_000_000);
        std::fs::write(store.settings_path(), "not json").expect("write");
        assert_eq!(store.sidenotes_choice(), None);
        let warnings = store.take_warnings();
        assert!(
            matches!(warnings.as_slice(), [StoreWarning::SetAside { .. }]),
            "{warnings:?}"
        );
        assert!(dir.path().join("settings.json.corrupt-1900000000").exists());
    }
}
