//! The rule registry: every rule, in the order of the catalogue.
//!
//! A rule is declared once, in the file of its family under `rules/`, with `rule!`: its doc
//! comment becomes both the Rust documentation and the text of `plan-recon explain` (the
//! first line is the summary in README's table). The list of codes by family is written once,
//! in `code.rs` (`with_registry!`), which gives [`Code::rule`] here.

use super::code::{Code, with_registry};
use super::rule::Rule;
use super::rules;

macro_rules! map_rules {
    ($($family:ident: $($code:ident),+;)+) => {
        impl Code {
            /// The rule declared for this code.
            pub fn rule(self) -> &'static Rule {
                match self {
                    $($(Code::$code => &rules::$family::$code),+),+
                }
            }
        }
    };
}

with_registry!(map_rules);

impl Code {
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
    fn every_rule_declared_in_a_family_file_is_in_the_registry() {
        let families = [
            ('R', include_str!("rules/reading.rs")),
            ('M', include_str!("rules/matching.rs")),
            ('F', include_str!("rules/fields.rs")),
            ('D', include_str!("rules/dates.rs")),
            ('G', include_str!("rules/ratings.rs")),
            ('P', include_str!("rules/progress.rs")),
        ];
        for (letter, text) in families {
            let declared = text.matches("\nrule! {").count();
            let listed = Code::ALL
                .iter()
                .filter(|c| c.to_string().starts_with(letter))
                .count();
            assert_eq!(
                declared, listed,
                "{letter}: rule! declarations vs registry! codes"
            );
        }
        let letters: std::collections::BTreeSet<char> = Code::ALL
            .iter()
            .filter_map(|c| c.to_string().chars().next())
            .collect();
        assert_eq!(letters.len(), families.len(), "a family file per letter");
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
