//! Provenance: the file, sheet and cell every value was read from.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// A sheet of a file: shared by every [`Source`] in it, so a source is one pointer and a cell.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
}

/// Where a value came from: file, sheet and zero-based cell position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub origin: Arc<Origin>,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl Source {
    pub fn new(file: &str, sheet: &str, row: u32, col: u32) -> Source {
        Source {
            origin: Arc::new(Origin {
                file: Arc::from(file),
                sheet: Arc::from(sheet),
            }),
            row,
            col,
        }
    }

    /// A file as a whole, for what is about the file and no cell of it (a return that
    /// could not be read, a file set aside): no sheet, no cell.
    pub fn whole_file(file: &str) -> Source {
        Source::new(file, "", 0, 0)
    }

    /// Is this the file as a whole, no cell of it ([`Source::whole_file`])?
    pub fn is_whole_file(&self) -> bool {
        self.origin.sheet.is_empty()
    }

    /// The sheet and cell, "Return!L7"; `None` for the file as a whole.
    pub fn place(&self) -> Option<String> {
        (!self.is_whole_file()).then(|| format!("{}!{}", self.sheet(), self.cell()))
    }

    pub fn file(&self) -> &str {
        &self.origin.file
    }

    pub fn sheet(&self) -> &str {
        &self.origin.sheet
    }

    /// The A1-style reference of the cell, e.g. `D12`; empty for the file as a whole.
    pub fn cell(&self) -> String {
        if self.is_whole_file() {
            return String::new();
        }
        cell_ref(self.row, self.col)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place() {
            Some(place) => write!(f, "{} [{place}]", self.file()),
            None => f.write_str(self.file()),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Source", 3)?;
        st.serialize_field("file", self.file())?;
        st.serialize_field("sheet", self.sheet())?;
        st.serialize_field("cell", &self.cell())?;
        st.end()
    }
}

/// Column letters for a zero-based column index (0 -> A, 26 -> AA).
pub fn col_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A1-style reference for zero-based row and column.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), row + 1)
}

/// A value together with the cell it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Self {
        Sourced { value, source }
    }
}

/// Where an error is, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell, e.g. `A5`.
    pub cell: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => write!(f, " [{s}!{c}]"),
            (Some(s), None) => write!(f, " [{s}]"),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_file_is_named_without_a_sheet_or_cell() {
        let s = Source::whole_file("returns/Finance.xlsx");
        assert!(s.is_whole_file());
        assert_eq!(s.to_string(), "returns/Finance.xlsx");
        assert_eq!((s.place(), s.cell()), (None, String::new()));
        let c = Source::new("f.xlsx", "Return", 6, 11);
        assert!(!c.is_whole_file());
        assert_eq!(c.to_string(), "f.xlsx [Return!L7]");
        assert_eq!(c.place().as_deref(), Some("Return!L7"));
    }

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 3), "D12");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(701), "ZZ");
        assert_eq!(col_letters(702), "AAA");
    }
}
