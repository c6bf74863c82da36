//! What each row of the master plan's table is. Every row that holds text is accounted for:
//!
//! - an **action**: a reference that reads as an id, and a title or any other detail;
//! - a **heading**: a band with one cell ("Theme 2: Governance", "Organisational Culture"),
//!   or a parent row ("1 | Governance" over 1.1, 1.2) with a title and nothing else; it
//!   names the theme of the actions under it when they have none of their own; under a
//!   labelled first band ("Theme One: MTFS"), a band with another label ("Work Stream:
//!   Savings") is a sub-heading within that theme;
//! - a **milestone** of the action above: no reference, a text and a date;
//! - a **note**: a key, a source, a total, a band with no action under it;
//! - **not understood**: anything else, noted as a finding (R02, R04).

use super::raw::{RawRow, Table};
use crate::columns::ColumnMap;
use crate::dates::DateContext;
use crate::model::{Field, band_label};
use foldhash::{HashMap, HashMapExt};

use crate::model::{Action, NoteKind, ReadNote, RowCounts, Sourced, ThemeId, Themes};

/// The actions of a master plan's table and how each row was read.
pub(super) struct Assembled {
    pub actions: Vec<Action>,
    pub counts: RowCounts,
}

/// What one row is.
enum Kind {
    Action,
    /// A heading band or parent row, with the theme it names.
    Band(String),
    Milestone,
    Note,
    UnreadableId(String, u32),
    MissingId(usize),
}

/// Fields that make a row with a reference an action rather than a heading.
const DETAIL: [Field; 5] = [
    Field::Owner,
    Field::Directorate,
    Field::Due,
    Field::Rag,
    Field::Milestones,
];

/// Words a note starts with: "Key: R = off track", "Source: ...", "Total".
const NOTE_WORDS: [&str; 7] = ["key", "note", "notes", "source", "total", "sources", "nb"];

fn kind_of(rows: &[RawRow], i: usize, have_action: bool) -> Kind {
    let r = &rows[i];
    let filled = r.filled();
    let detail = DETAIL.iter().any(|f| r.has(*f));
    match &r.id {
        Some(id) if detail || r.has(Field::Title) => {
            let parent = !detail
                && rows[i + 1..]
                    .iter()
                    .find_map(|n| n.id.as_ref())
                    .is_some_and(|next| id.is_parent_of(next));
            match (parent, r.cells[Field::Title.index()].as_ref()) {
                (true, Some((title, _))) => Kind::Band(title.as_text()),
                _ => Kind::Action,
            }
        }
        _ if filled == 1 => match r.only_text() {
            Some(t) if is_note(&t) => Kind::Note,
            Some(t) => Kind::Band(t),
            None => Kind::Note,
        },
        // A reference (and a theme or recommendation) with nothing else: a band.
        Some(_) => Kind::Band(band_text(r)),
        None => match &r.cells[Field::Id.index()] {
            Some((v, col)) => Kind::UnreadableId(v.as_text(), *col),
            None if have_action
                && r.has(Field::Due)
                && (r.has(Field::Title) || r.has(Field::Milestones)) =>
            {
                Kind::Milestone
            }
            None => Kind::MissingId(filled),
        },
    }
}

fn band_text(r: &RawRow) -> String {
    [Field::Theme, Field::Title, Field::Id]
        .iter()
        .find_map(|f| r.cells[f.index()].as_ref().map(|(v, _)| v.as_text()))
        .unwrap_or_default()
}

fn is_note(text: &str) -> bool {
    let t = text.trim();
    let first = t
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    NOTE_WORDS.contains(&first.as_str())
        || t.starts_with('*')
        || t.contains('=')
        || t.split_whitespace().count() > 12
}

/// Read the table's rows into actions (their themes added to `themes`) and counts; rows not
/// understood become notes. `sheet_theme` is the theme of rows under no band (the sheet's
/// name, for a plan split into one sheet per theme).
pub(super) fn assemble(
    table: &mut Table,
    themes: &mut Themes,
    sheet_theme: Option<String>,
    map: &ColumnMap,
    ctx: &DateContext,
) -> Assembled {
    let notes = std::mem::take(&mut table.notes);
    let raw = std::mem::take(&mut table.rows);
    let mut counts = RowCounts::default();
    let mut actions: Vec<Action> = Vec::with_capacity(raw.len());
    let id_col = table.col_of(Field::Id).unwrap_or(0);
    // The band the rows below sit under, and whether an action followed it yet.
    let mut band: Option<(String, bool)> = sheet_theme.map(|t| (t, true));
    let mut seen_id = false;
    // The label of the sheet's first band, once one is seen: the level of its themes.
    let mut top_label: Option<Option<String>> = None;
    let kinds: Vec<Kind> = (0..raw.len())
        .map(|i| {
            let k = kind_of(&raw, i, seen_id);
            seen_id |= raw[i].id.is_some();
            k
        })
        .collect();
    let mut b = Builder {
        table,
        map,
        ctx,
        themes,
        cache: HashMap::new(),
        notes,
    };
    for (mut r, kind) in raw.into_iter().zip(kinds) {
        match kind {
            Kind::Action => {
                let band_theme = band.as_mut().map(|(t, used)| {
                    *used = true;
                    t.as_str()
                });
                let a = b.action(&mut r, band_theme);
                counts.actions += usize::from(a.is_some());
                counts.not_understood += usize::from(a.is_none());
                actions.extend(a);
            }
            // Under a labelled first band ("Theme One:"), a band with another label ("Work
            // Stream:", "1 Expected Outcome:") is a sub-heading within the theme.
            Kind::Band(text)
                if top_label.as_ref().is_some_and(|top| {
                    top.is_some() && band_label(&text) != *top && band.is_some()
                }) =>
            {
                counts.headings += 1;
            }
            Kind::Band(text) => {
                if top_label.is_none() {
                    top_label = Some(band_label(&text));
                }
                match band.replace((text, false)) {
                    Some((_, true)) => counts.headings += 1,
                    Some((_, false)) => counts.notes += 1,
                    None => {}
                }
            }
            Kind::Milestone => match actions.last_mut() {
                Some(a) => {
                    counts.milestones += 1;
                    add_milestone(b.table, &mut r, a, ctx);
                }
                None => counts.not_understood += 1,
            },
            Kind::Note => counts.notes += 1,
            Kind::UnreadableId(text, col) => {
                counts.not_understood += 1;
                let source = b.table.source(r.row, col);
                b.notes.push(ReadNote {
                    kind: NoteKind::UnreadableId,
                    action: None,
                    source,
                    detail: text,
                });
            }
            Kind::MissingId(filled) => {
                counts.not_understood += 1;
                let source = b.table.source(r.row, id_col);
                b.notes.push(ReadNote {
                    kind: NoteKind::MissingId,
                    action: None,
                    source,
                    detail: format!(
                        "row {} has {filled} filled cells but no action reference",
                        r.row + 1
                    ),
                });
            }
        }
    }
    match band {
        Some((_, true)) => counts.headings += 1,
        Some((_, false)) => counts.notes += 1,
        None => {}
    }
    let notes = b.notes;
    table.notes = notes;
    table.data_rows = counts.actions;
    table.skipped_rows = counts.headings + counts.notes;
    Assembled { actions, counts }
}

/// Turns action rows into actions, looking each distinct theme text up once.
struct Builder<'a> {
    table: &'a Table,
    map: &'a ColumnMap,
    ctx: &'a DateContext,
    themes: &'a mut Themes,
    cache: HashMap<String, Option<ThemeId>>,
    notes: Vec<ReadNote>,
}

impl Builder<'_> {
    fn theme(&mut self, text: &str) -> Option<ThemeId> {
        if let Some(t) = self.cache.get(text) {
            return *t;
        }
        let t = self.themes.intern(text);
        self.cache.insert(text.to_string(), t);
        t
    }

    /// The action of a row with a reference (`None` if the reference cell is gone).
    fn action(&mut self, r: &mut RawRow, band: Option<&str>) -> Option<Action> {
        let table = self.table;
        let id = table.id(r)?;
        let theme = match table.text(r, Field::Theme) {
            Some(t) => self.theme(&t.value).map(|id| Sourced::new(id, t.source)),
            None => band.and_then(|b| {
                let source = table.source(r.row, 0);
                self.theme(b).map(|id| Sourced::new(id, source))
            }),
        };
        let mut rag = table.rag(r, &id.value, &self.map.ratings, &mut self.notes);
        let stage = table.stage(r, &self.map.ratings, &mut rag);
        Some(Action {
            theme,
            recommendation: table
                .text(r, Field::Recommendation)
                .map(|s| Sourced::new(crate::model::recommendation_code(&s.value), s.source)),
            title: table.text(r, Field::Title),
            owner: table.text(r, Field::Owner),
            directorate: table.text(r, Field::Directorate),
            due: table.date(r, Field::Due, self.ctx),
            rag,
            milestones: table.text(r, Field::Milestones),
            stage,
            id,
        })
    }
}

/// A milestone sub-row: "text - date" added to the action's milestones.
fn add_milestone(table: &Table, r: &mut RawRow, a: &mut Action, ctx: &DateContext) {
    let text = table
        .text(r, Field::Milestones)
        .or_else(|| table.text(r, Field::Title));
    let due = table.date(r, Field::Due, ctx);
    let Some(text) = text else { return };
    let line = match &due {
        Some(d) => format!("{} - {}", text.value.trim(), d.value.text),
        None => text.value.trim().to_string(),
    };
    match &mut a.milestones {
        Some(m) => {
            m.value.push('\n');
            m.value.push_str(&line);
        }
        slot @ None => *slot = Some(Sourced::new(line, text.source)),
    }
}
