//! The bad-input corpus, generated here: each gives a clear error or a finding, never a panic.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::*;
use plan_recon::columns::ColumnMap;
use plan_recon::read::{self, ReadError};
use rust_xlsxwriter::{Format, Formula, Workbook};

const HEADERS: [&str; 6] = [
    "Action Ref",
    "Action",
    "Due date",
    "RAG Status",
    "Progress commentary",
    "Revised date",
];

/// A return with the standard headers at `header_row` and the given rows (strings).
fn return_xlsx(path: &Path, header_row: u32, rows: &[[&str; 6]]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(header_row, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(header_row + 1 + i as u32, c as u16, *v)
                    .unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn read_err(path: &Path) -> ReadError {
    read::read_return(path, &ColumnMap::builtin(), &ctx()).expect_err("should not read")
}

fn read_ok(path: &Path) -> plan_recon::model::DirectorateReturn {
    read::read_return(path, &ColumnMap::builtin(), &ctx()).unwrap_or_else(|e| panic!("{e}"))
}

fn valid_return(dir: &Path) -> PathBuf {
    let p = dir.join("valid.xlsx");
    return_xlsx(
        &p,
        0,
        &[[
            "OC.A1.1",
            "Run phase 2 staff engagement",
            "31/03/2023",
            "Complete",
            "Done",
            "",
        ]],
    );
    p
}

#[test]
fn a_plan_without_a_required_column_names_file_sheet_headers_and_synonyms() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tracker").unwrap();
    for (c, h) in ["Action Ref", "Commentary", "Budget"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    ws.write_string(4, 0, "OC.A1.1").unwrap();
    wb.save(&p).unwrap();
    let msg = read::read_master(&p, &ColumnMap::builtin(), &ctx())
        .expect_err("should not read")
        .to_string();
    assert!(msg.contains("plan.xlsx"), "{msg}");
    assert!(msg.contains("sheet \"Tracker\""), "{msg}");
    assert!(msg.contains("header row 4"), "{msg}");
    assert!(
        msg.contains("\"Action Ref\", \"Commentary\", \"Budget\""),
        "{msg}"
    );
    assert!(
        msg.contains("missing `title`: looked for any of \"Action\", \"Action Title\", \"Title\""),
        "{msg}"
    );
    assert!(msg.contains("--map"), "{msg}");
    // The binary says the same and exits 3.
    let o = bin()
        .args(["read", "--as", "master"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing `title`"));
}

#[test]
fn a_return_without_a_rating_column_takes_the_status_its_commentary_opens_with() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("housing.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tracker").unwrap();
    let rows = [
        ["Action Ref", "Action", "Commentary"],
        ["OC.A1.1", "Lease", "COMPLETE - awaiting signature"],
        ["OC.A1.2", "Review", "Suspended: funding withdrawn"],
        ["OC.A1.3", "Survey", "A new survey was drafted"],
    ];
    for (r, row) in (0u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            ws.write_string(r, c, v).unwrap();
        }
    }
    wb.save(&p).unwrap();
    let ret = read_ok(&p);
    let rags: Vec<Option<plan_recon::model::Rag>> = ret
        .rows
        .iter()
        .map(|r| r.rag.as_ref().map(|x| x.value))
        .collect();
    use plan_recon::model::Rag;
    assert_eq!(rags, [Some(Rag::Complete), Some(Rag::OnHold), None]);
    // The status points at the commentary cell it was read from.
    let at = ret.rows[0].rag.as_ref().map(|r| r.source.cell());
    assert_eq!(at.as_deref(), Some("C2"));
}

#[test]
fn corrupt_truncated_renamed_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read(valid_return(dir.path())).unwrap();

    let corrupt = dir.path().join("corrupt.xlsx");
    let mut bytes = valid.clone();
    for b in bytes.iter_mut().skip(40).step_by(7) {
        *b ^= 0x5A;
    }
    std::fs::write(&corrupt, &bytes).unwrap();
    assert!(
        matches!(read_err(&corrupt), ReadError::Corrupt { .. }),
        "{}",
        read_err(&corrupt)
    );

    let truncated = dir.path().join("truncated.xlsx");
    std::fs::write(&truncated, &valid[..valid.len() / 2]).unwrap();
    let e = read_err(&truncated);
    assert!(matches!(e, ReadError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("truncated.xlsx") && e.to_string().contains("hint:"));

    let txt = dir.path().join("notes.xlsx");
    std::fs::write(&txt, "Action Ref\tRAG\nOC.A1.1\tRed\n").unwrap();
    assert!(matches!(read_err(&txt), ReadError::NotSpreadsheet { .. }));

    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(read_err(&empty), ReadError::Empty { .. }));
}

#[test]
fn password_protected_workbook_says_remove_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("locked.xlsx");
    // An encrypted OOXML file is an OLE compound file with these two streams.
    let mut comp = cfb::create(&p).unwrap();
    comp.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    comp.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 4096])
        .unwrap();
    comp.flush().unwrap();
    drop(comp);
    let e = read_err(&p);
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e}");
    assert!(e.to_string().contains("remove the password"));
}

#[test]
fn empty_workbook_and_sheet_without_header() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("blank.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet();
    wb.save(&p).unwrap();
    assert!(
        matches!(read_err(&p), ReadError::NoSheets { .. }),
        "{}",
        read_err(&p)
    );

    let p = dir.path().join("noheader.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Monthly update from Housing")
        .unwrap();
    ws.write_string(1, 0, "Everything is fine").unwrap();
    wb.save(&p).unwrap();
    let e = read_err(&p);
    assert!(matches!(e, ReadError::NoHeader { .. }), "{e}");
    assert!(e.to_string().contains("Monthly update from Housing"), "{e}");
}

#[test]
fn header_in_row_15_duplicated_headers_and_merged_header_cells() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("row15.xlsx");
    return_xlsx(&p, 14, &[["OC.A1.1", "Title", "May 23", "Green", "ok", ""]]);
    let r = read_ok(&p);
    assert_eq!(r.table.header_row, 14);
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].id.source.cell(), "A16");

    // Leading blank rows do not count: a header in row 25 after blank rows is found...
    let p = dir.path().join("row25.xlsx");
    return_xlsx(&p, 24, &[["OC.A1.1", "Title", "May 23", "Green", "ok", ""]]);
    assert_eq!(read_ok(&p).table.header_row, 24);
    // ...but not 24 rows below a title: only 20 rows from the first filled one are searched.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    ws.write_string(0, 0, "Housing return").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(24, c as u16, *h).unwrap();
    }
    ws.write_string(25, 0, "OC.A1.1").unwrap();
    wb.save(&p).unwrap();
    assert!(matches!(read_err(&p), ReadError::NoHeader { .. }));

    let p = dir.path().join("dups.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    for (c, h) in ["Ref", "RAG", "Commentary", "Progress", "Rating"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["OC.A1.1", "Amber", "first", "second", "Red"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(&p).unwrap();
    let r = read_ok(&p);
    assert_eq!(
        r.rows[0].progress.as_ref().unwrap().value,
        "first",
        "first duplicate column wins"
    );
    assert_eq!(
        r.rows[0].rag.as_ref().unwrap().value,
        plan_recon::model::Rag::Amber
    );
    let dups: Vec<String> = r.table.notes.iter().map(|n| n.source.cell()).collect();
    assert_eq!(dups, ["D1", "E1"]);

    let p = dir.path().join("merged.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    ws.merge_range(0, 0, 0, 5, "Housing return - July 2023", &Format::new())
        .unwrap();
    ws.merge_range(1, 0, 1, 1, "Action Ref", &Format::new())
        .unwrap();
    ws.write_string(1, 2, "RAG").unwrap();
    ws.merge_range(1, 3, 1, 5, "Progress commentary", &Format::new())
        .unwrap();
    ws.write_string(2, 0, "OC.A1.1").unwrap();
    ws.write_string(2, 2, "G").unwrap();
    ws.write_string(2, 3, "On track").unwrap();
    wb.save(&p).unwrap();
    let r = read_ok(&p);
    assert_eq!(r.table.header_row, 1);
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].progress.as_ref().unwrap().value, "On track");
}

#[test]
fn formula_errors_dates_as_text_and_numbers_and_long_commentary() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mixed.xlsx");
    let long = "Progress. ".repeat(1000);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "OC.A1.1").unwrap();
    ws.write_formula(1, 3, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_formula(1, 4, Formula::new("=#REF!").set_result("#REF!"))
        .unwrap();
    ws.write_number(1, 2, 45107.0).unwrap(); // a date typed as a number: 30/06/2023
    ws.write_string(2, 0, "OC.A1.2").unwrap();
    ws.write_string(2, 2, "30/06/2023").unwrap();
    ws.write_string(2, 3, "Amber").unwrap();
    ws.write_string(2, 4, &long).unwrap();
    ws.write_date_with_format(
        2,
        5,
        chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
        &Format::new().set_num_format("dd/mm/yy"),
    )
    .unwrap();
    wb.save(&p).unwrap();
    let r = read_ok(&p);
    let kinds: Vec<(String, String)> = r
        .table
        .notes
        .iter()
        .map(|n| (n.source.cell(), n.detail.clone()))
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(kinds[0].0 == "D2" && kinds[0].1.contains("#DIV/0!"));
    assert!(kinds[1].0 == "E2" && kinds[1].1.contains("#REF!"));
    assert!(
        r.table
            .notes
            .iter()
            .all(|n| n.action.as_ref().map(|a| a.as_str()) == Some("OC.A1.1"))
    );
    let d = chrono::NaiveDate::from_ymd_opt(2023, 6, 30);
    assert_eq!(r.rows[0].due.as_ref().unwrap().value.start(), d);
    assert_eq!(r.rows[1].due.as_ref().unwrap().value.start(), d);
    assert_eq!(
        r.rows[1].revised.as_ref().unwrap().value.end(),
        chrono::NaiveDate::from_ymd_opt(2023, 12, 31)
    );
    assert_eq!(
        r.rows[1].progress.as_ref().unwrap().value.len(),
        long.trim().len()
    );
}

#[test]
fn rag_given_only_as_a_cell_colour() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("colours.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (id, colour)) in [
        ("OC.A1.1", "#FF0000"),
        ("OC.A1.2", "#FFC000"),
        ("OC.A1.3", "#00B050"),
        ("OC.A1.4", "#FFFFFF"),
    ]
    .iter()
    .enumerate()
    {
        let row = 1 + i as u32;
        ws.write_string(row, 0, *id).unwrap();
        ws.write_blank(row, 3, &Format::new().set_background_color(*colour))
            .unwrap();
        ws.write_string(row, 4, "commentary").unwrap();
    }
    wb.save(&p).unwrap();
    let r = read_ok(&p);
    let rags: Vec<Option<&str>> = r
        .rows
        .iter()
        .map(|x| x.rag.as_ref().map(|g| g.value.label()))
        .collect();
    assert_eq!(rags, [Some("Red"), Some("Amber"), Some("Green"), None]);
}

#[test]
fn formula_looking_commentary_is_read_and_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir_all(&returns).unwrap();
    let hostile = [
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
    ];
    let p = returns.join("chief-executives-office.xlsx");
    let rows: Vec<[&str; 6]> = vec![
        [
            "OC.A2.1",
            "Approve the workforce strategy",
            "September 2023",
            "Amber",
            hostile[0],
            "",
        ],
        [
            "OC.A2.2",
            "Launch the management development programme for all people managers",
            "Autumn 2023",
            "Red",
            hostile[1],
            "",
        ],
        [
            "OC.C5.2",
            "Publish guidance on working effectively with local MPs",
            "August 2023",
            "Amber",
            hostile[2],
            "",
        ],
        ["OC.C1.1", "x", "Q3 2023/24", "Red", hostile[3], ""],
    ];
    return_xlsx(&p, 0, &rows);
    let out = dir.path().join("appendix.xlsx");
    let o = bin()
        .args(["appendix", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(&returns)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ex = sheet(&out, plan_recon::write::appendix::EXCEPTIONS);
    let progress = column(&ex, 9, 3);
    for h in hostile {
        assert!(
            progress.iter().any(|p| p == h),
            "{h} not written as text: {progress:?}"
        );
    }
    // No formula anywhere in the package.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "formula in {name}"
            );
        }
    }
}

/// A folder of its own holding a copy of the samples' returns, to spoil one of them.
fn samples_returns_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("returns");
    std::fs::create_dir_all(&returns).unwrap();
    for e in std::fs::read_dir(common::returns()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), returns.join(e.file_name())).unwrap();
    }
    (dir, returns)
}

#[test]
fn an_unreadable_return_is_a_finding_and_the_run_goes_on() {
    let (_dir, returns) = samples_returns_copy();
    std::fs::write(returns.join("housing.xlsx"), "not a workbook").unwrap();
    std::fs::write(returns.join("~$borough-economy.xlsx"), "excel lock file").unwrap();
    let o = bin()
        .args(["reconcile", "--json", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(&returns)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r06 = findings_coded(&json, "R06");
    assert_eq!(r06.len(), 1, "only housing.xlsx; the lock file is skipped");
    assert_eq!(r06[0]["directorate"], "Housing");
    assert!(r06[0]["message"].as_str().unwrap().contains("housing.xlsx"));
}

/// A damaged return is the directorate's, in the master plan's spelling: its R06 goes to
/// that directorate's chase pack, not to a name made from the file's.
#[test]
fn an_unreadable_return_is_its_directorates_in_the_masters_spelling() {
    let (dir, returns) = samples_returns_copy();
    std::fs::write(returns.join("children-and-adults.xlsx"), "not a workbook").unwrap();
    let run = |command: &str, extra: &[&str]| {
        bin()
            .args([command, "--month", "2023-07", "--plan"])
            .arg(master())
            .arg("--returns")
            .arg(&returns)
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run("reconcile", &["--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r06 = findings_coded(&json, "R06");
    assert_eq!(r06.len(), 1);
    assert_eq!(r06[0]["directorate"], "Children & Adults");
    let chase = dir.path().join("chase");
    let o = run("chase", &["-o", chase.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pack = std::fs::read_to_string(chase.join("chase-children-and-adults.txt")).unwrap();
    assert!(pack.contains("children-and-adults.xlsx"), "{pack}");
    assert!(!pack.contains("not received"), "a file came: {pack}");
}

/// A legacy .xls with non-ASCII text (8-bit strings), made by LibreOffice when it is installed.
#[test]
fn legacy_xls_with_non_ascii_text() {
    let Some(soffice) = common::tool(
        "legacy_xls_with_non_ascii_text",
        &["soffice", "libreoffice"],
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("legacy.xlsx");
    return_xlsx(
        &src,
        2,
        &[[
            "OC.A1.1",
            "Café strategy £5k",
            "30/06/2023",
            "Amber",
            "Über-budget naïve résumé – see note",
            "",
        ]],
    );
    let o = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(dir.path().join("out"))
        .arg(&src)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r = read_ok(&dir.path().join("out").join("legacy.xls"));
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].title.as_ref().unwrap().value, "Café strategy £5k");
    assert_eq!(
        r.rows[0].progress.as_ref().unwrap().value,
        "Über-budget naïve résumé – see note"
    );
    assert_eq!(r.rows[0].id.source.cell(), "A4");
}

/// Run `plan-recon read` on a saved fuzz input (kind byte 1 = .xls, then the file).
fn read_fuzz_xls(name: &str) -> (Option<i32>, String, PathBuf, tempfile::TempDir) {
    let input =
        std::fs::read(root().join("tests/fuzz_regressions/read_return").join(name)).unwrap();
    assert_eq!(input[0], 1);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("damaged.xls");
    std::fs::write(&p, &input[1..]).unwrap();
    let o = bin()
        .env("RUST_BACKTRACE", "1")
        .arg("read")
        .arg(&p)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code(), err, p, dir)
}

#[test]
fn a_file_that_panics_the_xls_parser_is_a_quiet_clear_error() {
    // Found by `cargo fuzz run read_return`: calamine 0.38 panics on this damaged .xls.
    // plan-recon reports it as damaged, without a panic message or backtrace.
    let (code, err, p, _dir) = read_fuzz_xls("calamine-xls-extern-sheet");
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("damaged.xls"), "{err}");
    assert!(err.contains("damaged and cannot be opened"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(matches!(read_err(&p), ReadError::Corrupt { .. }));
}

#[test]
fn an_xls_claiming_billions_of_cells_is_damaged_not_an_abort() {
    // Found by `cargo fuzz run read_return`: calamine sizes the grid from the cell positions
    // (42 GB here) and the failed allocation aborted the process.
    let (code, err, p, _dir) = read_fuzz_xls("calamine-xls-huge-grid");
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("more cells than an .xls sheet can hold"),
        "{err}"
    );
    assert!(matches!(read_err(&p), ReadError::Corrupt { .. }));
}

#[test]
fn a_stray_value_at_xfd1048576_is_ignored_with_a_note_not_a_17_billion_cell_grid() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("stray.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..3u32 {
        ws.write_string(1 + i, 0, format!("OC.A1.{}", i + 1))
            .unwrap();
        ws.write_string(1 + i, 3, "Green").unwrap();
    }
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    ws.write_string(900_000, 2, "stray note").unwrap();
    wb.save(&p).unwrap();

    let r = read_ok(&p);
    assert_eq!(r.rows.len(), 3);
    let stray: Vec<_> = r
        .table
        .notes
        .iter()
        .filter(|n| n.kind == plan_recon::model::NoteKind::StrayValues)
        .collect();
    assert_eq!(stray.len(), 1, "{:?}", r.table.notes);
    assert_eq!(stray[0].source.cell(), "C900001");
    assert!(
        stray[0].detail.starts_with("2 value(s)"),
        "{}",
        stray[0].detail
    );

    let o = bin().arg("read").arg(&p).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("far outside the table"));
}

#[test]
fn merged_theme_cells_are_filled_down_even_with_a_stray_value_far_away() {
    // Merged cells send the reader back over the sheet; that second pass must use the cells
    // already read (strays dropped), not ask calamine for the whole 17-billion-cell grid.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("merged-and-stray.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Return").unwrap();
    let heads = [
        "Action Ref",
        "Theme",
        "Action",
        "RAG Status",
        "Progress commentary",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..4u32 {
        ws.write_string(1 + i, 0, format!("OC.A1.{}", i + 1))
            .unwrap();
        ws.write_string(1 + i, 3, "Amber").unwrap();
    }
    let fmt = rust_xlsxwriter::Format::new();
    ws.merge_range(1, 1, 4, 1, "Organisational Culture", &fmt)
        .unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&p).unwrap();

    let r = read_ok(&p);
    assert_eq!(r.rows.len(), 4);
    for (i, row) in r.rows.iter().enumerate() {
        let theme = row.theme.as_ref().expect("theme filled from the merge");
        assert_eq!(theme.value, "Organisational Culture");
        assert_eq!(
            theme.source.cell(),
            format!("B{}", i + 2),
            "the row's own cell"
        );
    }
    assert!(
        r.table
            .notes
            .iter()
            .any(|n| n.kind == plan_recon::model::NoteKind::StrayValues),
        "{:?}",
        r.table.notes
    );
}

#[test]
fn an_xls_with_a_looping_sector_chain_is_damaged_not_an_endless_allocation() {
    // Found by `cargo fuzz run read_return`: calamine's container reader followed this file's
    // looping sector chain until the machine ran out of memory (24 GB in a minute).
    let (code, err, p, _dir) = read_fuzz_xls("calamine-cfb-looping-chain");
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("container is damaged"), "{err}");
    assert!(matches!(read_err(&p), ReadError::Corrupt { .. }));
}

/// A master plan whose action column is headed `title_header`, beside a Ref, Lead,
/// Deadline and RAG.
fn master_headed(path: &Path, title_header: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Plan").unwrap();
    let headers = ["Ref", title_header, "Lead", "Deadline", "RAG"];
    let row = [
        "1.1",
        "Publish the governance review",
        "J Smith",
        "31/03/2024",
        "Green",
    ];
    for (c, (h, v)) in (0u16..).zip(headers.iter().zip(row)) {
        ws.write_string(0, c, *h).unwrap();
        ws.write_string(1, c, v).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn a_refused_plan_says_the_map_line_that_reads_it_and_that_line_does() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.xlsx");
    master_headed(&plan, "Outcome objective");
    let out = bin()
        .args(["read", "--as", "master"])
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = r#"title = { headers = ["Outcome objective"] }"#;
    assert!(
        err.contains(&format!(
            "if \"Outcome objective\" (read as theme by its words) is the title: add it to title's headers under [master.fields] in your map, as {line}"
        )),
        "{err}"
    );
    let map = dir.path().join("map.toml");
    std::fs::write(&map, format!("[master.fields]\n{line}\n")).unwrap();
    let out = bin()
        .args(["read", "--as", "master", "--map"])
        .arg(&map)
        .arg(&plan)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("title           <- column B \"Outcome objective\""),
        "{text}"
    );
}
