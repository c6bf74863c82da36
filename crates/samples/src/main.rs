//! `plan-recon-samples [DIR] [--scale ACTIONS:RETURNS]`: write the bundled samples (default
//! `samples`), or benchmark data of ACTIONS actions over RETURNS returns.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: plan-recon-samples [DIR] [--scale ACTIONS:RETURNS [--bad-month]] [--force]\n  writes the bundled samples into DIR (default: samples), or with --scale benchmark data, e.g. --scale 600:40 (--bad-month: half exceptions, a sixth slipped, many findings, other headers);\n  files already there are overwritten only with --force";

fn parse_scale(s: &str) -> Result<(usize, usize), String> {
    let (a, r) = s
        .split_once(':')
        .ok_or("expected ACTIONS:RETURNS, e.g. 600:40")?;
    let a = a
        .trim()
        .parse()
        .map_err(|_| format!("{a:?} is not a number of actions"))?;
    let r: usize = r
        .trim()
        .parse()
        .map_err(|_| format!("{r:?} is not a number of returns"))?;
    if r == 0 {
        return Err("there must be at least one return".into());
    }
    Ok((a, r))
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from("samples");
    let mut scale = None;
    let mut force = false;
    let mut bad = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--force" => force = true,
            "--bad-month" => bad = true,
            "--scale" => match args.next().as_deref().map(parse_scale) {
                Some(Ok(s)) => scale = Some(s),
                Some(Err(e)) => {
                    eprintln!("error: --scale: {e}\n{USAGE}");
                    return ExitCode::from(2);
                }
                None => {
                    eprintln!("error: --scale needs ACTIONS:RETURNS\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            other if other.starts_with('-') => {
                eprintln!("error: unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
            other => dir = PathBuf::from(other),
        }
    }
    let master = dir.join("master-plan.xlsx");
    if !force && master.exists() {
        eprintln!(
            "error: {} already exists\n  hint: pass --force to overwrite the samples there, or choose another folder",
            master.display()
        );
        return ExitCode::from(4);
    }
    let res = match scale {
        Some((actions, returns)) if bad => {
            plan_recon_samples::write_bad_month(&dir, actions, returns)
        }
        Some((actions, returns)) => plan_recon_samples::write_scale(&dir, actions, returns),
        None => plan_recon_samples::write_samples(&dir),
    };
    match res {
        Ok(()) => {
            eprintln!("wrote samples to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(4)
        }
    }
}
