//! Inputs that used to break or slow the tools, fed through the real binary:
//! spreadsheet formulas in the statistics CSV, a long bulletin with a link
//! in every paragraph, zero and over-precise metric values, and a site with
//! thousands of campaigns.

use crate::support::{CONFIG, Fixture};

/// A site whose campaign name, region and metric key start with formula
/// signs, and whose signed metric has a negative total.
fn formula_site() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "jianxun.yaml",
        &format!("{CONFIG}  \"@变化\": {{ unit: 家, aggregate: sum, signed: true }}\n"),
    );
    f.write(
        "content/campaigns/ankang-cup.md",
        "---\nname: '=HYPERLINK(\"http://evil.example/\",\"点击\")'\n---\n简介。\n",
    );
    f.bulletin(
        "a",
        "简讯",
        "2025-01-02",
        "\"+四川/-宜宾\"",
        "metrics:\n  参与企业: 411\n  \"@变化\": -12.5\n",
        "正文。",
    );
    f
}

/// The rows of a CSV download as text lines, after its byte-order mark.
fn csv_lines(csv: &str) -> Vec<String> {
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    csv.split_terminator("\r\n").map(str::to_string).collect()
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_the_csv_downloads() {
    let f = formula_site();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let built = f.read("site/stats/stats.csv");
    let r = f.run(&["stats", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for csv in [built.as_str(), r.stdout.as_str()] {
        let lines = csv_lines(csv);
        for want in [
            // Text that starts with = + - @ gets a leading `'`; numbers stay numbers.
            "site,,全站,'@变化,家,sum,-12.5,exact,1,'-12.5家",
            "campaign,ankang-cup,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\",参与企业,家,sum,411,exact,1,411家",
            "region,'+四川,'+四川,'@变化,家,sum,-12.5,exact,1,'-12.5家",
            "region,'+四川/-宜宾,'-宜宾,参与企业,家,sum,411,exact,1,411家",
        ] {
            // The period and bulletin count follow.
            let row = |l: &&String| {
                l.strip_prefix(want)
                    .is_some_and(|rest| rest.starts_with(','))
            };
            assert!(lines.iter().any(|l| row(&l)), "no line {want}\n{csv}");
        }
        for line in &lines {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(
                    !cell.starts_with(['=', '+', '@']),
                    "formula cell {cell} in {line}"
                );
            }
        }
    }
    // The JSON download keeps the names and numbers as they are.
    let json = f.read("site/stats/stats.json");
    assert!(
        json.contains("\"name\": \"=HYPERLINK(\\\"http://evil.example/\\\""),
        "{json}"
    );
    assert!(json.contains("\"value\": \"-12.5\""), "{json}");
}

/// A bulletin body of about 4 MB with one link per paragraph, and a broken
/// link in the last one: its paragraph count and the broken link's column.
fn long_body() -> (String, usize, usize) {
    let mut body = String::new();
    let mut paragraphs = 0;
    while body.len() < 4_000_000 {
        body.push_str(&format!(
            "第{paragraphs}段：各地工会组织开展安全生产检查，排查隐患，落实整改，详见[另一篇](other.md)。\n\n"
        ));
        paragraphs += 1;
    }
    let last = "末段见[坏链接](";
    body.push_str(last);
    body.push_str("nope.md)。");
    (body, paragraphs, last.chars().count() + 1)
}

#[test]
fn a_long_bulletin_with_a_link_in_every_paragraph() {
    // Quadratic before: 47 s to build and 101 s to check this site.
    let f = Fixture::new();
    f.bulletin("other", "另一篇", "2025-01-01", "四川/宜宾", "", "正文。");
    let (body, paragraphs, col) = long_body();
    f.bulletin("long", "很长的简讯", "2025-01-02", "四川/宜宾", "", &body);
    // Front matter takes lines 1–6; each paragraph two lines.
    let line = 7 + 2 * paragraphs;

    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let want = format!("content/bulletins/long.md:{line}:{col}: error[E033]: `nope.md` points to");
    assert!(r.stderr.contains(&want), "want {want}\n{}", r.stderr);
    assert_eq!(r.stderr.matches(": error[").count(), 1, "{}", r.stderr);

    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/bulletins/long/index.html");
    // Every link rewritten (and the page's own prev/next links besides).
    assert!(page.matches("href=\"/bulletins/other/\"").count() > paragraphs);
    assert!(!page.contains("href=\"other.md\""));
    assert!(page.contains("href=\"nope.md\""));
}

#[test]
fn zero_with_a_multiplier_is_zero_and_tiny_decimals_are_too_precise() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "简讯",
        "2025-01-02",
        "四川/宜宾",
        "metrics:\n  参与职工: 0万\n  参与企业: 0.0万\n",
        "正文。",
    );
    let r = f.run(&["stats", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("site,,全站,参与职工,名,sum,0,exact,1,0万名"),
        "{}",
        r.stdout
    );

    f.bulletin(
        "b",
        "另一篇简讯",
        "2025-01-03",
        "四川/宜宾",
        "metrics:\n  参与企业: 0.00000000000000000000000000001\n",
        "正文。",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let want = "content/bulletins/b.md:7:10: error[E013]: metric `参与企业`: `0.00000000000000000000000000001` is too precise";
    assert!(r.stderr.contains(want), "{}", r.stderr);
    assert!(!r.stderr.contains("too large"), "{}", r.stderr);
}

/// A site of `campaigns` campaigns and one more bulletin than that, one a
/// day from 2024-01-01 (months of 28 days), bulletin `b` in campaign
/// `b % campaigns`.
fn many_campaigns(campaigns: usize) -> Fixture {
    let f = Fixture::empty();
    f.write("jianxun.yaml", CONFIG);
    for c in 0..campaigns {
        f.write(
            &format!("content/campaigns/c{c:03}.md"),
            &format!("---\nname: 活动{c:03}\n---\n简介。\n"),
        );
    }
    for b in 0..=campaigns {
        let (month, day) = (b / 28 + 1, b % 28 + 1);
        f.write(
            &format!("content/bulletins/b{b:03}.md"),
            &format!(
                "---\ntitle: 第{b}篇\ndate: 2024-{month:02}-{day:02}\ncampaign: c{:03}\nregion: 四川/宜宾\n---\n正文。\n",
                b % campaigns
            ),
        );
    }
    f
}

/// The campaign pages linked from `html`, in order.
fn campaign_links(html: &str) -> Vec<&str> {
    html.split("href=\"/campaigns/c")
        .skip(1)
        .filter_map(|rest| rest.split('/').next())
        .collect()
}

#[test]
fn menus_on_every_page_stay_bounded_with_many_campaigns() {
    let f = many_campaigns(100);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The twelve campaigns with the newest bulletins (b100 is in c000,
    // b99…b89 in c099…c089), in the site's order, then a link to them all.
    let mut want = vec!["000".to_string()];
    want.extend((89..100).map(|c| format!("{c:03}")));
    for page in [
        "index.html",
        "bulletins/b005/index.html",
        "campaigns/c042/index.html",
        "regions/sichuan/index.html",
        "archive/index.html",
    ] {
        let html = f.read(&format!("site/{page}"));
        let footer = html.split("<footer").nth(1).unwrap_or_default();
        assert_eq!(campaign_links(footer), want, "{page}");
        assert!(
            footer.contains("href=\"/campaigns/\">全部 100 项活动</a>"),
            "{page}"
        );
    }
    // The home page shows the same twelve cards and links to the rest.
    let home = f.read("site/index.html");
    assert_eq!(home.matches("class=\"card campaign-card\"").count(), 12);
    assert!(home.contains("查看全部 100 项活动"));
    // The campaign list shows every campaign.
    let list = f.read("site/campaigns/index.html");
    assert_eq!(list.matches("class=\"card campaign-card\"").count(), 100);
}
