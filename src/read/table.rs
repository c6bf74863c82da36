//! A table in a sheet: the sheet order, the header search through the column map, and the
//! data rows below the header, with their values still as read.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader, ReaderRef, Sheets};

use super::HeaderAttempt;
use super::ReadError;
use super::fills::rag_from_fills;
use super::grid::{Grid, Sparse, cell_text, xlsx_range};
use super::header::{HeaderFound, directorate_label, find_header, header_attempt};
use super::numbers::ids_as_displayed;
use super::raw::Table;
use super::rows::{MergeMap, fill_rows, merges};
use crate::columns::{Layout, normalise_header};
use crate::model::Field;
use crate::model::{NoteKind, Origin, RagScale, ReadNote, TableInfo, TableKind};

pub(super) fn sheet_order(
    sheets: &Sheets<Cursor<&[u8]>>,
    layout: &Layout,
    skip: &[&str],
) -> Vec<String> {
    let names = sheets.sheet_names();
    let mut order: Vec<String> = Vec::with_capacity(names.len());
    for pref in &layout.sheets {
        if let Some(n) = names
            .iter()
            .find(|n| normalise_header(n) == normalise_header(pref))
            && !order.contains(n)
        {
            order.push(n.clone());
        }
    }
    for n in names {
        if !order.contains(&n) {
            order.push(n);
        }
    }
    order.retain(|n| !skip.contains(&n.as_str()));
    order
}

/// What scanning one sheet found.
pub(super) enum Scan {
    Empty,
    NoHeader(Option<HeaderAttempt>),
    Found(Table, bool),
}

/// Find the header and read the rows of one sheet (without merged regions). The `bool` of
/// `Found` says whether merged regions could fill gaps.
pub(super) fn scan_sheet<G: Grid>(range: &G, file: &Arc<str>, name: &str, layout: &Layout) -> Scan {
    if range.is_empty() {
        return Scan::Empty;
    }
    let Some(HeaderFound {
        row: header_row,
        columns,
        unmapped,
        dups,
        unsure,
    }) = find_header(range, layout)
    else {
        return Scan::NoHeader(header_attempt(range, layout, name));
    };
    let missing: Vec<(Field, Vec<String>)> = layout
        .required()
        .filter(|(f, _)| !columns.iter().any(|m| m.field == *f))
        .map(|(f, s)| (f, s.headers.clone()))
        .collect();
    if !missing.is_empty() {
        let (_, c0) = range.start().unwrap_or((0, 0));
        let (_, c1) = range.end().unwrap_or((0, 0));
        let found = (c0..=c1)
            .filter_map(|c| cell_text(range, header_row, c))
            .collect();
        return Scan::NoHeader(Some(HeaderAttempt {
            sheet: name.to_string(),
            row: header_row,
            found,
            missing,
            unsure,
            by_words: columns
                .iter()
                .filter(|m| m.by_words.is_some())
                .map(|m| (m.header.clone(), m.field))
                .collect(),
        }));
    }
    let origin = Arc::new(Origin {
        file: file.clone(),
        sheet: Arc::from(name),
    });
    let mut table = Table {
        info: TableInfo {
            file: file.clone(),
            sheet: origin.sheet.clone(),
            origin,
            header_row,
            columns,
            unmapped,
            unsure,
            notes: Vec::new(),
            label_directorate: directorate_label(range, header_row),
            skipped_rows: 0,
            data_rows: 0,
        },
        rows: Vec::new(),
    };
    for (row, col, text, field) in dups {
        let source = table.source(row, col);
        table.notes.push(ReadNote {
            kind: NoteKind::DuplicateHeader,
            action: None,
            source,
            detail: format!("{text:?} also means `{field}`; the first such column is used and this one is ignored"),
        });
    }
    // A column that might mean a field no other column gives is reported, never guessed.
    let unsure: Vec<(u32, String)> = table
        .unsure
        .iter()
        .filter(|u| {
            u.candidates
                .iter()
                .any(|f| !table.columns.iter().any(|m| m.field == *f))
        })
        .map(|u| (u.col, format!("{:?} was not used: {}", u.header, u.why)))
        .collect();
    for (col, detail) in unsure {
        let source = table.source(header_row, col);
        table.notes.push(ReadNote {
            kind: NoteKind::UnsureHeader,
            action: None,
            source,
            detail,
        });
    }
    let gaps = fill_rows(&mut table, range, &MergeMap::default());
    Scan::Found(table, gaps)
}

/// The first table found, trying the layout's preferred sheets first.
pub(super) fn read_table_from(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    scale: &RagScale,
    kind: TableKind,
    skip: &[&str],
) -> Result<Table, ReadError> {
    let mut tables = read_tables_from(sheets, file, layout, scale, kind, skip, false)?;
    // `read_tables_from` gives at least one table or an error.
    Ok(tables.swap_remove(0))
}

/// Every sheet's table (or, without `all`, the first), preferred sheets first. Sheets with
/// no header row (Guidance, Instructions) are passed over; an error when no sheet has one.
pub(super) fn read_tables_from(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    scale: &RagScale,
    kind: TableKind,
    skip: &[&str],
    all: bool,
) -> Result<Vec<Table>, ReadError> {
    let order = sheet_order(sheets, layout, skip);
    let mut found: Vec<Table> = Vec::new();
    let mut best_attempt: Option<HeaderAttempt> = None;
    let mut any_cells = false;
    let file_arc: Arc<str> = Arc::from(file);
    // xlsx and xlsb ranges can borrow the shared strings instead of copying every one.
    let borrow = matches!(sheets, Sheets::Xlsx(_) | Sheets::Xlsb(_));
    for name in &order {
        let (scanned, kept) = scan_named(sheets, name, &file_arc, layout, borrow);
        let scanned = match scanned {
            Ok(s) => s,
            // A chart sheet or a damaged sheet: try the others, report if none works.
            Err(e) if order.len() == 1 => {
                return Err(ReadError::Corrupt {
                    file: file.to_string(),
                    detail: format!("sheet {name:?}: {e}"),
                });
            }
            Err(_) => continue,
        };
        let (mut table, gaps) = match scanned {
            Scan::Empty => continue,
            Scan::NoHeader(attempt) => {
                any_cells = true;
                if let Some(a) = attempt
                    && best_attempt
                        .as_ref()
                        .is_none_or(|b| a.missing.len() < b.missing.len())
                {
                    best_attempt = Some(a);
                }
                continue;
            }
            Scan::Found(table, gaps) => (table, gaps),
        };
        // Merged regions cost another parse of the sheet, so they are read only when a row
        // lacks a value that a merge could supply.
        if gaps {
            refill_with_merges(sheets, name, &mut table, kept);
        }
        rag_from_fills(&mut table, sheets, name, scale);
        ids_as_displayed(&mut table, sheets, name);
        found.push(table);
        if !all {
            break;
        }
    }
    if !found.is_empty() {
        return Ok(found);
    }
    if !any_cells {
        return Err(ReadError::NoSheets {
            file: file.to_string(),
        });
    }
    Err(ReadError::NoHeader {
        file: file.to_string(),
        kind,
        sheets: order,
        best: best_attempt.map(Box::new),
    })
}

/// Scan sheet `name` for its table. An xlsx range borrows the workbook, which reading
/// merged regions needs again: when the scan finds gaps, an owned copy of the cells comes
/// back too, so that the sheet is not parsed a third time.
fn scan_named(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    file: &Arc<str>,
    layout: &Layout,
    borrow: bool,
) -> (Result<Scan, String>, Option<Sparse<Data>>) {
    let mut kept: Option<Sparse<Data>> = None;
    let scanned = match sheets {
        // xlsx: cells are gathered here so that stray values far from the table cannot
        // blow up the grid (see `drop_strays`).
        Sheets::Xlsx(x) => xlsx_range(x, name).map(|(r, stray)| {
            let mut scan = scan_sheet(&r, file, name, layout);
            if let Scan::Found(table, gaps) = &mut scan {
                if let Some(stray) = stray {
                    let note = stray.note(table);
                    table.notes.push(note);
                }
                if *gaps {
                    kept = Some(r.map(|d| Data::from(d.clone())));
                }
            }
            scan
        }),
        _ if borrow => sheets
            .worksheet_range_ref(name)
            .map(|r| scan_sheet(&r, file, name, layout))
            .map_err(|e| e.to_string()),
        _ => sheets
            .worksheet_range(name)
            .map(|r| scan_sheet(&r, file, name, layout))
            .map_err(|e| e.to_string()),
    };
    (scanned, kept)
}

/// Read the table's rows again with the sheet's merged regions, when it has any (from
/// `kept`, the cells of the first scan, else from the sheet). The first pass's notes on rows
/// go; those on the header and the sheet stay.
fn refill_with_merges(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    table: &mut Table,
    kept: Option<Sparse<Data>>,
) {
    let merged = merges(sheets, name);
    if merged.is_empty() {
        return;
    }
    let reset = |table: &mut Table| {
        table.notes.retain(|n| {
            matches!(
                n.kind,
                NoteKind::DuplicateHeader | NoteKind::StrayValues | NoteKind::UnsureHeader
            )
        });
        table.skipped_rows = 0;
    };
    match kept {
        Some(r) => {
            reset(table);
            fill_rows(table, &r, &merged);
        }
        None => {
            if let Ok(r) = sheets.worksheet_range(name) {
                reset(table);
                fill_rows(table, &r, &merged);
            }
        }
    }
}
