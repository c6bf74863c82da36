//! The Cabinet appendix: one file per sheet, listed in `SHEETS` in workbook order.
//!
//! Every sheet is set up for print: A4 landscape, one page wide, header rows repeated, page
//! header with title and month, footer "Page x of y". Text is always written as text,
//! never as a formula. The same inputs give a byte-identical file.
//!
//! | sheet | file |
//! |---|---|
//! | Dashboard | `dashboard.rs` |
//! | Theme Progress Summary | `themes.rs` (narrative blocks in `blocks.rs`) |
//! | Statutory Recommendations | `recommendations.rs` |
//! | Exceptions | `exceptions.rs` |
//! | Slippage log | `slippage.rs` |
//! | All actions | `register.rs` (read back next month by `--previous`) |
//!
//! The officer's checks workbook ([`Book::Checks`], `reconcile -o checks.xlsx`) holds what
//! Cabinet does not read: Reconciliation (`findings.rs`) and the same All actions register.

mod blocks;
mod dashboard;
mod exceptions;
mod findings;
pub mod narrative;
mod recommendations;
mod register;
mod slippage;
mod tables;
mod themes;
mod view;

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::style::Formats;
use super::{WriteError, write_atomically_with};
use crate::columns::RatingKey;
use crate::load::Loaded;
use crate::model::register::Previous;
use crate::model::{Labels, MasterPlan, ThemeId, Themes};
use crate::reconcile::{self, Finding, Report};
use crate::status::MonthStatus;
use crate::timing::Timings;
use view::View;

pub use crate::model::register::REGISTER_SHEET;
pub use crate::model::register::{
    DASHBOARD, EXCEPTIONS, FINDINGS, RECOMMENDATIONS, SLIPPAGE, THEMES,
};

/// At most this many bullets per section of a theme or recommendation block.
pub use blocks::MAX_ITEMS;

/// Options for the appendix.
#[derive(Debug, Clone, Default)]
pub struct AppendixOptions {
    /// Title on the sheets' page header and headings.
    pub title: String,
    /// The officers' narrative for the month, in place of the generated draft.
    pub narrative: Option<crate::model::narrative::Narrative>,
}

/// What every sheet builder reads.
pub struct SheetCx<'a> {
    /// Every action of the master, in master order.
    pub views: &'a [View<'a>],
    /// The master plan: its themes, labels and recommendations.
    pub master: &'a MasterPlan,
    /// Last month's register, with `--previous`.
    pub previous: Option<&'a Previous>,
    /// What each rating means, for the Dashboard's key.
    pub key: &'a RatingKey,
    /// The month's status: what every Cabinet sheet shows.
    pub status: &'a MonthStatus,
    /// The rules' findings: only the checks workbook shows them.
    pub findings: &'a [Finding],
    pub f: &'a Formats,
    pub title: &'a str,
    /// The report month as Cabinet writes it: "July 2023".
    pub month: &'a str,
    /// The officers' narrative, where they wrote one.
    pub narrative: Option<&'a crate::model::narrative::Narrative>,
}

/// How rust_xlsxwriter keeps a sheet while it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Memory {
    /// In memory, cells in any order (merged ranges, charts).
    Normal,
    /// Row by row to a temporary file, inline strings: big tables built in order.
    Constant,
    /// Row by row, shared strings: text that repeats.
    Low,
}

impl SheetCx<'_> {
    /// A theme's name; empty for none.
    pub fn theme_name(&self, t: Option<ThemeId>) -> &str {
        t.map(|t| self.themes().name(t)).unwrap_or("")
    }

    /// The plan's themes, in order.
    pub fn themes(&self) -> &Themes {
        &self.master.themes
    }

    /// What the council calls its themes and recommendations.
    pub fn labels(&self) -> &Labels {
        &self.master.labels
    }
}

/// A sheet's name: fixed, or made from what the council calls its themes and
/// recommendations.
#[derive(Debug, Clone, Copy)]
enum Name {
    Fixed(&'static str),
    Themes,
    Recommendations,
}

impl Name {
    fn resolve(self, labels: &Labels) -> String {
        match self {
            Name::Fixed(n) => n.to_string(),
            Name::Themes => themes_sheet(labels),
            Name::Recommendations => recommendations_sheet(labels),
        }
    }
}

/// The Theme Progress Summary's name: "Theme Progress Summary", "Priority Progress Summary".
pub fn themes_sheet(labels: &Labels) -> String {
    sheet_name(&format!("{} Progress Summary", labels.theme))
}

/// The recommendations sheet's name: "Statutory Recommendations", "Directions".
pub fn recommendations_sheet(labels: &Labels) -> String {
    sheet_name(&labels.recommendations())
}

/// Excel's longest sheet name, in characters.
const SHEET_NAME_MAX: usize = 31;

/// A valid sheet name: no `[]:*?/\`, at most 31 characters, cut after a whole word
/// ("Strategic Improvement Priority Progress Summary" is "Strategic Improvement Priority",
/// not "... Priority Progr"); a single word longer than that is cut where it must be.
fn sheet_name(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    if clean.chars().count() <= SHEET_NAME_MAX {
        return clean.to_string();
    }
    let mut name = String::new();
    for word in clean.split_whitespace() {
        let longer = name.chars().count() + usize::from(!name.is_empty()) + word.chars().count();
        if longer > SHEET_NAME_MAX {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if name.is_empty() {
        name = clean.chars().take(SHEET_NAME_MAX).collect();
    }
    name.trim_end_matches(['-', ',', '&', ' ']).to_string()
}

/// One sheet of the appendix.
struct Sheet {
    name: Name,
    memory: Memory,
    /// How much work the sheet is, roughly: the heaviest are started first.
    weight: u8,
    /// The sheet's phase in the timings.
    phase: &'static str,
    build: fn(&mut Worksheet, &SheetCx) -> Result<(), XlsxError>,
}

/// The sheets, in workbook order.
const SHEETS: [Sheet; 6] = [
    Sheet {
        name: Name::Fixed(DASHBOARD),
        memory: Memory::Normal,
        weight: 2,
        phase: "dashboard",
        build: dashboard::build,
    },
    Sheet {
        name: Name::Themes,
        memory: Memory::Normal,
        weight: 5,
        phase: "themes",
        build: themes::build,
    },
    Sheet {
        name: Name::Recommendations,
        memory: Memory::Normal,
        weight: 4,
        phase: "recommendations",
        build: recommendations::build,
    },
    Sheet {
        name: Name::Fixed(EXCEPTIONS),
        memory: Memory::Constant,
        weight: 6,
        phase: "exceptions",
        build: exceptions::build,
    },
    // Inline strings: only the register may use the shared string table, or two threads
    // would fill it in an order that changes from run to run.
    Sheet {
        name: Name::Fixed(SLIPPAGE),
        memory: Memory::Constant,
        weight: 3,
        phase: "slippage",
        build: slippage::build,
    },
    // The register repeats theme, owner, RAG and much commentary: shared strings halve its
    // XML (74 to 39 MB at 100,000 rows), so saving is faster. The other big sheets keep
    // inline strings: the shared string table is locked, and two threads filling it at
    // once were slower than either alone.
    Sheet {
        name: Name::Fixed(REGISTER_SHEET),
        memory: Memory::Low,
        weight: 9,
        phase: "register",
        build: register::build,
    },
];

/// The sheets of the officer's checks workbook: what Cabinet does not read.
const CHECKS: [Sheet; 2] = [
    Sheet {
        name: Name::Fixed(FINDINGS),
        memory: Memory::Constant,
        weight: 6,
        phase: "findings",
        build: findings::build,
    },
    Sheet {
        name: Name::Fixed(REGISTER_SHEET),
        memory: Memory::Low,
        weight: 9,
        phase: "register",
        build: register::build,
    },
];

/// Which workbook to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// The Cabinet appendix: the pages Cabinet reads, and the register.
    Appendix,
    /// The policy officer's checks: the reconciliation findings and the register.
    Checks,
}

impl Book {
    fn sheets(self) -> &'static [Sheet] {
        match self {
            Book::Appendix => &SHEETS,
            Book::Checks => &CHECKS,
        }
    }
}

/// The names of the checks workbook's sheets, in workbook order.
pub fn checks_sheet_names() -> Vec<String> {
    CHECKS
        .iter()
        .map(|s| s.name.resolve(&Labels::default()))
        .collect()
}

/// The names of the appendix's sheets, in workbook order, for a plan with these labels.
pub fn sheet_names(labels: &Labels) -> Vec<String> {
    SHEETS.iter().map(|s| s.name.resolve(labels)).collect()
}

/// What writing a month's appendix found: the month's status, and how many findings the
/// rules gave (`reconcile` lists them).
#[derive(Debug)]
pub struct Written {
    pub status: MonthStatus,
    pub findings: reconcile::Counts,
}

/// Reconcile the month and write its appendix to `path`. The Cabinet sheets show the
/// month's status, not the rules' findings, so the rules run beside the writing once the
/// status is known, and their findings are only counted. The appendix is the same as
/// [`build_book`] then [`save`] after [`reconcile::reconcile`]; so are the counts.
///
/// The month's data is taken, not borrowed: once every sheet is built it is freed while the
/// workbook is saved, so that the save's buffers (the shared strings' XML) do not come on
/// top of it.
pub fn reconcile_and_write(
    loaded: Loaded,
    opts: &AppendixOptions,
    path: &Path,
    timings: &Timings,
) -> Result<(Written, Workbook), WriteError> {
    let t = Instant::now();
    let (status, findings, built) = {
        let month = loaded.month();
        let status = timings.time("status", || crate::status::compute(&month));
        let (findings, built) = rayon::join(
            || timings.time("rules", || reconcile::count_findings(&month, &status)),
            || build_with(Book::Appendix, &loaded, &status, &[], opts, timings),
        );
        (status, findings, built)
    };
    let mut wb = built?;
    let ((), saved) = rayon::join(|| drop(loaded), || save(&mut wb, path, timings));
    saved?;
    timings.done("write", t);
    Ok((Written { status, findings }, wb))
}

/// Build the appendix or the checks workbook, every sheet written, ready to save.
pub fn build_book(
    book: Book,
    loaded: &Loaded,
    report: &Report,
    opts: &AppendixOptions,
    timings: &Timings,
) -> Result<Workbook, WriteError> {
    build_with(
        book,
        loaded,
        &report.status,
        &report.findings,
        opts,
        timings,
    )
}

/// [`build_book`] from the month's status and findings.
fn build_with(
    book: Book,
    loaded: &Loaded,
    status: &MonthStatus,
    findings: &[Finding],
    opts: &AppendixOptions,
    timings: &Timings,
) -> Result<Workbook, WriteError> {
    // A plan with no statutory recommendations (or directions) has no sheet of them.
    let no_recommendations = loaded.master.recommendations.is_empty()
        && loaded
            .master
            .actions
            .iter()
            .all(|a| a.recommendation.is_none());
    let sheets: Vec<&Sheet> = book
        .sheets()
        .iter()
        .filter(|s| !(no_recommendations && matches!(s.name, Name::Recommendations)))
        .collect();
    let month = crate::model::YearMonth::of(loaded.ctx.report_month).to_string();
    let f = Formats::new();
    let mut wb = Workbook::new();
    for format in f.all() {
        wb.register_format(format);
    }
    wb.set_properties(&crate::write::properties(
        match book {
            Book::Appendix => format!("{} appendix {month}", opts.title),
            Book::Checks => format!("{} checks {month}", opts.title),
        },
        loaded.ctx.report_month,
    ));
    // Level 1: the XML compresses almost as well and saving is several times faster.
    wb.set_zip_compression_level(1);
    let t = Instant::now();
    let data = loaded.month();
    let views = timings.time("views", || crate::status::views(&data, status));
    for s in &sheets {
        let ws = match s.memory {
            Memory::Normal => wb.add_worksheet(),
            Memory::Constant => wb.add_worksheet_with_constant_memory()?,
            Memory::Low => wb.add_worksheet_with_low_memory()?,
        };
        ws.set_name(s.name.resolve(&loaded.master.labels))?;
    }
    let cx = SheetCx {
        views: &views,
        master: &loaded.master,
        previous: loaded.previous.as_ref(),
        key: &loaded.key,
        status,
        findings,
        f: &f,
        title: &opts.title,
        month: &month,
        narrative: opts.narrative.as_ref(),
    };
    // Every sheet is a task of its own. Each core, as it frees up (from a sheet, or from the
    // rules beside them), takes the heaviest sheet not yet started: the last of the queue.
    let mut tasks: Vec<(&mut Worksheet, &Sheet)> = wb
        .worksheets_mut()
        .iter_mut()
        .zip(sheets.iter().copied())
        .collect();
    tasks.sort_by_key(|(_, s)| s.weight);
    let workers = rayon::current_num_threads().min(tasks.len()).max(1);
    let queue = std::sync::Mutex::new(tasks);
    let worker = || -> Result<(), XlsxError> {
        while let Some((ws, s)) = queue.lock().ok().and_then(|mut q| q.pop()) {
            let t = Instant::now();
            (s.build)(ws, &cx)?;
            timings.done(s.phase, t);
        }
        Ok(())
    };
    (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .try_for_each(|_| worker())?;
    timings.done("sheets", t);
    Ok(wb)
}

/// Save the workbook to `path` atomically (a temporary file beside it, then a rename).
pub fn save(wb: &mut Workbook, path: &Path, timings: &Timings) -> Result<(), WriteError> {
    let t = Instant::now();
    // Straight to the file: a 100,000-action appendix is 14 MB, not worth holding twice.
    write_atomically_with(path, |f| {
        wb.save_to_writer(std::io::BufWriter::new(f))?;
        Ok(())
    })?;
    timings.done("save", t);
    Ok(())
}

/// Build the appendix or the checks workbook in memory.
pub fn bytes(
    book: Book,
    loaded: &Loaded,
    report: &Report,
    opts: &AppendixOptions,
) -> Result<Vec<u8>, WriteError> {
    Ok(build_book(book, loaded, report, opts, &Timings::off())?.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel_and_are_cut_after_a_whole_word() {
        assert_eq!(
            sheet_name("Theme Progress Summary"),
            "Theme Progress Summary"
        );
        assert_eq!(
            sheet_name("Strategic Improvement Priority Progress Summary"),
            "Strategic Improvement Priority"
        );
        assert_eq!(
            sheet_name("Directions: Secretary of State"),
            "Directions Secretary of State"
        );
        // Words that end on a joining word or mark lose it.
        assert_eq!(
            sheet_name("Governance, Culture & Leadership Progress Summary"),
            "Governance, Culture"
        );
        let long = "Transformationandimprovementprogramme";
        assert_eq!(sheet_name(long).chars().count(), SHEET_NAME_MAX);
        for n in [sheet_name(long), sheet_name("'Quoted' Progress Summary")] {
            assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        }
    }

    #[test]
    fn the_cabinet_sheets_of_prose_print_their_columns_on_one_page() {
        assert!(crate::write::page::fits_width(&themes::WIDTHS));
        assert!(crate::write::page::fits_width(&recommendations::WIDTHS));
    }

    #[test]
    fn only_the_register_fills_the_shared_string_table_while_other_sheets_build() {
        // Sheets kept row by row with shared strings add to one table as they are written;
        // two of them built on two threads would number the strings differently each run.
        let labels = Labels::default();
        let low: Vec<String> = SHEETS
            .iter()
            .chain(&CHECKS)
            .filter(|s| s.memory == Memory::Low)
            .map(|s| s.name.resolve(&labels))
            .collect();
        assert!(low.iter().all(|n| n == REGISTER_SHEET));
        // One such sheet per workbook: the appendix's and the checks workbook's register.
        assert_eq!(low.len(), 2);
    }

    #[test]
    fn sheet_names_are_distinct_and_fit_excel() {
        let councils = [
            Labels::default(),
            Labels {
                theme: "Priority".into(),
                recommendation: "Direction".into(),
                ..Labels::default()
            },
            Labels {
                theme: "Workstream: People & Places / Growth".into(),
                recommendation: "Recommendation of the Best Value Inspection Team".into(),
                ..Labels::default()
            },
        ];
        for labels in councils {
            let mut names = sheet_names(&labels);
            assert!(
                names
                    .iter()
                    .all(|n| n.chars().count() <= 31 && !n.contains([':', '/']))
            );
            names.sort();
            names.dedup();
            assert_eq!(names.len(), SHEETS.len(), "{labels:?}");
        }
        let d = sheet_names(&Labels::default());
        assert_eq!(d[1], THEMES);
        assert_eq!(d[2], RECOMMENDATIONS);
        assert_eq!(
            themes_sheet(&Labels {
                theme: "Priority".into(),
                recommendation: "Direction".into(),
                ..Labels::default()
            }),
            "Priority Progress Summary"
        );
    }
}
