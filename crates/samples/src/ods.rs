//! Writing a return as an OpenDocument spreadsheet (.ods), a minimal but valid package.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::council::{Due, Style};
use crate::faults::SampleRow;
use crate::xlsx::{headers, row_texts};

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

/// Write a return as an OpenDocument spreadsheet (.ods): a minimal but valid package.
pub fn write_return_ods(path: &Path, directorate: &str, rows: &[SampleRow]) -> std::io::Result<()> {
    let mut content = String::new();
    content.push_str(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Return">"#);
    let cell = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            xml_escape(s)
        )
    };
    let _ = write!(
        content,
        "<table:table-row>{}</table:table-row>",
        cell(&format!("Directorate: {directorate}"))
    );
    content.push_str("<table:table-row>");
    for h in headers(Style::Ods) {
        content.push_str(&cell(h));
    }
    content.push_str("</table:table-row>");
    for r in rows {
        content.push_str("<table:table-row>");
        for (c, t) in row_texts(r).iter().enumerate() {
            match (c, r.due, t) {
                (4, Some(Due::Date(y, m, d)), _) => {
                    let _ = write!(
                        content,
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"#
                    );
                }
                (_, _, Some(t)) => content.push_str(&cell(t)),
                _ => content.push_str("<table:table-cell/>"),
            }
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
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
