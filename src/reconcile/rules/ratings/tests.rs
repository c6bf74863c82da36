//! G: each rule's firing and quiet case (`CASES`), then the cases in detail.

use crate::model::{NoteKind, Rag, ReadNote};
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Report};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::G01, fires: slipped_green, quiet: slipped_amber },
    Case { code: Code::G02, fires: complete_but_awaiting, quiet: complete_and_signed },
    Case { code: Code::G03, fires: amber_in_silence, quiet: amber_explained },
    Case { code: Code::G04, fires: rated_two_ways, quiet: rated_alike },
    Case { code: Code::G05, fires: not_started_in_silence, quiet: not_started_explained },
    Case { code: Code::G06, fires: re_dated_green, quiet: re_dated_amber },
    Case { code: Code::G06, fires: moved_since_last_month, quiet: not_moved_since_last_month },
    Case { code: Code::G06, fires: first_moved_this_month, quiet: first_moved_and_rerated },
    Case { code: Code::G07, fires: amber_overdue, quiet: red_overdue },
    Case { code: Code::G08, fires: unrated, quiet: clean_run },
    Case { code: Code::G08, fires: unrated, quiet: rated_unreadably },
    Case { code: Code::G09, fires: green_at_a_hundred_percent, quiet: complete_at_a_hundred_percent },
    Case { code: Code::G09, fires: complete_at_sixty_percent, quiet: green_at_sixty_percent },
    Case { code: Code::G09, fires: master_green_but_parked, quiet: master_parked_and_on_hold },
];

/// OC.A1.1 reported `stated`, its % complete cell saying `state` (the reader's reading).
fn staged(stated: Rag, state: Option<Rag>, said: &str) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(
        state.filter(|s| *s == Rag::Complete).unwrap_or(stated),
        "housing.xlsx",
        1,
        5,
    );
    r.stage = Some(Box::new(crate::model::StageSignal {
        said: said.to_string(),
        source: src("housing.xlsx", 1, 8),
        state,
        stated: Some(stated),
    }));
    run(&master(vec![a]), &[ret("Housing", vec![r])])
}

fn green_at_a_hundred_percent() -> Report {
    staged(Rag::Green, Some(Rag::Complete), "is 100% complete")
}

fn complete_at_a_hundred_percent() -> Report {
    staged(Rag::Complete, Some(Rag::Complete), "is 100% complete")
}

fn complete_at_sixty_percent() -> Report {
    staged(Rag::Complete, None, "is 60% complete")
}

fn green_at_sixty_percent() -> Report {
    staged(Rag::Green, None, "is 60% complete")
}

/// A plan that is its own tracker (no returns), its row rated Green at stage `stage_state`.
fn master_staged(stage_state: Rag) -> Report {
    let mut a = action("OC.A1.1", "Housing", "December 2024", stage_state);
    a.stage = Some(Box::new(crate::model::StageSignal {
        said: "its stage is \"Parked\"".to_string(),
        source: src("master.xlsx", 1, 9),
        state: Some(Rag::OnHold),
        stated: Some(Rag::Green),
    }));
    if stage_state == Rag::OnHold {
        a.stage.as_mut().unwrap().stated = Some(Rag::OnHold);
    }
    run(&master(vec![a]), &[])
}

fn master_green_but_parked() -> Report {
    master_staged(Rag::Green)
}

fn master_parked_and_on_hold() -> Report {
    master_staged(Rag::OnHold)
}

#[test]
fn g09_says_what_the_stage_says_and_how_the_action_is_counted() {
    let r = green_at_a_hundred_percent();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::G09)
        .expect("G09");
    assert_eq!(
        f.message,
        "OC.A1.1 is rated Green but is 100% complete: counted as Complete; correct the rating or the stage"
    );
    assert_eq!(f.sources[0].cell(), "I2");
    let r = complete_at_sixty_percent();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::G09)
        .expect("G09");
    assert!(
        f.message
            .ends_with("is rated Complete but is 60% complete; confirm it is complete"),
        "{}",
        f.message
    );
}

fn clean_run() -> Report {
    clean_scene().run()
}

fn slipped_green() -> Report {
    slipped(None, Rag::Green)
}

fn slipped_amber() -> Report {
    slipped(None, Rag::Amber)
}

/// OC.A1.1 reported `rag`, with `progress` as its commentary (none for `None`).
fn reported(master_rag: Rag, rag: Rag, progress: Option<&str>) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", master_rag);
    let mut r = row_for(&a, "housing.xlsx", 1);
    r.rag = sv(rag, "housing.xlsx", 1, 5);
    r.progress = progress.and_then(|p| sv(p.to_string(), "housing.xlsx", 1, 6));
    run(&master(vec![a]), &[ret("Housing", vec![r])])
}

fn complete_but_awaiting() -> Report {
    let words = "Complete apart from the lease, still awaiting signature";
    reported(Rag::Green, Rag::Complete, Some(words))
}

fn complete_and_signed() -> Report {
    reported(
        Rag::Green,
        Rag::Complete,
        Some("Complete: lease signed on 3 July"),
    )
}

fn amber_in_silence() -> Report {
    reported(Rag::Amber, Rag::Amber, None)
}

fn amber_explained() -> Report {
    reported(Rag::Amber, Rag::Amber, Some("Work progressing to plan."))
}

/// PR.C1.1, Amber in the master, reported by Children and by the CEO (at `ceo`).
fn rated_by_two(ceo: Rag) -> Report {
    let a = action("PR.C1.1", "Children", "December 2023", Rag::Amber);
    let r1 = row_for(&a, "children.xlsx", 1);
    let mut r2 = row_for(&a, "ceo.xlsx", 1);
    r2.rag = sv(ceo, "ceo.xlsx", 1, 5);
    run(
        &master(vec![a]),
        &[ret("Children", vec![r1]), ret("CEO", vec![r2])],
    )
}

fn rated_two_ways() -> Report {
    rated_by_two(Rag::Green)
}

fn rated_alike() -> Report {
    rated_by_two(Rag::Amber)
}

fn not_started_in_silence() -> Report {
    reported(Rag::Green, Rag::NotStarted, None)
}

fn not_started_explained() -> Report {
    reported(
        Rag::Green,
        Rag::NotStarted,
        Some("Start delayed by the restructure"),
    )
}

fn re_dated_green() -> Report {
    slipped(Some("Change control to December 23"), Rag::Green)
}

fn re_dated_amber() -> Report {
    slipped(Some("Change control to December 23"), Rag::Amber)
}

/// `moved_to_december(now)` with last month at `before`, revised to `revised`.
fn against_last_month(now: Rag, before: Rag, revised: Option<&str>) -> Report {
    let (m, rs) = moved_to_december(now);
    run_prev(&m, &rs, &previous(before, revised))
}

fn moved_since_last_month() -> Report {
    against_last_month(Rag::Amber, Rag::Amber, Some("October 2023"))
}

fn not_moved_since_last_month() -> Report {
    against_last_month(Rag::Amber, Rag::Amber, Some("December 23"))
}

fn first_moved_this_month() -> Report {
    against_last_month(Rag::Amber, Rag::Amber, None)
}

fn first_moved_and_rerated() -> Report {
    against_last_month(Rag::Red, Rag::Amber, None)
}

/// OC.A1.1 due April 2023, past, and rated `rag` in the master and the return.
fn overdue_at(rag: Rag) -> Report {
    let a = action("OC.A1.1", "Housing", "April 2023", rag);
    run(
        &master(vec![a.clone()]),
        &[ret("Housing", vec![row_for(&a, "h.xlsx", 1)])],
    )
}

fn amber_overdue() -> Report {
    overdue_at(Rag::Amber)
}

fn red_overdue() -> Report {
    overdue_at(Rag::Red)
}

fn unrated() -> Report {
    let (m, mut rs) = clean();
    rs[0].rows[0].rag = None;
    run(&m, &rs)
}

/// No rating read, but the cell held text the reader noted as no rating (R05's case).
fn rated_unreadably() -> Report {
    let (m, mut rs) = clean();
    rs[0].rows[0].rag = None;
    let source = rs[0].rows[0].id.source.clone();
    rs[0].table.notes.push(ReadNote {
        kind: NoteKind::UnreadableRag,
        action: Some(m.actions[0].id.value.clone()),
        source,
        detail: "Blue".into(),
    });
    run(&m, &rs)
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
        codes(&slipped_green(), "OC.A1.1"),
        vec![Code::D01, Code::G01]
    );
    // Green with an approved change control is not G01 (G06 info: re-dated, still Green).
    assert_eq!(
        codes(&re_dated_green(), "OC.A1.1"),
        vec![Code::D02, Code::G06]
    );
}

#[test]
fn g02_complete_with_delay_words() {
    assert_eq!(codes(&complete_but_awaiting(), "OC.A1.1"), vec![Code::G02]);
    assert_eq!(codes(&complete_and_signed(), "OC.A1.1"), vec![]);
}

#[test]
fn g03_red_or_amber_without_commentary() {
    assert_eq!(codes(&amber_in_silence(), "OC.A1.1"), vec![Code::G03]);
    assert_eq!(codes(&amber_explained(), "OC.A1.1"), vec![]);
}

#[test]
fn g04_one_action_rated_two_ways() {
    let rep = rated_two_ways();
    assert_eq!(codes(&rep, "PR.C1.1"), vec![Code::G04]);
    assert_eq!(rep.findings[0].party.name(), "CEO");
    assert_eq!(rep.findings[0].sources.len(), 2);
    // The owner's rating is the month's rating.
    assert_eq!(rep.status.actions[0].rag, Some(Rag::Amber));
    assert_eq!(all_codes(&rated_alike()), vec![]);
}

#[test]
fn g05_rag_changed_without_commentary() {
    assert_eq!(codes(&not_started_in_silence(), "OC.A1.1"), vec![Code::G05]);
    assert_eq!(codes(&not_started_explained(), "OC.A1.1"), vec![]);
}

#[test]
fn g07_stated_better_than_derived() {
    // Amber but overdue (derived Red).
    assert!(codes(&amber_overdue(), "OC.A1.1").contains(&Code::G07));
    // Red and overdue: as bad as derived, no G07.
    assert_eq!(codes(&red_overdue(), "OC.A1.1"), vec![Code::D03]);
}

#[test]
fn g08_no_rag() {
    assert_eq!(codes(&unrated(), "OC.A1.1"), vec![Code::G08]);
}
