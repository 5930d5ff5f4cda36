//! Render stage: `/stats/` read as a report — a summary per year, then one
//! section per campaign.
//!
//! Takes the site with its aggregated statistics; gives template values.
//! The summary counts each year's bulletins, campaigns and regions and gives
//! each campaign's headline totals in that year, with the months and the
//! bulletins they cover. Totals are never added across campaigns: two
//! campaigns may count the same metric differently (their 口径). A section
//! shows a campaign's totals, one chart per headline metric, and keeps the
//! rest (other charts, the table by region) for a reader who asks.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::context::Shared;
use super::format::format_period;
use super::stats_page::{self, ChartView};
use super::totals::{self, TotalView};
use super::urls;
use crate::site::Site;
use crate::site::aggregate::{Totals, merge_all};
use crate::site::span::Span;

/// How many metrics a campaign's headline has, and how many charts its section shows open.
const HEADLINE: usize = 2;

/// How many rows a table by region on `/stats/` lists at most: with every
/// county of a national archive, its tables passed 1.9 MB. Deeper regions
/// are on each region's own page (its 下级地区) and in `stats.csv`.
const REGION_ROWS: usize = 100;

/// How many campaigns a year of the summary lists at most: those with the
/// most bulletins that year. With 300 campaigns a year, the summary alone
/// made `/stats/` 1 MB; the others are in its table by campaign and on
/// their own pages, and the template says how many.
const YEAR_CAMPAIGNS: usize = 20;

/// Which rows of a table by region, the region tree in order, `/stats/`
/// lists: those down to the deepest level that keeps them within
/// [`REGION_ROWS`] (the top level always). Gives that depth and how many
/// rows are left out.
pub(super) fn shown_depth(depths: impl Iterator<Item = usize> + Clone) -> (usize, usize) {
    depth_within(depths, REGION_ROWS)
}

/// [`shown_depth`] for a list of at most `rows` rows.
pub(super) fn depth_within(
    depths: impl Iterator<Item = usize> + Clone,
    rows: usize,
) -> (usize, usize) {
    let all = depths.clone().count();
    let mut depth = 0;
    while depths.clone().any(|d| d > depth)
        && depths.clone().filter(|&d| d <= depth + 1).count() <= rows
    {
        depth += 1;
    }
    let hidden = all - depths.filter(|&d| d <= depth).count();
    (depth, hidden)
}

/// One campaign in one year of the summary.
#[derive(Serialize)]
struct CampaignYear {
    name: String,
    url: String,
    bulletins: usize,
    /// The months of the year its bulletins span (`8月—12月`).
    period: String,
    /// Its headline metrics that have data in the year.
    totals: Vec<TotalView>,
}

/// One year of the summary.
#[derive(Serialize)]
struct YearSummary {
    year: i16,
    bulletins: usize,
    campaigns: usize,
    regions: usize,
    period: String,
    items: Vec<CampaignYear>,
}

/// A region's row in a campaign's table by region.
#[derive(Serialize)]
struct RegionRow {
    name: String,
    url: String,
    depth: usize,
    bulletins: usize,
    cells: Vec<String>,
}

/// A column of a campaign's table by region.
#[derive(Serialize)]
struct MetricCol {
    label: String,
    /// How it is combined (`sum`, `mean` …).
    aggregate: &'static str,
}

/// The sections of `/stats/` made so far, one slot per campaign. A
/// section is made of its campaign's own figures only, so a save that
/// changes the figures of some bulletins makes their campaigns' sections
/// again and keeps the others: the preview makes `/stats/` again on every
/// such save, and a dozen sections took it 20 ms.
#[derive(Clone, Default)]
pub struct Sections(Vec<OnceLock<Arc<Section>>>);

impl Sections {
    /// No section made yet, for a site of `campaigns` campaigns.
    pub fn new(campaigns: usize) -> Sections {
        Sections((0..campaigns).map(|_| OnceLock::new()).collect())
    }

    /// These sections but those of `campaigns`, to be made again.
    pub fn without(&self, campaigns: impl IntoIterator<Item = usize>) -> Sections {
        let mut next = self.clone();
        for c in campaigns {
            if let Some(slot) = next.0.get_mut(c) {
                *slot = OnceLock::new();
            }
        }
        next
    }

    /// Campaign `c`'s section: the one made before, else made now by `make`.
    fn get(&self, c: usize, make: impl FnOnce() -> Section) -> Arc<Section> {
        match self.0.get(c) {
            Some(slot) => Arc::clone(slot.get_or_init(|| Arc::new(make()))),
            None => Arc::new(make()),
        }
    }
}

/// A campaign's section.
#[derive(Serialize)]
pub struct Section {
    /// The campaign's full value (name, status, organisers, totals with targets).
    campaign: Value,
    /// One chart per headline metric, shown open.
    charts: Vec<ChartView>,
    /// The campaign's other charts.
    more: Vec<ChartView>,
    /// The metrics the campaign has data for (the region table's columns).
    metrics: Vec<MetricCol>,
    /// Its totals by region, the region tree in order.
    regions: Vec<RegionRow>,
    /// The deepest level of `regions` the default theme lists (0 = the
    /// top), and how many rows below it are left out (see [`shown_depth`]).
    region_depth: usize,
    regions_hidden: usize,
}

/// The metrics of campaign `c` that have data, most telling first: those it
/// has a target for, then those the most bulletins reported.
pub fn headline_metrics(site: &Site, c: usize) -> Vec<usize> {
    let Some(totals) = site.stats.campaigns.get(c) else {
        return Vec::new();
    };
    let count = |i: usize| totals.get(i).copied().flatten().map_or(0, |t| t.count);
    let targeted = |i: usize| {
        let key = &site.config.metrics[i].key;
        site.campaigns[c].targets.iter().any(|t| &t.key == key)
    };
    let mut order: Vec<usize> = (0..site.config.metrics.len())
        .filter(|&i| count(i) > 0)
        .collect();
    order.sort_by_key(|&i| (!targeted(i), std::cmp::Reverse(count(i))));
    order
}

/// What one year of the archive holds: its bulletins, and for each
/// campaign (by position) and region (by node) the bulletins it has in it.
struct YearScan {
    span: Span,
    campaigns: Vec<Span>,
    regions: Vec<bool>,
}

/// Every year of the archive, newest first, in one pass over the bulletins:
/// at 100,000 bulletins, looking for each campaign's bulletins of each year
/// in turn took the preview 20 ms on every save that changed a figure.
fn scan_years(site: &Site) -> Vec<(i16, YearScan)> {
    let mut years: Vec<(i16, YearScan)> = Vec::new();
    for (&(y, m), list) in site.archive.iter().rev() {
        if years.last().is_none_or(|(last, _)| *last != y) {
            years.push((
                y,
                YearScan {
                    span: Span::default(),
                    campaigns: vec![Span::default(); site.campaigns.len()],
                    regions: vec![false; site.regions.nodes.len()],
                },
            ));
        }
        let Some((_, year)) = years.last_mut() else {
            continue;
        };
        year.span.add_many((y, m), list.len());
        for &i in list {
            let it = &site.items[i];
            for &c in &it.campaigns {
                if let Some(span) = year.campaigns.get_mut(c) {
                    span.add((y, m));
                }
            }
            if let Some(seen) = year.regions.get_mut(it.region) {
                *seen = true;
            }
        }
    }
    years
}

/// The summary, newest year first.
fn summary(site: &Site, shared: &Shared) -> Vec<YearSummary> {
    let headlines: Vec<Vec<usize>> = (0..site.campaigns.len())
        .map(|c| headline_metrics(site, c))
        .collect();
    scan_years(site)
        .into_iter()
        .map(|(y, year)| {
            let mut items: Vec<CampaignYear> = (year.campaigns.iter().enumerate())
                .filter(|(_, span)| span.bulletins > 0)
                .map(|(c, span)| campaign_year(site, shared, (c, y, span), &headlines[c]))
                .collect();
            let campaigns = items.len();
            keep_busiest(&mut items);
            YearSummary {
                year: y,
                bulletins: year.span.bulletins,
                campaigns,
                regions: year.regions.iter().filter(|&&r| r).count(),
                period: format_period(&year.span),
                items,
            }
        })
        .collect()
}

/// Keeps the [`YEAR_CAMPAIGNS`] campaigns of a year with the most
/// bulletins (on a tie, the earlier), in their order.
fn keep_busiest(items: &mut Vec<CampaignYear>) {
    keep_most(items, YEAR_CAMPAIGNS, |c| c.bulletins);
}

/// Keeps the `max` items with the largest `key` (on a tie, the earlier),
/// in their order: how a list that would grow with the site is cut.
pub(super) fn keep_most<T, K: Ord>(items: &mut Vec<T>, max: usize, key: impl Fn(&T) -> K) {
    if items.len() <= max {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(key(&items[k])));
    let mut keep = vec![false; items.len()];
    for &k in &order[..max] {
        keep[k] = true;
    }
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// Campaign `c` in year `y`, whose bulletins span `span`: their months,
/// and its headline metrics merged from its months of the year.
fn campaign_year(
    site: &Site,
    shared: &Shared,
    (c, y, span): (usize, i16, &Span),
    order: &[usize],
) -> CampaignYear {
    let s = &site.stats;
    let months = s
        .campaign_months
        .range((c, (y, i8::MIN))..=(c, (y, i8::MAX)))
        .map(|(_, t)| t);
    let year: Totals = merge_all(months, &site.config.metrics);
    let keep: Vec<usize> = (order.iter().copied())
        .filter(|&i| year.get(i).copied().flatten().is_some())
        .take(HEADLINE)
        .collect();
    let mut totals = totals::views(site, &year, &[]);
    let key = |i: usize| site.config.metrics[i].key.as_str();
    totals.retain(|t| keep.iter().any(|&i| key(i) == t.key));
    totals.sort_by_key(|t| keep.iter().position(|&i| key(i) == t.key));
    let camp = &site.campaigns[c];
    CampaignYear {
        name: camp.name.clone(),
        url: shared.urls.url(&urls::campaign(&camp.slug, 1)),
        bulletins: span.bulletins,
        period: months_of_year(span),
        totals,
    }
}

/// The months of a span within one year, the year left to the heading:
/// `8月—12月`, `6月`.
fn months_of_year(span: &Span) -> String {
    match span.months {
        None => String::new(),
        Some(((_, a), (_, b))) if a == b => format!("{a}月"),
        Some(((_, a), (_, b))) => format!("{a}月—{b}月"),
    }
}

/// Campaign `c`'s section.
fn section(site: &Site, shared: &Shared, c: usize) -> Section {
    let order = headline_metrics(site, c);
    let mut open = Vec::new();
    let mut charts = stats_page::campaign_charts(site, c);
    // For each headline metric, its first chart that compares two or more parts.
    for &m in order.iter().take(HEADLINE) {
        if let Some(k) = charts.iter().position(|ch| ch.metric == m && ch.points > 1) {
            open.push(charts.remove(k));
        }
    }
    // A chart of one bar or point says no more than the totals table.
    let more = charts.into_iter().filter(|ch| ch.points > 1).collect();
    let with_data: Vec<usize> = {
        let mut v = order.clone();
        v.sort_unstable();
        v
    };
    let regions = region_rows(site, shared, c, &with_data);
    let (region_depth, regions_hidden) = shown_depth(regions.iter().map(|r| r.depth));
    Section {
        campaign: shared.campaigns.get(c).cloned().unwrap_or_else(Value::none),
        charts: open,
        more,
        metrics: (with_data.iter())
            .map(|&i| MetricCol {
                label: site.config.metrics[i].label.clone(),
                aggregate: totals::aggregate_name(site.config.metrics[i].aggregate),
            })
            .collect(),
        region_depth,
        regions_hidden,
        regions,
    }
}

/// Campaign `c`'s totals in every region it has bulletins in, for the metrics `cols`.
fn region_rows(site: &Site, shared: &Shared, c: usize, cols: &[usize]) -> Vec<RegionRow> {
    let mut counts = vec![0usize; site.regions.nodes.len()];
    for &i in &site.by_campaign[c] {
        let mut at = Some(site.items[i].region);
        while let Some(r) = at {
            counts[r] += 1;
            at = site.regions.nodes[r].parent;
        }
    }
    let s = &site.stats;
    (site.regions.nodes.iter().enumerate())
        .filter(|&(r, _)| counts[r] > 0)
        .map(|(r, n)| {
            let all = totals::cells(site, s.campaign_regions.get(&(c, r)));
            RegionRow {
                name: n.name.clone(),
                url: shared.urls.url(&urls::region(&n.slug_path, 1)),
                depth: n.depth,
                bulletins: counts[r],
                cells: cols.iter().map(|&i| all[i].clone()).collect(),
            }
        })
        .collect()
}

/// About how many bytes the sections of `/stats/` take at most, by
/// [`Section::weight`]: a section of the benchmark site (seven years, 40
/// regions, five metrics) is some 28 KB, one of an archive with 31
/// provinces and 300 campaigns some 50 KB.
const SECTIONS_BYTES: usize = 300 * 1024;

impl Section {
    /// About how many bytes the default theme writes for this section:
    /// its open charts, the rows its table by region lists, and the rest.
    fn weight(&self) -> usize {
        let charts: usize = (self.charts.iter())
            .map(|ch| ch.svg.len() + ch.table.len())
            .sum();
        let rows = (self.regions.iter())
            .filter(|r| r.depth <= self.region_depth)
            .count();
        charts + rows * (120 + 40 * self.metrics.len()) + 2048
    }
}

/// The report's values: `summary` (per year) and `sections`, one per
/// featured campaign (those menus and the home page show, at most
/// [`FEATURED_CAMPAIGNS`](super::context::FEATURED_CAMPAIGNS)) that fit
/// in [`SECTIONS_BYTES`], the most recent first (and that one always):
/// with every campaign `/stats/` passed 500 KB from about 15 campaigns on.
/// The others' figures are in the table by campaign, and on their own
/// pages.
pub fn report_values(site: &Site, shared: &Shared) -> (Value, Value) {
    let mut recent = shared.featured.clone();
    recent.sort_by_key(|&c| super::context::newest_item(&site.by_campaign, c));
    // Each section is made on a core of its own (a dozen at most, about 2 ms
    // each), and the summary beside them: the preview makes this value
    // again on every save that changes a figure.
    let (made, summary) = rayon::join(
        || {
            (recent.par_iter())
                .map(|&c| (c, shared.sections.get(c, || section(site, shared, c))))
                .collect::<Vec<_>>()
        },
        || summary(site, shared),
    );
    let mut sections: Vec<(usize, Arc<Section>)> = Vec::new();
    let mut weight = 0;
    for (c, s) in made {
        weight += s.weight();
        if weight > SECTIONS_BYTES && !sections.is_empty() {
            break;
        }
        sections.push((c, s));
    }
    sections.sort_by_key(|&(c, _)| c);
    let sections: Vec<&Section> = sections.iter().map(|(_, s)| &**s).collect();
    (
        Value::from_serializable(&summary),
        Value::from_serializable(&sections),
    )
}

#[cfg(test)]
mod tests {
    use super::{CampaignYear, REGION_ROWS, YEAR_CAMPAIGNS, keep_busiest, shown_depth};

    #[test]
    fn a_year_lists_its_busiest_campaigns_in_their_order() {
        let year = |counts: &[usize]| -> Vec<CampaignYear> {
            (counts.iter().enumerate())
                .map(|(k, &bulletins)| CampaignYear {
                    name: format!("c{k}"),
                    url: String::new(),
                    bulletins,
                    period: String::new(),
                    totals: Vec::new(),
                })
                .collect()
        };
        let names = |items: &[CampaignYear]| -> Vec<String> {
            items.iter().map(|c| c.name.clone()).collect()
        };
        // Up to the limit, all of them, as they were.
        let mut few = year(&[1; YEAR_CAMPAIGNS]);
        keep_busiest(&mut few);
        assert_eq!(few.len(), YEAR_CAMPAIGNS);
        // Past it, the busiest, in their order; a tie goes to the earlier.
        let mut counts = vec![1; YEAR_CAMPAIGNS + 5];
        counts[YEAR_CAMPAIGNS + 4] = 9;
        counts[YEAR_CAMPAIGNS + 1] = 2;
        let mut many = year(&counts);
        keep_busiest(&mut many);
        let mut want: Vec<String> = (0..YEAR_CAMPAIGNS - 2).map(|k| format!("c{k}")).collect();
        want.extend([YEAR_CAMPAIGNS + 1, YEAR_CAMPAIGNS + 4].map(|k| format!("c{k}")));
        assert_eq!(names(&many), want);
    }

    /// `n` rows at each depth, as a tree in order lists them (the order
    /// does not matter to the rule).
    fn rows(per_depth: &[usize]) -> Vec<usize> {
        (per_depth.iter().enumerate())
            .flat_map(|(d, &n)| std::iter::repeat_n(d, n))
            .collect()
    }

    #[test]
    fn a_table_by_region_lists_the_levels_that_fit() {
        // Everything fits: nothing left out.
        assert_eq!(shown_depth(rows(&[3, 20, 70]).into_iter()), (2, 0));
        // Counties do not fit: provinces and cities are listed.
        assert_eq!(shown_depth(rows(&[31, 330, 2800]).into_iter()), (0, 3130));
        assert_eq!(shown_depth(rows(&[11, 29, 1625]).into_iter()), (1, 1625));
        // Exactly the limit fits; one more does not.
        assert_eq!(shown_depth(rows(&[1, REGION_ROWS - 1]).into_iter()), (1, 0));
        assert_eq!(shown_depth(rows(&[1, REGION_ROWS]).into_iter()), (0, 100));
        // The top level is listed even when it alone is over the limit.
        assert_eq!(shown_depth(rows(&[150, 5]).into_iter()), (0, 5));
        assert_eq!(shown_depth(std::iter::empty()), (0, 0));
    }
}
