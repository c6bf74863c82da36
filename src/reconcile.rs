//! Reconciliation: merge the month's returns, check them against the master plan and against
//! each other, and produce findings.
//!
//! Every rule has a code, a default severity and one function below. The table [`RULES`] is
//! the catalogue (printed in README); [`reconcile`] runs them in order.
//!
//! ## Derived RAG
//! Rule G07 compares the stated RAG with the RAG the dates imply:
//! - overdue (the effective due date ended before the report month) -> Red;
//! - slipped without change control (a revised date later than the master due date and
//!   no change control recorded) -> Amber;
//! - otherwise -> Green.
//!
//! Complete, On hold and Not started are statuses, not derivable, and never compared. A
//! stated rating *worse* than the derived one is the officer's judgement and is not
//! reported; a stated rating *better* than derived is (unless G01 already reports it).

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::dates::{self, Announcement, DateContext, PlanDate, Span};
use crate::model::{Action, ActionId, Rag, ReturnRow, Source, Theme, normalise_words};
use crate::previous::Previous;
use crate::read::{DirectorateReturn, MasterPlan, NoteKind, ReadError, ReadNote};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A rule of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    R01,
    R02,
    R03,
    R04,
    R05,
    R06,
    R07,
    M01,
    M02,
    M03,
    M04,
    M05,
    M06,
    F01,
    F02,
    F03,
    D01,
    D02,
    D03,
    D04,
    D05,
    G01,
    G02,
    G03,
    G04,
    G05,
    G06,
    G07,
    G08,
    P01,
    P02,
    P03,
    P04,
}

/// One entry of the rule catalogue.
pub struct Rule {
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

/// The rule catalogue: code, short name, default severity, what it checks.
pub const RULES: &[Rule] = &[
    Rule {
        code: Code::R01,
        name: "cell-error",
        severity: Severity::Error,
        summary: "A formula error (#REF!, #N/A, #DIV/0!...) in a mapped cell: the value is lost",
    },
    Rule {
        code: Code::R02,
        name: "unreadable-id",
        severity: Severity::Warning,
        summary: "Text in the action reference column that is not an action id; the row is skipped",
    },
    Rule {
        code: Code::R03,
        name: "duplicate-header",
        severity: Severity::Warning,
        summary: "Two columns whose headers mean the same field; the first is used",
    },
    Rule {
        code: Code::R04,
        name: "missing-id",
        severity: Severity::Warning,
        summary: "A row with content but no action reference; the row is skipped",
    },
    Rule {
        code: Code::R05,
        name: "unreadable-rag",
        severity: Severity::Warning,
        summary: "A RAG cell that is not a rating (Red, Amber, Green, Complete, On hold, Not started)",
    },
    Rule {
        code: Code::R06,
        name: "return-unreadable",
        severity: Severity::Error,
        summary: "A return file that could not be read at all (damaged, encrypted, no header row)",
    },
    Rule {
        code: Code::R07,
        name: "stray-values",
        severity: Severity::Warning,
        summary: "Values far outside the table (e.g. at XFD1048576) were ignored; delete them",
    },
    Rule {
        code: Code::M01,
        name: "return-missing",
        severity: Severity::Error,
        summary: "A directorate owns actions in the master plan but sent no return",
    },
    Rule {
        code: Code::M02,
        name: "unknown-action",
        severity: Severity::Error,
        summary: "A return reports an action id that is not in the master plan (nearest ids suggested)",
    },
    Rule {
        code: Code::M03,
        name: "not-reported",
        severity: Severity::Error,
        summary: "An open master action left out of its owning directorate's return",
    },
    Rule {
        code: Code::M04,
        name: "duplicate-row",
        severity: Severity::Warning,
        summary: "The same action twice in one return (an error if the rows disagree)",
    },
    Rule {
        code: Code::M05,
        name: "returns-disagree",
        severity: Severity::Warning,
        summary: "Two returns give different revised dates for one action",
    },
    Rule {
        code: Code::M06,
        name: "duplicate-master",
        severity: Severity::Error,
        summary: "The same action id twice in the master plan; the first row is used",
    },
    Rule {
        code: Code::F01,
        name: "title-changed",
        severity: Severity::Warning,
        summary: "The action text in the return differs from the master (word diff shown)",
    },
    Rule {
        code: Code::F02,
        name: "owner-changed",
        severity: Severity::Warning,
        summary: "The owner in the return differs from the master",
    },
    Rule {
        code: Code::F03,
        name: "theme-changed",
        severity: Severity::Warning,
        summary: "The theme in the return differs from the master",
    },
    Rule {
        code: Code::D01,
        name: "slipped-no-change-control",
        severity: Severity::Error,
        summary: "A revised date later than the master due date with no change control recorded",
    },
    Rule {
        code: Code::D02,
        name: "slipped-with-change-control",
        severity: Severity::Info,
        summary: "A revised date later than the master due date, with change control (slippage log)",
    },
    Rule {
        code: Code::D03,
        name: "overdue",
        severity: Severity::Warning,
        summary: "The due date passed before the report month and the action is not Complete",
    },
    Rule {
        code: Code::D04,
        name: "moved-earlier",
        severity: Severity::Info,
        summary: "A revised date earlier than the master due date",
    },
    Rule {
        code: Code::D05,
        name: "unparseable-date",
        severity: Severity::Warning,
        summary: "A date cell whose text is not a date (kept as text)",
    },
    Rule {
        code: Code::G01,
        name: "green-but-late",
        severity: Severity::Error,
        summary: "Rated Green (or On track) but overdue, or slipped without change control",
    },
    Rule {
        code: Code::G02,
        name: "complete-but-delayed",
        severity: Severity::Error,
        summary: "Rated Complete while the commentary speaks of slippage, delay, awaiting or pending",
    },
    Rule {
        code: Code::G03,
        name: "no-commentary",
        severity: Severity::Warning,
        summary: "Rated Red or Amber with no progress commentary",
    },
    Rule {
        code: Code::G04,
        name: "rag-conflict",
        severity: Severity::Error,
        summary: "One action rated differently by two returns",
    },
    Rule {
        code: Code::G05,
        name: "rag-changed-silently",
        severity: Severity::Warning,
        summary: "RAG changed from the master (or last month) with no progress commentary",
    },
    Rule {
        code: Code::G06,
        name: "date-moved-rag-unchanged",
        severity: Severity::Info,
        summary: "The date moved but the RAG did not (vs last month; without --previous, a Green action re-dated)",
    },
    Rule {
        code: Code::G07,
        name: "rag-optimistic",
        severity: Severity::Warning,
        summary: "Stated RAG better than the RAG the dates imply (see Derived RAG)",
    },
    Rule {
        code: Code::G08,
        name: "no-rag",
        severity: Severity::Warning,
        summary: "A return row with no RAG rating",
    },
    Rule {
        code: Code::P01,
        name: "rag-improved",
        severity: Severity::Info,
        summary: "RAG better than last month",
    },
    Rule {
        code: Code::P02,
        name: "rag-declined",
        severity: Severity::Info,
        summary: "RAG worse than last month",
    },
    Rule {
        code: Code::P03,
        name: "newly-complete",
        severity: Severity::Info,
        summary: "Complete this month, not last month",
    },
    Rule {
        code: Code::P04,
        name: "new-slippage",
        severity: Severity::Info,
        summary: "Revised date later than last month's",
    },
];

impl Code {
    pub fn rule(self) -> &'static Rule {
        RULES.iter().find(|r| r.code == self).unwrap_or(&RULES[0])
    }
    pub fn name(self) -> &'static str {
        self.rule().name
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One thing the policy officer should look at.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: Code,
    pub rule: &'static str,
    pub severity: Severity,
    pub action: Option<ActionId>,
    pub directorate: Option<String>,
    pub sources: Vec<Source>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Finding {
    fn new(
        code: Code,
        action: Option<&ActionId>,
        directorate: Option<&str>,
        sources: Vec<Source>,
        message: String,
    ) -> Finding {
        Finding {
            code,
            rule: code.name(),
            severity: code.rule().severity,
            action: action.cloned(),
            directorate: directorate.map(str::to_string),
            sources,
            message,
            detail: None,
        }
    }

    fn with_detail(mut self, d: String) -> Finding {
        self.detail = Some(d);
        self
    }

    fn with_severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }
}

/// A reference to one row of one return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRef {
    pub ret: usize,
    pub row: usize,
}

/// Slippage of one action (for the slippage log).
#[derive(Debug, Clone, Serialize)]
pub struct Slip {
    pub action: ActionId,
    pub owner: String,
    pub original: PlanDate,
    pub revised: PlanDate,
    pub days: i64,
    pub change_control: bool,
    pub change_control_text: Option<String>,
    pub source: Source,
}

/// The merged view of one master action for the month.
#[derive(Debug, Clone)]
pub struct Merged {
    /// Index into `MasterPlan::actions`.
    pub action: usize,
    /// Every return row that reports this action (first row per return).
    pub reports: Vec<RowRef>,
    /// The row used for the appendix: the owning directorate's, else the first.
    pub primary: Option<RowRef>,
    /// The month's RAG: the primary return's, else the master's.
    pub rag: Option<Rag>,
    /// The current revised date, if one was given (column or commentary).
    pub revised: Option<PlanDate>,
    pub change_control: bool,
    pub change_control_text: Option<String>,
    pub slip_days: Option<i64>,
    pub overdue: bool,
}

/// Everything reconciliation produces.
#[derive(Debug, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// One entry per master action, in master order.
    pub merged: Vec<Merged>,
    pub slippage: Vec<Slip>,
    /// Directorates that own actions but sent no return.
    pub missing_returns: Vec<String>,
}

impl Report {
    /// (errors, warnings, info)
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s| self.findings.iter().filter(|f| f.severity == s).count();
        (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
    }

    /// The JSON document printed by `reconcile --json`.
    pub fn json_view(&self, ctx: &DateContext) -> serde_json::Value {
        let (e, w, i) = self.counts();
        serde_json::json!({
            "month": ctx.report_month.format("%Y-%m").to_string(),
            "summary": { "errors": e, "warnings": w, "info": i, "actions": self.merged.len(), "slipped": self.slippage.len(), "missing_returns": self.missing_returns },
            "findings": self.findings,
            "slippage": self.slippage,
        })
    }
}

const SLIPPAGE_WORDS: &[&str] = &[
    "slippage",
    "slipped",
    "slip",
    "slipping",
    "delay",
    "delayed",
    "delays",
    "awaiting",
    "pending",
    "postponed",
    "deferred",
    "outstanding",
    "overdue",
    "behind",
];
const SLIPPAGE_PHRASES: &[&str] = &["not yet", "yet to", "still to", "waiting for", "waiting on"];

/// Every slippage word or phrase contains one of these (lower-case ASCII) stems.
const SLIPPAGE_STEMS: &[&str] = &[
    "slip",
    "delay",
    "awaiting",
    "pending",
    "postponed",
    "deferred",
    "outstanding",
    "overdue",
    "behind",
    "yet",
    "still",
    "waiting",
];

static SLIPPAGE_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| dates::stems(SLIPPAGE_STEMS));

/// Does commentary speak of slippage, delay, awaiting or pending?
pub fn speaks_of_delay(text: &str) -> Option<String> {
    // Most commentary has none of the stems: skip it without normalising. (Normalising drops
    // apostrophes and lower-cases beyond ASCII, so only plain ASCII text can be skipped.)
    if text.is_ascii() && !text.contains('\'') && !SLIPPAGE_FINDER.is_match(text) {
        return None;
    }
    let norm = normalise_words(text);
    let words: Vec<&str> = norm.split(' ').collect();
    if let Some(w) = words.iter().find(|w| SLIPPAGE_WORDS.contains(w)) {
        return Some(w.to_string());
    }
    SLIPPAGE_PHRASES
        .iter()
        .find(|p| {
            words
                .windows(2)
                .any(|pair| p.split_once(' ') == Some((pair[0], pair[1])))
        })
        .map(|p| p.to_string())
}

/// Word-level diff of two texts: `[-removed-]` and `{+added+}`.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(v),
            ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(v);
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(v);
                out.push_str("+}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
}

fn same_words(a: &str, b: &str) -> bool {
    a == b || normalise_words(a) == normalise_words(b)
}

/// Change control recorded for a row: the change-control column says something (other than
/// "no"/"n/a"), or the commentary mentions a change control.
fn change_control_of(row: &ReturnRow) -> (bool, Option<String>) {
    if let Some(cc) = &row.change_control {
        let n = normalise_words(&cc.value);
        if !matches!(
            n.as_str(),
            "" | "no"
                | "n a"
                | "na"
                | "none"
                | "not yet"
                | "n"
                | "tbc"
                | "not required"
                | "pending"
        ) {
            return (true, Some(cc.value.clone()));
        }
    }
    for t in [&row.progress, &row.next_steps, &row.issues]
        .into_iter()
        .flatten()
    {
        if dates::mentions_change_control(&t.value) {
            return (true, Some(t.value.clone()));
        }
    }
    (false, None)
}

/// The revised date of a row: the revised column if it holds a date, else the last revision
/// announced in the commentary. Returns the date and the cell it came from.
fn revised_of(row: &ReturnRow, ctx: &DateContext) -> Option<(PlanDate, Source, bool)> {
    if let Some(r) = &row.revised {
        if matches!(r.value.span, Span::Range { .. }) {
            return Some((r.value.clone(), r.source.clone(), false));
        }
        // "Change control to December 23" written in the date column.
        if let Some(rev) = dates::revisions_in(&r.value.text, ctx).pop() {
            return Some((
                rev.date,
                r.source.clone(),
                rev.how == Announcement::ChangeControl,
            ));
        }
        return None;
    }
    for t in [&row.change_control, &row.progress].into_iter().flatten() {
        if let Some(rev) = dates::revisions_in(&t.value, ctx).pop() {
            return Some((
                rev.date,
                t.source.clone(),
                rev.how == Announcement::ChangeControl,
            ));
        }
    }
    None
}

fn note_finding(n: &ReadNote, directorate: &str) -> Finding {
    let (code, msg) = match n.kind {
        NoteKind::CellError => (
            Code::R01,
            format!(
                "formula error {}; fix the formula or type the value",
                n.detail
            ),
        ),
        NoteKind::UnreadableId => (
            Code::R02,
            format!(
                "{:?} is not an action reference (expected e.g. OC.C4.1); the row was skipped",
                n.detail
            ),
        ),
        NoteKind::DuplicateHeader => (Code::R03, format!("duplicate column: {}", n.detail)),
        NoteKind::MissingId => (Code::R04, format!("{}; the row was skipped", n.detail)),
        NoteKind::StrayValues => (
            Code::R07,
            format!("{}; delete them if they are not needed", n.detail),
        ),
        NoteKind::UnreadableRag => (
            Code::R05,
            format!(
                "{:?} is not a RAG rating (Red, Amber, Green, Complete, On hold, Not started)",
                n.detail
            ),
        ),
    };
    Finding::new(
        code,
        n.action.as_ref(),
        Some(directorate),
        vec![n.source.clone()],
        msg,
    )
}

fn norm_dir(s: &str) -> String {
    normalise_words(s)
}

/// Suggest the nearest master ids to an unknown one.
fn nearest_ids<'a>(id: &ActionId, master: impl Iterator<Item = &'a ActionId>) -> Vec<String> {
    let mut scored: Vec<(usize, &ActionId)> = master
        .map(|m| (strsim::levenshtein(id.as_str(), m.as_str()), m))
        .filter(|(d, _)| *d <= 2)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, m)| m.to_string())
        .collect()
}

/// One return matched to the master: `(action index, row index)` pairs and findings.
type Matched = (Vec<(usize, usize)>, Vec<Finding>);

/// Match one return's rows to master actions: `(action index, row index)` pairs, plus
/// findings for rows repeated in the return (M04) and ids not in the master (M02).
fn match_return(ret: &DirectorateReturn, index: &HashMap<&ActionId, usize>) -> Matched {
    let mut pairs = Vec::with_capacity(ret.rows.len());
    let mut findings = Vec::new();
    let mut seen: HashMap<&ActionId, usize> = HashMap::with_capacity(ret.rows.len());
    for (rowi, row) in ret.rows.iter().enumerate() {
        let id = &row.id.value;
        if let Some(&first) = seen.get(id) {
            let a = &ret.rows[first];
            let identical = row_content_eq(a, row);
            let f = Finding::new(
                Code::M04,
                Some(id),
                Some(&ret.directorate),
                vec![a.source().clone(), row.source().clone()],
                if identical {
                    format!("{id} appears twice in this return (identical rows); delete one")
                } else {
                    format!(
                        "{id} appears twice in this return with different content; the first row is used, merge them"
                    )
                },
            );
            findings.push(if identical {
                f
            } else {
                f.with_severity(Severity::Error)
            });
            continue;
        }
        seen.insert(id, rowi);
        match index.get(id) {
            Some(&ai) => pairs.push((ai, rowi)),
            None => {
                let near = nearest_ids(id, index.keys().copied());
                let hint = if near.is_empty() {
                    "check the id against the master plan".to_string()
                } else {
                    format!("did you mean {}?", near.join(" or "))
                };
                findings.push(Finding::new(
                    Code::M02,
                    Some(id),
                    Some(&ret.directorate),
                    vec![row.source().clone()],
                    format!("{id} is not in the master plan; {hint}"),
                ));
            }
        }
    }
    (pairs, findings)
}

/// Run every rule. `failed` are returns that could not be read at all.
pub fn reconcile(
    master: &MasterPlan,
    returns: &[DirectorateReturn],
    failed: &[(PathBuf, ReadError)],
    previous: Option<&Previous>,
    ctx: &DateContext,
) -> Report {
    let mut findings: Vec<Finding> = Vec::new();
    let (month_start, _) = ctx.month_range();

    // --- reading problems
    for n in &master.table.notes {
        findings.push(note_finding(n, "Master plan"));
    }
    for r in returns {
        for n in &r.table.notes {
            findings.push(note_finding(n, &r.directorate));
        }
    }
    for (path, err) in failed {
        let dir = crate::read::directorate_from_file_name(path);
        let first = err.to_string();
        let first = first.lines().next().unwrap_or("").to_string();
        findings.push(
            Finding::new(Code::R06, None, Some(&dir), vec![], first).with_detail(err.to_string()),
        );
    }

    // --- master index
    let mut index: HashMap<&ActionId, usize> = HashMap::with_capacity(master.actions.len());
    for (i, a) in master.actions.iter().enumerate() {
        if let Some(&first) = index.get(&a.id.value) {
            findings.push(Finding::new(
                Code::M06,
                Some(&a.id.value),
                Some("Master plan"),
                vec![master.actions[first].id.source.clone(), a.id.source.clone()],
                format!(
                    "{} appears twice in the master plan; the first row is used",
                    a.id.value
                ),
            ));
        } else {
            index.insert(&a.id.value, i);
        }
    }

    // --- returns present / missing
    let return_dirs: HashMap<String, usize> = returns
        .iter()
        .enumerate()
        .map(|(i, r)| (norm_dir(&r.directorate), i))
        .collect();
    // Count by the text as written first (a few distinct names over many actions), then
    // normalise each distinct name once; the first spelling in the plan names the owner.
    let mut by_text: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, a) in master.actions.iter().enumerate() {
        let d = a.directorate_text();
        if !d.is_empty() {
            by_text.entry(d).or_insert((i, 0)).1 += 1;
        }
    }
    let mut spellings: Vec<(&str, (usize, usize))> = by_text.into_iter().collect();
    spellings.sort_by_key(|(_, (first, _))| *first);
    let mut owners: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (d, (_, count)) in spellings {
        owners
            .entry(norm_dir(d))
            .or_insert_with(|| (d.to_string(), 0))
            .1 += count;
    }
    let mut missing_returns = Vec::new();
    for (key, (name, count)) in &owners {
        if !return_dirs.contains_key(key) {
            missing_returns.push(name.clone());
            findings.push(Finding::new(
                Code::M01,
                None,
                Some(name),
                vec![],
                format!(
                    "no return from {name}, which owns {count} action{} in the master plan",
                    if *count == 1 { "" } else { "s" }
                ),
            ));
        }
    }

    // --- merge: which rows report which action
    let mut merged: Vec<Merged> = (0..master.actions.len())
        .map(|i| Merged {
            action: i,
            reports: Vec::new(),
            primary: None,
            rag: None,
            revised: None,
            change_control: false,
            change_control_text: None,
            slip_days: None,
            overdue: false,
        })
        .collect();
    // Each return is matched against the master on its own core; the matches are then
    // recorded in return order, so the result does not depend on the threads.
    let matched: Vec<Matched> = returns
        .par_iter()
        .map(|ret| match_return(ret, &index))
        .collect();
    for (ri, (pairs, found)) in matched.into_iter().enumerate() {
        for (ai, rowi) in pairs {
            merged[ai].reports.push(RowRef { ret: ri, row: rowi });
        }
        findings.extend(found);
    }

    // --- per action rules
    let mut slippage = Vec::new();
    // The return of each owning directorate, by the master's spelling of its name.
    let mut owner_return: HashMap<&str, Option<usize>> = HashMap::new();
    for m in merged.iter_mut() {
        let action = &master.actions[m.action];
        if index.get(&action.id.value) != Some(&m.action) {
            continue; // a duplicate master row
        }
        let owner_sent = *owner_return
            .entry(action.directorate_text())
            .or_insert_with(|| {
                return_dirs
                    .get(&norm_dir(action.directorate_text()))
                    .copied()
            });
        m.primary = m
            .reports
            .iter()
            .find(|r| Some(r.ret) == owner_sent)
            .or(m.reports.first())
            .copied();

        if m.reports.is_empty() {
            let owner_sent = owner_sent.as_ref();
            let open = action.rag.as_ref().is_none_or(|r| r.value != Rag::Complete);
            if let (Some(&ri), true) = (owner_sent, open) {
                findings.push(Finding::new(
                    Code::M03,
                    Some(&action.id.value),
                    Some(&returns[ri].directorate),
                    vec![action.id.source.clone()],
                    format!(
                        "{} ({}) is owned by {} but is not in its return",
                        action.id.value,
                        short(action.title_text()),
                        returns[ri].directorate
                    ),
                ));
            }
            m.rag = action.rag.as_ref().map(|r| r.value);
            check_master_dates(action, m, ctx, month_start, &mut findings);
            continue;
        }
    }
    // The per-action rules are independent: run them on every core.
    let per_action: Vec<(Vec<Finding>, Vec<Slip>)> = merged
        .par_iter_mut()
        .with_min_len(256)
        .filter(|m| {
            !m.reports.is_empty()
                && index.get(&master.actions[m.action].id.value) == Some(&m.action)
        })
        .map(|m| {
            let (mut f, mut s) = (Vec::new(), Vec::new());
            check_action(
                &master.actions[m.action],
                m,
                returns,
                previous,
                ctx,
                month_start,
                &mut f,
                &mut s,
            );
            (f, s)
        })
        .collect();
    for (f, s) in per_action {
        findings.extend(f);
        slippage.extend(s);
    }

    sort_findings(&mut findings);
    Report {
        findings,
        merged,
        slippage,
        missing_returns,
    }
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(57).collect::<String>())
    }
}

fn row_content_eq(a: &ReturnRow, b: &ReturnRow) -> bool {
    fn v<T: PartialEq>(x: &Option<crate::model::Sourced<T>>) -> Option<&T> {
        x.as_ref().map(|s| &s.value)
    }
    v(&a.rag) == v(&b.rag)
        && v(&a.progress) == v(&b.progress)
        && v(&a.revised) == v(&b.revised)
        && v(&a.title) == v(&b.title)
        && v(&a.achievements) == v(&b.achievements)
        && v(&a.next_steps) == v(&b.next_steps)
        && v(&a.issues) == v(&b.issues)
        && v(&a.change_control) == v(&b.change_control)
        && v(&a.due) == v(&b.due)
}

/// Date checks for an action nobody reported on: overdue against the master due date.
fn check_master_dates(
    action: &Action,
    m: &mut Merged,
    _ctx: &DateContext,
    month_start: NaiveDate,
    findings: &mut Vec<Finding>,
) {
    let Some(due) = &action.due else { return };
    if due.value.is_unparsed() {
        findings.push(Finding::new(
            Code::D05,
            Some(&action.id.value),
            Some("Master plan"),
            vec![due.source.clone()],
            format!(
                "due date {:?} is not a date; write e.g. \"June 2023\" or 30/06/2023",
                due.value.text
            ),
        ));
        return;
    }
    if let Some(end) = due.value.end()
        && end < month_start
        && m.rag != Some(Rag::Complete)
    {
        m.overdue = true;
    }
}

#[allow(clippy::too_many_arguments)]
fn check_action(
    action: &Action,
    m: &mut Merged,
    returns: &[DirectorateReturn],
    previous: Option<&Previous>,
    ctx: &DateContext,
    month_start: NaiveDate,
    findings: &mut Vec<Finding>,
    slippage: &mut Vec<Slip>,
) {
    let id = &action.id.value;
    let Some(primary) = m.primary else { return };
    let pret = &returns[primary.ret];
    let prow = &pret.rows[primary.row];
    let dir = pret.directorate.as_str();

    // G04: rated differently by two returns.
    let rated: Vec<(Rag, &DirectorateReturn, &ReturnRow)> = m
        .reports
        .iter()
        .filter_map(|r| {
            returns[r.ret].rows[r.row]
                .rag
                .as_ref()
                .map(|g| (g.value, &returns[r.ret], &returns[r.ret].rows[r.row]))
        })
        .collect();
    if rated.iter().any(|(g, _, _)| *g != rated[0].0) {
        let who = rated
            .iter()
            .map(|(g, d, _)| format!("{g} by {}", d.directorate))
            .collect::<Vec<_>>()
            .join(", ");
        let others: Vec<&str> = rated
            .iter()
            .filter(|(_, d, _)| d.directorate != pret.directorate)
            .map(|(_, d, _)| d.directorate.as_str())
            .collect();
        let attributed = others.first().copied().unwrap_or(dir);
        findings.push(Finding::new(
            Code::G04,
            Some(id),
            Some(attributed),
            rated
                .iter()
                .filter_map(|(_, _, r)| r.rag.as_ref().map(|g| g.source.clone()))
                .collect(),
            format!("{id} is rated {who}; agree one rating"),
        ));
    }

    // M05: returns disagree on the revised date.
    let revs: Vec<(Option<PlanDate>, &DirectorateReturn, Source)> = m
        .reports
        .iter()
        .filter(|_| m.reports.len() > 1)
        .map(|r| {
            (
                revised_of(&returns[r.ret].rows[r.row], ctx).map(|x| x.0),
                &returns[r.ret],
                returns[r.ret].rows[r.row].source().clone(),
            )
        })
        .collect();
    if m.reports.len() > 1
        && revs
            .iter()
            .any(|(d, _, _)| d.as_ref().map(|x| x.span) != revs[0].0.as_ref().map(|x| x.span))
    {
        let who = revs
            .iter()
            .map(|(d, r, _)| {
                format!(
                    "{} says {}",
                    r.directorate,
                    d.as_ref()
                        .map(|x| x.text.as_str())
                        .unwrap_or("no revised date")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        findings.push(Finding::new(
            Code::M05,
            Some(id),
            Some(dir),
            revs.iter().map(|x| x.2.clone()).collect(),
            format!("returns disagree on {id}'s revised date: {who}"),
        ));
    }

    // F01-F03: field changes against the master (primary row).
    if let (Some(rt), Some(mt)) = (&prow.title, &action.title)
        && !same_words(&rt.value, &mt.value)
    {
        findings.push(
            Finding::new(
                Code::F01,
                Some(id),
                Some(dir),
                vec![rt.source.clone(), mt.source.clone()],
                format!("{id}'s action text differs from the master plan"),
            )
            .with_detail(word_diff(&mt.value, &rt.value)),
        );
    }
    if let (Some(ro), Some(mo)) = (&prow.owner, &action.owner)
        && !same_words(&ro.value, &mo.value)
    {
        findings.push(Finding::new(
            Code::F02,
            Some(id),
            Some(dir),
            vec![ro.source.clone(), mo.source.clone()],
            format!(
                "{id}'s owner is {:?} in the return but {:?} in the master plan",
                ro.value, mo.value
            ),
        ));
    }
    if let (Some(rt), Some(mt)) = (&prow.theme, action.theme())
        && Theme::parse(&rt.value) != Some(mt)
    {
        findings.push(Finding::new(
            Code::F03,
            Some(id),
            Some(dir),
            vec![rt.source.clone()],
            format!(
                "{id}'s theme is {:?} in the return but {mt} in the master plan",
                rt.value
            ),
        ));
    }

    // Dates.
    for d in [&prow.due, &prow.revised].into_iter().flatten() {
        if d.value.is_unparsed() && dates::revisions_in(&d.value.text, ctx).is_empty() {
            findings.push(Finding::new(
                Code::D05,
                Some(id),
                Some(dir),
                vec![d.source.clone()],
                format!(
                    "{:?} is not a date; write e.g. \"December 23\", \"Q3 2023/24\" or 31/12/2023",
                    d.value.text
                ),
            ));
        }
    }
    let master_due = action
        .due
        .as_ref()
        .map(|d| &d.value)
        .filter(|d| matches!(d.span, Span::Range { .. }));
    if let Some(d) = &action.due
        && d.value.is_unparsed()
    {
        findings.push(Finding::new(
            Code::D05,
            Some(id),
            Some("Master plan"),
            vec![d.source.clone()],
            format!("master due date {:?} is not a date", d.value.text),
        ));
    }
    // The officer may have overwritten the due date in place: treat a later stated due as a revision.
    let stated_due = prow.due.as_ref().filter(|d| {
        matches!(d.value.span, Span::Range { .. })
            && master_due.is_some_and(|md| d.value.end() > md.end())
    });
    let revised = revised_of(prow, ctx)
        .or_else(|| stated_due.map(|d| (d.value.clone(), d.source.clone(), false)));
    let (mut cc, cc_text) = change_control_of(prow);
    if revised.as_ref().is_some_and(|r| r.2) {
        cc = true;
    }
    let rag = prow.rag.as_ref().map(|r| r.value);
    m.rag = rag.or(action.rag.as_ref().map(|r| r.value));
    m.change_control = cc;
    m.change_control_text = cc_text.clone();
    m.revised = revised.as_ref().map(|r| r.0.clone());

    let mut slipped_no_cc = false;
    let mut slipped = false;
    if let (Some(md), Some((rev, rsrc, _))) = (master_due, &revised)
        && let (Some(mend), Some(rend), Some(mstart)) = (md.end(), rev.end(), md.start())
    {
        if rend > mend {
            slipped = true;
            let days = (rend - mend).num_days();
            m.slip_days = Some(days);
            let msg = format!(
                "{id} due {} now {} ({} later)",
                md.text,
                rev.text,
                describe_days(days)
            );
            slippage.push(Slip {
                action: id.clone(),
                owner: action.directorate_text().to_string(),
                original: md.clone(),
                revised: rev.clone(),
                days,
                change_control: cc,
                change_control_text: cc_text.clone(),
                source: rsrc.clone(),
            });
            if cc {
                findings.push(
                    Finding::new(
                        Code::D02,
                        Some(id),
                        Some(dir),
                        vec![rsrc.clone()],
                        format!("{msg}, with change control"),
                    )
                    .with_detail(cc_text.clone().unwrap_or_default()),
                );
            } else {
                slipped_no_cc = true;
                findings.push(Finding::new(
                    Code::D01,
                    Some(id),
                    Some(dir),
                    vec![rsrc.clone()],
                    format!("{msg} with no change control recorded; record the change control or restore the date"),
                ));
            }
        } else if rend < mstart {
            findings.push(Finding::new(
                Code::D04,
                Some(id),
                Some(dir),
                vec![rsrc.clone()],
                format!("{id} due {} now {} (earlier)", md.text, rev.text),
            ));
        }
    }
    let effective_end = revised
        .as_ref()
        .and_then(|r| r.0.end())
        .or(master_due.and_then(|d| d.end()));
    let overdue = effective_end.is_some_and(|e| e < month_start) && m.rag != Some(Rag::Complete);
    m.overdue = overdue;
    if overdue {
        let due_text = revised
            .as_ref()
            .map(|r| r.0.text.clone())
            .or(master_due.map(|d| d.text.clone()))
            .unwrap_or_default();
        let src = revised
            .as_ref()
            .map(|r| r.1.clone())
            .or(action.due.as_ref().map(|d| d.source.clone()))
            .unwrap_or_else(|| prow.source().clone());
        findings.push(Finding::new(
            Code::D03,
            Some(id),
            Some(dir),
            vec![src],
            format!(
                "{id} was due {due_text} and is not Complete in {}",
                ctx.report_month.format("%B %Y")
            ),
        ));
    }

    // RAG rules.
    let rag_src = prow
        .rag
        .as_ref()
        .map(|r| r.source.clone())
        .unwrap_or_else(|| prow.source().clone());
    let mut g01 = false;
    match rag {
        None => {
            let unreadable =
                pret.table.notes.iter().any(|n| {
                    n.kind == NoteKind::UnreadableRag && n.source.row == prow.source().row
                });
            if !unreadable {
                findings.push(Finding::new(
                    Code::G08,
                    Some(id),
                    Some(dir),
                    vec![prow.source().clone()],
                    format!("{id} has no RAG rating"),
                ));
            }
        }
        Some(Rag::Green) if overdue || slipped_no_cc => {
            g01 = true;
            let why = if overdue {
                "overdue"
            } else {
                "slipped without change control"
            };
            findings.push(Finding::new(
                Code::G01,
                Some(id),
                Some(dir),
                vec![rag_src.clone()],
                format!("{id} is rated Green but is {why}; re-rate it or record a change control"),
            ));
        }
        Some(Rag::Complete) => {
            for t in [&prow.progress, &prow.issues, &prow.next_steps]
                .into_iter()
                .flatten()
            {
                if let Some(word) = speaks_of_delay(&t.value) {
                    findings.push(
                        Finding::new(
                            Code::G02,
                            Some(id),
                            Some(dir),
                            vec![rag_src.clone(), t.source.clone()],
                            format!("{id} is rated Complete but its commentary says {word:?}; confirm it is complete"),
                        )
                        .with_detail(t.value.clone()),
                    );
                    break;
                }
            }
        }
        Some(Rag::Red | Rag::Amber)
            if prow.progress.is_none()
                && !pret.table.notes.iter().any(|n| {
                    n.kind == NoteKind::CellError && n.source.row == prow.source().row
                }) =>
        {
            findings.push(Finding::new(
                Code::G03,
                Some(id),
                Some(dir),
                vec![rag_src.clone()],
                format!(
                    "{id} is rated {} with no progress commentary; Cabinet needs the reason",
                    rag.map(|r| r.label()).unwrap_or("")
                ),
            ));
        }
        _ => {}
    }

    // G05, G06, P01-P04: against last month (or the master's baseline RAG).
    let prev = previous.and_then(|p| p.actions.get(id));
    let baseline = prev
        .and_then(|p| p.rag)
        .or(action.rag.as_ref().map(|r| r.value));
    if let (Some(now), Some(before)) = (rag, baseline)
        && now != before
        && prow.progress.is_none()
    {
        findings.push(Finding::new(
            Code::G05,
            Some(id),
            Some(dir),
            vec![rag_src.clone()],
            format!("{id} moved from {before} to {now} with no progress commentary to explain it"),
        ));
    }
    match prev {
        Some(p) => {
            let date_moved = match (&p.revised, &revised) {
                (Some(a), Some(b)) => a.span != b.0.span,
                (None, Some(_)) => true,
                _ => false,
            };
            if date_moved && rag.is_some() && rag == p.rag && rag != Some(Rag::Complete) {
                findings.push(Finding::new(
                    Code::G06,
                    Some(id),
                    Some(dir),
                    vec![rag_src.clone()],
                    format!(
                        "{id}'s date moved this month but its RAG stayed {}",
                        rag.map(|r| r.label()).unwrap_or("")
                    ),
                ));
            }
            if let (Some(now), Some(before)) = (rag, p.rag) {
                if now == Rag::Complete && before != Rag::Complete {
                    findings.push(Finding::new(
                        Code::P03,
                        Some(id),
                        Some(dir),
                        vec![rag_src.clone()],
                        format!("{id} is newly Complete (was {before})"),
                    ));
                } else if now.rank() < before.rank() {
                    findings.push(Finding::new(
                        Code::P01,
                        Some(id),
                        Some(dir),
                        vec![rag_src.clone()],
                        format!("{id} improved from {before} to {now}"),
                    ));
                } else if now.rank() > before.rank() {
                    findings.push(Finding::new(
                        Code::P02,
                        Some(id),
                        Some(dir),
                        vec![rag_src.clone()],
                        format!("{id} declined from {before} to {now}"),
                    ));
                }
            }
            let prev_end = p
                .revised
                .as_ref()
                .and_then(|d| d.end())
                .or(master_due.and_then(|d| d.end()));
            if let (Some((rev, src, _)), Some(pe)) = (&revised, prev_end)
                && rev.end().is_some_and(|e| e > pe)
            {
                findings.push(Finding::new(
                    Code::P04,
                    Some(id),
                    Some(dir),
                    vec![src.clone()],
                    format!(
                        "{id} slipped again this month: now {} (last month {})",
                        rev.text,
                        p.revised
                            .as_ref()
                            .map(|d| d.text.as_str())
                            .unwrap_or("the master date")
                    ),
                ));
            }
        }
        None => {
            if slipped && rag == Some(Rag::Green) && baseline == Some(Rag::Green) && cc {
                findings.push(Finding::new(
                    Code::G06,
                    Some(id),
                    Some(dir),
                    vec![rag_src.clone()],
                    format!(
                        "{id} was re-dated to {} but is still rated Green",
                        m.revised.as_ref().map(|d| d.text.as_str()).unwrap_or("")
                    ),
                ));
            }
        }
    }

    // G07: stated better than derived.
    if !g01 && let Some(stated @ (Rag::Green | Rag::Amber)) = rag {
        let derived = if overdue {
            Rag::Red
        } else if slipped_no_cc {
            Rag::Amber
        } else {
            Rag::Green
        };
        if derived.rank() > stated.rank() {
            findings.push(Finding::new(
                Code::G07,
                Some(id),
                Some(dir),
                vec![rag_src],
                format!(
                    "{id} is rated {stated} but its dates imply {derived} ({})",
                    if overdue {
                        "overdue"
                    } else {
                        "slipped without change control"
                    }
                ),
            ));
        }
    }
}

/// "184 days (6 months)".
pub fn describe_days(days: i64) -> String {
    let months = (days as f64 / 30.44).round() as i64;
    if months >= 1 {
        format!(
            "{days} days, about {months} month{}",
            if months == 1 { "" } else { "s" }
        )
    } else {
        format!("{days} day{}", if days == 1 { "" } else { "s" })
    }
}

/// Stable order: by directorate, then action, then code, then first source.
pub fn sort_findings(f: &mut [Finding]) {
    f.sort_by(|a, b| {
        (
            a.directorate.as_deref().unwrap_or(""),
            &a.action,
            a.code,
            a.sources.first(),
        )
            .cmp(&(
                b.directorate.as_deref().unwrap_or(""),
                &b.action,
                b.code,
                b.sources.first(),
            ))
    });
}

#[cfg(test)]
mod tests;
