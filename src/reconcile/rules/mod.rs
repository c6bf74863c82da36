//! The rules, one file per family. Each rule is declared with `rule!` beside its check
//! function; the registry (`../registry.rs`) lists them all.
//!
//! | file | codes | looks at |
//! |---|---|---|
//! | `reading.rs` | R01-R07 | what the reader noticed in each file |
//! | `matching.rs` | M01-M06 | returns against the master plan: missing, unknown, repeated |
//! | `fields.rs` | F01-F03 | text, owner and theme changed from the master |
//! | `dates.rs` | D01-D05 | slippage, change control, overdue, unreadable dates |
//! | `ratings.rs` | G01-G08 | RAG ratings against the dates, the commentary and each other |
//! | `progress.rs` | P01-P04 | movement since last month (`--previous`) |
//!
//! A check reads the month ([`Cx`](super::Cx)) or one action ([`ActionCx`](super::ActionCx))
//! and puts findings in its [`Out`](super::rule::Out); it never changes the status it reads.

pub mod dates;
pub mod fields;
pub mod matching;
pub mod progress;
pub mod ratings;
pub mod reading;
