//! `jianxun build --watch`: builds the site, then keeps it in memory and,
//! on every save, writes into the output folder only the files the save
//! changed.
//!
//! The engine is the live preview's ([`Live`]): the same stages, the same
//! record of what each page read, so a save costs what it changes and the
//! folder always holds what `jianxun build` would write. A change that
//! renders every page (the configuration, a folder moved) is written as a
//! build writes; any other is written through the journal
//! ([`write::update`]). A save with errors writes nothing: the folder keeps
//! the last good site until the fix is saved.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{CONTENT_ERRORS, report};
use crate::BuildOptions;
use crate::cli::BuildOpts;
use crate::diag::Diagnostic;
use crate::messages::{Key, Lang, Msg};
use crate::msg;
use crate::output::write::{self, Report, Staging};
use crate::output::{Data, Output};
use crate::serve::live::{Live, PageSource, Update};
use crate::serve::watch::{self, Watcher};
use crate::serve::{self, LiveSite};

/// Runs `build --watch` until the process is stopped; returns the exit
/// code when it cannot go on (the output folder refused, the watch lost).
pub fn run(opts: &BuildOpts) -> i32 {
    crate::lean_allocator();
    let lang = super::lang(&opts.root);
    // Watch events carry absolute paths; messages show the paths as given.
    let root = opts.root.canonicalize().unwrap_or(opts.root.clone());
    // Watch before the first build, so no save between the two is missed.
    let mut watcher = match Watcher::start(&root) {
        Ok(w) => w,
        Err(e) => {
            let message = msg!(ServeCannotWatch, crate::diag::shown(&opts.root), e);
            super::print_error(&message, None, lang);
            return CONTENT_ERRORS;
        }
    };
    let build_opts = BuildOptions {
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
    };
    let mut live = match first_build(opts, &root, &build_opts, lang) {
        Ok(live) => live,
        Err(code) => return code,
    };
    // The first build's pages were written and dropped: give them back.
    crate::release_free_memory();
    let out = output_dir(opts, &live);
    let watching = msg!(
        WatchWatching,
        crate::diag::shown(&opts.root),
        crate::diag::shown(&out)
    );
    eprintln!("{}", watching.text(lang));
    // After a write that failed, the folder lags the model: write it whole.
    let mut behind = false;
    // The manifest the last update wrote, not read again while it stands.
    let mut manifest = None;
    while let Some(cs) = watcher.next(serve::quiet(), Duration::from_secs(2)) {
        if live.as_ref().is_ok_and(|l| !l.concerns(&cs)) {
            continue;
        }
        watcher.follow_new_folders(&cs);
        let t = Instant::now();
        let rebuilt = rebuild(&mut live, &root, &build_opts, &cs, behind);
        let out = output_dir(opts, &live);
        let written = rebuilt.map(|(pages, derived, source)| {
            let rendered = pages.rendered;
            let update = (pages, derived, source.as_ref());
            (rendered, write_update(opts, &out, update, &mut manifest))
        });
        match written {
            Ok((rendered, Ok(r))) => {
                behind = false;
                let ms = t.elapsed().as_millis();
                let updated = msg!(
                    WatchUpdated,
                    crate::diag::shown(&out),
                    rendered,
                    r.written,
                    r.removed,
                    ms
                );
                eprintln!("{}", updated.text(lang));
            }
            Ok((_, Err(d))) => {
                behind = true;
                kept(vec![d], &out, lang);
            }
            Err(diags) => kept(diags, &out, lang),
        }
    }
    let stopped = msg!(ServeStoppedWatching, crate::diag::shown(&opts.root));
    super::print_error(&stopped, Some(&Msg::new(Key::WatchStartAgain)), lang);
    CONTENT_ERRORS
}

/// Builds the site into the output folder from a new engine, and gives
/// the engine (with the errors that keep it from a model, if any: the
/// folder is then left as it was); the exit code when the folder is
/// refused.
fn first_build(
    opts: &BuildOpts,
    root: &Path,
    build_opts: &BuildOptions,
    lang: Lang,
) -> Result<LiveSite, i32> {
    let start = Instant::now();
    let mut live = engine(root, build_opts);
    let first = match &mut live {
        Ok(l) => l.build_all().map(|o| (l.bulletins(), o, l.page_source())),
        Err(d) => Err(d.clone()),
    };
    let out = output_dir(opts, &live);
    match first {
        Ok((bulletins, output, pages)) => match whole(opts, &out, &output.files, pages.as_ref()) {
            Ok(r) => {
                let ms = start.elapsed().as_millis();
                let built = msg!(
                    Built,
                    bulletins,
                    crate::diag::shown(&out),
                    ms,
                    r.written,
                    r.unchanged,
                    r.removed
                );
                super::build::done(opts, lang, built);
            }
            // A refused folder stays refused: stop rather than watch in vain.
            Err(d) => {
                report(vec![d], lang);
                return Err(CONTENT_ERRORS);
            }
        },
        Err(diags) => kept(diags, &out, lang),
    }
    Ok(live)
}

/// The engine of the site at `root`, read and parsed; its full renders
/// hold no page's bytes.
fn engine(root: &Path, opts: &BuildOptions) -> LiveSite {
    Live::start(root, opts).map(|mut l| {
        l.hold_no_bytes_of_every_page();
        l
    })
}

/// The output folder: `--output`, else the configuration's `output_dir`
/// (the default one while the configuration does not read).
fn output_dir(opts: &BuildOpts, live: &LiveSite) -> PathBuf {
    match live {
        Ok(l) => super::build::output_folder(opts, l.output_dir()),
        Err(_) => super::build::output_folder(opts, &crate::config::Config::default().output_dir),
    }
}

/// Rebuilds what the change set `cs` invalidates, the derived files after
/// the pages: every page when `every` (or when the configuration could not
/// be read before, starting afresh).
fn rebuild(
    live: &mut LiveSite,
    root: &Path,
    opts: &BuildOptions,
    cs: &watch::ChangeSet,
    every: bool,
) -> Result<(Update, Update, Option<PageSource>), Vec<Diagnostic>> {
    if live.is_err() {
        *live = engine(root, opts);
    }
    let l = live.as_mut().map_err(|d| d.clone())?;
    let pages = if every {
        l.rebuild_all()?
    } else {
        l.apply(cs)?
    };
    let mut t = crate::Timings::start();
    let derived = l.derive();
    t.lap("derive");
    Ok((pages, derived, l.page_source()))
}

/// Writes a rebuild, its pages rendered again from `source`: as a build
/// writes when every page was rendered, else only its files, through the
/// journal.
fn write_update(
    opts: &BuildOpts,
    out: &Path,
    (pages, derived, source): (Update, Update, Option<&PageSource>),
    kept: &mut Option<write::Kept>,
) -> Result<Report, Diagnostic> {
    if pages.full {
        let mut output = Output::default();
        pages.apply_to(&mut output);
        derived.apply_to(&mut output);
        return whole(opts, out, &output.files, source);
    }
    let (mut put, mut remove) = (pages.put, pages.remove);
    put.extend(derived.put);
    remove.extend(derived.remove);
    let mut t = crate::Timings::start();
    let put = (put.iter())
        .map(|(rel, data)| Ok((rel.clone(), bytes_of(rel, data, source)?.into_owned())))
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let written = write::update(out, opts.force, &put, remove, kept);
    t.lap("write");
    written
}

/// Writes a whole site as a build does, each page rendered again from
/// `source` as it is written and dropped: the pages of a large site are
/// never held together (some 2 GB at 100,000 bulletins).
fn whole(
    opts: &BuildOpts,
    out: &Path,
    files: &BTreeMap<String, Data>,
    source: Option<&PageSource>,
) -> Result<Report, Diagnostic> {
    use rayon::prelude::*;
    let staging = Staging::begin(&opts.root, out, opts.force, None)?;
    let files: Vec<(&String, &Data)> = files.iter().collect();
    files
        .par_iter()
        .try_for_each(|&(rel, data)| staging.put(rel, &*bytes_of(rel, data, source)?))?;
    let written = staging.commit();
    // Every page was rendered, written and dropped: give them back.
    crate::release_free_memory();
    written
}

/// A file's data with a page's bytes: rendered again from `source` when
/// the engine kept none (the same bytes: a page is made of the model).
fn bytes_of<'a>(
    rel: &str,
    data: &'a Data,
    source: Option<&PageSource>,
) -> Result<Cow<'a, Data>, Diagnostic> {
    if *data != Data::OnRequest {
        return Ok(Cow::Borrowed(data));
    }
    match source.and_then(|s| s.render(rel)) {
        Some(rendered) => rendered.map(|b| Cow::Owned(Data::Bytes(b))),
        None => Err(Diagnostic::error(
            Path::new(rel),
            0,
            0,
            "output-path",
            msg!(WatchPageLost, rel),
        )),
    }
}

/// Reports what kept a save from the folder, and that the folder still
/// holds the last good site.
fn kept(diags: Vec<Diagnostic>, out: &Path, lang: Lang) {
    report(diags, lang);
    eprintln!("{}", msg!(WatchKept, crate::diag::shown(out)).text(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page the engine kept no bytes of, and that nothing can render
    /// again, is an error naming it, never an empty file.
    #[test]
    fn a_page_that_cannot_be_rendered_again_is_an_error_naming_it() {
        let err = bytes_of("bulletins/a/index.html", &Data::OnRequest, None).expect_err("no page");
        let told = err.message.text(Lang::Zh);
        assert!(told.contains("bulletins/a/index.html"), "{told}");
        let bytes = Data::Bytes(b"x".to_vec());
        assert_eq!(*bytes_of("a.txt", &bytes, None).expect("bytes"), bytes);
    }
}
