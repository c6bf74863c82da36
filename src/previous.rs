//! Last month's appendix (written by this tool) as the baseline for month-on-month movement.
//!
//! The appendix's "All actions" register sheet holds each action's RAG and revised date
//! range; its layout is defined once, in [`REGISTER_HEADERS`], and used by the writer too.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader};

use crate::dates::{PlanDate, Span};
use crate::model::{ActionId, Rag};
use crate::read::ReadError;

/// Sheet name of the register in the appendix.
pub const REGISTER_SHEET: &str = "All actions";

/// Columns of the register, in order. The history columns come last, so that a register
/// written before them still reads (they are found by their headers).
pub const REGISTER_HEADERS: [&str; 19] = [
    "Action Ref",
    "Theme",
    "Recommendation",
    "Action",
    "Owner",
    "Due date",
    "RAG",
    "Revised date",
    "Revised from",
    "Revised to",
    "Change control",
    "Progress commentary",
    "Achievements this period",
    "Reported by",
    "Since last month",
    "Baseline due date",
    "Date moves",
    "Months at Red",
    "Ratings by month",
];

/// The register columns next month's run reads back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterCol {
    Id = 0,
    Rag = 6,
    RevisedText = 7,
    RevisedFrom = 8,
    RevisedTo = 9,
    Achievements = 12,
    Due = 5,
    ChangeControl = 10,
    Progress = 11,
    Travel = 14,
    Baseline = 15,
    Moves = 16,
    MonthsRed = 17,
    Ratings = 18,
}

impl RegisterCol {
    /// The column's offset from the register's first column.
    pub fn offset(self) -> u32 {
        self as u32
    }

    /// Its header, as [`REGISTER_HEADERS`] writes it.
    pub fn header(self) -> &'static str {
        REGISTER_HEADERS[self as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrevAction {
    pub rag: Option<Rag>,
    pub revised: Option<PlanDate>,
    pub achievements: Option<String>,
    /// The master due date as last month's register wrote it.
    pub due: Option<String>,
    /// Last month's change control note and progress commentary, for the carry-forward
    /// return.
    pub change_control: Option<String>,
    pub progress: Option<String>,
    /// The first due date ever seen (a register from before the history columns: none).
    pub baseline: Option<String>,
    /// How many times the date has moved, to last month.
    pub moves: u32,
    /// Months rated Red, to last month.
    pub months_red: u32,
    /// The rating of each month, oldest first: ("2023-06", "Amber").
    pub ratings: Vec<(String, String)>,
}

/// The "Ratings by month" cell: "2023-06 Amber; 2023-07 Not reported".
pub fn ratings_text(ratings: &[(String, String)]) -> String {
    ratings
        .iter()
        .map(|(m, r)| format!("{m} {r}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Read a "Ratings by month" cell back; parts that are not "YYYY-MM rating" are dropped.
pub fn parse_ratings(text: &str) -> Vec<(String, String)> {
    text.split(';')
        .filter_map(|part| {
            let (m, r) = part.trim().split_once(' ')?;
            let ok = m.len() == 7
                && m.as_bytes()[4] == b'-'
                && m.replace('-', "").bytes().all(|b| b.is_ascii_digit());
            (ok && !r.trim().is_empty()).then(|| (m.to_string(), r.trim().to_string()))
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The month the previous appendix was for, as written in its register ("June 2023").
    pub month: Option<String>,
    pub actions: HashMap<ActionId, PrevAction>,
}

fn text(d: Option<&Data>) -> Option<String> {
    match d? {
        Data::Empty | Data::Error(_) => None,
        Data::String(s) if s.trim().is_empty() => None,
        other => Some(other.to_string().trim().to_string()),
    }
}

fn date(d: Option<&Data>) -> Option<chrono::NaiveDate> {
    match d? {
        Data::DateTime(dt) => dt.as_datetime().map(|x| x.date()),
        Data::Float(f) => crate::dates::serial_to_date(*f),
        Data::DateTimeIso(s) => chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// Read the register of a previous appendix.
pub fn read_previous(path: &Path) -> Result<Previous, ReadError> {
    let file = path.display().to_string();
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| ReadError::Corrupt {
        file: file.clone(),
        detail: e.to_string(),
    })?;
    let range = wb
        .worksheet_range(REGISTER_SHEET)
        .map_err(|_| ReadError::NotAnAppendix {
            file: file.clone(),
            sheets: wb.sheet_names(),
        })?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, _) = range.end().unwrap_or((0, 0));
    // Row r0 holds "Month: June 2023", the header row follows.
    let mut prev = Previous::default();
    let mut header = None;
    for r in r0..=r1.min(r0 + 5) {
        let first = text(range.get_value((r, c0)));
        if let Some(t) = &first
            && let Some(m) = t.strip_prefix("Month: ")
        {
            prev.month = Some(m.to_string());
        }
        if first.as_deref() == Some(RegisterCol::Id.header()) {
            header = Some(r);
            break;
        }
    }
    let Some(h) = header else {
        return Err(ReadError::NotAnAppendix {
            file,
            sheets: vec![REGISTER_SHEET.to_string()],
        });
    };
    let col = |c: RegisterCol| c0 + c.offset();
    // The history columns by their headers: a register written before them has none.
    let (_, c1) = range.end().unwrap_or((0, 0));
    let find = |c: RegisterCol| {
        (c0..=c1).find(|&k| text(range.get_value((h, k))).as_deref() == Some(c.header()))
    };
    let (baseline_col, moves_col, red_col, ratings_col) = (
        find(RegisterCol::Baseline),
        find(RegisterCol::Moves),
        find(RegisterCol::MonthsRed),
        find(RegisterCol::Ratings),
    );
    let count = |r: u32, c: Option<u32>| -> u32 {
        c.and_then(|c| match range.get_value((r, c)) {
            Some(Data::Float(f)) if *f >= 0.0 => Some(*f as u32),
            Some(Data::Int(i)) if *i >= 0 => Some(*i as u32),
            other => text(other).and_then(|t| t.parse().ok()),
        })
        .unwrap_or(0)
    };
    for r in h + 1..=r1 {
        let Some(id) = text(range.get_value((r, c0))).and_then(|t| ActionId::parse(&t)) else {
            continue;
        };
        let rag = text(range.get_value((r, col(RegisterCol::Rag)))).and_then(|t| Rag::parse(&t));
        let revised = match (
            text(range.get_value((r, col(RegisterCol::RevisedText)))),
            date(range.get_value((r, col(RegisterCol::RevisedFrom)))),
            date(range.get_value((r, col(RegisterCol::RevisedTo)))),
        ) {
            (Some(t), Some(start), Some(end)) => Some(PlanDate {
                text: t,
                span: Span::Range {
                    start,
                    end,
                    year_inferred: false,
                },
            }),
            _ => None,
        };
        let achievements = text(range.get_value((r, col(RegisterCol::Achievements))));
        let at = |c: Option<u32>| c.and_then(|c| text(range.get_value((r, c))));
        prev.actions.insert(
            id,
            PrevAction {
                rag,
                revised,
                achievements,
                due: text(range.get_value((r, col(RegisterCol::Due)))),
                change_control: text(range.get_value((r, col(RegisterCol::ChangeControl)))),
                progress: text(range.get_value((r, col(RegisterCol::Progress)))),
                baseline: at(baseline_col),
                moves: count(r, moves_col),
                months_red: count(r, red_col),
                ratings: at(ratings_col)
                    .map(|t| parse_ratings(&t))
                    .unwrap_or_default(),
            },
        );
    }
    Ok(prev)
}

impl Previous {
    /// The first day of the month the previous appendix was for, when its register says.
    pub fn month_start(&self) -> Option<chrono::NaiveDate> {
        let m = self.month.as_deref()?;
        chrono::NaiveDate::parse_from_str(&format!("1 {}", m.trim()), "%d %B %Y").ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_columns_name_the_headers_they_read() {
        assert_eq!(RegisterCol::Id.header(), "Action Ref");
        assert_eq!(RegisterCol::Rag.header(), "RAG");
        assert_eq!(RegisterCol::RevisedText.header(), "Revised date");
        assert_eq!(RegisterCol::RevisedFrom.header(), "Revised from");
        assert_eq!(RegisterCol::RevisedTo.header(), "Revised to");
        assert_eq!(
            RegisterCol::Achievements.header(),
            "Achievements this period"
        );
        assert_eq!(RegisterCol::Due.header(), "Due date");
        assert_eq!(RegisterCol::Travel.header(), "Since last month");
        assert_eq!(RegisterCol::Baseline.header(), "Baseline due date");
        assert_eq!(RegisterCol::Moves.header(), "Date moves");
        assert_eq!(RegisterCol::MonthsRed.header(), "Months at Red");
        assert_eq!(RegisterCol::Ratings.header(), "Ratings by month");
    }

    #[test]
    fn ratings_by_month_read_back_as_written() {
        let r = vec![
            ("2023-06".to_string(), "Amber".to_string()),
            ("2023-07".to_string(), "Not reported".to_string()),
        ];
        assert_eq!(parse_ratings(&ratings_text(&r)), r);
        assert_eq!(
            parse_ratings("June Amber; 2023-07 Red; ; 2023-08"),
            [("2023-07".to_string(), "Red".to_string())]
        );
    }

    #[test]
    fn the_previous_month_is_read_from_the_register_heading() {
        let p = Previous {
            month: Some("June 2023".into()),
            ..Previous::default()
        };
        assert_eq!(p.month_start(), chrono::NaiveDate::from_ymd_opt(2023, 6, 1));
        assert_eq!(Previous::default().month_start(), None);
    }
}
