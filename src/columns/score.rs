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

use foldhash::{HashMap, HashSet};

use serde::Serialize;

use super::{Field, FieldSpec, normalise_header};

/// Lowest score at which a header is mapped by its words.
pub const MIN_SCORE: f32 = 0.5;
/// The runner-up must score less than this fraction of the best.
pub const MARGIN: f32 = 0.7;
/// What each header word a field does not know costs it.
const UNKNOWN_WORD: f32 = 0.3;

/// Words that carry no meaning in a header.
const STOP_WORDS: [&str; 21] = [
    "a", "an", "and", "any", "by", "for", "if", "in", "is", "n", "of", "on", "or", "our", "please",
    "the", "this", "to", "y", "your", "my",
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
    /// The layout's fields, in order; bit `i` of a [`WordUse`] mask is `fields[i]`.
    fields: Vec<Field>,
    /// Every word of any field: which fields know it and which have it as a key word.
    words: HashMap<String, WordUse>,
}

/// Which fields use a word: one lookup per header word, not one per word and field.
#[derive(Debug, Default, Clone, Copy)]
struct WordUse {
    /// Fields whose vocabulary (synonyms and key words) holds the word.
    vocab: u64,
    /// Fields with the word as a key word.
    keys: u64,
}

impl WordUse {
    /// How many fields use the word.
    fn fields_using(self) -> usize {
        self.vocab.count_ones() as usize
    }
}

// Every field fits a mask.
const _: () = assert!(Field::COUNT <= 64);

fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
}

impl Scorer {
    pub fn new<'a>(fields: impl Iterator<Item = (&'a Field, &'a FieldSpec)>) -> Scorer {
        let mut s = Scorer::default();
        for (f, spec) in fields {
            let bit = 1u64 << s.fields.len();
            s.fields.push(*f);
            let mut vocab = HashSet::default();
            for h in &spec.headers {
                let n = normalise_header(h);
                vocab.extend(words(&n).map(str::to_string));
                s.exact.entry(n).or_insert(*f);
            }
            let keys: HashSet<String> = spec
                .keys
                .iter()
                .flat_map(|k| {
                    words(&normalise_header(k))
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            for w in &keys {
                s.words.entry(w.clone()).or_default().keys |= bit;
            }
            vocab.extend(keys);
            for w in vocab {
                s.words.entry(w).or_default().vocab |= bit;
            }
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
        let hw: Vec<&str> = words(normalised).collect();
        if hw.is_empty() || hw.len() > 8 {
            return Verdict::Unknown;
        }
        let joined = normalised.split(' ').any(|w| w == "and" || w == "or");
        let uses: Vec<WordUse> = hw
            .iter()
            .map(|w| self.words.get(*w).copied().unwrap_or_default())
            .collect();
        let head = uses.last().filter(|_| !joined && hw.len() > 1);
        // A field is a candidate only with one of its key words in the header.
        let candidates = uses.iter().fold(0, |m, u| m | u.keys);
        let mut scored: Vec<(Field, f32, Vec<&str>)> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let bit = 1u64 << i;
            if candidates & bit == 0 {
                continue;
            }
            let mut score = 0.0;
            let mut counted = Vec::new();
            for (w, u) in hw.iter().zip(&uses) {
                if u.vocab & bit != 0 {
                    score += 1.0 / u.fields_using() as f32;
                    counted.push(*w);
                } else {
                    score -= UNKNOWN_WORD;
                }
            }
            if let Some(h) = head
                && h.keys & bit != 0
            {
                score += 0.5 / h.fields_using() as f32;
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
                words: counted.iter().map(|w| w.to_string()).collect(),
                next,
            },
        }
    }
}
