//! Dates as dispatches write them (`May 29, 2024`, `Sept. 15, 2010`) → ISO 8601.

// regex-lite: built at every start for a few header lines (see `header.rs`).
use regex_lite::Regex;
use std::sync::LazyLock;

/// Month name (full or abbreviated, optional period), day, optional comma, year.
pub const DATE_PATTERN: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? +[0-9]{1,2},? +[0-9]{4}";

static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z]+)\.? +([0-9]{1,2}),? +([0-9]{4})$").expect("static regex")
});

static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{DATE_PATTERN}$")).expect("static regex"));

/// Whether `s` is exactly a date in the accepted shape.
pub fn is_date(s: &str) -> bool {
    WHOLE.is_match(s)
}

/// `May 29, 2024` → `2024-05-29`; `None` when the text is no date or no real day.
pub fn to_iso(s: &str) -> Option<String> {
    let caps = PARTS.captures(s.trim())?;
    let month = month_number(caps.get(1)?.as_str())?;
    let day: u32 = caps.get(2)?.as_str().parse().ok()?;
    let year: u32 = caps.get(3)?.as_str().parse().ok()?;
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| lower.len() >= 3 && m.starts_with(lower.as_str()))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_month_names() {
        assert_eq!(to_iso("May 29, 2024").as_deref(), Some("2024-05-29"));
        assert_eq!(to_iso("Sept. 15, 2010").as_deref(), Some("2010-09-15"));
        assert_eq!(to_iso("December 3 2016").as_deref(), Some("2016-12-03"));
        assert!(is_date("Dec. 23, 2016"));
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert_eq!(to_iso("February 30, 2024"), None);
        assert_eq!(to_iso("February 29, 2023"), None);
        assert_eq!(to_iso("February 29, 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(to_iso("Ma 1, 2024"), None);
    }
}
