//! A big file opens on a preview (its start, its notes, its end) while the rest is
//! parsed: the preview answers for what it read exactly as the full parse does, at the
//! same source offsets, and the whole document then takes its place unchanged. Small
//! slices stand in for the real ones, so the files here are a few hundred KB at most.

mod support;

use sidenote::app::App;
use sidenote::document::preview::{preview, Slices};
use sidenote::document::synthetic::synthetic_dispatch_with_rare_word;
use sidenote::document::{load, Document};
use support::{press, screen, type_text, SMALL_SLICES as SMALL};

fn text() -> String {
    synthetic_dispatch_with_rare_word(200 << 10, "quillwhistle")
}

fn both() -> (Document, Document) {
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let part = preview(text.as_bytes(), None, Some("big.txt"), SMALL).expect("a preview");
    (part, full)
}

fn dump(doc: &Document) -> String {
    let mut out = Vec::new();
    sidenote::dump::dump(doc, 80, &mut out).expect("dump");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn the_preview_is_the_full_parse_for_what_it_read() {
    let (part, full) = both();
    assert!(part.blocks.len() > 5 && part.blocks.len() < full.blocks.len());
    assert_eq!(part.meta, full.meta);
    assert_eq!(part.source_len, full.source_len);
    for b in &part.blocks {
        let i = full
            .blocks
            .binary_search_by_key(&b.src, |f| f.src)
            .unwrap_or_else(|_| panic!("no block of the full parse at {}", b.src));
        let f = &full.blocks[i];
        assert_eq!(
            (b.kind, &b.text, &b.runs, b.src_len),
            (f.kind, &f.text, &f.runs, f.src_len)
        );
        // The same anchors, bound to the same notes (indices differ: fewer notes).
        let named = |d: &Document, a: &sidenote::document::Anchor| {
            (a.label.clone(), a.at(), d.notes[a.note()].text.clone())
        };
        let pa: Vec<_> = b.anchors.iter().map(|a| named(&part, a)).collect();
        let fa: Vec<_> = f.anchors.iter().map(|a| named(&full, a)).collect();
        assert_eq!(pa, fa, "anchors of the block at {}", b.src);
    }
    let defined: Vec<_> = part.notes.iter().filter(|n| n.defined).collect();
    assert!(defined.len() > 10);
    for n in defined {
        let f = full
            .notes
            .iter()
            .find(|f| f.src == n.src)
            .expect("the note in the full parse");
        assert_eq!(
            (&n.label, &n.text, n.src_len),
            (&f.label, &f.text, f.src_len)
        );
    }
    // The start: the same blocks, in the same order, from the first.
    let k = part.blocks.len().min(5);
    let texts = |d: &Document| {
        d.blocks[..k]
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&part), texts(&full));
    // The end: the last note (with the rare word) is the preview's last note too.
    assert_eq!(
        part.notes.last().map(|n| (&n.label, &n.text)),
        full.notes.last().map(|n| (&n.label, &n.text))
    );
    assert_same_dump_head(&part, &full);
}

#[test]
fn small_files_and_other_formats_are_parsed_whole() {
    let text = text();
    let bytes = text.as_bytes();
    let big = Slices {
        min_file: bytes.len() + 1,
        ..SMALL
    };
    assert!(preview(bytes, None, Some("big.txt"), big).is_none());
    let md = sidenote::document::format::by_name("markdown");
    assert!(preview(bytes, md, Some("big.txt"), SMALL).is_none());
    let html = "<html><body><p>x</p></body></html>\n\n".repeat(4000);
    assert!(preview(html.as_bytes(), None, Some("page.html"), SMALL).is_none());
}

fn reading_app() -> (App, Document) {
    let (part, full) = both();
    let mut app = support::app(part, 100, 30);
    app.start_reading();
    (app, full)
}

/// The reader on the preview of `text()`, told which parts of the file it read, and
/// the whole document.
fn reading_app_with_pieces() -> (App, Document) {
    let text = text();
    let full = load(text.as_bytes()).expect("parses");
    let (part, pieces) = sidenote::document::preview::preview_pieces(
        text.as_bytes(),
        None,
        Some("big.txt"),
        SMALL,
        None,
    )
    .expect("a preview");
    assert!(pieces.len() >= 2, "{pieces:?}");
    let mut app = support::app(part, 100, 30);
    app.start_reading();
    app.reading_pieces(pieces);
    (app, full)
}

/// The first lines of the dump are the same.
fn assert_same_dump_head(part: &Document, full: &Document) {
    let (dp, df) = (dump(part), dump(full));
    let head = |d: &str| d.lines().take(40).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(head(&dp), head(&df));
}

fn full_app(full: &Document) -> App {
    support::app(full.clone(), 100, 30)
}

#[test]
fn the_whole_document_takes_the_previews_place_unchanged() {
    let (mut app, full) = reading_app();
    assert!(app.is_reading());
    press(&mut app, "<PageDown><PageDown>jjj");
    let before = screen(&app).page().to_vec();
    let at = app.doc.source_pos(app.top_pos());
    app.finish_reading(full.clone());
    assert!(!app.is_reading());
    assert_eq!(*app.doc, full, "exactly the full parse");
    assert_eq!(dump(&app.doc), dump(&full));
    assert_eq!(
        app.doc.source_pos(app.top_pos()),
        at,
        "the page stays where it was"
    );
    assert_eq!(screen(&app).page(), &before[..]);
}

#[test]
fn tab_notes_and_the_end_answer_while_reading() {
    let (mut app, full) = reading_app();
    let mut whole = full_app(&full);
    for keys in ["<Tab>", "<Tab>", "<Enter>"] {
        press(&mut app, keys);
        press(&mut whole, keys);
        assert_eq!(screen(&app).page(), screen(&whole).page(), "after {keys}");
    }
    // The note is named, without the preview's count of notes for the document's.
    let status = screen(&app).status();
    assert!(
        status.contains("note 2 ") && !status.contains(" of "),
        "{status}"
    );
    let all = format!("note 2 of {}", full.notes.len());
    assert!(screen(&whole).status().contains(&all));
    // `G`: the preview holds the true end.
    press(&mut app, "<Esc><Esc>G");
    press(&mut whole, "<Esc><Esc>G");
    assert_eq!(screen(&app).page(), screen(&whole).page());
    assert!(screen(&app).contains("quillwhistle"));
    assert_eq!(screen(&app).percent(), 100);
    // A note typed by number that the preview read.
    let mut app = reading_app().0;
    let mut whole = full_app(&full);
    press(&mut app, "2<Enter>");
    press(&mut whole, "2<Enter>");
    assert_eq!(screen(&app).preview(), screen(&whole).preview());
    assert!(screen(&app).preview().is_some());
}

/// An anchor selected with Tab just before the whole file arrives stays selected: Enter
/// then opens its note, as it would have on the preview.
#[test]
fn a_selected_anchor_survives_the_whole_document() {
    let (mut app, full) = reading_app();
    let mut whole = full_app(&full);
    press(&mut app, "<Tab><Tab>");
    press(&mut whole, "<Tab><Tab>");
    app.finish_reading(full.clone());
    assert_eq!(
        app.selected, whole.selected,
        "the same anchor, in the whole document"
    );
    assert!(app.selected.is_some());
    press(&mut app, "<Enter>");
    press(&mut whole, "<Enter>");
    assert_eq!(screen(&app).page(), screen(&whole).page());
    assert!(!screen(&app).status().contains("nothing selected"));
}

#[test]
fn what_needs_the_whole_document_waits_and_then_runs() {
    let (mut app, full) = reading_app();
    let top = app.top_pos();
    press(&mut app, "50%");
    assert_eq!(app.top_pos(), top, "not run on the preview");
    assert!(
        screen(&app).status().contains("reading…"),
        "{}",
        screen(&app).status()
    );
    app.finish_reading(full.clone());
    let mut whole = full_app(&full);
    press(&mut whole, "50%");
    assert_eq!(app.top_pos(), whole.top_pos(), "run once the file is read");
    assert_eq!(screen(&app).page(), screen(&whole).page());
}

#[test]
fn search_finds_what_was_read_then_everything() {
    let (mut app, full) = reading_app();
    press(&mut app, "/");
    type_text(&mut app, "quillwhistle");
    press(&mut app, "<Enter>");
    assert_eq!(
        app.search.as_ref().map(|s| s.matches.len()),
        Some(1),
        "in the end slice"
    );
    press(&mut app, "/");
    type_text(&mut app, "harbour");
    press(&mut app, "<Enter>");
    let partial = app.search.as_ref().map_or(0, |s| s.matches.len());
    app.finish_reading(full.clone());
    let mut whole = full_app(&full);
    press(&mut whole, "/");
    type_text(&mut whole, "harbour");
    press(&mut whole, "<Enter>");
    let all = whole.search.as_ref().map_or(0, |s| s.matches.len());
    assert!(partial > 0 && partial < all, "{partial} of {all}");
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(all));
}

/// The whole document never takes the preview's place under an open prompt: the letters
/// typed next would run as reading keys (a `q` typed into `/` would quit).
#[test]
fn the_whole_document_waits_while_a_prompt_is_open() {
    let (mut app, _full) = reading_app();
    assert!(app.can_finish_reading());
    press(&mut app, "/");
    type_text(&mut app, "qua");
    assert!(!app.can_finish_reading(), "the search prompt is open");
    press(&mut app, "Esc");
    assert!(app.can_finish_reading());
}

/// A bookmark key pressed while reading runs once the store knows the whole document:
/// `take_whole` leaves the waiting keys to `run_deferred`, called after the store is
/// attached (as `main` does), so `'` lists the bookmarks the store has.
#[test]
fn keys_that_waited_run_after_the_store_is_attached() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (part, full) = both();
    let key = sidenote::store::DocKey::for_stdin(b"the whole dispatch");
    // A bookmark saved in an earlier session.
    {
        let mut earlier = support::app(full.clone(), 100, 30);
        earlier.attach_store(sidenote::store::Store::open_at(dir.path()), key.clone());
        press(&mut earlier, "m Enter");
        assert_eq!(earlier.bookmarks.len(), 1);
    }
    let mut app = support::app(part, 100, 30);
    app.start_reading();
    press(&mut app, "'");
    assert!(screen(&app).status().contains("reading…"));
    let waiting = app.take_whole(full);
    app.attach_store(sidenote::store::Store::open_at(dir.path()), key);
    app.run_deferred(waiting);
    assert!(
        !screen(&app).status().contains("no bookmarks"),
        "{}",
        screen(&app).status()
    );
    assert_eq!(app.bookmarks.len(), 1);
}

/// Keys typed after one that waits for the whole document wait behind it, as typed: the
/// label typed after `m` goes into the label prompt `m` opens, not to the reading keys.
#[test]
fn keys_typed_after_a_waiting_key_wait_behind_it() {
    let (mut app, full) = reading_app();
    let top = app.top_pos();
    press(&mut app, "m");
    // `b` would page back and `q` quit if they ran now as reading keys.
    type_text(&mut app, "bq");
    assert!(!app.quit);
    assert_eq!(app.top_pos(), top);
    app.finish_reading(full);
    assert!(!app.quit, "q went into the label prompt");
    let prompt = screen(&app).status();
    assert!(prompt.contains("bq"), "{prompt}");
}

/// `N Enter` for a note the preview cannot answer (it has not read the note or any
/// citation of it) waits for the whole document rather than saying "no note N" or
/// "not cited", which the rest of the file may prove wrong.
#[test]
fn a_note_number_the_preview_cannot_answer_waits() {
    let (part, full) = both();
    let cited_in = |doc: &Document, label: &str| {
        doc.notes
            .iter()
            .position(|n| n.label == label)
            .is_some_and(|n| !doc.references(n).is_empty())
    };
    let label = full
        .notes
        .iter()
        .map(|n| n.label.clone())
        .find(|l| cited_in(&full, l) && !cited_in(&part, l))
        .expect("a note cited only beyond the preview");
    let (mut app, full) = reading_app();
    press(&mut app, &format!("{label}<Enter>"));
    let status = screen(&app).status();
    assert!(status.contains("reading…"), "{status}");
    app.finish_reading(full.clone());
    let mut whole = full_app(&full);
    press(&mut whole, &format!("{label}<Enter>"));
    assert_eq!(screen(&app).preview(), screen(&whole).preview());
    assert!(
        screen(&app).preview().is_some(),
        "the note is shown at its citation"
    );
}

/// A search on the preview says its count is partial; once the whole document is in,
/// a big document's index is built on a worker thread (never on the UI thread), the
/// count still says so meanwhile, and completes by itself when the index arrives.
#[test]
fn a_partial_count_says_so_and_completes_by_itself() {
    let (mut app, full) = reading_app();
    app.background_index_from = 0;
    press(&mut app, "/");
    type_text(&mut app, "harbour");
    let prompt = screen(&app).status();
    assert!(prompt.contains("so far · reading…"), "{prompt}");
    press(&mut app, "<Enter>");
    let status = screen(&app).status();
    assert!(status.contains("so far: harbour · reading…"), "{status}");
    let partial = app.search.as_ref().map_or(0, |s| s.matches.len());
    app.finish_reading(full.clone());
    assert!(
        matches!(app.index, sidenote::app::search::IndexSlot::Building(_)),
        "the index is built on a worker thread"
    );
    let status = screen(&app).status();
    assert!(status.contains("so far: harbour · indexing…"), "{status}");
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(partial));
    indexed(&mut app);
    // The count is completed on a worker thread too, the status saying so meanwhile.
    assert!(app.completing_search(), "completed off the UI thread");
    let status = screen(&app).status();
    assert!(status.contains("so far: harbour · searching…"), "{status}");
    completed(&mut app);
    let all = whole_count(&full, "harbour");
    assert!(partial < all, "{partial} of {all}");
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(all));
    let status = screen(&app).status();
    assert!(
        status.contains(&format!(" of {all}: harbour")) && !status.contains("so far"),
        "{status}"
    );
}

/// A regex searched on the preview is counted again on the whole document on a worker
/// thread (it needs no index), the count saying so meanwhile.
#[test]
fn a_partial_regex_count_completes_off_the_ui_thread() {
    let (mut app, full) = reading_app();
    app.background_index_from = 0;
    press(&mut app, "/<C-r>");
    type_text(&mut app, "harb.ur");
    press(&mut app, "<Enter>");
    let partial = app.search.as_ref().map_or(0, |s| s.matches.len());
    app.finish_reading(full.clone());
    assert!(app.completing_search(), "counted off the UI thread");
    let status = screen(&app).status();
    assert!(
        status.contains("so far: harb.ur [regex] · searching…"),
        "{status}"
    );
    completed(&mut app);
    let mut whole = full_app(&full);
    press(&mut whole, "/<C-r>");
    type_text(&mut whole, "harb.ur");
    press(&mut whole, "<Enter>");
    let all = whole.search.as_ref().map_or(0, |s| s.matches.len());
    assert!(partial < all, "{partial} of {all}");
    let s = app.search.as_ref().expect("the search");
    assert_eq!((s.matches.len(), s.partial), (all, false));
}

/// How many matches `/query` finds in the whole document, read whole.
fn whole_count(full: &Document, query: &str) -> usize {
    let mut whole = full_app(full);
    press(&mut whole, "/");
    type_text(&mut whole, query);
    press(&mut whole, "<Enter>");
    whole.search.as_ref().map_or(0, |s| s.matches.len())
}

/// Polls until the whole document's index, built on a worker thread, is taken in.
fn indexed(app: &mut sidenote::app::App) {
    let waited = std::time::Instant::now();
    while !app.poll_index() {
        assert!(waited.elapsed().as_secs() < 60, "the index never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Polls until no partial search is being completed.
fn completed(app: &mut sidenote::app::App) {
    let waited = std::time::Instant::now();
    while app.completing_search() {
        assert!(waited.elapsed().as_secs() < 60, "the count never came");
        app.poll_index();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The index arriving while the search prompt is open completes the search the prompt
/// would give back on Esc (or on an empty Enter), not only the one it shows: `n` then
/// goes through every match, never the preview's for good (review finding).
#[test]
fn a_partial_count_given_back_by_esc_completes_too() {
    for close in ["<Esc>", "<Enter>"] {
        let (mut app, full) = reading_app();
        app.background_index_from = 0;
        press(&mut app, "/");
        type_text(&mut app, "harbour");
        press(&mut app, "<Enter>");
        let partial = app.search.as_ref().map_or(0, |s| s.matches.len());
        app.finish_reading(full.clone());
        press(&mut app, "/");
        indexed(&mut app);
        press(&mut app, close);
        completed(&mut app);
        press(&mut app, "n");
        let all = whole_count(&full, "harbour");
        assert!(partial < all, "{partial} of {all}");
        let s = app.search.as_ref().expect("the search is back");
        assert_eq!((s.matches.len(), s.partial), (all, false), "after {close}");
        let status = screen(&app).status();
        assert!(!status.contains("so far"), "after {close}: {status}");
    }
}

/// What waits for the whole document says how far the reading is, from the worker's
/// counter of source bytes parsed, kept up to date; never 100% before it is done.
#[test]
fn what_waits_says_how_far_the_reading_is() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (mut app, full) = reading_app();
    let done = std::sync::Arc::new(AtomicUsize::new(0));
    app.reading_progress(std::sync::Arc::clone(&done));
    press(&mut app, "50%");
    let status = screen(&app).status();
    assert!(status.contains("reading… 0% (that key runs"), "{status}");
    done.store(
        full.source_len / 100 * 43 + full.source_len / 200,
        Ordering::Relaxed,
    );
    assert!(app.refresh_reading_message());
    assert!(!app.refresh_reading_message(), "unchanged");
    let status = screen(&app).status();
    assert!(status.contains("reading… 43% (that key runs"), "{status}");
    done.store(full.source_len, Ordering::Relaxed);
    app.refresh_reading_message();
    assert!(screen(&app).status().contains("reading… 99%"));
    // Parsed, the store's record matched with it: said so, once, however often redrawn.
    done.store(sidenote::document::progress::MATCHING, Ordering::Relaxed);
    assert!(app.refresh_reading_message());
    assert!(!app.refresh_reading_message(), "unchanged");
    let status = screen(&app).status();
    assert!(
        status.contains("reading… placing bookmarks (that key runs"),
        "{status}"
    );
    app.finish_reading(full);
    assert!(!screen(&app).status().contains("reading…"));
}

/// A file of one-line blocks (every third of two lines, so a cut inside a block shows),
/// each citing its own note, the notes at the end.
fn tiny_blocks(n: usize) -> String {
    let mut text = String::from("The Ledger of Vellmarsh\n\nMarch 14, 2031\n\n");
    for i in 1..=n {
        let line_break = if i % 3 == 0 { "\n" } else { " " };
        text.push_str(&format!("Line {i} of{line_break}the ledger.[{i}]\n\n"));
    }
    text.push_str("Notes\n\n");
    for i in 1..=n {
        text.push_str(&format!("[{i}] Ledger note {i}.\n\n"));
    }
    text
}

/// In a file of one-line blocks a slice holds at most `Slices::blocks` blocks, however
/// few bytes they take (the parse costs by the block), and what it holds is still the
/// full parse there: the first blocks, the last notes.
#[test]
fn a_file_of_tiny_blocks_is_previewed_by_the_block() {
    let text = tiny_blocks(3000);
    let full = load(text.as_bytes()).expect("parses");
    let part = preview(text.as_bytes(), None, Some("big.txt"), SMALL).expect("a preview");
    let uncapped = Slices {
        blocks: usize::MAX,
        ..SMALL
    };
    let more = preview(text.as_bytes(), None, Some("big.txt"), uncapped).expect("a preview");
    let units = |d: &Document| d.blocks.len() + d.notes.iter().filter(|n| n.defined).count();
    assert!(units(&part) <= 3 * SMALL.blocks, "{} units", units(&part));
    assert!(
        units(&more) > 2 * units(&part),
        "{} against {}",
        units(&more),
        units(&part)
    );
    // The start: the same blocks as the full parse, from the first.
    let texts = |d: &Document, k: usize| {
        d.blocks[..k]
            .iter()
            .map(|b| (b.src, b.text.clone()))
            .collect::<Vec<_>>()
    };
    let k = part.blocks.len();
    assert!(k >= SMALL.blocks - 3, "{k} blocks");
    assert_eq!(texts(&part, k), texts(&full, k));
    // The end: the last notes, each as the full parse has it.
    let defined: Vec<_> = part.notes.iter().filter(|n| n.defined).collect();
    assert!(defined.len() >= SMALL.blocks - 3, "{} notes", defined.len());
    for n in &defined {
        let f = full
            .notes
            .iter()
            .find(|f| f.src == n.src)
            .expect("in the full parse");
        assert_eq!((&n.label, &n.text), (&f.label, &f.text));
    }
    assert_eq!(
        part.notes.last().map(|n| &n.text),
        full.notes.last().map(|n| &n.text)
    );
    assert_same_dump_head(&part, &full);
    // The slice around a saved place in the middle is capped too, and is the full
    // parse there.
    let middle = full.blocks[full.blocks.len() / 2].src;
    let around = sidenote::document::preview::preview_around(
        text.as_bytes(),
        None,
        Some("big.txt"),
        SMALL,
        Some(middle),
    )
    .expect("a preview");
    let added = around.blocks.len() - part.blocks.len();
    assert!(added > 3 && added <= SMALL.blocks, "{added} blocks around");
    for b in around.blocks.iter().filter(|b| b.src >= middle) {
        let f = full
            .blocks
            .iter()
            .find(|f| f.src == b.src)
            .expect("in the full parse");
        assert_eq!(b.text, f.text);
    }
}

/// Paging down the preview stops before the part of the file it skipped (the notes
/// would stand where the next screen of the text is): that key waits for the whole
/// document, like one that needs it, and runs once it is in. Until then every page is
/// the whole document's.
#[test]
fn scrolling_stops_where_the_preview_skipped_and_goes_on_once_read() {
    let (mut app, full) = reading_app_with_pieces();
    let mut whole = full_app(&full);
    let mut n = 0;
    while !screen(&app).status().contains("once the file is read") {
        assert!(n < 200, "never stopped: {}", screen(&app).status());
        press(&mut app, "<PageDown>");
        n += 1;
        if !screen(&app).status().contains("once the file is read") {
            press(&mut whole, "<PageDown>");
            assert_eq!(screen(&app).page(), screen(&whole).page(), "page {n}");
        }
    }
    assert!(n > 2, "stopped at once");
    // The page stayed where it was, and so does every key after the one that waits.
    assert_eq!(screen(&app).page(), screen(&whole).page());
    press(&mut app, "<PageDown>k");
    assert_eq!(screen(&app).page(), screen(&whole).page());
    // Once read, the keys run in order, as on the whole document.
    app.finish_reading(full.clone());
    press(&mut whole, "<PageDown><PageDown>k");
    assert_eq!(screen(&app).page(), screen(&whole).page());
}

/// Line by line too, every page is the whole document's until the key that would bring
/// the skipped part on screen waits: the notes heading never shows below the start.
#[test]
fn line_by_line_the_notes_heading_never_shows_below_the_start() {
    let (mut app, full) = reading_app_with_pieces();
    let mut whole = full_app(&full);
    for n in 0..2000 {
        press(&mut app, "j");
        if screen(&app).status().contains("once the file is read") {
            assert!(n > 10, "stopped at once");
            return;
        }
        press(&mut whole, "j");
        assert_eq!(screen(&app).page(), screen(&whole).page(), "line {n}");
    }
    panic!("never stopped");
}

/// While a key waits for the whole document, the mouse does nothing: a click would
/// open a note popup ahead of it (and hold the whole document back), the wheel would
/// scroll ahead of it.
#[test]
fn the_mouse_waits_with_the_keys() {
    let (mut app, _) = reading_app_with_pieces();
    for n in 0.. {
        if screen(&app).status().contains("once the file is read") {
            break;
        }
        assert!(n < 200, "never stopped: {}", screen(&app).status());
        press(&mut app, "<PageDown>");
    }
    let page = screen(&app).page().to_vec();
    let (x, y) = screen(&app).cell_of("[").expect("a marker on the page");
    support::click(&mut app, x + 1, y);
    support::wheel(&mut app, true);
    support::wheel(&mut app, false);
    assert_eq!(screen(&app).page(), &page[..]);
    assert!(
        app.can_finish_reading(),
        "no popup holds the whole document back"
    );
}

/// `m` on a note the preview shows without its definition (it did not read that far
/// into the notes) waits for the whole document, where the note has its place.
#[test]
fn a_bookmark_of_a_note_the_preview_has_not_read_waits() {
    let text = text();
    let narrow = sidenote::document::preview::Slices {
        notes: 300,
        ..SMALL
    };
    let part = preview(text.as_bytes(), None, Some("big.txt"), narrow).expect("a preview");
    let n = part
        .notes
        .iter()
        .position(|n| n.src.is_none())
        .expect("a note without its definition");
    let mut app = support::app(part, 100, 30);
    app.start_reading();
    // The store's record known by the file's stamp: bookmarks change on the preview.
    let dir = tempfile::tempdir().expect("dir");
    let key = sidenote::store::DocKey::for_stdin(b"the whole dispatch");
    app.attach_store_while_reading(
        sidenote::store::Store::open_at(dir.path()),
        Some((key, None)),
    );
    press(&mut app, "gg");
    press(&mut app, "m");
    assert!(
        screen(&app).status().contains("Bookmark label"),
        "{}",
        screen(&app).status()
    );
    press(&mut app, "<Esc>");
    let unit = app.doc.unit_of(sidenote::document::Part::Note(n));
    let row = app.row_of_pos(sidenote::document::DocPos::new(unit, 0));
    app.set_top(row);
    press(&mut app, "m");
    let status = screen(&app).status();
    assert!(status.contains("once the file is read"), "{status}");
}
