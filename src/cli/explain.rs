//! `plan-recon explain CODE`: what a rule checks, why, and what to do.

use plan_recon::reconcile;

use super::args::ExplainArgs;
use super::{Failure, Outcome, print};

pub fn run(a: &ExplainArgs) -> Result<Outcome, Failure> {
    let text = if a.code.eq_ignore_ascii_case("all") {
        reconcile::all_rules()
            .map(|r| r.explanation())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        match reconcile::Code::parse(&a.code) {
            Some(c) => c.rule().explanation(),
            None => {
                let codes: Vec<String> =
                    reconcile::Code::ALL.iter().map(|c| c.to_string()).collect();
                return Err(Failure::Usage(format!(
                    "{:?} is not a rule's code or name\n  codes: {}",
                    a.code,
                    codes.join(", ")
                )));
            }
        }
    };
    print(&text)?;
    Ok(Outcome::Done)
}
