//! Standard output for the commands. `println!` panics when stdout is a pipe whose reader has
//! gone (`index-builder search --explain autism | head`); [`outln!`] and [`out!`] end the
//! process quietly then, with success, as `head` expects of the writer, and on any other write
//! error say what failed and exit with 1. Never a panic.

use std::io;

/// What to do when writing to stdout failed.
pub fn stdout_failed(e: io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("index-builder: cannot write to standard output: {e}");
    std::process::exit(1)
}

/// `println!`, ending the process cleanly when stdout is closed (see the module docs).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            $crate::out::stdout_failed(e);
        }
    }};
}

/// `print!`, ending the process cleanly when stdout is closed (see the module docs).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($arg)*) {
            $crate::out::stdout_failed(e);
        }
    }};
}
