//! Command-line interface: parse arguments, call the library, print, choose the exit code.
//!
//! This is the only part of plan-recon that prints or exits. Each command is a file of its
//! own with `run(args) -> Result<Outcome, Failure>`; [`main`] turns the result into the
//! documented exit code, in one place ([`exit_code`]).

mod appendix;
mod args;
mod chase;
mod describe;
mod explain;
mod map;
mod narrative;
mod read;
mod reconcile;
mod report;
mod template;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::Parser;

use plan_recon::columns::ColumnMap;
use plan_recon::load::{self, Loaded};
use plan_recon::timing::Timings;
use plan_recon::{Error, ErrorKind};

use args::{Command, Inputs, MapArg};

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

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing at or above the --fail-on level.
    Done,
    /// Done, with findings at or above the --fail-on level.
    Findings,
}

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// What the library refused, with its file and hint (boxed: a result is passed up
    /// through every command's calls).
    Lib(Box<Error>),
    /// The command was asked something that cannot be.
    Usage(String),
    /// Writing to standard output failed (a closed pipe, as in `reconcile | head`, is not
    /// a failure: the reader has what it wanted).
    Stdout(std::io::Error),
}

impl<E: Into<Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::Lib(Box::new(e.into()))
    }
}

/// The exit code of a command's result: chosen here and nowhere else.
fn exit_code(result: &Result<Outcome, Failure>) -> u8 {
    match result {
        Ok(Outcome::Done) => exit::OK,
        Ok(Outcome::Findings) => exit::FINDINGS,
        Err(Failure::Lib(e)) => match e.kind() {
            ErrorKind::Usage => exit::USAGE,
            ErrorKind::Input => exit::INPUT,
            ErrorKind::Output => exit::OUTPUT,
        },
        Err(Failure::Usage(_)) => exit::USAGE,
        Err(Failure::Stdout(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(Failure::Stdout(_)) => exit::OUTPUT,
    }
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    // Panics caught by the read guard become "damaged file" errors: keep them quiet.
    plan_recon::read::install_panic_hook();
    let cli = args::Cli::parse();
    let result = match cli.command {
        Command::Read(a) => read::run(&a),
        Command::Reconcile(a) => reconcile::run(&a),
        Command::Appendix(a) => appendix::run(&a),
        Command::Template(a) => template::run(&a),
        Command::Narrative(a) => narrative::run(&a),
        Command::Chase(a) => chase::run(&a),
        Command::Map(a) => map::run(&a),
        Command::Explain(a) => explain::run(&a),
    };
    match &result {
        Err(Failure::Lib(e)) => eprintln!("error: {e}"),
        Err(Failure::Usage(message)) => eprintln!("error: {message}"),
        Err(Failure::Stdout(e)) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {e}")
        }
        _ => {}
    }
    ExitCode::from(exit_code(&result))
}

/// Print `text` to standard output. A closed pipe (`reconcile | head`) is not an error:
/// the reader has what it wanted, and the command goes on to write its files.
fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Stdout(e)),
        _ => Ok(()),
    }
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

fn load_map(arg: &MapArg) -> Result<ColumnMap, Failure> {
    match &arg.map {
        Some(p) => Ok(ColumnMap::load(p)?),
        None => Ok(ColumnMap::builtin()),
    }
}

fn this_month() -> NaiveDate {
    let t = chrono::Local::now().date_naive();
    NaiveDate::from_ymd_opt(t.year(), t.month(), 1).unwrap_or(t)
}

/// Read everything the month's run needs.
fn load_month(inputs: &Inputs, timings: &Timings) -> Result<Loaded, Failure> {
    let inputs = load::Inputs {
        plan: inputs.plan.clone(),
        returns: inputs.returns.clone(),
        month: inputs.month,
        previous: inputs.previous.clone(),
        map: load_map(&inputs.map)?,
    };
    Ok(load::load(&inputs, timings)?)
}

/// Every file a month's run reads, so that no output is written over one.
fn inputs_of(i: &Inputs) -> Vec<PathBuf> {
    load::input_paths(
        &i.plan,
        &i.returns,
        i.previous.as_deref(),
        i.map.map.as_deref(),
    )
}

/// Create the output folder `dir` (and its parents) if need be.
fn create_folder(dir: &std::path::Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|source| {
        Failure::from(plan_recon::write::WriteError::Io {
            path: dir.display().to_string(),
            source,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_success_and_other_output_errors_are_not() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(exit_code(&Err(Failure::Stdout(pipe))), exit::OK);
        let full = std::io::Error::other("disk full");
        assert_eq!(exit_code(&Err(Failure::Stdout(full))), exit::OUTPUT);
        assert_eq!(exit_code(&Ok(Outcome::Findings)), exit::FINDINGS);
        assert_eq!(exit_code(&Err(Failure::Usage("x".into()))), exit::USAGE);
    }
}
