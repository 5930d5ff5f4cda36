//! Campaign cards and pages say where a campaign stands on the build's
//! date (进行中 / 已结束 / 未开始) and show its dates the Chinese way.

use std::process::Command;

use crate::support::Fixture;

fn campaign(f: &Fixture, slug: &str, name: &str, dates: &str) {
    f.write(
        &format!("content/campaigns/{slug}.md"),
        &format!("---\nname: {name}\norganizer: 全国总工会、应急管理部\n{dates}---\n简介。\n"),
    );
}

/// Builds `f` as on `day` (seconds since the epoch in `SOURCE_DATE_EPOCH`).
fn build_on(f: &Fixture, epoch: i64) {
    let out = Command::new(env!("CARGO_BIN_EXE_jianxun"))
        .arg("build")
        .current_dir(f.root())
        .env("JIANXUN_LANG", "en")
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .expect("run jianxun");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
}

/// The status badge of each campaign card on `/campaigns/`, by name.
fn statuses(f: &Fixture) -> Vec<(String, String)> {
    let html = f.read("site/campaigns/index.html");
    html.split("<article class=\"card campaign-card\">")
        .skip(1)
        .map(|card| {
            let name = card
                .split("\">")
                .nth(2)
                .and_then(|s| s.split("</a>").next());
            let status = card
                .split("<span class=\"status status-")
                .nth(1)
                .and_then(|s| s.split("\">").nth(1))
                .and_then(|s| s.split("</span>").next());
            (
                name.unwrap_or("").to_string(),
                status.unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_campaign_is_under_way_over_or_to_come_on_the_build_date() {
    let f = Fixture::new();
    campaign(
        &f,
        "ankang-cup",
        "安康杯",
        "start: 2024-03-11\nend: 2024-12-31\n",
    );
    campaign(
        &f,
        "safety-month",
        "安全生产月",
        "start: 2025-06-01\nend: 2025-06-30\n",
    );
    campaign(&f, "year-end", "岁末安全", "start: 2025-12-01\n");
    campaign(&f, "open", "无期限", "");
    f.bulletin("a", "简讯", "2024-05-01", "四川/宜宾", "", "正文。");
    // 2025-06-15 12:00 in China.
    build_on(&f, 1_749_960_000);
    let mut got = statuses(&f);
    got.sort();
    let want = [
        ("安全生产月", "进行中"),
        ("安康杯", "已结束"),
        ("岁末安全", "未开始"),
        ("无期限", ""),
    ];
    let mut want: Vec<(String, String)> = (want.iter())
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);
    // Dates the Chinese way, the ISO form kept for machines.
    let page = f.read("site/campaigns/ankang-cup/index.html");
    assert!(
        page.contains("<time datetime=\"2024-03-11\">2024年3月11日</time> 至 <time datetime=\"2024-12-31\">2024年12月31日</time>"),
        "{page}"
    );
    // Organisers joined with 、, each a name that does not break on a phone.
    assert!(
        page.contains("<span class=\"nb\">全国总工会</span>、<span class=\"nb\">应急管理部</span>"),
        "{page}"
    );
    // The last day counts as under way; the next day it is over.
    build_on(&f, 1_751_241_600); // 2025-06-30 08:00 in China
    assert!(statuses(&f).contains(&("安全生产月".into(), "进行中".into())));
    build_on(&f, 1_751_299_200); // 2025-07-01 00:00 in China
    assert!(statuses(&f).contains(&("安全生产月".into(), "已结束".into())));
}
