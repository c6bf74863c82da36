//! Text output: what `read` understood, and the readable `reconcile` report.

use std::fmt::Write as _;

use crate::cli::Loaded;
use crate::model::Source;
use crate::read::{DirectorateReturn, MasterPlan, Table, header_ref};
use crate::reconcile::{Finding, Report, Severity};

fn describe_table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "file:        {}", t.file);
    let _ = writeln!(out, "sheet:       {}", t.sheet);
    let _ = writeln!(out, "header row:  {} ({})", t.header_row + 1, header_ref(t));
    let _ = writeln!(out, "columns mapped:");
    for c in &t.columns {
        let _ = writeln!(out, "  {c}");
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
    format!("{}!{}", s.sheet(), s.cell())
}

fn clip(s: &str, n: usize) -> String {
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
pub fn describe_master(m: &MasterPlan, max_rows: usize) -> String {
    let mut out = String::new();
    describe_table(&mut out, &m.table);
    let _ = writeln!(out, "actions:     {}", m.actions.len());
    if !m.recommendations.is_empty() {
        let _ = writeln!(
            out,
            "recommendations: {}",
            m.recommendations
                .iter()
                .map(|(c, _)| c.as_str())
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
pub fn describe_return(r: &DirectorateReturn, max_rows: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "directorate: {}", r.directorate);
    describe_table(&mut out, &r.table);
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

struct Paint {
    on: bool,
}

impl Paint {
    fn sev(&self, s: Severity) -> String {
        let (label, code) = match s {
            Severity::Error => ("ERROR  ", "1;31"),
            Severity::Warning => ("WARNING", "33"),
            Severity::Info => ("info   ", "36"),
        };
        if self.on {
            format!("\x1b[{code}m{label}\x1b[0m")
        } else {
            label.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        if self.on {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn dim(&self, s: &str) -> String {
        if self.on {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn write_finding(out: &mut String, f: &Finding, p: &Paint) {
    let _ = writeln!(
        out,
        "  {} {} {:<9} {}",
        p.sev(f.severity),
        f.code,
        f.action.as_ref().map(|a| a.as_str()).unwrap_or("-"),
        f.message
    );
    for s in &f.sources {
        let _ = writeln!(out, "{}", p.dim(&format!("                        at {s}")));
    }
    if let Some(d) = &f.detail {
        for line in d.lines().take(6) {
            let _ = writeln!(
                out,
                "{}",
                p.dim(&format!("                        | {}", clip(line, 110)))
            );
        }
    }
}

/// The readable report of `reconcile`, grouped by directorate.
pub fn terminal_report(report: &Report, loaded: &Loaded, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let (e, w, i) = report.counts();
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "plan-recon: {} - {} actions in {}, {} returns read{}",
            loaded.ctx.report_month.format("%B %Y"),
            loaded.master.actions.len(),
            loaded.master.table.file,
            loaded.returns.len(),
            if loaded.failed.is_empty() {
                String::new()
            } else {
                format!(", {} unreadable", loaded.failed.len())
            }
        ))
    );
    let _ = writeln!(
        out,
        "{e} errors, {w} warnings, {i} info; {} actions slipped",
        report.slippage.len()
    );
    let mut current: Option<&str> = None;
    for f in &report.findings {
        let d = f.directorate.as_deref().unwrap_or("(general)");
        if current != Some(d) {
            let _ = writeln!(out);
            let file = loaded
                .returns
                .iter()
                .find(|r| r.directorate == d)
                .map(|r| format!("  ({})", r.table.file))
                .unwrap_or_default();
            let _ = writeln!(out, "{}{}", p.bold(d), p.dim(&file));
            current = Some(d);
        }
        write_finding(&mut out, f, &p);
    }
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "\nNo findings: every return agrees with the master plan."
        );
    }
    let _ = writeln!(out, "\nEach code is explained in README.md, section Rules.");
    out
}
