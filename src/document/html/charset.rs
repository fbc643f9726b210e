//! The encoding a page declares: the WHATWG "prescan a byte stream to determine its
//! encoding" over the first [`PRESCAN_BYTES`], which finds `<meta charset="…">` and
//! `<meta http-equiv="Content-Type" content="…; charset=…">` (names and values in any
//! case, values quoted or not), skipping comments and the attributes of other tags so
//! that a `<meta` written inside a comment or an attribute value does not count.
//! Labels are resolved by `encoding_rs` as browsers do (`iso-8859-1` and `latin1` are
//! windows-1252); a declared UTF-16 means UTF-8 and `x-user-defined` windows-1252.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How much of the start of the input is searched for a declaration.
pub const PRESCAN_BYTES: usize = 1024;

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

/// The encoding the start of `bytes` declares, if any.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut pos = 0;
    while pos < b.len() {
        let rest = &b[pos..];
        if rest.starts_with(b"<!--") {
            // The `-->` may share the comment's dashes (`<!-->`).
            pos += 2 + memchr::memmem::find(&rest[2..], b"-->")? + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&c| is_space(c) || c == b'/')
        {
            pos += 5;
            if let Some(e) = meta(b, &mut pos)? {
                return Some(e);
            }
        } else if rest[0] == b'<'
            && (rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name, then its attributes.
            while pos < b.len() && !is_space(b[pos]) && b[pos] != b'>' {
                pos += 1;
            }
            while attribute(b, &mut pos)?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += memchr::memchr(b'>', rest)? + 1;
        } else {
            pos += 1;
        }
    }
    None
}

/// The attributes of a `<meta` element, `pos` just after its name. `None` when the
/// window ends inside the element; `Some(None)` when it declares nothing usable.
fn meta(b: &[u8], pos: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset yet; Some(true): from `content`, needs http-equiv.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static Encoding> = None;
    while let Some((name, value)) = attribute(b, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" if need_pragma.is_none() => {
                if let Some(e) = charset_in_content(&value) {
                    charset = Encoding::for_label(&e);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let usable = match need_pragma {
        None => false,
        Some(needs) => !needs || got_pragma,
    };
    if !usable {
        return Some(None);
    }
    Some(charset.map(|e| {
        if e == UTF_16BE || e == UTF_16LE {
            UTF_8
        } else if e == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        }
    }))
}

/// One attribute (name and value lower-cased) at `pos`, moving past it. `Some(None)` at
/// the tag's `>`; `None` when the window ends first.
fn attribute(b: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    while is_space(*b.get(*pos)?) || b[*pos] == b'/' {
        *pos += 1;
    }
    if b[*pos] == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    loop {
        let c = *b.get(*pos)?;
        match c {
            b'=' if !name.is_empty() => break,
            b'/' | b'>' => return Some(Some((name, Vec::new()))),
            c if is_space(c) => break,
            c => name.push(c.to_ascii_lowercase()),
        }
        *pos += 1;
    }
    while is_space(*b.get(*pos)?) {
        *pos += 1;
    }
    if b[*pos] != b'=' {
        return Some(Some((name, Vec::new())));
    }
    *pos += 1;
    while is_space(*b.get(*pos)?) {
        *pos += 1;
    }
    let mut value = Vec::new();
    let first = b[*pos];
    if first == b'"' || first == b'\'' {
        *pos += 1;
        loop {
            let c = *b.get(*pos)?;
            *pos += 1;
            if c == first {
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if first == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = *b.get(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The label after `charset=` in a `content` value (`text/html; charset=iso-8859-1`),
/// as WHATWG extracts it: quoted to its closing quote, else up to a space or `;`.
fn charset_in_content(content: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 0;
    loop {
        pos += find_ignore_case(&content[pos..], b"charset")? + b"charset".len();
        while content.get(pos).is_some_and(|&c| is_space(c)) {
            pos += 1;
        }
        if content.get(pos) == Some(&b'=') {
            pos += 1;
            break;
        }
    }
    while content.get(pos).is_some_and(|&c| is_space(c)) {
        pos += 1;
    }
    let rest = &content[pos..];
    match *rest.first()? {
        q @ (b'"' | b'\'') => {
            let end = rest[1..].iter().position(|&c| c == q)?;
            Some(rest[1..1 + end].to_vec())
        }
        _ => {
            let end = rest
                .iter()
                .position(|&c| is_space(c) || c == b';')
                .unwrap_or(rest.len());
            Some(rest[..end].to_vec())
        }
    }
}

fn starts_with_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_2, KOI8_R, SHIFT_JIS};

    fn name(bytes: &[u8]) -> Option<&'static str> {
        prescan(bytes).map(Encoding::name)
    }

    #[test]
    fn meta_charset_in_any_case_and_quoting() {
        assert_eq!(name(b"<meta charset=\"iso-8859-1\">"), Some("windows-1252"));
        assert_eq!(name(b"<META CHARSET='ISO-8859-2'>"), Some("ISO-8859-2"));
        assert_eq!(name(b"<meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(name(b"<meta charset = latin1 />"), Some("windows-1252"));
        assert_eq!(name(b"<Meta Charset=\" utf-8 \">"), Some("UTF-8"));
        assert_eq!(prescan(b"<meta charset=shift_jis>"), Some(SHIFT_JIS));
        assert_eq!(prescan(b"<meta/charset=iso-8859-2>"), Some(ISO_8859_2));
    }

    #[test]
    fn http_equiv_content_type() {
        let page = b"<!DOCTYPE html><html><head>\n<META HTTP-EQUIV=\"Content-Type\" \
            CONTENT=\"text/html; charset=ISO-8859-1\"></head>";
        assert_eq!(name(page), Some("windows-1252"));
        assert_eq!(
            prescan(b"<meta content='text/html;charset=\"koi8-r\"' http-equiv=content-type>"),
            Some(KOI8_R)
        );
        assert_eq!(
            name(b"<meta http-equiv=Content-Type content=\"text/html; CharSet = windows-1250\">"),
            Some("windows-1250")
        );
        // `content` without http-equiv declares nothing.
        assert_eq!(name(b"<meta content=\"text/html; charset=koi8-r\">"), None);
        // Nor does a charset-less content.
        assert_eq!(
            name(b"<meta http-equiv=content-type content=text/html>"),
            None
        );
    }

    #[test]
    fn the_first_usable_meta_wins() {
        let page = b"<meta name=viewport content=\"width=device-width\">\
            <meta charset=bogus><meta charset=iso-8859-2><meta charset=koi8-r>";
        assert_eq!(prescan(page), Some(ISO_8859_2));
        // Within one element, a repeated attribute is ignored.
        assert_eq!(
            prescan(b"<meta charset=koi8-r charset=utf-8>"),
            Some(KOI8_R)
        );
    }

    #[test]
    fn utf16_means_utf8_and_user_defined_means_windows_1252() {
        assert_eq!(name(b"<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(name(b"<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(name(b"<meta charset=x-user-defined>"), Some("windows-1252"));
    }

    #[test]
    fn comments_attributes_and_other_tags_are_not_declarations() {
        assert_eq!(name(b"<!-- <meta charset=koi8-r> --><p>x"), None);
        assert_eq!(name(b"<!--><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(name(b"<a title=\"<meta charset=koi8-r>\">x</a>"), None);
        assert_eq!(name(b"<metadata charset=koi8-r>"), None);
        assert_eq!(name(b"<p>meta charset=koi8-r</p>"), None);
        assert_eq!(
            name(b"<?xml version=\"1.0\" encoding=\"koi8-r\"?><html>"),
            None
        );
        assert_eq!(
            name(b"</p charset=koi8-r><meta charset=iso-8859-2>"),
            Some("ISO-8859-2")
        );
        assert_eq!(name(b""), None);
        assert_eq!(name(b"plain text, no markup"), None);
    }

    #[test]
    fn only_the_first_1024_bytes_are_searched() {
        let mut page = b"<html><head>".to_vec();
        page.resize(PRESCAN_BYTES - 30, b' ');
        page.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(prescan(&page), Some(KOI8_R));
        let mut late = b"<html><head>".to_vec();
        late.resize(PRESCAN_BYTES, b' ');
        late.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(prescan(&late), None);
        // A meta cut by the window's end declares nothing.
        let mut cut = b"<html><head>".to_vec();
        cut.resize(PRESCAN_BYTES - 10, b' ');
        cut.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(prescan(&cut), None);
    }

    #[test]
    fn never_panics_on_truncated_markup() {
        for input in [
            &b"<"[..],
            b"<meta",
            b"<meta ",
            b"<meta charset",
            b"<meta charset=",
            b"<meta charset=\"koi8",
            b"<meta http-equiv=content-type content=\"charset='x",
            b"<!--",
            b"<!",
            b"<a b='",
            b"</",
        ] {
            assert_eq!(prescan(input), None, "{:?}", String::from_utf8_lossy(input));
        }
    }
}
