//! Stage and % complete beside the rating: what they say of an action's state, and how the
//! rating a row states is read against them. 100% or a completed stage is Complete, and a
//! parked or suspended stage On hold, whatever the colour says; the row keeps the rating it
//! stated so that the disagreement is reported (G09).

use super::raw::{RawRow, Table, Value};
use crate::model::{Field, Rag, RagScale, Sourced, StageSignal};

/// A % complete cell as a number from 0 to 100: "60%", "60", or a fraction of one (0.6, as
/// Excel holds a cell formatted as a percentage). `None` for anything else.
pub(super) fn percent_of(v: &Value) -> Option<f64> {
    let n = match v {
        Value::Number(n) => *n,
        Value::Text(t) => {
            let t = t.trim();
            match t.strip_suffix('%') {
                Some(p) => {
                    return p
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|p| (0.0..=1000.0).contains(p));
                }
                None => t.parse::<f64>().ok()?,
            }
        }
        Value::Date(_) => return None,
    };
    if !(0.0..=1000.0).contains(&n) {
        return None;
    }
    Some(if n <= 1.0 { n * 100.0 } else { n })
}

/// How a percentage is quoted: "is 100% complete", "is 62.5% complete".
fn percent_text(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("is {p:.0}% complete")
    } else {
        format!("is {p:.1}% complete")
    }
}

impl Table {
    /// Read the row's Stage and % complete cells against its rating `rag`: a state they
    /// give (Complete, On hold) replaces the rating stated, which the signal keeps; a
    /// row with no rating takes theirs (Not started too). `None` when the row has neither.
    pub fn stage(
        &self,
        r: &mut RawRow,
        scale: &RagScale,
        rag: &mut Option<Sourced<Rag>>,
    ) -> Option<Box<StageSignal>> {
        let stage = self.text(r, Field::Stage);
        let percent = r.cells[Field::Percent.index()]
            .take()
            .and_then(|(v, col)| Some((percent_of(&v)?, self.source(r.row, col))));
        let stage_state = stage.as_ref().and_then(|s| scale.parse(&s.value));
        let (state, said, source) = match (&percent, &stage) {
            (Some((p, src)), _) if *p >= 100.0 => {
                (Some(Rag::Complete), percent_text(*p), src.clone())
            }
            (_, Some(s)) if matches!(stage_state, Some(Rag::Complete | Rag::OnHold)) => (
                stage_state,
                format!("its stage is {:?}", s.value),
                s.source.clone(),
            ),
            (Some((p, src)), _) => (None, percent_text(*p), src.clone()),
            (None, Some(s)) => (
                stage_state,
                format!("its stage is {:?}", s.value),
                s.source.clone(),
            ),
            (None, None) => return None,
        };
        let stated = rag.as_ref().map(|r| r.value);
        match (state, stated) {
            (Some(st @ (Rag::Complete | Rag::OnHold)), Some(s)) if s != st => {
                *rag = Some(Sourced::new(st, source.clone()));
            }
            (Some(st), None) => *rag = Some(Sourced::new(st, source.clone())),
            _ => {}
        }
        Some(Box::new(StageSignal {
            said,
            source,
            state,
            stated,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_as_councils_write_them() {
        let t = |s: &str| percent_of(&Value::Text(s.into()));
        assert_eq!(t("60%"), Some(60.0));
        assert_eq!(t(" 100 % "), Some(100.0));
        assert_eq!(t("75"), Some(75.0));
        assert_eq!(percent_of(&Value::Number(1.0)), Some(100.0));
        assert_eq!(percent_of(&Value::Number(0.35)), Some(35.0));
        assert_eq!(percent_of(&Value::Number(80.0)), Some(80.0));
        assert_eq!(t("about half"), None);
        assert_eq!(t("-5%"), None);
        assert_eq!(percent_text(62.5), "is 62.5% complete");
    }
}
