//! Headers by meaning: a header that is not one of a field's synonyms is scored against the
//! words of every field, and mapped only when one field wins clearly.
//!
//! - A header equal to a synonym (case, punctuation and bracketed text ignored) is that
//!   field: "Status (BRAG)" is `rag`.
//! - Otherwise a field is a candidate only if the header holds one of its key words
//!   ("revised" for `revised`, "directorate" for `directorate`). Its score adds, for each
//!   word of the header in the field's vocabulary (synonyms and key words), how specific the
//!   word is (1 / the number of fields that use it), and takes 0.3 for each header word the
//!   field does not know; the last word, the head of the phrase, adds half its weight again
//!   when it is one of the field's key words ("Lead Directorate" is a directorate,
//!   "Directorate Lead" an owner), unless the header joins two things ("Progress and
//!   issues"). "Revised Completion Date" scores `revised` 2.0 and `due` 1.2.
//! - The best field is taken when it scores at least [`MIN_SCORE`] and the next field less
//!   than [`MARGIN`] of it; otherwise the header is ambiguous (two fields score alike) or
//!   weak, and is not used: `read` shows it, and a finding says so when a field it might be
//!   is left without a column.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Field, FieldSpec, normalise_header};

/// Lowest score at which a header is mapped by its words.
pub const MIN_SCORE: f32 = 0.5;
/// The runner-up must score less than this fraction of the best.
pub const MARGIN: f32 = 0.7;
/// What each header word a field does not know costs it.
const UNKNOWN_WORD: f32 = 0.3;

/// Words that carry no meaning in a header.
const STOP_WORDS: [&str; 17] = [
    "a", "an", "and", "any", "by", "for", "if", "in", "is", "n", "of", "on", "or", "please", "the",
    "to", "y",
];

/// How a header was judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Verdict {
    /// One of the field's synonyms.
    Exact(Field),
    /// By its words: the field, its score, the words that counted, and the runner-up.
    Words {
        field: Field,
        score: f32,
        words: Vec<String>,
        next: Option<(Field, f32)>,
    },
    /// Two or more fields score alike; none is taken.
    Ambiguous(Vec<(Field, f32)>),
    /// Some field's key word, but too little else; not taken.
    Weak(Field, f32),
    /// No field's word.
    Unknown,
}

impl Verdict {
    /// The field the header is mapped to, if any.
    pub fn field(&self) -> Option<Field> {
        match self {
            Verdict::Exact(f) | Verdict::Words { field: f, .. } => Some(*f),
            _ => None,
        }
    }

    /// Is it a guess by words rather than a synonym?
    pub fn is_by_words(&self) -> bool {
        matches!(self, Verdict::Words { .. })
    }

    /// The fields it could be, when it was not mapped but could be.
    pub fn candidates(&self) -> Vec<Field> {
        match self {
            Verdict::Ambiguous(c) => c.iter().map(|(f, _)| *f).collect(),
            Verdict::Weak(f, _) => vec![*f],
            _ => Vec::new(),
        }
    }

    /// Why, in a few words: "synonym", "words revised, date (1.83; next due 0.33)".
    pub fn why(&self) -> String {
        match self {
            Verdict::Exact(_) => "synonym".into(),
            Verdict::Words {
                score, words, next, ..
            } => {
                let next = next
                    .map(|(f, s)| format!("; next {f} {s:.2}"))
                    .unwrap_or_default();
                format!("by the words {} ({score:.2}{next})", words.join(", "))
            }
            Verdict::Ambiguous(c) => format!(
                "ambiguous: could be {}",
                c.iter()
                    .map(|(f, s)| format!("{f} ({s:.2})"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Verdict::Weak(f, s) => format!("too weak to tell: perhaps {f} ({s:.2})"),
            Verdict::Unknown => "no field's words".into(),
        }
    }
}

/// The words of every field of a layout, for scoring.
#[derive(Debug, Default, Clone)]
pub struct Scorer {
    /// Normalised synonym -> field (the first field listing it wins).
    exact: HashMap<String, Field>,
    /// Length of the longest synonym, past which a header cannot be one.
    longest: usize,
    vocab: Vec<(Field, HashSet<String>)>,
    keys: Vec<(Field, HashSet<String>)>,
    /// How many fields use each word.
    fields_using: HashMap<String, usize>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
}

impl Scorer {
    pub fn new<'a>(fields: impl Iterator<Item = (&'a Field, &'a FieldSpec)>) -> Scorer {
        let mut s = Scorer::default();
        for (f, spec) in fields {
            let mut vocab = HashSet::new();
            for h in &spec.headers {
                let n = normalise_header(h);
                vocab.extend(words(&n));
                s.exact.entry(n).or_insert(*f);
            }
            let keys: HashSet<String> = spec
                .keys
                .iter()
                .flat_map(|k| words(&normalise_header(k)).collect::<Vec<_>>())
                .collect();
            vocab.extend(keys.iter().cloned());
            for w in &vocab {
                *s.fields_using.entry(w.clone()).or_default() += 1;
            }
            s.vocab.push((*f, vocab));
            s.keys.push((*f, keys));
        }
        s.longest = s.exact.keys().map(String::len).max().unwrap_or(0);
        s
    }

    /// The field a header is exactly (one of its synonyms), if any.
    pub fn exact(&self, normalised: &str) -> Option<Field> {
        self.exact.get(normalised).copied()
    }

    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Judge a normalised header.
    pub fn judge(&self, normalised: &str) -> Verdict {
        if normalised.is_empty() {
            return Verdict::Unknown;
        }
        if let Some(f) = self.exact(normalised) {
            return Verdict::Exact(f);
        }
        let hw: Vec<String> = words(normalised).collect();
        if hw.is_empty() || hw.len() > 8 {
            return Verdict::Unknown;
        }
        let joined = normalised.split(' ').any(|w| w == "and" || w == "or");
        let head = hw.last().filter(|_| !joined && hw.len() > 1);
        let mut scored: Vec<(Field, f32, Vec<String>)> = Vec::new();
        for ((f, vocab), (_, keys)) in self.vocab.iter().zip(&self.keys) {
            if !hw.iter().any(|w| keys.contains(w)) {
                continue;
            }
            let mut score = 0.0;
            let mut counted = Vec::new();
            for w in &hw {
                if vocab.contains(w) {
                    score += 1.0 / self.fields_using.get(w).copied().unwrap_or(1) as f32;
                    counted.push(w.clone());
                } else {
                    score -= UNKNOWN_WORD;
                }
            }
            if let Some(h) = head
                && keys.contains(h)
            {
                score += 0.5 / self.fields_using.get(h).copied().unwrap_or(1) as f32;
            }
            scored.push((*f, score, counted));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let Some((best, score, counted)) = scored.first().cloned() else {
            return Verdict::Unknown;
        };
        let next = scored.get(1).map(|(f, s, _)| (*f, *s));
        if score < MIN_SCORE {
            return if score > 0.0 {
                Verdict::Weak(best, score)
            } else {
                Verdict::Unknown
            };
        }
        match next {
            Some((_, s2)) if s2 >= score * MARGIN => Verdict::Ambiguous(
                scored
                    .iter()
                    .take_while(|(_, s, _)| *s >= score * MARGIN)
                    .map(|(f, s, _)| (*f, *s))
                    .collect(),
            ),
            _ => Verdict::Words {
                field: best,
                score,
                words: counted,
                next,
            },
        }
    }
}
