//! Ratings given only as a cell's fill colour.

use std::io::Cursor;

use calamine::Sheets;

use super::raw::{Table, Value};
use crate::model::Field;
use crate::model::RagScale;

/// Officers often colour the RAG cell instead of typing a rating. For rows whose RAG cell is
/// empty, read the cell's fill colour (xlsx only) and record it as `#RRGGBB` text, which
/// [`Rag::parse`] classifies (red, amber, green, blue for Complete).
pub(super) fn rag_from_fills(
    table: &mut Table,
    sheets: &mut Sheets<Cursor<&[u8]>>,
    sheet: &str,
    scale: &RagScale,
) {
    let Some(rag_col) = table
        .columns
        .iter()
        .find(|m| m.field == Field::Rag)
        .map(|m| m.col)
    else {
        return;
    };
    let slot = Field::Rag.index();
    if table
        .rows
        .iter()
        .all(|r| r.id.is_none() || r.cells[slot].is_some())
    {
        return;
    }
    let Sheets::Xlsx(x) = sheets else { return };
    let Ok(styles) = x.worksheet_style(sheet) else {
        return;
    };
    // Rows with a reference only: a coloured band row is a heading, not a rating.
    for r in table
        .rows
        .iter_mut()
        .filter(|r| r.id.is_some() && r.cells[slot].is_none())
    {
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
        if scale.parse(&hex).is_some() {
            r.cells[slot] = Some((Value::Text(hex), rag_col));
        }
    }
}
