//! `plan-recon read FILE`: how a workbook was understood.

use plan_recon::dates::DateContext;

use super::args::{Kind, ReadArgs};
use super::{Failure, Outcome, describe, load_map, print, this_month};

pub fn run(a: &ReadArgs) -> Result<Outcome, Failure> {
    let map = load_map(&a.map)?;
    let ctx = DateContext::new(a.month.unwrap_or_else(this_month));
    let text = match a.kind {
        Kind::Master => {
            describe::master(&plan_recon::read::read_master(&a.file, &map, &ctx)?, a.rows)
        }
        Kind::Return => describe::ret(&plan_recon::read::read_return(&a.file, &map, &ctx)?, a.rows),
    };
    print(&text)?;
    Ok(Outcome::Done)
}
