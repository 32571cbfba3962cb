//! Running a third-party reader (calamine, pdf-extract) on a file that may be hostile: a panic
//! inside it becomes an error value the caller turns into a Chinese message, and prints
//! nothing. Without this, Rust's default hook wrote "thread '…' panicked at …" in English to
//! the command line's console for every damaged PDF, although the file was answered properly.
//! A panic anywhere else still prints as before.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many guarded reads this thread is inside (they may nest).
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `read`, catching a panic as `Err` without printing it. The panic hook is wrapped once
/// per process: it stays silent only on a thread inside `quietly` and hands every other panic
/// to the hook that was there before.
pub fn quietly<T>(read: impl FnOnce() -> T) -> std::thread::Result<T> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(g.get() - 1));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_is_an_error_and_the_thread_goes_on() {
        let caught = quietly(|| -> u32 { panic!("reader gave up") });
        assert!(caught.is_err());
        assert_eq!(quietly(|| 7).ok(), Some(7));
        // nested reads leave the counter where it was
        let nested = quietly(|| quietly(|| -> u32 { panic!("inner") }).is_err());
        assert_eq!(nested.ok(), Some(true));
        assert_eq!(GUARDED.with(Cell::get), 0);
    }
}
