//! Theme Progress Summary: per theme, the Summary narrative, Achievements this period and
//! Key Milestones, in the style of the reference appendices.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::blocks::{Block, Label, Place, build_block, theme_slot, write_block};
use super::tables::{header_row, table_sheet_start};
use super::view::View;
use super::{SheetCx, themes_sheet};

/// Theme, Summary, Achievements this period, Key Milestones.
pub const WIDTHS: [f64; 4] = [17.0, 50.0, 28.0, 36.0];

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, title, month) = (cx.views, cx.f, cx.title, cx.month);
    let name = themes_sheet(cx.labels());
    let h = table_sheet_start(ws, &name, &format!("{title} {name} {month}"), cx)?;
    let widths = WIDTHS;
    let heads = [
        cx.labels().theme.as_str(),
        "Summary",
        "Achievements this period",
        "Key Milestones",
    ];
    let mut pages = header_row(ws, h, &heads.into_iter().zip(widths).collect::<Vec<_>>(), f)?;
    let prev_month = cx.previous.and_then(|p| p.month).map(|m| m.to_string());
    let prev_month = prev_month.as_deref();
    let prev_ach = |v: &View| v.previous().and_then(|a| a.achievements.clone());
    let mut row = h + 1;
    let cols = [(1, widths[1]), (2, widths[2]), (3, widths[3])];
    // One pass: actions by theme, in table order (the last bucket has no theme).
    let count = cx.themes().len();
    let mut by_theme: Vec<Vec<&View>> = vec![Vec::new(); count + 1];
    for v in vs {
        by_theme[theme_slot(v.theme(), count)].push(v);
    }
    let no_theme = by_theme.pop().unwrap_or_default();
    let buckets = cx
        .themes()
        .ids()
        .map(Some)
        .zip(by_theme)
        .chain((!no_theme.is_empty()).then_some((None, no_theme)));
    for (th, in_theme) in buckets {
        let name = th.map(|t| cx.themes().name(t)).unwrap_or("(no theme)");
        let label = [Label {
            col: 0,
            text: name,
            width: widths[0],
            at_start: true,
        }];
        let block = if in_theme.is_empty() {
            Block::empty(&format!(
                "No actions in this {}",
                cx.labels().theme.to_lowercase()
            ))
        } else {
            let narrative = th.and_then(|_| cx.narrative?.theme(name));
            build_block(
                &in_theme,
                month,
                prev_month,
                &prev_ach,
                Some(&cx.labels().exceptions),
                narrative,
            )
        };
        let mut place = Place {
            cols,
            pages: &mut pages,
        };
        row = write_block(ws, row, &label, &block, &mut place, f)?;
    }
    ws.set_page_breaks(pages.breaks())?;
    Ok(())
}
