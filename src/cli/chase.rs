//! `plan-recon chase`: a pack per directorate with something to fix.

use plan_recon::reconcile;
use plan_recon::text::counted;
use plan_recon::write;

use super::args::ChaseArgs;
use super::{Failure, Outcome, create_folder, inputs_of, load_month, timings};

pub fn run(a: &ChaseArgs) -> Result<Outcome, Failure> {
    let inputs = inputs_of(&a.inputs);
    let timings = timings();
    let loaded = load_month(&a.inputs, &timings)?;
    let report = reconcile::reconcile(&loaded);
    create_folder(&a.output)?;
    for owner in &report.status.owners {
        let (book, text) = write::chase::pack_paths(&a.output, &owner.name);
        for p in [book, text] {
            // A message file carries no mark: one of the same name is plan-recon's when the
            // workbook beside it is.
            let ours = write::written_by_plan_recon(&p.with_extension("xlsx"));
            write::check_output(&p, &inputs, a.force || ours)?;
        }
    }
    let chase = write::chase::write_chase(&loaded, &report, &a.output)?;
    for p in &chase.packs {
        let what = if p.missing {
            "no return: the actions it owes".to_string()
        } else {
            format!(
                "{}, {}",
                counted(p.errors, "error"),
                counted(p.warnings, "warning")
            )
        };
        eprintln!(
            "wrote {} and {}: {what}",
            p.workbook.display(),
            p.message.display()
        );
    }
    let clean = if chase.clean.is_empty() {
        "none".to_string()
    } else {
        chase.clean.join(", ")
    };
    eprintln!(
        "{} to chase; clean: {clean}",
        counted(chase.packs.len(), "directorate")
    );
    Ok(Outcome::Done)
}
