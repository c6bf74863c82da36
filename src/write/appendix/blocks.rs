//! The narrative blocks of the Theme Progress Summary and Statutory Recommendations sheets:
//! Summary (with progress, next steps, issues and the Focus 2 exceptions), Achievements and
//! Key Milestones, each a list of bullets written one per row.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::view::View;
use crate::model::Rating;
use crate::model::narrative::Sections;
use crate::model::register::REGISTER_SHEET;
use crate::model::{Rag, ThemeId};
use crate::status::Standing;
use crate::write::page::{self, BODY_PT, Pages};
use crate::write::style::{Formats, Rich};

/// The ratings the appendix counts, in the order it shows them.
pub const RAG_ORDER: [Rating; 8] = [
    Rating::Rag(Rag::Complete),
    Rating::Rag(Rag::Green),
    Rating::Rag(Rag::Amber),
    Rating::Rag(Rag::Red),
    Rating::Rag(Rag::OnHold),
    Rating::Rag(Rag::NotStarted),
    Rating::NotReported,
    Rating::None,
];

/// A theme's position among the plan's `count` themes; no theme comes last.
pub fn theme_slot(t: Option<ThemeId>, count: usize) -> usize {
    t.map(|t| t.index()).unwrap_or(count)
}

pub fn rag_heading(r: Rating) -> &'static str {
    r.label()
}

/// Lines of a theme or recommendation block: summary items, achievements, milestones.
pub struct Block {
    pub summary: Vec<Rich>,
    pub achievements: Vec<Rich>,
    pub milestones: Vec<Rich>,
}

impl Block {
    /// A block that says only `what` ("No actions in this theme").
    pub fn empty(what: &str) -> Block {
        Block {
            summary: vec![Rich::new().text(what)],
            achievements: Vec::new(),
            milestones: Vec::new(),
        }
    }
}

pub fn rag_counts_line(vs: &[&View]) -> String {
    let parts: Vec<String> = RAG_ORDER
        .iter()
        .filter_map(|r| {
            let n = vs.iter().filter(|v| v.status.rating() == *r).count();
            (n > 0).then(|| format!("{n} {}", rag_heading(*r)))
        })
        .collect();
    format!(
        "{}: {}",
        crate::text::counted(vs.len(), "action"),
        parts.join(", ")
    )
}

pub fn exception_line(v: &View) -> Rich {
    let rag = v.status.rag.map(|r| r.label()).unwrap_or("");
    let mut tail = format!(" - {rag} rated. Due {}", v.due_text());
    if let Some(rev) = v.status.revised_date()
        && v.status.slip_days.is_some()
    {
        if v.status.change_control {
            tail.push_str(&format!(". Change control to {}", rev.text));
        } else {
            tail.push_str(&format!(". Revised to {} (no change control)", rev.text));
        }
    }
    Rich::new()
        .text("\u{2022} ")
        .bold(format!("{} {}", v.action.id.value, v.action.title_text()))
        .text(tail)
}

/// At most this many bullets per section of a theme or recommendation block; the rest are
/// counted and pointed to the sheet that lists them all. Keeps Cabinet cells readable and the
/// workbook small however large the plan.
pub const MAX_ITEMS: usize = 25;

/// Up to [`MAX_ITEMS`] items, then "... and N more" pointing at `sheet`. Only the items
/// shown are built.
pub fn capped<T>(
    items: impl Iterator<Item = T>,
    build: impl Fn(T) -> Rich,
    sheet: &str,
) -> Vec<Rich> {
    let mut out = Vec::new();
    let mut more = 0usize;
    for item in items {
        if out.len() < MAX_ITEMS {
            out.push(build(item));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        out.push(Rich::new().text(format!(
            "\u{2022} ... and {more} more: see the {sheet} sheet"
        )));
    }
    out
}

fn month_word(month: &str) -> String {
    month.split(' ').next().unwrap_or(month).to_string()
}

/// A section of a block's Summary column: its heading ("Progress this month:") and lines.
pub struct Section {
    pub heading: &'static str,
    pub lines: Vec<Rich>,
}

/// The generated draft of a block's Summary column, section by section: the rating counts,
/// then each action's progress, and in the theme view (`full`) its next steps and issues.
/// An empty Issues raised section means none were raised.
pub fn draft(vs: &[&View], full: bool) -> Vec<Section> {
    let item = |v: &View, t: &str| {
        Rich::new()
            .text("\u{2022} ")
            .bold(format!("{} ", v.action.id.value))
            .text(t.trim().to_string())
    };
    let mut out = vec![Section {
        heading: "Summary",
        lines: vec![Rich::new().text(bullet(&rag_counts_line(vs)))],
    }];
    let progress = capped(
        vs.iter().filter_map(|v| v.progress().map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !progress.is_empty() {
        out.push(Section {
            heading: "Progress this month:",
            lines: progress,
        });
    }
    if !full {
        return out;
    }
    let next = capped(
        vs.iter()
            .filter_map(|v| v.text_of(|r| &r.next_steps).map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !next.is_empty() {
        out.push(Section {
            heading: "Next steps:",
            lines: next,
        });
    }
    let issues = capped(
        vs.iter().filter_map(|v| {
            v.text_of(|r| &r.issues)
                .filter(|t| !v.month.master.phrases.says_no_issues(t))
                .map(|t| (v, t))
        }),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    out.push(Section {
        heading: "Issues raised:",
        lines: issues,
    });
    out
}

/// The Summary column from the officers' narrative: each section they wrote under its
/// heading, a line of theirs a line of the cell.
fn narrative_lines(n: &Sections) -> Vec<Rich> {
    let mut out = Vec::new();
    for (heading, text) in n.parts() {
        out.push(Rich::heading(heading));
        out.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| Rich::new().text(l.trim_end().to_string())),
        );
    }
    out
}

/// The Summary column from the generated draft.
fn draft_lines(vs: &[&View], full: bool) -> Vec<Rich> {
    let mut out = Vec::new();
    for s in draft(vs, full) {
        if s.lines.is_empty() {
            out.push(Rich::new().bold("Issues raised: ").text("no issues raised"));
        } else {
            out.push(Rich::heading(s.heading));
            out.extend(s.lines);
        }
    }
    out
}

/// A theme's or recommendation's block. The Summary column is the officers' `narrative`
/// where they wrote one, else the generated draft; the theme view (`exceptions`, headed
/// as the council calls them) adds the exceptions, which are facts of the month, to either.
pub fn build_block(
    vs: &[&View],
    month: &str,
    prev_month: Option<&str>,
    prev_achievements: &dyn Fn(&View) -> Option<String>,
    exceptions: Option<&str>,
    narrative: Option<&Sections>,
) -> Block {
    let mut summary = match narrative {
        Some(n) => narrative_lines(n),
        None => draft_lines(vs, exceptions.is_some()),
    };
    if let Some(heading) = exceptions {
        exceptions_lines(vs, heading, &mut summary);
    }

    let mut achievements = Vec::new();
    let ach = |v: &View, t: &str| {
        Rich::new()
            .text(bullet(t))
            .text(format!(" ({})", v.action.id.value))
    };
    // One bullet per line of an officer's list ("- item one\n- item two"), each tagged.
    let this = capped(
        vs.iter().flat_map(|v| {
            v.text_of(|r| &r.achievements)
                .into_iter()
                .flat_map(list_items)
                .map(move |t| (v, t))
        }),
        |(v, t)| ach(v, t),
        REGISTER_SHEET,
    );
    if !this.is_empty() {
        achievements.push(Rich::heading(month_word(month)));
        achievements.extend(this);
    }
    if let Some(pm) = prev_month {
        let before = capped(
            vs.iter().flat_map(|v| {
                prev_achievements(v)
                    .map(|t| list_items(&t).map(str::to_string).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |t| (v, t))
            }),
            |(v, t)| ach(v, &t),
            "previous appendix's All actions",
        );
        if !before.is_empty() {
            achievements.push(Rich::heading(month_word(pm)));
            achievements.extend(before);
        }
    }
    if achievements.is_empty() {
        achievements.push(Rich::new().text("No achievements reported this period"));
    }

    let milestone = |v: &&View| {
        let what = v
            .action
            .milestones
            .as_ref()
            .map(|m| m.value.as_str())
            .filter(|m| !m.is_empty())
            .unwrap_or(v.action.title_text());
        let due = v.due_text();
        let due = if due.is_empty() {
            String::new()
        } else {
            format!(" - {due}.")
        };
        Rich::new()
            .text(format!(
                "\u{2022} {} {}{due} ",
                v.action.id.value,
                what.trim()
            ))
            .bold(v.standing_words())
    };
    let milestones = if exceptions.is_some() {
        capped(vs.iter(), milestone, REGISTER_SHEET)
    } else {
        // The recommendations view: completed milestones, then the upcoming ones.
        let (done, open): (Vec<&&View>, Vec<&&View>) = vs
            .iter()
            .partition(|v| v.status.standing == Standing::Complete);
        let mut m = Vec::new();
        for (heading, list) in [("Completed", done), ("Upcoming", open)] {
            if !list.is_empty() {
                m.push(Rich::heading(heading));
                m.extend(capped(list.into_iter(), milestone, REGISTER_SHEET));
            }
        }
        m
    };
    Block {
        summary,
        achievements,
        milestones,
    }
}

/// The exceptions, under `heading`: the Amber, Red and On hold actions with their dates
/// and progress commentary.
fn exceptions_lines(vs: &[&View], heading: &str, summary: &mut Vec<Rich>) {
    let ex: Vec<&&View> = vs
        .iter()
        .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
        .collect();
    if ex.is_empty() {
        summary.push(
            Rich::new()
                .bold(format!("{heading}: "))
                .text("no exceptions to report"),
        );
        return;
    }
    summary.push(Rich::heading(heading));
    let shown = ex.len().min(MAX_ITEMS);
    for v in &ex[..shown] {
        summary.push(exception_line(v));
        if let Some(p) = v.progress() {
            summary.push(
                Rich::new()
                    .bold("Progress commentary: ")
                    .text(p.trim().to_string()),
            );
        }
    }
    if ex.len() > shown {
        summary.push(Rich::new().text(format!(
            "\u{2022} ... and {} more: see the Exceptions sheet",
            ex.len() - shown
        )));
    }
}

/// A label written down the left of a block: the theme or recommendation it is about.
pub struct Label<'a> {
    pub col: u16,
    pub text: &'a str,
    pub width: f64,
    /// Written on the block's first row (else left to a label above it); on a page the
    /// block continues onto, every label is written with "(continued)".
    pub at_start: bool,
}

/// Where a block goes: its three text columns (column, width), the sheet's pages.
pub struct Place<'a> {
    pub cols: [(u16, f64); 3],
    pub pages: &'a mut Pages,
}

/// Less room than this at a page's foot and a block starts on the next page.
const MIN_ROOM_PT: f64 = 80.0;

/// Write one block starting at `row`: one row per page it covers, each column's bullets
/// flowing down its own cell as in a document (a row per bullet would size every row by
/// the tallest of three unrelated bullets). A page the block continues onto names its
/// labels "(continued)". Returns the next free row.
pub fn write_block(
    ws: &mut Worksheet,
    mut row: u32,
    labels: &[Label],
    block: &Block,
    place: &mut Place,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let mut streams: Vec<Stream> = [&block.summary, &block.achievements, &block.milestones]
        .into_iter()
        .zip(place.cols)
        .map(|(items, (_, width))| Stream::new(items, width))
        .collect();
    let mut first = true;
    loop {
        // A row after the first is the block going on to the next page.
        if !first || place.pages.room() < MIN_ROOM_PT {
            place.pages.break_before(row);
        }
        // At the top of a page every label is written, "(continued)" where its block
        // began on an earlier page, so that no page leaves a reader asking what it is about.
        let top = place.pages.at_top();
        let shown = |l: &Label| l.at_start || !first || top;
        let text_of = |l: &Label| continued_label(l.text, !first || !l.at_start);
        let room = place.pages.room().min(page::MAX_ROW_PT);
        let cells: Vec<Rich> = streams.iter_mut().map(|s| s.take(room)).collect();
        let mut h = streams.iter().map(|s| s.taken_height).fold(0.0, f64::max);
        for l in labels.iter().filter(|l| shown(l)) {
            h = h.max(page::row_height(&[(&text_of(l), l.width, true)], BODY_PT));
        }
        place.pages.place(row, h);
        ws.set_row_height(row, h)?;
        for l in labels {
            if shown(l) {
                Rich::new()
                    .bold(text_of(l))
                    .write(ws, row, l.col, f, &f.block.first)?;
            } else {
                ws.write_blank(row, l.col, &f.block.rest)?;
            }
        }
        for (cell, (col, _)) in cells.iter().zip(place.cols) {
            cell.write(ws, row, col, f, &f.body)?;
        }
        row += 1;
        first = false;
        if streams.iter().all(Stream::is_done) {
            return Ok(row);
        }
    }
}

/// One column of a block: its bullets, taken a page at a time.
struct Stream {
    items: std::collections::VecDeque<Rich>,
    width: f64,
    /// The height of what the last `take` returned.
    taken_height: f64,
}

impl Stream {
    fn new(items: &[Rich], width: f64) -> Stream {
        Stream {
            items: items.iter().cloned().collect(),
            width,
            taken_height: 0.0,
        }
    }

    fn is_done(&self) -> bool {
        self.items.is_empty()
    }

    fn lines_of(&self, r: &Rich) -> usize {
        page::lines(&r.plain_text(), self.width, BODY_PT, r.is_heading())
    }

    /// The bullets that fit in `room` points, one per line of the cell; a bullet longer
    /// than a whole cell is split at a word. A heading is never left at the foot of a
    /// cell: it goes on with the bullets it heads.
    fn take(&mut self, room: f64) -> Rich {
        let per_line = page::line_height(BODY_PT);
        let max_lines = (((room - page::CELL_PAD_PT) / per_line).floor() as usize).max(1);
        let mut taken: Vec<(Rich, usize)> = Vec::new();
        let mut used = 0usize;
        while let Some(item) = self.items.front() {
            let n = self.lines_of(item);
            if used + n <= max_lines {
                used += n;
                let item = self.items.pop_front().unwrap_or_default();
                taken.push((item, n));
            } else if used == 0 {
                // Longer than a cell: as much as fits here, the rest on the next page.
                let (head, tail) = split_to_lines(item, self.width, max_lines);
                used = max_lines;
                taken.push((head, max_lines));
                self.items[0] = tail;
                break;
            } else {
                break;
            }
        }
        // Headings at the foot go back, unless they are all there is.
        while !self.items.is_empty()
            && taken.len() > 1
            && taken.last().is_some_and(|(r, _)| r.is_heading())
        {
            if let Some((r, n)) = taken.pop() {
                used -= n;
                self.items.push_front(r);
            }
        }
        let mut out = Rich::new();
        for (r, _) in &taken {
            out.append_line(r);
        }
        self.taken_height = page::height_of_lines(used, BODY_PT);
        out
    }
}

/// Split a bullet into what fits in `lines` lines of a column of `width`, and the rest.
fn split_to_lines(r: &Rich, width: f64, lines: usize) -> (Rich, Rich) {
    let text = r.plain_text();
    // The longest prefix ending at a space that still fits.
    let mut cut = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' && page::lines(&text[..i], width, BODY_PT, false) <= lines {
            cut = text[..i].chars().count();
        }
    }
    if cut == 0 {
        cut = text.chars().count() / 2;
    }
    r.split_at_char(cut)
}

/// A label on a page a block continues onto: "Corporate Oversight (continued)".
fn continued_label(text: &str, continued: bool) -> String {
    if continued {
        format!("{text} (continued)")
    } else {
        text.to_string()
    }
}

fn bullet(text: &str) -> String {
    format!("\u{2022} {}", text.trim())
}

/// The items of an officer's list, one per line, without their bullet marks ("- ", "• ",
/// "* ", "1. "); a text of one line is one item.
pub fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(unbullet).filter(|l| !l.is_empty())
}

fn unbullet(line: &str) -> &str {
    let t = line.trim();
    let t = t
        .strip_prefix(['-', '\u{2022}', '*', '\u{2013}'])
        .unwrap_or(t)
        .trim_start();
    // "1. item", "2) item"
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 3 && t[digits..].starts_with(['.', ')']) {
        t[digits + 1..].trim_start()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_officers_list_becomes_one_item_a_line() {
        let items: Vec<&str> =
            list_items("- item one\n- item two\n\n• item three\n2. item four").collect();
        assert_eq!(items, ["item one", "item two", "item three", "item four"]);
        assert_eq!(
            list_items("One achievement.").collect::<Vec<_>>(),
            ["One achievement."]
        );
        assert_eq!(list_items("-3 degrees").collect::<Vec<_>>(), ["3 degrees"]);
    }
}
