//! D: each rule's firing and quiet case (`CASES`), then the cases in detail.

use crate::dates::PlanDate;
use crate::model::Rag;
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Report};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::D01, fires: slipped_alone, quiet: slipped_under_change_control },
    Case { code: Code::D02, fires: slipped_under_change_control, quiet: slipped_alone },
    Case { code: Code::D03, fires: past_due_open, quiet: past_due_complete },
    Case { code: Code::D04, fires: brought_forward, quiet: revised_within_due_month },
    Case { code: Code::D05, fires: revised_in_words, quiet: revised_tbc },
];

fn slipped_alone() -> Report {
    slipped(None, Rag::Amber)
}

fn slipped_under_change_control() -> Report {
    slipped(Some("Change control approved 4 July"), Rag::Amber)
}

/// OC.A1.1 due May 2023 (before this July) and reported at `rag`.
fn past_due(rag: Rag) -> Report {
    let a = action("OC.A1.1", "Housing", "May 23", Rag::Amber);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(rag, "housing.xlsx", 1, 5);
    r.progress = sv("Done in May".to_string(), "housing.xlsx", 1, 6);
    run(&master(vec![a]), &[ret("Housing", vec![r])])
}

fn past_due_open() -> Report {
    past_due(Rag::Amber)
}

fn past_due_complete() -> Report {
    past_due(Rag::Complete)
}

/// OC.A1.1 due December 2023, its revised date written as `text`.
fn revised(text: &str) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.revised = sv(PlanDate::parse(text, &ctx()), "housing.xlsx", 1, 10);
    run(&master(vec![a]), &[ret("Housing", vec![r])])
}

fn brought_forward() -> Report {
    revised("September 2023")
}

fn revised_within_due_month() -> Report {
    revised("01/12/2023")
}

fn revised_in_words() -> Report {
    revised("after the elections")
}

fn revised_tbc() -> Report {
    revised("tbc")
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
    assert_eq!(codes(&brought_forward(), "OC.A1.1"), vec![Code::D04]);
}

/// A revised date inside the due month, even on its first day, is not earlier (the boundary
/// `cargo mutants` found untested: `<` against `<=`).
#[test]
fn d04_not_for_a_date_within_the_due_month() {
    for within in ["01/12/2023", "15/12/2023"] {
        assert_eq!(
            codes(&revised(within), "OC.A1.1"),
            Vec::<Code>::new(),
            "{within}"
        );
    }
}

#[test]
fn d05_unparseable_date_but_not_a_change_control_phrase() {
    assert_eq!(codes(&revised_in_words(), "OC.A1.1"), vec![Code::D05]);
    assert_eq!(codes(&revised_tbc(), "OC.A1.1"), vec![]);
}
