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
fn read_site(root: &Path) -> Result<(Sources, Parsed), i32> {
    match discover(root) {
        Ok(sources) => {
            let (parsed, _) = parse(&sources);
            Ok((sources, parsed))
        }
        Err(diags) => {
            report(diags);
            Err(CONTENT_ERRORS)
        }
    }
}

fn refuse(message: String, hint: &str) -> i32 {
    let message = crate::diag::escape_controls(&message);
    eprintln!("error: {message}\n  = hint: {hint}");
    CONTENT_ERRORS
}

fn created(rel: &str, page: &str) -> i32 {
    println!("Created {rel}");
    println!("Preview: {PREVIEW}{page} (while `jianxun serve` runs)");
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
        } => new_bulletin(root, title, campaign, region, date.as_deref()),
        NewOpts::Campaign { root, slug, name } => new_campaign(root, slug, name),
    }
}

/// The date given (checked), or today in China.
fn date_or_today(date: Option<&str>) -> Result<String, i32> {
    match date {
        Some(d) => match Date::parse(d) {
            Ok(_) => Ok(d.trim().to_string()),
            Err(msg) => Err(usage(&msg, Some("write the date as 2025-06-12"))),
        },
        None => Ok(jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::fixed(CHINA))
            .date()
            .to_string()),
    }
}

/// The slug of the campaign written `wanted` (slug, name or full name), or
/// the usage error naming the campaigns there are.
fn campaign_of(parsed: &Parsed, wanted: &str) -> Result<String, i32> {
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
            format!("did you mean {name} ({slug})?")
        }
        None if parsed.campaigns.is_empty() => {
            "there are no campaigns yet: create one with `jianxun new campaign SLUG --name 名称`"
                .into()
        }
        None => format!(
            "known campaigns: {}",
            parsed
                .campaigns
                .iter()
                .map(|c| format!("{} ({})", c.name, c.slug))
                .collect::<Vec<_>>()
                .join("、")
        ),
    };
    Err(usage(&format!("unknown campaign `{wanted}`"), Some(&hint)))
}

fn new_bulletin(root: &Path, title: &str, campaign: &str, region: &str, date: Option<&str>) -> i32 {
    let title = title.trim();
    if title.is_empty() {
        return usage(
            "the title is empty",
            Some("jianxun new bulletin \"宜宾安康杯竞赛走进园区\" …"),
        );
    }
    let region_parts = split_region(region);
    if region_parts.is_empty() {
        return usage(
            "the region is empty",
            Some("write it broad to narrow, e.g. --region 四川/宜宾, or --region 全国"),
        );
    }
    let date = match date_or_today(date) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let (sources, parsed) = match read_site(root) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Written the canonical way, so `check` has nothing to say about it.
    let region_path = match Gazetteer::of(&sources.config).resolve(region) {
        Ok(p) => p.join("/"),
        Err(problem) => {
            let (_, message, hint) = problem.describe(region);
            return usage(&message, Some(&hint));
        }
    };
    let slug = scaffold::bulletin_slug(title, &sources.config.region_slugs);
    if slug.is_empty() {
        return usage(
            &format!("cannot make a URL slug from the title `{title}`"),
            Some("give the title some Chinese characters, letters or digits"),
        );
    }
    // `new` cuts long slugs itself; a device name it cannot help.
    if let Some(u) = crate::pathname::unfit(&slug) {
        return usage(
            &u.message(&slug, " made from the title"),
            Some("give the bulletin a different title"),
        );
    }
    let campaign_slug = match campaign_of(&parsed, campaign.trim()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let year = date.get(..4).unwrap_or("0000");
    let rel = format!("content/bulletins/{year}/{slug}.md");
    if let Some(other) = parsed.bulletins.iter().find(|b| b.slug == slug) {
        return refuse(
            format!(
                "a bulletin with the slug `{slug}` already exists: {}",
                crate::diag::shown(&other.path)
            ),
            "edit that bulletin, or give the new one a different title",
        );
    }
    let text = scaffold::bulletin(
        title,
        &date,
        &campaign_slug,
        &region_path,
        &sources.config.metrics,
    );
    match write_new(&root.join(&rel), &text) {
        Ok(()) => created(&rel, &urls::bulletin(&slug)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse(
            format!("{rel} already exists"),
            "edit it, or give the new bulletin a different title",
        ),
        Err(e) => refuse(
            format!("cannot write {rel}: {e}"),
            "check that the folder is writable",
        ),
    }
}

fn new_campaign(root: &Path, slug: &str, name: &str) -> i32 {
    let slug = slug.trim();
    let clean = slugify(slug);
    if clean != slug || slug.is_empty() {
        let hint = if clean.is_empty() {
            "use lowercase ASCII words joined by `-`, e.g. song-wennuan".to_string()
        } else {
            format!("did you mean {clean}?")
        };
        return usage(
            &format!("`{slug}` is not a slug (lowercase ASCII words joined by `-`)"),
            Some(&hint),
        );
    }
    if let Some(u) = crate::pathname::unfit(slug) {
        return usage(
            &u.message(slug, ""),
            Some(&format!("choose another slug, e.g. {slug}-1")),
        );
    }
    let name = name.trim();
    if name.is_empty() {
        return usage("the name is empty", Some("--name 送温暖行动"));
    }
    let (sources, parsed) = match read_site(root) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(c) = parsed.campaigns.iter().find(|c| c.name == name) {
        return refuse(
            format!(
                "the campaign {} already has the name {name}",
                crate::diag::shown(&c.path)
            ),
            "give the new campaign its own name",
        );
    }
    let rel = format!("content/campaigns/{slug}.md");
    match write_new(
        &root.join(&rel),
        &scaffold::campaign(name, &sources.config.metrics),
    ) {
        Ok(()) => created(&rel, &urls::campaign(slug, 1)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse(
            format!("{rel} already exists"),
            "edit it, or choose another slug",
        ),
        Err(e) => refuse(
            format!("cannot write {rel}: {e}"),
            "check that the folder is writable",
        ),
    }
}
