//! Bulletin series and issue numbers (期号): a site declares its series, a
//! bulletin names one with its issue, issuer, distribution and printed
//! date; each series gets a page of its issues by year; a bulletin's page
//! carries the masthead and the 报/送/发 block it prints with. Every bad
//! field is told at its line and column, in Chinese.

use crate::support::{CONFIG, Fixture, run_lang};

const SERIES: &str = "series:\n  anquan-jianxun:\n    name: 安全生产工作简讯\n    issuer: 宜宾市总工会办公室\n    distribution:\n      报: [市委办公室, 省总工会]\n      发: 各区县总工会、各产业工会\n";

/// A site with the series declared and three issues over two years.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write("jianxun.yaml", &format!("{CONFIG}{SERIES}"));
    f.bulletin(
        "a",
        "宜宾园区隐患排查",
        "2023-12-20",
        "四川/宜宾",
        "series: anquan-jianxun\nissue: 2023年第9期\n",
        "正文。",
    );
    f.bulletin(
        "b",
        "长宁“安康杯”竞赛启动",
        "2024-03-11",
        "四川/宜宾",
        "series: 安全生产工作简讯\nissue: 第1期\nprinted: 2024年3月12日\n",
        "正文。",
    );
    f.bulletin(
        "c",
        "宜宾征文评出优秀作品300余篇 <b>",
        "2024-05-06",
        "四川/宜宾",
        "series: anquan-jianxun\nissue: 〔2024〕2号\nissuer: 宜宾市总工会劳动保护部\ndistribution: { 报: 市委办公室, 送: [市应急管理局], 发: [] }\n",
        "正文。",
    );
    f
}

#[test]
fn a_series_page_lists_its_issues_by_year_newest_first() {
    let f = site();
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/series/anquan-jianxun/index.html");
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} in {page}"));
    assert!(at("2024年") < at("〔2024〕2号"));
    assert!(at("〔2024〕2号") < at("第1期"), "higher number first");
    assert!(at("第1期") < at("2023年") && at("2023年") < at("2023年第9期"));
    assert!(
        page.contains("宜宾征文评出优秀作品300余篇 &lt;b&gt;"),
        "escaped"
    );
    let index = f.read("site/series/index.html");
    assert!(index.contains("安全生产工作简讯") && index.contains("共 3 期"));
    let sitemap = f.read("site/sitemap.xml");
    assert!(sitemap.contains("https://example.org/series/anquan-jianxun/"));
    assert!(sitemap.contains("https://example.org/series/</loc>"));
}

#[test]
fn a_bulletin_carries_its_masthead_and_distribution() {
    let f = site();
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let b = f.read("site/bulletins/b/index.html");
    assert!(b.contains("<a href=\"/series/anquan-jianxun/\">安全生产工作简讯</a> · 第1期"));
    assert!(b.contains("<p class=\"masthead-title\">安全生产工作简讯</p>"));
    assert!(b.contains("<span class=\"masthead-issuer\">宜宾市总工会办公室</span><span class=\"masthead-date\">2024年3月12日</span>"));
    // The series' distribution, since the bulletin gives none.
    assert!(b.contains("报：</span>市委办公室、省总工会"), "{b}");
    assert!(b.contains("发：</span>各区县总工会、各产业工会"));
    assert!(b.contains("2024年3月12日印发"));
    assert!(b.contains(
        "<button type=\"button\" class=\"print-button\" data-print hidden>打印</button>"
    ));
    // Its own issuer and distribution win; the date is the bulletin's.
    let c = f.read("site/bulletins/c/index.html");
    assert!(c.contains("宜宾市总工会劳动保护部</span><span class=\"masthead-date\">2024年5月6日"));
    assert!(c.contains("报：</span>市委办公室") && c.contains("送：</span>市应急管理局"));
    assert!(!c.contains("发：</span>"), "an empty list is left out");
    // Not in a series: no masthead, the print button still there.
    f.bulletin("d", "无系列", "2024-06-01", "四川/宜宾", "", "正文。");
    assert_eq!(run_lang(f.root(), &["build"], Some("zh")).code, 0);
    let d = f.read("site/bulletins/d/index.html");
    assert!(!d.contains("masthead") && d.contains("data-print"));
}

/// `(front-matter lines, line:col, code, part of the Chinese message)`:
/// each bad series field, told where it is written. The extra lines start
/// at line 6.
const BAD: &[(&str, &str, &str, &str)] = &[
    (
        "series: anquan-jianxum\nissue: 第1期\n",
        "6:9",
        "E053",
        "没有登记简讯系列 `anquan-jianxum`",
    ),
    (
        "series: 安全简讯\n",
        "6:9",
        "E053",
        "是不是想写 安全生产工作简讯 (anquan-jianxun)？",
    ),
    (
        "series: 青年文明号\n",
        "6:9",
        "E053",
        "已登记的有：安全生产工作简讯 (anquan-jianxun)",
    ),
    (
        "series: anquan-jianxun\nissue: 2024-2\n",
        "7:8",
        "E054",
        "期号 `2024-2` 看不懂",
    ),
    (
        "series: anquan-jianxun\nissue: 第二册\n",
        "7:8",
        "E054",
        "2024年第2期、第2期 或 〔2024〕2号",
    ),
    (
        "distribution: 市委办公室、省总工会\n",
        "6:15",
        "E055",
        "这里写成了一段文字",
    ),
    (
        "distribution: [市委办公室]\n",
        "6:15",
        "E055",
        "这里写成了一串名称",
    ),
    (
        "distribution: { 抄送: 市委 }\n",
        "6:17",
        "E055",
        "只能有 报、送、发，这里写的是 `抄送`",
    ),
    (
        "distribution:\n  报: [[市委]]\n",
        "7:6",
        "E055",
        "`报` 下面要写单位名称",
    ),
    (
        "distribution:\n  送: { 市委: 1 }\n",
        "7:6",
        "E055",
        "`送` 下面要写单位名称",
    ),
    ("distribution:\n  发: 3\n", "7:6", "E055", "一个数或是否"),
    ("printed: 2024年13月1日\n", "6:10", "E012", "2024年13月1日"),
];

#[test]
fn bad_series_fields_are_told_at_their_line_and_column() {
    for &(extra, at, code, part) in BAD {
        let f = Fixture::new();
        f.write("jianxun.yaml", &format!("{CONFIG}{SERIES}"));
        f.bulletin("bad", "标题", "2024-03-11", "四川/宜宾", extra, "正文。");
        let r = run_lang(f.root(), &["check"], Some("zh"));
        assert_eq!(r.code, 1, "{extra}: {}", r.stderr);
        let head = format!("content/bulletins/bad.md:{at}: 错误[{code}]");
        assert!(
            r.stderr.contains(&head),
            "{extra}: want {head}\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(part),
            "{extra}: want {part}\n{}",
            r.stderr
        );
        assert!(r.stderr.contains("提示"), "{}", r.stderr);
    }
}

#[test]
fn bad_series_declarations_are_told_in_the_config() {
    let f = Fixture::new();
    let bad = "series:\n  安全简讯: { name: 安全生产工作简讯 }\n  b: { name: 安全生产工作简讯, distribution: 市委 }\n";
    f.write("jianxun.yaml", &format!("{CONFIG}{bad}"));
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    for want in [
        "jianxun.yaml:8:3: 错误[E056]: 简讯系列的简称 `安全简讯` 要用小写英文字母",
        "jianxun.yaml:9:14: 错误[E056]: 简讯系列 `安全简讯` 和 `b` 用了同一个名称",
        "jianxun.yaml:9:38: 错误[E055]: distribution 要分 报、送、发 三栏来写",
    ] {
        assert!(r.stderr.contains(want), "want {want}\n{}", r.stderr);
    }
    assert!(!f.path("site").exists());
}

#[test]
fn check_warns_of_a_repeated_issue_and_of_half_a_masthead() {
    let f = site();
    f.bulletin(
        "e",
        "重号",
        "2024-07-01",
        "四川/宜宾",
        "series: anquan-jianxun\nissue: 2024年第1期\n",
        "正文。",
    );
    f.bulletin(
        "g",
        "缺期号",
        "2024-08-01",
        "四川/宜宾",
        "series: anquan-jianxun\n",
        "正文。",
    );
    f.bulletin(
        "h",
        "缺系列",
        "2024-09-01",
        "四川/宜宾",
        "issue: 第3期\n",
        "正文。",
    );
    let r = run_lang(f.root(), &["check"], Some("zh"));
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    for want in [
        "content/bulletins/e.md:7:8: 警告[W012]: 安全生产工作简讯 2024年的期号 `2024年第1期` 已经用过了（content/bulletins/b.md）",
        "content/bulletins/g.md:6:9: 警告[W013]: 这篇简讯属于 安全生产工作简讯，却没写期号",
        "content/bulletins/h.md:6:8: 警告[W013]: 写了期号 `第3期`，却没写属于哪个简讯系列",
    ] {
        assert!(r.stderr.contains(want), "want {want}\n{}", r.stderr);
    }
    // The build publishes them all the same.
    assert_eq!(run_lang(f.root(), &["build"], Some("zh")).code, 0);
}

#[test]
fn a_site_without_series_has_no_series_pages() {
    let f = Fixture::new();
    f.bulletin("a", "标题", "2024-03-11", "四川/宜宾", "", "正文。");
    assert_eq!(run_lang(f.root(), &["build"], Some("zh")).code, 0);
    assert!(!f.path("site/series").exists());
    assert!(!f.read("site/sitemap.xml").contains("/series/"));
}
