//! Directorates as the plan and the returns spell them.

use crate::text::normalise_words;

/// What every spelling of one directorate shares: "Finance & Transformation", "finance and
/// transformation" and "Finance and Transformation." are one directorate. The one place
/// where two names are judged the same directorate (matching returns to owners, grouping
/// versions of a return, chase packs, templates).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DirectorateKey(String);

impl DirectorateKey {
    pub fn of(name: &str) -> DirectorateKey {
        DirectorateKey(normalise_words(name))
    }

    /// The name as compared: lower case, `&` as "and", single spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::DirectorateKey;

    #[test]
    fn spellings_of_one_directorate_share_a_key_and_others_do_not() {
        let k = DirectorateKey::of("Finance & Transformation");
        assert_eq!(k, DirectorateKey::of("finance  and transformation."));
        assert_eq!(k, DirectorateKey::of("FINANCE AND TRANSFORMATION"));
        assert_ne!(k, DirectorateKey::of("Finance"));
        assert_eq!(k.as_str(), "finance and transformation");
        assert_eq!(
            DirectorateKey::of("Chief Executive’s Office").as_str(),
            "chief executives office"
        );
    }
}
