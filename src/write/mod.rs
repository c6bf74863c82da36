//! Writing the Cabinet appendix workbook with rust_xlsxwriter.
//!
//! Sheets: Dashboard (RAG counts by theme with a native chart), Theme Progress Summary,
//! Statutory Recommendations, Exceptions, Slippage log, Reconciliation and All actions (the
//! register next month's run reads with `--previous`). Every sheet is set up for print: A4
//! landscape, one page wide, header rows repeated, page header with title and month, footer
//! "Page x of y". Text is always written as text, never as a formula.

pub mod template;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, DocProperties, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::cli::Loaded;
use crate::model::{Action, Rag, ReturnRow, Theme};
use crate::previous::{REGISTER_HEADERS, REGISTER_SHEET};
use crate::reconcile::{Merged, Report, Severity, describe_days};

/// Excel's limit on the characters in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on a row's height in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    #[error(
        "cannot write {path}: {source}\n  hint: check the folder exists and you can write to it, and that the file is not open in Excel"
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("no actions for directorate {directorate:?}")]
    NoActions {
        directorate: String,
        known: Vec<String>,
    },
}

/// Options for the appendix.
#[derive(Debug, Clone)]
pub struct AppendixOptions {
    pub title: String,
}

/// Write bytes to `path` atomically: a temporary file in the same folder, then rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, |f| {
        f.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.display().to_string(),
            source,
        })
    })
}

/// Write `path` atomically: `fill` writes a temporary file in the same folder, which is
/// synced and renamed over `path`; on any error the temporary file is removed.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output.xlsx");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        fill(&mut f)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Clip text to what one cell can hold.
pub fn clip_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS - 100 || s.chars().count() <= MAX_CELL_CHARS - 100 {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut t: String = s.chars().take(MAX_CELL_CHARS - 100).collect();
    t.push_str(" ... [truncated: the full text is in the return]");
    std::borrow::Cow::Owned(t)
}

/// The RAG colours: fill and font.
pub fn rag_colours(r: Rag) -> (&'static str, &'static str) {
    match r {
        Rag::Red => ("#C00000", "#FFFFFF"),
        Rag::Amber => ("#FFC000", "#000000"),
        Rag::Green => ("#00B050", "#000000"),
        Rag::Complete => ("#0070C0", "#FFFFFF"),
        Rag::OnHold => ("#A6A6A6", "#000000"),
        Rag::NotStarted => ("#D9D9D9", "#000000"),
    }
}

/// Shared formats.
pub struct Formats {
    pub title: Format,
    pub header: Format,
    pub body: Format,
    pub bold_body: Format,
    pub date: Format,
    pub number: Format,
    pub bold: Format,
    pub plain: Format,
    pub rag: BTreeMap<Rag, Format>,
    pub sev: BTreeMap<Severity, Format>,
}

impl Formats {
    pub fn new() -> Formats {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color("#BFBFBF");
        let rag = Rag::ALL
            .into_iter()
            .map(|r| {
                let (fill, font) = rag_colours(r);
                (
                    r,
                    body.clone()
                        .set_background_color(fill)
                        .set_font_color(font)
                        .set_bold()
                        .set_align(FormatAlign::Center),
                )
            })
            .collect();
        let sev = [
            (Severity::Error, "#C00000", "#FFFFFF"),
            (Severity::Warning, "#FFC000", "#000000"),
            (Severity::Info, "#DDEBF7", "#000000"),
        ]
        .into_iter()
        .map(|(s, fill, font)| {
            (
                s,
                body.clone()
                    .set_background_color(fill)
                    .set_font_color(font)
                    .set_bold(),
            )
        })
        .collect();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_font_color("#1F3864"),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color("#1F3864")
                .set_font_color("#FFFFFF")
                .set_border(FormatBorder::Thin),
            bold_body: body.clone().set_bold(),
            date: body.clone().set_num_format("dd/mm/yyyy"),
            number: body.clone().set_num_format("0"),
            body,
            bold: Format::new().set_bold(),
            plain: Format::new(),
            rag,
            sev,
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Escape text for an Excel page header or footer (`&` is a control character there).
fn hf_escape(s: &str) -> String {
    s.replace('&', "&&")
}

/// Print set-up shared by every sheet.
pub fn print_setup(
    ws: &mut Worksheet,
    title: &str,
    sheet: &str,
    month: &str,
    header_row: Option<u32>,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(format!(
        "&L&\"Calibri,Bold\"{}&C{}&R{}",
        hf_escape(title),
        hf_escape(sheet),
        hf_escape(month)
    ));
    ws.set_footer("&LOFFICIAL&CPage &P of &N");
    if let Some(h) = header_row {
        ws.set_repeat_rows(h, h)?;
        ws.set_freeze_panes(h + 1, 0)?;
    }
    Ok(())
}

/// A cell of text made of plain and bold runs.
#[derive(Debug, Clone, Default)]
pub struct Rich {
    runs: Vec<(bool, String)>,
}

impl Rich {
    pub fn new() -> Rich {
        Rich::default()
    }
    pub fn bold(mut self, s: impl Into<String>) -> Rich {
        self.push(true, s.into());
        self
    }
    pub fn text(mut self, s: impl Into<String>) -> Rich {
        self.push(false, s.into());
        self
    }
    fn push(&mut self, bold: bool, s: String) {
        if s.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((b, t)) if *b == bold => t.push_str(&s),
            _ => self.runs.push((bold, s)),
        }
    }
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|(_, t)| t.as_str()).collect()
    }
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Write into a cell; clipped to Excel's cell limit.
    pub fn write(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        f: &Formats,
        cell: &Format,
    ) -> Result<(), XlsxError> {
        if self.runs.is_empty() {
            ws.write_blank(row, col, cell)?;
            return Ok(());
        }
        if self.runs.len() == 1 && !self.runs[0].0 {
            ws.write_string_with_format(row, col, clip_cell(&self.runs[0].1), cell)?;
            return Ok(());
        }
        let mut budget = MAX_CELL_CHARS - 200;
        let mut owned: Vec<(bool, String)> = Vec::new();
        for (b, t) in &self.runs {
            if budget == 0 {
                break;
            }
            let n = t.chars().count();
            if n <= budget {
                owned.push((*b, t.clone()));
                budget -= n;
            } else {
                owned.push((
                    *b,
                    t.chars().take(budget).collect::<String>() + " ... [truncated]",
                ));
                budget = 0;
            }
        }
        let segs: Vec<(&Format, &str)> = owned
            .iter()
            .map(|(b, t)| (if *b { &f.bold } else { &f.plain }, t.as_str()))
            .collect();
        ws.write_rich_string_with_format(row, col, &segs, cell)?;
        Ok(())
    }
}

/// Row height (points) that shows wrapped text of each (text, column width) in full.
pub fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.15).max(4.0);
            text.split('\n')
                .map(|p| ((p.chars().count() as f64) / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * 15.0 + 3.0).min(MAX_ROW_HEIGHT)
}

/// The month as Cabinet writes it: "July 2023".
pub fn month_label(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

/// The facts one action contributes to the appendix.
struct View<'a> {
    action: &'a Action,
    merged: &'a Merged,
    row: Option<&'a ReturnRow>,
    reported_by: Vec<&'a str>,
}

impl View<'_> {
    fn theme(&self) -> Option<Theme> {
        self.action.theme()
    }
    fn due_text(&self) -> String {
        self.action
            .due
            .as_ref()
            .map(|d| d.value.text.clone())
            .unwrap_or_default()
    }
    fn progress(&self) -> Option<&str> {
        self.row
            .and_then(|r| r.progress.as_ref())
            .map(|s| s.value.as_str())
    }
    fn text_of(
        &self,
        f: impl Fn(&ReturnRow) -> &Option<crate::model::Sourced<String>>,
    ) -> Option<&str> {
        self.row
            .and_then(|r| f(r).as_ref())
            .map(|s| s.value.as_str())
    }
    /// Milestone status word(s) as Cabinet reads them.
    fn status(&self) -> String {
        let m = self.merged;
        if m.rag == Some(Rag::Complete) {
            return "Complete".into();
        }
        if let (Some(rev), Some(_)) = (&m.revised, m.slip_days) {
            return format!(
                "Slippage to {}{}",
                rev.text,
                if m.change_control {
                    " (change control)"
                } else {
                    ""
                }
            );
        }
        if self
            .action
            .due
            .as_ref()
            .is_some_and(|d| d.value.span == crate::dates::Span::Tbc)
        {
            return "Date tbc".into();
        }
        match m.rag {
            Some(Rag::OnHold) => "On hold".into(),
            Some(Rag::NotStarted) => "Not started".into(),
            Some(Rag::Red) => "Off track (Red)".into(),
            Some(Rag::Amber) => "At risk (Amber)".into(),
            Some(Rag::Green) if m.overdue => "Overdue".into(),
            Some(Rag::Green) => "On track".into(),
            _ => "No update".into(),
        }
    }
}

fn views<'a>(loaded: &'a Loaded, report: &'a Report) -> Vec<View<'a>> {
    report
        .merged
        .iter()
        .map(|m| View {
            action: &loaded.master.actions[m.action],
            merged: m,
            row: m.primary.map(|p| &loaded.returns[p.ret].rows[p.row]),
            reported_by: m
                .reports
                .iter()
                .map(|r| loaded.returns[r.ret].directorate.as_str())
                .collect(),
        })
        .collect()
}

fn bullet(text: &str) -> String {
    format!("\u{2022} {}", text.trim())
}

/// Write the appendix workbook to `path` (atomically).
pub fn write_appendix(
    path: &Path,
    loaded: &Loaded,
    report: &Report,
    opts: &AppendixOptions,
) -> Result<(), WriteError> {
    let mut wb = appendix_workbook(loaded, report, opts)?;
    let t = std::time::Instant::now();
    // Straight to the file: a 100,000-action appendix is 14 MB, not worth holding twice.
    write_atomically_with(path, |f| {
        wb.save_to_writer(std::io::BufWriter::new(f))?;
        Ok(())
    })?;
    crate::cli::timing("save", t);
    // Freeing a 100,000-row workbook takes a while and nothing waits for it: let another
    // thread do it (when the process ends first, the operating system reclaims it at once).
    std::thread::spawn(move || drop(wb));
    Ok(())
}

/// Build the appendix in memory.
pub fn appendix_bytes(
    loaded: &Loaded,
    report: &Report,
    opts: &AppendixOptions,
) -> Result<Vec<u8>, WriteError> {
    Ok(appendix_workbook(loaded, report, opts)?.save_to_buffer()?)
}

/// Build the appendix workbook, every sheet written, ready to save.
pub fn appendix_workbook(
    loaded: &Loaded,
    report: &Report,
    opts: &AppendixOptions,
) -> Result<Workbook, WriteError> {
    let month = month_label(loaded.ctx.report_month);
    let f = Formats::new();
    let mut wb = Workbook::new();
    let created = loaded
        .ctx
        .report_month
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title(format!("{} appendix {month}", opts.title))
            .set_author("plan-recon"),
    );
    // Level 1: the XML compresses almost as well and saving is several times faster.
    wb.set_zip_compression_level(1);
    let t = std::time::Instant::now();
    let vs = views(loaded, report);
    crate::cli::timing("views", t);

    wb.add_worksheet();
    wb.add_worksheet();
    wb.add_worksheet();
    wb.add_worksheet_with_constant_memory()?;
    wb.add_worksheet_with_low_memory()?;
    wb.add_worksheet_with_constant_memory()?;
    // The register repeats theme, owner, RAG and much commentary: shared strings halve its
    // XML (74 to 39 MB at 100,000 rows), so saving is faster. The other big sheets keep
    // inline strings: the shared string table is locked, and two threads filling it at
    // once were slower than either alone.
    wb.add_worksheet_with_low_memory()?;
    // The register is the biggest sheet: build it on one core and the rest on the other.
    let sheets = wb.worksheets_mut();
    let (rest, last) = sheets.split_at_mut(6);
    let title = opts.title.as_str();
    let (done_register, done_rest) = rayon::join(
        || {
            let t = std::time::Instant::now();
            let r = register(&mut last[0], &vs, &f, title, &month);
            crate::cli::timing("register", t);
            r
        },
        || -> Result<(), XlsxError> {
            let t = std::time::Instant::now();
            let [d, th, rc, ex, sl, fi] = rest else {
                return Err(XlsxError::ParameterError("appendix sheets missing".into()));
            };
            dashboard(d, &vs, report, &f, title, &month)?;
            theme_summary(th, &vs, loaded, &f, title, &month)?;
            recommendations(rc, &vs, loaded, &f, title, &month)?;
            exceptions(ex, &vs, &f, title, &month)?;
            slippage_log(sl, report, &f, title, &month)?;
            findings_sheet(fi, report, &f, title, &month)?;
            crate::cli::timing("other sheets", t);
            Ok(())
        },
    );
    done_register?;
    done_rest?;
    crate::cli::timing("sheets", t);
    Ok(wb)
}

const RAG_ORDER: [Option<Rag>; 7] = [
    Some(Rag::Complete),
    Some(Rag::Green),
    Some(Rag::Amber),
    Some(Rag::Red),
    Some(Rag::OnHold),
    Some(Rag::NotStarted),
    None,
];

/// A theme's position in `Theme::ALL`; no theme comes last.
fn theme_slot(t: Option<Theme>) -> usize {
    t.and_then(|t| Theme::ALL.iter().position(|x| *x == t))
        .unwrap_or(Theme::ALL.len())
}

fn rag_heading(r: Option<Rag>) -> &'static str {
    r.map(|r| r.label()).unwrap_or("No rating")
}

fn dashboard(
    ws: &mut Worksheet,
    vs: &[View],
    report: &Report,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    ws.set_name("Dashboard")?;
    print_setup(ws, title, "Dashboard", month, None)?;
    ws.write_string_with_format(0, 0, format!("{title} - RAG summary {month}"), &f.title)?;
    let head_row = 2;
    ws.write_string_with_format(head_row, 0, "Theme", &f.header)?;
    for (i, r) in RAG_ORDER.iter().enumerate() {
        ws.write_string_with_format(
            head_row,
            1 + i as u16,
            rag_heading(*r),
            &r.map(|r| f.rag[&r].clone())
                .unwrap_or_else(|| f.header.clone()),
        )?;
    }
    ws.write_string_with_format(head_row, 8, "Total", &f.header)?;
    ws.set_column_width(0, 30)?;
    for c in 1..=8 {
        ws.set_column_width(c, 12)?;
    }
    let themes: Vec<Option<Theme>> = Theme::ALL
        .iter()
        .map(|t| Some(*t))
        .chain(vs.iter().any(|v| v.theme().is_none()).then_some(None))
        .collect();
    for (ti, th) in themes.iter().enumerate() {
        let row = head_row + 1 + ti as u32;
        ws.write_string_with_format(
            row,
            0,
            th.map(|t| t.name()).unwrap_or("(no theme)"),
            &f.bold_body,
        )?;
        let in_theme: Vec<&View> = vs.iter().filter(|v| v.theme() == *th).collect();
        for (ri, r) in RAG_ORDER.iter().enumerate() {
            ws.write_number_with_format(
                row,
                1 + ri as u16,
                in_theme.iter().filter(|v| v.merged.rag == *r).count() as f64,
                &f.number,
            )?;
        }
        ws.write_number_with_format(row, 8, in_theme.len() as f64, &f.number)?;
    }
    let last = head_row + themes.len() as u32;
    let total_row = last + 1;
    ws.write_string_with_format(total_row, 0, "All themes", &f.header)?;
    for (ri, r) in RAG_ORDER.iter().enumerate() {
        ws.write_number_with_format(
            total_row,
            1 + ri as u16,
            vs.iter().filter(|v| v.merged.rag == *r).count() as f64,
            &f.number,
        )?;
    }
    ws.write_number_with_format(total_row, 8, vs.len() as f64, &f.number)?;

    let (e, w, i) = report.counts();
    let notes_row = total_row + 2;
    let lines = [
        format!(
            "Exceptions (Amber, Red, On hold): {}",
            vs.iter()
                .filter(|v| v.merged.rag.is_some_and(|r| r.is_exception()))
                .count()
        ),
        format!(
            "Actions slipped: {} ({} without change control)",
            report.slippage.len(),
            report.slippage.iter().filter(|s| !s.change_control).count()
        ),
        format!(
            "Reconciliation findings: {e} errors, {w} warnings, {i} for information (see the Reconciliation sheet)"
        ),
        if report.missing_returns.is_empty() {
            "All directorate returns received".to_string()
        } else {
            format!("Returns missing: {}", report.missing_returns.join(", "))
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
        let fill = r.map(|r| rag_colours(r).0).unwrap_or("#FFFFFF");
        chart
            .add_series()
            .set_name(("Dashboard", head_row, col))
            .set_categories(("Dashboard", head_row + 1, 0, last, 0))
            .set_values(("Dashboard", head_row + 1, col, last, col))
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

/// Lines of a theme or recommendation block: summary items, achievements, milestones.
struct Block {
    summary: Vec<Rich>,
    achievements: Vec<Rich>,
    milestones: Vec<Rich>,
}

fn rag_counts_line(vs: &[&View]) -> String {
    let parts: Vec<String> = RAG_ORDER
        .iter()
        .filter_map(|r| {
            let n = vs.iter().filter(|v| v.merged.rag == *r).count();
            (n > 0).then(|| format!("{n} {}", rag_heading(*r)))
        })
        .collect();
    format!(
        "{} action{}: {}",
        vs.len(),
        if vs.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

fn exception_line(v: &View) -> Rich {
    let rag = v.merged.rag.map(|r| r.label()).unwrap_or("");
    let mut tail = format!(" - {rag} rated. Due {}", v.due_text());
    if let Some(rev) = &v.merged.revised
        && v.merged.slip_days.is_some()
    {
        if v.merged.change_control {
            tail.push_str(&format!(". Change control to {}", rev.text));
        } else {
            tail.push_str(&format!(". Revised to {} (no change control)", rev.text));
        }
    }
    Rich::new()
        .text("\u{2022} ")
        .bold(format!("{} {}", v.action.id.value, v.action.title_text()))
        .text(tail)
}

/// At most this many bullets per section of a theme or recommendation block; the rest are
/// counted and pointed to the sheet that lists them all. Keeps Cabinet cells readable and the
/// workbook small however large the plan.
pub const MAX_ITEMS: usize = 25;

/// Up to [`MAX_ITEMS`] items, then "... and N more" pointing at `sheet`. Only the items
/// shown are built.
fn capped<T>(items: impl Iterator<Item = T>, build: impl Fn(T) -> Rich, sheet: &str) -> Vec<Rich> {
    let mut out = Vec::new();
    let mut more = 0usize;
    for item in items {
        if out.len() < MAX_ITEMS {
            out.push(build(item));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        out.push(Rich::new().text(format!(
            "\u{2022} ... and {more} more: see the {sheet} sheet"
        )));
    }
    out
}

/// "No issues raised", "no issues", "None": nothing to report.
fn says_no_issues(t: &str) -> bool {
    let t = t.trim_start().as_bytes();
    let starts = |p: &str| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("no issue") || (t.len() <= 5 && starts("none"))
}

fn month_word(month: &str) -> String {
    month.split(' ').next().unwrap_or(month).to_string()
}

fn build_block(
    vs: &[&View],
    month: &str,
    prev_month: Option<&str>,
    prev_achievements: &dyn Fn(&View) -> Option<String>,
    full: bool,
) -> Block {
    let mut summary = vec![
        Rich::new().bold("Summary"),
        Rich::new().text(bullet(&rag_counts_line(vs))),
    ];
    let item = |v: &View, t: &str| {
        Rich::new()
            .text("\u{2022} ")
            .bold(format!("{} ", v.action.id.value))
            .text(t.trim().to_string())
    };

    let progress = capped(
        vs.iter().filter_map(|v| v.progress().map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !progress.is_empty() {
        summary.push(Rich::new().bold("Progress this month:"));
        summary.extend(progress);
    }
    if full {
        narrative_tail(vs, &item, &mut summary);
    }

    let mut achievements = Vec::new();
    let ach = |v: &View, t: &str| {
        Rich::new()
            .text(bullet(t))
            .text(format!(" ({})", v.action.id.value))
    };
    let this = capped(
        vs.iter()
            .filter_map(|v| v.text_of(|r| &r.achievements).map(|t| (v, t))),
        |(v, t)| ach(v, t),
        REGISTER_SHEET,
    );
    if !this.is_empty() {
        achievements.push(Rich::new().bold(month_word(month)));
        achievements.extend(this);
    }
    if let Some(pm) = prev_month {
        let before = capped(
            vs.iter()
                .filter_map(|v| prev_achievements(v).map(|t| (v, t))),
            |(v, t)| ach(v, &t),
            "previous appendix's All actions",
        );
        if !before.is_empty() {
            achievements.push(Rich::new().bold(month_word(pm)));
            achievements.extend(before);
        }
    }
    if achievements.is_empty() {
        achievements.push(Rich::new().text("No achievements reported this period"));
    }

    let milestones = capped(
        vs.iter(),
        |v| {
            let what = v
                .action
                .milestones
                .as_ref()
                .map(|m| m.value.as_str())
                .filter(|m| !m.is_empty())
                .unwrap_or(v.action.title_text());
            let due = v.due_text();
            let due = if due.is_empty() {
                String::new()
            } else {
                format!(" - {due}.")
            };
            Rich::new()
                .text(format!(
                    "\u{2022} {} {}{due} ",
                    v.action.id.value,
                    what.trim()
                ))
                .bold(v.status())
        },
        REGISTER_SHEET,
    );
    Block {
        summary,
        achievements,
        milestones,
    }
}

/// The theme view's summary after progress: next steps, issues raised and the Focus 2
/// exceptions.
fn narrative_tail(vs: &[&View], item: &dyn Fn(&View, &str) -> Rich, summary: &mut Vec<Rich>) {
    let next = capped(
        vs.iter()
            .filter_map(|v| v.text_of(|r| &r.next_steps).map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !next.is_empty() {
        summary.push(Rich::new().bold("Next steps:"));
        summary.extend(next);
    }
    let issues = capped(
        vs.iter().filter_map(|v| {
            v.text_of(|r| &r.issues)
                .filter(|t| !says_no_issues(t))
                .map(|t| (v, t))
        }),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if issues.is_empty() {
        summary.push(Rich::new().bold("Issues raised: ").text("no issues raised"));
    } else {
        summary.push(Rich::new().bold("Issues raised:"));
        summary.extend(issues);
    }
    let ex: Vec<&&View> = vs
        .iter()
        .filter(|v| v.merged.rag.is_some_and(|r| r.is_exception()))
        .collect();
    if ex.is_empty() {
        summary.push(
            Rich::new()
                .bold("Focus 2 Exceptions: ")
                .text("no exceptions to report"),
        );
    } else {
        summary.push(Rich::new().bold("Focus 2 Exceptions"));
        let shown = ex.len().min(MAX_ITEMS);
        for v in &ex[..shown] {
            summary.push(exception_line(v));
            if let Some(p) = v.progress() {
                summary.push(
                    Rich::new()
                        .bold("Progress commentary: ")
                        .text(p.trim().to_string()),
                );
            }
        }
        if ex.len() > shown {
            summary.push(Rich::new().text(format!(
                "\u{2022} ... and {} more: see the Exceptions sheet",
                ex.len() - shown
            )));
        }
    }
}

/// Write one block's rows starting at `row`; returns the next free row.
/// `label` is written (merged down the block) in column `label.0`.
fn write_block(
    ws: &mut Worksheet,
    row: u32,
    label: (u16, &str),
    block: &Block,
    cols: [(u16, f64); 3],
    f: &Formats,
) -> Result<u32, XlsxError> {
    let n = block
        .summary
        .len()
        .max(block.achievements.len())
        .max(block.milestones.len())
        .max(1) as u32;
    if n > 1 {
        ws.merge_range(row, label.0, row + n - 1, label.0, label.1, &f.bold_body)?;
    } else {
        ws.write_string_with_format(row, label.0, label.1, &f.bold_body)?;
    }
    for i in 0..n {
        let r = row + i;
        let mut texts: Vec<(String, f64)> = Vec::new();
        for (list, (col, width)) in [&block.summary, &block.achievements, &block.milestones]
            .into_iter()
            .zip(cols)
        {
            match list.get(i as usize) {
                Some(rich) => {
                    rich.write(ws, r, col, f, &f.body)?;
                    texts.push((rich.plain_text(), width));
                }
                None => {
                    ws.write_blank(r, col, &f.body)?;
                }
            }
        }
        let refs: Vec<(&str, f64)> = texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        ws.set_row_height(r, row_height(&refs))?;
    }
    Ok(row + n)
}

fn theme_summary(
    ws: &mut Worksheet,
    vs: &[View],
    loaded: &Loaded,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    let h = table_sheet_start(
        ws,
        "Theme Progress Summary",
        &format!("{title} Theme Progress Summary {month}"),
        f,
        title,
        month,
    )?;
    let widths = [22.0, 70.0, 40.0, 48.0];
    for (c, (name, w)) in [
        "Theme",
        "Summary",
        "Achievements this period",
        "Key Milestones",
    ]
    .iter()
    .zip(widths)
    .enumerate()
    {
        ws.write_string_with_format(h, c as u16, *name, &f.header)?;
        ws.set_column_width(c as u16, w)?;
    }
    let prev_month = loaded.previous.as_ref().and_then(|p| p.month.as_deref());
    let prev_ach = |v: &View| {
        loaded
            .previous
            .as_ref()
            .and_then(|p| p.actions.get(&v.action.id.value))
            .and_then(|a| a.achievements.clone())
    };
    let mut row = h + 1;
    let cols = [(1, widths[1]), (2, widths[2]), (3, widths[3])];
    // One pass: actions by theme, in table order (the last bucket has no theme).
    let mut by_theme: Vec<Vec<&View>> = vec![Vec::new(); Theme::ALL.len() + 1];
    for v in vs {
        by_theme[theme_slot(v.theme())].push(v);
    }
    let no_theme = by_theme.pop().unwrap_or_default();
    let buckets = Theme::ALL
        .iter()
        .map(|t| Some(*t))
        .zip(by_theme)
        .chain((!no_theme.is_empty()).then_some((None, no_theme)));
    for (th, in_theme) in buckets {
        let name = th.map(|t| t.name()).unwrap_or("(no theme)");
        if in_theme.is_empty() {
            ws.write_string_with_format(row, 0, name, &f.bold_body)?;
            ws.write_string_with_format(row, 1, "No actions in this theme", &f.body)?;
            ws.write_blank(row, 2, &f.body)?;
            ws.write_blank(row, 3, &f.body)?;
            row += 1;
            continue;
        }
        let block = build_block(&in_theme, month, prev_month, &prev_ach, true);
        row = write_block(ws, row, (0, name), &block, cols, f)?;
    }
    Ok(())
}

fn recommendations(
    ws: &mut Worksheet,
    vs: &[View],
    loaded: &Loaded,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    let h = table_sheet_start(
        ws,
        "Statutory Recommendations",
        &format!("Statutory Recommendation Status Summary {month}"),
        f,
        title,
        month,
    )?;
    let widths = [34.0, 20.0, 60.0, 38.0, 44.0];
    for (c, (name, w)) in [
        "Statutory Recommendation",
        "Theme",
        "Summary",
        "Achievements this month",
        "Milestones",
    ]
    .iter()
    .zip(widths)
    .enumerate()
    {
        ws.write_string_with_format(h, c as u16, *name, &f.header)?;
        ws.set_column_width(c as u16, w)?;
    }
    // Recommendations in code order (S1, S2, ..., S10), then actions without one.
    let distinct: std::collections::BTreeSet<&str> = vs
        .iter()
        .filter_map(|v| v.action.recommendation.as_ref().map(|r| r.value.as_str()))
        .collect();
    let mut codes: Vec<String> = distinct.into_iter().map(str::to_string).collect();
    codes.sort_by_cached_key(|c| {
        (
            c.trim_start_matches(['S', 's'])
                .parse::<u32>()
                .unwrap_or(u32::MAX),
            c.clone(),
        )
    });
    let texts: BTreeMap<&str, &str> = loaded
        .master
        .recommendations
        .iter()
        .map(|(c, t)| (c.as_str(), t.as_str()))
        .collect();
    let mut row = h + 1;
    let no_prev = |_: &View| None;
    // One pass: actions by recommendation (the last group has none), then by theme.
    let slot_of: std::collections::HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut groups: Vec<Vec<Vec<&View>>> =
        vec![vec![Vec::new(); Theme::ALL.len() + 1]; codes.len() + 1];
    for v in vs {
        let g = match &v.action.recommendation {
            Some(r) => slot_of.get(r.value.as_str()).copied().unwrap_or(codes.len()),
            None => codes.len(),
        };
        groups[g][theme_slot(v.theme())].push(v);
    }
    let labels = codes
        .iter()
        .map(String::as_str)
        .chain(std::iter::once("(no recommendation)"));
    for (code, by_theme) in labels.zip(groups) {
        if by_theme.iter().all(Vec::is_empty) {
            continue;
        }
        let label = match texts.get(code) {
            Some(t) => format!("{code} - {t}"),
            None => code.to_string(),
        };
        let start = row;
        // Actions without a theme are listed on the theme sheet only.
        for (th, in_theme) in Theme::ALL.into_iter().zip(by_theme) {
            if in_theme.is_empty() {
                continue;
            }
            // Summary and progress only: the recommendation view is shorter than the theme view.
            let block = build_block(&in_theme, month, None, &no_prev, false);
            row = write_block(
                ws,
                row,
                (1, th.name()),
                &block,
                [(2, widths[2]), (3, widths[3]), (4, widths[4])],
                f,
            )?;
        }
        let end = row.saturating_sub(1).max(start);
        if end > start {
            ws.merge_range(start, 0, end, 0, &label, &f.bold_body)?;
        } else {
            ws.write_string_with_format(start, 0, &label, &f.bold_body)?;
        }
    }
    Ok(())
}

/// Header row of a table sheet. Data cells take their format from the column (bordered,
/// wrapped; bold for `bold_cols`, whole numbers for `number_cols`), so that writing them needs
/// no per-cell format lookup.
fn table_header(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(&str, f64)],
    bold_cols: &[u16],
    number_cols: &[u16],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, (name, w)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(row, c, *name, &f.header)?;
        ws.set_column_width(c, *w)?;
        let fmt = if bold_cols.contains(&c) {
            &f.bold_body
        } else if number_cols.contains(&c) {
            &f.number
        } else {
            &f.body
        };
        ws.set_column_format(c, fmt)?;
    }
    Ok(())
}

/// Start a sheet whose table header is on row 3: name, heading on row 1, print setup.
/// Returns the header row.
fn table_sheet_start(
    ws: &mut Worksheet,
    name: &str,
    heading: &str,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<u32, XlsxError> {
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, heading, &f.title)?;
    let h = 2;
    print_setup(ws, title, name, month, Some(h))?;
    Ok(h)
}

/// Finish a table (Exceptions, Slippage log, Reconciliation) whose data ends before `row`:
/// the message for an empty table, and the autofilter over header and data.
fn table_sheet_end(
    ws: &mut Worksheet,
    h: u32,
    row: u32,
    ncols: usize,
    empty: Option<&str>,
) -> Result<(), XlsxError> {
    if let Some(msg) = empty {
        ws.write_string(row, 0, msg)?;
    }
    ws.autofilter(h, 0, row.saturating_sub(1).max(h), ncols as u16 - 1)?;
    Ok(())
}

fn exceptions(
    ws: &mut Worksheet,
    vs: &[View],
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    let h = table_sheet_start(
        ws,
        "Exceptions",
        &format!("Focus 2 Exceptions {month}: actions rated Amber, Red or On hold"),
        f,
        title,
        month,
    )?;
    let cols = [
        ("Theme", 20.0),
        ("Action Ref", 11.0),
        ("Action", 40.0),
        ("Owner", 20.0),
        ("RAG", 11.0),
        ("Due date", 13.0),
        ("Change control date", 16.0),
        ("Progress commentary", 60.0),
        ("Source", 30.0),
    ];
    table_header(ws, h, &cols, &[1], &[], f)?;
    let mut ex: Vec<&View> = vs
        .iter()
        .filter(|v| v.merged.rag.is_some_and(|r| r.is_exception()))
        .collect();
    ex.sort_by_key(|v| (v.theme(), v.action.id.value.clone()));
    let mut row = h + 1;
    for v in &ex {
        let rag = v.merged.rag.unwrap_or(Rag::Amber);
        let cc = if v.merged.change_control {
            v.merged
                .revised
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let progress = v.progress().unwrap_or("");
        let source = v
            .row
            .map(|r| {
                r.progress
                    .as_ref()
                    .map(|p| p.source.to_string())
                    .unwrap_or_else(|| r.source().to_string())
            })
            .unwrap_or_else(|| "master plan (not reported)".into());
        let texts = [
            v.theme().map(|t| t.name()).unwrap_or(""),
            v.action.id.value.as_str(),
            v.action.title_text(),
            v.action.directorate_text(),
            rag.label(),
            &v.due_text(),
            &cc,
            progress,
            &source,
        ];
        for (c, t) in texts.iter().enumerate() {
            if c == 4 {
                ws.write_string_with_format(row, 4, *t, &f.rag[&rag])?;
            } else {
                ws.write_string(row, c as u16, clip_cell(t))?;
            }
        }
        ws.set_row_height(
            row,
            row_height(&[
                (v.action.title_text(), 40.0),
                (progress, 60.0),
                (&source, 30.0),
            ]),
        )?;
        row += 1;
    }
    table_sheet_end(
        ws,
        h,
        row,
        cols.len(),
        (ex.is_empty()).then_some("No exceptions this month"),
    )?;
    Ok(())
}

fn slippage_log(
    ws: &mut Worksheet,
    report: &Report,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    let h = table_sheet_start(
        ws,
        "Slippage log",
        &format!("Slippage log {month}: actions whose revised date is later than the master plan"),
        f,
        title,
        month,
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
    let mut slips: Vec<_> = report.slippage.iter().collect();
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
        (report.slippage.is_empty()).then_some("No slippage this month"),
    )?;
    Ok(())
}

fn findings_sheet(
    ws: &mut Worksheet,
    report: &Report,
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    let h = table_sheet_start(
        ws,
        "Reconciliation",
        &format!(
            "Reconciliation findings {month}: returns checked against the master plan and each other"
        ),
        f,
        title,
        month,
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
        ws.write_string(row, 2, x.rule)?;
        ws.write_string(row, 3, x.directorate.as_deref().unwrap_or(""))?;
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

/// A date as Excel's serial day number (the 1900 date system).
fn excel_serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days() as f64
}

/// Up to this many actions the register is sized for print (a row height per row); beyond,
/// it is a data sheet and heights are left to the spreadsheet application: at 100,000 rows
/// the heights alone cost rust_xlsxwriter about 40 MB.
const REGISTER_PRINT_ROWS: usize = 5_000;

fn register(
    ws: &mut Worksheet,
    vs: &[View],
    f: &Formats,
    title: &str,
    month: &str,
) -> Result<(), XlsxError> {
    ws.set_name(REGISTER_SHEET)?;
    ws.write_string_with_format(0, 0, format!("Month: {month}"), &f.title)?;
    let h = 1;
    print_setup(ws, title, REGISTER_SHEET, month, Some(h))?;
    let widths = [
        11.0, 20.0, 9.0, 40.0, 22.0, 13.0, 11.0, 14.0, 12.0, 12.0, 30.0, 50.0, 36.0, 24.0,
    ];
    let cols: Vec<(&str, f64)> = REGISTER_HEADERS.iter().copied().zip(widths).collect();
    table_header(ws, h, &cols, &[0], &[], f)?;
    // Revised start and end are dates by column format, so no per-cell format lookup.
    ws.set_column_format(8, &f.date)?;
    ws.set_column_format(9, &f.date)?;
    let mut row = h + 1;
    for v in vs {
        let rag = v.merged.rag;
        let a = v.action;
        // Borrowed where possible, and empty cells not written: at 100,000 actions this
        // sheet is 1.4 million cells.
        let reported_by = v.reported_by.join(", ");
        let texts: [&str; 14] = [
            a.id.value.as_str(),
            v.theme().map(|t| t.name()).unwrap_or(""),
            a.recommendation
                .as_ref()
                .map(|r| r.value.as_str())
                .unwrap_or(""),
            a.title_text(),
            a.directorate_text(),
            a.due.as_ref().map(|d| d.value.text.as_str()).unwrap_or(""),
            rag.map(|r| r.label()).unwrap_or(""),
            v.merged
                .revised
                .as_ref()
                .map(|d| d.text.as_str())
                .unwrap_or(""),
            "",
            "",
            v.merged.change_control_text.as_deref().unwrap_or(""),
            v.progress().unwrap_or(""),
            v.text_of(|r| &r.achievements).unwrap_or(""),
            &reported_by,
        ];
        for (c, t) in texts.iter().enumerate() {
            match (c, rag) {
                (6, Some(r)) => ws.write_string_with_format(row, 6, *t, &f.rag[&r])?,
                _ if t.is_empty() => ws,
                _ => ws.write_string(row, c as u16, clip_cell(t))?,
            };
        }
        if let Some(d) = &v.merged.revised
            && let (Some(s), Some(e)) = (d.start(), d.end())
        {
            ws.write_number(row, 8, excel_serial(s))?;
            ws.write_number(row, 9, excel_serial(e))?;
        }
        if vs.len() <= REGISTER_PRINT_ROWS {
            ws.set_row_height(
                row,
                row_height(&[
                    (a.title_text(), 40.0),
                    (v.progress().unwrap_or(""), 50.0),
                    (texts[12], 36.0),
                ])
                .min(120.0),
            )?;
        }
        row += 1;
    }
    ws.autofilter(
        h,
        0,
        row.saturating_sub(1).max(h),
        REGISTER_HEADERS.len() as u16 - 1,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_match_excel() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(excel_serial(d(2023, 7, 31)), 45138.0);
        assert_eq!(excel_serial(d(1900, 3, 1)), 61.0);
        assert_eq!(excel_serial(d(2024, 2, 29)), 45351.0);
    }

    #[test]
    fn long_text_is_clipped_to_the_cell_limit() {
        let long = "x".repeat(40_000);
        let c = clip_cell(&long);
        assert!(c.chars().count() <= MAX_CELL_CHARS);
        assert!(c.ends_with("[truncated: the full text is in the return]"));
        assert_eq!(clip_cell("short"), "short");
    }

    #[test]
    fn row_heights_grow_with_text_and_stop_at_excel_limit() {
        let one = row_height(&[("short", 40.0)]);
        let many = row_height(&[(&"word ".repeat(100), 40.0)]);
        assert!(many > one);
        assert_eq!(
            row_height(&[(&"word ".repeat(10_000), 40.0)]),
            MAX_ROW_HEIGHT
        );
    }

    #[test]
    fn header_footer_ampersands_are_escaped() {
        assert_eq!(
            hf_escape("Procurement & Commercial"),
            "Procurement && Commercial"
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.xlsx");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let bad = dir.path().join("no-such-dir").join("x.xlsx");
        let err = write_atomically(&bad, b"x").unwrap_err().to_string();
        assert!(err.contains("no-such-dir"), "{err}");
    }
}
