//! What the rules read: the month ([`Cx`]) and one action of it ([`ActionCx`]).

use crate::load::Month;
use crate::model::register::PrevAction;
use crate::model::{Action, ActionId, DirectorateReturn, ReturnRow, Source};
use crate::status::{ActionStatus, MonthStatus};

/// What a month rule reads: the month as read, and its status.
pub struct Cx<'a> {
    pub month: &'a Month<'a>,
    pub status: &'a MonthStatus,
}

/// What an action rule reads: one action of the master and its status.
pub struct ActionCx<'a> {
    pub cx: &'a Cx<'a>,
    pub action: &'a Action,
    pub status: &'a ActionStatus,
}

impl<'a> ActionCx<'a> {
    pub fn id(&self) -> &'a ActionId {
        &self.action.id.value
    }

    /// The return and row that speak for the action, when a return reports it.
    pub fn primary(&self) -> Option<(&'a DirectorateReturn, &'a ReturnRow)> {
        let p = self.status.primary?;
        let ret = &self.cx.month.returns[p.ret];
        Some((ret, &ret.rows[p.row]))
    }

    /// Every return row that reports the action, with its return.
    pub fn reports(&self) -> impl Iterator<Item = (&'a DirectorateReturn, &'a ReturnRow)> + 'a {
        let returns = self.cx.month.returns;
        self.status
            .reports
            .iter()
            .map(move |r| (&returns[r.ret], &returns[r.ret].rows[r.row]))
    }

    /// Last month's entry for the action, with `--previous`.
    pub fn previous(&self) -> Option<&'a PrevAction> {
        self.cx.month.previous?.actions.get(self.id())
    }

    /// The cell of the stated RAG, else of the row.
    pub fn rag_source(row: &ReturnRow) -> Source {
        row.rag
            .as_ref()
            .map(|r| r.source.clone())
            .unwrap_or_else(|| row.source().clone())
    }
}
