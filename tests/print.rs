//! The Cabinet appendix as printed: converted to PDF by LibreOffice (A4 landscape, the
//! appendix's own print set-up) and measured from the PDF with pdftotext's word boxes.
//! Skipped, with the reason printed, where soffice or pdftotext is absent, except under CI
//! (`CI=true`), where their absence fails the test; `.ci/run` installs both.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rust_xlsxwriter::{Format, Workbook};

/// A word of the PDF: its page, box (points from the top left) and text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Page height of A4 landscape in points, and the margins where the page header and footer
/// print (outside the sheet's body).
const PAGE_H: f64 = 595.3;
const HEADER_FOOTER_PT: f64 = 40.0;

/// Convert workbooks to PDF in `dir`, with a LibreOffice profile of the test's own.
fn to_pdf(dir: &Path, files: &[&Path]) {
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn attr(tag: &str, name: &str) -> f64 {
    let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    tag[at..tag[at..].find('"').unwrap() + at].parse().unwrap()
}

/// Every word of the PDF with its box (`pdftotext -bbox`).
fn words(pdf: &Path) -> Vec<Word> {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    let html = String::from_utf8_lossy(&o.stdout).to_string();
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = l.strip_prefix("<word ") {
            let close = rest.find('>').unwrap();
            let text = rest[close + 1..].trim_end_matches("</word>");
            out.push(Word {
                page,
                x0: attr(rest, "xMin"),
                y0: attr(rest, "yMin"),
                x1: attr(rest, "xMax"),
                y1: attr(rest, "yMax"),
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&apos;", "'"),
            });
        }
    }
    out
}

/// A workbook with one word at 10 pt, 100 %: its printed height is what 10 pt measures.
fn calibration(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.write_string_with_format(5, 1, "Calibration", &Format::new().set_font_size(10))
        .unwrap();
    wb.save(path).unwrap();
}

struct Printed {
    _dir: tempfile::TempDir,
    xlsx: PathBuf,
    words: Vec<Word>,
    /// Points of word height per point of font size.
    per_pt: f64,
    pages: usize,
}

fn printed(extra: &[&str]) -> Option<Printed> {
    for t in ["soffice", "pdftotext"] {
        tool("print test", &[t])?;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("appendix.xlsx");
    let o = bin()
        .args(["appendix", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(&xlsx)
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cal = dir.path().join("calibration.xlsx");
    calibration(&cal);
    to_pdf(dir.path(), &[&xlsx, &cal]);
    let cal_words = words(&dir.path().join("calibration.pdf"));
    let c = cal_words
        .iter()
        .find(|w| w.text == "Calibration")
        .expect("the calibration word prints");
    let per_pt = (c.y1 - c.y0) / 10.0;
    let words = words(&dir.path().join("appendix.pdf"));
    let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
    Some(Printed {
        _dir: dir,
        xlsx,
        words,
        per_pt,
        pages,
    })
}

impl Printed {
    fn size(&self, w: &Word) -> f64 {
        (w.y1 - w.y0) / self.per_pt
    }
    /// Words of the sheets' bodies: not the page header and footer.
    fn body(&self) -> impl Iterator<Item = &Word> {
        self.words
            .iter()
            .filter(|w| w.y0 > HEADER_FOOTER_PT && w.y1 < PAGE_H - HEADER_FOOTER_PT)
    }
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[test]
fn every_page_prints_body_text_at_9_pt_or_more_and_headings_larger() {
    let Some(p) = printed(&[]) else { return };
    let smallest = p
        .body()
        .map(|w| (p.size(w), w))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap();
    eprintln!(
        "printed: {} pages; smallest body text {:.1} pt ({:?} on page {})",
        p.pages, smallest.0, smallest.1.text, smallest.1.page
    );
    assert!(smallest.0 >= 8.9, "{smallest:?}");
    // The sheet headings print larger than the body.
    let heading = p
        .body()
        .find(|w| w.text == "Progress" && p.size(w) > 12.0)
        .expect("the Theme Progress Summary heading prints at 13 pt or more");
    assert!(p.size(heading) >= 13.0);
    // Six sheets, one page wide each: a few pages each, not dozens.
    assert!((6..=40).contains(&p.pages), "{} pages", p.pages);
}

#[test]
fn nothing_is_cut_or_overprinted() {
    let Some(p) = printed(&[]) else { return };
    let text = p.text();
    // Header labels print whole.
    for label in [
        "Days slipped",
        "Change control note",
        "Statutory Recommendation",
        "Achievements this period",
        "Key Milestones",
        "Progress commentary",
        "Not reported",
    ] {
        assert!(text.contains(label), "{label:?} is not printed whole");
    }
    // Every action of the register prints, the last one too.
    let reg = sheet(&p.xlsx, plan_recon::write::appendix::REGISTER_SHEET);
    let ids: Vec<String> = column(&reg, 0, 2)
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(ids.len(), 62);
    for id in &ids {
        assert!(p.words.iter().any(|w| &w.text == id), "{id} not printed");
    }
    // Every word of the narrative sheets prints: none is cut at a cell's or page's foot.
    for name in [
        plan_recon::write::appendix::THEMES,
        plan_recon::write::appendix::RECOMMENDATIONS,
    ] {
        let s = sheet(&p.xlsx, name);
        // Compared by letters and digits: PDF text may set quotes and apostrophes apart.
        let bare = |w: &str| -> String { w.chars().filter(|c| c.is_alphanumeric()).collect() };
        // A word may be broken at its hyphen at a line's end.
        let parts = |w: &str| w.split('-').map(bare).collect::<Vec<_>>();
        let printed: std::collections::HashSet<String> =
            p.words.iter().flat_map(|w| parts(&w.text)).collect();
        let cells = cell_lines(&s, 0..6, 0);
        let missing: Vec<String> = cells
            .iter()
            .flat_map(|l| l.split_whitespace())
            .flat_map(parts)
            .filter(|w| !printed.contains(w))
            .collect();
        assert!(missing.is_empty(), "{name}: not printed: {missing:?}");
    }
    // One page wide: every page shows the table's first column header (a sheet too wide
    // would spill its last columns onto pages of their own, without it).
    for page in 1..=p.pages {
        let top: Vec<&str> = p
            .words
            .iter()
            .filter(|w| w.page == page && w.y0 < 110.0 && w.x0 < 60.0)
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            top.iter()
                .any(|t| ["Theme", "Statutory", "Action"].contains(t)),
            "page {page} does not start with the table's first column: {top:?}"
        );
    }
    // A theme going on to a new page says so.
    assert!(text.contains("(continued)"));
    // No two words overlap. (Single letters are left out: LibreOffice puts the text of
    // the register's hidden columns in the PDF, clipped to nothing, a letter a line.)
    for page in 1..=p.pages {
        let on: Vec<&Word> = p
            .words
            .iter()
            .filter(|w| w.page == page && w.text.chars().count() > 1)
            .collect();
        for (i, a) in on.iter().enumerate() {
            for b in &on[i + 1..] {
                let w = a.x1.min(b.x1) - a.x0.max(b.x0);
                let h = a.y1.min(b.y1) - a.y0.max(b.y0);
                let smaller = ((a.x1 - a.x0) * (a.y1 - a.y0)).min((b.x1 - b.x0) * (b.y1 - b.y0));
                assert!(
                    w <= 0.0 || h <= 0.0 || w * h < 0.3 * smaller,
                    "page {page}: {:?} overprints {:?}",
                    a.text,
                    b.text
                );
            }
        }
    }
}

#[test]
fn the_cabinet_appendix_holds_no_finding_codes() {
    let Some(p) = printed(&[]) else { return };
    let codes: Vec<String> = plan_recon::reconcile::Code::ALL
        .iter()
        .map(|c| c.to_string())
        .collect();
    let found: Vec<&str> = p
        .words
        .iter()
        .map(|w| w.text.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| codes.iter().any(|c| c == t))
        .collect();
    assert!(found.is_empty(), "finding codes printed: {found:?}");
    assert!(!p.text().contains("Reconciliation"));
}
