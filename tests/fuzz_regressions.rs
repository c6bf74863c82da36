//! Every input a fuzzer once crashed on, kept under `tests/fuzz_regressions/<target>/` and run
//! through the same checks as the fuzz target (`plan_recon::fuzz_checks`). To add one, copy the
//! file from `fuzz/artifacts/<target>/` into the matching folder.
use std::fs;
use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut n = 0;
    for entry in fs::read_dir(&dir).expect("regression folder exists") {
        let path = entry.expect("readable folder").path();
        if path.is_file() {
            let data = fs::read(&path).expect("readable input");
            check(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn dates_regressions() {
    run_all("dates", plan_recon::fuzz_checks::dates);
}

#[test]
fn ids_regressions() {
    // The first crash (non-ASCII text read as a hex colour) must stay in the corpus.
    assert!(run_all("ids", plan_recon::fuzz_checks::ids) >= 1);
}

#[test]
fn read_return_regressions() {
    run_all("read_return", plan_recon::fuzz_checks::read_return);
}
