//! The column map: which header texts mean which field, loaded from `templates/default.toml`
//! (built into the binary) or from a user's own file given with `--map`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Field;
use crate::model::{Rag, RagScale, Rating};

mod score;
mod suggest;

use score::Scorer;
pub use score::{MARGIN, MIN_SCORE, Verdict};
pub use suggest::starting_map;

/// The built-in map, the file `templates/default.toml` of this repository.
pub const DEFAULT_MAP: &str = include_str!("../../templates/default.toml");

/// How to recognise one field's column.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Headers that mean the field (case, punctuation and bracketed text ignored).
    pub headers: Vec<String>,
    /// Words a header must hold to be read as this field when it is none of `headers`
    /// (see `score.rs`): "revised" for `revised`, "directorate" for `directorate`.
    #[serde(default)]
    pub keys: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// How to find one kind of table (master plan, return) in a workbook.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Layout {
    /// Sheet names to try first (any sheet is tried after them).
    #[serde(default)]
    pub sheets: Vec<String>,
    pub fields: BTreeMap<Field, FieldSpec>,
    /// The fields' words, built on first use.
    #[serde(skip)]
    index: std::sync::OnceLock<Scorer>,
}

/// Longer cell text is never taken for a column header.
const MAX_HEADER_BYTES: usize = 500;
/// Longer normalised text is not scored by its words.
const MAX_WORDS_HEADER: usize = 80;

impl Layout {
    fn scorer(&self) -> &Scorer {
        self.index.get_or_init(|| Scorer::new(self.fields.iter()))
    }

    /// The field whose synonyms include this header text, if any. When two fields list the
    /// same synonym, the first field (in `Field` order) wins.
    pub fn field_for_header(&self, header: &str) -> Option<Field> {
        let scorer = self.scorer();
        // Header cells are short; long text below a header row is commentary, not a header.
        if header.len() > MAX_HEADER_BYTES {
            return None;
        }
        let h = normalise_header_within(header, scorer.longest())?;
        scorer.exact(&h)
    }

    /// What a header means: one of a field's synonyms, a field by its words, or nothing
    /// sure (see `score.rs`).
    pub fn judge(&self, header: &str) -> Verdict {
        let scorer = self.scorer();
        if header.len() > MAX_HEADER_BYTES {
            return Verdict::Unknown;
        }
        // Commentary and titles below a header row are long: only a synonym can match them.
        let long = header.len() > MAX_WORDS_HEADER || header.split_whitespace().nth(8).is_some();
        if long {
            return normalise_header_within(header, scorer.longest())
                .and_then(|h| scorer.exact(&h))
                .map_or(Verdict::Unknown, Verdict::Exact);
        }
        match normalise_header_within(header, scorer.longest().max(MAX_WORDS_HEADER)) {
            Some(h) => scorer.judge(&h),
            None => Verdict::Unknown,
        }
    }

    /// A copy of this layout with other fields (and a fresh synonym index).
    pub fn with_fields(&self, fields: BTreeMap<Field, FieldSpec>) -> Layout {
        Layout {
            sheets: self.sheets.clone(),
            fields,
            index: Default::default(),
        }
    }

    pub fn required(&self) -> impl Iterator<Item = (Field, &FieldSpec)> {
        self.fields
            .iter()
            .filter(|(_, s)| s.required)
            .map(|(f, s)| (*f, s))
    }
}

/// One column of the blank return template.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TemplateColumn {
    pub field: Field,
    pub header: String,
    #[serde(default = "default_width")]
    pub width: f64,
    #[serde(default)]
    pub locked: bool,
}

fn default_width() -> f64 {
    16.0
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TemplateLayout {
    pub sheet: String,
    pub columns: Vec<TemplateColumn>,
}

/// What the council calls its themes and recommendations, when its headers do not say.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabelMap {
    /// "Priority", "Workstream"; default: the master's theme header if it names one, else "Theme".
    pub theme: Option<String>,
    /// "Direction", "Recommendation"; default: the master's header if it names one, else
    /// "Statutory Recommendation".
    pub recommendation: Option<String>,
    /// What Cabinet calls the Amber, Red and On hold actions ("Focus 2 Exceptions");
    /// default: "Exceptions".
    pub exceptions: Option<String>,
}

/// The Dashboard's key: what each rating means, in the council's words (`[key]`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RatingKey {
    pub complete: String,
    pub green: String,
    pub amber: String,
    pub red: String,
    pub on_hold: String,
    pub not_started: String,
    /// An open action no return reported this month.
    pub not_reported: String,
}

impl RatingKey {
    /// What `r` means; `None` for no rating.
    pub fn meaning(&self, r: Rating) -> Option<&str> {
        Some(match r {
            Rating::Rag(Rag::Complete) => &self.complete,
            Rating::Rag(Rag::Green) => &self.green,
            Rating::Rag(Rag::Amber) => &self.amber,
            Rating::Rag(Rag::Red) => &self.red,
            Rating::Rag(Rag::OnHold) => &self.on_hold,
            Rating::Rag(Rag::NotStarted) => &self.not_started,
            Rating::NotReported => &self.not_reported,
            Rating::None => return None,
        })
    }
}

/// The whole column map.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    /// The plan's themes in the order Cabinet reports list them; themes the master names
    /// that are not listed follow in plan order. Empty: plan order.
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub labels: LabelMap,
    /// The words, letters and fill colours of each rating.
    #[serde(default)]
    pub ratings: RagScale,
    /// What each rating means, for the Dashboard's key.
    pub key: RatingKey,
    /// The phrases of officers' commentary: the built-in ones and the map's, added.
    pub phrases: crate::commentary::PhraseLists,
    pub master: Layout,
    #[serde(default)]
    pub recommendations: Option<Layout>,
    #[serde(rename = "return")]
    pub returns: Layout,
    pub return_template: TemplateLayout,
}

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("cannot read column map {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "column map {path} is not valid: {message}\n  hint: start from templates/default.toml and change only the header lists"
    )]
    Invalid { path: String, message: String },
}

impl MapError {
    /// The map file the error is about.
    pub fn path(&self) -> &str {
        match self {
            MapError::Io { path, .. } | MapError::Invalid { path, .. } => path,
        }
    }
}

impl ColumnMap {
    /// The built-in map.
    pub fn builtin() -> ColumnMap {
        // The built-in map is part of the source and checked by a unit test.
        Self::parse(DEFAULT_MAP, "templates/default.toml")
            .unwrap_or_else(|e| panic!("built-in column map: {e}"))
    }

    /// The table of the map that reads a table of `kind` ([`crate::model::TableKind::map_section`]).
    pub fn layout(&self, kind: crate::model::TableKind) -> &Layout {
        match kind {
            crate::model::TableKind::Master => &self.master,
            _ => &self.returns,
        }
    }

    pub fn load(path: &Path) -> Result<ColumnMap, MapError> {
        let text = std::fs::read_to_string(path).map_err(|source| MapError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Read a map: what `text` says, over the built-in map. A map need only say what
    /// differs (`[labels] theme = "Priority"`); a table it gives is merged key by key
    /// into the built-in one, and a list it gives replaces the built-in list.
    pub fn parse(text: &str, name: &str) -> Result<ColumnMap, MapError> {
        let invalid = |message: String| MapError::Invalid {
            path: name.to_string(),
            message,
        };
        let mut user: toml::Table = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        // Phrases add to the built-in ones (a council lists only its own): taken out before
        // the merge, where a list would replace the built-in list.
        let own: crate::commentary::PhraseLists = match user.remove("phrases") {
            Some(v) => v
                .try_into()
                .map_err(|e: toml::de::Error| invalid(format!("[phrases]: {e}")))?,
            None => Default::default(),
        };
        let mut merged: toml::Table =
            toml::from_str(DEFAULT_MAP).map_err(|e| invalid(format!("built-in map: {e}")))?;
        merge(&mut merged, user);
        let mut map: ColumnMap = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        map.phrases = std::mem::take(&mut map.phrases).with(&own);
        for (what, layout) in [("master", &map.master), ("return", &map.returns)] {
            if !layout.fields.get(&Field::Id).is_some_and(|s| s.required) {
                return Err(MapError::Invalid {
                    path: name.to_string(),
                    message: format!("[{what}.fields] must have a required `id` field"),
                });
            }
        }
        for col in &map.return_template.columns {
            if map.returns.field_for_header(&col.header) != Some(col.field) {
                return Err(MapError::Invalid {
                    path: name.to_string(),
                    message: format!(
                        "return_template column header {:?} is not a synonym of [return.fields] {}, so a filled-in template could not be read back",
                        col.header, col.field
                    ),
                });
            }
        }
        Ok(map)
    }
}

/// Merge `over` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Header text as compared: lower case, no bracketed text, no punctuation (`&` is "and",
/// `%` is "percent").
pub fn normalise_header(text: &str) -> String {
    normalise_header_within(text, usize::MAX).unwrap_or_default()
}

/// [`normalise_header`] in one pass, giving up (`None`) as soon as the result would be longer
/// than `max` bytes: the header search looks at every cell of the first rows, most of them
/// commentary that can be no synonym.
fn normalise_header_within(text: &str, max: usize) -> Option<String> {
    let mut out = String::new();
    let mut depth = 0u32;
    // A separator was seen since the last word character.
    let mut gap = false;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            // Apostrophes join the word ("don't" is "dont").
            '\'' | '\u{2019}' => {}
            '&' | '%' => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(if c == '&' { "and" } else { "percent" });
                gap = true;
            }
            c if c.is_alphanumeric() => {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.extend(c.to_lowercase());
            }
            _ => gap = true,
        }
        if out.len() > max {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise_words;

    /// The plain definition: drop bracketed text, then normalise the words.
    fn normalise_header_reference(text: &str) -> String {
        let mut out = String::new();
        let mut depth = 0u32;
        for c in text.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        normalise_words(&out.replace('%', " percent "))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn one_pass_normalising_agrees_with_its_definition(
            text in "[aBz\u{c9}\u{130} ()\\[\\]&%'\u{2019}/.\n-]{0,16}",
            max in 0usize..12,
        ) {
            let want = normalise_header_reference(&text);
            proptest::prop_assert_eq!(&normalise_header(&text), &want);
            let within = normalise_header_within(&text, max);
            if want.len() <= max {
                proptest::prop_assert_eq!(within, Some(want));
            } else {
                proptest::prop_assert_eq!(within, None);
            }
        }
    }

    #[test]
    fn builtin_map_parses_and_matches_synonyms() {
        let m = ColumnMap::builtin();
        assert_eq!(m.returns.field_for_header("RAG Status"), Some(Field::Rag));
        assert_eq!(
            m.returns.field_for_header("  rag\nstatus (R/A/G) "),
            Some(Field::Rag)
        );
        assert_eq!(m.returns.field_for_header("Rating"), Some(Field::Rag));
        assert_eq!(m.master.field_for_header("Action Ref"), Some(Field::Id));
        assert_eq!(m.master.field_for_header("ref."), Some(Field::Id));
        assert_eq!(m.master.field_for_header("Target date"), Some(Field::Due));
        assert_eq!(
            m.returns.field_for_header("Risks & Issues"),
            Some(Field::Issues)
        );
        assert_eq!(m.returns.field_for_header("Colour"), None);
        assert_eq!(m.returns.field_for_header(""), None);
        assert!(m.recommendations.is_some());
    }

    #[test]
    fn a_map_without_required_id_is_rejected() {
        let err = ColumnMap::parse("[master.fields.id]\nrequired = false\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("required `id`"), "{err}");
    }

    /// Headers other councils use, read by their words with no map.
    #[test]
    fn headers_of_other_councils_are_read_by_meaning() {
        let m = ColumnMap::builtin();
        let cases = [
            ("Action Reference", Field::Id),
            ("Lead Directorate", Field::Directorate),
            ("Accountable Officer", Field::Owner),
            ("Target Completion Date", Field::Due),
            ("Status (BRAG)", Field::Rag),
            ("Current RAG status", Field::Rag),
            ("Update on progress", Field::Progress),
            ("Progress Narrative", Field::Progress),
            ("Revised Completion Date", Field::Revised),
            ("Change Request Approved? (Y/N)", Field::ChangeControl),
            ("Priority Theme", Field::Theme),
            ("Workstream", Field::Theme),
            ("Comments", Field::Progress),
            ("Forecast completion date", Field::Revised),
            ("Original Target Date", Field::Due),
            ("Key achievements this quarter", Field::Achievements),
            ("Risks / Issues", Field::Issues),
            ("Planned next steps", Field::NextSteps),
            ("Responsible Director", Field::Owner),
        ];
        for (h, want) in cases {
            let v = m.returns.judge(h);
            assert_eq!(v.field(), Some(want), "{h:?}: {}", v.why());
        }
        for (h, want) in [
            ("Direction", Field::Recommendation),
            ("Statutory Direction", Field::Recommendation),
            ("Action Reference", Field::Id),
            ("Lead Directorate", Field::Directorate),
            ("Priority", Field::Theme),
        ] {
            let v = m.master.judge(h);
            assert_eq!(v.field(), Some(want), "master {h:?}: {}", v.why());
        }
    }

    #[test]
    fn unclear_headers_are_not_guessed() {
        let m = ColumnMap::builtin();
        let v = m.returns.judge("RAG and commentary");
        assert!(matches!(v, Verdict::Ambiguous(_)), "{}", v.why());
        assert_eq!(v.field(), None);
        assert!(v.candidates().contains(&Field::Rag) && v.candidates().contains(&Field::Progress));
        assert_eq!(
            m.returns.judge("Directorate Lead").field(),
            Some(Field::Owner)
        );
        for h in [
            "Total budget",
            "Notes",
            "Approve the workforce strategy",
            "Green",
            "Housing",
        ] {
            assert_eq!(
                m.returns.judge(h).field(),
                None,
                "{h:?}: {}",
                m.returns.judge(h).why()
            );
        }
        assert!(matches!(
            m.returns.judge("RAG Status"),
            Verdict::Exact(Field::Rag)
        ));
    }

    #[test]
    fn a_map_need_only_say_what_differs() {
        let m = ColumnMap::parse(
            "themes = [\"People\"]\n[labels]\ntheme = \"Priority\"\n[ratings]\ngreen = [\"On target\", \"#92D050\"]\n[return.fields.rag]\nheaders = [\"Traffic light\", \"RAG Status\"]\n",
            "small.toml",
        )
        .unwrap();
        assert_eq!(m.themes, ["People"]);
        assert_eq!(m.labels.theme.as_deref(), Some("Priority"));
        assert_eq!(m.ratings.parse("On target"), Some(crate::model::Rag::Green));
        assert_eq!(m.ratings.parse("#92D050"), Some(crate::model::Rag::Green));
        // Lists replace the built-in ones; the rest of the field is kept.
        assert_eq!(m.ratings.parse("Green"), None);
        assert_eq!(m.ratings.parse("Amber"), Some(crate::model::Rag::Amber));
        assert_eq!(
            m.returns.field_for_header("Traffic light"),
            Some(Field::Rag)
        );
        assert_eq!(m.returns.field_for_header("RAG"), None);
        assert!(
            m.returns.fields[&Field::Rag]
                .keys
                .iter()
                .any(|k| k == "rag")
        );
        assert_eq!(m.master.field_for_header("Action Ref"), Some(Field::Id));
        let err = ColumnMap::parse("[labelz]\ntheme = \"x\"\n", "typo.toml").unwrap_err();
        assert!(err.to_string().contains("labelz"), "{err}");
    }

    #[test]
    fn template_headers_must_be_readable() {
        let bad = DEFAULT_MAP.replace("header = \"RAG Status\"", "header = \"Traffic light\"");
        let err = ColumnMap::parse(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("Traffic light"), "{err}");
    }
}
