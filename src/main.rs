//! The `plan-recon` command: arguments, exit codes and printing live in [`cli`]; everything
//! else is the `plan_recon` library.

mod cli;

// mimalloc: a monthly run allocates millions of small strings from several threads; with
// glibc's allocator a large run spent about a sixth of its time in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (libmimalloc-sys names no constant).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Return freed memory to the OS after 20 ms instead of mimalloc's default delay: the
    // reading phase frees much of what it allocated, and the writing phase should reuse it.
    // A 100,000-action run peaks near 215 MB with 20 ms, 220-255 MB with 100 ms (depending
    // on how soon writing starts) and 206 MB with 0 ms, which costs about 40 ms in madvise.
    // SAFETY: sets a process-wide mimalloc option; called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 20) };
    cli::main()
}
