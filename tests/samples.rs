//! The bundled samples: they are what the generator writes, they read as expected, and
//! reconciling them finds exactly the planted faults.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use plan_recon::columns::ColumnMap;
use plan_recon::model::Field;
use plan_recon::read;
use plan_recon_samples::{self as samples, planted_faults};

#[test]
fn samples_are_exactly_what_the_generator_writes() {
    let dir = tempfile::tempdir().unwrap();
    samples::write_samples(dir.path()).unwrap();
    let mut files = vec!["master-plan.xlsx".to_string(), "FAULTS.md".to_string()];
    for e in std::fs::read_dir(dir.path().join("returns")).unwrap() {
        files.push(format!(
            "returns/{}",
            e.unwrap().file_name().to_string_lossy()
        ));
    }
    assert_eq!(files.len(), 8, "{files:?}");
    for f in files {
        let fresh = std::fs::read(dir.path().join(&f)).unwrap();
        let committed = std::fs::read(samples().join(&f)).unwrap_or_else(|_| {
            panic!(
                "samples/{f} missing: run `cargo run --release -p plan-recon-samples -- samples --force`"
            )
        });
        assert!(
            fresh == committed,
            "samples/{f} is stale: run `cargo run --release -p plan-recon-samples -- samples --force`"
        );
    }
}

#[test]
fn master_plan_reads_with_fields_and_sources() {
    let m = read::read_master(&master(), &ColumnMap::builtin(), &ctx()).unwrap();
    assert_eq!(m.actions.len(), 62);
    assert_eq!(&*m.table.sheet, "Improvement Plan");
    assert_eq!(m.table.header_row, 2);
    let fields: Vec<Field> = m.table.columns.iter().map(|c| c.field).collect();
    for f in [
        Field::Id,
        Field::Theme,
        Field::Recommendation,
        Field::Title,
        Field::Owner,
        Field::Directorate,
        Field::Due,
        Field::Rag,
        Field::Milestones,
    ] {
        assert!(fields.contains(&f), "{f} not mapped");
    }
    let first = &m.actions[0];
    assert_eq!(first.id.value.as_str(), "OC.A1.1");
    assert_eq!(first.id.source.cell(), "A4");
    assert_eq!(first.due.as_ref().unwrap().source.cell(), "G4");
    // A real date cell.
    assert_eq!(
        first.due.as_ref().unwrap().value.start(),
        chrono::NaiveDate::from_ymd_opt(2023, 3, 31)
    );
    assert_eq!(first.recommendation.as_ref().unwrap().value, "S3");
    assert_eq!(
        first.directorate.as_ref().unwrap().value,
        "Chief Executive's Office"
    );
    let c49 = m
        .actions
        .iter()
        .find(|a| a.id.value.as_str() == "OC.C4.1")
        .unwrap();
    assert_eq!(c49.due.as_ref().unwrap().value.text, "May 23");
    assert_eq!(m.recommendations.len(), 6);
    assert_eq!(m.recommendations[0].code, "S1");
    assert!(m.table.notes.is_empty(), "{:?}", m.table.notes);
}

#[test]
fn every_return_reads_with_its_own_headers() {
    let files = read::list_workbooks(&returns()).unwrap();
    assert_eq!(files.len(), 6);
    let (rets, failed) = read::read_returns(&files, &ColumnMap::builtin(), &ctx());
    assert!(failed.is_empty(), "{failed:?}");
    let by_name: BTreeMap<&str, &plan_recon::model::DirectorateReturn> =
        rets.iter().map(|r| (r.directorate.as_str(), r)).collect();
    // Title-block returns name their directorate in the sheet; the others from the file name.
    let expect = [
        ("Borough Economy", 7, "Return"),
        ("Chief Executives Office", 16, "Return"),
        ("Children & Adults", 6, "Tracker"),
        ("Finance & Transformation", 12, "Tracker"),
        ("Law & Governance", 13, "Return"),
        ("Regeneration And Growth", 8, "Return"),
    ];
    for (name, rows, sheet) in expect {
        let r = by_name
            .get(name)
            .unwrap_or_else(|| panic!("{name} not read; got {:?}", by_name.keys()));
        assert_eq!(r.rows.len(), rows, "{name}");
        assert_eq!(&*r.table.sheet, sheet, "{name}");
        assert!(
            r.rows.iter().all(|row| row.rag.is_some()),
            "{name}: every row has a RAG"
        );
    }
    let fin = by_name["Finance & Transformation"];
    assert_eq!(fin.table.header_row, 4);
    let rag_col = fin
        .table
        .columns
        .iter()
        .find(|c| c.field == Field::Rag)
        .unwrap();
    assert_eq!(rag_col.header, "RAG");
    let a19 = fin
        .rows
        .iter()
        .find(|r| r.id.value.as_str() == "CO.A1.9")
        .unwrap();
    assert_eq!(a19.revised.as_ref().unwrap().value.text, "December 23");
    assert!(
        a19.revised
            .as_ref()
            .unwrap()
            .source
            .to_string()
            .ends_with("finance-and-transformation.xlsx [Tracker!K8]"),
        "{}",
        a19.revised.as_ref().unwrap().source
    );

    // Merged theme cells are filled down; the trailing key note is skipped, not an error.
    let reg = by_name["Regeneration And Growth"];
    assert!(
        reg.rows.iter().all(|r| r.theme.is_some()),
        "merged themes filled down"
    );
    assert_eq!(reg.table.skipped_rows, 1);

    // The #REF! cell is a note with its cell, not a crash.
    let be = by_name["Borough Economy"];
    assert_eq!(be.table.notes.len(), 1);
    assert_eq!(be.table.notes[0].source.cell(), "G7");
    assert!(be.table.notes[0].detail.contains("#REF!"));

    // The .ods return.
    let law = by_name["Law & Governance"];
    assert!(law.table.file.ends_with(".ods"));
    assert_eq!(
        law.rows
            .iter()
            .filter(|r| r.id.value.as_str() == "DM.A2.1")
            .count(),
        2
    );
}

#[test]
fn read_command_shows_mapping_rows_and_sources() {
    let out = bin()
        .args(["read"])
        .arg(returns().join("finance-and-transformation.xlsx"))
        .args(["--month", "2023-07", "--rows", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("directorate: Finance & Transformation"),
        "{text}"
    );
    assert!(text.contains("header row:  5 (Tracker!A5)"), "{text}");
    assert!(
        text.contains("rag             <- column F \"RAG\""),
        "{text}"
    );
    assert!(text.contains("CO.A1.9   Amber"), "{text}");
    assert!(
        text.contains("\"December 23\" = 01/12/2023-31/12/2023  [K8]"),
        "{text}"
    );
}

/// The planted faults, and the informational findings of the clean exceptions.
fn expected() -> BTreeMap<String, BTreeSet<String>> {
    let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in planted_faults() {
        let key = p
            .action
            .map(str::to_string)
            .unwrap_or_else(|| format!("return:{}", p.directorate));
        e.entry(key)
            .or_default()
            .extend(p.codes.iter().map(|c| c.to_string()));
    }
    for id in ["OC.C4.1", "PC.A5.2"] {
        e.entry(id.to_string()).or_default().insert("D02".into());
    }
    e
}

#[test]
fn reconcile_finds_every_planted_fault_and_nothing_else() {
    let out = bin()
        .args(["reconcile", "--json", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .output()
        .unwrap();
    // Errors were found, so exit code 1 (the default --fail-on error).
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["month"], "2023-07");
    let mut got: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        let key = match f["action"].as_str() {
            Some(a) => a.to_string(),
            None => format!("return:{}", f["directorate"].as_str().unwrap()),
        };
        got.entry(key)
            .or_default()
            .insert(f["code"].as_str().unwrap().to_string());
        assert!(
            !f["sources"].as_array().unwrap().is_empty() || f["code"] == "M01",
            "finding without a source: {f}"
        );
    }
    assert_eq!(got, expected());
    assert_eq!(json["summary"]["errors"], 8);
    assert_eq!(json["summary"]["missing_returns"][0], "Housing");
    // Sources name file, sheet and cell.
    let r01 = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "R01")
        .unwrap();
    assert_eq!(r01["sources"][0]["cell"], "G7");
    assert_eq!(r01["sources"][0]["sheet"], "Return");
    assert!(
        r01["sources"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("borough-economy.xlsx")
    );
    let f01 = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "F01")
        .unwrap();
    assert!(
        f01["detail"]
            .as_str()
            .unwrap()
            .contains("{+waste, leisure+}"),
        "{f01}"
    );
}

#[test]
fn reconcile_text_report_groups_by_directorate_and_fail_on_controls_exit() {
    let run = |fail_on: &str| {
        bin()
            .args([
                "reconcile",
                "--month",
                "July 2023",
                "--color",
                "never",
                "--fail-on",
                fail_on,
                "--plan",
            ])
            .arg(master())
            .arg("--returns")
            .arg(returns())
            .output()
            .unwrap()
    };
    let out = run("never");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("plan-recon: July 2023 - 62 actions"),
        "{text}"
    );
    assert!(text.contains("\nBorough Economy  ("), "{text}");
    assert!(text.contains("ERROR   R01 PC.B2.1"), "{text}");
    assert!(!text.contains("\x1b["), "no colour when not a terminal");
    assert_eq!(run("error").status.code(), Some(1));
    assert_eq!(run("warning").status.code(), Some(1));
}

#[test]
fn bad_month_and_missing_master_are_clear_errors() {
    let out = bin()
        .args(["reconcile", "--month", "Julember", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2023-07, 2023-7, July 2023"));
    let out = bin()
        .args([
            "reconcile",
            "--month",
            "2023-07",
            "--plan",
            "no-such.xlsx",
            "--returns",
        ])
        .arg(returns())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such.xlsx") && err.contains("hint:"),
        "{err}"
    );
}
