//! Exceptions: the Amber, Red and On hold actions, one row each, RAG-coloured.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::tables::{place_row, table_header, table_sheet_end, table_sheet_start};
use super::view::View;
use super::{EXCEPTIONS, SheetCx};
use crate::model::Rag;
use crate::write::style::clip_cell;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, month) = (cx.views, cx.f, cx.month);
    let h = table_sheet_start(
        ws,
        EXCEPTIONS,
        &format!("Focus 2 Exceptions {month}: actions rated Amber, Red or On hold"),
        cx,
    )?;
    let cols = [
        (cx.labels.theme.as_str(), 14.0),
        ("Action Ref", 9.0),
        ("Action", 26.0),
        ("Owner", 14.0),
        ("RAG", 9.0),
        ("Due date", 10.0),
        ("Change control date", 11.0),
        ("Progress commentary", 35.0),
    ];
    let mut pages = table_header(ws, h, &cols, &[1], &[], f)?;
    let mut ex: Vec<&View> = vs
        .iter()
        .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
        .collect();
    ex.sort_by_key(|v| (v.theme(), v.action.id.value.clone()));
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
        let texts = [
            cx.theme_name(v.theme()),
            v.action.id.value.as_str(),
            v.action.title_text(),
            v.action.directorate_text(),
            rag.label(),
            &due,
            &cc,
            progress,
        ];
        for (c, t) in texts.iter().enumerate() {
            if c == 4 {
                ws.write_string_with_format(row, 4, *t, &f.rag[&rag])?;
            } else {
                ws.write_string(row, c as u16, clip_cell(t))?;
            }
        }
        let cells: Vec<(&str, f64)> = texts.iter().zip(cols).map(|(t, (_, w))| (*t, w)).collect();
        place_row(ws, &mut pages, row, &cells)?;
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
