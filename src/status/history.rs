//! An action's history across months, carried by the register from one month's run to the
//! next (`--previous`): the baseline due date (the first ever seen), how many times its date
//! moved, the months it spent at Red, and its rating in each of the last 12 months.
//!
//! Computed once per action after the month's status, from last month's register entry;
//! without `--previous` the history starts this month.

use super::ActionStatus;
use crate::dates::{DateContext, PlanDate, Span};
use crate::model::register::{PrevAction, Previous};
use crate::model::{Action, Rag, Rating as R, YearMonth};

/// Ratings kept per action: a year.
pub const MONTHS_KEPT: usize = 12;

/// How the rating moved since last month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Travel {
    Better,
    Same,
    Worse,
    /// Not in last month's register.
    New,
}

impl Travel {
    pub fn label(self) -> &'static str {
        match self {
            Travel::Better => "Better",
            Travel::Same => "Same",
            Travel::Worse => "Worse",
            Travel::New => "New",
        }
    }
}

/// One action's history, this month included.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The first due date ever seen, as written.
    pub baseline: Option<String>,
    /// Last month's master due date, when the master's own date has changed since.
    pub rebaselined_from: Option<String>,
    /// How many times the action's date (revised, or the master's) has moved.
    pub moves: u32,
    /// Months rated Red.
    pub months_red: u32,
    /// The rating of each of the last [`MONTHS_KEPT`] months, oldest first, this one last.
    pub ratings: Vec<(YearMonth, R)>,
    /// Against last month's rating; `None` without `--previous` or without two ratings.
    pub travel: Option<Travel>,
}

impl History {
    /// Months running, to this one, whose rating is one of `ratings`.
    pub fn run_of(&self, ratings: &[Rag]) -> u32 {
        let run = self
            .ratings
            .iter()
            .rev()
            .take_while(|(_, r)| r.rag().is_some_and(|r| ratings.contains(&r)))
            .count();
        // At most MONTHS_KEPT.
        u32::try_from(run).unwrap_or(u32::MAX)
    }

    /// Months running at Red.
    pub fn months_red_running(&self) -> u32 {
        self.run_of(&[Rag::Red])
    }

    /// Months running at Amber or Red.
    pub fn months_amber_or_red(&self) -> u32 {
        self.run_of(&[Rag::Amber, Rag::Red])
    }
}

/// One action's history: last month's register (with `--previous`) and this month.
pub(super) fn of(
    s: &ActionStatus,
    action: &Action,
    previous: Option<&Previous>,
    month: YearMonth,
    ctx: &DateContext,
) -> History {
    let last = previous.and_then(|p| p.actions.get(&action.id.value));
    history(s, action, (previous.is_some(), last), month, ctx)
}

fn history(
    s: &ActionStatus,
    action: &Action,
    (with_previous, last): (bool, Option<&PrevAction>),
    month: YearMonth,
    ctx: &DateContext,
) -> History {
    let due = action.due.as_ref().map(|d| &d.value);
    let due_text = due.map(|d| d.text.clone());
    let rating = s.rating();
    let mut ratings = last.map(|l| l.ratings.clone()).unwrap_or_default();
    // A register from before the history columns still gives last month's rating.
    if ratings.is_empty()
        && let Some(r) = last.and_then(|l| l.rag)
    {
        ratings.push((month.previous(), R::Rag(r)));
    }
    ratings.retain(|(m, _)| *m < month);
    ratings.push((month, rating));
    let drop = ratings.len().saturating_sub(MONTHS_KEPT);
    ratings.drain(..drop);

    let rebaselined_from = last
        .and_then(|l| l.due.clone())
        .filter(|old| due.is_some_and(|d| !same_date_text(old, d, ctx)));
    let moved_now = match last {
        // Not reported: nothing is known of its date this month.
        _ if !s.is_reported() => false,
        Some(l) => {
            let before = l
                .revised
                .as_ref()
                .map(|d| d.text.as_str())
                .or(l.due.as_deref());
            let now = s.revised_date().or(due);
            match (before, now) {
                (Some(b), Some(n)) => !same_date_text(b, n, ctx),
                _ => false,
            }
        }
        None => s.slipped(),
    };
    let travel = match (with_previous, last) {
        (false, _) => None,
        (true, None) => Some(Travel::New),
        (true, Some(l)) => match (l.rag, rating.rag()) {
            (Some(b), Some(n)) if n.rank() < b.rank() => Some(Travel::Better),
            (Some(b), Some(n)) if n.rank() > b.rank() => Some(Travel::Worse),
            (Some(_), Some(_)) => Some(Travel::Same),
            _ => None,
        },
    };
    History {
        baseline: last
            .and_then(|l| l.baseline.clone().or_else(|| l.due.clone()))
            .or(due_text),
        rebaselined_from,
        moves: last.map_or(0, |l| l.moves) + u32::from(moved_now),
        months_red: last.map_or(0, |l| l.months_red) + u32::from(rating == R::Rag(Rag::Red)),
        ratings,
        travel,
    }
}

/// Whether a date as last month's register wrote it is the same date as `now`: the same
/// text, or the same last day when both read as dates.
fn same_date_text(before: &str, now: &PlanDate, ctx: &DateContext) -> bool {
    if before.trim().eq_ignore_ascii_case(now.text.trim()) {
        return true;
    }
    let parsed = PlanDate::parse(before, ctx);
    match (&parsed.span, now.end()) {
        (Span::Range { .. }, Some(end)) => parsed.end() == Some(end),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_count_back_from_this_month() {
        let h = History {
            ratings: [
                ("2023-03", R::NotReported),
                ("2023-04", R::Rag(Rag::Red)),
                ("2023-05", R::Rag(Rag::Amber)),
                ("2023-06", R::Rag(Rag::Red)),
                ("2023-07", R::Rag(Rag::Red)),
            ]
            .iter()
            .map(|(m, r)| (YearMonth::parse_key(m).unwrap(), *r))
            .collect(),
            ..History::default()
        };
        assert_eq!(h.months_red_running(), 2);
        assert_eq!(h.months_amber_or_red(), 4);
    }
}
