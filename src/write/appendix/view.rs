//! What the sheets ask of one action: [`ActionView`] (the view the rules read too), with
//! the words Cabinet reads for it.

use crate::model::Rating;
use crate::model::{ReturnRow, Sourced, ThemeId};
use crate::status::{ActionView, Standing};

/// The facts one action contributes to the appendix.
pub type View<'a> = ActionView<'a>;

impl View<'_> {
    /// The directorates whose returns report the action, in return order: "Finance, Legal".
    pub fn reported_by(&self) -> String {
        let names: Vec<&str> = self
            .status
            .reports
            .iter()
            .map(|r| self.month.returns[r.ret].directorate.as_str())
            .collect();
        names.join(", ")
    }

    /// Last month's rating, labelled ("Amber in June 2023"), for an action not reported
    /// this month.
    pub fn last_reported(&self) -> Option<String> {
        if self.status.rating() != Rating::NotReported {
            return None;
        }
        let p = self.month.previous?;
        let rag = p.actions.get(&self.action.id.value)?.rag?;
        Some(match p.month {
            Some(m) => format!("{rag} in {m}"),
            None => format!("{rag} in last month"),
        })
    }

    pub fn theme(&self) -> Option<ThemeId> {
        self.action.theme()
    }

    pub fn due_text(&self) -> String {
        self.action
            .due
            .as_ref()
            .map(|d| d.value.text.clone())
            .unwrap_or_default()
    }

    pub fn progress(&self) -> Option<&str> {
        self.row()
            .and_then(|r| r.progress.as_ref())
            .map(|s| s.value.as_str())
    }

    pub fn text_of(&self, f: impl Fn(&ReturnRow) -> &Option<Sourced<String>>) -> Option<&str> {
        self.row()
            .and_then(|r| f(r).as_ref())
            .map(|s| s.value.as_str())
    }

    /// The milestone status as Cabinet reads it: "On track", "Slippage to December 23 (change
    /// control)", "Off track (Red)".
    pub fn standing_words(&self) -> String {
        match self.status.standing {
            Standing::Complete => "Complete".into(),
            Standing::NotReported => match &self.last_reported() {
                Some(last) => format!("Not reported ({last})"),
                None => "Not reported".into(),
            },
            Standing::Slipped { change_control } => format!(
                "Slippage to {}{}",
                self.status
                    .revised_date()
                    .map(|d| d.text.as_str())
                    .unwrap_or(""),
                if change_control {
                    " (change control)"
                } else {
                    ""
                }
            ),
            Standing::DateTbc => "Date tbc".into(),
            Standing::OnHold => "On hold".into(),
            Standing::NotStarted => "Not started".into(),
            Standing::OffTrack => "Off track (Red)".into(),
            Standing::AtRisk => "At risk (Amber)".into(),
            Standing::Overdue => "Overdue".into(),
            Standing::OnTrack => "On track".into(),
            Standing::NoUpdate => "No update".into(),
        }
    }
}
