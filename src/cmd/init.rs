//! `jianxun init [DIR] [--force]`: create a working site.
//!
//! Takes a folder; writes jianxun.yaml, one campaign, one bulletin, an
//! about page and a .gitignore (the default theme is built in, so no theme
//! folder). Refuses a folder that is not empty unless `--force`, and even
//! then only creates the files that are missing: it never overwrites or
//! deletes anything.

use std::path::Path;

use super::new::write_new;
use super::{CONTENT_ERRORS, OK};
use crate::cli::InitOpts;
use crate::content::scaffold::INIT_FILES;
use crate::diag;

/// Whether `dir` holds anything (hidden files included).
fn is_empty_dir(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// Runs `init`; returns the exit code.
pub fn run(opts: &InitOpts) -> i32 {
    let dir = &opts.dir;
    let shown = diag::shown(dir);
    if dir.exists() {
        if !dir.is_dir() {
            eprintln!(
                "error: {shown} is a file, not a folder\n  = hint: choose a folder for the new site"
            );
            return CONTENT_ERRORS;
        }
        match is_empty_dir(dir) {
            Ok(true) => {}
            Ok(false) if opts.force => {}
            Ok(false) => {
                eprintln!(
                    "error: {shown} is not empty\n  = hint: choose a new or empty folder, or pass --force to add only the files that are missing (nothing is overwritten or deleted)"
                );
                return CONTENT_ERRORS;
            }
            Err(e) => {
                eprintln!("error: cannot read {shown}: {e}");
                return CONTENT_ERRORS;
            }
        }
    }
    let mut failed = false;
    for (rel, text) in INIT_FILES {
        match write_new(&dir.join(rel), text) {
            Ok(()) => println!("  created  {rel}"),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                println!("  kept     {rel} (already there)")
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", diag::shown(&dir.join(rel)));
                failed = true;
            }
        }
    }
    if failed {
        return CONTENT_ERRORS;
    }
    println!("\nA new site is ready in {shown}. Next:");
    if dir != Path::new(".") {
        println!("  cd {shown}");
    }
    println!("  jianxun serve      # preview at http://127.0.0.1:1111/");
    println!("  jianxun new bulletin \"标题\" --campaign ankang-cup --region 四川/宜宾");
    OK
}
