//! `jianxun build`: the pipeline, then write the output folder.

use std::time::Instant;

use super::{CONTENT_ERRORS, OK, report};
use crate::cli::BuildOpts;
use crate::output::write;
use crate::{BuildOptions, build};

/// Runs `build`; returns the exit code.
pub fn run(opts: &BuildOpts) -> i32 {
    let start = Instant::now();
    let out_dir = |cfg_dir: &str| match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(cfg_dir),
    };
    // Check the output folder before the work, so a refusal is quick; write checks again.
    if let Ok(text) = std::fs::read_to_string(opts.root.join(crate::config::CONFIG_FILE))
        && let Ok(cfg) =
            crate::config::parse(std::path::Path::new(crate::config::CONFIG_FILE), &text)
        && let Err(d) = write::check_output_dir(&opts.root, &out_dir(&cfg.output_dir), opts.force)
    {
        report(vec![d]);
        return CONTENT_ERRORS;
    }
    let built = build(
        &opts.root,
        &BuildOptions {
            base_url: opts.base_url.clone(),
            drafts: opts.drafts,
        },
    );
    let (sources, site, output) = match built {
        Ok(x) => x,
        Err(diags) => {
            report(diags);
            return CONTENT_ERRORS;
        }
    };
    let out = out_dir(&sources.config.output_dir);
    match write::write(&opts.root, &output, &out, opts.force) {
        Ok(r) => {
            eprintln!(
                "Built {} bulletins, {} files into {} in {} ms ({} written, {} unchanged, {} removed).",
                site.items.len(),
                output.files.len(),
                out.display(),
                start.elapsed().as_millis(),
                r.written,
                r.unchanged,
                r.removed
            );
            OK
        }
        Err(d) => {
            report(vec![d]);
            CONTENT_ERRORS
        }
    }
}
