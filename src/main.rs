fn main() -> std::process::ExitCode {
    plan_recon::cli::main()
}
