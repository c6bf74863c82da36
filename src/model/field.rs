//! The fields of an action a column can hold: the plan's meanings, whatever its headers say.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A field a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Theme,
    Recommendation,
    Title,
    Owner,
    Directorate,
    Due,
    Rag,
    Milestones,
    Progress,
    Achievements,
    NextSteps,
    Issues,
    Revised,
    ChangeControl,
    /// "Stage": Not started, In progress, Completed, Parked.
    Stage,
    /// "% complete".
    Percent,
}

impl Field {
    pub const COUNT: usize = 17;

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Theme => "theme",
            Field::Recommendation => "recommendation",
            Field::Title => "title",
            Field::Owner => "owner",
            Field::Directorate => "directorate",
            Field::Due => "due",
            Field::Rag => "rag",
            Field::Milestones => "milestones",
            Field::Progress => "progress",
            Field::Achievements => "achievements",
            Field::NextSteps => "next_steps",
            Field::Issues => "issues",
            Field::Revised => "revised",
            Field::ChangeControl => "change_control",
            Field::Stage => "stage",
            Field::Percent => "percent",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
