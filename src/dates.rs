//! Council date phrases parsed to inclusive date ranges.
//!
//! Officers write dates as Excel dates, `31/08/22`, `1.9.22`, `May 23`, `Mid-July`,
//! `end 2023`, `Autumn '23`, `Q2 2023/24`, `late Aug/early Sep` or `tbc`. Every phrase
//! becomes a [`PlanDate`]: the original text plus a [`Span`] (an inclusive range of days),
//! `Tbc`, or `Unparsed`. Parsing never fails and never panics.
//!
//! Conventions (documented in README):
//! - numeric dates are day first (UK): `06/10/22` is 6 October 2022;
//! - a missing year is taken from the report month: the year that puts the date within six
//!   months either side of it (so `January` in a November report is next January), and the
//!   date says `year_inferred`;
//! - quarters are financial (April start): `Q1 2023/24` is April-June 2023; `Q1 24` is the
//!   first quarter of the year starting April 2024; a bare `Q3` is in the report's year;
//! - `2023/24` is the financial year 1 April 2023 to 31 March 2024;
//! - early = days 1-10, mid = 11-20, late/end = 21-end of a month; of a year, early =
//!   Jan-Apr, mid = May-Aug, late = Sep-Dec, end = Oct-Dec; of a season or quarter, its
//!   first, middle or last month;
//! - seasons: Spring Mar-May, Summer Jun-Aug, Autumn Sep-Nov, Winter Dec-Feb.

use std::fmt;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// A date as written in a plan or return, with the range of days it denotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanDate {
    /// The text as the officer wrote it (or `dd/mm/yyyy` for a real date cell).
    pub text: String,
    pub span: Span,
}

/// What a date phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Span {
    /// An inclusive range of days. `year_inferred` is true when the text had no year and it
    /// was taken from the report month.
    Range {
        start: NaiveDate,
        end: NaiveDate,
        year_inferred: bool,
    },
    /// "tbc", "to be confirmed", "Date tbc".
    Tbc,
    /// Text that is not a date the tool understands; kept verbatim and reported.
    Unparsed,
}

/// What the parser needs to know to place month-only and season-only phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    /// Any day in the report month; only its year and month are used.
    pub report_month: NaiveDate,
}

impl DateContext {
    pub fn new(report_month: NaiveDate) -> Self {
        DateContext {
            report_month: first_of_month(report_month.year(), report_month.month())
                .unwrap_or(report_month),
        }
    }

    /// First and last day of the report month.
    pub fn month_range(&self) -> (NaiveDate, NaiveDate) {
        let y = self.report_month.year();
        let m = self.report_month.month();
        (
            self.report_month,
            last_of_month(y, m).unwrap_or(self.report_month),
        )
    }
}

impl PlanDate {
    /// Parse a date cell's text. The first date phrase in the text is the date; text with no
    /// date phrase is `Tbc` if it says so and `Unparsed` otherwise.
    pub fn parse(text: &str, ctx: &DateContext) -> PlanDate {
        let toks = tokenize(text);
        let span = match find_exprs(&toks, ctx, true).into_iter().next() {
            Some(found) => found.span,
            None if says_tbc(&toks) => Span::Tbc,
            None => Span::Unparsed,
        };
        PlanDate {
            text: text.trim().to_string(),
            span,
        }
    }

    /// A real calendar date (an Excel date cell).
    pub fn from_date(d: NaiveDate) -> PlanDate {
        PlanDate {
            text: d.format("%d/%m/%Y").to_string(),
            span: Span::Range {
                start: d,
                end: d,
                year_inferred: false,
            },
        }
    }

    /// An Excel serial day number (1900 date system). `None` outside 1900-9999.
    pub fn from_serial(serial: f64) -> Option<PlanDate> {
        serial_to_date(serial).map(PlanDate::from_date)
    }

    pub fn start(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Range { start, .. } => Some(start),
            _ => None,
        }
    }

    pub fn end(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Range { end, .. } => Some(end),
            _ => None,
        }
    }

    pub fn is_unparsed(&self) -> bool {
        self.span == Span::Unparsed
    }

    pub fn year_inferred(&self) -> bool {
        matches!(
            self.span,
            Span::Range {
                year_inferred: true,
                ..
            }
        )
    }

    /// A short description of the range, e.g. `01/07/2023-31/07/2023`.
    pub fn range_text(&self) -> String {
        match self.span {
            Span::Range { start, end, .. } if start == end => start.format("%d/%m/%Y").to_string(),
            Span::Range { start, end, .. } => {
                format!("{}-{}", start.format("%d/%m/%Y"), end.format("%d/%m/%Y"))
            }
            Span::Tbc => "tbc".into(),
            Span::Unparsed => "unparsed".into(),
        }
    }
}

impl fmt::Display for PlanDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Convert an Excel serial (1900 system, with its fictitious 29 Feb 1900) to a date.
pub fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Serials below 61 are before the fictitious leap day and are one day later.
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(Duration::days(days))
}

/// A date phrase found inside free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
    pub span: Span,
}

impl Found {
    pub fn to_plan_date(&self, text: &str) -> PlanDate {
        PlanDate {
            text: text
                .get(self.start..self.end)
                .unwrap_or("")
                .trim()
                .to_string(),
            span: self.span,
        }
    }
}

/// Every date phrase in commentary, left to right. Bare numbers ("16 RCVs") are not dates;
/// a bare year counts only after a cue word such as "in", "by" or "end".
pub fn find_dates(text: &str, ctx: &DateContext) -> Vec<Found> {
    find_exprs(&tokenize(text), ctx, false)
}

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
    let found = find_exprs(&toks, ctx, false);
    let mut out: Vec<Revision> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((len, how)) = TRIGGERS
            .iter()
            .find_map(|(words, how)| words_at(&toks, i, words).then_some((words.len(), *how)))
        else {
            i += 1;
            continue;
        };
        let after = i + len;
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
        i = after;
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

fn words_at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| match toks.get(i + k) {
            Some(Tok {
                kind: Kind::Word(x),
                ..
            }) => x == w,
            _ => false,
        })
}

fn says_tbc(toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(i, t)| match &t.kind {
        Kind::Word(w) => {
            matches!(w.as_str(), "tbc" | "tba" | "tbd" | "tbconfirmed")
                || (w == "to"
                    && words_at(toks, i + 1, &["be"])
                    && matches!(toks.get(i + 2).map(|t| &t.kind), Some(Kind::Word(x)) if matches!(x.as_str(), "confirmed" | "agreed" | "determined" | "decided")))
        }
        _ => false,
    })
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A lower-case alphabetic word.
    Word(String),
    /// A number with its digit count.
    Num(u32, usize),
    /// `31/08/22`, `1.9.22`, `06/10`, `2023-07-01`: day, month, optional full year.
    NumDate(u32, u32, Option<i32>),
    /// `2023/24`, `2023-24`: financial year starting April of that year.
    FinYear(i32),
    /// `'23`
    Year(i32),
    Slash,
    Dash,
    /// Any other punctuation: breaks phrases apart.
    Break,
}

#[derive(Debug, Clone, PartialEq)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_alphabetic() {
            let start = i;
            while i < text.len() {
                match text[i..].chars().next() {
                    Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                    _ => break,
                }
            }
            toks.push(Tok {
                kind: Kind::Word(text[start..i].to_lowercase()),
                start,
                end: i,
            });
        } else if c.is_ascii_digit() {
            let start = i;
            // digits, optionally joined by / . - to more digits
            let mut groups: Vec<(u32, usize)> = Vec::new();
            let mut seps: Vec<u8> = Vec::new();
            loop {
                let gs = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let digits = &text[gs..i];
                let v = if digits.len() > 9 {
                    u32::MAX
                } else {
                    digits.parse().unwrap_or(u32::MAX)
                };
                groups.push((v, digits.len()));
                if i + 1 < bytes.len()
                    && matches!(bytes[i], b'/' | b'.' | b'-')
                    && bytes[i + 1].is_ascii_digit()
                    && groups.len() < 3
                {
                    seps.push(bytes[i]);
                    i += 1;
                } else {
                    break;
                }
            }
            let kind = classify_numeric(&groups, &seps);
            match kind {
                Some(k) => toks.push(Tok {
                    kind: k,
                    start,
                    end: i,
                }),
                None => toks.push(Tok {
                    kind: Kind::Break,
                    start,
                    end: i,
                }),
            }
        } else if c == '\'' || c == '\u{2019}' {
            // '23
            let d = i + clen;
            if d + 2 <= bytes.len()
                && bytes[d].is_ascii_digit()
                && bytes[d + 1].is_ascii_digit()
                && (d + 2 == bytes.len() || !bytes[d + 2].is_ascii_digit())
            {
                let y = ((bytes[d] - b'0') as i32) * 10 + (bytes[d + 1] - b'0') as i32;
                toks.push(Tok {
                    kind: Kind::Year(2000 + y),
                    start: i,
                    end: d + 2,
                });
                i = d + 2;
            } else {
                i += clen;
            }
        } else if c == '/' {
            toks.push(Tok {
                kind: Kind::Slash,
                start: i,
                end: i + 1,
            });
            i += 1;
        } else if matches!(c, '-' | '\u{2013}' | '\u{2014}') {
            toks.push(Tok {
                kind: Kind::Dash,
                start: i,
                end: i + clen,
            });
            i += clen;
        } else if c.is_whitespace() {
            i += clen;
        } else {
            toks.push(Tok {
                kind: Kind::Break,
                start: i,
                end: i + clen,
            });
            i += clen;
        }
    }
    toks
}

fn classify_numeric(groups: &[(u32, usize)], seps: &[u8]) -> Option<Kind> {
    match groups {
        [(n, len)] => Some(Kind::Num(*n, *len)),
        [(a, 4), (b, 2)] if seps[0] != b'.' && *b == (a + 1) % 100 && (1990..2100).contains(a) => {
            Some(Kind::FinYear(*a as i32))
        }
        [(a, 2), (b, 2)] if seps[0] == b'/' && *b == (a + 1) % 100 && *a >= 13 => {
            Some(Kind::FinYear(2000 + *a as i32))
        }
        [(d, 1..=2), (m, 1..=2)] if seps[0] != b'-' && valid_dm(*d, *m) => {
            Some(Kind::NumDate(*d, *m, None))
        }
        [(d, 1..=2), (m, 1..=2), (y, ylen)] if seps[0] == seps[1] && valid_dm(*d, *m) => {
            let y = match ylen {
                2 => 2000 + *y as i32,
                4 if (1900..2200).contains(y) => *y as i32,
                _ => return None,
            };
            Some(Kind::NumDate(*d, *m, Some(y)))
        }
        [(y, 4), (m, 1..=2), (d, 1..=2)]
            if seps[0] == seps[1] && valid_dm(*d, *m) && (1900..2200).contains(y) =>
        {
            Some(Kind::NumDate(*d, *m, Some(*y as i32)))
        }
        _ => None,
    }
}

fn valid_dm(d: u32, m: u32) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

// ---------------------------------------------------------------------------------------
// Grammar

fn month_word(w: &str) -> Option<u32> {
    Some(match w {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// Season: start month and whether it crosses the year end.
fn season_word(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Modifier {
    Early,
    Mid,
    Late,
    End,
    WeekCommencing,
}

/// The thing a phrase names before a year is attached.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Core {
    Day(u32, u32),
    Month(u32),
    /// A run of months: start month, count (season or quarter).
    Months(u32, u32),
    Quarter(u32),
    Year,
    FinYear,
}

#[derive(Debug, Clone, Copy)]
struct Phrase {
    modifier: Option<Modifier>,
    core: Core,
    year: Option<i32>,
    start_tok: usize,
    end_tok: usize,
}

const CUES: &[&str] = &[
    "in",
    "by",
    "during",
    "until",
    "till",
    "to",
    "from",
    "for",
    "of",
    "due",
    "before",
    "after",
    "since",
    "throughout",
];

fn word(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok {
            kind: Kind::Word(w),
            ..
        }) => Some(w.as_str()),
        _ => None,
    }
}

/// A year after a month, season or quarter: `2023`, `23`, `'23`.
fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    match toks.get(i)?.kind {
        Kind::Num(n, 4) if (1990..2100).contains(&n) => Some(n as i32),
        Kind::Num(n, 2) => Some(2000 + n as i32),
        Kind::Year(y) => Some(y),
        _ => None,
    }
}

fn modifier_at(toks: &[Tok], i: usize) -> Option<(Modifier, usize)> {
    let w = word(toks, i)?;
    let m = match w {
        "early" | "beginning" | "start" | "begining" => Modifier::Early,
        "mid" | "middle" => Modifier::Mid,
        "late" => Modifier::Late,
        "end" => Modifier::End,
        "week"
            if word(toks, i + 1) == Some("commencing")
                || word(toks, i + 1) == Some("beginning") =>
        {
            return Some((Modifier::WeekCommencing, i + 2));
        }
        "w" if matches!(toks.get(i + 1).map(|t| &t.kind), Some(Kind::Slash))
            && word(toks, i + 2) == Some("c") =>
        {
            return Some((Modifier::WeekCommencing, i + 3));
        }
        "wc" => Modifier::WeekCommencing,
        _ => return None,
    };
    let mut j = i + 1;
    if matches!(toks.get(j).map(|t| &t.kind), Some(Kind::Dash)) {
        j += 1; // "Mid-July"
    }
    if word(toks, j) == Some("of") {
        j += 1; // "end of Sept 22"
    }
    Some((m, j))
}

/// Parse one phrase starting at token `i`.
fn phrase_at(toks: &[Tok], i: usize, strict: bool) -> Option<Phrase> {
    let (modifier, j) = match modifier_at(toks, i) {
        Some((m, j)) => (Some(m), j),
        None => (None, i),
    };
    let t = toks.get(j)?;
    let mut p = Phrase {
        modifier,
        core: Core::Year,
        year: None,
        start_tok: i,
        end_tok: j + 1,
    };
    match &t.kind {
        Kind::NumDate(d, m, y) => {
            p.core = Core::Day(*d, *m);
            p.year = *y;
        }
        Kind::FinYear(y) => {
            p.core = Core::FinYear;
            p.year = Some(*y);
        }
        Kind::Year(y) => {
            p.core = Core::Year;
            p.year = Some(*y);
        }
        Kind::Num(n, len) => {
            // "1st September 2023", "19th July", "26 th July", "8 May 23"
            let mut k = j + 1;
            if matches!(word(toks, k), Some("st" | "nd" | "rd" | "th")) {
                k += 1;
            }
            if let Some(m) = word(toks, k).and_then(month_word)
                && (1..=31).contains(n)
            {
                p.core = Core::Day(*n, m);
                p.end_tok = k + 1;
                if let Some(y) = year_at(toks, k + 1) {
                    p.year = Some(y);
                    p.end_tok = k + 2;
                }
            } else if *len == 4
                && (1990..2100).contains(n)
                && (strict
                    || modifier.is_some()
                    || (i > 0 && word(toks, i - 1).is_some_and(|w| CUES.contains(&w))))
            {
                p.core = Core::Year;
                p.year = Some(*n as i32);
            } else {
                return None;
            }
        }
        Kind::Word(w) => {
            if let Some(m) = month_word(w) {
                // "may" is also a verb: in commentary it needs a year, a day or a cue.
                if w == "may" && !strict && modifier.is_none() {
                    let cue_before = i > 0 && word(toks, i - 1).is_some_and(|x| CUES.contains(&x));
                    if !cue_before && year_at(toks, j + 1).is_none() {
                        return None;
                    }
                }
                p.core = Core::Month(m);
                if let Some(y) = year_at(toks, j + 1) {
                    p.year = Some(y);
                    p.end_tok = j + 2;
                }
            } else if let Some(s) = season_word(w) {
                p.core = Core::Months(s, 3);
                if let Some(y) = year_at(toks, j + 1) {
                    p.year = Some(y);
                    p.end_tok = j + 2;
                }
            } else if (w == "q" || w == "quarter")
                && matches!(toks.get(j + 1).map(|t| &t.kind), Some(Kind::Num(1..=4, 1)))
            {
                // "Q1", "Q2 2023/24", "Q1 24"
                let Some(Kind::Num(q, _)) = toks.get(j + 1).map(|t| &t.kind) else {
                    return None;
                };
                p.core = Core::Quarter(*q);
                p.end_tok = j + 2;
                match toks.get(j + 2).map(|t| &t.kind) {
                    Some(Kind::FinYear(y)) => {
                        p.year = Some(*y);
                        p.end_tok = j + 3;
                    }
                    _ => {
                        if let Some(y) = year_at(toks, j + 2) {
                            p.year = Some(y);
                            p.end_tok = j + 3;
                        }
                    }
                }
            } else {
                return None;
            }
        }
        _ => return None,
    }
    Some(p)
}

/// Month arithmetic: (year, month) plus `n` months.
fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1);
    first_of_month(ny, nm)?.pred_opt()
}

/// Range covering `count` months from (y, m).
fn months_range(y: i32, m: u32, count: u32) -> Option<(NaiveDate, NaiveDate)> {
    let (ey, em) = add_months(y, m, count as i32 - 1);
    Some((first_of_month(y, m)?, last_of_month(ey, em)?))
}

/// Narrow a run of `count` months by a modifier.
fn narrow_months(
    y: i32,
    m: u32,
    count: u32,
    modifier: Option<Modifier>,
) -> Option<(NaiveDate, NaiveDate)> {
    let third = count.div_ceil(3).max(1);
    match modifier {
        None | Some(Modifier::WeekCommencing) => months_range(y, m, count),
        Some(Modifier::Early) => months_range(y, m, third),
        Some(Modifier::Mid) => {
            let (sy, sm) = add_months(y, m, (count / 3) as i32);
            months_range(sy, sm, count - 2 * (count / 3))
        }
        Some(Modifier::Late) => {
            let (sy, sm) = add_months(y, m, (count - third) as i32);
            months_range(sy, sm, third)
        }
        Some(Modifier::End) => {
            let last = if count >= 12 { 3 } else { third };
            let (sy, sm) = add_months(y, m, (count - last) as i32);
            months_range(sy, sm, last)
        }
    }
}

/// The year that puts month `m` within six months either side of the report month.
fn infer_year(m: u32, ctx: &DateContext) -> i32 {
    let ry = ctx.report_month.year();
    let delta = m as i32 - ctx.report_month.month() as i32;
    if delta < -6 {
        ry + 1
    } else if delta >= 6 {
        ry - 1
    } else {
        ry
    }
}

/// Start year of the financial year containing the report month.
fn report_fin_year(ctx: &DateContext) -> i32 {
    let d = ctx.report_month;
    if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    }
}

fn resolve(p: &Phrase, ctx: &DateContext) -> Option<Span> {
    let inferred = p.year.is_none();
    let (start, end) = match p.core {
        Core::Day(d, m) => {
            let y = p.year.unwrap_or_else(|| infer_year(m, ctx));
            let day = NaiveDate::from_ymd_opt(y, m, d)?;
            if p.modifier == Some(Modifier::WeekCommencing) {
                (day, day + Duration::days(6))
            } else {
                (day, day)
            }
        }
        Core::Month(m) => {
            let y = p.year.unwrap_or_else(|| infer_year(m, ctx));
            let first = first_of_month(y, m)?;
            let last = last_of_month(y, m)?;
            let d = |n: u32| NaiveDate::from_ymd_opt(y, m, n);
            match p.modifier {
                None | Some(Modifier::WeekCommencing) => (first, last),
                Some(Modifier::Early) => (first, d(10)?),
                Some(Modifier::Mid) => (d(11)?, d(20)?),
                Some(Modifier::Late) | Some(Modifier::End) => (d(21)?, last),
            }
        }
        Core::Months(m, count) => {
            let y = p.year.unwrap_or_else(|| infer_year(m, ctx));
            narrow_months(y, m, count, p.modifier)?
        }
        Core::Quarter(q) => {
            let fy = p.year.unwrap_or_else(|| report_fin_year(ctx));
            let (y, m) = add_months(fy, 4, 3 * (q as i32 - 1));
            narrow_months(y, m, 3, p.modifier)?
        }
        Core::Year => narrow_months(p.year?, 1, 12, p.modifier)?,
        Core::FinYear => narrow_months(p.year?, 4, 12, p.modifier)?,
    };
    Some(Span::Range {
        start,
        end,
        year_inferred: inferred && !matches!(p.core, Core::Year | Core::FinYear),
    })
}

fn is_connector(toks: &[Tok], i: usize) -> bool {
    match toks.get(i).map(|t| &t.kind) {
        Some(Kind::Slash) | Some(Kind::Dash) => true,
        Some(Kind::Word(w)) => w == "to" || w == "until" || w == "or",
        _ => false,
    }
}

/// Give the first half of a range the second half's year: "late Aug/early Sep 23",
/// "November/December 22", "Nov 23 - Jan 24" keeps its own years.
fn share_year(first: &mut Phrase, second: &Phrase) {
    if first.year.is_some() {
        return;
    }
    let Some(y2) = second.year else { return };
    let first_month = match first.core {
        Core::Day(_, m) | Core::Month(m) | Core::Months(m, _) => m,
        _ => return,
    };
    let second_month = match second.core {
        Core::Day(_, m) | Core::Month(m) | Core::Months(m, _) => m,
        _ => return,
    };
    first.year = Some(if first_month > second_month {
        y2 - 1
    } else {
        y2
    });
}

fn find_exprs(toks: &[Tok], ctx: &DateContext, strict: bool) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(mut p) = phrase_at(toks, i, strict) else {
            i += 1;
            continue;
        };
        // A range: "late Aug/early Sep", "November/December 22", "Q1 - Q2 2024/25"
        let mut second = None;
        if is_connector(toks, p.end_tok)
            && let Some(q) = phrase_at(toks, p.end_tok + 1, true)
            && std::mem::discriminant(&q.core) == std::mem::discriminant(&p.core)
        {
            share_year(&mut p, &q);
            second = Some(q);
        }
        let span = match (
            resolve(&p, ctx),
            second.as_ref().and_then(|q| resolve(q, ctx)),
        ) {
            (
                Some(Span::Range {
                    start,
                    year_inferred,
                    ..
                }),
                Some(Span::Range { end, .. }),
            ) if end >= start => Some(Span::Range {
                start,
                end,
                year_inferred,
            }),
            (Some(s), _) => {
                second = None;
                Some(s)
            }
            (None, _) => None,
        };
        let last = second.as_ref().map(|q| q.end_tok).unwrap_or(p.end_tok);
        match span {
            Some(span) => {
                out.push(Found {
                    start: toks[p.start_tok].start,
                    end: toks[last - 1].end,
                    span,
                });
                i = last;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
    /// July 2023 reports), with the range it must denote.
    #[test]
    fn reference_appendix_phrases() {
        let oct22 = ctx(2022, 10);
        let jul23 = ctx(2023, 7);
        let cases: &[(&str, &DateContext, NaiveDate, NaiveDate, bool)] = &[
            // October 2022 appendix
            ("31/08/22", &oct22, d(2022, 8, 31), d(2022, 8, 31), false),
            ("06/10", &oct22, d(2022, 10, 6), d(2022, 10, 6), true),
            (
                "end of Sept 22",
                &oct22,
                d(2022, 9, 21),
                d(2022, 9, 30),
                false,
            ),
            ("1.9.22", &oct22, d(2022, 9, 1), d(2022, 9, 1), false),
            ("September 22", &oct22, d(2022, 9, 1), d(2022, 9, 30), false),
            ("14.09.22", &oct22, d(2022, 9, 14), d(2022, 9, 14), false),
            ("1/4/23", &oct22, d(2023, 4, 1), d(2023, 4, 1), false),
            ("26/9/22", &oct22, d(2022, 9, 26), d(2022, 9, 26), false),
            ("December", &oct22, d(2022, 12, 1), d(2022, 12, 31), true),
            ("Nov", &oct22, d(2022, 11, 1), d(2022, 11, 30), true),
            (
                "late November",
                &oct22,
                d(2022, 11, 21),
                d(2022, 11, 30),
                true,
            ),
            (
                "November/December",
                &oct22,
                d(2022, 11, 1),
                d(2022, 12, 31),
                true,
            ),
            (
                "beginning of November/December 22",
                &oct22,
                d(2022, 11, 1),
                d(2022, 12, 31),
                false,
            ),
            (
                "November 22",
                &oct22,
                d(2022, 11, 1),
                d(2022, 11, 30),
                false,
            ),
            ("13/10/22", &oct22, d(2022, 10, 13), d(2022, 10, 13), false),
            ("18/10/22", &oct22, d(2022, 10, 18), d(2022, 10, 18), false),
            ("Spring 2023", &oct22, d(2023, 3, 1), d(2023, 5, 31), false),
            ("Jan 2023", &oct22, d(2023, 1, 1), d(2023, 1, 31), false),
            ("March 2023", &oct22, d(2023, 3, 1), d(2023, 3, 31), false),
            (
                "22 November",
                &oct22,
                d(2022, 11, 22),
                d(2022, 11, 22),
                true,
            ),
            ("26 th July", &oct22, d(2022, 7, 26), d(2022, 7, 26), true),
            ("3rd October", &oct22, d(2022, 10, 3), d(2022, 10, 3), true),
            ("Summer 2022", &oct22, d(2022, 6, 1), d(2022, 8, 31), false),
            ("in 2023", &oct22, d(2023, 1, 1), d(2023, 12, 31), false),
            // July 2023 appendix
            ("March 2023", &jul23, d(2023, 3, 1), d(2023, 3, 31), false),
            ("September", &jul23, d(2023, 9, 1), d(2023, 9, 30), true),
            (
                "Due for approval in September",
                &jul23,
                d(2023, 9, 1),
                d(2023, 9, 30),
                true,
            ),
            (
                "Pilot held in April",
                &jul23,
                d(2023, 4, 1),
                d(2023, 4, 30),
                true,
            ),
            ("in 2024", &jul23, d(2024, 1, 1), d(2024, 12, 31), false),
            ("September 23", &jul23, d(2023, 9, 1), d(2023, 9, 30), false),
            ("May 23", &jul23, d(2023, 5, 1), d(2023, 5, 31), false),
            (
                "Due in May 23",
                &jul23,
                d(2023, 5, 1),
                d(2023, 5, 31),
                false,
            ),
            (
                "December 23",
                &jul23,
                d(2023, 12, 1),
                d(2023, 12, 31),
                false,
            ),
            ("August 2023", &jul23, d(2023, 8, 1), d(2023, 8, 31), false),
            ("Autumn '23", &jul23, d(2023, 9, 1), d(2023, 11, 30), false),
            ("Autumn", &jul23, d(2023, 9, 1), d(2023, 11, 30), true),
            ("Feb 23", &jul23, d(2023, 2, 1), d(2023, 2, 28), false),
            ("June 23", &jul23, d(2023, 6, 1), d(2023, 6, 30), false),
            ("Mid-July", &jul23, d(2023, 7, 11), d(2023, 7, 20), true),
            ("April 24", &jul23, d(2024, 4, 1), d(2024, 4, 30), false),
            (
                "Complete April 23",
                &jul23,
                d(2023, 4, 1),
                d(2023, 4, 30),
                false,
            ),
            ("11 July", &jul23, d(2023, 7, 11), d(2023, 7, 11), true),
            ("10/07/23", &jul23, d(2023, 7, 10), d(2023, 7, 10), false),
            ("8th May 23", &jul23, d(2023, 5, 8), d(2023, 5, 8), false),
            (
                "week commencing 8th May 23",
                &jul23,
                d(2023, 5, 8),
                d(2023, 5, 14),
                false,
            ),
            ("October", &jul23, d(2023, 10, 1), d(2023, 10, 31), true),
            ("1 August", &jul23, d(2023, 8, 1), d(2023, 8, 1), true),
            ("5 July 23", &jul23, d(2023, 7, 5), d(2023, 7, 5), false),
            ("08.08.23", &jul23, d(2023, 8, 8), d(2023, 8, 8), false),
            ("June 2023", &jul23, d(2023, 6, 1), d(2023, 6, 30), false),
            ("March 2024", &jul23, d(2024, 3, 1), d(2024, 3, 31), false),
            (
                "1st September 2023",
                &jul23,
                d(2023, 9, 1),
                d(2023, 9, 1),
                false,
            ),
            ("October 23", &jul23, d(2023, 10, 1), d(2023, 10, 31), false),
            ("March 24", &jul23, d(2024, 3, 1), d(2024, 3, 31), false),
            ("Mid 2023", &jul23, d(2023, 5, 1), d(2023, 8, 31), false),
            ("Dec 23", &jul23, d(2023, 12, 1), d(2023, 12, 31), false),
            ("end 2023", &jul23, d(2023, 10, 1), d(2023, 12, 31), false),
            ("31.03.27", &jul23, d(2027, 3, 31), d(2027, 3, 31), false),
            ("24 July", &jul23, d(2023, 7, 24), d(2023, 7, 24), true),
            (
                "late Aug/early Sep",
                &jul23,
                d(2023, 8, 21),
                d(2023, 9, 10),
                true,
            ),
            ("13/07/23", &jul23, d(2023, 7, 13), d(2023, 7, 13), false),
            ("13.07.23", &jul23, d(2023, 7, 13), d(2023, 7, 13), false),
            ("August 23", &jul23, d(2023, 8, 1), d(2023, 8, 31), false),
            (
                "end of August",
                &jul23,
                d(2023, 8, 21),
                d(2023, 8, 31),
                true,
            ),
            ("Q1", &jul23, d(2023, 4, 1), d(2023, 6, 30), true),
            (
                "September 2024",
                &jul23,
                d(2024, 9, 1),
                d(2024, 9, 30),
                false,
            ),
            ("July 2024", &jul23, d(2024, 7, 1), d(2024, 7, 31), false),
            (
                "February 2023",
                &jul23,
                d(2023, 2, 1),
                d(2023, 2, 28),
                false,
            ),
            ("2020/21", &jul23, d(2020, 4, 1), d(2021, 3, 31), false),
            ("2021/22", &jul23, d(2021, 4, 1), d(2022, 3, 31), false),
            ("July 2023", &jul23, d(2023, 7, 1), d(2023, 7, 31), false),
            ("19th July", &jul23, d(2023, 7, 19), d(2023, 7, 19), true),
            ("September 23", &jul23, d(2023, 9, 1), d(2023, 9, 30), false),
            // The issue's own list
            ("Q2 2023/24", &jul23, d(2023, 7, 1), d(2023, 9, 30), false),
            ("Q1 24", &jul23, d(2024, 4, 1), d(2024, 6, 30), false),
            ("Autumn 2023", &jul23, d(2023, 9, 1), d(2023, 11, 30), false),
            ("Spring 2023", &jul23, d(2023, 3, 1), d(2023, 5, 31), false),
            ("Winter 2023", &jul23, d(2023, 12, 1), d(2024, 2, 29), false),
        ];
        for (text, c, start, end, inferred) in cases {
            assert_eq!(range(text, c), (*start, *end, *inferred), "{text}");
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
}

#[cfg(test)]
mod props {
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
            let _ = revisions_in(&text, &c);
        }

        #[test]
        fn stems_agree_with_lowercased_search(
            text in "[a-cA-C \u{e9}\u{c9}\u{2019}]{0,40}",
            needles in prop::collection::vec("[a-c ]{1,4}", 1..4),
        ) {
            let lower = text.to_ascii_lowercase();
            let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
            prop_assert_eq!(
                stems(&refs).is_match(&text),
                refs.iter().any(|n| lower.contains(n)),
                "{:?} in {:?}", refs, text
            );
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
}
