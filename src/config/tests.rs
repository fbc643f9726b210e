use super::*;
use crate::app::Action;

fn problems(text: &str) -> Vec<String> {
    Config::from_text(text, "config.toml")
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_defaults_have_no_problem_and_bind_every_action() {
    let mut config = Config::defaults();
    config.keymap = Keymap::unbound();
    let found = parse::apply(&mut config, DEFAULTS, DEFAULTS_NAME, false);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(config, Config::defaults());
    assert!(!config.sidenotes_from_file);
    for b in config.keymap.bindings() {
        assert!(!b.keys.is_empty(), "{:?} unbound in {:?}", b.action, b.mode);
    }
}

#[test]
fn the_user_file_is_merged_over_the_defaults() {
    let (config, found) = Config::from_text(
        "theme = \"light\"\nwidth = 66\n\n[keys.reading]\nundo = [\"u\", \"U\"]\nquit = \"x\"\n",
        "config.toml",
    );
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(config.theme, ThemeName::Light);
    assert_eq!(config.width, 66);
    // Not written: as the defaults.
    assert!(config.mouse);
    assert_eq!(config.sidenotes, SidenoteMode::Auto);
    let km = &config.keymap;
    assert_eq!(km.keys(Mode::Reading, Action::Undo), ["u", "U"]);
    assert_eq!(km.keys(Mode::Reading, Action::Quit), ["x"]);
    // `u` was half a page up's: it keeps only its other key.
    assert_eq!(km.keys(Mode::Reading, Action::HalfPageUp), ["Ctrl-u"]);
    // Other modes keep their own keys.
    assert_eq!(km.keys(Mode::Bookmarks, Action::Undo), ["u"]);
    assert_eq!(km.keys(Mode::Help, Action::Cancel), ["Esc", "?", "q", "F1"]);
}

#[test]
fn precedence_of_the_note_column_flag_file_remembered_default() {
    let defaults = Config::defaults();
    let (off, _) = Config::from_text("sidenotes = \"off\"\n", "c");
    // The command line wins over everything.
    assert_eq!(
        off.sidenote_mode(Some(SidenoteMode::On), Some(true)),
        SidenoteMode::On
    );
    // The file wins over the remembered `S`.
    assert_eq!(off.sidenote_mode(None, Some(true)), SidenoteMode::Off);
    // Without it in the file, the remembered choice wins over the default.
    assert_eq!(defaults.sidenote_mode(None, Some(true)), SidenoteMode::On);
    assert_eq!(defaults.sidenote_mode(None, Some(false)), SidenoteMode::Off);
    assert_eq!(defaults.sidenote_mode(None, None), SidenoteMode::Auto);
}

#[test]
fn every_kind_of_problem_is_reported_at_its_line_and_column() {
    let text = "\
theme = \"blue\"
colour = true
width = 0
mouse = \"yes\"
sidenotes = 3

[keys.readin]
quit = [\"q\"]

[keys.reading]
nex_note = [\"Tab\"]
quit = [\"q\", \"Ctrl-\"]
yes = [\"y\"]
undo = 5
";
    assert_eq!(
        problems(text),
        [
            "config.toml:1:9: unknown theme \"blue\" (known: dark, light, high-contrast)",
            "config.toml:2:1: unknown setting \"colour\" (known: theme, width, sidenotes, mouse, keys)",
            "config.toml:3:9: width 0 is out of range (1 to 1000)",
            "config.toml:4:9: mouse must be true or false, not \"yes\"",
            "config.toml:5:13: sidenotes must be \"auto\", \"on\" or \"off\", not integer",
            "config.toml:7:7: unknown key table [keys.readin] (did you mean \"reading\"?) (known: reading, preview, notes_index, outline, search_prompt, label_prompt, bookmarks, confirm, library, help, help_search)",
            "config.toml:11:1: unknown action \"nex_note\" in [keys.reading] (did you mean \"next_note\"?): docs/keys.md lists them",
            "config.toml:12:14: unknown key name \"Ctrl-\" (as in `j`, `Ctrl-f`, `PgDn`, `F1`, `Shift-Tab`)",
            "config.toml:13:1: yes does nothing in [keys.reading]: see docs/keys.md",
            "config.toml:14:8: keys must be a list of key names, not integer",
        ]
    );
}

#[test]
fn the_rest_of_a_file_with_problems_still_applies() {
    let (config, found) = Config::from_text(
        "theme = \"blue\"\nwidth = 70\n[keys.reading]\nquit = [\"q\", \"Ctrl-\"]\nundo = [\"z\"]\n",
        "c",
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(config.theme, ThemeName::Dark);
    assert_eq!(config.width, 70);
    // A list with a bad key is skipped whole: quit keeps its defaults.
    assert_eq!(
        config.keymap.keys(Mode::Reading, Action::Quit),
        ["q", "Ctrl-c"]
    );
    assert_eq!(config.keymap.keys(Mode::Reading, Action::Undo), ["z"]);
}

#[test]
fn a_syntax_error_is_reported_where_it_is() {
    let found = problems("width = 70\ntheme = \"dark\nmouse = false\n");
    assert!(!found.is_empty());
    assert!(found[0].starts_with("config.toml:2:"), "{found:?}");
    assert!(found[0].contains("not valid TOML"), "{found:?}");
    let found = problems("[keys.reading\nquit = [\"x\"]\n");
    assert!(found[0].starts_with("config.toml:1:"), "{found:?}");
}

#[test]
fn a_key_name_given_first_is_explained() {
    let found = problems("[keys.reading]\nq = \"quit\"\n");
    assert_eq!(
        found,
        ["config.toml:2:1: unknown action \"q\" in [keys.reading] (the action's name comes first: `quit = [\"q\"]`): docs/keys.md lists them"]
    );
}

#[test]
fn the_effective_config_reads_back_as_itself() {
    let (config, _) = Config::from_text(
        "theme = \"high-contrast\"\nmouse = false\n[keys.reading]\nundo = [\"z\", \"'\"]\n",
        "c",
    );
    let text = config.to_toml();
    assert!(text.contains("theme = \"high-contrast\"\n"), "{text}");
    assert!(
        text.contains("undo = [\"z\", \"'\"]  # undo the last bookmark change\n"),
        "{text}"
    );
    let (again, found) = Config::from_text(&text, "effective");
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(again.keymap, config.keymap);
    assert_eq!(again.theme, config.theme);
    assert!(!again.mouse);
}

#[test]
fn a_missing_file_is_the_defaults_and_an_unreadable_one_a_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = load(Some(&dir.path().join("config.toml")));
    assert!(loaded.problems.is_empty());
    assert!(loaded.path.is_none());
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, b"width = 70\n\xff\n").expect("write");
    let loaded = load(Some(&bad));
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!((loaded.problems[0].line, loaded.problems[0].column), (2, 1));
    // A directory where the file should be.
    let loaded = load(Some(dir.path()));
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
}

#[test]
fn colour_follows_the_option_then_no_color_then_the_terminal() {
    use ColourWhen::*;
    assert!(colour_wanted(None, None, true));
    assert!(!colour_wanted(None, Some("1"), true));
    assert!(
        colour_wanted(None, Some(""), true),
        "empty NO_COLOR does not count"
    );
    assert!(!colour_wanted(Some(Auto), None, false));
    assert!(colour_wanted(Some(Always), Some("1"), false));
    assert!(!colour_wanted(Some(Never), None, true));
}

#[test]
fn a_typing_key_cannot_be_bound_in_a_prompt() {
    let (config, found) = Config::from_text(
        "[keys.search_prompt]\nclear_line = [\"x\"]\ntoggle_regex = [\"Ctrl-x\"]\n",
        "config.toml",
    );
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["config.toml:2:15: \"x\" types itself in [keys.search_prompt]: bound, it could not be typed"]
    );
    assert_eq!(
        config.keymap.keys(Mode::Prompt, Action::ClearLine),
        ["Ctrl-u"]
    );
    assert_eq!(
        config.keymap.keys(Mode::Prompt, Action::ToggleRegex),
        ["Ctrl-x"]
    );
}

#[test]
fn a_typo_gets_a_suggestion() {
    assert_eq!(
        problems("widht = 70\n"),
        ["config.toml:1:1: unknown setting \"widht\" (did you mean \"width\"?) (known: theme, width, sidenotes, mouse, keys)"]
    );
    assert_eq!(
        problems("theme = \"hight-contrast\"\n"),
        ["config.toml:1:9: unknown theme \"hight-contrast\" (did you mean \"high-contrast\"?) (known: dark, light, high-contrast)"]
    );
}

#[test]
fn the_defaults_document_each_action_with_its_help() {
    // Each key line of assets/config.toml ends with the action's help text, so the file
    // `config --default` prints says what each line does; this keeps the two together.
    let mut mode = None;
    let mut documented = 0;
    for line in DEFAULTS.lines() {
        if let Some(name) = line
            .strip_prefix("[keys.")
            .and_then(|l| l.strip_suffix(']'))
        {
            mode = Mode::from_name(name);
            continue;
        }
        let (Some(mode), Some((name, rest))) = (mode, line.split_once(" = ")) else {
            continue;
        };
        let action = Action::from_name(name).expect("a known action");
        let help = rest.split_once("  # ").map(|(_, h)| h).unwrap_or("");
        let row = crate::keymap::ROWS
            .iter()
            .find(|r| r.mode == mode && r.action == action)
            .expect("a row");
        assert_eq!(help, row.help, "{name} in [keys.{}]", mode.name());
        documented += 1;
    }
    assert_eq!(documented, crate::keymap::ROWS.len());
}
