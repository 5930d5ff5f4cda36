//! `jianxun check`: everything `build` would reject, plus broken links,
//! missing images and likely mistakes, printed as text or JSON lines.
//!
//! Takes the site root and a format; runs [`crate::check`] (nothing is
//! written); prints every diagnostic; exits 1 on errors, 0 when there are
//! only warnings or none.

use super::{CONTENT_ERRORS, OK, print};
use crate::cli::{CheckFormat, CheckOpts};
use crate::diag;
use crate::{BuildOptions, check};

/// Runs `check`; returns the exit code.
pub fn run(opts: &CheckOpts) -> i32 {
    let now = jiff::Timestamp::now().as_second();
    let mut diags = check(&opts.root, &BuildOptions::default(), now);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match opts.format {
        CheckFormat::Json => {
            diag::sort(&mut diags);
            for d in &diags {
                println!("{}", d.to_json());
            }
        }
        CheckFormat::Text => {
            print(&mut diags);
            eprintln!("{}", summary(errors, warnings));
        }
    }
    if errors > 0 { CONTENT_ERRORS } else { OK }
}

fn summary(errors: usize, warnings: usize) -> String {
    let n = |k: usize, what: &str| format!("{k} {what}{}", if k == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "No problems found.".into(),
        (0, w) => format!("No errors; {}.", n(w, "warning")),
        (e, w) => format!("{}, {}.", n(e, "error"), n(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summaries() {
        assert_eq!(summary(0, 0), "No problems found.");
        assert_eq!(summary(0, 1), "No errors; 1 warning.");
        assert_eq!(summary(3, 2), "3 errors, 2 warnings.");
    }
}
