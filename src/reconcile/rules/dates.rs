//! D: dates. Slippage (a revised date later than the master's) with and without change
//! control, overdue actions, dates moved earlier, and date cells that are not dates. The
//! revised date, change control, slip and overdue come from the action's status.

use crate::reconcile::context::ActionCx;
use crate::reconcile::finding::Party;
use crate::reconcile::rule::{Out, rule};
use crate::status::{describe_days, master_due};

/// "OC.B1.3 due June 2023 now October 23 (123 days, about 4 months later)".
fn slip_message(cx: &ActionCx) -> Option<String> {
    let days = cx.status.slip_days?;
    let due = master_due(cx.action)?;
    let rev = cx.status.revised_date()?;
    Some(format!(
        "{} due {} now {} ({} later)",
        cx.id(),
        due.text,
        rev.text,
        describe_days(days)
    ))
}

rule! {
    /// A revised date later than the master due date with no change control recorded.
    ///
    /// A new date needs a change control approved by the programme board. The revised date
    /// comes from the return's revised-date column, a later date typed over the due date, or
    /// the commentary ("Slippage to Mid-July"); a change control from the change-control
    /// column or the commentary ("change control to December 23").
    D01 "slipped-no-change-control" Error Action(slipped_without_change_control)
}
fn slipped_without_change_control(cx: &ActionCx, out: &mut Out) {
    let (Some((ret, _)), Some(msg), Some(rev)) =
        (cx.primary(), slip_message(cx), &cx.status.revised)
    else {
        return;
    };
    if !cx.status.change_control {
        out.about(
            cx,
            ret,
            vec![rev.source.clone()],
            format!(
                "{msg} with no change control recorded; record the change control or restore the date"
            ),
        );
    }
}

rule! {
    /// A revised date later than the master due date, with change control (slippage log).
    ///
    /// For information: the slippage is approved and listed in the appendix's slippage log.
    D02 "slipped-with-change-control" Info Action(slipped_with_change_control)
}
fn slipped_with_change_control(cx: &ActionCx, out: &mut Out) {
    let (Some((ret, _)), Some(msg), Some(rev)) =
        (cx.primary(), slip_message(cx), &cx.status.revised)
    else {
        return;
    };
    if cx.status.change_control {
        out.about(
            cx,
            ret,
            vec![rev.source.clone()],
            format!("{msg}, with change control"),
        )
        .set_detail(cx.status.change_control_text.clone().unwrap_or_default());
    }
}

rule! {
    /// The due date passed before the report month and the action is not Complete.
    ///
    /// The effective due date is the revised date when there is one, else the master's.
    D03 "overdue" Warning Action(overdue)
}
fn overdue(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if !cx.status.overdue {
        return;
    }
    let revised = cx.status.revised.as_ref();
    let due_text = revised
        .map(|r| r.date.text.clone())
        .or(master_due(cx.action).map(|d| d.text.clone()))
        .unwrap_or_default();
    let src = revised
        .map(|r| r.source.clone())
        .or(cx.action.due.as_ref().map(|d| d.source.clone()))
        .unwrap_or_else(|| row.source().clone());
    out.about(
        cx,
        ret,
        vec![src],
        format!(
            "{} was due {due_text} and is not Complete in {}",
            cx.id(),
            crate::model::YearMonth::of(cx.cx.month.ctx.report_month)
        ),
    );
}

rule! {
    /// A revised date earlier than the master due date.
    ///
    /// For information: brought forward, or a date typed in error.
    D04 "moved-earlier" Info Action(moved_earlier)
}
fn moved_earlier(cx: &ActionCx, out: &mut Out) {
    let (Some((ret, _)), Some(due), Some(rev)) = (
        cx.primary(),
        master_due(cx.action),
        cx.status.revised.as_ref(),
    ) else {
        return;
    };
    if let (Some(rend), Some(mstart)) = (rev.date.end(), due.start())
        && !cx.status.slipped()
        && rend < mstart
    {
        out.about(
            cx,
            ret,
            vec![rev.source.clone()],
            format!(
                "{} due {} now {} (earlier)",
                cx.id(),
                due.text,
                rev.date.text
            ),
        );
    }
}

rule! {
    /// A date cell whose text is not a date (kept as text).
    ///
    /// "after the elections" cannot be placed on a timetable; "tbc" is not reported. Applies
    /// to the return's due and revised dates and to the master plan's due date.
    D05 "unparseable-date" Warning Action(unparseable_date)
}
fn unparseable_date(cx: &ActionCx, out: &mut Out) {
    if let Some((ret, row)) = cx.primary() {
        for d in [&row.due, &row.revised].into_iter().flatten() {
            if d.value.is_unparsed()
                && cx
                    .cx
                    .month
                    .master
                    .phrases
                    .revisions_in(&d.value.text, cx.cx.month.ctx)
                    .is_empty()
            {
                out.about(
                    cx,
                    ret,
                    vec![d.source.clone()],
                    format!(
                        "{:?} is not a date; write e.g. \"December 23\", \"Q3 2023/24\" or 31/12/2023",
                        d.value.text
                    ),
                );
            }
        }
    }
    if let Some(d) = &cx.action.due
        && d.value.is_unparsed()
    {
        out.push(
            Some(cx.id()),
            Party::Master,
            vec![d.source.clone()],
            format!(
                "master due date {:?} is not a date; write e.g. \"June 2023\" or 30/06/2023",
                d.value.text
            ),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests;
