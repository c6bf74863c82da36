//! Domain types: action ids, themes, RAG ratings, sourced values, master actions and return rows.
//!
//! Everything read from a workbook carries its [`Source`] (file, sheet, cell) so that every
//! finding can point an officer at the exact cell to fix.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::dates::PlanDate;

/// A sheet of a file: shared by every [`Source`] in it, so a source is one pointer and a cell.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
}

/// Where a value came from: file, sheet and zero-based cell position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub origin: Arc<Origin>,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl Source {
    pub fn new(file: &str, sheet: &str, row: u32, col: u32) -> Source {
        Source {
            origin: Arc::new(Origin {
                file: Arc::from(file),
                sheet: Arc::from(sheet),
            }),
            row,
            col,
        }
    }

    pub fn file(&self) -> &str {
        &self.origin.file
    }

    pub fn sheet(&self) -> &str {
        &self.origin.sheet
    }

    /// The A1-style reference of the cell, e.g. `D12`.
    pub fn cell(&self) -> String {
        cell_ref(self.row, self.col)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}!{}]", self.file(), self.sheet(), self.cell())
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Source", 3)?;
        st.serialize_field("file", self.file())?;
        st.serialize_field("sheet", self.sheet())?;
        st.serialize_field("cell", &self.cell())?;
        st.end()
    }
}

/// Column letters for a zero-based column index (0 -> A, 26 -> AA).
pub fn col_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A1-style reference for zero-based row and column.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), row + 1)
}

/// A value together with the cell it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Self {
        Sourced { value, source }
    }
}

/// A normalised action id such as `OC.C4.1`.
///
/// `OC.C4.1`, `oc c4.1`, ` OC.C4.1 ` and `OC-C4-1` all normalise to `OC.C4.1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(String);

impl ActionId {
    /// Parse and normalise an id. Returns `None` for text that is not an action id
    /// (for example a note such as `Key: R = off track`).
    pub fn parse(text: &str) -> Option<ActionId> {
        let text = text.trim();
        if text.is_empty() || text.len() > 40 {
            return None;
        }
        let mut parts: Vec<String> = Vec::with_capacity(4);
        for tok in text.split(['.', ' ', '-', '_', '\u{a0}']) {
            if tok.is_empty() {
                continue;
            }
            if !tok.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            parts.push(tok.to_ascii_uppercase());
        }
        // Glued forms such as "OCC4.1" are not accepted: the theme prefix must be separated.
        if parts.len() < 2 || parts.len() > 5 {
            return None;
        }
        let prefix = &parts[0];
        if !(2..=3).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        if !parts[1..]
            .iter()
            .any(|p| p.chars().any(|c| c.is_ascii_digit()))
        {
            return None;
        }
        Some(ActionId(parts.join(".")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The theme prefix, e.g. `OC` for `OC.C4.1`.
    pub fn prefix(&self) -> &str {
        self.0.split('.').next().unwrap_or("")
    }

    /// The theme implied by the id prefix, if it is one of the six known prefixes.
    pub fn theme(&self) -> Option<Theme> {
        Theme::from_prefix(self.prefix())
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// The six improvement plan themes, in the order Cabinet reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Theme {
    OrganisationalCulture,
    CorporateOversight,
    StrategicDirection,
    DecisionMaking,
    ProcurementCommercial,
    PartnershipsRelationships,
}

impl Theme {
    pub const ALL: [Theme; 6] = [
        Theme::OrganisationalCulture,
        Theme::CorporateOversight,
        Theme::StrategicDirection,
        Theme::DecisionMaking,
        Theme::ProcurementCommercial,
        Theme::PartnershipsRelationships,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "Organisational Culture",
            Theme::CorporateOversight => "Corporate Oversight",
            Theme::StrategicDirection => "Strategic Direction",
            Theme::DecisionMaking => "Decision Making",
            Theme::ProcurementCommercial => "Procurement & Commercial",
            Theme::PartnershipsRelationships => "Partnerships & Relationships",
        }
    }

    /// The name as [`normalise_words`] gives it.
    fn normalised(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "organisational culture",
            Theme::CorporateOversight => "corporate oversight",
            Theme::StrategicDirection => "strategic direction",
            Theme::DecisionMaking => "decision making",
            Theme::ProcurementCommercial => "procurement and commercial",
            Theme::PartnershipsRelationships => "partnerships and relationships",
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            Theme::OrganisationalCulture => "OC",
            Theme::CorporateOversight => "CO",
            Theme::StrategicDirection => "SD",
            Theme::DecisionMaking => "DM",
            Theme::ProcurementCommercial => "PC",
            Theme::PartnershipsRelationships => "PR",
        }
    }

    pub fn from_prefix(p: &str) -> Option<Theme> {
        Theme::ALL
            .into_iter()
            .find(|t| t.prefix().eq_ignore_ascii_case(p))
    }

    /// Parse a theme name as officers write it: "Procurement and Commercial",
    /// "procurement & commercial", "PC", "Partnerships &amp; Relationships".
    pub fn parse(text: &str) -> Option<Theme> {
        let t = text.trim();
        if let Some(th) = Theme::from_prefix(t) {
            return Some(th);
        }
        if let Some(th) = Theme::ALL
            .into_iter()
            .find(|th| th.name().eq_ignore_ascii_case(t))
        {
            return Some(th);
        }
        let norm = normalise_words(&t.replace("&amp;", "&"));
        Theme::ALL.into_iter().find(|th| {
            let n = th.normalised();
            norm == n || norm.starts_with(n)
        })
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Lower-case, `&` as `and`, punctuation dropped, single spaces.
pub fn normalise_words(text: &str) -> String {
    let text = text.replace('&', " and ").replace(['\'', '\u{2019}'], "");
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

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

    /// Parse a rating from the words, letters, colours and typos officers use:
    /// `Amber rated`, `G`, `RED`, `Ambre`, `On track`, `Completed`, `Blue`, `#FF0000`.
    pub fn parse(text: &str) -> Option<Rag> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if let Some(r) = Rag::from_hex(t) {
            return Some(r);
        }
        let lower = t.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let joined = words.join(" ");
        match joined.as_str() {
            "r" => return Some(Rag::Red),
            "a" => return Some(Rag::Amber),
            "g" => return Some(Rag::Green),
            "c" | "b" => return Some(Rag::Complete),
            "on hold" | "hold" | "onhold" | "paused" | "suspended" => return Some(Rag::OnHold),
            "not started" | "not yet started" | "notstarted" | "ns" => {
                return Some(Rag::NotStarted);
            }
            "on track" | "ontrack" => return Some(Rag::Green),
            "off track" => return Some(Rag::Red),
            _ => {}
        }
        if joined.contains("on hold") || joined.starts_with("hold") {
            return Some(Rag::OnHold);
        }
        if joined.starts_with("not started") {
            return Some(Rag::NotStarted);
        }
        // First word that names a rating decides: "Amber rated", "Red - see note", "Green (on track)".
        for w in &words {
            if let Some(r) = Rag::from_word(w) {
                return Some(r);
            }
        }
        None
    }

    fn from_word(w: &str) -> Option<Rag> {
        let exact = match w {
            "red" => Some(Rag::Red),
            "amber" | "orange" | "yellow" => Some(Rag::Amber),
            "green" => Some(Rag::Green),
            "complete" | "completed" | "done" | "blue" | "closed" | "achieved" => {
                Some(Rag::Complete)
            }
            _ => None,
        };
        if exact.is_some() || w.len() < 4 {
            return exact;
        }
        // Typos: one edit away from a rating word ("ambre", "gren", "amner", "compelte").
        const WORDS: [(&str, Rag); 4] = [
            ("amber", Rag::Amber),
            ("green", Rag::Green),
            ("complete", Rag::Complete),
            ("completed", Rag::Complete),
        ];
        WORDS
            .iter()
            .find(|(word, _)| strsim::damerau_levenshtein(w, word) == 1)
            .map(|(_, r)| *r)
    }

    /// Classify a hex colour such as `#FF0000` or `FFC000` (a fill colour copied as text).
    fn from_hex(t: &str) -> Option<Rag> {
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

impl fmt::Display for Rag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// One action of the master Improvement Plan.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub id: Sourced<ActionId>,
    pub theme: Option<Sourced<Theme>>,
    /// Statutory recommendation code, e.g. `S1`.
    pub recommendation: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub owner: Option<Sourced<String>>,
    pub directorate: Option<Sourced<String>>,
    pub due: Option<Sourced<PlanDate>>,
    pub rag: Option<Sourced<Rag>>,
    pub milestones: Option<Sourced<String>>,
}

impl Action {
    /// The action's theme: the theme column if present, else the id prefix.
    pub fn theme(&self) -> Option<Theme> {
        self.theme
            .as_ref()
            .map(|t| t.value)
            .or_else(|| self.id.value.theme())
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map(|t| t.value.as_str()).unwrap_or("")
    }

    pub fn directorate_text(&self) -> &str {
        self.directorate
            .as_ref()
            .or(self.owner.as_ref())
            .map(|t| t.value.as_str())
            .unwrap_or("")
    }
}

/// One officer's monthly update on one action, as read from a directorate return.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnRow {
    pub id: Sourced<ActionId>,
    pub theme: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub owner: Option<Sourced<String>>,
    /// The due date as the return states it.
    pub due: Option<Sourced<PlanDate>>,
    pub rag: Option<Sourced<Rag>>,
    pub progress: Option<Sourced<String>>,
    pub achievements: Option<Sourced<String>>,
    pub next_steps: Option<Sourced<String>>,
    pub issues: Option<Sourced<String>>,
    pub revised: Option<Sourced<PlanDate>>,
    pub change_control: Option<Sourced<String>>,
    pub milestones: Option<Sourced<String>>,
}

impl ReturnRow {
    /// The row's own cell reference (the id cell).
    pub fn source(&self) -> &Source {
        &self.id.source
    }

    /// All free text of the row that may speak of progress or delay.
    pub fn commentary(&self) -> impl Iterator<Item = &Sourced<String>> {
        [
            &self.progress,
            &self.next_steps,
            &self.issues,
            &self.change_control,
        ]
        .into_iter()
        .flatten()
    }
}

fn opt_text<T: AsRef<str>>(v: &Option<Sourced<T>>) -> &str {
    v.as_ref().map(|s| s.value.as_ref()).unwrap_or("")
}

impl ReturnRow {
    pub fn progress_text(&self) -> &str {
        opt_text(&self.progress)
    }
    pub fn title_text(&self) -> &str {
        opt_text(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_normalise() {
        let a = ActionId::parse("OC.C4.1").unwrap();
        for v in [
            "oc c4.1",
            " OC.C4.1 ",
            "OC-C4-1",
            "oc.c4.1",
            "OC . C4 . 1",
            "OC_C4_1",
        ] {
            assert_eq!(ActionId::parse(v).as_ref(), Some(&a), "{v}");
        }
        assert_eq!(a.as_str(), "OC.C4.1");
        assert_eq!(a.theme(), Some(Theme::OrganisationalCulture));
        assert_eq!(
            ActionId::parse("SD.F1.0").unwrap().theme(),
            Some(Theme::StrategicDirection)
        );
    }

    #[test]
    fn non_ids_are_rejected() {
        for v in [
            "",
            "Notes:",
            "Key: R = off track",
            "OC",
            "Total",
            "12.3",
            "OCC4.1",
            "Action Ref",
            "OC.C4.1 (see note)",
        ] {
            assert_eq!(ActionId::parse(v), None, "{v:?}");
        }
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

    #[test]
    fn normalised_theme_names_match_the_normaliser() {
        for t in Theme::ALL {
            assert_eq!(t.normalised(), normalise_words(t.name()));
        }
    }

    #[test]
    fn themes_parse_from_names_and_prefixes() {
        assert_eq!(
            Theme::parse("Procurement and Commercial"),
            Some(Theme::ProcurementCommercial)
        );
        assert_eq!(
            Theme::parse("Partnerships &amp; Relationships"),
            Some(Theme::PartnershipsRelationships)
        );
        assert_eq!(
            Theme::parse("corporate oversight"),
            Some(Theme::CorporateOversight)
        );
        assert_eq!(Theme::parse("DM"), Some(Theme::DecisionMaking));
        assert_eq!(Theme::parse("Waste"), None);
        assert_eq!(
            normalise_words("Chief Executive's Office"),
            normalise_words("chief executives office")
        );
        assert_eq!(normalise_words("Law & Governance"), "law and governance");
    }

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 3), "D12");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(701), "ZZ");
        assert_eq!(col_letters(702), "AAA");
    }
}
