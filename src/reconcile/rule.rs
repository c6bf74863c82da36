//! What a rule is: its code, name, default severity, doc and check; the `rule!` macro that
//! declares one; and [`Out`], where a check puts its findings (always of its own code, at
//! its default severity unless it says otherwise).

use super::code::Code;
use super::context::{ActionCx, Cx};
use super::finding::{Finding, Party, Severity};
use crate::model::{ActionId, DirectorateReturn, Source};

/// How a rule looks at the month.
#[derive(Clone, Copy)]
pub enum Check {
    /// Once for the whole month: reading notes, missing returns, unknown ids.
    Month(fn(&Cx, &mut Out)),
    /// Once for each action of the master plan (a repeated master row is not an action).
    Action(fn(&ActionCx, &mut Out)),
}

/// One rule of the registry.
pub struct Rule {
    pub code: Code,
    /// A short kebab-case name, e.g. `slipped-no-change-control`.
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's doc comment, one line per source line.
    pub doc: &'static str,
    pub check: Check,
}

impl Rule {
    /// The first paragraph of the doc, on one line, without its full stop.
    pub fn summary(&self) -> String {
        let first: Vec<&str> = self
            .doc
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty())
            .collect();
        first.join(" ").trim_end_matches('.').to_string()
    }

    /// The whole explanation, as `plan-recon explain` prints it.
    pub fn explanation(&self) -> String {
        let body: Vec<&str> = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        format!(
            "{} {} ({})\n\n{}\n",
            self.code,
            self.name,
            self.severity,
            body.join("\n").trim()
        )
    }
}

/// Declare a rule: its doc comment, code, name, default severity, and check function.
///
/// ```text
/// rule! {
///     /// A revised date later than the master due date with no change control recorded.
///     D01 "slipped-no-change-control" Error Action(slipped_without_change_control)
/// }
/// ```
macro_rules! rule {
    ($(#[doc = $doc:literal])+ $code:ident $name:literal $sev:ident $scope:ident($check:path)) => {
        $(#[doc = $doc])+
        pub const $code: $crate::reconcile::rule::Rule = $crate::reconcile::rule::Rule {
            code: $crate::reconcile::code::Code::$code,
            name: $name,
            severity: $crate::reconcile::finding::Severity::$sev,
            doc: concat!($($doc, "\n"),+),
            check: $crate::reconcile::rule::Check::$scope($check),
        };
    };
}
pub(crate) use rule;

/// Where a check puts its findings.
pub struct Out<'a> {
    rule: &'static Rule,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Out<'a> {
    pub fn new(rule: &'static Rule, findings: &'a mut Vec<Finding>) -> Out<'a> {
        Out { rule, findings }
    }

    /// A finding of this rule, at its default severity.
    pub fn push(
        &mut self,
        action: Option<&ActionId>,
        party: impl Into<Party>,
        sources: Vec<Source>,
        message: String,
    ) -> &mut Finding {
        self.findings.push(Finding {
            code: self.rule.code,
            severity: self.rule.severity,
            action: action.cloned(),
            party: party.into(),
            sources,
            message,
            detail: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// A finding about `cx`'s action, addressed to the directorate of `ret`.
    pub fn about(
        &mut self,
        cx: &ActionCx,
        ret: &DirectorateReturn,
        sources: Vec<Source>,
        message: String,
    ) -> &mut Finding {
        self.push(
            Some(cx.id()),
            Party::Directorate(ret.directorate.clone()),
            sources,
            message,
        )
    }
}
