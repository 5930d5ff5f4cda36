//! Tests of bulletin parsing: good bulletins, every missing field at once,
//! positions of bad values, summaries and lists.

use super::*;
use crate::config::{Aggregate, Metric};

fn cfg() -> Config {
    let mut c = Config::default();
    c.metrics.push(Metric {
        key: "参与企业".into(),
        unit: "家".into(),
        aggregate: Aggregate::Sum,
        signed: false,
        label: "参与企业".into(),
        definition: None,
        keywords: Vec::new(),
    });
    c
}

fn p(text: &str) -> Result<Bulletin, Vec<Diagnostic>> {
    parse(&cfg(), Path::new("content/bulletins/yibin-parks.md"), text)
}

const GOOD: &str = "---\ntitle: 宜宾“安康杯”竞赛走进园区\ndate: 2022-12-10\ncampaign: [ankang-cup, 安全生产月]\nregion: 四川/宜宾\nmetrics:\n  参与企业: 411\ntags: [园区]\nsource: 四川工人日报\n---\n正文第一句。\n";

#[test]
fn parses_a_good_bulletin() {
    let b = p(GOOD).unwrap();
    assert_eq!(b.slug, "yibin-parks");
    assert_eq!(b.title, "宜宾“安康杯”竞赛走进园区");
    assert_eq!(b.date.ymd(), "2022-12-10");
    assert_eq!(b.campaign_refs[0].name, "ankang-cup");
    assert_eq!(b.campaign_refs[1].name, "安全生产月");
    assert_eq!(b.campaign_refs[1].pos, Pos { line: 4, col: 24 });
    assert!(b.campaign_refs[1].line.starts_with("campaign: ["));
    assert_eq!(b.region, vec!["四川", "宜宾"]);
    assert_eq!(b.metrics[0].raw, "411");
    assert_eq!(b.metrics[0].pos, Pos { line: 7, col: 9 });
    assert_eq!(b.source.unwrap().publisher.as_deref(), Some("四川工人日报"));
    assert_eq!(b.summary_text, "正文第一句。");
}

#[test]
fn reports_every_missing_field_at_once() {
    let e = p("---\nslug: x\n---\n").unwrap_err();
    let msgs: Vec<_> = e.iter().map(|d| d.message.en()).collect();
    assert_eq!(e.len(), 4, "{msgs:?}");
    for f in ["title", "date", "campaign", "region"] {
        assert!(
            msgs.iter().any(|m| m.contains(&format!("`{f}`"))),
            "{f}: {msgs:?}"
        );
    }
}

#[test]
fn impossible_date_and_undeclared_metric_are_located() {
    let t = GOOD
        .replace("2022-12-10", "2024-13-01")
        .replace("参与企业: 411", "参与人数: 5");
    let e = p(&t).unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!((e[0].code, e[0].line, e[0].col), ("date-invalid", 3, 7));
    assert_eq!(
        (e[1].code, e[1].line, e[1].col),
        ("metric-undeclared", 7, 3)
    );
    assert!(
        e[1].hint
            .as_ref()
            .unwrap()
            .en()
            .contains("declare `参与人数`")
    );
}

/// `value as written | line | column | underlined`: where a bad metric
/// value is underlined (line 7 holds `  参与企业: `, the value at column 9).
const METRIC_POSITIONS: &[(&str, usize, usize, usize)] = &[
    ("411个", 7, 12, 1),
    ("\"411个\"", 7, 13, 1),
    ("\"  411个\"", 7, 15, 1),
    ("'  411个'", 7, 15, 1),
    // Spread over two lines, or with escapes: the whole value.
    ("411\n    个", 7, 9, 3),
    ("\"\\u0034\\u0031\\u0031个\"", 7, 9, 21),
];

#[test]
fn bad_metric_values_are_located_where_they_are_written() {
    for &(value, line, col, len) in METRIC_POSITIONS {
        let t = GOOD.replace("参与企业: 411", &format!("参与企业: {value}"));
        let e = p(&t).unwrap_err();
        let got = (e[0].code, e[0].line, e[0].col, e[0].len);
        assert_eq!(got, ("metric-value", line, col, len), "{value}");
    }
}

#[test]
fn summary_sources() {
    let b = p(&GOOD.replace("---\n正文", "summary: 手写摘要\n---\n正文")).unwrap();
    assert_eq!(b.summary_text, "手写摘要");
    let b = p(&GOOD.replace("正文第一句。\n", "导语。\n\n<!-- more -->\n\n后文。\n")).unwrap();
    assert_eq!(b.summary_html, None);
    assert_eq!(b.summary_text, "导语。");
    let long = "安".repeat(300);
    let b = p(&GOOD.replace("正文第一句。", &long)).unwrap();
    assert_eq!(b.summary_text.chars().count(), SUMMARY_CHARS + 1);
}

#[test]
fn lists_are_split_and_regions_are_canonical() {
    let t = GOOD
        .replace("[ankang-cup, 安全生产月]", "安康杯竞赛、安全生产月")
        .replace("四川/宜宾", "四川省宜宾市")
        .replace("[园区]", "[园区，隐患排查]");
    let b = p(&t).unwrap();
    let refs = b.campaign_refs.iter().map(|r| (r.name.as_str(), r.pos.col));
    assert!(refs.eq([("安康杯竞赛", 11), ("安全生产月", 17)]));
    assert_eq!(b.campaign_refs[1].item, "安康杯竞赛、安全生产月");
    let tags = b.tags.iter().map(|t| (t.name.as_str(), t.pos.col));
    assert!(tags.eq([("园区", 8), ("隐患排查", 11)]));
    assert_eq!(b.region, ["四川", "宜宾"]);
    assert_eq!(b.region_written, "四川省宜宾市");
}

#[test]
fn series_fields_are_read() {
    let mut c = cfg();
    c.series.push(crate::config::SeriesDecl {
        slug: "anquan-jianxun".into(),
        name: "安全生产工作简讯".into(),
        issuer: None,
        distribution: Default::default(),
    });
    let t = GOOD.replace(
        "---\n正文",
        "series: 安全生产工作简讯\nissue: 2\nissuer: 宜宾市总工会\ndistribution: { 报: 市委、市政府, 发: [各区县总工会] }\nprinted: 2022年12月12日\n---\n正文",
    );
    let b = parse(&c, Path::new("content/bulletins/yibin-parks.md"), &t).unwrap();
    let is = &b.issued;
    assert_eq!(is.series.as_deref(), Some("anquan-jianxun"));
    let issue = is.issue.as_ref().unwrap();
    assert_eq!(
        (issue.text.as_str(), issue.year, issue.number),
        ("2", None, 2)
    );
    assert_eq!(is.year(&b.date), 2022);
    assert_eq!(is.issuer.as_deref(), Some("宜宾市总工会"));
    let d = is.distribution.as_ref().unwrap();
    assert_eq!((d.bao.len(), d.song.len(), d.fa.len()), (2, 0, 1));
    assert_eq!(is.printed.unwrap().ymd(), "2022-12-12");
    assert_eq!(is.issue_at.as_ref().unwrap().pos, Pos { line: 11, col: 8 });
}

#[test]
fn a_page_bundle_takes_its_slug_from_its_folder() {
    let path = Path::new("content/bulletins/2025/yibin-parks/index.md");
    let b = parse(&cfg(), path, GOOD).unwrap();
    assert_eq!(b.slug, "yibin-parks");
    let upper = Path::new("content/bulletins/2025/yibin-parks/INDEX.md");
    assert_eq!(bundle_or_file_name(upper), "yibin-parks");
    let plain = Path::new("content/bulletins/2025/index-of-works.md");
    assert_eq!(bundle_or_file_name(plain), "index-of-works");
}
