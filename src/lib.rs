//! plan-recon: read Improvement Plan returns, reconcile them against the master plan and
//! write the Cabinet appendix.
//!
//! Data flows through the modules in this order: [`columns`] (the column map) and
//! [`read`] turn workbooks into the typed rows of [`model`], with dates parsed by
//! [`dates`]; [`reconcile`] checks them and produces findings; [`write`] builds the
//! appendix and the blank return; [`report`] prints; [`cli`] ties it together.
pub mod cli;
pub mod columns;
pub mod dates;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod model;
pub mod previous;
pub mod read;
pub mod reconcile;
pub mod report;
pub mod samples;
pub mod write;
