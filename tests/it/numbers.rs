//! Numbers keep their meaning on every page and in `jianxun stats`: a
//! reported value is shown as written, a total no more precisely than its
//! parts are known.

use crate::support::Fixture;

/// 宜宾 reports 30余万 workers (thirty-odd 万) and 1292 firms in full-width
/// digits; 泸州 about 2,000 workers.
fn site() -> Fixture {
    let f = Fixture::new();
    f.bulletin(
        "yibin",
        "宜宾简讯",
        "2025-03-01",
        "四川/宜宾",
        "metrics:\n  参与职工: 30余万\n  参与企业: １２９２\n",
        "正文。",
    );
    f.bulletin(
        "luzhou",
        "泸州简讯",
        "2025-04-01",
        "四川/泸州",
        "metrics:\n  参与职工: 约2,000\n  参与企业: 411\n",
        "正文。",
    );
    f
}

/// The cells of the row of `jianxun stats` that starts with `scope`.
fn row(stdout: &str, scope: &str) -> String {
    stdout
        .lines()
        .find(|l| l.starts_with(scope))
        .unwrap_or_else(|| panic!("no row {scope} in\n{stdout}"))
        .to_string()
}

#[test]
fn a_reported_value_keeps_its_meaning() {
    let f = site();
    let r = f.run(&["stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // One report: shown as written, not `30万余名` (a different statement).
    let yibin = row(&r.stdout, "宜宾");
    assert!(yibin.contains("30余万名"), "{}", r.stdout);
    assert!(!r.stdout.contains("30万余"), "{}", r.stdout);
    // Full-width digits are normalised in form only.
    assert!(yibin.contains("1,292家"), "{}", r.stdout);
    f.run(&["build"]);
    let page = f.read("site/bulletins/yibin/index.html");
    assert!(page.contains("30余万名"), "{page}");
    assert!(page.contains("1,292家"), "{page}");
}

#[test]
fn a_total_shows_no_false_precision() {
    let f = site();
    let r = f.run(&["stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 30余万 + 约2,000: about, and known only to the 10万.
    let sichuan = row(&r.stdout, "四川");
    assert!(sichuan.contains("约30万名"), "{}", r.stdout);
    for wrong in ["约30.2万", "30.2万余", "30.02万"] {
        assert!(!r.stdout.contains(wrong), "{wrong} in\n{}", r.stdout);
    }
    // Exact sums stay exact and use one form.
    assert!(sichuan.contains("1,703家"), "{}", r.stdout);
    let csv = f.run(&["stats", "--format", "csv"]);
    assert!(
        csv.stdout
            .contains("region,四川,四川,参与职工,名,sum,302000,about,2,约30万名"),
        "{}",
        csv.stdout
    );
    f.run(&["build"]);
    let stats = f.read("site/stats/stats.json");
    assert!(
        stats.contains("\"display\": \"约30万名\"") || stats.contains("\"display\":\"约30万名\""),
        "{stats}"
    );
    let region = f.read("site/regions/sichuan/index.html");
    assert!(region.contains("约30万名"), "{region}");
}

#[test]
fn totals_name_their_period_and_can_be_limited_to_one() {
    let f = site();
    f.bulletin(
        "old",
        "往年简讯",
        "2022-12-10",
        "四川/宜宾",
        "metrics:\n  参与企业: 100\n",
        "正文。",
    );
    let r = f.run(&["stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let head = r.stdout.lines().next().unwrap_or_default();
    assert!(
        head.contains("期间") && head.contains("简讯"),
        "{}",
        r.stdout
    );
    let all = row(&r.stdout, "全站");
    assert!(all.contains("2022年12月—2025年4月"), "{}", r.stdout);
    assert!(
        all.contains("3篇") && all.contains("1,803家"),
        "{}",
        r.stdout
    );

    // Only the first half of 2025: totals are computed over those bulletins.
    let r = f.run(&["stats", "--from", "2025-01", "--to", "2025-06"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all = row(&r.stdout, "全站");
    assert!(all.contains("2025年3月—2025年4月"), "{}", r.stdout);
    assert!(
        all.contains("2篇") && all.contains("1,703家"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("2022年"), "{}", r.stdout);
    let json = f.run(&["stats", "--from", "2025-04", "--format", "json"]);
    assert!(
        json.stdout.contains("\"period\": \"2025年4月\""),
        "{}",
        json.stdout
    );
    let csv = f.run(&["stats", "--to", "2022-12", "--format", "csv"]);
    assert!(
        csv.stdout
            .contains("site,,全站,参与企业,家,sum,100,exact,1,100家,2022年12月,1"),
        "{}",
        csv.stdout
    );

    let bad = f.run(&["stats", "--from", "2025-13"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("2025-13"), "{}", bad.stderr);
}

#[test]
fn the_preview_shows_the_numbers_the_build_shows() {
    use crate::serve::Server;
    let f = site();
    let s = Server::start(&f);
    let mut ev = s.events();
    ev.next(crate::serve::WAIT)
        .expect("current state on connect");
    // An in-place edit of one value: 30余万 becomes 12万余.
    f.bulletin(
        "yibin",
        "宜宾简讯",
        "2025-03-01",
        "四川/宜宾",
        "metrics:\n  参与职工: 12万余\n  参与企业: １２９２\n",
        "正文。",
    );
    let (name, _) = ev.next(crate::serve::WAIT).expect("reload after the save");
    assert_eq!(name, "reload");
    f.run(&["build"]);
    for path in [
        "stats/stats.json",
        "stats/stats.csv",
        "stats/index.html",
        "regions/sichuan/index.html",
        "bulletins/yibin/index.html",
    ] {
        let built = f.read(&format!("site/{path}"));
        let served = s.get(&format!("/{path}")).body;
        let numbers = |text: &str| -> Vec<String> {
            ["约12万名", "12万余名", "约30万名", "30余万名", "1,703家"]
                .iter()
                .filter(|n| text.contains(*n))
                .map(|n| n.to_string())
                .collect()
        };
        assert!(!numbers(&built).is_empty(), "{path}: {built}");
        assert_eq!(numbers(&served), numbers(&built), "{path}");
    }
    let csv = s.get("/stats/stats.csv").body;
    assert!(
        csv.contains("region,四川,四川,参与职工,名,sum,122000,about,2,约12万名"),
        "{csv}"
    );
}
