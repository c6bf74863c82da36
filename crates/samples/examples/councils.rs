//! Write the fixture councils into a folder, one subfolder each:
//! `cargo run -p plan-recon-samples --example councils -- /tmp/councils`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir =
        std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "councils".into()));
    for f in plan_recon_samples::councils::councils() {
        let d = dir.join(f.name.to_lowercase().replace(' ', "-"));
        plan_recon_samples::councils::write_fixture(&d, &f)?;
        println!("{} {} {}", d.display(), f.month, f.master_file);
    }
    Ok(())
}
