//! `plan-recon template`: the returns sent out, one directorate's or every directorate's,
//! carried forward from last month's register with `--previous`.

use std::path::PathBuf;

use plan_recon::load;
use plan_recon::text::counted;
use plan_recon::write;

use super::args::{self, Inputs, MapArg, NarrativeArgs, TemplateArgs};
use super::{Failure, Outcome, create_folder, load_map, narrative, this_month};

pub fn run(a: &TemplateArgs) -> Result<Outcome, Failure> {
    if a.narrative {
        eprintln!(
            "note: `template --narrative` is now `plan-recon narrative` (same options); the old spelling will be removed"
        );
        let Some(month) = a.month else {
            return Err(Failure::Usage("template --narrative needs --month".into()));
        };
        return narrative::run(&NarrativeArgs {
            inputs: Inputs {
                plan: a.plan.clone(),
                returns: a.returns.clone(),
                month,
                previous: None,
                map: MapArg {
                    map: a.map.map.clone(),
                },
            },
            output: a.output.clone(),
            force: a.force,
        });
    }
    if !a.all {
        args::xlsx_path(&a.output.to_string_lossy())
            .map_err(|e| Failure::Usage(format!("-o {e}")))?;
    }
    let inputs = load::input_paths(&a.plan, &[], a.previous.as_deref(), a.map.map.as_deref());
    let map = load_map(&a.map)?;
    let month = a.month.unwrap_or_else(this_month);
    let plan = load::load_master(&a.plan, month, a.previous.as_deref(), &map)?;
    let jobs: Vec<(String, PathBuf)> = match &a.directorate {
        Some(d) => vec![(d.clone(), a.output.clone())],
        None => {
            create_folder(&a.output)?;
            write::template::directorates(&plan.master)
                .into_iter()
                .map(|d| {
                    let file = a.output.join(write::template::file_name(&d));
                    (d, file)
                })
                .collect()
        }
    };
    for (_, out) in &jobs {
        write::check_output(out, &inputs, a.force)?;
    }
    for (directorate, out) in &jobs {
        let n = write::template::write_template(
            out,
            &plan.master,
            directorate,
            &map,
            month,
            plan.previous.as_ref(),
        )?;
        eprintln!(
            "wrote {}: {} for {directorate}{}",
            out.display(),
            counted(n, "action"),
            if plan.previous.is_some() {
                ", carried forward from last month"
            } else {
                ""
            }
        );
    }
    Ok(Outcome::Done)
}
