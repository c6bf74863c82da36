//! The data rows below the header: merged cells filled down, continuation lines joined to
//! the row above, rows without a readable id noted or skipped as headings.

use std::io::Cursor;

use calamine::Sheets;
use foldhash::{HashMap, HashMapExt};

use super::grid::{Cell, CellView, Grid, to_value};
use super::raw::{RawRow, Table, Value};
use crate::model::Field;
use crate::model::{ActionId, NoteKind, ReadNote};

/// Cells of merged regions other than the top-left one: (row, col) -> top-left (row, col).
pub(super) type MergeMap = HashMap<(u32, u32), (u32, u32)>;

pub(super) fn merges(sheets: &mut Sheets<Cursor<&[u8]>>, sheet: &str) -> MergeMap {
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

/// Fields a merged cell typically spans down several rows.
pub(super) const FILL_DOWN: [Field; 6] = [
    Field::Theme,
    Field::Recommendation,
    Field::Owner,
    Field::Directorate,
    Field::Due,
    Field::Rag,
];

/// Read every row below the header that holds a value in a mapped column (the master and
/// return readers then decide what each row is). Returns true when some row lacks a value
/// that a vertically merged cell could supply (an id, or one of [`FILL_DOWN`]).
pub(super) fn fill_rows<G: Grid>(table: &mut Table, range: &G, merged: &MergeMap) -> bool {
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
    let id_col = table.col_of(Field::Id).unwrap_or(0);
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
                    let source = table.source(row, m.col);
                    table.notes.push(ReadNote {
                        kind: NoteKind::CellError,
                        action: match range.get(row, id_col).map(|d| d.view()) {
                            Some(Cell::Str(s)) => ActionId::parse(s),
                            _ => None,
                        },
                        source,
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
    gaps
}
