//! What the rule tests share: a month built in memory (a master plan, returns, files that
//! failed or were set aside, last month), run through the rules as `reconcile` runs them,
//! and [`Case`]: one rule's firing and quiet case. Each family's tests live beside it
//! (`rules/<family>/tests.rs`) with a `CASES` table, and
//! [`every_code_has_a_case_that_fires_and_one_that_does_not`] runs them all and fails for a
//! code of the registry without both.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Code, Counts, Report, count_findings, reconcile_month, sort_findings};
use crate::dates::{DateContext, PlanDate};
use crate::load::{FailedReturn, Month};
use crate::model::register::{PrevAction, Previous};
use crate::model::{
    Action, ActionId, DirectorateReturn, Field, Labels, MappedColumn, MasterPlan, Rag, ReturnRow,
    RowCounts, Source, Sourced, TableInfo, Themes,
};
use crate::read::intake::Skipped;

/// One month in memory: what `load` would hand the rules.
pub(crate) struct Scene {
    pub master: MasterPlan,
    pub returns: Vec<DirectorateReturn>,
    pub failed: Vec<FailedReturn>,
    pub skipped: Vec<Skipped>,
    pub previous: Option<Previous>,
}

impl Scene {
    pub fn new(master: MasterPlan, returns: Vec<DirectorateReturn>) -> Scene {
        Scene {
            master,
            returns,
            failed: vec![],
            skipped: vec![],
            previous: None,
        }
    }

    /// The month's report, as `reconcile` makes it; checks on the way that counting the
    /// findings (what `appendix` does) gives the counts of the findings listed.
    pub fn run(&self) -> Report {
        let c = ctx();
        let month = Month {
            master: &self.master,
            returns: &self.returns,
            failed: &self.failed,
            skipped: &self.skipped,
            previous: self.previous.as_ref(),
            ctx: &c,
        };
        let r = reconcile_month(&month);
        assert_eq!(count_findings(&month, &r.status), Counts::of(&r.findings));
        r
    }
}

/// A rule's two cases: a month where it fires, and one as near as can be where it does not.
pub(crate) struct Case {
    pub code: Code,
    pub fires: fn() -> Report,
    pub quiet: fn() -> Report,
}

pub(crate) fn run(m: &MasterPlan, rs: &[DirectorateReturn]) -> Report {
    Scene::new(m.clone(), rs.to_vec()).run()
}

pub(crate) fn run_prev(m: &MasterPlan, rs: &[DirectorateReturn], prev: &Previous) -> Report {
    let mut scene = Scene::new(m.clone(), rs.to_vec());
    scene.previous = Some(prev.clone());
    scene.run()
}

pub(crate) fn ctx() -> DateContext {
    DateContext::new(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap())
}

pub(crate) fn src(file: &str, row: u32, col: u32) -> Source {
    Source::new(file, "Sheet1", row, col)
}

pub(crate) fn sv<T>(v: T, file: &str, row: u32, col: u32) -> Option<Sourced<T>> {
    Some(Sourced::new(v, src(file, row, col)))
}

pub(crate) fn table(file: &str) -> TableInfo {
    TableInfo::new(file, "Sheet1")
}

pub(crate) fn action(id: &str, dir: &str, due: &str, rag: Rag) -> Action {
    let f = "master.xlsx";
    Action {
        id: Sourced::new(ActionId::parse(id).unwrap(), src(f, 1, 0)),
        theme: None,
        recommendation: sv("S1".to_string(), f, 1, 2),
        title: sv(format!("Title of {id}"), f, 1, 3),
        owner: sv("Director".to_string(), f, 1, 4),
        directorate: sv(dir.to_string(), f, 1, 5),
        due: sv(PlanDate::parse(due, &ctx()), f, 1, 6),
        rag: sv(rag, f, 1, 7),
        milestones: None,
        stage: None,
    }
}

/// A clean return row for `a`: same title and due, its RAG, some commentary.
pub(crate) fn row_for(a: &Action, file: &str, row: u32) -> ReturnRow {
    ReturnRow {
        id: Sourced::new(a.id.value.clone(), src(file, row, 0)),
        theme: None,
        title: a
            .title
            .as_ref()
            .map(|t| Sourced::new(t.value.clone(), src(file, row, 2))),
        owner: None,
        due: None,
        rag: sv(a.rag.as_ref().unwrap().value, file, row, 5),
        progress: sv("Work progressing to plan.".to_string(), file, row, 6),
        achievements: None,
        next_steps: None,
        issues: None,
        revised: None,
        change_control: None,
        milestones: None,
        stage: None,
    }
}

/// `t` with a column for `field`, as the reader maps one.
pub(crate) fn with_column(mut t: TableInfo, field: Field, col: u32, header: &str) -> TableInfo {
    t.columns.push(MappedColumn {
        field,
        col,
        header: header.into(),
        by_words: None,
    });
    t
}

pub(crate) fn ret(dir: &str, rows: Vec<ReturnRow>) -> DirectorateReturn {
    let file = rows
        .first()
        .map(|r| r.id.source.file().to_string())
        .unwrap_or_else(|| format!("{dir}.xlsx"));
    DirectorateReturn {
        table: with_column(table(&file), Field::Rag, 5, "RAG"),
        other_sheets: vec![],
        workbook_sheets: vec!["Sheet1".into()],
        directorate: dir.to_string(),
        named: crate::model::Named::default(),
        rows,
    }
}

pub(crate) fn master(actions: Vec<Action>) -> MasterPlan {
    MasterPlan {
        table: with_column(table("master.xlsx"), Field::Due, 6, "Due date"),
        other_sheets: vec![],
        actions,
        themes: Themes::default(),
        labels: Labels::default(),
        phrases: crate::commentary::Phrases::builtin(),
        recommendations: vec![],
        rows: RowCounts::default(),
    }
}

pub(crate) fn codes(r: &Report, id: &str) -> Vec<Code> {
    let mut c: Vec<Code> = r
        .findings
        .iter()
        .filter(|f| f.action.as_ref().map(|a| a.as_str()) == Some(id))
        .map(|f| f.code)
        .collect();
    c.sort();
    c
}

pub(crate) fn all_codes(r: &Report) -> Vec<Code> {
    let mut c: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    c.sort();
    c
}

/// One action due December 2023, Green, reported cleanly.
pub(crate) fn clean() -> (MasterPlan, Vec<DirectorateReturn>) {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let r = row_for(&a, "housing.xlsx", 1);
    (master(vec![a]), vec![ret("Housing", vec![r])])
}

/// `clean()` with the plan's themes, the action in the first.
pub(crate) fn clean_with_themes() -> (MasterPlan, Vec<DirectorateReturn>) {
    let (mut m, rs) = clean();
    m.themes = Themes::listed(&[
        "Organisational Culture".into(),
        "Corporate Oversight".into(),
    ]);
    let oc = m.themes.find("Organisational Culture");
    m.actions[0].theme = oc.map(|t| Sourced::new(t, src("master.xlsx", 1, 1)));
    (m, rs)
}

pub(crate) fn slipped(cc: Option<&str>, rag: Rag) -> Report {
    let a = action("OC.A1.1", "Housing", "September 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(rag, "housing.xlsx", 1, 5);
    r.revised = sv(
        PlanDate::parse("December 23", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    r.change_control = cc.and_then(|c| sv(c.to_string(), "housing.xlsx", 1, 11));
    run(&master(vec![a]), &[ret("Housing", vec![r])])
}

pub(crate) fn previous(rag: Rag, revised: Option<&str>) -> Previous {
    previous_with(PrevAction {
        rag: Some(rag),
        revised: revised.map(|t| PlanDate::parse(t, &ctx())),
        ..PrevAction::default()
    })
}

/// OC.A1.1, due September 2023 in the master, reported at `rag` with a revised date of
/// December 23 under an approved change control.
pub(crate) fn moved_to_december(rag: Rag) -> (MasterPlan, [DirectorateReturn; 1]) {
    let a = action("OC.A1.1", "Housing", "September 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(rag, "housing.xlsx", 1, 5);
    r.revised = sv(
        PlanDate::parse("December 23", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    r.change_control = sv("Change control approved".into(), "housing.xlsx", 1, 11);
    (master(vec![a]), [ret("Housing", vec![r])])
}

pub(crate) fn previous_with(p: PrevAction) -> Previous {
    let mut actions = HashMap::new();
    actions.insert(ActionId::parse("OC.A1.1").unwrap(), p);
    Previous {
        month: crate::model::YearMonth::parse_name("June 2023"),
        actions,
    }
}

pub(crate) fn months(
    list: &[(&str, &str)],
) -> Vec<(crate::model::YearMonth, crate::model::Rating)> {
    list.iter()
        .map(|(m, r)| {
            (
                crate::model::YearMonth::parse_key(m).unwrap(),
                crate::model::Rating::from_label(r).unwrap(),
            )
        })
        .collect()
}

/// The master plan and the returns of `clean()`, as a scene to change.
pub(crate) fn clean_scene() -> Scene {
    let (m, rs) = clean();
    Scene::new(m, rs)
}

/// The finding of `code` in `rep`, or a panic naming what was found instead.
pub(crate) fn finding(rep: &Report, code: Code) -> &super::Finding {
    rep.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} among {:?}", all_codes(rep)))
}

#[test]
fn a_clean_return_has_no_findings() {
    assert_eq!(all_codes(&clean_scene().run()), Vec::<Code>::new());
}

#[test]
fn findings_sort_stably() {
    let a = action("OC.A1.1", "Housing", "May 23", Rag::Green);
    let rep = run(
        &master(vec![a.clone()]),
        &[ret("Housing", vec![row_for(&a, "h.xlsx", 1)])],
    );
    let mut again = rep.findings.clone();
    again.reverse();
    sort_findings(&mut again);
    assert_eq!(
        again.iter().map(|f| f.code).collect::<Vec<_>>(),
        rep.findings.iter().map(|f| f.code).collect::<Vec<_>>()
    );
}

/// Every family's `CASES`, in the registry's order (a family of the registry without a
/// `tests` module beside it does not compile).
macro_rules! family_cases {
    ($($family:ident: $($code:ident),+;)+) => {
        [$(super::rules::$family::tests::CASES),+].into_iter().flatten()
    };
}

#[test]
fn every_code_has_a_case_that_fires_and_one_that_does_not() {
    let cases: Vec<&Case> = super::code::with_registry!(family_cases).collect();
    for code in Code::ALL {
        let mine: Vec<&&Case> = cases.iter().filter(|c| c.code == *code).collect();
        assert!(!mine.is_empty(), "{code} has no case in its family's CASES");
        for c in mine {
            let fired = all_codes(&(c.fires)());
            assert!(fired.contains(code), "{code}'s firing case gave {fired:?}");
            let quiet = all_codes(&(c.quiet)());
            assert!(!quiet.contains(code), "{code}'s quiet case gave {quiet:?}");
        }
    }
}
