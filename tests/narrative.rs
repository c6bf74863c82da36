//! The officers' narrative: `template --narrative` drafts the form, officers rewrite it,
//! `appendix --narrative` prints what they wrote; `--pdf` and `--title`.

mod common;

use std::path::Path;

use calamine::{Data, Range};
use common::*;
use plan_recon::write::appendix::{RECOMMENDATIONS, THEMES};
use rust_xlsxwriter::Workbook;

fn month_args(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.args(["--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
}

fn form(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("narrative.xlsx");
    let o = month_args(bin().args(["template", "--narrative"]))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Copy the form's cells to `to`, with `edit` applied to each (row, col, text).
fn rewrite(from: &Path, to: &Path, edit: impl Fn(u32, u32, &str) -> String) {
    let r: Range<Data> = sheet(from, plan_recon::model::narrative::SHEET);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(plan_recon::model::narrative::SHEET).unwrap();
    let (rows, cols) = r.get_size();
    for row in 0..rows as u32 {
        for col in 0..cols as u32 {
            let t = r
                .get_value((row, col))
                .map(|d| d.to_string())
                .unwrap_or_default();
            let t = edit(row, col, &t);
            if !t.is_empty() {
                ws.write_string(row, col as u16, t).unwrap();
            }
        }
    }
    wb.save(to).unwrap();
}

fn appendix(dir: &Path, extra: &[&str]) -> (std::process::Output, std::path::PathBuf) {
    let out = dir.join("appendix.xlsx");
    let o = month_args(bin().arg("appendix"))
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .args(extra)
        .output()
        .unwrap();
    (o, out)
}

#[test]
fn the_form_is_drafted_per_theme_and_recommendation() {
    let dir = tempfile::tempdir().unwrap();
    let f = form(dir.path());
    let r = sheet(&f, plan_recon::model::narrative::SHEET);
    assert_eq!(r.get_value((1, 1)), Some(&Data::String("July 2023".into())));
    let h = find_row(&r, &plan_recon::model::narrative::COLUMNS).expect("the form's header");
    let sections = column(&r, 0, h + 1);
    assert_eq!(sections.iter().filter(|s| *s == "Theme").count(), 6);
    assert_eq!(
        sections
            .iter()
            .filter(|s| *s == "Statutory Recommendation")
            .count(),
        6
    );
    let row = find_row(&r, &["Corporate Oversight"]).unwrap();
    let cell = |c: u32| r.get_value((row, c)).unwrap().to_string();
    assert!(cell(2).contains("10 actions: 2 Complete"), "{}", cell(2));
    assert!(
        cell(3).contains("CO.A1.9 Modelling phase complete"),
        "{}",
        cell(3)
    );
    assert!(cell(5).contains("CO.B2.1"), "{}", cell(5));
}

#[test]
fn the_appendix_prints_what_officers_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let f = form(dir.path());
    let edited = dir.path().join("edited.xlsx");
    let r = sheet(&f, plan_recon::model::narrative::SHEET);
    let co = find_row(&r, &["Corporate Oversight"]).unwrap();
    let s1 = find_row(&r, &["S1"]).unwrap();
    rewrite(&f, &edited, |row, col, t| match (row, col) {
        (r, 2) if r == co => {
            "Oversight is strengthening; the ERP programme is the main risk.".into()
        }
        (r, 3) if r == co => "Audit committee agreed the new assurance map.".into(),
        (r, 4) if r == co => String::new(),
        (r, 2) if r == s1 => "Senior officers now meet fortnightly on service risks.".into(),
        _ => t.to_string(),
    });
    let (o, out) = appendix(dir.path(), &["--narrative", edited.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("officers' narrative for 6 of 6 themes"),
        "{err}"
    );

    let t = sheet(&out, THEMES);
    let lines = cell_lines(&t, 1..2, 0);
    let at = |s: &str| lines.iter().position(|l| l.contains(s));
    let mine = at("Oversight is strengthening").expect("the officers' summary");
    assert!(lines.contains(&"Audit committee agreed the new assurance map.".to_string()));
    // Their empty Next steps is left out; the generated counts are not printed for it; the
    // month's exceptions still are.
    assert!(!lines[mine..].iter().take(6).any(|l| l == "Next steps:"));
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("10 actions: 2 Complete, 4 Green, 2 Amber, 1 Red, 1 On hold"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("CO.C1.9") && l.contains("Red rated"))
    );

    let sr = sheet(&out, RECOMMENDATIONS);
    let all = cell_lines(&sr, 1..3, 0);
    assert!(all.iter().any(|l| l == "Progress summary"));
    assert!(
        all.iter()
            .any(|l| l == "Senior officers now meet fortnightly on service risks.")
    );
}

#[test]
fn a_narrative_for_another_month_or_an_unknown_theme_is_refused_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let f = form(dir.path());
    let june = dir.path().join("june.xlsx");
    rewrite(&f, &june, |row, col, t| {
        if (row, col) == (1, 1) {
            "June 2023".into()
        } else {
            t.to_string()
        }
    });
    let (o, out) = appendix(dir.path(), &["--narrative", june.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[Narrative!B2]") && err.contains("June 2023"),
        "{err}"
    );
    assert!(!out.exists());

    let typo = dir.path().join("typo.xlsx");
    rewrite(&f, &typo, |_, _, t| {
        if t == "Decision Making" {
            "Decision-Taking".into()
        } else {
            t.to_string()
        }
    });
    let (o, _) = appendix(dir.path(), &["--narrative", typo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"Decision-Taking\" is not a theme") && err.contains("[Narrative!B"),
        "{err}"
    );
    assert!(
        err.contains("Decision Making"),
        "the themes are listed: {err}"
    );
}

#[test]
fn title_sets_the_headings() {
    let dir = tempfile::tempdir().unwrap();
    let (o, out) = appendix(dir.path(), &["--title", "Appendix 3 - Improvement Plan"]);
    assert!(o.status.success());
    let t = sheet(&out, THEMES);
    assert_eq!(
        t.get_value((0, 0)),
        Some(&Data::String(
            "Appendix 3 - Improvement Plan Theme Progress Summary July 2023".into()
        ))
    );
}

#[test]
fn pdf_without_libreoffice_says_so_and_keeps_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("appendix.xlsx");
    let o = month_args(bin().arg("appendix"))
        .arg("-o")
        .arg(&out)
        .arg("--pdf")
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("LibreOffice is not installed"), "{err}");
    assert!(out.exists(), "the workbook is written all the same");
    assert!(!dir.path().join("appendix.pdf").exists());
}

#[test]
fn pdf_with_libreoffice_is_written_beside_the_workbook() {
    if common::tool("pdf_with_libreoffice", &["soffice", "libreoffice"]).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (o, _) = appendix(dir.path(), &["--pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(dir.path().join("appendix.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn the_dashboard_key_says_what_the_council_means_by_each_rating() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "[key]\namber = \"At risk, or up to six weeks behind the due date\"\n",
    )
    .unwrap();
    let (o, out) = appendix(dir.path(), &["--map", map.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d = sheet(&out, plan_recon::write::appendix::DASHBOARD);
    let meaning = |rating: &str| {
        let r = (0..60)
            .find(|&r| {
                (5..7).any(|c| {
                    d.get_value((r, c)).map(|v| v.to_string()).as_deref() == Some(rating)
                        && d.get_value((r, c + 1))
                            .is_some_and(|v| !v.to_string().is_empty())
                })
            })
            .unwrap_or_else(|| panic!("{rating} in the key"));
        d.get_value((r, 6)).unwrap().to_string()
    };
    // The council's own words where its map gives them, the default elsewhere.
    assert_eq!(
        meaning("Amber"),
        "At risk, or up to six weeks behind the due date"
    );
    assert_eq!(meaning("Green"), "On track to deliver by the due date");
    assert_eq!(
        meaning("Not reported"),
        "No return reported this action this month"
    );
}
