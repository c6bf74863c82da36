//! P: movement since last month, against the register of the previous appendix
//! (`--previous`). Without it these rules say nothing.

use crate::model::register::PrevAction;
use crate::model::{Rag, ReturnRow, Source};
use crate::reconcile::Party;
use crate::reconcile::context::ActionCx;
use crate::reconcile::rule::{Out, rule};
use crate::status::{ActionView, master_due};

/// This month's stated rating and last month's, when both are known.
fn ratings<'a>(cx: &ActionCx<'a>) -> Option<(&'a ReturnRow, Rag, Rag)> {
    let (_, row) = cx.primary()?;
    let now = row.rag.as_ref()?.value;
    let before = cx.previous()?.rag?;
    Some((row, now, before))
}

/// Push a movement finding about the rating.
fn movement(cx: &ActionCx, row: &ReturnRow, message: String, out: &mut Out) {
    if let Some((ret, _)) = cx.primary() {
        out.about(cx, ret, vec![ActionView::rag_source(row)], message);
    }
}

fn newly_complete_now(now: Rag, before: Rag) -> bool {
    now == Rag::Complete && before != Rag::Complete
}

rule! {
    /// RAG better than last month.
    P01 "rag-improved" Info Action(rag_improved)
}
fn rag_improved(cx: &ActionCx, out: &mut Out) {
    if let Some((row, now, before)) = ratings(cx)
        && !newly_complete_now(now, before)
        && now.rank() < before.rank()
    {
        let m = format!("{} improved from {before} to {now}", cx.id());
        movement(cx, row, m, out);
    }
}

rule! {
    /// RAG worse than last month.
    P02 "rag-declined" Info Action(rag_declined)
}
fn rag_declined(cx: &ActionCx, out: &mut Out) {
    if let Some((row, now, before)) = ratings(cx)
        && !newly_complete_now(now, before)
        && now.rank() > before.rank()
    {
        let m = format!("{} declined from {before} to {now}", cx.id());
        movement(cx, row, m, out);
    }
}

rule! {
    /// Complete this month, not last month.
    P03 "newly-complete" Info Action(newly_complete)
}
fn newly_complete(cx: &ActionCx, out: &mut Out) {
    if let Some((row, now, before)) = ratings(cx)
        && newly_complete_now(now, before)
    {
        let m = format!("{} is newly Complete (was {before})", cx.id());
        movement(cx, row, m, out);
    }
}

rule! {
    /// Revised date later than last month's.
    ///
    /// Compared with last month's revised date, or with the master date when last month
    /// had none.
    P04 "new-slippage" Info Action(new_slippage)
}
fn new_slippage(cx: &ActionCx, out: &mut Out) {
    let (Some((ret, _)), Some(p), Some(rev)) =
        (cx.primary(), cx.previous(), cx.status.revised.as_ref())
    else {
        return;
    };
    let before = last_end(p).or(master_due(cx.action).and_then(|d| d.end()));
    if let Some(pe) = before
        && rev.date.end().is_some_and(|e| e > pe)
    {
        out.about(
            cx,
            ret,
            vec![rev.source.clone()],
            match &p.revised {
                Some(last) => format!(
                    "{} slipped again this month: now {} (last month {})",
                    cx.id(),
                    rev.date.text,
                    last.text
                ),
                None => format!(
                    "{} slipped this month: now {} (last month it was due {})",
                    cx.id(),
                    rev.date.text,
                    master_due(cx.action)
                        .map(|d| d.text.as_str())
                        .unwrap_or("on the master date")
                ),
            },
        );
    }
}

fn last_end(p: &PrevAction) -> Option<chrono::NaiveDate> {
    p.revised.as_ref().and_then(|d| d.end())
}

rule! {
    /// The action's date has moved three times or more.
    ///
    /// Counted month to month from the register carried by `--previous` (a revised date,
    /// or the master's own date, that differs from last month's); a delivery date that keeps
    /// moving needs more than another revision.
    P05 "repeated-slippage" Warning Action(repeated_slippage)
}
fn repeated_slippage(cx: &ActionCx, out: &mut Out) {
    let h = &cx.status.history;
    if h.moves >= REPEATED_MOVES && cx.status.rag != Some(Rag::Complete) {
        let now = cx
            .status
            .revised_date()
            .map(|d| d.text.as_str())
            .or(cx.action.due.as_ref().map(|d| d.value.text.as_str()))
            .unwrap_or("no date");
        let baseline = h.baseline.as_deref().unwrap_or("no date");
        let source = cx.status.revised.as_ref().map(|r| r.source.clone()).or(cx
            .action
            .due
            .as_ref()
            .map(|d| d.source.clone()));
        to_owner(
            cx,
            source,
            format!(
                "{}'s date has moved {} times: due {baseline} at first, now {now}",
                cx.id(),
                h.moves
            ),
            out,
        );
    }
}

/// A finding for the directorate that owns the action, at `source` where there is one.
fn to_owner(cx: &ActionCx, source: Option<Source>, message: String, out: &mut Out) {
    out.push(
        Some(cx.id()),
        Party::Directorate(cx.action.directorate_text().to_string()),
        source.into_iter().collect(),
        message,
    );
}

/// Moves of an action's date that make it repeated slippage.
pub const REPEATED_MOVES: u32 = 3;

/// Months running at Red that make an action persistently Red.
pub const PERSISTENT_RED_MONTHS: u32 = 3;

rule! {
    /// Rated Red for three months or more running.
    P06 "persistently-red" Warning Action(persistently_red)
}
fn persistently_red(cx: &ActionCx, out: &mut Out) {
    let n = cx.status.history.months_red_running();
    if n >= PERSISTENT_RED_MONTHS {
        let source = cx
            .primary()
            .and_then(|(_, row)| row.rag.as_ref().map(|r| r.source.clone()));
        to_owner(
            cx,
            source,
            format!("{} has been Red for {n} months running", cx.id()),
            out,
        );
    }
}

rule! {
    /// The master plan's own due date changed since last month (re-baselined).
    ///
    /// Not slippage: the plan itself now says another date. Shown with the old and new
    /// date, so that Cabinet can see what the baseline was.
    P07 "re-baselined" Info Action(re_baselined)
}
fn re_baselined(cx: &ActionCx, out: &mut Out) {
    if let (Some(old), Some(due)) = (&cx.status.history.rebaselined_from, &cx.action.due) {
        out.push(
            Some(cx.id()),
            Party::Master,
            vec![due.source.clone()],
            format!(
                "the master plan's due date for {} changed from {old} to {}",
                cx.id(),
                due.value.text
            ),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests;
