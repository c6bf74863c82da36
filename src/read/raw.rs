//! The rows of a table as read, before they become typed rows: each mapped field's value
//! and the column it came from.

use crate::dates::{DateContext, PlanDate};
use crate::model::Field;
use crate::model::{ActionId, NoteKind, Rag, RagScale, ReadNote, Sourced, TableInfo};

/// A cell value as read, before it is interpreted as a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
}

impl Value {
    pub fn into_text(self) -> String {
        match self {
            Value::Text(s) => s,
            other => other.as_text(),
        }
    }

    pub fn as_text(&self) -> String {
        self.text().into_owned()
    }

    /// The value as text, borrowed when it is text already.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self {
            Value::Text(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.formatted()),
        }
    }

    fn formatted(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// One data row: the value of each mapped field with its cell.
///
/// Rows keep every row with a value in a mapped column; the master and return readers
/// decide what each is (an action, a heading, a milestone, a note).
#[derive(Debug, Clone)]
pub struct RawRow {
    pub row: u32,
    pub cells: [Option<(Value, u32)>; Field::COUNT],
    /// The parsed action id, once the row is known to have one.
    pub id: Option<ActionId>,
}

/// A table found in a sheet: what the model keeps of it ([`TableInfo`]) and its data rows,
/// which the master and return readers move into typed rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub info: TableInfo,
    pub rows: Vec<RawRow>,
}

impl std::ops::Deref for Table {
    type Target = TableInfo;
    fn deref(&self) -> &TableInfo {
        &self.info
    }
}

impl std::ops::DerefMut for Table {
    fn deref_mut(&mut self) -> &mut TableInfo {
        &mut self.info
    }
}

impl RawRow {
    /// How many mapped cells hold a value.
    pub fn filled(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }

    pub fn has(&self, f: Field) -> bool {
        self.cells[f.index()].is_some()
    }

    /// The text of the row's only filled cell, when it has exactly one.
    pub fn only_text(&self) -> Option<String> {
        let mut filled = self.cells.iter().flatten();
        match (filled.next(), filled.next()) {
            (Some((v, _)), None) => Some(v.as_text()),
            _ => None,
        }
    }
}

impl Table {
    /// The note on the first sheet read that this sheet repeats its actions and was not read.
    pub fn not_read_note(&self, first: &TableInfo) -> ReadNote {
        ReadNote {
            kind: NoteKind::SheetNotRead,
            action: None,
            source: self.source(self.header_row, 0),
            detail: format!(
                "sheet {:?} repeats the actions of sheet {:?} and was not read",
                self.sheet, first.sheet
            ),
        }
    }

    /// Take a field's value out of the row as text.
    pub fn text(&self, r: &mut RawRow, f: Field) -> Option<Sourced<String>> {
        let (v, col) = r.cells[f.index()].take()?;
        Some(Sourced::new(v.into_text(), self.source(r.row, col)))
    }

    pub fn date(&self, r: &mut RawRow, f: Field, ctx: &DateContext) -> Option<Sourced<PlanDate>> {
        let (v, col) = r.cells[f.index()].take()?;
        let d = match v {
            Value::Date(d) => PlanDate::from_date(d),
            Value::Number(n) => {
                PlanDate::from_serial(n).unwrap_or_else(|| PlanDate::parse(&v.as_text(), ctx))
            }
            Value::Text(t) => PlanDate::parse(&t, ctx),
        };
        Some(Sourced::new(d, self.source(r.row, col)))
    }

    pub fn rag(
        &self,
        r: &mut RawRow,
        id: &ActionId,
        scale: &RagScale,
        notes: &mut Vec<ReadNote>,
    ) -> Option<Sourced<Rag>> {
        let (v, col) = r.cells[Field::Rag.index()].take()?;
        let text = v.into_text();
        match scale.parse(&text) {
            Some(rag) => Some(Sourced::new(rag, self.source(r.row, col))),
            None => {
                notes.push(ReadNote {
                    kind: NoteKind::UnreadableRag,
                    action: Some(id.clone()),
                    source: self.source(r.row, col),
                    detail: text,
                });
                None
            }
        }
    }

    pub fn id(&self, r: &mut RawRow) -> Option<Sourced<ActionId>> {
        let (v, col) = r.cells[Field::Id.index()].take()?;
        let id = match r.id.take() {
            Some(id) => Some(id),
            None => ActionId::parse(&v.as_text()),
        };
        id.map(|id| Sourced::new(id, self.source(r.row, col)))
    }
}
