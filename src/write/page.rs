//! The printed page: what fits on A4 landscape at 100 % and where the pages break.
//!
//! Sheets people read are laid out here rather than left to "fit to page", which shrinks a
//! wide sheet until nobody can read it. Columns are chosen to fit the printable width at
//! 100 %, the lines of each cell are estimated from the font's real widths ([`metrics`](super::metrics)) a
//! little generously, and page breaks are placed by the writer from those estimates, so that
//! a sheet knows which row starts a page and can say "(continued)" there.

use super::metrics::text_width_pt;

/// The body text size of printed sheets, in points.
pub const BODY_PT: f64 = 10.0;

/// Column widths are in Excel's character units (of the default font, Calibri 11: a digit
/// is 7 pixels wide); a column of width `w` is `7w + 5` pixels.
pub fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).trunc()
}

/// The printable width of A4 landscape with the appendix's margins (0.4 in each side), in
/// pixels at 96 per inch (1045), less a margin: LibreOffice draws columns about 5 % wider
/// than Excel's nominal widths.
#[cfg(test)]
pub const PRINT_WIDTH_PX: f64 = 940.0;

/// The printable height of A4 landscape with the appendix's margins (0.6 in top and
/// bottom, where the page header and footer sit), in points, less a margin for how
/// applications round row heights.
pub const PRINT_HEIGHT_PT: f64 = 470.0;

/// Excel's limit on the manual page breaks of a sheet.
pub const MAX_PAGE_BREAKS: usize = 1023;

/// Excel's limit on a row's height in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// Whether columns of these widths print side by side on one page at 100 % (the tests
/// hold every Cabinet sheet's columns to it).
#[cfg(test)]
pub fn fits_width(widths: &[f64]) -> bool {
    widths.iter().map(|w| column_px(*w)).sum::<f64>() <= PRINT_WIDTH_PX
}

/// The width in points left for text in a column of `width` character units: Excel's
/// nominal width less the cell's padding. LibreOffice draws columns a little wider, so an
/// estimate made here never has fewer lines than either prints.
pub fn text_room_pt(width: f64) -> f64 {
    ((column_px(width) - 7.0) * 0.75).max(6.0)
}

/// The lines `text` takes in a column of `width` character units at `pt` points, wrapped
/// at spaces as spreadsheet applications do (a word longer than a line is broken).
pub fn lines(text: &str, width: f64, pt: f64, bold: bool) -> usize {
    let room = text_room_pt(width);
    let space = text_width_pt(" ", pt, bold);
    text.split('\n')
        .map(|para| {
            let mut n = 1;
            let mut used = 0.0f64;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let w = text_width_pt(word, pt, bold);
                if used == 0.0 && w <= room {
                    used = w;
                } else if used > 0.0 && used + space + w <= room {
                    used += space + w;
                } else {
                    if used > 0.0 {
                        n += 1;
                    }
                    // A word longer than the line is broken across lines.
                    used = 0.0;
                    for c in word.chars() {
                        let cw = text_width_pt(c.encode_utf8(&mut [0; 4]), pt, bold);
                        if used + cw > room && used > 0.0 {
                            n += 1;
                            used = 0.0;
                        }
                        used += cw;
                    }
                }
            }
            n
        })
        .sum()
}

/// The height of one line of text at `pt` points: Calibri's line is 1.22 em in Excel (its
/// Windows ascent and descent; Excel rounds a 10 pt line to 12.75 pt), 1.0 em in
/// LibreOffice: sized for Excel, so that nothing is cut where most councils print.
pub fn line_height(pt: f64) -> f64 {
    pt * 1.28
}

/// The space above and below a cell's text, in points.
pub const CELL_PAD_PT: f64 = 3.0;

/// The height in points of a row whose tallest cell has `lines` lines at `pt` points.
pub fn height_of_lines(lines: usize, pt: f64) -> f64 {
    (lines.max(1) as f64 * line_height(pt) + CELL_PAD_PT).min(MAX_ROW_PT)
}

/// The height of a row holding each (text, column width, bold) at `pt` points.
pub fn row_height(cells: &[(&str, f64, bool)], pt: f64) -> f64 {
    let most = cells
        .iter()
        .map(|(t, w, b)| lines(t, *w, pt, *b))
        .max()
        .unwrap_or(1);
    height_of_lines(most, pt)
}

/// Places rows on pages: a row that does not fit below the rows already on a page starts
/// the next one. The header row repeated at the top of each page is counted on each.
#[derive(Debug, Clone)]
pub struct Pages {
    /// Height taken on every page by the repeated header rows.
    repeated: f64,
    used: f64,
    breaks: Vec<u32>,
}

impl Pages {
    /// Pages whose first one already holds `first_page_used` points (title, header row),
    /// with `repeated` points of header rows on each page after it.
    pub fn new(first_page_used: f64, repeated: f64) -> Pages {
        Pages {
            repeated,
            used: first_page_used,
            breaks: Vec::new(),
        }
    }

    /// Place row `row` of height `height`; true when it starts a new page.
    pub fn place(&mut self, row: u32, height: f64) -> bool {
        let starts = self.used + height > PRINT_HEIGHT_PT && self.used > self.repeated;
        if starts {
            self.breaks.push(row);
            self.used = self.repeated;
        }
        self.used += height;
        starts
    }

    /// Whether the current page holds nothing yet but its repeated header rows (a page after
    /// the first).
    pub fn at_top(&self) -> bool {
        !self.breaks.is_empty() && self.used <= self.repeated
    }

    /// The points left on the current page.
    pub fn room(&self) -> f64 {
        (PRINT_HEIGHT_PT - self.used).max(0.0)
    }

    /// Start a new page at `row` (a block that would otherwise start at a page's foot).
    pub fn break_before(&mut self, row: u32) {
        if self.used > self.repeated {
            self.breaks.push(row);
            self.used = self.repeated;
        }
    }

    /// The rows that start a page, for the worksheet's manual page breaks: at most the
    /// 1,023 Excel allows (a sheet longer than that is a data sheet, and past its 1,024th
    /// page the application breaks the pages itself).
    pub fn breaks(&self) -> &[u32] {
        &self.breaks[..self.breaks.len().min(MAX_PAGE_BREAKS)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_and_long_words_break() {
        // A 20-unit column holds about 22 characters at 10 pt.
        assert_eq!(lines("short", 20.0, BODY_PT, false), 1);
        assert_eq!(lines(&"word ".repeat(20), 20.0, BODY_PT, false), 5);
        assert_eq!(lines("one\ntwo\nthree", 20.0, BODY_PT, false), 3);
        assert_eq!(lines(&"x".repeat(60), 20.0, BODY_PT, false), 3);
        // Bold and bigger text take more lines.
        let t = "Organisational Culture and Leadership Development";
        assert!(lines(t, 20.0, 14.0, true) > lines(t, 20.0, BODY_PT, false));
    }

    #[test]
    fn heights_grow_with_lines_and_stop_at_excel_limit() {
        let one = row_height(&[("short", 40.0, false)], BODY_PT);
        let many = row_height(&[(&"word ".repeat(100), 40.0, false)], BODY_PT);
        assert!(one >= BODY_PT * 1.2 && many > one * 5.0);
        assert_eq!(
            row_height(&[(&"word ".repeat(10_000), 40.0, false)], BODY_PT),
            MAX_ROW_PT
        );
    }

    #[test]
    fn rows_that_do_not_fit_start_a_page_and_header_rows_repeat() {
        let mut p = Pages::new(60.0, 20.0);
        let mut starts = Vec::new();
        for r in 0..40 {
            if p.place(r, 40.0) {
                starts.push(r);
            }
        }
        // First page: (470 - 60) / 40 = 10 rows; then (470 - 20) / 40 = 11 rows a page.
        assert_eq!(starts, [10, 21, 32]);
        assert_eq!(p.breaks(), [10, 21, 32]);
        // A row taller than what is left never leaves an empty page behind.
        let mut q = Pages::new(20.0, 20.0);
        assert!(!q.place(0, MAX_ROW_PT));
        assert!(q.place(1, MAX_ROW_PT));
    }

    #[test]
    fn page_breaks_stop_at_excels_limit() {
        let mut p = Pages::new(0.0, 0.0);
        for r in 0..5_000 {
            p.place(r, PRINT_HEIGHT_PT);
        }
        assert_eq!(p.breaks().len(), MAX_PAGE_BREAKS);
    }

    #[test]
    fn a4_landscape_holds_about_140_units_of_columns() {
        assert!(fits_width(&[17.0, 50.0, 28.0, 36.0]));
        assert!(!fits_width(&[22.0, 70.0, 40.0, 48.0]));
    }
}
