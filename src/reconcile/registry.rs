//! The rule registry: every rule's code, name, default severity, explanation and check.
//!
//! A rule is declared once, in the file of its family under `rules/`, with [`rule!`]: its
//! doc comment becomes both the Rust documentation and the text of `plan-recon explain`
//! (the first line is the summary in README's table). [`Code::rule`] maps each code to its
//! declaration with an exhaustive `match`, so a code without a rule does not compile.

use std::fmt;

use serde::Serialize;

use super::finding::{Finding, Severity};
use super::rules::{self, ActionCx, Cx};

/// Declare the codes once: the enum and [`Code::ALL`] come from the same list.
macro_rules! codes {
    ($($code:ident),+ $(,)?) => {
        /// A rule's code. The letter is the family: R reading, M matching returns to the
        /// master, F fields changed, D dates, G ratings, P progress since last month.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($code),+
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            pub const ALL: &[Code] = &[$(Code::$code),+];
        }
    };
}

codes! {
    R01, R02, R03, R04, R05, R06, R07,
    M01, M02, M03, M04, M05, M06,
    F01, F02, F03,
    D01, D02, D03, D04, D05,
    G01, G02, G03, G04, G05, G06, G07, G08,
    P01, P02, P03, P04,
}

/// How a rule looks at the month.
#[derive(Clone, Copy)]
pub enum Check {
    /// Once for the whole month: reading notes, missing returns, unknown ids.
    Month(fn(&Cx, &mut Vec<Finding>)),
    /// Once for each action of the master plan (a repeated master row is not an action).
    Action(fn(&ActionCx, &mut Vec<Finding>)),
}

/// One rule of the registry.
pub struct Rule {
    pub code: Code,
    /// A short kebab-case name, e.g. `slipped-no-change-control`.
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's doc comment, one line per source line.
    pub doc: &'static str,
    pub check: Check,
}

impl Rule {
    /// The first paragraph of the doc, on one line, without its full stop.
    pub fn summary(&self) -> String {
        let first: Vec<&str> = self
            .doc
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty())
            .collect();
        first.join(" ").trim_end_matches('.').to_string()
    }

    /// The whole explanation, as `plan-recon explain` prints it.
    pub fn explanation(&self) -> String {
        let body: Vec<&str> = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        format!(
            "{} {} ({})\n\n{}\n",
            self.code,
            self.name,
            self.severity,
            body.join("\n").trim()
        )
    }
}

/// Declare a rule: its doc comment, code, name, default severity, and check function.
///
/// ```text
/// rule! {
///     /// A revised date later than the master due date with no change control recorded.
///     D01 "slipped-no-change-control" Error Action(slipped_without_change_control)
/// }
/// ```
macro_rules! rule {
    ($(#[doc = $doc:literal])+ $code:ident $name:literal $sev:ident $scope:ident($check:path)) => {
        $(#[doc = $doc])+
        pub const $code: $crate::reconcile::registry::Rule = $crate::reconcile::registry::Rule {
            code: $crate::reconcile::registry::Code::$code,
            name: $name,
            severity: $crate::reconcile::finding::Severity::$sev,
            doc: concat!($($doc, "\n"),+),
            check: $crate::reconcile::registry::Check::$scope($check),
        };
    };
}
pub(crate) use rule;

impl Code {
    /// The rule declared for this code.
    pub fn rule(self) -> &'static Rule {
        use rules::reading as r;
        use rules::{dates as d, fields as f, matching as m, progress as p, ratings as g};
        match self {
            Code::R01 => &r::R01,
            Code::R02 => &r::R02,
            Code::R03 => &r::R03,
            Code::R04 => &r::R04,
            Code::R05 => &r::R05,
            Code::R06 => &r::R06,
            Code::R07 => &r::R07,
            Code::M01 => &m::M01,
            Code::M02 => &m::M02,
            Code::M03 => &m::M03,
            Code::M04 => &m::M04,
            Code::M05 => &m::M05,
            Code::M06 => &m::M06,
            Code::F01 => &f::F01,
            Code::F02 => &f::F02,
            Code::F03 => &f::F03,
            Code::D01 => &d::D01,
            Code::D02 => &d::D02,
            Code::D03 => &d::D03,
            Code::D04 => &d::D04,
            Code::D05 => &d::D05,
            Code::G01 => &g::G01,
            Code::G02 => &g::G02,
            Code::G03 => &g::G03,
            Code::G04 => &g::G04,
            Code::G05 => &g::G05,
            Code::G06 => &g::G06,
            Code::G07 => &g::G07,
            Code::G08 => &g::G08,
            Code::P01 => &p::P01,
            Code::P02 => &p::P02,
            Code::P03 => &p::P03,
            Code::P04 => &p::P04,
        }
    }

    pub fn name(self) -> &'static str {
        self.rule().name
    }

    /// The code written as in findings and README, e.g. `D01`, in any case.
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.to_string().eq_ignore_ascii_case(t) || c.name().eq_ignore_ascii_case(t))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Every rule, in the order of the catalogue.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    Code::ALL.iter().copied().map(Code::rule)
}

/// README's rules table, as generated from the registry.
pub fn readme_table() -> String {
    let mut s = String::from("| code | name | severity | checks |\n|---|---|---|---|\n");
    for r in rules() {
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity,
            r.summary()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_maps_to_its_own_rule_once() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in Code::ALL {
            assert_eq!(c.rule().code, c, "{c} is declared under another code");
            assert!(seen.insert(c), "{c} listed twice in Code::ALL");
            assert!(!c.rule().summary().is_empty(), "{c} has no doc comment");
        }
        let names: std::collections::BTreeSet<&str> = rules().map(|r| r.name).collect();
        assert_eq!(names.len(), Code::ALL.len(), "rule names must be distinct");
    }

    #[test]
    fn codes_parse_by_code_or_name() {
        assert_eq!(Code::parse("d01"), Some(Code::D01));
        assert_eq!(Code::parse("slipped-no-change-control"), Some(Code::D01));
        assert_eq!(Code::parse("Z99"), None);
    }

    #[test]
    fn readme_rules_table_is_generated_from_the_registry() {
        let readme = include_str!("../../README.md");
        let table = readme_table();
        assert!(
            readme.contains(&table),
            "README's rules table is out of date; replace it with:\n{table}"
        );
    }
}
