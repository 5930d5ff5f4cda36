//! The way a Chinese input method types, fed through `jianxun check`: each
//! slip gets its Chinese message at its exact line and column, and a hint
//! that names the character and its fix (issue 11, item 2).

use crate::support::{CAMPAIGN, Fixture, run_lang};

const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  参与职工: { unit: 名, aggregate: sum }\n";

/// A site with the campaigns 安康杯竞赛 and 安全生产月 and one bulletin
/// `content/bulletins/a.md` holding `text`.
fn site(text: &str) -> Fixture {
    let f = Fixture::empty();
    f.write("jianxun.yaml", CONFIG);
    f.write("content/campaigns/ankang-cup.md", CAMPAIGN);
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\n---\n简介。\n",
    );
    f.write("content/bulletins/a.md", text);
    f
}

/// A bulletin with these lines after the opening `---` (title, date,
/// campaign, region and anything else), then a body.
fn bulletin(front: &str) -> String {
    format!("---\n{front}---\n正文。\n")
}

const TITLE: &str = "title: 宜宾园区安全检查\n";
const REST: &str = "date: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\n";

/// `check` in Chinese (the default) on a site with `text`: its exit code and what it printed.
fn check_zh(text: &str) -> (i32, String) {
    let f = site(text);
    let r = run_lang(f.root(), &["check"], None);
    (r.code, r.stderr)
}

/// Asserts `out` holds each of `wanted`.
fn has(out: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(out.contains(w), "missing {w:?} in:\n{out}");
    }
}

#[test]
fn full_width_colon_after_a_key() {
    let (code, out) = check_zh(&bulletin(&format!("title：宜宾园区安全检查\n{REST}")));
    assert_eq!(code, 1);
    has(
        &out,
        &[
            "content/bulletins/a.md:2:6: 错误[E045]: `title` 后面是全角冒号 `：`；YAML 要用半角冒号 `:`",
            "= 提示: 把全角冒号 `：` 换成半角冒号 `:` 加一个空格，写成 `title: 宜宾园区安全检查`",
            "1 个错误",
        ],
    );
    // One the YAML reader fails on, and one under metrics.
    let (_, out) = check_zh(&bulletin(&format!(
        "{TITLE}date：2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\nmetrics:\n  参与企业：411\n"
    )));
    has(
        &out,
        &[
            "content/bulletins/a.md:3:5: 错误[E045]: `date` 后面是全角冒号",
            "写成 `date: 2022-12-10`",
            "content/bulletins/a.md:7:7: 错误[E045]: `参与企业` 后面是全角冒号",
            "写成 `参与企业: 411`",
            "2 个错误",
        ],
    );
    assert!(!out.contains("E004"), "{out}");
    // English on request.
    let f = site(&bulletin(&format!("title：宜宾园区安全检查\n{REST}")));
    let en = run_lang(f.root(), &["check"], Some("en"));
    has(
        &en.stderr,
        &[
            "content/bulletins/a.md:2:6: error[E045]: `title` is followed by a full-width colon `：`",
        ],
    );
}

#[test]
fn full_width_space_after_a_colon() {
    let (code, out) = check_zh(&bulletin(&format!(
        "title:\u{3000}宜宾园区安全检查\n{REST}"
    )));
    assert_eq!(code, 1);
    has(
        &out,
        &[
            "content/bulletins/a.md:2:7: 错误[E048]: `title:` 后面是全角空格 `　`；冒号后面要用半角空格",
            "写成 `title: 宜宾园区安全检查`",
        ],
    );
    assert!(!out.contains("E004"), "{out}");
}

#[test]
fn full_width_space_or_tab_in_indentation() {
    let (code, out) = check_zh(&bulletin(&format!(
        "{TITLE}{REST}metrics:\n\u{3000}参与企业: 411\n"
    )));
    assert_eq!(code, 1);
    has(
        &out,
        &[
            "content/bulletins/a.md:7:1: 错误[E046]: 这一行用全角空格 `　`（U+3000）缩进了；YAML 只能用半角空格缩进",
            "= 提示: 把行首的全角空格换成半角空格（一个全角空格换成两个半角空格）",
        ],
    );
    let (_, out) = check_zh(&bulletin(&format!(
        "{TITLE}{REST}metrics:\n  参与企业: 411\n \t参与职工: 20\n"
    )));
    has(
        &out,
        &[
            "content/bulletins/a.md:8:2: 错误[E005]: 这一行用 Tab 键缩进了；YAML 只能用空格缩进",
            "= 提示: 把行首的 Tab 换成两个半角空格",
        ],
    );
}

#[test]
fn list_in_full_width_brackets_or_quotes() {
    for (written, open, close) in [
        ("【安全，宣传】", "【", "】"),
        ("［安全，宣传］", "［", "］"),
        ("“安全，宣传”", "“", "”"),
    ] {
        let (code, out) = check_zh(&bulletin(&format!("{TITLE}{REST}tags: {written}\n")));
        assert_eq!(code, 1, "{out}");
        has(
            &out,
            &[
                &format!(
                    "content/bulletins/a.md:6:7: 错误[E047]: `tags` 的列表写在全角符号 `{open}` `{close}` 里了；列表要用半角方括号 `[` `]`"
                ),
                "= 提示: 写成 `tags: [安全, 宣传]`",
            ],
        );
    }
    // A title in Chinese quotes is no list.
    let (code, out) = check_zh(&bulletin(
        "title: “安康杯”竞赛走进园区\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\n",
    ));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_date_that_does_not_exist_proposes_the_nearest_real_one() {
    let cases = [
        ("2024-02-30", "2024年2月只有 29 天", "2024-02-29"),
        ("2023-02-29", "2023年2月只有 28 天", "2023-02-28"),
        ("2025-04-31", "2025年4月只有 30 天", "2025-04-30"),
        ("2024年2月30日", "2024年2月只有 29 天", "2024年2月29日"),
        ("2023.2.29", "2023年2月只有 28 天", "2023.2.28"),
        ("2025/4/31", "2025年4月只有 30 天", "2025/4/30"),
        ("2025-4-31 09:30", "2025年4月只有 30 天", "2025-4-30 09:30"),
    ];
    for (written, why, nearest) in cases {
        let (code, out) = check_zh(&bulletin(&format!(
            "{TITLE}date: {written}\ncampaign: ankang-cup\nregion: 四川/宜宾\n"
        )));
        assert_eq!(code, 1, "{out}");
        has(
            &out,
            &[
                &format!("content/bulletins/a.md:3:7: 错误[E012]: 日期 `{written}` 不存在：{why}"),
                &format!("= 提示: 改成最接近的真实日期：{nearest}"),
            ],
        );
    }
    for written in ["2025-13-05", "2025年13月5日"] {
        let (_, out) = check_zh(&bulletin(&format!(
            "{TITLE}date: {written}\ncampaign: ankang-cup\nregion: 四川/宜宾\n"
        )));
        has(
            &out,
            &[
                &format!(
                    "content/bulletins/a.md:3:7: 错误[E012]: 日期 `{written}` 不存在：没有 13 月"
                ),
                "= 提示: 月份写错了：月份只能是 1 到 12",
            ],
        );
    }
}

#[test]
fn a_unit_that_does_not_match_proposes_the_declaration_it_needs() {
    let (code, out) = check_zh(&bulletin(&format!(
        "{TITLE}{REST}metrics:\n  参与企业: 411人\n"
    )));
    assert_eq!(code, 1);
    has(
        &out,
        &[
            "content/bulletins/a.md:7:12: 错误[E013]: 指标 `参与企业`：`411人` 的单位是 `人`，但这个指标的单位是 家",
            "参与企业 这一项请写成 411家，不要写 411人；如果这个数本来就是按“人”计的，请把 jianxun.yaml 里的登记改成 `参与企业: { unit: 人, aggregate: sum }`",
        ],
    );
    // An undeclared metric: the proposed declaration has the value's unit.
    let (_, out) = check_zh(&bulletin(&format!(
        "{TITLE}{REST}metrics:\n  志愿者: 300余人次\n"
    )));
    has(
        &out,
        &[
            "content/bulletins/a.md:7:3: 错误[E014]",
            "志愿者: { unit: 人次, aggregate: sum }",
        ],
    );
}

#[test]
fn unknown_campaign_and_broken_link_by_name_slug_or_pinyin() {
    for (written, col) in [
        ("anquanshengchanyue", 11),
        ("安全生产", 11),
        ("safety-mouth", 11),
    ] {
        let (code, out) = check_zh(&bulletin(&format!(
            "{TITLE}date: 2022-12-10\ncampaign: {written}\nregion: 四川/宜宾\n"
        )));
        assert_eq!(code, 1, "{out}");
        has(
            &out,
            &[
                &format!("content/bulletins/a.md:4:{col}: 错误[E020]: 找不到活动 `{written}`"),
                "= 提示: 是不是想写 安全生产月（safety-month）？",
            ],
        );
    }
    // A link written with the Chinese of a slug that is its pinyin.
    let f = site(&bulletin(&format!("{TITLE}{REST}slug: yibin-yuanqu\n")));
    f.write(
        "content/bulletins/b.md",
        "---\ntitle: 另一篇\ndate: 2022-12-11\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n详见[上一篇](/bulletins/宜宾园区/)。\n",
    );
    let r = run_lang(f.root(), &["check"], None);
    has(
        &r.stderr,
        &[
            "content/bulletins/b.md:7:9: 错误[E033]",
            "= 提示: 是不是想写 /bulletins/yibin-yuanqu/？",
        ],
    );
}

#[test]
fn each_new_code_is_explained_with_a_wrong_and_a_right_example() {
    let f = Fixture::empty();
    for (code, wrong) in [
        ("E045", "title：宜宾园区安全检查"),
        ("E046", "\u{3000}参与企业: 411"),
        ("E047", "tags: 【安全，宣传】"),
    ] {
        let r = run_lang(f.root(), &["explain", code], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(wrong), "{code}: {}", r.stdout);
    }
}

#[test]
fn a_region_typed_as_a_homophone_or_in_pinyin() {
    for (written, place, best) in [
        ("四川/宜滨", "宜滨", "宜宾"),
        ("sichuan/宜宾", "sichuan", "四川"),
        ("四穿省/宜宾", "四穿省", "四川"),
    ] {
        let (code, out) = check_zh(&bulletin(&format!(
            "{TITLE}date: 2022-12-10\ncampaign: ankang-cup\nregion: {written}\n"
        )));
        assert_eq!(code, 0, "{out}");
        has(
            &out,
            &[
                &format!("content/bulletins/a.md:5:9: 警告[W009]: 地名表里没有 `{place}` 这个地方"),
                &format!(
                    "= 提示: 是不是想写 {best}？如果 `{place}` 没有写错，请在 jianxun.yaml 的 regions: 下面登记它"
                ),
            ],
        );
    }
    // A place in no table that sounds like no known one is left alone.
    let (code, out) = check_zh(&bulletin(&format!(
        "{TITLE}date: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/某某园区\n"
    )));
    assert_eq!((code, out.contains("W009")), (0, false), "{out}");
}
