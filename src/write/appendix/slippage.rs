//! Slippage log: every action whose revised date is later than the master plan's, longest
//! slip first, with its change control.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{table_header, table_sheet_end, table_sheet_start};
use super::{SLIPPAGE, SheetCx};
use crate::reconcile::Severity;
use crate::status::describe_days;
use crate::write::style::{clip_cell, row_height};

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (report, f, month) = (cx.report, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        SLIPPAGE,
        &format!("Slippage log {month}: actions whose revised date is later than the master plan"),
        cx,
    )?;
    let cols = [
        ("Action Ref", 11.0),
        ("Owner", 24.0),
        ("Original date", 14.0),
        ("Revised date", 14.0),
        ("Days slipped", 10.0),
        ("Slip", 22.0),
        ("Change control", 10.0),
        ("Change control note", 44.0),
        ("Source", 40.0),
    ];
    table_header(ws, h, &cols, &[0], &[4], f)?;
    let mut row = h + 1;
    let mut slips: Vec<_> = report.status.slippage.iter().collect();
    slips.sort_by(|a, b| b.days.cmp(&a.days).then(a.action.cmp(&b.action)));
    for s in slips {
        ws.write_string(row, 0, s.action.as_str())?;
        ws.write_string(row, 1, &s.owner)?;
        ws.write_string(row, 2, &s.original.text)?;
        ws.write_string(row, 3, &s.revised.text)?;
        ws.write_number(row, 4, s.days as f64)?;
        ws.write_string(row, 5, describe_days(s.days))?;
        if s.change_control {
            ws.write_string(row, 6, "Yes")?;
        } else {
            ws.write_string_with_format(row, 6, "No", &f.sev[&Severity::Error])?;
        }
        ws.write_string(
            row,
            7,
            clip_cell(s.change_control_text.as_deref().unwrap_or("")),
        )?;
        ws.write_string(row, 8, s.source.to_string())?;
        ws.set_row_height(
            row,
            row_height(&[
                (s.change_control_text.as_deref().unwrap_or(""), 44.0),
                (&s.source.to_string(), 40.0),
            ]),
        )?;
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (report.status.slippage.is_empty()).then_some("No slippage this month"),
    )?;
    Ok(())
}
