//! Statutory Recommendations: each recommendation (in code order) with its text, split by
//! every theme ("No actions in this theme" where it has none), each with its Summary,
//! Achievements this month and Milestones (completed, then upcoming with their status).
use std::collections::BTreeMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::blocks::{Block, Label, Place, build_block, theme_slot, write_block};
use super::tables::{header_row, table_sheet_start};
use super::view::View;
use super::{SheetCx, recommendations_sheet};
use crate::model::narrative::recommendation_codes;

/// Recommendation, Theme, Summary, Achievements this month, Milestones.
pub const WIDTHS: [f64; 5] = [22.0, 14.0, 40.0, 24.0, 30.0];

pub fn build(ws: &mut Worksheet, cx: &SheetCx) -> Result<(), XlsxError> {
    let (vs, f, month) = (cx.views, cx.f, cx.month);
    let name = recommendations_sheet(cx.labels());
    let heading = format!("{} Status Summary {month}", cx.labels().recommendation);
    let h = table_sheet_start(ws, &name, &heading, cx)?;
    let widths = WIDTHS;
    let heads = [
        cx.labels().recommendation.as_str(),
        cx.labels().theme.as_str(),
        "Summary",
        "Achievements this month",
        "Milestones",
    ];
    let mut pages = header_row(ws, h, &heads.into_iter().zip(widths).collect::<Vec<_>>(), f)?;
    // Recommendations in natural code order (S1, S2, ..., S10), then actions without one.
    let codes = recommendation_codes(cx.master);
    let texts: BTreeMap<&str, &str> = cx
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
    let count = cx.themes().len();
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
    let none = format!("(no {})", cx.labels().recommendation.to_lowercase());
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
        // Every theme, as the reference appendices do: one with no actions under this
        // recommendation says so. Actions without a theme come last.
        let themes: Vec<(Option<_>, Vec<&View>)> = cx
            .themes()
            .ids()
            .map(Some)
            .chain(std::iter::once(None))
            .zip(by_theme)
            .filter(|(th, vs)| th.is_some() || !vs.is_empty())
            .collect();
        let none_here = format!("No actions in this {}", cx.labels().theme.to_lowercase());
        // The officers' progress summary of the whole recommendation, where they wrote one,
        // heads it; each theme's block below keeps its own facts.
        let overview = cx
            .narrative
            .and_then(|n| n.recommendation(code))
            .map(|n| (None, build_block(&[], month, None, &no_prev, None, Some(n))));
        let blocks = overview
            .into_iter()
            .chain(themes.into_iter().map(|(th, in_theme)| {
                let block = if in_theme.is_empty() {
                    Block::empty(&none_here)
                } else {
                    build_block(&in_theme, month, None, &no_prev, None, None)
                };
                (Some(th), block)
            }));
        for (i, (th, block)) in blocks.enumerate() {
            let theme_text = match th {
                None => "Progress summary",
                Some(th) => th.map(|t| cx.themes().name(t)).unwrap_or("(no theme)"),
            };
            let labels = [
                Label {
                    col: 0,
                    text: &label,
                    width: widths[0],
                    at_start: i == 0,
                },
                Label {
                    col: 1,
                    text: theme_text,
                    width: widths[1],
                    at_start: true,
                },
            ];
            let mut place = Place {
                cols: [(2, widths[2]), (3, widths[3]), (4, widths[4])],
                pages: &mut pages,
            };
            row = write_block(ws, row, &labels, &block, &mut place, f)?;
        }
    }
    ws.set_page_breaks(pages.breaks())?;
    Ok(())
}
