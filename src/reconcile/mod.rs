//! Reconciliation: the month's status, then every rule of the registry, then findings in a
//! stable order.
//!
//! The rules live one file per family under `rules/` and are listed in `registry.rs`;
//! README's rules table is generated from the registry (a test checks it). To add a rule:
//! add its code to `codes!` in `registry.rs`, declare it with `rule!` in its family's file
//! (doc comment, code, name, severity, check function), map the code to it in
//! [`Code::rule`], and give it a test in `tests.rs` that fires and one that does not.

mod code;
mod context;
mod finding;
mod nearest;
mod registry;
mod rule;
pub mod rules;
#[cfg(test)]
mod tests;

use std::collections::LinkedList;

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::load::{Loaded, Month};
use crate::status::{self, ActionStatus, MonthStatus};

pub use code::Code;
pub use context::{ActionCx, Cx};
pub use finding::{Finding, Party, Severity, sort_findings};
pub use registry::{readme_table, rules as all_rules};
pub use rule::{Check, Out, Rule};

/// Everything reconciliation produces.
#[derive(Debug, Clone)]
pub struct Report {
    pub status: MonthStatus,
    pub findings: Vec<Finding>,
}

impl Report {
    /// (errors, warnings, info)
    pub fn counts(&self) -> (usize, usize, usize) {
        let c = Counts::of(&self.findings);
        (c.errors, c.warnings, c.info)
    }
}

/// Compute the month's status and run every rule on it.
pub fn reconcile(loaded: &Loaded) -> Report {
    reconcile_month(&loaded.month())
}

/// [`reconcile`] on borrowed parts.
pub fn reconcile_month(month: &Month) -> Report {
    let status = month_status(month);
    let findings = run_rules(month, &status);
    Report { status, findings }
}

/// The month's status, with each action's history from last month: what the rules check
/// and the appendix shows.
pub fn month_status(month: &Month) -> MonthStatus {
    let mut status = status::compute(month.master, month.returns, month.ctx);
    status::history::fill(
        &mut status.actions,
        &month.master.actions,
        month.previous,
        month.ctx,
    );
    status
}

/// The rules of the registry, month rules and action rules apart.
type Checks = (
    Vec<(&'static Rule, fn(&Cx, &mut Out))>,
    Vec<(&'static Rule, fn(&ActionCx, &mut Out))>,
);

fn checks() -> Checks {
    let (mut month_checks, mut action_checks) = (Vec::new(), Vec::new());
    for rule in all_rules() {
        match rule.check {
            Check::Month(check) => month_checks.push((rule, check)),
            Check::Action(check) => action_checks.push((rule, check)),
        }
    }
    (month_checks, action_checks)
}

/// Run the month rules once, into `out`.
fn month_rules(cx: &Cx, checks: &Checks, out: &mut Vec<Finding>) {
    for &(rule, check) in &checks.0 {
        check(cx, &mut Out::new(rule, out));
    }
}

/// Run the action rules on one action, into `out`.
fn action_rules(cx: &Cx, checks: &Checks, s: &ActionStatus, out: &mut Vec<Finding>) {
    let acx = ActionCx {
        cx,
        action: &cx.month.master.actions[s.action],
        status: s,
    };
    for &(rule, check) in &checks.1 {
        check(&acx, &mut Out::new(rule, out));
    }
}

/// Run the month rules once and the action rules for every action (on every core), then
/// sort the findings.
pub fn run_rules(month: &Month, status: &MonthStatus) -> Vec<Finding> {
    let cx = Cx { month, status };
    let checks = checks();
    // The month rules (one pass each, some long: M02's suggestions) beside the action
    // rules; the findings are sorted after, so the order they arrive in does not matter.
    let (month_findings, action_findings) = rayon::join(
        || {
            let mut findings = Vec::new();
            month_rules(&cx, &checks, &mut findings);
            findings
        },
        || {
            status
                .actions
                .par_iter()
                .with_min_len(256)
                .filter(|s| s.duplicate_of.is_none())
                .fold(Vec::new, |mut out, s| {
                    action_rules(&cx, &checks, s, &mut out);
                    out
                })
                .collect::<LinkedList<Vec<Finding>>>()
        },
    );
    // One vector of them all, each part moved in and freed in turn: a bad month's 75,000
    // findings are held about once, not two or three times over.
    let total = month_findings.len() + action_findings.iter().map(Vec::len).sum::<usize>();
    let mut findings = Vec::with_capacity(total);
    findings.extend(month_findings);
    for part in action_findings {
        findings.extend(part);
    }
    sort_findings(&mut findings);
    findings
}

/// How many findings there are of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let n = |s| findings.iter().filter(|f| f.severity == s).count();
        Counts {
            errors: n(Severity::Error),
            warnings: n(Severity::Warning),
            info: n(Severity::Info),
        }
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.info
    }

    fn add(self, o: Counts) -> Counts {
        Counts {
            errors: self.errors + o.errors,
            warnings: self.warnings + o.warnings,
            info: self.info + o.info,
        }
    }
}

/// The findings [`run_rules`] would give, counted, without keeping them: what a run that
/// writes the appendix reports. Each action's findings are counted and dropped as they
/// come, so a bad month's 75,000 are never held at once, nor sorted.
pub fn count_findings(month: &Month, status: &MonthStatus) -> Counts {
    let cx = Cx { month, status };
    let checks = checks();
    let (of_month, of_actions) = rayon::join(
        || {
            let mut findings = Vec::new();
            month_rules(&cx, &checks, &mut findings);
            Counts::of(&findings)
        },
        || {
            status
                .actions
                .par_iter()
                .with_min_len(256)
                .filter(|s| s.duplicate_of.is_none())
                .fold(
                    || (Counts::default(), Vec::new()),
                    |(counts, mut out), s| {
                        out.clear();
                        action_rules(&cx, &checks, s, &mut out);
                        (counts.add(Counts::of(&out)), out)
                    },
                )
                .map(|(counts, _)| counts)
                .reduce(Counts::default, Counts::add)
        },
    );
    of_month.add(of_actions)
}

/// The JSON of a finding (`reconcile --json`): `code`, `rule` (its name), `severity`,
/// `action`, `directorate` (or "Master plan"), `sources` (file, sheet, cell), `message`,
/// and `detail` when there is one.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 8)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("rule", self.code.name())?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("directorate", self.party.name())?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("message", &self.message)?;
        if let Some(d) = &self.detail {
            st.serialize_field("detail", d)?;
        }
        st.end()
    }
}
