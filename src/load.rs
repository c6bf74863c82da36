//! Everything one month's run reads: the master plan, every return (in parallel) and, when
//! given, last month's appendix.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use crate::columns::{ColumnMap, RatingKey};
use crate::dates::DateContext;
use crate::model::register::Previous;
use crate::model::{DirectorateReturn, MasterPlan, Source, YearMonth};
use crate::read::intake::{self, Skipped};
use crate::read::{self, ReadError};
use crate::timing::Timings;

/// Why a month's inputs could not be read as a whole.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(
        "no returns found in {}\n  hint: put the directorate returns (.xlsx, .xlsm, .xls, .ods) in one folder and pass it with --returns",
        .searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoReturns { searched: Vec<PathBuf> },
    #[error(
        "{file} is the appendix for {previous}, not for a month before {month}\n  hint: pass the appendix of an earlier month with --previous, usually last month's"
    )]
    PreviousNotEarlier {
        file: String,
        previous: String,
        month: String,
    },
}

type Result<T, E = LoadError> = std::result::Result<T, E>;

/// What a monthly run is asked to read.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The master Improvement Plan workbook.
    pub plan: PathBuf,
    /// Folders of returns, or return files.
    pub returns: Vec<PathBuf>,
    /// Any day of the report month.
    pub month: NaiveDate,
    /// Last month's appendix written by this tool.
    pub previous: Option<PathBuf>,
    pub map: ColumnMap,
}

/// Every file a run reads or could read: the plan, the returns (each file found inside a
/// returns folder), the previous appendix and the map. An output must be none of them.
pub fn input_paths(
    plan: &Path,
    returns: &[PathBuf],
    previous: Option<&Path>,
    map: Option<&Path>,
) -> Vec<PathBuf> {
    let mut out = vec![plan.to_path_buf()];
    for r in returns {
        match std::fs::read_dir(r) {
            Ok(entries) => out.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
            Err(_) => out.push(r.clone()),
        }
    }
    out.extend(previous.map(Path::to_path_buf));
    out.extend(map.map(Path::to_path_buf));
    out
}

/// A return file that could not be read at all; the run goes on without it (rule R06).
#[derive(Debug)]
pub struct FailedReturn {
    pub path: PathBuf,
    pub error: ReadError,
    /// The directorate its file name gives, in the master plan's spelling where the two
    /// match, so that its finding reaches that directorate's chase pack.
    pub directorate: String,
    /// The file as a whole, where its finding points.
    pub source: Source,
}

/// Everything one month's run reads.
#[derive(Debug)]
pub struct Loaded {
    pub master: MasterPlan,
    pub returns: Vec<DirectorateReturn>,
    pub failed: Vec<FailedReturn>,
    /// Files in the returns folders that are not this month's returns, and why.
    pub skipped: Vec<Skipped>,
    pub previous: Option<Previous>,
    pub ctx: DateContext,
    /// What each rating means, from the map, for the appendix's key.
    pub key: RatingKey,
}

/// Read the register of an earlier month's appendix (or checks workbook) for `month`;
/// one for the same or a later month is refused.
pub fn read_earlier(path: &Path, month: NaiveDate) -> Result<Previous> {
    let prev = read::read_previous(path)?;
    if let Some(m) = prev.month_start()
        && m >= month
    {
        return Err(LoadError::PreviousNotEarlier {
            file: path.display().to_string(),
            previous: YearMonth::of(m).to_string(),
            month: YearMonth::of(month).to_string(),
        });
    }
    Ok(prev)
}

/// Read the master, every return (in parallel, beside the master) and the previous appendix.
/// A return that cannot be read becomes a [`FailedReturn`]; a master plan, column map or
/// previous appendix that cannot be read is an error.
pub fn load(inputs: &Inputs, timings: &Timings) -> Result<Loaded> {
    let ctx = DateContext::new(inputs.month);
    // Last month's appendix first: a wrong one is refused before the month is read.
    let previous = match &inputs.previous {
        Some(p) => Some(read_earlier(p, ctx.report_month)?),
        None => None,
    };
    let mut files = Vec::new();
    for p in &inputs.returns {
        files.extend(read::list_workbooks(p)?);
    }
    let (files, mut skipped) = intake::sort_files(files, &inputs.plan);
    if files.is_empty() {
        return Err(LoadError::NoReturns {
            searched: inputs.returns.clone(),
        });
    }
    let t = Instant::now();
    let map = &inputs.map;
    let (master, (returns, failed)) = rayon::join(
        || timings.time("master", || read::read_master(&inputs.plan, map, &ctx)),
        || timings.time("returns", || read::read_returns(&files, map, &ctx)),
    );
    let master = master?;
    let mut returns = returns;
    let names = read::DirectorateNames::of(&master);
    read::assign_directorates(&names, &master, &mut returns);
    let failed = failed
        .into_iter()
        .map(|(path, error)| {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let found = stem.as_deref().and_then(|s| names.find(s));
            let named = || read::directorate_from_file_name(&path);
            FailedReturn {
                directorate: found.map_or_else(named, str::to_string),
                source: Source::whole_file(&path.display().to_string()),
                path,
                error,
            }
        })
        .collect();
    let returns = intake::select(returns, &master, &mut skipped);
    for s in &mut skipped {
        s.directorate = s
            .belongs_to()
            .map(|named| names.find(&named).map_or(named, str::to_string));
    }
    timings.done("read", t);

    Ok(Loaded {
        master,
        returns,
        failed,
        skipped,
        previous,
        ctx,
        key: inputs.map.key.clone(),
    })
}

/// The master plan on its own, with last month's register when given: what the returns
/// sent out (`template`) are made from.
#[derive(Debug)]
pub struct LoadedMaster {
    pub master: MasterPlan,
    pub previous: Option<Previous>,
    pub ctx: DateContext,
}

/// Read the master plan for `month` and, when given, last month's register (refused when it
/// is not for an earlier month).
pub fn load_master(
    plan: &Path,
    month: NaiveDate,
    previous: Option<&Path>,
    map: &ColumnMap,
) -> Result<LoadedMaster> {
    let previous = previous.map(|p| read_earlier(p, month)).transpose()?;
    let ctx = DateContext::new(month);
    let master = read::read_master(plan, map, &ctx)?;
    Ok(LoadedMaster {
        master,
        previous,
        ctx,
    })
}

/// The month's inputs, borrowed: what the status step and the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Month<'a> {
    pub master: &'a MasterPlan,
    pub returns: &'a [DirectorateReturn],
    pub failed: &'a [FailedReturn],
    pub skipped: &'a [Skipped],
    pub previous: Option<&'a Previous>,
    pub ctx: &'a DateContext,
}

impl Loaded {
    pub fn month(&self) -> Month<'_> {
        Month {
            master: &self.master,
            returns: &self.returns,
            failed: &self.failed,
            skipped: &self.skipped,
            previous: self.previous.as_ref(),
            ctx: &self.ctx,
        }
    }
}
