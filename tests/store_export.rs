//! `sidenote bookmarks --format markdown|json|text`.

mod store_support;

use sidenote::document::DocPos;
use sidenote::store::{render, Bookmark, DocKey, DocRecord, ExportFormat, Store};
use store_support::*;

/// Two documents: one file with two bookmarks (one lost), one from standard input.
fn records() -> Vec<DocRecord> {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open_at(tmp.path()).with_clock(|| NOW);
    let d = original();
    let key = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000001".into(),
        path: Some("/home/reader/dispatches/ferry.txt".into()),
    };
    let mut lost = Bookmark::new(
        &d,
        pos_of(&d, 2, "spokesman"),
        "company *reply*",
        NOW + 86_400,
    );
    lost.lost = true;
    s.add_bookmark(
        &key,
        &d,
        Bookmark::new(&d, pos_of(&d, 1, "leaving"), "stranded", NOW),
    )
    .unwrap();
    s.add_bookmark(&key, &d, lost).unwrap();
    let other = doc("Lighthouse Keepers Strike", &[P3]);
    let stdin = DocKey::for_stdin(b"lighthouse");
    s.add_bookmark(
        &stdin,
        &other,
        Bookmark::new(&other, DocPos::new(2, 0), "", NOW),
    )
    .unwrap();
    // A document with only a reading position is left out of exports.
    let third = DocKey::for_stdin(b"third");
    s.save_position(&third, &other, DocPos::new(2, 0), 3, NOW)
        .unwrap();
    s.all_records().unwrap()
}

#[test]
fn markdown_lists_documents_with_labels_excerpts_and_dates() {
    let md = render(&records(), ExportFormat::Markdown);
    assert!(md.starts_with("# Bookmarks\n"));
    assert!(md.contains("\n## Ferry Timetable Dispute\n\n`/home/reader/dispatches/ferry.txt`\n"));
    assert!(md.contains("- **stranded** ("), "{md}");
    assert!(
        md.contains("%, 2024-05-29)\n  > leaving fishermen stranded on the quay until noon.\n"),
        "{md}"
    );
    assert!(
        md.contains("- **company \\*reply\\*** ("),
        "user text is escaped: {md}"
    );
    assert!(
        md.contains("2024-05-30) — *not found in this version*"),
        "{md}"
    );
    assert!(md.contains("## Lighthouse Keepers Strike\n\n*standard input*"));
    assert!(md.contains("- **(no label)**"));
    assert_eq!(
        md.matches("\n## ").count(),
        2,
        "the record without bookmarks is left out"
    );
}

#[test]
fn text_is_one_line_per_bookmark_with_its_excerpt_below() {
    let text = render(&records(), ExportFormat::Text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Ferry Timetable Dispute");
    assert_eq!(lines[1], "/home/reader/dispatches/ferry.txt");
    assert!(lines[2].contains("%  2024-05-29  stranded"), "{text}");
    assert!(
        lines[3]
            .trim_start()
            .starts_with("\u{201c}leaving fishermen"),
        "{text}"
    );
    assert!(
        lines[4].ends_with("company *reply*  [not found in this version]"),
        "{text}"
    );
    assert!(text.contains("\nLighthouse Keepers Strike\nstandard input\n"));
}

#[test]
fn json_carries_everything_a_script_needs() {
    let json: serde_json::Value =
        serde_json::from_str(&render(&records(), ExportFormat::Json)).unwrap();
    assert_eq!(json["version"], 2);
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], "/home/reader/dispatches/ferry.txt");
    assert_eq!(docs[1]["path"], serde_json::Value::Null);
    let b = &docs[0]["bookmarks"][1];
    assert_eq!(b["label"], "company *reply*");
    assert_eq!(b["lost"], true);
    assert_eq!(b["created_date"], "2024-05-30");
    assert_eq!(b["pos"]["part"], "body");
    assert_eq!(
        b["pos"]["src"],
        "Ferry Timetable Dispute".len() + 2 + P1.len() + 2 + P2.len() + 2
    );
    assert_eq!(docs[0]["parser"], "text/2");
    assert_eq!(docs[0]["meta"]["title"], "Ferry Timetable Dispute");
    assert!(b["percent"].as_u64().unwrap() > docs[0]["bookmarks"][0]["percent"].as_u64().unwrap());
}

#[test]
fn nothing_to_export_says_so() {
    assert_eq!(render(&[], ExportFormat::Text), "No bookmarks.\n");
    assert!(render(&[], ExportFormat::Markdown).contains("No bookmarks."));
    let json: serde_json::Value = serde_json::from_str(&render(&[], ExportFormat::Json)).unwrap();
    assert_eq!(json["documents"], serde_json::json!([]));
}

#[test]
fn format_names_parse_for_the_command_line() {
    assert_eq!(
        "markdown".parse::<ExportFormat>(),
        Ok(ExportFormat::Markdown)
    );
    assert_eq!("MD".parse::<ExportFormat>(), Ok(ExportFormat::Markdown));
    assert_eq!("json".parse::<ExportFormat>(), Ok(ExportFormat::Json));
    assert_eq!("text".parse::<ExportFormat>(), Ok(ExportFormat::Text));
    assert!("html"
        .parse::<ExportFormat>()
        .unwrap_err()
        .contains("markdown, json or text"));
}

/// Stored text can be edited by hand and titles can come from file names: no export format
/// may print a control or bidi character, and JSON still carries the exact text.
#[test]
fn exports_never_print_terminal_controls() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open_at(tmp.path()).with_clock(|| NOW);
    let d = original();
    let key = DocKey {
        fingerprint: "fnv1a128:00000000000000000000000000000009".into(),
        path: Some("/tmp/evil\u{1b}]52;c;ZXZpbA==\u{7}.txt".into()),
    };
    let label = "clip\u{1b}[2J\u{9b}31m\u{202e}dne";
    s.add_bookmark(&key, &d, Bookmark::new(&d, DocPos::new(2, 0), label, NOW))
        .unwrap();
    let records = s.all_records().unwrap();
    let unsafe_char = sidenote::document::parse::sanitize::is_unsafe_char;
    for format in [
        ExportFormat::Text,
        ExportFormat::Markdown,
        ExportFormat::Json,
    ] {
        let out = render(&records, format);
        let bad: Vec<char> = out
            .chars()
            .filter(|c| *c != '\n' && unsafe_char(*c))
            .collect();
        assert!(bad.is_empty(), "{format:?} printed {bad:?}:\n{out}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(&records, ExportFormat::Json)).unwrap();
    assert_eq!(json["documents"][0]["bookmarks"][0]["label"], label);
}

/// A bookmark left unplaced because two passages were about equally similar says so,
/// not "not found", in the Markdown and text exports.
#[test]
fn an_ambiguous_bookmark_is_exported_as_unplaced() {
    let mut recs = records();
    let ferry = recs
        .iter_mut()
        .find(|r| r.title == "Ferry Timetable Dispute")
        .expect("the ferry record");
    let lost = ferry
        .bookmarks
        .iter_mut()
        .find(|b| b.lost)
        .expect("the lost bookmark");
    lost.ambiguous = true;
    let md = render(&recs, ExportFormat::Markdown);
    assert!(
        md.contains("— *unplaced: two passages match about equally*"),
        "{md}"
    );
    assert!(!md.contains("not found in this version"), "{md}");
    let text = render(&recs, ExportFormat::Text);
    assert!(
        text.contains("[unplaced: two passages match about equally]"),
        "{text}"
    );
}

#[test]
fn markdown_puts_the_full_citation_under_every_passage() {
    let mut records = records();
    let md = render(&records, ExportFormat::Markdown);
    // Title, series and number, date, and where it came from, under each excerpt.
    let ferry = records[0].clone();
    let cite = match (&ferry.meta.series, &ferry.meta.date) {
        (Some(_), _) | (_, Some(_)) => format!(
            "  >\n  > — *Ferry Timetable Dispute*, {}, `/home/reader/dispatches/ferry.txt`\n",
            md_cite(&ferry)
        ),
        _ => "  >\n  > — *Ferry Timetable Dispute*, `/home/reader/dispatches/ferry.txt`\n"
            .to_string(),
    };
    assert_eq!(md.matches(cite.as_str()).count(), 2, "{md}");
    assert!(
        md.contains("  >\n  > — *Lighthouse Keepers Strike*, *standard input*\n"),
        "{md}"
    );
    // A fetched document is cited by its address.
    records[0].url = Some("https://dispatches.example/ferry <1>".into());
    let md = render(&records, ExportFormat::Markdown);
    assert!(
        md.contains("`, <https://dispatches.example/ferry%20%3C1%3E>\n")
            || md.contains(", <https://dispatches.example/ferry%20%3C1%3E>\n"),
        "{md}"
    );
    let json = render(&records, ExportFormat::Json);
    assert!(
        json.contains(r#""url": "https://dispatches.example/ferry <1>""#),
        "{json}"
    );
}

/// `Series No. N, date` as the export writes it, from the record's metadata.
fn md_cite(r: &DocRecord) -> String {
    let m = &r.meta;
    let series = match (&m.series, &m.number) {
        (Some(s), Some(n)) => Some(format!("{s} No. {n}")),
        (Some(s), None) => Some(s.clone()),
        (None, Some(n)) => Some(format!("No. {n}")),
        (None, None) => None,
    };
    series
        .into_iter()
        .chain(m.date.clone())
        .collect::<Vec<_>>()
        .join(", ")
}
