//! Reconciliation: every rule of the registry on the month's status, then findings in a
//! stable order.
//!
//! The rules live one file per family under `rules/`; the one list of codes is
//! `with_registry!` in `code.rs`, and README's rules table is generated from it (a test
//! checks it). To add a rule: add its code to its family in `with_registry!`, declare it
//! with `rule!` in the family's file (doc comment, code, name, severity, check function), and
//! give it a firing and a quiet case in the family's `CASES` (`rules/<family>/tests.rs`);
//! `testkit` fails for a code without both.

mod code;
mod context;
mod finding;
mod nearest;
mod registry;
mod rule;
mod rules;
#[cfg(test)]
pub(crate) mod testkit;

use std::collections::LinkedList;

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::load::{Loaded, Month};
use crate::status::{self, ActionView, MonthStatus};

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
    let status = status::compute(month);
    let findings = run_rules(month, &status);
    Report { status, findings }
}

/// Run the month rules once and the action rules for every action (on every core), then
/// sort the findings.
pub fn run_rules(month: &Month, status: &MonthStatus) -> Vec<Finding> {
    let (month_findings, parts) =
        run_each(month, status, Vec::new, |kept, found| kept.append(found));
    // One vector of them all, each part moved in and freed in turn: a bad month's 75,000
    // findings are held about once, not two or three times over.
    let total = month_findings.len() + parts.iter().map(Vec::len).sum::<usize>();
    let mut findings = Vec::with_capacity(total);
    findings.extend(month_findings);
    for part in parts {
        findings.extend(part);
    }
    sort_findings(&mut findings);
    findings
}

/// Every rule of the registry: the month rules once, beside the action rules for every
/// action (on every core). Each action's findings are handed to `keep` as they come, into
/// one `A` per run of actions; returns the month rules' findings and those `A`s in action
/// order. (The findings are sorted after, so the order the two halves finish in does not
/// matter.)
fn run_each<A: Send>(
    month: &Month,
    status: &MonthStatus,
    init: impl Fn() -> A + Sync + Send,
    keep: impl Fn(&mut A, &mut Vec<Finding>) + Sync + Send,
) -> (Vec<Finding>, LinkedList<A>) {
    let cx = Cx { month, status };
    let (mut month_checks, mut action_checks) = (Vec::new(), Vec::new());
    for rule in all_rules() {
        match rule.check {
            Check::Month(check) => month_checks.push((rule, check)),
            Check::Action(check) => action_checks.push((rule, check)),
        }
    }
    rayon::join(
        || {
            let mut findings = Vec::new();
            for &(rule, check) in &month_checks {
                check(&cx, &mut Out::new(rule, &mut findings));
            }
            findings
        },
        || {
            status
                .actions
                .par_iter()
                .with_min_len(256)
                .filter(|s| s.duplicate_of.is_none())
                .fold(
                    || (init(), Vec::new()),
                    |(mut kept, mut found), s| {
                        let acx = ActionCx {
                            cx: &cx,
                            view: ActionView::of(month, s),
                        };
                        for &(rule, check) in &action_checks {
                            check(&acx, &mut Out::new(rule, &mut found));
                        }
                        keep(&mut kept, &mut found);
                        found.clear();
                        (kept, found)
                    },
                )
                .map(|(kept, _)| kept)
                .collect()
        },
    )
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
    let (month_findings, parts) = run_each(month, status, Counts::default, |counts, found| {
        *counts = counts.add(Counts::of(found))
    });
    parts
        .into_iter()
        .fold(Counts::of(&month_findings), Counts::add)
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
