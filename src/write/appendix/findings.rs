//! Reconciliation (in the officer's checks workbook): every finding with its code,
//! directorate and source cells, by directorate, errors first within each.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{PRINT_ROWS, place_row, table_header, table_sheet_end, table_sheet_start};
use super::{FINDINGS, SheetCx};
use crate::write::style::clip_cell;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (findings, f, month) = (cx.findings, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        FINDINGS,
        &format!(
            "Reconciliation findings {month}: returns checked against the master plan and each other"
        ),
        cx,
    )?;
    let cols = [
        ("Severity", 9.0),
        ("Code", 6.0),
        ("Rule", 14.0),
        ("Directorate", 16.0),
        ("Action Ref", 9.0),
        ("Finding", 32.0),
        ("Detail", 24.0),
        ("Source cell", 18.0),
    ];
    let mut pages = table_header(ws, h, &cols, &[4], &[], f)?;
    let mut row = h + 1;
    // In the findings' one order (`reconcile::sort_findings`): by directorate, so that each
    // can be sent its own, errors first within one.
    for x in findings {
        let sources = x
            .sources
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        let detail = x.detail.as_deref().unwrap_or("");
        ws.write_string_with_format(row, 0, x.severity.to_string(), &f.sev[&x.severity])?;
        ws.write_string(row, 1, x.code.to_string())?;
        ws.write_string(row, 2, x.code.name())?;
        ws.write_string(row, 3, x.party.name())?;
        ws.write_string(row, 4, x.action.as_ref().map(|a| a.as_str()).unwrap_or(""))?;
        ws.write_string(row, 5, clip_cell(&x.message))?;
        ws.write_string(row, 6, clip_cell(detail))?;
        ws.write_string(row, 7, clip_cell(&sources))?;
        let cells = [
            (x.code.name(), cols[2].1),
            (x.party.name(), cols[3].1),
            (x.message.as_str(), cols[5].1),
            (detail, cols[6].1),
            (sources.as_str(), cols[7].1),
        ];
        if findings.len() <= PRINT_ROWS {
            place_row(ws, &mut pages, row, &cells)?;
        }
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (findings.is_empty()).then_some("No findings: every return agrees with the master plan"),
        &pages,
    )?;
    Ok(())
}
