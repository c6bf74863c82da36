//! All actions: the merged register of every action, in master order. Next month's run
//! reads it back with `--previous`; its columns are [`REGISTER`], the table both iterate.
use chrono::NaiveDate;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::SheetCx;
use super::tables::{PRINT_ROWS, place_sized, row_height, table_header};
use super::view::View;
use crate::model::Rating;
use crate::model::register::{
    ColKind, REGISTER, REGISTER_SHEET, RegisterCol, month_line, ratings_text,
};
use crate::write::page::Pages;
use crate::write::style::{clip_cell, print_setup};

/// A date as Excel's serial day number (the 1900 date system).
fn excel_serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days() as f64
}

/// Rows made ready per batch: a few MB in flight at most.
const BATCH: usize = 512;

/// One row of the register, ready to write: its texts by column (empty cells and the
/// columns that are not text `None`), the rating, the revised dates and counts, and its
/// print height when the sheet is sized for print.
struct Row {
    texts: [Option<String>; REGISTER.len()],
    rating: Rating,
    revised: Option<(NaiveDate, NaiveDate)>,
    moves: u32,
    months_red: u32,
    height: Option<f64>,
}

impl Row {
    fn of(v: &View, cx: &SheetCx, sized: bool) -> Row {
        let rating = v.status.rating();
        let a = v.action;
        let reported_by = v.reported_by();
        let hist = &v.status.history;
        let ratings = ratings_text(&hist.ratings);
        let text = |c: RegisterCol| -> &str {
            match c {
                RegisterCol::Id => a.id.value.as_str(),
                RegisterCol::Theme => cx.theme_name(v.theme()),
                RegisterCol::Recommendation => a
                    .recommendation
                    .as_ref()
                    .map(|r| r.value.as_str())
                    .unwrap_or(""),
                RegisterCol::Action => a.title_text(),
                RegisterCol::Owner => a.directorate_text(),
                RegisterCol::Due => a.due.as_ref().map(|d| d.value.text.as_str()).unwrap_or(""),
                RegisterCol::Rag => match rating {
                    Rating::None => "",
                    r => r.label(),
                },
                RegisterCol::RevisedText => v
                    .status
                    .revised_date()
                    .map(|d| d.text.as_str())
                    .unwrap_or(""),
                RegisterCol::ChangeControl => v.status.change_control_text.as_deref().unwrap_or(""),
                RegisterCol::Progress => v.progress().unwrap_or(""),
                RegisterCol::Achievements => v.text_of(|r| &r.achievements).unwrap_or(""),
                RegisterCol::ReportedBy => &reported_by,
                RegisterCol::Travel => hist.travel.map(|t| t.label()).unwrap_or(""),
                RegisterCol::Baseline => hist.baseline.as_deref().unwrap_or(""),
                RegisterCol::Ratings => &ratings,
                // Dates and counts are numbers, written apart.
                RegisterCol::RevisedFrom
                | RegisterCol::RevisedTo
                | RegisterCol::Moves
                | RegisterCol::MonthsRed => "",
            }
        };
        let texts: [&str; REGISTER.len()] = REGISTER.map(|spec| text(spec.col));
        let height = sized.then(|| {
            let cells: Vec<(&str, f64)> = texts
                .iter()
                .zip(&REGISTER)
                .filter(|(_, spec)| !spec.hidden)
                .map(|(t, spec)| (*t, spec.width))
                .collect();
            row_height(&cells)
        });
        Row {
            texts: texts.map(|t| (!t.is_empty()).then(|| clip_cell(t).into_owned())),
            rating,
            revised: v
                .status
                .revised_date()
                .and_then(|d| Some((d.start()?, d.end()?))),
            moves: hist.moves,
            months_red: hist.months_red,
            height,
        }
    }

    fn write(
        self,
        ws: &mut Worksheet,
        cx: &SheetCx,
        row: u32,
        pages: &mut Pages,
    ) -> Result<(), XlsxError> {
        let rating_format = cx.f.rating(self.rating);
        for (spec, t) in REGISTER.iter().zip(self.texts) {
            let c = spec.col.index();
            match (spec.kind, rating_format, t) {
                (ColKind::Rating, Some(format), t) => {
                    ws.write_string_with_format(row, c, t.unwrap_or_default(), format)?
                }
                (ColKind::Date, ..) => match (spec.col, self.revised) {
                    (RegisterCol::RevisedFrom, Some((s, _))) => {
                        ws.write_number(row, c, excel_serial(s))?
                    }
                    (RegisterCol::RevisedTo, Some((_, e))) => {
                        ws.write_number(row, c, excel_serial(e))?
                    }
                    _ => ws,
                },
                (ColKind::Count, ..) => match spec.col {
                    RegisterCol::Moves => ws.write_number(row, c, f64::from(self.moves))?,
                    RegisterCol::MonthsRed => {
                        ws.write_number(row, c, f64::from(self.months_red))?
                    }
                    _ => ws,
                },
                (_, _, None) => ws,
                (_, _, Some(t)) => ws.write_string(row, c, t)?,
            };
        }
        if let Some(h) = self.height {
            place_sized(ws, pages, row, h)?;
        }
        Ok(())
    }
}

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, title, month) = (cx.views, cx.f, cx.title, cx.month);

    // The month line is not part of the table: no column format (rules) on it.
    ws.set_row_format(0, &f.plain)?;
    ws.set_row_height(0, 22)?;
    ws.write_string_with_format(0, 0, month_line(month), &f.title)?;
    let h = 1;
    print_setup(ws, title, REGISTER_SHEET, month, Some(h))?;
    let cols: Vec<(&str, f64)> = REGISTER.iter().map(|c| (c.header, c.width)).collect();
    let mut pages = table_header(ws, h, &cols, &[0], &[], f)?;
    // Printed: what identifies an action and where it stands. The recommendation, the
    // revised date as dates, the commentary and who reported it are kept for the next
    // month's run and for filtering, in columns hidden from print (unhide to read them).
    for c in REGISTER.iter().filter(|c| c.hidden) {
        ws.set_column_hidden(c.col.index())?;
    }
    // Revised start and end are dates by column format, so no per-cell format lookup.
    for c in REGISTER.iter().filter(|c| c.kind == ColKind::Date) {
        ws.set_column_format(c.col.index(), &f.date)?;
    }
    // The cells of each row are made ready (texts clipped and copied, history joined, print
    // height measured) on a thread of their own, a batch at a time, while this one hands them
    // to rust_xlsxwriter: the register is the longest sheet to build, and half its time
    // was this preparation.
    let sized = vs.len() <= PRINT_ROWS;
    let mut row = h + 1;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Row>>(2);
        scope.spawn(move || {
            for batch in vs.chunks(BATCH) {
                let rows = batch.iter().map(|v| Row::of(v, cx, sized)).collect();
                if tx.send(rows).is_err() {
                    break;
                }
            }
        });
        for batch in rx {
            for r in batch {
                r.write(ws, cx, row, &mut pages)?;
                row += 1;
            }
        }
        Ok::<(), XlsxError>(())
    })?;
    ws.autofilter(
        h,
        0,
        row.saturating_sub(1).max(h),
        RegisterCol::Ratings.index(),
    )?;
    ws.set_page_breaks(pages.breaks())?;
    // Print the columns up to the last shown one: LibreOffice would otherwise carry the
    // hidden commentary's text into the PDF.
    let last_shown = REGISTER
        .iter()
        .rev()
        .find(|c| !c.hidden)
        .map_or(0, |c| c.col.index());
    ws.set_print_area(0, 0, row.saturating_sub(1).max(h), last_shown)?;
    Ok(())
}
