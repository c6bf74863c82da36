//! Domain types: where values came from, action ids, themes, RAG ratings, and the master
//! plan and returns as read.
//!
//! Everything read from a workbook carries its [`Source`] (file, sheet, cell) so that every
//! finding can point an officer at the exact cell to fix.

mod directorate;
mod field;
mod id;
mod kind;
mod month;
pub mod narrative;
mod plan;
mod rag;
pub mod register;
mod source;
mod theme;

pub use directorate::DirectorateKey;
pub use field::Field;
pub use id::{ActionId, natural_cmp};
pub use kind::TableKind;
pub use month::YearMonth;
pub use plan::{
    Action, DirectorateReturn, Labels, MappedColumn, MasterPlan, Named, NamedBy, NoteKind,
    ReadNote, Recommendation, ReturnRow, RowCounts, StageSignal, TableInfo, UnsureHeader,
    recommendation_code,
};
pub use rag::{Rag, RagScale, Rating, builtin_scale};
pub use source::{Location, Origin, Source, Sourced, cell_ref, col_letters};
pub use theme::{THEME_WORDS, ThemeId, Themes, band_label, heading_theme};
