//! The council date parser on any text and any report month: never panics, ranges ordered.
//! The checks live in `plan_recon::fuzz_checks`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plan_recon::fuzz_checks::dates(data));
