//! The readable `reconcile` report (grouped by directorate, coloured on a terminal) and the
//! JSON document of `reconcile --json`.

use std::fmt::Write as _;

use plan_recon::dates::DateContext;
use plan_recon::load::Loaded;
use plan_recon::reconcile::{Finding, Report, Severity};
use plan_recon::text::counted;

use super::describe::clip;

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
pub fn terminal(report: &Report, loaded: &Loaded, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let (e, w, i) = report.counts();
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "plan-recon: {} - {} actions in {}, {} returns read{}",
            plan_recon::model::YearMonth::of(loaded.ctx.report_month),
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
        "{}, {}, {} info; {} slipped",
        counted(e, "error"),
        counted(w, "warning"),
        i,
        counted(report.status.slippage.len(), "action")
    );
    let mut current: Option<&str> = None;
    for f in &report.findings {
        let d = f.party.name();
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
    let _ = writeln!(
        out,
        "\nEach code is explained by `plan-recon explain CODE`, and in README.md, \"Findings: the rules\"."
    );
    out
}

/// The version of the `reconcile --json` document, raised when a field changes meaning or
/// goes away (README, "JSON output"); new fields may be added within a version.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The JSON document printed by `reconcile --json`.
pub fn json(report: &Report, ctx: &DateContext) -> serde_json::Value {
    let (e, w, i) = report.counts();
    let status = &report.status;
    serde_json::json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "month": plan_recon::model::YearMonth::of(ctx.report_month).key(),
        "summary": {
            "errors": e,
            "warnings": w,
            "info": i,
            "actions": status.actions.len(),
            "slipped": status.slippage.len(),
            "missing_returns": status.missing_returns,
        },
        "findings": report.findings,
        "slippage": status.slippage,
    })
}
