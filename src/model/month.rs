//! A month of the plan's calendar: the report month, a month of an action's rating history.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar month. Shown as "July 2023" (as Cabinet papers write it), keyed as "2023-07"
/// (as the register's history writes it, so that keys sort as months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1 to 12.
    month: u32,
}

impl YearMonth {
    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            year: day.year(),
            month: day.month(),
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The month before.
    pub fn previous(self) -> YearMonth {
        if self.month == 1 {
            YearMonth {
                year: self.year - 1,
                month: 12,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// "2023-07".
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// A key as [`YearMonth::key`] writes it: exactly "YYYY-MM".
    pub fn parse_key(text: &str) -> Option<YearMonth> {
        let b = text.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !text[..4]
                .bytes()
                .chain(text[5..].bytes())
                .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let (year, month) = (text[..4].parse().ok()?, text[5..].parse().ok()?);
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// A month as [`fmt::Display`] writes it: "July 2023".
    pub fn parse_name(text: &str) -> Option<YearMonth> {
        NaiveDate::parse_from_str(&format!("1 {}", text.trim()), "%d %B %Y")
            .ok()
            .map(YearMonth::of)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first_day().format("%B %Y"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_named_keyed_and_read_back() {
        let july = YearMonth::of(NaiveDate::from_ymd_opt(2023, 7, 19).unwrap());
        assert_eq!(july.to_string(), "July 2023");
        assert_eq!(july.key(), "2023-07");
        assert_eq!(YearMonth::parse_key("2023-07"), Some(july));
        assert_eq!(YearMonth::parse_name("July 2023"), Some(july));
        assert_eq!(YearMonth::parse_name(" july 2023 "), Some(july));
        assert_eq!(
            july.first_day(),
            NaiveDate::from_ymd_opt(2023, 7, 1).unwrap()
        );
        for bad in ["2023-13", "2023-7", "202307", "June", "2023-00", "20a3-07"] {
            assert_eq!(YearMonth::parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn january_follows_december() {
        let jan = YearMonth::parse_key("2024-01").unwrap();
        assert_eq!(jan.previous().key(), "2023-12");
        assert!(jan.previous() < jan);
    }
}
