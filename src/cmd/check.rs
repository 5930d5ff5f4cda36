//! `jianxun check`: everything `build` would reject, plus broken links,
//! missing images and likely mistakes, printed as text or JSON lines.
//!
//! Takes the site root and a format; runs [`crate::check`] (nothing is
//! written); prints every diagnostic; exits 1 on errors, 0 when there are
//! only warnings or none.

use super::{CONTENT_ERRORS, OK, print};
use crate::cli::{CheckFormat, CheckOpts};
use crate::diag;
use crate::messages::{Key, Msg};
use crate::msg;
use crate::{BuildOptions, check};

/// Runs `check`; returns the exit code.
pub fn run(opts: &CheckOpts) -> i32 {
    let now = jiff::Timestamp::now().as_second();
    let lang = super::lang(&opts.root);
    if let Some(fix) = opts.fix {
        super::fix::run(&opts.root, fix, lang);
        if fix.dry_run {
            return OK;
        }
    }
    let mut diags = check(&opts.root, &BuildOptions::default(), now);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match opts.format {
        CheckFormat::Json => {
            diag::sort(&mut diags);
            for d in &diags {
                println!("{}", d.to_json(lang));
            }
        }
        CheckFormat::Text => {
            print(&mut diags, lang);
            eprintln!("{}", summary(errors, warnings).text(lang));
        }
    }
    if errors > 0 { CONTENT_ERRORS } else { OK }
}

fn summary(errors: usize, warnings: usize) -> Msg {
    let count = |n: usize, one: Key, many: Key| match n {
        1 => Msg::new(one),
        n => Msg::new(many).arg(n),
    };
    let e = count(errors, Key::ErrorsOne, Key::ErrorsMany);
    let w = count(warnings, Key::WarningsOne, Key::WarningsMany);
    match (errors, warnings) {
        (0, 0) => msg!(CheckClean),
        (0, _) => Msg::new(Key::CheckWarningsOnly).arg_msg(w),
        (_, 0) => Msg::new(Key::CheckErrorsOnly).arg_msg(e),
        _ => Msg::new(Key::CheckErrorsAndWarnings).arg_msg(e).arg_msg(w),
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summaries() {
        assert_eq!(summary(0, 0).en(), "No problems found.");
        assert_eq!(summary(0, 1).en(), "No errors; 1 warning.");
        assert_eq!(summary(3, 2).en(), "3 errors, 2 warnings.");
        assert_eq!(summary(1, 0).en(), "1 error, 0 warnings.");
        assert_eq!(summary(1, 0).zh(), "1 个错误，没有警告。");
        assert_eq!(summary(3, 2).zh(), "3 个错误，2 个警告。");
        assert_eq!(summary(0, 0).zh(), "没有发现问题。");
    }
}
