//! Output a Chinese Windows console can read. Its code page is GBK (936) unless told otherwise,
//! and everything this program prints is UTF-8: without this, every message is mojibake. The
//! console's own code page is given back when the program ends.
//! (`switch`, not `new`: making one changes the console.)

/// Keeps the console on UTF-8 while alive.
pub struct Utf8Console {
    #[cfg(windows)]
    previous: u32,
}

#[cfg(windows)]
mod win32 {
    #[link(name = "kernel32")]
    extern "system" {
        pub fn GetConsoleOutputCP() -> u32;
        pub fn SetConsoleOutputCP(code_page: u32) -> i32;
    }
}

impl Utf8Console {
    #[cfg(windows)]
    pub fn switch() -> Utf8Console {
        const UTF8: u32 = 65001;
        // SAFETY: two plain Win32 calls taking and returning integers; without a console they
        // return 0 and change nothing.
        let previous = unsafe { win32::GetConsoleOutputCP() };
        unsafe { win32::SetConsoleOutputCP(UTF8) };
        Utf8Console { previous }
    }

    #[cfg(not(windows))]
    pub fn switch() -> Utf8Console {
        Utf8Console {}
    }
}

#[cfg(windows)]
impl Drop for Utf8Console {
    fn drop(&mut self) {
        if self.previous != 0 {
            // SAFETY: as in `switch`.
            unsafe { win32::SetConsoleOutputCP(self.previous) };
        }
    }
}

/// Standard output that a reader may stop reading (`budget-cli check … | head -1`): `println!`
/// panics when the pipe is gone; here the output stops quietly and the program ends with the
/// exit code its work gave. Any other failure to write (a full disk under `> file`) is kept for
/// `finish`, which turns it into an error.
mod stdout {
    use std::io::{self, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    static STOPPED: AtomicBool = AtomicBool::new(false);
    static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

    fn stop(err: io::Error) {
        STOPPED.store(true, Ordering::Relaxed);
        if err.kind() != io::ErrorKind::BrokenPipe {
            if let Ok(mut slot) = FAILED.lock() {
                slot.get_or_insert(err);
            }
        }
    }

    pub fn print_line(args: std::fmt::Arguments<'_>) {
        if STOPPED.load(Ordering::Relaxed) {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(err) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
            stop(err);
        }
    }

    pub fn finish() -> Option<io::Error> {
        if !STOPPED.load(Ordering::Relaxed) {
            if let Err(err) = io::stdout().lock().flush() {
                stop(err);
            }
        }
        FAILED.lock().ok().and_then(|mut slot| slot.take())
    }
}

pub use stdout::{finish, print_line};
