//! `jianxun build`: load the site, render every page straight into a
//! staging folder, then commit it to the output folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{CONTENT_ERRORS, OK, report};
use crate::cli::BuildOpts;
use crate::config::{self, CONFIG_FILE};
use crate::messages::{Lang, Msg};
use crate::msg;
use crate::output::fingerprint;
use crate::output::write::{self, Staging};
use crate::{BuildOptions, Loaded, Timings, load_from, render};

/// Runs `build`; returns the exit code.
pub fn run(opts: &BuildOpts) -> i32 {
    if opts.watch {
        return super::watch::run(opts);
    }
    let start = Instant::now();
    let mut t = Timings::start();
    let lang = super::lang(&opts.root);
    let out_dir = |cfg_dir: &str| output_folder(opts, cfg_dir);
    // The output folder is checked (and walked, to find what is not the
    // last build's) while the sources are read: both are mostly waiting on
    // the file system, and the walk is as long as the site is large. A
    // refusal is reported before anything the sources say.
    // Read like discovery does: never through a link that leaves the site.
    let site = crate::content::walk::SiteRoot::new(&opts.root);
    let out_of_config = match site.read(&opts.root.join(CONFIG_FILE)) {
        Ok(Some(bytes)) => String::from_utf8(bytes)
            .ok()
            .and_then(|text| config::parse(Path::new(CONFIG_FILE), &text).ok())
            .map(|cfg| out_dir(&cfg.output_dir)),
        _ => None,
    };
    // The content files the last build into that folder recorded: those
    // found unchanged are read only if something else changed.
    let started = crate::content::stamp::now();
    let known = (out_of_config.as_deref())
        .and_then(write::recorded_sources)
        .unwrap_or_default();
    let (check, discovered) = rayon::join(
        || {
            out_of_config.map(|dir| {
                let survey = write::check_output_dir(&opts.root, &dir, opts.force)?;
                Ok::<_, crate::diag::Diagnostic>(survey.map(|s| (dir, s)))
            })
        },
        || crate::content::discover::discover_known(&opts.root, &known),
    );
    let checked = match check {
        Some(Err(d)) => {
            report(vec![d], lang);
            return CONTENT_ERRORS;
        }
        Some(Ok(survey)) => survey,
        None => None,
    };
    let build_opts = BuildOptions {
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
    };
    t.lap("survey+discover");
    let sources = match discovered {
        Ok(s) => s,
        Err(diags) => {
            report(diags, lang);
            return CONTENT_ERRORS;
        }
    };
    crate::roomy_allocator(crate::content::discover::bulletin_count(&sources.files));
    let hashes = fingerprint::file_hashes(&sources);
    let fingerprint = fingerprint::of(&sources, &build_opts, &hashes);
    t.lap("fingerprint");
    let out = out_dir(&sources.config.output_dir);
    // The survey taken above, if it is of this folder.
    let checked = checked.filter(|(dir, _)| *dir == out).map(|(_, s)| s);
    let up_to_date = |f| match &checked {
        Some(survey) => survey.up_to_date(f),
        None => write::up_to_date(&out, f),
    };
    if fingerprint.is_some_and(up_to_date) {
        t.lap("unchanged");
        done(
            opts,
            lang,
            msg!(
                BuiltNothingChanged,
                crate::diag::shown(&out),
                start.elapsed().as_millis()
            ),
        );
        return OK;
    }
    let (mut sources, hashes, fingerprint) = read_unread(sources, hashes, fingerprint, &build_opts);
    let stamps = fingerprint::stamps(&sources, &hashes, started);
    // Not needed again; at 100,000 bulletins they are megabytes.
    drop((hashes, std::mem::take(&mut sources.seen)));
    t.lap("read unread");
    let Loaded {
        sources,
        site,
        theme,
    } = match load_from(sources, &build_opts) {
        Ok(l) => l,
        Err(diags) => {
            report(diags, lang);
            return CONTENT_ERRORS;
        }
    };
    let mut staging = match Staging::begin(&opts.root, &out, opts.force, checked) {
        Ok(s) => s,
        Err(d) => {
            report(vec![d], lang);
            return CONTENT_ERRORS;
        }
    };
    if let Some(f) = fingerprint {
        staging.set_fingerprint(f);
        staging.set_sources(stamps);
    }
    let mut t = Timings::start();
    // On any error `staging` is dropped, which removes it: the output folder is untouched.
    if let Err(diags) = render(&sources, &site, &theme, &|path, data| {
        staging.put(&path, &data)
    }) {
        report(diags, lang);
        return CONTENT_ERRORS;
    }
    t.lap("render");
    let committed = staging.commit();
    t.lap("commit");
    match committed {
        Ok(r) => {
            let built = crate::msg!(
                Built,
                site.items.len(),
                crate::diag::shown(&out),
                start.elapsed().as_millis(),
                r.written,
                r.unchanged,
                r.removed
            );
            done(opts, lang, built);
            if let Some((made, cached)) = photo_counts(&sources) {
                eprintln!("{}", msg!(BuiltPhotos, made, cached).text(lang));
            }
            // The process ends right after this (see `main`): freeing the
            // site value by value would take a core tens of milliseconds at
            // 10,000 bulletins, for memory the system takes back at once.
            std::mem::forget((site, sources, theme));
            OK
        }
        Err(d) => {
            report(vec![d], lang);
            CONTENT_ERRORS
        }
    }
}

/// The output folder: `--output`, else the configuration's `output_dir`
/// (`cfg_dir`) in the site.
pub(super) fn output_folder(opts: &BuildOpts, cfg_dir: &str) -> PathBuf {
    match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(cfg_dir),
    }
}

/// The sources with every text read, their hashes and the fingerprint:
/// those given when nothing was left unread, else taken again.
fn read_unread(
    mut sources: crate::Sources,
    hashes: Vec<u128>,
    fingerprint: Option<u128>,
    opts: &BuildOptions,
) -> (crate::Sources, Vec<u128>, Option<u128>) {
    if !sources.has_unread() {
        return (sources, hashes, fingerprint);
    }
    sources.read_unread();
    let hashes = fingerprint::file_hashes(&sources);
    let fingerprint = fingerprint::of(&sources, opts, &hashes);
    (sources, hashes, fingerprint)
}

/// Tells how the build went, after any warning about the base URL (told
/// after the work, where it is not lost among progress lines).
pub(super) fn done(opts: &BuildOpts, lang: Lang, status: Msg) {
    if let Some(w) = super::base_url_warning(&opts.root, opts.base_url.is_some()) {
        super::print(&mut [w], lang);
    }
    eprintln!("{}", status.text(lang));
}

/// How many photos this build processed and took from the cache; `None`
/// for a site without photos.
fn photo_counts(sources: &crate::Sources) -> Option<(usize, usize)> {
    sources.statics.iter().find_map(|(_, s)| match s {
        crate::content::discover::StaticSource::Photo(o) => Some(o.workshop.counts()),
        _ => None,
    })
}
