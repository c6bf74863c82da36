//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, open_workbook_auto};
use plan_recon::dates::DateContext;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn samples() -> PathBuf {
    root().join("samples")
}

pub fn master() -> PathBuf {
    samples().join("master-plan.xlsx")
}

pub fn returns() -> PathBuf {
    samples().join("returns")
}

/// The report month of the bundled samples, July 2023.
pub fn ctx() -> DateContext {
    DateContext::new(chrono::NaiveDate::from_ymd_opt(2023, 7, 1).expect("a real date"))
}

pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("plan-recon").expect("binary built")
}

/// Run `command` (`appendix`, `reconcile`, ...) on the samples' July, writing `out`, with
/// `extra` arguments.
pub fn on_samples(command: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .args([command, "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("the binary runs")
}

/// Read one sheet of a workbook with calamine.
pub fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb =
        open_workbook_auto(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name} of {}: {e}", path.display()))
}

pub fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// All text of a column (absolute column index) below `from_row`.
pub fn column(r: &Range<Data>, col: u32, from_row: u32) -> Vec<String> {
    let (_, _) = r.start().unwrap();
    let (r1, _) = r.end().unwrap();
    (from_row..=r1)
        .map(|row| {
            r.get_value((row, col))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// The row (absolute) whose cells contain all the given texts.
pub fn find_row(r: &Range<Data>, texts: &[&str]) -> Option<u32> {
    let (r0, c0) = r.start()?;
    let (r1, c1) = r.end()?;
    (r0..=r1).find(|&row| {
        texts.iter().all(|t| {
            (c0..=c1).any(|c| {
                r.get_value((row, c))
                    .is_some_and(|d| matches!(d, Data::String(s) if s == t))
            })
        })
    })
}

/// Every line of every cell of the given columns below `from_row`: a narrative cell holds
/// many bullets, one a line.
pub fn cell_lines(r: &Range<Data>, cols: std::ops::Range<u32>, from_row: u32) -> Vec<String> {
    cols.flat_map(|c| column(r, c, from_row))
        .flat_map(|cell| cell.lines().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// The command of an external tool the test needs (`soffice`, `pdftotext`, ...), or `None`
/// with the reason printed where it is absent. Under CI (`CI` set, as `.ci/run` does) an
/// absent tool fails the test: a test that needs LibreOffice never passes by skipping there.
pub fn tool(test: &str, names: &[&'static str]) -> Option<&'static str> {
    let found = names.iter().copied().find(|c| {
        let version = if c.starts_with("pdfto") {
            "-v"
        } else {
            "--version"
        };
        std::process::Command::new(c)
            .arg(version)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let why = format!(
            "{test}: {} not found (apt-get install libreoffice-calc poppler-utils fonts-crosextra-carlito; .ci/run does)",
            names.join(" or ")
        );
        assert!(
            !under_ci(),
            "{why}; under CI a test never passes by skipping"
        );
        eprintln!("SKIPPED {why}");
    }
    found
}

/// Whether the tests run under CI (`CI` set to anything but `false` or empty).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The findings of a `reconcile --json` document with this code.
pub fn findings_coded<'a>(json: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    json["findings"]
        .as_array()
        .expect("a findings list")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}
