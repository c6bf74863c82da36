//! What officers' commentary says: the phrases of slippage, revised dates, change control
//! and "no issues".
//!
//! The phrases are data: the map's `[phrases]` (templates/default.toml), gathered from
//! councils' published plans and trackers, to which a council's own map adds. Each is
//! matched on words (case, punctuation and apostrophes ignored), never on substrings, so
//! "controlled change" is not a change control and "yet" alone is not a delay. A phrase may
//! hold "..." for up to four words of any kind ("revised ... agreed" is "the revised
//! timescale was agreed"), and a hyphenated word matches with or without its hyphen.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use crate::dates::{DateContext, Kind, PlanDate, Tok, find_exprs, tokenize};
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

/// The phrase lists as a map gives them (`[phrases]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseLists {
    /// A revised date follows: "slippage to", "will now be completed in".
    #[serde(default)]
    pub revised: Vec<String>,
    /// A change control is recorded (and a date may follow): "change control", "with
    /// approval", "revised ... agreed".
    #[serde(default)]
    pub change_control: Vec<String>,
    /// Speaks of slippage or delay: "delayed", "awaiting", "not yet".
    #[serde(default)]
    pub delay: Vec<String>,
    /// What a change-control cell holds when none was made: "No", "N/A", "TBC".
    #[serde(default)]
    pub no_change_control: Vec<String>,
    /// An issues cell with nothing to report: the whole cell, or (two words or more) how it
    /// starts: "None", "No issues raised".
    #[serde(default)]
    pub no_issues: Vec<String>,
}

impl PhraseLists {
    /// These lists with `more`'s added (a council's map adds to the built-in phrases).
    pub fn with(mut self, more: &PhraseLists) -> PhraseLists {
        let add = |to: &mut Vec<String>, from: &[String]| {
            for p in from {
                if !to.contains(p) {
                    to.push(p.clone());
                }
            }
        };
        add(&mut self.revised, &more.revised);
        add(&mut self.change_control, &more.change_control);
        add(&mut self.delay, &more.delay);
        add(&mut self.no_change_control, &more.no_change_control);
        add(&mut self.no_issues, &more.no_issues);
        self
    }
}

/// Up to this many tokens stand for a phrase's "...".
const GAP_TOKENS: usize = 4;
/// Words a gap never spans: they make what follows future or negated ("the revised plan is
/// yet to be agreed", "not agreed").
const GAP_STOPS: [&str; 7] = ["to", "be", "not", "yet", "awaiting", "pending", "until"];

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Word(Box<str>),
    Gap,
}

/// A revised-date or change-control phrase, as tokens are matched.
#[derive(Debug, Clone)]
struct Trigger {
    parts: Vec<Part>,
    how: Announcement,
}

/// A phrase's words as compared: normalised, "re-profiled to" is re, profiled, to.
fn words_of(phrase: &str) -> Vec<String> {
    normalise_words(phrase)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A phrase's words ([`words_of`]), "..." a gap.
fn parts_of(phrase: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for piece in phrase.split_whitespace() {
        if piece.contains("...") || piece.contains('\u{2026}') {
            out.push(Part::Gap);
            continue;
        }
        out.extend(words_of(piece).into_iter().map(|w| Part::Word(w.into())));
    }
    // A gap at either end means nothing.
    while out.first() == Some(&Part::Gap) {
        out.remove(0);
    }
    while out.last() == Some(&Part::Gap) {
        out.pop();
    }
    out
}

/// The word of a phrase a text must hold for the phrase to match: its longest (the last of
/// the longest), the rarest in commentary.
fn stem_of<'a>(words: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    words.fold(None, |best, w| match best {
        Some(b) if b.len() > w.len() => Some(b),
        _ => Some(w),
    })
}

/// The words of a trigger's parts, gaps left out.
fn part_words(parts: &[Part]) -> impl Iterator<Item = &str> {
    parts.iter().filter_map(|p| match p {
        Part::Word(w) => Some(w.as_ref()),
        Part::Gap => None,
    })
}

/// A finder of any of the phrases' stems, ignoring ASCII case; `None` (look at every text)
/// when a stem is not plain ASCII and so could be missed.
fn stem_finder<'a>(stems: impl Iterator<Item = &'a str>) -> Option<AhoCorasick> {
    let stems: Vec<&str> = stems.collect();
    if stems.iter().any(|s| !s.is_ascii() || *s == "and") {
        return None;
    }
    Some(stems_finder(&stems))
}

/// A set of lower-case ASCII stems to look for, ignoring ASCII case, in one pass.
pub fn stems_finder(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("short stems always build")
}

fn finds(finder: &Option<AhoCorasick>, text: &str) -> bool {
    finder.as_ref().is_none_or(|f| f.is_match(text))
}

/// The phrases of commentary, ready to match: built once per map.
#[derive(Debug, Clone)]
pub struct Phrases {
    lists: PhraseLists,
    triggers: Vec<Trigger>,
    /// The triggers that may start at each first word.
    by_first: HashMap<Box<str>, Vec<usize>>,
    trigger_stems: Option<AhoCorasick>,
    change_stems: Option<AhoCorasick>,
    delay_words: Vec<String>,
    /// The delay phrases of two words or more.
    delay_phrases: Vec<Vec<String>>,
    delay_stems: Option<AhoCorasick>,
    no_change_control: Vec<String>,
    no_issues: Vec<Vec<String>>,
}

/// The built-in map's text, for its `[phrases]`.
const TEMPLATE: &str = include_str!("../templates/default.toml");

#[derive(Deserialize)]
struct TemplatePhrases {
    phrases: PhraseLists,
}

static BUILTIN: LazyLock<Arc<Phrases>> = LazyLock::new(|| {
    // The template is part of the program, not user data: a test reads it.
    match toml::from_str::<TemplatePhrases>(TEMPLATE) {
        Ok(t) => Arc::new(Phrases::new(t.phrases)),
        Err(e) => panic!("templates/default.toml: [phrases] is not lists of phrases: {e}"),
    }
});

impl Phrases {
    /// The built-in phrases (templates/default.toml), built once.
    pub fn builtin() -> Arc<Phrases> {
        BUILTIN.clone()
    }

    /// Phrases built from a map's lists: the built-in ones, shared, when they are those.
    pub fn for_lists(lists: &PhraseLists) -> Arc<Phrases> {
        if *lists == BUILTIN.lists {
            return Phrases::builtin();
        }
        Arc::new(Phrases::new(lists.clone()))
    }

    /// The lists these phrases were built from.
    pub fn lists(&self) -> &PhraseLists {
        &self.lists
    }

    pub fn new(lists: PhraseLists) -> Phrases {
        let mut triggers = Vec::new();
        for (list, how) in [
            (&lists.change_control, Announcement::ChangeControl),
            (&lists.revised, Announcement::Revised),
        ] {
            for p in list {
                let parts = parts_of(p);
                if !parts.is_empty() {
                    triggers.push(Trigger { parts, how });
                }
            }
        }
        let mut by_first: HashMap<Box<str>, Vec<usize>> = HashMap::new();
        for (i, t) in triggers.iter().enumerate() {
            if let Some(Part::Word(w)) = t.parts.first() {
                by_first.entry(w.clone()).or_default().push(i);
            }
        }
        let trigger_stems = stem_finder(
            triggers
                .iter()
                .filter_map(|t| stem_of(part_words(&t.parts))),
        );
        let change_stems = stem_finder(
            triggers
                .iter()
                .filter(|t| t.how == Announcement::ChangeControl)
                .filter_map(|t| stem_of(part_words(&t.parts))),
        );
        let mut delay_words = Vec::new();
        let mut delay_phrases = Vec::new();
        for p in &lists.delay {
            let words = words_of(p);
            match words.len() {
                0 => {}
                1 => delay_words.extend(words),
                _ => delay_phrases.push(words),
            }
        }
        let delay_stems = stem_finder(
            delay_words.iter().map(String::as_str).chain(
                delay_phrases
                    .iter()
                    .filter_map(|w| stem_of(w.iter().map(String::as_str))),
            ),
        );
        let no_change_control = lists
            .no_change_control
            .iter()
            .map(|p| normalise_words(p))
            .collect();
        let no_issues = (lists.no_issues.iter().map(|p| words_of(p)))
            .filter(|w| !w.is_empty())
            .collect();
        Phrases {
            lists,
            triggers,
            by_first,
            trigger_stems,
            change_stems,
            delay_words,
            delay_phrases,
            delay_stems,
            no_change_control,
            no_issues,
        }
    }

    /// The longest trigger that starts at token `i`: where it ends, and what it announces.
    fn trigger_at(
        &self,
        toks: &[Tok],
        i: usize,
        only: Option<Announcement>,
    ) -> Option<(usize, Announcement)> {
        let Kind::Word(w) = &toks[i].kind else {
            return None;
        };
        let candidates = self.by_first.get(w.as_ref())?;
        candidates
            .iter()
            .map(|&k| &self.triggers[k])
            .filter(|t| only.is_none_or(|o| t.how == o))
            .filter_map(|t| match_parts(toks, i, &t.parts).map(|end| (end, t.how)))
            .max_by_key(|(end, how)| (*end, *how == Announcement::ChangeControl))
    }

    /// Revised dates announced in commentary, in order of appearance: "Change control to
    /// December 23", "Slippage to Mid-July", "Now expected end 2023". The last one is the
    /// officer's current expectation.
    pub fn revisions_in(&self, text: &str, ctx: &DateContext) -> Vec<Revision> {
        if !finds(&self.trigger_stems, text) {
            return Vec::new();
        }
        let toks = tokenize(text);
        // The triggers first: the date grammar runs only on text that announces a revision
        // (long commentary often has a stem, "revised milestones", and no trigger).
        let mut triggers = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.trigger_at(&toks, i, None) {
                Some((end, how)) => {
                    triggers.push((end, how));
                    i = end.max(i + 1);
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
    pub fn mentions_change_control(&self, text: &str) -> bool {
        if !finds(&self.change_stems, text) {
            return false;
        }
        let toks = tokenize(text);
        (0..toks.len()).any(|i| {
            self.trigger_at(&toks, i, Some(Announcement::ChangeControl))
                .is_some()
        })
    }

    /// Does commentary speak of slippage, delay, awaiting or pending? The word or phrase it
    /// uses: the first delay word of the text, else the first of the longer phrases listed.
    pub fn speaks_of_delay(&self, text: &str) -> Option<String> {
        // Most commentary has none of the stems: skip it without normalising. (Normalising
        // drops apostrophes and lower-cases beyond ASCII, so only plain ASCII text can be
        // skipped.)
        if text.is_ascii() && !text.contains(['\'', '&']) && !finds(&self.delay_stems, text) {
            return None;
        }
        let norm = normalise_words(text);
        let words: Vec<&str> = norm.split(' ').collect();
        if let Some(w) = words
            .iter()
            .find(|w| self.delay_words.iter().any(|d| d == *w))
        {
            return Some(w.to_string());
        }
        self.delay_phrases
            .iter()
            .find(|p| {
                words
                    .windows(p.len())
                    .any(|win| win.iter().zip(p.iter()).all(|(a, b)| a == b))
            })
            .map(|p| p.join(" "))
    }

    /// Does a change-control cell record a change control? Anything but a "no" does.
    pub fn records_change_control(&self, cell: &str) -> bool {
        let n = normalise_words(cell);
        !self.no_change_control.contains(&n)
    }

    /// "No issues raised", "None": nothing to report.
    pub fn says_no_issues(&self, t: &str) -> bool {
        let norm = normalise_words(t);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        self.no_issues.iter().any(|p| {
            if p.len() == 1 {
                words.len() == 1 && words[0] == p[0]
            } else {
                words.len() >= p.len() && words.iter().zip(p).all(|(a, b)| a == b)
            }
        })
    }
}

/// Where the phrase `parts` ends when it starts at token `i`: words in order (a hyphen
/// between two words skipped), a gap standing for up to [`GAP_TOKENS`] tokens.
fn match_parts(toks: &[Tok], i: usize, parts: &[Part]) -> Option<usize> {
    let Some((first, rest)) = parts.split_first() else {
        return Some(i);
    };
    match first {
        Part::Word(w) => {
            let Some(Tok { kind: Kind::Word(x), .. }) = toks.get(i) else {
                return None;
            };
            if x.as_ref() != w.as_ref() {
                return None;
            }
            if rest.is_empty() {
                return Some(i + 1);
            }
            match_parts(toks, i + 1, rest).or_else(|| {
                matches!(toks.get(i + 1).map(|t| &t.kind), Some(Kind::Dash))
                    .then(|| match_parts(toks, i + 2, rest))
                    .flatten()
            })
        }
        Part::Gap => (0..=GAP_TOKENS)
            .take_while(|skip| {
                // A gap ends at the end, and never spans a word that makes the rest future
                // or negated ("yet to be agreed").
                i + skip <= toks.len()
                    && (*skip == 0 || !matches!(&toks[i + skip - 1].kind, Kind::Word(w) if GAP_STOPS.contains(&w.as_ref())))
            })
            .find_map(|skip| match_parts(toks, i + skip, rest)),
    }
}

/// How many tokens after a trigger its date may start.
const TRIGGER_REACH: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn revisions_in(text: &str, c: &DateContext) -> Vec<Revision> {
        Phrases::builtin().revisions_in(text, c)
    }

    fn mentions_change_control(text: &str) -> bool {
        Phrases::builtin().mentions_change_control(text)
    }

    fn speaks_of_delay(text: &str) -> Option<String> {
        Phrases::builtin().speaks_of_delay(text)
    }

    /// Every phrase of the built-in lists is found in a text that is only that phrase
    /// followed by a date (the stem filters and first-word index let none slip).
    #[test]
    fn every_built_in_phrase_is_found_as_written() {
        let p = Phrases::builtin();
        let l = p.lists();
        for list in [
            &l.revised,
            &l.change_control,
            &l.delay,
            &l.no_change_control,
            &l.no_issues,
        ] {
            assert!(list.len() >= 5, "{list:?}");
        }
        let c = ctx(2023, 7);
        for (list, how) in [
            (&p.lists().revised, Announcement::Revised),
            (&p.lists().change_control, Announcement::ChangeControl),
        ] {
            for phrase in list {
                let text = format!("Work {} March 2024", phrase.replace("...", "timescale"));
                let r = p.revisions_in(&text, &c);
                assert_eq!(r.len(), 1, "{text}");
                assert_eq!(r[0].how, how, "{text}");
                assert_eq!(r[0].date.start(), Some(d(2024, 3, 1)), "{text}");
                let upper = text.to_uppercase();
                assert_eq!(p.revisions_in(&upper, &c).len(), 1, "{upper}");
            }
        }
        for phrase in &p.lists().delay {
            assert!(
                p.speaks_of_delay(&format!("The {phrase} lease")).is_some(),
                "{phrase}"
            );
        }
        for phrase in &p.lists().no_change_control {
            assert!(!p.records_change_control(phrase), "{phrase}");
        }
        for phrase in &p.lists().no_issues {
            assert!(p.says_no_issues(phrase), "{phrase}");
        }
    }

    #[test]
    fn officers_words_for_a_new_date_and_its_approval() {
        let c = ctx(2024, 1);
        let r = revisions_in("The tracker will now be completed in March 2024.", &c);
        assert_eq!(r[0].how, Announcement::Revised);
        assert_eq!(r[0].date.start(), Some(d(2024, 3, 1)));
        let r = revisions_in("Cleansing re-profiled to May 2024", &c);
        assert_eq!(r[0].date.start(), Some(d(2024, 5, 1)));
        assert_eq!(
            revisions_in("Cleansing re profiled to May 2024", &c).len(),
            1
        );
        assert!(mentions_change_control(
            "the revised timescale was agreed by the Improvement Board"
        ));
        assert!(mentions_change_control(
            "REPROGRAMMED to June with approval of the Board"
        ));
        // Not yet approved is no change control: a gap never spans "to be", "not", "yet".
        for not in [
            "the revised plan is yet to be agreed",
            "revised dates not agreed",
            "revised timescale awaiting agreement",
            "revised, then the plan was rewritten and much later agreed",
        ] {
            assert!(!mentions_change_control(not), "{not}");
        }
    }

    #[test]
    fn a_date_is_taken_within_ten_words_of_its_phrase_and_gaps_reach_the_end() {
        let c = ctx(2024, 1);
        let filler = |n: usize| vec!["word"; n].join(" ");
        let near = format!("Slippage to {} March 2024", filler(9));
        assert_eq!(revisions_in(&near, &c).len(), 1, "{near}");
        let far = format!("Slippage to {} March 2024", filler(10));
        assert!(revisions_in(&far, &c).is_empty(), "{far}");
        let long = format!("{} the revised timescale formally agreed", filler(12));
        assert!(mentions_change_control(&long));
        // A phrase in both lists announces a change control.
        let both = PhraseLists {
            revised: vec!["agreed to".into()],
            change_control: vec!["agreed to".into()],
            ..PhraseLists::default()
        };
        let r = Phrases::new(both).revisions_in("Board agreed to June 2024", &c);
        assert_eq!(r[0].how, Announcement::ChangeControl);
    }

    #[test]
    fn a_councils_own_phrases_add_to_the_built_in_ones() {
        let own = PhraseLists {
            revised: vec!["re-baselined for".into()],
            change_control: vec!["signed off by the sponsor".into()],
            ..PhraseLists::default()
        };
        let p = Phrases::for_lists(&Phrases::builtin().lists().clone().with(&own));
        let c = ctx(2024, 1);
        assert_eq!(p.revisions_in("Re-baselined for June 2024", &c).len(), 1);
        assert!(p.mentions_change_control("New date signed off by the sponsor"));
        // The built-in ones still hold.
        assert!(p.mentions_change_control("Change control to December 23"));
        assert!(!Phrases::builtin().mentions_change_control("New date signed off by the sponsor"));
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
            assert!(!Phrases::builtin().records_change_control(no), "{no:?}");
        }
        let p = Phrases::builtin();
        assert!(p.records_change_control("CC-042 approved 9 July"));
        assert!(p.says_no_issues("No issues raised"));
        assert!(p.says_no_issues("None"));
        assert!(p.says_no_issues("None."));
        assert!(!p.says_no_issues("None of the contractors has replied"));
        assert!(!p.says_no_issues("Contractor"));
        assert!(!p.says_no_issues("No"));
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
        let builtin = Phrases::builtin();
        let lists = builtin.lists();
        let norm = normalise_words(text);
        let padded = format!(" {norm} ");
        let (words, phrases): (Vec<&String>, Vec<&String>) =
            lists.delay.iter().partition(|p| !p.contains(' '));
        if let Some(w) = norm.split(' ').find(|w| words.iter().any(|x| x == w)) {
            return Some(w.to_string());
        }
        phrases
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
            stems_finder(&refs).is_match(&text),
            refs.iter().any(|n| lower.contains(n)),
            "{:?} in {:?}", refs, text
        );
    }

    }
}
