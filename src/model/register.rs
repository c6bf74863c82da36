//! The register: the appendix's "All actions" sheet, one row per action, which next month's
//! run reads back (`--previous`). Its columns are defined once, in [`REGISTER`]: the writer
//! iterates the table, and the reader finds every column by its header, so a register
//! written before a column existed still reads.

use std::collections::HashMap;

use super::{ActionId, Rag, Rating, YearMonth};
use crate::dates::PlanDate;

/// Sheet name of the register in the appendix and in the checks workbook.
pub const REGISTER_SHEET: &str = "All actions";

// The other sheets of the workbooks plan-recon writes: named here, beside the register,
// because the readers recognise plan-recon's own workbooks by them (a copy of last month's
// appendix in the returns folder is set aside, R11).
/// The appendix's first sheet.
pub const DASHBOARD: &str = "Dashboard";
pub const THEMES: &str = "Theme Progress Summary";
pub const RECOMMENDATIONS: &str = "Statutory Recommendations";
pub const EXCEPTIONS: &str = "Exceptions";
pub const SLIPPAGE: &str = "Slippage log";
/// The checks workbook's findings sheet.
pub const FINDINGS: &str = "Reconciliation";

/// The register's first cell says which month it is for: "Month: July 2023".
const MONTH_PREFIX: &str = "Month: ";

/// The register's month line for `month` ("July 2023").
pub fn month_line(month: &str) -> String {
    format!("{MONTH_PREFIX}{month}")
}

/// The month a register's first line names, if it is a month line.
pub fn month_of_line(line: &str) -> Option<&str> {
    line.strip_prefix(MONTH_PREFIX)
}

/// A column of the register, in the order written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterCol {
    Id,
    Theme,
    Recommendation,
    Action,
    Owner,
    Due,
    Rag,
    RevisedText,
    RevisedFrom,
    RevisedTo,
    ChangeControl,
    Progress,
    Achievements,
    ReportedBy,
    Travel,
    Baseline,
    Moves,
    MonthsRed,
    Ratings,
}

/// What a register column's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    Text,
    /// The month's rating, coloured by it.
    Rating,
    /// A date cell (Excel's serial day).
    Date,
    /// A whole number.
    Count,
}

/// One column of the register: its header, printed width, whether it is hidden from print
/// (kept for next month's run and for filtering) and what its cells hold.
#[derive(Debug, Clone, Copy)]
pub struct ColSpec {
    pub col: RegisterCol,
    pub header: &'static str,
    pub width: f64,
    pub hidden: bool,
    pub kind: ColKind,
}

const fn spec(
    col: RegisterCol,
    header: &'static str,
    width: f64,
    hidden: bool,
    kind: ColKind,
) -> ColSpec {
    ColSpec {
        col,
        header,
        width,
        hidden,
        kind,
    }
}

/// The register's columns, in the order written. The history columns come last, so that a
/// register written before them still reads.
pub const REGISTER: [ColSpec; 19] = {
    use ColKind::*;
    use RegisterCol as C;
    [
        spec(C::Id, "Action Ref", 9.0, false, Text),
        spec(C::Theme, "Theme", 13.0, false, Text),
        spec(C::Recommendation, "Recommendation", 9.0, true, Text),
        spec(C::Action, "Action", 30.0, false, Text),
        spec(C::Owner, "Owner", 14.0, false, Text),
        spec(C::Due, "Due date", 10.0, false, Text),
        spec(C::Rag, "RAG", 10.0, false, Rating),
        spec(C::RevisedText, "Revised date", 12.0, false, Text),
        spec(C::RevisedFrom, "Revised from", 12.0, true, Date),
        spec(C::RevisedTo, "Revised to", 12.0, true, Date),
        spec(C::ChangeControl, "Change control", 21.0, false, Text),
        spec(C::Progress, "Progress commentary", 50.0, true, Text),
        spec(
            C::Achievements,
            "Achievements this period",
            36.0,
            true,
            Text,
        ),
        spec(C::ReportedBy, "Reported by", 24.0, true, Text),
        spec(C::Travel, "Since last month", 8.0, false, Text),
        spec(C::Baseline, "Baseline due date", 12.0, true, Text),
        spec(C::Moves, "Date moves", 8.0, true, Count),
        spec(C::MonthsRed, "Months at Red", 8.0, true, Count),
        spec(C::Ratings, "Ratings by month", 40.0, true, Text),
    ]
};

// Each column's place in the table is its place in the enum, checked when compiling.
const _: () = {
    let mut i = 0;
    while i < REGISTER.len() {
        assert!(REGISTER[i].col as usize == i);
        i += 1;
    }
};

impl RegisterCol {
    /// The column's offset from the register's first column.
    pub fn index(self) -> u16 {
        self as u16
    }

    pub fn spec(self) -> &'static ColSpec {
        &REGISTER[self as usize]
    }

    pub fn header(self) -> &'static str {
        self.spec().header
    }
}

/// One action as last month's register recorded it.
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
    /// The rating of each month, oldest first: (June 2023, Amber).
    pub ratings: Vec<(YearMonth, Rating)>,
}

/// Last month's register.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// The month the previous appendix was for, from its register's "Month: June 2023".
    pub month: Option<YearMonth>,
    pub actions: HashMap<ActionId, PrevAction>,
}

impl Previous {
    /// The first day of the month the previous appendix was for, when its register says.
    pub fn month_start(&self) -> Option<chrono::NaiveDate> {
        self.month.map(YearMonth::first_day)
    }
}

/// The "Ratings by month" cell: "2023-06 Amber; 2023-07 Not reported".
pub fn ratings_text(ratings: &[(YearMonth, Rating)]) -> String {
    ratings
        .iter()
        .map(|(m, r)| format!("{} {}", m.key(), r.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Read a "Ratings by month" cell back; parts that are not "YYYY-MM rating" are dropped.
pub fn parse_ratings(text: &str) -> Vec<(YearMonth, Rating)> {
    text.split(';')
        .filter_map(|part| {
            let (m, r) = part.trim().split_once(' ')?;
            Some((YearMonth::parse_key(m)?, Rating::from_label(r)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_columns_name_the_headers_they_read() {
        assert_eq!(RegisterCol::Id.header(), "Action Ref");
        assert_eq!(RegisterCol::Rag.header(), "RAG");
        assert_eq!(RegisterCol::RevisedFrom.header(), "Revised from");
        assert_eq!(RegisterCol::Ratings.header(), "Ratings by month");
        assert_eq!(RegisterCol::Ratings.index(), 18);
        let hidden: Vec<u16> = REGISTER
            .iter()
            .filter(|c| c.hidden)
            .map(|c| c.col.index())
            .collect();
        assert_eq!(hidden, [2, 8, 9, 11, 12, 13, 15, 16, 17, 18]);
        let mut headers: Vec<&str> = REGISTER.iter().map(|c| c.header).collect();
        headers.sort_unstable();
        headers.dedup();
        assert_eq!(headers.len(), REGISTER.len(), "every header is distinct");
    }

    #[test]
    fn the_month_line_reads_back() {
        assert_eq!(month_line("July 2023"), "Month: July 2023");
        assert_eq!(month_of_line(&month_line("July 2023")), Some("July 2023"));
        assert_eq!(month_of_line("Action Ref"), None);
    }

    #[test]
    fn ratings_by_month_read_back_as_written() {
        let month = |k: &str| YearMonth::parse_key(k).unwrap();
        let r = vec![
            (month("2023-06"), Rating::Rag(Rag::Amber)),
            (month("2023-07"), Rating::NotReported),
            (month("2023-08"), Rating::None),
        ];
        assert_eq!(
            ratings_text(&r),
            "2023-06 Amber; 2023-07 Not reported; 2023-08 No rating"
        );
        assert_eq!(parse_ratings(&ratings_text(&r)), r);
        assert_eq!(
            parse_ratings("June Amber; 2023-07 Red; ; 2023-08; 2023-09 Purple"),
            [(month("2023-07"), Rating::Rag(Rag::Red))]
        );
    }

    #[test]
    fn the_previous_month_is_read_from_the_register_heading() {
        let p = Previous {
            month: YearMonth::parse_name("June 2023"),
            ..Previous::default()
        };
        assert_eq!(p.month_start(), chrono::NaiveDate::from_ymd_opt(2023, 6, 1));
        assert_eq!(Previous::default().month_start(), None);
    }
}
