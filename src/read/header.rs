//! Finding the header row: the row in the first rows of a sheet whose cells name the most
//! fields of the column map, one of them the action reference.

use super::grid::{Grid, cell_text};
use super::{HEADER_SEARCH_ROWS, HeaderAttempt};
use crate::columns::{Field, Layout};
use crate::model::MappedColumn;

/// A header row found in a sheet.
pub(super) struct HeaderFound {
    pub row: u32,
    pub columns: Vec<MappedColumn>,
    pub unmapped: Vec<String>,
    /// Columns whose header means a field already mapped: (row, col, text, field).
    pub dups: Vec<(u32, u32, String, Field)>,
}

/// Find the header row: the row in the first rows of the sheet whose headers name the most
/// fields, one of them the action reference.
pub(super) fn find_header<G: Grid>(range: &G, layout: &Layout) -> Option<HeaderFound> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<HeaderFound> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let mut found = HeaderFound {
            row,
            columns: Vec::new(),
            unmapped: Vec::new(),
            dups: Vec::new(),
        };
        for col in c0..=c1 {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            match layout.field_for_header(&text) {
                Some(field) if found.columns.iter().any(|m| m.field == field) => {
                    found.dups.push((row, col, text, field))
                }
                Some(field) => found.columns.push(MappedColumn {
                    field,
                    col,
                    header: text,
                }),
                None => found.unmapped.push(text),
            }
        }
        let score = found.columns.len();
        if found.columns.iter().any(|m| m.field == Field::Id)
            && best.as_ref().is_none_or(|b| score > b.columns.len())
        {
            best = Some(found);
        }
    }
    best
}

/// The header texts of the row most like a header in the first rows (for error messages).
pub(super) fn header_attempt<G: Grid>(
    range: &G,
    layout: &Layout,
    sheet: &str,
) -> Option<HeaderAttempt> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<(usize, usize, HeaderAttempt)> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let found: Vec<String> = (c0..=c1).filter_map(|c| cell_text(range, row, c)).collect();
        if found.is_empty() {
            continue;
        }
        let matched = found
            .iter()
            .filter(|h| layout.field_for_header(h).is_some())
            .count();
        let missing = layout
            .required()
            .filter(|(f, _)| !found.iter().any(|h| layout.field_for_header(h) == Some(*f)))
            .map(|(f, s)| (f, s.headers.clone()))
            .collect();
        // Prefer rows that match more fields, then rows with more text cells.
        let key = (matched, found.len());
        if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
            best = Some((
                matched,
                found.len(),
                HeaderAttempt {
                    sheet: sheet.to_string(),
                    row,
                    found,
                    missing,
                },
            ));
        }
    }
    best.map(|b| b.2)
}

pub(super) fn directorate_label<G: Grid>(range: &G, header_row: u32) -> Option<String> {
    let (r0, c0) = range.start()?;
    let (_, c1) = range.end()?;
    for row in r0..header_row {
        for col in c0..=c1.min(c0 + 10) {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            let lower = text.to_lowercase();
            let Some(rest) = lower.strip_prefix("directorate") else {
                continue;
            };
            let rest_start = text.len() - rest.len();
            let value = text[rest_start..]
                .trim_start_matches([':', '-', ' '])
                .trim();
            if !value.is_empty() {
                return Some(value.to_string());
            }
            if let Some(next) = cell_text(range, row, col + 1) {
                return Some(next);
            }
        }
    }
    None
}
