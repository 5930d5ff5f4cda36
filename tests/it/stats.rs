//! Statistics: totals recomputed here by hand from the example bulletins'
//! front matter, compared with the built pages, stats.json, stats.csv and
//! `jianxun stats`; metric values that do not parse are located errors.

use std::collections::BTreeMap;

use jianxun::{BuildOptions, build};

use crate::support::{Fixture, repo, run_in, run_lang};

/// (value, bound) from the few notations the example's 参与企业 uses, read independently of jianxun.
fn by_hand(raw: &str) -> (u64, &'static str) {
    let mut s = raw.trim().trim_end_matches('家').to_string();
    let mut bound = "exact";
    if let Some(r) = s.strip_prefix('近') {
        s = r.trim_end_matches('家').to_string();
        bound = "about";
    }
    if let Some(r) = s.strip_suffix("左右") {
        s = r.trim_end_matches('家').to_string();
        bound = "about";
    }
    if let Some(r) = s.strip_suffix('余') {
        s = r.to_string();
        bound = "at_least";
    }
    (
        s.replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("unexpected notation {raw}")),
        bound,
    )
}

/// Sum of 参与企业 per campaign over the non-draft example bulletins: (value, bound, count).
fn expected_totals() -> BTreeMap<String, (u64, &'static str, usize)> {
    let mut out: BTreeMap<String, (u64, &'static str, usize)> = BTreeMap::new();
    for e in walkdir::WalkDir::new(repo().join("content/bulletins"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().and_then(|x| x.to_str()) != Some("md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let fm: Vec<&str> = text.lines().skip(1).take_while(|l| *l != "---").collect();
        if fm.iter().any(|l| l.trim() == "draft: true") {
            continue;
        }
        let Some(raw) = fm.iter().find_map(|l| l.trim().strip_prefix("参与企业: ")) else {
            continue;
        };
        let (v, b) = by_hand(raw);
        let campaigns = fm
            .iter()
            .find_map(|l| l.strip_prefix("campaign: "))
            .unwrap();
        for c in campaigns.trim_matches(['[', ']']).split(',').map(str::trim) {
            let c = if c == "安康杯竞赛" {
                "ankang-cup"
            } else {
                c
            };
            let slot = out.entry(c.to_string()).or_insert((0, "exact", 0));
            slot.0 += v;
            slot.2 += 1;
            // Exact only if every part is; about if any part is; else at least.
            slot.1 = match (slot.1, b) {
                ("about", _) | (_, "about") => "about",
                ("at_least", _) | (_, "at_least") => "at_least",
                _ => "exact",
            };
        }
    }
    out
}

#[test]
fn campaign_totals_match_the_front_matter_in_html_json_and_csv() {
    let expected = expected_totals();
    assert!(
        expected.len() >= 2,
        "the example reports 参与企业 in several campaigns"
    );
    let (_, _, out) = build(&repo(), &BuildOptions::default()).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(out.text("stats/stats.json").unwrap()).unwrap();
    let csv = out.text("stats/stats.csv").unwrap();
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert!(csv.contains("\r\n"), "CRLF records");
    for (campaign, (value, bound, count)) in &expected {
        let html = out
            .text(&format!("campaigns/{campaign}/index.html"))
            .unwrap();
        let cell = format!("data-value=\"{value}\" data-bound=\"{bound}\"");
        assert!(html.contains(&cell), "{campaign}: page lacks {cell}");
        let scope = json["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["scope"] == "campaign" && s["id"] == campaign.as_str())
            .unwrap();
        let t = &scope["totals"]["参与企业"];
        assert_eq!(t["value"], value.to_string(), "{campaign} json");
        assert_eq!(t["bound"], *bound, "{campaign} json");
        assert_eq!(t["count"], *count as u64, "{campaign} json");
        let row = format!("campaign,{campaign},");
        let line = csv
            .lines()
            .find(|l| l.starts_with(&row) && l.contains(",参与企业,"))
            .unwrap_or_else(|| panic!("no csv row for {campaign}"));
        assert!(
            line.contains(&format!(",{value},{bound},{count},")),
            "{line}"
        );
    }
}

#[test]
fn regions_roll_up_and_the_site_total_counts_each_bulletin_once() {
    let (_, site, out) = build(&repo(), &BuildOptions::default()).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(out.text("stats/stats.json").unwrap()).unwrap();
    let total = |kind: &str, id: &str| -> Option<String> {
        json["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["scope"] == kind && s["id"] == id)
            .and_then(|s| {
                s["totals"]["参与企业"]["value"]
                    .as_str()
                    .map(str::to_string)
            })
    };
    // 宜宾 (100余) + 长宁 under it (40家左右) → 四川/宜宾 = 140; 四川 adds 泸州 (近30家) → 170.
    assert_eq!(total("region", "四川/宜宾").as_deref(), Some("140"));
    assert_eq!(total("region", "四川").as_deref(), Some("170"));
    // Site-wide: every non-draft value once, even for bulletins in two campaigns.
    let sum: u64 = expected_totals().values().map(|t| t.0).sum();
    let two_campaign_bulletins = site
        .items
        .iter()
        .filter(|it| {
            it.campaigns.len() > 1 && it.bulletin.metrics.iter().any(|m| m.key == "参与企业")
        })
        .count();
    assert_eq!(
        two_campaign_bulletins, 0,
        "the check below assumes no double-campaign bulletin reports 参与企业"
    );
    assert_eq!(total("site", "").unwrap(), sum.to_string());
    let stats = out.text("stats/index.html").unwrap();
    assert!(stats.contains("<svg"), "charts on /stats/");
    assert!(stats.contains("role=\"img\""));
    assert!(stats.contains("stats.csv"));
    let region = out.text("regions/sichuan/index.html").unwrap();
    assert!(
        region.contains("data-value=\"170\""),
        "region page shows its total"
    );
    assert!(region.contains("<svg"), "region page has charts");
}

#[test]
fn stats_command_prints_table_csv_and_json() {
    // The table's own column names are Chinese: run it so.
    let r = run_lang(&repo(), &["stats"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("范围"), "{}", r.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("安康杯竞赛") && l.contains("约600家")),
        "{}",
        r.stdout
    );
    // Numeric columns are right-aligned by display width: the 参与企业 column
    // ends at the same terminal column on the header and on every row.
    let width = |l: &str| {
        l.chars()
            .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
            .sum::<usize>()
    };
    let end_of = |l: &str, needle: &str| l.find(needle).map(|i| width(&l[..i]) + width(needle));
    let header_end = end_of(lines[0], "参与企业").unwrap();
    let row = lines.iter().find(|l| l.starts_with("安康杯竞赛")).unwrap();
    assert_eq!(end_of(row, "约600家"), Some(header_end), "{}", r.stdout);

    let r = run_in(
        &repo(),
        &["stats", "--campaign", "ankang-cup", "--format", "csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("\u{feff}scope,id,name,metric"));
    assert!(
        r.stdout
            .contains("campaign,ankang-cup,安康杯竞赛,参与企业,家,sum,581,about,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("campaign_region,ankang-cup|四川/宜宾,"),
        "per region inside the campaign"
    );
    assert!(
        !r.stdout.contains("campaign,qingangang,"),
        "only the asked campaign"
    );

    let r = run_in(&repo(), &["stats", "--region", "四川", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = json["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"四川") && ids.contains(&"四川/宜宾/长宁"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"福建"), "{ids:?}");

    let r = run_in(&repo(), &["stats", "--year", "2024", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("\"2024-03\""), "months of the year");

    let r = run_in(&repo(), &["stats", "--campaign", "ankang-cap"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean ankang-cup"), "{}", r.stderr);
}

#[test]
fn stats_command_fails_on_bad_content() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "标题",
        "2024-01-01",
        "四川/宜宾",
        "metrics:\n  参与企业: 很多\n",
        "正文",
    );
    let r = f.run(&["stats"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/bulletins/a.md:7:9: error[E013]: metric `参与企业`"),
        "{}",
        r.stderr
    );
}

#[test]
fn metric_errors_point_at_the_value() {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        &format!(
            "{}  投入资金: {{ unit: 元, aggregate: sum }}\n",
            crate::support::CONFIG
        ),
    );
    f.bulletin(
        "unit",
        "标题",
        "2024-01-01",
        "四川/宜宾",
        "metrics:\n  投入资金: 7.2万人\n",
        "正文",
    );
    f.bulletin(
        "neg",
        "标题二",
        "2024-01-02",
        "四川/宜宾",
        "metrics:\n  参与企业: -3\n",
        "正文",
    );
    f.bulletin(
        "two",
        "标题三",
        "2024-01-03",
        "四川/宜宾",
        "metrics:\n  参与企业: \"3 4\"\n",
        "正文",
    );
    f.bulletin(
        "empty",
        "标题四",
        "2024-01-04",
        "四川/宜宾",
        "metrics:\n  参与企业: \"\"\n",
        "正文",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    for head in [
        "content/bulletins/unit.md:7:",
        "content/bulletins/neg.md:7:",
        "content/bulletins/two.md:7:",
        "content/bulletins/empty.md:7:",
    ] {
        assert!(r.stderr.contains(head), "{head} in {}", r.stderr);
    }
    assert!(
        r.stderr.contains("元"),
        "the hint names the declared unit: {}",
        r.stderr
    );
    assert!(!f.path("site").exists());
}
