//! Council date phrases parsed to inclusive date ranges.
//!
//! Officers write dates as Excel dates, `31/08/22`, `1.9.22`, `May 23`, `Mid-July`,
//! `end 2023`, `Autumn '23`, `Q2 2023/24`, `late Aug/early Sep` or `tbc`. Every phrase
//! becomes a [`PlanDate`]: the original text plus a [`Span`] (an inclusive range of days),
//! `Tbc`, or `Unparsed`. Parsing never fails and never panics.
//!
//! Conventions (documented in README):
//! - numeric dates are day first (UK): `06/10/22` is 6 October 2022;
//! - a missing year is taken from the report month: the year that puts the date within six
//!   months either side of it (so `January` in a November report is next January), and the
//!   date says `year_inferred`;
//! - quarters are financial (April start): `Q1 2023/24` is April-June 2023; `Q1 24` is the
//!   first quarter of the year starting April 2024; a bare `Q3` is in the report's year;
//! - `2023/24` is the financial year 1 April 2023 to 31 March 2024;
//! - early = days 1-10, mid = 11-20, late/end = 21-end of a month; of a year, early =
//!   Jan-Apr, mid = May-Aug, late = Sep-Dec, end = Oct-Dec; of a season or quarter, its
//!   first, middle or last month;
//! - seasons: Spring Mar-May, Summer Jun-Aug, Autumn Sep-Nov, Winter Dec-Feb.

mod grammar;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

pub(crate) use grammar::{Kind, Tok, find_exprs, month_word, tokenize};
use grammar::{first_of_month, last_of_month, says_tbc};

/// A date as written in a plan or return, with the range of days it denotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanDate {
    /// The text as the officer wrote it (or `dd/mm/yyyy` for a real date cell).
    pub text: String,
    pub span: Span,
}

/// What a date phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Span {
    /// An inclusive range of days. `year_inferred` is true when the text had no year and it
    /// was taken from the report month.
    Range {
        start: NaiveDate,
        end: NaiveDate,
        year_inferred: bool,
    },
    /// "tbc", "to be confirmed", "Date tbc".
    Tbc,
    /// Text that is not a date the tool understands; kept verbatim and reported.
    Unparsed,
}

/// What the parser needs to know to place month-only and season-only phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    /// Any day in the report month; only its year and month are used.
    pub report_month: NaiveDate,
    /// The date a phrase without a year is about, when known: a revised date is about its
    /// action's due date.
    pub anchor: Option<NaiveDate>,
}

impl DateContext {
    pub fn new(report_month: NaiveDate) -> Self {
        DateContext {
            report_month: first_of_month(report_month.year(), report_month.month())
                .unwrap_or(report_month),
            anchor: None,
        }
    }

    /// The same month, placing phrases without a year near `anchor` (an action's due date):
    /// the year that puts the phrase nearest to it, among years not before the report month.
    pub fn anchored(self, anchor: Option<NaiveDate>) -> Self {
        DateContext { anchor, ..self }
    }

    /// First and last day of the report month.
    pub fn month_range(&self) -> (NaiveDate, NaiveDate) {
        let y = self.report_month.year();
        let m = self.report_month.month();
        (
            self.report_month,
            last_of_month(y, m).unwrap_or(self.report_month),
        )
    }
}

impl PlanDate {
    /// Parse a date cell's text. The first date phrase in the text is the date; text with no
    /// date phrase is `Tbc` if it says so and `Unparsed` otherwise.
    pub fn parse(text: &str, ctx: &DateContext) -> PlanDate {
        let toks = tokenize(text);
        let span = match find_exprs(&toks, ctx, true).into_iter().next() {
            Some(found) => found.span,
            None if says_tbc(&toks) => Span::Tbc,
            None => Span::Unparsed,
        };
        PlanDate {
            text: text.trim().to_string(),
            span,
        }
    }

    /// A real calendar date (an Excel date cell).
    pub fn from_date(d: NaiveDate) -> PlanDate {
        PlanDate {
            text: d.format("%d/%m/%Y").to_string(),
            span: Span::Range {
                start: d,
                end: d,
                year_inferred: false,
            },
        }
    }

    /// An Excel serial day number (1900 date system). `None` outside 1900-9999.
    pub fn from_serial(serial: f64) -> Option<PlanDate> {
        serial_to_date(serial).map(PlanDate::from_date)
    }

    pub fn start(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Range { start, .. } => Some(start),
            _ => None,
        }
    }

    pub fn end(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Range { end, .. } => Some(end),
            _ => None,
        }
    }

    pub fn is_unparsed(&self) -> bool {
        self.span == Span::Unparsed
    }

    pub fn year_inferred(&self) -> bool {
        matches!(
            self.span,
            Span::Range {
                year_inferred: true,
                ..
            }
        )
    }

    /// A short description of the range, e.g. `01/07/2023-31/07/2023`.
    pub fn range_text(&self) -> String {
        match self.span {
            Span::Range { start, end, .. } if start == end => start.format("%d/%m/%Y").to_string(),
            Span::Range { start, end, .. } => {
                format!("{}-{}", start.format("%d/%m/%Y"), end.format("%d/%m/%Y"))
            }
            Span::Tbc => "tbc".into(),
            Span::Unparsed => "unparsed".into(),
        }
    }
}

impl fmt::Display for PlanDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Convert an Excel serial (1900 system, with its fictitious 29 Feb 1900) to a date.
pub fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Serials below 61 are before the fictitious leap day and are one day later.
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(Duration::days(days))
}

/// A date phrase found inside free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
    pub span: Span,
}

impl Found {
    pub fn to_plan_date(&self, text: &str) -> PlanDate {
        PlanDate {
            text: text
                .get(self.start..self.end)
                .unwrap_or("")
                .trim()
                .to_string(),
            span: self.span,
        }
    }
}

/// Every date phrase in commentary, left to right. Bare numbers ("16 RCVs") are not dates;
/// a bare year counts only after a cue word such as "in", "by" or "end".
pub fn find_dates(text: &str, ctx: &DateContext) -> Vec<Found> {
    find_exprs(&tokenize(text), ctx, false)
}
