//! plan-recon: read Improvement Plan returns, reconcile them against the master plan and
//! write the Cabinet appendix.
pub mod dates;
pub mod model;
