//! The plan's themes.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalise_words;

/// The six improvement plan themes, in the order Cabinet reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Theme {
    OrganisationalCulture,
    CorporateOversight,
    StrategicDirection,
    DecisionMaking,
    ProcurementCommercial,
    PartnershipsRelationships,
}

impl Theme {
    pub const ALL: [Theme; 6] = [
        Theme::OrganisationalCulture,
        Theme::CorporateOversight,
        Theme::StrategicDirection,
        Theme::DecisionMaking,
        Theme::ProcurementCommercial,
        Theme::PartnershipsRelationships,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "Organisational Culture",
            Theme::CorporateOversight => "Corporate Oversight",
            Theme::StrategicDirection => "Strategic Direction",
            Theme::DecisionMaking => "Decision Making",
            Theme::ProcurementCommercial => "Procurement & Commercial",
            Theme::PartnershipsRelationships => "Partnerships & Relationships",
        }
    }

    /// The name as [`normalise_words`] gives it.
    fn normalised(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "organisational culture",
            Theme::CorporateOversight => "corporate oversight",
            Theme::StrategicDirection => "strategic direction",
            Theme::DecisionMaking => "decision making",
            Theme::ProcurementCommercial => "procurement and commercial",
            Theme::PartnershipsRelationships => "partnerships and relationships",
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "OC",
            Theme::CorporateOversight => "CO",
            Theme::StrategicDirection => "SD",
            Theme::DecisionMaking => "DM",
            Theme::ProcurementCommercial => "PC",
            Theme::PartnershipsRelationships => "PR",
        }
    }

    pub fn from_prefix(p: &str) -> Option<Theme> {
        Theme::ALL
            .into_iter()
            .find(|t| t.prefix().eq_ignore_ascii_case(p))
    }

    /// Parse a theme name as officers write it: "Procurement and Commercial",
    /// "procurement & commercial", "PC", "Partnerships &amp; Relationships".
    pub fn parse(text: &str) -> Option<Theme> {
        let t = text.trim();
        if let Some(th) = Theme::from_prefix(t) {
            return Some(th);
        }
        if let Some(th) = Theme::ALL
            .into_iter()
            .find(|th| th.name().eq_ignore_ascii_case(t))
        {
            return Some(th);
        }
        let norm = normalise_words(&t.replace("&amp;", "&"));
        Theme::ALL.into_iter().find(|th| {
            let n = th.normalised();
            norm == n || norm.starts_with(n)
        })
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_theme_names_match_the_normaliser() {
        for t in Theme::ALL {
            assert_eq!(t.normalised(), normalise_words(t.name()));
        }
    }

    #[test]
    fn themes_parse_from_names_and_prefixes() {
        assert_eq!(
            Theme::parse("Procurement and Commercial"),
            Some(Theme::ProcurementCommercial)
        );
        assert_eq!(
            Theme::parse("Partnerships &amp; Relationships"),
            Some(Theme::PartnershipsRelationships)
        );
        assert_eq!(
            Theme::parse("corporate oversight"),
            Some(Theme::CorporateOversight)
        );
        assert_eq!(Theme::parse("DM"), Some(Theme::DecisionMaking));
        assert_eq!(Theme::parse("Waste"), None);
        assert_eq!(
            normalise_words("Chief Executive's Office"),
            normalise_words("chief executives office")
        );
        assert_eq!(normalise_words("Law & Governance"), "law and governance");
    }
}
