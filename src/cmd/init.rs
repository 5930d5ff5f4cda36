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
use crate::messages::{Key, Msg, io_reason};
use crate::msg;

/// Whether `dir` holds anything (hidden files included).
fn is_empty_dir(dir: &Path) -> std::io::Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// Runs `init`; returns the exit code.
pub fn run(opts: &InitOpts) -> i32 {
    let dir = &opts.dir;
    // The new site has no language: yet; the environment may still ask for English.
    let lang = super::lang(dir);
    let shown = diag::shown(dir);
    let refuse = |message: Msg, hint: Option<Msg>| {
        super::print_error(&message, hint.as_ref(), lang);
        CONTENT_ERRORS
    };
    if dir.exists() {
        if !dir.is_dir() {
            return refuse(msg!(InitIsFile, &shown), Some(msg!(InitIsFileHint)));
        }
        match is_empty_dir(dir) {
            Ok(true) => {}
            Ok(false) if opts.force => {}
            Ok(false) => return refuse(msg!(InitNotEmpty, &shown), Some(msg!(InitNotEmptyHint))),
            Err(e) => {
                let m = Msg::new(Key::InitCannotRead)
                    .arg(&shown)
                    .arg_msg(io_reason(&e));
                return refuse(m, None);
            }
        }
    }
    let mut failed = false;
    for (rel, text) in INIT_FILES {
        match write_new(&dir.join(rel), text) {
            Ok(()) => println!("  {}", msg!(InitCreated, rel).text(lang)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                println!("  {}", msg!(InitKept, rel).text(lang))
            }
            Err(e) => {
                let m = Msg::new(Key::InitCannotWrite)
                    .arg(diag::shown(&dir.join(rel)))
                    .arg_msg(io_reason(&e));
                refuse(m, None);
                failed = true;
            }
        }
    }
    if failed {
        return CONTENT_ERRORS;
    }
    println!("\n{}", msg!(InitReady, &shown).text(lang));
    if dir != Path::new(".") {
        println!("  cd {shown}");
    }
    println!("  {}", msg!(InitPreview).text(lang));
    println!("  jianxun new bulletin \"标题\" --campaign ankang-cup --region 四川/宜宾");
    OK
}
