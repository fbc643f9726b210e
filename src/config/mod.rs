//! The configuration: sidenote's defaults (`assets/config.toml`, built in) with the user's
//! file (`$XDG_CONFIG_HOME/sidenote/config.toml`) merged on top → [`Config`]: the keymap,
//! the theme, the column width, the note column and mouse capture.
//!
//! UI-free: the terminal layer reads the file (`load`), tests pass text (`from_text`).
//! A problem in the user's file never stops the reader: each one is a [`Problem`] with
//! its line and column, and everything else in the file still applies.

mod parse;
mod problem;

pub use problem::{line_column, Problem};

use crate::app::SidenoteMode;
use crate::keymap::{Keymap, Mode, SECTIONS};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The defaults, documented: what `sidenote config --default` prints.
pub const DEFAULTS: &str = include_str!("../../assets/config.toml");

/// The name problems in the built-in defaults would carry (a test keeps it free of them).
const DEFAULTS_NAME: &str = "defaults";

/// The look of the reader: one of three palettes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For a dark terminal background.
    #[default]
    Dark,
    /// For a light one.
    Light,
    /// Strong colours and attributes, for low vision or a washed-out screen.
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// How the reader is drawn: the theme, and whether colour is allowed at all (`NO_COLOR`,
/// `--color never`: attributes alone then tell things apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appearance {
    pub theme: ThemeName,
    pub colour: bool,
}

impl Default for Appearance {
    fn default() -> Self {
        Appearance {
            theme: ThemeName::Dark,
            colour: true,
        }
    }
}

/// Whether to draw in colour: `--color always` yes, `never` no, `auto` (or no option)
/// when standard output is a terminal and `NO_COLOR` is unset or empty
/// (<https://no-color.org>: an empty value does not count).
pub fn colour_wanted(when: Option<ColourWhen>, no_color: Option<&str>, stdout_tty: bool) -> bool {
    match when.unwrap_or(ColourWhen::Auto) {
        ColourWhen::Always => true,
        ColourWhen::Never => false,
        ColourWhen::Auto => stdout_tty && no_color.is_none_or(str::is_empty),
    }
}

/// `--color`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourWhen {
    Auto,
    Always,
    Never,
}

/// The configuration in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    /// The text column's widest (`--width` wins).
    pub width: u16,
    /// The note column at start.
    pub sidenotes: SidenoteMode,
    /// Whether the user's file set `sidenotes`: then it wins over the remembered `S`.
    pub sidenotes_from_file: bool,
    /// Mouse capture at start (`--no-mouse` wins).
    pub mouse: bool,
    pub keymap: Keymap,
}

static BUILT_IN: LazyLock<Config> = LazyLock::new(|| {
    let mut config = Config {
        theme: ThemeName::Dark,
        width: crate::app::DEFAULT_COLUMN,
        sidenotes: SidenoteMode::Auto,
        sidenotes_from_file: false,
        mouse: true,
        keymap: Keymap::unbound(),
    };
    // The defaults are tested to have no problem; were one there, the rest still applies.
    let _ = parse::apply(&mut config, DEFAULTS, DEFAULTS_NAME, false);
    config
});

/// What `load` found: the configuration, the file it read (if any) and its problems.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

impl Config {
    /// The built-in defaults alone.
    pub fn defaults() -> Config {
        BUILT_IN.clone()
    }

    /// The defaults with the text of a user's file merged on top; `file` names it in
    /// problems. Problems are in the order of the file.
    pub fn from_text(text: &str, file: &str) -> (Config, Vec<Problem>) {
        let mut config = Config::defaults();
        let mut problems = parse::apply(&mut config, text, file, true);
        problems.sort_by_key(|p| (p.line, p.column));
        (config, problems)
    }

    /// The note column at start: the command line, then the user's file, then what `S`
    /// last left (`remembered`), then the defaults.
    pub fn sidenote_mode(
        &self,
        flag: Option<SidenoteMode>,
        remembered: Option<bool>,
    ) -> SidenoteMode {
        match (flag, remembered) {
            (Some(mode), _) => mode,
            (None, _) if self.sidenotes_from_file => self.sidenotes,
            (None, Some(true)) => SidenoteMode::On,
            (None, Some(false)) => SidenoteMode::Off,
            (None, None) => self.sidenotes,
        }
    }

    /// The configuration as a TOML file (what `sidenote config` prints): every setting and
    /// every action's keys, so it can be copied as a starting point.
    pub fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let sidenotes = match self.sidenotes {
            SidenoteMode::Auto => "auto",
            SidenoteMode::On => "on",
            SidenoteMode::Off => "off",
        };
        let mut out = String::new();
        out.push_str(&format!("theme = {}\n", quote(self.theme.name())));
        out.push_str(&format!("width = {}\n", self.width));
        if !self.sidenotes_from_file {
            // Copied into a file as it is, the line would win over what `S` remembers.
            out.push_str("# (from the defaults: left out of your file, `S` is remembered)\n");
        }
        out.push_str(&format!("sidenotes = {}\n", quote(sidenotes)));
        out.push_str(&format!("mouse = {}\n", self.mouse));
        for (mode, _) in SECTIONS {
            out.push_str(&format!("\n[keys.{}]\n", mode.name()));
            for b in self.keymap.bindings_for(*mode) {
                let Some(name) = b.action.name() else {
                    continue;
                };
                let keys: Vec<String> = b.keys.iter().map(|k| quote(k)).collect();
                out.push_str(&format!("{name} = [{}]  # {}\n", keys.join(", "), b.help));
            }
        }
        out
    }
}

/// Where the user's file is: `$XDG_CONFIG_HOME/sidenote/config.toml` on Linux (the
/// platform's config directory elsewhere); `None` when there is no home to find.
pub fn user_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sidenote").map(|d| d.config_dir().join("config.toml"))
}

/// Read the user's file at `path` (none there: the defaults, no problem). A file that
/// cannot be read is one problem, at its start.
pub fn load(path: Option<&Path>) -> Loaded {
    let Some(path) = path else {
        return Loaded {
            config: Config::defaults(),
            path: None,
            problems: Vec::new(),
        };
    };
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let (config, problems) = Config::from_text(&text, &name);
                Loaded {
                    config,
                    path: Some(path.to_path_buf()),
                    problems,
                }
            }
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes());
                let at = e.utf8_error().valid_up_to();
                let (line, column) = line_column(&text, at);
                Loaded {
                    config: Config::defaults(),
                    path: Some(path.to_path_buf()),
                    problems: vec![Problem {
                        file: name,
                        line,
                        column,
                        message: "not UTF-8 text: the file is ignored".into(),
                    }],
                }
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded {
            config: Config::defaults(),
            path: None,
            problems: Vec::new(),
        },
        Err(e) => Loaded {
            config: Config::defaults(),
            path: Some(path.to_path_buf()),
            problems: vec![Problem {
                file: name,
                line: 1,
                column: 1,
                message: format!("cannot be read ({e}): the file is ignored"),
            }],
        },
    }
}

/// The config table of a mode, for messages.
pub(crate) fn mode_names() -> Vec<&'static str> {
    SECTIONS.iter().map(|(m, _)| Mode::name(*m)).collect()
}

#[cfg(test)]
mod tests;
