//! Snapshots of every kind of diagnostic as `jianxun check` prints it
//! (without colour), in Chinese (the default) and its English twin
//! (`JIANXUN_LANG=en`): the `path:line:column: 错误[E0xx]: message` line,
//! the source line with the span underlined (Chinese characters count two
//! cells), and the hint; and the JSON lines form.
//!
//! The snapshots are in tests/it/snapshots/; after an intended change,
//! regenerate them with `INSTA_UPDATE=always cargo test diagnostics` and
//! review the diff.

use crate::support::{Fixture, run_lang};

const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  参与职工: { unit: 名, aggregate: sum }\n  投入资金: { unit: 元, aggregate: sum }\n";

/// A good bulletin; each case breaks a copy of it.
const GOOD: &str = "---\ntitle: 宜宾园区安全检查\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\nmetrics:\n  参与企业: 411\n---\n正文。\n";

/// Files of a case: path from the site root, bytes.
type Files = Vec<(&'static str, Vec<u8>)>;

/// A site with the campaign, a good bulletin and `files`.
fn site(files: &[(&str, &[u8])]) -> Fixture {
    let f = Fixture::empty();
    f.write("jianxun.yaml", CONFIG);
    f.write("content/campaigns/ankang-cup.md", crate::support::CAMPAIGN);
    f.write("content/bulletins/good.md", GOOD);
    for (rel, bytes) in files {
        f.write_bytes(rel, bytes);
    }
    f
}

/// What `check` prints for the site with `files`: in Chinese, then in English.
fn check(files: &[(&str, &[u8])]) -> String {
    let f = site(files);
    let zh = run_lang(f.root(), &["check"], None);
    let en = run_lang(f.root(), &["check"], Some("en"));
    for r in [&zh, &en] {
        assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
        assert!(!r.stderr.contains('\x1b'), "no colour in tests");
    }
    assert_eq!(zh.code, en.code);
    // Every kind has its number (E000/W000 would mean a name missing from the table).
    assert!(!zh.stderr.contains("000]"), "{}", zh.stderr);
    // Same places, same source lines and underlines in both languages.
    let places = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains(" | ") || l.trim_start().starts_with('|'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(places(&zh.stderr), places(&en.stderr));
    format!("{}\n──── English ────\n{}", zh.stderr, en.stderr)
}

/// The good bulletin with `from` replaced by `to`, and another title (so
/// that only the case at hand is reported).
fn bad(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from}");
    GOOD.replace(from, to)
        .replace("title: 宜宾园区安全检查", "title: 宜宾园区复查")
}

#[test]
fn every_kind_of_diagnostic() {
    let gbk: &[u8] = b"---\ntitle: \xd2\xcb\xb1\xf6\xd4\xb0\xc7\xf8\ndate: 2022-12-10\n---\n";
    let cases: Vec<(&str, Files)> = vec![
        (
            "yaml_syntax",
            vec![(
                "content/bulletins/a.md",
                bad("title: 宜宾园区安全检查", "title: 宜宾园区: 安全检查").into(),
            )],
        ),
        (
            "yaml_unclosed_list",
            vec![(
                "content/bulletins/a.md",
                bad("title: 宜宾园区安全检查", "title: [宜宾园区").into(),
            )],
        ),
        (
            "fullwidth_colon",
            vec![(
                "content/bulletins/a.md",
                bad("title: 宜宾园区安全检查", "title：宜宾园区复查").into(),
            )],
        ),
        (
            "fullwidth_indent",
            vec![(
                "content/bulletins/a.md",
                bad("  参与企业: 411", "\u{3000}参与企业: 411").into(),
            )],
        ),
        (
            "fullwidth_brackets",
            vec![(
                "content/bulletins/a.md",
                bad(
                    "region: 四川/宜宾\n",
                    "region: 四川/宜宾\ntags: 【安全，宣传】\n",
                )
                .into(),
            )],
        ),
        (
            "region_homophone",
            vec![(
                "content/bulletins/a.md",
                bad("region: 四川/宜宾", "region: 四川/宜滨").into(),
            )],
        ),
        (
            "wrong_form",
            vec![(
                "content/bulletins/a.md",
                bad("---\n正文", "tags: { 园区: 1 }\n---\n正文").into(),
            )],
        ),
        (
            "missing_field",
            vec![(
                "content/bulletins/a.md",
                bad("region: 四川/宜宾\n", "").into(),
            )],
        ),
        (
            "wrong_type",
            vec![(
                "content/bulletins/a.md",
                bad("---\n正文", "draft: 也许\n---\n正文").into(),
            )],
        ),
        (
            "unknown_key",
            vec![(
                "content/bulletins/a.md",
                bad("region:", "regoin: 宜宾\nregion:").into(),
            )],
        ),
        (
            "bad_date",
            vec![(
                "content/bulletins/a.md",
                bad("2022-12-10", "2022-13-01").into(),
            )],
        ),
        (
            "unknown_campaign",
            vec![(
                "content/bulletins/a.md",
                bad("campaign: ankang-cup", "campaign: 安康杯竞塞").into(),
            )],
        ),
        (
            "undeclared_metric",
            vec![(
                "content/bulletins/a.md",
                bad("参与企业: 411", "参与人数: 5").into(),
            )],
        ),
        (
            "metric_not_a_number",
            vec![(
                "content/bulletins/a.md",
                bad("参与企业: 411", "参与企业: 很多").into(),
            )],
        ),
        // Chinese characters before the column: the underline must still sit under `人`.
        (
            "metric_wrong_unit",
            vec![(
                "content/bulletins/a.md",
                bad("参与企业: 411", "投入资金: 7.2万人").into(),
            )],
        ),
        (
            "slug_collision",
            vec![(
                "content/bulletins/z.md",
                bad("region:", "slug: good\nregion:").into(),
            )],
        ),
        (
            "broken_link",
            vec![(
                "content/bulletins/2025/a.md",
                bad("正文。", "详见[宜宾的做法](../2024/yibin.md)。").into(),
            )],
        ),
        (
            "broken_url_link",
            vec![(
                "content/bulletins/2025/a.md",
                bad("正文。", "详见[上一篇](/bulletins/goood/)。").into(),
            )],
        ),
        (
            "missing_image",
            vec![(
                "content/bulletins/2025/a.md",
                bad("正文。", "现场照片：![检查现场](img/xianchang.jpg)").into(),
            )],
        ),
        ("not_utf8", vec![("content/bulletins/gbk.md", gbk.to_vec())]),
        (
            "future_date",
            vec![(
                "content/bulletins/a.md",
                bad("2022-12-10", "2099-01-01").into(),
            )],
        ),
        (
            "duplicate_title",
            vec![(
                "content/bulletins/z.md",
                GOOD.replace("2022-12-10", "2023-01-05").into(),
            )],
        ),
        (
            "link_to_draft",
            vec![
                (
                    "content/bulletins/d.md",
                    bad("region:", "draft: true\nregion:").into(),
                ),
                (
                    "content/bulletins/z.md",
                    bad("正文。", "见[草稿](d.md)。")
                        .replace("复查", "再查")
                        .into_bytes(),
                ),
            ],
        ),
        (
            "outlier",
            (1..=4)
                .map(|i| {
                    let n = if i == 4 { "4110万" } else { "411" };
                    let rel: &str = [
                        "content/bulletins/o1.md",
                        "content/bulletins/o2.md",
                        "content/bulletins/o3.md",
                        "content/bulletins/o4.md",
                    ][i - 1];
                    (
                        rel,
                        bad("参与企业: 411", &format!("参与企业: {n}"))
                            .replace("宜宾园区复查", &format!("园区检查{i}"))
                            .into_bytes(),
                    )
                })
                .collect(),
        ),
    ];
    for (name, files) in cases {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
        insta::assert_snapshot!(name, check(&files));
    }
}

#[test]
fn json_lines() {
    let f = site(&[
        (
            "content/bulletins/a.md",
            bad("参与企业: 411", "投入资金: 7.2万人").as_bytes(),
        ),
        (
            "content/bulletins/b.md",
            bad("2022-12-10", "2099-01-01")
                .replace("复查", "未来")
                .as_bytes(),
        ),
        (
            "content/bulletins/z.md",
            bad("region:", "slug: good\nregion:")
                .replace("复查", "又查")
                .as_bytes(),
        ),
    ]);
    let r = run_lang(f.root(), &["check", "--format", "json"], None);
    let en = f.run(&["check", "--format", "json"]);
    assert_eq!((r.code, en.code), (1, 1));
    for (zh, en) in r.stdout.lines().zip(en.stdout.lines()) {
        let v: serde_json::Value = serde_json::from_str(zh).expect("each line is JSON");
        let w: serde_json::Value = serde_json::from_str(en).expect("each line is JSON");
        assert!(v.is_object());
        // Only the sentences change with the language.
        for k in ["file", "line", "column", "severity", "code", "name"] {
            assert_eq!(v[k], w[k], "{k}");
        }
        assert_ne!(v["message"], w["message"]);
    }
    insta::assert_snapshot!("json_lines", format!("{}\n{}", r.stdout, en.stdout));
}

#[test]
fn colour_is_off_with_no_color_and_off_a_terminal() {
    // The runner sets NO_COLOR and pipes stderr: both must give plain text.
    let r = site(&[(
        "content/bulletins/a.md",
        bad("2022-12-10", "2022-13-01").as_bytes(),
    )])
    .run(&["check"]);
    assert!(!r.stderr.contains('\x1b'), "{}", r.stderr);
}
