//! Command-line interface: parse arguments, call the library, print, choose the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::columns::ColumnMap;
use crate::dates::{DateContext, PlanDate};
use crate::read::{self, DirectorateReturn, MasterPlan};
use crate::reconcile::{self, Severity};

/// Exit codes, documented in README and `--help`.
pub mod exit {
    /// Success: no findings at or above the --fail-on level.
    pub const OK: u8 = 0;
    /// Findings at or above the --fail-on level (default: error).
    pub const FINDINGS: u8 = 1;
    /// Bad arguments (clap's own exit code).
    pub const USAGE: u8 = 2;
    /// An input could not be read (master plan, column map, previous appendix).
    pub const INPUT: u8 = 3;
    /// The output could not be written.
    pub const OUTPUT: u8 = 4;
}

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
        after_help = "Examples:\n  plan-recon appendix --plan samples/master-plan.xlsx --returns samples/returns --month 2023-07 -o appendix-2023-07.xlsx\n  plan-recon appendix ... --previous appendix-2023-06.xlsx -o appendix-2023-07.xlsx --force"
    )]
    Appendix(AppendixArgs),
    /// Write the blank monthly return for one directorate, pre-filled with its actions.
    #[command(
        after_help = "Examples:\n  plan-recon template --plan samples/master-plan.xlsx --directorate Housing -o housing-return.xlsx\n  plan-recon template --plan plan.xlsx --directorate \"Borough Economy\" --month 2023-08 -o be.xlsx"
    )]
    Template(TemplateArgs),
    /// Write the bundled sample data (master plan, returns with planted faults), or benchmark data.
    #[command(
        after_help = "Examples:\n  plan-recon samples samples/\n  plan-recon samples /tmp/bench --scale 600:40"
    )]
    Samples(SamplesArgs),
}

#[derive(Debug, Args)]
pub struct MapArg {
    /// Your own column map (TOML, start from templates/default.toml); default: the built-in map.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Kind {
    Master,
    Return,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The workbook to read (.xlsx, .xlsm, .xls, .ods).
    pub file: PathBuf,
    /// Read it as a master plan or as a directorate return.
    #[arg(long = "as", value_enum, default_value = "return")]
    pub kind: Kind,
    /// Report month (YYYY-MM or "July 2023"), used to place dates written without a year.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<NaiveDate>,
    /// How many rows to print (0 for all).
    #[arg(long, default_value_t = 10)]
    pub rows: usize,
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
    /// The report month: YYYY-MM or "July 2023".
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
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    /// Title on the appendix sheets' page header.
    #[arg(long, default_value = "Improvement Plan")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The master Improvement Plan workbook.
    #[arg(long, value_name = "FILE")]
    pub plan: PathBuf,
    /// The directorate whose actions are pre-filled (as written in the master's Directorate column).
    #[arg(long)]
    pub directorate: String,
    /// The month the return is for (shown on the return); default: this month.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<NaiveDate>,
    /// Where to write the return (.xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub map: MapArg,
}

#[derive(Debug, Args)]
pub struct SamplesArgs {
    /// The folder to write into (created if needed).
    #[arg(default_value = "samples")]
    pub dir: PathBuf,
    /// Write benchmark data instead: ACTIONS:RETURNS, e.g. 600:40 or 100000:200.
    #[arg(long, value_name = "ACTIONS:RETURNS", value_parser = parse_scale)]
    pub scale: Option<(usize, usize)>,
}

fn parse_scale(s: &str) -> Result<(usize, usize), String> {
    let (a, r) = s
        .split_once(':')
        .ok_or("expected ACTIONS:RETURNS, e.g. 600:40")?;
    let a = a
        .trim()
        .parse()
        .map_err(|_| format!("{a:?} is not a number of actions"))?;
    let r: usize = r
        .trim()
        .parse()
        .map_err(|_| format!("{r:?} is not a number of returns"))?;
    if r == 0 {
        return Err("there must be at least one return".into());
    }
    Ok((a, r))
}

/// Parse a report month: `2023-07`, `07/2023`, `July 2023`, `Jul 23`.
pub fn parse_month(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    if let Some((y, m)) = t.split_once('-')
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
        && let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
    {
        return Ok(d);
    }
    if let Some((m, y)) = t.split_once('/')
        && let (Ok(m), Ok(y)) = (m.parse::<u32>(), y.parse::<i32>())
        && let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
    {
        return Ok(d);
    }
    let today = chrono::Local::now().date_naive();
    let p = PlanDate::parse(t, &DateContext::new(today));
    match (p.start(), p.end(), p.year_inferred()) {
        (Some(a), Some(b), false) if a.year() == b.year() && a.month() == b.month() => {
            Ok(NaiveDate::from_ymd_opt(a.year(), a.month(), 1).unwrap_or(a))
        }
        _ => Err(format!(
            "{s:?} is not a month; write it as YYYY-MM, e.g. 2023-07, or \"July 2023\""
        )),
    }
}

fn load_map(arg: &MapArg) -> Result<ColumnMap, String> {
    match &arg.map {
        Some(p) => ColumnMap::load(p).map_err(|e| e.to_string()),
        None => Ok(ColumnMap::builtin()),
    }
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    crate::read::install_panic_hook();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Read(a) => run_read(&a),
        Command::Reconcile(a) => run_reconcile(&a),
        Command::Appendix(a) => run_appendix(&a),
        Command::Template(a) => run_template(&a),
        Command::Samples(a) => run_samples(&a),
    };
    ExitCode::from(code)
}

/// With `PLAN_RECON_TIMINGS` set, print how long each phase took to stderr.
pub fn timing(phase: &str, since: std::time::Instant) {
    if std::env::var_os("PLAN_RECON_TIMINGS").is_some() {
        eprintln!(
            "timing: {phase:<10} {:>8.1} ms",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
}

fn fail(code: u8, msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    code
}

fn this_month() -> NaiveDate {
    let t = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(t.year(), t.month(), 1).unwrap_or(t)
}

fn run_read(a: &ReadArgs) -> u8 {
    let map = match load_map(&a.map) {
        Ok(m) => m,
        Err(e) => return fail(exit::INPUT, e),
    };
    let ctx = DateContext::new(a.month.unwrap_or_else(this_month));
    let out = std::io::stdout();
    let mut out = out.lock();
    let res = match a.kind {
        Kind::Master => read::read_master(&a.file, &map, &ctx)
            .map(|m| crate::report::describe_master(&m, a.rows)),
        Kind::Return => read::read_return(&a.file, &map, &ctx)
            .map(|r| crate::report::describe_return(&r, a.rows)),
    };
    match res {
        Ok(text) => {
            let _ = out.write_all(text.as_bytes());
            exit::OK
        }
        Err(e) => fail(exit::INPUT, e),
    }
}

/// Everything one month's run reads.
pub struct Loaded {
    pub master: MasterPlan,
    pub returns: Vec<DirectorateReturn>,
    pub failed: Vec<(PathBuf, read::ReadError)>,
    pub previous: Option<crate::previous::Previous>,
    pub ctx: DateContext,
}

/// Read the master, every return (in parallel) and the previous appendix.
pub fn load(inputs: &Inputs) -> Result<Loaded, String> {
    let map = load_map(&inputs.map)?;
    let ctx = DateContext::new(inputs.month);
    let mut files = Vec::new();
    for p in &inputs.returns {
        files.extend(read::list_workbooks(p).map_err(|e| e.to_string())?);
    }
    let plan_canon = inputs.plan.canonicalize().ok();
    files.retain(|f| f.canonicalize().ok() != plan_canon);
    if files.is_empty() {
        return Err(format!(
            "no returns found in {}\n  hint: put the directorate returns (.xlsx, .xlsm, .xls, .ods) in one folder and pass it with --returns",
            inputs
                .returns
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let t = std::time::Instant::now();
    let (master, (returns, failed)) = rayon::join(
        || {
            let t = std::time::Instant::now();
            let m = read::read_master(&inputs.plan, &map, &ctx);
            timing("master", t);
            m
        },
        || {
            let t = std::time::Instant::now();
            let r = read::read_returns(&files, &map, &ctx);
            timing("returns", t);
            r
        },
    );
    let master = master.map_err(|e| e.to_string())?;
    let mut returns = returns;
    read::align_directorates(&master, &mut returns);
    timing("read", t);
    let previous = match &inputs.previous {
        Some(p) => Some(crate::previous::read_previous(p, &ctx).map_err(|e| e.to_string())?),
        None => None,
    };
    Ok(Loaded {
        master,
        returns,
        failed,
        previous,
        ctx,
    })
}

fn run_reconcile(a: &ReconcileArgs) -> u8 {
    let loaded = match load(&a.inputs) {
        Ok(l) => l,
        Err(e) => return fail(exit::INPUT, e),
    };
    let report = reconcile::reconcile(
        &loaded.master,
        &loaded.returns,
        &loaded.failed,
        loaded.previous.as_ref(),
        &loaded.ctx,
    );
    let stdout = std::io::stdout();
    let color = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = if a.json {
        match serde_json::to_string_pretty(&report.json_view(&loaded.ctx)) {
            Ok(s) => s + "\n",
            Err(e) => return fail(exit::OUTPUT, e),
        }
    } else {
        crate::report::terminal_report(&report, &loaded, color)
    };
    let mut out = stdout.lock();
    if out.write_all(text.as_bytes()).is_err() {
        return exit::OUTPUT;
    }
    let code = findings_exit(&report, a.fail_on);
    // The process ends now; see run_appendix.
    std::mem::forget(report);
    std::mem::forget(loaded);
    code
}

fn findings_exit(report: &reconcile::Report, fail_on: FailOn) -> u8 {
    let threshold = match fail_on {
        FailOn::Never => return exit::OK,
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    if report.findings.iter().any(|f| f.severity >= threshold) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// Refuse to overwrite an input or (without --force) an existing file.
pub fn check_output(output: &Path, inputs: &[&Path], force: bool) -> Result<(), String> {
    if let Ok(out) = output.canonicalize() {
        for i in inputs {
            if i.canonicalize().ok().as_ref() == Some(&out) {
                return Err(format!(
                    "{} is one of the inputs; choose another output file",
                    output.display()
                ));
            }
        }
        if !force {
            return Err(format!(
                "{} already exists\n  hint: pass --force to overwrite it, or choose another name",
                output.display()
            ));
        }
    }
    Ok(())
}

fn run_appendix(a: &AppendixArgs) -> u8 {
    let mut inputs: Vec<&Path> = vec![a.inputs.plan.as_path()];
    inputs.extend(a.inputs.returns.iter().map(|p| p.as_path()));
    if let Some(p) = &a.inputs.previous {
        inputs.push(p);
    }
    if let Err(e) = check_output(&a.output, &inputs, a.force) {
        return fail(exit::OUTPUT, e);
    }
    let loaded = match load(&a.inputs) {
        Ok(l) => l,
        Err(e) => return fail(exit::INPUT, e),
    };
    let t = std::time::Instant::now();
    let report = reconcile::reconcile(
        &loaded.master,
        &loaded.returns,
        &loaded.failed,
        loaded.previous.as_ref(),
        &loaded.ctx,
    );
    timing("reconcile", t);
    let t = std::time::Instant::now();
    let opts = crate::write::AppendixOptions {
        title: a.title.clone(),
    };
    match crate::write::write_appendix(&a.output, &loaded, &report, &opts) {
        Ok(()) => {
            timing("write", t);
            let c = report.counts();
            eprintln!(
                "wrote {}: {} actions, {} exceptions, {} slipped, {} findings ({} errors, {} warnings)",
                a.output.display(),
                loaded.master.actions.len(),
                report
                    .merged
                    .iter()
                    .filter(|m| m.rag.is_some_and(|r| r.is_exception()))
                    .count(),
                report.slippage.len(),
                report.findings.len(),
                c.0,
                c.1
            );
            // The process ends now: freeing hundreds of thousands of strings one by one
            // would only delay the exit (about 40 ms on a 100,000-action run).
            std::mem::forget(report);
            std::mem::forget(loaded);
            exit::OK
        }
        Err(e) => fail(exit::OUTPUT, e),
    }
}

fn run_template(a: &TemplateArgs) -> u8 {
    if let Err(e) = check_output(&a.output, &[a.plan.as_path()], a.force) {
        return fail(exit::OUTPUT, e);
    }
    let map = match load_map(&a.map) {
        Ok(m) => m,
        Err(e) => return fail(exit::INPUT, e),
    };
    let month = a.month.unwrap_or_else(this_month);
    let ctx = DateContext::new(month);
    let master = match read::read_master(&a.plan, &map, &ctx) {
        Ok(m) => m,
        Err(e) => return fail(exit::INPUT, e),
    };
    match crate::write::template::write_template(&a.output, &master, &a.directorate, &map, month) {
        Ok(n) => {
            eprintln!(
                "wrote {}: {n} actions for {}",
                a.output.display(),
                a.directorate
            );
            exit::OK
        }
        Err(crate::write::WriteError::NoActions { directorate, known }) => fail(
            exit::INPUT,
            format!(
                "no actions in the master plan belong to {directorate:?}\n  directorates in the master: {}",
                known.join(", ")
            ),
        ),
        Err(e) => fail(exit::OUTPUT, e),
    }
}

fn run_samples(a: &SamplesArgs) -> u8 {
    let res = match a.scale {
        Some((actions, returns)) => crate::samples::write_scale(&a.dir, actions, returns),
        None => crate::samples::write_samples(&a.dir),
    };
    match res {
        Ok(()) => {
            eprintln!("wrote samples to {}", a.dir.display());
            exit::OK
        }
        Err(e) => fail(exit::OUTPUT, e),
    }
}
