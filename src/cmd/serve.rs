//! `jianxun serve`: options → the preview server.

use crate::cli::ServeOpts;
use crate::serve::{self, ServeOptions};

/// Runs the preview server; returns the exit code when it stops.
pub fn run(opts: &ServeOpts) -> i32 {
    crate::lean_allocator();
    serve::run(&ServeOptions {
        root: opts.root.clone(),
        bind: opts.bind.clone(),
        port: opts.port,
        drafts: opts.drafts,
        open: opts.open,
        lang: super::lang(&opts.root),
    })
}
