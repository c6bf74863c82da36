//! Action id normaliser and the RAG/theme/header word parsers: never panic; ids are stable.
//! The checks live in `plan_recon::fuzz_checks`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plan_recon::fuzz_checks::ids(data));
