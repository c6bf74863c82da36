//! RAG ratings and statuses, parsed from the words, letters, colours and typos officers use.

use std::fmt;

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
