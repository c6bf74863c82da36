//! Statutory Recommendations: each recommendation (in code order) split by theme, with its
//! Summary, Achievements this month and Milestones.
use std::collections::BTreeMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::blocks::{build_block, theme_slot, write_block};
use super::view::View;
use super::{SheetCx, recommendations_sheet};
use crate::model::natural_cmp;
use crate::write::appendix::tables::table_sheet_start;

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, month) = (cx.views, cx.f, cx.month);
    let loaded = cx.loaded;
    let name = recommendations_sheet(cx.labels);
    let heading = format!("{} Status Summary {month}", cx.labels.recommendation);
    let h = table_sheet_start(ws, &name, &heading, cx)?;
    let widths = [34.0, 20.0, 60.0, 38.0, 44.0];
    for (c, (name, w)) in [
        cx.labels.recommendation.as_str(),
        cx.labels.theme.as_str(),
        "Summary",
        "Achievements this month",
        "Milestones",
    ]
    .iter()
    .zip(widths)
    .enumerate()
    {
        ws.write_string_with_format(h, c as u16, *name, &f.header)?;
        ws.set_column_width(c as u16, w)?;
    }
    // Recommendations in natural code order (S1, S2, ..., S10), then actions without one.
    let distinct: std::collections::BTreeSet<&str> = vs
        .iter()
        .filter_map(|v| v.action.recommendation.as_ref().map(|r| r.value.as_str()))
        .collect();
    let mut codes: Vec<String> = distinct.into_iter().map(str::to_string).collect();
    codes.sort_by(|a, b| natural_cmp(a, b));
    let texts: BTreeMap<&str, &str> = loaded
        .master
        .recommendations
        .iter()
        .map(|r| (r.code.as_str(), r.text.as_str()))
        .collect();
    let mut row = h + 1;
    let no_prev = |_: &View| None;
    // One pass: actions by recommendation (the last group has none), then by theme.
    let slot_of: std::collections::HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let count = cx.themes.len();
    let mut groups: Vec<Vec<Vec<&View>>> = vec![vec![Vec::new(); count + 1]; codes.len() + 1];
    for v in vs {
        let g = match &v.action.recommendation {
            Some(r) => slot_of
                .get(r.value.as_str())
                .copied()
                .unwrap_or(codes.len()),
            None => codes.len(),
        };
        groups[g][theme_slot(v.theme(), count)].push(v);
    }
    let none = format!("(no {})", cx.labels.recommendation.to_lowercase());
    let labels = codes
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(none.as_str()));
    for (code, by_theme) in labels.zip(groups) {
        if by_theme.iter().all(Vec::is_empty) {
            continue;
        }
        let label = match texts.get(code) {
            Some(t) => format!("{code} - {t}"),
            None => code.to_string(),
        };
        let start = row;
        // Actions without a theme come last, with an empty theme cell.
        let themes = cx.themes.ids().map(Some).chain(std::iter::once(None));
        for (th, in_theme) in themes.zip(by_theme) {
            if in_theme.is_empty() {
                continue;
            }
            // Summary and progress only: the recommendation view is shorter than the theme view.
            let block = build_block(&in_theme, month, None, &no_prev, false);
            row = write_block(
                ws,
                row,
                (1, cx.theme_name(th)),
                &block,
                [(2, widths[2]), (3, widths[3]), (4, widths[4])],
                f,
            )?;
        }
        let end = row.saturating_sub(1).max(start);
        if end > start {
            ws.merge_range(start, 0, end, 0, &label, &f.bold_body)?;
        } else {
            ws.write_string_with_format(start, 0, &label, &f.bold_body)?;
        }
    }
    Ok(())
}
