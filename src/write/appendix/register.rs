//! All actions: the merged register of every action, in master order. Next month's run
//! reads it back with `--previous`; its columns are [`REGISTER_HEADERS`].
use chrono::NaiveDate;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::SheetCx;
use super::tables::{PRINT_ROWS, place_sized, row_height, table_header};
use super::view::View;
use crate::model::Rating;
use crate::previous::{REGISTER_HEADERS, REGISTER_SHEET, RegisterCol, ratings_text};
use crate::write::page::Pages;
use crate::write::style::{clip_cell, print_setup};

/// A date as Excel's serial day number (the 1900 date system).
fn excel_serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days() as f64
}

/// Columns kept for the next month and for filtering, hidden from print: recommendation,
/// revised start and end as dates, progress, achievements, reported by, and the history
/// (baseline due date, date moves, months at Red, ratings by month).
const HIDDEN: [u16; 10] = [2, 8, 9, 11, 12, 13, 15, 16, 17, 18];

/// Rows made ready per batch: a few MB in flight at most.
const BATCH: usize = 512;

/// The columns' widths, in [`REGISTER_HEADERS`] order.
const WIDTHS: [f64; 19] = [
    9.0, 13.0, 9.0, 30.0, 14.0, 10.0, 10.0, 12.0, 12.0, 12.0, 21.0, 50.0, 36.0, 24.0, 8.0, 12.0,
    8.0, 8.0, 40.0,
];

/// One row of the register, ready to write: its texts (empty cells `None`), the rating, the
/// revised dates and counts, and its print height when the sheet is sized for print.
struct Row {
    texts: [Option<String>; 19],
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
        let texts: [&str; 19] = [
            a.id.value.as_str(),
            cx.theme_name(v.theme()),
            a.recommendation
                .as_ref()
                .map(|r| r.value.as_str())
                .unwrap_or(""),
            a.title_text(),
            a.directorate_text(),
            a.due.as_ref().map(|d| d.value.text.as_str()).unwrap_or(""),
            match rating {
                Rating::None => "",
                r => r.label(),
            },
            v.status
                .revised_date()
                .map(|d| d.text.as_str())
                .unwrap_or(""),
            "",
            "",
            v.status.change_control_text.as_deref().unwrap_or(""),
            v.progress().unwrap_or(""),
            v.text_of(|r| &r.achievements).unwrap_or(""),
            &reported_by,
            hist.travel.map(|t| t.label()).unwrap_or(""),
            hist.baseline.as_deref().unwrap_or(""),
            "",
            "",
            &ratings,
        ];
        let height = sized.then(|| {
            let cells: Vec<(&str, f64)> = texts
                .iter()
                .zip(WIDTHS)
                .enumerate()
                .filter(|(c, _)| !HIDDEN.contains(&(*c as u16)))
                .map(|(_, (t, w))| (*t, w))
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
        for (c, t) in self.texts.into_iter().enumerate() {
            match (c, rating_format, t) {
                (6, Some(format), t) => {
                    ws.write_string_with_format(row, 6, t.unwrap_or_default(), format)?
                }
                (_, _, None) => ws,
                (_, _, Some(t)) => ws.write_string(row, c as u16, t)?,
            };
        }
        if let Some((s, e)) = self.revised {
            ws.write_number(row, 8, excel_serial(s))?;
            ws.write_number(row, 9, excel_serial(e))?;
        }
        ws.write_number(row, RegisterCol::Moves as u16, f64::from(self.moves))?;
        ws.write_number(
            row,
            RegisterCol::MonthsRed as u16,
            f64::from(self.months_red),
        )?;
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
    ws.write_string_with_format(0, 0, format!("Month: {month}"), &f.title)?;
    let h = 1;
    print_setup(ws, title, REGISTER_SHEET, month, Some(h))?;
    let cols: Vec<(&str, f64)> = REGISTER_HEADERS.iter().copied().zip(WIDTHS).collect();
    let mut pages = table_header(ws, h, &cols, &[0], &[], f)?;
    // Printed: what identifies an action and where it stands. The recommendation, the
    // revised date as dates, the commentary and who reported it are kept for the next
    // month's run and for filtering, in columns hidden from print (unhide to read them).
    for c in HIDDEN {
        ws.set_column_hidden(c)?;
    }
    // Revised start and end are dates by column format, so no per-cell format lookup.
    ws.set_column_format(8, &f.date)?;
    ws.set_column_format(9, &f.date)?;
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
        REGISTER_HEADERS.len() as u16 - 1,
    )?;
    ws.set_page_breaks(pages.breaks())?;
    // Print the columns up to the last shown one: LibreOffice would otherwise carry the
    // hidden commentary's text into the PDF.
    let last_shown = (0..REGISTER_HEADERS.len() as u16)
        .rev()
        .find(|c| !HIDDEN.contains(c))
        .unwrap_or(0);
    ws.set_print_area(0, 0, row.saturating_sub(1).max(h), last_shown)?;
    Ok(())
}
