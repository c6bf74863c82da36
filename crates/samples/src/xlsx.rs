//! Writing the sample workbooks as .xlsx: the master plan and the returns in their styles.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::council::{
    DIRECTORATES, Due, MASTER_HEADERS, RECOMMENDATIONS, Seed, Style, theme_of, theme_order,
};
use crate::faults::SampleRow;

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#1F3864")
        .set_font_color("#FFFFFF")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
}

/// Headers used by each style, per field.
pub(crate) fn headers(style: Style) -> [&'static str; 12] {
    match style {
        Style::Template | Style::Ods => [
            "Action Ref",
            "Theme",
            "Action",
            "Owner",
            "Due date",
            "RAG Status",
            "Progress commentary",
            "Achievements this period",
            "Next steps",
            "Issues raised",
            "Revised date",
            "Change control",
        ],
        Style::TitleBlock => [
            "Ref",
            "Theme",
            "Action Title",
            "Lead Officer",
            "Target date",
            "RAG",
            "Commentary",
            "Achievements this month",
            "Next Steps",
            "Risks & Issues",
            "Revised due date",
            "Change control note",
        ],
        Style::MergedThemes => [
            "Action ID",
            "Theme",
            "Description",
            "Action Owner",
            "Due",
            "Rating",
            "Progress this month",
            "Achievements",
            "Next steps",
            "Issues",
            "New date",
            "Change request",
        ],
    }
}

pub(crate) fn row_texts(r: &SampleRow) -> [Option<String>; 12] {
    [
        Some(r.id.clone()),
        Some(r.theme.clone()),
        Some(r.title.clone()),
        Some(r.owner.clone()),
        r.due.map(|d| d.text()),
        Some(r.rag.clone()),
        r.progress.clone(),
        r.achievements.clone(),
        r.next_steps.clone(),
        r.issues.clone(),
        r.revised.clone(),
        r.change_control.clone(),
    ]
}

fn write_due(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    due: Due,
    date_fmt: &Format,
) -> Result<(), XlsxError> {
    match due {
        Due::Date(y, m, d) => {
            let date = NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| XlsxError::ParameterError("bad sample date".into()))?;
            ws.write_date_with_format(row, col, date, date_fmt)?;
        }
        Due::Text(t) => {
            ws.write_string(row, col, t)?;
        }
    }
    Ok(())
}

/// Write one return workbook (.xlsx) in the given style.
pub fn write_return_xlsx(
    path: &Path,
    directorate: &str,
    style: Style,
    rows: &[SampleRow],
    month_label: &str,
) -> Result<(), XlsxError> {
    let mut wb = dated_workbook();
    let ws = wb.add_worksheet();
    ws.set_name(match style {
        Style::TitleBlock => "Tracker",
        _ => "Return",
    })?;
    let hdr = header_format();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header_row: u32 = match style {
        Style::TitleBlock => {
            ws.write_string_with_format(
                0,
                0,
                "Improvement Plan - Monthly Directorate Return",
                &Format::new().set_bold().set_font_size(14),
            )?;
            ws.write_string(1, 0, format!("Directorate: {directorate}"))?;
            ws.write_string(2, 0, format!("Reporting period: {month_label}"))?;
            4
        }
        Style::MergedThemes => {
            ws.merge_range(
                0,
                0,
                0,
                11,
                &format!("{directorate} - Improvement Plan update {month_label}"),
                &Format::new().set_bold(),
            )?;
            1
        }
        _ => 0,
    };
    for (c, h) in headers(style).iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &hdr)?;
    }
    let widths = [
        11.0, 18.0, 40.0, 18.0, 12.0, 11.0, 50.0, 36.0, 36.0, 30.0, 14.0, 30.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = header_row + 1;
    // Rows sorted by theme order so merged theme cells make sense.
    let mut sorted: Vec<&SampleRow> = rows.iter().collect();
    if style == Style::MergedThemes {
        sorted.sort_by_key(|r| theme_order(&r.theme));
    }
    let mut theme_start: Option<(u32, String)> = None;
    for r in &sorted {
        let texts = row_texts(r);
        for (c, t) in texts.iter().enumerate() {
            let col = c as u16;
            if c == 4 {
                if let Some(d) = r.due {
                    write_due(ws, row, col, d, &date_fmt)?;
                }
                continue;
            }
            if c == 6 && r.progress_ref_error {
                ws.write_formula(row, col, Formula::new("=#REF!").set_result("#REF!"))?;
                continue;
            }
            if c == 1 && style == Style::MergedThemes {
                continue; // written as merged ranges below
            }
            if let Some(t) = t {
                ws.write_string_with_format(row, col, t, &wrap)?;
            }
        }
        if style == Style::MergedThemes {
            match &theme_start {
                Some((_, th)) if *th == r.theme => {}
                _ => {
                    if let Some((start, th)) = theme_start.take() {
                        write_theme_block(ws, start, row - 1, &th, &wrap)?;
                    }
                    theme_start = Some((row, r.theme.clone()));
                }
            }
        }
        row += 1;
    }
    if let Some((start, th)) = theme_start {
        write_theme_block(ws, start, row - 1, &th, &wrap)?;
    }
    // A trailing note, as officers leave them.
    ws.write_string(row + 1, 0, "Key: R = off track, A = at risk, G = on track")?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    wb.save(path)
}

fn write_theme_block(
    ws: &mut Worksheet,
    start: u32,
    end: u32,
    theme: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if start == end {
        ws.write_string_with_format(start, 1, theme, fmt)?;
    } else {
        ws.merge_range(start, 1, end, 1, theme, fmt)?;
    }
    Ok(())
}

/// A fixed document time so that generated files are byte-identical run to run.
pub fn fixed_time() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 8, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

/// A new workbook dated [`fixed_time`], so that every generated file is byte-identical run
/// to run.
pub fn dated_workbook() -> Workbook {
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed_time()));
    wb
}

/// Write the master plan workbook.
pub fn write_master(path: &Path, seeds: &[Seed]) -> Result<(), XlsxError> {
    let mut wb = dated_workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Improvement Plan")?;
    let hdr = header_format();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date_fmt = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top);
    ws.merge_range(
        0,
        0,
        0,
        8,
        "Improvement Plan - Master Action Plan (version 3.2)",
        &Format::new().set_bold().set_font_size(14),
    )?;
    let heads = MASTER_HEADERS;
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &hdr)?;
    }
    for (c, w) in [11.0, 22.0, 14.0, 50.0, 26.0, 26.0, 13.0, 11.0, 50.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, s) in seeds.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string_with_format(row, 0, s.id, &wrap)?;
        ws.write_string_with_format(row, 1, theme_of(s.id), &wrap)?;
        ws.write_string_with_format(row, 2, s.rec, &wrap)?;
        ws.write_string_with_format(row, 3, s.title, &wrap)?;
        ws.write_string_with_format(row, 4, s.owner, &wrap)?;
        ws.write_string_with_format(
            row,
            5,
            DIRECTORATES
                .get(s.directorate)
                .map(|d| d.name)
                .unwrap_or(""),
            &wrap,
        )?;
        write_due(ws, row, 6, s.due, &date_fmt)?;
        ws.write_string_with_format(row, 7, s.rag, &wrap)?;
        ws.write_string_with_format(row, 8, s.milestones, &wrap)?;
    }
    ws.autofilter(2, 0, 2 + seeds.len() as u32, 8)?;
    ws.set_freeze_panes(3, 0)?;
    let rs = wb.add_worksheet();
    rs.set_name("Recommendations")?;
    rs.write_string_with_format(0, 0, "Recommendation", &hdr)?;
    rs.write_string_with_format(0, 1, "Text", &hdr)?;
    rs.set_column_width(1, 100)?;
    for (i, (code, text)) in RECOMMENDATIONS.iter().enumerate() {
        rs.write_string(1 + i as u32, 0, *code)?;
        rs.write_string_with_format(1 + i as u32, 1, *text, &wrap)?;
    }
    wb.save(path)
}
