//! Directorate returns: one file each, read in parallel; the directorate named from a title
//! cell, a column or the file name (matched to the master's in `directorates.rs`).

use std::path::{Path, PathBuf};

use foldhash::{HashSet, HashSetExt};
use rayon::prelude::*;

use calamine::Reader;

use super::directorates::directorate_from_file_name;
use super::guard::guard;
use super::open::{open, sheets_of};
use super::raw::Table;
use super::table::read_tables_from;
use super::{ReadError, WORKBOOK_EXTENSIONS};
use crate::columns::ColumnMap;
use crate::dates::DateContext;
use crate::model::{
    ActionId, DirectorateReturn, Field, Named, NamedBy, NoteKind, ReadNote, ReturnRow, Sourced,
    TableInfo, TableKind,
};

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

pub(super) fn read_return_inner(
    bytes: &[u8],
    file: &str,
    path: &Path,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Result<DirectorateReturn, ReadError> {
    let mut sheets = sheets_of(bytes, file, path)?;
    let workbook_sheets = sheets.sheet_names();
    let tables = read_tables_from(
        &mut sheets,
        file,
        &map.returns,
        &map.ratings,
        TableKind::Return,
        &[],
        true,
    )?;
    let mut named: Vec<String> = Vec::new();
    let mut rows: Vec<ReturnRow> = Vec::new();
    let mut infos: Vec<TableInfo> = Vec::new();
    let mut ids: HashSet<ActionId> = HashSet::new();
    let split = tables.len() > 1;
    for mut table in tables {
        keep_action_rows(&mut table);
        // A sheet that repeats the actions already read is a copy (last month's tab), not
        // the rest of a return split by theme: say so, and read the first only.
        if let Some(first) = infos.first_mut()
            && repeats(&table, &ids)
        {
            first.notes.push(table.not_read_note(first));
            continue;
        }
        if split {
            ids.extend(table.rows.iter().filter_map(|r| r.id.clone()));
        }
        let mut notes = std::mem::take(&mut table.notes);
        // A tracker with no rating column writes the status as its commentary's first
        // words ("COMPLETE - awaiting signature"): read it from there, from that cell.
        let rated = table.info.has_column(Field::Rag);
        for mut r in std::mem::take(&mut table.rows) {
            let Some(id) = table.id(&mut r) else { continue };
            if let Some(d) = table.text(&mut r, Field::Directorate)
                && !named.contains(&d.value)
            {
                named.push(d.value);
            }
            let rag = table.rag(&mut r, &id.value, &map.ratings, &mut notes);
            let progress = table.text(&mut r, Field::Progress);
            let mut rag = rag.or_else(|| {
                let p = progress.as_ref().filter(|_| !rated)?;
                let status = map.ratings.leading_status(&p.value)?;
                Some(Sourced::new(status, p.source.clone()))
            });
            let stage = table.stage(&mut r, &map.ratings, &mut rag);
            rows.push(ReturnRow {
                theme: table.text(&mut r, Field::Theme),
                title: table.text(&mut r, Field::Title),
                owner: table.text(&mut r, Field::Owner),
                due: table.date(&mut r, Field::Due, ctx),
                rag,
                progress,
                achievements: table.text(&mut r, Field::Achievements),
                next_steps: table.text(&mut r, Field::NextSteps),
                issues: table.text(&mut r, Field::Issues),
                revised: table.date(&mut r, Field::Revised, ctx),
                change_control: table.text(&mut r, Field::ChangeControl),
                milestones: table.text(&mut r, Field::Milestones),
                stage,
                id,
            });
        }
        table.notes = notes;
        infos.push(table.info);
    }
    let column_directorate = (named.len() == 1).then(|| named.remove(0));
    let mut infos = infos.into_iter();
    let Some(first) = infos.next() else {
        return Err(ReadError::NoSheets {
            file: file.to_string(),
        });
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let (by, text, directorate) = match (first.label_directorate.clone(), column_directorate) {
        (Some(label), _) => (NamedBy::Label, label.clone(), label),
        (None, Some(column)) => (NamedBy::Column, column.clone(), column),
        (None, None) => (
            NamedBy::FileName,
            stem.to_string(),
            directorate_from_file_name(path),
        ),
    };
    let named = Named {
        by,
        text,
        unmatched: None,
    };
    Ok(DirectorateReturn {
        table: first,
        other_sheets: infos.collect(),
        workbook_sheets,
        directorate,
        named,
        rows,
    })
}

/// Does `table` mostly repeat actions already read from another sheet?
fn repeats(table: &Table, ids: &HashSet<ActionId>) -> bool {
    let mine: Vec<&ActionId> = table.rows.iter().filter_map(|r| r.id.as_ref()).collect();
    let seen = mine.iter().filter(|id| ids.contains(**id)).count();
    !mine.is_empty() && seen * 2 >= mine.len()
}

/// The workbook files of a returns folder (or a single file), sorted by name; hidden files
/// are passed over, Excel's lock files (`~$name.xlsx`) listed for the run to name.
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
            // Excel's lock files (`~$name.xlsx`) are listed: the run says the workbook is open.
            (name.starts_with("~$") || !name.starts_with('.'))
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

/// Keep the rows that report on an action: a readable reference with a digit, or with
/// anything beside it (a band "Governance" in the reference column is a heading). Note the
/// rest, unless they are headings or notes.
pub(super) fn keep_action_rows(table: &mut Table) {
    let id_col = table.col_of(Field::Id).unwrap_or(0);
    // Filtered in place: a second vector of rows would double the peak memory.
    let mut rows = std::mem::take(&mut table.rows);
    rows.retain_mut(|r| {
        let filled = r.filled();
        if let Some(id) = &r.id
            && (id.has_digit() || filled >= 2)
        {
            return true;
        }
        match &r.cells[Field::Id.index()] {
            Some((v, col)) if r.id.is_none() => {
                let text = v.as_text();
                if text.chars().any(|c| c.is_ascii_digit()) && text.split_whitespace().count() <= 3
                {
                    let source = table.source(r.row, *col);
                    table.notes.push(ReadNote {
                        kind: NoteKind::UnreadableId,
                        action: None,
                        source,
                        detail: text,
                    });
                } else {
                    // A section heading ("Organisational Culture") or a note ("Key: R = off track").
                    table.skipped_rows += 1;
                }
            }
            None if filled >= 2 => {
                let source = table.source(r.row, id_col);
                table.notes.push(ReadNote {
                    kind: NoteKind::MissingId,
                    action: None,
                    source,
                    detail: format!(
                        "row {} has {filled} filled cells but no action reference",
                        r.row + 1
                    ),
                });
            }
            _ => table.skipped_rows += 1,
        }
        false
    });
    table.data_rows = rows.len();
    table.rows = rows;
}
