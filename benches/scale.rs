//! Whole-process benchmark of plan-recon at realistic and large scale.
//!
//! `cargo bench --bench scale` generates (once, into target/bench-data/) a realistic month
//! (600 actions over 40 returns) and a large run (100,000 actions over 200 returns) with the
//! samples generator, then times the release binary end to end (read, reconcile, write the
//! appendix) and a bare calamine parse of every cell of the same files on 2 threads, each in
//! its own process so that wall time and peak memory (max RSS) are the whole process's.
//!
//! A third scenario, `bad-month`, is the large run in a month where things have gone badly
//! (half the actions Amber or Red, a sixth slipped, about 75,000 findings, long commentary,
//! another council's headers).
//!
//! Options after `--`: `--quick` (fewer runs), `--only realistic|large|bad-month`,
//! `--baseline BIN` (another build of plan-recon, e.g. before a change, run turn about with
//! this one on the same data: on a shared machine only runs side by side compare).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{Data, Reader, open_workbook_auto};
use rayon::prelude::*;

struct Scenario {
    name: &'static str,
    /// A month where things have gone badly (half exceptions, a sixth slipped, many
    /// findings, other headers), else the samples' distribution.
    bad: bool,
    actions: usize,
    returns: usize,
    runs: usize,
    /// Targets: wall seconds and peak MB.
    target_s: f64,
    target_mb: Option<f64>,
}

const SCENARIOS: [Scenario; 3] = [
    Scenario {
        name: "realistic",
        bad: false,
        actions: 600,
        returns: 40,
        runs: 30,
        target_s: 0.030,
        target_mb: None,
    },
    Scenario {
        name: "large",
        bad: false,
        actions: 100_000,
        returns: 200,
        runs: 5,
        target_s: 1.0,
        target_mb: Some(250.0),
    },
    Scenario {
        name: "bad-month",
        bad: true,
        actions: 100_000,
        returns: 200,
        runs: 5,
        target_s: 1.5,
        target_mb: Some(250.0),
    },
];

fn data_dir(s: &Scenario) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(format!(
            "{}{}x{}",
            if s.bad { "bad-" } else { "" },
            s.actions,
            s.returns
        ));
    if !dir.join("master-plan.xlsx").exists() {
        eprintln!(
            "generating {} actions over {} returns in {} ...",
            s.actions,
            s.returns,
            dir.display()
        );
        if s.bad {
            plan_recon_samples::write_bad_month(&dir, s.actions, s.returns)
        } else {
            plan_recon_samples::write_scale(&dir, s.actions, s.returns)
        }
        .expect("generate bench data");
    }
    dir
}

/// Run a command in this process's child and report (wall seconds, peak RSS in MB) of it alone.
fn measure_here(program: &str, args: &[String]) -> (f64, f64) {
    let t = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("spawn");
    let wall = t.elapsed().as_secs_f64();
    assert!(status.success(), "{program} {args:?} failed: {status}");
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    (wall, ru.ru_maxrss as f64 / 1024.0)
}

/// Measure in a fresh intermediate process so that max RSS is this command's only.
fn measure(program: &str, args: &[String]) -> (f64, f64) {
    let me = std::env::current_exe().expect("bench exe");
    let out = Command::new(me)
        .arg("--measure-one")
        .arg(program)
        .args(args)
        .output()
        .expect("spawn measurer");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .map(|x| x.parse::<f64>().expect("number"));
    (it.next().unwrap(), it.next().unwrap())
}

/// Parse every cell of every workbook under `dir` with calamine, 2 threads.
fn bare_parse(dir: &Path) -> usize {
    let mut files = vec![dir.join("master-plan.xlsx")];
    for e in std::fs::read_dir(dir.join("returns")).unwrap() {
        files.push(e.unwrap().path());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let mut wb = open_workbook_auto(f).unwrap();
                let mut n = 0;
                for name in wb.sheet_names() {
                    let r = wb.worksheet_range(&name).unwrap();
                    n += r
                        .used_cells()
                        .filter(|(_, _, d)| !matches!(d, Data::Empty))
                        .count();
                }
                n
            })
            .sum()
    })
}

fn stats(mut xs: Vec<f64>) -> (f64, f64) {
    xs.sort_by(|a, b| a.total_cmp(b));
    (xs[0], xs[xs.len() / 2])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure-one") {
        let (wall, mb) = measure_here(&args[1], &args[2..]);
        println!("{wall} {mb}");
        return;
    }
    if args.first().map(String::as_str) == Some("--bare") {
        let n = bare_parse(Path::new(&args[1]));
        eprintln!("{n} cells");
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (only, baseline) = (value_of("--only"), value_of("--baseline"));
    let bin = env!("CARGO_BIN_EXE_plan-recon");
    let me = std::env::current_exe().unwrap().display().to_string();
    println!(
        "plan-recon benchmark: whole process, {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "{:<10} {:>18} {:>5} {:>10} {:>10} {:>9} {:>11} {:>9} {:>7}  targets",
        "scenario",
        "actions x returns",
        "runs",
        "min",
        "median",
        "peak MB",
        "bare min",
        "bare MB",
        "ratio"
    );
    for s in SCENARIOS
        .iter()
        .filter(|s| only.as_deref().is_none_or(|o| o == s.name))
    {
        let dir = data_dir(s);
        let out = std::env::temp_dir().join(format!("plan-recon-bench-{}.xlsx", s.name));
        let run_args: Vec<String> = [
            "appendix",
            "--plan",
            &dir.join("master-plan.xlsx").display().to_string(),
            "--returns",
            &dir.join("returns").display().to_string(),
            "--month",
            "2023-07",
            "-o",
            &out.display().to_string(),
            "--force",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        let runs = if quick { s.runs.min(3) } else { s.runs };
        // One warm-up run of each (page cache).
        measure(bin, &run_args);
        measure(&me, &["--bare".to_string(), dir.display().to_string()]);
        let mut walls = Vec::new();
        let mut peak: f64 = 0.0;
        let mut bare = Vec::new();
        let mut bare_peak: f64 = 0.0;
        let mut base_walls = Vec::new();
        let mut base_peak: f64 = 0.0;
        for _ in 0..runs {
            if let Some(b) = &baseline {
                let (w, m) = measure(b, &run_args);
                base_walls.push(w);
                base_peak = base_peak.max(m);
            }
            let (w, m) = measure(bin, &run_args);
            walls.push(w);
            peak = peak.max(m);
            let (w, m) = measure(&me, &["--bare".to_string(), dir.display().to_string()]);
            bare.push(w);
            bare_peak = bare_peak.max(m);
        }
        let (min, med) = stats(walls);
        let (bmin, _) = stats(bare);
        let ok_time = min <= s.target_s;
        let ok_mem = s.target_mb.is_none_or(|t| peak <= t);
        let ratio = min / bmin;
        println!(
            "{:<10} {:>18} {:>5} {:>8.1}ms {:>8.1}ms {:>9.1} {:>9.1}ms {:>9.1} {:>6.2}x  wall < {:.0} ms {}{}, within 2x of bare {}",
            s.name,
            format!("{} x {}", s.actions, s.returns),
            runs,
            min * 1e3,
            med * 1e3,
            peak,
            bmin * 1e3,
            bare_peak,
            ratio,
            s.target_s * 1e3,
            if ok_time { "PASS" } else { "FAIL" },
            s.target_mb
                .map(|t| format!(
                    ", peak < {t:.0} MB {}",
                    if ok_mem { "PASS" } else { "FAIL" }
                ))
                .unwrap_or_default(),
            if ratio <= 2.0 { "PASS" } else { "FAIL" }
        );
        if !base_walls.is_empty() {
            let (bmin, bmed) = stats(base_walls);
            println!(
                "{:<10} {:>18} {:>5} {:>8.1}ms {:>8.1}ms {:>9.1}  baseline; this build's median is {:.2}x its",
                "",
                "baseline",
                runs,
                bmin * 1e3,
                bmed * 1e3,
                base_peak,
                med / bmed
            );
        }
        let _ = std::fs::remove_file(out);
    }
}
