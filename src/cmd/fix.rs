//! `jianxun check --fix`: mends the mechanical slips in place, before the
//! check runs.
//!
//! Takes the site root and [`FixOpts`]; for `jianxun.yaml` and each content file, reads it as
//! saved, mends it ([`crate::content::fix`]), parses the result the way
//! `build` would and writes it (a temporary file in the same folder, then a
//! rename) only when its front matter reads; prints each change as a small
//! diff. With `--dry-run` nothing is written.

use std::path::Path;

use crate::cli::FixOpts;
use crate::config::{CONFIG_FILE, Config};
use crate::content::bulletin::split_region;
use crate::content::discover::{Kind, SourceFile};
use crate::content::fix::{self, Change, Mended, Why};
use crate::content::frontmatter::normalise;
use crate::diag::{Diagnostic, Paint, escape_controls};
use crate::messages::{Lang, Msg};
use crate::{ParsedFile, msg};

/// Codes that mean a file's front matter cannot be read at all.
const UNREADABLE: &[&str] = &[
    "file-empty",
    "frontmatter-missing",
    "frontmatter-unclosed",
    "yaml",
    "yaml-tab",
    "yaml-fullwidth-colon",
    "yaml-fullwidth-indent",
    "yaml-fullwidth-space",
    "list-fullwidth-brackets",
];

/// What mending one file gives.
#[derive(Debug)]
pub enum Plan {
    /// Nothing to change.
    Clean,
    /// The mended text and its changes.
    Mend(Mended),
    /// The mended text would still not read: the problems, file untouched.
    Refused(Vec<Diagnostic>),
}

/// Mends `raw`, the text of `file` as saved. Pure.
pub fn plan(config: &Config, file: &SourceFile, raw: &str, dates: bool) -> Plan {
    let mut mended = fix::mend(raw, dates);
    let parse = |text: &str| {
        let f = SourceFile {
            path: file.path.clone(),
            kind: file.kind,
            text: normalise(text),
        };
        crate::parse_one(config, &f)
    };
    if file.kind == Kind::Bulletin
        && let Ok(ParsedFile::Bulletin(b)) = parse(&mended.text)
        && !b.region.is_empty()
        && split_region(&b.region_written) != b.region
    {
        let r = fix::region(&mended.text, &b.region_written, &b.region.join("/"));
        mended = fix::merge(mended, r);
    }
    if mended.changes.is_empty() {
        return Plan::Clean;
    }
    match parse(&mended.text) {
        Err(d) if d.iter().any(|d| UNREADABLE.contains(&d.code)) => Plan::Refused(d),
        _ => Plan::Mend(mended),
    }
}

/// Mends `jianxun.yaml` (a whole YAML file), read as saved. Pure.
pub fn plan_config(raw: &str) -> Plan {
    let mended = fix::mend_yaml(raw);
    if mended.changes.is_empty() {
        return Plan::Clean;
    }
    match crate::config::parse(Path::new(CONFIG_FILE), &normalise(&mended.text)) {
        Err(d) if d.iter().any(|d| UNREADABLE.contains(&d.code)) => Plan::Refused(d),
        _ => Plan::Mend(mended),
    }
}

/// Mends `jianxun.yaml` and every content file of the site at `root`;
/// prints the changes and a summary to stderr in `lang`.
pub fn run(root: &Path, opts: FixOpts, lang: Lang) {
    let mut done = Done::default();
    let config = root.join(CONFIG_FILE);
    if let Some(raw) = read(&config) {
        let plan = plan_config(&raw);
        apply(Path::new(CONFIG_FILE), &config, plan, opts, lang, &mut done);
    }
    // A site that cannot be read is reported by the check that follows.
    if let Ok(sources) = crate::discover(root) {
        for file in &sources.files {
            let full = root.join(&file.path);
            if let Some(raw) = read(&full) {
                let plan = plan(&sources.config, file, &raw, opts.fix_dates);
                apply(&file.path, &full, plan, opts, lang, &mut done);
            }
        }
    }
    let summary = match (done.lines, opts.dry_run) {
        (0, _) => msg!(FixNothing),
        (_, true) => msg!(FixDryRun, done.files, done.lines),
        (_, false) => msg!(FixDone, done.files, done.lines),
    };
    eprintln!("{}\n", summary.text(lang));
}

/// How many files and lines were (or would be) mended.
#[derive(Debug, Default)]
struct Done {
    files: usize,
    lines: usize,
}

/// The text of the regular file `full` (never through a link), if UTF-8.
fn read(full: &Path) -> Option<String> {
    let is_file = std::fs::symlink_metadata(full).is_ok_and(|m| m.is_file());
    let bytes = is_file.then(|| std::fs::read(full).ok()).flatten()?;
    String::from_utf8(bytes).ok()
}

/// Prints the plan for the file `rel` (at `full`) and, unless a dry run, carries it out.
fn apply(rel: &Path, full: &Path, plan: Plan, opts: FixOpts, lang: Lang, done: &mut Done) {
    let name = crate::diag::shown(rel);
    match plan {
        Plan::Clean => {}
        Plan::Refused(mut diags) => {
            eprintln!("{}\n", msg!(FixUnparsable, &name).text(lang));
            diags.retain(|d| UNREADABLE.contains(&d.code));
            for d in diags {
                eprintln!("{}\n", d.render(Paint::for_stderr(), lang));
            }
        }
        Plan::Mend(m) => {
            for c in &m.changes {
                eprintln!("{}", diff(&name, c).text(lang));
                let (old, new) = (escape_controls(&c.old), escape_controls(&c.new));
                eprintln!("- {old}\n+ {new}\n");
            }
            if !opts.dry_run
                && let Err(e) = write(full, &m.text)
            {
                let why = crate::messages::io_reason(&e);
                eprintln!("{}\n", msg!(FixCannotWrite, &name).arg_msg(why).text(lang));
                return;
            }
            done.files += 1;
            done.lines += m.changes.len();
        }
    }
}

/// `content/a.md:2: …` for one change.
fn diff(name: &str, c: &Change) -> Msg {
    let why = c
        .why
        .iter()
        .map(|w| match w {
            Why::Colon => msg!(FixWhyColon),
            Why::SpaceAfterColon => msg!(FixWhySpace),
            Why::FullWidthIndent => msg!(FixWhyIndent),
            Why::Tab => msg!(FixWhyTab),
            Why::Brackets => msg!(FixWhyBrackets),
            Why::Date => msg!(FixWhyDate),
            Why::Region => msg!(FixWhyRegion),
        })
        .reduce(|a, b| msg!(FixWhyBoth).arg_msg(a).arg_msg(b))
        .unwrap_or_else(|| msg!(FixWhyColon));
    msg!(FixChange, name, c.line).arg_msg(why)
}

/// Writes `text` to `path` through a temporary file in the same folder and
/// a rename, keeping the file's permissions: a failure leaves the old file.
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.jianxun-fix.tmp"));
    let result = (|| {
        let perms = std::fs::metadata(path)?.permissions();
        std::fs::write(&tmp, text)?;
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
