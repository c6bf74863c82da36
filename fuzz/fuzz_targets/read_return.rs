//! The return reader on arbitrary bytes named as each workbook type: errors, never panics.
//! The checks live in `plan_recon::fuzz_checks`, shared with `tests/fuzz_regressions.rs`.
//!
//! A panic inside a dependency (calamine, zip, quick-xml...) while reading is caught by
//! `plan_recon::read`'s guard and becomes a "damaged file" error, which is what a user sees;
//! such inputs are not crashes of plan-recon, so this target lets them unwind (and counts
//! them). Any other panic, in plan-recon's own code, aborts as libFuzzer expects.
#![no_main]
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use libfuzzer_sys::fuzz_target;

static CAUGHT: AtomicUsize = AtomicUsize::new(0);

fn tolerate_dependency_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_dependency = info
                .location()
                .is_some_and(|l| l.file().contains("/.cargo/registry/"));
            if in_dependency && plan_recon::read::in_guarded_read() {
                let n = CAUGHT.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_power_of_two() {
                    eprintln!("caught dependency panic #{n}: {info}");
                }
            } else {
                abort_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    tolerate_dependency_panics();
    plan_recon::fuzz_checks::read_return(data);
});
