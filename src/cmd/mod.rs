//! Commands: thin adapters from options to the pipeline to a report and an exit code.

pub mod build;
pub mod serve;
pub mod stats;
pub mod stats_format;

use crate::diag::{self, Diagnostic};

/// Exit code: success.
pub const OK: i32 = 0;
/// Exit code: the content has errors.
pub const CONTENT_ERRORS: i32 = 1;
/// Exit code: the command was used wrongly.
pub const USAGE: i32 = 2;

/// Prints diagnostics to stderr, sorted, with a count.
pub fn report(mut diags: Vec<Diagnostic>) {
    diag::sort(&mut diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    for d in &diags {
        eprintln!("{d}\n");
    }
    if errors > 0 {
        eprintln!("{errors} error(s); nothing was written.");
    }
}
