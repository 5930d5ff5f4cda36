//! Output: `sitemap.xml` and `robots.txt`.
//!
//! Takes the [`Site`] and the build's [`Shared`] URL builder; gives the
//! bytes of both files. The sitemap lists every HTML page of
//! [`pages::plan`] exactly once, with its absolute URL and a `lastmod`: a
//! bulletin's own date, the newest bulletin a list page shows, a plain
//! page's date, else the newest bulletin of the site. Left out are
//! `404.html` and `search/`, the two pages that tell robots `noindex`.

use super::feeds::Xml;
use crate::content::date::Date;
use crate::render::context::Shared;
use crate::render::pages::{self, PageId};
use crate::site::Site;

/// The bytes of `sitemap.xml`.
pub fn sitemap(site: &Site, shared: &Shared) -> Vec<u8> {
    let urls = &shared.urls;
    let mut x = Xml::new();
    x.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for id in pages::plan(site) {
        if matches!(id, PageId::NotFound | PageId::Search) {
            continue;
        }
        let loc = urls.permalink(&pages::page_path(site, &id));
        x.open("url", &[]);
        x.text("loc", &[], &loc);
        if let Some(d) = lastmod(site, &id) {
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
        PageId::Page(i) => site.pages.get(*i).and_then(|pg| pg.date).or(newest),
        _ => newest,
    }
}
