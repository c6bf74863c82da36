//! The command line as a shell script meets it: exit codes chosen once, a closed pipe, the
//! `narrative` command and its old spelling.

mod common;

use std::process::{Command, Stdio};

use common::*;

fn plan_recon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_plan-recon"))
}

/// `reconcile | head`: the reader closes the pipe; the run still ends as its findings say
/// (1 on the samples' planted errors), never 4 as if the output could not be written, and
/// the checks workbook it was asked for is written all the same.
#[test]
fn a_closed_pipe_on_stdout_is_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let checks = dir.path().join("checks.xlsx");
    let mut child = plan_recon()
        .args(["reconcile", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(&checks)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("error:"), "{err}");
    assert!(checks.exists());
}

#[test]
fn the_narrative_command_writes_what_its_old_spelling_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (new, old) = (dir.path().join("new.xlsx"), dir.path().join("old.xlsx"));
    let o = on_samples("narrative", &new, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the draft narrative of 6 themes"));
    let o = bin()
        .args(["template", "--narrative", "--month", "2023-07", "--plan"])
        .arg(master())
        .arg("--returns")
        .arg(returns())
        .arg("-o")
        .arg(&old)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is now `plan-recon narrative`"), "{err}");
    assert_eq!(std::fs::read(&new).unwrap(), std::fs::read(&old).unwrap());
}

#[test]
fn the_narrative_command_needs_its_inputs_from_clap() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["narrative", "--plan"])
        .arg(master())
        .arg("-o")
        .arg(dir.path().join("n.xlsx"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--returns") && err.contains("--month"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_code_is_a_usage_error_naming_the_codes() {
    let o = bin().args(["explain", "Z99"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"Z99\" is not a rule's code") && err.contains("R01"),
        "{err}"
    );
}
