//! Property tests of the date parser.

use super::*;
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ctx() -> impl Strategy<Value = DateContext> {
    (2015i32..2035, 1u32..=12)
        .prop_map(|(y, m)| DateContext::new(NaiveDate::from_ymd_opt(y, m, 1).unwrap()))
}

proptest! {
    #[test]
    fn never_panics_and_ranges_are_ordered(text in "\\PC{0,60}", c in ctx()) {
        let p = PlanDate::parse(&text, &c);
        if let Span::Range { start, end, .. } = p.span {
            prop_assert!(start <= end);
        }
        for f in find_dates(&text, &c) {
            prop_assert!(f.start <= f.end && f.end <= text.len());
        }
    }

    #[test]
    fn date_like_noise_never_panics(text in "[0-9/.\\- a-zA-Z']{0,30}", c in ctx()) {
        let p = PlanDate::parse(&text, &c);
        if let Span::Range { start, end, .. } = p.span {
            prop_assert!(start <= end);
        }
    }

    #[test]
    fn numeric_dates_round_trip(y in 2000i32..2099, m in 1u32..=12, day in 1u32..=28, sep in prop::sample::select(vec!['/', '.']), short in any::<bool>()) {
        let c = DateContext::new(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        let year = if short { format!("{:02}", y % 100) } else { y.to_string() };
        let text = format!("{day}{sep}{m}{sep}{year}");
        let want = NaiveDate::from_ymd_opt(y, m, day).unwrap();
        prop_assert_eq!(PlanDate::parse(&text, &c).span, Span::Range { start: want, end: want, year_inferred: false });
    }

    #[test]
    fn month_year_covers_the_whole_month(y in 2000i32..2099, m in 1u32..=12, short in any::<bool>(), abbrev in any::<bool>(), c in ctx()) {
        let name = MONTHS[(m - 1) as usize];
        let name = if abbrev { &name[..3] } else { name };
        let year = if short { format!("{:02}", y % 100) } else { y.to_string() };
        let p = PlanDate::parse(&format!("{name} {year}"), &c);
        prop_assert_eq!(p.start(), NaiveDate::from_ymd_opt(y, m, 1));
        prop_assert_eq!(p.end().map(|e| e.month()), Some(m));
        prop_assert_eq!(p.end().and_then(|e| e.succ_opt()).map(|n| n.day()), Some(1));
    }

    #[test]
    fn inferred_month_is_within_six_months(m in 1u32..=12, c in ctx()) {
        let p = PlanDate::parse(MONTHS[(m - 1) as usize], &c);
        let start = p.start().unwrap();
        let months = (start.year() - c.report_month.year()) * 12 + start.month() as i32 - c.report_month.month() as i32;
        prop_assert!((-6..6).contains(&months), "{} months from report", months);
        prop_assert!(p.year_inferred());
    }

    #[test]
    fn modifiers_narrow_within_the_month(m in 1u32..=12, y in 2000i32..2099, md in prop::sample::select(vec!["early", "mid", "late", "end of", "Mid-"])) {
        let c = DateContext::new(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
        let whole = PlanDate::parse(&format!("{} {y}", MONTHS[(m - 1) as usize]), &c);
        let part = PlanDate::parse(&format!("{md} {} {y}", MONTHS[(m - 1) as usize]), &c);
        prop_assert!(part.start() >= whole.start() && part.end() <= whole.end());
        prop_assert!(part.start().is_some());
    }
}

proptest! {
    /// Words borrowed from the text when already lower case are the words `to_lowercase`
    /// gives: any text, ASCII or not, mixed case or not.
    #[test]
    fn tokens_are_lower_case_words_as_before(text in "[A-Za-zÀ-ÿİǅΣ ]{0,40}") {
        for t in tokenize(&text) {
            if let Kind::Word(w) = &t.kind {
                prop_assert_eq!(w.as_ref(), text[t.start..t.end].to_lowercase());
            }
        }
    }
}
