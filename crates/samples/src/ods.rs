//! Writing a sample return as an OpenDocument spreadsheet (.ods), through [`crate::book`].

use std::path::Path;

use crate::book::{Cell, Sheet, write_ods};
use crate::council::{Due, Style};
use crate::faults::SampleRow;
use crate::xlsx::{headers, row_texts};

/// Write a return as an OpenDocument spreadsheet (.ods): a minimal but valid package.
pub fn write_return_ods(path: &Path, directorate: &str, rows: &[SampleRow]) -> std::io::Result<()> {
    let mut sheet = Sheet::new("Return", &headers(Style::Ods));
    sheet.above = vec![format!("Directorate: {directorate}")];
    sheet.rows = rows
        .iter()
        .map(|r| {
            row_texts(r)
                .into_iter()
                .enumerate()
                .map(|(c, t)| match (c, r.due, t) {
                    (4, Some(Due::Date(y, m, d)), _) => Cell::Date(y, m, d),
                    (_, _, Some(t)) => Cell::Text(t),
                    _ => Cell::Empty,
                })
                .collect()
        })
        .collect();
    write_ods(path, &[sheet])
}
