//! `plan-recon narrative`: the officers' narrative form, drafted from the month's returns,
//! for officers to rewrite and pass to `appendix --narrative`.

use plan_recon::reconcile;
use plan_recon::text::counted;
use plan_recon::write;

use super::args::NarrativeArgs;
use super::{Failure, Outcome, inputs_of, load_month, timings};

pub fn run(a: &NarrativeArgs) -> Result<Outcome, Failure> {
    write::check_output(&a.output, &inputs_of(&a.inputs), a.force)?;
    let timings = timings();
    let loaded = load_month(&a.inputs, &timings)?;
    let report = reconcile::reconcile(&loaded);
    let rows = write::appendix::narrative::write_form(&loaded, &report, &a.output)?;
    let labels = &loaded.master.labels;
    eprintln!(
        "wrote {}: the draft narrative of {} and {}; edit it, then pass it to appendix --narrative",
        a.output.display(),
        counted(rows.themes, &labels.theme.to_lowercase()),
        counted(rows.recommendations, &labels.recommendation.to_lowercase())
    );
    Ok(Outcome::Done)
}
