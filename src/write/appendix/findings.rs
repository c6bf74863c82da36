//! Reconciliation: every finding with its code, directorate and source cells, errors first.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{table_header, table_sheet_end, table_sheet_start};
use super::{FINDINGS, SheetCx};
use crate::write::style::{clip_cell, row_height};

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (report, f, month) = (cx.report, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        FINDINGS,
        &format!(
            "Reconciliation findings {month}: returns checked against the master plan and each other"
        ),
        cx,
    )?;
    let cols = [
        ("Severity", 10.0),
        ("Code", 7.0),
        ("Rule", 22.0),
        ("Directorate", 22.0),
        ("Action Ref", 11.0),
        ("Finding", 60.0),
        ("Detail", 40.0),
        ("Source cell", 44.0),
    ];
    table_header(ws, h, &cols, &[4], &[], f)?;
    let mut row = h + 1;
    let mut ordered: Vec<_> = report.findings.iter().collect();
    ordered.sort_by_key(|x| std::cmp::Reverse(x.severity));
    for x in ordered {
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
        ws.set_row_height(
            row,
            row_height(&[(&x.message, 60.0), (detail, 40.0), (&sources, 44.0)]),
        )?;
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (report.findings.is_empty())
            .then_some("No findings: every return agrees with the master plan"),
    )?;
    Ok(())
}
