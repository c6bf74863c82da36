//! The cells of a sheet as the reader sees them: calamine's dense ranges (xls, ods, xlsb) or
//! the sparse cells of an xlsx sheet, with stray values far from the table dropped.

use std::io::Cursor;

use calamine::{Data, DataRef, Range};

use super::raw::{Table, Value};
use crate::model::{NoteKind, ReadNote, cell_ref};

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

    pub(super) fn map<U: CellView>(&self, f: impl Fn(&T) -> U) -> Sparse<U> {
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

pub(super) fn cell_text<G: Grid>(range: &G, row: u32, col: u32) -> Option<String> {
    data_text(range.get(row, col)?)
}

/// A cell as text, the one way every reader takes it: trimmed, `None` when empty or an
/// error; whole numbers without ".0", dates as dd/mm/yyyy, TRUE/FALSE.
pub(super) fn data_text<T: CellView>(data: &T) -> Option<String> {
    match to_value(data) {
        Ok(Some(v)) => Some(v.into_text()),
        _ => None,
    }
}

pub(super) fn to_value<T: CellView>(data: &T) -> Result<Option<Value>, String> {
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

/// Values dropped from a sheet because they lie far outside the table.
pub(super) struct Stray {
    count: usize,
    first: (u32, u32),
}

impl Stray {
    pub(super) fn note(&self, table: &Table) -> ReadNote {
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
pub(super) const STRAY_ROW_GAP: u32 = 1_000;

pub(super) const STRAY_COL_GAP: u32 = 100;

/// A grid no bigger than this is read as it is, however sparse.
pub(super) const DENSE_ENOUGH_CELLS: u64 = 4_000_000;

/// Grid cells one sheet may span once strays are dropped.
pub(super) const MAX_GRID_CELLS: u64 = 50_000_000;

/// The cells of an xlsx sheet, as calamine's `worksheet_range_ref` reads them, but with stray
/// values far from the table dropped: calamine makes a dense grid over the bounding box of
/// all values, and one stray entry at `XFD1048576` makes that 17 billion cells, an allocation
/// that aborts the process.
pub(super) fn xlsx_range<'a>(
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

pub(super) fn grid_cells<T: calamine::CellType>(cells: &[calamine::Cell<T>]) -> u64 {
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
pub(super) fn drop_strays<T: calamine::CellType>(
    cells: &mut Vec<calamine::Cell<T>>,
) -> Option<Stray> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_takes_a_cell_as_the_same_text() {
        assert_eq!(
            data_text(&Data::String("  Amber ".into())),
            Some("Amber".into())
        );
        assert_eq!(data_text(&Data::String("   ".into())), None);
        assert_eq!(data_text(&Data::Float(12.0)), Some("12".into()));
        assert_eq!(data_text(&Data::Float(1.5)), Some("1.5".into()));
        assert_eq!(data_text(&Data::Int(3)), Some("3".into()));
        assert_eq!(data_text(&Data::Bool(true)), Some("TRUE".into()));
        assert_eq!(data_text(&Data::Empty), None);
        let err = Data::Error(calamine::CellErrorType::Ref);
        assert_eq!(data_text(&err), None);
    }

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
}
