//! What the reader says about files it cannot read: the right reason, in plain words,
//! never a parser's debug text; and one return that would take too much memory to read is a
//! finding while the others are reconciled.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::*;

/// A BIFF record: type, length, data.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A legacy .xls container (OLE) whose workbook stream is `stream`.
fn xls(path: &Path, stream: &[u8]) {
    let mut cf = cfb::create(path).unwrap();
    let mut s = cf.create_stream("Workbook").unwrap();
    s.write_all(stream).unwrap();
    s.flush().unwrap();
    drop(s);
    cf.flush().unwrap();
}

fn bof() -> Vec<u8> {
    record(
        0x0809,
        &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    )
}

fn read_stderr(path: &Path) -> (Option<i32>, String) {
    let out = bin().arg("read").arg(path).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn zip_file(path: &Path, entries: &[(&str, &str)]) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn an_encrypted_xls_is_password_protected_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("finance.xls");
    let mut stream = bof();
    // FILEPASS, XOR obfuscation.
    stream.extend(record(0x002F, &[0x00, 0x00, 0x12, 0x34, 0x56, 0x78]));
    stream.extend(record(0x000A, &[]));
    xls(&p, &stream);
    let (code, err) = read_stderr(&p);
    assert_eq!(code, Some(3));
    assert!(err.contains("password-protected"), "{err}");
    assert!(err.contains("remove the password"), "{err}");
    assert!(
        !err.contains("damaged") && !err.contains("DIMENSIONS"),
        "{err}"
    );
}

#[test]
fn a_password_protected_ods_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("housing.ods");
    zip_file(
        &p,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"#,
            ),
            ("content.xml", "\u{1}\u{2}encrypted bytes"),
        ],
    );
    let (code, err) = read_stderr(&p);
    assert_eq!(code, Some(3));
    assert!(err.contains("password-protected"), "{err}");
}

#[test]
fn parser_messages_carry_no_debug_text_and_an_ods_gets_no_xlsx_message() {
    let dir = tempfile::tempdir().unwrap();
    // Text straight inside a table row.
    let content = r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Return"><table:table-row>stray text</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let with_mimetype = dir.path().join("law.ods");
    zip_file(
        &with_mimetype,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("META-INF/manifest.xml", "<manifest/>"),
        ],
    );
    // And without the mimetype entry an .ods should start with.
    let without = dir.path().join("law2.ods");
    zip_file(
        &without,
        &[
            ("content.xml", content),
            ("META-INF/manifest.xml", "<manifest/>"),
        ],
    );
    for p in [with_mimetype, without] {
        let (code, err) = read_stderr(&p);
        assert_eq!(code, Some(3), "{err}");
        assert!(err.contains("damaged"), "{err}");
        for debug in ["BytesText", "BytesStart", "Text(", "_rels/.rels", "{ "] {
            assert!(!err.contains(debug), "{debug:?} in {err}");
        }
    }
}

#[test]
fn an_excel_4_worksheet_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.xls");
    let mut bytes = record(0x0409, &[0x00, 0x00, 0x10, 0x00, 0x00, 0x00]);
    bytes.extend(record(0x000A, &[]));
    std::fs::write(&p, bytes).unwrap();
    let (code, err) = read_stderr(&p);
    assert_eq!(code, Some(3));
    assert!(err.contains("an Excel 4.0 worksheet"), "{err}");
    assert!(err.contains("save it as .xlsx"), "{err}");
    assert!(!err.contains("unrecognised content"), "{err}");
}

#[test]
fn a_return_too_spread_to_read_is_a_finding_and_the_others_are_reconciled() {
    let dir = tempfile::tempdir().unwrap();
    let rets = dir.path().join("returns");
    std::fs::create_dir(&rets).unwrap();
    for e in std::fs::read_dir(returns()).unwrap() {
        let p: PathBuf = e.unwrap().path();
        std::fs::copy(&p, rets.join(p.file_name().unwrap())).unwrap();
    }
    // A small .xls with two values at opposite corners of a sheet: 16 million cells apart.
    let number = |row: u16, col: u16| {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(1.0f64.to_le_bytes());
        record(0x0203, &d)
    };
    let mut stream = bof();
    stream.extend(record(0x000A, &[]));
    stream.extend(bof());
    stream.extend(number(0, 0));
    stream.extend(number(65_535, 255));
    stream.extend(record(0x000A, &[]));
    xls(&rets.join("corners.xls"), &stream);
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
        .arg(master())
        .arg("--returns")
        .arg(&rets)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r06 = findings_coded(&json, "R06");
    assert_eq!(r06.len(), 1, "{r06:?}");
    assert!(
        r06[0]["message"].as_str().unwrap().contains("spread over"),
        "{}",
        r06[0]
    );
    // The other returns were reconciled: the planted faults are still found.
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "G04")
    );
}
