//! The date grammar: text to tokens, tokens to phrases ("Mid-July", "Q2 2023/24",
//! "late Aug/early Sep"), phrases to ranges of days.

use std::borrow::Cow;

use chrono::{Datelike, Duration, NaiveDate};

use super::{DateContext, Found, Span};

pub(crate) fn words_at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
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

pub(crate) fn says_tbc(toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(i, t)| match &t.kind {
        Kind::Word(w) => {
            matches!(w.as_ref(), "tbc" | "tba" | "tbd" | "tbconfirmed")
                || (w == "to"
                    && words_at(toks, i + 1, &["be"])
                    && matches!(toks.get(i + 2).map(|t| &t.kind), Some(Kind::Word(x)) if matches!(x.as_ref(), "confirmed" | "agreed" | "determined" | "decided")))
        }
        _ => false,
    })
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind<'a> {
    /// A lower-case alphabetic word: borrowed from the text when it is already lower case
    /// (most words of long commentary), so that tokenising allocates little.
    Word(Cow<'a, str>),
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
pub(crate) struct Tok<'a> {
    pub kind: Kind<'a>,
    pub start: usize,
    pub end: usize,
}

/// A word in lower case, as `str::to_lowercase` gives it; borrowed when it already is.
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
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
                kind: Kind::Word(lower(&text[start..i])),
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

pub(crate) fn classify_numeric(groups: &[(u32, usize)], seps: &[u8]) -> Option<Kind<'static>> {
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

pub(crate) fn valid_dm(d: u32, m: u32) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

// ---------------------------------------------------------------------------------------
// Grammar

pub(crate) fn month_word(w: &str) -> Option<u32> {
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
pub(crate) fn season_word(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Modifier {
    Early,
    Mid,
    Late,
    End,
    WeekCommencing,
}

/// The thing a phrase names before a year is attached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Core {
    Day(u32, u32),
    Month(u32),
    /// A run of months: start month, count (season or quarter).
    Months(u32, u32),
    Quarter(u32),
    Year,
    FinYear,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Phrase {
    modifier: Option<Modifier>,
    core: Core,
    year: Option<i32>,
    start_tok: usize,
    end_tok: usize,
}

pub(crate) const CUES: &[&str] = &[
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

pub(crate) fn word<'t>(toks: &'t [Tok<'_>], i: usize) -> Option<&'t str> {
    match toks.get(i) {
        Some(Tok {
            kind: Kind::Word(w),
            ..
        }) => Some(w.as_ref()),
        _ => None,
    }
}

/// A year after a month, season or quarter: `2023`, `23`, `'23`.
pub(crate) fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    match toks.get(i)?.kind {
        Kind::Num(n, 4) if (1990..2100).contains(&n) => Some(n as i32),
        Kind::Num(n, 2) => Some(2000 + n as i32),
        Kind::Year(y) => Some(y),
        _ => None,
    }
}

pub(crate) fn modifier_at(toks: &[Tok], i: usize) -> Option<(Modifier, usize)> {
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
pub(crate) fn phrase_at(toks: &[Tok], i: usize, strict: bool) -> Option<Phrase> {
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
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

pub(crate) fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

pub(crate) fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1);
    first_of_month(ny, nm)?.pred_opt()
}

/// Range covering `count` months from (y, m).
pub(crate) fn months_range(y: i32, m: u32, count: u32) -> Option<(NaiveDate, NaiveDate)> {
    let (ey, em) = add_months(y, m, count as i32 - 1);
    Some((first_of_month(y, m)?, last_of_month(ey, em)?))
}

/// Narrow a run of `count` months by a modifier.
pub(crate) fn narrow_months(
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
pub(crate) fn infer_year(m: u32, ctx: &DateContext) -> i32 {
    let ry = ctx.report_month.year();
    if let Some(a) = ctx.anchor {
        // Nearest to the anchor, never before the report month ("Mid-July" in a July 2023
        // return, for an action due March 2024, is July 2024).
        let month_index = |y: i32, m: u32| y * 12 + m as i32;
        let earliest = month_index(ry, ctx.report_month.month());
        let target = month_index(a.year(), a.month());
        return (ry..=ry.max(a.year()) + 1)
            .filter(|y| month_index(*y, m) >= earliest)
            .min_by_key(|y| ((month_index(*y, m) - target).abs(), *y))
            .unwrap_or(ry);
    }
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
pub(crate) fn report_fin_year(ctx: &DateContext) -> i32 {
    let d = ctx.report_month;
    if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    }
}

pub(crate) fn resolve(p: &Phrase, ctx: &DateContext) -> Option<Span> {
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

pub(crate) fn is_connector(toks: &[Tok], i: usize) -> bool {
    match toks.get(i).map(|t| &t.kind) {
        Some(Kind::Slash) | Some(Kind::Dash) => true,
        Some(Kind::Word(w)) => w == "to" || w == "until" || w == "or",
        _ => false,
    }
}

/// Give the first half of a range the second half's year: "late Aug/early Sep 23",
/// "November/December 22", "Nov 23 - Jan 24" keeps its own years.
pub(crate) fn share_year(first: &mut Phrase, second: &Phrase) {
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

pub(crate) fn find_exprs(toks: &[Tok], ctx: &DateContext, strict: bool) -> Vec<Found> {
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
