//! Chase packs (`plan-recon chase`): for each directorate with something to fix, one small
//! workbook of its findings in plain words (errors first, each with the file, sheet and
//! cell, and what the rule asks), and a short message ready to paste into an email.
//! Directorates that sent no return get the list of actions they owe. Findings about the
//! master plan are the policy officer's own and are not sent; info findings (a slip with
//! change control, a rating that improved) need nothing from anyone and are left out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use super::style::{Formats, clip_cell, print_setup};
use super::template::file_name;
use super::{WriteError, write_atomically};
use crate::load::Loaded;
use crate::model::Action;
use crate::model::DirectorateKey;
use crate::reconcile::{Finding, Party, Report, Severity};
use crate::text::counted;
use crate::write::col_at;

/// What was written for one directorate.
#[derive(Debug, Clone)]
pub struct Pack {
    pub directorate: String,
    pub workbook: PathBuf,
    pub message: PathBuf,
    pub errors: usize,
    pub warnings: usize,
    /// It sent no return: the pack lists the actions it owes.
    pub missing: bool,
}

/// The month's chase: the packs written, and the directorates with nothing to fix.
#[derive(Debug, Clone, Default)]
pub struct Chase {
    pub packs: Vec<Pack>,
    pub clean: Vec<String>,
}

/// The files a chase writes into `dir`, for the output guard.
pub fn pack_paths(dir: &Path, directorate: &str) -> (PathBuf, PathBuf) {
    let stem = file_name(directorate);
    let stem = stem.trim_end_matches(".xlsx");
    (
        dir.join(format!("chase-{stem}.xlsx")),
        dir.join(format!("chase-{stem}.txt")),
    )
}

/// Write the chase packs for the month into `dir` (which must exist).
pub fn write_chase(loaded: &Loaded, report: &Report, dir: &Path) -> Result<Chase, WriteError> {
    let month = crate::model::YearMonth::of(loaded.ctx.report_month).to_string();
    let mut chase = Chase::default();
    // Findings and open actions by directorate, each name normalised once.
    let mut findings_of: HashMap<DirectorateKey, Vec<&Finding>> = HashMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        if let Party::Directorate(d) = &f.party {
            findings_of
                .entry(DirectorateKey::of(d))
                .or_default()
                .push(f);
        }
    }
    let mut open_of: HashMap<DirectorateKey, Vec<&Action>> = HashMap::new();
    for a in &loaded.master.actions {
        if a.rag
            .as_ref()
            .is_none_or(|r| r.value != crate::model::Rag::Complete)
        {
            open_of
                .entry(DirectorateKey::of(a.directorate_text()))
                .or_default()
                .push(a);
        }
    }
    for owner in &report.status.owners {
        let key = DirectorateKey::of(&owner.name);
        let mut found = findings_of.remove(&key).unwrap_or_default();
        let missing = owner.ret.is_none();
        if found.is_empty() && !missing {
            chase.clean.push(owner.name.clone());
            continue;
        }
        // In the findings' one order already (errors first, then by action); a directorate
        // spelt two ways in the returns gathers two runs of it, so errors come first again.
        found.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let owed = open_of.remove(&key).unwrap_or_default();
        let (workbook, message) = pack_paths(dir, &owner.name);
        write_workbook(
            &workbook,
            &owner.name,
            (&month, loaded.ctx.report_month),
            &found,
            missing.then_some(&owed[..]),
        )?;
        let file = owner.ret.map(|r| loaded.returns[r].table.file.to_string());
        // Its files that came but could not be read: the file's name and why, in the
        // words of the error without the officer's own folder path.
        let unreadable: Vec<(String, String)> = loaded
            .failed
            .iter()
            .filter(|f| DirectorateKey::of(&f.directorate) == key)
            .map(|f| {
                let name = f.path.file_name().map_or_else(
                    || f.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let full = f.error.to_string();
                let first = full.lines().next().unwrap_or("");
                let why = first
                    .strip_prefix(&format!("{}: ", f.path.display()))
                    .unwrap_or(first)
                    .to_string();
                (name, why)
            })
            .collect();
        let text = message_text(
            &owner.name,
            &month,
            file.as_deref(),
            &found,
            missing.then_some(&owed[..]),
            &unreadable,
        );
        write_atomically(&message, text.as_bytes())?;
        let n = |s| found.iter().filter(|f| f.severity == s).count();
        chase.packs.push(Pack {
            directorate: owner.name.clone(),
            workbook,
            message,
            errors: n(Severity::Error),
            warnings: n(Severity::Warning),
            missing,
        });
    }
    Ok(chase)
}

/// Where a finding points: "finance.xlsx [Return!L7]", or the master plan's row.
fn cells(f: &Finding) -> String {
    f.sources
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn write_workbook(
    path: &Path,
    directorate: &str,
    (month, report_month): (&str, chrono::NaiveDate),
    found: &[&Finding],
    owed: Option<&[&Action]>,
) -> Result<(), WriteError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&super::properties(
        format!("Improvement Plan return {month}: to fix, {directorate}"),
        report_month,
    ));
    let ws = wb.add_worksheet();
    ws.set_name("To fix")?;
    print_setup(ws, "Improvement Plan return", directorate, month, Some(2))?;
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(
        0,
        0,
        format!("{directorate}: your {month} return"),
        &f.title,
    )?;
    let mut row = 2;
    if let Some(owed) = owed {
        for (c, (h, w)) in [("Action Ref", 12.0), ("Action", 60.0), ("Due date", 14.0)]
            .into_iter()
            .enumerate()
        {
            ws.write_string_with_format(row, col_at(0, c), h, &f.header)?;
            ws.set_column_width(col_at(0, c), w)?;
        }
        ws.write_string(
            1,
            0,
            format!("No return received for {month}. These are the actions it covers:"),
        )?;
        for a in owed {
            row += 1;
            ws.write_string_with_format(row, 0, a.id.value.as_str(), &f.bold_body)?;
            ws.write_string_with_format(row, 1, clip_cell(a.title_text()), &f.body)?;
            let due = a.due.as_ref().map(|d| d.value.text.as_str()).unwrap_or("");
            ws.write_string_with_format(row, 2, due, &f.body)?;
        }
    } else {
        let heads = [
            ("Severity", 10.0),
            ("Action Ref", 11.0),
            ("What to fix", 70.0),
            ("Where", 40.0),
            ("Why it matters", 50.0),
        ];
        for (c, (h, w)) in heads.into_iter().enumerate() {
            ws.write_string_with_format(row, col_at(0, c), h, &f.header)?;
            ws.set_column_width(col_at(0, c), w)?;
        }
        ws.write_string(
            1,
            0,
            format!("{} to fix, errors first", counted(found.len(), "thing")),
        )?;
        for x in found {
            row += 1;
            ws.write_string_with_format(row, 0, x.severity.to_string(), &f.sev[&x.severity])?;
            let id = x.action.as_ref().map(|a| a.as_str()).unwrap_or("");
            ws.write_string_with_format(row, 1, id, &f.bold_body)?;
            ws.write_string_with_format(row, 2, clip_cell(&x.message), &f.body)?;
            ws.write_string_with_format(row, 3, clip_cell(&cells(x)), &f.body)?;
            ws.write_string_with_format(row, 4, x.code.rule().summary(), &f.body)?;
        }
        ws.autofilter(2, 0, row, 4)?;
    }
    let bytes = wb.save_to_buffer()?;
    write_atomically(path, &bytes)
}

/// The message to paste into an email to the directorate.
pub fn message_text(
    directorate: &str,
    month: &str,
    file: Option<&str>,
    found: &[&Finding],
    owed: Option<&[&Action]>,
    unreadable: &[(String, String)],
) -> String {
    let mut t = String::new();
    if let Some(owed) = owed {
        // A file that came but could not be read (R06) is not "not received": say what came.
        if unreadable.is_empty() {
            t.push_str(&format!(
                "Subject: Improvement Plan return for {month}: not received\n\nDear {directorate} colleagues,\n\nWe have not received your Improvement Plan return for {month}. It covers {}:\n\n",
                counted(owed.len(), "action")
            ));
        } else {
            t.push_str(&format!(
                "Subject: Improvement Plan return for {month}: could not be read\n\nDear {directorate} colleagues,\n\nWe received your Improvement Plan return for {month} but could not read it:\n\n"
            ));
            for (name, why) in unreadable {
                t.push_str(&format!("- {name}: {why}\n"));
            }
            t.push_str(&format!(
                "\nSo none of its {} could be reported:\n\n",
                counted(owed.len(), "action")
            ));
        }
        for a in owed {
            let due = a
                .due
                .as_ref()
                .map(|d| d.value.text.as_str())
                .unwrap_or("no date");
            t.push_str(&format!(
                "- {} {} (due {due})\n",
                a.id.value,
                a.title_text()
            ));
        }
        t.push_str("\nPlease send it as soon as you can, so that it can be included in the report to Cabinet.\n");
        return t;
    }
    let errors = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    t.push_str(&format!(
        "Subject: Improvement Plan return for {month}: {} to fix\n\nDear {directorate} colleagues,\n\nThank you for your Improvement Plan return for {month}. Before it goes to Cabinet, please fix the following{} and send it back{}:\n\n",
        counted(found.len(), "thing"),
        file.map(|f| {
            let name = Path::new(f).file_name().map_or(f.into(), |n| n.to_string_lossy());
            format!(" in {name}")
        })
        .unwrap_or_default(),
        if errors > 0 {
            " (errors first: until they are fixed the return cannot be reported correctly)"
        } else {
            ""
        },
    ));
    for (i, x) in found.iter().enumerate() {
        let at = x
            .sources
            .first()
            .and_then(|s| s.place())
            .map(|place| format!(" [{place}]"))
            .unwrap_or_default();
        t.push_str(&format!("{}. {}{at}\n", i + 1, x.message));
    }
    t.push_str("\nThe attached workbook lists the same points with the cells they refer to.\n");
    t
}
