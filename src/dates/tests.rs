//! Unit tests of the date parser.

use super::*;

fn ctx(y: i32, m: u32) -> DateContext {
    DateContext::new(NaiveDate::from_ymd_opt(y, m, 1).unwrap())
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn range(text: &str, c: &DateContext) -> (NaiveDate, NaiveDate, bool) {
    match PlanDate::parse(text, c).span {
        Span::Range {
            start,
            end,
            year_inferred,
        } => (start, end, year_inferred),
        other => panic!("{text:?} parsed to {other:?}"),
    }
}

/// Every date phrase that appears in the two reference appendices (October 2022 and
/// July 2023 reports), with the range it must denote. A table of cases: long because it
/// lists one phrase per line.
/// Phrases from the reference appendices: the text, the report month it was read in,
/// the first and last day it means (year, month, day), and whether the year was inferred.
#[rustfmt::skip]
const REFERENCE_PHRASES: &[Phrase] = &[
    // October 2022 appendix
    ("31/08/22", OCT22, (2022, 8, 31), (2022, 8, 31), false),
    ("06/10", OCT22, (2022, 10, 6), (2022, 10, 6), true),
    ("end of Sept 22", OCT22, (2022, 9, 21), (2022, 9, 30), false),
    ("1.9.22", OCT22, (2022, 9, 1), (2022, 9, 1), false),
    ("September 22", OCT22, (2022, 9, 1), (2022, 9, 30), false),
    ("14.09.22", OCT22, (2022, 9, 14), (2022, 9, 14), false),
    ("1/4/23", OCT22, (2023, 4, 1), (2023, 4, 1), false),
    ("26/9/22", OCT22, (2022, 9, 26), (2022, 9, 26), false),
    ("December", OCT22, (2022, 12, 1), (2022, 12, 31), true),
    ("Nov", OCT22, (2022, 11, 1), (2022, 11, 30), true),
    ("late November", OCT22, (2022, 11, 21), (2022, 11, 30), true),
    ("November/December", OCT22, (2022, 11, 1), (2022, 12, 31), true),
    ("beginning of November/December 22", OCT22, (2022, 11, 1), (2022, 12, 31), false),
    ("November 22", OCT22, (2022, 11, 1), (2022, 11, 30), false),
    ("13/10/22", OCT22, (2022, 10, 13), (2022, 10, 13), false),
    ("18/10/22", OCT22, (2022, 10, 18), (2022, 10, 18), false),
    ("Spring 2023", OCT22, (2023, 3, 1), (2023, 5, 31), false),
    ("Jan 2023", OCT22, (2023, 1, 1), (2023, 1, 31), false),
    ("March 2023", OCT22, (2023, 3, 1), (2023, 3, 31), false),
    ("22 November", OCT22, (2022, 11, 22), (2022, 11, 22), true),
    ("26 th July", OCT22, (2022, 7, 26), (2022, 7, 26), true),
    ("3rd October", OCT22, (2022, 10, 3), (2022, 10, 3), true),
    ("Summer 2022", OCT22, (2022, 6, 1), (2022, 8, 31), false),
    ("in 2023", OCT22, (2023, 1, 1), (2023, 12, 31), false),
    // July 2023 appendix
    ("March 2023", JUL23, (2023, 3, 1), (2023, 3, 31), false),
    ("September", JUL23, (2023, 9, 1), (2023, 9, 30), true),
    ("Due for approval in September", JUL23, (2023, 9, 1), (2023, 9, 30), true),
    ("Pilot held in April", JUL23, (2023, 4, 1), (2023, 4, 30), true),
    ("in 2024", JUL23, (2024, 1, 1), (2024, 12, 31), false),
    ("September 23", JUL23, (2023, 9, 1), (2023, 9, 30), false),
    ("May 23", JUL23, (2023, 5, 1), (2023, 5, 31), false),
    ("Due in May 23", JUL23, (2023, 5, 1), (2023, 5, 31), false),
    ("December 23", JUL23, (2023, 12, 1), (2023, 12, 31), false),
    ("August 2023", JUL23, (2023, 8, 1), (2023, 8, 31), false),
    ("Autumn '23", JUL23, (2023, 9, 1), (2023, 11, 30), false),
    ("Autumn", JUL23, (2023, 9, 1), (2023, 11, 30), true),
    ("Feb 23", JUL23, (2023, 2, 1), (2023, 2, 28), false),
    ("June 23", JUL23, (2023, 6, 1), (2023, 6, 30), false),
    ("Mid-July", JUL23, (2023, 7, 11), (2023, 7, 20), true),
    ("April 24", JUL23, (2024, 4, 1), (2024, 4, 30), false),
    ("Complete April 23", JUL23, (2023, 4, 1), (2023, 4, 30), false),
    ("11 July", JUL23, (2023, 7, 11), (2023, 7, 11), true),
    ("10/07/23", JUL23, (2023, 7, 10), (2023, 7, 10), false),
    ("8th May 23", JUL23, (2023, 5, 8), (2023, 5, 8), false),
    ("week commencing 8th May 23", JUL23, (2023, 5, 8), (2023, 5, 14), false),
    ("October", JUL23, (2023, 10, 1), (2023, 10, 31), true),
    ("1 August", JUL23, (2023, 8, 1), (2023, 8, 1), true),
    ("5 July 23", JUL23, (2023, 7, 5), (2023, 7, 5), false),
    ("08.08.23", JUL23, (2023, 8, 8), (2023, 8, 8), false),
    ("June 2023", JUL23, (2023, 6, 1), (2023, 6, 30), false),
    ("March 2024", JUL23, (2024, 3, 1), (2024, 3, 31), false),
    ("1st September 2023", JUL23, (2023, 9, 1), (2023, 9, 1), false),
    ("October 23", JUL23, (2023, 10, 1), (2023, 10, 31), false),
    ("March 24", JUL23, (2024, 3, 1), (2024, 3, 31), false),
    ("Mid 2023", JUL23, (2023, 5, 1), (2023, 8, 31), false),
    ("Dec 23", JUL23, (2023, 12, 1), (2023, 12, 31), false),
    ("end 2023", JUL23, (2023, 10, 1), (2023, 12, 31), false),
    ("31.03.27", JUL23, (2027, 3, 31), (2027, 3, 31), false),
    ("24 July", JUL23, (2023, 7, 24), (2023, 7, 24), true),
    ("late Aug/early Sep", JUL23, (2023, 8, 21), (2023, 9, 10), true),
    ("13/07/23", JUL23, (2023, 7, 13), (2023, 7, 13), false),
    ("13.07.23", JUL23, (2023, 7, 13), (2023, 7, 13), false),
    ("August 23", JUL23, (2023, 8, 1), (2023, 8, 31), false),
    ("end of August", JUL23, (2023, 8, 21), (2023, 8, 31), true),
    ("Q1", JUL23, (2023, 4, 1), (2023, 6, 30), true),
    ("September 2024", JUL23, (2024, 9, 1), (2024, 9, 30), false),
    ("July 2024", JUL23, (2024, 7, 1), (2024, 7, 31), false),
    ("February 2023", JUL23, (2023, 2, 1), (2023, 2, 28), false),
    ("2020/21", JUL23, (2020, 4, 1), (2021, 3, 31), false),
    ("2021/22", JUL23, (2021, 4, 1), (2022, 3, 31), false),
    ("July 2023", JUL23, (2023, 7, 1), (2023, 7, 31), false),
    ("19th July", JUL23, (2023, 7, 19), (2023, 7, 19), true),
    ("September 23", JUL23, (2023, 9, 1), (2023, 9, 30), false),
    // The issue's own list
    ("Q2 2023/24", JUL23, (2023, 7, 1), (2023, 9, 30), false),
    ("Q1 24", JUL23, (2024, 4, 1), (2024, 6, 30), false),
    ("Autumn 2023", JUL23, (2023, 9, 1), (2023, 11, 30), false),
    ("Spring 2023", JUL23, (2023, 3, 1), (2023, 5, 31), false),
    ("Winter 2023", JUL23, (2023, 12, 1), (2024, 2, 29), false),
];

type Ymd = (i32, u32, u32);
/// Text, report month (year, month), first and last day, year inferred.
type Phrase = (&'static str, (i32, u32), Ymd, Ymd, bool);
const OCT22: (i32, u32) = (2022, 10);
const JUL23: (i32, u32) = (2023, 7);

#[test]
fn reference_appendix_phrases() {
    for &(text, (y, m), start, end, inferred) in REFERENCE_PHRASES {
        let day = |(y, m, dd): Ymd| d(y, m, dd);
        assert_eq!(
            range(text, &ctx(y, m)),
            (day(start), day(end), inferred),
            "{text}"
        );
    }
}

#[test]
fn tbc_and_unparsed() {
    let c = ctx(2023, 7);
    for t in ["tbc", "TBC", "Date tbc", "to be confirmed", "TBA"] {
        assert_eq!(PlanDate::parse(t, &c).span, Span::Tbc, "{t}");
    }
    for t in [
        "ongoing", "BAU", "Q5", "32/13/22", "asap", "", "#REF!", "n/a",
    ] {
        assert_eq!(PlanDate::parse(t, &c).span, Span::Unparsed, "{t}");
    }
    assert_eq!(PlanDate::parse("  Mid-July ", &c).text, "Mid-July");
}

#[test]
fn year_inference_wraps_around_the_report_month() {
    // January in a November report is next January; November in a March report is last November.
    assert_eq!(range("January", &ctx(2023, 11)).0, d(2024, 1, 1));
    assert_eq!(range("November", &ctx(2024, 3)).0, d(2023, 11, 1));
    assert_eq!(range("Q4", &ctx(2023, 7)).0, d(2024, 1, 1));
    assert_eq!(range("Q4", &ctx(2024, 2)).0, d(2024, 1, 1));
}

#[test]
fn serials_and_dates() {
    assert_eq!(
        PlanDate::from_serial(45107.0).unwrap().start(),
        Some(d(2023, 6, 30))
    );
    assert_eq!(PlanDate::from_serial(45107.0).unwrap().text, "30/06/2023");
    assert_eq!(
        PlanDate::from_serial(1.0).unwrap().start(),
        Some(d(1900, 1, 1))
    );
    assert_eq!(
        PlanDate::from_serial(61.0).unwrap().start(),
        Some(d(1900, 3, 1))
    );
    assert!(PlanDate::from_serial(-3.0).is_none());
    assert!(PlanDate::from_serial(f64::NAN).is_none());
    assert!(PlanDate::from_serial(1e12).is_none());
    assert_eq!(range("2023-07-01", &ctx(2023, 7)).0, d(2023, 7, 1));
}

#[test]
fn find_dates_skips_bare_numbers() {
    let c = ctx(2023, 7);
    let f = find_dates(
        "Reported to Waste Board in June 2023 final order for 16 RCVs",
        &c,
    );
    assert_eq!(f.len(), 1);
    let f = find_dates("2 remaining KPIs due to be finalised in Q1.", &c);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].span,
        Span::Range {
            start: d(2023, 4, 1),
            end: d(2023, 6, 30),
            year_inferred: true
        }
    );
}
