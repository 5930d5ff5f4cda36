//! Feeds, sitemap and robots.txt: valid Atom read back with a real parser
//! (atom_syndication), absolute URLs under any base path, escaping that
//! round-trips, and a sitemap that lists every page once.

use std::collections::BTreeSet;

use atom_syndication::Feed;
use jianxun::output::Output;
use jianxun::{BuildOptions, build};

use crate::search::{build_example, example_bulletins};
use crate::support::Fixture;

fn feed(out: &Output, path: &str) -> Feed {
    let bytes = out.get(path).unwrap_or_else(|| panic!("{path} is written"));
    Feed::read_from(bytes).unwrap_or_else(|e| panic!("{path} is Atom: {e}"))
}

/// What RFC 4287 requires of a feed and its entries, and what we promise on top.
fn check_feed(f: &Feed, base: &str, self_path: &str) {
    let rel = |links: &[atom_syndication::Link], r: &str| {
        links
            .iter()
            .find(|l| l.rel() == r)
            .map(|l| l.href().to_string())
    };
    assert_eq!(f.id(), format!("{base}{self_path}"));
    assert!(!f.title().value.is_empty());
    assert_eq!(rel(f.links(), "self"), Some(format!("{base}{self_path}")));
    assert!(rel(f.links(), "alternate").is_some_and(|u| u.starts_with(base)));
    assert_eq!(f.authors().len(), 1, "the site is the feed's author");
    assert_eq!(f.generator().map(|g| g.value()), Some("jianxun"));
    let dates: Vec<_> = f.entries().iter().map(|e| *e.updated()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    if let Some(newest) = dates.first() {
        assert_eq!(f.updated(), newest, "updated is the newest entry's date");
    }
    let mut ids = BTreeSet::new();
    for e in f.entries() {
        assert!(
            e.id().starts_with(&format!("{base}bulletins/")),
            "{}",
            e.id()
        );
        assert!(ids.insert(e.id().to_string()), "entry ids are unique");
        assert!(!e.title().value.is_empty());
        assert_eq!(rel(e.links(), "alternate").as_deref(), Some(e.id()));
        assert_eq!(e.published(), Some(e.updated()));
        let content = e.content().expect("content");
        assert_eq!(content.content_type(), Some("html"));
        assert!(content.value().is_some_and(|v| v.contains("<p>")));
    }
}

fn entry_slugs(f: &Feed, base: &str) -> Vec<String> {
    f.entries()
        .iter()
        .map(|e| {
            let rest = e.id().strip_prefix(&format!("{base}bulletins/")).unwrap();
            rest.trim_end_matches('/').to_string()
        })
        .collect()
}

#[test]
fn site_and_campaign_feeds_are_valid_atom() {
    let out = build_example(None);
    let base = "https://example.org/";
    let bulletins: Vec<_> = example_bulletins()
        .into_iter()
        .filter(|b| !b.draft)
        .collect();
    let site = feed(&out, "feed.xml");
    check_feed(&site, base, "feed.xml");
    assert_eq!(site.entries().len(), bulletins.len().min(20));
    assert_eq!(site.lang(), Some("zh-CN"));
    let campaigns: BTreeSet<&str> = bulletins
        .iter()
        .flat_map(|b| b.campaigns.iter().map(String::as_str))
        .collect();
    for c in campaigns {
        let path = format!("campaigns/{c}/feed.xml");
        let f = feed(&out, &path);
        check_feed(&f, base, &path);
        let want: BTreeSet<String> = bulletins
            .iter()
            .filter(|b| b.campaigns.iter().any(|x| x == c))
            .map(|b| b.slug.clone())
            .collect();
        let got: BTreeSet<String> = entry_slugs(&f, base).into_iter().collect();
        assert_eq!(got, want, "{path}");
        let page = out.text(&format!("campaigns/{c}/index.html")).unwrap();
        assert!(
            page.contains(&format!("href=\"/campaigns/{c}/feed.xml\"")),
            "{c} page links its feed"
        );
    }
    let home = out.text("index.html").unwrap();
    assert!(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
}

#[test]
fn feeds_sitemap_and_robots_use_a_sub_path_base_url() {
    let base = "https://example.org/jianxun/";
    let out = build_example(Some(base));
    check_feed(&feed(&out, "feed.xml"), base, "feed.xml");
    check_feed(
        &feed(&out, "campaigns/ankang-cup/feed.xml"),
        base,
        "campaigns/ankang-cup/feed.xml",
    );
    let sitemap = out.text("sitemap.xml").unwrap();
    let locs = locs(sitemap);
    assert!(
        !locs.is_empty() && locs.iter().all(|l| l.starts_with(base)),
        "{locs:?}"
    );
    let robots = out.text("robots.txt").unwrap();
    assert!(robots.contains("User-agent: *\nAllow: /\n"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://example.org/jianxun/sitemap.xml\n"),
        "{robots}"
    );
    let page = out.text("campaigns/ankang-cup/index.html").unwrap();
    assert!(page.contains("href=\"/jianxun/campaigns/ankang-cup/feed.xml\""));
    assert!(page.contains("href=\"/jianxun/feed.xml\""));
}

#[test]
fn markup_and_chinese_quotes_round_trip() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "A<B & C>D：“安康杯”‘竞赛’与\"Q\"",
        "2024-03-11 09:30",
        "四川/宜宾",
        "tags: [\"R&D\", 隐患<排查>]\nsource: { publisher: 四川工人日报, author: 张三 & 李四 }\nsummary: \"x < y & “z”\"\n",
        "正文 a < b & c，“引号”与 <i>标签</i>。\n\n```\nif (a < b && c > d) {}\n```",
    );
    let (_, _, out) = build(f.root(), &BuildOptions::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let atom = feed(&out, "feed.xml");
    check_feed(&atom, "https://example.org/", "feed.xml");
    let e = &atom.entries()[0];
    assert_eq!(e.title().value, "A<B & C>D：“安康杯”‘竞赛’与\"Q\"");
    assert_eq!(e.summary().map(|s| s.value.as_str()), Some("x < y & “z”"));
    assert_eq!(e.authors()[0].name(), "张三 & 李四");
    let terms: Vec<&str> = e.categories().iter().map(|c| c.term()).collect();
    assert_eq!(terms, ["R&D", "隐患<排查>"]);
    assert_eq!(
        e.published().map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-03-11T09:30:00+08:00")
    );
    let html = e.content().and_then(|c| c.value()).unwrap();
    assert!(html.contains("a &lt; b &amp; c，“引号”"), "{html}");
    assert!(html.contains("a &lt; b &amp;&amp; c &gt; d"), "{html}");
    assert_eq!(
        e.content().and_then(|c| c.base()),
        Some("https://example.org/bulletins/a/")
    );
}

#[test]
fn a_campaign_without_bulletins_has_a_valid_empty_feed() {
    let f = Fixture::new();
    f.write("content/campaigns/empty.md", "---\nname: 空活动\n---\n");
    f.bulletin("a", "一篇", "2024-03-11", "四川/宜宾", "", "正文。");
    let (_, _, out) = build(f.root(), &BuildOptions::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let atom = feed(&out, "campaigns/empty/feed.xml");
    check_feed(&atom, "https://example.org/", "campaigns/empty/feed.xml");
    assert!(atom.entries().is_empty());
    assert_eq!(
        atom.updated().to_rfc3339(),
        "2024-03-11T00:00:00+08:00",
        "the site's newest date"
    );
}

/// The `<loc>`s of a sitemap, unescaped.
fn locs(sitemap: &str) -> Vec<String> {
    sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_once() {
    let out = build_example(None);
    let sitemap = out.text("sitemap.xml").unwrap();
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let locs = locs(sitemap);
    let unique: BTreeSet<&String> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "no page twice");
    // Every page but the two that say noindex (404.html and search/).
    let pages: BTreeSet<String> = out
        .files
        .keys()
        .filter_map(|p| p.strip_suffix("index.html"))
        .filter(|p| *p != "search/")
        .map(|p| format!("https://example.org/{p}"))
        .collect();
    assert_eq!(unique, pages.iter().collect());
    assert_eq!(
        sitemap.matches("<url>").count(),
        sitemap.matches("<lastmod>").count(),
        "every page has a lastmod"
    );
    let b = example_bulletins()
        .into_iter()
        .find(|b| b.slug == "yibin-ankangbei-jin-yuanqu")
        .unwrap();
    let entry = format!(
        "<loc>https://example.org/bulletins/{}/</loc>\n    <lastmod>2022-12-10T00:00:00+08:00</lastmod>",
        b.slug
    );
    assert!(sitemap.contains(&entry), "a bulletin's lastmod is its date");
    assert!(!sitemap.contains("404.html"));
}

/// Past the protocol's limit of URLs per sitemap, `sitemap.xml` becomes an
/// index of sitemaps that together list every page once.
#[test]
fn a_large_site_gets_a_sitemap_index() {
    use jianxun::output::sitemap::{SITEMAP_LIMIT, sitemaps};
    use jianxun::render::context::Shared;
    let root = crate::support::repo();
    let loaded = jianxun::load(&root, &BuildOptions::default()).expect("example loads");
    let shared = Shared::new(&loaded.site);
    let whole = sitemaps(&loaded.site, &shared, SITEMAP_LIMIT);
    assert_eq!(whole.len(), 1, "the example fits one sitemap");
    let all = locs(std::str::from_utf8(&whole[0].1).unwrap());
    assert!(all.len() > 20);

    let limit = 7;
    let split = sitemaps(&loaded.site, &shared, limit);
    let (index_path, index) = &split[0];
    assert_eq!(index_path, "sitemap.xml");
    let index = std::str::from_utf8(index).unwrap();
    assert!(
        index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{index}"
    );
    let parts: Vec<String> = locs(index);
    assert_eq!(parts.len(), split.len() - 1);
    assert_eq!(parts.len(), all.len().div_ceil(limit));
    let mut listed = Vec::new();
    for (n, (path, bytes)) in split.iter().skip(1).enumerate() {
        assert_eq!(path, &format!("sitemap-{}.xml", n + 1));
        assert_eq!(parts[n], format!("https://example.org/{path}"));
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(text.contains("<urlset"), "{text}");
        let these = locs(text);
        assert!(
            !these.is_empty() && these.len() <= limit,
            "{path}: {}",
            these.len()
        );
        listed.extend(these);
    }
    assert_eq!(listed, all, "every page once, in the same order");
    assert_eq!(index.matches("<lastmod>").count(), parts.len());
}
