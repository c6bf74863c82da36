//! Dashboard: RAG counts per theme, a native bar chart, headline figures, missing returns.
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::blocks::{RAG_ORDER, rag_heading};
use super::view::View;
use super::{DASHBOARD, SheetCx};
use crate::model::{ThemeId, counted};
use crate::write::style::{print_setup, rating_colours};

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, title, month) = (cx.views, cx.f, cx.title, cx.month);
    let report = cx.report;

    print_setup(ws, title, DASHBOARD, month, None)?;
    ws.write_string_with_format(0, 0, format!("{title} - RAG summary {month}"), &f.title)?;
    let head_row = 2;
    ws.write_string_with_format(head_row, 0, &cx.labels.theme, &f.header)?;
    for (i, r) in RAG_ORDER.iter().enumerate() {
        ws.write_string_with_format(
            head_row,
            1 + i as u16,
            rag_heading(*r),
            f.rating(*r).unwrap_or(&f.header),
        )?;
    }
    let total_col = 1 + RAG_ORDER.len() as u16;
    ws.write_string_with_format(head_row, total_col, "Total", &f.header)?;
    ws.set_column_width(0, 30)?;
    for c in 1..=total_col {
        ws.set_column_width(c, 12)?;
    }
    let themes: Vec<Option<ThemeId>> = cx
        .themes
        .ids()
        .map(Some)
        .chain(vs.iter().any(|v| v.theme().is_none()).then_some(None))
        .collect();
    for (ti, th) in themes.iter().enumerate() {
        let row = head_row + 1 + ti as u32;
        ws.write_string_with_format(
            row,
            0,
            th.map(|t| cx.themes.name(t)).unwrap_or("(no theme)"),
            &f.bold_body,
        )?;
        let in_theme: Vec<&View> = vs.iter().filter(|v| v.theme() == *th).collect();
        for (ri, r) in RAG_ORDER.iter().enumerate() {
            ws.write_number_with_format(
                row,
                1 + ri as u16,
                in_theme.iter().filter(|v| v.status.rating() == *r).count() as f64,
                &f.number,
            )?;
        }
        ws.write_number_with_format(row, total_col, in_theme.len() as f64, &f.number)?;
    }
    let last = head_row + themes.len() as u32;
    let total_row = last + 1;
    let all = format!("All {}", cx.labels.themes().to_lowercase());
    ws.write_string_with_format(total_row, 0, &all, &f.header)?;
    for (ri, r) in RAG_ORDER.iter().enumerate() {
        ws.write_number_with_format(
            total_row,
            1 + ri as u16,
            vs.iter().filter(|v| v.status.rating() == *r).count() as f64,
            &f.number,
        )?;
    }
    ws.write_number_with_format(total_row, total_col, vs.len() as f64, &f.number)?;

    let (e, w, i) = report.counts();
    let notes_row = total_row + 2;
    let lines = [
        format!(
            "Exceptions (Amber, Red, On hold): {}",
            vs.iter()
                .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
                .count()
        ),
        format!(
            "Actions slipped: {} ({} without change control)",
            report.status.slippage.len(),
            report
                .status
                .slippage
                .iter()
                .filter(|s| !s.change_control)
                .count()
        ),
        format!(
            "Reconciliation findings: {}, {}, {i} for information (see the Reconciliation sheet)",
            counted(e, "error"),
            counted(w, "warning")
        ),
        if report.status.missing_returns.is_empty() {
            "All directorate returns received".to_string()
        } else {
            format!(
                "Returns missing: {}",
                report.status.missing_returns.join(", ")
            )
        },
    ];
    for (k, l) in lines.iter().enumerate() {
        ws.write_string(notes_row + k as u32, 0, l)?;
    }

    let mut chart = Chart::new(ChartType::BarStacked);
    chart
        .title()
        .set_name(format!("Actions by theme and RAG, {month}").as_str());
    for (ri, r) in RAG_ORDER.iter().enumerate() {
        let col = 1 + ri as u16;
        let fill = rating_colours(*r).map(|c| c.0).unwrap_or("#FFFFFF");
        chart
            .add_series()
            .set_name((DASHBOARD, head_row, col))
            .set_categories((DASHBOARD, head_row + 1, 0, last, 0))
            .set_values((DASHBOARD, head_row + 1, col, last, col))
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(fill)))
            .set_gap(60);
    }
    chart.legend().set_position(ChartLegendPosition::Bottom);
    // rust_xlsxwriter swaps the axes of a bar chart: y is the vertical category axis, x the
    // horizontal value axis. List themes top-down in table order; name the value axis.
    chart.y_axis().set_reverse();
    chart.x_axis().set_name("Number of actions");
    chart.set_width(760).set_height(360);
    ws.insert_chart(notes_row + lines.len() as u32 + 1, 0, &chart)?;
    Ok(())
}
