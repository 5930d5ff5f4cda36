//! Numbers keep their meaning on every page and in `jianxun stats`: a
//! reported value is shown as written, a total no more precisely than its
//! parts are known.

use crate::support::{Fixture, run_lang};

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
    let r = run_lang(f.root(), &["stats"], Some("zh"));
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
    let r = run_lang(f.root(), &["stats"], Some("zh"));
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
    let r = run_lang(f.root(), &["stats"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let head = r.stdout.lines().next().unwrap_or_default();
    let en = f.run(&["stats"]);
    let en_head = en.stdout.lines().next().unwrap_or_default();
    assert!(
        en_head.starts_with("scope") && en_head.contains("period"),
        "{}",
        en.stdout
    );
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
    let r = run_lang(
        f.root(),
        &["stats", "--from", "2025-01", "--to", "2025-06"],
        Some("zh"),
    );
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

/// Every figure of the example site's statistics, read back by the metric
/// parser: one notation everywhere (whole numbers of four or more digits
/// grouped by thousands, 万/亿 with at most two decimals), and a statement
/// that holds for the total.
#[test]
fn every_example_figure_reads_back_as_a_true_statement() {
    use jianxun::content::number::{Bound, parse};
    use rust_decimal::Decimal;
    let r = crate::support::run_in(&crate::support::repo(), &["stats", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let mut seen = 0;
    for scope in doc["scopes"].as_array().expect("scopes") {
        for (metric, t) in scope["totals"].as_object().expect("totals") {
            let what = format!("{} {metric}: {t}", scope["name"]);
            let (unit, display) = (t["unit"].as_str().unwrap(), t["display"].as_str().unwrap());
            let value: Decimal = t["value"].as_str().unwrap().parse().expect("decimal");
            let back = parse(display, unit, true).unwrap_or_else(|e| panic!("{what}: {e}"));
            match t["bound"].as_str().unwrap() {
                "exact" => assert_eq!(back.value, value, "{what}"),
                "at_least" => assert!(back.value <= value, "{what}"),
                _ => assert!(
                    (back.value - value).abs() * Decimal::TWO <= back.step * Decimal::TEN,
                    "{what}"
                ),
            }
            assert_eq!(back.bound == Bound::Exact, t["bound"] == "exact", "{what}");
            // Whole numbers of four or more digits are grouped by thousands;
            // a count of 万 or 亿 (below 10,000) is not: `2000余万元`.
            let whole = display.split('.').next().unwrap_or("");
            let of_wan = whole.contains(['万', '亿']);
            for run in whole.split(|c: char| !c.is_ascii_digit() && c != ',') {
                let digits = run.chars().filter(char::is_ascii_digit).count();
                assert!(
                    digits < 4 || run.contains(',') || of_wan && digits == 4,
                    "{what}"
                );
            }
            // 万 and 亿 carry at most two decimals.
            if let Some((_, frac)) = display.split_once('.') {
                let decimals = frac.chars().take_while(char::is_ascii_digit).count();
                assert!(decimals <= 2, "{what}");
            }
            seen += 1;
        }
    }
    assert!(seen > 100, "{seen} figures");
}
