//! Slippage log: every action whose revised date is later than the master plan's, longest
//! slip first, with its change control.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{PRINT_ROWS, place_row, table_header, table_sheet_end, table_sheet_start};
use super::{SLIPPAGE, SheetCx};
use crate::reconcile::Severity;
use crate::status::describe_days;
use crate::write::style::clip_cell;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (status, f, month) = (cx.status, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        SLIPPAGE,
        &format!("Slippage log {month}: actions whose revised date is later than the master plan"),
        cx,
    )?;
    let cols = [
        ("Action Ref", 9.0),
        ("Owner", 16.0),
        ("Original date", 11.0),
        ("Revised date", 11.0),
        ("Days slipped", 8.0),
        ("Slip", 16.0),
        ("Change control", 9.0),
        ("Change control note", 48.0),
    ];
    let mut pages = table_header(ws, h, &cols, &[0], &[4], f)?;
    let mut row = h + 1;
    let mut slips: Vec<_> = status.slippage.iter().collect();
    slips.sort_by(|a, b| b.days.cmp(&a.days).then(a.action.cmp(&b.action)));
    for s in slips {
        ws.write_string(row, 0, s.action.as_str())?;
        ws.write_string(row, 1, &s.owner)?;
        ws.write_string(row, 2, &s.original.text)?;
        ws.write_string(row, 3, &s.revised.text)?;
        ws.write_number(row, 4, s.days as f64)?;
        let slip = describe_days(s.days);
        ws.write_string(row, 5, &slip)?;
        if s.change_control {
            ws.write_string(row, 6, "Yes")?;
        } else {
            ws.write_string_with_format(row, 6, "No", &f.sev[&Severity::Error])?;
        }
        let note = s.change_control_text.as_deref().unwrap_or("");
        ws.write_string(row, 7, clip_cell(note))?;
        let cells = [
            (s.owner.as_str(), cols[1].1),
            (s.original.text.as_str(), cols[2].1),
            (s.revised.text.as_str(), cols[3].1),
            (slip.as_str(), cols[5].1),
            (note, cols[7].1),
        ];
        if status.slippage.len() <= PRINT_ROWS {
            place_row(ws, &mut pages, row, &cells)?;
        }
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (status.slippage.is_empty()).then_some("No slippage this month"),
        &pages,
    )?;
    Ok(())
}
