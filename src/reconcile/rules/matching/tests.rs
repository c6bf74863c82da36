//! M: each rule's firing and quiet case (`CASES`), then the cases in detail.

use super::short;
use crate::dates::PlanDate;
use crate::model::{ActionId, Rag};
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Report, Severity};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::M01, fires: finance_sent_nothing, quiet: both_sent },
    Case { code: Code::M02, fires: unknown_row, quiet: clean_run },
    Case { code: Code::M03, fires: one_of_two_reported, quiet: unreported_is_complete },
    Case { code: Code::M04, fires: row_twice, quiet: clean_run },
    Case { code: Code::M05, fires: two_revised_dates, quiet: one_revised_date },
    Case { code: Code::M06, fires: master_id_twice, quiet: clean_run },
];

fn clean_run() -> Report {
    clean_scene().run()
}

/// Housing and Finance own an action each; `finance` says whether Finance sent a return.
fn housing_and_finance(finance: bool) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let b = action("CO.A1.1", "Finance", "December 2023", Rag::Green);
    let mut rs = vec![ret("Housing", vec![row_for(&a, "housing.xlsx", 1)])];
    if finance {
        rs.push(ret("finance", vec![row_for(&b, "f.xlsx", 1)]));
    }
    run(&master(vec![a, b]), &rs)
}

fn finance_sent_nothing() -> Report {
    housing_and_finance(false)
}

fn both_sent() -> Report {
    housing_and_finance(true)
}

fn unknown_row() -> Report {
    let (m, mut rs) = clean();
    let mut extra = row_for(&m.actions[0], "housing.xlsx", 2);
    extra.id.value = ActionId::parse("OC.A1.11").unwrap();
    rs[0].rows.push(extra);
    run(&m, &rs)
}

/// Housing reports OC.A1.1 and not OC.A1.2, rated `second`.
fn second_unreported(second: Rag) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let b = action("OC.A1.2", "Housing", "December 2023", second);
    let r = row_for(&a, "housing.xlsx", 1);
    run(&master(vec![a, b]), &[ret("Housing", vec![r])])
}

fn one_of_two_reported() -> Report {
    second_unreported(Rag::Green)
}

fn unreported_is_complete() -> Report {
    second_unreported(Rag::Complete)
}

fn row_twice() -> Report {
    let (m, mut rs) = clean();
    let dup = rs[0].rows[0].clone();
    rs[0].rows.push(dup);
    run(&m, &rs)
}

/// Housing and the CEO both report OC.A1.1, revised to November and to `ceo`.
fn housing_and_ceo_revise(ceo: &str) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r1 = row_for(&a, "housing.xlsx", 1);
    let mut r2 = row_for(&a, "ceo.xlsx", 1);
    r1.revised = sv(
        PlanDate::parse("November 2023", &ctx()),
        "housing.xlsx",
        1,
        10,
    );
    r2.revised = sv(PlanDate::parse(ceo, &ctx()), "ceo.xlsx", 1, 10);
    run(
        &master(vec![a]),
        &[ret("Housing", vec![r1]), ret("CEO", vec![r2])],
    )
}

fn two_revised_dates() -> Report {
    housing_and_ceo_revise("October 2023")
}

fn one_revised_date() -> Report {
    housing_and_ceo_revise("November 2023")
}

fn master_id_twice() -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let r = row_for(&a, "housing.xlsx", 1);
    run(&master(vec![a.clone(), a]), &[ret("Housing", vec![r])])
}

#[test]
fn m01_missing_return() {
    let rep = finance_sent_nothing();
    assert_eq!(all_codes(&rep), vec![Code::M01]);
    assert_eq!(rep.status.missing_returns, vec!["Finance".to_string()]);
    assert_eq!(all_codes(&both_sent()), vec![]);
}

#[test]
fn m02_unknown_action_suggests_nearest() {
    let rep = unknown_row();
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
    let rep = row_twice();
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
    assert_eq!(all_codes(&master_id_twice()), vec![Code::M06]);
}

#[test]
fn long_titles_are_cut_to_sixty_characters_with_an_ellipsis() {
    let sixty = "é".repeat(60);
    assert_eq!(short(&sixty), sixty, "sixty characters are kept whole");
    let cut = short(&"é".repeat(61));
    assert_eq!(cut.chars().count(), 60);
    assert!(
        cut.ends_with("...") && cut.starts_with(&"é".repeat(57)),
        "{cut}"
    );
}
