//! The rules, one file per family. Each rule is declared with `rule!` beside its check
//! function; the one list of codes by family is `registry!` in `../code.rs`, and README's
//! rules table is generated from it (`plan-recon explain all` prints every rule).
//!
//! | file | letter | looks at |
//! |---|---|---|
//! | `reading.rs` | R | what the reader noticed in each file, and which files were read |
//! | `matching.rs` | M | returns against the master plan: missing, unknown, repeated |
//! | `fields.rs` | F | text, owner and theme changed from the master |
//! | `dates.rs` | D | slippage, change control, overdue, unreadable dates |
//! | `ratings.rs` | G | RAG ratings against the dates, the commentary and each other |
//! | `progress.rs` | P | movement since last month (`--previous`) |
//!
//! A check reads the month ([`Cx`](super::Cx)) or one action ([`ActionCx`](super::ActionCx))
//! and puts findings in its [`Out`](super::rule::Out); it never changes the status it reads.

pub mod dates;
pub mod fields;
pub mod matching;
pub mod progress;
pub mod ratings;
pub mod reading;
