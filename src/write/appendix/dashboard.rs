//! Dashboard: RAG counts per theme, headline figures, returns received, a native bar chart
//! and the key to the ratings, on one page.
use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Worksheet,
    XlsxError,
};

use super::blocks::{RAG_ORDER, rag_heading};
use super::view::View;
use super::{DASHBOARD, SheetCx};
use crate::model::ThemeId;
use crate::write::page::{self, BODY_PT};
use crate::write::style::{print_setup, rating_colours};
use crate::write::{col_at, row_at};

/// Width of the theme column and of each count column.
const THEME_WIDTH: f64 = 24.0;
const COUNT_WIDTH: f64 = 10.0;
/// The key's meanings span four count columns, as wide as a column of this width.
const KEY_WIDTH: f64 = 4.0 * COUNT_WIDTH + 3.0 * 5.0 / 7.0;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, title, month) = (cx.views, cx.f, cx.title, cx.month);

    print_setup(ws, title, DASHBOARD, month, None)?;
    ws.write_string_with_format(0, 0, format!("{title} - RAG summary {month}"), &f.title)?;
    ws.set_row_height(0, 22.0)?;
    let head_row = 2;
    ws.write_string_with_format(head_row, 0, &cx.labels().theme, &f.header)?;
    for (i, r) in RAG_ORDER.iter().enumerate() {
        ws.write_string_with_format(
            head_row,
            col_at(1, i),
            rag_heading(*r),
            f.rating(*r).unwrap_or(&f.header),
        )?;
    }
    let total_col = col_at(1, RAG_ORDER.len());
    ws.write_string_with_format(head_row, total_col, "Total", &f.header)?;
    ws.set_column_width(0, THEME_WIDTH)?;
    for c in 1..=total_col {
        ws.set_column_width(c, COUNT_WIDTH)?;
    }
    let heads: Vec<(&str, f64, bool)> = RAG_ORDER
        .iter()
        .map(|r| (rag_heading(*r), COUNT_WIDTH, true))
        .chain([(cx.labels().theme.as_str(), THEME_WIDTH, true)])
        .collect();
    ws.set_row_height(head_row, page::row_height(&heads, BODY_PT))?;
    let themes: Vec<Option<ThemeId>> = cx
        .themes()
        .ids()
        .map(Some)
        .chain(vs.iter().any(|v| v.theme().is_none()).then_some(None))
        .collect();
    for (ti, th) in themes.iter().enumerate() {
        let row = row_at(head_row + 1, ti);
        let name = th.map(|t| cx.themes().name(t)).unwrap_or("(no theme)");
        ws.write_string_with_format(row, 0, name, &f.bold_body)?;
        ws.set_row_height(row, page::row_height(&[(name, THEME_WIDTH, true)], BODY_PT))?;
        let in_theme: Vec<&View> = vs.iter().filter(|v| v.theme() == *th).collect();
        for (ri, r) in RAG_ORDER.iter().enumerate() {
            ws.write_number_with_format(
                row,
                col_at(1, ri),
                in_theme.iter().filter(|v| v.status.rating() == *r).count() as f64,
                &f.number,
            )?;
        }
        ws.write_number_with_format(row, total_col, in_theme.len() as f64, &f.number)?;
    }
    let last = row_at(head_row, themes.len());
    let total_row = last + 1;
    let all = format!("All {}", cx.labels().themes().to_lowercase());
    ws.write_string_with_format(total_row, 0, &all, &f.header)?;
    for (ri, r) in RAG_ORDER.iter().enumerate() {
        ws.write_number_with_format(
            total_row,
            col_at(1, ri),
            vs.iter().filter(|v| v.status.rating() == *r).count() as f64,
            &f.number,
        )?;
    }
    ws.write_number_with_format(total_row, total_col, vs.len() as f64, &f.number)?;

    let lines = headlines(cx);
    let notes_row = total_row + 2;
    for (k, l) in lines.iter().enumerate() {
        ws.write_string_with_format(row_at(notes_row, k), 0, l, &f.plain)?;
    }
    let chart_row = row_at(notes_row + 1, lines.len());
    key(ws, chart_row, cx)?;

    let mut chart = Chart::new(ChartType::BarStacked);
    chart
        .title()
        .set_name(format!("Actions by theme and RAG, {month}").as_str());
    for (ri, r) in RAG_ORDER.iter().enumerate() {
        let col = col_at(1, ri);
        let fill = rating_colours(*r).map(|c| c.0).unwrap_or("#FFFFFF");
        chart
            .add_series()
            .set_name((DASHBOARD, head_row, col))
            .set_categories((DASHBOARD, head_row + 1, 0, last, 0))
            .set_values((DASHBOARD, head_row + 1, col, last, col))
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(fill)))
            .set_gap(60);
    }
    // Printed text no smaller than 9 pt; every theme named on the axis.
    let mut small = ChartFont::new();
    small.set_size(9);
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&small);
    chart.y_axis().set_font(&small).set_label_interval(1);
    chart.x_axis().set_font(&small).set_name_font(&small);
    let mut big = ChartFont::new();
    big.set_size(12).set_bold();
    chart.title().set_font(&big);
    // rust_xlsxwriter swaps the axes of a bar chart: y is the vertical category axis, x the
    // horizontal value axis. List themes top-down in table order; name the value axis.
    chart.y_axis().set_reverse();
    chart.x_axis().set_name("Number of actions");
    // Within the first five columns, beside the key.
    chart.set_width(460).set_height(320);
    ws.insert_chart(chart_row, 0, &chart)?;
    Ok(())
}

/// The headline figures under the table: exceptions, slippage, returns received. What the
/// returns got wrong is for the officer (the checks workbook), not for Cabinet.
fn headlines(cx: &SheetCx) -> [String; 3] {
    let (vs, status) = (cx.views, cx.status);
    let owed = status.owners.len();
    let received = owed - status.missing_returns.len();
    [
        format!(
            "Exceptions (Amber, Red, On hold): {}",
            vs.iter()
                .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
                .count()
        ),
        format!(
            "Actions slipped: {} ({} without change control)",
            status.slippage.len(),
            status.slippage.iter().filter(|s| !s.change_control).count()
        ),
        if status.missing_returns.is_empty() {
            format!("Directorate returns received: all {owed}")
        } else {
            format!(
                "Directorate returns received: {received} of {owed}; missing: {}",
                status.missing_returns.join(", ")
            )
        },
    ]
}

/// The key: each rating in its colour and what it means, in the council's words (the map's
/// `[key]`), to the right of the chart.
fn key(ws: &mut Worksheet, row: u32, cx: &SheetCx) -> Result<(), XlsxError> {
    let f = cx.f;
    let (label_col, text_col) = (5u16, 6u16);
    let last_col = text_col + 3;
    ws.merge_range(
        row,
        label_col,
        row,
        last_col,
        "Key: what the ratings mean",
        &f.header,
    )?;
    let mut r = row + 1;
    for rating in RAG_ORDER {
        let (Some(meaning), Some(fmt)) = (cx.key.meaning(rating), f.rating(rating)) else {
            continue;
        };
        ws.write_string_with_format(r, label_col, rag_heading(rating), fmt)?;
        ws.merge_range(r, text_col, r, last_col, meaning, &f.body)?;
        let h = page::row_height(
            &[
                (meaning, KEY_WIDTH, false),
                (rag_heading(rating), COUNT_WIDTH, true),
            ],
            BODY_PT,
        );
        ws.set_row_height(r, h)?;
        r += 1;
    }
    Ok(())
}
