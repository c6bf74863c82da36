//! Command-line interface: parse arguments, call the library, print, choose the exit code.
//!
//! This is the only part of plan-recon that prints or exits. Library errors carry an
//! [`ErrorKind`]; [`exit_code`] turns it into the documented exit code, in one place.

mod args;
mod describe;
mod report;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::Parser;

use plan_recon::columns::{ColumnMap, MapKind, starting_map};
use plan_recon::dates::DateContext;
use plan_recon::load::{self, Loaded};
use plan_recon::reconcile::{self, Report, Severity};
use plan_recon::text::counted;
use plan_recon::timing::Timings;
use plan_recon::write::{
    self,
    appendix::{AppendixOptions, Book},
};
use plan_recon::{Error, ErrorKind, read};

use args::{
    AppendixArgs, ChaseArgs, ColorChoice, Command, ExplainArgs, FailOn, Inputs, Kind, MapArg,
    MapArgs, ReadArgs, ReconcileArgs, TemplateArgs,
};

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

/// The exit code for a library error.
fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Usage => exit::USAGE,
        ErrorKind::Input => exit::INPUT,
        ErrorKind::Output => exit::OUTPUT,
    }
}

/// Print the error and give its exit code.
fn fail(e: impl Into<Error>) -> u8 {
    let e = e.into();
    eprintln!("error: {e}");
    exit_code(e.kind())
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    // Panics caught by the read guard become "damaged file" errors: keep them quiet.
    read::install_panic_hook();
    let cli = args::Cli::parse();
    let code = match cli.command {
        Command::Read(a) => run_read(&a),
        Command::Reconcile(a) => run_reconcile(&a),
        Command::Appendix(a) => run_appendix(&a),
        Command::Template(a) => run_template(&a),
        Command::Chase(a) => run_chase(&a),
        Command::Map(a) => run_map(&a),
        Command::Explain(a) => run_explain(&a),
    };
    ExitCode::from(code)
}

/// With `PLAN_RECON_TIMINGS` set, each phase's time goes to stderr as it ends, with the
/// peak memory so far where the system tells it (Linux).
fn timings() -> Timings {
    if std::env::var_os("PLAN_RECON_TIMINGS").is_some() {
        Timings::to(|phase, took| {
            let peak = mem("VmHWM:")
                .map(|mb| {
                    format!(
                        "  peak {mb:>4} MB  now {:>4} MB",
                        mem("VmRSS:").unwrap_or(0)
                    )
                })
                .unwrap_or_default();
            eprintln!(
                "timing: {phase:<12} {:>8.1} ms{peak}",
                took.as_secs_f64() * 1e3
            )
        })
    } else {
        Timings::off()
    }
}

/// A memory figure of this process in MB from `/proc/self/status`: `VmHWM:` (the peak
/// resident memory so far), `VmRSS:` (now).
fn mem(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn load_map(arg: &MapArg) -> Result<ColumnMap, Error> {
    match &arg.map {
        Some(p) => Ok(ColumnMap::load(p)?),
        None => Ok(ColumnMap::builtin()),
    }
}

fn this_month() -> NaiveDate {
    let t = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(t.year(), t.month(), 1).unwrap_or(t)
}

fn run_read(a: &ReadArgs) -> u8 {
    let map = match load_map(&a.map) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let ctx = DateContext::new(a.month.unwrap_or_else(this_month));
    let res = match a.kind {
        Kind::Master => {
            read::read_master(&a.file, &map, &ctx).map(|m| describe::master(&m, a.rows))
        }
        Kind::Return => read::read_return(&a.file, &map, &ctx).map(|r| describe::ret(&r, a.rows)),
    };
    match res {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            exit::OK
        }
        Err(e) => fail(e),
    }
}

/// Read everything the month's run needs.
fn load_month(inputs: &Inputs, timings: &Timings) -> Result<Loaded, Error> {
    let inputs = load::Inputs {
        plan: inputs.plan.clone(),
        returns: inputs.returns.clone(),
        month: inputs.month,
        previous: inputs.previous.clone(),
        map: load_map(&inputs.map)?,
    };
    Ok(load::load(&inputs, timings)?)
}

fn run_reconcile(a: &ReconcileArgs) -> u8 {
    if let Some(out) = &a.output
        && let Err(e) = write::check_output(out, &inputs_of(&a.inputs), a.force)
    {
        return fail(e);
    }
    let timings = timings();
    let loaded = match load_month(&a.inputs, &timings) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let report = timings.time("reconcile", || reconcile::reconcile(&loaded));
    let stdout = std::io::stdout();
    let color = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = if a.json {
        match serde_json::to_string_pretty(&report::json(&report, &loaded.ctx)) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write the JSON report: {e}");
                return exit::OUTPUT;
            }
        }
    } else {
        report::terminal(&report, &loaded, color)
    };
    if stdout.lock().write_all(text.as_bytes()).is_err() {
        return exit::OUTPUT;
    }
    if let Some(out) = &a.output {
        let opts = AppendixOptions {
            title: a.title.clone(),
            narrative: None,
        };
        let written = write::appendix::build_book(Book::Checks, &loaded, &report, &opts, &timings)
            .and_then(|mut wb| write::appendix::save(&mut wb, out, &timings));
        match written {
            Ok(()) => eprintln!(
                "wrote {}: {} by directorate, and the register of {}",
                out.display(),
                counted(report.findings.len(), "finding"),
                counted(loaded.master.actions.len(), "action")
            ),
            Err(e) => return fail(e),
        }
    }
    let code = findings_exit(&report, a.fail_on);
    // The process ends now: freeing hundreds of thousands of strings one by one would only
    // delay the exit (about 40 ms on a 100,000-action run).
    std::mem::forget(report);
    std::mem::forget(loaded);
    code
}

fn findings_exit(report: &Report, fail_on: FailOn) -> u8 {
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

/// Every file a month's run reads, so that no output is written over one.
fn inputs_of(i: &Inputs) -> Vec<std::path::PathBuf> {
    load::input_paths(
        &i.plan,
        &i.returns,
        i.previous.as_deref(),
        i.map.map.as_deref(),
    )
}

fn run_appendix(a: &AppendixArgs) -> u8 {
    let mut inputs = inputs_of(&a.inputs);
    inputs.extend(a.narrative.clone());
    if let Err(e) = write::check_output(&a.output, &inputs, a.force) {
        return fail(e);
    }
    let pdf = a.pdf.then(|| write::pdf::pdf_path(&a.output));
    if let Some(pdf) = &pdf
        && let Err(e) = write::check_output(pdf, &inputs, a.force)
    {
        return fail(e);
    }
    let timings = timings();
    let loaded = match load_month(&a.inputs, &timings) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let narrative = match &a.narrative {
        Some(p) => {
            let names = plan_recon::model::narrative::Names::of(&loaded.master);
            match plan_recon::read::read_narrative(p, loaded.ctx.report_month, &names) {
                Ok(n) => Some(n),
                Err(e) => return fail(Error::from(e)),
            }
        }
        None => None,
    };
    // What the run says of the narrative, from the plan: the month's data goes to the writer.
    let narrative_line = narrative.as_ref().map(|n| {
        let (themes, recs) = (n.themes.len(), n.recommendations.len());
        let labels = &loaded.master.labels;
        let all_recs = plan_recon::model::narrative::recommendation_codes(&loaded.master).len();
        let all_themes = loaded.master.themes.len();
        format!(
            "  officers' narrative for {themes} of {} and {recs} of {}{}",
            counted(all_themes, &labels.theme.to_lowercase()),
            counted(all_recs, &labels.recommendation.to_lowercase()),
            if themes < all_themes || recs < all_recs {
                "; the others drafted"
            } else {
                ""
            }
        )
    });
    let actions = loaded.master.actions.len();
    let opts = AppendixOptions {
        title: a.title.clone(),
        narrative,
    };
    let (written, wb) =
        match write::appendix::reconcile_and_write(loaded, &opts, &a.output, &timings) {
            Ok(done) => done,
            Err(e) => return fail(e),
        };
    let c = written.findings;
    eprintln!(
        "wrote {}: {}, {}, {} slipped, {} ({}, {})",
        a.output.display(),
        counted(actions, "action"),
        counted(written.status.exceptions(), "exception"),
        written.status.slippage.len(),
        counted(c.total(), "finding"),
        counted(c.errors, "error"),
        counted(c.warnings, "warning")
    );
    if let Some(line) = narrative_line {
        eprintln!("{line}");
    }
    let mut code = exit::OK;
    if let Some(pdf) = &pdf {
        match write::pdf::write_pdf(&a.output, pdf) {
            Ok(()) => eprintln!("wrote {}", pdf.display()),
            Err(e) => code = fail(e),
        }
    }
    // The process ends now: freeing a 100,000-row workbook and the month's data one
    // string at a time would only delay the exit.
    std::mem::forget(wb);
    std::mem::forget(written);
    code
}

fn run_chase(a: &ChaseArgs) -> u8 {
    let inputs = inputs_of(&a.inputs);
    let timings = timings();
    let loaded = match load_month(&a.inputs, &timings) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let report = reconcile::reconcile(&loaded);
    if let Err(e) = std::fs::create_dir_all(&a.output) {
        eprintln!(
            "error: cannot create the folder {}: {e}",
            a.output.display()
        );
        return exit::OUTPUT;
    }
    for owner in &report.status.owners {
        let (book, text) = write::chase::pack_paths(&a.output, &owner.name);
        for p in [book, text] {
            // A message file carries no mark: one of the same name is plan-recon's when the
            // workbook beside it is.
            let ours = write::written_by_plan_recon(&p.with_extension("xlsx"));
            if let Err(e) = write::check_output(&p, &inputs, a.force || ours) {
                return fail(e);
            }
        }
    }
    match write::chase::write_chase(&loaded, &report, &a.output) {
        Ok(chase) => {
            for p in &chase.packs {
                let what = if p.missing {
                    "no return: the actions it owes".to_string()
                } else {
                    format!(
                        "{}, {}",
                        counted(p.errors, "error"),
                        counted(p.warnings, "warning")
                    )
                };
                eprintln!(
                    "wrote {} and {}: {what}",
                    p.workbook.display(),
                    p.message.display()
                );
            }
            let clean = if chase.clean.is_empty() {
                "none".to_string()
            } else {
                chase.clean.join(", ")
            };
            eprintln!(
                "{} to chase; clean: {clean}",
                counted(chase.packs.len(), "directorate")
            );
            exit::OK
        }
        Err(e) => fail(e),
    }
}

fn run_template(a: &TemplateArgs) -> u8 {
    if a.directorate.is_none() && !a.all {
        return run_narrative_form(a);
    }
    if !a.all
        && let Err(e) = args::xlsx_path(&a.output.to_string_lossy())
    {
        eprintln!("error: -o {e}");
        return exit::USAGE;
    }
    let inputs = load::input_paths(&a.plan, &[], a.previous.as_deref(), a.map.map.as_deref());
    let map = match load_map(&a.map) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let month = a.month.unwrap_or_else(this_month);
    let carry = match &a.previous {
        Some(p) => match load::read_earlier(p, month) {
            Ok(prev) => Some(prev),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let ctx = DateContext::new(month);
    let master = match read::read_master(&a.plan, &map, &ctx) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let jobs: Vec<(String, PathBuf)> = match &a.directorate {
        Some(d) => vec![(d.clone(), a.output.clone())],
        None => {
            if let Err(e) = std::fs::create_dir_all(&a.output) {
                eprintln!(
                    "error: cannot create the folder {}: {e}",
                    a.output.display()
                );
                return exit::OUTPUT;
            }
            write::template::directorates(&master)
                .into_iter()
                .map(|d| {
                    let file = a.output.join(write::template::file_name(&d));
                    (d, file)
                })
                .collect()
        }
    };
    for (_, out) in &jobs {
        if let Err(e) = write::check_output(out, &inputs, a.force) {
            return fail(e);
        }
    }
    for (directorate, out) in &jobs {
        match write::template::write_template(
            out,
            &master,
            directorate,
            &map,
            month,
            carry.as_ref(),
        ) {
            Ok(n) => eprintln!(
                "wrote {}: {} for {directorate}{}",
                out.display(),
                counted(n, "action"),
                if carry.is_some() {
                    ", carried forward from last month"
                } else {
                    ""
                }
            ),
            Err(e) => return fail(e),
        }
    }
    exit::OK
}

/// `template --narrative`: the officers' narrative form, drafted from the month's returns.
fn run_narrative_form(a: &TemplateArgs) -> u8 {
    let Some(month) = a.month else {
        eprintln!("error: template --narrative needs --month");
        return exit::USAGE;
    };
    let inputs = Inputs {
        plan: a.plan.clone(),
        returns: a.returns.clone(),
        month,
        previous: None,
        map: MapArg {
            map: a.map.map.clone(),
        },
    };
    if let Err(e) = write::check_output(&a.output, &inputs_of(&inputs), a.force) {
        return fail(e);
    }
    let timings = timings();
    let loaded = match load_month(&inputs, &timings) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let report = reconcile::reconcile(&loaded);
    match write::appendix::narrative::write_form(&loaded, &report, &a.output) {
        Ok(rows) => {
            let labels = &loaded.master.labels;
            eprintln!(
                "wrote {}: the draft narrative of {} and {}; edit it, then pass it to appendix --narrative",
                a.output.display(),
                counted(rows.themes, &labels.theme.to_lowercase()),
                counted(rows.recommendations, &labels.recommendation.to_lowercase())
            );
            exit::OK
        }
        Err(e) => fail(e),
    }
}

fn run_map(a: &MapArgs) -> u8 {
    let (base, map) = match &a.map.map {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => match ColumnMap::parse(&text, &p.display().to_string()) {
                Ok(m) => (text, m),
                Err(e) => return fail(e),
            },
            Err(e) => {
                eprintln!("error: cannot read column map {}: {e}", p.display());
                return exit::INPUT;
            }
        },
        None => (
            plan_recon::columns::DEFAULT_MAP.to_string(),
            ColumnMap::builtin(),
        ),
    };
    let (kind, layout) = match a.kind {
        Kind::Master => (MapKind::Master, &map.master),
        Kind::Return => (MapKind::Return, &map.returns),
    };
    let (origin, headers) = match read::header_cells(&a.file, layout) {
        Ok(h) => h,
        Err(e) => return fail(e),
    };
    match starting_map(&base, kind, &headers, &origin) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            exit::OK
        }
        Err(e) => fail(e),
    }
}

fn run_explain(a: &ExplainArgs) -> u8 {
    let text = if a.code.eq_ignore_ascii_case("all") {
        reconcile::all_rules()
            .map(|r| r.explanation())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        match reconcile::Code::parse(&a.code) {
            Some(c) => c.rule().explanation(),
            None => {
                let codes: Vec<String> =
                    reconcile::Code::ALL.iter().map(|c| c.to_string()).collect();
                eprintln!(
                    "error: {:?} is not a rule's code or name\n  codes: {}",
                    a.code,
                    codes.join(", ")
                );
                return exit::USAGE;
            }
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    exit::OK
}
