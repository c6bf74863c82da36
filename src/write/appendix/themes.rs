//! Theme Progress Summary: per theme, the Summary narrative, Achievements this period and
//! Key Milestones, in the style of the reference appendices.
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::blocks::{build_block, theme_slot, write_block};
use super::view::View;
use super::{SheetCx, themes_sheet};
use crate::write::appendix::tables::table_sheet_start;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, title, month) = (cx.views, cx.f, cx.title, cx.month);
    let loaded = cx.loaded;
    let name = themes_sheet(cx.labels);
    let h = table_sheet_start(ws, &name, &format!("{title} {name} {month}"), cx)?;
    let widths = [22.0, 70.0, 40.0, 48.0];
    for (c, (name, w)) in [
        cx.labels.theme.as_str(),
        "Summary",
        "Achievements this period",
        "Key Milestones",
    ]
    .iter()
    .zip(widths)
    .enumerate()
    {
        ws.write_string_with_format(h, c as u16, *name, &f.header)?;
        ws.set_column_width(c as u16, w)?;
    }
    let prev_month = loaded.previous.as_ref().and_then(|p| p.month.as_deref());
    let prev_ach = |v: &View| {
        loaded
            .previous
            .as_ref()
            .and_then(|p| p.actions.get(&v.action.id.value))
            .and_then(|a| a.achievements.clone())
    };
    let mut row = h + 1;
    let cols = [(1, widths[1]), (2, widths[2]), (3, widths[3])];
    // One pass: actions by theme, in table order (the last bucket has no theme).
    let count = cx.themes.len();
    let mut by_theme: Vec<Vec<&View>> = vec![Vec::new(); count + 1];
    for v in vs {
        by_theme[theme_slot(v.theme(), count)].push(v);
    }
    let no_theme = by_theme.pop().unwrap_or_default();
    let buckets = cx
        .themes
        .ids()
        .map(Some)
        .zip(by_theme)
        .chain((!no_theme.is_empty()).then_some((None, no_theme)));
    for (th, in_theme) in buckets {
        let name = th.map(|t| cx.themes.name(t)).unwrap_or("(no theme)");
        if in_theme.is_empty() {
            ws.write_string_with_format(row, 0, name, &f.bold_body)?;
            ws.write_string_with_format(row, 1, "No actions in this theme", &f.body)?;
            ws.write_blank(row, 2, &f.body)?;
            ws.write_blank(row, 3, &f.body)?;
            row += 1;
            continue;
        }
        let block = build_block(&in_theme, month, prev_month, &prev_ach, true);
        row = write_block(ws, row, (0, name), &block, cols, f)?;
    }
    Ok(())
}
