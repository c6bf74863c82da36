//! Reading workbooks with calamine: find the header row through the column map, turn each
//! data row into typed values that remember their cell, and note (never panic on) anything
//! odd: formula errors, unreadable ids, duplicated headers.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, DataRef, Range, Reader, ReaderRef, Sheets};
use rayon::prelude::*;
use serde::Serialize;

use crate::columns::{ColumnMap, Field, Layout, normalise_header};
use crate::dates::{DateContext, PlanDate};
use crate::model::{Action, ActionId, Origin, Rag, ReturnRow, Source, Sourced, Theme, cell_ref};

/// How many rows from the top of a sheet are searched for the header row.
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// File endings read as workbooks.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Why a workbook could not be read. Every message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{file}: cannot read the file: {source}\n  hint: check the path and that you can open it"
    )]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: the file is empty (0 bytes)\n  hint: the upload may have failed; ask the directorate to send it again"
    )]
    Empty { file: String },
    #[error(
        "{file}: the workbook is password-protected or encrypted\n  hint: open it in Excel, remove the password (File > Info > Protect Workbook), save, and run again"
    )]
    Encrypted { file: String },
    #[error(
        "{file}: not a spreadsheet this tool can read ({what})\n  hint: open it in Excel or LibreOffice and save it as .xlsx"
    )]
    NotSpreadsheet { file: String, what: String },
    #[error(
        "{file}: the workbook is damaged and cannot be opened: {detail}\n  hint: open it in Excel (which can often repair it), save it as .xlsx, and run again"
    )]
    Corrupt { file: String, detail: String },
    #[error(
        "{file}: the workbook has no sheets with any cells\n  hint: check this is the right file"
    )]
    NoSheets { file: String },
    #[error("{}", no_header_message(.file, .kind, .best, .sheets))]
    NoHeader {
        file: String,
        /// "master plan" or "return".
        kind: &'static str,
        sheets: Vec<String>,
        best: Option<Box<HeaderAttempt>>,
    },
}

/// The best header row found in a workbook that lacked required columns.
#[derive(Debug, Clone)]
pub struct HeaderAttempt {
    pub sheet: String,
    pub row: u32,
    /// Every non-empty header text in that row.
    pub found: Vec<String>,
    /// Required fields that no header matched, with the synonyms that were looked for.
    pub missing: Vec<(Field, Vec<String>)>,
}

fn no_header_message(
    file: &str,
    kind: &str,
    best: &Option<Box<HeaderAttempt>>,
    sheets: &[String],
) -> String {
    match best {
        None => format!(
            "{file}: no header row found for a {kind} in the first {HEADER_SEARCH_ROWS} rows of any sheet ({})\n  hint: the header row must contain at least an action reference column such as \"Action Ref\"; pass --map with your own headers if your tracker uses other words",
            sheets.join(", ")
        ),
        Some(b) => {
            let mut s = format!(
                "{file}: sheet {:?} looks like a {kind} (header row {}) but lacks required columns\n  headers found: {}\n",
                b.sheet,
                b.row + 1,
                b.found
                    .iter()
                    .map(|h| format!("{h:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for (field, syn) in &b.missing {
                s.push_str(&format!(
                    "  missing `{field}`: looked for any of {}\n",
                    syn.iter()
                        .map(|h| format!("{h:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            s.push_str("  hint: rename the column in the workbook, or copy templates/default.toml, add your header to the list and pass it with --map");
            s
        }
    }
}

/// A cell value as read, before it is interpreted as a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
}

impl Value {
    pub fn into_text(self) -> String {
        match self {
            Value::Text(s) => s,
            other => other.as_text(),
        }
    }

    pub fn as_text(&self) -> String {
        self.text().into_owned()
    }

    /// The value as text, borrowed when it is text already.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self {
            Value::Text(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.formatted()),
        }
    }

    fn formatted(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// Something odd noticed while reading, turned into a finding by `reconcile`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadNote {
    pub kind: NoteKind,
    /// The action of the row, when its reference could be read.
    pub action: Option<ActionId>,
    pub source: Source,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A formula error such as `#REF!` or `#N/A` in a mapped column.
    CellError,
    /// Two columns whose headers mean the same field; the first is used.
    DuplicateHeader,
    /// Text in the action reference column that is not an action id.
    UnreadableId,
    /// A row with content but no action reference.
    MissingId,
    /// A RAG cell whose text is not a rating.
    UnreadableRag,
    /// Values far away from the table (a stray entry at XFD1048576) that were ignored.
    StrayValues,
}

/// A mapped column: which field, where, and the header text that matched.
#[derive(Debug, Clone, Serialize)]
pub struct MappedColumn {
    pub field: Field,
    pub col: u32,
    pub header: String,
}

/// One data row: the value of each mapped field with its cell.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub row: u32,
    pub cells: [Option<(Value, u32)>; Field::COUNT],
    /// The parsed action id, once the row is known to have one.
    pub id: Option<ActionId>,
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// File and sheet, shared by the sources of every value read from this table.
    pub origin: Arc<Origin>,
    pub header_row: u32,
    pub columns: Vec<MappedColumn>,
    /// Header texts in the header row that no field claimed.
    pub unmapped: Vec<String>,
    pub rows: Vec<RawRow>,
    pub notes: Vec<ReadNote>,
    /// "Directorate: Housing" written above the header row, if any.
    pub label_directorate: Option<String>,
    /// Rows skipped as notes or section headings.
    pub skipped_rows: usize,
    /// Data rows read (the rows themselves are moved into typed rows).
    pub data_rows: usize,
}

impl Table {
    fn source(&self, row: u32, col: u32) -> Source {
        Source {
            origin: self.origin.clone(),
            row,
            col,
        }
    }

    /// Take a field's value out of the row as text.
    fn text(&self, r: &mut RawRow, f: Field) -> Option<Sourced<String>> {
        let (v, col) = r.cells[f.index()].take()?;
        Some(Sourced::new(v.into_text(), self.source(r.row, col)))
    }

    fn date(&self, r: &mut RawRow, f: Field, ctx: &DateContext) -> Option<Sourced<PlanDate>> {
        let (v, col) = r.cells[f.index()].take()?;
        let d = match v {
            Value::Date(d) => PlanDate::from_date(d),
            Value::Number(n) => {
                PlanDate::from_serial(n).unwrap_or_else(|| PlanDate::parse(&v.as_text(), ctx))
            }
            Value::Text(t) => PlanDate::parse(&t, ctx),
        };
        Some(Sourced::new(d, self.source(r.row, col)))
    }

    fn rag(
        &self,
        r: &mut RawRow,
        id: &ActionId,
        notes: &mut Vec<ReadNote>,
    ) -> Option<Sourced<Rag>> {
        let (v, col) = r.cells[Field::Rag.index()].take()?;
        let text = v.into_text();
        match Rag::parse(&text) {
            Some(rag) => Some(Sourced::new(rag, self.source(r.row, col))),
            None => {
                notes.push(ReadNote {
                    kind: NoteKind::UnreadableRag,
                    action: Some(id.clone()),
                    source: self.source(r.row, col),
                    detail: text,
                });
                None
            }
        }
    }

    fn id(&self, r: &mut RawRow) -> Option<Sourced<ActionId>> {
        let (v, col) = r.cells[Field::Id.index()].take()?;
        let id = match r.id.take() {
            Some(id) => Some(id),
            None => ActionId::parse(&v.as_text()),
        };
        id.map(|id| Sourced::new(id, self.source(r.row, col)))
    }
}

/// The master Improvement Plan as read.
#[derive(Debug, Clone)]
pub struct MasterPlan {
    pub table: Table,
    pub actions: Vec<Action>,
    /// Statutory recommendation code -> text, from the optional recommendations sheet.
    pub recommendations: Vec<(String, String)>,
}

/// One directorate's monthly return as read.
#[derive(Debug, Clone)]
pub struct DirectorateReturn {
    pub table: Table,
    pub directorate: String,
    pub rows: Vec<ReturnRow>,
}

/// Read the whole file and open it with the right calamine reader, judged by its content.
fn open(path: &Path) -> Result<(Vec<u8>, String), ReadError> {
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

fn sheets_of<'a>(
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

/// Most cells a legacy `.xls` sheet can hold (65,536 rows by 256 columns).
const XLS_MAX_CELLS: u64 = 65_536 * 256;

/// Check the cell positions of a legacy `.xls` before calamine reads it. calamine sizes each
/// sheet's grid from the `DIMENSIONS` record and from the furthest cells, and a damaged file
/// can claim billions of cells: the allocation then fails and aborts the process, which no
/// guard can catch. A sheet larger than an `.xls` can be is reported as damaged instead.
///
/// The container is opened with the `cfb` crate first, which validates sector chains:
/// calamine's own container reader follows a looping chain of a damaged file until memory
/// runs out. A container `cfb` rejects is reported as damaged.
fn xls_bounds_check(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read as _;
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("its container is damaged ({e})"))?;
    let mut stream = Vec::new();
    let mut s = cf
        .open_stream("Workbook")
        .or_else(|_| cf.open_stream("Book"))
        .map_err(|_| "it has no workbook stream".to_string())?;
    s.read_to_end(&mut stream)
        .map_err(|e| format!("its workbook stream is damaged ({e})"))?;
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let too_big = |what: &str| {
        Err(format!(
            "a sheet's {what} more cells than an .xls sheet can hold ({XLS_MAX_CELLS}), \
             so the file is damaged"
        ))
    };
    // Bounds of the cells of the current substream: (min row, max row, min col, max col).
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let area = |b: Option<(u64, u64, u64, u64)>| {
        b.map(|(r0, r1, c0, c1)| (r1 - r0 + 1) * (c1 - c0 + 1))
            .unwrap_or(0)
    };
    let mut pos = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&stream, pos), u16_at(&stream, pos + 2)) {
        let start = pos + 4;
        let Some(data) = stream.get(start..start + len as usize) else {
            break;
        };
        pos = start + len as usize;
        let mut extend = |row: u64, c0: u64, c1: u64| {
            let (lo, hi) = (c0.min(c1), c0.max(c1));
            bounds = Some(match bounds {
                None => (row, row, lo, hi),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(lo), b.max(hi)),
            });
        };
        match typ {
            // BOF, EOF: a sheet (or chart) substream starts or ends.
            0x0809 | 0x000A => {
                if area(bounds) > XLS_MAX_CELLS {
                    return too_big("cells span");
                }
                bounds = None;
            }
            // DIMENSIONS, computed as calamine does (BIFF5: u16 rows; BIFF8: u32 rows).
            0x0200 => {
                let dims = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = dims else {
                    continue;
                };
                if cf > 0xFF || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let (r1, c1) = (rl - 1, cl - 1);
                    if r1 < rf || c1 < cf || (r1 - rf + 1) * (c1 - cf + 1) > XLS_MAX_CELLS {
                        return too_big("DIMENSIONS record claims");
                    }
                }
            }
            // Cell records: row, then column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    extend(r, c, c);
                }
            }
            // MULRK: row, first column, ..., last column.
            0x00BD => {
                if let (Some(r), Some(c0), Some(c1)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                ) {
                    extend(r, c0, c1);
                }
            }
            _ => {}
        }
    }
    if area(bounds) > XLS_MAX_CELLS {
        return too_big("cells span");
    }
    Ok(())
}

/// A cell as the reader needs to see it, for owned (`Data`) and borrowed (`DataRef`) ranges.
pub trait CellView: calamine::CellType {
    fn view(&self) -> Cell<'_>;
}

/// A borrowed view of a cell's value.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Empty,
    Str(&'a str),
    Float(f64),
    Int(i64),
    Bool(bool),
    DateTime(&'a calamine::ExcelDateTime),
    Iso(&'a str),
    Error(&'a calamine::CellErrorType),
}

impl CellView for Data {
    fn view(&self) -> Cell<'_> {
        match self {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Str(s),
            Data::Float(f) => Cell::Float(*f),
            Data::Int(i) => Cell::Int(*i),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::DateTime(d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Iso(s),
            Data::Error(e) => Cell::Error(e),
        }
    }
}

impl CellView for DataRef<'_> {
    fn view(&self) -> Cell<'_> {
        match self {
            DataRef::Empty => Cell::Empty,
            DataRef::String(s) => Cell::Str(s),
            DataRef::SharedString(s) => Cell::Str(s),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) => Cell::DateTime(d),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Iso(s),
            DataRef::Error(e) => Cell::Error(e),
        }
    }
}

/// The cells of a sheet as the reader sees them: calamine's dense `Range` (xls, ods, xlsb) or
/// the sparse cells of an xlsx sheet, kept as read so that no dense copy is made.
pub trait Grid {
    type Cell: CellView;
    /// First (row, col) holding a value, absolute.
    fn start(&self) -> Option<(u32, u32)>;
    /// Last (row, col) holding a value, absolute.
    fn end(&self) -> Option<(u32, u32)>;
    /// The cell at an absolute position; `None` for an empty cell.
    fn get(&self, row: u32, col: u32) -> Option<&Self::Cell>;
    fn is_empty(&self) -> bool {
        self.start().is_none()
    }
}

impl<T: CellView> Grid for Range<T> {
    type Cell = T;
    fn start(&self) -> Option<(u32, u32)> {
        Range::start(self)
    }
    fn end(&self) -> Option<(u32, u32)> {
        Range::end(self)
    }
    fn get(&self, row: u32, col: u32) -> Option<&T> {
        self.get_value((row, col))
    }
}

/// Non-empty cells in row order, with the offset of each row's first cell.
pub struct Sparse<T: calamine::CellType> {
    cells: Vec<calamine::Cell<T>>,
    /// `rows[r - first_row]..rows[r - first_row + 1]` are the cells of row `r`.
    rows: Vec<usize>,
    start: (u32, u32),
    end: (u32, u32),
}

impl<T: CellView> Sparse<T> {
    /// Build from cells in any order (a well-formed sheet lists them row by row).
    pub fn new(mut cells: Vec<calamine::Cell<T>>) -> Sparse<T> {
        if !cells.is_sorted_by_key(|c| c.get_position()) {
            cells.sort_by_key(|c| c.get_position());
        }
        let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
            return Sparse {
                cells,
                rows: Vec::new(),
                start: (0, 0),
                end: (0, 0),
            };
        };
        let (r0, r1) = (first.get_position().0, last.get_position().0);
        let (mut c0, mut c1) = (u32::MAX, 0);
        let mut rows = Vec::with_capacity((r1 - r0) as usize + 2);
        for (i, c) in cells.iter().enumerate() {
            let (r, col) = c.get_position();
            while rows.len() <= (r - r0) as usize {
                rows.push(i);
            }
            c0 = c0.min(col);
            c1 = c1.max(col);
        }
        rows.push(cells.len());
        Sparse {
            cells,
            rows,
            start: (r0, c0),
            end: (r1, c1),
        }
    }

    fn map<U: CellView>(&self, f: impl Fn(&T) -> U) -> Sparse<U> {
        Sparse {
            cells: self
                .cells
                .iter()
                .map(|c| calamine::Cell::new(c.get_position(), f(c.get_value())))
                .collect(),
            rows: self.rows.clone(),
            start: self.start,
            end: self.end,
        }
    }
}

impl<T: CellView> Grid for Sparse<T> {
    type Cell = T;
    fn start(&self) -> Option<(u32, u32)> {
        (!self.cells.is_empty()).then_some(self.start)
    }
    fn end(&self) -> Option<(u32, u32)> {
        (!self.cells.is_empty()).then_some(self.end)
    }
    fn get(&self, row: u32, col: u32) -> Option<&T> {
        let i = row.checked_sub(self.start.0)? as usize;
        let (&from, &to) = (self.rows.get(i)?, self.rows.get(i + 1)?);
        let in_row = &self.cells[from..to];
        // A row holds a few dozen cells at most: a linear scan beats a search.
        in_row
            .iter()
            .find(|c| c.get_position().1 == col)
            .map(|c| c.get_value())
    }
}

/// Cells of merged regions other than the top-left one: (row, col) -> top-left (row, col).
type MergeMap = HashMap<(u32, u32), (u32, u32)>;

fn merges(sheets: &mut Sheets<Cursor<&[u8]>>, sheet: &str) -> MergeMap {
    let regions = match sheets {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut map = MergeMap::new();
    for d in regions {
        // Bound the work a hostile file can ask for.
        let cells = (d.end.0.saturating_sub(d.start.0) as u64 + 1)
            * (d.end.1.saturating_sub(d.start.1) as u64 + 1);
        if cells > 10_000 {
            continue;
        }
        for r in d.start.0..=d.end.0 {
            for c in d.start.1..=d.end.1 {
                if (r, c) != d.start {
                    map.insert((r, c), d.start);
                }
            }
        }
    }
    map
}

fn cell_text<G: Grid>(range: &G, row: u32, col: u32) -> Option<String> {
    match to_value(range.get(row, col)?) {
        Ok(Some(v)) => Some(v.into_text()),
        _ => None,
    }
}

/// A header row found in a sheet.
struct HeaderFound {
    row: u32,
    columns: Vec<MappedColumn>,
    unmapped: Vec<String>,
    /// Columns whose header means a field already mapped: (row, col, text, field).
    dups: Vec<(u32, u32, String, Field)>,
}

/// Find the header row: the row in the first rows of the sheet whose headers name the most
/// fields, one of them the action reference.
fn find_header<G: Grid>(range: &G, layout: &Layout) -> Option<HeaderFound> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<HeaderFound> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let mut found = HeaderFound {
            row,
            columns: Vec::new(),
            unmapped: Vec::new(),
            dups: Vec::new(),
        };
        for col in c0..=c1 {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            match layout.field_for_header(&text) {
                Some(field) if found.columns.iter().any(|m| m.field == field) => {
                    found.dups.push((row, col, text, field))
                }
                Some(field) => found.columns.push(MappedColumn {
                    field,
                    col,
                    header: text,
                }),
                None => found.unmapped.push(text),
            }
        }
        let score = found.columns.len();
        if found.columns.iter().any(|m| m.field == Field::Id)
            && best.as_ref().is_none_or(|b| score > b.columns.len())
        {
            best = Some(found);
        }
    }
    best
}

/// The header texts of the row most like a header in the first rows (for error messages).
fn header_attempt<G: Grid>(range: &G, layout: &Layout, sheet: &str) -> Option<HeaderAttempt> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<(usize, usize, HeaderAttempt)> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let found: Vec<String> = (c0..=c1).filter_map(|c| cell_text(range, row, c)).collect();
        if found.is_empty() {
            continue;
        }
        let matched = found
            .iter()
            .filter(|h| layout.field_for_header(h).is_some())
            .count();
        let missing = layout
            .required()
            .filter(|(f, _)| !found.iter().any(|h| layout.field_for_header(h) == Some(*f)))
            .map(|(f, s)| (f, s.headers.clone()))
            .collect();
        // Prefer rows that match more fields, then rows with more text cells.
        let key = (matched, found.len());
        if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
            best = Some((
                matched,
                found.len(),
                HeaderAttempt {
                    sheet: sheet.to_string(),
                    row,
                    found,
                    missing,
                },
            ));
        }
    }
    best.map(|b| b.2)
}

fn directorate_label<G: Grid>(range: &G, header_row: u32) -> Option<String> {
    let (r0, c0) = range.start()?;
    let (_, c1) = range.end()?;
    for row in r0..header_row {
        for col in c0..=c1.min(c0 + 10) {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            let lower = text.to_lowercase();
            let Some(rest) = lower.strip_prefix("directorate") else {
                continue;
            };
            let rest_start = text.len() - rest.len();
            let value = text[rest_start..]
                .trim_start_matches([':', '-', ' '])
                .trim();
            if !value.is_empty() {
                return Some(value.to_string());
            }
            if let Some(next) = cell_text(range, row, col + 1) {
                return Some(next);
            }
        }
    }
    None
}

fn to_value<T: CellView>(data: &T) -> Result<Option<Value>, String> {
    Ok(match data.view() {
        Cell::Empty => None,
        Cell::Str(s) => {
            let t = s.trim();
            if t.is_empty() {
                None
            } else {
                Some(Value::Text(t.to_string()))
            }
        }
        Cell::Float(f) => Some(Value::Number(f)),
        Cell::Int(i) => Some(Value::Number(i as f64)),
        Cell::Bool(b) => Some(Value::Text(if b { "TRUE" } else { "FALSE" }.to_string())),
        Cell::DateTime(dt) => match dt.as_datetime() {
            Some(d) => Some(Value::Date(d.date())),
            None => Some(Value::Number(dt.as_f64())),
        },
        Cell::Iso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Some(Value::Date(d)),
                Err(_) => Some(Value::Text(s.to_string())),
            }
        }
        Cell::Error(e) => return Err(e.to_string()),
    })
}

/// Read one table (master plan or return) from a workbook, trying preferred sheets first.
pub fn read_table(path: &Path, layout: &Layout, kind: &'static str) -> Result<Table, ReadError> {
    let (bytes, file) = open(path)?;
    guard(&file, || {
        let mut sheets = sheets_of(&bytes, &file, path)?;
        read_table_from(&mut sheets, &file, layout, kind, &[])
    })
}

/// Run a reader, turning a panic inside a parser (a damaged file the parser did not expect)
/// into a `Corrupt` error for that file, so one bad return cannot stop the month's run.
/// With [`install_panic_hook`] the panic is not printed; its message goes into the error.
fn guard<T>(file: &str, f: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|_| {
        let why = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        Err(ReadError::Corrupt {
            file: file.to_string(),
            detail: format!("the spreadsheet parser failed on this file{why}"),
        })
    })
}

thread_local! {
    /// True while this thread runs a reader inside [`guard`].
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message of the last panic caught by [`guard`] on this thread.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Is this thread inside [`guard`], where a panic becomes a `Corrupt` error for one file?
pub fn in_guarded_read() -> bool {
    GUARDED.with(|g| g.get())
}

/// Install a panic hook that keeps panics caught by the read guard quiet (their message
/// goes into the file's error instead of a backtrace on stderr); any other panic is
/// printed by the previous hook as usual. Call once, from the binary.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if in_guarded_read() {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", short_path(l.file()), l.line()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// `.../calamine-0.38.0/src/utils.rs` -> `calamine-0.38.0/src/utils.rs`.
fn short_path(file: &str) -> &str {
    match file.rfind("/src/") {
        Some(i) => {
            let head = &file[..i];
            let start = head.rfind('/').map(|j| j + 1).unwrap_or(0);
            &file[start..]
        }
        None => file,
    }
}

fn sheet_order(sheets: &Sheets<Cursor<&[u8]>>, layout: &Layout, skip: &[&str]) -> Vec<String> {
    let names = sheets.sheet_names();
    let mut order: Vec<String> = Vec::with_capacity(names.len());
    for pref in &layout.sheets {
        if let Some(n) = names
            .iter()
            .find(|n| normalise_header(n) == normalise_header(pref))
            && !order.contains(n)
        {
            order.push(n.clone());
        }
    }
    for n in names {
        if !order.contains(&n) {
            order.push(n);
        }
    }
    order.retain(|n| !skip.contains(&n.as_str()));
    order
}

/// What scanning one sheet found.
enum Scan {
    Empty,
    NoHeader(Option<HeaderAttempt>),
    Found(Table, bool),
}

/// Values dropped from a sheet because they lie far outside the table.
struct Stray {
    count: usize,
    first: (u32, u32),
}

impl Stray {
    fn note(&self, table: &Table) -> ReadNote {
        ReadNote {
            kind: NoteKind::StrayValues,
            action: None,
            source: table.source(self.first.0, self.first.1),
            detail: format!(
                "{} value(s) far outside the table were ignored, the first at {}",
                self.count,
                cell_ref(self.first.0, self.first.1)
            ),
        }
    }
}

/// Rows, columns of empty space that separate a stray value from the table.
const STRAY_ROW_GAP: u32 = 1_000;
const STRAY_COL_GAP: u32 = 100;
/// A grid no bigger than this is read as it is, however sparse.
const DENSE_ENOUGH_CELLS: u64 = 4_000_000;
/// Grid cells one sheet may span once strays are dropped.
const MAX_GRID_CELLS: u64 = 50_000_000;

/// The cells of an xlsx sheet, as calamine's `worksheet_range_ref` reads them, but with stray
/// values far from the table dropped: calamine makes a dense grid over the bounding box of
/// all values, and one stray entry at `XFD1048576` makes that 17 billion cells, an allocation
/// that aborts the process.
fn xlsx_range<'a>(
    x: &'a mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<(Sparse<DataRef<'a>>, Option<Stray>), String> {
    let mut reader = match x.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok((Sparse::new(Vec::new()), None)),
        Err(e) => return Err(e.to_string()),
    };
    // Sized from the sheet's own dimensions (capped: a damaged file may claim anything), so
    // that a 100,000-row sheet does not grow the vector twenty times.
    let dims = reader.dimensions();
    let mut cells = Vec::with_capacity(dims.len().min(1 << 22) as usize);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if !matches!(cell.get_value(), DataRef::Empty) {
            cells.push(cell);
        }
    }
    let stray = drop_strays(&mut cells);
    if grid_cells(&cells) > MAX_GRID_CELLS {
        return Err(format!(
            "its values are spread over more than {MAX_GRID_CELLS} cells; delete stray \
             values far from the table and save again"
        ));
    }
    Ok((Sparse::new(cells), stray))
}

fn grid_cells<T: calamine::CellType>(cells: &[calamine::Cell<T>]) -> u64 {
    let mut b: Option<(u32, u32, u32, u32)> = None;
    for c in cells {
        let (r, col) = c.get_position();
        b = Some(match b {
            None => (r, r, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(col), c1.max(col)),
        });
    }
    b.map(|(r0, r1, c0, c1)| (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64)
        .unwrap_or(0)
}

/// When the grid over all values is large and mostly empty, keep the block of rows (and then
/// of columns) holding the most values, between gaps of empty rows (columns); drop the rest.
fn drop_strays<T: calamine::CellType>(cells: &mut Vec<calamine::Cell<T>>) -> Option<Stray> {
    let area = grid_cells(cells);
    if area <= DENSE_ENOUGH_CELLS.max(16 * cells.len() as u64) {
        return None;
    }
    let before = cells.len();
    let mut first: Option<(u32, u32)> = None;
    for axis in [0usize, 1] {
        let key = |c: &calamine::Cell<T>| {
            let p = c.get_position();
            if axis == 0 { p.0 } else { p.1 }
        };
        let gap = if axis == 0 {
            STRAY_ROW_GAP
        } else {
            STRAY_COL_GAP
        };
        let mut keys: Vec<u32> = cells.iter().map(key).collect();
        keys.sort_unstable();
        // Blocks of keys separated by gaps; keep the one with the most values.
        let (mut best, mut best_n) = ((0u32, 0u32), 0usize);
        let mut start = 0usize;
        for i in 1..=keys.len() {
            if i == keys.len() || keys[i] - keys[i - 1] > gap {
                if i - start > best_n {
                    best = (keys[start], keys[i - 1]);
                    best_n = i - start;
                }
                start = i;
            }
        }
        cells.retain(|c| {
            let k = key(c);
            let keep = (best.0..=best.1).contains(&k);
            if !keep && first.is_none_or(|f| c.get_position() < f) {
                first = Some(c.get_position());
            }
            keep
        });
    }
    first.map(|first| Stray {
        count: before - cells.len(),
        first,
    })
}

/// Find the header and read the rows of one sheet (without merged regions). The `bool` of
/// `Found` says whether merged regions could fill gaps.
fn scan_sheet<G: Grid>(range: &G, file: &Arc<str>, name: &str, layout: &Layout) -> Scan {
    if range.is_empty() {
        return Scan::Empty;
    }
    let Some(HeaderFound {
        row: header_row,
        columns,
        unmapped,
        dups,
    }) = find_header(range, layout)
    else {
        return Scan::NoHeader(header_attempt(range, layout, name));
    };
    let missing: Vec<(Field, Vec<String>)> = layout
        .required()
        .filter(|(f, _)| !columns.iter().any(|m| m.field == *f))
        .map(|(f, s)| (f, s.headers.clone()))
        .collect();
    if !missing.is_empty() {
        let (_, c0) = range.start().unwrap_or((0, 0));
        let (_, c1) = range.end().unwrap_or((0, 0));
        let found = (c0..=c1)
            .filter_map(|c| cell_text(range, header_row, c))
            .collect();
        return Scan::NoHeader(Some(HeaderAttempt {
            sheet: name.to_string(),
            row: header_row,
            found,
            missing,
        }));
    }
    let mut table = Table {
        file: file.clone(),
        sheet: Arc::from(name),
        origin: Arc::new(Origin {
            file: file.clone(),
            sheet: Arc::from(name),
        }),
        header_row,
        columns,
        unmapped,
        rows: Vec::new(),
        notes: Vec::new(),
        label_directorate: directorate_label(range, header_row),
        skipped_rows: 0,
        data_rows: 0,
    };
    for (row, col, text, field) in dups {
        table.notes.push(ReadNote {
            kind: NoteKind::DuplicateHeader,
            action: None,
            source: table.source(row, col),
            detail: format!("{text:?} also means `{field}`; the first such column is used and this one is ignored"),
        });
    }
    let gaps = fill_rows(&mut table, range, &MergeMap::new());
    Scan::Found(table, gaps)
}

fn read_table_from(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    kind: &'static str,
    skip: &[&str],
) -> Result<Table, ReadError> {
    let order = sheet_order(sheets, layout, skip);
    let mut best_attempt: Option<HeaderAttempt> = None;
    let mut any_cells = false;
    let file_arc: Arc<str> = Arc::from(file);
    // xlsx and xlsb ranges can borrow the shared strings instead of copying every one.
    let borrow = matches!(sheets, Sheets::Xlsx(_) | Sheets::Xlsb(_));
    for name in &order {
        // An xlsx range borrows the workbook, which reading merged regions needs again: when
        // the scan finds gaps, an owned copy is kept so the sheet is not parsed a third time.
        let mut kept: Option<Sparse<Data>> = None;
        let scanned = match sheets {
            // xlsx: cells are gathered here so that stray values far from the table cannot
            // blow up the grid (see `drop_strays`).
            Sheets::Xlsx(x) => xlsx_range(x, name).map(|(r, stray)| {
                let mut scan = scan_sheet(&r, &file_arc, name, layout);
                if let Scan::Found(table, gaps) = &mut scan {
                    if let Some(stray) = stray {
                        table.notes.push(stray.note(table));
                    }
                    if *gaps {
                        kept = Some(r.map(|d| Data::from(d.clone())));
                    }
                }
                scan
            }),
            _ if borrow => sheets
                .worksheet_range_ref(name)
                .map(|r| scan_sheet(&r, &file_arc, name, layout))
                .map_err(|e| e.to_string()),
            _ => sheets
                .worksheet_range(name)
                .map(|r| scan_sheet(&r, &file_arc, name, layout))
                .map_err(|e| e.to_string()),
        };
        let scanned = match scanned {
            Ok(s) => s,
            // A chart sheet or a damaged sheet: try the others, report if none works.
            Err(e) if order.len() == 1 => {
                return Err(ReadError::Corrupt {
                    file: file.to_string(),
                    detail: format!("sheet {name:?}: {e}"),
                });
            }
            Err(_) => continue,
        };
        let (mut table, gaps) = match scanned {
            Scan::Empty => continue,
            Scan::NoHeader(attempt) => {
                any_cells = true;
                if let Some(a) = attempt
                    && best_attempt
                        .as_ref()
                        .is_none_or(|b| a.missing.len() < b.missing.len())
                {
                    best_attempt = Some(a);
                }
                continue;
            }
            Scan::Found(table, gaps) => (table, gaps),
        };
        // Merged regions cost another parse of the sheet, so they are read only when a row
        // lacks a value that a merge could supply.
        if gaps {
            let merged = merges(sheets, name);
            if !merged.is_empty() {
                // Rows are read again with the merges; notes of the first pass go.
                let reset = |table: &mut Table| {
                    table.notes.retain(|n| {
                        matches!(n.kind, NoteKind::DuplicateHeader | NoteKind::StrayValues)
                    });
                    table.skipped_rows = 0;
                };
                match kept {
                    Some(r) => {
                        reset(&mut table);
                        fill_rows(&mut table, &r, &merged);
                    }
                    None => {
                        if let Ok(r) = sheets.worksheet_range(name) {
                            reset(&mut table);
                            fill_rows(&mut table, &r, &merged);
                        }
                    }
                }
            }
        }
        rag_from_fills(&mut table, sheets, name);
        return Ok(table);
    }
    if !any_cells {
        return Err(ReadError::NoSheets {
            file: file.to_string(),
        });
    }
    Err(ReadError::NoHeader {
        file: file.to_string(),
        kind,
        sheets: order,
        best: best_attempt.map(Box::new),
    })
}

/// Fields a merged cell typically spans down several rows.
const FILL_DOWN: [Field; 6] = [
    Field::Theme,
    Field::Recommendation,
    Field::Owner,
    Field::Directorate,
    Field::Due,
    Field::Rag,
];

/// Read the data rows below the header. Returns true when some row lacks a value that a
/// vertically merged cell could supply (an id, or one of [`FILL_DOWN`]).
fn fill_rows<G: Grid>(table: &mut Table, range: &G, merged: &MergeMap) -> bool {
    let Some((_, _)) = range.start() else {
        return false;
    };
    let Some((r1, _)) = range.end() else {
        return false;
    };
    let fill_down: Vec<usize> = table
        .columns
        .iter()
        .filter(|m| FILL_DOWN.contains(&m.field))
        .map(|m| m.field.index())
        .collect();
    let mut gaps = false;
    table.rows.clear();
    let id_col = table
        .columns
        .iter()
        .find(|m| m.field == Field::Id)
        .map(|m| m.col)
        .unwrap_or(0);
    let columns = table.columns.clone();
    table.rows.reserve((r1 - table.header_row) as usize);
    for row in table.header_row + 1..=r1 {
        // A row whose id cell is inside a vertical merge continues the row above it.
        let continues = merged
            .get(&(row, id_col))
            .filter(|o| o.0 < row && o.1 == id_col)
            .is_some();
        let mut cells: [Option<(Value, u32)>; Field::COUNT] = Default::default();
        let mut any = false;
        for m in &columns {
            let data = match range.get(row, m.col) {
                Some(d) if !matches!(d.view(), Cell::Empty) => Some(d),
                _ => match merged.get(&(row, m.col)) {
                    Some(&(orow, ocol)) if ocol == m.col && !continues => range.get(orow, ocol),
                    _ => None,
                },
            };
            let Some(data) = data else { continue };
            match to_value(data) {
                Ok(Some(v)) => {
                    cells[m.field.index()] = Some((v, m.col));
                    any = true;
                }
                Ok(None) => {}
                Err(err) => {
                    table.notes.push(ReadNote {
                        kind: NoteKind::CellError,
                        action: match range.get(row, id_col).map(|d| d.view()) {
                            Some(Cell::Str(s)) => ActionId::parse(s),
                            _ => None,
                        },
                        source: table.source(row, m.col),
                        detail: format!("{err} in the `{}` column ({:?})", m.field, m.header),
                    });
                }
            }
        }
        if !any {
            continue;
        }
        // A gap is a missing id, or an action row missing a value merges often supply; a
        // heading or note row ("Key: ...") is not an action and has no gaps to fill.
        let id = cells[Field::Id.index()]
            .as_ref()
            .and_then(|(v, _)| ActionId::parse(&v.text()));
        if !gaps {
            gaps = match &cells[Field::Id.index()] {
                None => true,
                Some(_) => id.is_some() && fill_down.iter().any(|&i| cells[i].is_none()),
            };
        }
        if continues {
            if let Some(prev) = table.rows.last_mut() {
                for (i, cell) in cells.into_iter().enumerate() {
                    let Some((Value::Text(t), col)) = cell else {
                        continue;
                    };
                    match &mut prev.cells[i] {
                        Some((Value::Text(p), _)) => {
                            p.push('\n');
                            p.push_str(&t);
                        }
                        slot @ None => *slot = Some((Value::Text(t), col)),
                        _ => {}
                    }
                }
            }
            continue;
        }
        table.rows.push(RawRow { row, cells, id });
    }
    // Keep only rows with a readable id; note the rest unless they are headings or notes.
    // Filtered in place: a second vector of rows would double the peak memory.
    let mut rows = std::mem::take(&mut table.rows);
    rows.retain_mut(|r| {
        if r.id.is_some() {
            return true;
        }
        let filled = r.cells.iter().filter(|c| c.is_some()).count();
        match &r.cells[Field::Id.index()] {
            Some((v, col)) => {
                let text = v.as_text();
                if text.chars().any(|c| c.is_ascii_digit()) && text.split_whitespace().count() <= 3
                {
                    table.notes.push(ReadNote {
                        kind: NoteKind::UnreadableId,
                        action: None,
                        source: table.source(r.row, *col),
                        detail: text,
                    });
                } else {
                    // A section heading ("Organisational Culture") or a note ("Key: R = off track").
                    table.skipped_rows += 1;
                }
            }
            None if filled >= 2 => {
                table.notes.push(ReadNote {
                    kind: NoteKind::MissingId,
                    action: None,
                    source: table.source(r.row, id_col),
                    detail: format!(
                        "row {} has {filled} filled cells but no action reference",
                        r.row + 1
                    ),
                });
            }
            None => table.skipped_rows += 1,
        }
        false
    });
    table.data_rows = rows.len();
    table.rows = rows;
    gaps
}

/// Officers often colour the RAG cell instead of typing a rating. For rows whose RAG cell is
/// empty, read the cell's fill colour (xlsx only) and record it as `#RRGGBB` text, which
/// [`Rag::parse`] classifies (red, amber, green, blue for Complete).
fn rag_from_fills(table: &mut Table, sheets: &mut Sheets<Cursor<&[u8]>>, sheet: &str) {
    let Some(rag_col) = table
        .columns
        .iter()
        .find(|m| m.field == Field::Rag)
        .map(|m| m.col)
    else {
        return;
    };
    let slot = Field::Rag.index();
    if table.rows.iter().all(|r| r.cells[slot].is_some()) {
        return;
    }
    let Sheets::Xlsx(x) = sheets else { return };
    let Ok(styles) = x.worksheet_style(sheet) else {
        return;
    };
    for r in table.rows.iter_mut().filter(|r| r.cells[slot].is_none()) {
        let Some(fill) = styles.get((r.row, rag_col)).and_then(|s| s.fill.as_ref()) else {
            continue;
        };
        if fill.pattern != calamine::FillPattern::Solid {
            continue;
        }
        let Some(c) = fill.foreground_color.as_ref() else {
            continue;
        };
        let hex = format!("#{:02X}{:02X}{:02X}", c.red, c.green, c.blue);
        if Rag::parse(&hex).is_some() {
            r.cells[slot] = Some((Value::Text(hex), rag_col));
        }
    }
}

/// Read the master plan (and its optional recommendations sheet).
pub fn read_master(
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<MasterPlan, ReadError> {
    let (bytes, file) = open(path)?;
    guard(&file, || read_master_bytes(&bytes, &file, path, map, ctx))
}

fn read_master_bytes(
    bytes: &[u8],
    file: &str,
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<MasterPlan, ReadError> {
    let file = file.to_string();
    let mut sheets = sheets_of(bytes, &file, path)?;
    let mut table = read_table_from(&mut sheets, &file, &map.master, "master plan", &[])?;
    let mut recommendations = Vec::new();
    if let Some(layout) = &map.recommendations {
        let skip = [&*table.sheet];
        if let Ok(t) = read_recommendations(&mut sheets, &file, layout, &skip) {
            recommendations = t;
        }
    }
    let mut notes = std::mem::take(&mut table.notes);
    let raw = std::mem::take(&mut table.rows);
    let mut actions = Vec::with_capacity(raw.len());
    for mut r in raw {
        let Some(id) = table.id(&mut r) else { continue };
        let theme = table
            .text(&mut r, Field::Theme)
            .and_then(|t| Theme::parse(&t.value).map(|th| Sourced::new(th, t.source)));
        let rag = table.rag(&mut r, &id.value, &mut notes);
        actions.push(Action {
            theme,
            recommendation: table
                .text(&mut r, Field::Recommendation)
                .map(|s| Sourced::new(recommendation_code(&s.value), s.source)),
            title: table.text(&mut r, Field::Title),
            owner: table.text(&mut r, Field::Owner),
            directorate: table.text(&mut r, Field::Directorate),
            due: table.date(&mut r, Field::Due, ctx),
            rag,
            milestones: table.text(&mut r, Field::Milestones),
            id,
        });
    }
    table.notes = notes;
    Ok(MasterPlan {
        table,
        actions,
        recommendations,
    })
}

/// "S1 - It is imperative ..." -> "S1"; "Rec 3" -> "S3"; other text is kept.
pub fn recommendation_code(text: &str) -> String {
    let t = text.trim();
    let first = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':' || c == '.')
        .next()
        .unwrap_or("");
    if first.len() >= 2
        && first[..1].eq_ignore_ascii_case("s")
        && first[1..].chars().all(|c| c.is_ascii_digit())
    {
        return first.to_ascii_uppercase();
    }
    t.to_string()
}

fn read_recommendations(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    skip: &[&str],
) -> Result<Vec<(String, String)>, ReadError> {
    let t = read_table_from_any(sheets, file, layout, skip)?;
    let mut t = t;
    let raw = std::mem::take(&mut t.rows);
    Ok(raw
        .into_iter()
        .filter_map(|mut r| {
            let code = t.text(&mut r, Field::Recommendation)?.value;
            let text = t.text(&mut r, Field::Title)?.value;
            Some((recommendation_code(&code), text))
        })
        .collect())
}

/// Like `read_table_from` but the "id" column is not required (recommendation sheets).
fn read_table_from_any(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    skip: &[&str],
) -> Result<Table, ReadError> {
    // Recommendation codes look like ids to nobody; map them through the id slot.
    let mut fields = layout.fields.clone();
    if let Some(spec) = fields.remove(&Field::Recommendation) {
        fields.insert(Field::Id, spec);
    }
    let l = layout.with_fields(fields);
    let mut t = read_table_from(sheets, file, &l, "recommendations sheet", skip)?;
    t.rows.clear();
    // Re-read rows without the id filter: every row with a code and text counts. xlsx goes
    // through `xlsx_range` again so that stray values cannot blow up the grid here either.
    let corrupt = |e: String| ReadError::Corrupt {
        file: file.to_string(),
        detail: e,
    };
    let sheet = t.sheet.clone();
    let rows = match sheets {
        Sheets::Xlsx(x) => recommendation_rows(&t, &xlsx_range(x, &sheet).map_err(corrupt)?.0),
        _ => recommendation_rows(
            &t,
            &sheets
                .worksheet_range(&sheet)
                .map_err(|e| corrupt(e.to_string()))?,
        ),
    };
    t.rows = rows;
    Ok(t)
}

/// Rows of a recommendations table that have both a code and a text.
fn recommendation_rows<G: Grid>(t: &Table, range: &G) -> Vec<RawRow> {
    let col = |f: Field| t.columns.iter().find(|m| m.field == f).map(|m| m.col);
    let (Some(cc), Some(tc), Some((r1, _))) = (col(Field::Id), col(Field::Title), range.end())
    else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for row in t.header_row + 1..=r1 {
        let (Some(code), Some(text)) = (cell_text(range, row, cc), cell_text(range, row, tc))
        else {
            continue;
        };
        let mut cells: [Option<(Value, u32)>; Field::COUNT] = Default::default();
        cells[Field::Recommendation.index()] = Some((Value::Text(code), cc));
        cells[Field::Title.index()] = Some((Value::Text(text), tc));
        rows.push(RawRow {
            row,
            cells,
            id: None,
        });
    }
    rows
}

/// Read one directorate return.
pub fn read_return(
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<DirectorateReturn, ReadError> {
    let (bytes, _) = open(path)?;
    read_return_bytes(&bytes, path, map, ctx)
}

/// Read a return from its bytes; `path` names it (in messages and sources) and its ending
/// and name are used as for a file. Never panics.
pub fn read_return_bytes(
    bytes: &[u8],
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<DirectorateReturn, ReadError> {
    let file = path.display().to_string();
    if bytes.is_empty() {
        return Err(ReadError::Empty { file });
    }
    guard(&file, || read_return_inner(bytes, &file, path, map, ctx))
}

fn read_return_inner(
    bytes: &[u8],
    file: &str,
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<DirectorateReturn, ReadError> {
    let mut sheets = sheets_of(bytes, file, path)?;
    let mut table = read_table_from(&mut sheets, file, &map.returns, "return", &[])?;
    let mut notes = std::mem::take(&mut table.notes);
    let raw = std::mem::take(&mut table.rows);
    let mut named: Vec<String> = Vec::new();
    let mut rows: Vec<ReturnRow> = Vec::with_capacity(raw.len());
    for mut r in raw {
        let Some(id) = table.id(&mut r) else { continue };
        if let Some(d) = table.text(&mut r, Field::Directorate)
            && !named.contains(&d.value)
        {
            named.push(d.value);
        }
        let rag = table.rag(&mut r, &id.value, &mut notes);
        rows.push(ReturnRow {
            theme: table.text(&mut r, Field::Theme),
            title: table.text(&mut r, Field::Title),
            owner: table.text(&mut r, Field::Owner),
            due: table.date(&mut r, Field::Due, ctx),
            rag,
            progress: table.text(&mut r, Field::Progress),
            achievements: table.text(&mut r, Field::Achievements),
            next_steps: table.text(&mut r, Field::NextSteps),
            issues: table.text(&mut r, Field::Issues),
            revised: table.date(&mut r, Field::Revised, ctx),
            change_control: table.text(&mut r, Field::ChangeControl),
            milestones: table.text(&mut r, Field::Milestones),
            id,
        });
    }
    table.notes = notes;
    let column_directorate = (named.len() == 1).then(|| named.remove(0));
    let directorate = table
        .label_directorate
        .clone()
        .or(column_directorate)
        .unwrap_or_else(|| directorate_from_file_name(path));
    Ok(DirectorateReturn {
        table,
        directorate,
        rows,
    })
}

/// Give each return the master plan's spelling of its directorate when the two match after
/// normalising (case, punctuation, apostrophes, "&" and "and"): a return named from its
/// file, "chief-executives-office.xlsx", is then reported as "Chief Executive's Office".
pub fn align_directorates(master: &MasterPlan, returns: &mut [DirectorateReturn]) {
    // A few names spelt over many actions: normalise each distinct spelling once.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut names: HashMap<String, &str> = HashMap::new();
    for a in &master.actions {
        let d = a.directorate_text();
        if !d.is_empty() && seen.insert(d) {
            names.entry(crate::model::normalise_words(d)).or_insert(d);
        }
    }
    for r in returns {
        if let Some(n) = names.get(&crate::model::normalise_words(&r.directorate)) {
            r.directorate = n.to_string();
        }
    }
}

/// "returns/adult-social-care.xlsx" -> "Adult Social Care".
pub fn directorate_from_file_name(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The workbook files of a returns folder (or a single file), sorted by name. Excel's lock
/// files (`~$name.xlsx`) and hidden files are skipped.
pub fn list_workbooks(path: &Path) -> Result<Vec<PathBuf>, ReadError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|source| ReadError::Io {
        file: path.display().to_string(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            !name.starts_with("~$")
                && !name.starts_with('.')
                && WORKBOOK_EXTENSIONS.contains(&ext.as_str())
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Read every return in parallel. Files that cannot be read are returned beside the others
/// so that one damaged return does not stop the month's run.
pub fn read_returns(
    files: &[PathBuf],
    map: &ColumnMap,
    ctx: &DateContext,
) -> (Vec<DirectorateReturn>, Vec<(PathBuf, ReadError)>) {
    // One file per task: the master is read beside the returns, and when it is done its core
    // must find returns left to steal (rayon's default split leaves runs of files that cannot
    // be shared once started).
    let results: Vec<(PathBuf, Result<DirectorateReturn, ReadError>)> = files
        .par_iter()
        .with_max_len(1)
        .map(|p| (p.clone(), read_return(p, map, ctx)))
        .collect();
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for (p, r) in results {
        match r {
            Ok(ret) => ok.push(ret),
            Err(e) => failed.push((p, e)),
        }
    }
    (ok, failed)
}

impl std::fmt::Display for MappedColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:<15} <- column {} {:?}",
            self.field.key(),
            crate::model::col_letters(self.col),
            self.header
        )
    }
}

/// The header row reference, e.g. `Return!A5`.
pub fn header_ref(t: &Table) -> String {
    format!(
        "{}!{}",
        t.sheet,
        cell_ref(t.header_row, t.columns.first().map(|c| c.col).unwrap_or(0))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cells: &[(u32, u32)]) -> Vec<calamine::Cell<Data>> {
        cells
            .iter()
            .map(|&p| calamine::Cell::new(p, Data::Int(1)))
            .collect()
    }

    #[test]
    fn strays_far_from_the_table_are_dropped_and_the_table_kept() {
        let mut pos: Vec<(u32, u32)> = (10..110)
            .flat_map(|r| (0..5).map(move |c| (r, c)))
            .collect();
        pos.push((2_000_000, 3));
        pos.push((50, 10_000));
        let mut cells = grid(&pos);
        let stray = drop_strays(&mut cells).expect("strays found");
        assert_eq!(cells.len(), 500);
        assert_eq!(stray.count, 2);
        assert_eq!(stray.first, (50, 10_000));
        assert_eq!(grid_cells(&cells), 500);
    }

    #[test]
    fn a_dense_or_small_sheet_is_left_alone() {
        // Sparse but small: a note in A1 and a table 3,000 rows down.
        let mut pos: Vec<(u32, u32)> = (3000..3100).map(|r| (r, 0)).collect();
        pos.push((0, 0));
        let mut cells = grid(&pos);
        assert!(drop_strays(&mut cells).is_none());
        assert_eq!(cells.len(), 101);
    }

    proptest::proptest! {
        /// The sparse grid answers exactly as calamine's dense range over the same cells, in
        /// whatever order the cells came.
        #[test]
        fn sparse_grid_agrees_with_calamine_range(
            pos in proptest::collection::btree_set((0u32..40, 0u32..12), 0..120),
            shuffle in proptest::collection::vec(0usize..1000, 0..120),
        ) {
            let mut cells: Vec<calamine::Cell<Data>> = pos
                .iter()
                .map(|&(r, c)| calamine::Cell::new((r, c), Data::Int((r * 100 + c) as i64)))
                .collect();
            for (i, k) in shuffle.iter().enumerate() {
                if !cells.is_empty() {
                    let n = cells.len();
                    cells.swap(i % n, k % n);
                }
            }
            let dense = Range::from_sparse(cells.clone());
            let sparse = Sparse::new(cells);
            proptest::prop_assert_eq!(Grid::start(&sparse), Grid::start(&dense));
            proptest::prop_assert_eq!(Grid::end(&sparse), Grid::end(&dense));
            proptest::prop_assert_eq!(Grid::is_empty(&sparse), dense.is_empty());
            for r in 0..42 {
                for c in 0..14 {
                    let want = dense.get_value((r, c)).filter(|d| **d != Data::Empty);
                    proptest::prop_assert_eq!(sparse.get(r, c), want, "at ({}, {})", r, c);
                }
            }
        }
    }

    #[test]
    fn recommendation_codes() {
        assert_eq!(recommendation_code("S1"), "S1");
        assert_eq!(recommendation_code("s2 - The Council must ensure"), "S2");
        assert_eq!(recommendation_code("S10: text"), "S10");
        assert_eq!(recommendation_code("Scrutiny"), "Scrutiny");
    }

    #[test]
    fn directorate_names_from_files() {
        assert_eq!(
            directorate_from_file_name(Path::new("r/adult-social-care.xlsx")),
            "Adult Social Care"
        );
        assert_eq!(
            directorate_from_file_name(Path::new("Housing.xls")),
            "Housing"
        );
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
