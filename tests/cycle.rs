//! The monthly cycle over three months of an invented council (ids GOV-01, FIN-02; two
//! directorates): carry-forward returns from last month's appendix, filled in and read
//! back; history in the register; the rules that need it; chase packs.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::Data;
use common::*;
use plan_recon::write::appendix::{EXCEPTIONS, REGISTER_SHEET};
use plan_recon_samples::book::{Cell, Sheet, write_xlsx};

const MASTER_HEADERS: [&str; 6] = [
    "Ref",
    "Workstream",
    "Action",
    "Lead Directorate",
    "Due date",
    "RAG",
];

/// The master plan; `fin02_due` is FIN-02's due date (the plan re-baselines it in February).
fn master_plan(path: &Path, fin02_due: &str) {
    let mut s = Sheet::new("Improvement Plan", &MASTER_HEADERS);
    s.above = vec!["Eastmere Council Improvement Plan".into()];
    for (id, ws, title, dir, due) in [
        (
            "GOV-01",
            "Governance",
            "Adopt a new constitution",
            "Governance",
            "March 2024",
        ),
        (
            "GOV-02",
            "Governance",
            "Train all members on decision making",
            "Governance",
            "June 2024",
        ),
        (
            "FIN-01",
            "Finance",
            "Close the 2022/23 accounts",
            "Finance",
            "April 2024",
        ),
        (
            "FIN-02",
            "Finance",
            "Set a balanced medium-term plan",
            "Finance",
            fin02_due,
        ),
    ] {
        s.rows.push(
            [id, ws, title, dir, due, "Green"]
                .into_iter()
                .map(Cell::from)
                .collect(),
        );
    }
    write_xlsx(path, &[s]).unwrap();
}

/// A return as a directorate might make it by hand: its own headers.
fn hand_made(path: &Path, rows: &[[&str; 5]]) {
    let mut s = Sheet::new(
        "Return",
        &[
            "Ref",
            "Status",
            "Progress update",
            "New date",
            "CC reference",
        ],
    );
    s.rows = rows
        .iter()
        .map(|r| r.iter().map(|c| Cell::from(*c)).collect())
        .collect();
    write_xlsx(path, &[s]).unwrap();
}

/// Fill a carry-forward return: for each (id, header, value), set the cell; everything
/// else as the template has it.
fn fill(template: &Path, to: &Path, edits: &[(&str, &str, &str)]) {
    let r = sheet(template, "Return");
    let h = find_row(&r, &["Action Ref"]).expect("the template's header row");
    let (rows, cols) = r.get_size();
    let text = |row: u32, col: u32| {
        r.get_value((row, col))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let headers: Vec<String> = (0..cols as u32).map(|c| text(h, c)).collect();
    let mut s = Sheet::new(
        "Return",
        &headers.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for row in h + 1..rows as u32 {
        let id = text(row, 0);
        if id.is_empty() {
            continue;
        }
        s.rows.push(
            headers
                .iter()
                .enumerate()
                .map(|(c, head)| {
                    let edit = edits.iter().find(|(i, hh, _)| *i == id && hh == head);
                    Cell::from(edit.map_or(text(row, c as u32), |(_, _, v)| v.to_string()))
                })
                .collect(),
        );
    }
    write_xlsx(to, &[s]).unwrap();
}

struct Run {
    dir: PathBuf,
}

impl Run {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = bin().current_dir(&self.dir).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(matches!(o.status.code(), Some(0 | 1)), "{args:?}: {err}");
        err
    }

    /// `reconcile --json`: (code, action) of each finding.
    fn findings(&self, args: &[&str]) -> BTreeSet<(String, String)> {
        let mut all = vec!["reconcile", "--json", "--fail-on", "never"];
        all.extend_from_slice(args);
        let o = bin().current_dir(&self.dir).args(&all).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["action"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }
}

fn register_row(path: &Path, id: &str) -> Vec<String> {
    let reg = sheet(path, REGISTER_SHEET);
    let r = find_row(&reg, &[id]).unwrap_or_else(|| panic!("{id} in the register"));
    (0..plan_recon::model::register::REGISTER.len() as u32)
        .map(|c| {
            reg.get_value((r, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect()
}

fn col(name: &str) -> usize {
    plan_recon::model::register::REGISTER
        .iter()
        .position(|c| c.header == name)
        .unwrap()
}

#[test]
fn three_months_from_templates_to_appendix() {
    let tmp = tempfile::tempdir().unwrap();
    let run = Run {
        dir: tmp.path().to_path_buf(),
    };
    master_plan(&run.path("plan.xlsx"), "May 2024");
    master_plan(&run.path("plan-feb.xlsx"), "September 2024");

    // January: returns made by hand.
    std::fs::create_dir(run.path("jan")).unwrap();
    hand_made(
        &run.path("jan/governance.xlsx"),
        &[
            [
                "GOV-01",
                "Red",
                "Drafting delayed by legal review.",
                "May 2024",
                "CC-14 approved",
            ],
            ["GOV-02", "Green", "Sessions booked.", "", ""],
        ],
    );
    hand_made(
        &run.path("jan/finance.xlsx"),
        &[
            ["FIN-01", "Red", "Audit findings outstanding.", "", ""],
            ["FIN-02", "Green", "Model built.", "", ""],
        ],
    );
    let month = |m: &str, plan: &str, returns: &str| -> Vec<String> {
        ["--month", m, "--plan", plan, "--returns", returns]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let args = |v: &[String], extra: &[&str]| -> Vec<String> {
        v.iter()
            .cloned()
            .chain(extra.iter().map(|s| s.to_string()))
            .collect()
    };
    let refs = |v: &[String]| v.to_vec();
    let jan = month("2024-01", "plan.xlsx", "jan");
    let a = args(&jan, &["-o", "jan.xlsx"]);
    run.ok(&[
        &["appendix"][..],
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());

    // February: the returns carried forward from January, filled in.
    run.ok(&[
        "template",
        "--plan",
        "plan-feb.xlsx",
        "--all",
        "--month",
        "2024-02",
        "--previous",
        "jan.xlsx",
        "-o",
        "feb-out",
    ]);
    let gov = run.path("feb-out/governance.xlsx");
    let fin = run.path("feb-out/finance.xlsx");
    assert!(gov.exists() && fin.exists());
    // Carried forward: last month's rating, revised date and change control; last month's
    // commentary read-only beside an empty Progress this month.
    let t = sheet(&gov, "Return");
    let h = find_row(&t, &["Action Ref"]).unwrap();
    let head = |name: &str| {
        (0..20)
            .find(|&c| t.get_value((h, c)).map(|d| d.to_string()).as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name} column"))
    };
    let r = find_row(&t, &["GOV-01"]).unwrap();
    let at = |c: u32| {
        t.get_value((r, c))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    assert_eq!(at(head("RAG Status")), "Red");
    assert_eq!(at(head("Revised date")), "May 2024");
    assert_eq!(at(head("Change control")), "CC-14 approved");
    assert_eq!(
        at(head(plan_recon::write::template::LAST_MONTH_HEADER)),
        "Drafting delayed by legal review."
    );
    assert!(matches!(
        t.get_value((r, head("Progress this month"))),
        None | Some(Data::Empty)
    ));

    std::fs::create_dir(run.path("feb")).unwrap();
    let gov_edits = [
        ("GOV-01", "Revised date", "July 2024"),
        (
            "GOV-01",
            "Progress this month",
            "Legal review took longer; new date agreed.",
        ),
        ("GOV-02", "Progress this month", "First session held."),
    ];
    fill(&gov, &run.path("feb/governance.xlsx"), &gov_edits);
    fill(
        &fin,
        &run.path("feb/finance.xlsx"),
        &[
            ("FIN-01", "Progress this month", "Two findings closed."),
            ("FIN-02", "RAG Status", "Amber"),
            ("FIN-02", "Progress this month", "Pressures in social care."),
        ],
    );
    // The filled carry-forward return gives the findings a hand-made return with the same
    // content gives.
    std::fs::create_dir(run.path("feb-by-hand")).unwrap();
    hand_made(
        &run.path("feb-by-hand/governance.xlsx"),
        &[
            [
                "GOV-01",
                "Red",
                "Legal review took longer; new date agreed.",
                "July 2024",
                "CC-14 approved",
            ],
            ["GOV-02", "Green", "First session held.", "", ""],
        ],
    );
    std::fs::copy(
        run.path("feb/finance.xlsx"),
        run.path("feb-by-hand/finance.xlsx"),
    )
    .unwrap();
    let feb = month("2024-02", "plan-feb.xlsx", "feb");
    let feb_prev = args(&feb, &["--previous", "jan.xlsx"]);
    let by_template = run.findings(
        &refs(&feb_prev)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let by_hand_args = args(
        &month("2024-02", "plan-feb.xlsx", "feb-by-hand"),
        &["--previous", "jan.xlsx"],
    );
    let by_hand = run.findings(&by_hand_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(by_template, by_hand);
    // No reading trouble from the template's own columns.
    assert!(
        !by_template.iter().any(|(c, _)| c.starts_with('R')),
        "{by_template:?}"
    );
    // The plan moved FIN-02 from May to September: re-baselined.
    assert!(
        by_template.contains(&("P07".into(), "FIN-02".into())),
        "{by_template:?}"
    );
    let a = args(&feb_prev, &["-o", "feb.xlsx"]);
    run.ok(&[
        &["appendix"][..],
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());
    let ex = sheet(&run.path("feb.xlsx"), EXCEPTIONS);
    let r = find_row(&ex, &["FIN-02"]).unwrap();
    assert_eq!(ex.get_value((r, 5)), Some(&Data::String("Worse".into())));

    // March: Governance moves GOV-01 a third time; Finance sends its return back untouched.
    run.ok(&[
        "template",
        "--plan",
        "plan-feb.xlsx",
        "--all",
        "--month",
        "2024-03",
        "--previous",
        "feb.xlsx",
        "-o",
        "mar",
    ]);
    fill(
        &run.path("mar/governance.xlsx"),
        &run.path("mar/governance-filled.xlsx"),
        &[
            ("GOV-01", "Revised date", "October 2024"),
            ("GOV-01", "Progress this month", "Consultation extended."),
            ("GOV-02", "Progress this month", "Second session held."),
        ],
    );
    std::fs::remove_file(run.path("mar/governance.xlsx")).unwrap();
    let mar = args(
        &month("2024-03", "plan-feb.xlsx", "mar"),
        &["--previous", "feb.xlsx"],
    );
    let found = run.findings(&mar.iter().map(String::as_str).collect::<Vec<_>>());
    for want in [
        ("P05", "GOV-01"),
        ("P06", "GOV-01"),
        ("P06", "FIN-01"),
        ("R13", ""),
    ] {
        assert!(
            found.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {found:?}"
        );
    }
    assert!(!found.contains(&("P06".into(), "FIN-02".into())));
    let a = args(&mar, &["-o", "mar.xlsx"]);
    run.ok(&[
        &["appendix"][..],
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());
    let g = register_row(&run.path("mar.xlsx"), "GOV-01");
    assert_eq!(
        g[col("Ratings by month")],
        "2024-01 Red; 2024-02 Red; 2024-03 Red"
    );
    assert_eq!(g[col("Date moves")], "3");
    assert_eq!(g[col("Months at Red")], "3");
    assert_eq!(g[col("Baseline due date")], "March 2024");
    assert_eq!(g[col("Since last month")], "Same");
    let f2 = register_row(&run.path("mar.xlsx"), "FIN-02");
    assert_eq!(
        f2[col("Baseline due date")],
        "May 2024",
        "the first due date ever seen"
    );
    assert_eq!(
        f2[col("Ratings by month")],
        "2024-01 Green; 2024-02 Amber; 2024-03 Amber"
    );

    // Chase packs: Finance sent its return back untouched.
    let said = run.ok(&[
        &["chase"][..],
        &mar.iter().map(String::as_str).collect::<Vec<_>>(),
        &["-o", "chase"],
    ]
    .concat());
    assert!(said.contains("to chase"), "{said}");
    let msg = std::fs::read_to_string(run.path("chase/chase-finance.txt")).unwrap();
    assert!(msg.contains("not updated since last month"), "{msg}");
    assert!(msg.contains("[Return!"), "cells named: {msg}");
    let pack = sheet(&run.path("chase/chase-finance.xlsx"), "To fix");
    let sev = column(&pack, 0, 3);
    let sev: Vec<&String> = sev.iter().filter(|s| !s.is_empty()).collect();
    let mut sorted = sev.clone();
    sorted.sort_by_key(|s| if s.as_str() == "error" { 0 } else { 1 });
    assert_eq!(sev, sorted, "errors first");
}

#[test]
fn chase_lists_what_a_missing_directorate_owes_and_names_the_clean_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let run = Run {
        dir: tmp.path().to_path_buf(),
    };
    master_plan(&run.path("plan.xlsx"), "May 2024");
    std::fs::create_dir(run.path("jan")).unwrap();
    hand_made(
        &run.path("jan/governance.xlsx"),
        &[
            ["GOV-01", "Green", "On course.", "", ""],
            ["GOV-02", "Green", "Sessions booked.", "", ""],
        ],
    );
    let chase = [
        "chase",
        "--month",
        "2024-01",
        "--plan",
        "plan.xlsx",
        "--returns",
        "jan",
        "-o",
        "out",
    ];
    let said = run.ok(&chase);
    assert!(
        said.contains("1 directorate to chase; clean: Governance"),
        "{said}"
    );
    let msg = std::fs::read_to_string(run.path("out/chase-finance.txt")).unwrap();
    assert!(msg.contains("not received"), "{msg}");
    assert!(
        msg.contains("FIN-01 Close the 2022/23 accounts (due April 2024)"),
        "{msg}"
    );
    assert!(!run.path("out/chase-governance.txt").exists());
    // Run again: its own packs are overwritten.
    run.ok(&chase);
}
