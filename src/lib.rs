//! plan-recon: read Improvement Plan returns, reconcile them against the master plan and
//! write the Cabinet appendix.
//!
//! A month's run is a pipeline; each stage is a module, and data flows one way. The modules
//! are layered, each using only those below it (text and timing -> dates -> commentary ->
//! model -> columns -> read -> load -> status -> reconcile -> write -> error), with no circle
//! between them or between the files of one module; `tests/layers.rs` checks both.
//!
//! ```text
//!   columns ──┐  (the column map: which headers mean which field)
//!   read ─────┴─> model         MasterPlan, DirectorateReturn: every value with its cell
//!   (load)                      dates: PlanDate ranges; commentary: officers' phrases
//!                   │
//!                   v
//!   status ──────> one ActionStatus per action: reported or not, effective RAG, revised
//!                   │            date, change control, slip, overdue (computed once)
//!                   v
//!   reconcile ───> rules (a registry, one function each) -> findings
//!                   │
//!                   v
//!   write ───────> the Cabinet appendix (one file per sheet), the blank return
//! ```
//!
//! [`load::load`] reads, [`reconcile::reconcile`] computes the status and runs the rules,
//! [`write::appendix`] builds the workbook; [`write::appendix::reconcile_and_write`] does
//! the last two at once for the appendix, whose sheets read the status and not the findings. The library never prints and never exits: it
//! returns [`Error`] (which names the file, sheet and cell, and says what to do), and
//! reports phase times only to a [`timing::Timings`] sink the caller gives it.
pub mod columns;
pub mod commentary;
pub mod dates;
pub mod error;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod load;
pub mod model;
pub mod read;
pub mod reconcile;
pub mod status;
pub mod text;
pub mod timing;
pub mod write;

pub use error::{Error, ErrorKind, Location};
