//! What `read` prints: how a workbook was understood, row by row with each value's cell.

use std::fmt::Write as _;

use plan_recon::model::{DirectorateReturn, MasterPlan, Source, TableInfo, col_letters};

fn table(out: &mut String, t: &TableInfo) {
    let _ = writeln!(out, "file:        {}", t.file);
    let _ = writeln!(out, "sheet:       {}", t.sheet);
    let _ = writeln!(
        out,
        "header row:  {} ({})",
        t.header_row + 1,
        t.header_ref()
    );
    let _ = writeln!(out, "columns mapped:");
    for c in &t.columns {
        let _ = writeln!(out, "  {c}");
    }
    for u in &t.unsure {
        let _ = writeln!(
            out,
            "  (not used)      <- column {} {:?}  ({})",
            col_letters(u.col),
            u.header,
            u.why
        );
    }
    if !t.unmapped.is_empty() {
        let _ = writeln!(
            out,
            "columns not used: {}",
            t.unmapped
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        out,
        "data rows:   {} (skipped {} heading/note rows)",
        t.data_rows, t.skipped_rows
    );
    if !t.notes.is_empty() {
        let _ = writeln!(out, "notes:");
        for n in &t.notes {
            let _ = writeln!(out, "  {:?} at {}: {}", n.kind, cell(&n.source), n.detail);
        }
    }
}

fn cell(s: &Source) -> String {
    s.place().unwrap_or_default()
}

pub fn clip(s: &str, n: usize) -> String {
    let one_line = s.replace('\n', " / ");
    if one_line.chars().count() <= n {
        one_line
    } else {
        format!(
            "{}...",
            one_line
                .chars()
                .take(n.saturating_sub(3))
                .collect::<String>()
        )
    }
}

/// What `read --as master` prints.
pub fn master(m: &MasterPlan, max_rows: usize) -> String {
    let mut out = String::new();
    table(&mut out, &m.table);
    let c = &m.rows;
    let _ = writeln!(
        out,
        "rows:        {} actions, {} headings, {} milestone rows, {} notes, {} not understood",
        c.actions, c.headings, c.milestones, c.notes, c.not_understood
    );
    let _ = writeln!(out, "actions:     {}", m.actions.len());
    if !m.themes.is_empty() {
        let _ = writeln!(
            out,
            "{}: {}",
            m.labels.themes().to_lowercase(),
            m.themes
                .ids()
                .map(|t| m.themes.name(t))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !m.recommendations.is_empty() {
        let _ = writeln!(
            out,
            "{}: {}",
            m.labels.recommendations().to_lowercase(),
            m.recommendations
                .iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(out);
    let n = if max_rows == 0 {
        m.actions.len()
    } else {
        max_rows.min(m.actions.len())
    };
    for a in &m.actions[..n] {
        let _ = writeln!(
            out,
            "{:<9} {:<4} {:<28} due {:<16} {:<9} {}  [{}]",
            a.id.value,
            a.recommendation
                .as_ref()
                .map(|r| r.value.as_str())
                .unwrap_or("-"),
            clip(a.directorate_text(), 28),
            a.due
                .as_ref()
                .map(|d| format!("{} ", d.value.text))
                .unwrap_or_else(|| "-".into()),
            a.rag.as_ref().map(|r| r.value.label()).unwrap_or("-"),
            clip(a.title_text(), 50),
            cell(&a.id.source)
        );
    }
    if n < m.actions.len() {
        let _ = writeln!(
            out,
            "... {} more (use --rows 0 to show all)",
            m.actions.len() - n
        );
    }
    out
}

/// What `read` prints for a return.
pub fn ret(r: &DirectorateReturn, max_rows: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "directorate: {}", r.directorate);
    table(&mut out, &r.table);
    let _ = writeln!(out);
    let n = if max_rows == 0 {
        r.rows.len()
    } else {
        max_rows.min(r.rows.len())
    };
    for row in &r.rows[..n] {
        let _ = writeln!(
            out,
            "{:<9} {:<11} [{}]",
            row.id.value,
            row.rag
                .as_ref()
                .map(|g| g.value.label())
                .unwrap_or("(no RAG)"),
            cell(row.source())
        );
        for (label, v) in [
            ("progress", &row.progress),
            ("achievements", &row.achievements),
            ("next steps", &row.next_steps),
            ("issues", &row.issues),
            ("change control", &row.change_control),
        ] {
            if let Some(v) = v {
                let _ = writeln!(
                    out,
                    "    {label:<15} {}  [{}]",
                    clip(&v.value, 70),
                    v.source.cell()
                );
            }
        }
        for (label, v) in [("due", &row.due), ("revised", &row.revised)] {
            if let Some(v) = v {
                let _ = writeln!(
                    out,
                    "    {label:<15} {:?} = {}  [{}]",
                    v.value.text,
                    v.value.range_text(),
                    v.source.cell()
                );
            }
        }
    }
    if n < r.rows.len() {
        let _ = writeln!(
            out,
            "... {} more rows (use --rows 0 to show all)",
            r.rows.len() - n
        );
    }
    out
}
