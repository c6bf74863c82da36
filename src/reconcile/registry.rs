//! The rule registry: every rule, in the order of the catalogue.
//!
//! A rule is declared once, in the file of its family under `rules/`, with `rule!`: its doc
//! comment becomes both the Rust documentation and the text of `plan-recon explain` (the
//! first line is the summary in README's table). [`Code::rule`] maps each code to its
//! declaration with an exhaustive `match`, so a code without a rule does not compile.

use super::code::Code;
use super::rule::Rule;
use super::rules;

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
            Code::R08 => &r::R08,
            Code::R09 => &r::R09,
            Code::R10 => &r::R10,
            Code::R11 => &r::R11,
            Code::R12 => &r::R12,
            Code::R13 => &r::R13,
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
            Code::P05 => &p::P05,
            Code::P06 => &p::P06,
            Code::P07 => &p::P07,
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
