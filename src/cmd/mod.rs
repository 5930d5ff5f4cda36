//! Commands: thin adapters from options to the pipeline to a report and an exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod stats;
pub mod stats_format;

use crate::diag::{self, Diagnostic, Paint};

pub use crate::exit::{CONTENT_ERRORS, OK, USAGE};

/// Prints diagnostics to stderr, sorted, coloured on a terminal, each
/// followed by a blank line. Returns how many are errors.
pub fn print(diags: &mut [Diagnostic]) -> usize {
    diag::sort(diags);
    let paint = Paint::for_stderr();
    for d in diags.iter() {
        eprintln!("{}\n", d.render(paint));
    }
    diags.iter().filter(|d| d.is_error()).count()
}

/// Prints diagnostics to stderr, sorted, with a count.
pub fn report(mut diags: Vec<Diagnostic>) {
    let errors = print(&mut diags);
    if errors > 0 {
        eprintln!("{errors} error(s); nothing was written.");
    }
}

/// Prints a usage error (a bad argument value) with a hint; returns [`USAGE`].
pub fn usage(message: &str, hint: Option<&str>) -> i32 {
    // Messages quote what was typed, which may hold a line break.
    eprintln!("error: {}", diag::escape_controls(message));
    if let Some(h) = hint {
        eprintln!("  = hint: {}", diag::escape_controls(h));
    }
    USAGE
}
