//! The samples binary writes into a folder, and never over files already there without
//! `--force`.

#[test]
fn existing_samples_are_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let bin = || assert_cmd::Command::cargo_bin("plan-recon-samples").unwrap();
    let out = bin().arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let master = dir.path().join("master-plan.xlsx");
    std::fs::write(&master, b"mine").unwrap();
    let out = bin().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(&master).unwrap(), b"mine");
    let out = bin().arg(dir.path()).arg("--force").output().unwrap();
    assert!(out.status.success());
    assert_ne!(std::fs::read(&master).unwrap(), b"mine");
}
