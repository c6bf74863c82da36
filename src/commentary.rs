//! What officers' commentary says: the words and phrases of slippage, revised dates, change
//! control and "no issues", in one place.
//!
//! Every list here is English as UK councils write it in returns; each is matched on words
//! (case, punctuation and apostrophes ignored), never on substrings, so "controlled change"
//! is not a change control and "yet" alone is not a delay.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

use crate::dates::{DateContext, PlanDate, find_exprs, tokenize, words_at};
use crate::text::normalise_words;

/// How a revised date was announced in commentary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Announcement {
    /// "Change control to December 23", "change of timescales to March 2024".
    ChangeControl,
    /// "Slippage to Mid-July", "delayed to", "now expected end 2023", "revised date".
    Revised,
}

/// A revised date announced in commentary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub how: Announcement,
    pub date: PlanDate,
}

const TRIGGERS: &[(&[&str], Announcement)] = &[
    (&["change", "control"], Announcement::ChangeControl),
    (&["change", "of", "timescales"], Announcement::ChangeControl),
    (&["change", "of", "timescale"], Announcement::ChangeControl),
    (&["change", "request"], Announcement::ChangeControl),
    (&["date", "change"], Announcement::Revised),
    (&["revised", "date"], Announcement::Revised),
    (&["revised", "to"], Announcement::Revised),
    (&["new", "date"], Announcement::Revised),
    (&["slippage", "to"], Announcement::Revised),
    (&["slipped", "to"], Announcement::Revised),
    (&["slip", "to"], Announcement::Revised),
    (&["delayed", "to"], Announcement::Revised),
    (&["delayed", "until"], Announcement::Revised),
    (&["deferred", "to"], Announcement::Revised),
    (&["deferred", "until"], Announcement::Revised),
    (&["postponed", "to"], Announcement::Revised),
    (&["postponed", "until"], Announcement::Revised),
    (&["put", "back", "to"], Announcement::Revised),
    (&["pushed", "back", "to"], Announcement::Revised),
    (&["moved", "to"], Announcement::Revised),
    (&["extended", "to"], Announcement::Revised),
    (&["extended", "until"], Announcement::Revised),
    (&["rescheduled", "to"], Announcement::Revised),
    (&["rescheduled", "for"], Announcement::Revised),
    (&["now", "expected"], Announcement::Revised),
    (&["now", "due"], Announcement::Revised),
    (&["expected", "completion"], Announcement::Revised),
];

/// Whether a trigger may start at this token: one match on its word instead of every
/// trigger tried at every word of long commentary. (A test checks it knows every
/// trigger's first word.)
fn starts_trigger(t: &crate::dates::Tok) -> bool {
    matches!(&t.kind, crate::dates::Kind::Word(w) if matches!(
        w.as_ref(),
        "change" | "date" | "revised" | "new" | "slippage" | "slipped" | "slip" | "delayed"
            | "deferred" | "postponed" | "put" | "pushed" | "moved" | "extended"
            | "rescheduled" | "now" | "expected"
    ))
}

/// Every trigger contains one of these (lower-case ASCII) stems: a cheap test that lets
/// commentary without any be skipped without tokenizing it.
const TRIGGER_STEMS: &[&str] = &[
    "change",
    "revised",
    "new date",
    "slip",
    "delayed",
    "deferred",
    "postponed",
    "back to",
    "moved to",
    "extended",
    "rescheduled",
    "now ",
    "expected completion",
];

/// A set of lower-case ASCII stems to look for, ignoring ASCII case, in one pass.
pub fn stems(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("a handful of short stems always builds")
}

static TRIGGER_STEMS_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| stems(TRIGGER_STEMS));
static CHANGE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| stems(&["change"]));

/// How many tokens after a trigger its date may start.
const TRIGGER_REACH: usize = 10;

/// Revised dates announced in commentary, in order of appearance: "Change control to
/// December 23", "Slippage to Mid-July", "Now expected end 2023". The last one is the
/// officer's current expectation.
pub fn revisions_in(text: &str, ctx: &DateContext) -> Vec<Revision> {
    if !TRIGGER_STEMS_FINDER.is_match(text) {
        return Vec::new();
    }
    let toks = tokenize(text);
    // The triggers first: the date grammar runs only on text that announces a revision
    // (long commentary often has a stem, "revised milestones", and no trigger).
    let mut triggers = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !starts_trigger(&toks[i]) {
            i += 1;
            continue;
        }
        match TRIGGERS
            .iter()
            .find_map(|(words, how)| words_at(&toks, i, words).then_some((words.len(), *how)))
        {
            Some((len, how)) => {
                triggers.push((i + len, how));
                i += len;
            }
            None => i += 1,
        }
    }
    if triggers.is_empty() {
        return Vec::new();
    }
    let found = find_exprs(&toks, ctx, false);
    let mut out: Vec<Revision> = Vec::new();
    for (after, how) in triggers {
        let date = found.iter().find(|f| {
            let ti = toks
                .iter()
                .position(|t| t.start == f.start)
                .unwrap_or(usize::MAX);
            ti >= after && ti < after + TRIGGER_REACH
        });
        if let Some(f) = date {
            let rev = Revision {
                how,
                date: f.to_plan_date(text),
            };
            // One date announced twice ("change control date to ... revised to ...") once.
            if !out.iter().any(|r| r.date == rev.date) {
                out.push(rev);
            }
        }
    }
    out
}

/// Does the text record a change control (the formal approval of a new date)?
pub fn mentions_change_control(text: &str) -> bool {
    if !CHANGE_FINDER.is_match(text) {
        return false;
    }
    let toks = tokenize(text);
    (0..toks.len()).any(|i| {
        TRIGGERS
            .iter()
            .filter(|(_, how)| *how == Announcement::ChangeControl)
            .any(|(words, _)| words_at(&toks, i, words))
    })
}

/// Words that, in commentary, speak of slippage or delay.
const SLIPPAGE_WORDS: &[&str] = &[
    "slippage",
    "slipped",
    "slip",
    "slipping",
    "delay",
    "delayed",
    "delays",
    "awaiting",
    "pending",
    "postponed",
    "deferred",
    "outstanding",
    "overdue",
    "behind",
];
/// Two-word phrases that speak of something not yet done.
const SLIPPAGE_PHRASES: &[&str] = &["not yet", "yet to", "still to", "waiting for", "waiting on"];

/// Every slippage word or phrase contains one of these (lower-case ASCII) stems.
const SLIPPAGE_STEMS: &[&str] = &[
    "slip",
    "delay",
    "awaiting",
    "pending",
    "postponed",
    "deferred",
    "outstanding",
    "overdue",
    "behind",
    "yet",
    "still",
    "waiting",
];

static SLIPPAGE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| stems(SLIPPAGE_STEMS));

/// Does commentary speak of slippage, delay, awaiting or pending? The word or phrase it uses.
pub fn speaks_of_delay(text: &str) -> Option<String> {
    // Most commentary has none of the stems: skip it without normalising. (Normalising drops
    // apostrophes and lower-cases beyond ASCII, so only plain ASCII text can be skipped.)
    if text.is_ascii() && !text.contains('\'') && !SLIPPAGE_FINDER.is_match(text) {
        return None;
    }
    let norm = normalise_words(text);
    let words: Vec<&str> = norm.split(' ').collect();
    if let Some(w) = words.iter().find(|w| SLIPPAGE_WORDS.contains(w)) {
        return Some(w.to_string());
    }
    SLIPPAGE_PHRASES
        .iter()
        .find(|p| {
            words
                .windows(2)
                .any(|pair| p.split_once(' ') == Some((pair[0], pair[1])))
        })
        .map(|p| p.to_string())
}

/// What a change-control cell holds when no change control was made: "No", "N/A", "none",
/// "Not yet", "N", "TBC", "Not required", "Pending" (normalised).
const NO_CHANGE_CONTROL: &[&str] = &[
    "",
    "no",
    "n a",
    "na",
    "none",
    "not yet",
    "n",
    "tbc",
    "not required",
    "pending",
];

/// Does a change-control cell record a change control? Anything but a "no" does.
pub fn records_change_control(cell: &str) -> bool {
    !NO_CHANGE_CONTROL.contains(&normalise_words(cell).as_str())
}

/// "No issues raised", "no issues", "None": nothing to report.
pub fn says_no_issues(t: &str) -> bool {
    let t = t.trim_start().as_bytes();
    let starts = |p: &str| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("no issue") || (t.len() <= 5 && starts("none"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn every_trigger_starts_at_a_word_the_filter_knows() {
        for (words, _) in TRIGGERS {
            let text = words.join(" ");
            let toks = tokenize(&text);
            assert!(starts_trigger(&toks[0]), "{words:?}");
        }
        assert!(!starts_trigger(&tokenize("workshop")[0]));
    }

    fn ctx(y: i32, m: u32) -> DateContext {
        DateContext::new(NaiveDate::from_ymd_opt(y, m, 1).unwrap())
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn commentary_revisions() {
        let c = ctx(2023, 7);
        let r = revisions_in(
            "Amber rated Due in May 23. Change control to December 23",
            &c,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].how, Announcement::ChangeControl);
        assert_eq!(r[0].date.text, "December 23");
        assert_eq!(r[0].date.end(), Some(d(2023, 12, 31)));

        let r = revisions_in(
            "Oracle- Modelling phase complete- June 23. Slippage to Mid-July",
            &c,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].how, Announcement::Revised);
        assert_eq!(r[0].date.start(), Some(d(2023, 7, 11)));

        let r = revisions_in(
            "Due Mid 2023 (change control to Dec 23)-Now expected end 2023",
            &c,
        );
        assert_eq!(
            r.iter().map(|x| x.date.text.as_str()).collect::<Vec<_>>(),
            ["Dec 23", "end 2023"]
        );

        let r = revisions_in(
            "Change of timescales to commence work in March 2024 linked to Oracle",
            &c,
        );
        assert_eq!(r[0].how, Announcement::ChangeControl);
        assert_eq!(r[0].date.start(), Some(d(2024, 3, 1)));

        let r = revisions_in("Due August 23 (change control October 23)", &c);
        assert_eq!(r[0].date.text, "October 23");

        assert!(
            revisions_in(
                "Final order for 16 RCVs in place; 4 sessions held with 6 people",
                &c
            )
            .is_empty()
        );
        assert!(revisions_in("We may need to revisit the plan", &c).is_empty());
    }

    #[test]
    fn every_trigger_contains_a_stem() {
        for (words, _) in TRIGGERS {
            let phrase = words.join(" ");
            assert!(
                TRIGGER_STEMS_FINDER.is_match(&format!("{phrase} x")),
                "{phrase}"
            );
        }
    }

    #[test]
    fn change_control_mentions() {
        assert!(mentions_change_control("Change control to December 23"));
        assert!(mentions_change_control("change of timescales agreed"));
        assert!(!mentions_change_control("Slippage to Mid-July"));
        assert!(!mentions_change_control("controlled change"));
    }

    #[test]
    fn change_control_cells_and_no_issues() {
        for no in [
            "",
            "No",
            "N/A",
            "n",
            "Not yet",
            "TBC",
            "Not required",
            "pending",
        ] {
            assert!(!records_change_control(no), "{no:?}");
        }
        assert!(records_change_control("CC-042 approved 9 July"));
        assert!(says_no_issues("No issues raised"));
        assert!(says_no_issues("None"));
        assert!(!says_no_issues("None of the contractors has replied"));
    }

    #[test]
    fn delay_words() {
        assert_eq!(
            speaks_of_delay("Some slippage on the lease").as_deref(),
            Some("slippage")
        );
        assert_eq!(
            speaks_of_delay("Payment pending").as_deref(),
            Some("pending")
        );
        assert_eq!(
            speaks_of_delay("Training yet to start").as_deref(),
            Some("yet to")
        );
        assert_eq!(speaks_of_delay("Complete; lease signed"), None);
        assert_eq!(speaks_of_delay("Complete; the delayering project"), None);
    }

    /// The plain definition `speaks_of_delay` must keep to: normalise, then look for a slippage
    /// word or a two-word phrase.
    fn speaks_of_delay_reference(text: &str) -> Option<String> {
        let norm = normalise_words(text);
        let padded = format!(" {norm} ");
        if let Some(w) = norm.split(' ').find(|w| SLIPPAGE_WORDS.contains(w)) {
            return Some(w.to_string());
        }
        SLIPPAGE_PHRASES
            .iter()
            .find(|p| padded.contains(&format!(" {p} ")))
            .map(|p| p.to_string())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
        fn speaks_of_delay_agrees_with_its_definition(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Not", "yet", "YET", "to", "still", "Waiting", "on", "for", "Slipped", "slip-",
                    "DELAYS", "delay's", "Pending", "behind", "be-hind", "\u{e9}t\u{e9}", "done",
                    "wait", "ing", "Overdue.",
                ]),
                0..6,
            ),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", " ", "  ", "-", ", ", "'", "\n"]), 6),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(s);
            }
            proptest::prop_assert_eq!(speaks_of_delay(&text), speaks_of_delay_reference(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn revisions_never_panic(text in "\\PC{0,60}", m in 1u32..=12) {
            let c = ctx(2023, m);
            for r in revisions_in(&text, &c) {
                proptest::prop_assert!(r.date.start() <= r.date.end());
            }
        }

    #[test]
    fn stems_agree_with_lowercased_search(
        text in "[a-cA-C \u{e9}\u{c9}\u{2019}]{0,40}",
        needles in proptest::collection::vec("[a-c ]{1,4}", 1..4),
    ) {
        let lower = text.to_ascii_lowercase();
        let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
        proptest::prop_assert_eq!(
            stems(&refs).is_match(&text),
            refs.iter().any(|n| lower.contains(n)),
            "{:?} in {:?}", refs, text
        );
    }

    }
}
