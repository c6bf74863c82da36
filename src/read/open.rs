//! Opening a workbook: read the bytes, judge the format by the content (not the name), and
//! refuse what is not a spreadsheet with a message that says what it is.

use std::io::Cursor;
use std::path::Path;

use calamine::Sheets;

use super::ReadError;
use super::xls_check::xls_bounds_check;

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
        let is_ods = bytes
            .windows(46)
            .take(200)
            .any(|w| w.starts_with(b"mimetypeapplication/vnd.oasis.opendocument"));
        if is_ods {
            return calamine::open_workbook_from_rs(cur)
                .map(Sheets::Ods)
                .map_err(|e| corrupt(e.to_string()));
        }
        if ext == "xlsb" {
            return calamine::open_workbook_from_rs(cur)
                .map(Sheets::Xlsb)
                .map_err(|e| corrupt(e.to_string()));
        }
        return calamine::open_workbook_from_rs(cur)
            .map(Sheets::Xlsx)
            .map_err(|e: calamine::XlsxError| corrupt(e.to_string()));
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
        if let Err(detail) = xls_bounds_check(bytes) {
            return Err(corrupt(detail));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::{ColumnMap, Layout};

    /// Read one table (master plan or return) from a workbook, trying preferred sheets first.
    fn read_table(
        path: &Path,
        layout: &Layout,
        kind: &'static str,
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
        let err = read_table(&p, &ColumnMap::builtin().returns, "return").unwrap_err();
        assert!(matches!(err, ReadError::NotSpreadsheet { .. }), "{err}");
        assert!(
            err.to_string().contains("fake.xlsx") && err.to_string().contains("plain text"),
            "{err}"
        );

        std::fs::write(&p, b"").unwrap();
        assert!(matches!(
            read_table(&p, &ColumnMap::builtin().returns, "return").unwrap_err(),
            ReadError::Empty { .. }
        ));

        std::fs::write(&p, b"PK\x03\x04garbage").unwrap();
        assert!(matches!(
            read_table(&p, &ColumnMap::builtin().returns, "return").unwrap_err(),
            ReadError::Corrupt { .. }
        ));

        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&[0u8; 600]);
        std::fs::write(&p, &ole).unwrap();
        assert!(matches!(
            read_table(&p, &ColumnMap::builtin().returns, "return").unwrap_err(),
            ReadError::Encrypted { .. }
        ));
    }
}
