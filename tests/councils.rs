//! Four invented councils, each with its own ids, themes, headers, rating words and layout,
//! run end to end: `reconcile --json` finds exactly the planted faults (nothing from the
//! council's vocabulary itself), and the appendix groups by the council's themes and names
//! its recommendations as the council does.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use plan_recon_samples::councils::{Fixture, councils, write_fixture};

fn run(dir: &Path, f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut cmd = bin();
    cmd.args(args)
        .args(["--month", f.month, "--plan"])
        .arg(dir.join(f.master_file))
        .arg("--returns")
        .arg(dir.join("returns"));
    if f.map.is_some() {
        cmd.arg("--map").arg(dir.join("map.toml"));
    }
    cmd.output().expect("run plan-recon")
}

fn findings(json: &serde_json::Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut got: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in json["findings"].as_array().expect("findings") {
        let key = match f["action"].as_str() {
            Some(a) => a.to_string(),
            None => format!("return:{}", f["directorate"].as_str().unwrap_or("")),
        };
        got.entry(key)
            .or_default()
            .insert(f["code"].as_str().unwrap_or("").to_string());
    }
    got
}

#[test]
fn every_council_reconciles_with_exactly_its_planted_faults() {
    for f in councils() {
        let dir = tempfile::tempdir().unwrap();
        write_fixture(dir.path(), &f).unwrap();
        let out = run(
            dir.path(),
            &f,
            &["reconcile", "--json", "--fail-on", "never"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            f.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let want: BTreeMap<String, BTreeSet<String>> = f
            .expected
            .iter()
            .map(|(k, v)| (k.clone(), v.iter().map(|c| c.to_string()).collect()))
            .collect();
        assert_eq!(findings(&json), want, "{}: {json:#}", f.name);
        assert_eq!(json["summary"]["actions"], f.actions, "{}", f.name);
    }
}

#[test]
fn every_councils_appendix_uses_its_themes_and_labels() {
    for f in councils() {
        let dir = tempfile::tempdir().unwrap();
        write_fixture(dir.path(), &f).unwrap();
        let out_file = dir.path().join("appendix.xlsx");
        let mut cmd = bin();
        cmd.args(["appendix", "--month", f.month, "--plan"])
            .arg(dir.path().join(f.master_file))
            .arg("--returns")
            .arg(dir.path().join("returns"))
            .arg("-o")
            .arg(&out_file);
        if f.map.is_some() {
            cmd.arg("--map").arg(dir.path().join("map.toml"));
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            f.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let names = sheet_names(&out_file);
        // Its recommendations sheet under its own name; none for a plan with none.
        match f.recommendations_sheet {
            Some(rs) => assert!(names.iter().any(|n| n == rs), "{}: {names:?}", f.name),
            None => assert!(
                !names.iter().any(|n| n.contains("Recommendation")),
                "{}: {names:?}",
                f.name
            ),
        }
        // The Dashboard lists the council's themes, in its order.
        let d = sheet(&out_file, plan_recon::write::appendix::DASHBOARD);
        let col = column(&d, 0, 3);
        let themes: Vec<&str> = col
            .iter()
            .map(String::as_str)
            .take_while(|t| !t.starts_with("All "))
            .collect();
        assert_eq!(themes, f.themes, "{}", f.name);
    }
}

#[test]
fn a_plan_whose_rows_cannot_be_read_stops_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.xlsx");
    let mut sheet = plan_recon_samples::book::Sheet::new("Plan", &["Ref", "Action", "Due date"]);
    // A reference column of sentences: nothing reads as an action.
    sheet.rows = (0..6)
        .map(|i| {
            vec![
                format!("See the note at the bottom of page {i} (draft)").into(),
                "Something to do".into(),
                "December 2023".into(),
            ]
        })
        .collect();
    plan_recon_samples::book::write_xlsx(&plan, &[sheet]).unwrap();
    let out = bin()
        .args(["read", "--as", "master"])
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does not read as an improvement plan") && err.contains("0 action"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

/// A council's own phrases, given in its map, add to the built-in ones: Wexcombe's officers
/// write "Reorganised to" only for a date the Board approved, so its map lists it as a
/// change control, and the slip becomes a logged one (D02) instead of an error (D01).
#[test]
fn a_councils_own_phrases_in_its_map_are_added_to_the_built_in_ones() {
    let f = councils()
        .into_iter()
        .find(|f| f.name == "Wexcombe")
        .expect("Wexcombe");
    let codes = |map: Option<&'static str>| {
        let f = Fixture { map, ..f.clone() };
        let dir = tempfile::tempdir().unwrap();
        write_fixture(dir.path(), &f).unwrap();
        let out = run(
            dir.path(),
            &f,
            &["reconcile", "--json", "--fail-on", "never"],
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        findings(&json)
    };
    assert!(f.map.is_none(), "Wexcombe needs no map of its own");
    let without = codes(None);
    let with = codes(Some("[phrases]\nchange_control = [\"reorganised to\"]\n"));
    assert_eq!(without["02.01"], BTreeSet::from(["D01".to_string()]));
    assert_eq!(with["02.01"], BTreeSet::from(["D02".to_string()]));
    // Everything else, read with the built-in phrases, is as before.
    let rest = |m: &BTreeMap<String, BTreeSet<String>>| {
        m.iter()
            .filter(|(k, _)| *k != "02.01")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(rest(&without), rest(&with));
}
