//! The example site in the repository root builds, and its pages carry what they should.
//! Expected sets are recomputed here from the bulletins' front matter by simple line reading.

use std::collections::{BTreeMap, BTreeSet};

use jianxun::output::Output;
use jianxun::{BuildOptions, build};

use crate::support::{self, Fixture, repo};

struct FrontMatter {
    slug: String,
    campaigns: Vec<String>,
    region: String,
    draft: bool,
}

/// Reads the example bulletins' front matter line by line (independently of jianxun's parser).
fn example_bulletins() -> Vec<FrontMatter> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("content/bulletins"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().and_then(|x| x.to_str()) != Some("md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let field = |k: &str| {
            text.lines()
                .skip(1)
                .take_while(|l| *l != "---")
                .find_map(|l| {
                    l.strip_prefix(&format!("{k}: "))
                        .map(str::trim)
                        .map(str::to_string)
                })
        };
        let campaigns = field("campaign")
            .unwrap()
            .trim_matches(['[', ']'])
            .split(',')
            .map(|s| s.trim().to_string())
            .map(|s| {
                if s == "安康杯竞赛" {
                    "ankang-cup".to_string()
                } else {
                    s
                }
            })
            .collect();
        out.push(FrontMatter {
            slug: field("slug").unwrap_or_else(|| crate::search::slug_of_file(e.path())),
            campaigns,
            region: field("region").unwrap(),
            draft: field("draft").as_deref() == Some("true"),
        });
    }
    out
}

fn built() -> Output {
    let (_, _, out) = build(&repo(), &BuildOptions::default())
        .unwrap_or_else(|d| panic!("example site fails: {d:#?}"));
    out
}

fn page<'a>(out: &'a Output, path: &str) -> &'a str {
    out.text(path).unwrap_or_else(|| panic!("no page {path}"))
}

/// Every `/bulletins/<slug>/` link in `html`.
fn bulletin_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"/bulletins/")
        .skip(1)
        .map(|s| s.split('/').next().unwrap().to_string())
        .collect()
}

/// All pages of a paginated list, following `rel="next"` links from the first.
fn follow_pages(out: &Output, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    loop {
        let html = page(out, pages.last().unwrap());
        let next = html
            .split("rel=\"next\"")
            .next()
            .and_then(|before| before.rsplit("href=\"").next())
            .and_then(|s| s.split('"').next())
            .filter(|_| html.contains("rel=\"next\""))
            .map(|u| format!("{}index.html", u.trim_start_matches('/')));
        match next {
            Some(n) if !pages.contains(&n) => pages.push(n),
            _ => return pages,
        }
    }
}

#[test]
fn example_content_is_substantial() {
    let bs = example_bulletins();
    assert!(bs.iter().filter(|b| !b.draft).count() >= 15);
    let campaigns: BTreeSet<_> = bs.iter().flat_map(|b| b.campaigns.clone()).collect();
    assert!(campaigns.len() >= 5, "{campaigns:?}");
    let regions: BTreeSet<_> = bs.iter().map(|b| b.region.clone()).collect();
    assert!(regions.len() >= 8, "{regions:?}");
}

#[test]
fn bulletin_page_shows_its_parts() {
    let out = built();
    let html = page(&out, "bulletins/datong-qingangang-liuge-yi/index.html");
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(
        html.contains("<h1 class=\"bulletin-title\">大同共青团以“青安岗”创建筑牢青年安全防线</h1>")
    );
    assert!(html.contains("2024年3月11日"));
    assert!(html.contains("href=\"/campaigns/qingangang/\""));
    assert!(html.contains("href=\"/regions/shanxi/datong/\">大同</a>"));
    assert!(html.contains("100余场"), "metrics panel");
    assert!(html.contains("<h2 id=\"一压实责任\">一、压实责任</h2>"));
    assert!(
        html.contains("<strong>“六个一”</strong>活动"),
        "emphasis beside Chinese punctuation"
    );
    assert!(html.contains("共青团山西省委"), "source");
}

#[test]
fn campaign_pages_list_exactly_their_bulletins() {
    let out = built();
    let bs = example_bulletins();
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for b in bs.iter().filter(|b| !b.draft) {
        for c in &b.campaigns {
            expected
                .entry(c.clone())
                .or_default()
                .insert(b.slug.clone());
        }
    }
    for (campaign, want) in expected {
        let pages = follow_pages(&out, &format!("campaigns/{campaign}/index.html"));
        let got: BTreeSet<String> = pages
            .iter()
            .flat_map(|p| bulletin_links(page(&out, p)))
            .collect();
        assert_eq!(got, want, "campaign {campaign} over pages {pages:?}");
        assert_eq!(
            pages.len(),
            want.len().div_ceil(5),
            "paginate: 5 in jianxun.yaml"
        );
    }
}

#[test]
fn pagination_links_work_both_ways() {
    let out = built();
    let p1 = page(&out, "campaigns/ankang-cup/index.html");
    assert!(p1.contains("href=\"/campaigns/ankang-cup/page/2/\""));
    let p2 = page(&out, "campaigns/ankang-cup/page/2/index.html");
    assert!(
        p2.contains("href=\"/campaigns/ankang-cup/\""),
        "page 2 links back to page 1"
    );
    assert!(p2.contains("上一页"));
    assert!(out.text("campaigns/ankang-cup/page/3/index.html").is_none());
}

#[test]
fn region_pages_include_sub_regions() {
    let out = built();
    let bs = example_bulletins();
    let want: BTreeSet<String> = bs
        .iter()
        .filter(|b| !b.draft && b.region.starts_with("四川"))
        .map(|b| b.slug.clone())
        .collect();
    assert!(
        bs.iter().any(|b| b.region.starts_with("四川/宜宾/")),
        "the example has a county under 宜宾"
    );
    let pages = follow_pages(&out, "regions/sichuan/index.html");
    let got: BTreeSet<String> = pages
        .iter()
        .flat_map(|p| bulletin_links(page(&out, p)))
        .collect();
    assert_eq!(got, want);
    let yibin = page(&out, "regions/sichuan/yibin/index.html");
    assert!(
        yibin.contains("href=\"/regions/sichuan/yibin/changning/\""),
        "child region listed"
    );
    let tree = page(&out, "regions/index.html");
    for path in [
        "/regions/quanguo/",
        "/regions/fujian/xiamen/",
        "/regions/shandong/weihai/rongcheng/",
    ] {
        assert!(tree.contains(path), "{path}");
    }
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let out = built();
    assert!(
        out.text("bulletins/yibin-ankangbei-zhengwen/index.html")
            .is_none()
    );
    let (_, _, with) = build(
        &repo(),
        &BuildOptions {
            drafts: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        with.text("bulletins/yibin-ankangbei-zhengwen/index.html")
            .is_some()
    );
}

#[test]
fn every_listed_url_exists() {
    let out = built();
    for path in [
        "index.html",
        "campaigns/index.html",
        "regions/index.html",
        "archive/index.html",
        "tags/index.html",
        "pages/about/index.html",
        "404.html",
        "style.css",
    ] {
        assert!(out.files.contains_key(path), "{path}");
    }
    // Every internal link of every page points at a produced file.
    for (path, _) in out.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = page(&out, path);
        for href in html
            .split("href=\"/")
            .skip(1)
            .map(|s| s.split(['"', '#']).next().unwrap())
        {
            let target = if href.is_empty() || href.ends_with('/') {
                format!("{href}index.html")
            } else {
                href.to_string()
            };
            assert!(
                out.files.contains_key(&target),
                "{path} links to missing /{href}"
            );
        }
    }
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let (_, _, out) = build(
        &repo(),
        &BuildOptions {
            base_url: Some("https://example.org/jianxun/".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let html = page(&out, "index.html");
    assert!(html.contains("href=\"/jianxun/campaigns/\""));
    assert!(html.contains("href=\"/jianxun/style.css\""));
    assert!(
        !html.contains("href=\"/campaigns/"),
        "no link escapes the sub-path"
    );
}

#[test]
fn release_style_build_writes_a_browsable_site() {
    let out = Fixture::empty();
    let r = support::run_in(
        &repo(),
        &["build", "--output", out.path("site").to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.read("site/index.html").contains("安全生产工作简讯"));
    assert!(
        out.path("site/bulletins/datong-qingangang-liuge-yi/index.html")
            .is_file()
    );
}

#[test]
fn campaign_and_region_pages_list_their_bulletins_before_the_charts() {
    let out = built();
    for path in [
        "campaigns/ankang-cup/index.html",
        "regions/sichuan/index.html",
    ] {
        let html = page(&out, path);
        let list = html.find("<section class=\"listing\"").expect(path);
        let chart = html.find("<figure class=\"chart\"").expect(path);
        let totals = html.find("统计期间").expect(path);
        assert!(
            totals < list && list < chart,
            "{path}: totals, list, charts"
        );
    }
}
