//! Calendar dates as news archives and gazetteers write them: a year, a month or a day
//! (`1987`, `1987-06`, `1987-06-01`), and spans of them with open ends (`2003..`,
//! `..2020-01-03`, `2003-06..2019`). A document's date and an entity's lifetime are compared
//! at the precision the two share, so a lifetime given to the year admits every day of it.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    year: u16,
    /// 1–12, or 0 when only the year is known.
    month: u8,
    /// 1–31, or 0 when the day is not known.
    day: u8,
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real day of the calendar; years 1–9999).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year = number(parts.next()?, 4)?;
        let month = parts.next().map(|m| number(m, 2)).unwrap_or(Some(0))?;
        let day = parts.next().map(|d| number(d, 2)).unwrap_or(Some(0))?;
        if parts.next().is_some() || year == 0 || month > 12 || (month == 0 && day > 0) {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// A document's date: as [`Date::parse`], or the date part of a timestamp
    /// (`2020-01-03T05:00:00Z`, `2020-01-03 05:00`).
    pub fn parse_document_date(s: &str) -> Option<Date> {
        let s = s.trim();
        match s.split_once(['T', ' ']) {
            Some((day, time))
                if day.len() == 10 && time.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Date::parse(day)
            }
            _ => Date::parse(s),
        }
    }

    /// Compares the two dates at the precision both have: `1987` equals every day of 1987,
    /// `1987-06` every day of that June.
    pub fn cmp_shared(self, other: Date) -> Ordering {
        let month = |a: Date, b: Date| {
            if a.month == 0 || b.month == 0 {
                0
            } else {
                a.month
            }
        };
        let day = |a: Date, b: Date| if a.day == 0 || b.day == 0 { 0 } else { a.day };
        (self.year, month(self, other), day(self, other)).cmp(&(
            other.year,
            month(other, self),
            day(other, self),
        ))
    }
}

/// A number of exactly `digits` ASCII digits.
fn number(s: &str, digits: usize) -> Option<u16> {
    if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Days in `month` of `year` (31 when the month is unknown, so any day passes).
fn days_in_month(year: u16, month: u16) -> u16 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day > 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

/// A span of dates, `FROM..TO`, either end open: when an entity existed, or when a name was
/// in use. Both ends are inclusive at their own precision (`..2019` runs to the end of 2019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Ends")]
pub struct Span {
    from: Option<Date>,
    to: Option<Date>,
}

/// A span's ends as stored (the start-up cache, an embedder's JSON): checked as written ones
/// are, so a stored span cannot be reversed either.
#[derive(Deserialize)]
struct Ends {
    from: Option<Date>,
    to: Option<Date>,
}

impl TryFrom<Ends> for Span {
    type Error = String;

    fn try_from(e: Ends) -> Result<Span, String> {
        Span::checked(e.from, e.to)
    }
}

impl Span {
    /// Reads `FROM..TO` (`2003..`, `..2020-01-03`, `2003-06..2019`). A malformed date, a
    /// span with no end given, or one that ends before it starts is refused, with a message
    /// that shows how to write it.
    pub fn parse(s: &str) -> Result<Span, String> {
        let (from, to) = s.split_once("..").ok_or_else(|| {
            format!("{s:?}: a date range is written FROM..TO, e.g. 2003.. or 1987..2020-01-03")
        })?;
        Span::from_ends(from.trim(), to.trim()).map_err(|e| format!("{s:?}: {e}"))
    }

    /// The span between two ends as written (an empty end is open).
    pub(crate) fn from_ends(from: &str, to: &str) -> Result<Span, String> {
        let end = |d: &str| match d {
            "" => Ok(None),
            d => Date::parse(d)
                .map(Some)
                .ok_or_else(|| format!("{d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")),
        };
        Span::checked(end(from)?, end(to)?)
    }

    /// The span between two ends, refused when neither is given or it ends before it starts.
    fn checked(from: Option<Date>, to: Option<Date>) -> Result<Span, String> {
        match (from, to) {
            (None, None) => Err("a date range needs at least one end".into()),
            (Some(a), Some(b)) if a.cmp_shared(b) == Ordering::Greater => {
                Err(format!("the range ends ({b}) before it starts ({a})"))
            }
            _ => Ok(Span { from, to }),
        }
    }

    /// Does the span hold `date`, compared at the precision the two share?
    pub fn admits(&self, date: Date) -> bool {
        self.from
            .is_none_or(|f| f.cmp_shared(date) != Ordering::Greater)
            && self
                .to
                .is_none_or(|t| date.cmp_shared(t) != Ordering::Greater)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(from) = self.from {
            write!(f, "{from}")?;
        }
        f.write_str("..")?;
        if let Some(to) = self.to {
            write!(f, "{to}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s:?} is a date"))
    }

    #[test]
    fn dates_at_three_precisions() {
        for ok in ["1987", "1987-06", "1987-06-01", "2024-02-29", "0001"] {
            assert_eq!(d(ok).to_string(), ok);
        }
        for bad in [
            "",
            "87",
            "1987-6",
            "1987-06-1",
            "1987-13",
            "1987-00-01",
            "1987-02-29",
            "2023-04-31",
            "0000",
            "1987-06-01-02",
            "1987/06/01",
            "mid-1987",
            " 1987",
            "1987-",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_timestamp_gives_its_date() {
        let rows = [
            ("2020-01-03T05:00:00Z", Some("2020-01-03")),
            ("2020-01-03 05:00", Some("2020-01-03")),
            (" 1987-06 ", Some("1987-06")),
            ("1987", Some("1987")),
            ("2020-01-03Tnoon", None),
            ("June 1987", None),
            ("2020-13-03T05:00:00Z", None),
        ];
        for (s, want) in rows {
            let got = Date::parse_document_date(s).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{s:?}");
        }
    }

    #[test]
    fn dates_compare_at_the_precision_they_share() {
        use Ordering::*;
        let rows = [
            ("1987", "1987-06-01", Equal),
            ("1987-06", "1987-06-30", Equal),
            ("1987-05", "1987-06-01", Less),
            ("1988", "1987-12-31", Greater),
            ("1987-06-02", "1987-06-01", Greater),
            ("2003-06", "2003", Equal),
        ];
        for (a, b, want) in rows {
            assert_eq!(d(a).cmp_shared(d(b)), want, "{a} vs {b}");
            assert_eq!(d(b).cmp_shared(d(a)), want.reverse(), "{b} vs {a}");
        }
    }

    #[test]
    fn spans_admit_the_dates_inside() {
        // (span, date, admitted)
        let rows = [
            ("2003..", "1987-06-01", false),
            ("2003..", "2003-01-01", true),
            ("2003..", "2024", true),
            ("..2020-01-03", "2020-01-03", true),
            ("..2020-01-03", "2020-01-04", false),
            ("..2020-01-03", "2020", true),
            ("2003-06..2019", "2003-05-31", false),
            ("2003-06..2019", "2003-06-01", true),
            ("2003-06..2019", "2019-12-31", true),
            ("2003-06..2019", "2020-01-01", false),
            ("1987..", "1987-06-01", true),
            ("1988..", "1987-12-31", false),
            ("1987-06-02..", "1987-06", true),
        ];
        for (span, date, want) in rows {
            let s = Span::parse(span).unwrap();
            assert_eq!(s.admits(d(date)), want, "{span} admits {date}");
            assert_eq!(s.to_string(), span);
        }
    }

    #[test]
    fn malformed_and_reversed_spans_are_refused() {
        let rows = [
            ("2003", "written FROM..TO"),
            ("..", "at least one end"),
            ("2019..2003", "ends (2003) before it starts (2019)"),
            ("2003-06-02..2003-06-01", "before it starts"),
            ("2003-13..", "\"2003-13\" is not a date"),
            ("03..", "is not a date"),
            ("2003..later", "is not a date"),
        ];
        for (span, want) in rows {
            let e = Span::parse(span).unwrap_err();
            assert!(e.contains(want), "{span}: {e}");
        }
        // Ends that share a year, at different precisions, are not reversed.
        assert!(Span::parse("2003-06..2003").is_ok());
    }

    #[test]
    fn a_stored_span_is_checked_as_a_written_one() {
        // (span, accepted): stored spans round-trip unless reversed or endless.
        for (span, ok) in [
            ("2003..2019", true),
            ("2014..2014", true),
            ("..2020-01-03", true),
            ("2003..", true),
        ] {
            let s = Span::parse(span).unwrap();
            let json = serde_json::to_string(&s).unwrap();
            let back: Result<Span, _> = serde_json::from_str(&json);
            assert_eq!(back.ok(), ok.then_some(s), "{span}: {json}");
        }
        let (a, b) = (d("2019"), d("2003"));
        let stored = |from: Option<Date>, to: Option<Date>| {
            let json = serde_json::json!({ "from": from, "to": to }).to_string();
            serde_json::from_str::<Span>(&json).map_err(|e| e.to_string())
        };
        let reversed = stored(Some(a), Some(b)).unwrap_err();
        assert!(reversed.contains("before it starts"), "{reversed}");
        let endless = stored(None, None).unwrap_err();
        assert!(endless.contains("at least one end"), "{endless}");
        assert!(stored(Some(b), Some(a)).is_ok());
    }
}
