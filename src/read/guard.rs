//! The read guard: a panic inside a spreadsheet parser (a damaged file it did not expect)
//! becomes a "damaged file" error for that one file instead of stopping the run.

use super::ReadError;

/// Run a reader, turning a panic inside a parser (a damaged file the parser did not expect)
/// into a `Corrupt` error for that file, so one bad return cannot stop the month's run.
/// With [`install_panic_hook`] the panic is not printed; its message goes into the error.
pub(super) fn guard<T>(
    file: &str,
    f: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|_| {
        let why = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        Err(ReadError::Corrupt {
            file: file.to_string(),
            detail: format!("the spreadsheet parser failed on this file{why}"),
        })
    })
}

thread_local! {
    /// True while this thread runs a reader inside [`guard`].
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message of the last panic caught by [`guard`] on this thread.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Is this thread inside `guard`, where a panic becomes a `Corrupt` error for one file?
pub fn in_guarded_read() -> bool {
    GUARDED.with(|g| g.get())
}

/// Install a panic hook that keeps panics caught by the read guard quiet (their message
/// goes into the file's error instead of a backtrace on stderr); any other panic is
/// printed by the previous hook as usual. Call once, from the binary.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if in_guarded_read() {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", short_path(l.file()), l.line()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// `.../calamine-0.38.0/src/utils.rs` -> `calamine-0.38.0/src/utils.rs`.
pub(super) fn short_path(file: &str) -> &str {
    match file.rfind("/src/") {
        Some(i) => {
            let head = &file[..i];
            let start = head.rfind('/').map(|j| j + 1).unwrap_or(0);
            &file[start..]
        }
        None => file,
    }
}
