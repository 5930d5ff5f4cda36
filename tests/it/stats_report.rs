//! `/stats/` as a report: the summary counts each year's bulletins,
//! campaigns and regions; each campaign's headline totals keep the
//! bulletins' notation and name their months; campaigns are never added
//! together; each campaign has its own section.

use jianxun::{BuildOptions, build};

use crate::support::Fixture;

/// The text of `html` without tags, whitespace runs made one space.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("expected {start} in:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\norganizer: 应急管理部 全国总工会\n---\n简介。\n",
    );
    f.bulletin(
        "a",
        "宜宾职工参与",
        "2024-03-05",
        "四川/宜宾",
        "metrics:\n  参与职工: 30余万\n",
        "正文。",
    );
    f.bulletin(
        "b",
        "厦门企业参赛",
        "2025-06-01",
        "福建/厦门",
        "metrics:\n  参与企业: 411\n",
        "正文。",
    );
    f.bulletin(
        "c",
        "泸州企业参赛",
        "2025-11-03",
        "四川/泸州",
        "metrics:\n  参与企业: 20\n",
        "正文。",
    );
    f.write(
        "content/bulletins/d.md",
        "---\ntitle: 宜宾安全生产月\ndate: 2025-09-01\ncampaign: safety-month\nregion: 四川/宜宾\nmetrics:\n  参与企业: 1,292\n---\n正文。\n",
    );
    f
}

fn stats_page(f: &Fixture) -> String {
    let (_, _, out) = build(f.root(), &BuildOptions::default()).expect("the fixture builds");
    out.text("stats/index.html").expect("/stats/").to_string()
}

#[test]
fn summary_counts_each_year_and_keeps_notation_and_periods() {
    let f = site();
    let html = stats_page(&f);
    let y2025 = text(between(
        &html,
        "aria-labelledby=\"stats-y2025\"",
        "</article>",
    ));
    let y2024 = text(between(
        &html,
        "aria-labelledby=\"stats-y2024\"",
        "</article>",
    ));
    assert!(y2025.contains("3 篇简讯 · 2 项活动 · 3 个地区"), "{y2025}");
    assert!(y2024.contains("1 篇简讯 · 1 项活动 · 1 个地区"), "{y2024}");
    // A single bulletin's figure is shown as written, with its month.
    assert!(
        y2024.contains("安康杯竞赛（3月，1 篇）：参与职工 30余万名"),
        "{y2024}"
    );
    // A campaign's year: its months and bulletins, its own total only.
    assert!(
        y2025.contains("安康杯竞赛（6月—11月，2 篇）：参与企业 431家"),
        "{y2025}"
    );
    assert!(
        y2025.contains("安全生产月（9月，1 篇）：参与企业 1,292家"),
        "{y2025}"
    );
    // The summary never adds two campaigns' 参与企业 together (431 + 1,292).
    let summary = between(&html, "class=\"stats-summary\"", "</section>");
    assert!(!summary.contains("1,723"), "{summary}");
    // Newest year first.
    assert!(html.find("stats-y2025") < html.find("stats-y2024"));
}

#[test]
fn each_campaign_has_a_section_with_its_totals_and_headline_chart() {
    let f = site();
    let html = stats_page(&f);
    let ankang = between(
        &html,
        "aria-labelledby=\"stats-c-ankang-cup\"",
        "</section>",
    );
    let t = text(ankang);
    assert!(
        t.contains("统计期间：2024年3月—2025年11月，共 3 篇简讯"),
        "{t}"
    );
    // Its totals table, and one chart open: 参与企业 by region (四川, 福建).
    assert!(ankang.contains("class=\"totals-table\""), "{ankang}");
    let open = between(
        ankang,
        "stats-campaign-body",
        "<details class=\"stats-more\"",
    );
    assert_eq!(open.matches("<figure class=\"chart\"").count(), 1, "{open}");
    assert!(open.contains("参与企业（按地区"), "{open}");
    // The table by region is folded.
    let more = between(ankang, "<details class=\"stats-more\"", "</details>");
    assert!(text(more).contains("展开：各地区明细"), "{more}");
    assert!(more.contains("role=\"region\"") && more.contains("tabindex=\"0\""));
    // Its other charts are not repeated here: the campaign's own page has them.
    assert_eq!(
        ankang.matches("<figure class=\"chart\"").count(),
        1,
        "{ankang}"
    );
    // One more chart compares two or more parts: 参与企业 by month (June and
    // November); 参与职工's charts have one bar each.
    let meta = text(between(ankang, "stats-campaign-meta", "</p>"));
    assert!(meta.contains("其余 1 张图表见活动页"), "{meta}");
    assert!(
        ankang.contains("<a class=\"nb\" href=\"/campaigns/ankang-cup/\">其余 1 张图表"),
        "{ankang}"
    );
    assert!(!ankang.contains("参与企业（按月份"), "{ankang}");
    let (_, _, out) = build(f.root(), &BuildOptions::default()).expect("builds");
    let campaign = out
        .text("campaigns/ankang-cup/index.html")
        .expect("its page");
    assert!(campaign.contains("参与企业（按月份"), "{campaign}");
    // Organisers are names that do not break.
    let month = text(between(
        &html,
        "aria-labelledby=\"stats-c-safety-month\"",
        "</p>",
    ));
    assert!(month.contains("主办：应急管理部、全国总工会"), "{month}");
    assert!(html.contains("<span class=\"nb\">应急管理部</span>"));
}

#[test]
fn wide_tables_scroll_in_their_own_box() {
    let f = site();
    f.bulletin(
        "e",
        "带表格的简讯",
        "2025-12-01",
        "四川/宜宾",
        "",
        "|地区|企业|职工|\n|--|--|--|\n|宜宾|411|12万余|\n",
    );
    let (_, _, out) = build(f.root(), &BuildOptions::default()).expect("builds");
    let page = out.text("bulletins/e/index.html").expect("the bulletin");
    assert!(
        page.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"表格（可左右滑动）\">\n<table>"),
        "{page}"
    );
    let stats = out.text("stats/index.html").expect("/stats/");
    // Every table on /stats/ sits in a box that scrolls (the charts' data tables in their figure).
    let boxes = stats.matches("class=\"table-wrap").count();
    let tables = stats.matches("<table").count();
    let chart_tables = stats.matches("<table class=\"chart-table\"").count();
    assert_eq!(boxes, tables - chart_tables, "{stats}");
}
