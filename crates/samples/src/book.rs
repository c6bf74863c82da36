//! A small description of a workbook (sheets of title rows, a header and data rows) and
//! writers for it as .xlsx and .ods, for fixtures of councils whose trackers differ.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, XlsxError};

use crate::xlsx::dated_workbook;

/// One cell as a council's tracker holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A real date cell.
    Date(i32, u32, u32),
    /// A number with its number format ("General", "0.00").
    Number(f64, &'static str),
    /// No value, only a solid fill colour (`#RRGGBB`): a RAG given as a colour.
    Fill(&'static str),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::from(s.as_str())
    }
}

/// One sheet: rows above the header (titles, notes), the header, the rows below.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub above: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            ..Sheet::default()
        }
    }

    /// A sheet with text only (Guidance, Notes).
    pub fn text(name: &str, lines: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            above: lines.iter().map(|l| l.to_string()).collect(),
            ..Sheet::default()
        }
    }
}

/// Write the sheets as an .xlsx workbook (fixed document time: the same bytes every run).
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) -> Result<(), XlsxError> {
    let mut wb = dated_workbook();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        let mut row = 0u32;
        for line in &s.above {
            ws.write_string(row, 0, line)?;
            row += 1;
        }
        if !s.headers.is_empty() {
            if !s.above.is_empty() {
                row += 1;
            }
            for (c, h) in s.headers.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, h, &bold)?;
            }
            row += 1;
        }
        for cells in &s.rows {
            for (c, cell) in cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(row, c, t)?;
                    }
                    Cell::Date(y, m, d) => {
                        let day = NaiveDate::from_ymd_opt(*y, *m, *d)
                            .ok_or_else(|| XlsxError::ParameterError("bad fixture date".into()))?;
                        ws.write_date_with_format(row, c, day, &date)?;
                    }
                    Cell::Number(n, fmt) => {
                        ws.write_number_with_format(
                            row,
                            c,
                            *n,
                            &Format::new().set_num_format(*fmt),
                        )?;
                    }
                    Cell::Fill(hex) => {
                        ws.write_blank(row, c, &Format::new().set_background_color(*hex))?;
                    }
                }
            }
            row += 1;
        }
    }
    wb.save(path)
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// Write the sheets as an OpenDocument spreadsheet (.ods), a minimal but valid package.
/// Fills are not written (plan-recon reads them from .xlsx only).
pub fn write_ods(path: &Path, sheets: &[Sheet]) -> std::io::Result<()> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    let text = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            xml_escape(s)
        )
    };
    for s in sheets {
        let _ = write!(
            content,
            r#"<table:table table:name="{}">"#,
            xml_escape(&s.name)
        );
        let mut rows: Vec<Vec<String>> = s.above.iter().map(|l| vec![text(l)]).collect();
        if !s.headers.is_empty() {
            rows.push(s.headers.iter().map(|h| text(h)).collect());
        }
        for cells in &s.rows {
            rows.push(
                cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => text(t),
                        Cell::Date(y, m, d) => format!(
                            r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"#
                        ),
                        Cell::Number(n, _) => format!(
                            r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                        ),
                        Cell::Empty | Cell::Fill(_) => "<table:table-cell/>".to_string(),
                    })
                    .collect(),
            );
        }
        for r in rows {
            let _ = write!(content, "<table:table-row>{}</table:table-row>", r.concat());
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("mimetype", stored)
        .map_err(std::io::Error::other)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(content.as_bytes())?;
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}
