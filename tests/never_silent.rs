//! A run is never silently wrong: each case that once gave a plausible but wrong result is
//! now right or a clear refusal, checked through the binary.

mod common;

use std::path::Path;

use common::*;

fn appendix(out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .args(["appendix", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn two_digit_years_are_this_century_and_impossible_months_are_refused() {
    let run = |month: &str| {
        bin()
            .args([
                "reconcile",
                "--json",
                "--fail-on",
                "never",
                "--month",
                month,
                "--plan",
            ])
            .arg(master())
            .arg("--returns")
            .arg(returns())
            .output()
            .unwrap()
    };
    for month in ["07/23", "Jul-23", "2023-7", "7/2023"] {
        let out = run(month);
        assert_eq!(out.status.code(), Some(0), "{month}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["month"], "2023-07", "{month}");
    }
    for month in ["1999-07", "0023-07", "Julember 2023", "13/2023"] {
        let out = run(month);
        assert_eq!(out.status.code(), Some(2), "{month}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("July 2023, Jul 2023, Jul-23"),
            "{month}: {err}"
        );
    }
}

#[test]
fn the_output_is_never_an_input_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let rets = dir.path().join("returns");
    std::fs::create_dir(&rets).unwrap();
    for e in std::fs::read_dir(returns()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, rets.join(p.file_name().unwrap())).unwrap();
    }
    let target = rets.join("borough-economy.xlsx");
    let before = std::fs::read(&target).unwrap();
    // Named through a link to the folder, so only canonical paths can tell.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&rets, &link).unwrap();
    let out = bin()
        .args(["appendix", "--force", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(&rets)
        .arg("-o")
        .arg(link.join("borough-economy.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is one of the inputs"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "a return was overwritten"
    );
}

#[test]
fn previous_must_be_an_earlier_appendix_written_by_plan_recon() {
    let dir = tempfile::tempdir().unwrap();
    let july = dir.path().join("july.xlsx");
    assert!(appendix(&july, &[]).status.success());
    let out = bin()
        .args(["reconcile", "--month", "July 2023", "--previous"])
        .arg(&july)
        .arg("--plan")
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is the appendix for July 2023"), "{err}");
    let out = bin()
        .args(["reconcile", "--month", "2023-08", "--previous"])
        .arg(master())
        .arg("--plan")
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not an appendix written by plan-recon"),
        "{err}"
    );
    assert!(!err.contains("--map"), "{err}");
}

#[test]
fn outputs_must_be_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let out = appendix(&dir.path().join("appendix.pdf"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not end in .xlsx"));
    assert!(!dir.path().join("appendix.pdf").exists());
    let out = bin()
        .args(["template", "--directorate", "Housing", "--plan"])
        .arg(master())
        .arg("-o")
        .arg(dir.path().join("housing.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
