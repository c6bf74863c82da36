//! F: each rule's firing and quiet case (`CASES`), then the cases in detail.

use super::word_diff;
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Report};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::F01, fires: title_reworded, quiet: title_recased },
    Case { code: Code::F02, fires: owner_and_theme_changed, quiet: owner_and_theme_recased },
    Case { code: Code::F03, fires: owner_and_theme_changed, quiet: owner_and_theme_recased },
];

/// `clean()` with the return's title written as `title`.
fn titled(title: &str) -> Report {
    let (m, mut rs) = clean();
    rs[0].rows[0].title = sv(title.to_string(), "housing.xlsx", 1, 2);
    run(&m, &rs)
}

fn title_reworded() -> Report {
    titled("Title of the OC.A1.1 action")
}

fn title_recased() -> Report {
    titled("  title OF  oc.a1.1 ")
}

/// `clean_with_themes()` with the return's owner and theme as given.
fn owned(owner: &str, theme: &str) -> Report {
    let (m, mut rs) = clean_with_themes();
    rs[0].rows[0].owner = sv(owner.to_string(), "housing.xlsx", 1, 3);
    rs[0].rows[0].theme = sv(theme.to_string(), "housing.xlsx", 1, 1);
    run(&m, &rs)
}

fn owner_and_theme_changed() -> Report {
    owned("Someone Else", "Corporate Oversight")
}

fn owner_and_theme_recased() -> Report {
    owned("director", "Organisational culture")
}

#[test]
fn f01_title_changed_with_word_diff_but_not_for_case_or_spacing() {
    let rep = title_reworded();
    assert_eq!(codes(&rep, "OC.A1.1"), vec![Code::F01]);
    assert_eq!(
        rep.findings[0].detail.as_deref(),
        Some("Title of {+the +}OC.A1.1{+ action+}")
    );
    assert_eq!(all_codes(&title_recased()), vec![]);
}

#[test]
fn f02_owner_and_f03_theme_changed() {
    assert_eq!(
        codes(&owner_and_theme_changed(), "OC.A1.1"),
        vec![Code::F02, Code::F03]
    );
    assert_eq!(all_codes(&owner_and_theme_recased()), vec![]);
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
