//! The bookmark round trip a reader relies on: mark a passage, quit, come back to it
//! (the reader resumes where it stopped), find it in the list, jump to it, and export it.

mod common;

use common::{Key, Session, TIMEOUT};
use std::path::Path;
use std::process::Command;

/// A fictional dispatch long enough to scroll through several pages at 80×24.
const BRIDGE_DISPATCH: &str = "\
May 16, 2031 Special Dispatch No. 311

The Lantern Road Bridge Closes And The Valley Takes The Long Way Round

May 16, 2031
Merrow Vale | Special Dispatch No. 311

The town council of Merrow Vale voted on May 2 to close the Lantern Road bridge to all motor traffic after engineers found cracks in two of its three stone arches.[1] The decision cuts the shortest route between the valley farms and the market square.

Bridge inspector Tamsin Orrel told the council that the cracks had widened by four millimeters since the autumn survey, and that heavy lorries crossing at dawn were the likely cause.[2] She recommended a weight limit years ago, but the sign was never put up.

Farmers on the eastern slope now face a detour of eleven kilometers through the quarry village of Hask. Several of them said the extra hour each morning would make it hard to deliver milk before the dairy closes its gates at eight.

The council's treasurer, Bastian Quell, said repairs would cost at least 2.4 million crowns, more than the town spends on roads in three years.[3] He proposed asking the provincial fund for an emergency grant, a request that usually takes a year to be answered.

Shopkeepers around the market square were the first to feel the closure. The baker Elsa Mirren said her Saturday trade had fallen by a third, because families from the farms no longer come into town for a single errand.

Not everyone regrets the quiet. Residents of Lantern Road, who have complained for a decade about lorries rattling their windows before sunrise, held a small picnic on the empty bridge on the first Sunday after the closure.[4]

The quarry company at Hask, whose gravel lorries use the bridge more than anyone, said in a short statement that it had always respected the rules of the road and that no weight limit had ever been posted. The company offered to pay for a new survey.

Engineers from the provincial roads office arrived on May 9 with a drilling rig to take samples from the central arch. Their preliminary report, due in June, will decide whether the bridge can be strengthened or must be rebuilt from the river bed up.

Historians point out that the bridge is older than the town's charter. A plaque on its western parapet records that it was built by the guild of masons in the year of the great flood, and the arches have survived four floods since then.

The heritage society has already written to the council asking that any repair keep the original stones. Its chairman, Odo Venn, said that a concrete replacement would be like painting over the only old picture the valley owns.[5]

For the school bus, the detour is more than an inconvenience. The driver, Marta Selle, now leaves the depot at a quarter past six, and the youngest children from the upper farms spend almost an hour on the road each way.

The council has asked the ferryman at Cold Reach to run an extra crossing in the morning for foot passengers and bicycles. The ferry carries twelve people at a time and takes seven minutes to cross when the river is calm.

At a crowded public meeting on May 14, farmers demanded a temporary bridge for light vehicles. The mayor, Helga Strand, replied that a temporary crossing would need its own permit and could not be built before the harvest.

Some residents have proposed a toll on the rebuilt bridge, with the money set aside for its upkeep. Others fear that a toll would simply push the lorries back onto the narrow road through Hask, where the houses stand at the very edge of the tarmac.

The provincial newspaper reported that two other bridges in the district were built by the same guild and have not been inspected in twenty years.[6] The roads office said it would add them to this summer's survey list.

Whatever the engineers decide, the Lantern Road bridge will remain closed to cars at least until the autumn. The council meets again on June 20 to hear the report and to decide how, and with whose money, the valley will be joined again.


[1] Minutes of the Merrow Vale town council, May 2, 2031.

[2] Survey of the Lantern Road bridge, provincial roads office, October 2030.

[3] Merrow Vale budget statement for 2031.

[4] Lantern Road residents' association newsletter, May 2031.

[5] Letter of the Merrow Vale heritage society to the town council, May 6, 2031.

[6] Valley Courier, May 12, 2031.

Share this Report:
";

const TITLE: &str = "The Lantern Road Bridge";
const LABEL: &str = "toll on the new bridge";

fn status_line(s: &Session) -> String {
    s.rows().last().cloned().unwrap_or_default()
}

/// The position figure (`42%`) at the right of the status line.
fn percent(status: &str) -> u8 {
    status
        .split_whitespace()
        .find_map(|w| w.strip_suffix('%')?.parse().ok())
        .unwrap_or_else(|| panic!("no percentage in status line {status:?}"))
}

fn quit(s: &mut Session) {
    s.send(b"q");
    let code = s.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code, 0, "quitting with q should succeed");
    assert!(!s.alternate_screen(), "the shell screen must be back");
}

/// `sidenote bookmarks FILE --format FORMAT` with the reader's data directory.
fn export(data_home: &Path, home: &Path, file: &str, format: &str) -> String {
    let out = Command::new(common::pty::binary())
        .args(["bookmarks", file, "--format", format])
        .env("HOME", home)
        .env("XDG_DATA_HOME", data_home)
        .output()
        .unwrap_or_else(|e| panic!("run sidenote bookmarks: {e}"));
    assert!(
        out.status.success(),
        "sidenote bookmarks --format {format} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the export is UTF-8")
}

#[test]
fn bookmark_survives_a_restart_and_leads_back_to_its_passage() {
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let path = dir.path().join("bridge.txt");
    std::fs::write(&path, BRIDGE_DISPATCH).expect("write the test dispatch");
    let path = path.to_str().expect("temporary paths are UTF-8 here");

    // First visit: read two pages in, bookmark the passage, quit.
    let mut first = Session::spawn(&[path], &[], 80, 24);
    first
        .wait_for(TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    first.send_keys(&[Key::PageDown, Key::PageDown]);
    first.send(b"m");
    first
        .wait_for("Bookmark label:", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    // The prompt offers the passage's first words: that is where the bookmark points.
    let prompt = status_line(&first);
    let passage_start = prompt
        .split("Enter alone: ")
        .nth(1)
        .map(|d| d.trim().trim_end_matches('…').trim().to_string())
        .filter(|d| d.split_whitespace().count() >= 3)
        .unwrap_or_else(|| panic!("no default label in the prompt {prompt:?}"));
    first.send_str(LABEL);
    first.send_key(Key::Enter);
    first
        .wait_for(&format!("bookmarked: {LABEL}"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let left_at = percent(&status_line(&first));
    assert!(left_at > 0, "two pages down is past the start");
    let top_row = first.rows().first().cloned().unwrap_or_default();
    quit(&mut first);

    // Second visit with the same data directory: the reader resumes, lists the bookmark,
    // and jumps back to the passage.
    let data = first.data_dir();
    let mut second = first.reopen(&[path], 80, 24);
    second
        .wait_for(&format!("resumed at {left_at}%"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        second.rows().first().cloned().unwrap_or_default(),
        top_row,
        "the reader should reopen on the line it was left at"
    );

    second.send(b"g");
    second
        .wait_until("the title at the top", TIMEOUT, |screen| {
            screen
                .contents()
                .lines()
                .next()
                .is_some_and(|l| l.contains(TITLE))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    second.send(b"'");
    second
        .wait_until("the bookmark list showing the label", TIMEOUT, |screen| {
            let text = screen.contents();
            text.contains("Bookmarks (1)") && text.contains(LABEL)
        })
        .unwrap_or_else(|e| panic!("{e}"));

    second.send_key(Key::Enter);
    second
        .wait_for(&format!("bookmark: {LABEL}"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    second
        .wait_gone("Bookmarks (1)", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = second.rows();
    let passage_row = rows
        .iter()
        .take(3)
        .find(|r| r.contains(&passage_start))
        .unwrap_or_else(|| {
            panic!(
                "the bookmarked passage ({passage_start:?}) should be at the top; screen was:\n{}",
                second.screen_text()
            )
        });
    assert!(
        passage_row.starts_with('▍'),
        "a bookmarked passage carries a mark in the margin: {passage_row:?}"
    );
    quit(&mut second);

    // Export for pasting elsewhere.
    let markdown = export(&data, first.home(), path, "markdown");
    assert!(
        markdown.contains(LABEL),
        "the Markdown export should list the label:\n{markdown}"
    );
    let json = export(&data, first.home(), path, "json");
    let value: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("the JSON export does not parse ({e}):\n{json}"));
    let labels: Vec<&str> = value["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["bookmarks"].as_array().into_iter().flatten())
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        [LABEL],
        "the JSON export holds the one bookmark:\n{json}"
    );
}

/// Scenario 1 of the bookmark-loss issue, as a user types it: `m` `Enter` bookmarks a
/// paragraph; `m` again and the label "my label" used to be read as "remove? y" and the
/// rest as reading keys. Now the second `m` adds a second bookmark in the same passage,
/// both survive a restart, and quitting at once keeps the saved place exactly.
#[test]
fn a_second_m_with_a_typed_label_adds_a_bookmark_and_loses_none() {
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let path = dir.path().join("bridge.txt");
    std::fs::write(&path, BRIDGE_DISPATCH).expect("write the test dispatch");
    let path = path.to_str().expect("temporary paths are UTF-8 here");

    let mut first = Session::spawn(&[path], &[], 80, 24);
    first
        .wait_for(TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    first.send_keys(&[Key::PageDown]);
    first.send(b"m");
    first
        .wait_for("Bookmark label:", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    first.send_key(Key::Enter);
    first
        .wait_for("bookmarked:", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = first.rows();
    first.send(b"m");
    first
        .wait_for("Bookmark label:", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    first.send_str("my label");
    first.send_key(Key::Enter);
    first
        .wait_for("bookmarked: my label", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    let now = first.rows();
    // The last rows hold the status line and, above it, a long message wrapped at words.
    assert_eq!(
        now[..now.len() - 3],
        page[..page.len() - 3],
        "no typed key ran as a reading command"
    );
    first.send(b"'");
    first
        .wait_until("both bookmarks listed", TIMEOUT, |screen| {
            let text = screen.contents();
            text.contains("Bookmarks (2)") && text.contains("my label")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    first.send_key(Key::Esc);
    first
        .wait_gone("Bookmarks (2)", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    quit(&mut first);
    let data = first.data_dir();
    let store_file = data.join("sidenote").join("bookmarks.json");
    let store_file = if store_file.exists() {
        store_file
    } else {
        data.join("bookmarks.json")
    };
    let saved = std::fs::read(&store_file).expect("the store was written");

    // Open with --top and quit at once: nothing changes on disk.
    let mut second = first.reopen(&["--top", path], 80, 24);
    second
        .wait_for(TITLE, TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    quit(&mut second);
    assert_eq!(
        std::fs::read(&store_file).expect("the store is there"),
        saved,
        "opening with --top and quitting keeps the saved place"
    );
    let json = export(&data, first.home(), path, "json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON export");
    let count = value["documents"][0]["bookmarks"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(count, 2, "both bookmarks kept:\n{json}");
}
