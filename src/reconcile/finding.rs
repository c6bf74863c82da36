//! What the rules produce: findings, their severity, and who must act on them.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;

use super::registry::Code;
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
    /// A finding of `code` at the rule's default severity.
    pub fn new(
        code: Code,
        action: Option<&ActionId>,
        party: impl Into<Party>,
        sources: Vec<Source>,
        message: String,
    ) -> Finding {
        Finding {
            code,
            severity: code.rule().severity,
            action: action.cloned(),
            party: party.into(),
            sources,
            message,
            detail: None,
        }
    }

    pub fn with_detail(mut self, d: String) -> Finding {
        self.detail = Some(d);
        self
    }

    pub fn with_severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }
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

/// Stable order: by directorate, then action, then code, then first source.
pub fn sort_findings(f: &mut [Finding]) {
    f.sort_by(|a, b| {
        (a.party.name(), &a.action, a.code, a.sources.first()).cmp(&(
            b.party.name(),
            &b.action,
            b.code,
            b.sources.first(),
        ))
    });
}
