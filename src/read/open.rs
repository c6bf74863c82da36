//! Opening a workbook: read the bytes, judge the format by the content (not the name), and
//! refuse what is not a spreadsheet with a message that says what it is.

use std::io::Cursor;
use std::path::Path;

use calamine::Sheets;

use super::ReadError;
use super::xls_check::{XlsProblem, xls_bounds_check};

/// Read the whole file and open it with the right calamine reader, judged by its content.
pub(super) fn open(path: &Path) -> Result<(Vec<u8>, String), ReadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        file: file.clone(),
        source,
    })?;
    if bytes.is_empty() {
        return Err(ReadError::Empty { file });
    }
    Ok((bytes, file))
}

pub(super) fn sheets_of<'a>(
    bytes: &'a [u8],
    file: &str,
    path: &Path,
) -> Result<Sheets<Cursor<&'a [u8]>>, ReadError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let corrupt = |detail: String| ReadError::Corrupt {
        file: file.to_string(),
        detail,
    };
    if bytes.starts_with(ZIP) {
        let cur = Cursor::new(bytes);
        let corrupt = |e: String| corrupt(plain(&e));
        return match zip_kind(bytes) {
            ZipKind::Ods { encrypted: true } => Err(ReadError::Encrypted {
                file: file.to_string(),
            }),
            ZipKind::Ods { .. } => calamine::open_workbook_from_rs(cur)
                .map(Sheets::Ods)
                .map_err(|e| corrupt(e.to_string())),
            ZipKind::Xlsb => calamine::open_workbook_from_rs(cur)
                .map(Sheets::Xlsb)
                .map_err(|e| corrupt(e.to_string())),
            ZipKind::Xlsx => calamine::open_workbook_from_rs(cur)
                .map(Sheets::Xlsx)
                .map_err(|e: calamine::XlsxError| corrupt(e.to_string())),
            ZipKind::Other => Err(ReadError::NotSpreadsheet {
                file: file.to_string(),
                what: "a zip archive with no workbook inside".to_string(),
            }),
            ZipKind::Broken(e) => Err(corrupt(format!("its zip container is damaged ({e})"))),
        };
    }
    if bytes.starts_with(OLE) {
        // An .xlsx inside an OLE container is an encrypted (password-protected) workbook.
        let has_encryption = bytes.windows(28).any(|w| {
            w == "EncryptionInfo"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
                .as_slice()
        });
        if has_encryption || matches!(ext.as_str(), "xlsx" | "xlsm") {
            return Err(ReadError::Encrypted {
                file: file.to_string(),
            });
        }
        match xls_bounds_check(bytes) {
            Ok(()) => {}
            Err(XlsProblem::Encrypted) => {
                return Err(ReadError::Encrypted {
                    file: file.to_string(),
                });
            }
            Err(XlsProblem::Damaged(detail)) => return Err(corrupt(detail)),
            Err(XlsProblem::TooSpread(cells)) => {
                return Err(ReadError::TooSpread {
                    file: file.to_string(),
                    cells,
                });
            }
        }
        return calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e: calamine::XlsError| {
                let msg = e.to_string();
                if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("encrypt")
                {
                    ReadError::Encrypted {
                        file: file.to_string(),
                    }
                } else {
                    corrupt(msg)
                }
            });
    }
    let what = if bytes
        .iter()
        .take(512)
        .all(|b| b.is_ascii() && (*b >= 0x20 || b"\r\n\t".contains(b)))
    {
        "it is plain text; a CSV or a text file renamed".to_string()
    } else if bytes.starts_with(b"%PDF") {
        "it is a PDF".to_string()
    } else if let Some(v) = old_excel(bytes) {
        format!("an Excel {v} worksheet, a format older than Excel 97")
    } else {
        format!(
            "unrecognised content starting {:02X?}",
            &bytes[..bytes.len().min(4)]
        )
    };
    Err(ReadError::NotSpreadsheet {
        file: file.to_string(),
        what,
    })
}

/// What a zip container holds, judged by its entries rather than its name.
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods { encrypted: bool },
    Other,
    Broken(String),
}

fn zip_kind(bytes: &[u8]) -> ZipKind {
    let zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => return ZipKind::Broken(e.to_string()),
    };
    let has = |name: &str| {
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    };
    if has("content.xml") || has("mimetype") && !has("xl/workbook.xml") {
        let mut zip = zip;
        let mut manifest = String::new();
        if let Ok(mut f) = zip.by_name("META-INF/manifest.xml") {
            use std::io::Read as _;
            // A manifest is a few kilobytes: read no more than that.
            let _ = (&mut f).take(1 << 20).read_to_string(&mut manifest);
        }
        return ZipKind::Ods {
            encrypted: manifest.contains("encryption-data"),
        };
    }
    if has("xl/workbook.bin") {
        ZipKind::Xlsb
    } else if has("xl/workbook.xml") || has("[Content_Types].xml") {
        ZipKind::Xlsx
    } else {
        ZipKind::Other
    }
}

/// An Excel 2.x-4.x worksheet (a bare BIFF2-4 stream, not in an OLE container): its version.
fn old_excel(bytes: &[u8]) -> Option<&'static str> {
    match bytes.get(..2)? {
        [0x09, 0x00] => Some("2.x"),
        [0x09, 0x02] => Some("3.0"),
        [0x09, 0x04] => Some("4.0"),
        _ => None,
    }
}

/// A parser's message without Rust debug text: "Expecting 'table-cell', found
/// 'Text(BytesText { ... })'" becomes "its XML is not laid out as a spreadsheet's must be".
pub(super) fn plain(msg: &str) -> String {
    let debug = [
        "BytesText",
        "BytesStart",
        "BytesEnd",
        "Some(",
        "Ok(",
        "Err(",
        " { ",
    ];
    if debug.iter().any(|d| msg.contains(d)) {
        "its XML is not laid out as a spreadsheet's must be".to_string()
    } else {
        msg.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::{ColumnMap, Layout};

    /// Read one table (master plan or return) from a workbook, trying preferred sheets first.
    fn read_table(
        path: &Path,
        layout: &Layout,
        kind: crate::model::TableKind,
    ) -> Result<crate::read::raw::Table, ReadError> {
        let (bytes, file) = open(path)?;
        crate::read::guard::guard(&file, || {
            let mut sheets = sheets_of(&bytes, &file, path)?;
            crate::read::table::read_table_from(
                &mut sheets,
                &file,
                layout,
                crate::model::builtin_scale(),
                kind,
                &[],
            )
        })
    }

    #[test]
    fn not_spreadsheets_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fake.xlsx");
        std::fs::write(&p, "Action Ref,RAG\nOC.C4.1,Red\n").unwrap();
        let err = read_table(
            &p,
            &ColumnMap::builtin().returns,
            crate::model::TableKind::Return,
        )
        .unwrap_err();
        assert!(matches!(err, ReadError::NotSpreadsheet { .. }), "{err}");
        assert!(
            err.to_string().contains("fake.xlsx") && err.to_string().contains("plain text"),
            "{err}"
        );

        std::fs::write(&p, b"").unwrap();
        assert!(matches!(
            read_table(
                &p,
                &ColumnMap::builtin().returns,
                crate::model::TableKind::Return
            )
            .unwrap_err(),
            ReadError::Empty { .. }
        ));

        std::fs::write(&p, b"PK\x03\x04garbage").unwrap();
        assert!(matches!(
            read_table(
                &p,
                &ColumnMap::builtin().returns,
                crate::model::TableKind::Return
            )
            .unwrap_err(),
            ReadError::Corrupt { .. }
        ));

        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&[0u8; 600]);
        std::fs::write(&p, &ole).unwrap();
        assert!(matches!(
            read_table(
                &p,
                &ColumnMap::builtin().returns,
                crate::model::TableKind::Return
            )
            .unwrap_err(),
            ReadError::Encrypted { .. }
        ));
    }
}
