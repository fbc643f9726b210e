//! Which paragraphs describe an image rather than continue the text.
//!
//! Saved web pages keep an image's caption as an ordinary paragraph; the reader shows it
//! differently so it does not read as part of the argument. The rules are deliberately
//! narrow: a false caption hides body text in a dimmer style.

use regex::Regex;
use std::sync::LazyLock;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Figure|Fig\.) *[0-9]+[A-Za-z]? *[:.](?: |$)").expect("static regex")
});

/// "X poses for a photo", looked for in the lower-cased first sentence (at most
/// `POSE_WINDOW` bytes of it).
static POSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z])poses? +for +(?:a +|the +)?(?:photo|photograph|picture)s?(?:$|[^a-z])")
        .expect("static regex")
});
const POSE_WINDOW: usize = 300;

/// Openings that name the image itself.
const IMAGE_OPENINGS: [&str; 7] = [
    "A screenshot",
    "Screenshot",
    "A photo",
    "A photograph",
    "Photo",
    "Photograph",
    "An image",
];

/// Whether a paragraph (joined text, note markers still in) is an image caption.
pub fn is_caption(text: &str) -> bool {
    contains_credit(text)
        || opens_with_credit(text)
        || opens_with_image_word(text)
        // `FIGURE` is anchored at `Fig`: the prefix spares most paragraphs the regex.
        || (text.starts_with("Fig") && FIGURE.is_match(text))
        || poses_for_photo(text)
}

/// `(Source: …)`, `(Image: …)` or `(Photo: …)` credits an image. ASCII case is ignored.
fn contains_credit(text: &str) -> bool {
    const NEEDLES: [&[u8]; 3] = [b"(source:", b"(image:", b"(photo:"];
    memchr::memchr_iter(b'(', text.as_bytes()).any(|i| {
        NEEDLES.iter().any(|needle| {
            text.as_bytes()
                .get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
    })
}

/// `Source: …` or `Photo: …` as the first word: a credit line under an image.
fn opens_with_credit(text: &str) -> bool {
    ["Source:", "Photo:", "Image:"]
        .iter()
        .any(|w| text.starts_with(w))
}

fn poses_for_photo(text: &str) -> bool {
    let sentence_end = text.find(['.', '!', '?']).unwrap_or(text.len());
    let mut end = sentence_end.min(POSE_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // The regex only where the word is: built on first use (0.1 ms, at every start
    // otherwise) and no lower-cased copy of every paragraph's opening.
    let window = &text.as_bytes()[..end];
    window.windows(4).any(|w| w.eq_ignore_ascii_case(b"pose"))
        && POSES.is_match(&text[..end].to_ascii_lowercase())
}

fn opens_with_image_word(text: &str) -> bool {
    IMAGE_OPENINGS.iter().any(|w| {
        text.strip_prefix(w)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// `[Illustration: …]` (Project Gutenberg) starts here.
pub fn is_illustration_start(trimmed: &str) -> bool {
    const TAG: &str = "[illustration";
    trimmed
        .get(..TAG.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(TAG))
        && trimmed[TAG.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == ':' || c == ']' || c.is_whitespace())
}

/// Split `[Illustration: inner] rest` into the caption text and what follows the
/// closing bracket. `None` while the bracket is still open (the caption continues in
/// the next block).
pub fn split_illustration(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let inner = text.get(1..i).unwrap_or("");
                    return Some((strip_tag(inner), text[i + 1..].trim()));
                }
            }
            _ => {}
        }
    }
    None
}

/// The caption text of an illustration whose closing bracket never came.
pub fn unclosed_illustration(text: &str) -> &str {
    strip_tag(text.get(1..).unwrap_or(""))
}

/// `Illustration: text` → `text`.
fn strip_tag(inner: &str) -> &str {
    let rest = inner.get("Illustration".len()..).unwrap_or("");
    rest.trim_start().strip_prefix(':').unwrap_or(rest).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_credit_makes_a_caption() {
        assert!(is_caption(
            "Officials at the quay. (Source: Velmora Herald.)[4]"
        ));
        assert!(is_caption("Officials at the quay (source: archive)"));
    }

    #[test]
    fn image_and_photo_credits_make_captions() {
        assert!(is_caption(
            "Lamps on the quay at dusk (Image: Velmora Herald)"
        ));
        assert!(is_caption("(Photo: Ledger archive) The old customs house."));
        assert!(is_caption("Source: Port Authority of Velmora"));
        assert!(is_caption("Photo: the harbour at dawn."));
        assert!(!is_caption("Sources say the talks will resume."));
        assert!(!is_caption("The photo desk (an image bank) was closed."));
    }

    #[test]
    fn image_openings_make_captions_only_as_whole_words() {
        assert!(is_caption("A screenshot of the ministry's channel."));
        assert!(is_caption("Photo: the harbour at dawn."));
        assert!(!is_caption("Photographers were barred from the hall."));
        assert!(!is_caption("A photocopy of the treaty circulated."));
    }

    #[test]
    fn poses_for_a_photo_in_the_first_sentence() {
        assert!(is_caption(
            "The delegation poses for a photo. Not all members are shown."
        ));
        assert!(!is_caption(
            "He spoke at length. Later the minister refused to pose for a photo."
        ));
    }

    #[test]
    fn figure_numbers() {
        assert!(is_caption("Figure 3: The lighthouse keeper's log."));
        assert!(is_caption("Fig. 12. A map."));
        assert!(!is_caption("Figure 3 shows the log."));
    }

    #[test]
    fn ordinary_paragraphs_are_not_captions() {
        assert!(!is_caption(
            "The council met on Tuesday and adjourned without a vote."
        ));
    }

    #[test]
    fn illustration_wrapper_is_removed() {
        assert!(is_illustration_start("[Illustration: The mill.]"));
        assert!(is_illustration_start("[Illustration]"));
        assert!(!is_illustration_start("[Illustrations are listed below]"));
        assert_eq!(
            split_illustration("[Illustration: The mill [1850].] After"),
            Some(("The mill [1850].", "After"))
        );
        assert_eq!(split_illustration("[Illustration: The mill"), None);
        assert_eq!(unclosed_illustration("[Illustration: The mill"), "The mill");
    }
}
