//! Bookmarks are never lost by accident: random key sequences drawn from the whole
//! keymap (with typed text, resizes and quit/reopen cycles between them), run against a
//! store on disk. A bookmark disappears only through a removal confirmed with `y` (or
//! an undo / redo that reverses an add / repeats such a removal), a bookmark that comes
//! back is exactly what was removed, and undoing everything returns the store to what
//! it held when the session began.

mod support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use sidenote::app::App;
use sidenote::keymap::{parse_key, Keymap, Mode};
use sidenote::store::{Bookmark, DocKey, Store};
use std::collections::BTreeMap;
use std::path::Path;
use support::{app, notes_doc, status};

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    /// A sequence a reader would type (`support::press` syntax), for useful depth.
    Keys(&'static str),
    Type(String),
    Resize(u16, u16),
    /// `q` and open the same document again (resuming, or as with `--top`).
    Reopen {
        top: bool,
    },
}

fn every_bound_key() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = Vec::new();
    for b in Keymap::builtin().bindings() {
        for name in &b.keys {
            if let Some(k) = parse_key(name) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    keys
}

fn plain(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn step() -> impl Strategy<Value = Step> {
    // The bookmark keys, more often than the rest, so that removals and undo happen.
    let bookmark_keys: Vec<KeyEvent> = ['m', 'D', 'y', 'U', 'u', '\'', 'd', '`', 'a', 'b', 'r']
        .into_iter()
        .map(plain)
        .chain([
            KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        ])
        .collect();
    const HABITS: &[&str] = &[
        "m Enter",
        "m my Space label Enter",
        "Space m y Enter",
        "m a Enter",
        "G m b Enter",
        "D y",
        "D Enter",
        "' d y",
        "' j d y",
        "' d Enter",
        "' r x Enter",
        "' u",
        "' C-r",
        "U",
        "C-r",
        "` a",
        "' ` b",
    ];
    prop_oneof![
        12 => prop::sample::select(HABITS).prop_map(Step::Keys),
        8 => prop::sample::select(every_bound_key()).prop_map(Step::Key),
        8 => prop::sample::select(bookmark_keys).prop_map(Step::Key),
        2 => (0u8..10).prop_map(|d| Step::Key(plain(char::from(b'0' + d)))),
        3 => "[a-z y]{1,8}|[ab]|my label".prop_map(Step::Type),
        1 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => any::<bool>().prop_map(|top| Step::Reopen { top }),
    ]
}

fn key_of(dir: &Path) -> DocKey {
    DocKey::for_file(&dir.join("doc.txt"), b"the same bytes every time")
}

fn open(dir: &Path, top: bool, size: (u16, u16)) -> App {
    let mut a = app(notes_doc(), size.0, size.1);
    a.clock = || 1_900_000_000;
    if let Some(pos) = a.attach_store(Store::open_at(dir.join("data")), key_of(dir)) {
        if !top {
            a.resume_at(pos);
        }
    }
    a
}

/// The bookmarks on disk by id.
fn on_disk(dir: &Path) -> BTreeMap<String, Bookmark> {
    Store::open_at(dir.join("data"))
        .find_record(&key_of(dir))
        .expect("the store reads")
        .map(|r| r.bookmarks)
        .unwrap_or_default()
        .into_iter()
        .map(|mut b| {
            b.at = Default::default();
            (b.id.clone(), b)
        })
        .collect()
}

fn is(k: &KeyEvent, c: char, mods: KeyModifiers) -> bool {
    k.code == KeyCode::Char(c) && (k.modifiers - KeyModifiers::SHIFT) == mods
}

/// Close whatever is open, then undo until there is nothing left to undo.
fn undo_everything(a: &mut App) {
    // Big enough for the status line to be drawn.
    support::keys::event(a, Event::Resize(100, 24));
    for _ in 0..6 {
        support::keys::event(
            a,
            Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        );
    }
    for _ in 0..2000 {
        support::keys::event(a, Event::Key(plain('U')));
        if status(a).starts_with("nothing to undo") {
            return;
        }
    }
    panic!("undo never ran out: {:?}", support::screen(a));
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let mut size = (100, 24);
    let mut a = open(dir, false, size);
    let mut session_start = on_disk(dir);
    // Every bookmark removed with `y`, as it was.
    let mut removed: BTreeMap<String, Bookmark> = BTreeMap::new();
    for (i, s) in steps.iter().enumerate() {
        let mut keys = Vec::new();
        match s {
            Step::Key(k) => keys.push(*k),
            Step::Type(t) => keys.extend(t.chars().map(plain)),
            Step::Keys(seq) => keys.extend(support::parse_keys(seq)),
            Step::Resize(w, h) => {
                size = (*w, *h);
                support::keys::event(&mut a, Event::Resize(*w, *h));
            }
            Step::Reopen { top } => {
                a.save_position().map_err(TestCaseError::fail)?;
                a = open(dir, *top, size);
                session_start = on_disk(dir);
            }
        }
        for k in &keys {
            let mode = a.mode();
            let was = on_disk(dir);
            support::keys::event(&mut a, Event::Key(*k));
            let now = on_disk(dir);
            let gone: Vec<&String> = was.keys().filter(|id| !now.contains_key(*id)).collect();
            let confirmed = mode == Mode::Confirm && is(k, 'y', KeyModifiers::NONE);
            let undo_redo = (matches!(mode, Mode::Reading) && is(k, 'U', KeyModifiers::NONE))
                || (mode == Mode::Bookmarks && is(k, 'u', KeyModifiers::NONE))
                || (matches!(mode, Mode::Reading | Mode::Bookmarks)
                    && is(k, 'r', KeyModifiers::CONTROL));
            prop_assert!(
                gone.is_empty() || ((confirmed || undo_redo) && gone.len() == 1),
                "step {i}: {k:?} in {mode:?} removed {gone:?}"
            );
            if confirmed {
                for id in gone {
                    removed.insert(id.clone(), was[id].clone());
                }
            }
            for (id, b) in &now {
                if !was.contains_key(id) {
                    if let Some(old) = removed.get(id) {
                        prop_assert_eq!(b, old, "step {}: {} came back changed", i, id);
                    }
                }
            }
            if a.quit {
                a.save_position().map_err(TestCaseError::fail)?;
                a = open(dir, false, size);
                session_start = on_disk(dir);
            }
            a.suspend_requested = false;
        }
    }
    undo_everything(&mut a);
    let end = on_disk(dir);
    // Undoing a moved mark restores its place; everything else is byte for byte.
    prop_assert_eq!(
        end.keys().collect::<Vec<_>>(),
        session_start.keys().collect::<Vec<_>>(),
        "undoing everything gives back the session's first bookmarks"
    );
    for (id, b) in &end {
        let was = &session_start[id];
        prop_assert_eq!(
            (&b.label, &b.excerpt, b.created, &b.pos),
            (&was.label, &was.excerpt, was.created, &was.pos),
            "bookmark {} after undoing everything",
            id
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn bookmarks_disappear_only_through_a_confirmed_removal_and_undo_restores_them(
        steps in prop::collection::vec(step(), 1..60),
    ) {
        run(&steps)?;
    }
}
