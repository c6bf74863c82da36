//! One action as the rules and the sheets read it: the master's action, its status, and the
//! return rows that report it. The one place that looks a report up in the month's returns.

use crate::load::Month;
use crate::model::register::PrevAction;
use crate::model::{Action, ActionId, DirectorateReturn, ReturnRow, Source};

use super::{ActionStatus, MonthStatus};

/// One action of the master, its status, and the month it belongs to.
#[derive(Clone, Copy)]
pub struct ActionView<'a> {
    pub month: &'a Month<'a>,
    pub action: &'a Action,
    pub status: &'a ActionStatus,
}

impl<'a> ActionView<'a> {
    /// The view of the action `status` is about.
    pub fn of(month: &'a Month<'a>, status: &'a ActionStatus) -> ActionView<'a> {
        ActionView {
            month,
            action: &month.master.actions[status.action],
            status,
        }
    }

    pub fn id(&self) -> &'a ActionId {
        &self.action.id.value
    }

    /// The return and row that speak for the action, when a return reports it.
    pub fn primary(&self) -> Option<(&'a DirectorateReturn, &'a ReturnRow)> {
        let p = self.status.primary?;
        let ret = &self.month.returns[p.ret];
        Some((ret, &ret.rows[p.row]))
    }

    /// The row that speaks for the action, when a return reports it.
    pub fn row(&self) -> Option<&'a ReturnRow> {
        self.primary().map(|(_, row)| row)
    }

    /// Every return row that reports the action, with its return, in return order.
    pub fn reports(&self) -> impl Iterator<Item = (&'a DirectorateReturn, &'a ReturnRow)> + 'a {
        let returns = self.month.returns;
        self.status
            .reports
            .iter()
            .map(move |r| (&returns[r.ret], &returns[r.ret].rows[r.row]))
    }

    /// Last month's entry for the action, with `--previous`.
    pub fn previous(&self) -> Option<&'a PrevAction> {
        self.month.previous?.actions.get(self.id())
    }

    /// The cell of the stated RAG, else of the row.
    pub fn rag_source(row: &ReturnRow) -> Source {
        row.rag
            .as_ref()
            .map(|r| r.source.clone())
            .unwrap_or_else(|| row.source().clone())
    }
}

/// One view per master row, in master order.
pub fn views<'a>(month: &'a Month<'a>, status: &'a MonthStatus) -> Vec<ActionView<'a>> {
    status
        .actions
        .iter()
        .map(|s| ActionView::of(month, s))
        .collect()
}
