//! A config file's keys in the reader: a remapped key acts, and is the one help and every
//! hint name. Driven through the keymap (`press`), checked on the screen and status line.

mod support;

use sidenote::app::App;
use sidenote::config::Config;
use sidenote::store::{DocKey, Store};
use std::sync::Arc;
use support::*;

const REMAP: &str = r#"
[keys.reading]
undo = ["z"]
bookmark_list = ["L"]
toggle_help = ["H"]
toggle_sidenotes = ["s"]
top = ["Home"]

[keys.bookmarks]
undo = ["Ctrl-z"]
"#;

fn remapped(a: &mut App) {
    let (config, problems) = Config::from_text(REMAP, "config.toml");
    assert!(problems.is_empty(), "{problems:?}");
    a.keymap = Arc::new(config.keymap);
}

fn fixed_clock() -> u64 {
    1_900_000_000
}

#[test]
fn a_remapped_key_acts_and_the_old_one_is_free() {
    let mut a = app(notes_doc(), 100, 24);
    remapped(&mut a);
    press(&mut a, "H");
    assert!(screen(&a).contains("Keys"), "H opens help");
    press(&mut a, "Esc ?");
    assert!(!screen(&a).contains(" Keys"), "? no longer opens help");
    // The unbound-key hint, and the status line's corner, name the new help key.
    assert!(status(&a).contains("H for help"), "{}", status(&a));
    assert!(status(&a).ends_with("H help"), "{}", status(&a));
}

#[test]
fn help_lists_the_remapped_keys() {
    let mut a = app(notes_doc(), 100, 150);
    remapped(&mut a);
    press(&mut a, "H");
    let s = screen(&a).text();
    let line = s
        .lines()
        .find(|l| l.contains("undo the last bookmark change") && !l.contains("again"))
        .expect("the undo line");
    assert!(line.contains(" z "), "{line}");
    assert!(!line.contains(" U "), "{line}");
    let list = s
        .lines()
        .find(|l| l.contains("list bookmarks"))
        .expect("list");
    assert!(list.contains(" L "), "{list}");
}

#[test]
fn hints_in_messages_name_the_remapped_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = app(notes_doc(), 100, 24);
    remapped(&mut a);
    a.clock = fixed_clock;
    let key = DocKey::for_file(&dir.path().join("d.txt"), b"bytes");
    a.attach_store(Store::open_at(dir.path().join("data")), key);
    press(&mut a, "m");
    type_text(&mut a, "gauges");
    press(&mut a, "Enter");
    let st = status(&a);
    assert!(st.contains("L lists bookmarks · z undoes"), "{st}");
    press(&mut a, "z");
    assert!(status(&a).contains("undone"), "{}", status(&a));
    // In the list, the list's own undo key.
    press(&mut a, "C-r L d y");
    let st = status(&a);
    assert!(st.contains("Ctrl-z undoes"), "{st}");
    press(&mut a, "Esc s");
    assert!(
        status(&a).contains("(s hides it)") || status(&a).contains("(s shows it)"),
        "{}",
        status(&a)
    );
    press(&mut a, "G j");
    assert!(
        status(&a).contains("(Home goes to the top)"),
        "{}",
        status(&a)
    );
}

#[test]
fn an_unbound_action_is_named_by_its_config_name() {
    let mut a = app(notes_doc(), 100, 24);
    let (config, problems) = Config::from_text("[keys.reading]\ntoggle_help = []\n", "c");
    assert!(problems.is_empty(), "{problems:?}");
    a.keymap = Arc::new(config.keymap);
    press(&mut a, "?");
    assert!(
        status(&a).contains("<toggle_help> for help"),
        "{}",
        status(&a)
    );
}
