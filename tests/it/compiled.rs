//! The built-in bulletin page compiled to Rust (`render::compiled`) writes,
//! byte for byte, what Tera writes from the built-in templates: on the
//! example site, and on random sites whose bulletins have every optional
//! part (a masthead and distribution, sources of each kind, tags, several
//! campaigns or none, nested regions, metrics, photos, drafts shown with
//! `--drafts`) and text that must be escaped. A site that changes one of
//! the templates a bulletin page reads is rendered by Tera.

// The sink returns the build's own `Result<(), Diagnostic>`, as in the library.
#![allow(clippy::result_large_err)]

use std::path::Path;

use jianxun::render::context::Shared;
use jianxun::render::pages::{self, PageId};
use jianxun::{BuildOptions, load};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

use crate::support::{Fixture, repo, tiny_png};

/// Whether page `id` must be rendered by the compiled templates: a
/// bulletin's, a tag's, and a region's or campaign's after its first page.
fn meant_compiled(id: &PageId) -> bool {
    match id {
        PageId::Bulletin(_) | PageId::Tag(..) => true,
        PageId::Region(_, page) | PageId::Campaign(_, page) => *page > 1,
        _ => false,
    }
}

/// Renders every page of the site at `root` both ways and compares those
/// the compiled templates render; returns how many pages they rendered.
fn compare(root: &Path, drafts: bool) -> Result<usize, TestCaseError> {
    let opts = BuildOptions {
        drafts,
        ..Default::default()
    };
    let loaded = load(root, &opts).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
    for t in ["bulletin.html", "tag.html", "region.html", "campaign.html"] {
        prop_assert!(loaded.theme.compiled(t), "{}", t);
    }
    let site = &loaded.site;
    let shared = Shared::new(site);
    // All at once, as a build renders them: a list copies the cards another
    // list wrote for the same bulletins, and still writes what Tera writes.
    let all = std::sync::Mutex::new(std::collections::HashMap::new());
    let ids = pages::plan(site);
    pages::render_each(site, &loaded.theme, &shared, &ids, &|path, bytes| {
        all.lock().unwrap().insert(path, bytes);
        Ok(())
    })
    .map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
    let all = all.into_inner().unwrap();
    let tera = loaded.theme.interpreted_only();
    prop_assert!(!tera.compiled("bulletin.html"));
    let mut n = 0;
    let mut expected = std::collections::HashMap::new();
    for id in &ids {
        let compiled = pages::render_compiled(site, &shared, id);
        prop_assert_eq!(compiled.is_some(), meant_compiled(id), "{:?}", id);
        let Some((path, bytes)) = compiled else {
            continue;
        };
        let (tpath, tbytes) = pages::render_page(site, &tera, &shared, id)
            .map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&path, &tpath);
        prop_assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&tbytes),
            "{}",
            path
        );
        expected.insert(path, tbytes);
        n += 1;
    }
    for (path, tbytes) in &expected {
        prop_assert_eq!(
            String::from_utf8_lossy(&all[path]),
            String::from_utf8_lossy(tbytes),
            "{} rendered with the others",
            path
        );
    }
    Ok(n)
}

#[test]
fn the_example_sites_bulletin_pages_are_the_same_compiled() {
    for drafts in [false, true] {
        let n = compare(&repo(), drafts).unwrap();
        assert!(n >= 40, "{n} pages");
    }
}

const CONFIG: &str = "title: 测试<简讯> & \"周报\"\ndescription: 说明'一'\nbase_url: BASE\npaginate: 2\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  奖励金额: { unit: 元, aggregate: sum }\nseries:\n  anquan: { name: 安全生产<工作>简讯, issuer: 总工会办公室, distribution: { 报: [市委], 发: [各区县总工会] } }\n  tuan: { name: 青安岗简报 }\nSHARE";

const REGIONS: [&str; 4] = ["四川/宜宾/长宁", "福建/厦门", "全国", "四川/宜宾"];
const TAGS: [&str; 4] = ["园区", "隐患<排查>", "A&B", "\"引号\""];
const SOURCES: [&str; 6] = [
    "",
    "source: { publisher: 四川工人日报, issue: 第13461期 }\n",
    "source: { publisher: 厦门日报, url: \"https://example.org/a?b=1&c=2\", author: 记者 翁华鸿 }\n",
    "source: { url: \"https://example.org/x\" }\n",
    "source: { issue: \"第2期<内部>\", author: 张三 }\n",
    "source: { author: 李四 }\n",
];
const CAMPAIGNS: [&str; 3] = [
    "campaign: ankang-cup\n",
    "campaign: [ankang-cup, safety-month]\n",
    "campaign: safety-month\n",
];
const SERIES: [&str; 4] = [
    "",
    "series: anquan\nissue: 〔2024〕2号\n",
    "series: tuan\nissue: 第1期\nissuer: 团市委<办公室>\nprinted: 2024-05-03\n",
    "series: anquan\n",
];
const STATUS: [&str; 3] = ["", "draft: true\n", "status: 待审\n"];

/// One random bulletin: an index into each of the lists above, and more.
type Choice = (u8, u8, u8, u8, u8, u8, u8, bool);

fn bulletin_text(n: usize, c: Choice) -> String {
    let (region, tags, source, campaign, series, status, metrics, photo) = c;
    let pick = |list: &[&'static str], v: u8| list[usize::from(v) % list.len()];
    let mut s = format!(
        "---\ntitle: 第{n}篇：<b>“安康杯”</b> & 'A'\ndate: 2024-0{}-1{}\n",
        1 + n % 9,
        n % 10
    );
    s.push_str(pick(&CAMPAIGNS, campaign));
    s.push_str(&format!("region: {}\n", pick(&REGIONS, region)));
    let tags: Vec<&str> = (0..usize::from(tags % 4)).map(|k| TAGS[k]).collect();
    if !tags.is_empty() {
        s.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    s.push_str(pick(&SOURCES, source));
    s.push_str(pick(&SERIES, series));
    s.push_str(pick(&STATUS, status));
    if metrics % 3 > 0 {
        s.push_str(&format!(
            "metrics:\n  参与企业: {}家\n",
            40 + u32::from(metrics)
        ));
    }
    if metrics % 3 == 2 {
        s.push_str("  奖励金额: 7.2万元\n");
    }
    s.push_str("---\n");
    if photo {
        s.push_str(&format!("![现场](b{n}.png)\n\n图为现场（张三 摄）\n\n"));
    }
    s.push_str(&format!("正文第{n}段，含 <i>标记</i> 与 & 符号。\n"));
    s
}

fn choice() -> impl Strategy<Value = Choice> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<bool>(),
    )
}

fn site(bulletins: &[Choice], base: u8, share: bool) -> Fixture {
    let f = Fixture::empty();
    let base_url =
        ["https://example.org/", "/", "https://example.org/jian xun/"][usize::from(base) % 3];
    let share = if share {
        "share_image: cover.png\n"
    } else {
        ""
    };
    f.write(
        "jianxun.yaml",
        &CONFIG.replace("BASE", base_url).replace("SHARE", share),
    );
    f.write_bytes("static/cover.png", &tiny_png(9));
    // The campaign's optional facts: each kind of period, organizers.
    let facts = [
        "",
        "full_name: 全国“安康杯”<竞赛>\norganizer: 全国总工会 应急管理部\nstart: 2022-01-01\nend: 2030-12-31\n",
        "start: 2023-03-01\n",
        "end: 2023-06-30\norganizer: 市总工会\n",
    ][usize::from(base / 3) % 4];
    f.write(
        "content/campaigns/ankang-cup.md",
        &format!("---\nname: 安康杯<竞赛>\n{facts}---\n简介。\n"),
    );
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\n---\n简介。\n",
    );
    for (n, &c) in bulletins.iter().enumerate() {
        f.write(&format!("content/bulletins/b{n}.md"), &bulletin_text(n, c));
        if c.7 {
            f.write_bytes(&format!("content/bulletins/b{n}.png"), &tiny_png(n as u8));
        }
    }
    f
}

#[test]
fn random_bulletin_pages_are_the_same_compiled() {
    let cases = crate::support::cases("JIANXUN_COMPILED_CASES", 48);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    });
    let strategy = (
        proptest::collection::vec(choice(), 1..15),
        any::<u8>(),
        any::<bool>(),
        any::<bool>(),
    );
    runner
        .run(&strategy, |(bulletins, base, share, drafts)| {
            let f = site(&bulletins, base, share);
            compare(f.root(), drafts)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_site_that_changes_a_bulletin_template_is_rendered_by_tera() {
    for name in ["bulletin.html", "base.html", "partials/metrics.html"] {
        let f = site(&[(0, 1, 1, 1, 1, 0, 2, false)], 0, false);
        let builtin = jianxun::content::discover::default_theme_files()
            .iter()
            .find(|(p, _)| p.strip_prefix("templates/") == Some(name))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap();
        // The smallest change: one more line, inside the content block.
        let marker = match name {
            "bulletin.html" => "{% endblock content %}",
            _ => "</body>",
        };
        let at = builtin.rfind(marker).unwrap_or(builtin.len());
        let changed = format!("{}<!-- 本站 -->\n{}", &builtin[..at], &builtin[at..]);
        f.write(&format!("templates/{name}"), &changed);
        let loaded = load(f.root(), &BuildOptions::default()).unwrap();
        assert!(!loaded.theme.compiled("bulletin.html"), "{name}");
        let shared = Shared::new(&loaded.site);
        let (_, bytes) =
            pages::render_page(&loaded.site, &loaded.theme, &shared, &PageId::Bulletin(0)).unwrap();
        assert!(
            String::from_utf8_lossy(&bytes).contains("<!-- 本站 -->"),
            "{name}"
        );
    }
}
