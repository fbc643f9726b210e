//! One config file applied over a `Config`, setting by setting: the `toml` crate's
//! spanned parse keeps where every key and value is, so a bad one is reported at its line
//! and column and skipped, and the rest of the file still applies.

use super::{mode_names, Config, Problem, ThemeName};
use crate::app::{Action, SidenoteMode};
use crate::keymap::{parse_key, Mode, DIGITS};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The settings a file may hold, for "unknown setting" messages.
const SETTINGS: &[&str] = &["theme", "width", "sidenotes", "mouse", "keys"];

struct Report<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn at(&mut self, span: Range<usize>, message: String) {
        let (line, column) = super::line_column(self.text, span.start);
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            message,
        });
    }
}

/// The entries of a table in the order the file has them (the parsed map is sorted by
/// name; for keys, the later line wins, so order matters).
fn in_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// Apply `text` (a file named `file`) to `config`; the problems found, in no set order.
/// `user`: the user's file (its `sidenotes` then wins over the remembered choice).
pub fn apply(config: &mut Config, text: &str, file: &str, user: bool) -> Vec<Problem> {
    let mut report = Report {
        text,
        file,
        problems: Vec::new(),
    };
    let (table, errors) = DeTable::parse_recoverable(text);
    for e in errors {
        let message = e.message().trim().to_string();
        report.at(
            e.span().unwrap_or(0..0),
            format!("not valid TOML: {message}"),
        );
    }
    for (key, value) in in_order(table.get_ref()) {
        let span = value.span();
        match key.get_ref().as_ref() {
            "theme" => match value.get_ref().as_str() {
                Some(name) => match ThemeName::from_name(name) {
                    Some(t) => config.theme = t,
                    None => report.at(
                        span,
                        format!(
                            "unknown theme {name:?}{} (known: dark, light, high-contrast)",
                            did_you_mean(name, ThemeName::ALL.iter().map(|t| t.name()))
                        ),
                    ),
                },
                None => report.at(span, expected("theme", "a string", value.get_ref())),
            },
            "width" => match integer(value.get_ref()) {
                Some(n @ 1..=1000) => config.width = n as u16,
                Some(n) => report.at(span, format!("width {n} is out of range (1 to 1000)")),
                None => report.at(span, expected("width", "a whole number", value.get_ref())),
            },
            "sidenotes" => {
                let mode = match value.get_ref().as_str() {
                    Some("auto") => Some(SidenoteMode::Auto),
                    Some("on") => Some(SidenoteMode::On),
                    Some("off") => Some(SidenoteMode::Off),
                    _ => None,
                };
                match mode {
                    Some(m) => {
                        config.sidenotes = m;
                        config.sidenotes_from_file |= user;
                    }
                    None => report.at(
                        span,
                        format!(
                            "sidenotes must be \"auto\", \"on\" or \"off\", not {}",
                            shown(value.get_ref())
                        ),
                    ),
                }
            }
            "mouse" => match value.get_ref().as_bool() {
                Some(b) => config.mouse = b,
                None => report.at(span, expected("mouse", "true or false", value.get_ref())),
            },
            "keys" => match value.get_ref().as_table() {
                Some(modes) => keys(config, modes, &mut report),
                None => report.at(span, expected("keys", "a table", value.get_ref())),
            },
            other => report.at(
                key.span(),
                format!(
                    "unknown setting {other:?}{} (known: {})",
                    did_you_mean(other, SETTINGS.iter().copied()),
                    SETTINGS.join(", ")
                ),
            ),
        }
    }
    report.problems
}

/// `[keys.MODE]` tables: `action = ["key", …]` (or one key as a string).
fn keys(config: &mut Config, modes: &DeTable<'_>, report: &mut Report<'_>) {
    for (mode_key, actions) in in_order(modes) {
        let mode_name = mode_key.get_ref().as_ref();
        let Some(mode) = Mode::from_name(mode_name) else {
            report.at(
                mode_key.span(),
                format!(
                    "unknown key table [keys.{mode_name}]{} (known: {})",
                    did_you_mean(mode_name, mode_names().into_iter()),
                    mode_names().join(", ")
                ),
            );
            continue;
        };
        let Some(actions) = actions.get_ref().as_table() else {
            report.at(
                actions.span(),
                expected(&format!("keys.{mode_name}"), "a table", actions.get_ref()),
            );
            continue;
        };
        for (action_key, list) in in_order(actions) {
            let name = action_key.get_ref().as_ref();
            let action = match Action::from_name(name) {
                Some(a) if config.keymap.offers(mode, a) => a,
                Some(_) => {
                    report.at(
                        action_key.span(),
                        format!("{name} does nothing in [keys.{mode_name}]: see docs/keys.md"),
                    );
                    continue;
                }
                None => {
                    let offered = config
                        .keymap
                        .bindings_for(mode)
                        .filter_map(|b| b.action.name());
                    let hint = if parse_key(name).is_some() {
                        " (the action's name comes first: `quit = [\"q\"]`)".to_string()
                    } else {
                        did_you_mean(name, offered)
                    };
                    report.at(
                        action_key.span(),
                        format!("unknown action {name:?} in [keys.{mode_name}]{hint}: docs/keys.md lists them"),
                    );
                    continue;
                }
            };
            if let Some(keys) = key_list(list, mode, action, report) {
                config.keymap.set_keys(mode, action, keys);
            }
        }
    }
}

/// The key names of one action; `None` (reported) when any is wrong, so a typo never
/// leaves an action with half its keys.
fn key_list(
    list: &Spanned<DeValue<'_>>,
    mode: Mode,
    action: Action,
    report: &mut Report<'_>,
) -> Option<Vec<String>> {
    let items: Vec<&Spanned<DeValue<'_>>> = match list.get_ref() {
        DeValue::String(_) => vec![list],
        DeValue::Array(items) => items.iter().collect(),
        other => {
            report.at(list.span(), expected("keys", "a list of key names", other));
            return None;
        }
    };
    let mut keys = Vec::new();
    let mut ok = true;
    for item in items {
        match item.get_ref().as_str() {
            Some(k) if k == DIGITS && action != Action::Digit(0) => {
                report.at(item.span(), format!("{DIGITS} is for count only"));
                ok = false;
            }
            Some(k) if typed_in(mode, k) => {
                report.at(
                    item.span(),
                    format!(
                        "{k:?} types itself in [keys.{}]: bound, it could not be typed",
                        mode.name()
                    ),
                );
                ok = false;
            }
            Some(k) if k == DIGITS || parse_key(k).is_some() => keys.push(k.to_string()),
            Some(k) => {
                report.at(
                    item.span(),
                    format!(
                        "unknown key name {k:?} (as in `j`, `Ctrl-f`, `PgDn`, `F1`, `Shift-Tab`)"
                    ),
                );
                ok = false;
            }
            None => {
                report.at(item.span(), expected("a key", "a string", item.get_ref()));
                ok = false;
            }
        }
    }
    ok.then_some(keys)
}

/// Whether `key` is a character a prompt types (so binding it there would lose it).
fn typed_in(mode: Mode, key: &str) -> bool {
    let typing = matches!(
        mode,
        Mode::Prompt | Mode::Label | Mode::HelpFind | Mode::Library
    );
    let plain_char = parse_key(key).is_some_and(|k| {
        matches!(k.code, crossterm::event::KeyCode::Char(_))
            && (k.modifiers - crossterm::event::KeyModifiers::SHIFT).is_empty()
    });
    typing && (plain_char || key == DIGITS)
}

/// ` (did you mean "width"?)` when one of `known` is close to `word` (a typo), else "".
fn did_you_mean<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

fn integer(value: &DeValue<'_>) -> Option<i64> {
    let n = value.as_integer()?;
    i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok()
}

fn shown(value: &DeValue<'_>) -> String {
    match value.as_str() {
        Some(s) => format!("{s:?}"),
        None => value.type_str().to_string(),
    }
}

fn expected(what: &str, wanted: &str, got: &DeValue<'_>) -> String {
    format!("{what} must be {wanted}, not {}", shown(got))
}
