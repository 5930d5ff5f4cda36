//! Pages: plans every page of the site and renders each to bytes.
//!
//! [`plan`] lists the pages a site has as [`PageId`]s; [`render_page`]
//! renders one. A full build renders the whole plan in parallel; the live
//! preview can render only the ids a change touches.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::context::{Crumb, Shared};
use super::templates::Theme;
use super::urls::{self, Urls};
use crate::diag::Diagnostic;
use crate::site::Site;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// `/`
    Home,
    /// `/bulletins/<slug>/` (item index)
    Bulletin(usize),
    /// `/campaigns/`
    Campaigns,
    /// `/campaigns/<slug>/[page/N/]` (campaign index, 1-based page)
    Campaign(usize, usize),
    /// `/regions/`
    Regions,
    /// `/regions/<path>/[page/N/]` (node index, page)
    Region(usize, usize),
    /// `/archive/`
    Archive,
    /// `/tags/`
    Tags,
    /// `/tags/<slug>/[page/N/]`
    Tag(String, usize),
    /// `/pages/<slug>/` (page index)
    Page(usize),
    /// `/404.html`
    NotFound,
    /// `/search/`
    Search,
    /// `/stats/`
    Stats,
}

fn pages_for(n: usize, per: usize) -> usize {
    n.div_ceil(per).max(1)
}

/// Every page of `site`.
pub fn plan(site: &Site) -> Vec<PageId> {
    let per = site.config.paginate;
    let mut ids = vec![
        PageId::Home,
        PageId::Campaigns,
        PageId::Regions,
        PageId::Archive,
        PageId::Tags,
        PageId::NotFound,
        PageId::Search,
        PageId::Stats,
    ];
    ids.extend((0..site.items.len()).map(PageId::Bulletin));
    for (c, list) in site.by_campaign.iter().enumerate() {
        ids.extend((1..=pages_for(list.len(), per)).map(|p| PageId::Campaign(c, p)));
    }
    for (r, node) in site.regions.nodes.iter().enumerate() {
        ids.extend((1..=pages_for(node.all.len(), per)).map(|p| PageId::Region(r, p)));
    }
    for (slug, t) in &site.tags {
        ids.extend((1..=pages_for(t.bulletins.len(), per)).map(|p| PageId::Tag(slug.clone(), p)));
    }
    ids.extend((0..site.pages.len()).map(PageId::Page));
    ids
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// Pages were skipped between the previous link and this one.
    gap_before: bool,
}

/// Page numbers shown in pagination: first, last and two either side of the current one.
fn window(current: usize, total: usize) -> Vec<usize> {
    (1..=total)
        .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= 2)
        .collect()
}

fn paginator(shared: &Shared, list: &[usize], per: usize, page: usize, first: &str) -> Value {
    let total_pages = pages_for(list.len(), per);
    let start = ((page - 1) * per).min(list.len());
    let items: Vec<Value> = list[start..(start + per).min(list.len())]
        .iter()
        .map(|&i| shared.briefs[i].clone())
        .collect();
    let url = |n: usize| shared.urls.url(&urls::paged(first, n));
    let shown = window(page, total_pages);
    let pages: Vec<PageLink> = shown
        .iter()
        .enumerate()
        .map(|(i, &n)| PageLink {
            number: n,
            url: url(n),
            current: n == page,
            gap_before: i > 0 && shown[i - 1] + 1 != n,
        })
        .collect();
    let mut m = tera::Map::new();
    m.insert("items".into(), Value::from(items.as_slice()));
    m.insert("current".into(), Value::from(page));
    m.insert("total_pages".into(), Value::from(total_pages));
    m.insert("total_items".into(), Value::from(list.len()));
    m.insert(
        "prev_url".into(),
        if page > 1 {
            Value::from(url(page - 1))
        } else {
            Value::none()
        },
    );
    m.insert(
        "next_url".into(),
        if page < total_pages {
            Value::from(url(page + 1))
        } else {
            Value::none()
        },
    );
    m.insert("pages".into(), Value::from_serializable(&pages));
    Value::from(m)
}

/// Where a page is written and how it is rendered.
struct Plan {
    path: String,
    template: &'static str,
    title: String,
    kind: &'static str,
    crumbs: Vec<Crumb>,
    ctx: Context,
}

fn crumb(title: &str, url: String) -> Crumb {
    Crumb {
        title: title.to_string(),
        url,
    }
}

fn describe(site: &Site, shared: &Shared, id: &PageId) -> Plan {
    let u = &shared.urls;
    let per = site.config.paginate;
    let home = crumb("首页", u.url(""));
    let mut ctx = Context::new();
    let page_suffix = |p: usize| {
        if p > 1 {
            format!("（第{p}页）")
        } else {
            String::new()
        }
    };
    match id {
        PageId::Home => {
            let all: Vec<usize> = (0..site.items.len()).collect();
            ctx.insert_value("paginator", paginator(shared, &all, per, 1, ""));
            // The featured campaigns; `/campaigns/` lists them all.
            let featured: Vec<Value> = (shared.featured.iter())
                .map(|&c| shared.campaigns[c].clone())
                .collect();
            ctx.insert_value("campaigns", Value::from(featured.as_slice()));
            ctx.insert("campaign_count", &shared.campaigns.len());
            Plan {
                path: String::new(),
                template: "index.html",
                title: site.config.title.clone(),
                kind: "home",
                crumbs: vec![],
                ctx,
            }
        }
        PageId::Bulletin(i) => {
            let it = &site.items[*i];
            let b = &it.bulletin;
            let mut v = shared.briefs[*i].as_map().cloned().unwrap_or_default();
            v.insert("content".into(), Value::from(b.content_html.as_str()));
            let (older, newer) = site.neighbours(*i);
            v.insert(
                "prev".into(),
                older
                    .map(|j| shared.briefs[j].clone())
                    .unwrap_or_else(Value::none),
            );
            v.insert(
                "next".into(),
                newer
                    .map(|j| shared.briefs[j].clone())
                    .unwrap_or_else(Value::none),
            );
            ctx.insert_value("bulletin", Value::from(v));
            let mut crumbs = vec![home];
            if let Some(&c) = it.campaigns.first() {
                let camp = &site.campaigns[c];
                crumbs.push(crumb(&camp.name, u.url(&urls::campaign(&camp.slug, 1))));
            }
            Plan {
                path: urls::bulletin(&b.slug),
                template: "bulletin.html",
                title: b.title.clone(),
                kind: "bulletin",
                crumbs,
                ctx,
            }
        }
        PageId::Campaigns => {
            ctx.insert_value("campaigns", Value::from(shared.campaigns.as_slice()));
            Plan {
                path: "campaigns/".into(),
                template: "campaigns.html",
                title: "活动".into(),
                kind: "campaigns",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Campaign(c, p) => {
            let camp = &site.campaigns[*c];
            let first = urls::campaign(&camp.slug, 1);
            if *p == 1 {
                let mut cv = shared.campaigns[*c].as_map().cloned().unwrap_or_default();
                cv.insert(
                    "charts".into(),
                    Value::from_serializable(&super::stats_page::campaign_charts(site, *c)),
                );
                ctx.insert_value("campaign", Value::from(cv));
            } else {
                ctx.insert_value("campaign", shared.campaigns[*c].clone());
            }
            ctx.insert_value(
                "paginator",
                paginator(shared, &site.by_campaign[*c], per, *p, &first),
            );
            let crumbs = vec![home, crumb("活动", u.url("campaigns/"))];
            Plan {
                path: urls::campaign(&camp.slug, *p),
                template: "campaign.html",
                title: format!("{}{}", camp.name, page_suffix(*p)),
                kind: "campaign",
                crumbs,
                ctx,
            }
        }
        PageId::Regions => {
            #[derive(Serialize)]
            struct R<'a> {
                name: &'a str,
                path: &'a str,
                url: String,
                depth: usize,
                bulletin_count: usize,
            }
            let list: Vec<R> = site
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
            ctx.insert("regions", &list);
            Plan {
                path: "regions/".into(),
                template: "regions.html",
                title: "地区".into(),
                kind: "regions",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Region(r, p) => {
            let n = &site.regions.nodes[*r];
            #[derive(Serialize)]
            struct Child<'a> {
                name: &'a str,
                path: &'a str,
                url: String,
                bulletin_count: usize,
            }
            let chain = site.regions.ancestry(*r);
            let mut rv = tera::Map::new();
            rv.insert("name".into(), Value::from(n.name.as_str()));
            rv.insert("path".into(), Value::from(n.key.as_str()));
            rv.insert(
                "url".into(),
                Value::from(u.url(&urls::region(&n.slug_path, 1))),
            );
            rv.insert(
                "parent".into(),
                n.parent
                    .map(|pid| Value::from_serializable(&shared.region_ref(site, pid)))
                    .unwrap_or_else(Value::none),
            );
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
            rv.insert("children".into(), Value::from_serializable(&children));
            let refs: Vec<_> = chain.iter().map(|&c| shared.region_ref(site, c)).collect();
            rv.insert("crumbs".into(), Value::from_serializable(&refs));
            rv.insert("bulletin_count".into(), Value::from(n.all.len()));
            let region_totals = site.stats.regions.get(*r).cloned().unwrap_or_default();
            rv.insert(
                "totals".into(),
                Value::from_serializable(&super::totals::views(site, &region_totals, &[])),
            );
            if *p == 1 {
                rv.insert(
                    "charts".into(),
                    Value::from_serializable(&super::stats_page::region_charts(site, *r)),
                );
            }
            ctx.insert_value("region", Value::from(rv));
            ctx.insert_value(
                "paginator",
                paginator(shared, &n.all, per, *p, &urls::region(&n.slug_path, 1)),
            );
            let mut crumbs = vec![home, crumb("地区", u.url("regions/"))];
            crumbs.extend(chain[..chain.len() - 1].iter().map(|&c| {
                let r = shared.region_ref(site, c);
                crumb(&r.name, r.url)
            }));
            Plan {
                path: urls::region(&n.slug_path, *p),
                template: "region.html",
                title: format!("{}{}", n.key.replace('/', " · "), page_suffix(*p)),
                kind: "region",
                crumbs,
                ctx,
            }
        }
        PageId::Archive => {
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
            #[derive(Serialize)]
            struct Year<'a> {
                year: i16,
                count: usize,
                months: Vec<Month<'a>>,
            }
            let mut years: Vec<Year> = Vec::new();
            for (&(y, m), list) in site.archive.iter().rev() {
                let entries = list
                    .iter()
                    .map(|&i| {
                        let b = &site.items[i].bulletin;
                        Entry {
                            title: &b.title,
                            url: u.url(&urls::bulletin(&b.slug)),
                            date: b.date.ymd(),
                            date_zh: b.date.zh(),
                        }
                    })
                    .collect();
                if years.last().map(|x| x.year) != Some(y) {
                    years.push(Year {
                        year: y,
                        count: 0,
                        months: Vec::new(),
                    });
                }
                let year = years.last_mut().expect("pushed above");
                year.count += list.len();
                year.months.push(Month {
                    month: m,
                    count: list.len(),
                    bulletins: entries,
                });
            }
            ctx.insert("archive", &years);
            Plan {
                path: "archive/".into(),
                template: "archive.html",
                title: "归档".into(),
                kind: "archive",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Tags => {
            #[derive(Serialize)]
            struct T<'a> {
                name: &'a str,
                url: String,
                count: usize,
            }
            let list: Vec<T> = site
                .tags
                .values()
                .map(|t| T {
                    name: &t.name,
                    url: u.url(&urls::tag(&t.slug, 1)),
                    count: t.bulletins.len(),
                })
                .collect();
            ctx.insert("tags", &list);
            Plan {
                path: "tags/".into(),
                template: "tags.html",
                title: "标签".into(),
                kind: "tags",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Tag(slug, p) => {
            let t = &site.tags[slug];
            let mut tv = tera::Map::new();
            tv.insert("name".into(), Value::from(t.name.as_str()));
            tv.insert("url".into(), Value::from(u.url(&urls::tag(slug, 1))));
            ctx.insert_value("tag", Value::from(tv));
            ctx.insert_value(
                "paginator",
                paginator(shared, &t.bulletins, per, *p, &urls::tag(slug, 1)),
            );
            let crumbs = vec![home, crumb("标签", u.url("tags/"))];
            Plan {
                path: urls::tag(slug, *p),
                template: "tag.html",
                title: format!("{}{}", t.name, page_suffix(*p)),
                kind: "tag",
                crumbs,
                ctx,
            }
        }
        PageId::Page(i) => {
            let pg = &site.pages[*i];
            let mut pv = tera::Map::new();
            pv.insert("title".into(), Value::from(pg.title.as_str()));
            pv.insert("content".into(), Value::from(pg.content_html.as_str()));
            pv.insert("url".into(), Value::from(u.url(&urls::page(&pg.slug))));
            pv.insert("summary".into(), Value::from(pg.summary.as_str()));
            pv.insert(
                "date".into(),
                pg.date
                    .map(|d| Value::from(d.ymd()))
                    .unwrap_or_else(Value::none),
            );
            pv.insert(
                "date_zh".into(),
                pg.date
                    .map(|d| Value::from(d.zh()))
                    .unwrap_or_else(Value::none),
            );
            ctx.insert_value("page", Value::from(pv));
            Plan {
                path: urls::page(&pg.slug),
                template: "page.html",
                title: pg.title.clone(),
                kind: "page",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Stats => {
            ctx.insert_value("stats", super::stats_page::stats_value(site, shared));
            Plan {
                path: "stats/".into(),
                template: "stats.html",
                title: "数据统计".into(),
                kind: "stats",
                crumbs: vec![home],
                ctx,
            }
        }
        PageId::Search => Plan {
            path: "search/".into(),
            template: "search.html",
            title: "搜索".into(),
            kind: "search",
            crumbs: vec![home],
            ctx,
        },
        PageId::NotFound => Plan {
            path: "404.html".into(),
            template: "404.html",
            title: "页面不存在".into(),
            kind: "404",
            crumbs: vec![home],
            ctx,
        },
    }
}

/// The site path of a page (`bulletins/a/`, `404.html`), without rendering it.
pub fn page_path(site: &Site, id: &PageId) -> String {
    match id {
        PageId::Home => String::new(),
        PageId::Bulletin(i) => urls::bulletin(&site.items[*i].bulletin.slug),
        PageId::Campaigns => "campaigns/".into(),
        PageId::Campaign(c, p) => urls::campaign(&site.campaigns[*c].slug, *p),
        PageId::Regions => "regions/".into(),
        PageId::Region(r, p) => urls::region(&site.regions.nodes[*r].slug_path, *p),
        PageId::Archive => "archive/".into(),
        PageId::Tags => "tags/".into(),
        PageId::Tag(slug, p) => urls::tag(slug, *p),
        PageId::Page(i) => urls::page(&site.pages[*i].slug),
        PageId::NotFound => "404.html".into(),
        PageId::Search => "search/".into(),
        PageId::Stats => "stats/".into(),
    }
}

/// Renders one page: its output path (relative to the output folder) and bytes.
pub fn render_page(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    id: &PageId,
) -> Result<(String, Vec<u8>), Diagnostic> {
    let plan = describe(site, shared, id);
    let mut ctx = plan.ctx;
    let u: &Urls = &shared.urls;
    ctx.insert_value("site", shared.site.clone());
    ctx.insert_value(super::filters::STATS_VAR, shared.stats.clone());
    ctx.insert("page_kind", plan.kind);
    ctx.insert("current_url", &u.url(&plan.path));
    ctx.insert("permalink", &u.permalink(&plan.path));
    ctx.insert("page_title", &plan.title);
    ctx.insert("breadcrumbs", &plan.crumbs);
    ctx.insert("style_url", &u.url("style.css"));
    let mut out = Vec::with_capacity(16 * 1024);
    theme
        .tera
        .render_to(plan.template, &ctx, &mut out)
        .map_err(|e| {
            let mut d = theme.diagnostic(&e, plan.template);
            d.message = format!("{} (while rendering /{})", d.message, plan.path);
            d
        })?;
    Ok((Urls::file(&plan.path), out))
}

/// Renders every page in `ids` in parallel, handing each to `sink` as soon
/// as it is ready (so a build never holds the whole site in memory). All
/// errors are returned, each template error once.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    ids: &[PageId],
    sink: &(dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = ids
        .par_iter()
        .filter_map(|id| {
            render_page(site, theme, shared, id)
                .and_then(|(path, bytes)| sink(path, bytes))
                .err()
        })
        .collect();
    let mut diags: Vec<Diagnostic> = Vec::new();
    // One template bug fails many pages the same way: report it once.
    for d in errors {
        if !diags
            .iter()
            .any(|x| x.path == d.path && x.line == d.line && x.col == d.col)
        {
            diags.push(d);
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn pagination_window() {
        assert_eq!(window(1, 3), vec![1, 2, 3]);
        assert_eq!(window(1, 100), vec![1, 2, 3, 100]);
        assert_eq!(window(50, 100), vec![1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(window(100, 100), vec![1, 98, 99, 100]);
    }
}
