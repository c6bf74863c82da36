//! Finding the header row: the row in the first rows of a sheet whose cells name the most
//! fields of the column map, one of them the action reference.

use super::grid::{Grid, cell_text};
use super::{HEADER_SEARCH_ROWS, HeaderAttempt};
use crate::columns::{Layout, Verdict};
use crate::model::{ActionId, Field};
use crate::model::{MappedColumn, UnsureHeader};

/// How many rows below a header are looked at to tell a column of references.
const ID_SAMPLE_ROWS: u32 = 40;

#[derive(Clone, Copy)]
enum Choice {
    /// A column whose header might mean the reference.
    Unsure(usize),
    /// The first of two columns whose headers name one field (its column, then the
    /// second's place among the duplicates).
    Doubled(usize, usize),
    /// The one column that gives the title.
    Title(usize),
}

/// A header row found in a sheet.
pub(super) struct HeaderFound {
    pub row: u32,
    pub columns: Vec<MappedColumn>,
    pub unmapped: Vec<String>,
    /// Columns whose header is a synonym of a field already mapped: (row, col, text, field).
    pub dups: Vec<(u32, u32, String, Field)>,
    /// Columns not used though they might mean a field.
    pub unsure: Vec<UnsureHeader>,
}

impl HeaderFound {
    /// How good a header row this is: fields mapped, synonyms counting a little more.
    fn score(&self) -> f32 {
        self.columns
            .iter()
            .map(|c| if c.by_words.is_some() { 0.9 } else { 1.0 })
            .sum()
    }

    /// Take a column for its field, or say why not.
    fn place(&mut self, row: u32, col: u32, text: String, verdict: Verdict) {
        let Some(field) = verdict.field() else {
            let candidates = verdict.candidates();
            if candidates.is_empty() {
                self.unmapped.push(text);
            } else {
                self.unsure.push(UnsureHeader {
                    col,
                    header: text,
                    why: verdict.why(),
                    candidates,
                });
            }
            return;
        };
        let by_words = verdict.is_by_words().then(|| verdict.why());
        let taken = self.columns.iter().position(|m| m.field == field);
        match taken {
            None => self.columns.push(MappedColumn {
                field,
                col,
                header: text,
                by_words,
            }),
            // A synonym wins over a column taken by its words.
            Some(i) if by_words.is_none() && self.columns[i].by_words.is_some() => {
                let old = std::mem::replace(
                    &mut self.columns[i],
                    MappedColumn {
                        field,
                        col,
                        header: text,
                        by_words,
                    },
                );
                self.not_used(old.col, old.header, field, &self.columns[i].header.clone());
            }
            Some(_) if by_words.is_none() => self.dups.push((row, col, text, field)),
            Some(i) => {
                let other = self.columns[i].header.clone();
                self.not_used(col, text, field, &other);
            }
        }
    }

    /// Settle what the first pass left open, once every column of the row is placed:
    /// - a column whose words fit several fields, all but one of them given by other
    ///   columns, is the one left ("Revised deadline" beside "Deadline" is the revised
    ///   date);
    /// - a plan with no action column whose rows are milestones ("Milestone" beside "Due")
    ///   has them as its titles: the milestone is the row's unit.
    fn settle(&mut self) {
        let given = |columns: &[MappedColumn], f: Field| columns.iter().any(|m| m.field == f);
        let mut i = 0;
        while i < self.unsure.len() {
            let u = &self.unsure[i];
            let open: Vec<Field> = u
                .candidates
                .iter()
                .copied()
                .filter(|f| !given(&self.columns, *f))
                .collect();
            if u.candidates.len() >= 2 && open.len() == 1 {
                let u = self.unsure.remove(i);
                let others: Vec<String> = u
                    .candidates
                    .iter()
                    .filter(|f| **f != open[0])
                    .map(|f| f.to_string())
                    .collect();
                self.columns.push(MappedColumn {
                    field: open[0],
                    col: u.col,
                    header: u.header,
                    by_words: Some(format!(
                        "by its words: {}, as other columns give {}",
                        open[0],
                        others.join(" and ")
                    )),
                });
                continue;
            }
            i += 1;
        }
        if !given(&self.columns, Field::Title)
            && let Some(m) = self
                .columns
                .iter_mut()
                .find(|m| m.field == Field::Milestones)
        {
            m.field = Field::Title;
            m.by_words = Some("the milestone is the row's unit: no column gives the action".into());
        }
    }

    /// A row with no reference column by its headers takes, as its references, the first
    /// column whose header might mean the reference ("HLD Ref") or that a second column's
    /// header also names ("Commitment" beside "Title"), if the cells below it read as
    /// action references: at least half of its filled cells (the rest are heading bands);
    /// or the title column, if nearly all of them do.
    fn settle_id<G: Grid>(&mut self, range: &G, row: u32, last: u32) {
        if self.columns.iter().any(|m| m.field == Field::Id) {
            return;
        }
        // (ids, filled cells) in the rows below.
        let count = |col: u32| {
            let (mut ids, mut filled) = (0, 0);
            for r in row + 1..=last.min(row + ID_SAMPLE_ROWS) {
                if let Some(t) = cell_text(range, r, col) {
                    filled += 1;
                    ids += usize::from(ActionId::parse(&t).is_some_and(|id| id.has_digit()));
                }
            }
            (ids, filled)
        };
        let doubled = |f: Field| self.dups.iter().position(|d| d.3 == f);
        let mut choices: Vec<(u32, Choice)> = self
            .unsure
            .iter()
            .enumerate()
            .filter(|(_, u)| u.candidates.contains(&Field::Id))
            .map(|(i, u)| (u.col, Choice::Unsure(i)))
            .collect();
        choices.extend(self.columns.iter().enumerate().filter_map(|(i, m)| {
            match doubled(m.field) {
                Some(d) => Some((m.col, Choice::Doubled(i, d))),
                None => (m.field == Field::Title).then_some((m.col, Choice::Title(i))),
            }
        }));
        choices.sort_by_key(|c| c.0);
        let Some(&(_, choice)) = choices.iter().find(|(col, choice)| {
            let (ids, filled) = count(*col);
            // A title column is taken as the references only when nearly every cell is one
            // ("Commitment 4" under "Commitment"): short titles with a number read as ids.
            match choice {
                Choice::Title(_) => ids >= 1 && ids * 5 >= filled * 4,
                _ => ids >= 1 && ids * 2 >= filled,
            }
        }) else {
            return;
        };
        let why = "its cells below read as action references".to_string();
        match choice {
            Choice::Unsure(i) => {
                let u = self.unsure.remove(i);
                self.columns.push(MappedColumn {
                    field: Field::Id,
                    col: u.col,
                    header: u.header,
                    by_words: Some(why),
                });
            }
            Choice::Title(i) => {
                let m = &mut self.columns[i];
                m.field = Field::Id;
                m.by_words = Some(why);
            }
            Choice::Doubled(i, d) => {
                let (_, col, header, field) = self.dups.remove(d);
                let was = std::mem::replace(
                    &mut self.columns[i],
                    MappedColumn {
                        field,
                        col,
                        header,
                        by_words: None,
                    },
                );
                self.columns.push(MappedColumn {
                    field: Field::Id,
                    col: was.col,
                    header: was.header,
                    by_words: Some(why),
                });
            }
        }
    }

    fn not_used(&mut self, col: u32, header: String, field: Field, taken_by: &str) {
        self.unsure.push(UnsureHeader {
            col,
            header,
            why: format!("also looks like {field}, which {taken_by:?} already gives"),
            candidates: vec![field],
        });
    }
}

/// Find the header row: the row in the first rows of the sheet whose headers name the most
/// fields, one of them the action reference.
pub(super) fn find_header<G: Grid>(range: &G, layout: &Layout) -> Option<HeaderFound> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<HeaderFound> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let mut found = HeaderFound {
            row,
            columns: Vec::new(),
            unmapped: Vec::new(),
            dups: Vec::new(),
            unsure: Vec::new(),
        };
        for col in c0..=c1 {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            let verdict = layout.judge(&text);
            found.place(row, col, text, verdict);
        }
        found.settle();
        found.settle_id(range, row, r1);
        if found.columns.iter().any(|m| m.field == Field::Id)
            && best.as_ref().is_none_or(|b| found.score() > b.score())
        {
            best = Some(found);
        }
    }
    best
}

/// The header texts of the row most like a header in the first rows (for error messages).
pub(super) fn header_attempt<G: Grid>(
    range: &G,
    layout: &Layout,
    sheet: &str,
) -> Option<HeaderAttempt> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    let mut best: Option<(usize, usize, HeaderAttempt)> = None;
    for row in r0..=r1.min(r0 + HEADER_SEARCH_ROWS - 1) {
        let found: Vec<String> = (c0..=c1).filter_map(|c| cell_text(range, row, c)).collect();
        if found.is_empty() {
            continue;
        }
        let fields: Vec<Option<Field>> = found.iter().map(|h| layout.judge(h).field()).collect();
        let matched = fields.iter().flatten().count();
        let missing = layout
            .required()
            .filter(|(f, _)| !fields.contains(&Some(*f)))
            .map(|(f, s)| (f, s.headers.clone()))
            .collect();
        // Prefer rows that match more fields, then rows with more text cells.
        let key = (matched, found.len());
        if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
            best = Some((
                matched,
                found.len(),
                HeaderAttempt {
                    sheet: sheet.to_string(),
                    row,
                    found,
                    missing,
                    unsure: Vec::new(),
                    by_words: Vec::new(),
                },
            ));
        }
    }
    best.map(|b| b.2)
}

pub(super) fn directorate_label<G: Grid>(range: &G, header_row: u32) -> Option<String> {
    let (r0, c0) = range.start()?;
    let (_, c1) = range.end()?;
    for row in r0..header_row {
        for col in c0..=c1.min(c0 + 10) {
            let Some(text) = cell_text(range, row, col) else {
                continue;
            };
            let lower = text.to_lowercase();
            let Some(rest) = lower.strip_prefix("directorate") else {
                continue;
            };
            let rest_start = text.len() - rest.len();
            let value = text[rest_start..]
                .trim_start_matches([':', '-', ' '])
                .trim();
            if !value.is_empty() {
                return Some(value.to_string());
            }
            if let Some(next) = cell_text(range, row, col + 1) {
                return Some(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Range};

    use super::*;
    use crate::columns::ColumnMap;

    /// The header row `headers`, as the first row of a sheet with one data row.
    fn sheet(headers: &[&str]) -> Range<Data> {
        let last = u32::try_from(headers.len()).unwrap_or(1) - 1;
        let mut r = Range::new((0, 0), (1, last));
        for (c, h) in (0u32..).zip(headers) {
            r.set_value((0, c), Data::String((*h).to_string()));
            r.set_value((1, c), Data::String("x".into()));
        }
        r
    }

    fn mapped(found: &HeaderFound) -> Vec<(Field, &str)> {
        found
            .columns
            .iter()
            .map(|m| (m.field, m.header.as_str()))
            .collect()
    }

    #[test]
    fn a_column_fitting_two_fields_is_the_one_no_other_column_gives() {
        let map = ColumnMap::builtin();
        let found = find_header(
            &sheet(&["Ref", "Action", "Deadline", "Revised deadline", "RAG"]),
            &map.returns,
        )
        .expect("a header row");
        assert!(mapped(&found).contains(&(Field::Revised, "Revised deadline")));
        assert!(mapped(&found).contains(&(Field::Due, "Deadline")));
        // With no due column, the same words are not settled by elimination alone.
        let found = find_header(&sheet(&["Ref", "Action", "Revised deadline"]), &map.returns);
        let cols = found.as_ref().map(mapped).unwrap_or_default();
        assert!(!cols.iter().any(|(f, _)| *f == Field::Due), "{cols:?}");
    }

    #[test]
    fn milestones_are_the_titles_of_a_plan_without_an_action_column() {
        let map = ColumnMap::builtin();
        let found = find_header(
            &sheet(&["Ref", "Theme", "Milestone", "Owner", "Due date", "RAG"]),
            &map.master,
        )
        .expect("a header row");
        assert!(mapped(&found).contains(&(Field::Title, "Milestone")));
        assert!(!mapped(&found).iter().any(|(f, _)| *f == Field::Milestones));
        // Beside an action column, milestones stay milestones.
        let found = find_header(
            &sheet(&["Ref", "Action", "Milestone", "Due date", "RAG"]),
            &map.master,
        )
        .expect("a header row");
        assert!(mapped(&found).contains(&(Field::Milestones, "Milestone")));
        assert!(mapped(&found).contains(&(Field::Title, "Action")));
    }

    #[test]
    fn councils_words_for_the_action_are_its_title() {
        let map = ColumnMap::builtin();
        for title in [
            "Objective",
            "Key action",
            "High level deliverable",
            "Actions Required",
        ] {
            let found = find_header(
                &sheet(&["Ref", "Theme", title, "Lead", "Deadline", "RAG"]),
                &map.master,
            )
            .expect("a header row");
            assert!(mapped(&found).contains(&(Field::Title, title)), "{title}");
            assert!(mapped(&found).contains(&(Field::Theme, "Theme")), "{title}");
        }
    }
}
