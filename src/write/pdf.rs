//! The appendix as PDF (`appendix --pdf`), printed by LibreOffice when it is installed.
//!
//! LibreOffice runs headless with a profile of its own in a temporary folder, so it neither
//! disturbs nor waits for a LibreOffice the officer has open; the PDF is written beside the
//! workbook and renamed into place, like every output.
use std::path::{Path, PathBuf};
use std::process::Command;

use super::WriteError;

/// The LibreOffice command on this machine, if any.
pub fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The PDF's path for the workbook `xlsx`: the same name, ending in .pdf.
pub fn pdf_path(xlsx: &Path) -> PathBuf {
    xlsx.with_extension("pdf")
}

/// Print `xlsx` to `pdf` through LibreOffice.
pub fn write_pdf(xlsx: &Path, pdf: &Path) -> Result<(), WriteError> {
    let program = soffice().ok_or_else(|| WriteError::NoLibreOffice {
        path: pdf.display().to_string(),
    })?;
    let fail = |detail: String| WriteError::Pdf {
        path: pdf.display().to_string(),
        detail,
    };
    let work = tempfile::tempdir().map_err(|e| fail(e.to_string()))?;
    let profile = work.path().join("profile");
    let out = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(work.path())
        .arg(xlsx)
        .output()
        .map_err(|e| fail(e.to_string()))?;
    let stem = xlsx.file_stem().unwrap_or_default();
    let made = work.path().join(stem).with_extension("pdf");
    if !out.status.success() || !made.exists() {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(fail(if said.is_empty() {
            format!("LibreOffice wrote no PDF ({})", out.status)
        } else {
            said
        }));
    }
    let bytes = std::fs::read(&made).map_err(|e| fail(e.to_string()))?;
    super::write_atomically(pdf, &bytes)
}
