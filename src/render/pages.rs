//! Pages: plans every page of the site and renders each to bytes.
//!
//! [`plan`] lists the pages a site has as [`PageId`]s; [`render_page`]
//! renders one. A full build renders the whole plan in parallel; the live
//! preview can render only the ids a change touches.

use std::collections::BTreeSet;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::compiled::Cards;
use super::context::{Crumb, Shared};
use super::markdown;
use super::reads::{self, Key, List};
use super::templates::Theme;
use super::urls::{self, Urls};
use super::view::View;
use crate::diag::Diagnostic;
use crate::msg;
use crate::site::Site;

/// How many rows `/regions/` lists at most, down to the deepest level that
/// fits: China's provinces, cities and counties (some 3,200) fit; with its
/// townships the page would pass 4 MB. Each region's page lists its
/// 下级地区.
const REGION_INDEX_ROWS: usize = 3_500;

/// How many campaigns `/campaigns/` shows as cards (some 800 bytes each):
/// the most recent. The older ones follow as a list of names (some 130
/// bytes each), so a thousand campaigns stay under 300 KB.
const CAMPAIGN_CARDS: usize = 200;

/// How many tags `/tags/` lists at most (some 100 bytes each): those with
/// the most bulletins, in their order. Editors type tags freely; a
/// national archive can have tens of thousands. Every tag has its page,
/// linked from its bulletins.
const TAG_INDEX_ROWS: usize = 4_000;

/// The campaigns `/campaigns/` shows as cards and those it lists by name,
/// each in site order: the [`CAMPAIGN_CARDS`] with the newest bulletins
/// (by day, then the most bulletins, then site order) are cards. Worked
/// out from `all`, every campaign's value in site order, alone, so the
/// preview renders the page again whenever the choice can change.
fn campaign_cards(all: &Value) -> (Value, Value) {
    let all = all.as_array().unwrap_or_default();
    let latest = |v| field(v, "latest").and_then(Value::as_str);
    let count = |v| field(v, "bulletin_count").and_then(Value::as_u64);
    let mut cards: Vec<usize> = (0..all.len()).collect();
    super::report::keep_most(&mut cards, CAMPAIGN_CARDS, |&k| {
        (latest(&all[k]), count(&all[k]))
    });
    let pick = |card: bool| -> Value {
        let list: Vec<Value> = (all.iter().enumerate())
            .filter(|(k, _)| cards.binary_search(k).is_ok() == card)
            .map(|(_, v)| v.clone())
            .collect();
        Value::from(list.as_slice())
    };
    (pick(true), pick(false))
}

/// The tags `/tags/` lists: the [`TAG_INDEX_ROWS`] with the most
/// bulletins (on a tie, the earlier), in their order.
fn listed_tags(all: &Value) -> Value {
    let mut list = all.as_array().unwrap_or_default().to_vec();
    super::report::keep_most(&mut list, TAG_INDEX_ROWS, |t| {
        field(t, "count").and_then(Value::as_u64)
    });
    Value::from(list.as_slice())
}

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
    /// `/archive/`: the years and months
    Archive,
    /// `/archive/<year>/[page/N/]` (year, 1-based page)
    ArchiveYear(i16, usize),
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
    /// `/series/`: every bulletin series
    SeriesIndex,
    /// `/series/<slug>/` (series index in the configuration)
    Series(usize),
}

/// How many bulletins one page of a year of the archive lists.
pub const ARCHIVE_PER_PAGE: usize = 200;

/// The archive page (year, page) that lists bulletin `i`.
pub fn archive_page_of(site: &Site, i: usize) -> (i16, usize) {
    let y = site.items[i].bulletin.date.year();
    let at = site
        .archive_year(y)
        .iter()
        .position(|&j| j == i)
        .unwrap_or(0);
    (y, at / ARCHIVE_PER_PAGE + 1)
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
    for (y, n) in site.archive_years() {
        ids.extend((1..=pages_for(n, ARCHIVE_PER_PAGE)).map(|p| PageId::ArchiveYear(y, p)));
    }
    for (c, list) in site.by_campaign.iter().enumerate() {
        ids.extend((1..=pages_for(list.len(), per)).map(|p| PageId::Campaign(c, p)));
    }
    for (r, node) in site.regions.nodes.iter().enumerate() {
        ids.extend((1..=pages_for(node.all.len(), per)).map(|p| PageId::Region(r, p)));
    }
    for (slug, t) in site.tags.iter() {
        ids.extend((1..=pages_for(t.bulletins.len(), per)).map(|p| PageId::Tag(slug.clone(), p)));
    }
    ids.extend((0..site.pages.len()).map(PageId::Page));
    if !site.config.series.is_empty() {
        ids.push(PageId::SeriesIndex);
        ids.extend((0..site.config.series.len()).map(PageId::Series));
    }
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

/// The paginator of page `page` of `list` (first page at `first`): the
/// bulletins on it come from the list's key, each shown by its brief.
fn paginator(view: &View, list: List, page: usize, first: &str) -> Value {
    let per = view.site.config.paginate;
    let v = view.get(Key::List(list, page));
    let total_items = v
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str("total_items")))
        .and_then(Value::as_i64)
        .unwrap_or(0) as usize;
    let items: Vec<Value> = v
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::Str("slugs")))
        .and_then(Value::as_array)
        .map(|slugs| {
            slugs
                .iter()
                .filter_map(Value::as_str)
                .map(|s| view.get(Key::Brief(s.to_string())))
                .collect()
        })
        .unwrap_or_default();
    page_links(view, first, page, (total_items, per), items)
}

/// The paginator of page `page` of a list of `total` items, `per` a page
/// (first page at `first`), showing `items`.
fn page_links(
    view: &View,
    first: &str,
    page: usize,
    (total_items, per): (usize, usize),
    items: Vec<Value>,
) -> Value {
    let total_pages = pages_for(total_items, per);
    let url = |n: usize| view.shared.urls.url(&urls::paged(first, n));
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
    m.insert("total_items".into(), Value::from(total_items));
    let link = |on: bool, n: usize| {
        if on {
            Value::from(url(n))
        } else {
            Value::none()
        }
    };
    m.insert("prev_url".into(), link(page > 1, page.saturating_sub(1)));
    m.insert("next_url".into(), link(page < total_pages, page + 1));
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

impl Plan {
    fn new(path: String, template: &'static str, kind: &'static str, title: String) -> Plan {
        Plan {
            path,
            template,
            title,
            kind,
            crumbs: Vec::new(),
            ctx: Context::new(),
        }
    }
}

fn crumb(title: &str, url: String) -> Crumb {
    Crumb {
        title: title.to_string(),
        url,
    }
}

fn field<'v>(v: &'v Value, name: &'static str) -> Option<&'v Value> {
    v.as_map().and_then(|m| m.get(&tera::value::Key::Str(name)))
}

fn text(v: &Value, name: &'static str) -> String {
    field(v, name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn page_suffix(p: usize) -> String {
    if p > 1 {
        msg!(PageNumber, p).zh()
    } else {
        String::new()
    }
}

/// Builds a page's context from the keys it reads (recorded by `view`).
fn describe(view: &View, id: &PageId) -> Plan {
    let (site, u) = (view.site, &view.shared.urls);
    let home = crumb(&msg!(PageHome).zh(), u.url(""));
    let mut plan = match id {
        PageId::Home => return home_plan(view),
        PageId::Bulletin(i) => bulletin_plan(view, *i, home.clone()),
        PageId::Campaigns => {
            let mut p = section(
                "campaigns/",
                "campaigns.html",
                "campaigns",
                msg!(PageCampaigns),
            );
            let all = view.get(Key::Campaigns);
            let (cards, older) = campaign_cards(&all);
            p.ctx.insert_value("campaign_cards", cards);
            p.ctx.insert_value("campaigns_older", older);
            p.ctx.insert_value("campaigns", all);
            p
        }
        PageId::Campaign(c, page) => campaign_plan(view, *c, *page, home.clone()),
        PageId::Regions => regions_plan(view),
        PageId::Region(r, page) => region_plan(view, *r, *page, home.clone()),
        PageId::Archive => {
            let mut p = section("archive/", "archive.html", "archive", msg!(PageArchive));
            p.ctx.insert_value("archive", view.get(Key::Archive));
            p
        }
        PageId::ArchiveYear(y, page) => archive_year_plan(view, *y, *page, home.clone()),
        PageId::Tags => {
            let mut p = section("tags/", "tags.html", "tags", msg!(PageTags));
            let all = view.get(Key::Tags);
            p.ctx.insert_value("tags_listed", listed_tags(&all));
            p.ctx.insert_value("tags", all);
            p
        }
        PageId::Tag(slug, page) => tag_plan(view, slug, *page, home.clone()),
        PageId::Page(i) => {
            let slug = &site.pages[*i].slug;
            let pv = view.get(Key::Page(slug.clone()));
            let mut p = Plan::new(urls::page(slug), "page.html", "page", text(&pv, "title"));
            p.ctx.insert_value("page", pv);
            p
        }
        PageId::Stats => {
            let mut p = section("stats/", "stats.html", "stats", msg!(PageStats));
            p.ctx.insert_value("stats", view.get(Key::StatsPage));
            p
        }
        PageId::Search => section("search/", "search.html", "search", msg!(PageSearch)),
        PageId::SeriesIndex => {
            let mut p = section("series/", "series_index.html", "series", msg!(PageSeries));
            p.ctx.insert_value("series", view.get(Key::SeriesIndex));
            p
        }
        PageId::Series(s) => series_plan(view, *s, home.clone()),
        PageId::NotFound => section("404.html", "404.html", "404", msg!(PageNotFound)),
    };
    if plan.crumbs.is_empty() {
        plan.crumbs = vec![home];
    }
    plan
}

/// A page of the site's own with `title` (a catalogue word) and nothing read yet.
fn section(
    path: &str,
    template: &'static str,
    kind: &'static str,
    title: crate::messages::Msg,
) -> Plan {
    Plan::new(path.into(), template, kind, title.zh())
}

fn regions_plan(view: &View) -> Plan {
    let mut p = section("regions/", "regions.html", "regions", msg!(PageRegions));
    p.ctx.insert_value("regions", view.get(Key::Regions));
    // Read from the same regions as the value above, so a page that
    // reads that value is rendered again when these change.
    let depths = view.site.regions.nodes.iter().map(|n| n.depth);
    let (depth, hidden) = super::report::depth_within(depths, REGION_INDEX_ROWS);
    p.ctx.insert_value("region_depth", Value::from(depth));
    p.ctx.insert_value("regions_hidden", Value::from(hidden));
    p
}

fn home_plan(view: &View) -> Plan {
    let title = view.site.config.title.clone();
    let mut p = Plan::new(String::new(), "index.html", "home", title);
    p.ctx
        .insert_value("paginator", paginator(view, List::All, 1, ""));
    // The featured campaigns; `/campaigns/` lists them all.
    let featured = view.get(Key::Featured);
    let part = |name| field(&featured, name).cloned().unwrap_or_else(Value::none);
    p.ctx.insert_value("campaigns", part("campaigns"));
    p.ctx.insert_value("campaign_count", part("count"));
    p
}

fn campaign_plan(view: &View, c: usize, page: usize, home: Crumb) -> Plan {
    let slug = view.site.campaigns[c].slug.clone();
    let first = urls::campaign(&slug, 1);
    let cv = view.get(Key::Campaign(slug.clone()));
    let title = format!("{}{}", text(&cv, "name"), page_suffix(page));
    let mut cv = cv.as_map().cloned().unwrap_or_default();
    // Totals and charts are shown on the first page only: the later pages
    // of a long list need not change when a number does.
    if page == 1 {
        cv.insert("totals".into(), view.get(Key::CampaignTotals(slug.clone())));
        cv.insert("charts".into(), view.get(Key::CampaignCharts(slug.clone())));
    }
    let path = urls::campaign(&slug, page);
    let mut p = Plan::new(path, "campaign.html", "campaign", title);
    p.ctx.insert_value("campaign", Value::from(cv));
    let list = paginator(view, List::Campaign(slug), page, &first);
    p.ctx.insert_value("paginator", list);
    p.crumbs = vec![
        home,
        crumb(
            &msg!(PageCampaigns).zh(),
            view.shared.urls.url("campaigns/"),
        ),
    ];
    p
}

fn tag_plan(view: &View, slug: &str, page: usize, home: Crumb) -> Plan {
    let tv = view.get(Key::Tag(slug.to_string()));
    let title = format!("{}{}", text(&tv, "name"), page_suffix(page));
    let mut p = Plan::new(urls::tag(slug, page), "tag.html", "tag", title);
    p.ctx.insert_value("tag", tv);
    let first = urls::tag(slug, 1);
    let list = paginator(view, List::Tag(slug.to_string()), page, &first);
    p.ctx.insert_value("paginator", list);
    p.crumbs = vec![
        home,
        crumb(&msg!(PageTags).zh(), view.shared.urls.url("tags/")),
    ];
    p
}

fn archive_year_plan(view: &View, y: i16, page: usize, home: Crumb) -> Plan {
    let year = view.get(Key::ArchiveYear(y, page));
    let title = format!("{}{}", msg!(PageArchiveYear, y).zh(), page_suffix(page));
    let mut p = Plan::new(
        urls::archive_year(y, page),
        "archive_year.html",
        "archive",
        title,
    );
    let total = field(&year, "count").and_then(Value::as_i64).unwrap_or(0) as usize;
    let first = urls::archive_year(y, 1);
    let links = page_links(view, &first, page, (total, ARCHIVE_PER_PAGE), Vec::new());
    p.ctx.insert_value("paginator", links);
    p.ctx.insert_value("year", year);
    p.crumbs = vec![
        home,
        crumb(&msg!(PageArchive).zh(), view.shared.urls.url("archive/")),
    ];
    p
}

fn bulletin_plan(view: &View, i: usize, home: Crumb) -> Plan {
    let slug = view.site.items[i].bulletin.slug.clone();
    let brief = view.get(Key::Brief(slug.clone()));
    let own = view.get(Key::Bulletin(slug.clone()));
    let neighbour = |name: &'static str| match field(&own, name).and_then(Value::as_str) {
        Some(s) => view.get(Key::Brief(s.to_string())),
        None => Value::none(),
    };
    let mut v = brief.as_map().cloned().unwrap_or_default();
    // The HTML is made of the key's body and links (read above).
    let it = &view.site.items[i];
    let figures = super::figures::figures(view.site, &it.bulletin.path, &it.bulletin.body);
    let html = markdown::html_with_figures(
        &it.bulletin.body,
        &it.links,
        &figures,
        view.site.config.markdown.unsafe_html,
    );
    v.insert("content".into(), Value::from(html));
    v.insert("share_image".into(), super::figures::share_image(view, i));
    v.insert("prev".into(), neighbour("older"));
    v.insert("next".into(), neighbour("newer"));
    v.insert(
        "print".into(),
        field(&own, "print").cloned().unwrap_or_else(Value::none),
    );
    let mut p = Plan::new(
        urls::bulletin(&slug),
        "bulletin.html",
        "bulletin",
        text(&brief, "title"),
    );
    p.ctx.insert_value("bulletin", Value::from(v));
    p.crumbs = vec![home];
    if let Some(c) = field(&own, "campaign").filter(|c| !c.is_none()) {
        let url = view.shared.urls.url(&urls::campaign(&text(c, "slug"), 1));
        p.crumbs.push(crumb(&text(c, "name"), url));
    }
    p
}

/// A series' page: its issues by year, each with the bulletin's brief.
fn series_plan(view: &View, s: usize, home: Crumb) -> Plan {
    let slug = &view.site.config.series[s].slug;
    let sv = view.get(Key::Series(slug.clone()));
    let mut p = Plan::new(
        urls::series(slug),
        "series.html",
        "series",
        text(&sv, "name"),
    );
    p.ctx
        .insert_value("series", super::series::with_briefs(view, &sv));
    p.crumbs = vec![
        home,
        crumb(&msg!(PageSeries).zh(), view.shared.urls.url("series/")),
    ];
    p
}

fn region_plan(view: &View, r: usize, page: usize, home: Crumb) -> Plan {
    let n = &view.site.regions.nodes[r];
    let (key, first) = (n.key.clone(), urls::region(&n.slug_path, 1));
    let region = view.get(Key::Region(key.clone()));
    let mut rv = region.as_map().cloned().unwrap_or_default();
    if page == 1 {
        rv.insert("totals".into(), view.get(Key::RegionTotals(key.clone())));
        rv.insert("charts".into(), view.get(Key::RegionCharts(key.clone())));
    }
    let title = format!("{}{}", key.replace('/', " · "), page_suffix(page));
    let mut p = Plan::new(
        urls::region(&n.slug_path, page),
        "region.html",
        "region",
        title,
    );
    p.ctx.insert_value("region", Value::from(rv));
    p.ctx.insert_value(
        "paginator",
        paginator(view, List::Region(key), page, &first),
    );
    p.crumbs = vec![
        home,
        crumb(&msg!(PageRegions).zh(), view.shared.urls.url("regions/")),
    ];
    let chain = field(&region, "crumbs")
        .and_then(Value::as_array)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    for c in chain.iter().take(chain.len().saturating_sub(1)) {
        p.crumbs.push(crumb(&text(c, "name"), text(c, "url")));
    }
    p
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
        PageId::ArchiveYear(y, p) => urls::archive_year(*y, *p),
        PageId::Tags => "tags/".into(),
        PageId::Tag(slug, p) => urls::tag(slug, *p),
        PageId::Page(i) => urls::page(&site.pages[*i].slug),
        PageId::NotFound => "404.html".into(),
        PageId::Search => "search/".into(),
        PageId::Stats => "stats/".into(),
        PageId::SeriesIndex => "series/".into(),
        PageId::Series(s) => urls::series(&site.config.series[*s].slug),
    }
}

/// Renders one page: its output path (relative to the output folder) and bytes.
pub fn render_page(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    id: &PageId,
) -> Result<(String, Vec<u8>), Diagnostic> {
    render_in(&View::new(site, shared), theme, id, None)
}

/// Renders page `id` by [`super::compiled::page`] alone: `None` when its
/// template is not compiled or the compiled one cannot render it (Tera
/// would). For comparing the two.
pub fn render_compiled(site: &Site, shared: &Shared, id: &PageId) -> Option<(String, Vec<u8>)> {
    let view = View::new(site, shared);
    let plan = describe(&view, id);
    let ctx = page_context(&view, &plan, plan.ctx.clone());
    let mut out = Vec::new();
    super::compiled::page(plan.template, &ctx, &mut out, None)?;
    Some((Urls::file(&plan.path), out))
}

/// The context a page's template is given: its own values and the site's.
fn page_context(view: &View, plan: &Plan, mut ctx: Context) -> Context {
    let u: &Urls = &view.shared.urls;
    ctx.insert_value("site", view.get(Key::Site));
    ctx.insert("page_kind", plan.kind);
    ctx.insert("current_url", &u.url(&plan.path));
    ctx.insert("permalink", &u.permalink(&plan.path));
    ctx.insert("page_title", &plan.title);
    ctx.insert("breadcrumbs", &plan.crumbs);
    ctx.insert("style_url", &u.url("style.css"));
    ctx
}

/// Renders one page from `view`; `cards` keeps the bulletin cards the
/// compiled templates write, for the next pages (see [`Cards`]).
fn render_in(
    view: &View,
    theme: &Theme,
    id: &PageId,
    cards: Option<&Cards>,
) -> Result<(String, Vec<u8>), Diagnostic> {
    let shared = view.shared;
    let mut plan = describe(view, id);
    let own = std::mem::replace(&mut plan.ctx, Context::new());
    let ctx = page_context(view, &plan, own);
    for t in theme.uses(plan.template) {
        reads::record(&Key::Template(t.clone()));
    }
    let mut out = Vec::with_capacity(16 * 1024);
    let compiled = theme.compiled(plan.template)
        && super::compiled::page(plan.template, &ctx, &mut out, cards).is_some();
    if compiled {
        return Ok((Urls::file(&plan.path), out));
    }
    reads::with_stats(&shared.stats, || {
        theme.tera.render_to(plan.template, &ctx, &mut out)
    })
    .map_err(|e| {
        let mut d = theme.diagnostic(&e, plan.template);
        d.message = crate::messages::Msg::new(crate::messages::Key::WhileRendering)
            .arg_msg(d.message)
            .arg(&plan.path);
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
    // A card is about a kilobyte: a site large enough to pack its texts
    // writes each card again rather than keep them all.
    let cards = (!crate::is_large(site.items.len())).then(Cards::default);
    let view = View::new(site, shared);
    let errors: Vec<Diagnostic> = ids
        .par_iter()
        .filter_map(|id| {
            render_in(&view, theme, id, cards.as_ref())
                .and_then(|(path, bytes)| sink(path, bytes))
                .err()
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(dedup(errors))
    }
}

/// A rendered page: its output path, bytes and the keys it read.
pub type Recorded = (String, Vec<u8>, BTreeSet<Key>);

/// Renders every page in `ids` in parallel and records what each read;
/// the pages' bytes are dropped as soon as they are made unless `keep`.
pub fn render_recorded(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    ids: &[PageId],
    (known, keep): (&HashMap<Key, Value>, bool),
) -> Result<Vec<Recorded>, Vec<Diagnostic>> {
    let view = View::with_known(site, shared, known);
    let results: Vec<_> = ids
        .par_iter()
        .map(|id| {
            let (r, reads) = reads::recording(|| render_in(&view, theme, id, None));
            r.map(|(path, bytes)| (path, if keep { bytes } else { Vec::new() }, reads))
        })
        .collect();
    let mut ok = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(x) => ok.push(x),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(dedup(errors))
    }
}

/// One template bug fails many pages the same way: report it once.
fn dedup(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    for d in errors {
        if !diags
            .iter()
            .any(|x| x.path == d.path && x.line == d.line && x.col == d.col)
        {
            diags.push(d);
        }
    }
    diags
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
