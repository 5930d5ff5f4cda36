//! `jianxun new bulletin|campaign`: write a new content file from a template.
//!
//! Takes the title (or slug), campaign, region and date; reads the site to
//! know its metrics, campaigns and slugs; writes one file it never
//! overwrites; prints its path and its preview URL. Bad argument values
//! (an unknown campaign, with "did you mean") exit 2; a file or slug that is
//! already taken exits 1.

use std::io::Write;
use std::path::Path;

use super::{CONTENT_ERRORS, OK, report, usage};
use crate::cli::NewOpts;
use crate::content::bulletin::split_region;
use crate::content::date::{CHINA, Date};
use crate::content::region::Gazetteer;
use crate::content::{scaffold, slug::slugify};
use crate::messages::{Key, Lang, Msg, io_reason};
use crate::msg;
use crate::render::urls;
use crate::site::{Parsed, did_you_mean};
use crate::{Sources, discover, parse};

/// Where `jianxun serve` shows the site by default.
pub const PREVIEW: &str = "http://127.0.0.1:1111/";

/// Creates `path` with `text`, with its folders; fails if it exists.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// Reads and parses the site; content errors are not `new`'s business.
pub(crate) fn read_site(root: &Path, lang: Lang) -> Result<(Sources, Parsed), i32> {
    match discover(root) {
        Ok(sources) => {
            let (parsed, _) = parse(&sources);
            Ok((sources, parsed))
        }
        Err(diags) => {
            report(diags, lang);
            Err(CONTENT_ERRORS)
        }
    }
}

fn refuse(message: Msg, hint: Msg, lang: Lang) -> i32 {
    super::print_error(&message, Some(&hint), lang);
    CONTENT_ERRORS
}

fn created(rel: &str, page: &str, lang: Lang) -> i32 {
    println!("{}", msg!(NewCreated, rel).text(lang));
    println!("{}", msg!(NewPreview, PREVIEW, page).text(lang));
    OK
}

/// Runs `new`; returns the exit code.
pub fn run(opts: &NewOpts) -> i32 {
    match opts {
        NewOpts::Bulletin {
            root,
            title,
            campaign,
            region,
            date,
        } => {
            let asked = Asked {
                title,
                campaign,
                region,
                date: date.as_deref(),
            };
            new_bulletin(root, &asked, super::lang(root))
        }
        NewOpts::Campaign { root, slug, name } => new_campaign(root, slug, name, super::lang(root)),
    }
}

/// What `new bulletin` was asked for.
struct Asked<'a> {
    title: &'a str,
    campaign: &'a str,
    region: &'a str,
    date: Option<&'a str>,
}

/// The date given (checked), or today in China.
fn date_or_today(date: Option<&str>, lang: Lang) -> Result<String, i32> {
    match date {
        Some(d) => match Date::parse(d) {
            Ok(_) => Ok(d.trim().to_string()),
            Err(m) => Err(usage(&m, Some(&msg!(NewDateHint)), lang)),
        },
        None => Ok(jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::fixed(CHINA))
            .date()
            .to_string()),
    }
}

/// The slug of the campaign written `wanted` (slug, name or full name), or
/// the usage error naming the campaigns there are.
pub(crate) fn campaign_of(parsed: &Parsed, wanted: &str, lang: Lang) -> Result<String, i32> {
    let found = parsed
        .campaigns
        .iter()
        .find(|c| c.slug == wanted || c.name == wanted || c.full_name.as_deref() == Some(wanted));
    if let Some(c) = found {
        return Ok(c.slug.clone());
    }
    if parsed.broken_campaigns.iter().any(|s| s == wanted) {
        return Ok(wanted.to_string());
    }
    let cands = parsed
        .campaigns
        .iter()
        .flat_map(|c| [c.slug.as_str(), c.name.as_str()]);
    let hint = match did_you_mean(wanted, cands) {
        Some(best) => {
            let c = parsed
                .campaigns
                .iter()
                .find(|c| c.slug == best || c.name == best);
            let (name, slug) = c.map_or((best, best), |c| (c.name.as_str(), c.slug.as_str()));
            msg!(DidYouMeanNamed, name, slug)
        }
        None if parsed.campaigns.is_empty() => msg!(NoCampaignsNewHint),
        None => msg!(
            KnownCampaigns,
            parsed
                .campaigns
                .iter()
                .map(|c| format!("{} ({})", c.name, c.slug))
                .collect::<Vec<_>>()
                .join("、")
        ),
    };
    Err(usage(&msg!(CampaignUnknown, wanted), Some(&hint), lang))
}

fn new_bulletin(root: &Path, asked: &Asked, lang: Lang) -> i32 {
    let (title, region) = (asked.title.trim(), asked.region);
    if title.is_empty() {
        return usage(&msg!(NewTitleEmpty), Some(&msg!(NewTitleEmptyHint)), lang);
    }
    let region_parts = split_region(region);
    if region_parts.is_empty() {
        return usage(&msg!(NewRegionEmpty), Some(&msg!(NewRegionEmptyHint)), lang);
    }
    let date = match date_or_today(asked.date, lang) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let (sources, parsed) = match read_site(root, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Written the canonical way, so `check` has nothing to say about it.
    let region_path = match Gazetteer::of(&sources.config).resolve(region) {
        Ok(p) => p.join("/"),
        Err(problem) => {
            let (_, message, hint) = problem.describe(region);
            return usage(&message, Some(&hint), lang);
        }
    };
    let slug = scaffold::bulletin_slug(title, &sources.config.region_slugs);
    if slug.is_empty() {
        return usage(&msg!(NewNoSlug, title), Some(&msg!(NewNoSlugHint)), lang);
    }
    // `new` cuts long slugs itself; a device name it cannot help.
    if let Some(u) = crate::pathname::unfit(&slug) {
        let message = u.message(&slug, Key::SlugSubjectTitle, "");
        return usage(&message, Some(&msg!(NewOtherTitleHint)), lang);
    }
    let campaign_slug = match campaign_of(&parsed, asked.campaign.trim(), lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let year = date.get(..4).unwrap_or("0000");
    let rel = format!("content/bulletins/{year}/{slug}.md");
    if let Some(other) = parsed.bulletins.iter().find(|b| b.slug == slug) {
        let message = msg!(NewSlugTaken, &slug, crate::diag::shown(&other.path));
        return refuse(message, msg!(NewSlugTakenHint), lang);
    }
    let text = scaffold::bulletin(
        title,
        &date,
        &campaign_slug,
        &region_path,
        &sources.config.metrics,
    );
    match write_new(&root.join(&rel), &text) {
        Ok(()) => created(&rel, &urls::bulletin(&slug), lang),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            refuse(msg!(NewExists, &rel), msg!(NewExistsBulletinHint), lang)
        }
        Err(e) => refuse(
            Msg::new(Key::NewCannotWrite)
                .arg(&rel)
                .arg_msg(io_reason(&e)),
            msg!(NewCannotWriteHint),
            lang,
        ),
    }
}

fn new_campaign(root: &Path, slug: &str, name: &str, lang: Lang) -> i32 {
    let slug = slug.trim();
    let clean = slugify(slug);
    if clean != slug || slug.is_empty() {
        let hint = if clean.is_empty() {
            msg!(NewNotSlugHint)
        } else {
            msg!(DidYouMean, &clean)
        };
        return usage(&msg!(NewNotSlug, slug), Some(&hint), lang);
    }
    if let Some(u) = crate::pathname::unfit(slug) {
        let message = u.message(slug, Key::SlugSubject, "");
        return usage(&message, Some(&msg!(NewOtherSlugHint, slug)), lang);
    }
    let name = name.trim();
    if name.is_empty() {
        return usage(&msg!(NewNameEmpty), Some(&msg!(NewNameEmptyHint)), lang);
    }
    let (sources, parsed) = match read_site(root, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(c) = parsed.campaigns.iter().find(|c| c.name == name) {
        let message = msg!(NewNameTaken, crate::diag::shown(&c.path), name);
        return refuse(message, msg!(NewNameTakenHint), lang);
    }
    let rel = format!("content/campaigns/{slug}.md");
    match write_new(
        &root.join(&rel),
        &scaffold::campaign(name, &sources.config.metrics),
    ) {
        Ok(()) => created(&rel, &urls::campaign(slug, 1), lang),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            refuse(msg!(NewExists, &rel), msg!(NewExistsCampaignHint), lang)
        }
        Err(e) => refuse(
            Msg::new(Key::NewCannotWrite)
                .arg(&rel)
                .arg_msg(io_reason(&e)),
            msg!(NewCannotWriteHint),
            lang,
        ),
    }
}
