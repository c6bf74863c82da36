//! R: what the reader noticed in each file. The reader records notes (it never panics and
//! never drops a problem silently); these rules turn them into findings.

use crate::model::{NoteKind, ReadNote};
use crate::read::intake::{Skip, Skipped};
use crate::reconcile::context::Cx;
use crate::reconcile::finding::Party;
use crate::reconcile::rule::{Out, rule};

/// Every reading note of the month, with the party that must fix it.
fn notes<'a>(cx: &'a Cx, kind: NoteKind) -> impl Iterator<Item = (&'a ReadNote, Party)> {
    let master = cx.month.master.notes().map(|n| (n, Party::Master));
    let returns = cx.month.returns.iter().flat_map(|r| {
        r.notes()
            .map(move |n| (n, Party::Directorate(r.directorate.clone())))
    });
    master.chain(returns).filter(move |(n, _)| n.kind == kind)
}

/// A finding for each note of `kind`, worded by `message`.
fn from_notes(cx: &Cx, kind: NoteKind, message: impl Fn(&ReadNote) -> String, out: &mut Out) {
    for (n, party) in notes(cx, kind) {
        out.push(n.action.as_ref(), party, vec![n.source.clone()], message(n));
    }
}

rule! {
    /// A formula error (#REF!, #N/A, #DIV/0!...) in a mapped cell: the value is lost.
    ///
    /// The cell shows an error instead of the commentary, date or rating it should hold,
    /// usually because a formula points at a row or sheet that was deleted. Fix the formula
    /// or type the value.
    R01 "cell-error" Error Month(cell_error)
}
fn cell_error(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| {
        format!(
            "formula error {}; fix the formula or type the value",
            n.detail
        )
    };
    from_notes(cx, NoteKind::CellError, msg, out);
}

rule! {
    /// Text in the action reference column that is not an action id; the row is skipped.
    ///
    /// A row whose reference cell holds something with digits that cannot be read as an id.
    /// Correct the reference so the row can be matched to the master plan.
    R02 "unreadable-id" Warning Month(unreadable_id)
}
fn unreadable_id(cx: &Cx, out: &mut Out) {
    let examples: Vec<String> = cx
        .month
        .master
        .actions
        .iter()
        .take(2)
        .map(|a| a.id.value.to_string())
        .collect();
    let like = if examples.is_empty() {
        String::new()
    } else {
        format!(" (the master plan's look like {})", examples.join(", "))
    };
    let msg = |n: &ReadNote| {
        format!(
            "{:?} is not an action reference{like}; the row was skipped",
            n.detail
        )
    };
    from_notes(cx, NoteKind::UnreadableId, msg, out);
}

rule! {
    /// Two columns whose headers mean the same field; the first is used.
    ///
    /// Both headers are synonyms of one field in the column map, so the second column is
    /// ignored. Rename or delete one of them.
    R03 "duplicate-header" Warning Month(duplicate_header)
}
fn duplicate_header(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| format!("duplicate column: {}", n.detail);
    from_notes(cx, NoteKind::DuplicateHeader, msg, out);
}

rule! {
    /// A row with content but no action reference; the row is skipped.
    ///
    /// Two or more filled cells and an empty reference cell: the update cannot be matched to
    /// an action. Fill in the action reference.
    R04 "missing-id" Warning Month(missing_id)
}
fn missing_id(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| format!("{}; the row was skipped", n.detail);
    from_notes(cx, NoteKind::MissingId, msg, out);
}

rule! {
    /// A RAG cell that is not a rating (Red, Amber, Green, Complete, On hold, Not started).
    ///
    /// The rating could not be read from the cell's text or its fill colour, so the action
    /// has no rating this month. Type one of the ratings.
    R05 "unreadable-rag" Warning Month(unreadable_rag)
}
fn unreadable_rag(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| {
        format!(
            "{:?} is not a rating; use one the column map's [ratings] lists (Red, Amber, Green, Complete, On hold, Not started by default)",
            n.detail
        )
    };
    from_notes(cx, NoteKind::UnreadableRag, msg, out);
}

rule! {
    /// A return file that could not be read at all (damaged, encrypted, no header row).
    ///
    /// The run goes on without it; its actions count as not reported. The detail says what
    /// is wrong with the file and how to fix it.
    R06 "return-unreadable" Error Month(return_unreadable)
}
fn return_unreadable(cx: &Cx, out: &mut Out) {
    for f in cx.month.failed {
        let full = f.error.to_string();
        let first = full.lines().next().unwrap_or("").to_string();
        out.push(
            None,
            Party::Directorate(f.directorate.clone()),
            vec![f.source.clone()],
            first,
        )
        .set_detail(full);
    }
}

rule! {
    /// Values far outside the table (e.g. at XFD1048576) were ignored; delete them.
    ///
    /// A stray entry thousands of rows or hundreds of columns from the table would make the
    /// sheet a grid of billions of cells; it is dropped and reported instead.
    R07 "stray-values" Warning Month(stray_values)
}
fn stray_values(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| format!("{}; delete them if they are not needed", n.detail);
    from_notes(cx, NoteKind::StrayValues, msg, out);
}

rule! {
    /// A column whose header might mean a field, left unused because its meaning is unclear.
    ///
    /// Its header is none of the field's synonyms, and its words fit two fields alike (or
    /// fit one too weakly) while no other column gives that field. The column is not read
    /// rather than guessed; `plan-recon read FILE` shows how each column was taken. Add the
    /// header to the field in your map (`plan-recon map FILE > my-map.toml`).
    R08 "unclear-header" Warning Month(unclear_header)
}
fn unclear_header(cx: &Cx, out: &mut Out) {
    let msg = |n: &ReadNote| {
        format!(
            "column {}; name it in your map (plan-recon map) if it holds one of them",
            n.detail
        )
    };
    from_notes(cx, NoteKind::UnsureHeader, msg, out);
}

rule! {
    /// A further sheet that repeats the actions of the sheet read was not read.
    ///
    /// A return split over several sheets (one per theme or workstream) is read whole; a
    /// sheet that mostly repeats actions already read is taken for a copy (last month's
    /// tab) and passed over. Move old tabs out of the return if this one is the current.
    R09 "sheet-not-read" Info Month(sheet_not_read)
}
fn sheet_not_read(cx: &Cx, out: &mut Out) {
    from_notes(cx, NoteKind::SheetNotRead, |n| n.detail.clone(), out);
}

/// The skipped files of one kind, with the directorate their name gives.
fn skipped<'a>(cx: &'a Cx, want: impl Fn(&Skip) -> bool + 'a) -> impl Iterator<Item = &'a Skipped> {
    cx.month.skipped.iter().filter(move |s| want(&s.why))
}

/// The directorate whose file `s` is, in the master's spelling where it matches (`load`
/// sets it); from the file's name for a month put together by hand.
fn file_party(s: &Skipped) -> Party {
    let named = || s.belongs_to().unwrap_or_default();
    Party::Directorate(s.directorate.clone().unwrap_or_else(named))
}

rule! {
    /// A returns folder holds Excel's lock file for a workbook: it is open in Excel.
    ///
    /// The lock file `~$name.xlsx` is not read. The workbook it belongs to may hold changes
    /// not yet saved: save and close it, then run again.
    R10 "open-in-excel" Warning Month(open_in_excel)
}
fn open_in_excel(cx: &Cx, out: &mut Out) {
    for s in skipped(cx, |w| matches!(w, Skip::OpenInExcel { .. })) {
        if let Skip::OpenInExcel { workbook } = &s.why {
            out.push(
                None,
                file_party(s),
                vec![s.source.clone()],
                format!("{workbook} is open in Excel; save and close it before the run"),
            );
        }
    }
}

rule! {
    /// A file in the returns folders that is not a return: a workbook plan-recon wrote (an
    /// appendix or checks), or a copy of the master plan. It was not read.
    R11 "not-a-return" Info Month(not_a_return)
}
fn not_a_return(cx: &Cx, out: &mut Out) {
    for s in skipped(cx, |w| matches!(w, Skip::Appendix | Skip::MasterCopy)) {
        let what = match s.why {
            Skip::Appendix => "a workbook plan-recon wrote (an appendix or checks)",
            _ => "a copy of the master plan",
        };
        out.push(
            None,
            Party::Master,
            vec![s.source.clone()],
            format!(
                "{} is {what}, not a return; it was not read",
                s.path.display()
            ),
        );
    }
}

rule! {
    /// An earlier version of a directorate's return was set aside for the latest.
    ///
    /// Where one directorate sent several files that report the same actions ("Housing v1
    /// draft.xlsx", "Housing v2 FINAL.xlsx"), the latest is read: not a draft, then the higher
    /// version number, then FINAL, then the later modified time. The others never meet the
    /// rules.
    R12 "superseded-return" Info Month(superseded_return)
}
fn superseded_return(cx: &Cx, out: &mut Out) {
    for s in skipped(cx, |w| matches!(w, Skip::Superseded { .. })) {
        if let Skip::Superseded { by } = &s.why {
            out.push(
                None,
                file_party(s),
                vec![s.source.clone()],
                format!(
                    "{} is superseded by {}; only the latter was read",
                    s.path.display(),
                    by.display()
                ),
            );
        }
    }
}

rule! {
    /// A return with no commentary in any row: sent back as it was sent out.
    ///
    /// Progress, achievements, next steps and issues are empty for every action (a
    /// carry-forward return pre-fills only the ratings and dates, so an untouched one reads
    /// like this). With `--previous`, and every rating as last month's, it was not updated
    /// since last month.
    R13 "return-not-updated" Warning Month(return_not_updated)
}
fn return_not_updated(cx: &Cx, out: &mut Out) {
    use crate::model::Field;
    for r in cx.month.returns {
        let commentary = [
            Field::Progress,
            Field::Achievements,
            Field::NextSteps,
            Field::Issues,
        ];
        let Some(col) = r
            .table
            .columns
            .iter()
            .find(|c| commentary.contains(&c.field))
        else {
            continue;
        };
        let silent = |row: &crate::model::ReturnRow| {
            [
                &row.progress,
                &row.achievements,
                &row.next_steps,
                &row.issues,
            ]
            .into_iter()
            .all(|t| t.as_ref().is_none_or(|t| t.value.trim().is_empty()))
        };
        let (Some(first), Some(last)) = (r.rows.first(), r.rows.last()) else {
            continue;
        };
        if !r.rows.iter().all(silent) {
            continue;
        }
        let cell = |row: &crate::model::ReturnRow| crate::model::Source {
            origin: row.source().origin.clone(),
            row: row.source().row,
            col: col.col,
        };
        let same_as_last_month = cx.month.previous.is_some_and(|p| {
            r.rows.iter().all(|row| {
                p.actions.get(&row.id.value).map(|a| a.rag)
                    == Some(row.rag.as_ref().map(|x| x.value))
            })
        });
        let what = if same_as_last_month {
            "was not updated since last month: every rating is as last month's and"
        } else {
            "has no commentary this month:"
        };
        out.push(
            None,
            Party::Directorate(r.directorate.clone()),
            vec![cell(first), cell(last)],
            format!(
                "{}'s return {what} progress, achievements, next steps and issues are empty in all {} rows ({} to {}); ask for it to be completed",
                r.directorate,
                r.rows.len(),
                crate::model::cell_ref(first.source().row, col.col),
                crate::model::cell_ref(last.source().row, col.col),
            ),
        );
    }
}

rule! {
    /// A return whose directorate is none of the master plan's: its rows are checked, but
    /// its directorate's actions count as not reported.
    ///
    /// The name comes from a "Directorate:" cell above the header, the Directorate column,
    /// the sheet or the file's name; it is matched when it holds all the words of one of
    /// the master's directorates (council and plan names, months, versions aside), or its
    /// initials, or when nearly all the actions it reports are one directorate's. The
    /// finding names the master's nearest directorates: write one of them in a
    /// "Directorate:" cell above the header row, or in the file's name.
    R14 "return-directorate-unknown" Warning Month(return_directorate_unknown)
}
fn return_directorate_unknown(cx: &Cx, out: &mut Out) {
    for r in cx.month.returns {
        let Some(nearest) = &r.named.unmatched else {
            continue;
        };
        let near = match nearest.as_slice() {
            [] => String::new(),
            names => format!(" (nearest: {})", names.join(", ")),
        };
        out.push(
            None,
            Party::Directorate(r.directorate.clone()),
            vec![crate::model::Source::whole_file(&r.table.file)],
            format!(
                "{}: {} names its directorate {:?}, none of the master plan's{near}; its rows are checked, but its directorate's actions count as not reported. Write the master's name in a \"Directorate:\" cell above the header row, or in the file's name",
                r.table.file,
                r.named.by.words(),
                r.named.text,
            ),
        );
    }
}

rule! {
    /// A return that names no directorate of the master plan, taken as the directorate of
    /// nearly all the actions it reports.
    ///
    /// For information: no "Directorate:" cell, column, sheet or file name matched, but at
    /// least two, and two in three, of its actions are one directorate's, so the return is
    /// counted as that directorate's. Name the directorate in the file if it is not.
    R15 "return-directorate-from-actions" Info Month(return_directorate_from_actions)
}
fn return_directorate_from_actions(cx: &Cx, out: &mut Out) {
    for r in cx.month.returns {
        if r.named.by != crate::model::NamedBy::Actions {
            continue;
        }
        out.push(
            None,
            Party::Directorate(r.directorate.clone()),
            vec![crate::model::Source::whole_file(&r.table.file)],
            format!(
                "{}: {:?} names no directorate of the master plan; taken as {}'s, whose are nearly all the actions it reports",
                r.table.file, r.named.text, r.directorate,
            ),
        );
    }
}

rule! {
    /// A plan with no due-date column, or a return with no rating column: said once, and
    /// the checks that need the column stand down.
    ///
    /// Without due dates there is no overdue action and no slippage to find; without a
    /// rating column each action's status is read from its commentary's first words where
    /// they name one ("COMPLETE - awaiting signature", "SUSPENDED ..."), and "no RAG" (G08)
    /// is not reported row by row.
    R16 "column-absent" Info Month(column_absent)
}
fn column_absent(cx: &Cx, out: &mut Out) {
    use crate::model::{Field, Source};
    let master = cx.month.master;
    if !master.has_column(Field::Due) {
        out.push(
            None,
            Party::Master,
            vec![Source::whole_file(&master.table.file)],
            format!(
                "{} has no due-date column: no action can be found overdue or slipped, so those checks stand down; add a due-date column to check them",
                master.table.file
            ),
        );
    }
    for r in cx.month.returns {
        if r.has_column(Field::Rag) {
            continue;
        }
        out.push(
            None,
            Party::Directorate(r.directorate.clone()),
            vec![Source::whole_file(&r.table.file)],
            format!(
                "{} has no rating column: each action's status is read from its commentary's first words where they name one (COMPLETE, SUSPENDED, On track ...), and is otherwise unknown",
                r.table.file
            ),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests;
