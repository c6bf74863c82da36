//! Reading workbooks with calamine: find the header row through the column map, turn each
//! data row into typed values that remember their cell, and note (never panic on) anything
//! odd: formula errors, unreadable ids, duplicated headers.
//!
//! | file | job |
//! |---|---|
//! | `open.rs` | read the bytes, sniff the format, refuse what is not a spreadsheet |
//! | `xls_check.rs` | validate a legacy `.xls` before calamine allocates for it |
//! | `guard.rs` | a parser panic becomes a "damaged file" error for that file |
//! | `grid.rs` | the cells of a sheet (sparse for xlsx), stray values dropped |
//! | `header.rs` | the header row and the directorate named above it |
//! | `table.rs` | sheet order, one sheet's table, field values taken out of a row |
//! | `rows.rs` | data rows: merged cells, continuation lines, notes and headings |
//! | `fills.rs` | ratings given as a cell fill colour |
//! | `master.rs` | the master plan and its recommendations sheet |
//! | `returns.rs` | directorate returns, the folder listing, directorate names |
//! | `intake.rs` | which files in the returns folders are this month's returns |
//! | `previous.rs` | last month's register (`--previous`), every column by its header |
//! | `narrative.rs` | the officers' narrative form (`appendix --narrative`) |

mod directorates;
mod fills;
mod grid;
mod guard;
mod header;
pub mod intake;
mod master;
mod narrative;
mod numbers;
mod open;
mod plan_rows;
mod previous;
mod raw;
mod returns;
mod rows;
mod stage;
mod table;
mod xls_check;

use crate::model::Field;
use crate::model::{Location, TableKind, cell_ref};

pub use directorates::{
    DirectorateNames, assign as assign_directorates, directorate_from_file_name,
};
pub use grid::{Cell, CellView, Grid, Sparse};
pub use guard::{in_guarded_read, install_panic_hook};
pub use master::read_master;
pub use narrative::{NarrativeError, read_narrative};
pub use previous::read_previous;
pub use returns::{list_workbooks, read_return, read_return_bytes, read_returns};

/// How many rows from the top of a sheet are searched for the header row.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// File endings read as workbooks.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Why a workbook could not be read. Every message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{file}: cannot read the file: {source}\n  hint: check the path and that you can open it"
    )]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: the file is empty (0 bytes)\n  hint: the upload may have failed; ask the directorate to send it again"
    )]
    Empty { file: String },
    #[error(
        "{file}: the workbook is password-protected or encrypted\n  hint: open it in Excel, remove the password (File > Info > Protect Workbook), save, and run again"
    )]
    Encrypted { file: String },
    #[error(
        "{file}: not a spreadsheet this tool can read ({what})\n  hint: open it in Excel or LibreOffice and save it as .xlsx"
    )]
    NotSpreadsheet { file: String, what: String },
    #[error(
        "{file}: the workbook is damaged and cannot be opened: {detail}\n  hint: open it in Excel (which can often repair it), save it as .xlsx, and run again"
    )]
    Corrupt { file: String, detail: String },
    #[error(
        "{file}: its values are spread over {cells} cells (values far from the table, at the far corners of a sheet), more than a return can be read in\n  hint: delete the values far from the table (Ctrl+End shows the last cell), save, and run again"
    )]
    TooSpread { file: String, cells: u64 },
    #[error(
        "{file}: the workbook has no sheets with any cells\n  hint: check this is the right file"
    )]
    NoSheets { file: String },
    #[error(
        "{file}: sheet {sheet:?} does not read as an improvement plan: {} action(s) found, {} of {} rows could not be read as actions, headings, milestones or notes{}\n  hint: check that the column mapped as the action reference holds the ids (`plan-recon read --as master {file}` shows how each row and column was read); pass --map with your own headers if another column is the reference",
        .counts.actions, .counts.not_understood, .counts.total(),
        if .examples.is_empty() { String::new() } else { format!(" (first: {})", .examples.join("; ")) }
    )]
    PlanNotUnderstood {
        file: String,
        sheet: String,
        counts: crate::model::RowCounts,
        examples: Vec<String>,
    },
    #[error(
        "{file}: not an appendix written by plan-recon (it has no \"All actions\" register; sheets: {})\n  hint: --previous takes last month's appendix as plan-recon wrote it",
        .sheets.join(", ")
    )]
    NotAnAppendix { file: String, sheets: Vec<String> },
    #[error("{}", no_header_message(.file, .kind, .best, .sheets))]
    NoHeader {
        file: String,
        kind: crate::model::TableKind,
        sheets: Vec<String>,
        best: Option<Box<HeaderAttempt>>,
    },
}

/// The best header row found in a workbook that lacked required columns.
#[derive(Debug, Clone)]
pub struct HeaderAttempt {
    pub sheet: String,
    pub row: u32,
    /// Every non-empty header text in that row.
    pub found: Vec<String>,
    /// Required fields that no header matched, with the synonyms that were looked for.
    pub missing: Vec<(Field, Vec<String>)>,
    /// Headers that might have meant a field but were not used, and why.
    pub unsure: Vec<crate::model::UnsureHeader>,
    /// Headers taken for a field by their words alone (not a synonym): (header, field).
    pub by_words: Vec<(String, Field)>,
}

/// For each missing field, the map entry that settles it with a column that might be it:
/// one that might mean the field but was not used; else one read as another field by its
/// words alone ("Outcome objective" read as the theme); else the one unused column.
fn settling(kind: &crate::model::TableKind, b: &HeaderAttempt) -> String {
    let section = kind.map_section();
    let mut s = String::new();
    for (field, _) in &b.missing {
        let fits: Vec<&str> = b
            .unsure
            .iter()
            .filter(|u| u.candidates.contains(field))
            .map(|u| u.header.as_str())
            .collect();
        let mut fits: Vec<(&str, Option<Field>)> = fits.into_iter().map(|h| (h, None)).collect();
        if fits.is_empty() {
            fits = b
                .by_words
                .iter()
                .map(|(h, f)| (h.as_str(), Some(*f)))
                .collect();
        }
        if let ([], [only]) = (fits.as_slice(), b.unsure.as_slice()) {
            fits.push((only.header.as_str(), None));
        }
        for (header, read_as) in fits {
            let was = read_as.map_or(String::new(), |f| format!(" (read as {f} by its words)"));
            s.push_str(&format!(
                "  if {header:?}{was} is the {field}: add it to {field}'s headers under [{section}.fields] in your map, as {} = {{ headers = [{header:?}] }}\n",
                field.key()
            ));
        }
    }
    s
}

fn no_header_message(
    file: &str,
    kind: &crate::model::TableKind,
    best: &Option<Box<HeaderAttempt>>,
    sheets: &[String],
) -> String {
    match best {
        None => format!(
            "{file}: no header row found for a {} in the first {HEADER_SEARCH_ROWS} rows of any sheet ({})\n  hint: the header row must contain at least an action reference column such as \"Action Ref\"; pass --map with your own headers if your tracker uses other words",
            kind.noun(),
            sheets.join(", ")
        ),
        Some(b) => {
            let mut s = format!(
                "{file}: sheet {:?} looks like a {} (header row {}) but lacks required columns\n  headers found: {}\n",
                b.sheet,
                kind.noun(),
                b.row + 1,
                b.found
                    .iter()
                    .map(|h| format!("{h:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for (field, syn) in &b.missing {
                s.push_str(&format!(
                    "  missing `{field}`: looked for any of {}\n",
                    syn.iter()
                        .map(|h| format!("{h:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            for u in &b.unsure {
                s.push_str(&format!("  not used: {:?}: {}\n", u.header, u.why));
            }
            s.push_str(&settling(kind, b));
            s.push_str("  hint: rename the column in the workbook, or write a map with `plan-recon map FILE > my-map.toml`, add your header to the field and pass it with --map");
            s
        }
    }
}

impl ReadError {
    /// The file the error is about, and the sheet and header cell where they are known.
    pub fn location(&self) -> Location {
        let file = match self {
            ReadError::Io { file, .. }
            | ReadError::Empty { file }
            | ReadError::Encrypted { file }
            | ReadError::NotSpreadsheet { file, .. }
            | ReadError::Corrupt { file, .. }
            | ReadError::NoSheets { file }
            | ReadError::NoHeader { file, .. }
            | ReadError::PlanNotUnderstood { file, .. }
            | ReadError::NotAnAppendix { file, .. }
            | ReadError::TooSpread { file, .. } => file.clone(),
        };
        let (sheet, cell) = match self {
            ReadError::PlanNotUnderstood { sheet, .. } => (Some(sheet.clone()), None),
            ReadError::NoHeader { best: Some(b), .. } => {
                (Some(b.sheet.clone()), Some(cell_ref(b.row, 0)))
            }
            _ => (None, None),
        };
        Location { file, sheet, cell }
    }
}

/// The header cells of a tracker, as `plan-recon map` needs them: where they are, and
/// their texts in column order. A tracker whose header row lacks required columns gives
/// the row most like a header.
pub fn header_cells(
    path: &std::path::Path,
    layout: &crate::columns::Layout,
) -> Result<(String, Vec<String>), ReadError> {
    let (bytes, file) = open::open(path)?;
    guard::guard(&file, || {
        let mut sheets = open::sheets_of(&bytes, &file, path)?;
        let scale = crate::model::builtin_scale();
        match table::read_table_from(&mut sheets, &file, layout, scale, TableKind::Tracker, &[]) {
            Ok(t) => {
                let mut cells: Vec<(u32, String)> = t
                    .columns
                    .iter()
                    .map(|c| (c.col, c.header.clone()))
                    .chain(t.unsure.iter().map(|u| (u.col, u.header.clone())))
                    .collect();
                cells.sort();
                let mut headers: Vec<String> = cells.into_iter().map(|(_, h)| h).collect();
                headers.extend(t.unmapped.iter().cloned());
                let origin = format!("{file}, sheet {:?}, row {}", t.sheet, t.header_row + 1);
                Ok((origin, headers))
            }
            Err(ReadError::NoHeader { best: Some(b), .. }) => Ok((
                format!("{file}, sheet {:?}, row {}", b.sheet, b.row + 1),
                b.found,
            )),
            Err(e) => Err(e),
        }
    })
}

/// One named sheet of a workbook plan-recon wrote (last month's register, the narrative
/// form), opened through the same checks and guard as every return: `Ok(Err(names))` when
/// the workbook has no such sheet, with the names it has.
pub(crate) fn named_sheet(
    path: &std::path::Path,
    sheet: &str,
) -> Result<Result<calamine::Range<calamine::Data>, Vec<String>>, ReadError> {
    use calamine::Reader;
    let (bytes, file) = open::open(path)?;
    guard::guard(&file, || {
        let mut sheets = open::sheets_of(&bytes, &file, path)?;
        Ok(sheets
            .worksheet_range(sheet)
            .map_err(|_| sheets.sheet_names()))
    })
}
