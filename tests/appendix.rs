//! The Cabinet appendix and the blank return, written from the samples and read back.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Xlsx, open_workbook};
use common::*;
use plan_recon::write::appendix::{
    DASHBOARD, EXCEPTIONS, FINDINGS, RECOMMENDATIONS, REGISTER_SHEET, SLIPPAGE, THEMES,
};

fn write_appendix(out: &Path, extra: &[&str]) -> std::process::Output {
    on_samples("appendix", out, extra)
}

/// The officer's checks workbook for the samples' July.
fn write_checks(out: &Path) -> std::process::Output {
    on_samples("reconcile", out, &[])
}

fn appendix() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("appendix.xlsx");
    let o = write_appendix(&out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

const EXCEPTION_IDS: [&str; 14] = [
    "OC.B1.3", "OC.C4.1", "CO.A1.9", "CO.B2.1", "CO.C1.9", "CO.D1.1", "SD.A5.3", "SD.A5.4",
    "SD.A6.4", "SD.F1.0", "PC.A5.2", "PC.C1.1", "PR.C1.1", "PR.D1.3",
];

#[test]
fn appendix_has_every_sheet_with_its_headers() {
    let (_d, out) = appendix();
    assert_eq!(
        sheet_names(&out),
        [
            "Dashboard",
            "Theme Progress Summary",
            "Statutory Recommendations",
            "Exceptions",
            "Slippage log",
            "All actions"
        ]
    );
    // The writer's own list, which the constants used below come from.
    assert_eq!(
        sheet_names(&out),
        plan_recon::write::appendix::sheet_names(&Default::default())
    );
    let tps = sheet(&out, THEMES);
    assert!(
        find_row(
            &tps,
            &[
                "Theme",
                "Summary",
                "Achievements this period",
                "Key Milestones"
            ]
        )
        .is_some()
    );
    let themes = column(&tps, 0, 3);
    for t in [
        "Organisational Culture",
        "Corporate Oversight",
        "Strategic Direction",
        "Decision Making",
        "Procurement & Commercial",
        "Partnerships & Relationships",
    ] {
        assert!(
            themes.iter().any(|x| x == t),
            "{t} missing from Theme Progress Summary"
        );
    }
    let summary = column(&tps, 1, 3).join("\n");
    // The built-in word for the Amber, Red and On hold actions; no council's own.
    assert!(
        summary.contains("Exceptions") && !summary.contains("Focus 2"),
        "{summary}"
    );
    assert!(summary.contains("OC.C4.1 Set up ways to gain ongoing insight into the officer and member relationship - Amber rated. Due May 23. Change control to December 23"), "{summary}");
    assert!(summary.contains("Progress this month:") && summary.contains("Next steps:"));
    let milestones = column(&tps, 3, 3).join("\n");
    assert!(
        milestones.contains("Slippage to December 23 (change control)"),
        "{milestones}"
    );
    assert!(milestones.contains("Complete"));
    let ach = column(&tps, 2, 3).join("\n");
    assert!(
        ach.starts_with("July"),
        "achievements grouped under the month: {ach}"
    );

    let sr = sheet(&out, RECOMMENDATIONS);
    assert!(
        find_row(
            &sr,
            &[
                "Statutory Recommendation",
                "Theme",
                "Summary",
                "Achievements this month",
                "Milestones"
            ]
        )
        .is_some()
    );
    let labels: Vec<String> = column(&sr, 0, 3)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    // A recommendation going on to the next page is named again there, "(continued)".
    let (continued, recs): (Vec<String>, Vec<String>) =
        labels.into_iter().partition(|s| s.ends_with("(continued)"));
    assert!(
        !continued.is_empty(),
        "some recommendation runs over a page"
    );
    assert_eq!(
        recs.iter().map(|r| &r[..2]).collect::<Vec<_>>(),
        ["S1", "S2", "S3", "S4", "S5", "S6"]
    );
    assert!(recs[0].starts_with("S1 - Senior officers"), "{}", recs[0]);
}

#[test]
fn exceptions_sheet_lists_every_amber_red_and_on_hold_action_with_fills() {
    let (_d, out) = appendix();
    let ex = sheet(&out, EXCEPTIONS);
    let h = find_row(
        &ex,
        &[
            "Theme",
            "Action Ref",
            "Action",
            "Owner",
            "RAG",
            "Since last month",
            "Months Amber or Red",
            "Due date",
            "Change control date",
            "Progress commentary",
        ],
    )
    .unwrap();
    let mut ids: Vec<String> = column(&ex, 1, h + 1)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    ids.sort();
    let mut want: Vec<String> = EXCEPTION_IDS.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(ids, want);
    let row = find_row(&ex, &["OC.C4.1"]).unwrap();
    assert_eq!(ex.get_value((row, 4)), Some(&Data::String("Amber".into())));
    assert_eq!(
        ex.get_value((row, 8)),
        Some(&Data::String("December 23".into()))
    );
    // Without --previous the history starts this month: one month at Amber, no travel.
    assert_eq!(ex.get_value((row, 6)), Some(&Data::Float(1.0)));
    assert!(matches!(ex.get_value((row, 5)), None | Some(Data::Empty)));

    // RAG cells are filled with their colour; the text stays readable.
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let styles = wb.worksheet_style(EXCEPTIONS).unwrap();
    for (label, rgb) in [
        ("Amber", (0xFF, 0xC0, 0x00)),
        ("Red", (0xC0, 0x00, 0x00)),
        ("On hold", (0xA6, 0xA6, 0xA6)),
    ] {
        let r = (h + 1..=ex.end().unwrap().0)
            .find(|&r| ex.get_value((r, 4)) == Some(&Data::String(label.into())))
            .unwrap();
        let fill = styles
            .get((r, 4))
            .and_then(|s| s.fill.clone())
            .and_then(|f| f.foreground_color)
            .unwrap_or_else(|| panic!("{label} cell has no fill"));
        assert_eq!((fill.red, fill.green, fill.blue), rgb, "{label}");
    }
    let reg = sheet(&out, REGISTER_SHEET);
    let styles = wb.worksheet_style(REGISTER_SHEET).unwrap();
    let green = find_row(&reg, &["OC.A2.1"]).unwrap();
    let fill = styles
        .get((green, 6))
        .and_then(|s| s.fill.clone())
        .and_then(|f| f.foreground_color)
        .unwrap();
    assert_eq!((fill.red, fill.green, fill.blue), (0x00, 0xB0, 0x50));
}

#[test]
fn slippage_checks_and_register_sheets() {
    let (d, out) = appendix();
    let sl = sheet(&out, SLIPPAGE);
    let h = find_row(
        &sl,
        &[
            "Action Ref",
            "Owner",
            "Original date",
            "Revised date",
            "Days slipped",
        ],
    )
    .unwrap();
    let r = find_row(&sl, &["CO.A1.9"]).unwrap();
    assert_eq!(sl.get_value((r, 2)), Some(&Data::String("June 23".into())));
    assert_eq!(
        sl.get_value((r, 4)).and_then(|d| match d {
            Data::Float(f) => Some(*f),
            _ => None,
        }),
        Some(184.0)
    );
    assert_eq!(sl.get_value((r, 6)), Some(&Data::String("Yes".into())));
    let r = find_row(&sl, &["OC.B1.3"]).unwrap();
    assert_eq!(sl.get_value((r, 6)), Some(&Data::String("No".into())));
    assert_eq!(
        column(&sl, 0, h + 1)
            .iter()
            .filter(|s| !s.is_empty())
            .count(),
        4
    );

    // The findings are for the officer: not in the Cabinet appendix, in the checks workbook.
    assert!(!sheet_names(&out).iter().any(|n| n == FINDINGS));
    let checks = d.path().join("checks.xlsx");
    let o = write_checks(&checks);
    assert_eq!(o.status.code(), Some(1), "errors found: exit 1");
    assert_eq!(
        sheet_names(&checks),
        plan_recon::write::appendix::checks_sheet_names()
    );
    let rc = sheet(&checks, FINDINGS);
    let h = find_row(
        &rc,
        &[
            "Severity",
            "Code",
            "Rule",
            "Directorate",
            "Action Ref",
            "Finding",
            "Detail",
            "Source cell",
        ],
    )
    .unwrap();
    let codes: Vec<String> = column(&rc, 1, h + 1)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(codes.len(), 15);
    // By directorate, errors first within each.
    let rows: Vec<(String, String)> = column(&rc, 3, h + 1)
        .into_iter()
        .zip(column(&rc, 0, h + 1))
        .filter(|(d, _)| !d.is_empty())
        .collect();
    let mut sorted = rows.clone();
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
    assert_eq!(rows, sorted);
    let r = find_row(&rc, &["R01"]).unwrap();
    assert!(
        rc.get_value((r, 7))
            .unwrap()
            .to_string()
            .ends_with("borough-economy.xlsx [Return!G7]")
    );

    let reg = sheet(&out, REGISTER_SHEET);
    assert_eq!(
        reg.get_value((0, 0)),
        Some(&Data::String("Month: July 2023".into()))
    );
    assert_eq!(
        column(&reg, 0, 2).iter().filter(|s| !s.is_empty()).count(),
        62
    );
}

#[test]
fn dashboard_counts_and_chart() {
    let (_d, out) = appendix();
    let d = sheet(&out, DASHBOARD);
    let r = find_row(&d, &["All themes"]).unwrap();
    let head = find_row(&d, &["Total"]).unwrap();
    let col = |name: &str| {
        (0..12)
            .find(|&c| matches!(d.get_value((head, c)), Some(Data::String(s)) if s == name))
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    assert_eq!(d.get_value((r, col("Total"))), Some(&Data::Float(62.0)));
    // Housing sent no return (2 actions) and SD.B2.3 was left out of its return: Not
    // reported, never counted as a rating they did not get.
    assert_eq!(
        d.get_value((r, col("Not reported"))),
        Some(&Data::Float(3.0))
    );
    assert_eq!(d.get_value((r, col("No rating"))), Some(&Data::Float(0.0)));
    // A native chart part is in the package.
    let bytes = std::fs::read(&out).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n == "xl/charts/chart1.xml"))
    );
}

#[test]
fn appendix_is_byte_identical_run_to_run() {
    let (_d, a) = appendix();
    let (_e, b) = appendix();
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a == b, "parts that differ: {:?}", differing_parts(&a, &b));
}

/// The package parts whose contents differ between two workbooks, to say where a
/// nondeterministic output comes from.
fn differing_parts(a: &[u8], b: &[u8]) -> Vec<String> {
    use std::io::Read;
    let parts = |bytes: &[u8]| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut text = Vec::new();
                f.read_to_end(&mut text).unwrap();
                (f.name().unwrap().to_string(), text)
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (pa, pb) = (parts(a), parts(b));
    let mut names: Vec<String> = pa.keys().chain(pb.keys()).cloned().collect();
    names.sort();
    names.dedup();
    names.retain(|n| pa.get(n) != pb.get(n));
    names
}

/// Large enough that the register and the other sheets are built at the same time on two
/// threads (a shared string table filled by both once numbered strings differently per run).
#[test]
fn a_larger_appendix_is_byte_identical_run_to_run() {
    let dir = tempfile::tempdir().unwrap();
    plan_recon_samples::write_scale(dir.path(), 6_000, 12).unwrap();
    let run = |name: &str| {
        let out = dir.path().join(name);
        let o = bin()
            .args(["appendix", "--month", "2023-07", "--plan"])
            .arg(dir.path().join("master-plan.xlsx"))
            .arg("--returns")
            .arg(dir.path().join("returns"))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            std::fs::read(out).unwrap(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    let (first, said) = run("a.xlsx");
    for name in ["b.xlsx", "c.xlsx"] {
        assert!(first == run(name).0, "{name} differs from a.xlsx");
    }
    // The binary runs the rules beside the writing; the appendix is the one written after
    // a whole reconciliation.
    let inputs = plan_recon::load::Inputs {
        plan: dir.path().join("master-plan.xlsx"),
        returns: vec![dir.path().join("returns")],
        month: chrono::NaiveDate::from_ymd_opt(2023, 7, 1).unwrap(),
        previous: None,
        map: plan_recon::columns::ColumnMap::builtin(),
    };
    let loaded = plan_recon::load::load(&inputs, &plan_recon::timing::Timings::off()).unwrap();
    let report = plan_recon::reconcile::reconcile(&loaded);
    let opts = plan_recon::write::appendix::AppendixOptions {
        title: "Improvement Plan".into(),
        narrative: None,
    };
    let sequential = plan_recon::write::appendix::bytes(
        plan_recon::write::appendix::Book::Appendix,
        &loaded,
        &report,
        &opts,
    )
    .unwrap();
    assert!(
        first == sequential,
        "parts that differ: {:?}",
        differing_parts(&first, &sequential)
    );
    let (errors, warnings, _) = report.counts();
    let counts = format!(
        "{} findings ({errors} errors, {warnings} warnings)",
        report.findings.len()
    );
    assert!(said.contains(&counts), "{said} lacks {counts}");
}

#[test]
fn appendix_refuses_to_overwrite_without_force_and_never_overwrites_an_input() {
    let (_d, out) = appendix();
    std::fs::write(&out, b"keep me").unwrap();
    let o = write_appendix(&out, &[]);
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    let o = write_appendix(&out, &["--force"]);
    assert!(o.status.success());
    assert_ne!(std::fs::read(&out).unwrap(), b"keep me");

    // The master plan as output, even with --force: refused, master untouched.
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("master.xlsx");
    std::fs::copy(master(), &m).unwrap();
    let before = std::fs::read(&m).unwrap();
    let o = bin()
        .args(["appendix", "--month", "2023-07", "--force", "--plan"])
        .arg(&m)
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(&m)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is one of the inputs"));
    assert_eq!(std::fs::read(&m).unwrap(), before);
}

#[test]
fn previous_appendix_gives_month_on_month_baseline() {
    let (_d, july) = appendix();
    let prev = plan_recon::read::read_previous(&july).unwrap();
    assert_eq!(
        prev.month.map(|m| m.to_string()).as_deref(),
        Some("July 2023")
    );
    assert_eq!(prev.actions.len(), 62);
    let a = &prev.actions[&plan_recon::model::ActionId::parse("CO.A1.9").unwrap()];
    assert_eq!(a.rag, Some(plan_recon::model::Rag::Amber));
    assert_eq!(
        a.revised.as_ref().and_then(|d| d.end()),
        chrono::NaiveDate::from_ymd_opt(2023, 12, 31)
    );
    // Same returns a month later, against July's appendix: nothing moved, so no movement.
    let o = bin()
        .args(["reconcile", "--json", "--month", "2023-08", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("--previous")
        .arg(&july)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let movement: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('P') || f["code"] == "G06")
        .collect();
    assert!(movement.is_empty(), "{movement:?}");
}

/// The officer's checks workbook holds the same register: `--previous` takes it, and in a
/// returns folder it is not taken for a directorate's return.
#[test]
fn previous_reads_the_register_from_the_checks_workbook_too() {
    let dir = tempfile::tempdir().unwrap();
    let checks = dir.path().join("checks.xlsx");
    let o = write_checks(&checks);
    assert!(checks.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let prev = plan_recon::read::read_previous(&checks).unwrap();
    assert_eq!(
        prev.month.map(|m| m.to_string()).as_deref(),
        Some("July 2023")
    );
    assert_eq!(prev.actions.len(), 62);
    let a = &prev.actions[&plan_recon::model::ActionId::parse("CO.A1.9").unwrap()];
    assert_eq!(a.rag, Some(plan_recon::model::Rag::Amber));
    // Dropped among the returns, it is set aside (R11), not read as a directorate.
    let folder = dir.path().join("returns");
    std::fs::create_dir(&folder).unwrap();
    for e in std::fs::read_dir(returns()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(&checks, folder.join("checks.xlsx")).unwrap();
    let o = bin()
        .args(["reconcile", "--json", "--month", "2023-08", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(&folder)
        .arg("--previous")
        .arg(&checks)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r11 = findings_coded(&json, "R11");
    assert_eq!(r11.len(), 1, "{r11:?}");
    assert!(r11[0]["message"].as_str().unwrap().contains("checks.xlsx"));
}

/// Template -> filled in programmatically -> read back and reconciled cleanly.
#[test]
fn template_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("be-template.xlsx");
    let o = bin()
        .args([
            "template",
            "--directorate",
            "borough economy",
            "--month",
            "2023-07",
            "--plan",
        ])
        .arg(master())
        .arg("-o")
        .arg(&t)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet_names(&t), ["Return", "Instructions"]);
    let ret = sheet(&t, "Return");
    let h = find_row(&ret, &["Action Ref", "RAG Status", "Progress commentary"]).unwrap();
    let ids: Vec<String> = column(&ret, 0, h + 1)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        ids,
        [
            "PC.A1.1", "PC.A2.1", "PC.A3.1", "PC.A5.2", "PC.B1.2", "PC.B2.1", "PC.C2.1"
        ]
    );
    // Dropdown and protection are in the sheet XML.
    let bytes = std::fs::read(&t).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains("<dataValidation type=\"list\"")
            && xml.contains("Red,Amber,Green,Complete,On hold,Not started"),
        "RAG dropdown"
    );
    assert!(
        xml.contains("<dataValidation type=\"date\""),
        "date validation"
    );
    assert!(xml.contains("<sheetProtection"), "locked");

    // Fill it in: copy every cell, add a RAG and commentary to each action row.
    let filled = dir.path().join("returns").join("borough-economy.xlsx");
    std::fs::create_dir_all(filled.parent().unwrap()).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    let (r1, c1) = ret.end().unwrap();
    for r in 0..=r1 {
        for c in 0..=c1 {
            if let Some(Data::String(s)) = ret.get_value((r, c)) {
                ws.write_string(r, c as u16, s).unwrap();
            }
        }
    }
    let master_rags = [
        "Complete", "Complete", "Green", "Amber", "Green", "Green", "Green",
    ];
    for (i, rag) in master_rags.iter().enumerate() {
        let r = h + 1 + i as u32;
        ws.write_string(r, 5, *rag).unwrap();
        ws.write_string(r, 6, "Progress reported for the month.")
            .unwrap();
    }
    ws.write_string(h + 4, 10, "December 2023").unwrap();
    ws.write_string(h + 4, 11, "Change control approved at Waste Board")
        .unwrap();
    wb.save(&filled).unwrap();

    let o = bin()
        .args([
            "reconcile",
            "--json",
            "--month",
            "2023-07",
            "--fail-on",
            "never",
            "--plan",
        ])
        .arg(master())
        .arg("--returns")
        .arg(&filled)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let be: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["directorate"] == "Borough Economy")
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["action"].as_str().unwrap_or("-")
            )
        })
        .collect();
    // Only the approved slippage is reported for the directorate: no reading problems, no changed fields.
    assert_eq!(be, ["D02 PC.A5.2"]);
}

#[test]
fn template_for_unknown_directorate_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["template", "--directorate", "Parks", "--plan"])
        .arg(master())
        .arg("-o")
        .arg(dir.path().join("x.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"Parks\"") && err.contains("Borough Economy") && err.contains("Housing"),
        "{err}"
    );
    assert!(!dir.path().join("x.xlsx").exists());
}

/// The appendix opens in LibreOffice: converted headless to PDF with a sane page count.
#[test]
fn appendix_opens_in_libreoffice() {
    let Some(soffice) = common::tool("appendix_opens_in_libreoffice", &["soffice", "libreoffice"])
    else {
        return;
    };
    let (dir, out) = appendix();
    let profile = dir.path().join("lo-profile");
    let o = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(dir.path().join("appendix.pdf")).expect("LibreOffice wrote a PDF");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
        - text.matches("/Type/Pages").count()
        - text.matches("/Type /Pages").count();
    // Seven sheets, each one page wide: at least one page each, and not hundreds.
    assert!((7..=60).contains(&pages), "{pages} pages");
}

#[test]
fn the_exceptions_are_headed_in_the_councils_own_words_from_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(&map, "[labels]\nexceptions = \"Focus 2 Exceptions\"\n").unwrap();
    let out = dir.path().join("appendix.xlsx");
    let o = on_samples("appendix", &out, &["--map", map.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = column(&sheet(&out, "Theme Progress Summary"), 1, 3).join("\n");
    assert!(summary.contains("Focus 2 Exceptions"), "{summary}");
    let exceptions = column(&sheet(&out, "Exceptions"), 0, 0).join("\n");
    assert!(
        exceptions.contains("Focus 2 Exceptions July 2023: actions rated Amber, Red or On hold"),
        "{exceptions}"
    );
}
