//! Template values: the site model → Tera values, built once per build.
//!
//! Each bulletin's "brief" (what lists show) is built a single time and
//! shared by every page that lists it; Tera values are reference-counted,
//! so putting one in many pages costs a pointer copy.
//!
//! What every page shows stays bounded: menus offer the
//! [`FEATURED_CAMPAIGNS`] most recently active campaigns, not all of them,
//! so a site of thousands of campaigns does not repeat them on every page.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::Value;

use super::chunked::Chunked;
use super::format::{format_period, format_written};
use super::markdown;
pub use super::report::Sections;
use super::totals::{self, TotalView};
use super::urls::{self, Urls};
use crate::content::bulletin::MetricEntry;
use crate::content::campaign::Campaign;
use crate::messages::{Key, Msg};
use crate::site::Site;
use crate::site::span::Span;

/// How many campaigns menus and the home page show at most; the campaign
/// list (`/campaigns/`) shows them all.
pub const FEATURED_CAMPAIGNS: usize = 12;

/// Values shared by every page of one build.
pub struct Shared {
    /// URL builder.
    pub urls: Urls,
    /// `site`.
    pub site: Value,
    /// Brief of each bulletin (index = item index).
    pub briefs: Chunked<Value>,
    /// Brief of each campaign.
    pub campaign_briefs: Vec<Value>,
    /// The values many briefs hold alike (regions, tags), built once.
    parts: Arc<Parts>,
    /// Full value of each campaign.
    pub campaigns: Vec<Value>,
    /// The campaigns menus and the home page show, in the site's order.
    pub featured: Vec<usize>,
    /// Every scope's totals, for the `stats()` template function.
    pub stats: Value,
    /// Positions by slug: bulletins, campaigns and plain pages.
    pub index: Arc<Index>,
    /// Every bulletin's position, newest first (the list of the home page).
    pub all: Arc<Vec<usize>>,
    /// Whether `stats.csv` leaves the campaign × region rows to the
    /// campaigns' own files (see [`super::sheet::campaign_regions_apart`]).
    pub csv_apart: bool,
    /// The sections of `/stats/` made so far (see [`Sections`]).
    pub sections: Sections,
}

/// Whether `site`'s `stats.csv` leaves its campaign × region rows apart.
fn csv_apart(site: &Site) -> bool {
    super::sheet::campaign_regions_apart(site, super::sheet::sheet_rows())
}

/// Positions of the site's things by slug.
#[derive(Debug, Default)]
pub struct Index {
    bulletins: HashMap<String, usize>,
    campaigns: HashMap<String, usize>,
    pages: HashMap<String, usize>,
}

impl Index {
    fn of(site: &Site) -> Index {
        Index {
            bulletins: site
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| (it.bulletin.slug.clone(), i))
                .collect(),
            campaigns: site
                .campaigns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.slug.clone(), i))
                .collect(),
            pages: site
                .pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.slug.clone(), i))
                .collect(),
        }
    }
}

/// A link with a title.
#[derive(Serialize, Clone)]
pub struct Crumb {
    /// Text.
    pub title: String,
    /// URL.
    pub url: String,
}

#[derive(Serialize)]
struct SiteV<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    campaigns: &'a [Value],
    /// The featured campaigns' briefs, for menus on every page.
    nav_campaigns: Vec<Value>,
    campaign_count: usize,
    generator: String,
    /// The default image pages are shared with (`share_image:`).
    share_image: Option<super::figures::ShareImage>,
}

#[derive(Serialize)]
struct CampaignBrief<'a> {
    slug: &'a str,
    name: &'a str,
    full_name: Option<&'a str>,
    url: String,
    bulletin_count: usize,
}

#[derive(Serialize)]
struct MetricV<'a> {
    key: &'a str,
    label: &'a str,
    value: &'a str,
    unit: &'a str,
    display: String,
}

#[derive(Serialize)]
struct CampaignFull<'a> {
    #[serde(flatten)]
    brief: CampaignBrief<'a>,
    /// The organisers joined with 、 (what themes show), none when there are none.
    organizer: Option<String>,
    /// The organisers one by one.
    organizers: &'a [String],
    start: Option<String>,
    end: Option<String>,
    /// `2024年3月11日`.
    start_zh: Option<String>,
    end_zh: Option<String>,
    /// 进行中, 已结束 or 未开始 on the build's date; none without dates.
    status: Option<String>,
    /// The status for a class name: `ongoing`, `ended`, `upcoming`.
    status_class: Option<&'static str>,
    intro: String,
    targets: Vec<MetricV<'a>>,
    totals: Vec<TotalView>,
    /// The months its bulletins span: what its totals cover.
    period: String,
    /// The day of its newest bulletin (`2024-03-11`), none without any.
    latest: Option<String>,
    /// Its own data file: its totals and its totals by region, as CSV.
    csv_url: String,
    /// That file's name, shown as the link.
    csv_name: String,
}

/// A region reference.
#[derive(Serialize, Clone)]
pub struct RegionRef {
    /// Last name.
    pub name: String,
    /// Full path.
    pub path: String,
    /// URL.
    pub url: String,
}

#[derive(Serialize)]
struct TagRef<'a> {
    name: &'a str,
    url: String,
}

impl Shared {
    /// Builds the shared values for `site`.
    pub fn new(site: &Site) -> Shared {
        let cfg = &site.config;
        let urls = Urls::new(cfg);
        let campaign_briefs: Vec<Value> = site
            .campaigns
            .iter()
            .enumerate()
            .map(|(i, c)| Value::from_serializable(&campaign_brief(site, &urls, i, &c.slug)))
            .collect();
        let campaigns = Shared::campaign_values(site, &urls);
        let parts = Arc::new(Parts::new(site, &urls));
        // Briefs are independent of each other: build them on all cores.
        let briefs = {
            use rayon::prelude::*;
            (0..site.items.len())
                .into_par_iter()
                .map(|i| brief(site, &urls, &campaign_briefs, &parts, i))
                .collect::<Vec<_>>()
                .into_iter()
                .collect()
        };
        let featured = featured(&site.by_campaign, FEATURED_CAMPAIGNS);
        let site_v = Value::from_serializable(&SiteV {
            title: &cfg.title,
            description: &cfg.description,
            base_url: &cfg.base_url,
            base_path: urls.base_path(),
            language: &cfg.language,
            campaigns: &campaign_briefs,
            nav_campaigns: featured
                .iter()
                .map(|&c| campaign_briefs[c].clone())
                .collect(),
            campaign_count: campaign_briefs.len(),
            generator: format!("jianxun {}", env!("CARGO_PKG_VERSION")),
            share_image: super::figures::site_share(site, &urls),
        });
        Shared {
            urls,
            site: site_v,
            briefs,
            campaign_briefs,
            parts,
            campaigns,
            featured,
            stats: super::filters::stats_value(site),
            index: Arc::new(Index::of(site)),
            all: Arc::new((0..site.items.len()).collect()),
            csv_apart: csv_apart(site),
            sections: Sections::new(site.campaigns.len()),
        }
    }

    /// Drops every bulletin's brief, once no page left to render lists
    /// bulletins (the derived files read the site model, not briefs).
    pub fn forget_briefs(&mut self) {
        self.briefs = Chunked::from_iter(std::iter::empty());
    }

    /// The position of the bulletin `slug`.
    pub fn bulletin(&self, slug: &str) -> Option<usize> {
        self.index.bulletins.get(slug).copied()
    }

    /// The position of the campaign `slug`.
    pub fn campaign(&self, slug: &str) -> Option<usize> {
        self.index.campaigns.get(slug).copied()
    }

    /// The position of the plain page `slug`.
    pub fn page(&self, slug: &str) -> Option<usize> {
        self.index.pages.get(slug).copied()
    }

    /// The full value of every campaign (with its totals and targets).
    fn campaign_values(site: &Site, urls: &Urls) -> Vec<Value> {
        site.campaigns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let stand = status(c, &site.config.today);
                Value::from_serializable(&CampaignFull {
                    brief: campaign_brief(site, urls, i, &c.slug),
                    organizer: (!c.organizers.is_empty()).then(|| c.organizers.join("、")),
                    organizers: &c.organizers,
                    start: c.start.map(|d| d.ymd()),
                    end: c.end.map(|d| d.ymd()),
                    start_zh: c.start.map(|d| d.zh()),
                    end_zh: c.end.map(|d| d.zh()),
                    status: stand.map(|s| Msg::new(s.0).zh()),
                    status_class: stand.map(|s| s.1),
                    intro: markdown::html(&c.intro, &c.links, site.config.markdown.unsafe_html),
                    totals: totals::views(
                        site,
                        &site.stats.campaigns.get(i).cloned().unwrap_or_default(),
                        &c.targets,
                    ),
                    targets: c.targets.iter().map(|t| metric_v(site, t)).collect(),
                    period: format_period(&Span::of(site, &site.by_campaign[i])),
                    latest: (site.by_campaign[i].first())
                        .map(|&it| site.items[it].bulletin.date.ymd()),
                    csv_url: urls.url(&crate::urls::campaign_csv(&c.slug)),
                    csv_name: crate::urls::file_name(&crate::urls::campaign_csv(&c.slug)).into(),
                })
            })
            .collect()
    }

    /// The shared values of `site`, a later state of `old_site`: values of
    /// bulletins that did not change are reused when the two sites have the
    /// same structure, else everything is built afresh.
    pub fn next(old_site: &Site, old: &Shared, site: &Site) -> Shared {
        if !same_structure(old_site, site) {
            return Shared::new(site);
        }
        let changed: Vec<usize> = (0..site.items.len())
            .filter(|&i| {
                let (a, b) = (&old_site.items[i], &site.items[i]);
                !Arc::ptr_eq(&a.bulletin, &b.bulletin) || a.links != b.links
            })
            .collect();
        old.refresh(site, &changed, old_site.stats != site.stats)
    }

    /// The shared values of `site`, a later state of the site of `self`
    /// with the same structure in which the bulletins at `changed` were
    /// edited (and the totals, when `stats`).
    pub fn refresh(&self, site: &Site, changed: &[usize], stats: bool) -> Shared {
        let mut briefs = self.briefs.clone();
        for &i in changed {
            briefs.set(
                i,
                brief(site, &self.urls, &self.campaign_briefs, &self.parts, i),
            );
        }
        let (campaigns, stats, csv_apart, sections) = if stats {
            // Only the campaigns of the changed bulletins have other figures.
            let touched = (changed.iter()).flat_map(|&i| site.items[i].campaigns.iter().copied());
            (
                Shared::campaign_values(site, &self.urls),
                super::filters::stats_value(site),
                csv_apart(site),
                self.sections.without(touched),
            )
        } else {
            (
                self.campaigns.clone(),
                self.stats.clone(),
                self.csv_apart,
                self.sections.clone(),
            )
        };
        Shared {
            urls: self.urls.clone(),
            site: self.site.clone(),
            briefs,
            campaign_briefs: self.campaign_briefs.clone(),
            parts: Arc::clone(&self.parts),
            campaigns,
            featured: self.featured.clone(),
            stats,
            index: Arc::clone(&self.index),
            all: Arc::clone(&self.all),
            csv_apart,
            sections,
        }
    }

    /// A region reference for node `id`.
    pub fn region_ref(&self, site: &Site, id: usize) -> RegionRef {
        let n = &site.regions.nodes[id];
        RegionRef {
            name: n.name.clone(),
            path: n.key.clone(),
            url: self.urls.url(&urls::region(&n.slug_path, 1)),
        }
    }
}

/// Where campaign `c` stands on `today` (`YYYY-MM-DD`): its status in
/// words and as a class name; none when it has no dates or today is unknown.
fn status(c: &Campaign, today: &str) -> Option<(Key, &'static str)> {
    if today.is_empty() || (c.start.is_none() && c.end.is_none()) {
        return None;
    }
    let (start, end) = (c.start.map(|d| d.ymd()), c.end.map(|d| d.ymd()));
    Some(if start.is_some_and(|s| today < s.as_str()) {
        (Key::StatusUpcoming, "upcoming")
    } else if end.is_some_and(|e| today > e.as_str()) {
        (Key::StatusEnded, "ended")
    } else {
        (Key::StatusOngoing, "ongoing")
    })
}

/// At most `max` campaigns, in the site's order: those with the newest
/// bulletins (then the most bulletins) when there are more. `by_campaign`
/// lists each campaign's item indices newest first, and items are sorted
/// newest first, so a smaller first index is a more recent campaign.
pub(super) fn featured(by_campaign: &[Vec<usize>], max: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..by_campaign.len()).collect();
    if chosen.len() > max {
        let newest = |c: usize| newest_item(by_campaign, c);
        chosen.sort_by_key(|&c| (newest(c), std::cmp::Reverse(by_campaign[c].len()), c));
        chosen.truncate(max);
        chosen.sort_unstable();
    }
    chosen
}

/// The position of campaign `c`'s newest bulletin among the site's
/// bulletins (newest first): the smaller, the more recent the campaign;
/// `usize::MAX` for a campaign without bulletins.
pub(super) fn newest_item(by_campaign: &[Vec<usize>], c: usize) -> usize {
    by_campaign[c].first().copied().unwrap_or(usize::MAX)
}

/// What many briefs hold alike, built once and shared by reference
/// (a Tera map or list is reference-counted): each region's reference and
/// crumbs, each tag's reference, each figure. Campaign briefs are
/// [`Shared::campaign_briefs`].
struct Parts {
    /// Per region node: the node's reference and its crumbs from the top.
    regions: Vec<(Value, Value)>,
    /// The region of a bulletin without one.
    no_region: (Value, Value),
    /// Per tag slug: the tag's name as the site spells it, and its reference.
    tags: HashMap<String, (String, Value)>,
    /// Per metric key and value as written: the metric's value. The same
    /// figure (`7`, `52%`, `1.6万`) recurs across many bulletins.
    metrics: HashMap<String, HashMap<String, Value>>,
}

impl Parts {
    fn new(site: &Site, urls: &Urls) -> Parts {
        let regions = if site.regions.nodes.is_empty() {
            Vec::new()
        } else {
            (0..site.regions.nodes.len())
                .map(|n| {
                    let crumbs = region_crumbs(site, urls, n);
                    region_parts(urls, crumbs)
                })
                .collect()
        };
        let tags = site
            .tags
            .values()
            .map(|t| {
                (
                    t.slug.clone(),
                    (t.name.clone(), tag_ref(urls, &t.name, &t.slug)),
                )
            })
            .collect();
        let mut metrics: HashMap<String, HashMap<String, Value>> = HashMap::new();
        for m in site.items.iter().flat_map(|it| &it.bulletin.metrics) {
            let per_key = metrics.entry(m.key.clone()).or_default();
            if !per_key.contains_key(&m.raw) {
                per_key.insert(m.raw.clone(), Value::from_serializable(&metric_v(site, m)));
            }
        }
        Parts {
            regions,
            no_region: region_parts(urls, Vec::new()),
            tags,
            metrics,
        }
    }

    /// The value of metric `m` of a bulletin of `site`.
    fn metric(&self, site: &Site, m: &MetricEntry) -> Value {
        match self.metrics.get(&m.key).and_then(|v| v.get(&m.raw)) {
            Some(v) => v.clone(),
            None => Value::from_serializable(&metric_v(site, m)),
        }
    }
}

/// A region's reference (its last crumb) and its crumbs, as values.
fn region_parts(urls: &Urls, crumbs: Vec<RegionRef>) -> (Value, Value) {
    let last = crumbs.last().cloned().unwrap_or(RegionRef {
        name: String::new(),
        path: String::new(),
        url: urls.url("regions/"),
    });
    (
        Value::from_serializable(&last),
        Value::from_serializable(&crumbs),
    )
}

fn tag_ref(urls: &Urls, name: &str, slug: &str) -> Value {
    Value::from_serializable(&TagRef {
        name,
        url: urls.url(&urls::tag(slug, 1)),
    })
}

/// The brief of item `i`: what every list shows of a bulletin. Built by
/// hand rather than serialised, so that the campaign, region, tag and
/// figure values in it are shared ones, not copies.
fn brief(site: &Site, urls: &Urls, campaign_briefs: &[Value], parts: &Parts, i: usize) -> Value {
    let it = &site.items[i];
    let b = &it.bulletin;
    let path = urls::bulletin(&b.slug);
    let (region, crumbs) = match parts.regions.get(it.region) {
        Some(r) if !site.regions.nodes.is_empty() => r.clone(),
        _ => parts.no_region.clone(),
    };
    let summary = match &b.summary_html {
        Some(h) => h.clone(),
        None => markdown::before_more(&b.body, &it.links, site.config.markdown.unsafe_html)
            .unwrap_or_default(),
    };
    let tags: Vec<Value> = (b.tags.iter())
        .map(|t| match parts.tags.get(&t.slug) {
            Some((name, v)) if *name == t.name => v.clone(),
            _ => tag_ref(urls, &t.name, &t.slug),
        })
        .collect();
    let metrics: Vec<Value> = (b.metrics.iter()).map(|m| parts.metric(site, m)).collect();
    let fields: [(&'static str, Value); 18] = [
        ("slug", b.slug.as_str().into()),
        ("title", b.title.as_str().into()),
        ("url", urls.url(&path).into()),
        ("permalink", urls.permalink(&path).into()),
        ("date", b.date.ymd().into()),
        ("datetime", b.date.rfc3339().into()),
        ("date_zh", b.date.zh().into()),
        ("year", b.date.year().into()),
        ("month", b.date.month().into()),
        ("summary", summary.into()),
        ("summary_text", b.summary_text.as_str().into()),
        (
            "campaigns",
            (it.campaigns.iter())
                .map(|&c| campaign_briefs[c].clone())
                .collect::<Vec<_>>()
                .into(),
        ),
        ("region", region),
        ("region_crumbs", crumbs),
        ("tags", tags.into()),
        ("metrics", metrics.into()),
        ("source", Value::from_serializable(&b.source.as_ref())),
        // 草稿 or 待审 on a bulletin the site does not publish (shown only
        // with `--drafts`, so a published page never carries it).
        (
            "unpublished",
            (!b.is_published(site.config.publish))
                .then(|| crate::content::review::label_of(b.status).zh())
                .into(),
        ),
    ];
    let map: tera::Map = fields
        .into_iter()
        .map(|(k, v)| (tera::value::Key::Str(k), v))
        .collect();
    Value::from(map)
}

fn campaign_brief<'a>(site: &'a Site, urls: &Urls, i: usize, slug: &'a str) -> CampaignBrief<'a> {
    let c = &site.campaigns[i];
    CampaignBrief {
        slug,
        name: &c.name,
        full_name: c.full_name.as_deref(),
        url: urls.url(&urls::campaign(slug, 1)),
        bulletin_count: site.by_campaign[i].len(),
    }
}

fn metric_v<'a>(site: &'a Site, m: &'a MetricEntry) -> MetricV<'a> {
    let decl = site.config.metric(&m.key);
    let unit = decl.map(|d| d.unit.as_str()).unwrap_or("");
    MetricV {
        key: &m.key,
        label: decl.map(|d| d.label.as_str()).unwrap_or(&m.key),
        value: &m.raw,
        unit,
        display: format_written(&m.raw, unit),
    }
}

fn region_crumbs(site: &Site, urls: &Urls, id: usize) -> Vec<RegionRef> {
    if site.regions.nodes.is_empty() {
        return Vec::new();
    }
    site.regions
        .ancestry(id)
        .into_iter()
        .map(|n| {
            let node = &site.regions.nodes[n];
            RegionRef {
                name: node.name.clone(),
                path: node.key.clone(),
                url: urls.url(&urls::region(&node.slug_path, 1)),
            }
        })
        .collect()
}

/// Whether two sites have the same bulletins in the same order and places,
/// the same campaigns, regions, tags, pages and configuration: then every
/// value but the briefs of changed bulletins is the same.
pub(crate) fn same_structure(a: &Site, b: &Site) -> bool {
    a.config == b.config
        && a.campaigns == b.campaigns
        && a.pages == b.pages
        && a.items.len() == b.items.len()
        && a.regions.nodes.len() == b.regions.nodes.len()
        && a.regions
            .nodes
            .iter()
            .zip(&b.regions.nodes)
            .all(|(x, y)| x.key == y.key && x.slug_path == y.slug_path)
        && a.tags.keys().eq(b.tags.keys())
        && a.items.iter().zip(&b.items).all(|(x, y)| {
            x.bulletin.slug == y.bulletin.slug
                && x.bulletin.date == y.bulletin.date
                && x.campaigns == y.campaigns
                && x.region == y.region
                && (x.bulletin.tags.iter().map(|t| &t.slug)).eq(y
                    .bulletin
                    .tags
                    .iter()
                    .map(|t| &t.slug))
                && x.bulletin.status == y.bulletin.status
        })
}

#[cfg(test)]
mod tests {
    use super::featured;

    #[test]
    fn featured_campaigns_are_the_most_recent_in_site_order() {
        // Items are numbered newest first.
        let by_campaign = vec![
            vec![5, 9],    // 0: newest item 5
            vec![],        // 1: no bulletins
            vec![0, 1, 2], // 2: the newest
            vec![3],       // 3
            vec![3, 8],    // 4: as new as 3, with more bulletins
            vec![7],       // 5
        ];
        for (max, want) in [
            (0, vec![]),
            (1, vec![2]),
            (2, vec![2, 4]),
            (3, vec![2, 3, 4]),
            (4, vec![0, 2, 3, 4]),
            (5, vec![0, 2, 3, 4, 5]),
            (6, vec![0, 1, 2, 3, 4, 5]),
            (12, vec![0, 1, 2, 3, 4, 5]),
        ] {
            assert_eq!(featured(&by_campaign, max), want, "at most {max}");
        }
        assert!(featured(&[], 12).is_empty());
    }
}
