//! Action ids as the master plan writes them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Theme;

/// A normalised action id such as `OC.C4.1`.
///
/// `OC.C4.1`, `oc c4.1`, ` OC.C4.1 ` and `OC-C4-1` all normalise to `OC.C4.1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(String);

impl ActionId {
    /// Parse and normalise an id. Returns `None` for text that is not an action id
    /// (for example a note such as `Key: R = off track`).
    pub fn parse(text: &str) -> Option<ActionId> {
        let text = text.trim();
        if text.is_empty() || text.len() > 40 {
            return None;
        }
        let mut parts: Vec<String> = Vec::with_capacity(4);
        for tok in text.split(['.', ' ', '-', '_', '\u{a0}']) {
            if tok.is_empty() {
                continue;
            }
            if !tok.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            parts.push(tok.to_ascii_uppercase());
        }
        // Glued forms such as "OCC4.1" are not accepted: the theme prefix must be separated.
        if parts.len() < 2 || parts.len() > 5 {
            return None;
        }
        let prefix = &parts[0];
        if !(2..=3).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        if !parts[1..]
            .iter()
            .any(|p| p.chars().any(|c| c.is_ascii_digit()))
        {
            return None;
        }
        Some(ActionId(parts.join(".")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The theme prefix, e.g. `OC` for `OC.C4.1`.
    pub fn prefix(&self) -> &str {
        self.0.split('.').next().unwrap_or("")
    }

    /// The theme implied by the id prefix, if it is one of the six known prefixes.
    pub fn theme(&self) -> Option<Theme> {
        Theme::from_prefix(self.prefix())
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_normalise() {
        let a = ActionId::parse("OC.C4.1").unwrap();
        for v in [
            "oc c4.1",
            " OC.C4.1 ",
            "OC-C4-1",
            "oc.c4.1",
            "OC . C4 . 1",
            "OC_C4_1",
        ] {
            assert_eq!(ActionId::parse(v).as_ref(), Some(&a), "{v}");
        }
        assert_eq!(a.as_str(), "OC.C4.1");
        assert_eq!(a.theme(), Some(Theme::OrganisationalCulture));
        assert_eq!(
            ActionId::parse("SD.F1.0").unwrap().theme(),
            Some(Theme::StrategicDirection)
        );
    }

    #[test]
    fn non_ids_are_rejected() {
        for v in [
            "",
            "Notes:",
            "Key: R = off track",
            "OC",
            "Total",
            "12.3",
            "OCC4.1",
            "Action Ref",
            "OC.C4.1 (see note)",
        ] {
            assert_eq!(ActionId::parse(v), None, "{v:?}");
        }
    }
}
