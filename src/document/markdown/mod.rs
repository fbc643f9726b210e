//! The Markdown format: CommonMark with GFM footnotes (`[^1]`, `[^label]`), read with
//! `pulldown-cmark`, and YAML front matter read by hand (`front_matter.rs`).
//!
//! Footnote references become anchors, definitions (anywhere in the file, over several
//! paragraphs) become notes; labels compare case-insensitively as GFM does. A reference
//! to a label nobody defines stays text (`[^x]`), as on GitHub; a definition nobody cites
//! is still a note. See docs/format.md, "Markdown".

mod front_matter;
mod walk;

use crate::document::builder::{named_labels, Builder, LabelRule};
use crate::document::format::{Format, Input};
use crate::document::model::{Meta, NoteKind};
use pulldown_cmark::{Options, Parser};
use std::collections::HashMap;
use walk::{Item, Walk};

pub struct Markdown;

/// Extensions that say "Markdown".
const EXTENSIONS: [&str; 6] = ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn"];
/// Content signals are looked for in this many leading bytes.
const SNIFF_BYTES: usize = 64 * 1024;

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    /// GFM compares footnote labels case-insensitively: `[^Note]` cites `[^note]:`.
    fn label_rule(&self) -> LabelRule {
        LabelRule::CaseInsensitive
    }

    fn detect(&self, input: &Input<'_>) -> u8 {
        match input.extension() {
            Some(e) if EXTENSIONS.contains(&e.as_str()) => 95,
            _ => sniff(input.text),
        }
    }

    fn parse(&self, input: &Input<'_>, out: &mut Builder) {
        let text = input.text;
        let fm = front_matter::parse(text);
        let body_start = fm.as_ref().map_or(0, |f| f.end);
        let body = &text[body_start..];

        let mut walk = Walk::default();
        let parser = Parser::new_ext(body, Options::ENABLE_FOOTNOTES);
        for (event, range) in parser.into_offset_iter() {
            walk.event(event, range.start + body_start..range.end + body_start);
        }
        let Walk {
            mut items,
            duplicates,
            ..
        } = walk.finish();

        // An anchor carries its definition's label as written (`[^Note]` citing
        // `[^note]:` is anchor `note`), so every anchor's label is its note's.
        let written: HashMap<String, String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Note { label, .. } => Some((label.to_lowercase(), label.clone())),
                Item::Block { .. } => None,
            })
            .collect();
        for item in &mut items {
            if let Item::Block { anchors, .. } = item {
                for a in anchors {
                    if let Some(l) = written.get(&a.label.to_lowercase()) {
                        a.label.clone_from(l);
                    }
                }
            }
        }

        let mut meta = Meta::default();
        let mut title_at = None;
        if let Some(fm) = fm {
            meta.date = fm.date_text.as_deref().and_then(front_matter::iso_date);
            meta.date_text = fm.date_text;
            meta.series = fm.series;
            meta.number = fm.number;
            meta.authors = fm.authors;
            meta.topics = fm.topics;
            if fm.title.is_some() {
                meta.title = fm.title;
                title_at = fm.title_at;
            }
        }
        // No title in the front matter: a first `# Heading` without notes is the title.
        if meta.title.is_none() {
            if let Some(Item::Block {
                h1: true,
                anchors,
                range,
                ..
            }) = items.first()
            {
                if anchors.is_empty() {
                    title_at = Some(range.start);
                    if let Item::Block { text, .. } = items.remove(0) {
                        meta.title = Some(text);
                    }
                }
            }
        }

        // Every decoded offset, mapped to the input in one forward pass.
        let mut points: Vec<usize> = items
            .iter()
            .flat_map(|i| match i {
                Item::Block { range, .. } | Item::Note { range, .. } => [range.start, range.end],
            })
            .chain(title_at)
            .map(|p| floor_boundary(text, p))
            .collect();
        points.sort_unstable();
        points.dedup();
        let mapped = input.to_source(&points);
        let src = |p: usize| {
            let p = floor_boundary(text, p);
            points
                .binary_search(&p)
                .ok()
                .and_then(|i| mapped.get(i).copied())
                .unwrap_or(0)
                .min(input.source_len)
        };
        meta.title_src = title_at.map(src);
        out.set_meta(meta);
        for item in items {
            match item {
                Item::Block {
                    kind,
                    text,
                    anchors,
                    runs,
                    range,
                    ..
                } => {
                    let (s, e) = (src(range.start), src(range.end));
                    out.push_block(kind, text, anchors, runs, s..e.max(s));
                }
                Item::Note {
                    label,
                    paragraphs,
                    range,
                } => {
                    let (s, e) = (src(range.start), src(range.end));
                    out.push_note(&label, paragraphs, NoteKind::Note, s..e.max(s));
                }
            }
        }
        if !duplicates.is_empty() {
            out.notice(format!(
                "notes defined more than once (the first definition is kept): {}",
                named_labels(&duplicates)
            ));
        }
    }
}

/// `p`, moved back to a character boundary of `text` (and at most its length).
fn floor_boundary(text: &str, p: usize) -> usize {
    let mut p = p.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// How much the start of `text` looks like Markdown when no extension says so: front
/// matter or a `[^1]:` definition are strong signs, `#` headings and ``` fences weaker.
/// Plain text (score 1) stays the fallback when nothing is found.
fn sniff(text: &str) -> u8 {
    let head = &text[..floor_boundary(text, SNIFF_BYTES)];
    let mut score: u32 = 0;
    if front_matter::parse(head).is_some() {
        score += 50;
    }
    let (mut headings, mut fences, mut defs) = (0u32, 0u32, 0u32);
    for line in head.lines() {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() > 3 {
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        } else if t.starts_with("[^") && t.contains("]:") {
            defs += 1;
        } else {
            let hashes = t.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
                headings += 1;
            }
        }
    }
    if defs > 0 {
        score += 50;
    }
    if headings >= 2 {
        score += 30;
    }
    if fences >= 2 {
        score += 30;
    }
    // Medium at most: an extension that says otherwise (`.txt`, 90) wins.
    score.min(70) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff("Just a dispatch.[1]\n\n[1] A note.\n"), 0);
        assert!(sniff("Text.[^1]\n\n[^1]: A note.\n") >= 50);
        assert!(sniff("---\ntitle: x\n---\nbody\n") >= 50);
        assert!(sniff("# One\n\ntext\n\n## Two\n") >= 30);
        assert_eq!(sniff("# only one heading\n"), 0);
        assert!(sniff("```\ncode\n```\n") >= 30);
    }
}
