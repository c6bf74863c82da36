//! The blank monthly return an officer fills in: the directorate's actions pre-filled and
//! locked, RAG as a dropdown, the revised date validated, and an instructions sheet. The
//! column layout comes from `[return_template]` in the column map, whose headers are
//! synonyms of `[return.fields]`, so a filled-in template reads back with no mapping.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::style::{Formats, clip_cell, print_setup};
use super::{WriteError, write_atomically};
use crate::columns::{ColumnMap, TemplateColumn, TemplateLayout};
use crate::model::Field;
use crate::model::MasterPlan;
use crate::model::register::{PrevAction, Previous};
use crate::model::{Action, DirectorateKey};
use crate::write::{col_at, row_at};

/// Rows left for the officer to add actions the master does not list yet.
const SPARE_ROWS: u32 = 10;

fn prefill(master: &MasterPlan, a: &Action, field: Field) -> String {
    match field {
        Field::Id => a.id.value.to_string(),
        Field::Theme => a
            .theme()
            .map(|t| master.themes.name(t).to_string())
            .unwrap_or_default(),
        Field::Title => a.title_text().to_string(),
        Field::Owner => a
            .owner
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_default(),
        Field::Directorate => a.directorate_text().to_string(),
        Field::Due => a
            .due
            .as_ref()
            .map(|d| d.value.text.clone())
            .unwrap_or_default(),
        Field::Recommendation => a
            .recommendation
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        Field::Milestones => a
            .milestones
            .as_ref()
            .map(|m| m.value.clone())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The header of the carry-forward return's read-only column of last month's commentary:
/// words that mean no field, so that reading the return back never takes it for this
/// month's progress.
pub const LAST_MONTH_HEADER: &str = "Last month (read only)";

/// A column of the written return: a field of the map's layout, or last month's commentary.
enum Col<'a> {
    Field(&'a TemplateColumn, &'a str),
    LastMonth,
}

/// The return's columns: the map's, and with last month's register, its commentary in a
/// read-only column before an empty "Progress this month".
fn columns<'a>(layout: &'a TemplateLayout, carry: bool) -> Vec<Col<'a>> {
    let mut out = Vec::new();
    for c in &layout.columns {
        if carry && c.field == Field::Progress {
            out.push(Col::LastMonth);
            out.push(Col::Field(c, "Progress this month"));
        } else {
            out.push(Col::Field(c, &c.header));
        }
    }
    out
}

/// What last month's register gives an officer's cell of a carry-forward return: the
/// rating (in the map's words), the revised date and the change control, to update.
fn carried(p: &PrevAction, field: Field, map: &ColumnMap) -> String {
    match field {
        Field::Rag => p
            .rag
            .and_then(|r| map.ratings.word(r).map(str::to_string))
            .unwrap_or_default(),
        Field::Revised => p
            .revised
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        Field::ChangeControl => p.change_control.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Write the template; returns how many actions were pre-filled. With last month's
/// register (`carry`), each action's rating, revised date and change control are
/// pre-filled as reported then, and its commentary shown read-only beside an empty
/// "Progress this month".
pub fn write_template(
    path: &Path,
    master: &MasterPlan,
    directorate: &str,
    map: &ColumnMap,
    month: NaiveDate,
    carry: Option<&Previous>,
) -> Result<usize, WriteError> {
    let actions = directorate_actions(master, directorate)?;
    let name = actions[0].directorate_text().to_string();
    let layout = &map.return_template;
    let cols = columns(layout, carry.is_some());
    let f = Formats::new();
    let month_text = crate::model::YearMonth::of(month).to_string();
    let mut wb = Workbook::new();
    wb.set_properties(&super::properties(
        format!("Improvement Plan return: {name}, {month_text}"),
        month,
    ));

    let ws = wb.add_worksheet();
    ws.set_name(&layout.sheet)?;
    let header_row = 4u32;
    print_setup(
        ws,
        "Improvement Plan monthly return",
        &name,
        &month_text,
        Some(header_row),
    )?;
    // A form to fill in on screen: printed, it is shrunk to one page wide.
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(
        0,
        0,
        "Improvement Plan - monthly directorate return",
        &f.title,
    )?;
    ws.write_string_with_format(1, 0, format!("Directorate: {name}"), &f.bold)?;
    ws.write_string(
        2,
        0,
        format!(
            "Reporting period: {month_text}. Fill in the white columns; grey columns come from the master plan. See the Instructions sheet."
        ),
    )?;

    let locked = f.body.clone().set_background_color("#EDEDED");
    let open = f.body.clone().set_unlocked();
    for (c, col) in cols.iter().enumerate() {
        let (header, width) = match col {
            Col::Field(t, header) => (*header, t.width),
            Col::LastMonth => (LAST_MONTH_HEADER, 40.0),
        };
        ws.write_string_with_format(header_row, col_at(0, c), header, &f.header)?;
        ws.set_column_width(col_at(0, c), width)?;
    }
    let first = header_row + 1;
    let last = row_at(first + SPARE_ROWS - 1, actions.len());
    for (i, a) in actions.iter().enumerate() {
        let row = row_at(first, i);
        let before = carry.and_then(|p| p.actions.get(&a.id.value));
        for (c, col) in cols.iter().enumerate() {
            let c = col_at(0, c);
            match col {
                Col::Field(t, _) if t.locked => {
                    let text = prefill(master, a, t.field);
                    ws.write_string_with_format(row, c, clip_cell(&text), &locked)?;
                }
                Col::Field(t, _) => match before.map(|p| carried(p, t.field, map)) {
                    Some(text) if !text.is_empty() => {
                        ws.write_string_with_format(row, c, clip_cell(&text), &open)?;
                    }
                    _ => {
                        ws.write_blank(row, c, &open)?;
                    }
                },
                Col::LastMonth => {
                    let text = before.and_then(|p| p.progress.as_deref()).unwrap_or("");
                    ws.write_string_with_format(row, c, clip_cell(text), &locked)?;
                }
            }
        }
        ws.set_row_height(row, 45)?;
    }
    // Spare rows: everything open, for actions the master does not list yet.
    for row in row_at(first, actions.len())..=last {
        for c in 0..cols.len() {
            ws.write_blank(row, col_at(0, c), &open)?;
        }
    }
    let fields: Vec<(Field, bool)> = cols
        .iter()
        .map(|c| match c {
            Col::Field(t, _) => (t.field, t.locked),
            // No validation on a read-only column.
            Col::LastMonth => (Field::Title, true),
        })
        .collect();
    validations(ws, &fields, &map.ratings.choices(), first, last, month)?;
    let mut opts = ProtectionOptions::new();
    opts.format_columns = true;
    opts.format_rows = true;
    opts.use_autofilter = true;
    ws.protect_with_options(&opts);
    instructions(wb.add_worksheet(), &f, &name, &month_text)?;
    let bytes = wb.save_to_buffer()?;
    write_atomically(path, &bytes)?;
    Ok(actions.len())
}

/// The master's actions of one directorate (named as officers write it); an error that
/// lists the directorates when there are none.
fn directorate_actions<'a>(
    master: &'a MasterPlan,
    directorate: &str,
) -> Result<Vec<&'a Action>, WriteError> {
    let key = DirectorateKey::of(directorate);
    let actions: Vec<&Action> = master
        .actions
        .iter()
        .filter(|a| DirectorateKey::of(a.directorate_text()) == key)
        .collect();
    if actions.is_empty() {
        let mut known: Vec<String> = master
            .actions
            .iter()
            .map(|a| a.directorate_text().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        known.sort();
        known.dedup();
        return Err(WriteError::UnknownDirectorate {
            directorate: directorate.to_string(),
            known,
        });
    }
    Ok(actions)
}

/// The directorates of the master plan, each as the plan first spells it (the owners the
/// month's status counts, without returns).
pub fn directorates(master: &MasterPlan) -> Vec<String> {
    crate::status::owners(master, &[])
        .0
        .into_iter()
        .map(|o| o.name)
        .collect()
}

/// A return's file name from its directorate: "Chief Executive's Office" is
/// `chief-executives-office.xlsx`, "Law & Governance" `law-and-governance.xlsx` (letters
/// and digits kept, apostrophes dropped, the rest joined by hyphens), a name the returns folder reads back as that directorate.
pub fn file_name(directorate: &str) -> String {
    let mut out = String::new();
    for c in directorate.replace('&', " and ").chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            continue;
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let stem = out.trim_end_matches('-');
    format!(
        "{}.xlsx",
        if stem.is_empty() { "directorate" } else { stem }
    )
}

/// The RAG dropdown and the date checks on the officer's rows `first..=last`.
fn validations(
    ws: &mut Worksheet,
    fields: &[(Field, bool)],
    ratings: &[String],
    first: u32,
    last: u32,
    month: NaiveDate,
) -> Result<(), XlsxError> {
    for (c, &(field, locked)) in fields.iter().enumerate() {
        let c = col_at(0, c);
        match field {
            Field::Rag if !locked => {
                let v = DataValidation::new()
                    .allow_list_strings(ratings)?
                    .set_input_title("RAG rating")?
                    .set_input_message(format!("Choose {}.", or_list(ratings)))?
                    .set_error_title("Not a RAG rating")?
                    .set_error_message("Choose a rating from the list.")?;
                ws.add_data_validation(first, c, last, c, &v)?;
            }
            Field::Revised | Field::Due => {
                let floor = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(month);
                let v = DataValidation::new()
                    .allow_date(DataValidationRule::GreaterThan(floor))
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .set_input_title("Revised date")?
                    .set_input_message(
                        "A date (31/12/2023) is best. Phrases such as \"Mid-July\" or \"Q3 2023/24\" are accepted: press Yes when warned.",
                    )?
                    .set_error_title("Not a calendar date")?
                    .set_error_message(
                        "This is not a calendar date. Keep it anyway? plan-recon reads phrases such as \"December 23\" or \"end 2023\".",
                    )?;
                if !locked {
                    ws.add_data_validation(first, c, last, c, &v)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The Instructions sheet.
fn instructions(
    ins: &mut Worksheet,
    f: &Formats,
    name: &str,
    month_text: &str,
) -> Result<(), XlsxError> {
    ins.set_name("Instructions")?;
    ins.set_column_width(0, 110)?;
    let wrap = Format::new().set_text_wrap();
    let lines = [
        format!("How to complete the {month_text} return for {name}"),
        String::new(),
        "1. One row per action. The grey columns (reference, theme, action, owner, due date) come from the master plan and are locked: if they are wrong, tell the Improvement Plan team rather than editing them.".into(),
        "2. RAG Status: choose from the list. Green = on track; Amber = at risk; Red = off track; Complete; On hold; Not started.".into(),
        "3. Progress commentary: what happened this month. Amber and Red actions must say why.".into(),
        "4. Achievements this period: one line per achievement; they appear in the Cabinet appendix.".into(),
        "5. Revised date: only if the due date has moved. Record the approved change control in the Change control column (e.g. \"Change control approved by Programme Board 9 July\"); a moved date with no change control is reported to Leadership Team.".into(),
        "6. Do not insert or delete columns, and do not rename the headers: the return is read automatically.".into(),
        "7. New actions not yet in the master plan: use the spare rows at the bottom, with the reference agreed with the Improvement Plan team.".into(),
    ];
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            ins.write_string_with_format(row_at(0, i), 0, l, &f.title)?;
        } else {
            ins.write_string_with_format(row_at(0, i), 0, l, &wrap)?;
        }
    }
    Ok(())
}

/// "Red, Amber, Green or Complete".
fn or_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_come_from_the_directorate() {
        assert_eq!(
            super::file_name("Chief Executive's Office"),
            "chief-executives-office.xlsx"
        );
        assert_eq!(
            super::file_name("Law & Governance"),
            "law-and-governance.xlsx"
        );
        assert_eq!(super::file_name("  "), "directorate.xlsx");
    }
}
