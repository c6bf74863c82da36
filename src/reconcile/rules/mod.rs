//! The rules, one file per family. Each rule is declared with `rule!` beside its check
//! function; the registry (`../registry.rs`) lists them all.
//!
//! | file | codes | looks at |
//! |---|---|---|
//! | `reading.rs` | R01-R07 | what the reader noticed in each file |
//! | `matching.rs` | M01-M06 | returns against the master plan: missing, unknown, repeated |
//! | `fields.rs` | F01-F03 | text, owner and theme changed from the master |
//! | `dates.rs` | D01-D05 | slippage, change control, overdue, unreadable dates |
//! | `ratings.rs` | G01-G08 | RAG ratings against the dates, the commentary and each other |
//! | `progress.rs` | P01-P04 | movement since last month (`--previous`) |
//!
//! A check reads the month ([`Cx`]) or one action ([`ActionCx`]) and pushes findings; it
//! never changes the status it reads.

pub mod dates;
pub mod fields;
pub mod matching;
pub mod progress;
pub mod ratings;
pub mod reading;

use crate::load::Month;
use crate::model::{Action, ActionId, DirectorateReturn, ReturnRow, Source};
use crate::previous::PrevAction;
use crate::status::{ActionStatus, MonthStatus};

use super::finding::{Finding, Party};
use super::registry::Code;

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

    /// A finding about this action, addressed to the directorate whose row speaks for it.
    /// Call only where [`ActionCx::primary`] is `Some`.
    pub fn finding(
        &self,
        code: Code,
        ret: &DirectorateReturn,
        sources: Vec<Source>,
        message: String,
    ) -> Finding {
        Finding::new(
            code,
            Some(self.id()),
            Party::Directorate(ret.directorate.clone()),
            sources,
            message,
        )
    }

    /// The cell of the stated RAG, else of the row.
    pub fn rag_source(row: &ReturnRow) -> Source {
        row.rag
            .as_ref()
            .map(|r| r.source.clone())
            .unwrap_or_else(|| row.source().clone())
    }
}
