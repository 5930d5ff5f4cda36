//! `jianxun stats`: the aggregated statistics in the terminal, as CSV or as JSON.
//!
//! Loads and aggregates the site (no rendering), narrows the scopes to the
//! campaign, region or year asked for, and prints them.

use super::{CONTENT_ERRORS, OK, USAGE, report};
use crate::cli::{StatsFormat, StatsOpts};
use crate::content::bulletin::Bulletin;
use crate::messages::Msg;
use crate::msg;
use crate::output::data::{self, Scope};
use crate::site::{Site, did_you_mean};
use crate::{BuildOptions, load};

/// Whether a bulletin lies in the months `--from` … `--to` (both included).
fn within(opts: &StatsOpts) -> impl Fn(&Bulletin) -> bool + Sync + '_ {
    |b: &Bulletin| {
        let ym = (b.date.year(), b.date.month());
        opts.from.is_none_or(|f| ym >= f) && opts.to.is_none_or(|t| ym <= t)
    }
}

/// Scopes matching the filters; an unknown campaign or region is a usage error.
fn select<'a>(site: &'a Site, opts: &StatsOpts) -> Result<Vec<Scope<'a>>, Refusal> {
    let period = opts.from.is_some() || opts.to.is_some();
    let all: Vec<Scope> = data::scopes_within(site, within(opts))
        .into_iter()
        .filter(|s| !period || s.span.bulletins > 0)
        .collect();
    let campaign = match &opts.campaign {
        Some(c) => match site.campaigns.iter().find(|x| x.slug == *c || x.name == *c) {
            Some(x) => Some(x),
            None => {
                let cands = site
                    .campaigns
                    .iter()
                    .flat_map(|x| [x.slug.as_str(), x.name.as_str()]);
                let hint = did_you_mean(c, cands).map(|b| msg!(DidYouMean, b));
                return Err((msg!(StatsNoCampaign, c), hint));
            }
        },
        None => None,
    };
    let region = match &opts.region {
        Some(r) => {
            // Any spelling of a region finds it: 四川省/宜宾市 is 四川/宜宾.
            let key = (crate::content::region::Gazetteer::of(&site.config).resolve(r))
                .unwrap_or_else(|_| crate::content::region::split_region(r))
                .join("/");
            match site.regions.get(&key) {
                Some(id) => Some(site.regions.nodes[id].key.clone()),
                None => {
                    let cands = site.regions.nodes.iter().map(|n| n.key.as_str());
                    let hint = did_you_mean(&key, cands).map(|b| msg!(DidYouMean, b));
                    return Err((msg!(StatsNoRegion, r), hint));
                }
            }
        }
        None => None,
    };
    let year = opts.year.map(|y| y.to_string());
    let in_region = |path: &str, r: &str| path == r || path.starts_with(&format!("{r}/"));
    let keep = |s: &Scope| -> bool {
        let camp_ok = |slug: &str| campaign.is_none_or(|c| c.slug == slug);
        let region_ok = |path: &str| region.as_deref().is_none_or(|r| in_region(path, r));
        let year_ok = |id: &str| year.as_deref().is_none_or(|y| id.starts_with(y));
        match s.kind {
            "site" => campaign.is_none() && region.is_none() && year.is_none(),
            "campaign" => camp_ok(&s.id) && region.is_none() && year.is_none(),
            "region" => campaign.is_none() && region_ok(&s.id) && year.is_none(),
            "year" | "month" => campaign.is_none() && region.is_none() && year_ok(&s.id),
            "campaign_region" => {
                let (c, r) = s.id.split_once('|').unwrap_or(("", ""));
                (campaign.is_some() || region.is_some())
                    && camp_ok(c)
                    && region_ok(r)
                    && year.is_none()
            }
            _ => false,
        }
    };
    Ok(all.into_iter().filter(|s| keep(s)).collect())
}

/// Why `--campaign`/`--region` selects nothing, and perhaps what was meant.
type Refusal = (Msg, Option<Msg>);

/// Runs `stats`; returns the exit code.
pub fn run(opts: &StatsOpts) -> i32 {
    let lang = super::lang(&opts.root);
    let loaded = match load(&opts.root, &BuildOptions::default()) {
        Ok(l) => l,
        Err(diags) => {
            report(diags, lang);
            return CONTENT_ERRORS;
        }
    };
    let mut site = loaded.site;
    if opts.from.is_some() || opts.to.is_some() {
        let stats = crate::site::statistics_within(&site, within(opts));
        site.stats = std::sync::Arc::new(stats);
    }
    let site = &site;
    let scopes = match select(site, opts) {
        Ok(s) => s,
        Err((message, hint)) => {
            super::print_error(&message, hint.as_ref(), lang);
            return USAGE;
        }
    };
    match opts.format {
        StatsFormat::Json => print!("{}", data::json(site, &scopes)),
        StatsFormat::Csv => {
            print!("{}", data::stats_csv(site, &scopes));
            past_sheet(&scopes, lang);
        }
        StatsFormat::Table => {
            let own = [msg!(StatsScope), msg!(StatsPeriod), msg!(StatsBulletins)];
            let own: Vec<String> = own.iter().map(|m| m.text(lang)).collect();
            let mut headers: Vec<&str> = own.iter().map(String::as_str).collect();
            headers.extend(site.config.metrics.iter().map(|m| m.label.as_str()));
            let rows: Vec<Vec<String>> = scopes
                .iter()
                .map(|s| {
                    let mut row = vec![
                        s.name.clone(),
                        crate::render::format::format_period(&s.span),
                        msg!(StatsBulletinCount, s.span.bulletins).text(lang),
                    ];
                    row.extend(crate::render::totals::cells(site, Some(s.totals)));
                    row
                })
                .collect();
            print!("{}", super::stats_format::aligned_table(&headers, &rows));
        }
    }
    OK
}

/// Warns, after the CSV, when it has more lines than a sheet of Excel or
/// WPS holds: opened there, its last rows would be lost without a word.
fn past_sheet(scopes: &[Scope], lang: crate::messages::Lang) {
    use crate::render::sheet;
    let lines = 1 + scopes
        .iter()
        .map(|s| sheet::values(s.totals))
        .sum::<usize>();
    let most = sheet::sheet_rows();
    if lines > most {
        let hint = msg!(StatsCsvPastSheetHint);
        eprintln!(
            "{}",
            crate::diag::plain_warning(&msg!(StatsCsvPastSheet, lines, most), Some(&hint), lang)
        );
    }
}
