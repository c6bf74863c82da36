//! The narrative blocks of the Theme Progress Summary and Statutory Recommendations sheets:
//! Summary (with progress, next steps, issues and the Focus 2 exceptions), Achievements and
//! Key Milestones, each a list of bullets written one per row.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::view::View;
use crate::commentary::says_no_issues;
use crate::model::{Rag, ThemeId};
use crate::previous::REGISTER_SHEET;
use crate::status::Rating;
use crate::write::style::{Formats, Rich, row_height};

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

pub fn rag_counts_line(vs: &[&View]) -> String {
    let parts: Vec<String> = RAG_ORDER
        .iter()
        .filter_map(|r| {
            let n = vs.iter().filter(|v| v.status.rating() == *r).count();
            (n > 0).then(|| format!("{n} {}", rag_heading(*r)))
        })
        .collect();
    format!(
        "{} action{}: {}",
        vs.len(),
        if vs.len() == 1 { "" } else { "s" },
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

pub fn build_block(
    vs: &[&View],
    month: &str,
    prev_month: Option<&str>,
    prev_achievements: &dyn Fn(&View) -> Option<String>,
    full: bool,
) -> Block {
    let mut summary = vec![
        Rich::new().bold("Summary"),
        Rich::new().text(bullet(&rag_counts_line(vs))),
    ];
    let item = |v: &View, t: &str| {
        Rich::new()
            .text("\u{2022} ")
            .bold(format!("{} ", v.action.id.value))
            .text(t.trim().to_string())
    };

    let progress = capped(
        vs.iter().filter_map(|v| v.progress().map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !progress.is_empty() {
        summary.push(Rich::new().bold("Progress this month:"));
        summary.extend(progress);
    }
    if full {
        narrative_tail(vs, &item, &mut summary);
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
        achievements.push(Rich::new().bold(month_word(month)));
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
            achievements.push(Rich::new().bold(month_word(pm)));
            achievements.extend(before);
        }
    }
    if achievements.is_empty() {
        achievements.push(Rich::new().text("No achievements reported this period"));
    }

    let milestones = capped(
        vs.iter(),
        |v| {
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
        },
        REGISTER_SHEET,
    );
    Block {
        summary,
        achievements,
        milestones,
    }
}

/// The theme view's summary after progress: next steps, issues raised and the Focus 2
/// exceptions.
fn narrative_tail(vs: &[&View], item: &dyn Fn(&View, &str) -> Rich, summary: &mut Vec<Rich>) {
    let next = capped(
        vs.iter()
            .filter_map(|v| v.text_of(|r| &r.next_steps).map(|t| (v, t))),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if !next.is_empty() {
        summary.push(Rich::new().bold("Next steps:"));
        summary.extend(next);
    }
    let issues = capped(
        vs.iter().filter_map(|v| {
            v.text_of(|r| &r.issues)
                .filter(|t| !says_no_issues(t))
                .map(|t| (v, t))
        }),
        |(v, t)| item(v, t),
        REGISTER_SHEET,
    );
    if issues.is_empty() {
        summary.push(Rich::new().bold("Issues raised: ").text("no issues raised"));
    } else {
        summary.push(Rich::new().bold("Issues raised:"));
        summary.extend(issues);
    }
    let ex: Vec<&&View> = vs
        .iter()
        .filter(|v| v.status.rag.is_some_and(|r| r.is_exception()))
        .collect();
    if ex.is_empty() {
        summary.push(
            Rich::new()
                .bold("Focus 2 Exceptions: ")
                .text("no exceptions to report"),
        );
    } else {
        summary.push(Rich::new().bold("Focus 2 Exceptions"));
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
}

/// Write one block's rows starting at `row`; returns the next free row.
/// `label` is written (merged down the block) in column `label.0`.
pub fn write_block(
    ws: &mut Worksheet,
    row: u32,
    label: (u16, &str),
    block: &Block,
    cols: [(u16, f64); 3],
    f: &Formats,
) -> Result<u32, XlsxError> {
    let n = block
        .summary
        .len()
        .max(block.achievements.len())
        .max(block.milestones.len())
        .max(1) as u32;
    if n > 1 {
        ws.merge_range(row, label.0, row + n - 1, label.0, label.1, &f.bold_body)?;
    } else {
        ws.write_string_with_format(row, label.0, label.1, &f.bold_body)?;
    }
    for i in 0..n {
        let r = row + i;
        let mut texts: Vec<(String, f64)> = Vec::new();
        for (list, (col, width)) in [&block.summary, &block.achievements, &block.milestones]
            .into_iter()
            .zip(cols)
        {
            match list.get(i as usize) {
                Some(rich) => {
                    rich.write(ws, r, col, f, &f.body)?;
                    texts.push((rich.plain_text(), width));
                }
                None => {
                    ws.write_blank(r, col, &f.body)?;
                }
            }
        }
        let refs: Vec<(&str, f64)> = texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        ws.set_row_height(r, row_height(&refs))?;
    }
    Ok(row + n)
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
