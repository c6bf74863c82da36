//! Last month's appendix (written by this tool) as the baseline for month-on-month movement:
//! its register ([`REGISTER`]) read back, every column found by its header.

use std::path::Path;

use calamine::{Data, Range};

use super::ReadError;
use crate::dates::{PlanDate, Span};
use crate::model::register::{
    PrevAction, Previous, REGISTER, REGISTER_SHEET, RegisterCol, month_of_line, parse_ratings,
};
use crate::model::{ActionId, Rag};

fn text(d: Option<&Data>) -> Option<String> {
    super::grid::data_text(d?)
}

fn date(d: Option<&Data>) -> Option<chrono::NaiveDate> {
    match d? {
        Data::DateTime(dt) => dt.as_datetime().map(|x| x.date()),
        Data::Float(f) => crate::dates::serial_to_date(*f),
        Data::DateTimeIso(s) => chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// Read the register of a previous appendix (or checks workbook).
pub fn read_previous(path: &Path) -> Result<Previous, ReadError> {
    let file = path.display().to_string();
    let range =
        super::named_sheet(path, REGISTER_SHEET)?.map_err(|sheets| ReadError::NotAnAppendix {
            file: file.clone(),
            sheets,
        })?;
    register(&range).ok_or_else(|| ReadError::NotAnAppendix {
        file,
        sheets: vec![REGISTER_SHEET.to_string()],
    })
}

/// The register in `range`: `None` when no header row holds "Action Ref".
fn register(range: &Range<Data>) -> Option<Previous> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, c1) = range.end().unwrap_or((0, 0));
    // Row r0 holds "Month: June 2023", the header row follows.
    let mut prev = Previous::default();
    let mut header = None;
    for r in r0..=r1.min(r0 + 5) {
        let first = text(range.get_value((r, c0)));
        if let Some(m) = first.as_deref().and_then(month_of_line) {
            prev.month = crate::model::YearMonth::parse_name(m);
        }
        if first.as_deref() == Some(RegisterCol::Id.header()) {
            header = Some(r);
            break;
        }
    }
    let h = header?;
    // Every column by its header: a register written before a column existed has none.
    let mut at: [Option<u32>; REGISTER.len()] = [None; REGISTER.len()];
    for (slot, spec) in at.iter_mut().zip(&REGISTER) {
        *slot = (c0..=c1).find(|&k| text(range.get_value((h, k))).as_deref() == Some(spec.header));
    }
    let cell = |r: u32, c: RegisterCol| at[c as usize].and_then(|k| range.get_value((r, k)));
    let count = |r: u32, c: RegisterCol| -> u32 {
        match cell(r, c) {
            Some(Data::Float(f)) if *f >= 0.0 => *f as u32,
            Some(Data::Int(i)) if *i >= 0 => u32::try_from(*i).unwrap_or(u32::MAX),
            other => text(other).and_then(|t| t.parse().ok()).unwrap_or(0),
        }
    };
    for r in h + 1..=r1 {
        let Some(id) = text(cell(r, RegisterCol::Id)).and_then(|t| ActionId::parse(&t)) else {
            continue;
        };
        let t = |c: RegisterCol| text(cell(r, c));
        let revised = match (
            t(RegisterCol::RevisedText),
            date(cell(r, RegisterCol::RevisedFrom)),
            date(cell(r, RegisterCol::RevisedTo)),
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
        prev.actions.insert(
            id,
            PrevAction {
                rag: t(RegisterCol::Rag).and_then(|t| Rag::parse(&t)),
                revised,
                achievements: t(RegisterCol::Achievements),
                due: t(RegisterCol::Due),
                change_control: t(RegisterCol::ChangeControl),
                progress: t(RegisterCol::Progress),
                baseline: t(RegisterCol::Baseline),
                moves: count(r, RegisterCol::Moves),
                months_red: count(r, RegisterCol::MonthsRed),
                ratings: t(RegisterCol::Ratings)
                    .map(|t| parse_ratings(&t))
                    .unwrap_or_default(),
            },
        );
    }
    Some(prev)
}
