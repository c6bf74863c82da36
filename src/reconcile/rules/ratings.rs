//! G: the RAG rating a return states, against the dates, the commentary, the other returns
//! and the master (or last month).
//!
//! ## Derived RAG (G07)
//! The dates imply a rating: overdue (the effective due date ended before the report month)
//! gives Red; slipped without change control gives Amber; otherwise Green. Complete, On hold
//! and Not started are statuses, never derived. A stated rating *worse* than the derived one
//! is the officer's judgement and is not reported; a *better* one is (unless G01 already
//! reports it).

use crate::model::{NoteKind, Rag, ReturnRow};
use crate::reconcile::context::ActionCx;
use crate::reconcile::finding::Party;
use crate::reconcile::rule::{Out, rule};
use crate::status::ActionView;

/// The RAG the return states for the action.
fn stated(row: &ReturnRow) -> Option<Rag> {
    row.rag.as_ref().map(|r| r.value)
}

/// Why the dates speak against a Green rating, if they do.
fn late(cx: &ActionCx) -> Option<&'static str> {
    if cx.status.overdue {
        Some("overdue")
    } else if cx.status.slipped_without_change_control() {
        Some("slipped without change control")
    } else {
        None
    }
}

rule! {
    /// Rated Green (or On track) but overdue, or slipped without change control.
    G01 "green-but-late" Error Action(green_but_late)
}
fn green_but_late(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if let (Some(Rag::Green), Some(why)) = (stated(row), late(cx)) {
        out.about(
            cx,
            ret,
            vec![ActionView::rag_source(row)],
            format!(
                "{} is rated Green but is {why}; re-rate it or record a change control",
                cx.id()
            ),
        );
    }
}

rule! {
    /// Rated Complete while the commentary speaks of slippage, delay, awaiting or pending.
    ///
    /// The words are the map's `[phrases] delay` ("slippage", "delayed", "awaiting", "still to",
    /// "not yet" ...). The first commentary cell that uses one is quoted.
    G02 "complete-but-delayed" Error Action(complete_but_delayed)
}
fn complete_but_delayed(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if stated(row) != Some(Rag::Complete) {
        return;
    }
    let said = [&row.progress, &row.issues, &row.next_steps]
        .into_iter()
        .flatten()
        .find_map(|t| {
            cx.cx
                .month
                .master
                .phrases
                .speaks_of_delay(&t.value)
                .map(|w| (t, w))
        });
    if let Some((t, word)) = said {
        out.about(
            cx,
            ret,
            vec![ActionView::rag_source(row), t.source.clone()],
            format!(
                "{} is rated Complete but its commentary says {word:?}; confirm it is complete",
                cx.id()
            ),
        )
        .set_detail(t.value.clone());
    }
}

rule! {
    /// Rated Red or Amber with no progress commentary.
    ///
    /// Cabinet reads the reason for every exception. Not reported when the commentary cell
    /// holds a formula error (R01 says so).
    G03 "no-commentary" Warning Action(no_commentary)
}
fn no_commentary(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    let rag = stated(row);
    let cell_error = || ret.noted(NoteKind::CellError, row.source());
    if matches!(rag, Some(Rag::Red | Rag::Amber)) && row.progress.is_none() && !cell_error() {
        out.about(
            cx,
            ret,
            vec![ActionView::rag_source(row)],
            format!(
                "{} is rated {} with no progress commentary; Cabinet needs the reason",
                cx.id(),
                rag.map(|r| r.label()).unwrap_or("")
            ),
        );
    }
}

rule! {
    /// One action rated differently by two returns.
    ///
    /// Attributed to the other directorate (not the owner), which is asked to agree one
    /// rating with the owner.
    G04 "rag-conflict" Error Action(rag_conflict)
}
fn rag_conflict(cx: &ActionCx, out: &mut Out) {
    let Some((pret, _)) = cx.primary() else {
        return;
    };
    let rated: Vec<_> = cx
        .reports()
        .filter_map(|(ret, row)| row.rag.as_ref().map(|g| (g, ret)))
        .collect();
    if rated.iter().all(|(g, _)| g.value == rated[0].0.value) {
        return;
    }
    let who = rated
        .iter()
        .map(|(g, d)| format!("{} by {}", g.value, d.directorate))
        .collect::<Vec<_>>()
        .join(", ");
    let attributed = rated
        .iter()
        .map(|(_, d)| *d)
        .find(|d| d.directorate != pret.directorate)
        .unwrap_or(pret);
    out.about(
        cx,
        attributed,
        rated.iter().map(|(g, _)| g.source.clone()).collect(),
        format!("{} is rated {who}; agree one rating", cx.id()),
    );
}

/// The rating the month is compared with: last month's, else the master's.
fn baseline(cx: &ActionCx) -> Option<Rag> {
    cx.previous()
        .and_then(|p| p.rag)
        .or(cx.action.rag.as_ref().map(|r| r.value))
}

rule! {
    /// RAG changed from the master (or last month) with no progress commentary.
    G05 "rag-changed-silently" Warning Action(rag_changed_silently)
}
fn rag_changed_silently(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if let (Some(now), Some(before)) = (stated(row), baseline(cx))
        && now != before
        && row.progress.is_none()
    {
        out.about(
            cx,
            ret,
            vec![ActionView::rag_source(row)],
            format!(
                "{} moved from {before} to {now} with no progress commentary to explain it",
                cx.id()
            ),
        );
    }
}

rule! {
    /// The date moved but the RAG did not (vs last month; without --previous, a Green action re-dated).
    ///
    /// For information: a new date usually comes with a new rating. With `--previous`, the
    /// revised date differs from last month's while the rating is the same; without it, a
    /// Green action was re-dated (with change control) and is still Green.
    G06 "date-moved-rag-unchanged" Info Action(date_moved_rag_unchanged)
}
fn date_moved_rag_unchanged(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    let (rag, s) = (stated(row), cx.status);
    let message = match cx.previous() {
        Some(p) => {
            let date_moved = match (&p.revised, &s.revised) {
                (Some(a), Some(b)) => a.span != b.date.span,
                (None, Some(_)) => true,
                _ => false,
            };
            (date_moved && rag.is_some() && rag == p.rag && rag != Some(Rag::Complete)).then(|| {
                format!(
                    "{}'s date moved this month but its RAG stayed {}",
                    cx.id(),
                    rag.map(|r| r.label()).unwrap_or("")
                )
            })
        }
        None => (s.slipped()
            && rag == Some(Rag::Green)
            && baseline(cx) == Some(Rag::Green)
            && s.change_control)
            .then(|| {
                format!(
                    "{} was re-dated to {} but is still rated Green",
                    cx.id(),
                    s.revised_date().map(|d| d.text.as_str()).unwrap_or("")
                )
            }),
    };
    if let Some(m) = message {
        out.about(cx, ret, vec![ActionView::rag_source(row)], m);
    }
}

rule! {
    /// Stated RAG better than the RAG the dates imply (see Derived RAG).
    ///
    /// Overdue implies Red; slipped without change control implies Amber. Not reported when
    /// G01 already is.
    G07 "rag-optimistic" Warning Action(rag_optimistic)
}
fn rag_optimistic(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    let Some(stated @ (Rag::Green | Rag::Amber)) = stated(row) else {
        return;
    };
    let Some(why) = late(cx) else { return };
    if stated == Rag::Green {
        return; // G01
    }
    let derived = if cx.status.overdue {
        Rag::Red
    } else {
        Rag::Amber
    };
    if derived.rank() > stated.rank() {
        out.about(
            cx,
            ret,
            vec![ActionView::rag_source(row)],
            format!(
                "{} is rated {stated} but its dates imply {derived} ({why})",
                cx.id()
            ),
        );
    }
}

rule! {
    /// A return row with no RAG rating.
    ///
    /// Not reported when the cell holds text that is not a rating (R05 says so), nor for a
    /// return with no rating column at all (R16 says so once).
    G08 "no-rag" Warning Action(no_rag)
}
fn no_rag(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if !ret.has_column(crate::model::Field::Rag) {
        return;
    }
    let unreadable = ret.noted(NoteKind::UnreadableRag, row.source());
    if stated(row).is_none() && !unreadable {
        out.about(
            cx,
            ret,
            vec![row.source().clone()],
            format!("{} has no RAG rating", cx.id()),
        );
    }
}

rule! {
    /// Rated other than its Stage or % complete says.
    ///
    /// 100% complete or a completed stage is Complete, and a parked or suspended stage On
    /// hold, whatever the rating column says: the action is counted so everywhere, and this
    /// says its rating disagrees. An action rated Complete while its % complete is below
    /// 100 keeps its rating, and is reported too. Correct whichever is wrong.
    G09 "stage-disagrees" Warning Action(stage_disagrees)
}
fn stage_disagrees(cx: &ActionCx, out: &mut Out) {
    let message = |s: &crate::model::StageSignal| {
        let stated = s.stated.map(|r| r.to_string()).unwrap_or_default();
        match s.state {
            Some(st) => format!(
                "{} is rated {stated} but {}: counted as {st}; correct the rating or the stage",
                cx.id(),
                s.said
            ),
            None => format!(
                "{} is rated {stated} but {}; confirm it is complete",
                cx.id(),
                s.said
            ),
        }
    };
    match cx.primary() {
        Some((ret, row)) => {
            if let Some(s) = row.stage.as_deref().filter(|s| s.disagrees()) {
                out.about(cx, ret, vec![s.source.clone()], message(s));
            }
        }
        // A plan that is its own tracker: the master's row disagrees with itself.
        None => {
            if let Some(s) = cx.action.stage.as_deref().filter(|s| s.disagrees()) {
                out.push(
                    Some(cx.id()),
                    Party::Master,
                    vec![s.source.clone()],
                    message(s),
                );
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
