//! What one action contributes to the appendix: the master action, its status, and the
//! return row that speaks for it.

use crate::load::Loaded;
use crate::model::Rating;
use crate::model::{Action, ReturnRow, Sourced, ThemeId};
use crate::status::{ActionStatus, MonthStatus, Standing};

/// The facts one action contributes to the appendix.
pub struct View<'a> {
    pub action: &'a Action,
    pub status: &'a ActionStatus,
    pub row: Option<&'a ReturnRow>,
    /// The month's data, for what is worked out only when a sheet asks (a view is kept for
    /// every action of the plan: 100,000 at the largest).
    loaded: &'a Loaded,
}

impl View<'_> {
    /// The directorates whose returns report the action, in return order: "Finance, Legal".
    pub fn reported_by(&self) -> String {
        let names: Vec<&str> = self
            .status
            .reports
            .iter()
            .map(|r| self.loaded.returns[r.ret].directorate.as_str())
            .collect();
        names.join(", ")
    }

    /// Last month's rating, labelled ("Amber in June 2023"), for an action not reported
    /// this month.
    pub fn last_reported(&self) -> Option<String> {
        if self.status.rating() != Rating::NotReported {
            return None;
        }
        let p = self.loaded.previous.as_ref()?;
        let rag = p.actions.get(&self.action.id.value)?.rag?;
        Some(format!(
            "{rag} in {}",
            p.month.as_deref().unwrap_or("last month")
        ))
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
        self.row
            .and_then(|r| r.progress.as_ref())
            .map(|s| s.value.as_str())
    }

    pub fn text_of(&self, f: impl Fn(&ReturnRow) -> &Option<Sourced<String>>) -> Option<&str> {
        self.row
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

/// One view per master row, in master order.
pub fn views<'a>(loaded: &'a Loaded, status: &'a MonthStatus) -> Vec<View<'a>> {
    status
        .actions
        .iter()
        .map(|s| View {
            action: &loaded.master.actions[s.action],
            status: s,
            row: s.primary.map(|p| &loaded.returns[p.ret].rows[p.row]),
            loaded,
        })
        .collect()
}
