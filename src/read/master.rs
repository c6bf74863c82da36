//! The master plan: its action table, and the optional sheet of recommendation texts.

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Sheets};
use foldhash::{HashSet, HashSetExt};

use super::ReadError;
use super::grid::{Grid, cell_text, xlsx_range};
use super::guard::guard;
use super::open::{open, sheets_of};
use super::plan_rows;
use super::raw::{RawRow, Table, Value};
use super::table::{read_table_from, read_tables_from};
use crate::columns::{ColumnMap, Layout};
use crate::dates::DateContext;
use crate::model::{
    ActionId, Labels, MasterPlan, NoteKind, Recommendation, RowCounts, THEME_WORDS, TableInfo,
    Themes,
};
use crate::model::{Field, TableKind};
use crate::text::normalise_words;

/// Read the master plan (and its optional recommendations sheet).
pub fn read_master(
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<MasterPlan, ReadError> {
    let (bytes, file) = open(path)?;
    guard(&file, || read_master_bytes(&bytes, &file, path, map, ctx))
}

pub(super) fn read_master_bytes(
    bytes: &[u8],
    file: &str,
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<MasterPlan, ReadError> {
    let file = file.to_string();
    let mut sheets = sheets_of(bytes, &file, path)?;
    let tables = read_tables_from(
        &mut sheets,
        &file,
        &map.master,
        &map.ratings,
        TableKind::Master,
        &[],
        true,
    )?;
    let mut recommendations = Vec::new();
    if let Some(layout) = &map.recommendations {
        let skip: Vec<&str> = tables.iter().map(|t| &*t.sheet).collect();
        if let Ok(t) = read_recommendations(&mut sheets, &file, layout, &skip) {
            recommendations = t;
        }
    }
    let labels = labels(map, tables.first());
    let mut themes = Themes::listed(&map.themes);
    let split = tables.len() > 1;
    let mut actions = Vec::new();
    let mut counts = RowCounts::default();
    let mut infos: Vec<TableInfo> = Vec::new();
    let mut seen: HashSet<ActionId> = HashSet::new();
    for mut table in tables {
        // A plan split into one sheet per theme: the sheet is the theme of its rows.
        let sheet_theme = split.then(|| table.sheet.to_string());
        let done = plan_rows::assemble(&mut table, &mut themes, sheet_theme, map, ctx);
        // A sheet of ids already read (a summary, last version's tab) adds nothing.
        let repeated = || {
            done.actions
                .iter()
                .filter(|a| seen.contains(&a.id.value))
                .count()
        };
        if let Some(first) = infos.first_mut()
            && !done.actions.is_empty()
            && repeated() * 2 >= done.actions.len()
        {
            first.notes.push(table.not_read_note(first));
            continue;
        }
        if split {
            seen.extend(done.actions.iter().map(|a| a.id.value.clone()));
        }
        actions.extend(done.actions);
        counts.add(&done.counts);
        infos.push(table.info);
    }
    let mut infos = infos.into_iter();
    let Some(first) = infos.next() else {
        return Err(ReadError::NoSheets { file });
    };
    if counts.actions == 0 || counts.not_understood * 5 > counts.total() {
        return Err(ReadError::PlanNotUnderstood {
            file,
            sheet: first.sheet.to_string(),
            counts,
            examples: first
                .notes
                .iter()
                .filter(|n| matches!(n.kind, NoteKind::UnreadableId | NoteKind::MissingId))
                .take(3)
                .map(|n| format!("{}: {}", n.source.cell(), n.detail))
                .collect(),
        });
    }
    Ok(MasterPlan {
        table: first,
        other_sheets: infos.collect(),
        actions,
        themes,
        labels,
        phrases: crate::commentary::Phrases::for_lists(&map.phrases),
        recommendations,
        rows: counts,
    })
}

/// What the council calls its themes and recommendations: the map's `[labels]`, else the
/// master's own header when it names one ("Priority", "Workstream", "Direction"), else
/// "Theme" and "Statutory Recommendation".
fn labels(map: &ColumnMap, table: Option<&Table>) -> Labels {
    let header = |f: Field, words: &[&str]| {
        table?
            .columns
            .iter()
            .find(|c| c.field == f)
            .map(|c| {
                c.header
                    .split(['(', '['])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
            .filter(|h| normalise_words(h).split(' ').any(|w| words.contains(&w)))
    };
    let d = Labels::default();
    Labels {
        theme: map
            .labels
            .theme
            .clone()
            .or_else(|| header(Field::Theme, &THEME_WORDS))
            .unwrap_or(d.theme),
        recommendation: map
            .labels
            .recommendation
            .clone()
            .or_else(|| header(Field::Recommendation, &RECOMMENDATION_WORDS))
            .unwrap_or(d.recommendation),
        exceptions: map.labels.exceptions.clone().unwrap_or(d.exceptions),
    }
}

const RECOMMENDATION_WORDS: [&str; 4] = [
    "recommendation",
    "direction",
    "directions",
    "recommendations",
];

pub(super) fn read_recommendations(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    file: &str,
    layout: &Layout,
    skip: &[&str],
) -> Result<Vec<Recommendation>, ReadError> {
    let t = read_table_from_any(sheets, file, layout, skip)?;
    let mut t = t;
    let raw = std::mem::take(&mut t.rows);
    Ok(raw
        .into_iter()
        .filter_map(|mut r| {
            let code = t.text(&mut r, Field::Recommendation)?.value;
            let text = t.text(&mut r, Field::Title)?.value;
            Some(Recommendation {
                code: crate::model::recommendation_code(&code),
                text,
            })
        })
        .collect())
}

/// Like `read_table_from` but the "id" column is not required (recommendation sheets).
pub(super) fn read_table_from_any(
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
    let mut t = read_table_from(
        sheets,
        file,
        &l,
        crate::model::builtin_scale(),
        TableKind::Recommendations,
        skip,
    )?;
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
pub(super) fn recommendation_rows<G: Grid>(t: &Table, range: &G) -> Vec<RawRow> {
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
