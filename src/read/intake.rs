//! Which files given with `--returns` are this month's returns. Returns folders also hold
//! Excel's lock files, last month's appendix, a copy of the master plan, and several
//! versions of one directorate's return ("Housing v1 draft.xlsx", "Housing v2 FINAL.xlsx").
//! Each such file is set aside, with the reason, so that its rows never meet the rules and a
//! finding names it (R10, R11, R12).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use foldhash::{HashSet, HashSetExt};

use super::directorates::directorate_from_file_name;
use crate::model::{ActionId, DirectorateKey, DirectorateReturn, MasterPlan, Source, register};
use crate::text::normalise_words;

/// Why a file was not read as a return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Excel's lock file `~$name.xlsx`: `name.xlsx` is open in Excel.
    OpenInExcel { workbook: String },
    /// An appendix written by plan-recon.
    Appendix,
    /// A copy of the master plan.
    MasterCopy,
    /// An earlier version of a directorate's return.
    Superseded { by: PathBuf },
}

/// A file in the returns folders that is not one of this month's returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: Skip,
    /// The directorate whose file it is (a workbook open in Excel, a superseded return),
    /// in the master plan's spelling where the two match; `None` for a file that is no
    /// directorate's (an appendix, a copy of the master). Set by `load` once the master is
    /// read.
    pub directorate: Option<String>,
    /// The file as a whole, where its finding points.
    pub source: Source,
}

impl Skipped {
    pub fn new(path: PathBuf, why: Skip) -> Skipped {
        let source = Source::whole_file(&path.display().to_string());
        Skipped {
            path,
            why,
            directorate: None,
            source,
        }
    }

    /// The directorate the file's name gives, when it is a directorate's: the workbook
    /// open in Excel, the return that superseded this one.
    pub fn belongs_to(&self) -> Option<String> {
        match &self.why {
            Skip::OpenInExcel { workbook } => Some(directorate_from_file_name(Path::new(workbook))),
            Skip::Superseded { by } => Some(directorate_from_file_name(by)),
            Skip::Appendix | Skip::MasterCopy => None,
        }
    }
}

/// Every workbook plan-recon writes for a month has the register and one of these: the
/// appendix its Dashboard, the officer's checks workbook its findings sheet.
const OUTPUT_SHEETS: [&str; 2] = [register::DASHBOARD, register::FINDINGS];

/// Set aside lock files, and name each file once (a file given directly and through its
/// folder, or by a link, is one file).
pub fn sort_files(files: Vec<PathBuf>, plan: &Path) -> (Vec<PathBuf>, Vec<Skipped>) {
    let plan = plan.canonicalize().ok();
    let mut seen = HashSet::new();
    let mut keep = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        let canon = f.canonicalize().unwrap_or_else(|_| f.clone());
        if Some(&canon) == plan.as_ref() || !seen.insert(canon) {
            continue;
        }
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        match name.strip_prefix("~$") {
            Some(workbook) => skipped.push(Skipped::new(
                f.clone(),
                Skip::OpenInExcel {
                    workbook: workbook.to_string(),
                },
            )),
            None => keep.push(f),
        }
    }
    (keep, skipped)
}

/// Set aside, among the returns read, appendices, copies of the master plan, and the earlier
/// versions of a directorate's return.
pub fn select(
    returns: Vec<DirectorateReturn>,
    master: &MasterPlan,
    skipped: &mut Vec<Skipped>,
) -> Vec<DirectorateReturn> {
    let mut kept = Vec::with_capacity(returns.len());
    for r in returns {
        let path = PathBuf::from(&*r.table.file);
        let has = |s: &str| r.workbook_sheets.iter().any(|w| w == s);
        if has(register::REGISTER_SHEET) && OUTPUT_SHEETS.iter().any(|s| has(s)) {
            skipped.push(Skipped::new(path, Skip::Appendix));
        } else if is_master_copy(&r, master) {
            skipped.push(Skipped::new(path, Skip::MasterCopy));
        } else {
            kept.push(r);
        }
    }
    latest_versions(kept, skipped)
}

/// A copy of the master plan: the master's headers, and most of its actions with their
/// titles.
fn is_master_copy(r: &DirectorateReturn, master: &MasterPlan) -> bool {
    // Every header of the header row, whatever it was mapped to under each layout.
    let headers = |t: &crate::model::TableInfo| -> Vec<String> {
        let mut h: Vec<String> = t
            .columns
            .iter()
            .map(|c| c.header.as_str())
            .chain(t.unsure.iter().map(|u| u.header.as_str()))
            .chain(t.unmapped.iter().map(String::as_str))
            .map(normalise_words)
            .collect();
        h.sort();
        h
    };
    if headers(&r.table) != headers(&master.table) || master.actions.is_empty() {
        return false;
    }
    let titles: foldhash::HashMap<&ActionId, String> = master
        .actions
        .iter()
        .map(|a| (&a.id.value, normalise_words(a.title_text())))
        .collect();
    let same = r
        .rows
        .iter()
        .filter(|row| titles.get(&row.id.value) == Some(&normalise_words(row.title_text())))
        .count();
    same * 5 >= titles.len() * 4
}

/// The newest of several files of one directorate that report the same actions; the others
/// are superseded. Files of one directorate with different actions (a return in parts) are
/// all kept.
fn latest_versions(
    returns: Vec<DirectorateReturn>,
    skipped: &mut Vec<Skipped>,
) -> Vec<DirectorateReturn> {
    let mut groups: BTreeMap<DirectorateKey, Vec<DirectorateReturn>> = BTreeMap::new();
    let mut order = Vec::new();
    for r in returns {
        let key = DirectorateKey::of(&r.directorate);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(r);
    }
    let mut out = Vec::new();
    for key in order {
        let Some(mut group) = groups.remove(&key) else {
            continue;
        };
        if group.len() == 1 {
            out.append(&mut group);
            continue;
        }
        group.sort_by_key(|r| std::cmp::Reverse(Recency::of(Path::new(&*r.table.file))));
        let mut kept: Vec<DirectorateReturn> = Vec::new();
        for r in group {
            let ids: HashSet<&ActionId> = r.rows.iter().map(|row| &row.id.value).collect();
            let newer = kept.iter().find(|k| {
                let shared = k
                    .rows
                    .iter()
                    .filter(|row| ids.contains(&row.id.value))
                    .count();
                !ids.is_empty() && shared * 2 >= ids.len().min(k.rows.len()).max(1)
            });
            match newer {
                Some(k) => skipped.push(Skipped::new(
                    PathBuf::from(&*r.table.file),
                    Skip::Superseded {
                        by: PathBuf::from(&*k.table.file),
                    },
                )),
                None => kept.push(r),
            }
        }
        out.extend(kept);
    }
    out
}

/// How recent a version of a return is, by its name, then its modified time: a draft comes
/// before anything else, then the higher version number, then FINAL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Recency {
    /// "draft" is not in the name.
    not_draft: bool,
    /// "v2", "version 3": the highest version number in the name.
    version: u32,
    /// "FINAL" in the name.
    last: bool,
    modified: Option<std::time::SystemTime>,
    name: String,
}

impl Recency {
    fn of(path: &Path) -> Recency {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_lowercase();
        let words: Vec<&str> = stem
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .filter(|w| !w.is_empty())
            .collect();
        let mut version = 0;
        for (i, w) in words.iter().enumerate() {
            let n = if matches!(*w, "version" | "ver") {
                words
                    .get(i + 1)
                    .and_then(|d| d.split('.').next()?.parse().ok())
            } else {
                w.strip_prefix('v')
                    .and_then(|rest| rest.split('.').next()?.parse().ok())
            };
            version = version.max(n.unwrap_or(0));
        }
        Recency {
            not_draft: !words.contains(&"draft"),
            version,
            last: words.contains(&"final"),
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            name: stem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_rank_by_number_then_final_then_draft() {
        let r = |n: &str| Recency::of(Path::new(n));
        assert!(r("Finance v2 FINAL.xlsx") > r("Finance v1.xlsx"));
        assert!(r("housing.xlsx") > r("housing v1 draft.xlsx"));
        assert!(r("housing v2 draft.xlsx") > r("housing v1 draft.xlsx"));
        assert!(r("Housing IP return July v2 FINAL.xlsx") > r("Housing IP return July v2.xlsx"));
        assert!(r("Housing version 3.xlsx") > r("Housing v2 FINAL.xlsx"));
        assert_eq!(r("plan v2.1.xlsx").version, 2);
    }

    #[test]
    fn lock_files_and_files_named_twice_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("housing.xlsx");
        std::fs::write(&a, b"x").unwrap();
        let lock = dir.path().join("~$housing.xlsx");
        std::fs::write(&lock, b"x").unwrap();
        let plan = dir.path().join("plan.xlsx");
        std::fs::write(&plan, b"x").unwrap();
        let (keep, skipped) = sort_files(
            vec![
                a.clone(),
                lock.clone(),
                a.clone(),
                dir.path().join("./housing.xlsx"),
                plan.clone(),
            ],
            &plan,
        );
        assert_eq!(keep, vec![a]);
        assert_eq!(
            skipped,
            vec![Skipped::new(
                lock,
                Skip::OpenInExcel {
                    workbook: "housing.xlsx".into()
                }
            )]
        );
    }
}
