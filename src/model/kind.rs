//! What a table is read as: the master plan, a directorate's return, or another sheet.

/// What a table is read as; the reader's messages and the column map's sections name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// The master Improvement Plan.
    Master,
    /// A directorate's monthly return.
    Return,
    /// The master plan's sheet of statutory recommendations (codes and texts).
    Recommendations,
    /// A tracker of either kind, as `plan-recon map` reads one.
    Tracker,
}

impl TableKind {
    /// The column map's table that reads it: `master`, else `return` (a tracker of
    /// either kind is mapped as a return).
    pub fn map_section(self) -> &'static str {
        match self {
            TableKind::Master => "master",
            _ => "return",
        }
    }

    /// As a message names it: "no header row found for a master plan".
    pub fn noun(self) -> &'static str {
        match self {
            TableKind::Master => "master plan",
            TableKind::Return => "return",
            TableKind::Recommendations => "recommendations sheet",
            TableKind::Tracker => "tracker",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TableKind;

    #[test]
    fn each_kind_has_its_own_noun() {
        let all = [
            TableKind::Master,
            TableKind::Return,
            TableKind::Recommendations,
            TableKind::Tracker,
        ];
        let nouns: std::collections::HashSet<&str> = all.iter().map(|k| k.noun()).collect();
        assert_eq!(nouns.len(), all.len());
        assert_eq!(TableKind::Master.noun(), "master plan");
    }
}
