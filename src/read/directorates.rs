//! Directorates: a return's directorate found from what names it (a "Directorate:" cell,
//! its Directorate column, its sheet, its file name) and matched to the master plan's
//! directorates, never invented. Councils name their files every way ("Northshire IP
//! return Jul23 - Housing.xlsx", "Housing - IP update Mar24.xlsx"): a name is matched when
//! it holds all the words of one directorate (versions, months, years and words such as
//! "return" or "draft" aside), or its words are all one directorate's, or it is the
//! directorate's initials; failing a name, the actions it reports when nearly all are one
//! directorate's. A return that matches none keeps the name it was given and says so
//! (`Named::unmatched`, rule R14), with the master's nearest names.

use std::path::Path;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::dates::month_word;
use crate::model::{ActionId, DirectorateKey, DirectorateReturn, MasterPlan, Named, NamedBy};
use crate::text::normalise_words;

/// The master plan's directorates, each in its first spelling, with the words it is
/// matched by.
pub struct DirectorateNames<'a> {
    names: HashMap<DirectorateKey, &'a str>,
    /// Each directorate once, in plan order, with its words (without "and", "of", "the").
    words: Vec<(&'a str, Vec<String>)>,
}

/// Words that join a name's words and say nothing of which directorate it is.
const JOINING: [&str; 5] = ["and", "of", "the", "for", "to"];

/// A name's words as matched: normalised, the joining words and the words that are no
/// directorate's (versions, months, years, "return", "draft") left out.
fn words_of(text: &str) -> Vec<String> {
    normalise_words(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !JOINING.contains(w) && is_directorate_word(w))
        .map(str::to_string)
        .collect()
}

/// Two words alike: the same, one the other's plural, or (four letters or more) one the
/// start of the other ("Regen" and "Regeneration").
fn alike(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    a == b
        || long.strip_suffix('s') == Some(short)
        || (short.chars().count() >= 4 && long.starts_with(short))
}

/// Every word of `part` alike one of `whole`'s.
fn all_in(part: &[String], whole: &[String]) -> bool {
    !part.is_empty() && part.iter().all(|p| whole.iter().any(|w| alike(p, w)))
}

impl<'a> DirectorateNames<'a> {
    pub fn of(master: &'a MasterPlan) -> DirectorateNames<'a> {
        // A few names spelt over many actions: normalise each distinct spelling once.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut names: HashMap<DirectorateKey, &str> = HashMap::new();
        let mut words = Vec::new();
        for a in &master.actions {
            let d = a.directorate_text();
            if d.is_empty() || !seen.insert(d) {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = names.entry(DirectorateKey::of(d))
            {
                e.insert(d);
                words.push((d, words_of(d)));
            }
        }
        DirectorateNames { names, words }
    }

    /// The master's spelling of `name`, when the two are one name after normalising.
    pub fn spelling(&self, name: &str) -> Option<&'a str> {
        self.names.get(&DirectorateKey::of(name)).copied()
    }

    /// The one directorate `text` names: the same name; else the one whose words it all
    /// holds (the longest such, when one holds another: "Adult Social Care" before
    /// "Care"); else the one that holds all its words; else the one whose initials it
    /// holds ("CEO"). `None` when none does, or two do alike.
    pub fn find(&self, text: &str) -> Option<&'a str> {
        if let Some(n) = self.spelling(text) {
            return Some(n);
        }
        let mine = words_of(text);
        if mine.is_empty() {
            return None;
        }
        let held: Vec<&(&str, Vec<String>)> = self
            .words
            .iter()
            .filter(|(_, w)| all_in(w, &mine))
            .collect();
        if let Some(most) = held.iter().map(|(_, w)| w.len()).max() {
            let longest: Vec<_> = held.iter().filter(|(_, w)| w.len() == most).collect();
            return (longest.len() == 1).then(|| longest[0].0);
        }
        let holding: Vec<&str> = self
            .words
            .iter()
            .filter(|(_, w)| all_in(&mine, w))
            .map(|(d, _)| *d)
            .collect();
        if !holding.is_empty() {
            return (holding.len() == 1).then(|| holding[0]);
        }
        let by_initials: Vec<&str> = self
            .words
            .iter()
            .filter(|(_, w)| w.len() >= 2)
            .filter(|(_, w)| {
                let initials: String = w.iter().filter_map(|x| x.chars().next()).collect();
                mine.contains(&initials)
            })
            .map(|(d, _)| *d)
            .collect();
        (by_initials.len() == 1).then(|| by_initials[0])
    }

    /// The master's directorates nearest `text`, nearest first (at most three): by the
    /// words they share, then by likeness of the whole name.
    pub fn nearest(&self, text: &str) -> Vec<String> {
        let mine = words_of(text);
        let key = normalise_words(text);
        let mut scored: Vec<(usize, u32, &str)> = self
            .words
            .iter()
            .map(|(d, w)| {
                let shared = w
                    .iter()
                    .filter(|x| mine.iter().any(|m| alike(m, x)))
                    .count();
                let ratio = similar::TextDiff::from_chars(key.as_str(), normalise_words(d)).ratio();
                // Ratio in thousandths: a whole number sorts without a float's caveats.
                (shared, (ratio * 1000.0) as u32, *d)
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, _, d)| d.to_string())
            .collect()
    }
}

/// Give each return its directorate in the master plan's spelling: the first of what names
/// it (as the reader found it, then its sheet, then its file name) that matches one of the
/// master's directorates, else the directorate of nearly all (at least two, and two in
/// three) of the actions it reports. A return that matches none keeps its name, with the
/// nearest of the master's in `named.unmatched`. `names` are the master's
/// ([`DirectorateNames::of`]).
pub fn assign(names: &DirectorateNames, master: &MasterPlan, returns: &mut [DirectorateReturn]) {
    if names.words.is_empty() {
        return; // A plan with no Directorate column: nothing to match against.
    }
    // Each action's owner, made once and only if some return names no directorate.
    let mut owners: Option<HashMap<&ActionId, &str>> = None;
    let stems: Vec<String> = returns
        .iter()
        .map(|r| {
            let file = r.table.file.to_string();
            let stem = Path::new(&file).file_stem().and_then(|s| s.to_str());
            stem.unwrap_or("").to_string()
        })
        .collect();
    let shared = shared_words(&stems);
    for (r, stem) in returns.iter_mut().zip(stems) {
        // "Fenchester Council Recovery Plan return - December 2023 - Finance": the words
        // every return's file name has (the council, the plan) are no directorate's.
        let own = without_words(&stem, &shared);
        let tried = [
            (r.named.by, r.named.text.clone()),
            (NamedBy::Sheet, r.table.sheet.to_string()),
            (NamedBy::FileName, stem.clone()),
            (NamedBy::FileName, own),
        ];
        let found = tried
            .iter()
            .find_map(|(by, text)| names.find(text).map(|d| (*by, text.clone(), d)));
        if let Some((by, text, d)) = found {
            r.directorate = d.to_string();
            r.named = Named {
                by,
                text,
                unmatched: None,
            };
            continue;
        }
        let owners = owners.get_or_insert_with(|| {
            master
                .actions
                .iter()
                .map(|a| (&a.id.value, a.directorate_text()))
                .collect()
        });
        match owner_of_most(owners, r) {
            Some(d) => {
                r.directorate = d.to_string();
                r.named.by = NamedBy::Actions;
            }
            None => r.named.unmatched = Some(names.nearest(&r.named.text)),
        }
    }
}

/// The words (normalised) that every one of two or more file names has.
fn shared_words(stems: &[String]) -> Vec<String> {
    let [first, rest @ ..] = stems else {
        return Vec::new();
    };
    if rest.is_empty() {
        return Vec::new();
    }
    let others: Vec<Vec<String>> = rest.iter().map(|s| words_of(s)).collect();
    let mut shared = words_of(first);
    shared.retain(|w| others.iter().all(|o| o.contains(w)));
    shared
}

/// `text` without the `words` (normalised).
fn without_words(text: &str, words: &[String]) -> String {
    let norm = normalise_words(text);
    let left: Vec<&str> = norm
        .split(' ')
        .filter(|w| !w.is_empty() && !words.iter().any(|x| x == w))
        .collect();
    left.join(" ")
}

/// The directorate owning at least two, and two in three, of the actions `r` reports;
/// `owner` is each action's directorate.
fn owner_of_most<'a>(
    owner: &HashMap<&ActionId, &'a str>,
    r: &DirectorateReturn,
) -> Option<&'a str> {
    let mut counts: HashMap<DirectorateKey, (usize, &str)> = HashMap::new();
    for row in &r.rows {
        if let Some(d) = owner.get(&row.id.value).filter(|d| !d.is_empty()) {
            counts.entry(DirectorateKey::of(d)).or_insert((0, d)).0 += 1;
        }
    }
    let (n, d) = counts.into_values().max_by_key(|(n, _)| *n)?;
    (n >= 2 && n * 3 >= r.rows.len() * 2).then_some(d)
}

/// Words of a return's file name that are not its directorate's (with the months): "Housing
/// IP return July v2 FINAL.xlsx" is Housing's.
const NOT_DIRECTORATE: [&str; 11] = [
    "v", "version", "ver", "draft", "final", "copy", "return", "returns", "update", "tracker", "ip",
];

/// A word no directorate's name is: a version, draft or return word, or a month.
fn not_a_name(w: &str) -> bool {
    NOT_DIRECTORATE.contains(&w) || month_word(w).is_some()
}

pub(super) fn is_directorate_word(w: &str) -> bool {
    let l = w.to_lowercase();
    let versioned = l
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let number = l
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '(' | ')'));
    // "Jul23", "march2024": a month run into its year.
    let dated = l
        .find(|c: char| c.is_ascii_digit())
        .filter(|&i| i >= 3)
        .is_some_and(|i| {
            let (month, year) = l.split_at(i);
            not_a_name(month) && year.chars().all(|c| c.is_ascii_digit())
        });
    !(versioned || number || dated || not_a_name(&l))
}

/// "returns/adult-social-care.xlsx" -> "Adult Social Care"; "Housing v1 draft.xlsx" ->
/// "Housing" (versions, drafts, months and years are not the directorate).
pub fn directorate_from_file_name(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let named: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| is_directorate_word(w))
        .collect();
    let words = if named.is_empty() { words } else { named };
    words
        .into_iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&'static str]) -> DirectorateNames<'static> {
        let mut names = HashMap::new();
        let mut words = Vec::new();
        for d in list {
            names.insert(DirectorateKey::of(d), *d);
            words.push((*d, words_of(d)));
        }
        DirectorateNames { names, words }
    }

    const PLAN: [&str; 6] = [
        "Housing",
        "Adult Social Care",
        "Care",
        "Finance & Transformation",
        "Chief Executive's Office",
        "Regeneration and Growth",
    ];

    #[test]
    fn file_names_as_councils_write_them_find_their_directorate() {
        let n = names(&PLAN);
        for (text, want) in [
            ("Northshire IP return Jul23 - Housing", "Housing"),
            ("Housing - BVIP update Mar24 v2 FINAL", "Housing"),
            ("adult-social-care", "Adult Social Care"),
            (
                "Northshire Council improvement plan return July 2023 - Adult Social Care",
                "Adult Social Care",
            ),
            ("Care return", "Care"),
            ("Finance and Transformation", "Finance & Transformation"),
            ("finance_july2023", "Finance & Transformation"),
            ("Regen & Growth update", "Regeneration and Growth"),
            ("CEO return", "Chief Executive's Office"),
            ("chief-executives-office", "Chief Executive's Office"),
        ] {
            assert_eq!(n.find(text), Some(want), "{text}");
        }
    }

    #[test]
    fn a_name_that_fits_none_or_two_alike_is_not_matched() {
        let n = names(&PLAN);
        for text in [
            "Estates return",
            "Improvement Plan update July 2023",
            "Return",
            "Sheet1",
            "",
        ] {
            assert_eq!(n.find(text), None, "{text}");
        }
        // "Growth" and "Care" each in one name, but "Growth Care" holds two alike.
        assert_eq!(names(&["Growth", "Care"]).find("Growth Care"), None);
        assert_eq!(n.nearest("Housing Estates")[0], "Housing");
        assert_eq!(n.nearest("Regen").len(), 3);
    }

    #[test]
    fn months_run_into_years_are_no_directorate() {
        for w in [
            "jul23",
            "march2024",
            "dec24",
            "december24",
            "2023",
            "v2",
            "v1.2",
            "draft",
        ] {
            assert!(!is_directorate_word(w), "{w}");
        }
        for w in ["housing", "care", "mar", "decant", "value", "phase2"] {
            assert_eq!(is_directorate_word(w), w != "mar", "{w}");
        }
    }

    #[test]
    fn words_are_alike_when_one_is_the_other_plural_or_start() {
        assert!(alike("cab", "cab"));
        assert!(alike("care", "cares"));
        assert!(alike("regen", "regeneration"));
        assert!(
            !alike("car", "card"),
            "three letters are too few to be a start"
        );
        assert!(!alike("adult", "social"));
    }

    /// A master plan of one action per `(id, directorate)`.
    fn plan(actions: &[(&str, &str)]) -> MasterPlan {
        use crate::model::{
            Action, ActionId, Labels, RowCounts, Source, Sourced, TableInfo, Themes,
        };
        let src = Source::new("plan.xlsx", "Plan", 1, 0);
        MasterPlan {
            table: TableInfo::new("plan.xlsx", "Plan"),
            other_sheets: vec![],
            phrases: crate::commentary::Phrases::builtin(),
            actions: actions
                .iter()
                .map(|(id, d)| Action {
                    id: Sourced::new(ActionId::parse(id).expect("an id"), src.clone()),
                    theme: None,
                    recommendation: None,
                    title: None,
                    owner: None,
                    directorate: (!d.is_empty()).then(|| Sourced::new(d.to_string(), src.clone())),
                    due: None,
                    rag: None,
                    milestones: None,
                    stage: None,
                })
                .collect(),
            themes: Themes::default(),
            labels: Labels::default(),
            recommendations: vec![],
            rows: RowCounts::default(),
        }
    }

    /// A return of `file` reporting `ids`, named by its file.
    fn sent(file: &str, ids: &[&str]) -> DirectorateReturn {
        use crate::model::{ActionId, ReturnRow, Source, Sourced, TableInfo};
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        DirectorateReturn {
            table: TableInfo::new(file, "Return"),
            other_sheets: vec![],
            workbook_sheets: vec!["Return".into()],
            directorate: directorate_from_file_name(Path::new(file)),
            named: Named {
                by: NamedBy::FileName,
                text: stem.to_string(),
                unmatched: None,
            },
            rows: ids
                .iter()
                .map(|id| ReturnRow {
                    id: Sourced::new(
                        ActionId::parse(id).expect("an id"),
                        Source::new(file, "Return", 1, 0),
                    ),
                    theme: None,
                    title: None,
                    owner: None,
                    due: None,
                    rag: None,
                    progress: None,
                    achievements: None,
                    next_steps: None,
                    issues: None,
                    revised: None,
                    change_control: None,
                    milestones: None,
                    stage: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_plan_s_directorates_are_listed_once_each_in_their_first_spelling() {
        let p = plan(&[
            ("1.1", "Housing"),
            ("1.2", ""),
            ("1.3", "housing"),
            ("1.4", "Finance"),
        ]);
        let n = DirectorateNames::of(&p);
        let listed: Vec<&str> = n.words.iter().map(|(d, _)| *d).collect();
        assert_eq!(listed, ["Housing", "Finance"]);
        assert_eq!(n.spelling("HOUSING"), Some("Housing"));
        assert_eq!(n.spelling("Estates"), None);
        // A misspelling shares no word: the closest whole name comes first.
        assert_eq!(n.nearest("Housinq")[0], "Housing");
    }

    #[test]
    fn each_return_is_given_the_masters_name_or_says_it_has_none() {
        let p = plan(&[
            ("1.1", "Housing"),
            ("1.2", "Housing"),
            ("1.3", "Housing"),
            ("2.1", "Finance"),
            ("2.2", "Finance"),
        ]);
        let mut rs = vec![
            sent("Northshire IP return Jul23 - housing.xlsx", &["1.1"]),
            sent("Estates.xlsx", &["1.1", "1.2", "2.1"]),
            sent("Unknown.xlsx", &["1.1", "2.1"]),
            sent("Other.xlsx", &["1.1"]),
            // Three in five is not two in three.
            sent("Mixed.xlsx", &["1.1", "1.2", "1.3", "2.1", "2.2"]),
        ];
        assign(&DirectorateNames::of(&p), &p, &mut rs);
        assert_eq!(
            (rs[0].directorate.as_str(), rs[0].named.by),
            ("Housing", NamedBy::FileName)
        );
        assert_eq!(rs[0].named.unmatched, None);
        // Two of its three actions are Housing's: two in three is enough.
        assert_eq!(
            (rs[1].directorate.as_str(), rs[1].named.by),
            ("Housing", NamedBy::Actions)
        );
        // One of two each, and one action alone, are not.
        for r in &rs[2..] {
            assert_eq!(r.named.by, NamedBy::FileName, "{}", r.table.file);
            let nearest = r.named.unmatched.as_deref().unwrap_or_default();
            assert_eq!(nearest.len(), 2, "{}", r.table.file);
        }
        assert_eq!(
            rs[2].directorate, "Unknown",
            "its own name kept, not invented"
        );
    }

    #[test]
    fn directorate_names_from_files() {
        assert_eq!(
            directorate_from_file_name(Path::new("r/adult-social-care.xlsx")),
            "Adult Social Care"
        );
        assert_eq!(
            directorate_from_file_name(Path::new("Housing.xls")),
            "Housing"
        );
        for name in [
            "housing v1 draft.xlsx",
            "Housing IP return July v2 FINAL.xlsx",
            "HOUSING_2023_07.xlsx",
            "Housing (1).xlsx",
        ] {
            assert_eq!(
                directorate_from_file_name(Path::new(name)).to_lowercase(),
                "housing",
                "{name}"
            );
        }
        assert_eq!(directorate_from_file_name(Path::new("v2.xlsx")), "V2");
    }
}
