//! Each rule with a case that fires and a case that does not.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::rules::fields::word_diff;
use super::*;
use crate::dates::{DateContext, PlanDate};
use crate::load::{FailedReturn, Month};
use crate::model::register::{PrevAction, Previous};
use crate::model::{
    Action, ActionId, DirectorateReturn, Labels, MasterPlan, Rag, ReturnRow, RowCounts, Source,
    Sourced, TableInfo, Themes,
};

fn ctx() -> DateContext {
    DateContext::new(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap())
}

fn src(file: &str, row: u32, col: u32) -> Source {
    Source::new(file, "Sheet1", row, col)
}

fn sv<T>(v: T, file: &str, row: u32, col: u32) -> Option<Sourced<T>> {
    Some(Sourced::new(v, src(file, row, col)))
}

fn table(file: &str) -> TableInfo {
    TableInfo::new(file, "Sheet1")
}

fn action(id: &str, dir: &str, due: &str, rag: Rag) -> Action {
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
    }
}

/// A clean return row for `a`: same title and due, its RAG, some commentary.
fn row_for(a: &Action, file: &str, row: u32) -> ReturnRow {
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
    }
}

fn ret(dir: &str, rows: Vec<ReturnRow>) -> DirectorateReturn {
    let file = rows
        .first()
        .map(|r| r.id.source.file().to_string())
        .unwrap_or_else(|| format!("{dir}.xlsx"));
    DirectorateReturn {
        table: table(&file),
        other_sheets: vec![],
        workbook_sheets: vec!["Sheet1".into()],
        directorate: dir.to_string(),
        rows,
    }
}

fn master(actions: Vec<Action>) -> MasterPlan {
    MasterPlan {
        table: table("master.xlsx"),
        other_sheets: vec![],
        actions,
        themes: Themes::default(),
        labels: Labels::default(),
        recommendations: vec![],
        rows: RowCounts::default(),
    }
}

fn month<'a>(
    m: &'a MasterPlan,
    rs: &'a [DirectorateReturn],
    failed: &'a [FailedReturn],
    previous: Option<&'a Previous>,
    ctx: &'a DateContext,
) -> Month<'a> {
    Month {
        master: m,
        returns: rs,
        failed,
        skipped: &[],
        previous,
        ctx,
    }
}

fn run_prev(m: &MasterPlan, rs: &[DirectorateReturn], prev: &Previous) -> Report {
    counted_alike(
        reconcile_month(&month(m, rs, &[], Some(prev), &ctx())),
        m,
        rs,
        Some(prev),
    )
}

fn run(m: &MasterPlan, rs: &[DirectorateReturn]) -> Report {
    counted_alike(
        reconcile_month(&month(m, rs, &[], None, &ctx())),
        m,
        rs,
        None,
    )
}

/// Every rule test also checks that counting the findings (what `appendix` does) gives
/// the counts of the findings listed.
fn counted_alike(
    r: Report,
    m: &MasterPlan,
    rs: &[DirectorateReturn],
    prev: Option<&Previous>,
) -> Report {
    let c = ctx();
    let mo = month(m, rs, &[], prev, &c);
    assert_eq!(
        super::count_findings(&mo, &r.status),
        super::Counts::of(&r.findings)
    );
    r
}

fn codes(r: &Report, id: &str) -> Vec<Code> {
    let mut c: Vec<Code> = r
        .findings
        .iter()
        .filter(|f| f.action.as_ref().map(|a| a.as_str()) == Some(id))
        .map(|f| f.code)
        .collect();
    c.sort();
    c
}

fn all_codes(r: &Report) -> Vec<Code> {
    let mut c: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    c.sort();
    c
}

/// One action due December 2023, Green, reported cleanly.
fn clean() -> (MasterPlan, Vec<DirectorateReturn>) {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let r = row_for(&a, "housing.xlsx", 1);
    (master(vec![a]), vec![ret("Housing", vec![r])])
}

#[test]
fn a_clean_return_has_no_findings() {
    let (m, rs) = clean();
    assert_eq!(all_codes(&run(&m, &rs)), Vec::<Code>::new());
}

#[test]
fn m01_missing_return() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let b = action("CO.A1.1", "Finance", "December 2023", Rag::Green);
    let r = row_for(&a, "housing.xlsx", 1);
    let rep = run(
        &master(vec![a.clone(), b.clone()]),
        &[ret("Housing", vec![r.clone()])],
    );
    assert_eq!(all_codes(&rep), vec![Code::M01]);
    assert_eq!(rep.status.missing_returns, vec!["Finance".to_string()]);
    let rep = run(
        &master(vec![a, b.clone()]),
        &[
            ret("Housing", vec![r]),
            ret("finance", vec![row_for(&b, "f.xlsx", 1)]),
        ],
    );
    assert_eq!(all_codes(&rep), vec![]);
}

#[test]
fn m02_unknown_action_suggests_nearest() {
    let (m, mut rs) = clean();
    let mut extra = row_for(&m.actions[0], "housing.xlsx", 2);
    extra.id.value = ActionId::parse("OC.A1.11").unwrap();
    rs[0].rows.push(extra);
    let rep = run(&m, &rs);
    assert_eq!(codes(&rep, "OC.A1.11"), vec![Code::M02]);
    assert!(
        rep.findings[0].message.contains("did you mean OC.A1.1"),
        "{}",
        rep.findings[0].message
    );
    assert_eq!(codes(&rep, "OC.A1.1"), vec![]);
}

#[test]
fn m03_not_reported_only_when_owner_sent_a_return_and_action_is_open() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let b = action("OC.A1.2", "Housing", "December 2023", Rag::Green);
    let done = action("OC.A1.3", "Housing", "March 2023", Rag::Complete);
    let r = row_for(&a, "housing.xlsx", 1);
    let rep = run(&master(vec![a, b, done]), &[ret("Housing", vec![r])]);
    assert_eq!(codes(&rep, "OC.A1.2"), vec![Code::M03]);
    assert_eq!(codes(&rep, "OC.A1.3"), vec![]);
}

#[test]
fn m04_duplicate_rows_identical_warn_and_conflicting_error() {
    let (m, mut rs) = clean();
    let dup = rs[0].rows[0].clone();
    rs[0].rows.push(dup);
    let rep = run(&m, &rs);
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::M04]);
    assert_eq!(rep.findings[0].severity, Severity::Warning);

    let (m, mut rs) = clean();
    let mut other = rs[0].rows[0].clone();
    other.progress = sv("Different words".to_string(), "housing.xlsx", 2, 6);
    rs[0].rows.push(other);
    let rep = run(&m, &rs);
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::M04]);
    assert_eq!(rep.findings[0].severity, Severity::Error);
}

#[test]
fn m05_returns_disagree_on_revised_date() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r1 = row_for(&a, "housing.xlsx", 1);
    let mut r2 = row_for(&a, "ceo.xlsx", 1);
    r1.revised = sv(
        PlanDate::parse("November 2023", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    r2.revised = sv(PlanDate::parse("October 2023", &ctx()), "ceo.xlsx", 1, 10);
    let m = master(vec![a]);
    let rep = run(
        &m,
        &[
            ret("Housing", vec![r1.clone()]),
            ret("CEO", vec![r2.clone()]),
        ],
    );
    assert!(
        codes(&rep, "OC.A1.1").contains(&Code::M05),
        "{:?}",
        codes(&rep, "OC.A1.1")
    );
    // Three returns, the third alone in its date: still a disagreement.
    let mut r3 = row_for(&m.actions[0], "legal.xlsx", 1);
    r3.revised = sv(PlanDate::parse("January 2024", &ctx()), "legal.xlsx", 1, 10);
    r2.revised = r1.revised.clone();
    let three = [
        ret("Housing", vec![r1.clone()]),
        ret("CEO", vec![r2.clone()]),
        ret("Legal", vec![r3]),
    ];
    assert!(codes(&run(&m, &three), "OC.A1.1").contains(&Code::M05));
    let rep = run(&m, &[ret("Housing", vec![r1]), ret("CEO", vec![r2])]);
    assert!(!codes(&rep, "OC.A1.1").contains(&Code::M05));
}

#[test]
fn m06_duplicate_master_id() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let r = row_for(&a, "housing.xlsx", 1);
    let rep = run(&master(vec![a.clone(), a]), &[ret("Housing", vec![r])]);
    assert_eq!(all_codes(&rep), vec![Code::M06]);
}

#[test]
fn f01_title_changed_with_word_diff_but_not_for_case_or_spacing() {
    let (m, mut rs) = clean();
    rs[0].rows[0].title = sv(
        "Title of the OC.A1.1 action".to_string(),
        "housing.xlsx",
        1,
        2,
    );
    let rep = run(&m, &rs);
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::F01]);
    assert_eq!(
        rep.findings[0].detail.as_deref(),
        Some("Title of {+the +}OC.A1.1{+ action+}")
    );

    let (m, mut rs) = clean();
    rs[0].rows[0].title = sv("  title OF  oc.a1.1 ".to_string(), "housing.xlsx", 1, 2);
    assert_eq!(all_codes(&run(&m, &rs)), vec![]);
}

/// `clean()` with the plan's themes, the action in the first.
fn clean_with_themes() -> (MasterPlan, Vec<DirectorateReturn>) {
    let (mut m, rs) = clean();
    m.themes = Themes::listed(&[
        "Organisational Culture".into(),
        "Corporate Oversight".into(),
    ]);
    let oc = m.themes.find("Organisational Culture");
    m.actions[0].theme = oc.map(|t| Sourced::new(t, src("master.xlsx", 1, 1)));
    (m, rs)
}

#[test]
fn f02_owner_and_f03_theme_changed() {
    let (m, mut rs) = clean_with_themes();
    rs[0].rows[0].owner = sv("Someone Else".to_string(), "housing.xlsx", 1, 3);
    rs[0].rows[0].theme = sv("Corporate Oversight".to_string(), "housing.xlsx", 1, 1);
    assert_eq!(codes(&run(&m, &rs), "OC.A1.1"), vec![Code::F02, Code::F03]);

    let (m, mut rs) = clean_with_themes();
    rs[0].rows[0].owner = sv("director".to_string(), "housing.xlsx", 1, 3);
    rs[0].rows[0].theme = sv("Organisational culture".to_string(), "housing.xlsx", 1, 1);
    assert_eq!(all_codes(&run(&m, &rs)), vec![]);
}

fn slipped(cc: Option<&str>, rag: Rag) -> Report {
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

#[test]
fn d01_and_d02_slippage_with_and_without_change_control() {
    assert_eq!(
        codes(&slipped(None, Rag::Amber), "OC.A1.1"),
        vec![Code::D01]
    );
    let with_cc = slipped(Some("Change control approved 4 July"), Rag::Amber);
    assert_eq!(codes(&with_cc, "OC.A1.1"), vec![Code::D02]);
    assert_eq!(with_cc.status.slippage.len(), 1);
    assert_eq!(with_cc.status.slippage[0].days, 92);
    assert!(with_cc.status.slippage[0].change_control);
    // "n/a" in the change-control column is not a change control.
    assert_eq!(
        codes(&slipped(Some("n/a"), Rag::Amber), "OC.A1.1"),
        vec![Code::D01]
    );
}

#[test]
fn d02_change_control_announced_in_commentary() {
    let a = action("OC.C4.1", "Housing", "May 23", Rag::Amber);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.progress = sv(
        "Amber rated. Change control to December 23".to_string(),
        "housing.xlsx",
        1,
        6,
    );
    let rep = run(&master(vec![a]), &[ret("Housing", vec![r])]);
    assert_eq!(codes(&rep, "OC.C4.1"), vec![Code::D02]);
    assert_eq!(
        rep.status.actions[0]
            .revised_date()
            .map(|d| d.text.as_str()),
        Some("December 23")
    );
}

#[test]
fn d03_overdue_unless_complete() {
    let a = action("OC.A1.1", "Housing", "May 23", Rag::Amber);
    let r = row_for(&a, "housing.xlsx", 1);
    let rep = run(&master(vec![a.clone()]), &[ret("Housing", vec![r])]);
    // Amber and overdue: the dates imply Red, so G07 too.
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::D03, Code::G07]);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(Rag::Complete, "housing.xlsx", 1, 5);
    r.progress = sv("Done in May".to_string(), "housing.xlsx", 1, 6);
    let rep = run(&master(vec![a.clone()]), &[ret("Housing", vec![r])]);
    assert_eq!(codes(&rep, "OC.A1.1"), vec![]);
    // Due this month is not overdue yet.
    let b = action("OC.A1.2", "Housing", "July 2023", Rag::Green);
    let rep = run(
        &master(vec![b.clone()]),
        &[ret("Housing", vec![row_for(&b, "h.xlsx", 1)])],
    );
    assert_eq!(codes(&rep, "OC.A1.2"), vec![]);
}

#[test]
fn d04_moved_earlier() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.revised = sv(
        PlanDate::parse("September 2023", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    assert_eq!(
        codes(
            &run(&master(vec![a]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![Code::D04]
    );
}

/// A revised date inside the due month, even on its first day, is not earlier (the boundary
/// `cargo mutants` found untested: `<` against `<=`).
#[test]
fn d04_not_for_a_date_within_the_due_month() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    for within in ["01/12/2023", "15/12/2023"] {
        let mut r = row_for(&a, "housing.xlsx", 1);
        r.revised = sv(PlanDate::parse(within, &ctx()), "housing.xlsx", 1, 10);
        assert_eq!(
            codes(
                &run(&master(vec![a.clone()]), &[ret("Housing", vec![r])]),
                "OC.A1.1"
            ),
            Vec::<Code>::new(),
            "{within}"
        );
    }
}

#[test]
fn d05_unparseable_date_but_not_a_change_control_phrase() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.revised = sv(
        PlanDate::parse("after the elections", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    assert_eq!(
        codes(
            &run(&master(vec![a.clone()]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![Code::D05]
    );
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.revised = sv(PlanDate::parse("tbc", &ctx()), "housing.xlsx", 1, 10);
    assert_eq!(
        codes(
            &run(&master(vec![a]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![]
    );
}

#[test]
fn g01_green_but_overdue_or_slipped_without_change_control() {
    let a = action("OC.A1.1", "Housing", "May 23", Rag::Green);
    let rep = run(
        &master(vec![a.clone()]),
        &[ret("Housing", vec![row_for(&a, "h.xlsx", 1)])],
    );
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::D03, Code::G01]);
    assert_eq!(
        codes(&slipped(None, Rag::Green), "OC.A1.1"),
        vec![Code::D01, Code::G01]
    );
    // Green with an approved change control is not G01 (G06 info: re-dated, still Green).
    assert_eq!(
        codes(
            &slipped(Some("Change control to December 23"), Rag::Green),
            "OC.A1.1"
        ),
        vec![Code::D02, Code::G06]
    );
}

#[test]
fn g02_complete_with_delay_words() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(Rag::Complete, "housing.xlsx", 1, 5);
    r.progress = sv(
        "Complete apart from the lease, still awaiting signature".to_string(),
        "housing.xlsx",
        1,
        6,
    );
    assert_eq!(
        codes(
            &run(&master(vec![a.clone()]), &[ret("Housing", vec![r.clone()])]),
            "OC.A1.1"
        ),
        vec![Code::G02]
    );
    r.progress = sv(
        "Complete: lease signed on 3 July".to_string(),
        "housing.xlsx",
        1,
        6,
    );
    assert_eq!(
        codes(
            &run(&master(vec![a]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![]
    );
}

#[test]
fn g03_red_or_amber_without_commentary() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Amber);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.progress = None;
    assert_eq!(
        codes(
            &run(&master(vec![a.clone()]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![Code::G03]
    );
    let r = row_for(&a, "housing.xlsx", 1);
    assert_eq!(
        codes(
            &run(&master(vec![a]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![]
    );
}

#[test]
fn g04_one_action_rated_two_ways() {
    let a = action("PR.C1.1", "Children", "December 2023", Rag::Amber);
    let r1 = row_for(&a, "children.xlsx", 1);
    let mut r2 = row_for(&a, "ceo.xlsx", 1);
    r2.rag = sv(Rag::Green, "ceo.xlsx", 1, 5);
    let m = master(vec![a]);
    let rep = run(
        &m,
        &[
            ret("Children", vec![r1.clone()]),
            ret("CEO", vec![r2.clone()]),
        ],
    );
    assert_eq!(codes(&rep, "PR.C1.1"), vec![Code::G04]);
    assert_eq!(rep.findings[0].party.name(), "CEO");
    assert_eq!(rep.findings[0].sources.len(), 2);
    // The owner's rating is the month's rating.
    assert_eq!(rep.status.actions[0].rag, Some(Rag::Amber));
    r2.rag = r1.rag.clone();
    assert_eq!(
        all_codes(&run(&m, &[ret("Children", vec![r1]), ret("CEO", vec![r2])])),
        vec![]
    );
}

#[test]
fn g05_rag_changed_without_commentary() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(Rag::NotStarted, "housing.xlsx", 1, 5);
    r.progress = None;
    assert_eq!(
        codes(
            &run(&master(vec![a.clone()]), &[ret("Housing", vec![r.clone()])]),
            "OC.A1.1"
        ),
        vec![Code::G05]
    );
    r.progress = sv(
        "Start delayed by the restructure".to_string(),
        "housing.xlsx",
        1,
        6,
    );
    assert_eq!(
        codes(
            &run(&master(vec![a]), &[ret("Housing", vec![r])]),
            "OC.A1.1"
        ),
        vec![]
    );
}

fn previous(rag: Rag, revised: Option<&str>) -> Previous {
    previous_with(PrevAction {
        rag: Some(rag),
        revised: revised.map(|t| PlanDate::parse(t, &ctx())),
        ..PrevAction::default()
    })
}

/// OC.A1.1, due September 2023 in the master, reported at `rag` with a revised date of
/// December 23 under an approved change control.
fn moved_to_december(rag: Rag) -> (MasterPlan, [DirectorateReturn; 1]) {
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

#[test]
fn g06_and_p04_date_moved_month_on_month() {
    let (m, rs) = moved_to_december(Rag::Amber);
    // Last month Amber with revised date October: moved again, RAG unchanged.
    let rep = run_prev(&m, &rs, &previous(Rag::Amber, Some("October 2023")));
    assert_eq!(
        codes(&rep, "OC.A1.1"),
        vec![Code::D02, Code::G06, Code::P04]
    );
    let p04 = |rep: &Report| {
        rep.findings
            .iter()
            .find(|f| f.code == Code::P04)
            .map(|f| f.message.clone())
            .unwrap_or_default()
    };
    assert!(p04(&rep).contains("slipped again"), "{}", p04(&rep));
    // Last month on the master date: this is its first slip, not "again".
    let rep = run_prev(&m, &rs, &previous(Rag::Amber, None));
    assert!(
        p04(&rep).contains("slipped this month") && !p04(&rep).contains("again"),
        "{}",
        p04(&rep)
    );
    // Last month already December: nothing moved.
    let rep = run_prev(&m, &rs, &previous(Rag::Amber, Some("December 23")));
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::D02]);
}

#[test]
fn p01_p02_p03_rag_movement() {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let m = master(vec![a.clone()]);
    let rs = [ret("Housing", vec![row_for(&a, "h.xlsx", 1)])];
    assert_eq!(
        codes(&run_prev(&m, &rs, &previous(Rag::Amber, None)), "OC.A1.1"),
        vec![Code::P01]
    );
    assert_eq!(
        codes(
            &run_prev(&m, &rs, &previous(Rag::Complete, None)),
            "OC.A1.1"
        ),
        vec![Code::P02]
    );
    assert_eq!(
        codes(&run_prev(&m, &rs, &previous(Rag::Green, None)), "OC.A1.1"),
        vec![]
    );
    let mut done = row_for(&a, "h.xlsx", 1);
    done.rag = sv(Rag::Complete, "h.xlsx", 1, 5);
    let rs = [ret("Housing", vec![done])];
    assert_eq!(
        codes(&run_prev(&m, &rs, &previous(Rag::Green, None)), "OC.A1.1"),
        vec![Code::P03]
    );
}

#[test]
fn g07_stated_better_than_derived() {
    // Amber but overdue (derived Red).
    let a = action("OC.A1.1", "Housing", "April 2023", Rag::Amber);
    assert!(
        codes(
            &run(
                &master(vec![a.clone()]),
                &[ret("Housing", vec![row_for(&a, "h.xlsx", 1)])]
            ),
            "OC.A1.1"
        )
        .contains(&Code::G07)
    );
    // Red and overdue: as bad as derived, no G07.
    let b = action("OC.A1.1", "Housing", "April 2023", Rag::Red);
    assert_eq!(
        codes(
            &run(
                &master(vec![b.clone()]),
                &[ret("Housing", vec![row_for(&b, "h.xlsx", 1)])]
            ),
            "OC.A1.1"
        ),
        vec![Code::D03]
    );
}

#[test]
fn g08_no_rag() {
    let (m, mut rs) = clean();
    rs[0].rows[0].rag = None;
    assert_eq!(codes(&run(&m, &rs), "OC.A1.1"), vec![Code::G08]);
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

#[test]
fn word_diffs() {
    assert_eq!(
        word_diff(
            "Fleet replacement complete",
            "Fleet replacement programme complete"
        ),
        "Fleet replacement {+programme +}complete"
    );
    assert_eq!(word_diff("a b c", "a x c"), "a [-b-]{+x+} c");
}

fn previous_with(p: PrevAction) -> Previous {
    let mut actions = HashMap::new();
    actions.insert(ActionId::parse("OC.A1.1").unwrap(), p);
    Previous {
        month: Some("June 2023".into()),
        actions,
    }
}

fn months(list: &[(&str, &str)]) -> Vec<(crate::model::YearMonth, crate::model::Rating)> {
    list.iter()
        .map(|(m, r)| {
            (
                crate::model::YearMonth::parse_key(m).unwrap(),
                crate::model::Rating::from_label(r).unwrap(),
            )
        })
        .collect()
}

#[test]
fn p05_repeated_slippage_p06_persistently_red_p07_rebaselined() {
    let (m, rs) = moved_to_december(Rag::Red);
    // Moved twice before, and again now (October to December); Red in May and June too.
    let history = PrevAction {
        rag: Some(Rag::Red),
        revised: Some(PlanDate::parse("October 2023", &ctx())),
        due: Some("September 2023".into()),
        baseline: Some("June 2023".into()),
        moves: 2,
        months_red: 2,
        ratings: months(&[("2023-05", "Red"), ("2023-06", "Red")]),
        ..PrevAction::default()
    };
    let rep = run_prev(&m, &rs, &previous_with(history.clone()));
    let got = codes(&rep, "OC.A1.1");
    assert!(
        got.contains(&Code::P05) && got.contains(&Code::P06),
        "{got:?}"
    );
    assert!(!got.contains(&Code::P07), "the master date did not change");
    let msg = |rep: &Report, c: Code| {
        rep.findings
            .iter()
            .find(|f| f.code == c)
            .map(|f| f.message.clone())
            .unwrap_or_default()
    };
    assert!(
        msg(&rep, Code::P05).contains("moved 3 times: due June 2023 at first, now December 23"),
        "{}",
        msg(&rep, Code::P05)
    );
    assert!(msg(&rep, Code::P06).contains("Red for 3 months running"));
    let s = &rep.status.actions[0].history;
    assert_eq!(s.months_red, 3);
    assert_eq!(
        s.ratings.last().map(|(m, _)| m.key()),
        Some("2023-07".to_string())
    );

    // One move before, Amber last month: neither.
    let fewer = PrevAction {
        moves: 1,
        rag: Some(Rag::Amber),
        ratings: months(&[("2023-05", "Red"), ("2023-06", "Amber")]),
        ..history.clone()
    };
    let got = codes(&run_prev(&m, &rs, &previous_with(fewer)), "OC.A1.1");
    assert!(
        !got.contains(&Code::P05) && !got.contains(&Code::P06),
        "{got:?}"
    );

    // The master said June last month and September now: re-baselined, both dates named.
    let moved_master = PrevAction {
        due: Some("June 2023".into()),
        ..history
    };
    let rep = run_prev(&m, &rs, &previous_with(moved_master));
    assert!(codes(&rep, "OC.A1.1").contains(&Code::P07));
    assert!(
        msg(&rep, Code::P07).contains("from June 2023 to September 2023"),
        "{}",
        msg(&rep, Code::P07)
    );
}
