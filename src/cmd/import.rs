//! `jianxun import FILE.docx…`: Word/WPS documents → draft bulletin bundles.
//!
//! Takes the files (or folders of `.docx`) and what the command line
//! says of them; reads the site (campaigns, places, metrics, series) and
//! each document; writes `content/bulletins/<year>/<slug>/index.md` and its
//! photos — first into a hidden folder beside, then moved into place, so
//! a failed import leaves nothing half-written — and prints per file what
//! was recognised and what needs checking. Never overwrites a bulletin
//! unless `--force`; never writes outside `content/bulletins/`. Bad
//! argument values exit 2; a file that could not be imported exits 1.

use std::path::{Path, PathBuf};

use super::new::{campaign_of, read_site, write_new};
use super::{CONTENT_ERRORS, OK, usage};
use crate::cli::ImportOpts;
use crate::content::region::Gazetteer;
use crate::diag::Diagnostic;
use crate::import::guess::CampaignNames;
use crate::import::{self, Asked, Imported, NotRead, Source};
use crate::messages::{Lang, Msg, io_reason};
use crate::msg;
use crate::site::Parsed;

/// Runs `import`; returns the exit code.
pub fn run(opts: &ImportOpts) -> i32 {
    let lang = super::lang(&opts.root);
    let (sources, parsed) = match read_site(&opts.root, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let config = &sources.config;
    let asked = match asked(opts, &parsed, config, lang) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let site = import::Site {
        config,
        campaigns: (parsed.campaigns.iter())
            .map(|c| CampaignNames {
                slug: c.slug.clone(),
                names: [Some(c.name.clone()), c.full_name.clone()]
                    .into_iter()
                    .flatten()
                    .collect(),
            })
            .collect(),
        today: crate::config::today(),
    };
    let (mut done, mut failed) = (0, 0);
    for file in files(&opts.files, &mut failed, lang) {
        match one(opts, &file, &asked, &site, &parsed, lang) {
            Ok(()) => done += 1,
            Err(d) => {
                failed += 1;
                super::print(&mut [*d], lang);
            }
        }
    }
    println!("{}", msg!(ImportTotal, done, failed).text(lang));
    if failed > 0 { CONTENT_ERRORS } else { OK }
}

/// The command line's campaign, region and series, checked like `new` checks them.
fn asked(
    opts: &ImportOpts,
    parsed: &Parsed,
    config: &crate::config::Config,
    lang: Lang,
) -> Result<Asked, i32> {
    let campaign = match &opts.campaign {
        Some(c) => Some(campaign_of(parsed, c.trim(), lang)?),
        None => None,
    };
    let region = match &opts.region {
        Some(r) => match Gazetteer::of(config).resolve(r) {
            Ok(p) if !p.is_empty() => Some(p.join("/")),
            Ok(_) => {
                return Err(usage(
                    &msg!(NewRegionEmpty),
                    Some(&msg!(NewRegionEmptyHint)),
                    lang,
                ));
            }
            Err(problem) => {
                let (_, message, hint) = problem.describe(r);
                return Err(usage(&message, Some(&hint), lang));
            }
        },
        None => None,
    };
    let series = match &opts.series {
        Some(s) => match config.series_named(s) {
            Some(d) => Some(d.slug.clone()),
            None => {
                let names = (config.series.iter()).flat_map(|d| [d.slug.as_str(), d.name.as_str()]);
                let hint = match crate::suggest::did_you_mean(s.trim(), names) {
                    Some(best) => msg!(SeriesUnknownHint, best),
                    None => {
                        let known: Vec<String> = config
                            .series
                            .iter()
                            .map(|d| format!("{} ({})", d.name, d.slug))
                            .collect();
                        msg!(SeriesNoneDeclaredHint, known.join("、"))
                    }
                };
                return Err(usage(&msg!(SeriesUnknown, s.trim()), Some(&hint), lang));
            }
        },
        None => None,
    };
    Ok(Asked {
        campaign,
        region,
        series,
    })
}

/// The files named, a folder standing for the `.docx` files in it.
fn files(named: &[PathBuf], failed: &mut usize, lang: Lang) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in named {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        // `~$简报.docx` is the lock file Word keeps beside an open document.
        found.retain(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let lower = name.to_lowercase();
            // Old .doc and .wps files are named so the editor hears about them.
            let word = [".docx", ".doc", ".wps"].iter().any(|e| lower.ends_with(e));
            p.is_file() && word && !name.starts_with("~$")
        });
        found.sort();
        if found.is_empty() {
            *failed += 1;
            let shown = crate::diag::shown(path);
            super::print_error(
                &msg!(ImportNoFiles, &shown),
                Some(&msg!(ImportNoFilesHint)),
                lang,
            );
        }
        out.extend(found);
    }
    out
}

fn error(file: &Path, code: &'static str, message: Msg, hint: Msg) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(file, 0, 0, code, message).with_hint(hint))
}

/// Imports one document.
fn one(
    opts: &ImportOpts,
    file: &Path,
    asked: &Asked,
    site: &import::Site,
    parsed: &Parsed,
    lang: Lang,
) -> Result<(), Box<Diagnostic>> {
    let shown = crate::diag::shown(file);
    let bytes = std::fs::read(file).map_err(|e| {
        let m = Msg::new(crate::messages::Key::ImportCannotRead)
            .arg(&shown)
            .arg_msg(io_reason(&e));
        error(file, "import-cannot-read", m, msg!(ImportCannotReadHint))
    })?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let imported =
        import::import(&bytes, &stem, asked, site).map_err(|why| not_read(file, &shown, why))?;
    let rel = format!("content/bulletins/{}/{}", imported.year, imported.slug);
    let target = opts.root.join(&rel);
    let other = (parsed.bulletins.iter()).find(|b| {
        b.slug == imported.slug && opts.root.join(&b.path).parent() != Some(target.as_path())
    });
    if let Some(b) = other {
        let m = msg!(ImportSlugTaken, &imported.slug, crate::diag::shown(&b.path));
        return Err(error(file, "import-exists", m, msg!(ImportSlugTakenHint)));
    }
    let existed = target.exists();
    if existed && !opts.force {
        return Err(error(
            file,
            "import-exists",
            msg!(ImportExists, format!("{rel}/")),
            msg!(ImportExistsHint),
        ));
    }
    write_bundle(&target, &imported, existed).map_err(|e| {
        let m = Msg::new(crate::messages::Key::ImportCannotWrite)
            .arg(&rel)
            .arg_msg(io_reason(&e));
        error(file, "import-cannot-write", m, msg!(ImportCannotWriteHint))
    })?;
    let done = if existed {
        msg!(ImportReplaced, &shown, format!("{rel}/index.md"))
    } else {
        msg!(ImportCreated, &shown, format!("{rel}/index.md"))
    };
    println!("{}", done.text(lang));
    summary(&imported, lang);
    if !imported.skipped.is_empty() {
        let mut formats = imported.skipped.clone();
        formats.dedup();
        let w = Diagnostic::warning(
            file,
            0,
            0,
            "import-image-skipped",
            msg!(
                ImportImageSkipped,
                imported.skipped.len(),
                formats.join("、").to_uppercase()
            ),
        )
        .with_hint(msg!(ImportImageSkippedHint));
        super::print(&mut [w], lang);
    }
    Ok(())
}

fn not_read(file: &Path, shown: &str, why: NotRead) -> Box<Diagnostic> {
    match why {
        NotRead::OldFormat => error(
            file,
            "import-not-docx",
            msg!(ImportOldFormat, shown),
            msg!(ImportSaveAsHint),
        ),
        NotRead::NotZip => error(
            file,
            "import-not-docx",
            msg!(ImportNotDocx, shown),
            msg!(ImportSaveAsHint),
        ),
        NotRead::NotWord => error(
            file,
            "import-not-word",
            msg!(ImportNotWord, shown),
            msg!(ImportNotWordHint),
        ),
        // The reader's own words are for developers: the part is enough.
        NotRead::Broken(part, _) if part.is_empty() => error(
            file,
            "import-broken-docx",
            msg!(ImportBroken, shown),
            msg!(ImportBrokenHint),
        ),
        NotRead::Broken(part, _) => error(
            file,
            "import-broken-docx",
            msg!(ImportBrokenPart, shown, part),
            msg!(ImportBrokenHint),
        ),
    }
}

/// Writes the bundle into a hidden folder beside `target`, then moves it
/// into place (replacing the old one when `replace`).
fn write_bundle(target: &Path, imported: &Imported, replace: bool) -> std::io::Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let id = std::process::id();
    let tmp = parent.join(format!(".{name}.importing-{id}"));
    let result = (|| {
        std::fs::create_dir_all(&tmp)?;
        write_new(&tmp.join("index.md"), &imported.text)?;
        for (file, bytes) in &imported.images {
            std::fs::write(tmp.join(file), bytes)?;
        }
        if replace {
            let old = parent.join(format!(".{name}.replaced-{id}"));
            std::fs::rename(target, &old)?;
            if let Err(e) = std::fs::rename(&tmp, target) {
                let _ = std::fs::rename(&old, target);
                return Err(e);
            }
            std::fs::remove_dir_all(&old)
        } else {
            std::fs::rename(&tmp, target)
        }
    })();
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Prints what was recognised and what needs checking.
fn summary(i: &Imported, lang: Lang) {
    let f = &i.fields;
    let mut seen: Vec<Msg> = Vec::new();
    if f.title.1 == Source::Known {
        seen.push(msg!(ImportSeenTitle, &f.title.0));
    }
    let head: Vec<String> = [
        f.series
            .as_ref()
            .map(|s| s.0.clone())
            .or(i.undeclared_series.clone()),
        f.issue.clone(),
        f.issuer.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !head.is_empty() {
        seen.push(msg!(ImportSeenMasthead, head.join("、")));
    }
    if f.date.1 == Source::Known {
        seen.push(msg!(ImportSeenDate, &f.date.0));
    }
    if !f.distribution.is_empty() {
        let keys: Vec<&str> = f.distribution.iter().map(|d| d.0).collect();
        seen.push(msg!(ImportSeenDistribution, keys.join("、")));
    }
    let c = i.counts;
    seen.push(msg!(
        ImportSeenBody,
        c.paragraphs,
        c.tables,
        c.images,
        c.captions,
        c.notes
    ));
    let mut check: Vec<Msg> = Vec::new();
    if f.title.1 == Source::Missing {
        check.push(msg!(ImportMissingTitle));
    }
    if f.date.1 == Source::Missing {
        check.push(msg!(ImportMissingDate));
    }
    for (value, source, guessed, missing) in [
        (
            &f.campaign.0,
            &f.campaign.1,
            crate::messages::Key::ImportGuessCampaign,
            msg!(ImportMissingCampaign),
        ),
        (
            &f.region.0,
            &f.region.1,
            crate::messages::Key::ImportGuessRegion,
            msg!(ImportMissingRegion),
        ),
    ] {
        match source {
            Source::Guessed(why) => check.push(Msg::new(guessed).arg(value).arg(why)),
            Source::Missing => check.push(missing),
            Source::Known => {}
        }
    }
    if let Some((slug, Source::Guessed(name))) = &f.series {
        check.push(msg!(ImportGuessSeries, slug, name));
    }
    if let Some(name) = &i.undeclared_series {
        check.push(msg!(ImportSeriesUndeclared, name));
    }
    for m in &f.metrics {
        check.push(msg!(ImportGuessMetric, &m.key, &m.value, m.paragraph));
    }
    if check.is_empty() {
        check.push(msg!(ImportNothingToCheck));
    }
    let join = |list: &[Msg]| {
        list.iter()
            .map(|m| m.text(lang))
            .collect::<Vec<_>>()
            .join("；")
    };
    println!("{}", msg!(ImportSeen, join(&seen)).text(lang));
    println!("{}", msg!(ImportCheck, join(&check)).text(lang));
    println!("{}", msg!(ImportDraft).text(lang));
}
