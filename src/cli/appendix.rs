//! `plan-recon appendix`: the Cabinet appendix for the month (and its PDF with `--pdf`).

use plan_recon::model::narrative::{Names, recommendation_codes};
use plan_recon::text::counted;
use plan_recon::write::{self, appendix::AppendixOptions};

use super::args::AppendixArgs;
use super::{Failure, Outcome, inputs_of, load_month, timings};

pub fn run(a: &AppendixArgs) -> Result<Outcome, Failure> {
    let mut inputs = inputs_of(&a.inputs);
    inputs.extend(a.narrative.clone());
    write::check_output(&a.output, &inputs, a.force)?;
    let pdf = a.pdf.then(|| write::pdf::pdf_path(&a.output));
    if let Some(pdf) = &pdf {
        write::check_output(pdf, &inputs, a.force)?;
    }
    let timings = timings();
    let loaded = load_month(&a.inputs, &timings)?;
    let narrative = match &a.narrative {
        Some(p) => {
            let names = Names::of(&loaded.master);
            Some(plan_recon::read::read_narrative(
                p,
                loaded.ctx.report_month,
                &names,
            )?)
        }
        None => None,
    };
    // What the run says of the narrative, from the plan: the month's data goes to the writer.
    let narrative_line = narrative.as_ref().map(|n| {
        let (themes, recs) = (n.themes.len(), n.recommendations.len());
        let labels = &loaded.master.labels;
        let all_recs = recommendation_codes(&loaded.master).len();
        let all_themes = loaded.master.themes.len();
        format!(
            "  officers' narrative for {themes} of {} and {recs} of {}{}",
            counted(all_themes, &labels.theme.to_lowercase()),
            counted(all_recs, &labels.recommendation.to_lowercase()),
            if themes < all_themes || recs < all_recs {
                "; the others drafted"
            } else {
                ""
            }
        )
    });
    let actions = loaded.master.actions.len();
    let opts = AppendixOptions {
        title: a.title.clone(),
        narrative,
    };
    let (written, wb) = write::appendix::reconcile_and_write(loaded, &opts, &a.output, &timings)?;
    let c = written.findings;
    eprintln!(
        "wrote {}: {}, {}, {} slipped, {} ({}, {})",
        a.output.display(),
        counted(actions, "action"),
        counted(written.status.exceptions(), "exception"),
        written.status.slippage.len(),
        counted(c.total(), "finding"),
        counted(c.errors, "error"),
        counted(c.warnings, "warning")
    );
    if let Some(line) = narrative_line {
        eprintln!("{line}");
    }
    // The process ends now: freeing a 100,000-row workbook and the month's data one
    // string at a time would only delay the exit.
    std::mem::forget(wb);
    std::mem::forget(written);
    if let Some(pdf) = &pdf {
        write::pdf::write_pdf(&a.output, pdf)?;
        eprintln!("wrote {}", pdf.display());
    }
    Ok(Outcome::Done)
}
