//! What the table sheets share: heading, header row with column formats, print set-up,
//! the message of an empty table, and the autofilter.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::SheetCx;
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
) -> Result<(), XlsxError> {
    for (c, (name, w)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(row, c, *name, &f.header)?;
        ws.set_column_width(c, *w)?;
        let fmt = if bold_cols.contains(&c) {
            &f.bold_body
        } else if number_cols.contains(&c) {
            &f.number
        } else {
            &f.body
        };
        ws.set_column_format(c, fmt)?;
    }
    Ok(())
}

/// Start the sheet `name` whose table header is on row 3: heading on row 1, print setup.
/// Returns the header row.
pub fn table_sheet_start(
    ws: &mut Worksheet,
    name: &str,
    heading: &str,
    cx: &SheetCx,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(0, 0, heading, &cx.f.title)?;
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
) -> Result<(), XlsxError> {
    if let Some(msg) = empty {
        ws.write_string(row, 0, msg)?;
    }
    ws.autofilter(h, 0, row.saturating_sub(1).max(h), ncols as u16 - 1)?;
    Ok(())
}
