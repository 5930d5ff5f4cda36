//! A generated site large enough to split: the sitemap under an index (with
//! the internal small limit `JIANXUN_SITEMAP_LIMIT`), the archive's pages,
//! and the search index, whose manifest does not grow with the bulletins
//! and finds every one of them; and no page over 500 KB when the
//! statistics are large (many campaigns over many months).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use jianxun::output::{Data, Output};
use serde_json::Value;

use crate::search::lookup;
use crate::support::Fixture;

const REGIONS: [&str; 6] = [
    "四川/宜宾",
    "四川/成都",
    "福建/厦门",
    "山东/荣成",
    "辽宁/营口",
    "山西/大同",
];
/// Characters that make each bulletin's code word (`代号` + two of them).
const CODE: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";

fn code_word(i: usize) -> String {
    let c: Vec<char> = CODE.chars().collect();
    format!("{}{}", c[i / c.len() % c.len()], c[i % c.len()])
}

/// A site of `n` bulletins over three years, six places, two campaigns.
fn generated(n: usize) -> Fixture {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        "title: 测试简讯\nbase_url: https://example.org/\npaginate: 10\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n",
    );
    f.write(
        "content/campaigns/qingan.md",
        "---\nname: 青安岗\n---\n青安岗。\n",
    );
    for i in 0..n {
        let campaign = if i % 3 == 0 { "qingan" } else { "ankang-cup" };
        f.write(
            &format!("content/bulletins/{}/b{i:04}.md", 2023 + i % 3),
            &format!(
                "---\ntitle: 安全生产简讯{}第{i}期\ndate: {}-{:02}-{:02}\ncampaign: {campaign}\nregion: {}\ntags: [标签{}]\nmetrics:\n  参与企业: {}\n---\n本期围绕安全生产开展检查，代号{}。\n",
                code_word(i),
                2023 + i % 3,
                i % 12 + 1,
                i % 28 + 1,
                REGIONS[i % REGIONS.len()],
                i % 7,
                i + 1,
                code_word(i),
            ),
        );
    }
    f
}

fn build(f: &Fixture, limit: &str) -> Output {
    build_with(f, &[("JIANXUN_SITEMAP_LIMIT", limit)])
}

/// A fresh build of `f` (its output folder removed first) with `env` set.
fn build_with(f: &Fixture, env: &[(&str, &str)]) -> Output {
    let _ = std::fs::remove_dir_all(f.path("site"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianxun"));
    cmd.args(["build"])
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env("JIANXUN_LANG", "en");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run jianxun");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    read_site(&f.path("site"))
}

fn read_site(dir: &Path) -> Output {
    let files = (crate::support::files(dir).into_iter())
        .map(|(rel, path)| (rel, Data::Bytes(std::fs::read(path).unwrap())))
        .collect();
    Output { files }
}

/// Checks that `xml` is well-formed: one root, tags balanced, nothing but
/// entities after `&`, no `<` in text.
fn well_formed(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .expect("declaration");
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        for (i, _) in text.match_indices('&') {
            let ent = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&ent),
                "entity {ent}"
            );
        }
        let gt = rest[lt..].find('>').expect("tag closed") + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "closing tag {name}");
        } else if !tag.ends_with('/') {
            if stack.is_empty() {
                roots += 1;
            }
            stack.push(tag.split_whitespace().next().unwrap());
        }
        rest = &rest[gt + 1..];
    }
    assert!(
        stack.is_empty() && roots == 1 && rest.trim().is_empty(),
        "{stack:?}"
    );
}

fn locs(xml: &str) -> Vec<String> {
    (xml.split("<loc>").skip(1))
        .map(|s| s.split("</loc>").next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[test]
fn a_large_site_splits_its_sitemap_archive_and_search_index() {
    let n = 450;
    let f = generated(n);
    let out = build(&f, "100");
    // The sitemap: an index of sitemaps of at most 100 URLs, every page once.
    let index = out.text("sitemap.xml").unwrap();
    well_formed(index);
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let parts = locs(index);
    assert!(parts.len() >= 5, "{} sitemaps", parts.len());
    let mut listed = Vec::new();
    for (k, url) in parts.iter().enumerate() {
        let path = format!("sitemap-{}.xml", k + 1);
        assert_eq!(url, &format!("https://example.org/{path}"));
        let xml = out.text(&path).unwrap();
        well_formed(xml);
        let these = locs(xml);
        assert!(
            !these.is_empty() && these.len() <= 100,
            "{path}: {}",
            these.len()
        );
        listed.extend(these);
    }
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "every URL once");
    let pages: BTreeSet<String> = (out.files.keys())
        .filter_map(|p| p.strip_suffix("index.html"))
        .filter(|p| *p != "search/")
        .map(|p| format!("https://example.org/{p}"))
        .collect();
    assert_eq!(
        unique,
        pages.iter().collect(),
        "the sitemaps list every page"
    );
    let robots = out.text("robots.txt").unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml\n"),
        "{robots}"
    );

    // The archive: no page over 500 KB; every bulletin listed once in the
    // year pages.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (path, data) in &out.files {
        let Some(rest) = path.strip_prefix("archive/") else {
            continue;
        };
        let Data::Bytes(bytes) = data else { continue };
        assert!(bytes.len() < 500 * 1024, "{path}: {} B", bytes.len());
        if rest == "index.html" {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let on_page: BTreeSet<&str> = (html.split("href=\"/bulletins/").skip(1))
            .map(|s| s.split('/').next().unwrap())
            .collect();
        for slug in on_page {
            *seen.entry(slug.to_string()).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), n, "every bulletin in the archive");
    assert!(
        seen.values().all(|&c| c == 1),
        "each on one archive page only"
    );

    // The search index finds every bulletin by its code word.
    let m: Value = serde_json::from_str(out.text("search/index.json").unwrap()).unwrap();
    assert_eq!(m["count"], n);
    let chunk = m["chunk"].as_u64().unwrap() as usize;
    let row = |id: usize| -> Value {
        let docs: Value = serde_json::from_str(
            out.text(&format!("search/docs/{}.json", id / chunk))
                .unwrap(),
        )
        .unwrap();
        docs[id % chunk].clone()
    };
    let mut found = 0;
    for i in 0..n {
        let word: Vec<char> = format!("代号{}", code_word(i)).chars().collect();
        let mut hits: Option<BTreeSet<usize>> = None;
        for pair in word.windows(2) {
            let ids: BTreeSet<usize> = lookup(&out, &m, &pair.iter().collect::<String>())
                .into_iter()
                .collect();
            hits = Some(match hits {
                None => ids,
                Some(h) => h.intersection(&ids).copied().collect(),
            });
        }
        let slug = format!("bulletins/b{i:04}/");
        if hits
            .unwrap_or_default()
            .iter()
            .any(|&id| row(id)[0] == slug.as_str())
        {
            found += 1;
        }
    }
    assert_eq!(found, n, "every bulletin is found by its code word");

    // The manifest holds nothing per bulletin: a site of a tenth the size
    // has a manifest of the same size, give or take its numbers.
    let small = build(&generated(n / 10), "100");
    let size = |o: &Output| o.get("search/index.json").unwrap().len();
    let (big, little) = (size(&out), size(&small));
    assert!(
        big.abs_diff(little) < 16,
        "manifest {little} B at {} bulletins, {big} B at {n}",
        n / 10
    );
}

/// A site of many campaigns, each reporting three figures every month for
/// four years: the statistics grow with campaigns and months, not with
/// bulletins.
fn many_campaigns(campaigns: usize, months: usize) -> Fixture {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        "title: 测试简讯\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  参与职工: { unit: 人, aggregate: sum }\n  投入资金: { unit: 万元, aggregate: sum }\n",
    );
    for c in 0..campaigns {
        f.write(
            &format!("content/campaigns/c{c:02}.md"),
            &format!("---\nname: 专项活动{}\n---\n简介。\n", code_word(c)),
        );
        for m in 0..months {
            let region = REGIONS[(c + m) % REGIONS.len()];
            f.write(
                &format!("content/bulletins/c{c:02}-m{m:02}.md"),
                &format!(
                    "---\ntitle: 专项活动{}第{m}期\ndate: {}-{:02}-15\ncampaign: c{c:02}\nregion: {region}\nmetrics:\n  参与企业: {}\n  参与职工: {}万余\n  投入资金: {}\n---\n正文。\n",
                    code_word(c),
                    2021 + m / 12,
                    m % 12 + 1,
                    100 + m * 7 + c,
                    1 + m % 9,
                    m * 3 + c + 1,
                ),
            );
        }
    }
    f
}

#[test]
fn no_page_is_over_500_kb_with_many_campaigns_over_many_months() {
    let out = build(&many_campaigns(12, 48), "50000");
    let mut largest = (0, String::new());
    for (path, data) in &out.files {
        let Data::Bytes(bytes) = data else { continue };
        if path.ends_with(".html") && bytes.len() > largest.0 {
            largest = (bytes.len(), path.clone());
        }
    }
    assert!(largest.0 < 500 * 1024, "{}: {} B", largest.1, largest.0);
    // /stats/ still has every campaign, with its totals and a way to its charts.
    let stats = out.text("stats/index.html").unwrap();
    for c in 0..12 {
        assert!(
            stats.contains(&format!("href=\"/campaigns/c{c:02}/\">其余")),
            "c{c:02}"
        );
    }
}

/// A site reporting from every county of three provinces: one campaign,
/// one bulletin per county.
fn many_counties() -> Fixture {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        "title: 测试简讯\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n",
    );
    let provinces = [
        ("四川", ["宜宾", "成都", "泸州", "乐山"]),
        ("福建", ["厦门", "福州", "泉州", "漳州"]),
        ("山东", ["济南", "青岛", "烟台", "威海"]),
    ];
    let mut i = 0;
    for (p, cities) in provinces {
        for city in cities {
            for k in 1..=12 {
                i += 1;
                f.write(
                    &format!("content/bulletins/b{i:03}.md"),
                    &format!(
                        "---\ntitle: 县区简讯第{i}期\ndate: 2025-{:02}-10\ncampaign: ankang-cup\nregion: {p}/{city}/第{k}区县\nmetrics:\n  参与企业: {}\n---\n正文。\n",
                        i % 12 + 1,
                        i * 3,
                    ),
                );
            }
        }
    }
    f
}

#[test]
fn stats_lists_regions_down_to_the_level_that_fits_and_leaves_the_rest_to_their_pages() {
    // 3 provinces, 12 cities and 144 counties: 159 rows, over the 100 a
    // table by region on /stats/ lists.
    let f = many_counties();
    let out = build(&f, "50000");
    let stats = out.text("stats/index.html").unwrap();
    // Both tables by region (the campaign's and the site's) stop at cities,
    // and name the file that has the rest.
    for file in ["ankang-cup.csv）", "stats.csv）"] {
        let note = format!("列到第 2 级，其下 144 个地区见各地区页面和 {file}");
        assert_eq!(stats.matches(&note).count(), 1, "{note}: {stats}");
    }
    assert!(stats.contains("按地区（15 行，"), "{stats}");
    assert!(stats.contains("href=\"/regions/sichuan/yibin/\">宜宾</a>"));
    // (`第12区县` is shown as 第12区, at /regions/sichuan/yibin/di-12-qu/.)
    assert!(!stats.contains("第12区"), "no county is listed on /stats/");
    assert!(!stats.contains("/regions/sichuan/yibin/di-"));
    // Each county is still on its city's page and in the download.
    let city = out.text("regions/sichuan/yibin/index.html").unwrap();
    assert!(city.contains("href=\"/regions/sichuan/yibin/di-12-qu/\""));
    let csv = out.text("stats/stats.csv").unwrap();
    assert!(csv.contains("第12区"));
    let csv = out.text("stats/campaigns/ankang-cup.csv").unwrap();
    assert!(
        csv.contains("\r\ncampaign_region,ankang-cup|四川/宜宾/第12区,"),
        "{csv}"
    );
}

#[test]
fn stats_shows_a_section_for_the_recent_campaigns_and_every_campaign_in_its_table() {
    // 40 campaigns over four years (and the fixture's own, without
    // bulletins): with a section each, /stats/ was 553 KB.
    let out = build(&many_campaigns(40, 48), "50000");
    let stats = out.text("stats/index.html").unwrap();
    assert!(stats.len() < 500 * 1024, "{} B", stats.len());
    assert_eq!(
        stats.matches("<section class=\"stats-campaign\"").count(),
        12
    );
    assert!(
        stats.contains("以上是最近的 12 项活动；另有 29 项活动的统计见<a href=\"/campaigns/\">各活动页面</a>，下面“按活动”表列出全部 41 项活动的数据。"),
        "{stats}"
    );
    assert!(stats.contains("按活动（41 行）"), "{stats}");
    // Every campaign is in the table by campaign, and its page has its figures.
    for c in 0..40 {
        assert!(
            stats.contains(&format!("href=\"/campaigns/c{c:02}/\"")),
            "c{c:02}"
        );
        let page = out.text(&format!("campaigns/c{c:02}/index.html")).unwrap();
        assert!(page.contains("参与企业"), "c{c:02}");
    }
}

#[test]
fn many_campaigns_in_one_year_and_place_are_listed_by_the_largest_and_the_rest_are_named() {
    // 130 campaigns with a bulletin each in January 2021, spread over six
    // places: 44 of them report from 四川. With a bar and a row for each,
    // a region's page with 300 campaigns passed 800 KB, and /stats/ 1.7 MB.
    let out = build(&many_campaigns(130, 1), "50000");
    let region = out.text("regions/sichuan/index.html").unwrap();
    let chart = figure(region, "参与企业（按活动，数值最大的 40 项，");
    // 参与企业 is 100 + the campaign's number: the four smallest of 四川's
    // 44 (c00, c01, c06, c07) are left out, the largest comes first.
    assert_eq!(chart.matches("<tr>").count(), 41, "{chart}");
    for c in [0, 1, 6, 7] {
        assert!(
            !chart.contains(&format!("专项活动{}：", code_word(c))),
            "c{c:02}"
        );
    }
    let largest = chart.find(&format!("专项活动{}", code_word(127)));
    assert!(largest.is_some() && largest < chart.find(&format!("专项活动{}", code_word(126))));
    assert!(
        chart.contains("另有 4 项数值较小，图和表里没有列出；全部数据见 <a href=\"/stats/stats.csv\">stats.csv</a>。"),
        "{chart}"
    );
    // A chart with no more than 40 bars is whole, in its order.
    let campaign = out.text("campaigns/c00/index.html").unwrap();
    assert!(!campaign.contains("数值最大的"), "{campaign}");

    let stats = out.text("stats/index.html").unwrap();
    assert!(stats.len() < 500 * 1024, "{} B", stats.len());
    assert!(stats.contains("<strong>130</strong> 项活动"), "{stats}");
    assert!(
        stats.contains("以上是这一年简讯最多的 20 项活动；另有 110 项活动，见<a href=\"/campaigns/\">各活动页面</a>。"),
        "{stats}"
    );
    assert!(
        stats.contains("按活动（100 行，是最近的 100 项活动，另有 31 项见各活动页面和 stats.csv）"),
        "{stats}"
    );
    assert!(
        stats.contains("下面“按活动”表列出最近的 100 项，全部 131 项活动的数据见 <a href=\"/stats/stats.csv\">stats.csv</a>。"),
        "{stats}"
    );
    // Every campaign's figures are still downloadable, and on its page.
    let csv = out.text("stats/stats.csv").unwrap();
    for c in 0..130 {
        assert!(csv.contains(&format!("\ncampaign,c{c:02},")), "c{c:02}");
        assert!(
            csv.contains(&format!("\ncampaign_region,c{c:02}|")),
            "c{c:02}"
        );
    }
}

/// The lines of a CSV download, its byte-order mark and header left out.
fn csv_lines(out: &Output, path: &str) -> Vec<String> {
    let text = out
        .text(path)
        .unwrap_or_else(|| panic!("{path} is missing"));
    assert!(text.starts_with("\u{feff}scope,id,name,metric,"), "{path}");
    text.split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn a_stats_csv_past_a_sheet_leaves_each_campaigns_rows_by_region_to_its_own_file() {
    // 130 campaigns in six places: 1,281 rows, 846 of them campaign ×
    // region. A sheet of Excel or WPS holds 1,048,576 lines; a smaller
    // one (`JIANXUN_SHEET_ROWS`) stands in for it.
    let f = many_campaigns(130, 1);
    let whole = build_with(&f, &[]);
    let all = csv_lines(&whole, "stats/stats.csv");
    let by_region = |l: &&String| l.starts_with("campaign_region,");
    let (apart, kept): (Vec<&String>, Vec<&String>) = all.iter().partition(by_region);
    assert_eq!((all.len(), apart.len()), (1281, 846));
    // Every campaign's own file: its rows and its rows by region, always.
    let mut own = Vec::new();
    for c in 0..130 {
        let rows = csv_lines(&whole, &format!("stats/campaigns/c{c:02}.csv"));
        assert!(
            rows.iter()
                .all(|l| l.starts_with(&format!("campaign,c{c:02},"))
                    || l.starts_with(&format!("campaign_region,c{c:02}|"))),
            "c{c:02}: {rows:?}"
        );
        assert_eq!(
            rows.iter().filter(|l| l.starts_with("campaign,")).count(),
            3,
            "c{c:02}"
        );
        own.extend(
            rows.into_iter()
                .filter(|l| l.starts_with("campaign_region,")),
        );
        let page = whole
            .text(&format!("campaigns/c{c:02}/index.html"))
            .unwrap();
        assert!(page.contains(&format!(
            "<p class=\"totals-download\">下载这些数据和各地区的明细：<a href=\"/stats/campaigns/c{c:02}.csv\">c{c:02}.csv</a></p>"
        )), "c{c:02}");
    }
    let sorted = |v: Vec<String>| -> Vec<String> {
        let mut v = v;
        v.sort();
        v
    };
    assert_eq!(
        sorted(own.clone()),
        sorted(apart.iter().map(|l| l.to_string()).collect())
    );
    let stats = whole.text("stats/index.html").unwrap();
    assert!(!stats.contains("一张表格放不下"), "{stats}");

    // Exactly a sheet: the file stays whole. One line less: the rows by
    // region leave it, and every page that pointed to them says where.
    let lines = (all.len() + 1).to_string();
    let fits = build_with(&f, &[("JIANXUN_SHEET_ROWS", &lines)]);
    assert_eq!(csv_lines(&fits, "stats/stats.csv"), all);
    let less = (all.len()).to_string();
    let split = build_with(&f, &[("JIANXUN_SHEET_ROWS", &less)]);
    let wide = csv_lines(&split, "stats/stats.csv");
    assert_eq!(wide, kept.into_iter().cloned().collect::<Vec<_>>());
    for c in 0..130 {
        let path = format!("stats/campaigns/c{c:02}.csv");
        assert_eq!(csv_lines(&split, &path), csv_lines(&whole, &path), "{path}");
    }
    assert_eq!(
        split.text("stats/stats.json"),
        whole.text("stats/stats.json")
    );
    let stats = split.text("stats/index.html").unwrap();
    assert!(stats.contains("<a href=\"/stats/stats.csv\">stats.csv</a>（数据太多，一张表格放不下，所以 stats.csv 里没有各活动在各地区的数据；这部分在<a href=\"/campaigns/\">各活动页面</a>分别下载）"), "{stats}");
    // 四川's chart by campaign leaves four out: they are in the campaigns' files.
    let region = split.text("regions/sichuan/index.html").unwrap();
    let chart = figure(region, "参与企业（按活动，数值最大的 40 项，");
    assert!(
        chart.contains("另有 4 项数值较小，图和表里没有列出；全部数据见 <a href=\"/campaigns/\">各活动页面</a>下载的数据。"),
        "{chart}"
    );
    let region = whole.text("regions/sichuan/index.html").unwrap();
    let chart = figure(region, "参与企业（按活动，数值最大的 40 项，");
    assert!(
        chart.contains("全部数据见 <a href=\"/stats/stats.csv\">stats.csv</a>。"),
        "{chart}"
    );
}

#[test]
fn the_preview_moves_the_rows_by_region_in_and_out_of_stats_csv_as_the_build_does() {
    use crate::serve::{Server, WAIT};
    let f = many_campaigns(130, 1);
    // A sheet one line short of the whole file (1,282 lines with the header).
    let env = [("JIANXUN_SHEET_ROWS", "1281")];
    let s = Server::start_with(&f, &env);
    let mut ev = s.events();
    ev.next(WAIT).expect("current state on connect");
    let apart = "一张表格放不下";
    assert!(s.get("/stats/").body.contains(apart));
    assert!(
        !s.get("/stats/stats.csv")
            .body
            .contains("\r\ncampaign_region,")
    );
    // c00 no longer reports 投入资金, saved in place: its rows of that
    // metric go, and the whole file fits again.
    let file = "content/bulletins/c00-m00.md";
    let text = f.read(file);
    assert!(text.contains("  投入资金: 1\n"), "{text}");
    f.write(file, &text.replace("  投入资金: 1\n", ""));
    let (name, _) = ev.next(WAIT).expect("reload after the save");
    assert_eq!(name, "reload");
    let built = build_with(&f, &env);
    for path in [
        "stats/stats.csv",
        "stats/stats.json",
        "stats/campaigns/c00.csv",
    ] {
        let served = s.get(&format!("/{path}")).body;
        assert_eq!(Some(served.as_str()), built.text(path), "{path}");
    }
    assert!(
        built
            .text("stats/stats.csv")
            .unwrap()
            .contains("\r\ncampaign_region,c00|")
    );
    for (path, fragment) in [
        (
            "stats/index.html",
            "<a href=\"/stats/stats.csv\">stats.csv</a></p>",
        ),
        (
            "regions/sichuan/index.html",
            "全部数据见 <a href=\"/stats/stats.csv\">stats.csv</a>。",
        ),
    ] {
        let served = s.get(&format!("/{path}")).body;
        let built = built.text(path).unwrap();
        for page in [&served, built] {
            assert!(
                page.contains(fragment) && !page.contains(apart),
                "{path}: {page}"
            );
        }
    }
}

#[test]
fn jianxun_stats_warns_when_its_csv_would_pass_a_sheet() {
    let f = many_campaigns(3, 2);
    let run = |rows: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_jianxun"))
            .args(["stats", "--format", "csv", "--campaign", "c01"])
            .current_dir(f.root())
            .env("NO_COLOR", "1")
            .env("JIANXUN_LANG", "zh")
            .env("JIANXUN_SHEET_ROWS", rows)
            .output()
            .expect("run jianxun");
        assert!(out.status.success(), "{out:?}");
        let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
        (text(out.stdout), text(out.stderr))
    };
    let (csv, quiet) = run("1048576");
    let lines = csv.matches("\r\n").count();
    assert!(lines > 3 && quiet.is_empty(), "{lines}: {quiet}");
    assert_eq!(run(&lines.to_string()), (csv.clone(), String::new()));
    let (same, warned) = run(&(lines - 1).to_string());
    assert_eq!(same, csv);
    assert_eq!(
        warned,
        format!(
            "警告: 这份 CSV 有 {lines} 行，Excel 和 WPS 的一张表最多只能放 {} 行，打开时后面的行会被丢掉\n  = 提示: 加上 --campaign 活动简称，一次导出一项活动的数据；要一次拿到全部数据，改用 --format json\n",
            lines - 1
        )
    );
}

/// The `<figure>` of `page` whose caption contains `caption`.
fn figure<'a>(page: &'a str, caption: &str) -> &'a str {
    let at = page
        .find(caption)
        .unwrap_or_else(|| panic!("{caption}: {page}"));
    let start = page[..at].rfind("<figure").unwrap();
    let end = at + page[at..].find("</figure>").unwrap();
    &page[start..end]
}

/// A site with no metrics and one campaign, `c`, for bulletins to be added.
fn one_campaign() -> Fixture {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        "title: 测试简讯\nbase_url: https://example.org/\n",
    );
    f.write(
        "content/campaigns/c.md",
        "---\nname: 专项活动\n---\n简介。\n",
    );
    f
}

#[test]
fn the_regions_page_lists_the_levels_that_fit_and_leaves_the_rest_to_their_pages() {
    // 4 provinces × 30 cities × 30 counties, a bulletin each: 3,724 regions,
    // past the 3,500 rows /regions/ lists.
    let f = one_campaign();
    let provinces = ["四川", "福建", "山东", "辽宁"];
    for (p, province) in provinces.iter().enumerate() {
        for city in 0..30 {
            for county in 0..30 {
                f.write(
                    &format!("content/bulletins/b{p}-{city:02}-{county:02}.md"),
                    &format!(
                        "---\ntitle: 简讯{p}市{city:02}县{county:02}\ndate: 2024-05-01\ncampaign: c\nregion: {province}/市{city:02}/县{county:02}\n---\n正文。\n",
                    ),
                );
            }
        }
    }
    let out = build(&f, "50000");
    let page = out.text("regions/index.html").unwrap();
    assert!(page.len() < 500 * 1024, "{} B", page.len());
    assert!(
        page.contains("地区太多，这里只列到第 2 级；其下 3600 个地区见各地区页面的“下级地区”。"),
        "{page}"
    );
    assert_eq!(page.matches("<li class=\"depth-0\">").count(), 4);
    assert_eq!(page.matches("<li class=\"depth-1\">").count(), 120);
    assert_eq!(page.matches("<li class=\"depth-2\">").count(), 0);
    // Each county is on its city's page, and has its own.
    let city = out.text("regions/sichuan/shi-07/index.html").unwrap();
    for county in 0..30 {
        let url = format!("/regions/sichuan/shi-07/xian-{county:02}/");
        assert!(city.contains(&format!("href=\"{url}\"")), "{url}");
        assert!(
            out.text(&format!("{}index.html", &url[1..])).is_some(),
            "{url}"
        );
    }
}

#[test]
fn the_campaigns_page_shows_the_recent_ones_as_cards_and_lists_the_rest_by_name() {
    // 230 campaigns (and the fixture's own, without bulletins): a card
    // each would make a thousand campaigns 800 KB.
    let out = build(&many_campaigns(230, 1), "50000");
    let page = out.text("campaigns/index.html").unwrap();
    assert_eq!(
        page.matches("<article class=\"card campaign-card\">")
            .count(),
        200
    );
    assert!(
        page.contains("较早的活动<span class=\"section-note\">（31 项）</span>"),
        "{page}"
    );
    // Every campaign is linked, once, as a card or by name (the menus
    // link the 12 most recent too).
    let grid = page.find("<div class=\"campaign-grid\">").unwrap();
    let listed = &page[grid..page.find("</main>").unwrap()];
    for c in 0..230 {
        let link = format!("href=\"/campaigns/c{c:02}/\"");
        assert_eq!(listed.matches(&link).count(), 1, "c{c:02}");
    }
    // The least recent are listed by name: the fixture's own campaign,
    // without bulletins, and (all bulletins being of one day, the newest
    // first by their names) c99's.
    let older = &listed[listed.find("较早的活动").unwrap()..];
    assert_eq!(
        older.matches("<li><a class=\"chip\"").count(),
        31,
        "{older}"
    );
    for (c, there) in [("ankang-cup", true), ("c99", true), ("c00", false)] {
        let link = format!("href=\"/campaigns/{c}/\"");
        assert_eq!(older.contains(&link), there, "{c}: {older}");
    }
}

#[test]
fn the_tags_page_lists_the_tags_with_the_most_bulletins_and_counts_the_rest() {
    // 4,010 tags over 401 bulletins: tags 标签0–9 are on every bulletin.
    let f = one_campaign();
    for b in 0..401 {
        let mut tags: Vec<String> = (0..10).map(|k| format!("标签{k}")).collect();
        tags.extend((0..10).map(|k| format!("专题{}", b * 10 + k)));
        f.write(
            &format!("content/bulletins/b{b:03}.md"),
            &format!(
                "---\ntitle: 简讯{b}号\ndate: 2024-05-01\ncampaign: c\nregion: 四川/宜宾\ntags: [{}]\n---\n正文。\n",
                tags.join(", ")
            ),
        );
    }
    let out = build(&f, "50000");
    let page = out.text("tags/index.html").unwrap();
    assert!(page.len() < 500 * 1024, "{} B", page.len());
    assert_eq!(page.matches("<li><a class=\"tag\"").count(), 4000);
    assert!(
        page.contains("标签太多，这里列出简讯最多的 4000 个；另有 20 个标签，见带有它们的简讯。"),
        "{page}"
    );
    for k in 0..10 {
        assert!(
            page.contains(&format!("标签{k} <span class=\"count\">401</span>")),
            "标签{k}"
        );
    }
    // The tags left out still have their pages.
    assert_eq!(
        out.files
            .keys()
            .filter(|k| k.starts_with("tags/zhuanti") && k.ends_with("/index.html"))
            .count(),
        4010
    );
}
