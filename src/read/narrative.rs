//! The officers' narrative: per theme and per recommendation, the Summary, Progress this
//! month, Next steps and Issues raised that officers write for Cabinet (the reference
//! appendices' "Focus 1"). `plan-recon narrative` writes the workbook pre-filled with the
//! generated draft; `appendix --narrative` reads it back here.
//!
//! The workbook is plan-recon's own form: a "Narrative" sheet whose cell B2 names the month
//! and whose table has the columns [`COLUMNS`] (found by their names, in any order). A
//! narrative for another month, or a name that is no theme or recommendation of the plan,
//! is refused with the cell to fix: a stale or misplaced narrative is never printed.

use std::path::Path;

use calamine::{Data, Range};
use chrono::{Datelike, NaiveDate};

use super::ReadError;
use crate::model::narrative::{COLUMNS, MONTH_ROW, Names, Narrative, SHEET, Sections, key};
use crate::model::{Location, cell_ref};

#[derive(Debug, thiserror::Error)]
pub enum NarrativeError {
    /// The workbook could not be opened at all (the same checks as every return's).
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(
        "{file}: no {SHEET:?} sheet with the columns {}\n  hint: write the form with `plan-recon narrative -o narrative.xlsx` and edit its cells, not its headers",
        COLUMNS.join(", ")
    )]
    NotNarrative { file: String },
    #[error(
        "{location}: the narrative is for {found}, not {month}\n  hint: write this month's with `plan-recon narrative --month ...`, or copy last month's text into it"
    )]
    WrongMonth {
        location: Location,
        found: String,
        month: String,
    },
    #[error(
        "{location}: {name:?} is not a {what} of the plan\n  hint: write the name as the plan does: {}",
        .known.join(", ")
    )]
    UnknownName {
        location: Location,
        name: String,
        what: String,
        known: Vec<String>,
    },
}

impl NarrativeError {
    pub fn location(&self) -> Location {
        match self {
            NarrativeError::Read(e) => e.location(),
            NarrativeError::NotNarrative { file } => Location {
                file: file.clone(),
                ..Location::default()
            },
            NarrativeError::WrongMonth { location, .. }
            | NarrativeError::UnknownName { location, .. } => location.clone(),
        }
    }
}

/// Read the narrative workbook for `month`.
pub fn read_narrative(
    path: &Path,
    month: NaiveDate,
    names: &Names,
) -> Result<Narrative, Box<NarrativeError>> {
    let file = path.display().to_string();
    let range = super::named_sheet(path, SHEET)
        .map_err(NarrativeError::Read)?
        .map_err(|_| NarrativeError::NotNarrative { file: file.clone() })?;
    let at = |row: u32, col: u32| Location {
        file: file.clone(),
        sheet: Some(SHEET.to_string()),
        cell: Some(cell_ref(row, col)),
    };
    let found = text(&range, MONTH_ROW, 1);
    let want = crate::model::YearMonth::of(month).to_string();
    if !same_month(&found, month) {
        return Err(Box::new(NarrativeError::WrongMonth {
            location: at(MONTH_ROW, 1),
            found: if found.is_empty() {
                "no month".into()
            } else {
                found
            },
            month: want,
        }));
    }
    let (header, cols) =
        header(&range).ok_or_else(|| NarrativeError::NotNarrative { file: file.clone() })?;
    let mut out = Narrative {
        file: file.clone(),
        ..Narrative::default()
    };
    let last = range.end().map_or(0, |(r, _)| r);
    for row in header + 1..=last {
        let cell = |i: usize| text(&range, row, cols[i]);
        let (section, name) = (cell(0), cell(1));
        if name.is_empty() {
            continue;
        }
        let sections = Sections {
            summary: cell(2),
            progress: cell(3),
            next_steps: cell(4),
            issues: cell(5),
        };
        let is_rec = key(&section) == key(names.recommendation_label);
        if is_rec {
            let code = names
                .recommendations
                .iter()
                .find(|c| key(c) == key(&name))
                .ok_or_else(|| NarrativeError::UnknownName {
                    location: at(row, cols[1]),
                    name: name.clone(),
                    what: names.recommendation_label.to_lowercase(),
                    known: names.recommendations.clone(),
                })?;
            out.recommendations.insert(key(code), sections);
        } else {
            let theme = names
                .themes
                .find(&name)
                .ok_or_else(|| NarrativeError::UnknownName {
                    location: at(row, cols[1]),
                    name: name.clone(),
                    what: names.theme_label.to_lowercase(),
                    known: names
                        .themes
                        .ids()
                        .map(|t| names.themes.name(t).to_string())
                        .collect(),
                })?;
            out.themes
                .insert(names.themes.name(theme).to_string(), sections);
        }
    }
    Ok(out)
}

/// "July 2023", "Jul 2023", "2023-07" or a date cell in that month.
fn same_month(found: &str, month: NaiveDate) -> bool {
    let t = found.trim();
    let with_day = format!("1 {t}");
    let parsed = NaiveDate::parse_from_str(&with_day, "%d %B %Y")
        .or_else(|_| NaiveDate::parse_from_str(&with_day, "%d %b %Y"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        // Excel turns "July 2023" typed in a cell into the date 01/07/2023.
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok();
    parsed.is_some_and(|d| d.year() == month.year() && d.month() == month.month())
}

/// The header row and the column of each of [`COLUMNS`].
fn header(range: &Range<Data>) -> Option<(u32, [u32; 6])> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    (r0..=r1.min(r0 + 20)).find_map(|row| {
        let mut cols = [0u32; 6];
        for (i, name) in COLUMNS.iter().enumerate() {
            cols[i] = (c0..=c1).find(|&c| text(range, row, c).eq_ignore_ascii_case(name))?;
        }
        Some((row, cols))
    })
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    super::grid::cell_text(range, row, col).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_cell_reads_in_its_usual_forms() {
        let july = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        for t in [
            "July 2023",
            "Jul 2023",
            "2023-07",
            "2023-07-01",
            "01/07/2023",
            " july 2023 ",
        ] {
            assert!(same_month(t, july), "{t}");
        }
        for t in ["June 2023", "July 2024", "", "2023", "01/06/2023"] {
            assert!(!same_month(t, july), "{t}");
        }
    }
}
