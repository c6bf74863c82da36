//! The officers' narrative: per theme and per recommendation, the Summary, Progress this
//! month, Next steps and Issues raised that officers write for Cabinet (the reference
//! appendices' "Focus 1"), and the layout of plan-recon's own form that carries it
//! (`narrative` writes it pre-filled; `appendix --narrative` reads it back with
//! `read::read_narrative`).

use std::collections::BTreeMap;

use super::{MasterPlan, Themes, natural_cmp};

/// The narrative workbook's sheet.
pub const SHEET: &str = "Narrative";

/// The table's columns, in the order the template writes them.
pub const COLUMNS: [&str; 6] = [
    "Section",
    "Name",
    "Summary",
    "Progress this month",
    "Next steps",
    "Issues raised",
];

/// The row (0-based) of the table's header in the template, and of the month cell.
pub const HEADER_ROW: u32 = 3;
pub const MONTH_ROW: u32 = 1;

/// What officers wrote for one theme or recommendation; an empty section is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    pub summary: String,
    pub progress: String,
    pub next_steps: String,
    pub issues: String,
}

impl Sections {
    /// Each section's heading and text, in print order, empty ones left out.
    pub fn parts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("Summary", self.summary.as_str()),
            ("Progress this month:", self.progress.as_str()),
            ("Next steps:", self.next_steps.as_str()),
            ("Issues raised:", self.issues.as_str()),
        ]
        .into_iter()
        .filter(|(_, t)| !t.trim().is_empty())
    }
}

/// A name as compared: case and spacing ignored.
pub(crate) fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A month's narrative, by theme (as the plan names it) and by recommendation code.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub file: String,
    pub themes: BTreeMap<String, Sections>,
    pub recommendations: BTreeMap<String, Sections>,
}

impl Narrative {
    /// The narrative of the theme the plan names `name`.
    pub fn theme(&self, name: &str) -> Option<&Sections> {
        self.themes.get(name)
    }
    /// The narrative of recommendation `code`.
    pub fn recommendation(&self, code: &str) -> Option<&Sections> {
        self.recommendations.get(&key(code))
    }
}

/// The plan's names a narrative may use: its themes, and its recommendation codes (with
/// their text, for the form).
pub struct Names<'a> {
    pub themes: &'a Themes,
    pub recommendations: Vec<String>,
    /// What the council calls them ("Theme", "Direction"), for the Section column.
    pub theme_label: &'a str,
    pub recommendation_label: &'a str,
}

impl<'a> Names<'a> {
    pub fn of(master: &'a MasterPlan) -> Names<'a> {
        Names {
            themes: &master.themes,
            recommendations: recommendation_codes(master),
            theme_label: &master.labels.theme,
            recommendation_label: &master.labels.recommendation,
        }
    }
}

/// The recommendation codes the plan's actions name, in natural order (S1, S2, ..., S10).
pub fn recommendation_codes(master: &MasterPlan) -> Vec<String> {
    let distinct: std::collections::BTreeSet<&str> = master
        .actions
        .iter()
        .filter_map(|a| a.recommendation.as_ref().map(|r| r.value.as_str()))
        .collect();
    let mut codes: Vec<String> = distinct.into_iter().map(str::to_string).collect();
    codes.sort_by(|a, b| natural_cmp(a, b));
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sections_are_left_out() {
        let s = Sections {
            summary: "On course.".into(),
            issues: "  ".into(),
            ..Sections::default()
        };
        let parts: Vec<_> = s.parts().map(|(h, _)| h).collect();
        assert_eq!(parts, ["Summary"]);
    }
}
