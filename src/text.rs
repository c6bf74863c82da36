//! Text helpers every layer uses: words as compared, and counts with their nouns.

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

/// A noun's plural, its case kept: "Theme" -> "Themes", "Priority" -> "Priorities",
/// "Workstream" -> "Workstreams", "Focus" -> "Focuses", "Direction" -> "Directions".
pub fn plural(word: &str) -> String {
    let w = word.trim();
    let lower = w.to_lowercase();
    let consonant_y = lower.ends_with('y')
        && !["ay", "ey", "iy", "oy", "uy"]
            .iter()
            .any(|v| lower.ends_with(v));
    if consonant_y {
        format!("{}ies", &w[..w.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// "1 warning", "2 warnings", "0 errors", "3 priorities": a count with its noun, plural
/// only when plural.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_plural_only_when_plural() {
        assert_eq!(counted(1, "warning"), "1 warning");
        assert_eq!(counted(0, "error"), "0 errors");
        assert_eq!(counted(2, "finding"), "2 findings");
        assert_eq!(counted(1, "action"), "1 action");
        assert_eq!(counted(3, "priority"), "3 priorities");
        assert_eq!(counted(2, "day"), "2 days");
    }

    #[test]
    fn plurals_keep_the_words_case() {
        assert_eq!(plural("Theme"), "Themes");
        assert_eq!(
            plural("Statutory Recommendation"),
            "Statutory Recommendations"
        );
        assert_eq!(plural("Priority"), "Priorities");
        assert_eq!(plural("Key Delivery"), "Key Deliveries");
        assert_eq!(plural("Focus"), "Focuses");
        assert_eq!(plural("Work Stream Key"), "Work Stream Keys");
        assert_eq!(plural(" Branch "), "Branches");
    }

    #[test]
    fn words_compare_without_case_punctuation_or_ampersands() {
        assert_eq!(normalise_words("Children & Adults"), "children and adults");
        assert_eq!(
            normalise_words("Chief Executive's  Office!"),
            "chief executives office"
        );
        assert_eq!(normalise_words(""), "");
    }
}
