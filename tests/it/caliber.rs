//! Metric 口径 through the real binary: `jianxun check` compares the numbers
//! a body states next to a metric's keywords with the front matter, and
//! says where (line and column in the whole file) a number is missing,
//! disagrees, or is reported under another 口径; the example site is clean
//! and its old 厦门 mix-up is caught.

use crate::check::{edit, example_copy};
use crate::support::{CAMPAIGN, Fixture, Run};

/// Metrics with definitions and keywords: 参与企业, 走访企业, 参与职工.
const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum, definition: 参加活动的企业, keywords: [参与企业, 企业参与] }\n  走访企业: { unit: 家, aggregate: sum, keywords: [走访企业] }\n  参与职工: { unit: 名, aggregate: sum, keywords: [参与职工, 职工参加] }\n";

/// A site with [`CONFIG`] and one bulletin `a.md` with these front-matter
/// lines (after region, on line 6 on) and body (after the closing `---`).
fn site(config: &str, metrics: &str, body: &str) -> Fixture {
    let f = Fixture::empty();
    f.write("jianxun.yaml", config);
    f.write("content/campaigns/ankang-cup.md", CAMPAIGN);
    f.bulletin(
        "a",
        "厦门安康杯竞赛",
        "2025-12-22",
        "福建/厦门",
        metrics,
        body,
    );
    f
}

/// `check` as text and as JSON lines: (text run, [(line, column, code)]).
fn check(f: &Fixture) -> (Run, Vec<(u64, u64, String)>) {
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "warnings only:\n{}", r.stderr);
    let j = f.run(&["check", "--format", "json"]);
    let diags = j
        .stdout
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).expect("json");
            assert_eq!(d["file"], "content/bulletins/a.md", "{l}");
            assert_eq!(d["severity"], "warning", "{l}");
            let n = |k: &str| d[k].as_u64().expect("position");
            (
                n("line"),
                n("column"),
                d["name"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    (r, diags)
}

fn has(r: &Run, want: &str) {
    assert!(r.stderr.contains(want), "no `{want}` in:\n{}", r.stderr);
}

#[test]
fn a_number_the_front_matter_does_not_report_is_pointed_out_in_the_body() {
    let f = site(CONFIG, "", "厦门市总工会组织开展竞赛，全市411家企业参与。");
    let (r, diags) = check(&f);
    assert_eq!(diags, [(7, 16, "metric-unreported".into())]);
    has(
        &r,
        "content/bulletins/a.md:7:16: warning[W006]: line 7 says `411家企业参与`; the front matter has no `参与企业`",
    );
    has(&r, "= hint: add `参与企业: 411家` under metrics:");
}

#[test]
fn a_front_matter_value_the_body_contradicts_is_pointed_out_at_the_value() {
    let body = "今年共有两批。\n\n组织职工12万余名参加，参与企业达411家。";
    let f = site(
        CONFIG,
        "metrics:\n  参与企业: 400\n  参与职工: 12万余\n",
        body,
    );
    let (r, diags) = check(&f);
    assert_eq!(diags, [(7, 9, "metric-mismatch".into())]);
    has(
        &r,
        "content/bulletins/a.md:7:9: warning[W007]: metric `参与企业`: the front matter says 400, but line 12 says `参与企业达411家`",
    );
    has(&r, "7 |   参与企业: 400");
}

#[test]
fn a_value_of_another_metric_is_named_with_both_lines() {
    let body = "## 一组数据\n\n| 指标 | 2025年 |\n| --- | ---: |\n| 走访企业 | 1292家 |\n";
    let f = site(CONFIG, "metrics:\n  参与企业: 1,292\n", body);
    let (r, diags) = check(&f);
    // Not also `metric-unreported` for 走访企业: the same number is meant.
    assert_eq!(diags, [(7, 9, "metric-caliber".into())]);
    has(
        &r,
        "content/bulletins/a.md:7:9: warning[W008]: metric `参与企业` counts 参加活动的企业, but line 13 gives this number for 走访企业 (`走访企业1292家`): the two count different things",
    );
    has(
        &r,
        "= hint: if the bulletin means 走访企业, write `走访企业: 1,292` instead of `参与企业: 1,292`",
    );
}

#[test]
fn a_value_of_another_caliber_is_caught_without_a_metric_for_it() {
    let config = CONFIG.replace(
        "  走访企业: { unit: 家, aggregate: sum, keywords: [走访企业] }\n",
        "",
    );
    let f = site(
        &config,
        "metrics:\n  参与企业: 1,292\n",
        "全年累计走访1,292家企业。",
    );
    let (r, diags) = check(&f);
    assert_eq!(diags, [(7, 9, "metric-caliber".into())]);
    has(
        &r,
        "line 9 gives this number for 走访企业 (`走访1,292家企业`): the two count different things",
    );
    has(&r, "declare a metric for 走访企业 in jianxun.yaml");
}

#[test]
fn numbers_that_agree_or_name_nothing_are_fine() {
    let body = "组织职工12万余名参加，参与企业411家。\n\n| 企业类型 | 数量（家） |\n| --- | ---: |\n| 民营企业 | 268 |\n\n覆盖职工2万人次以上，2025—2026年度参与企业增多。`参与企业5家`";
    let f = site(
        CONFIG,
        "metrics:\n  参与企业: 411\n  参与职工: 12万余\n",
        body,
    );
    let (r, diags) = check(&f);
    assert!(diags.is_empty(), "{}", r.stderr);
    has(&r, "No problems found.");
}

#[test]
fn a_keyword_claimed_by_two_metrics_is_a_config_error_at_the_keyword() {
    let config = CONFIG.replace(
        "keywords: [参与职工, 职工参加]",
        "keywords: [参与职工, 企业参与]",
    );
    let f = site(&config, "", "正文。");
    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    has(
        &r,
        "jianxun.yaml:6:53: error[E032]: the keyword `企业参与` of metric `参与职工` already names metric `参与企业`",
    );
}

#[test]
fn the_example_site_has_no_caliber_warnings() {
    let r = crate::support::run_in(&crate::support::repo(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("\"code\":\"metric-"), "{}", r.stdout);
}

#[test]
fn visited_enterprises_reported_as_taking_part_are_caught_in_the_example() {
    let f = example_copy();
    let rel = "content/bulletins/2026/xiamen-gonghui-2025-anquan-gongzuo-huigu.md";
    edit(&f, rel, "  走访企业: 1,292", "  参与企业: 1,292");
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    has(
        &r,
        &format!(
            "{rel}:7:9: warning[W008]: metric `参与企业` counts 报名参加活动、竞赛的企业, but line 20 gives this number for 走访企业 (`走访企业1292家`)"
        ),
    );
    has(&r, "No errors; 1 warning.");
}
