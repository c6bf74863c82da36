//! What the table sheets share: heading, header row with column formats, print set-up,
//! the message of an empty table, and the autofilter.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::SheetCx;
use crate::write::col_at;
use crate::write::page::{self, BODY_PT, Pages};
use crate::write::style::{Formats, print_setup};

/// Header row of a table sheet. Data cells take their format from the column (bordered,
/// wrapped; bold for `bold_cols`, whole numbers for `number_cols`), so that writing them needs
/// no per-cell format lookup.
pub fn table_header(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(&str, f64)],
    bold_cols: &[u16],
    number_cols: &[u16],
    f: &Formats,
) -> Result<Pages, XlsxError> {
    let pages = header_row(ws, row, cols, f)?;
    for c in 0..col_at(0, cols.len()) {
        let fmt = if bold_cols.contains(&c) {
            &f.bold_body
        } else if number_cols.contains(&c) {
            &f.number
        } else {
            &f.body
        };
        ws.set_column_format(c, fmt)?;
    }
    Ok(pages)
}

/// Up to this many rows a table is sized for print (a height per row, its page breaks);
/// beyond, it is a data sheet and heights are left to the spreadsheet application: sizing
/// 100,000 rows costs rust_xlsxwriter about 40 MB and the text measuring most of a second.
pub const PRINT_ROWS: usize = 5_000;

/// Size row `row` for its cells (text, column width) and place it on the pages.
pub fn place_row(
    ws: &mut Worksheet,
    pages: &mut Pages,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    place_sized(ws, pages, row, row_height(cells))
}

/// The print height of a row of body text: (text, column width) per cell.
pub fn row_height(cells: &[(&str, f64)]) -> f64 {
    let cells: Vec<(&str, f64, bool)> = cells.iter().map(|(t, w)| (*t, *w, false)).collect();
    page::row_height(&cells, BODY_PT)
}

/// Give row `row` the height `h` and place it on the pages.
pub fn place_sized(
    ws: &mut Worksheet,
    pages: &mut Pages,
    row: u32,
    h: f64,
) -> Result<(), XlsxError> {
    ws.set_row_height(row, h)?;
    pages.place(row, h);
    Ok(())
}

/// The header row of a printed sheet: names in header format, column widths, and the row's
/// height for its wrapped names. Returns the sheet's pages, the first one holding the title
/// rows and this row, the others this row repeated.
pub fn header_row(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(&str, f64)],
    f: &Formats,
) -> Result<Pages, XlsxError> {
    for (c, (name, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(row, col_at(0, c), *name, &f.header)?;
        ws.set_column_width(col_at(0, c), *w)?;
    }
    let cells: Vec<(&str, f64, bool)> = cols.iter().map(|(n, w)| (*n, *w, true)).collect();
    let h = page::row_height(&cells, BODY_PT);
    ws.set_row_height(row, h)?;
    Ok(Pages::new(TITLE_ROWS_PT + h, h))
}

/// Height of the rows above a table's header: the 14 pt heading and a spacer row.
const TITLE_ROWS_PT: f64 = 22.0 + 15.0;

/// Start the sheet `name` whose table header is on row 3: heading on row 1, print setup.
/// Returns the header row.
pub fn table_sheet_start(
    ws: &mut Worksheet,
    name: &str,
    heading: &str,
    cx: &SheetCx,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(0, 0, heading, &cx.f.title)?;
    // The title rows are not part of the table: no column format (rules) on them.
    for (row, height) in [(0, 22.0), (1, 15.0)] {
        ws.set_row_height(row, height)?;
        ws.set_row_format(row, &cx.f.plain)?;
    }
    let h = 2;
    print_setup(ws, cx.title, name, cx.month, Some(h))?;
    Ok(h)
}

/// Finish a table (Exceptions, Slippage log, Reconciliation) whose data ends before `row`:
/// the message for an empty table, and the autofilter over header and data.
pub fn table_sheet_end(
    ws: &mut Worksheet,
    h: u32,
    row: u32,
    ncols: usize,
    empty: Option<&str>,
    pages: &Pages,
) -> Result<(), XlsxError> {
    if let Some(msg) = empty {
        ws.write_string(row, 0, msg)?;
    }
    ws.set_page_breaks(pages.breaks())?;
    ws.autofilter(
        h,
        0,
        row.saturating_sub(1).max(h),
        col_at(0, ncols.saturating_sub(1)),
    )?;
    Ok(())
}
