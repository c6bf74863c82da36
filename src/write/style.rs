//! What every written sheet shares: formats and RAG colours, print set-up, rich text cells,
//! row heights and Excel's limits.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::model::Rag;
use crate::model::Rating;
use crate::reconcile::Severity;
use crate::write::page::BODY_PT;

/// Excel's limit on the characters in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Clip text to what one cell can hold.
pub fn clip_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS - 100 || s.chars().count() <= MAX_CELL_CHARS - 100 {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut t: String = s.chars().take(MAX_CELL_CHARS - 100).collect();
    t.push_str(" ... [truncated: the full text is in the return]");
    std::borrow::Cow::Owned(t)
}

/// The RAG colours: fill and font.
pub fn rag_colours(r: Rag) -> (&'static str, &'static str) {
    match r {
        Rag::Red => ("#C00000", "#FFFFFF"),
        Rag::Amber => ("#FFC000", "#000000"),
        Rag::Green => ("#00B050", "#000000"),
        Rag::Complete => ("#0070C0", "#FFFFFF"),
        Rag::OnHold => ("#A6A6A6", "#000000"),
        Rag::NotStarted => ("#D9D9D9", "#000000"),
    }
}

/// The colours of what the appendix shows for a rating: fill and font (none for no rating).
pub fn rating_colours(r: Rating) -> Option<(&'static str, &'static str)> {
    match r {
        Rating::Rag(r) => Some(rag_colours(r)),
        Rating::NotReported => Some(("#7030A0", "#FFFFFF")),
        Rating::None => None,
    }
}

/// Shared formats.
pub struct Formats {
    pub title: Format,
    pub header: Format,
    pub body: Format,
    pub bold_body: Format,
    pub date: Format,
    pub number: Format,
    /// A small count in a narrow column (months at Amber or Red): centred.
    pub count: Format,
    pub bold: Format,
    pub plain: Format,
    pub rag: BTreeMap<Rag, Format>,
    /// "Not reported": an open action no return reported.
    pub not_reported: Format,
    pub sev: BTreeMap<Severity, Format>,
    /// Label cells running down several rows.
    pub block: BlockFormats,
}

/// Cells of a label column that runs down several rows (a recommendation beside its
/// themes): ruled at the sides, above the label's first row only.
pub struct BlockFormats {
    /// The label's first row.
    pub first: Format,
    /// The rows below it.
    pub rest: Format,
}

impl BlockFormats {
    fn new() -> BlockFormats {
        let rest = Format::new()
            .set_font_size(BODY_PT)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_left(FormatBorder::Thin)
            .set_border_right(FormatBorder::Thin)
            .set_border_color(RULE);
        BlockFormats {
            first: rest.clone().set_border_top(FormatBorder::Thin),
            rest,
        }
    }
}

/// The grey of table rules.
const RULE: &str = "#BFBFBF";

impl Formats {
    /// Every format, in a fixed order: registered with the workbook before sheets are
    /// built on several threads, so that the formats' numbers (first come, first numbered
    /// in constant-memory sheets) never depend on which thread came first.
    pub fn all(&self) -> Vec<&Format> {
        let mut out = vec![
            &self.title,
            &self.header,
            &self.body,
            &self.bold_body,
            &self.date,
            &self.number,
            &self.count,
            &self.bold,
            &self.plain,
            &self.not_reported,
            &self.block.first,
            &self.block.rest,
        ];
        out.extend(self.rag.values());
        out.extend(self.sev.values());
        out
    }

    pub fn new() -> Formats {
        let body = Format::new()
            .set_font_size(BODY_PT)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(RULE);
        let rag = Rag::ALL
            .into_iter()
            .map(|r| {
                let (fill, font) = rag_colours(r);
                (
                    r,
                    body.clone()
                        .set_background_color(fill)
                        .set_font_color(font)
                        .set_bold()
                        .set_align(FormatAlign::Center),
                )
            })
            .collect();
        let sev = [
            (Severity::Error, "#C00000", "#FFFFFF"),
            (Severity::Warning, "#FFC000", "#000000"),
            (Severity::Info, "#DDEBF7", "#000000"),
        ]
        .into_iter()
        .map(|(s, fill, font)| {
            (
                s,
                body.clone()
                    .set_background_color(fill)
                    .set_font_color(font)
                    .set_bold(),
            )
        })
        .collect();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_font_color("#1F3864"),
            header: Format::new()
                .set_bold()
                .set_font_size(BODY_PT)
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color("#1F3864")
                .set_font_color("#FFFFFF")
                .set_border(FormatBorder::Thin),
            not_reported: body
                .clone()
                .set_background_color("#7030A0")
                .set_font_color("#FFFFFF")
                .set_bold()
                .set_align(FormatAlign::Center),
            bold_body: body.clone().set_bold(),
            date: body.clone().set_num_format("dd/mm/yyyy"),
            number: body.clone().set_num_format("0"),
            count: body
                .clone()
                .set_num_format("0")
                .set_align(FormatAlign::Center),
            body,
            bold: Format::new().set_bold().set_font_size(BODY_PT),
            plain: Format::new().set_font_size(BODY_PT),
            block: BlockFormats::new(),
            rag,
            sev,
        }
    }
}

impl Formats {
    /// The cell format of a rating; `None` for no rating.
    pub fn rating(&self, r: Rating) -> Option<&Format> {
        match r {
            Rating::Rag(r) => self.rag.get(&r),
            Rating::NotReported => Some(&self.not_reported),
            Rating::None => None,
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Escape text for an Excel page header or footer (`&` is a control character there).
fn hf_escape(s: &str) -> String {
    s.replace('&', "&&")
}

/// Print set-up shared by every sheet: A4 landscape at 100 %, page header with title, sheet
/// and month, footer "Page x of y", the header row repeated on each page.
pub fn print_setup(
    ws: &mut Worksheet,
    title: &str,
    sheet: &str,
    month: &str,
    header_row: Option<u32>,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    // At 100 %: the columns are chosen to fit the page (see `page`), and Excel ignores the
    // writer's page breaks under "fit to page".
    ws.set_print_scale(100);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(format!(
        "&L&\"Calibri,Bold\"{}&C{}&R{}",
        hf_escape(title),
        hf_escape(sheet),
        hf_escape(month)
    ));
    ws.set_footer("&LOFFICIAL&CPage &P of &N");
    if let Some(h) = header_row {
        ws.set_repeat_rows(h, h)?;
        ws.set_freeze_panes(h + 1, 0)?;
    }
    Ok(())
}

/// A cell of text made of plain and bold runs.
#[derive(Debug, Clone, Default)]
pub struct Rich {
    runs: Vec<(bool, String)>,
    /// A section heading ("Summary", "Next steps:"): bold.
    heading: bool,
}

impl Rich {
    pub fn new() -> Rich {
        Rich::default()
    }
    /// A section heading ("Summary", "Next steps:").
    pub fn heading(s: impl Into<String>) -> Rich {
        Rich {
            heading: true,
            ..Rich::default()
        }
        .bold(s)
    }
    pub fn is_heading(&self) -> bool {
        self.heading
    }
    /// Add `other` on a line of its own.
    pub fn append_line(&mut self, other: &Rich) {
        if !self.runs.is_empty() {
            self.push(false, "\n".to_string());
        }
        for (b, t) in &other.runs {
            self.push(*b, t.clone());
        }
    }
    /// The first `n` characters and the rest (without the space it was cut at), each with
    /// its runs' boldness.
    pub fn split_at_char(&self, n: usize) -> (Rich, Rich) {
        let (mut head, mut tail) = (Rich::new(), Rich::new());
        let mut seen = 0usize;
        for (b, t) in &self.runs {
            let len = t.chars().count();
            if seen + len <= n {
                head.push(*b, t.clone());
            } else if seen >= n {
                tail.push(*b, t.clone());
            } else {
                let at = t.char_indices().nth(n - seen).map_or(t.len(), |(i, _)| i);
                head.push(*b, t[..at].to_string());
                tail.push(*b, t[at..].trim_start().to_string());
            }
            seen += len;
        }
        (head, tail)
    }
    pub fn bold(mut self, s: impl Into<String>) -> Rich {
        self.push(true, s.into());
        self
    }
    pub fn text(mut self, s: impl Into<String>) -> Rich {
        self.push(false, s.into());
        self
    }
    fn push(&mut self, bold: bool, s: String) {
        if s.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((b, t)) if *b == bold => t.push_str(&s),
            _ => self.runs.push((bold, s)),
        }
    }
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|(_, t)| t.as_str()).collect()
    }

    /// Write into a cell; clipped to Excel's cell limit.
    pub fn write(
        &self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        f: &Formats,
        cell: &Format,
    ) -> Result<(), XlsxError> {
        if self.runs.is_empty() {
            ws.write_blank(row, col, cell)?;
            return Ok(());
        }
        if self.runs.len() == 1 && !self.runs[0].0 {
            ws.write_string_with_format(row, col, clip_cell(&self.runs[0].1), cell)?;
            return Ok(());
        }
        let mut budget = MAX_CELL_CHARS - 200;
        let mut owned: Vec<(bool, String)> = Vec::new();
        for (b, t) in &self.runs {
            if budget == 0 {
                break;
            }
            let n = t.chars().count();
            if n <= budget {
                owned.push((*b, t.clone()));
                budget -= n;
            } else {
                owned.push((
                    *b,
                    t.chars().take(budget).collect::<String>() + " ... [truncated]",
                ));
                budget = 0;
            }
        }
        let segs: Vec<(&Format, &str)> = owned
            .iter()
            .map(|(b, t)| (if *b { &f.bold } else { &f.plain }, t.as_str()))
            .collect();
        ws.write_rich_string_with_format(row, col, &segs, cell)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_clipped_to_the_cell_limit() {
        let long = "x".repeat(40_000);
        let c = clip_cell(&long);
        assert!(c.chars().count() <= MAX_CELL_CHARS);
        assert!(c.ends_with("[truncated: the full text is in the return]"));
        assert_eq!(clip_cell("short"), "short");
    }

    #[test]
    fn header_footer_ampersands_are_escaped() {
        assert_eq!(
            hf_escape("Procurement & Commercial"),
            "Procurement && Commercial"
        );
    }
}
