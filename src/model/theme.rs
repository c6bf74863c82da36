//! The plan's themes (priorities, workstreams, outcomes, pillars): their names and order
//! come from the master plan, or from the `themes` list of the column map.

use serde::Serialize;

use crate::text::normalise_words;

/// A theme, by its place in the plan's list of themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ThemeId(u16);

impl ThemeId {
    /// Its position in [`Themes`], from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    key: String,
}

/// The themes of a plan, in the order Cabinet reports list them.
#[derive(Debug, Clone, Default)]
pub struct Themes {
    list: Vec<Entry>,
}

/// Most themes a plan may name; beyond this, text in the theme column is not a theme.
const MAX_THEMES: usize = 1_000;

impl Themes {
    /// Themes listed in advance (the map's `themes`), in that order.
    pub fn listed(names: &[String]) -> Themes {
        let mut t = Themes::default();
        for n in names {
            t.intern(n);
        }
        t
    }

    /// The theme named `name`, added at the end if the plan has not named it before.
    /// `None` for empty text, or when the plan already names more themes than any plan has.
    pub fn intern(&mut self, name: &str) -> Option<ThemeId> {
        if let Some(id) = self.find(name) {
            return Some(id);
        }
        let name = heading_theme(name).unwrap_or_else(|| name.trim().to_string());
        let key = theme_key(&name);
        if key.is_empty() || self.list.len() >= MAX_THEMES {
            return None;
        }
        self.list.push(Entry { name, key });
        Some(ThemeId((self.list.len() - 1) as u16))
    }

    /// The theme that `text` names: the same words (case, punctuation and `&`/`and`
    /// ignored), a longer form of them ("Governance and Assurance (GA)" for "Governance and
    /// Assurance"), or a numbered heading ("Theme 2: Governance").
    pub fn find(&self, text: &str) -> Option<ThemeId> {
        let stripped = heading_theme(text);
        let key = theme_key(stripped.as_deref().unwrap_or(text));
        if key.is_empty() {
            return None;
        }
        let exact = self.list.iter().position(|e| e.key == key);
        exact
            .or_else(|| {
                self.list
                    .iter()
                    .position(|e| key.starts_with(&e.key) && key.as_bytes()[e.key.len()] == b' ')
            })
            .map(|i| ThemeId(i as u16))
    }

    pub fn name(&self, id: ThemeId) -> &str {
        self.list
            .get(id.index())
            .map(|e| e.name.as_str())
            .unwrap_or("")
    }

    /// Every theme, in order.
    pub fn ids(&self) -> impl Iterator<Item = ThemeId> + '_ {
        (0..self.list.len()).map(|i| ThemeId(i as u16))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// A theme name as compared: words only, `&amp;` and `&` as "and".
fn theme_key(text: &str) -> String {
    normalise_words(&text.replace("&amp;", "&"))
}

/// Words councils call their themes by. They introduce a numbered theme in a heading band
/// ("Theme 2: Governance"), and make a header a good label for the plan's top level.
pub const THEME_WORDS: [&str; 9] = [
    "theme",
    "priority",
    "workstream",
    "outcome",
    "pillar",
    "objective",
    "section",
    "strand",
    "programme",
];

/// Numbers as headings spell them: "Theme One", "Priority Three".
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Words that, numbered, head an area a plan is split by ("Direction 2 - Finance" as a
/// sheet's name) though they do not label a plan's themes column.
const NUMBERED_AREAS: [&str; 4] = ["direction", "recommendation", "area", "commitment"];

fn is_number_word(w: &str) -> bool {
    NUMBER_WORDS.contains(&w.to_lowercase().as_str())
}

/// A heading's number: "2", "B", "CP1", "iv", "One".
fn is_heading_number(w: &str) -> bool {
    w.chars().count() <= 3 || is_number_word(w)
}

/// The theme named by a numbered heading: "Theme 2: Governance", "Theme One: MTFS" and
/// "Priority B - Finance" give "Governance", "MTFS" and "Finance". `None` for text that is
/// not such a heading.
pub fn heading_theme(text: &str) -> Option<String> {
    let t = text.trim();
    let (head, rest) = t.split_once([':', '-', '\u{2013}', '.'])?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let named = match words.as_slice() {
        [w] | [w, _] => {
            let w = w.to_lowercase();
            THEME_WORDS.contains(&w.as_str()) || NUMBERED_AREAS.contains(&w.as_str())
        }
        _ => false,
    };
    let number_ok = words.get(1).is_none_or(|n| is_heading_number(n));
    let rest = rest.trim();
    (named && number_ok && !rest.is_empty()).then(|| rest.to_string())
}

/// Words that, besides [`THEME_WORDS`], end a heading's label: "Work Stream: Savings",
/// "Direction 2 - Finance".
const LABEL_WORDS: [&str; 7] = [
    "stream",
    "direction",
    "recommendation",
    "area",
    "project",
    "phase",
    "subpriority",
];

/// The label a heading band opens with, its numbers left out: "Theme One: MTFS" and
/// "Theme 2 - Place" are "theme", "Work Stream: Reserves" is "work stream", "1 Expected
/// Outcome: ..." is "expected outcome". `None` for a heading with no label ("Governance",
/// "Governance and Assurance - phase 2" is "governance and assurance" only if numbered).
/// A plan's first band sets the level of its themes: later bands with another label
/// ("Work Stream:" under "Theme One:") are sub-headings within a theme.
pub fn band_label(text: &str) -> Option<String> {
    let (head, _) = text.trim().split_once([':', '-', '\u{2013}'])?;
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let is_number = |w: &&str| w.chars().any(|c| c.is_ascii_digit()) || is_number_word(w);
    let numbered = words.iter().any(is_number);
    let label: Vec<String> = words
        .iter()
        .filter(|w| !is_number(w))
        .map(|w| normalise_words(w))
        .filter(|w| !w.is_empty())
        .collect();
    let last = label.last()?.replace(' ', "");
    let labelled = THEME_WORDS.contains(&last.as_str()) || LABEL_WORDS.contains(&last.as_str());
    (numbered || labelled).then(|| label.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_come_in_plan_order_and_match_as_officers_write_them() {
        let mut t = Themes::default();
        let g = t.intern("Governance").unwrap();
        let f = t.intern("Financial Sustainability").unwrap();
        let p = t.intern("Procurement & Commercial").unwrap();
        assert_eq!(t.intern("governance"), Some(g));
        assert_eq!(t.len(), 3);
        assert_eq!(t.ids().collect::<Vec<_>>(), [g, f, p]);
        assert_eq!(t.find("Procurement and Commercial"), Some(p));
        assert_eq!(t.find("Procurement &amp; Commercial"), Some(p));
        assert_eq!(t.find("Theme 2: Financial Sustainability"), Some(f));
        assert_eq!(t.find("Governance and Assurance"), Some(g));
        assert_eq!(t.find("Governed"), None);
        assert_eq!(t.find(""), None);
        assert_eq!(t.name(p), "Procurement & Commercial");
        // Punctuation alone names no theme; a plan with themes is not empty.
        assert_eq!(t.intern("--"), None);
        assert_eq!(t.len(), 3);
        assert!(!t.is_empty());
        assert!(Themes::default().is_empty());
    }

    #[test]
    fn numbered_headings_name_their_theme() {
        assert_eq!(
            heading_theme("Theme 2: Governance").as_deref(),
            Some("Governance")
        );
        assert_eq!(
            heading_theme("Priority B - Finance").as_deref(),
            Some("Finance")
        );
        assert_eq!(
            heading_theme("WORKSTREAM 3. People").as_deref(),
            Some("People")
        );
        assert_eq!(heading_theme("Key: R = off track"), None);
        assert_eq!(heading_theme("Governance"), None);
        let mut t = Themes::default();
        let g = t.intern("Theme 1: Governance").unwrap();
        assert_eq!(t.name(g), "Governance");
    }

    #[test]
    fn heading_labels_tell_a_theme_from_a_sub_heading() {
        assert_eq!(
            heading_theme("Theme Three: Companies").as_deref(),
            Some("Companies")
        );
        assert_eq!(
            heading_theme("Direction 2 - Finance").as_deref(),
            Some("Finance")
        );
        // A second word that is no number is not a numbered heading.
        assert_eq!(heading_theme("Theme Governance: Finance"), None);
        assert_eq!(band_label("Theme One: MTFS").as_deref(), Some("theme"));
        assert_eq!(band_label("Theme 2 - Place").as_deref(), Some("theme"));
        assert_eq!(
            band_label("Work Stream: Reserves").as_deref(),
            Some("work stream")
        );
        assert_eq!(
            band_label("1 Expected Outcome: more homes").as_deref(),
            Some("expected outcome")
        );
        assert_eq!(
            band_label("Priority CP1: Economic Development").as_deref(),
            Some("priority")
        );
        assert_eq!(band_label("Governance"), None);
        // Labels of up to four words.
        assert_eq!(
            band_label("Adult Social Care Priority: Homes").as_deref(),
            Some("adult social care priority")
        );
        assert_eq!(band_label("Housing and Adult Care Priority: Homes"), None);
        assert_eq!(band_label("Governance and Assurance - 2024 refresh"), None);
        assert_eq!(band_label("Housing - the long view"), None);
    }

    #[test]
    fn listed_themes_keep_their_order() {
        let t = Themes::listed(&["People".into(), "Place".into()]);
        assert_eq!(t.find("place").map(|i| i.index()), Some(1));
    }
}
