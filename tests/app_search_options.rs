//! The search prompt's options, driven through the real keymap: `Ctrl-t` (accents
//! count: exact characters), `Ctrl-s` (scope), both shown in the prompt and on the
//! status line and honoured by counts and `n`/`N`; and the label prompt, where none of
//! the search keys may act.

mod support;

use sidenote::app::{App, Overlay};
use sidenote::document::{Block, BlockKind, Document, Meta, Note, Part};
use sidenote::search::Scope;
use support::*;

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.into(),
        ..Block::default()
    }
}

/// A body with typeset punctuation, a caption and notes, each holding the word `weir`.
fn typeset_doc() -> Document {
    let mut blocks = vec![
        block(BlockKind::Heading, "On the weir"),
        block(
            BlockKind::Paragraph,
            "The editor’s note on the north–south weir, and the cœur of it…",
        ),
    ];
    for i in 0..12 {
        blocks.push(block(
            BlockKind::Paragraph,
            &format!("Filler paragraph {i} about gauges and quotas."),
        ));
    }
    blocks.push(block(BlockKind::Caption, "Figure 2: the weir at dawn"));
    blocks.push(block(BlockKind::Paragraph, "A last weir in the body."));
    Document {
        meta: Meta {
            title: Some("Weir Reports".into()),
            ..Meta::default()
        },
        blocks,
        notes: (1..=3)
            .map(|i| Note {
                label: i.to_string().into(),
                text: Some(format!("Note {i} on the weir.").into()),
                ..Note::default()
            })
            .collect(),
        ..Document::default()
    }
}

/// The `N` of "match _ of N" or 0 for "not found".
fn count(line: &str) -> usize {
    if line.contains("not found") {
        return 0;
    }
    let at = line
        .find(" of ")
        .unwrap_or_else(|| panic!("no count in {line:?}"));
    line[at + 4..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no count in {line:?}"))
}

#[test]
fn ctrl_t_makes_every_character_count_and_back() {
    let mut a = app(typeset_doc(), 100, 20);
    press(&mut a, "/");
    for q in ["editor's", "north-south", "coeur", "it..."] {
        press(&mut a, "C-u");
        type_text(&mut a, q);
        assert_eq!(count(&status(&a)), 1, "{q:?} folds: {}", status(&a));
        press(&mut a, "C-t");
        let s = status(&a);
        assert!(s.contains("[accents count]"), "the prompt says so: {s}");
        assert!(s.contains("not found"), "{q:?} exact: {s}");
        let opts = a.search.as_ref().expect("a search").opts;
        assert!(opts.exact && opts.scope == Scope::All, "{opts:?}");
        press(&mut a, "C-t");
        assert_eq!(count(&status(&a)), 1, "{q:?} folds again");
        assert!(!status(&a).contains("accents count"));
    }
    // Exact, the typeset characters themselves still match; Enter keeps the option on the
    // status line and for n.
    press(&mut a, "C-u C-t");
    type_text(&mut a, "editor’s");
    press(&mut a, "Enter");
    let s = status(&a);
    assert!(
        s.starts_with("match 1 of 1: editor’s [accents count]"),
        "{s}"
    );
    press(&mut a, "n");
    assert!(status(&a).contains("[accents count]"), "{}", status(&a));
    // The next search starts with the last one's options, as less does.
    press(&mut a, "/");
    assert!(status(&a).contains("[accents count]"), "{}", status(&a));
    press(&mut a, "Esc");
    // Not found names the option that may be why.
    press(&mut a, "/");
    type_text(&mut a, "coeur");
    press(&mut a, "Enter");
    assert!(
        status(&a).starts_with("not found: coeur [accents count]"),
        "{}",
        status(&a)
    );
}

#[test]
fn an_uppercase_letter_turns_off_only_case_folding() {
    let mut a = app(typeset_doc(), 100, 20);
    press(&mut a, "/");
    type_text(&mut a, "The editor's");
    assert_eq!(count(&status(&a)), 1, "{}", status(&a));
    press(&mut a, "C-u");
    type_text(&mut a, "the Editor's");
    assert_eq!(count(&status(&a)), 0, "case counts: {}", status(&a));
    press(&mut a, "C-u");
    type_text(&mut a, "Figure 2: the weir");
    assert_eq!(count(&status(&a)), 1);
}

#[test]
fn ctrl_s_cycles_the_scope_and_counts_and_n_follow_it() {
    let mut a = app(typeset_doc(), 100, 20);
    press(&mut a, "/");
    type_text(&mut a, "weir");
    // Title, heading, paragraph, caption, last paragraph, three notes.
    assert_eq!(count(&status(&a)), 8, "{}", status(&a));
    let expected = [
        ("[body only]", 4, Scope::Body),
        ("[notes only]", 3, Scope::Notes),
        ("[captions only]", 1, Scope::Captions),
    ];
    for (flag, n, scope) in expected {
        press(&mut a, "C-s");
        let s = status(&a);
        assert!(s.contains(flag), "the prompt shows the scope: {s}");
        assert_eq!(count(&s), n, "{flag}: {s}");
        assert_eq!(a.search.as_ref().map(|s| s.opts.scope), Some(scope));
    }
    press(&mut a, "C-s");
    assert_eq!(count(&status(&a)), 8, "back to all text");
    assert!(!status(&a).contains('['), "{}", status(&a));

    // Notes only, confirmed: the status line says so, and n/N stay in the notes.
    press(&mut a, "C-s C-s Enter");
    assert!(
        status(&a).contains("of 3: weir [notes only]"),
        "{}",
        status(&a)
    );
    for key in ["n", "n", "n", "n", "N", "N"] {
        press(&mut a, key);
        let s = a.search.as_ref().expect("a search");
        let m = s.matches.get(s.current.expect("a current match")).unwrap();
        assert!(
            matches!(a.doc.part(m.unit), Part::Note(_)),
            "{key}: {:?}",
            a.doc.part(m.unit)
        );
        assert!(status(&a).contains("[notes only]"), "{}", status(&a));
        assert_eq!(count(&status(&a)), 3);
    }
}

#[test]
fn captions_only_finds_only_captions() {
    let mut a = app(typeset_doc(), 100, 20);
    press(&mut a, "/ C-s C-s C-s");
    type_text(&mut a, "dawn");
    press(&mut a, "Enter");
    assert!(
        status(&a).starts_with("match 1 of 1: dawn [captions only]"),
        "{}",
        status(&a)
    );
    press(&mut a, "/ C-u");
    type_text(&mut a, "gauges");
    assert!(status(&a).contains("not found"), "{}", status(&a));
}

/// Everything search-related that is now in the app, to see that a label prompt
/// changed none of it.
fn search_state(a: &App) -> String {
    format!("{:?} {:?}", a.search, a.history)
}

#[test]
fn the_label_prompt_is_not_the_search_prompt() {
    let mut a = app(typeset_doc(), 100, 20);
    press(&mut a, "/");
    type_text(&mut a, "weir");
    press(&mut a, "Enter");
    let before = search_state(&a);
    press(&mut a, "m");
    assert!(matches!(a.overlays.last(), Some(Overlay::Label(_))));
    assert_eq!(a.mode(), sidenote::keymap::Mode::Label);
    // Keys that search in the search prompt or in reading: here they type, or do nothing.
    type_text(&mut a, "/n");
    press(&mut a, "C-s C-t C-r Up Down");
    type_text(&mut a, "N?");
    let Some(Overlay::Label(p)) = a.overlays.last() else {
        panic!("still the label prompt");
    };
    assert_eq!(p.edit.text, "/nN?", "printable keys are the label's text");
    assert_eq!(search_state(&a), before, "no search state changed");
    let s = status(&a);
    assert!(s.starts_with("Bookmark label: /nN?"), "{s}");
    assert!(!s.contains("scope") && !s.contains('['), "{s}");
    press(&mut a, "Esc");
    assert!(a.overlays.is_empty());
    assert_eq!(search_state(&a), before);
    // And the search prompt still has its keys.
    press(&mut a, "/ C-s");
    assert!(status(&a).contains("[body only]"), "{}", status(&a));
}
