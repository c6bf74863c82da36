//! M: the returns against the master plan: who sent nothing, what is unknown, what is
//! missing, repeated or reported differently.

use crate::model::Rag;
use crate::reconcile::context::{ActionCx, Cx};
use crate::reconcile::finding::{Party, Severity};
use crate::reconcile::nearest::nearest;
use crate::reconcile::rule::{Out, rule};
use crate::status::{master_due, revised_of};

rule! {
    /// A directorate owns actions in the master plan but sent no return.
    ///
    /// Every directorate named in the master plan's directorate (or owner) column is
    /// expected to send a return each month. Chase the return.
    M01 "return-missing" Error Month(return_missing)
}
fn return_missing(cx: &Cx, out: &mut Out) {
    for o in cx.status.owners.iter().filter(|o| o.ret.is_none()) {
        out.push(
            None,
            o.name.as_str(),
            vec![],
            format!(
                "no return from {}, which owns {} in the master plan",
                o.name,
                crate::text::counted(o.actions, "action")
            ),
        );
    }
}

rule! {
    /// A return reports an action id that is not in the master plan (nearest ids suggested).
    ///
    /// Usually a typing slip in the reference, sometimes an action the master has not been
    /// updated with. The message suggests the master ids nearest to it.
    M02 "unknown-action" Error Month(unknown_action)
}
fn unknown_action(cx: &Cx, out: &mut Out) {
    if cx.status.matches.iter().all(|m| m.unknown.is_empty()) {
        return;
    }
    let master_ids: Vec<_> = cx
        .status
        .actions
        .iter()
        .filter(|s| s.duplicate_of.is_none())
        .map(|s| &cx.month.master.actions[s.action].id.value)
        .collect();
    let rows = || {
        cx.status.matches.iter().enumerate().flat_map(|(ri, m)| {
            let ret = &cx.month.returns[ri];
            m.unknown.iter().map(move |&rowi| (ret, &ret.rows[rowi]))
        })
    };
    let queries: Vec<_> = rows().map(|(_, row)| &row.id.value).collect();
    let suggestions = nearest(&master_ids, &queries);
    for ((ret, row), near) in rows().zip(suggestions) {
        let id = &row.id.value;
        let hint = if near.is_empty() {
            "check the id against the master plan".to_string()
        } else {
            format!("did you mean {}?", near.join(" or "))
        };
        out.push(
            Some(id),
            ret.directorate.as_str(),
            vec![row.source().clone()],
            format!("{id} is not in the master plan; {hint}"),
        );
    }
}

rule! {
    /// An open master action left out of its owning directorate's return.
    ///
    /// The directorate sent a return, but this action (not Complete in the master) is not
    /// in it. Ask for an update on it.
    M03 "not-reported" Error Action(not_reported)
}
fn not_reported(cx: &ActionCx, out: &mut Out) {
    let (s, a) = (cx.status, cx.action);
    let open = a.rag.as_ref().is_none_or(|r| r.value != Rag::Complete);
    let Some(ri) = s.owner_return.filter(|_| !s.is_reported() && open) else {
        return;
    };
    let dir = &cx.cx.month.returns[ri].directorate;
    out.push(
        Some(cx.id()),
        dir.as_str(),
        vec![a.id.source.clone()],
        format!(
            "{} ({}) is owned by {dir} but is not in its return",
            cx.id(),
            short(a.title_text()),
        ),
    );
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(57).collect::<String>())
    }
}

rule! {
    /// The same action twice in one return (an error if the rows disagree).
    ///
    /// The first row is used. Identical rows are a warning (delete one); rows that say
    /// different things are an error (merge them).
    M04 "duplicate-row" Warning Month(duplicate_row)
}
fn duplicate_row(cx: &Cx, out: &mut Out) {
    for r in cx.status.matches.iter().flat_map(|m| &m.repeated) {
        let ret = &cx.month.returns[r.ret];
        let (a, b) = (&ret.rows[r.first], &ret.rows[r.row]);
        let id = &b.id.value;
        let f = out.push(
            Some(id),
            ret.directorate.as_str(),
            vec![a.source().clone(), b.source().clone()],
            if r.identical {
                format!("{id} appears twice in this return (identical rows); delete one")
            } else {
                format!(
                    "{id} appears twice in this return with different content; the first row is used, merge them"
                )
            },
        );
        if !r.identical {
            f.set_severity(Severity::Error);
        }
    }
}

rule! {
    /// Two returns give different revised dates for one action.
    ///
    /// A jointly owned action reported by several directorates should carry one timetable.
    M05 "returns-disagree" Warning Action(returns_disagree)
}
fn returns_disagree(cx: &ActionCx, out: &mut Out) {
    let Some((pret, _)) = cx.primary() else {
        return;
    };
    if cx.status.reports.len() < 2 {
        return;
    }
    let ctx = cx.cx.month.ctx;
    let due = master_due(cx.action).and_then(|d| d.end());
    let revs: Vec<_> = cx
        .reports()
        .map(|(ret, row)| {
            let phrases = &cx.cx.month.master.phrases;
            (
                revised_of(row, ctx, due, phrases).map(|r| r.date),
                ret,
                row.source(),
            )
        })
        .collect();
    let span = |d: &Option<crate::dates::PlanDate>| d.as_ref().map(|x| x.span);
    if revs.iter().all(|(d, _, _)| span(d) == span(&revs[0].0)) {
        return;
    }
    let who = revs
        .iter()
        .map(|(d, r, _)| {
            format!(
                "{} says {}",
                r.directorate,
                d.as_ref()
                    .map(|x| x.text.as_str())
                    .unwrap_or("no revised date")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    out.about(
        cx,
        pret,
        revs.iter().map(|x| x.2.clone()).collect(),
        format!("returns disagree on {}'s revised date: {who}", cx.id()),
    );
}

rule! {
    /// The same action id twice in the master plan; the first row is used.
    ///
    /// Returns are matched to the first row with the id; the second row is not an action
    /// of its own. Give one of them another id, or delete it.
    M06 "duplicate-master" Error Month(duplicate_master)
}
fn duplicate_master(cx: &Cx, out: &mut Out) {
    let actions = &cx.month.master.actions;
    for &(first, dup) in &cx.status.repeated_in_master {
        let id = &actions[dup].id.value;
        out.push(
            Some(id),
            Party::Master,
            vec![
                actions[first].id.source.clone(),
                actions[dup].id.source.clone(),
            ],
            format!("{id} appears twice in the master plan; the first row is used"),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests;
