use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date, the day a story was published.
///
/// Parsed from `YYYY-MM-DD`, `YYYYMMDD` or an RFC 3339 timestamp. For a timestamp the
/// date is the one written in it, in the writer's own offset: a story stamped
/// `2021-03-23T23:30:00-05:00` belongs to the 23rd, the day its readers saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {text:?}: {reason} (expected YYYY-MM-DD, YYYYMMDD or an RFC 3339 timestamp)")]
pub struct DateError {
    text: String,
    reason: &'static str,
}

impl Date {
    /// A date from its parts, if it exists in the Gregorian calendar (years 1–9999).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD` or RFC 3339 (`2021-03-23T10:00:00Z`).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let fail = |reason| DateError {
            text: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        if !trimmed.is_ascii() {
            return Err(fail("non-ASCII character"));
        }
        let bytes = trimmed.as_bytes();
        let (y, m, d) = match bytes.len() {
            8 => (&trimmed[0..4], &trimmed[4..6], &trimmed[6..8]),
            n if n >= 10 && bytes[4] == b'-' && bytes[7] == b'-' => {
                if n > 10 {
                    check_rfc3339_time(&trimmed[10..]).ok_or_else(|| fail("bad time part"))?;
                }
                (&trimmed[0..4], &trimmed[5..7], &trimmed[8..10])
            }
            _ => return Err(fail("unrecognised layout")),
        };
        let number = |part: &str| {
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) = (number(y), number(m), number(d)) else {
            return Err(fail("non-digit in date"));
        };
        Date::from_ymd(year, month as u8, day as u8).ok_or_else(|| fail("no such day"))
    }
}

/// Accepts the part of an RFC 3339 timestamp after the date: `T10:00:00`, optional
/// fraction, then `Z` or `±HH:MM`. A space may stand for `T`, as RFC 3339 allows.
fn check_rfc3339_time(rest: &str) -> Option<()> {
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let bytes = rest.as_bytes();
    let two_digits = |at: usize, max: u8| -> Option<()> {
        let pair = bytes.get(at..at + 2)?;
        let value = std::str::from_utf8(pair).ok()?.parse::<u8>().ok()?;
        (pair.iter().all(u8::is_ascii_digit) && value <= max).then_some(())
    };
    two_digits(0, 23)?;
    (bytes.get(2) == Some(&b':')).then_some(())?;
    two_digits(3, 59)?;
    (bytes.get(5) == Some(&b':')).then_some(())?;
    two_digits(6, 60)?;
    let mut at = 8;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (digits > 0).then_some(())?;
        at += digits;
    }
    match bytes.get(at)? {
        b'Z' | b'z' if at + 1 == bytes.len() => Some(()),
        b'+' | b'-' if at + 6 == bytes.len() && bytes[at + 3] == b':' => {
            two_digits(at + 1, 23)?;
            two_digits(at + 4, 59)
        }
        _ => None,
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Date::parse(text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_layouts() {
        let want = Date::from_ymd(2021, 3, 23).unwrap();
        for text in [
            "2021-03-23",
            "20210323",
            "2021-03-23T10:15:00Z",
            "2021-03-23T23:30:00.123-05:00",
            "2021-03-23 10:15:00+01:00",
        ] {
            assert_eq!(Date::parse(text), Ok(want), "{text}");
        }
        assert_eq!(want.to_string(), "2021-03-23");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2021-02-29",
            "2021-13-01",
            "20210230",
            "2021/03/23",
            "23 March 2021",
            "2021-03-23T25:00:00Z",
            "2021-03-23T10:00:00",
            "",
            "２０２１0323",
        ] {
            assert!(Date::parse(text).is_err(), "{text} should be rejected");
        }
        assert!(Date::parse("2020-02-29").is_ok());
    }

    #[test]
    fn error_says_what_layouts_work() {
        let message = Date::parse("March").unwrap_err().to_string();
        assert!(message.contains("YYYY-MM-DD"), "{message}");
    }
}
