//! Commands: thin adapters from options to the pipeline to a report and an exit code.
//!
//! Each command picks the language of what it prints once, with [`lang`],
//! and passes it to every printer.

pub mod build;
pub mod check;
pub mod explain;
pub mod fix;
pub mod import;
pub mod init;
pub mod list;
pub mod new;
pub mod serve;
pub mod stats;
pub mod stats_format;
pub mod watch;

use std::path::Path;

use crate::config::{self, CONFIG_FILE};
use crate::diag::{self, Diagnostic, Paint};
use crate::messages::{Lang, Msg};
use crate::msg;

pub use crate::exit::{CONTENT_ERRORS, OK, USAGE};

/// The language for the site at `root`: `JIANXUN_LANG` if it names one,
/// else the site's `language:` (English when it starts with `en`), else
/// Chinese.
pub fn lang(root: &Path) -> Lang {
    let env = Lang::env_setting();
    Lang::choose(env.as_deref(), site_language(root).as_deref())
}

/// The `language:` of the site at `root`, read like discovery reads it
/// (never through a link that leaves the site); a line scan when the
/// configuration has errors, so they are reported in the site's language.
fn site_language(root: &Path) -> Option<String> {
    let site = crate::content::walk::SiteRoot::new(root);
    let bytes = site.read(&root.join(CONFIG_FILE)).ok()??;
    let text = String::from_utf8(bytes).ok()?;
    if let Ok(cfg) = config::parse(Path::new(CONFIG_FILE), &text) {
        return Some(cfg.language);
    }
    text.lines().find_map(|l| {
        let v = l.strip_prefix("language:")?.split('#').next()?.trim();
        Some(v.trim_matches(['"', '\'']).to_string())
    })
}

/// The text of the site's `jianxun.yaml`, read like discovery reads it
/// (never through a link that leaves the site).
pub(crate) fn config_text(root: &Path) -> Option<String> {
    let site = crate::content::walk::SiteRoot::new(root);
    let bytes = site.read(&root.join(CONFIG_FILE)).ok()??;
    String::from_utf8(bytes).ok()
}

/// The warning for an example `base_url` left by `init` (none when the
/// command line gives another).
pub(crate) fn base_url_warning(root: &Path, overridden: bool) -> Option<Diagnostic> {
    if overridden {
        return None;
    }
    config::example_base_url(Path::new(CONFIG_FILE), &config_text(root)?)
}

/// Prints diagnostics to stderr in `lang`, sorted, coloured on a terminal,
/// each followed by a blank line. Returns how many are errors.
pub fn print(diags: &mut [Diagnostic], lang: Lang) -> usize {
    diag::sort(diags);
    let paint = Paint::for_stderr();
    for d in diags.iter() {
        eprintln!("{}\n", d.render(paint, lang));
    }
    diags.iter().filter(|d| d.is_error()).count()
}

/// Prints diagnostics to stderr, sorted, with a count.
pub fn report(mut diags: Vec<Diagnostic>, lang: Lang) {
    let errors = print(&mut diags, lang);
    if errors > 0 {
        eprintln!("{}", msg!(NothingWritten, errors).text(lang));
    }
}

/// Prints an error that is not about a file: `错误: …` and its hint.
pub fn print_error(message: &Msg, hint: Option<&Msg>, lang: Lang) {
    eprintln!("{}", diag::plain_error(message, hint, lang));
}

/// Prints a usage error (a bad argument value) with a hint; returns [`USAGE`].
pub fn usage(message: &Msg, hint: Option<&Msg>, lang: Lang) -> i32 {
    print_error(message, hint, lang);
    USAGE
}
