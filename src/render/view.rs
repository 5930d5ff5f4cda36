//! Render stage: the value of every [`Key`] a page can read.
//!
//! Page contexts are assembled only from these values (see
//! [`super::pages`]), so two builds that give a key equal values give every
//! page reading it equal input. The live preview compares a key's value
//! before and after a change to know which recorded pages to render again.

use serde::Serialize;
use std::collections::HashMap;
use tera::Value;

use super::context::Shared;
use super::markdown;
use super::reads::{self, Key, List};
use super::urls;
use crate::site::Site;
use crate::site::span::Span;

/// The site and its template values, read by key.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The site model.
    pub site: &'a Site,
    /// Its template values.
    pub shared: &'a Shared,
    /// Values already computed for this state of the site (by the preview,
    /// to find what changed), so a page reading them does not compute them again.
    known: Option<&'a HashMap<Key, Value>>,
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let mut m = tera::Map::new();
    for (k, v) in entries {
        m.insert(k.to_string().into(), v);
    }
    Value::from(m)
}

/// A campaign's full value without its totals.
fn without_totals(v: &Value) -> Value {
    let mut m = v.as_map().cloned().unwrap_or_default();
    m.remove(&tera::value::Key::Str("totals"));
    Value::from(m)
}

/// The field `name` of a map value.
fn field_of(v: &Value, name: &str) -> Option<Value> {
    v.as_map()?.get(&tera::value::Key::Str(name)).cloned()
}

/// A bulletin body's digest, as the value the preview compares.
fn body_digest(body: &crate::content::markdown::Doc) -> String {
    format!("{:032x}", body.digest())
}

fn opt(v: Option<Value>) -> Value {
    v.unwrap_or_else(Value::none)
}

impl<'a> View<'a> {
    /// A view of `site`.
    pub fn new(site: &'a Site, shared: &'a Shared) -> View<'a> {
        View {
            site,
            shared,
            known: None,
        }
    }

    /// A view of `site` that takes the value of a key in `known` from there.
    pub fn with_known(
        site: &'a Site,
        shared: &'a Shared,
        known: &'a HashMap<Key, Value>,
    ) -> View<'a> {
        View {
            site,
            shared,
            known: Some(known),
        }
    }

    /// The value of `key`, recorded as read by the page being rendered.
    pub fn get(&self, key: Key) -> Value {
        reads::record(&key);
        match self.known.and_then(|k| k.get(&key)) {
            Some(v) => v.clone(),
            None => self.value(&key),
        }
    }

    /// The value of `key` (none when the thing it names does not exist).
    pub fn value(&self, key: &Key) -> Value {
        let (site, sh) = (self.site, self.shared);
        match key {
            Key::Site => sh.site.clone(),
            Key::Brief(slug) => opt(sh.bulletin(slug).map(|i| sh.briefs[i].clone())),
            Key::Bulletin(slug) => opt(sh.bulletin(slug).map(|i| self.bulletin(i))),
            Key::List(list, page) => opt(self.list(list).map(|l| self.list_page(l, *page))),
            Key::Campaigns => Value::from(sh.campaigns.as_slice()),
            Key::Featured => {
                let featured: Vec<Value> = sh
                    .featured
                    .iter()
                    .map(|&c| sh.campaigns[c].clone())
                    .collect();
                map(vec![
                    ("campaigns", Value::from(featured.as_slice())),
                    ("count", Value::from(sh.campaigns.len())),
                ])
            }
            Key::Campaign(slug) => opt(sh.campaign(slug).map(|c| without_totals(&sh.campaigns[c]))),
            Key::CampaignTotals(slug) => opt(sh
                .campaign(slug)
                .and_then(|c| field_of(&sh.campaigns[c], "totals"))),
            Key::CampaignCharts(slug) => opt(sh
                .campaign(slug)
                .map(|c| Value::from_serializable(&super::stats_page::campaign_charts(site, c)))),
            Key::Regions => self.regions(),
            Key::Region(path) => opt(site.regions.get(path).map(|r| self.region(r))),
            Key::RegionTotals(path) => opt(site.regions.get(path).map(|r| {
                let totals = site.stats.regions.get(r).cloned().unwrap_or_default();
                Value::from_serializable(&super::totals::views(site, &totals, &[]))
            })),
            Key::RegionCharts(path) => opt(site.regions.get(path).map(|r| {
                Value::from_serializable(&super::stats_page::region_charts(site, r, sh.csv_apart))
            })),
            Key::Tags => self.tags(),
            Key::Tag(slug) => opt(site.tags.get(slug).map(|t| {
                map(vec![
                    ("name", Value::from(t.name.as_str())),
                    ("url", Value::from(sh.urls.url(&urls::tag(slug, 1)))),
                ])
            })),
            Key::Archive => self.archive(),
            Key::ArchiveYear(y, page) => self.archive_year(*y, *page),
            Key::Page(slug) => opt(sh.page(slug).map(|i| self.page(i))),
            Key::SeriesIndex => super::series::index(self),
            Key::Series(slug) => super::series::one(self, slug),
            Key::StatsPage => super::stats_page::stats_value(site, sh),
            Key::Stats(scope) => stats_lookup(&sh.stats, scope),
            // Templates are not site data: the preview compares their texts.
            Key::Template(_) => Value::none(),
        }
    }

    /// The bulletins of a list, by position in the site.
    pub fn list(&self, list: &List) -> Option<&'a [usize]> {
        let site = self.site;
        match list {
            List::All => Some(&self.shared.all),
            List::Campaign(slug) => self
                .shared
                .campaign(slug)
                .map(|c| site.by_campaign[c].as_slice()),
            List::Region(path) => site
                .regions
                .get(path)
                .map(|r| site.regions.nodes[r].all.as_slice()),
            List::Tag(slug) => site.tags.get(slug).map(|t| t.bulletins.as_slice()),
        }
    }

    fn list_page(&self, list: &[usize], page: usize) -> Value {
        let per = self.site.config.paginate;
        let start = ((page.max(1) - 1) * per).min(list.len());
        let slugs: Vec<Value> = list[start..(start + per).min(list.len())]
            .iter()
            .map(|&i| Value::from(self.site.items[i].bulletin.slug.as_str()))
            .collect();
        map(vec![
            ("slugs", Value::from(slugs.as_slice())),
            ("total_items", Value::from(list.len())),
        ])
    }

    fn bulletin(&self, i: usize) -> Value {
        let site = self.site;
        let it = &site.items[i];
        let (older, newer) = site.neighbours(i);
        let slug =
            |j: Option<usize>| opt(j.map(|j| Value::from(site.items[j].bulletin.slug.as_str())));
        let campaign = it.campaigns.first().map(|&c| {
            let camp = &site.campaigns[c];
            map(vec![
                ("name", Value::from(camp.name.as_str())),
                ("slug", Value::from(camp.slug.as_str())),
            ])
        });
        map(vec![
            // What the body's HTML is made of; the page renders it (see
            // `pages::bulletin_plan`), so comparing values stays cheap. The
            // body's text is in the site model already: the preview keeps
            // this value for every bulletin, so it holds a digest of the
            // packed text (xxh3-128), not a second copy of it.
            ("body", Value::from(body_digest(&it.bulletin.body))),
            ("links", Value::from_serializable(&it.links)),
            ("older", slug(older)),
            ("newer", slug(newer)),
            ("campaign", opt(campaign)),
            ("print", super::series::of_bulletin(self, i)),
        ])
    }

    fn regions(&self) -> Value {
        #[derive(Serialize)]
        struct R<'a> {
            name: &'a str,
            path: &'a str,
            url: String,
            depth: usize,
            bulletin_count: usize,
        }
        let u = &self.shared.urls;
        let list: Vec<R> = self
            .site
            .regions
            .nodes
            .iter()
            .map(|n| R {
                name: &n.name,
                path: &n.key,
                url: u.url(&urls::region(&n.slug_path, 1)),
                depth: n.depth,
                bulletin_count: n.all.len(),
            })
            .collect();
        Value::from_serializable(&list)
    }

    fn region(&self, r: usize) -> Value {
        #[derive(Serialize)]
        struct Child<'a> {
            name: &'a str,
            path: &'a str,
            url: String,
            bulletin_count: usize,
        }
        let (site, sh) = (self.site, self.shared);
        let n = &site.regions.nodes[r];
        let u = &sh.urls;
        let children: Vec<Child> = n
            .children
            .iter()
            .map(|&c| {
                let cn = &site.regions.nodes[c];
                Child {
                    name: &cn.name,
                    path: &cn.key,
                    url: u.url(&urls::region(&cn.slug_path, 1)),
                    bulletin_count: cn.all.len(),
                }
            })
            .collect();
        let refs: Vec<_> = site
            .regions
            .ancestry(r)
            .iter()
            .map(|&c| sh.region_ref(site, c))
            .collect();
        map(vec![
            ("name", Value::from(n.name.as_str())),
            ("path", Value::from(n.key.as_str())),
            ("url", Value::from(u.url(&urls::region(&n.slug_path, 1)))),
            (
                "parent",
                opt(n
                    .parent
                    .map(|p| Value::from_serializable(&sh.region_ref(site, p)))),
            ),
            ("children", Value::from_serializable(&children)),
            ("crumbs", Value::from_serializable(&refs)),
            ("bulletin_count", Value::from(n.all.len())),
            (
                "period",
                Value::from(super::format::format_period(&Span::of(site, &n.all))),
            ),
        ])
    }

    fn tags(&self) -> Value {
        #[derive(Serialize)]
        struct T<'a> {
            name: &'a str,
            url: String,
            count: usize,
        }
        let u = &self.shared.urls;
        let list: Vec<T> = self
            .site
            .tags
            .values()
            .map(|t| T {
                name: &t.name,
                url: u.url(&urls::tag(&t.slug, 1)),
                count: t.bulletins.len(),
            })
            .collect();
        Value::from_serializable(&list)
    }

    /// The archive's index: every year, newest first, with its months.
    fn archive(&self) -> Value {
        #[derive(Serialize)]
        struct Month {
            month: i8,
            count: usize,
            url: String,
        }
        #[derive(Serialize)]
        struct Year {
            year: i16,
            count: usize,
            url: String,
            months: Vec<Month>,
        }
        let (site, u) = (self.site, &self.shared.urls);
        let years: Vec<Year> = (site.archive_years().into_iter())
            .map(|(y, count)| {
                let mut seen = 0;
                let months = (site.archive.range((y, i8::MIN)..=(y, i8::MAX)).rev())
                    .map(|(&(_, m), l)| {
                        // The page of the year that starts the month.
                        let page = seen / super::pages::ARCHIVE_PER_PAGE + 1;
                        seen += l.len();
                        let at = u.url(&urls::archive_year(y, page));
                        Month {
                            month: m,
                            count: l.len(),
                            url: format!("{at}#m{m}"),
                        }
                    })
                    .collect();
                Year {
                    year: y,
                    count,
                    url: u.url(&urls::archive_year(y, 1)),
                    months,
                }
            })
            .collect();
        Value::from_serializable(&years)
    }

    /// One page of a year of the archive: the year's count, and its
    /// bulletins on the page grouped by month.
    fn archive_year(&self, y: i16, page: usize) -> Value {
        #[derive(Serialize)]
        struct Entry<'a> {
            title: &'a str,
            url: String,
            date: String,
            date_zh: String,
        }
        #[derive(Serialize)]
        struct Month<'a> {
            month: i8,
            count: usize,
            bulletins: Vec<Entry<'a>>,
        }
        let (site, u) = (self.site, &self.shared.urls);
        let list = site.archive_year(y);
        let per = super::pages::ARCHIVE_PER_PAGE;
        let start = ((page.max(1) - 1) * per).min(list.len());
        let mut months: Vec<Month> = Vec::new();
        for &i in &list[start..(start + per).min(list.len())] {
            let b = &site.items[i].bulletin;
            let m = b.date.month();
            if months.last().map(|x| x.month) != Some(m) {
                let count = site.archive.get(&(y, m)).map_or(0, Vec::len);
                months.push(Month {
                    month: m,
                    count,
                    bulletins: Vec::new(),
                });
            }
            if let Some(month) = months.last_mut() {
                month.bulletins.push(Entry {
                    title: &b.title,
                    url: u.url(&urls::bulletin(&b.slug)),
                    date: b.date.ymd(),
                    date_zh: b.date.zh(),
                });
            }
        }
        map(vec![
            ("year", Value::from(y)),
            ("count", Value::from(list.len())),
            ("page", Value::from(page)),
            ("months", Value::from_serializable(&months)),
        ])
    }

    fn page(&self, i: usize) -> Value {
        let pg = &self.site.pages[i];
        let u = &self.shared.urls;
        map(vec![
            ("title", Value::from(pg.title.as_str())),
            (
                "content",
                Value::from(markdown::html(
                    &pg.content,
                    &pg.links,
                    self.site.config.markdown.unsafe_html,
                )),
            ),
            ("url", Value::from(u.url(&urls::page(&pg.slug)))),
            ("summary", Value::from(pg.summary.as_str())),
            ("date", opt(pg.date.map(|d| Value::from(d.ymd())))),
            ("date_zh", opt(pg.date.map(|d| Value::from(d.zh())))),
        ])
    }
}

/// One scope's totals out of every scope's (an empty list when unknown).
pub fn stats_lookup(all: &Value, scope: &str) -> Value {
    all.as_map()
        .and_then(|m| m.get(&tera::value::Key::Str(scope)).cloned())
        .unwrap_or_else(|| Value::from(Vec::<Value>::new().as_slice()))
}
