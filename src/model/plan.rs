//! The master plan and the directorate returns as read: actions, return rows, and what the
//! reader noticed about each table.

use std::sync::Arc;

use serde::Serialize;

use super::{ActionId, Field, Origin, Rag, Source, Sourced, ThemeId, Themes};
use crate::commentary::Phrases;
use crate::dates::PlanDate;

/// One action of the master Improvement Plan.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub id: Sourced<ActionId>,
    pub theme: Option<Sourced<ThemeId>>,
    /// Statutory recommendation (or Direction) code, e.g. `S1`.
    pub recommendation: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub owner: Option<Sourced<String>>,
    pub directorate: Option<Sourced<String>>,
    pub due: Option<Sourced<PlanDate>>,
    pub rag: Option<Sourced<Rag>>,
    pub milestones: Option<Sourced<String>>,
    /// What its Stage and % complete columns say, when the plan has them.
    pub stage: Option<Box<StageSignal>>,
}

/// A Stage or % complete cell beside a rating, and what it says of the action's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSignal {
    /// As the finding quotes it: `its stage is "Completed"`, "is 100% complete".
    pub said: String,
    pub source: Source,
    /// The state it gives: Complete (100%, or a completed stage), On hold (a parked
    /// stage), Not started; `None` for work in progress.
    pub state: Option<Rag>,
    /// The rating the row stated in its rating column (the row's rating is the stage's
    /// when the stage gives Complete or On hold).
    pub stated: Option<Rag>,
}

impl StageSignal {
    /// The rating the row has by its stage, when the stage decides it: the Complete or On
    /// hold it gives whatever was stated, and any state it gives to a row stating none.
    pub fn overrules(&self) -> Option<Rag> {
        match (self.state, self.stated) {
            (Some(st @ (Rag::Complete | Rag::OnHold)), Some(s)) if s != st => Some(st),
            (Some(st), None) => Some(st),
            _ => None,
        }
    }

    /// Does the rating stated disagree with the stage: overruled by it, or rated Complete
    /// while work is in progress?
    pub fn disagrees(&self) -> bool {
        match (self.state, self.stated) {
            (None, Some(Rag::Complete)) => true,
            (_, Some(_)) => self.overrules().is_some(),
            _ => false,
        }
    }
}

impl Action {
    /// The action's theme: its theme column, else the heading band it sits under.
    pub fn theme(&self) -> Option<ThemeId> {
        self.theme.as_ref().map(|t| t.value)
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map(|t| t.value.as_str()).unwrap_or("")
    }

    pub fn directorate_text(&self) -> &str {
        self.directorate
            .as_ref()
            .or(self.owner.as_ref())
            .map(|t| t.value.as_str())
            .unwrap_or("")
    }
}

/// One officer's monthly update on one action, as read from a directorate return.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnRow {
    pub id: Sourced<ActionId>,
    pub theme: Option<Sourced<String>>,
    pub title: Option<Sourced<String>>,
    pub owner: Option<Sourced<String>>,
    /// The due date as the return states it.
    pub due: Option<Sourced<PlanDate>>,
    pub rag: Option<Sourced<Rag>>,
    pub progress: Option<Sourced<String>>,
    pub achievements: Option<Sourced<String>>,
    pub next_steps: Option<Sourced<String>>,
    pub issues: Option<Sourced<String>>,
    pub revised: Option<Sourced<PlanDate>>,
    pub change_control: Option<Sourced<String>>,
    pub milestones: Option<Sourced<String>>,
    /// What its Stage and % complete columns say, when the return has them.
    pub stage: Option<Box<StageSignal>>,
}

impl ReturnRow {
    /// The row's own cell reference (the id cell).
    pub fn source(&self) -> &Source {
        &self.id.source
    }

    /// All free text of the row that may speak of progress or delay.
    pub fn commentary(&self) -> impl Iterator<Item = &Sourced<String>> {
        [
            &self.progress,
            &self.next_steps,
            &self.issues,
            &self.change_control,
        ]
        .into_iter()
        .flatten()
    }
}

fn opt_text<T: AsRef<str>>(v: &Option<Sourced<T>>) -> &str {
    v.as_ref().map(|s| s.value.as_ref()).unwrap_or("")
}

impl ReturnRow {
    pub fn progress_text(&self) -> &str {
        opt_text(&self.progress)
    }
    pub fn title_text(&self) -> &str {
        opt_text(&self.title)
    }
}
/// A statutory recommendation (or Direction) with the text the master plan gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The code actions refer to, e.g. `S1`.
    pub code: String,
    pub text: String,
}

/// Something odd noticed while reading, turned into a finding by the reading rules (R01-R07).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadNote {
    pub kind: NoteKind,
    /// The action of the row, when its reference could be read.
    pub action: Option<ActionId>,
    pub source: Source,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A formula error such as `#REF!` or `#N/A` in a mapped column.
    CellError,
    /// Two columns whose headers mean the same field; the first is used.
    DuplicateHeader,
    /// Text in the action reference column that is not an action id.
    UnreadableId,
    /// A row with content but no action reference.
    MissingId,
    /// A RAG cell whose text is not a rating.
    UnreadableRag,
    /// Values far away from the table (a stray entry at XFD1048576) that were ignored.
    StrayValues,
    /// A column whose header might mean a field that no other column gives; not used.
    UnsureHeader,
    /// A further sheet that repeats the actions of the sheet read; not read.
    SheetNotRead,
}

/// A mapped column: which field, where, and the header text that matched.
#[derive(Debug, Clone, Serialize)]
pub struct MappedColumn {
    pub field: Field,
    pub col: u32,
    pub header: String,
    /// How it was read when its header is none of the field's synonyms: "by the words ...".
    pub by_words: Option<String>,
}

/// A column that might mean a field but was not used for it.
#[derive(Debug, Clone, Serialize)]
pub struct UnsureHeader {
    pub col: u32,
    pub header: String,
    /// "ambiguous: could be rag (0.70) or progress (0.70)".
    pub why: String,
    /// The fields it might mean.
    pub candidates: Vec<Field>,
}

impl std::fmt::Display for MappedColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:<15} <- column {} {:?}",
            self.field.key(),
            super::col_letters(self.col),
            self.header
        )?;
        match &self.by_words {
            Some(why) => write!(f, "  ({why})"),
            None => Ok(()),
        }
    }
}

/// The table a master plan or return was read from: where it is, how its columns were
/// mapped, and what the reader noticed.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// File and sheet, shared by the sources of every value read from this table.
    pub origin: Arc<Origin>,
    pub header_row: u32,
    pub columns: Vec<MappedColumn>,
    /// Header texts in the header row that no field claimed.
    pub unmapped: Vec<String>,
    /// Columns that might mean a field but were not used for it.
    pub unsure: Vec<UnsureHeader>,
    pub notes: Vec<ReadNote>,
    /// "Directorate: Housing" written above the header row, if any.
    pub label_directorate: Option<String>,
    /// Rows skipped as notes or section headings.
    pub skipped_rows: usize,
    /// Data rows read.
    pub data_rows: usize,
}

impl TableInfo {
    /// Does the table have a column for `field`?
    pub fn has_column(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == field)
    }

    /// An empty table of `file`'s sheet `sheet`, header in the first row.
    pub fn new(file: &str, sheet: &str) -> TableInfo {
        let origin = Arc::new(Origin {
            file: Arc::from(file),
            sheet: Arc::from(sheet),
        });
        TableInfo {
            file: origin.file.clone(),
            sheet: origin.sheet.clone(),
            origin,
            header_row: 0,
            columns: Vec::new(),
            unmapped: Vec::new(),
            unsure: Vec::new(),
            notes: Vec::new(),
            label_directorate: None,
            skipped_rows: 0,
            data_rows: 0,
        }
    }

    /// The column a field was read from.
    pub fn col_of(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.col)
    }

    /// The source of a cell of this table.
    pub fn source(&self, row: u32, col: u32) -> Source {
        Source {
            origin: self.origin.clone(),
            row,
            col,
        }
    }

    /// The header row reference, e.g. `Return!A5`.
    pub fn header_ref(&self) -> String {
        format!(
            "{}!{}",
            self.sheet,
            super::cell_ref(
                self.header_row,
                self.columns.first().map(|c| c.col).unwrap_or(0)
            )
        )
    }
}

impl MasterPlan {
    /// Every sheet read, first first.
    pub fn tables(&self) -> impl Iterator<Item = &TableInfo> {
        std::iter::once(&self.table).chain(&self.other_sheets)
    }

    /// What the reader noticed, in every sheet.
    pub fn notes(&self) -> impl Iterator<Item = &ReadNote> {
        self.tables().flat_map(|t| &t.notes)
    }

    /// Does any sheet read have a column for `field`?
    pub fn has_column(&self, field: Field) -> bool {
        self.tables().any(|t| t.has_column(field))
    }
}

/// What the council calls its themes and its recommendations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// "Theme", "Priority", "Workstream".
    pub theme: String,
    /// "Statutory Recommendation", "Direction", "Recommendation".
    pub recommendation: String,
    /// What Cabinet calls the Amber, Red and On hold actions: "Exceptions", "Focus 2
    /// Exceptions".
    pub exceptions: String,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            theme: "Theme".into(),
            recommendation: "Statutory Recommendation".into(),
            exceptions: "Exceptions".into(),
        }
    }
}

impl Labels {
    /// "Statutory Recommendations", "Directions".
    pub fn recommendations(&self) -> String {
        crate::text::plural(&self.recommendation)
    }

    /// "Themes", "Priorities".
    pub fn themes(&self) -> String {
        crate::text::plural(&self.theme)
    }
}

/// How each row of the master plan's table was understood.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RowCounts {
    pub actions: usize,
    /// Theme bands and parent rows ("Theme 2: Governance", "1 Governance" over 1.1, 1.2).
    pub headings: usize,
    /// Rows without a reference that carry a milestone of the action above.
    pub milestones: usize,
    /// Keys, notes, totals and blank-reference rows with a single cell.
    pub notes: usize,
    /// Rows that could be none of these (each is a finding).
    pub not_understood: usize,
}

impl RowCounts {
    /// Add another sheet's counts.
    pub fn add(&mut self, o: &RowCounts) {
        self.actions += o.actions;
        self.headings += o.headings;
        self.milestones += o.milestones;
        self.notes += o.notes;
        self.not_understood += o.not_understood;
    }

    /// Rows that hold anything.
    pub fn total(&self) -> usize {
        self.actions + self.headings + self.milestones + self.notes + self.not_understood
    }
}

/// The master Improvement Plan as read.
#[derive(Debug, Clone)]
pub struct MasterPlan {
    /// The first sheet read.
    pub table: TableInfo,
    /// Further sheets of a plan split by theme.
    pub other_sheets: Vec<TableInfo>,
    pub actions: Vec<Action>,
    /// The plan's themes in order: the map's `themes`, then as the plan names them.
    pub themes: Themes,
    pub labels: Labels,
    /// The phrases its officers write for slippage, revised dates, change control and "no
    /// issues": the map's `[phrases]`.
    pub phrases: Arc<Phrases>,
    /// From the optional recommendations sheet, in sheet order.
    pub recommendations: Vec<Recommendation>,
    pub rows: RowCounts,
}

/// One directorate's monthly return as read.
#[derive(Debug, Clone)]
pub struct DirectorateReturn {
    /// The first sheet read.
    pub table: TableInfo,
    /// Further sheets of a return split by theme or workstream.
    pub other_sheets: Vec<TableInfo>,
    /// Every sheet of the workbook, read or not.
    pub workbook_sheets: Vec<String>,
    pub directorate: String,
    /// What gave the directorate its name, and whether the master plan knows it.
    pub named: Named,
    pub rows: Vec<ReturnRow>,
}

/// What named a return's directorate, and how it met the master plan's directorates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Named {
    pub by: NamedBy,
    /// The text that named it, as written ("Northshire IP return Jul23 - Housing").
    pub text: String,
    /// `Some` when the name is none of the master's directorates: the nearest of them,
    /// nearest first.
    pub unmatched: Option<Vec<String>>,
}

/// Where a return's directorate was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NamedBy {
    /// A "Directorate: Housing" cell above the header row.
    Label,
    /// The one value of its Directorate column.
    Column,
    /// The name of the sheet read.
    Sheet,
    /// The file's name.
    #[default]
    FileName,
    /// The actions it reports, nearly all of one directorate's, where no name matched.
    Actions,
}

impl NamedBy {
    /// As a message says it: "its file name".
    pub fn words(self) -> &'static str {
        match self {
            NamedBy::Label => "its \"Directorate:\" cell",
            NamedBy::Column => "its Directorate column",
            NamedBy::Sheet => "its sheet name",
            NamedBy::FileName => "its file name",
            NamedBy::Actions => "the actions it reports",
        }
    }
}

impl DirectorateReturn {
    /// Every sheet read, first first.
    pub fn tables(&self) -> impl Iterator<Item = &TableInfo> {
        std::iter::once(&self.table).chain(&self.other_sheets)
    }

    /// What the reader noticed, in every sheet.
    pub fn notes(&self) -> impl Iterator<Item = &ReadNote> {
        self.tables().flat_map(|t| &t.notes)
    }

    /// Does any sheet read have a column for `field`?
    pub fn has_column(&self, field: Field) -> bool {
        self.tables().any(|t| t.has_column(field))
    }

    /// Is there a note of `kind` on the row of `source`?
    pub fn noted(&self, kind: NoteKind, source: &Source) -> bool {
        self.notes().any(|n| {
            n.kind == kind && n.source.row == source.row && n.source.origin == source.origin
        })
    }
}

/// "S1 - It is imperative ..." -> "S1"; other text is kept.
pub fn recommendation_code(text: &str) -> String {
    let t = text.trim();
    let first = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':' || c == '.')
        .next()
        .unwrap_or("");
    if first.len() >= 2
        && first[..1].eq_ignore_ascii_case("s")
        && first[1..].chars().all(|c| c.is_ascii_digit())
    {
        return first.to_ascii_uppercase();
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendation_codes() {
        assert_eq!(recommendation_code("S1"), "S1");
        assert_eq!(recommendation_code("s2 - The Council must ensure"), "S2");
        assert_eq!(recommendation_code("S10: text"), "S10");
        assert_eq!(recommendation_code("Scrutiny"), "Scrutiny");
    }
}
