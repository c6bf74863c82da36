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
        let by_stage = |s: &Sourced<String>| {
            let said = format!("its stage is {:?}", s.value);
            (stage_state, said, s.source.clone())
        };
        let (state, said, source) = match (&percent, &stage) {
            (Some((p, src)), _) if *p >= 100.0 => {
                (Some(Rag::Complete), percent_text(*p), src.clone())
            }
            (_, Some(s)) if matches!(stage_state, Some(Rag::Complete | Rag::OnHold)) => by_stage(s),
            (Some((p, src)), _) => (None, percent_text(*p), src.clone()),
            (None, Some(s)) => by_stage(s),
            (None, None) => return None,
        };
        let signal = StageSignal {
            said,
            source,
            state,
            stated: rag.as_ref().map(|r| r.value),
        };
        if let Some(st) = signal.overrules() {
            *rag = Some(Sourced::new(st, signal.source.clone()));
        }
        Some(Box::new(signal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableInfo;

    /// Read a row whose rating cell (G5) said `rag`, its Stage (D5) `stage` and % complete
    /// (F5) `percent`: the rating it ends with, and the signal.
    fn read_sourced(
        rag: Option<Rag>,
        stage: Option<&str>,
        percent: Option<Value>,
    ) -> (Option<Sourced<Rag>>, Option<StageSignal>) {
        let table = Table {
            info: TableInfo::new("tracker.xlsx", "Plan"),
            rows: vec![],
        };
        let mut r = RawRow {
            row: 4,
            cells: std::array::from_fn(|_| None),
            id: None,
        };
        r.cells[Field::Stage.index()] = stage.map(|s| (Value::Text(s.into()), 3));
        r.cells[Field::Percent.index()] = percent.map(|p| (p, 5));
        let mut stated = rag.map(|g| Sourced::new(g, table.source(4, 6)));
        let signal = table.stage(&mut r, &RagScale::default(), &mut stated);
        (stated, signal.map(|s| *s))
    }

    /// [`read_sourced`], the rating without its cell.
    fn read(
        rag: Option<Rag>,
        stage: Option<&str>,
        percent: Option<Value>,
    ) -> (Option<Rag>, Option<StageSignal>) {
        let (rag, signal) = read_sourced(rag, stage, percent);
        (rag.map(|r| r.value), signal)
    }

    #[test]
    fn a_hundred_percent_or_a_completed_stage_is_complete_whatever_the_rating() {
        let (rag, s) = read(
            Some(Rag::Green),
            Some("In progress"),
            Some(Value::Number(1.0)),
        );
        let s = s.expect("a signal");
        assert_eq!(rag, Some(Rag::Complete));
        assert_eq!((s.state, s.stated), (Some(Rag::Complete), Some(Rag::Green)));
        assert_eq!(s.said, "is 100% complete");
        assert_eq!(s.source.cell(), "F5");
        assert!(s.disagrees());
        let (rag, s) = read(Some(Rag::Amber), Some("Completed"), None);
        assert_eq!(rag, Some(Rag::Complete));
        assert_eq!(
            s.map(|s| s.said),
            Some("its stage is \"Completed\"".to_string())
        );
        // Rated Complete already: they agree.
        let (rag, s) = read(Some(Rag::Complete), None, Some(Value::Text("100%".into())));
        assert_eq!(rag, Some(Rag::Complete));
        assert!(!s.expect("a signal").disagrees());
    }

    #[test]
    fn a_parked_stage_is_on_hold_and_work_in_progress_keeps_its_rating() {
        let (rag, s) = read(Some(Rag::Amber), Some("Parked"), Some(Value::Number(0.1)));
        assert_eq!(rag, Some(Rag::OnHold));
        assert_eq!(s.as_ref().map(|s| s.state), Some(Some(Rag::OnHold)));
        assert_eq!(s.map(|s| s.source.cell()), Some("D5".to_string()));
        // Below 100%: the rating stands, and rated Complete disagrees.
        let (rag, s) = read(
            Some(Rag::Green),
            Some("In progress"),
            Some(Value::Number(0.6)),
        );
        assert_eq!(rag, Some(Rag::Green));
        let s = s.expect("a signal");
        assert_eq!((s.state, s.said.as_str()), (None, "is 60% complete"));
        assert!(!s.disagrees());
        let (rag, s) = read(Some(Rag::Complete), None, Some(Value::Number(0.6)));
        assert_eq!(rag, Some(Rag::Complete));
        assert!(s.expect("a signal").disagrees());
        // 99.5% is not done.
        let (rag, _) = read(Some(Rag::Green), None, Some(Value::Number(99.5)));
        assert_eq!(rag, Some(Rag::Green));
    }

    #[test]
    fn a_rating_the_stage_agrees_with_keeps_its_own_cell() {
        let (rag, _) = read_sourced(Some(Rag::Complete), None, Some(Value::Number(1.0)));
        assert_eq!(rag.map(|r| r.source.cell()), Some("G5".to_string()));
        // Overruled, the rating is the stage's, from the stage's cell.
        let (rag, _) = read_sourced(Some(Rag::Green), None, Some(Value::Number(1.0)));
        assert_eq!(rag.map(|r| r.source.cell()), Some("F5".to_string()));
    }

    #[test]
    fn a_row_with_no_rating_takes_its_stage() {
        let (rag, s) = read(None, Some("Not started"), None);
        assert_eq!(rag, Some(Rag::NotStarted));
        assert!(!s.expect("a signal").disagrees());
        let (rag, _) = read(None, Some("Completed"), None);
        assert_eq!(rag, Some(Rag::Complete));
        // A not-started stage does not overrule a rating: Amber may mean "late to start".
        let (rag, _) = read(Some(Rag::Amber), Some("Not started"), None);
        assert_eq!(rag, Some(Rag::Amber));
        assert_eq!(read(Some(Rag::Green), None, None), (Some(Rag::Green), None));
    }

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
