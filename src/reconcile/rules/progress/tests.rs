//! P: each rule's firing and quiet case (`CASES`), then the cases in detail.

use crate::dates::PlanDate;
use crate::model::Rag;
use crate::model::register::PrevAction;
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Report};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::P01, fires: green_after_amber, quiet: green_after_green },
    Case { code: Code::P02, fires: green_after_complete, quiet: green_after_green },
    Case { code: Code::P03, fires: complete_after_green, quiet: green_after_green },
    Case { code: Code::P04, fires: moved_again, quiet: not_moved },
    Case { code: Code::P05, fires: moved_thrice, quiet: moved_twice },
    Case { code: Code::P06, fires: red_three_months, quiet: red_once },
    Case { code: Code::P07, fires: master_date_changed, quiet: moved_thrice },
];

/// OC.A1.1 due December, reported at `now`, last month at `before`.
fn rated_after(now: Rag, before: Rag) -> Report {
    let a = action("OC.A1.1", "Housing", "December 2023", Rag::Green);
    let mut r = row_for(&a, "h.xlsx", 1);
    r.rag = sv(now, "h.xlsx", 1, 5);
    run_prev(
        &master(vec![a]),
        &[ret("Housing", vec![r])],
        &previous(before, None),
    )
}

fn green_after_amber() -> Report {
    rated_after(Rag::Green, Rag::Amber)
}

fn green_after_complete() -> Report {
    rated_after(Rag::Green, Rag::Complete)
}

fn complete_after_green() -> Report {
    rated_after(Rag::Complete, Rag::Green)
}

fn green_after_green() -> Report {
    rated_after(Rag::Green, Rag::Green)
}

/// `moved_to_december(Amber)`, last month Amber and revised to `revised`.
fn moved_from(revised: &str) -> Report {
    let (m, rs) = moved_to_december(Rag::Amber);
    run_prev(&m, &rs, &previous(Rag::Amber, Some(revised)))
}

fn moved_again() -> Report {
    moved_from("October 2023")
}

fn not_moved() -> Report {
    moved_from("December 23")
}

/// Red now and moved from October to December; before that moved twice, and Red in May and
/// June, due September and first due June.
fn history() -> PrevAction {
    PrevAction {
        rag: Some(Rag::Red),
        revised: Some(PlanDate::parse("October 2023", &ctx())),
        due: Some("September 2023".into()),
        baseline: Some("June 2023".into()),
        moves: 2,
        months_red: 2,
        ratings: months(&[("2023-05", "Red"), ("2023-06", "Red")]),
        ..PrevAction::default()
    }
}

fn with_history(p: PrevAction) -> Report {
    let (m, rs) = moved_to_december(Rag::Red);
    run_prev(&m, &rs, &previous_with(p))
}

fn moved_thrice() -> Report {
    with_history(history())
}

fn moved_twice() -> Report {
    with_history(PrevAction {
        moves: 1,
        ..history()
    })
}

fn red_three_months() -> Report {
    with_history(history())
}

fn red_once() -> Report {
    let ratings = months(&[("2023-05", "Red"), ("2023-06", "Amber")]);
    with_history(PrevAction {
        rag: Some(Rag::Amber),
        ratings,
        ..history()
    })
}

fn master_date_changed() -> Report {
    with_history(PrevAction {
        due: Some("June 2023".into()),
        ..history()
    })
}

#[test]
fn g06_and_p04_date_moved_month_on_month() {
    // Last month Amber with revised date October: moved again, RAG unchanged.
    let rep = moved_again();
    assert_eq!(
        codes(&rep, "OC.A1.1"),
        vec![Code::D02, Code::G06, Code::P04]
    );
    let p04 = &finding(&rep, Code::P04).message;
    assert!(p04.contains("slipped again"), "{p04}");
    // Last month on the master date: this is its first slip, not "again".
    let (m, rs) = moved_to_december(Rag::Amber);
    let rep = run_prev(&m, &rs, &previous(Rag::Amber, None));
    let p04 = &finding(&rep, Code::P04).message;
    assert!(
        p04.contains("slipped this month") && !p04.contains("again"),
        "{p04}"
    );
    // Last month already December: nothing moved.
    assert_eq!(codes(&not_moved(), "OC.A1.1"), vec![Code::D02]);
}

#[test]
fn p01_p02_p03_rag_movement() {
    assert_eq!(codes(&green_after_amber(), "OC.A1.1"), vec![Code::P01]);
    assert_eq!(codes(&green_after_complete(), "OC.A1.1"), vec![Code::P02]);
    assert_eq!(codes(&green_after_green(), "OC.A1.1"), vec![]);
    assert_eq!(codes(&complete_after_green(), "OC.A1.1"), vec![Code::P03]);
}

#[test]
fn p05_repeated_slippage_p06_persistently_red_p07_rebaselined() {
    // Moved twice before, and again now (October to December); Red in May and June too.
    let rep = moved_thrice();
    let got = codes(&rep, "OC.A1.1");
    assert!(
        got.contains(&Code::P05) && got.contains(&Code::P06),
        "{got:?}"
    );
    assert!(!got.contains(&Code::P07), "the master date did not change");
    let p05 = &finding(&rep, Code::P05).message;
    assert!(
        p05.contains("moved 3 times: due June 2023 at first, now December 23"),
        "{p05}"
    );
    assert!(
        finding(&rep, Code::P06)
            .message
            .contains("Red for 3 months running")
    );
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
        ..history()
    };
    let got = codes(&with_history(fewer), "OC.A1.1");
    assert!(
        !got.contains(&Code::P05) && !got.contains(&Code::P06),
        "{got:?}"
    );

    // The master said June last month and September now: re-baselined, both dates named.
    let rep = master_date_changed();
    assert!(codes(&rep, "OC.A1.1").contains(&Code::P07));
    let p07 = &finding(&rep, Code::P07).message;
    assert!(p07.contains("from June 2023 to September 2023"), "{p07}");
}
