//! Exceptions: the Amber, Red and On hold actions, one row each, RAG-coloured.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{PRINT_ROWS, place_row, table_header, table_sheet_end, table_sheet_start};
use super::view::View;
use super::{EXCEPTIONS, SheetCx};
use crate::model::Rag;
use crate::write::col_at;
use crate::write::style::clip_cell;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, month) = (cx.views, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        EXCEPTIONS,
        &format!(
            "{} {month}: actions rated Amber, Red or On hold",
            cx.labels().exceptions
        ),
        cx,
    )?;
    // Ten columns in the printed width: the two history columns are narrow, and numbers.
    let cols = [
        (cx.labels().theme.as_str(), 12.0),
        ("Action Ref", 9.0),
        ("Action", 22.0),
        ("Owner", 13.0),
        ("RAG", 9.0),
        ("Since last month", 7.5),
        ("Months Amber or Red", 7.5),
        ("Due date", 9.0),
        ("Change control date", 9.5),
        ("Progress commentary", 28.0),
    ];
    let mut pages = table_header(ws, h, &cols, &[1], &[], f)?;
    let mut ex: Vec<&View> = vs
        .iter()
        .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
        .collect();
    ex.sort_by(|a, b| (a.theme(), &a.action.id.value).cmp(&(b.theme(), &b.action.id.value)));
    let mut row = h + 1;
    for v in &ex {
        let rag = v.status.rag.unwrap_or(Rag::Amber);
        let cc = if v.status.change_control {
            v.status
                .revised_date()
                .map(|d| d.text.clone())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let progress = v.progress().unwrap_or("");
        let due = v.due_text();
        let hist = &v.status.history;
        let months = hist.months_amber_or_red();
        let months = if months == 0 {
            String::new()
        } else {
            months.to_string()
        };
        let texts = [
            cx.theme_name(v.theme()),
            v.action.id.value.as_str(),
            v.action.title_text(),
            v.action.directorate_text(),
            rag.label(),
            hist.travel.map(|t| t.label()).unwrap_or(""),
            &months,
            &due,
            &cc,
            progress,
        ];
        for (c, t) in texts.iter().enumerate() {
            if c == 4 {
                ws.write_string_with_format(row, 4, *t, &f.rag[&rag])?;
            } else if c == 6 && !t.is_empty() {
                ws.write_number_with_format(
                    row,
                    6,
                    f64::from(hist.months_amber_or_red()),
                    &f.count,
                )?;
            } else {
                ws.write_string(row, col_at(0, c), clip_cell(t))?;
            }
        }
        let cells: Vec<(&str, f64)> = texts.iter().zip(cols).map(|(t, (_, w))| (*t, w)).collect();
        if ex.len() <= PRINT_ROWS {
            place_row(ws, &mut pages, row, &cells)?;
        }
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (ex.is_empty()).then_some("No exceptions this month"),
        &pages,
    )?;
    Ok(())
}
