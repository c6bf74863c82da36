//! Action ids, in whatever scheme the council uses: `OC.C4.1`, `1.1`, `2.3a`, `10.4`,
//! `GOV-01`, `R3.4`, `LC.A1.1`, `A12`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

/// Longer text in a reference cell is never an id.
const MAX_ID_CHARS: usize = 40;
/// An id has at most this many parts (`LC.A1.1` has three).
const MAX_ID_PARTS: usize = 8;

/// An action id: the text as the plan writes it, and the key it is matched by.
///
/// Two ids are equal when their keys are: case is ignored; `.`, `-`, `_`, spaces and
/// non-breaking spaces all separate parts; a trailing full stop is dropped, and a colon
/// after a number ("Commitment 15:"). Nothing else is loosened: `1.10` is not `1.1`, and
/// `2.3a` is not `2.3`. Ids sort naturally (`1.2` before `1.10`).
#[derive(Clone)]
pub struct ActionId {
    key: Box<str>,
    /// The text as written, when it differs from the key.
    text: Option<Box<str>>,
}

impl ActionId {
    /// Read an id from a reference cell's text. `None` for text that cannot be an id: empty,
    /// longer than 40 characters, or with characters other than letters, digits and the
    /// separators (`Key: R = off track`, `OC.C4.1 (see note)`).
    pub fn parse(text: &str) -> Option<ActionId> {
        let t = text.trim();
        let t = t.strip_suffix('.').unwrap_or(t).trim_end();
        // A colon after a numbered label is punctuation ("Commitment 15:" is "Commitment
        // 15"); "Notes:" stays a heading, no id.
        let t = match t.strip_suffix(':') {
            Some(rest) if rest.bytes().any(|b| b.is_ascii_digit()) => rest.trim_end(),
            _ => t,
        };
        if t.is_empty() || t.chars().count() > MAX_ID_CHARS {
            return None;
        }
        let mut key = String::with_capacity(t.len());
        let mut parts = 0;
        for part in t.split(is_separator).filter(|p| !p.is_empty()) {
            if !part.chars().all(|c| c.is_alphanumeric()) {
                return None;
            }
            parts += 1;
            if parts > MAX_ID_PARTS {
                return None;
            }
            if !key.is_empty() {
                key.push('.');
            }
            key.extend(part.chars().flat_map(char::to_uppercase));
        }
        if key.is_empty() {
            return None;
        }
        let text = (t != key).then(|| Box::from(t));
        Some(ActionId {
            key: key.into_boxed_str(),
            text,
        })
    }

    /// The id as the plan writes it.
    pub fn as_str(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.key)
    }

    /// The normalised form ids are matched by, e.g. `OC.C4.1`, `2.3A`, `GOV.01`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Does the id contain a digit? Ids of every scheme seen in plans do; a reference cell
    /// without one is more often a heading ("Governance") than an action.
    pub fn has_digit(&self) -> bool {
        self.key.bytes().any(|b| b.is_ascii_digit())
    }

    /// Is `self` the parent of `child` (`1` of `1.2`, `GOV` of `GOV-01`)?
    pub fn is_parent_of(&self, child: &ActionId) -> bool {
        child.key.len() > self.key.len()
            && child.key.starts_with(&*self.key)
            && child.key.as_bytes()[self.key.len()] == b'.'
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '\u{a0}' | '\u{2013}') || c.is_whitespace()
}

impl PartialEq for ActionId {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for ActionId {}

impl Hash for ActionId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl Ord for ActionId {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.key, &other.key)
    }
}

impl PartialOrd for ActionId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compare texts with their runs of digits as numbers: `S2` < `S10`, `1.9` < `1.10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let ord = da.len().cmp(&db.len()).then(da.cmp(db)).then(na.cmp(&nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let z = d.iter().take_while(|c| **c == b'0').count();
    &d[z.min(d.len().saturating_sub(1))..]
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActionId({:?})", self.as_str())
    }
}

impl Serialize for ActionId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(t: &str) -> ActionId {
        ActionId::parse(t).unwrap_or_else(|| panic!("{t:?} should be an id"))
    }

    #[test]
    fn ids_of_every_scheme_normalise_and_keep_their_text() {
        let a = id("OC.C4.1");
        for v in [
            "oc c4.1",
            " OC.C4.1 ",
            "OC-C4-1",
            "oc.c4.1",
            "OC . C4 . 1",
            "OC_C4_1",
            "OC.C4.1.",
        ] {
            assert_eq!(id(v), a, "{v}");
        }
        assert_eq!(a.as_str(), "OC.C4.1");
        assert_eq!(id("2.3a").as_str(), "2.3a");
        assert_eq!(id("2.3a").key(), "2.3A");
        assert_eq!(id("2.3a"), id("2.3A"));
        assert_eq!(id("GOV-01"), id("gov 01"));
        assert_eq!(id("GOV-01").as_str(), "GOV-01");
        assert_eq!(id("1.1\u{a0}"), id("1.1"));
        assert_eq!(id("R3.4"), id("r3-4"));
        // A numbered label written with a colon, as some trackers do for some rows.
        assert_eq!(id("Commitment 15:"), id("Commitment 15"));
        assert_eq!(id("Commitment 15:").as_str(), "Commitment 15");
        for v in ["1.1", "10.4", "A12", "LC.A1.1", "OCC4.1", "12.3", "Total"] {
            assert!(ActionId::parse(v).is_some(), "{v}");
        }
    }

    #[test]
    fn normalising_never_changes_meaning() {
        assert_ne!(id("1.10"), id("1.1"));
        assert_ne!(id("2.3a"), id("2.3"));
        assert_ne!(id("A12"), id("A1.2"));
        assert_ne!(id("1.01"), id("1.1"));
    }

    #[test]
    fn text_that_cannot_be_an_id_is_refused() {
        for v in [
            "",
            "  ",
            ".",
            "Notes:",
            "Key: R = off track",
            "OC.C4.1 (see note)",
            "Theme 2: Governance",
            "a/b",
            "This is a long sentence that someone typed into the reference column",
        ] {
            assert_eq!(ActionId::parse(v), None, "{v:?}");
        }
    }

    #[test]
    fn ids_sort_naturally_and_know_their_parents() {
        let mut v = [id("1.10"), id("1.9"), id("1.2"), id("10.1"), id("2.1")];
        v.sort();
        let got: Vec<&str> = v.iter().map(|i| i.as_str()).collect();
        assert_eq!(got, ["1.2", "1.9", "1.10", "2.1", "10.1"]);
        assert_eq!(natural_cmp("S2", "S10"), Ordering::Less);
        assert_eq!(natural_cmp("1.01", "1.1"), Ordering::Greater);
        assert!(id("1").is_parent_of(&id("1.2")));
        assert!(id("GOV").is_parent_of(&id("GOV-01")));
        assert!(!id("1").is_parent_of(&id("10.2")));
        assert!(!id("1.2").is_parent_of(&id("1.2")));
    }

    proptest::proptest! {
        #[test]
        fn parsing_is_idempotent_and_keys_are_stable(text in "[a-zA-Z0-9 ._\\-]{0,20}") {
            if let Some(a) = ActionId::parse(&text) {
                let again = ActionId::parse(a.as_str()).expect("an id's text is an id");
                proptest::prop_assert_eq!(again.key(), a.key());
                let from_key = ActionId::parse(a.key()).expect("a key is an id");
                proptest::prop_assert_eq!(from_key.key(), a.key());
            }
        }
    }
}
