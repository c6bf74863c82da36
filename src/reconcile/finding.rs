//! What the rules produce: findings, their severity, and who must act on them.

use std::fmt;

use serde::Serialize;

use super::code::Code;
use crate::model::{ActionId, Source};

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

/// Who must act on a finding: whoever keeps the master plan, or a directorate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Party {
    Master,
    Directorate(String),
}

impl Party {
    /// The name findings are grouped and sorted by: "Master plan" or the directorate.
    pub fn name(&self) -> &str {
        match self {
            Party::Master => "Master plan",
            Party::Directorate(d) => d,
        }
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<&str> for Party {
    fn from(d: &str) -> Party {
        Party::Directorate(d.to_string())
    }
}

/// One thing the policy officer should look at.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub action: Option<ActionId>,
    pub party: Party,
    /// The cells to look at, most relevant first.
    pub sources: Vec<Source>,
    pub message: String,
    /// A longer text: the commentary quoted, a word diff.
    pub detail: Option<String>,
}

impl Finding {
    /// Quote a longer text with the finding: the commentary, a word diff.
    pub fn set_detail(&mut self, d: String) -> &mut Finding {
        self.detail = Some(d);
        self
    }

    /// Raise or lower the finding from its rule's default severity.
    pub fn set_severity(&mut self, s: Severity) -> &mut Finding {
        self.severity = s;
        self
    }
}

/// The one order of findings, everywhere they are listed (the terminal report, `--json`, the
/// checks workbook, each chase pack): by directorate, so that each can be sent its own;
/// errors first within one; then action, code and first source. Stable: findings that
/// compare equal keep the order the rules gave them.
pub fn sort_findings(f: &mut [Finding]) {
    use rayon::slice::ParallelSliceMut;
    // The positions are sorted, then the findings put in place: a sort's scratch space is
    // 8 bytes a finding this way, not 136 (10 MB on a bad month).
    type Key<'a> = (
        &'a str,
        std::cmp::Reverse<Severity>,
        &'a Option<ActionId>,
        Code,
        Option<&'a Source>,
    );
    fn key(x: &Finding) -> Key<'_> {
        (
            x.party.name(),
            std::cmp::Reverse(x.severity),
            &x.action,
            x.code,
            x.sources.first(),
        )
    }
    let mut order: Vec<usize> = (0..f.len()).collect();
    // Stable, as `sort_by`: findings that compare equal keep the order the rules gave them.
    order.par_sort_by(|&a, &b| key(&f[a]).cmp(&key(&f[b])));
    permute(f, &mut order);
}

/// Put `items[order[i]]` at `i` for every `i`, in place, one cycle of the permutation at a
/// time (`order` is left as the identity).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut j = start;
        while order[j] != j {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn permuting_in_place_is_indexing(mut order in Just((0..40usize).collect::<Vec<_>>()).prop_shuffle()) {
            let items: Vec<u32> = (100..140).collect();
            let want: Vec<u32> = order.iter().map(|&i| items[i]).collect();
            let mut got = items.clone();
            permute(&mut got, &mut order);
            prop_assert_eq!(got, want);
        }
    }
}
