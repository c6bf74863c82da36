//! The command line: subcommands, their options, and the report month parser.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use plan_recon::model::TableKind;

const AFTER_HELP: &str = "\
Exit codes: 0 success; 1 findings at or above --fail-on; 2 bad arguments;
            3 an input could not be read; 4 the output could not be written.

Examples:
  plan-recon read samples/returns/finance-and-transformation.xlsx
  plan-recon reconcile --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07
  plan-recon appendix --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07 -o appendix.xlsx
  plan-recon template --plan samples/master-plan.xlsx --directorate Housing -o housing-return.xlsx";

#[derive(Debug, Parser)]
#[command(name = "plan-recon", version, about = "Merge and check Improvement Plan returns against the master plan, and write the Cabinet appendix.", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how a workbook was understood: sheet, header row, mapped columns, rows and notes.
    #[command(
        after_help = "Examples:\n  plan-recon read samples/master-plan.xlsx --as master\n  plan-recon read samples/returns/borough-economy.xlsx --rows 5\n  plan-recon read my-tracker.xlsx --map my-headers.toml"
    )]
    Read(ReadArgs),
    /// Merge the month's returns, check them against the master plan and each other, report findings.
    #[command(
        after_help = "Examples:\n  plan-recon reconcile --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07\n  plan-recon reconcile --plan plan.xlsx --returns returns/ --month 2023-08 --previous appendix-2023-07.xlsx --json > findings.json\n  plan-recon reconcile ... --fail-on warning   # exit 1 on any warning (for automation)"
    )]
    Reconcile(ReconcileArgs),
    /// Write the formatted Cabinet appendix workbook for the month.
    #[command(
        after_help = "Examples:\n  plan-recon appendix --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07 -o appendix-2023-07.xlsx\n  plan-recon appendix ... --previous appendix-2023-06.xlsx -o appendix-2023-07.xlsx --force\n  plan-recon appendix ... --narrative narrative.xlsx --title \"Appendix 3 - Improvement Plan\" --pdf -o appendix.xlsx"
    )]
    Appendix(AppendixArgs),
    /// Write the blank monthly return for one directorate (or, with --all, for every
    /// directorate), pre-filled with its actions.
    #[command(
        after_help = "Examples:\n  plan-recon template --plan samples/master-plan.xlsx --directorate Housing -o housing-return.xlsx\n  plan-recon template --plan plan.xlsx --directorate \"Borough Economy\" --month 2023-08 -o be.xlsx\n  plan-recon template --plan plan.xlsx --all --month 2023-08 --previous appendix-2023-07.xlsx -o returns-2023-08/"
    )]
    Template(TemplateArgs),
    /// Write the officers' narrative form for the appendix: per theme and recommendation, the
    /// generated draft of Summary, Progress this month, Next steps and Issues raised, for
    /// officers to rewrite and pass to `appendix --narrative`.
    #[command(
        after_help = "Examples:\n  plan-recon narrative --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07 -o narrative.xlsx\n  plan-recon appendix ... --narrative narrative.xlsx -o appendix.xlsx"
    )]
    Narrative(NarrativeArgs),
    /// Write the chase packs: for each directorate with something to fix, a workbook of its
    /// findings (errors first, each with its cell) and a message to paste into an email;
    /// the actions owed by directorates that sent no return.
    #[command(
        after_help = "Examples:\n  plan-recon chase --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07 -o chase/\n  plan-recon chase ... --previous appendix-2023-06.xlsx -o chase-2023-07/"
    )]
    Chase(ChaseArgs),
    /// Print a starting column map for your own tracker: its headers added to the fields
    /// they mean, and the unclear ones listed to assign.
    #[command(
        after_help = "Examples:\n  plan-recon map our-tracker.xlsx > my-map.toml\n  plan-recon map our-plan.xlsx --as master --map my-map.toml > my-map-2.toml\n  plan-recon reconcile --map my-map.toml ..."
    )]
    Map(MapArgs),
    /// Explain a finding's rule: what it checks, why, and what to do (`plan-recon explain D01`).
    #[command(
        after_help = "Examples:\n  plan-recon explain D01\n  plan-recon explain slipped-no-change-control\n  plan-recon explain all"
    )]
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct MapArg {
    /// Your own column map (TOML, start from templates/default.toml); default: the built-in map.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
}

/// `--as master` or `--as return`: the library's [`TableKind`] as clap reads it.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Kind {
    Master,
    Return,
}

impl From<Kind> for TableKind {
    fn from(k: Kind) -> TableKind {
        match k {
            Kind::Master => TableKind::Master,
            Kind::Return => TableKind::Return,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The workbook to read (.xlsx, .xlsm, .xls, .ods).
    pub file: PathBuf,
    /// Read it as a master plan or as a directorate return.
    #[arg(long = "as", value_enum, default_value = "return")]
    pub kind: Kind,
    /// Report month (2023-07, July 2023, Jul-23, 07/2023 ...), used to place dates written without a year.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<NaiveDate>,
    /// How many rows to print (0 for all).
    #[arg(long, default_value_t = 10)]
    pub rows: usize,
    #[command(flatten)]
    pub map: MapArg,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule's code (D01) or name (slipped-no-change-control), or `all`.
    pub code: String,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// The tracker (a return or the master plan) whose headers to map.
    pub file: PathBuf,
    /// Map it as a master plan or as a directorate return.
    #[arg(long = "as", value_enum, default_value = "return")]
    pub kind: Kind,
    /// Start from this map instead of the built-in one.
    #[command(flatten)]
    pub map: MapArg,
}

#[derive(Debug, Args)]
pub struct Inputs {
    /// The master Improvement Plan workbook.
    #[arg(long, value_name = "FILE")]
    pub plan: PathBuf,
    /// A folder of directorate returns, or return files (repeat --returns for several).
    #[arg(long, value_name = "DIR|FILE", required = true, num_args = 1..)]
    pub returns: Vec<PathBuf>,
    /// The report month: 2023-07, July 2023, Jul-23, 07/2023, 07/23 (two-digit years are 20xx).
    #[arg(long, value_parser = parse_month)]
    pub month: NaiveDate,
    /// Last month's appendix written by this tool, for RAG movement and new slippage.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    #[command(flatten)]
    pub map: MapArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Print findings as JSON (for automation) instead of the readable report.
    #[arg(long)]
    pub json: bool,
    /// Exit with code 1 when there are findings at or above this severity.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Colour in the terminal report: auto (when a terminal and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Also write the officer's checks workbook (.xlsx): every finding with its source
    /// cells, by directorate, and the All actions register.
    #[arg(short, long, value_name = "FILE", value_parser = xlsx_path)]
    pub output: Option<PathBuf>,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    /// Title on the checks workbook's page header.
    #[arg(long, default_value = "Improvement Plan")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct ChaseArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// The folder for the packs (created if need be).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Overwrite packs that exist and were not written by plan-recon.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct AppendixArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Where to write the appendix (.xlsx).
    #[arg(short, long, value_name = "FILE", value_parser = xlsx_path)]
    pub output: PathBuf,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    /// Title on the appendix sheets' page header and in their headings, e.g.
    /// "Appendix 3 - Improvement Plan".
    #[arg(long, default_value = "Improvement Plan")]
    pub title: String,
    /// The officers' narrative for the month (written by `plan-recon narrative`, then
    /// edited): printed in place of the generated Summary of each theme and recommendation.
    #[arg(long, value_name = "FILE")]
    pub narrative: Option<PathBuf>,
    /// Also write the appendix as PDF (same name, .pdf) through LibreOffice.
    #[arg(long)]
    pub pdf: bool,
}

#[derive(Debug, Args)]
pub struct NarrativeArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Where to write the narrative form (.xlsx).
    #[arg(short, long, value_name = "FILE", value_parser = xlsx_path)]
    pub output: PathBuf,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The master Improvement Plan workbook.
    #[arg(long, value_name = "FILE")]
    pub plan: PathBuf,
    /// The directorate whose actions are pre-filled (as written in the master's Directorate column).
    #[arg(
        long,
        required_unless_present_any = ["narrative", "all"],
        conflicts_with_all = ["narrative", "all"]
    )]
    pub directorate: Option<String>,
    /// Write one return for every directorate of the master plan into the folder -o DIR,
    /// each named from its directorate (finance-and-transformation.xlsx).
    #[arg(long, conflicts_with = "narrative")]
    pub all: bool,
    /// Last month's appendix (or checks workbook): each return is pre-filled with what its
    /// directorate reported then (rating, revised date, change control), with last month's
    /// commentary read-only beside an empty "Progress this month".
    #[arg(long, value_name = "FILE", conflicts_with = "narrative")]
    pub previous: Option<PathBuf>,
    /// Deprecated: use `plan-recon narrative` (same options). Writes the narrative form
    /// instead of a return; needs --returns and --month.
    #[arg(long, requires_all = ["returns", "month"])]
    pub narrative: bool,
    /// The month's returns (folder or files), for the narrative form's draft.
    #[arg(long, value_name = "DIR|FILE", num_args = 1.., requires = "narrative")]
    pub returns: Vec<PathBuf>,
    /// The month the return is for (shown on the return); default: this month.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<NaiveDate>,
    /// Where to write the return (.xlsx), or with --all the folder for the returns.
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: PathBuf,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub map: MapArg,
}

/// An output path: it must end in `.xlsx`, the only format written.
pub fn xlsx_path(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Ok(p),
        _ => Err(format!(
            "{s:?} does not end in .xlsx; plan-recon writes Excel workbooks only (print one to PDF from Excel or LibreOffice)"
        )),
    }
}

/// The forms `--month` accepts, for its error message.
const MONTH_FORMS: &str = "2023-07, 2023-7, July 2023, Jul 2023, Jul-23, Jul 23, 07/2023, 7/2023 or 07/23 (two-digit years are 20xx)";

/// Parse a report month: `2023-07`, `2023-7`, `July 2023`, `Jul 2023`, `Jul-23`, `Jul 23`,
/// `07/2023`, `7/2023`, `07/23`. Two-digit years are 20xx; a year outside 2000-2099 is
/// refused, never taken as year 23.
pub fn parse_month(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let bad = || format!("{s:?} is not a month; write it as {MONTH_FORMS}");
    let year = |y: &str| -> Option<i32> {
        let n: i32 = y.parse().ok()?;
        match y.len() {
            2 => Some(2000 + n),
            4 if (2000..=2099).contains(&n) => Some(n),
            _ => None,
        }
    };
    let parts: Vec<&str> = t
        .split(|c: char| c == '-' || c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m) = match parts.as_slice() {
        // 2023-07, 2023-7
        [y, m] if y.len() == 4 && t.contains('-') && m.chars().all(|c| c.is_ascii_digit()) => {
            (year(y), m.parse::<u32>().ok())
        }
        // 07/2023, 7/2023, 07/23
        [m, y] if t.contains('/') && m.chars().all(|c| c.is_ascii_digit()) && m.len() <= 2 => {
            (year(y), m.parse::<u32>().ok())
        }
        // July 2023, Jul-23, Jul 23
        [name, y] => (year(y), month_number(name)),
        _ => (None, None),
    };
    let (Some(y), Some(m)) = (y, m) else {
        return Err(bad());
    };
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let n = name.trim_end_matches('.').to_lowercase();
    if n.len() < 3 {
        return None;
    }
    let n = if n == "sept" { "sep".to_string() } else { n };
    MONTHS
        .iter()
        .position(|m| m.starts_with(&n) && (n.len() == 3 || *m == n))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_month_form_is_july_2023() {
        let july = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        for s in [
            "2023-07",
            "2023-7",
            "July 2023",
            "Jul 2023",
            "Jul-23",
            "Jul 23",
            "07/2023",
            "7/2023",
            "07/23",
            " july 2023 ",
            "JUL-2023",
        ] {
            assert_eq!(parse_month(s), Ok(july), "{s:?}");
        }
        assert_eq!(
            parse_month("Sept 24"),
            Ok(NaiveDate::from_ymd_opt(2024, 9, 1).unwrap())
        );
    }

    #[test]
    fn years_outside_this_century_and_non_months_are_refused() {
        for s in [
            "12/99x",
            "0023-07",
            "1999-07",
            "2100-01",
            "07/1923",
            "Julember 2023",
            "2023-13",
            "13/2023",
            "July",
            "2023",
            "",
            "Ju 2023",
            "7/2023/1",
        ] {
            let e = parse_month(s).expect_err(s);
            assert!(e.contains("2023-07, 2023-7, July 2023"), "{s:?}: {e}");
        }
        // 12/99 is December 2099: two-digit years are 20xx.
        assert_eq!(
            parse_month("12/99"),
            Ok(NaiveDate::from_ymd_opt(2099, 12, 1).unwrap())
        );
    }
}
