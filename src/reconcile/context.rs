//! What the rules read: the month ([`Cx`]) and one action of it ([`ActionCx`]).

use std::ops::Deref;

use crate::load::Month;
use crate::status::{ActionView, MonthStatus};

/// What a month rule reads: the month as read, and its status.
pub struct Cx<'a> {
    pub month: &'a Month<'a>,
    pub status: &'a MonthStatus,
}

/// What an action rule reads: the month's [`Cx`] and the action's [`ActionView`] (the same
/// view the appendix's sheets read), which it derefs to.
pub struct ActionCx<'a> {
    pub cx: &'a Cx<'a>,
    pub view: ActionView<'a>,
}

impl<'a> Deref for ActionCx<'a> {
    type Target = ActionView<'a>;

    fn deref(&self) -> &ActionView<'a> {
        &self.view
    }
}
