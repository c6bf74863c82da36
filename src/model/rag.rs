//! RAG ratings and statuses. The statuses are types; the words that mean them are the
//! council's ([`RagScale`], from the column map's `[ratings]`).

use std::fmt;
use std::sync::{LazyLock, OnceLock};

use serde::{Deserialize, Serialize};

use crate::text::normalise_words;

/// A RAG rating or status as used in Improvement Plan returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Complete,
    #[serde(rename = "On hold")]
    OnHold,
    #[serde(rename = "Not started")]
    NotStarted,
}

impl Rag {
    pub const ALL: [Rag; 6] = [
        Rag::Red,
        Rag::Amber,
        Rag::Green,
        Rag::Complete,
        Rag::OnHold,
        Rag::NotStarted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Complete => "Complete",
            Rag::OnHold => "On hold",
            Rag::NotStarted => "Not started",
        }
    }

    /// Severity rank for "better/worse" comparisons: Complete best, Red worst.
    /// On hold and Not started sit between Amber and Red.
    pub fn rank(self) -> u8 {
        match self {
            Rag::Complete => 0,
            Rag::Green => 1,
            Rag::NotStarted => 2,
            Rag::Amber => 3,
            Rag::OnHold => 4,
            Rag::Red => 5,
        }
    }

    /// Is this an exception for Cabinet ("Focus 2")? Amber, Red and On hold are.
    pub fn is_exception(self) -> bool {
        matches!(self, Rag::Red | Rag::Amber | Rag::OnHold)
    }

    /// Parse a rating with the built-in scale ([`RagScale::default`]): the words, letters,
    /// colours and typos officers use: `Amber rated`, `G`, `RED`, `Ambre`, `On track`,
    /// `Completed`, `Blue`, `#FF0000`, `Amber/Green`.
    pub fn parse(text: &str) -> Option<Rag> {
        builtin_scale().parse(text)
    }

    /// Classify a hex colour such as `#FF0000` or `FFC000` (a fill colour copied as text).
    pub(crate) fn from_hex(t: &str) -> Option<Rag> {
        let h = t.strip_prefix('#').unwrap_or(t);
        // Check before slicing: `h[2..]` on non-ASCII text would split a character.
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let h = if h.len() == 8 { &h[2..] } else { h };
        if h.len() != 6 || !t.starts_with('#') && h.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let v = u32::from_str_radix(h, 16).ok()?;
        let (r, g, b) = (
            ((v >> 16) & 0xff) as f64,
            ((v >> 8) & 0xff) as f64,
            (v & 0xff) as f64,
        );
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        // White, greys and near-black are not ratings.
        if max < 80.0 || (max - min) / max < 0.12 {
            return None;
        }
        let d = max - min;
        let hue = if max == r {
            60.0 * (((g - b) / d).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        match hue {
            h if !(15.0..345.0).contains(&h) => Some(Rag::Red),
            h if h < 70.0 => Some(Rag::Amber),
            h if h < 170.0 => Some(Rag::Green),
            h if h < 260.0 => Some(Rag::Complete),
            _ => None,
        }
    }
}

/// The words, letters and fill colours that mean each status, for one council. The
/// built-in scale knows RAG, BRAG (Blue = Complete), "On track / At risk / Off track /
/// Completed / Not yet started / Not due", single letters and Grey for not started.
///
/// A cell is read as: a fill colour (`#RRGGBB`: a colour listed here, else by hue); the
/// whole text as listed; a two-tone rating ("Amber/Green", "G/A"), which counts as the
/// *worse* of its two ratings, so an action is never shown better than its officer rated
/// it; a listed phrase inside the text ("Placed on hold", not after "not"); the first word
/// that names a rating ("Amber rated"); a word one typing slip from a listed word of five or
/// more letters ("Ambre", "Compelte").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RagScale {
    pub complete: Vec<String>,
    pub green: Vec<String>,
    pub amber: Vec<String>,
    pub red: Vec<String>,
    pub on_hold: Vec<String>,
    pub not_started: Vec<String>,
    #[serde(skip)]
    index: OnceLock<ScaleIndex>,
}

/// The scale's words, normalised: whole phrases, single words (for first-word and typo
/// matching), and listed colours.
#[derive(Debug, Default, Clone)]
struct ScaleIndex {
    /// Listed words as typed, lower-cased: most cells hold exactly one of them.
    typed: foldhash::HashMap<String, Rag>,
    phrases: Vec<(String, Rag)>,
    words: Vec<(String, Rag)>,
    colours: Vec<(String, Rag)>,
}

/// The built-in words of each status: `[ratings]` of the built-in map
/// (`templates/default.toml`), the one place they are written. A council's map replaces
/// any list it gives.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    complete: Vec<String>,
    green: Vec<String>,
    amber: Vec<String>,
    red: Vec<String>,
    on_hold: Vec<String>,
    not_started: Vec<String>,
}

#[derive(Deserialize)]
struct TemplateRatings {
    ratings: Lists,
}

/// The built-in map's text, for its `[ratings]`.
const TEMPLATE: &str = include_str!("../../templates/default.toml");

fn builtin_lists() -> Lists {
    // The template is part of the program, not user data: a test reads it, and a build
    // whose template lacked its ratings would fail that test before any release.
    match toml::from_str::<TemplateRatings>(TEMPLATE) {
        Ok(t) => t.ratings,
        Err(e) => panic!("templates/default.toml: [ratings] is not a list of ratings' words: {e}"),
    }
}

/// The template's scale, read once: every map is read over it (serde fills a map's
/// ratings from [`Default`]), so it is parsed at the first use, not at every map.
static BUILTIN: LazyLock<RagScale> = LazyLock::new(|| {
    let l = builtin_lists();
    RagScale {
        complete: l.complete,
        green: l.green,
        amber: l.amber,
        red: l.red,
        on_hold: l.on_hold,
        not_started: l.not_started,
        index: OnceLock::new(),
    }
});

impl Default for RagScale {
    fn default() -> RagScale {
        BUILTIN.clone()
    }
}

/// The built-in scale.
pub fn builtin_scale() -> &'static RagScale {
    &BUILTIN
}

impl RagScale {
    /// The listed words of each status.
    pub fn lists(&self) -> [(Rag, &[String]); 6] {
        [
            (Rag::Complete, &self.complete),
            (Rag::Green, &self.green),
            (Rag::Amber, &self.amber),
            (Rag::Red, &self.red),
            (Rag::OnHold, &self.on_hold),
            (Rag::NotStarted, &self.not_started),
        ]
    }

    /// The word officers pick for `rag` (the first word listed for it).
    pub fn word(&self, rag: Rag) -> Option<&str> {
        let (_, words) = self.lists().into_iter().find(|(x, _)| *x == rag)?;
        words
            .iter()
            .find(|w| !w.trim_start().starts_with('#'))
            .map(String::as_str)
    }

    /// The word officers pick for each status (the first word listed), in the order of
    /// [`Rag::ALL`]; statuses with no word are left out.
    pub fn choices(&self) -> Vec<String> {
        Rag::ALL
            .iter()
            .filter_map(|r| {
                let (_, words) = self.lists().into_iter().find(|(x, _)| x == r)?;
                words
                    .iter()
                    .find(|w| !w.trim_start().starts_with('#'))
                    .cloned()
            })
            .collect()
    }

    fn index(&self) -> &ScaleIndex {
        self.index.get_or_init(|| {
            let mut ix = ScaleIndex::default();
            for (rag, words) in self.lists() {
                for w in words {
                    if w.trim_start().starts_with('#') {
                        ix.colours.push((w.trim().to_uppercase(), rag));
                        continue;
                    }
                    ix.typed.entry(w.trim().to_lowercase()).or_insert(rag);
                    let n = normalise_words(w);
                    if n.is_empty() {
                        continue;
                    }
                    if !n.contains(' ') && n.chars().count() > 1 {
                        ix.words.push((n.clone(), rag));
                    }
                    ix.phrases.push((n, rag));
                }
            }
            // Longest phrases first: "not yet started" is tried before "started".
            ix.phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            ix
        })
    }

    fn phrase(&self, norm: &str) -> Option<Rag> {
        self.index()
            .phrases
            .iter()
            .find(|(p, _)| p == norm)
            .map(|(_, r)| *r)
    }

    /// The status a cell's text (or `#RRGGBB` fill colour) means, if any.
    pub fn parse(&self, text: &str) -> Option<Rag> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if t.len() <= 24
            && let Some(r) = self.index().typed.get(&t.to_lowercase())
        {
            return Some(*r);
        }
        if let Some(r) = Rag::from_hex(t) {
            let hex = format!("#{}", t.trim_start_matches('#').to_uppercase());
            let listed = self.index().colours.iter().find(|(c, _)| *c == hex);
            return Some(listed.map(|(_, r)| *r).unwrap_or(r));
        }
        if t.starts_with('#')
            && let Some((_, r)) = self
                .index()
                .colours
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(t))
        {
            return Some(*r);
        }
        let norm = normalise_words(t);
        if let Some(r) = self.phrase(&norm) {
            return Some(r);
        }
        if let Some(r) = self.two_tone(t) {
            return Some(r);
        }
        let padded = format!(" {norm} ");
        for (p, r) in &self.index().phrases {
            if p.contains(' ')
                && let Some(at) = padded.find(&format!(" {p} "))
                && !padded[..at].ends_with(" not")
                && !padded[..at].ends_with(" no")
            {
                return Some(*r);
            }
        }
        let ws: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        if ws.iter().any(|w| *w == "not" || *w == "no") {
            return None;
        }
        // The first word that names a rating decides: "Amber rated", "Red - see note".
        for w in &ws {
            if let Some((_, r)) = self.index().words.iter().find(|(x, _)| x == w) {
                return Some(*r);
            }
        }
        ws.iter().find_map(|w| self.typo(w))
    }

    /// A status written as a comment's first words, for a plan with no rating column:
    /// "COMPLETE - awaiting signature", "Suspended: funding withdrawn", "ON TRACK". Only a
    /// listed word or phrase of three letters or more counts, and only when a dash, colon,
    /// full stop or comma ends it, or it is written in capitals: "A new policy..." and "Red
    /// tape..." are not ratings.
    pub fn leading_status(&self, comment: &str) -> Option<Rag> {
        let t = comment.trim();
        let listed = |s: &str| {
            let s = s.trim();
            (s.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .then(|| self.index().typed.get(&s.to_lowercase()).copied())
                .flatten()
        };
        if let Some(end) = t.find(['-', '\u{2013}', ':', '.', ','])
            && let Some(r) = listed(&t[..end])
        {
            return Some(r);
        }
        // Capitals: the longest run of capitalised words at the start that is listed.
        let caps: Vec<&str> = t
            .split_whitespace()
            .take_while(|w| {
                w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
            })
            .collect();
        (1..=caps.len())
            .rev()
            .find_map(|n| listed(&caps[..n].join(" ")))
    }

    /// "Amber/Green", "G/A", "Red - Amber": the worse of the two.
    fn two_tone(&self, t: &str) -> Option<Rag> {
        let parts: Vec<&str> = t
            .split(['/', '\\', '|', '&', '-', '\u{2013}'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if !(2..=3).contains(&parts.len()) {
            return None;
        }
        let rags: Option<Vec<Rag>> = parts
            .iter()
            .map(|p| self.phrase(&normalise_words(p)))
            .collect();
        rags?.into_iter().max_by_key(|r| r.rank())
    }

    /// A word one edit away from a listed word of five letters or more.
    fn typo(&self, w: &str) -> Option<Rag> {
        if w.chars().count() < 4 {
            return None;
        }
        self.index()
            .words
            .iter()
            .filter(|(x, _)| x.chars().count() >= 5)
            .find(|(x, _)| strsim::damerau_levenshtein(w, x) == 1)
            .map(|(_, r)| *r)
    }
}

impl fmt::Display for Rag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// What the appendix shows for an action's rating this month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    Rag(Rag),
    /// Open, and no return reported it this month: never shown as a rating it did not get.
    NotReported,
    /// Reported, without a rating.
    None,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Rag(r) => r.label(),
            Rating::NotReported => "Not reported",
            Rating::None => "No rating",
        }
    }

    pub fn rag(self) -> Option<Rag> {
        match self {
            Rating::Rag(r) => Some(r),
            _ => None,
        }
    }

    /// A rating as [`Rating::label`] writes it ("Green", "Not reported", "No rating").
    pub fn from_label(text: &str) -> Option<Rating> {
        let t = text.trim();
        Rag::ALL
            .into_iter()
            .map(Rating::Rag)
            .chain([Rating::NotReported, Rating::None])
            .find(|r| r.label() == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_read_from_a_comments_first_words_only_when_written_as_one() {
        let scale = builtin_scale();
        for (text, want) in [
            (
                "COMPLETE - awaiting signature of the lease",
                Some(Rag::Complete),
            ),
            ("Suspended: funding withdrawn", Some(Rag::OnHold)),
            ("SUSPENDED pending the review", Some(Rag::OnHold)),
            ("ON TRACK to finish in March", Some(Rag::Green)),
            ("Completed.", Some(Rag::Complete)),
            ("A new policy was drafted", None),
            ("Red tape delayed the work", None),
            ("Complete the survey by June", None),
            ("B - see note", None),
            ("", None),
        ] {
            assert_eq!(scale.leading_status(text), want, "{text}");
        }
    }

    #[test]
    fn the_built_in_words_come_from_the_template_and_know_councils_scales() {
        let scale = builtin_scale();
        for (text, want) in [
            ("Delayed", Rag::Amber),
            ("Monitoring Required", Rag::Amber),
            ("Overdue", Rag::Red),
            ("Not on track", Rag::Red),
            ("Parked", Rag::OnHold),
            ("Deferred", Rag::OnHold),
            ("On target", Rag::Green),
            ("Implemented", Rag::Complete),
            ("Blue", Rag::Complete),
        ] {
            assert_eq!(scale.parse(text), Some(want), "{text}");
        }
        // Every list of the template is read, none left empty.
        assert!(scale.lists().iter().all(|(_, words)| !words.is_empty()));
    }

    #[test]
    fn rag_words_letters_and_typos() {
        let cases = [
            ("Amber rated", Rag::Amber),
            ("Amber Rated", Rag::Amber),
            ("G", Rag::Green),
            ("RED", Rag::Red),
            ("r", Rag::Red),
            ("Red rated.", Rag::Red),
            ("Ambre", Rag::Amber),
            ("Gren", Rag::Green),
            ("Complete", Rag::Complete),
            ("Completed", Rag::Complete),
            ("Compelte", Rag::Complete),
            ("Blue", Rag::Complete),
            ("On hold", Rag::OnHold),
            ("ON HOLD", Rag::OnHold),
            ("Placed On Hold", Rag::OnHold),
            ("Not started", Rag::NotStarted),
            ("On track", Rag::Green),
            ("#FF0000", Rag::Red),
            ("#FFC000", Rag::Amber),
            ("#00B050", Rag::Green),
            ("#C6EFCE", Rag::Green),
            ("#FFEB9C", Rag::Amber),
            ("#FFC7CE", Rag::Red),
            ("#0070C0", Rag::Complete),
            ("FF00B050", Rag::Green),
            ("Orange", Rag::Amber),
        ];
        for (text, want) in cases {
            assert_eq!(Rag::parse(text), Some(want), "{text}");
        }
        for text in [
            "",
            "tbc",
            "n/a",
            "see commentary",
            "123456",
            "#FFFFFF",
            "#D9D9D9",
            "#000000",
            "#7030A0",
            // Found by `cargo fuzz run ids`: eight bytes of non-ASCII text once split a character.
            "\u{e3} a\u{e7}",
            "#\u{e9}\u{e9}\u{e9}AAA",
            "12\u{e9}45678",
        ] {
            assert_eq!(Rag::parse(text), None, "{text}");
        }
    }
}
