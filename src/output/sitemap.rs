//! Output: `sitemap.xml` and `robots.txt`.
//!
//! Takes the [`Site`] and the build's [`Shared`] URL builder; gives the
//! bytes of both files. Past [`SITEMAP_LIMIT`] URLs (the protocol's limit)
//! `sitemap.xml` is a sitemap index of `sitemap-1.xml`, `sitemap-2.xml` …,
//! each holding at most that many. The sitemaps list every HTML page of
//! [`pages::plan`] exactly once, with its absolute URL and a `lastmod`: a
//! bulletin's own date, the newest bulletin a list page shows, a plain
//! page's date, else the newest bulletin of the site. Left out are
//! `404.html` and `search/`, the two pages that tell robots `noindex`.

use super::feeds::Xml;
use crate::content::date::Date;
use crate::render::context::Shared;
use crate::render::pages::{self, PageId};
use crate::site::Site;

/// The most URLs one sitemap may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// An internal variable for tests: a smaller number of URLs per sitemap
/// (`JIANXUN_SITEMAP_LIMIT=100`), so a small site is split under an index.
/// Not documented for users; a value that is not a number from 1 to
/// [`SITEMAP_LIMIT`] is ignored.
pub const LIMIT_VAR: &str = "JIANXUN_SITEMAP_LIMIT";

/// The most URLs per sitemap for this run: [`SITEMAP_LIMIT`], or the
/// smaller number [`LIMIT_VAR`] sets.
pub fn limit() -> usize {
    crate::internal_limit(LIMIT_VAR, 1, SITEMAP_LIMIT)
}

const XMLNS: (&str, &str) = ("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");

/// `sitemap.xml`, and when the site has more than `limit` pages, the
/// sitemaps it indexes: output path → bytes.
pub fn sitemaps(site: &Site, shared: &Shared, limit: usize) -> Vec<(String, Vec<u8>)> {
    let ids: Vec<PageId> = pages::plan(site)
        .into_iter()
        .filter(|id| !matches!(id, PageId::NotFound | PageId::Search))
        .collect();
    let limit = limit.max(1);
    if ids.len() <= limit {
        return vec![("sitemap.xml".into(), urlset(site, shared, &ids))];
    }
    let mut out = Vec::new();
    let mut index = Xml::new();
    index.open("sitemapindex", &[XMLNS]);
    for (n, part) in ids.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.open("sitemap", &[]);
        index.text("loc", &[], &shared.urls.permalink(&name));
        // The newest page of the part tells when it last changed.
        let newest = (part.iter().filter_map(|id| lastmod(site, id))).max_by_key(Date::timestamp);
        if let Some(d) = newest {
            index.text("lastmod", &[], &d.rfc3339());
        }
        index.close("sitemap");
        out.push((name, urlset(site, shared, part)));
    }
    index.close("sitemapindex");
    out.insert(0, ("sitemap.xml".into(), index.finish()));
    out
}

/// Whether two states of a site give the same sitemaps: the same pages at
/// the same paths, with the same dates. So it is after a save that edits
/// bulletins where they stand (same slug, date, campaigns, region and
/// tags), and the preview keeps the sitemaps it made: at 100,000
/// bulletins, making them again took most of what a save derives.
pub fn same_input(a: &Site, b: &Site) -> bool {
    crate::render::context::same_structure(a, b) && a.series == b.series
}

/// A sitemap of the pages `ids`.
fn urlset(site: &Site, shared: &Shared, ids: &[PageId]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("urlset", &[XMLNS]);
    for id in ids {
        let loc = shared.urls.permalink(&pages::page_path(site, id));
        x.open("url", &[]);
        x.text("loc", &[], &loc);
        if let Some(d) = lastmod(site, id) {
            x.text("lastmod", &[], &d.rfc3339());
        }
        x.close("url");
    }
    x.close("urlset");
    x.finish()
}

/// The bytes of `robots.txt`: everything allowed, and where the sitemap is.
pub fn robots(shared: &Shared) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        shared.urls.permalink("sitemap.xml")
    )
    .into_bytes()
}

/// When the page last changed, as far as the content tells.
fn lastmod(site: &Site, id: &PageId) -> Option<Date> {
    let per = site.config.paginate.max(1);
    let date = |i: usize| site.items.get(i).map(|it| it.bulletin.date);
    // The newest bulletin shown on page `p` of a newest-first list.
    let listed =
        |list: &[usize], p: usize| list.get(p.saturating_sub(1) * per).and_then(|&i| date(i));
    let newest = date(0);
    match id {
        PageId::Bulletin(i) => date(*i),
        PageId::Campaign(c, p) => site.by_campaign.get(*c).and_then(|l| listed(l, *p)),
        PageId::Region(r, p) => site.regions.nodes.get(*r).and_then(|n| listed(&n.all, *p)),
        PageId::Tag(slug, p) => site.tags.get(slug).and_then(|t| listed(&t.bulletins, *p)),
        PageId::ArchiveYear(y, p) => {
            let start = p.saturating_sub(1) * pages::ARCHIVE_PER_PAGE;
            site.archive_year(*y).get(start).and_then(|&i| date(i))
        }
        PageId::Page(i) => site.pages.get(*i).and_then(|pg| pg.date).or(newest),
        PageId::Series(s) => (site.series.get(*s)).and_then(|l| {
            l.iter()
                .filter_map(|&i| date(i))
                .max_by_key(Date::timestamp)
        }),
        _ => newest,
    }
}
