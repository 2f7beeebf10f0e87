//! Calendar dates with reduced precision: `2024-11-06`, `2024-11` or `2024`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO 8601 calendar date whose month and day may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    /// Four-digit year.
    pub(crate) year: u16,
    /// 1–12, if known.
    pub(crate) month: Option<u8>,
    /// 1–31, if known (only with a month).
    pub(crate) day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub(crate) fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("'{s}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY (for example 2024-11-06)");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
        };
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)? as u16;
        let month = match parts.get(1) {
            Some(p) => Some(num(p, 2).filter(|m| (1..=12).contains(m)).ok_or_else(bad)? as u8),
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(p), Some(m)) => {
                let d = num(p, 2).ok_or_else(bad)?;
                if d == 0 || d > days_in_month(year, m as u32) {
                    return Err(format!("'{s}' is not a date: {} has no day {d}", MONTHS[m as usize - 1]));
                }
                Some(d as u8)
            }
            _ => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }

    /// The ISO form, as written: `2024-11-06`, `2024-11` or `2024`.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// An RFC 3339 timestamp at midnight UTC of the first day the date covers (for feeds).
    pub(crate) fn rfc3339(&self) -> String {
        format!("{:04}-{:02}-{:02}T00:00:00Z", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// How a reader sees it: "6 November 2024", "November 2024", "2024".
    pub(crate) fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

/// A human form for a range: "4–5 November 2024", "June–November 2024", or both dates in full.
pub(crate) fn human_range(start: &Date, end: Option<&Date>) -> String {
    let Some(end) = end else { return start.human() };
    match (start.month, start.day, end.month, end.day) {
        (Some(m1), Some(d1), Some(m2), Some(_)) if start.year == end.year && m1 == m2 => {
            format!("{d1}–{}", end.human())
        }
        (Some(m1), None, Some(_), None) if start.year == end.year => {
            format!("{}–{}", MONTHS[m1 as usize - 1], end.human())
        }
        _ => format!("{} – {}", start.human(), end.human()),
    }
}

fn days_in_month(year: u16, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Written as its ISO form for people (front matter), as its three parts in a compact
/// format (the build state).
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.iso())
        } else {
            (self.year, self.month, self.day).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            let (year, month, day) = Deserialize::deserialize(d)?;
            return Ok(Date { year, month, day });
        }
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2024-11-06, 2024-11 or 2024")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_shows_it() {
        assert_eq!(Date::parse("2024-11-06").unwrap().human(), "6 November 2024");
        assert_eq!(Date::parse("2024-11").unwrap().human(), "November 2024");
        assert_eq!(Date::parse("2024").unwrap().human(), "2024");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("yesterday").is_err());
        assert!(Date::parse("2024-13").is_err());
        assert!(Date::parse("2024-1-5").is_err());
    }

    #[test]
    fn ranges_read_naturally() {
        let a = Date::parse("2024-11-04").unwrap();
        let b = Date::parse("2024-11-05").unwrap();
        assert_eq!(human_range(&a, Some(&b)), "4–5 November 2024");
    }
}
