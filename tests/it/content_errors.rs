//! Bad content: every problem reported in one run, at its file, line and
//! column, with exit 1 and the previous output left exactly as it was.

use crate::support::{Fixture, snapshot};

const GOOD: &str = "---\ntitle: 宜宾园区安全检查\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\nmetrics:\n  参与企业: 411\n---\n正文。\n";

/// A site with one good bulletin, already built once.
fn built_site() -> Fixture {
    let f = Fixture::new();
    f.write("content/bulletins/good.md", GOOD);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    f
}

/// (file, line, column, text that must appear in the message or hint)
const EXPECTED: &[(&str, usize, usize, &str)] = &[
    ("content/bulletins/unclosed.md", 1, 1, "never closed"),
    ("content/bulletins/bad-yaml.md", 2, 8, ""),
    ("content/bulletins/tab.md", 7, 1, "tab"),
    ("content/bulletins/bare.md", 1, 1, "`title`"),
    ("content/bulletins/bare.md", 1, 1, "`date`"),
    ("content/bulletins/bare.md", 1, 1, "`campaign`"),
    ("content/bulletins/bare.md", 1, 1, "`region`"),
    ("content/bulletins/bad-date.md", 3, 7, "2024-13-01"),
    (
        "content/bulletins/unknown-campaign.md",
        4,
        11,
        "did you mean 安康杯竞赛",
    ),
    (
        "content/bulletins/undeclared.md",
        7,
        3,
        "declare `参与人数` under metrics:",
    ),
    (
        "content/bulletins/gbk.md",
        2,
        8,
        "save it again with the encoding UTF-8",
    ),
    ("content/bulletins/empty.md", 1, 1, "empty"),
    (
        "content/bulletins/zz-dup.md",
        5,
        7,
        "content/bulletins/good.md",
    ),
    // A slug collision is reported in both files.
    (
        "content/bulletins/good.md",
        1,
        1,
        "content/bulletins/zz-dup.md",
    ),
    ("templates/tags.html", 2, 7, "expected"),
];

fn break_it(f: &Fixture) {
    f.write(
        "content/bulletins/unclosed.md",
        "---\ntitle: 未闭合\ndate: 2022-12-10\n正文没有结束线。\n",
    );
    f.write(
        "content/bulletins/bad-yaml.md",
        "---\ntitle: [未闭合\ndate: 2022-12-10\n---\n",
    );
    f.write(
        "content/bulletins/tab.md",
        &GOOD.replace("  参与企业: 411", "\t参与企业: 411"),
    );
    f.write(
        "content/bulletins/bare.md",
        "---\ntags: [园区]\n---\n只有标签。\n",
    );
    f.write(
        "content/bulletins/bad-date.md",
        &GOOD.replace("2022-12-10", "2024-13-01"),
    );
    f.write(
        "content/bulletins/unknown-campaign.md",
        &GOOD.replace("ankang-cup", "安康杯竞塞"),
    );
    f.write(
        "content/bulletins/undeclared.md",
        &GOOD.replace("参与企业", "参与人数"),
    );
    f.write_bytes(
        "content/bulletins/gbk.md",
        b"---\ntitle: \xd2\xcb\xb1\xf6\n---\n",
    );
    f.write("content/bulletins/empty.md", "");
    f.write(
        "content/bulletins/zz-dup.md",
        &GOOD.replace("region:", "slug: good\nregion:"),
    );
    f.write(
        "templates/tags.html",
        "{% extends \"base.html\" %}\n{% if %}\n",
    );
}

#[test]
fn every_error_in_one_run_and_output_untouched() {
    let f = built_site();
    let before = snapshot(&f.path("site"));
    break_it(&f);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (file, line, col, text) in EXPECTED {
        let head = if *line > 0 {
            format!("{file}:{line}:{col}: error[")
        } else {
            format!("{file}: error[")
        };
        let found = r
            .stderr
            .split("\n\n")
            .any(|block| block.starts_with(&head) && block.contains(text));
        assert!(found, "expected `{head}` … `{text}` in:\n{}", r.stderr);
    }
    let blocks = r
        .stderr
        .split("\n\n")
        .filter(|b| b.contains(": error["))
        .count();
    assert_eq!(blocks, EXPECTED.len(), "no extra errors:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(
        snapshot(&f.path("site")),
        before,
        "a failed build leaves site/ exactly as it was"
    );
}

#[test]
fn errors_show_the_source_line_and_a_hint() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/a.md",
        &GOOD.replace("参与企业: 411", "参与企业: 411\n  参与人数: 5"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("8 |   参与人数: 5"), "{}", r.stderr);
    assert!(r.stderr.contains("= hint: "), "{}", r.stderr);
}

#[test]
fn crlf_and_bom_files_build() {
    let f = Fixture::new();
    let text = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
    f.write("content/bulletins/windows.md", &text);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        f.read("site/bulletins/windows/index.html")
            .contains("宜宾园区安全检查")
    );
}

#[test]
fn errors_in_crlf_files_point_at_the_right_line() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/a.md",
        &GOOD
            .replace("2022-12-10", "2024-13-01")
            .replace('\n', "\r\n"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/bulletins/a.md:3:7: error[E012]:"),
        "{}",
        r.stderr
    );
}

#[test]
fn config_errors_are_located() {
    let f = Fixture::new();
    f.write("jianxun.yaml", "title: 简讯\npaginate: 多\ntitel: x\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("jianxun.yaml:2:"), "{}", r.stderr);
}

#[test]
fn unknown_front_matter_key_is_located() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/a.md",
        &GOOD.replace("region:", "regoin: x\nregion:"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/bulletins/a.md:5:1: error[E004]: unknown field `regoin`"),
        "{}",
        r.stderr
    );
}

#[test]
fn broken_campaign_file_does_not_cascade() {
    let f = Fixture::new();
    f.write(
        "content/campaigns/ankang-cup.md",
        "---\nfull_name: 无名\n---\n",
    );
    f.write("content/bulletins/a.md", GOOD);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "content/campaigns/ankang-cup.md:1:1: error[E010]: the campaign has no `name`"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("unknown campaign"), "{}", r.stderr);
}
