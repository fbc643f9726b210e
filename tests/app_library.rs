//! The library, driven as a reader drives it: keys through the real keymap
//! (`Shell::on_event`, what the event loop calls), the screen drawn on a test backend,
//! files written to a temp directory, the store in another, the clock injected.

mod support;

use crossterm::event::Event;
use sidenote::app::App;
use sidenote::library::shell::{Origin, Shell};
use sidenote::store::{fingerprint, FileStamp, Store};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use support::parse_keys;

thread_local! {
    /// Each test runs on its own thread: its own clock.
    static NOW: Cell<u64> = const { Cell::new(1_900_000_000) };
}

fn clock() -> u64 {
    NOW.with(Cell::get)
}

fn advance(secs: u64) {
    NOW.with(|n| n.set(n.get() + secs));
}

const FERRY: &str = "May 29, 2031 Special Dispatch No. 90417\n\n\
    Ferry Timetable Dispute\n\n\
    May 29, 2031\n\
    Norvale Coast | Special Dispatch No. 90417\n\n\
    The harbour council of Norvale voted on Tuesday to cut the winter ferry service.[1]\n\n\
    Fishermen said they would be stranded on the quay until noon every day.[2]\n\n\
    Notes\n\n\
    [1] Council minutes.\n\
    [2] Interviews at the quay.\n";

const CANAL: &str = "# The Old Canal At Brisk\n\n\
    The canal was dug in 1820 and closed in 1960.[^1]\n\n\
    [^1]: Brisk town archive.\n";

const GAUGES: &str = "March 4, 2030 Inquiry and Analysis No. 77\n\n\
    Gauges On The Upper River\n\n\
    March 4, 2030\n\
    Upper Basin | Inquiry and Analysis No. 77\n\n\
    Three new gauges were installed on the upper river this spring.[1]\n\n\
    Notes\n\n\
    [1] Water board report.\n";

struct World {
    _tmp: tempfile::TempDir,
    docs: PathBuf,
    data: PathBuf,
}

fn world() -> World {
    let tmp = tempfile::tempdir().expect("temp dir");
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs dir");
    for (name, text) in [
        ("ferry.txt", FERRY),
        ("canal.md", CANAL),
        ("gauges.txt", GAUGES),
    ] {
        std::fs::write(docs.join(name), text).expect("write fixture");
    }
    std::fs::write(docs.join("notes.bin"), b"not a document").expect("write");
    let data = tmp.path().join("data");
    World {
        _tmp: tmp,
        docs,
        data,
    }
}

impl World {
    fn store(&self) -> Store {
        Store::open_at(&self.data).with_clock(clock)
    }

    fn shell(&self, origin: Origin) -> Shell {
        Shell::new(
            origin,
            Some(self.store()),
            clock,
            (100, 20),
            80,
            Box::new(|_: &mut App| {}),
        )
        .expect("library")
    }

    fn dir_shell(&self) -> Shell {
        self.shell(Origin::Paths(vec![self.docs.clone()]))
    }

    fn path(&self, name: &str) -> PathBuf {
        std::fs::canonicalize(self.docs.join(name)).expect("fixture exists")
    }
}

fn press(shell: &mut Shell, seq: &str) {
    for k in parse_keys(seq) {
        shell.on_event(Event::Key(k));
    }
}

fn type_text(shell: &mut Shell, text: &str) {
    for c in text.chars() {
        shell.on_event(Event::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
}

fn screen(shell: &Shell) -> Vec<String> {
    let (w, h) = shell.size;
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| {
        sidenote::ui::draw_shell(shell, f);
    })
    .expect("draw");
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

fn shows(shell: &Shell, needle: &str) -> bool {
    screen(shell).iter().any(|r| r.contains(needle))
}

/// The titles of the document rows, top to bottom.
fn listed(shell: &Shell) -> Vec<String> {
    let lib = &shell.library;
    lib.document_rows()
        .iter()
        .map(|&i| lib.entries[i].title.clone())
        .collect()
}

#[test]
fn a_directory_lists_its_documents_and_typing_filters_them() {
    let w = world();
    let mut shell = w.dir_shell();
    let s = screen(&shell);
    assert!(s[0].contains("3 documents"), "{s:#?}");
    for title in [
        "Ferry Timetable Dispute",
        "The Old Canal At Brisk",
        "Gauges On The Upper River",
    ] {
        assert!(shows(&shell, title), "{title} listed:\n{s:#?}");
    }
    assert!(!shows(&shell, "notes.bin"), "not a format sidenote reads");
    assert!(shows(&shell, "2030-03-04"), "the date column");
    assert!(
        shows(&shell, "Special Dispatch No. 90417"),
        "series and number"
    );
    // The wheel and the arrows move the selection.
    let wheel = |kind| {
        Event::Mouse(crossterm::event::MouseEvent {
            kind,
            column: 5,
            row: 5,
            modifiers: crossterm::event::KeyModifiers::NONE,
        })
    };
    shell.on_event(wheel(crossterm::event::MouseEventKind::ScrollDown));
    press(&mut shell, "Down");
    assert_eq!(shell.library.selected, 2);
    press(&mut shell, "Down Up");
    assert_eq!(shell.library.selected, 1);
    shell.on_event(wheel(crossterm::event::MouseEventKind::ScrollUp));
    assert_eq!(shell.library.selected, 0);
    type_text(&mut shell, "canal");
    assert_eq!(listed(&shell), ["The Old Canal At Brisk"]);
    assert!(shows(&shell, "filter: canal"));
    // Esc clears the filter, then quits.
    press(&mut shell, "Esc");
    assert_eq!(listed(&shell).len(), 3);
    assert!(!shell.quit);
    press(&mut shell, "Esc");
    assert!(shell.quit);
}

#[test]
fn enter_opens_the_document_and_l_goes_back_recording_the_visit() {
    let w = world();
    let mut shell = w.dir_shell();
    type_text(&mut shell, "gauges");
    press(&mut shell, "Enter");
    assert!(shell.app().is_some(), "a reader is open");
    assert!(shows(&shell, "Three new gauges"), "{:#?}", screen(&shell));
    assert!(
        !w.data.join("library.json").exists(),
        "opening alone writes nothing"
    );
    advance(90);
    press(&mut shell, "L");
    assert!(shell.app().is_none(), "back in the library");
    assert!(shows(&shell, "filter: gauges"), "the filter is kept");
    let visits = w.store().visits().expect("visits");
    assert_eq!(visits.len(), 1);
    assert_eq!(
        visits[0].path.as_deref(),
        Some(w.path("gauges.txt").as_path())
    );
    assert_eq!(visits[0].reading_secs, 90);
    assert_eq!(visits[0].last_opened, clock());
    assert!(
        !w.data.join("bookmarks.json").exists(),
        "the reader did not move: no position saved"
    );
    // The list now says when it was opened and sorts it first.
    press(&mut shell, "Esc");
    assert_eq!(listed(&shell)[0], "Gauges On The Upper River");
    let today = sidenote::store::export::date_of(clock());
    assert!(shows(&shell, &today), "{:#?}", screen(&shell));
    // Reading time adds up over sessions.
    press(&mut shell, "Enter");
    advance(30);
    let errors = shell.finish();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(w.store().visits().expect("visits")[0].reading_secs, 120);
}

#[test]
fn l_in_a_reader_not_opened_from_a_library_says_so() {
    let mut app = support::app(support::notes_doc(), 80, 24);
    support::press(&mut app, "L");
    assert!(
        support::status(&app).contains("no library to go back to"),
        "{}",
        support::status(&app)
    );
    assert!(!app.back_requested);
}

#[test]
fn ctrl_s_cycles_the_order() {
    let w = world();
    let mut shell = w.dir_shell();
    // Gauges was opened last, the ferry before it; the canal never.
    for name in ["ferry", "gauges"] {
        type_text(&mut shell, name);
        press(&mut shell, "Enter");
        advance(10);
        press(&mut shell, "L Esc");
    }
    assert_eq!(
        listed(&shell),
        [
            "Gauges On The Upper River",
            "Ferry Timetable Dispute",
            "The Old Canal At Brisk"
        ]
    );
    press(&mut shell, "C-s");
    assert!(shows(&shell, "sorted by title"));
    assert_eq!(
        listed(&shell),
        [
            "Ferry Timetable Dispute",
            "Gauges On The Upper River",
            "The Old Canal At Brisk"
        ]
    );
    press(&mut shell, "C-s");
    assert!(shows(&shell, "sorted by date"));
    assert_eq!(listed(&shell)[0], "Ferry Timetable Dispute", "2031 first");
    assert_eq!(listed(&shell)[1], "Gauges On The Upper River", "then 2030");
    press(&mut shell, "C-s C-s");
    assert!(
        shows(&shell, "sorted by last opened"),
        "back to the first order"
    );
}

/// Opens `filter`'s document from the library, bookmarks the passage at the top after
/// `moves`, and goes back.
fn bookmark(shell: &mut Shell, filter: &str, moves: &str, label: &str) {
    type_text(shell, filter);
    press(shell, "Enter");
    press(shell, moves);
    press(shell, "m");
    press(shell, "C-u");
    type_text(shell, label);
    press(shell, "Enter L Esc");
}

#[test]
fn del_forgets_only_after_y_and_keeps_the_bookmarks_in_a_backup() {
    let w = world();
    let shell = w.shell(Origin::Store);
    // The store-wide library starts empty; a document read from the directory fills it.
    assert!(shows(&shell, "no documents yet"));
    let mut dir = w.dir_shell();
    bookmark(&mut dir, "ferry", "", "council vote");
    drop(dir);
    let mut shell2 = w.shell(Origin::Store);
    assert_eq!(listed(&shell2), ["Ferry Timetable Dispute"]);
    // Any key but y keeps it: n, Enter, Esc.
    for no in ["n", "Enter", "Esc", "x"] {
        press(&mut shell2, "Del");
        assert!(
            shows(&shell2, "Forget Ferry Timetable Dispute (1 bookmark kept"),
            "asks"
        );
        press(&mut shell2, no);
        assert_eq!(listed(&shell2).len(), 1, "{no} keeps it");
        assert!(!shell2.quit, "{no} does not act as a command");
    }
    press(&mut shell2, "Del y");
    assert!(listed(&shell2).is_empty(), "forgotten");
    assert!(shows(&shell2, "1 bookmark kept in forgotten.json"));
    let store = w.store();
    assert!(store.all_records().expect("records").is_empty());
    assert!(store.visits().expect("visits").is_empty());
    let forgotten = store.forgotten().expect("backup");
    assert_eq!(forgotten.len(), 1);
    assert_eq!(forgotten[0].record.bookmarks[0].label, "council vote");
    drop(shell);
}

#[test]
fn tab_lists_every_bookmark_and_enter_opens_the_document_at_the_passage() {
    let w = world();
    let mut shell = w.dir_shell();
    bookmark(&mut shell, "ferry", "G", "stranded");
    bookmark(&mut shell, "gauges", "", "new gauges");
    press(&mut shell, "Tab");
    assert!(shows(&shell, "2 bookmarks"), "{:#?}", screen(&shell));
    assert!(shows(&shell, "stranded"));
    assert!(shows(&shell, "new gauges"));
    type_text(&mut shell, "stranded");
    press(&mut shell, "Enter");
    let app = shell.app().expect("opened");
    assert!(app.file_path.as_deref() == Some(w.path("ferry.txt").as_path()));
    assert!(
        support::status(app).contains("bookmark: stranded"),
        "{}",
        support::status(app)
    );
    let at = app.bookmarks[0].at;
    assert!(app.visible_rows().iter().any(|r| r.unit == at.unit));
    // Del in the bookmark list forgets nothing.
    press(&mut shell, "L");
    press(&mut shell, "Del");
    assert!(shell.library.confirm.is_none());
    assert!(shows(&shell, "Del forgets a document"));
}

#[test]
fn missing_files_are_shown_as_such_and_not_opened() {
    let w = world();
    let mut dir = w.dir_shell();
    bookmark(&mut dir, "canal", "", "dug");
    drop(dir);
    std::fs::remove_file(w.docs.join("canal.md")).expect("remove");
    let mut shell = w.shell(Origin::Store);
    assert!(shows(&shell, "The Old Canal At Brisk (missing)"));
    press(&mut shell, "Enter");
    assert!(shell.app().is_none());
    assert!(shows(&shell, "is missing"));
    // A file named on the command line that is not there is listed too.
    let named = w.shell(Origin::Paths(vec![
        w.docs.join("ferry.txt"),
        w.docs.join("canal.md"),
    ]));
    assert_eq!(named.library.entries.len(), 2);
    assert!(named.library.entries[1].missing);
}

#[test]
fn a_record_found_by_the_file_stamp_is_checked_by_its_fingerprint() {
    let w = world();
    let mut shell = w.dir_shell();
    bookmark(&mut shell, "ferry", "G", "stranded");
    let path = w.path("ferry.txt");
    let stamp = FileStamp::of(&path).expect("stamp");
    let store = w.store();
    let key = store
        .key_by_stamp(&path, stamp)
        .expect("known by its stamp");
    assert_eq!(key.fingerprint, fingerprint(FERRY.as_bytes()));
    // Changed in place with the same size and modification time: the stamp still
    // matches, the fingerprint does not, and the document is treated as edited.
    let edited = FERRY.replace("Tuesday", "Thursda");
    assert_eq!(edited.len(), FERRY.len());
    write_keeping_stamp(&path, edited.as_bytes());
    assert_eq!(FileStamp::of(&path), Some(stamp));
    type_text(&mut shell, "ferry");
    press(&mut shell, "Enter");
    // Found by its stamp, the record is the old one until the fingerprint is in.
    shell.tick(true);
    let app = shell.app().expect("opened");
    assert_eq!(
        app.doc_key.as_ref().map(|k| k.fingerprint.clone()),
        Some(fingerprint(edited.as_bytes())),
        "verified: the key is the content's"
    );
    assert_eq!(app.bookmarks.len(), 1, "the bookmark followed the edit");
    assert!(!app.bookmarks[0].lost);
    let records = store.all_records().expect("records");
    assert_eq!(
        records.len(),
        1,
        "the record was taken over, not duplicated"
    );
    assert_eq!(records[0].fingerprint, fingerprint(edited.as_bytes()));
    // A stamp that differs finds nothing (the full fingerprint is used).
    let other = FileStamp {
        size: stamp.size + 1,
        ..stamp
    };
    assert!(store.key_by_stamp(&path, other).is_none());
}

fn write_keeping_stamp(path: &Path, bytes: &[u8]) {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime");
    std::fs::write(path, bytes).expect("write");
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(modified).expect("set mtime");
}

/// A page read from an address is known to the store by that address: the library lists
/// it while its copy is kept in the cache, opens it from there (offline, with its
/// bookmarks), and shows it as missing once the copy is gone.
#[test]
fn a_fetched_page_is_listed_and_opened_from_its_cached_copy() {
    let w = world();
    let url = "http://127.0.0.1:9/lagoon.md";
    let page = sidenote::fetch::Page {
        url: url.to_string(),
        final_url: url.to_string(),
        content_type: Some("text/markdown".to_string()),
        bytes: b"# The Lagoon Survey\n\nThe survey counted nine islands.[^1]\n\n\
                 [^1]: Survey office, spring count.\n"
            .to_vec(),
        cached: false,
    };
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = sidenote::fetch::cache::Cache::at(cache_dir.path());
    cache.put(&page).expect("cache the page");
    // Read once as `sidenote URL` reads it, and bookmarked.
    let loaded = sidenote::fetch::load(&page, None).expect("loads");
    let mut app = App::new(
        loaded.doc,
        sidenote::app::Source { name: loaded.name },
        80,
        (100, 20),
    );
    app.clock = clock;
    app.attach_store(w.store(), sidenote::fetch::doc_key(url, &loaded.bytes));
    support::press(&mut app, "m Enter");
    assert_eq!(app.bookmarks.len(), 1);
    drop(app);

    let mut shell = w.shell(Origin::Store).with_cache(cache.clone());
    assert_eq!(listed(&shell), vec!["The Lagoon Survey".to_string()]);
    assert!(!shell.library.entries[0].missing);
    press(&mut shell, "Enter");
    let app = shell.app().expect("opened from the cached copy");
    assert_eq!(app.doc.meta.title.as_deref(), Some("The Lagoon Survey"));
    assert_eq!(app.bookmarks.len(), 1, "its bookmark came with it");

    // Named among the inputs (`sidenote a.txt URL`), the address is kept as it is.
    let named = w
        .shell(Origin::Paths(vec![PathBuf::from(url)]))
        .with_cache(cache.clone());
    assert_eq!(listed(&named), vec!["The Lagoon Survey".to_string()]);
    assert!(!named.library.entries[0].missing);

    // Without the copy it is listed as missing and not opened.
    let empty = tempfile::tempdir().expect("temp dir");
    let mut bare = w
        .shell(Origin::Store)
        .with_cache(sidenote::fetch::cache::Cache::at(empty.path()));
    assert!(bare.library.entries[0].missing);
    press(&mut bare, "Enter");
    assert!(bare.app().is_none());
}

/// The library's hints and its question name the keys in effect: with `Del` moved to
/// `Ctrl-d` and the confirmation to `Y`, the question says `Y`, and `y` keeps.
#[test]
fn the_library_names_rebound_keys_in_its_hints_and_question() {
    let w = world();
    let mut shell = w.dir_shell();
    let (config, problems) = sidenote::config::Config::from_text(
        "[keys.library]\nforget = [\"Ctrl-d\"]\n\n[keys.confirm]\nyes = [\"Y\"]\n",
        "config.toml",
    );
    assert!(problems.is_empty(), "{problems:?}");
    shell.set_keymap(std::sync::Arc::new(config.keymap));
    assert!(shows(&shell, "Ctrl-d forget"), "{:?}", screen(&shell));
    press(&mut shell, "C-d");
    assert!(
        shows(&shell, "Y forgets, any other key keeps it"),
        "{:?}",
        screen(&shell)
    );
    // The old `y` is now "any other key": the question goes, nothing is forgotten.
    press(&mut shell, "y");
    assert!(shell.library.confirm.is_none());
    assert!(shell.library.request.is_none());
}
