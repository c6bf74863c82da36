//! A run is never silently wrong: each case that once gave a plausible but wrong result is
//! now right or a clear refusal, checked through the binary.

mod common;

use std::path::Path;

use common::*;

fn appendix(out: &Path, extra: &[&str]) -> std::process::Output {
    on_samples("appendix", out, extra)
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

#[test]
fn actions_nobody_reported_read_not_reported_everywhere_cabinet_looks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("appendix.xlsx");
    assert!(appendix(&out, &[]).status.success());
    // Housing sent no return (SD.H1.1, PC.H1.1); SD.B2.3 was left out of its return.
    let reg = sheet(&out, plan_recon::write::appendix::REGISTER_SHEET);
    let rag_of = |id: &str| {
        let r = find_row(&reg, &[id]).unwrap_or_else(|| panic!("{id} in the register"));
        reg.get_value((r, 6))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    for id in ["SD.H1.1", "PC.H1.1", "SD.B2.3"] {
        assert_eq!(rag_of(id), "Not reported", "{id}");
    }
    // Reported actions keep their ratings.
    assert_eq!(rag_of("CO.A1.9"), "Amber");
    let themes = sheet(&out, plan_recon::write::appendix::THEMES);
    let all = cell_lines(&themes, 0..4, 0);
    let milestone = all
        .iter()
        .find(|t| t.contains("SD.B2.3"))
        .expect("SD.B2.3 among the milestones");
    assert!(milestone.ends_with("Not reported"), "{milestone}");
    assert!(!milestone.contains("On track"), "{milestone}");
    assert!(
        all.iter().any(|t| t.contains("2 Not reported")),
        "the Strategic Direction summary counts its unreported actions"
    );
    // Next month, they are not taken for a rating they never had.
    let prev = plan_recon::read::read_previous(&out).unwrap();
    let id = plan_recon::model::ActionId::parse("SD.H1.1").unwrap();
    assert_eq!(prev.actions[&id].rag, None);
}

#[test]
fn a_revised_date_without_a_year_takes_the_year_of_its_actions_timetable_and_says_so() {
    use plan_recon_samples::book::{Sheet, write_xlsx};
    let dir = tempfile::tempdir().unwrap();
    let mut plan = Sheet::new("Plan", &["Ref", "Action", "Directorate", "Due date", "RAG"]);
    plan.rows = vec![
        vec![
            "1.1".into(),
            "Launch the new website".into(),
            "Housing".into(),
            "31/03/2024".into(),
            "Green".into(),
        ],
        vec![
            "1.2".into(),
            "Publish the allocations policy".into(),
            "Housing".into(),
            "30/06/2023".into(),
            "Green".into(),
        ],
    ];
    write_xlsx(&dir.path().join("plan.xlsx"), &[plan]).unwrap();
    std::fs::create_dir(dir.path().join("returns")).unwrap();
    let mut ret = Sheet::new(
        "Return",
        &["Ref", "RAG", "Progress", "Revised date", "Change control"],
    );
    ret.rows = vec![
        vec![
            "1.1".into(),
            "Amber".into(),
            "Supplier change.".into(),
            "Mid-July".into(),
            "Approved by Board".into(),
        ],
        vec![
            "1.2".into(),
            "Amber".into(),
            "Consultation extended.".into(),
            "Mid-July".into(),
            "Approved by Board".into(),
        ],
    ];
    write_xlsx(&dir.path().join("returns/housing.xlsx"), &[ret]).unwrap();
    let out = bin()
        .args([
            "reconcile",
            "--json",
            "--fail-on",
            "never",
            "--month",
            "2023-07",
            "--plan",
        ])
        .arg(dir.path().join("plan.xlsx"))
        .arg("--returns")
        .arg(dir.path().join("returns"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages = |id: &str| -> Vec<String> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["action"] == id)
            .map(|f| {
                format!(
                    "{} {}",
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    // Due March 2024: "Mid-July" is July 2024, a slip with change control, not "moved earlier".
    let a = messages("1.1");
    assert!(
        a.iter()
            .any(|m| m.starts_with("D02") && m.contains("Mid-July (year assumed 2024)")),
        "{a:?}"
    );
    assert!(!a.iter().any(|m| m.starts_with("D04")), "{a:?}");
    // Due June 2023: "Mid-July" is July 2023.
    let b = messages("1.2");
    assert!(
        b.iter()
            .any(|m| m.starts_with("D02") && m.contains("Mid-July (year assumed 2023)")),
        "{b:?}"
    );
    let slip = json["slippage"].as_array().unwrap();
    assert!(
        slip.iter()
            .any(|s| s["revised"]["text"] == "Mid-July (year assumed 2024)"),
        "{slip:?}"
    );
}

/// A copy of the samples' returns folder, for a test to add files to.
fn returns_copy(dir: &Path) -> std::path::PathBuf {
    let rets = dir.join("returns");
    std::fs::create_dir(&rets).unwrap();
    for e in std::fs::read_dir(returns()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, rets.join(p.file_name().unwrap())).unwrap();
    }
    rets
}

fn reconcile_json(rets: &[&Path]) -> serde_json::Value {
    let mut cmd = bin();
    cmd.args([
        "reconcile",
        "--json",
        "--fail-on",
        "never",
        "--month",
        "2023-07",
        "--plan",
    ])
    .arg(master());
    for r in rets {
        cmd.arg("--returns").arg(r);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn codes_of(json: &serde_json::Value, code: &str) -> Vec<String> {
    findings_coded(json, code)
        .into_iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_appendix_and_a_master_copy_in_the_returns_folder_are_not_directorates() {
    let dir = tempfile::tempdir().unwrap();
    let rets = returns_copy(dir.path());
    assert!(appendix(&rets.join("Appendix.xlsx"), &[]).status.success());
    std::fs::copy(master(), rets.join("Master Plan.xlsx")).unwrap();
    let json = reconcile_json(&[&rets]);
    let r11 = codes_of(&json, "R11");
    assert_eq!(r11.len(), 2, "{r11:?}");
    assert!(
        r11.iter()
            .any(|m| m.contains("Appendix.xlsx is a workbook plan-recon wrote"))
    );
    assert!(
        r11.iter()
            .any(|m| m.contains("Master Plan.xlsx is a copy of the master plan"))
    );
    // The findings are the samples' own: no false conflicts, no "Appendix" directorate.
    assert_eq!(codes_of(&json, "G04").len(), 1, "only the planted conflict");
    for f in json["findings"].as_array().unwrap() {
        let d = f["directorate"].as_str().unwrap();
        assert!(d != "Appendix" && d != "Master Plan", "{f}");
    }
}

#[test]
fn an_earlier_version_of_a_return_is_superseded_and_never_compared() {
    let dir = tempfile::tempdir().unwrap();
    let rets = returns_copy(dir.path());
    // A draft of Borough Economy's return with another rating for PC.A5.2.
    std::fs::copy(
        rets.join("borough-economy.xlsx"),
        rets.join("borough economy v1 draft.xlsx"),
    )
    .unwrap();
    let json = reconcile_json(&[&rets]);
    let r12 = codes_of(&json, "R12");
    assert_eq!(r12.len(), 1, "{r12:?}");
    assert!(
        r12[0].contains("borough economy v1 draft.xlsx is superseded by"),
        "{}",
        r12[0]
    );
    // Its rows never meet the rules: no duplicate-looking conflicts.
    assert!(codes_of(&json, "M05").is_empty());
    assert_eq!(codes_of(&json, "G04").len(), 1, "only the planted conflict");
    // The same file named twice (directly and through its folder) is read once: not a
    // second version of itself.
    std::fs::remove_file(rets.join("borough economy v1 draft.xlsx")).unwrap();
    let json = reconcile_json(&[&rets, &rets.join("law-and-governance.ods")]);
    assert!(codes_of(&json, "R12").is_empty(), "{json:#}");
    assert_eq!(
        codes_of(&json, "M04").len(),
        1,
        "only the planted duplicate row"
    );
}

#[test]
fn a_lock_file_is_skipped_with_a_warning_in_folders_and_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let rets = returns_copy(dir.path());
    let lock = rets.join("~$borough-economy.xlsx");
    std::fs::write(&lock, b"\x0bowner name").unwrap();
    for json in [reconcile_json(&[&rets]), reconcile_json(&[&rets, &lock])] {
        let r10 = codes_of(&json, "R10");
        assert_eq!(
            r10,
            ["borough-economy.xlsx is open in Excel; save and close it before the run"]
        );
        assert!(
            codes_of(&json, "R06").is_empty(),
            "the lock file is not read"
        );
    }
    // The finding points at the lock file and goes to the directorate in the master's
    // spelling ("Children & Adults", where the file name says children-and-adults).
    std::fs::remove_file(&lock).unwrap();
    std::fs::write(rets.join("~$children-and-adults.xlsx"), b"\x0bowner").unwrap();
    let json = reconcile_json(&[&rets]);
    let r10 = findings_coded(&json, "R10");
    assert_eq!(r10.len(), 1, "{json:#}");
    assert_eq!(r10[0]["directorate"], "Children & Adults");
    let file = r10[0]["sources"][0]["file"].as_str().unwrap_or("");
    assert!(file.ends_with("~$children-and-adults.xlsx"), "{file}");
}

/// Each finding as (code, directorate, action): what must not change when files are renamed.
fn finding_keys(json: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut keys: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .expect("a findings list")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("code"), s("directorate"), s("action"))
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn returns_named_as_councils_name_their_files_reach_their_directorates() {
    let dir = tempfile::tempdir().unwrap();
    let plain = returns_copy(dir.path());
    let want = finding_keys(&reconcile_json(&[&plain]));
    assert!(want.iter().all(|(c, _, _)| c != "R14"), "{want:?}");
    // The council's name, the plan's, the month and a version around the directorate's
    // name, and words of the name written otherwise.
    let named = dir.path().join("named");
    std::fs::create_dir(&named).unwrap();
    for (from, to) in [
        (
            "borough-economy.xlsx",
            "Northshire IP return Jul23 - Borough Economy.xlsx",
        ),
        (
            "chief-executives-office.xlsx",
            "Chief Executive's Office - IP update Jul23 v2.xlsx",
        ),
        (
            "children-and-adults.xlsx",
            "NSC Improvement Plan July 2023 Children and Adults.xlsx",
        ),
        (
            "finance-and-transformation.xlsx",
            "finance_and_transformation_2023_07 FINAL.xlsx",
        ),
        (
            "law-and-governance.ods",
            "Law & Governance return (July).ods",
        ),
        // No directorate's name at all: its actions are Regeneration & Growth's.
        ("regeneration-and-growth.xlsx", "Estates return.xlsx"),
    ] {
        std::fs::copy(plain.join(from), named.join(to)).unwrap();
    }
    let json = reconcile_json(&[&named]);
    // Only the file that names no directorate says how it was placed.
    let r15 = findings_coded(&json, "R15");
    assert_eq!(r15.len(), 1, "{json:#}");
    assert_eq!(r15[0]["directorate"], "Regeneration & Growth");
    let got: Vec<_> = finding_keys(&json)
        .into_iter()
        .filter(|(c, _, _)| c != "R15")
        .collect();
    assert_eq!(got, want, "the same findings, for the same directorates");
}
