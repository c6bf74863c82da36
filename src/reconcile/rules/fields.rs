//! F: the action's text, owner and theme as the return states them, against the master.
//! Case, spacing and punctuation do not count as a change; a real rewording is shown as a
//! word diff.

use similar::{ChangeTag, TextDiff};

use crate::reconcile::context::ActionCx;
use crate::reconcile::rule::{Out, rule};
use crate::text::normalise_words;

rule! {
    /// The action text in the return differs from the master (word diff shown).
    ///
    /// Action texts are agreed in the master plan; a return that rewords one may be
    /// reporting on something else. The detail shows `[-removed-]` and `{+added+}` words.
    F01 "title-changed" Warning Action(title_changed)
}
fn title_changed(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if let (Some(rt), Some(mt)) = (&row.title, &cx.action.title)
        && !same_words(&rt.value, &mt.value)
    {
        out.about(
            cx,
            ret,
            vec![rt.source.clone(), mt.source.clone()],
            format!("{}'s action text differs from the master plan", cx.id()),
        )
        .set_detail(word_diff(&mt.value, &rt.value));
    }
}

rule! {
    /// The owner in the return differs from the master.
    F02 "owner-changed" Warning Action(owner_changed)
}
fn owner_changed(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    if let (Some(ro), Some(mo)) = (&row.owner, &cx.action.owner)
        && !same_words(&ro.value, &mo.value)
    {
        out.about(
            cx,
            ret,
            vec![ro.source.clone(), mo.source.clone()],
            format!(
                "{}'s owner is {:?} in the return but {:?} in the master plan",
                cx.id(),
                ro.value,
                mo.value
            ),
        );
    }
}

rule! {
    /// The theme in the return differs from the master.
    F03 "theme-changed" Warning Action(theme_changed)
}
fn theme_changed(cx: &ActionCx, out: &mut Out) {
    let Some((ret, row)) = cx.primary() else {
        return;
    };
    let themes = &cx.cx.month.master.themes;
    if let (Some(rt), Some(mt)) = (&row.theme, cx.action.theme())
        && themes.find(&rt.value) != Some(mt)
    {
        let mt = themes.name(mt);
        out.about(
            cx,
            ret,
            vec![rt.source.clone()],
            format!(
                "{}'s theme is {:?} in the return but {mt} in the master plan",
                cx.id(),
                rt.value
            ),
        );
    }
}

fn same_words(a: &str, b: &str) -> bool {
    a == b || normalise_words(a) == normalise_words(b)
}

/// Word-level diff of two texts: `[-removed-]` and `{+added+}`.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(v),
            ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(v);
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(v);
                out.push_str("+}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
}

#[cfg(test)]
pub(crate) mod tests;
