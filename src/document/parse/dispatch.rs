//! Sanitized lines → `Document`, for dispatches and any other plain text: header,
//! body blocks, note definitions wherever they stand, references resolved last.

use super::anchors::{self, Resolver};
use super::blocks;
use super::classify::{self, Item};
use super::header;
use super::notes::{self, NoteDef};
use super::split;
use crate::document::model::{Anchor, Block, Document};
use std::collections::HashSet;

/// Saved web pages end with sharing widgets; nothing after this line is the report.
const BOILERPLATE_START: &str = "share this report";

/// At most this many labels are named in a notice.
const MAX_NAMED_LABELS: usize = 10;

pub fn parse(lines: &[&str]) -> Document {
    let (mut meta, body_start) = match header::parse(lines) {
        Some((meta, end)) => (meta, end),
        None => (header::gutenberg(lines), 0),
    };
    let body_end = boilerplate_start(lines, body_start);
    let raw = blocks::split(&lines[body_start..body_end]);
    let base = blocks::base_indent(&raw);

    let mut bodies = Vec::new();
    let mut defs: Vec<NoteDef> = Vec::new();
    for item in classify::classify(&raw, base) {
        match item {
            Item::Body { kind, text } => bodies.push((kind, text)),
            Item::Note(def) => defs.push(def),
        }
    }

    let defined: HashSet<&str> = defs.iter().map(|d| d.label.as_str()).collect();
    let mut resolver = Resolver::new(&defined);
    let mut found: Vec<Vec<(String, usize)>> = Vec::with_capacity(bodies.len());
    let mut blocks_out: Vec<Block> = Vec::with_capacity(bodies.len());
    for (kind, text) in bodies {
        let (text, refs) = anchors::extract(&text, &mut resolver);
        // Before note references are counted: a cut block's pieces are blocks of their own.
        for (text, refs) in split::split_long(text, refs) {
            blocks_out.push(Block {
                kind,
                text,
                ..Block::default()
            });
            found.push(refs);
        }
    }

    let list = notes::build(
        defs,
        found.iter().flatten().map(|(label, _)| label.as_str()),
    );
    let mut doc_notes = list.notes;
    for (b, (block, refs)) in blocks_out.iter_mut().zip(found).enumerate() {
        for (label, at) in refs {
            // Every referenced label was handed to `build`, so it has an entry.
            let Some(&note) = list.index.get(&label) else {
                continue;
            };
            if doc_notes[note].refs.last() != Some(&b) {
                doc_notes[note].refs.push(b);
            }
            block.anchors.push(Anchor { label, at, note });
        }
    }

    let cut: Vec<String> = doc_notes
        .iter_mut()
        .filter_map(|n| {
            let text = n.text.as_mut()?;
            split::cut_short(text).then(|| n.label.clone())
        })
        .collect();

    let mut notices = Vec::new();
    if !list.duplicates.is_empty() {
        notices.push(format!(
            "notes defined more than once (the first definition is kept): {}",
            named_labels(&list.duplicates)
        ));
    }
    if !cut.is_empty() {
        notices.push(format!(
            "notes longer than {} KiB were cut short: {}",
            split::MAX_BLOCK_BYTES / 1024,
            named_labels(&cut)
        ));
    }
    if meta.title.as_deref().is_some_and(str::is_empty) {
        meta.title = None;
    }
    Document {
        format: "text".to_owned(),
        meta,
        blocks: blocks_out,
        notes: doc_notes,
        notices,
        ..Document::default()
    }
}

/// Index of the `Share this Report:` line (at a block start) or `lines.len()`.
fn boilerplate_start(lines: &[&str], from: usize) -> usize {
    let mut previous_blank = true;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let t = line.trim();
        if previous_blank
            && t.trim_end_matches(':')
                .eq_ignore_ascii_case(BOILERPLATE_START)
        {
            return i;
        }
        previous_blank = t.is_empty();
    }
    lines.len()
}

/// `[3], [7] and 2 more`: at most `MAX_NAMED_LABELS` labels named.
fn named_labels(labels: &[String]) -> String {
    let named: Vec<String> = labels
        .iter()
        .take(MAX_NAMED_LABELS)
        .map(|l| format!("[{l}]"))
        .collect();
    let more = labels.len().saturating_sub(MAX_NAMED_LABELS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("{}{tail}", named.join(", "))
}
