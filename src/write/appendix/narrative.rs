//! The narrative form (`plan-recon narrative`): one row per theme and per recommendation,
//! pre-filled with the generated draft of its Summary, Progress this month, Next steps and
//! Issues raised, for officers to rewrite; `appendix --narrative` prints what they wrote.
use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::blocks::{Section, draft};
use super::view::View;
use crate::load::Loaded;
use crate::model::narrative::{COLUMNS, HEADER_ROW, MONTH_ROW, SHEET, recommendation_codes};
use crate::reconcile::Report;
use crate::write::col_at;
use crate::write::style::{Formats, clip_cell, print_setup};
use crate::write::{WriteError, properties, write_atomically};

/// Column widths: Section, Name, then the four texts.
const WIDTHS: [f64; 6] = [16.0, 26.0, 50.0, 60.0, 50.0, 40.0];

/// What the form holds: its rows of themes and of recommendations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRows {
    pub themes: usize,
    pub recommendations: usize,
}

/// Write the narrative form for the month to `path`.
pub fn write_form(loaded: &Loaded, report: &Report, path: &Path) -> Result<FormRows, WriteError> {
    let data = loaded.month();
    let views = crate::status::views(&data, &report.status);
    let master = &loaded.master;
    let labels = &master.labels;
    let month = crate::model::YearMonth::of(loaded.ctx.report_month).to_string();
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(
        format!("Improvement Plan narrative, {month}"),
        loaded.ctx.report_month,
    ));
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    print_setup(
        ws,
        "Improvement Plan narrative",
        SHEET,
        &month,
        Some(HEADER_ROW),
    )?;
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(0, 0, "Narrative for the Cabinet appendix", &f.title)?;
    ws.write_string_with_format(MONTH_ROW, 0, "Month", &f.bold)?;
    ws.write_string_with_format(MONTH_ROW, 1, &month, &f.bold)?;
    ws.write_string(
        2,
        0,
        format!(
            "Rewrite the draft in columns C to F for Cabinet; a cell left empty leaves that section out. \
             Keep Section, Name and the month: `plan-recon appendix --narrative` checks them. \
             Each {} row is the summary printed above its themes.",
            labels.recommendation.to_lowercase()
        ),
    )?;
    for (c, (name, w)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        ws.write_string_with_format(HEADER_ROW, col_at(0, c), *name, &f.header)?;
        ws.set_column_width(col_at(0, c), w)?;
    }
    let mut row = HEADER_ROW + 1;
    let mut rows = FormRows {
        themes: 0,
        recommendations: 0,
    };
    for th in master.themes.ids() {
        let in_theme: Vec<&View> = views.iter().filter(|v| v.theme() == Some(th)).collect();
        write_row(
            ws,
            row,
            &labels.theme,
            master.themes.name(th),
            &draft(&in_theme, true),
            &f,
        )?;
        row += 1;
        rows.themes += 1;
    }
    for code in recommendation_codes(master) {
        let in_rec: Vec<&View> = views
            .iter()
            .filter(|v| {
                v.action
                    .recommendation
                    .as_ref()
                    .is_some_and(|r| r.value == code)
            })
            .collect();
        // A recommendation's row heads its themes' blocks, which list each action's
        // progress: its draft is the counts only, for officers to write the rest.
        let mut counts = draft(&in_rec, false);
        counts.truncate(1);
        write_row(ws, row, &labels.recommendation, &code, &counts, &f)?;
        row += 1;
        rows.recommendations += 1;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    let bytes = wb.save_to_buffer()?;
    write_atomically(path, &bytes)?;
    Ok(rows)
}

/// One row: its section and name, and each drafted section as plain text.
fn write_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    section: &str,
    name: &str,
    draft: &[Section],
    f: &Formats,
) -> Result<(), WriteError> {
    ws.write_string_with_format(row, 0, section, &f.body)?;
    ws.write_string_with_format(row, 1, name, &f.bold_body)?;
    for (c, heading) in COLUMNS[2..].iter().enumerate() {
        let text = draft
            .iter()
            .find(|s| s.heading.trim_end_matches(':') == *heading)
            .map(|s| {
                if s.lines.is_empty() {
                    "No issues raised".to_string()
                } else {
                    s.lines
                        .iter()
                        .map(|l| l.plain_text())
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            })
            .unwrap_or_default();
        ws.write_string_with_format(row, col_at(2, c), clip_cell(&text), &f.body)?;
    }
    Ok(())
}
