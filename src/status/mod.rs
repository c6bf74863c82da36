//! The status of every action for the month, computed once, before any rule runs.
//!
//! For each master action: which return rows report it and which one speaks for it, its
//! effective RAG, its revised date (from a date column or the commentary), whether a change
//! control is recorded, how far it slipped, whether it is overdue, and where it stands in
//! Cabinet's words ([`Standing`]). The rules in [`crate::reconcile`] and the appendix's
//! sheets read this; neither computes status of its own.

mod history;
mod matching;
mod view;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::commentary::{Announcement, Phrases};
use crate::dates::{DateContext, PlanDate, Span};
use crate::load::Month;
use crate::model::{Action, ActionId, Rag, Rating, ReturnRow, Source, YearMonth};

pub use history::{History, MONTHS_KEPT, Travel};
pub use matching::{MasterIndex, Owner, RepeatedRow, ReturnMatch, RowRef, owners};
pub use view::{ActionView, views};

/// A revised date and the cell that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised {
    pub date: PlanDate,
    pub source: Source,
    /// Announced as a change control ("Change control to December 23").
    pub by_change_control: bool,
}

/// Slippage of one action (a row of the slippage log).
#[derive(Debug, Clone, Serialize)]
pub struct Slip {
    pub action: ActionId,
    pub owner: String,
    pub original: PlanDate,
    pub revised: PlanDate,
    pub days: i64,
    pub change_control: bool,
    pub change_control_text: Option<String>,
    pub source: Source,
}

/// Where an action stands, as the milestone status Cabinet reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Complete,
    /// Open, and no return reported it this month.
    NotReported,
    /// A revised date later than the due date.
    Slipped {
        change_control: bool,
    },
    /// The due date is "tbc".
    DateTbc,
    OnHold,
    NotStarted,
    OffTrack,
    AtRisk,
    /// Rated Green but past its date.
    Overdue,
    OnTrack,
    /// No rating from a return or the master.
    NoUpdate,
}

/// One master action's status this month.
#[derive(Debug, Clone)]
pub struct ActionStatus {
    /// Index into `MasterPlan::actions`.
    pub action: usize,
    /// The first master row with this id, when this row repeats it (it gets no status).
    pub duplicate_of: Option<usize>,
    /// Every return row that reports this action (the first such row of each return).
    pub reports: Vec<RowRef>,
    /// The row that speaks for the action: the owning directorate's, else the first.
    pub primary: Option<RowRef>,
    /// The owning directorate's return, if it sent one.
    pub owner_return: Option<usize>,
    /// The month's RAG: the primary row's, else the master's. `None` for an open action no
    /// return reported: the master's rating is not this month's.
    pub rag: Option<Rag>,
    /// The current revised date, if one was given (column or commentary).
    /// Boxed: most actions have none, and a bad month holds 100,000 statuses.
    pub revised: Option<Box<Revised>>,
    pub change_control: bool,
    pub change_control_text: Option<String>,
    /// Days the revised date ends after the master due date, when it does.
    pub slip_days: Option<i64>,
    /// The effective due date ended before the report month and the action is not Complete.
    pub overdue: bool,
    pub standing: Standing,
    /// Across months: baseline, date moves, months at Red, ratings by month.
    pub history: History,
}

impl ActionStatus {
    fn new(action: usize) -> ActionStatus {
        ActionStatus {
            action,
            duplicate_of: None,
            reports: Vec::new(),
            primary: None,
            owner_return: None,
            rag: None,
            revised: None,
            change_control: false,
            change_control_text: None,
            slip_days: None,
            overdue: false,
            standing: Standing::NoUpdate,
            history: History::default(),
        }
    }

    pub fn is_reported(&self) -> bool {
        !self.reports.is_empty()
    }

    /// The rating the appendix shows: the month's RAG, "Not reported" for an open action no
    /// return reported, or no rating.
    pub fn rating(&self) -> Rating {
        match self.rag {
            Some(r) => Rating::Rag(r),
            None if !self.is_reported() && self.duplicate_of.is_none() => Rating::NotReported,
            None => Rating::None,
        }
    }

    /// A revised date later than the master due date.
    pub fn slipped(&self) -> bool {
        self.slip_days.is_some()
    }

    /// Slipped, and no change control recorded for it.
    pub fn slipped_without_change_control(&self) -> bool {
        self.slipped() && !self.change_control
    }

    /// Amber, Red or On hold: an exception for Cabinet ("Focus 2").
    pub fn is_exception(&self) -> bool {
        self.rag.is_some_and(|r| r.is_exception())
    }

    pub fn revised_date(&self) -> Option<&PlanDate> {
        self.revised.as_ref().map(|r| &r.date)
    }
}

/// The month's status: every action's, and what matching the returns to the master found.
#[derive(Debug, Clone)]
pub struct MonthStatus {
    /// One entry per master row, in master order.
    pub actions: Vec<ActionStatus>,
    /// Each return matched against the master, in return order.
    pub matches: Vec<ReturnMatch>,
    /// `(first row, repeated row)` for each id the master lists twice.
    pub repeated_in_master: Vec<(usize, usize)>,
    /// The directorates that own actions, with their returns.
    pub owners: Vec<Owner>,
    /// Directorates that own actions but sent no return.
    pub missing_returns: Vec<String>,
    /// The slipped actions, in master order.
    pub slippage: Vec<Slip>,
}

impl MonthStatus {
    /// How many actions are exceptions (Amber, Red, On hold).
    pub fn exceptions(&self) -> usize {
        self.actions.iter().filter(|s| s.is_exception()).count()
    }
}

/// The month's status from what was read, each action's history from last month
/// included: what the rules check and the appendix shows. Built once, never changed after.
pub fn compute(month: &Month) -> MonthStatus {
    let (master, returns, ctx) = (month.master, month.returns, month.ctx);
    let this_month = YearMonth::of(ctx.report_month);
    let index = MasterIndex::new(master);
    let (owners, return_of) = matching::owners(master, returns);
    let matches = matching::match_returns(returns, &index);
    let mut actions: Vec<ActionStatus> = (0..master.actions.len()).map(ActionStatus::new).collect();
    for &(first, dup) in &index.repeated {
        actions[dup].duplicate_of = Some(first);
    }
    for (ri, m) in matches.iter().enumerate() {
        for &(ai, row) in &m.pairs {
            actions[ai].reports.push(RowRef { ret: ri, row });
        }
    }
    // Each action's status is independent of the others': computed on every core.
    actions.par_iter_mut().with_min_len(256).for_each(|s| {
        let action = &master.actions[s.action];
        if s.duplicate_of.is_some() {
            s.standing = standing(s, action);
            return;
        }
        s.owner_return = return_of.get(action.directorate_text()).copied().flatten();
        s.primary = s
            .reports
            .iter()
            .find(|r| Some(r.ret) == s.owner_return)
            .or(s.reports.first())
            .copied();
        match s.primary {
            Some(p) => reported(s, action, &returns[p.ret].rows[p.row], ctx, &master.phrases),
            None => unreported(s, action, ctx),
        }
        s.standing = standing(s, action);
        s.history = history::of(s, action, month.previous, this_month, ctx);
    });
    let slippage = actions
        .iter()
        .filter_map(|s| slip(s, &master.actions[s.action]))
        .collect();
    MonthStatus {
        actions,
        matches,
        repeated_in_master: index.repeated,
        missing_returns: owners
            .iter()
            .filter(|o| o.ret.is_none())
            .map(|o| o.name.clone())
            .collect(),
        owners,
        slippage,
    }
}

/// The master due date when it is a range of days (not "tbc", not unreadable text).
pub fn master_due(action: &Action) -> Option<&PlanDate> {
    action
        .due
        .as_ref()
        .map(|d| &d.value)
        .filter(|d| matches!(d.span, Span::Range { .. }))
}

/// An action nobody reported: Complete if the master says so; otherwise no rating this
/// month (never the master's, which is not this month's). Overdue against the master due
/// date.
fn unreported(s: &mut ActionStatus, action: &Action, ctx: &DateContext) {
    let complete = action
        .rag
        .as_ref()
        .is_some_and(|r| r.value == Rag::Complete);
    s.rag = complete.then_some(Rag::Complete);
    s.overdue = master_due(action)
        .and_then(PlanDate::end)
        .is_some_and(|end| end < month_start(ctx))
        && !complete;
}

fn month_start(ctx: &DateContext) -> NaiveDate {
    ctx.month_range().0
}

/// An action reported in `row`, the row that speaks for it.
fn reported(
    s: &mut ActionStatus,
    action: &Action,
    row: &ReturnRow,
    ctx: &DateContext,
    phrases: &Phrases,
) {
    let master_due = master_due(action);
    // The officer may have overwritten the due date in place: a later stated due date is a
    // revision.
    let stated_due = row.due.as_ref().filter(|d| {
        matches!(d.value.span, Span::Range { .. })
            && master_due.is_some_and(|md| d.value.end() > md.end())
    });
    let revised = revised_of(row, ctx, master_due.and_then(PlanDate::end), phrases).or_else(|| {
        stated_due.map(|d| Revised {
            date: d.value.clone(),
            source: d.source.clone(),
            by_change_control: false,
        })
    });
    let (cc, cc_text) = change_control_of(row, phrases);
    s.change_control = cc || revised.as_ref().is_some_and(|r| r.by_change_control);
    s.change_control_text = cc_text;
    s.rag = row
        .rag
        .as_ref()
        .map(|r| r.value)
        .or(action.rag.as_ref().map(|r| r.value));
    if let (Some(md), Some(rev)) = (master_due, &revised)
        && let (Some(mend), Some(rend)) = (md.end(), rev.date.end())
        && rend > mend
    {
        s.slip_days = Some((rend - mend).num_days());
    }
    let effective_end = revised
        .as_ref()
        .and_then(|r| r.date.end())
        .or(master_due.and_then(|d| d.end()));
    s.overdue = effective_end.is_some_and(|e| e < month_start(ctx)) && s.rag != Some(Rag::Complete);
    s.revised = revised.map(Box::new);
}

/// Change control recorded for a row: the change-control column says something (other than
/// "no", "n/a" and the like), or the commentary mentions a change control.
fn change_control_of(row: &ReturnRow, phrases: &Phrases) -> (bool, Option<String>) {
    if let Some(cc) = &row.change_control
        && phrases.records_change_control(&cc.value)
    {
        return (true, Some(cc.value.clone()));
    }
    for t in [&row.progress, &row.next_steps, &row.issues]
        .into_iter()
        .flatten()
    {
        if phrases.mentions_change_control(&t.value) {
            return (true, Some(t.value.clone()));
        }
    }
    (false, None)
}

/// The revised date of a row: the revised column if it holds a date, else the last revision
/// announced in the commentary. A date written without a year is about the action's own
/// timetable: it takes the year nearest `due` (the master due date) among years not before
/// the report month, and its text says so: "Mid-July (year assumed 2024)".
pub fn revised_of(
    row: &ReturnRow,
    ctx: &DateContext,
    due: Option<NaiveDate>,
    phrases: &Phrases,
) -> Option<Revised> {
    let ctx = &ctx.anchored(due);
    if let Some(r) = &row.revised {
        if matches!(r.value.span, Span::Range { .. }) {
            let date = if r.value.year_inferred() {
                PlanDate::parse(&r.value.text, ctx)
            } else {
                r.value.clone()
            };
            return Some(Revised {
                date: said(date),
                source: r.source.clone(),
                by_change_control: false,
            });
        }
        // "Change control to December 23" written in the date column.
        return phrases
            .revisions_in(&r.value.text, ctx)
            .pop()
            .map(|rev| Revised {
                date: said(rev.date),
                source: r.source.clone(),
                by_change_control: rev.how == Announcement::ChangeControl,
            });
    }
    for t in [&row.change_control, &row.progress].into_iter().flatten() {
        if let Some(rev) = phrases.revisions_in(&t.value, ctx).pop() {
            return Some(Revised {
                date: said(rev.date),
                source: t.source.clone(),
                by_change_control: rev.how == Announcement::ChangeControl,
            });
        }
    }
    None
}

/// A date whose year was assumed says so in its text.
fn said(mut d: PlanDate) -> PlanDate {
    if d.year_inferred()
        && let Some(start) = d.start()
    {
        d.text = format!("{} (year assumed {})", d.text, start.year());
    }
    d
}

/// The slippage log's row for an action that slipped.
fn slip(s: &ActionStatus, action: &Action) -> Option<Slip> {
    let days = s.slip_days?;
    let rev = s.revised.as_ref()?;
    Some(Slip {
        action: action.id.value.clone(),
        owner: action.directorate_text().to_string(),
        original: master_due(action)?.clone(),
        revised: rev.date.clone(),
        days,
        change_control: s.change_control,
        change_control_text: s.change_control_text.clone(),
        source: rev.source.clone(),
    })
}

fn standing(s: &ActionStatus, action: &Action) -> Standing {
    if s.rag == Some(Rag::Complete) {
        return Standing::Complete;
    }
    if s.rating() == Rating::NotReported {
        return Standing::NotReported;
    }
    if s.revised.is_some() && s.slipped() {
        return Standing::Slipped {
            change_control: s.change_control,
        };
    }
    if action
        .due
        .as_ref()
        .is_some_and(|d| d.value.span == Span::Tbc)
    {
        return Standing::DateTbc;
    }
    match s.rag {
        Some(Rag::OnHold) => Standing::OnHold,
        Some(Rag::NotStarted) => Standing::NotStarted,
        Some(Rag::Red) => Standing::OffTrack,
        Some(Rag::Amber) => Standing::AtRisk,
        Some(Rag::Green) if s.overdue => Standing::Overdue,
        Some(Rag::Green) => Standing::OnTrack,
        _ => Standing::NoUpdate,
    }
}

/// "184 days, about 6 months".
pub fn describe_days(days: i64) -> String {
    let months = (days as f64 / 30.44).round() as i64;
    let day_count = crate::text::counted(usize::try_from(days).unwrap_or(0), "day");
    if months >= 1 {
        let month_count = crate::text::counted(usize::try_from(months).unwrap_or(0), "month");
        format!("{day_count}, about {month_count}")
    } else {
        day_count
    }
}
