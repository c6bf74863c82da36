//! Domain types: where values came from, action ids, themes, RAG ratings, and the master
//! plan and returns as read.
//!
//! Everything read from a workbook carries its [`Source`] (file, sheet, cell) so that every
//! finding can point an officer at the exact cell to fix.

mod id;
mod plan;
mod rag;
mod source;
mod theme;

pub use id::{ActionId, natural_cmp};
pub use plan::{
    Action, DirectorateReturn, Labels, MappedColumn, MasterPlan, NoteKind, ReadNote,
    Recommendation, ReturnRow, RowCounts, TableInfo, UnsureHeader,
};
pub use rag::{Rag, RagScale, builtin_scale};
pub use source::{Location, Origin, Source, Sourced, cell_ref, col_letters};
pub use theme::{THEME_WORDS, ThemeId, Themes, heading_theme};

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

/// "1 warning", "2 warnings", "0 errors": a count with its noun, plural only when plural.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
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
    }
}
