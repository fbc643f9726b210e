//! YAML front matter: a `---` block at the very top of a Markdown file. Only the few
//! `key: value` keys sidenote shows are read, by hand (no YAML library): `title`, `date`,
//! `author`/`authors`, `series`, `number`, `topics`/`tags`. Values may be quoted; lists
//! are `[a, b]` or one `- item` per line.

/// What the front matter said, with offsets into the decoded text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// Decoded offset of the `title:` line.
    pub title_at: Option<usize>,
    pub date_text: Option<String>,
    pub series: Option<String>,
    pub number: Option<String>,
    pub authors: Vec<String>,
    pub topics: Vec<String>,
    /// Decoded offset just past the closing `---` (or `...`) line.
    pub end: usize,
}

/// At most this many lines are looked at for the closing `---`.
const MAX_LINES: usize = 200;

/// Lines of `text` from `from`: (start offset, line without its end, offset after it).
fn lines(text: &str, from: usize) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = &text[at..];
        let (line, len) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let start = at;
        at += len;
        Some((start, line.strip_suffix('\r').unwrap_or(line), at))
    })
}

/// The front matter at the top of `text`, when it opens with a `---` line and a `---`
/// or `...` line closes it.
pub fn parse(text: &str) -> Option<FrontMatter> {
    let mut it = lines(text, 0);
    let (_, first, _) = it.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut end = None;
    for (start, line, after) in it.take(MAX_LINES) {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            end = Some(after);
            break;
        }
        body.push((start, line));
    }
    let mut fm = FrontMatter {
        end: end?,
        ..FrontMatter::default()
    };
    let mut i = 0;
    while i < body.len() {
        let (start, line) = body[i];
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        // `key:` alone: a block list of `- item` lines may follow.
        let mut items: Vec<String> = Vec::new();
        if value.is_empty() {
            while let Some(&(_, next)) = body.get(i) {
                match next.trim_start().strip_prefix('-') {
                    Some(item) if next.starts_with([' ', '\t', '-']) => {
                        items.push(unquote(item.trim()).into_owned());
                        i += 1;
                    }
                    _ => break,
                }
            }
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            items = inner
                .split(',')
                .map(|s| unquote(s.trim()).into_owned())
                .collect();
        } else {
            items.push(unquote(value).into_owned());
        }
        items.retain(|s| !s.is_empty());
        let first = items.first().cloned();
        match key.as_str() {
            "title" => {
                fm.title = first;
                fm.title_at = Some(start);
            }
            "date" => fm.date_text = first,
            "series" => fm.series = first,
            "number" => fm.number = first,
            "author" | "authors" => fm.authors.extend(items),
            "topics" | "tags" => fm.topics.extend(items),
            _ => {}
        }
    }
    Some(fm)
}

/// `"x"` or `'x'` without the quotes (YAML's `''` inside single quotes is one `'`).
fn unquote(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.trim();
    if s.len() >= 2 {
        if let Some(inner) = s.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            return inner.replace("\\\"", "\"").into();
        }
        if let Some(inner) = s.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            return inner.replace("''", "'").into();
        }
    }
    s.into()
}

/// `2024-05-29` from a date written as `2024-05-29`, `2024-05-29T10:00:00Z` or
/// `2024-05-29 10:00`; other dates are kept as written only.
pub fn iso_date(s: &str) -> Option<String> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = head[5..7].parse().ok()?;
    let day: u32 = head[8..10].parse().ok()?;
    let rest = &s[10..];
    let ok_rest = rest.is_empty() || rest.starts_with(['T', ' ', 't']);
    ((1..=12).contains(&month) && (1..=31).contains(&day) && ok_rest).then(|| head.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_lists_and_quotes() {
        let text = "---\ntitle: \"Lamps: Relit\"\ndate: 2032-06-01\nauthors:\n  - A. Quill\n  - 'B. O''Hara'\ntags: [harbour, lamps]\nseries: Special Dispatch\nnumber: 44\nother: x\n---\n# Body\n";
        let fm = parse(text).expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("Lamps: Relit"));
        assert_eq!(fm.title_at, Some(4));
        assert_eq!(fm.date_text.as_deref(), Some("2032-06-01"));
        assert_eq!(fm.authors, ["A. Quill", "B. O'Hara"]);
        assert_eq!(fm.topics, ["harbour", "lamps"]);
        assert_eq!(fm.series.as_deref(), Some("Special Dispatch"));
        assert_eq!(fm.number.as_deref(), Some("44"));
        assert_eq!(&text[fm.end..], "# Body\n");
    }

    #[test]
    fn no_closing_line_is_no_front_matter() {
        assert_eq!(parse("---\ntitle: x\n\ntext\n"), None);
        assert_eq!(parse("text\n---\n"), None);
        assert!(parse("---\r\nauthor: Z\r\n...\r\nx").is_some());
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("2032-06-01").as_deref(), Some("2032-06-01"));
        assert_eq!(iso_date("2032-06-01T10:00Z").as_deref(), Some("2032-06-01"));
        assert_eq!(iso_date("2032-13-01"), None);
        assert_eq!(iso_date("June 1, 2032"), None);
        assert_eq!(iso_date("2032-06-01x"), None);
    }
}
