//! `jianxun check`: the example site is clean, a broken copy of it reports
//! every problem in one run, warnings do not fail, and JSON lines carry the
//! same diagnostics.

use std::path::Path;

use crate::support::{Fixture, repo};

/// Copies the example site's configuration and content into a fresh folder.
pub(crate) fn example_copy() -> Fixture {
    let f = Fixture::empty();
    let root = repo();
    f.write(
        "jianxun.yaml",
        &std::fs::read_to_string(root.join("jianxun.yaml")).expect("config"),
    );
    for e in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = e.path().strip_prefix(&root).expect("under root");
        f.write_bytes(
            &rel.to_string_lossy(),
            &std::fs::read(e.path()).expect("read"),
        );
    }
    f
}

/// Replaces `from` by `to` in the file `rel`, which must contain it.
pub(crate) fn edit(f: &Fixture, rel: &str, from: &str, to: &str) {
    let text = f.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    f.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn the_example_site_has_no_errors() {
    let r = crate::support::run_in(&repo(), &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains(": error["), "{}", r.stderr);
    assert!(
        r.stderr.trim_end().ends_with("No problems found.") || r.stderr.contains("warning"),
        "{}",
        r.stderr
    );
}

const B22: &str = "content/bulletins/2022/yibin-ankangbei-jin-yuanqu.md";
const B24: &str = "content/bulletins/2024/datong-qingangang-liuge-yi.md";
const B25: &str = "content/bulletins/2025/xiamen-ankangbei-411-jia-qiye.md";
const B25B: &str = "content/bulletins/2025/yingkou-qinqing-zhuan-wenlv-peixun.md";
const BAYU: &str = "content/bulletins/2025/bayuquan-angang-meiqi-baojing.md";
const B26: &str = "content/bulletins/2026/xiamen-jieri-anquan-shuangwen-qifa.md";

/// (file, severity, code) of every problem planted by [`break_example`].
const PLANTED: &[(&str, &str, &str)] = &[
    (B22, "error", "date-invalid"),
    (B24, "error", "campaign-unknown"),
    (B25, "error", "metric-value"),
    (B25B, "error", "metric-undeclared"),
    (B26, "error", "yaml"),
    ("content/bulletins/2025/gbk.md", "error", "not-utf8"),
    ("content/bulletins/2025/copy.md", "error", "slug-collision"),
    (BAYU, "error", "slug-collision"),
    ("content/pages/about.md", "error", "link-broken"),
    ("content/pages/about.md", "error", "image-missing"),
    ("content/campaigns/ankang-cup.md", "error", "link-broken"),
    ("content/bulletins/2025/future.md", "warning", "date-future"),
    (
        "content/bulletins/2025/future.md",
        "warning",
        "title-duplicate",
    ),
];

fn break_example(f: &Fixture) {
    f.write(
        "content/bulletins/2025/copy.md",
        &f.read(BAYU).replace(
            "title: ",
            "slug: bayuquan-angang-meiqi-baojing\ntitle: 又一篇",
        ),
    );
    edit(f, B22, "date: 2022-", "date: 2022-13-");
    edit(f, B24, "campaign: qingangang", "campaign: 青安冈");
    edit(f, B25, "参与企业: 411", "参与企业: 411人");
    edit(f, B25B, "metrics:\n", "metrics:\n  参与人数: 30\n");
    edit(f, B26, "title: ", "title: [");
    f.write_bytes(
        "content/bulletins/2025/gbk.md",
        b"---\ntitle: \xd2\xcb\xb1\xf6\n---\n",
    );
    f.write(
        "content/pages/about.md",
        &format!(
            "{}\n见[宜宾](../bulletins/2022/yibin.md)和![照片](img/photo.jpg)。\n",
            f.read("content/pages/about.md")
        ),
    );
    f.write(
        "content/campaigns/ankang-cup.md",
        &format!(
            "{}\n另见[往期](/bulletins/no-such-bulletin/)。\n",
            f.read("content/campaigns/ankang-cup.md")
        ),
    );
    let title = f
        .read(BAYU)
        .lines()
        .find_map(|l| l.strip_prefix("title: ").map(str::to_string))
        .expect("title");
    f.write(
        "content/bulletins/2025/future.md",
        &format!("---\ntitle: {title}\ndate: 2099-01-01\ncampaign: ankang-cup\nregion: 福建/厦门\n---\n正文。\n"),
    );
}

#[test]
fn a_broken_copy_of_the_example_site_reports_every_problem_at_once() {
    let f = example_copy();
    let clean = f.run(&["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    break_example(&f);
    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let json = f.run(&["check", "--format", "json"]);
    assert_eq!(json.code, 1);
    let diags: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    for (file, severity, code) in PLANTED {
        let hit = diags
            .iter()
            .find(|d| d["file"] == *file && d["severity"] == *severity && d["name"] == *code);
        let d = hit.unwrap_or_else(|| panic!("no {severity} {code} in {file}:\n{}", r.stderr));
        // The text form names the same place.
        let id = d["code"].as_str().unwrap_or_default();
        let head = match (d["line"].as_u64(), d["column"].as_u64()) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}: {severity}[{id}]: "),
            _ => format!("{file}: {severity}[{id}]: "),
        };
        assert!(r.stderr.contains(&head), "no `{head}` in:\n{}", r.stderr);
    }
    assert_eq!(
        diags.len(),
        PLANTED.len(),
        "no extra problems:\n{}",
        r.stderr
    );
    let errors = PLANTED.iter().filter(|p| p.1 == "error").count();
    assert!(
        r.stderr.contains(&format!("{errors} errors, 2 warnings.")),
        "{}",
        r.stderr
    );
    // `build` stops on the same errors and writes nothing.
    let b = f.run(&["build"]);
    assert_eq!(b.code, 1);
    assert!(!f.path("site").exists());
}

#[test]
fn warnings_alone_do_not_fail() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2099-01-01",
        "四川/宜宾",
        "",
        "正文。",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/bulletins/a.md:3:7: warning[W002]: the bulletin is dated 2099-01-01, in the future"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("No errors; 1 warning."), "{}", r.stderr);
    let j = f.run(&["check", "--format", "json"]);
    assert_eq!(j.code, 0);
    assert_eq!(j.stdout.lines().count(), 1, "{}", j.stdout);
    assert!(j.stderr.is_empty(), "{}", j.stderr);
}

#[test]
fn outlying_values_are_flagged_once_the_campaign_has_a_range() {
    let f = Fixture::new();
    for (i, n) in ["411", "380", "52", "4110万"].iter().enumerate() {
        f.bulletin(
            &format!("b{i}"),
            &format!("简讯{i}"),
            "2024-03-01",
            "四川/宜宾",
            &format!("metrics:\n  参与企业: {n}\n"),
            "正文。",
        );
    }
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/bulletins/b3.md:7:9: warning[W003]: metric `参与企业`: 4110万 is 10 or more times"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches(": warning[").count(), 1, "{}", r.stderr);
}

#[test]
fn links_and_images_that_exist_are_fine() {
    let f = Fixture::new();
    f.bulletin(
        "2024/other",
        "另一篇",
        "2024-03-01",
        "四川/宜宾",
        "slug: custom\n",
        "正文。",
    );
    f.bulletin(
        "2025/a",
        "这一篇",
        "2025-03-01",
        "四川/宜宾",
        "",
        "[另一篇](../2024/other.md#更多) [同一篇](/bulletins/custom/) [外站](https://example.org/) ![图](img/a.png) ![标志](/logo.png) [活动](../../campaigns/ankang-cup.md)",
    );
    f.write_bytes(
        "content/bulletins/2025/img/a.png",
        &crate::support::tiny_png(1),
    );
    f.write_bytes("static/logo.png", b"png");
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("No problems found."), "{}", r.stderr);
    assert!(Path::new(&f.path("content/bulletins/2025/img/a.png")).exists());
}
