//! Small things a new user meets in the first hour.

mod common;

use common::*;
use plan_recon_samples::book::{Sheet, write_xlsx};

fn appendix_to(out: &std::path::Path) -> std::process::Output {
    on_samples("appendix", out, &[])
}

#[test]
fn running_the_same_command_twice_overwrites_only_what_plan_recon_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("appendix.xlsx");
    assert!(appendix_to(&out).status.success());
    let again = appendix_to(&out);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    std::fs::write(&out, b"someone's own workbook").unwrap();
    let refused = appendix_to(&out);
    assert_eq!(refused.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"someone's own workbook");
}

#[test]
fn counts_are_plural_only_when_plural() {
    let dir = tempfile::tempdir().unwrap();
    let f = plan_recon_samples::councils::councils()
        .into_iter()
        .find(|c| c.name == "Northshire")
        .unwrap();
    plan_recon_samples::councils::write_fixture(dir.path(), &f).unwrap();
    let out = bin()
        .args(["appendix", "--month", f.month, "--plan"])
        .arg(dir.path().join(f.master_file))
        .arg("--returns")
        .arg(dir.path().join("returns"))
        .arg("-o")
        .arg(dir.path().join("a.xlsx"))
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stderr);
    assert!(line.contains("(5 errors, 1 warning)"), "{line}");
    let text = bin()
        .args([
            "reconcile",
            "--color",
            "never",
            "--month",
            f.month,
            "--plan",
        ])
        .arg(dir.path().join(f.master_file))
        .arg("--returns")
        .arg(dir.path().join("returns"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("5 errors, 1 warning, 1 info"), "{text}");
    assert!(!text.contains("1 warnings"), "{text}");
    assert!(text.contains("plan-recon explain CODE"), "{text}");
}

#[test]
fn each_line_of_an_achievements_list_is_its_own_bullet_with_the_action_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = Sheet::new(
        "Plan",
        &["Ref", "Theme", "Action", "Directorate", "Due date", "RAG"],
    );
    plan.rows = vec![vec![
        "1.1".into(),
        "Governance".into(),
        "New constitution".into(),
        "Legal".into(),
        "December 2023".into(),
        "Green".into(),
    ]];
    write_xlsx(&dir.path().join("plan.xlsx"), &[plan]).unwrap();
    std::fs::create_dir(dir.path().join("returns")).unwrap();
    let mut ret = Sheet::new("Return", &["Ref", "RAG", "Progress", "Achievements"]);
    ret.rows = vec![vec![
        "1.1".into(),
        "Green".into(),
        "On plan.".into(),
        "- Draft agreed by members\n- Consultation launched".into(),
    ]];
    write_xlsx(&dir.path().join("returns/legal.xlsx"), &[ret]).unwrap();
    let out = dir.path().join("a.xlsx");
    let o = bin()
        .args(["appendix", "--month", "2023-07", "--plan"])
        .arg(dir.path().join("plan.xlsx"))
        .arg("--returns")
        .arg(dir.path().join("returns"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = sheet(&out, plan_recon::write::appendix::THEMES);
    let cells = cell_lines(&s, 2..3, 0);
    for item in [
        "Draft agreed by members (1.1)",
        "Consultation launched (1.1)",
    ] {
        assert!(
            cells
                .iter()
                .any(|c| c.ends_with(item) && c.starts_with('\u{2022}')),
            "{item:?} in {cells:?}"
        );
    }
}

#[test]
fn a_directorate_not_in_the_plan_is_a_usage_error_listing_the_real_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["template", "--directorate", "Nowhere", "--plan"])
        .arg(master())
        .arg("-o")
        .arg(dir.path().join("t.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Borough Economy") && err.contains("Housing"),
        "{err}"
    );
}

#[test]
fn explain_prints_a_rules_doc_and_json_carries_its_schema_version() {
    let out = bin().args(["explain", "G07"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("G07 rag-optimistic (warning)"), "{text}");
    assert!(text.contains("Overdue implies Red"), "{text}");
    assert_eq!(
        bin()
            .args(["explain", "X99"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let out = bin()
        .args(["reconcile", "--json", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
}
