//! Template values: the site model → Tera values, built once per build.
//!
//! Each bulletin's "brief" (what lists show) is built a single time and
//! shared by every page that lists it; Tera values are reference-counted,
//! so putting one in many pages costs a pointer copy.

use serde::Serialize;
use tera::Value;

use super::urls::{self, Urls};
use crate::content::bulletin::SourceInfo;
use crate::site::Site;

/// Values shared by every page of one build.
pub struct Shared {
    /// URL builder.
    pub urls: Urls,
    /// `site`.
    pub site: Value,
    /// Brief of each bulletin (index = item index).
    pub briefs: Vec<Value>,
    /// Brief of each campaign.
    pub campaign_briefs: Vec<Value>,
    /// Full value of each campaign.
    pub campaigns: Vec<Value>,
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
    generator: String,
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
    organizer: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    intro: &'a str,
    targets: Vec<MetricV<'a>>,
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

#[derive(Serialize)]
struct Brief<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    date: String,
    datetime: String,
    date_zh: String,
    year: i16,
    month: i8,
    summary: &'a str,
    summary_text: &'a str,
    campaigns: Vec<Value>,
    region: RegionRef,
    region_crumbs: Vec<RegionRef>,
    tags: Vec<TagRef<'a>>,
    metrics: Vec<MetricV<'a>>,
    source: Option<&'a SourceInfo>,
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
        let campaigns = site
            .campaigns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Value::from_serializable(&CampaignFull {
                    brief: campaign_brief(site, &urls, i, &c.slug),
                    organizer: c.organizer.as_deref(),
                    start: c.start.map(|d| d.ymd()),
                    end: c.end.map(|d| d.ymd()),
                    intro: &c.intro_html,
                    targets: c
                        .targets
                        .iter()
                        .map(|t| metric_v(site, &t.key, &t.raw))
                        .collect(),
                })
            })
            .collect();
        let briefs = (0..site.items.len())
            .map(|i| {
                let it = &site.items[i];
                let b = &it.bulletin;
                let crumbs = region_crumbs(site, &urls, it.region);
                let path = urls::bulletin(&b.slug);
                Value::from_serializable(&Brief {
                    slug: &b.slug,
                    title: &b.title,
                    url: urls.url(&path),
                    permalink: urls.permalink(&path),
                    date: b.date.ymd(),
                    datetime: b.date.rfc3339(),
                    date_zh: b.date.zh(),
                    year: b.date.year(),
                    month: b.date.month(),
                    summary: &b.summary_html,
                    summary_text: &b.summary_text,
                    campaigns: it
                        .campaigns
                        .iter()
                        .map(|&c| campaign_briefs[c].clone())
                        .collect(),
                    region: crumbs.last().cloned().unwrap_or(RegionRef {
                        name: String::new(),
                        path: String::new(),
                        url: urls.url("regions/"),
                    }),
                    region_crumbs: crumbs,
                    tags: b
                        .tags
                        .iter()
                        .zip(&it.tag_slugs)
                        .map(|(name, slug)| TagRef {
                            name,
                            url: urls.url(&urls::tag(slug, 1)),
                        })
                        .collect(),
                    metrics: b
                        .metrics
                        .iter()
                        .map(|m| metric_v(site, &m.key, &m.raw))
                        .collect(),
                    source: b.source.as_ref(),
                })
            })
            .collect();
        let site_v = Value::from_serializable(&SiteV {
            title: &cfg.title,
            description: &cfg.description,
            base_url: &cfg.base_url,
            base_path: urls.base_path(),
            language: &cfg.language,
            campaigns: &campaign_briefs,
            generator: format!("jianxun {}", env!("CARGO_PKG_VERSION")),
        });
        Shared {
            urls,
            site: site_v,
            briefs,
            campaign_briefs,
            campaigns,
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

fn metric_v<'a>(site: &'a Site, key: &'a str, raw: &'a str) -> MetricV<'a> {
    let m = site.config.metric(key);
    let unit = m.map(|m| m.unit.as_str()).unwrap_or("");
    // Values may already carry the unit (600余万元) or a trailing bound (80家左右).
    let written_unit = raw.chars().any(|c| {
        !(c.is_ascii_digit()
            || ",.，．".contains(c)
            || "零〇一二两三四五六七八九十百千万亿余多以上超逾近约左右".contains(c)
            || ('０'..='９').contains(&c))
    });
    let display = if unit.is_empty() || written_unit {
        raw.to_string()
    } else {
        format!("{raw}{unit}")
    };
    MetricV {
        key,
        label: m.map(|m| m.label.as_str()).unwrap_or(key),
        value: raw,
        unit,
        display,
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
