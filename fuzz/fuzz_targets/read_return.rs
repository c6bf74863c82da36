//! The return reader on arbitrary bytes named as each workbook type: errors, never panics.
//! The checks live in `plan_recon::fuzz_checks`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| plan_recon::fuzz_checks::read_return(data));
