//! A big file the store knows by its stamp, while it is still read: it opens at the saved
//! place at once (the preview reads a slice around it), its bookmarks are listed and the
//! marks whose passage the preview holds work, quitting saves the place reached on the
//! preview, and `S` is remembered. Small slices stand in for the real ones.

mod support;

use sidenote::app::App;
use sidenote::document::preview::{preview, preview_around};
use sidenote::document::synthetic::synthetic_dispatch_with_rare_word;
use sidenote::document::{load, Document};
use sidenote::store::{DocKey, Store};
use support::{press, screen, type_text, SMALL_SLICES as SMALL};

fn text() -> String {
    synthetic_dispatch_with_rare_word(200 << 10, "quillwhistle")
}

fn fixed_clock() -> u64 {
    1_700_000_000
}

fn key() -> DocKey {
    DocKey::for_stdin(b"the whole dispatch")
}

fn app_on(doc: Document) -> App {
    let mut app = support::app(doc, 100, 30);
    app.clock = fixed_clock;
    app
}

/// An earlier session on the whole document: a mark `a` where it stopped, at `percent`,
/// and a bookmark `far` at 25%. Returns the source offset of the saved place.
fn earlier_session(dir: &std::path::Path, full: &Document, percent: u8) -> usize {
    let mut earlier = app_on(full.clone());
    earlier.attach_store(Store::open_at(dir), key());
    press(&mut earlier, "25%m");
    type_text(&mut earlier, "far");
    press(&mut earlier, "<Enter>");
    press(&mut earlier, &format!("{percent}%m"));
    type_text(&mut earlier, "a");
    press(&mut earlier, "<Enter>");
    assert_eq!(earlier.bookmarks.len(), 2);
    earlier.close().expect("saved");
    let record = Store::open_at(dir)
        .find_record(&key())
        .expect("store")
        .expect("record");
    record
        .last_position
        .expect("a saved place")
        .pos
        .expect("pos")
        .src
}

/// The reader on the preview of `text`, with the store's record as found by the stamp.
fn reading_with_store(dir: &std::path::Path, text: &str, at: Option<usize>) -> App {
    let part = preview_around(text.as_bytes(), None, Some("big.txt"), SMALL, at).expect("preview");
    let mut app = app_on(part);
    app.start_reading();
    let store = Store::open_at(dir);
    let record = store.find_record(&key()).expect("store");
    if let Some(pos) = app.attach_store_while_reading(store, Some((key(), record))) {
        app.resume_at(pos);
    }
    app
}

/// The slice around the saved place is the full parse there: the same blocks at the
/// same offsets, their anchors bound to the same notes (the preview also reads the
/// definitions the slice cites).
#[test]
fn the_preview_reads_the_saved_place_and_its_notes() {
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let middle = full
        .blocks
        .iter()
        .find(|b| b.src > text.len() / 2 && !b.anchors.is_empty())
        .expect("a block in the middle")
        .src;
    let plain = preview(text.as_bytes(), None, Some("big.txt"), SMALL).expect("preview");
    assert!(
        plain
            .blocks
            .binary_search_by_key(&middle, |b| b.src)
            .is_err(),
        "without a place, the middle is not read"
    );
    let part = preview_around(text.as_bytes(), None, Some("big.txt"), SMALL, Some(middle))
        .expect("preview");
    let i = part
        .blocks
        .binary_search_by_key(&middle, |b| b.src)
        .expect("the saved place is read");
    assert!(i > plain.blocks.len() / 2);
    for b in &part.blocks {
        let f = &full.blocks[full
            .blocks
            .binary_search_by_key(&b.src, |f| f.src)
            .unwrap_or_else(|_| panic!("no block of the full parse at {}", b.src))];
        assert_eq!((&b.text, &b.runs, b.src_len), (&f.text, &f.runs, f.src_len));
        let named = |d: &Document, a: &sidenote::document::Anchor| {
            (a.label.clone(), a.at(), d.notes[a.note()].text.clone())
        };
        let pa: Vec<_> = b.anchors.iter().map(|a| named(&part, a)).collect();
        let fa: Vec<_> = f.anchors.iter().map(|a| named(&full, a)).collect();
        assert_eq!(pa, fa, "anchors of the block at {}", b.src);
    }
    // A place in the start, the notes or the end adds nothing.
    let head = preview_around(text.as_bytes(), None, Some("big.txt"), SMALL, Some(10));
    assert_eq!(head.map(|d| d.blocks.len()), Some(plain.blocks.len()));
}

/// Reopened while it is read, the book shows its saved place at once, as the whole
/// document would.
#[test]
fn a_known_file_opens_at_its_saved_place_before_the_whole_parse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let saved = earlier_session(dir.path(), &full, 50);
    let app = reading_with_store(dir.path(), &text, Some(saved));
    assert!(app.is_reading());
    assert_eq!(app.doc.source_pos(app.top_pos()).src, saved);
    let mut whole = app_on(full.clone());
    let pos = whole
        .attach_store(Store::open_at(dir.path()), key())
        .expect("a saved place");
    whole.resume_at(pos);
    assert_eq!(screen(&app).page(), screen(&whole).page());
    // The percentage is the source offset's while reading (the preview's own weights
    // leave out what it skipped): within a point of the whole document's.
    let status = screen(&app).status();
    let shown: i32 = status
        .split("resumed at ")
        .nth(1)
        .and_then(|r| r.split('%').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{status}"));
    assert!((shown - i32::from(whole.percent())).abs() <= 1, "{status}");
    assert!(status.contains("· reading…"), "{status}");
    // Once the whole document is in, the word on the reading goes; the rest stays.
    let mut app = app;
    app.finish_reading(full);
    let status = screen(&app).status();
    assert!(status.contains(&format!("resumed at {shown}%")), "{status}");
    assert!(!status.contains("reading…"), "{status}");
}

/// The bookmark list and the marks work while reading; a bookmark whose passage the
/// preview has not read opens once the whole document is in.
#[test]
fn bookmarks_are_listed_and_followed_while_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let saved = earlier_session(dir.path(), &full, 50);
    let mut app = reading_with_store(dir.path(), &text, Some(saved));
    press(&mut app, "gg'");
    let list = screen(&app);
    assert!(!list.status().contains("reading…"), "{}", list.status());
    assert!(
        list.contains("│far ") && list.contains("│a "),
        "{}",
        list.text()
    );
    // Removing asks, as when not reading (No keeps it).
    press(&mut app, "d");
    assert!(
        screen(&app).status().contains("Remove bookmark"),
        "{}",
        screen(&app).status()
    );
    press(&mut app, "n");
    assert_eq!(app.bookmarks.len(), 2);
    press(&mut app, "<Esc>`a");
    assert_eq!(app.doc.source_pos(app.top_pos()).src, saved, "mark a");
    assert!(screen(&app).status().contains("mark a"));
    // The margin marks the passage of `a`, not one of the preview for `far`.
    let marked: Vec<usize> = app
        .bookmarks
        .iter()
        .filter_map(|b| app.bookmark_in_unit(b.at.unit).map(|_| b.at.unit))
        .collect();
    assert_eq!(marked.len(), 1);
    // `far` (first in the list) is not in the preview: it opens once the file is in.
    press(&mut app, "'<Enter>");
    let status = screen(&app).status();
    assert!(
        status.contains("reading…") && status.contains("opens"),
        "{status}"
    );
    let far = app.bookmarks[0].pos.expect("pos").src;
    let waiting = app.take_whole(full);
    app.attach_store(Store::open_at(dir.path()), key());
    app.run_deferred(waiting);
    assert_eq!(app.doc.source_pos(app.top_pos()).src, far);
    assert!(screen(&app).status().contains("bookmark: far"));
}

/// Quitting while reading saves the place reached on the preview, where the whole
/// document then finds it.
#[test]
fn quitting_while_reading_saves_the_place_on_the_preview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    earlier_session(dir.path(), &full, 50);
    let mut app = reading_with_store(dir.path(), &text, None);
    press(&mut app, "G<PageUp>");
    let at = app.doc.source_pos(app.top_pos());
    let page = screen(&app).page().to_vec();
    app.close().expect("saved");
    let mut whole = app_on(full);
    let pos = whole
        .attach_store(Store::open_at(dir.path()), key())
        .expect("a saved place");
    assert_eq!(whole.doc.source_pos(pos), at);
    whole.resume_at(pos);
    assert_eq!(screen(&whole).page(), &page[..]);
}

/// `S` while reading is remembered as when not reading, whether or not the store knew
/// the file.
#[test]
fn the_note_column_choice_is_remembered_while_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let part = preview(text.as_bytes(), None, Some("big.txt"), SMALL).expect("preview");
    let mut app = support::wide_app(part, 100, 30);
    app.start_reading();
    app.attach_store_while_reading(Store::open_at(dir.path()), None);
    assert!(app.sidenotes_open());
    press(&mut app, "S");
    assert_eq!(Store::open_at(dir.path()).sidenotes_choice(), Some(false));
    // Without the record, the bookmark list waits for the whole document.
    press(&mut app, "'");
    assert!(screen(&app).status().contains("reading…"));
}

/// The record of a file is found by its path, size and modification time alone, as the
/// reader looks it up before the first frame.
#[test]
fn the_record_is_found_by_the_files_stamp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.txt");
    let text = text();
    std::fs::write(&file, &text).expect("write");
    let store = Store::open_at(dir.path().join("store"));
    let stamp = sidenote::store::FileStamp::of(&file).expect("stamp");
    assert!(store.record_by_stamp(&file, stamp).is_none());
    assert!(!store.path_has_record(&file));
    let full = load(text.as_bytes()).expect("parses");
    let key = DocKey::for_file(&file, text.as_bytes());
    let mut app = app_on(full);
    app.attach_store(store.clone(), key.clone());
    app.stamp = Some(stamp);
    app.mark_opened();
    press(&mut app, "50%");
    app.close().expect("saved");
    let (found, record) = store.record_by_stamp(&file, stamp).expect("by stamp");
    assert_eq!(found, key);
    assert!(record.expect("record").last_position.is_some());
    assert!(store.path_has_record(&file));
}

/// An anchor selected in the slice around the saved place (whose blocks are numbered
/// differently in the preview and in the whole document) is still the one selected once
/// the whole document is in: Enter opens the note the preview would have opened.
#[test]
fn a_selection_at_the_saved_place_survives_the_whole_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let saved = earlier_session(dir.path(), &full, 50);
    let mut app = reading_with_store(dir.path(), &text, Some(saved));
    press(&mut app, "<Tab><Tab>");
    let Some(sidenote::app::Target::Anchor { block, anchor }) = app.selected else {
        panic!("an anchor is selected: {:?}", app.selected);
    };
    let a = &app.doc.blocks[block].anchors[anchor];
    let note = app.doc.notes[a.note()].text.clone();
    let src = app.doc.blocks[block].src;
    let b = full
        .blocks
        .binary_search_by_key(&src, |b| b.src)
        .expect("block");
    assert_ne!(b, block, "the preview numbers this block differently");
    app.finish_reading(full.clone());
    let Some(sidenote::app::Target::Anchor { block, anchor }) = app.selected else {
        panic!("still an anchor: {:?}", app.selected);
    };
    assert_eq!(block, b);
    assert_eq!(full.notes[full.blocks[b].anchors[anchor].note()].text, note);
    press(&mut app, "<Enter>");
    assert!(!screen(&app).status().contains("nothing selected"));
}

/// A store holding an earlier session (mark `a` at 50 %, `far` at 25 %) and the reader
/// on the preview, at the saved place (`at_saved`) or at the start.
fn after_a_session(at_saved: bool) -> (tempfile::TempDir, String, Document, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let saved = earlier_session(dir.path(), &full, 50);
    let app = reading_with_store(dir.path(), &text, at_saved.then_some(saved));
    (dir, text, full, app)
}

/// `m`, the label, Enter: a bookmark of the passage at the top.
fn bookmark_here(app: &mut App, label: &str) {
    press(app, "m");
    type_text(app, label);
    press(app, "<Enter>");
}

/// The labels of the bookmarks the store holds for the document.
fn stored_labels(dir: &std::path::Path) -> Vec<String> {
    let record = Store::open_at(dir)
        .find_record(&key())
        .expect("store")
        .expect("record");
    let mut labels: Vec<String> = record.bookmarks.into_iter().map(|b| b.label).collect();
    labels.sort();
    labels
}

fn labels(app: &App) -> Vec<String> {
    let mut labels: Vec<String> = app.bookmarks.iter().map(|b| b.label.clone()).collect();
    labels.sort();
    labels
}

/// Bookmarks change on the preview as on the whole document: `m` adds one, the list
/// renames and removes, `U` undoes. Nothing is written until the store has matched the
/// whole document with its record; then the changes are made again on the bookmarks its
/// load holds (a load of the record as it was before them) and written, so the list and
/// the store both end with them.
#[test]
fn bookmarks_change_while_reading_and_are_stored_against_the_whole() {
    let (dir, text, full, mut app) = after_a_session(true);
    // A new bookmark on the passage at the saved place.
    bookmark_here(&mut app, "fresh");
    let status = screen(&app).status();
    assert!(status.contains("bookmarked: fresh"), "{status}");
    let fresh = app
        .bookmarks
        .iter()
        .find(|b| b.label == "fresh")
        .expect("added")
        .clone();
    // How far through the file it is: by its source offset, not the preview's weights.
    let src = fresh.pos.expect("pos").src;
    assert_eq!(usize::from(fresh.percent), src * 100 / text.len());
    // `far` renamed and `a` removed, in the list; then the removal undone and redone.
    press(&mut app, "'gg");
    press(&mut app, "r");
    press(&mut app, "<C-u>");
    type_text(&mut app, "distant");
    press(&mut app, "<Enter>");
    assert_eq!(labels(&app), ["a", "distant", "fresh"]);
    let a = app
        .bookmarks
        .iter()
        .position(|b| b.label == "a")
        .expect("a");
    press(&mut app, &format!("gg{}dy", "j".repeat(a)));
    assert_eq!(labels(&app), ["distant", "fresh"]);
    press(&mut app, "u");
    assert_eq!(labels(&app), ["a", "distant", "fresh"]);
    press(&mut app, "<C-r><Esc>");
    assert_eq!(labels(&app), ["distant", "fresh"]);
    // Nothing is written while reading: the store still holds the earlier session's.
    sidenote::perform::store_writes(&mut app);
    assert_eq!(stored_labels(dir.path()), ["a", "far"]);
    // The whole document is matched with the record as it was, then the changes are
    // made again and written.
    let waiting = app.take_whole(full.clone());
    app.attach_store(Store::open_at(dir.path()), key());
    assert_eq!(labels(&app), ["a", "far"], "the record's load");
    app.run_deferred(waiting);
    assert_eq!(labels(&app), ["distant", "fresh"]);
    sidenote::perform::store_writes(&mut app);
    assert_eq!(stored_labels(dir.path()), ["distant", "fresh"]);
    // The new bookmark is placed in the whole document, at its passage.
    let placed = app
        .bookmarks
        .iter()
        .find(|b| b.label == "fresh")
        .expect("fresh");
    assert_eq!(app.doc.source_pos(placed.at).src, src);
    assert_eq!(
        placed.at.unit,
        app.doc
            .locate(&fresh.pos.expect("pos"))
            .expect("located")
            .unit
    );
    press(&mut app, "'");
    let list = screen(&app);
    assert!(
        list.contains("│fresh ") && list.contains("│distant "),
        "{}",
        list.text()
    );
    // Undo still works on the whole document: the removal of `a` undone puts it back.
    press(&mut app, "<Esc>U");
    assert_eq!(labels(&app), ["a", "distant", "fresh"]);
    let a = app.bookmarks.iter().find(|b| b.label == "a").expect("a");
    let at = app.doc.locate(&a.pos.expect("pos")).expect("located");
    assert_eq!(a.at, at, "put back at its passage of the whole document");
}

/// Quitting while reading, the record known by the file's stamp: the bookmark changes
/// made on the preview are written against it at once.
#[test]
fn bookmark_changes_made_while_reading_are_kept_when_quitting() {
    let (dir, _, full, mut app) = after_a_session(true);
    bookmark_here(&mut app, "late");
    app.flush_reading_writes();
    sidenote::perform::store_writes(&mut app);
    assert_eq!(stored_labels(dir.path()), ["a", "far", "late"]);
    // The whole document finds it at its passage.
    let mut whole = app_on(full);
    whole.attach_store(Store::open_at(dir.path()), key());
    let late = whole
        .bookmarks
        .iter()
        .find(|b| b.label == "late")
        .expect("late");
    assert!(!late.lost);
    assert_eq!(
        whole.doc.source_pos(late.at).src,
        app.doc.source_pos(app.top_pos()).src
    );
}

/// Without the store's record (found only once the whole file is fingerprinted), a
/// bookmark change waits for the whole document, as the list does.
#[test]
fn without_the_record_a_bookmark_change_waits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = text();
    let part = preview(text.as_bytes(), None, Some("big.txt"), SMALL).expect("preview");
    let mut app = app_on(part);
    app.start_reading();
    app.attach_store_while_reading(Store::open_at(dir.path()), None);
    press(&mut app, "m");
    let status = screen(&app).status();
    assert!(status.contains("once the file is read"), "{status}");
    assert!(app.bookmarks.is_empty());
}

/// Setting a mark whose passage the preview has not read moves it here: from then on it
/// is of this passage (`D` finds it, `` `a `` comes back here), not one that opens once
/// the file is read.
#[test]
fn a_mark_moved_onto_the_preview_is_placed_there() {
    let (_dir, _, _, mut app) = after_a_session(false);
    press(&mut app, "4j");
    let here = app.top_pos();
    bookmark_here(&mut app, "a");
    assert!(
        screen(&app).status().contains("mark a moved here"),
        "{}",
        screen(&app).status()
    );
    press(&mut app, "gg`a");
    let status = screen(&app).status();
    assert!(
        status.contains("mark a") && !status.contains("opens"),
        "{status}"
    );
    assert_eq!(app.top_pos().unit, here.unit);
    press(&mut app, "D");
    let status = screen(&app).status();
    assert!(status.contains("Remove bookmark"), "{status}");
}
