//! Writing workbooks: the Cabinet appendix ([`appendix`]), the blank monthly return
//! ([`template`]), and what they share: atomic saving, the output guard, styles.
//!
//! Outputs are written to a temporary file beside the target and renamed into place, so a
//! failed run never leaves half a workbook; an output that is one of the inputs is refused.

pub mod appendix;
pub mod chase;
mod metrics;
mod page;
pub mod pdf;
mod style;
pub mod template;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::XlsxError;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    #[error(
        "cannot write {path}: {source}\n  hint: check the folder exists and you can write to it, and that the file is not open in Excel"
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is one of the inputs; choose another output file")]
    OutputIsInput { path: String },
    #[error("{path} already exists\n  hint: pass --force to overwrite it, or choose another name")]
    OutputExists { path: String },
    #[error(
        "cannot write {path}: LibreOffice is not installed (no soffice command)\n  hint: the workbook was written; print it to PDF from Excel (File > Export > PDF), or install LibreOffice (apt-get install libreoffice-calc) and run again"
    )]
    NoLibreOffice { path: String },
    #[error(
        "cannot write {path}: LibreOffice could not print the workbook: {detail}\n  hint: the workbook was written; open it in Excel or LibreOffice and export it as PDF"
    )]
    Pdf { path: String, detail: String },
    #[error(
        "no actions in the master plan belong to {directorate:?}\n  directorates in the master: {}",
        .known.join(", ")
    )]
    UnknownDirectorate {
        directorate: String,
        known: Vec<String>,
    },
}

/// Write bytes to `path` atomically: a temporary file in the same folder, then rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, |f| {
        f.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.display().to_string(),
            source,
        })
    })
}

/// Write `path` atomically: `fill` writes a temporary file in the same folder, which is
/// synced and renamed over `path`; on any error the temporary file is removed.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output.xlsx");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        fill(&mut f)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl WriteError {
    /// The file being written, where the error is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            WriteError::Xlsx(_) | WriteError::UnknownDirectorate { .. } => None,
            WriteError::Io { path, .. }
            | WriteError::OutputIsInput { path }
            | WriteError::OutputExists { path }
            | WriteError::NoLibreOffice { path }
            | WriteError::Pdf { path, .. } => Some(path),
        }
    }
}

/// Column `i` after column `base`, as rust_xlsxwriter numbers columns. Past its range the
/// column is `u16::MAX`, which rust_xlsxwriter refuses with an error, never a column
/// wrapped round to another.
pub(crate) fn col_at(base: u16, i: usize) -> u16 {
    base.saturating_add(u16::try_from(i).unwrap_or(u16::MAX))
}

/// Row `i` after row `base`; past the range `u32::MAX`, which rust_xlsxwriter refuses.
pub(crate) fn row_at(base: u32, i: usize) -> u32 {
    base.saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
}

/// The document properties of a workbook plan-recon writes for `month`: its title, the
/// month as its creation time (so the same inputs give the same bytes), and [`MARK`].
pub fn properties(title: String, month: chrono::NaiveDate) -> rust_xlsxwriter::DocProperties {
    let created = month.and_hms_opt(0, 0, 0).unwrap_or_default();
    rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&created)
        .set_title(title)
        .set_author("plan-recon")
        .set_custom_property(MARK.0, MARK.1)
}

/// The custom document property every workbook plan-recon writes carries.
pub const MARK: (&str, &str) = ("Generator", "plan-recon");

/// Was this file written by plan-recon (does it carry [`MARK`])?
pub fn written_by_plan_recon(path: &Path) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    let Ok(custom) = zip.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut text = String::new();
    if custom.take(1 << 16).read_to_string(&mut text).is_err() {
        return false;
    }
    text.contains(&format!("name=\"{}\"", MARK.0)) && text.contains(&format!(">{}<", MARK.1))
}

/// Refuse to write over an input (compared by canonical path: links resolved), `--force`
/// or not, or (without `force`) over any existing file that plan-recon did not write: running
/// the same command twice is fine, overwriting someone's workbook is not.
pub fn check_output(output: &Path, inputs: &[PathBuf], force: bool) -> Result<(), WriteError> {
    if let Ok(out) = output.canonicalize() {
        let path = output.display().to_string();
        if inputs
            .iter()
            .any(|i| i.canonicalize().ok().as_ref() == Some(&out))
        {
            return Err(WriteError::OutputIsInput { path });
        }
        if !force && !written_by_plan_recon(output) {
            return Err(WriteError::OutputExists { path });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_past_the_sheet_stay_past_it_instead_of_wrapping() {
        assert_eq!(col_at(2, 3), 5);
        assert_eq!(row_at(4, 6), 10);
        // 65,536 as u16 would be column A again; 2^32 as u32 row 1.
        assert_eq!(col_at(0, 65_536), u16::MAX);
        assert_eq!(col_at(1, usize::from(u16::MAX)), u16::MAX);
        assert_eq!(row_at(0, 1 << 32), u32::MAX);
        assert_eq!(row_at(7, u32::MAX as usize), u32::MAX);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.xlsx");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let bad = dir.path().join("no-such-dir").join("x.xlsx");
        let err = write_atomically(&bad, b"x").unwrap_err().to_string();
        assert!(err.contains("no-such-dir"), "{err}");
    }
}
