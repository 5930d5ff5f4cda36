//! Chinese by default, English on request: `check` in each language (by
//! `JIANXUN_LANG` and by `language:`), `explain`, and `--help`.

use crate::support::{Fixture, run_lang};

/// A site with one bulletin dated on a day that does not exist.
fn bad_date(config_extra: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        &format!("{}{config_extra}", crate::support::CONFIG),
    );
    f.bulletin("a", "宜宾园区检查", "2024-02-30", "四川/宜宾", "", "正文。");
    f
}

#[test]
fn check_speaks_chinese_by_default() {
    let f = bad_date("");
    let r = run_lang(f.root(), &["check"], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/bulletins/a.md:3:7: 错误[E012]: 日期 `2024-02-30` 不存在：2024年2月只有 29 天\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("  = 提示: 改成最接近的真实日期：2024-02-29"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with("1 个错误，没有警告。\n"), "{}", r.stderr);
}

#[test]
fn check_speaks_english_when_asked() {
    let f = bad_date("");
    let r = run_lang(f.root(), &["check"], Some("en"));
    assert!(
        r.stderr.starts_with(
            "content/bulletins/a.md:3:7: error[E012]: `2024-02-30` is not a real date: 2024年2月 has 29 days\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("  = hint: write the nearest real date: 2024-02-29"),
        "{}",
        r.stderr
    );
    // The site's language: en does the same; JIANXUN_LANG wins over it.
    let f = bad_date("language: en\n");
    let r = run_lang(f.root(), &["check"], None);
    assert!(
        r.stderr
            .contains(": error[E012]: `2024-02-30` is not a real date"),
        "{}",
        r.stderr
    );
    let r = run_lang(f.root(), &["check"], Some("zh"));
    assert!(
        r.stderr.contains(": 错误[E012]: 日期 `2024-02-30` 不存在"),
        "{}",
        r.stderr
    );
    // Even when jianxun.yaml itself has errors.
    f.write("jianxun.yaml", "title: t\nlanguage: en\npaginate: 0\n");
    let r = run_lang(f.root(), &["check"], None);
    assert!(
        r.stderr
            .contains("error[E028]: paginate must be at least 1"),
        "{}",
        r.stderr
    );
}

#[test]
fn json_keeps_the_code_and_the_name() {
    let f = bad_date("");
    let r = run_lang(f.root(), &["check", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).expect("one JSON line");
    assert_eq!(
        (&v["code"], &v["name"]),
        (&"E012".into(), &"date-invalid".into())
    );
    assert_eq!(
        v["message"],
        "日期 `2024-02-30` 不存在：2024年2月只有 29 天"
    );
}

#[test]
fn explain_prints_both_examples_and_refuses_unknown_codes() {
    let f = Fixture::empty();
    let r = run_lang(f.root(), &["explain", "E012"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("E012 (date-invalid)\n\n日期写错了"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("错误的写法：\n    date: 2024-13-01"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("正确的写法：\n    date: 2024-12-01"),
        "{}",
        r.stdout
    );
    let r = run_lang(f.root(), &["explain", "w003"], Some("en"));
    assert!(
        r.stdout.starts_with("W003 (metric-outlier)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Wrong:\n    参与企业: 4110万"),
        "{}",
        r.stdout
    );
    let r = run_lang(f.root(), &["explain", "daet-invalid"], None);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "错误: 没有错误代码 `daet-invalid`\n  = 提示: 是不是想查 date-invalid？\n"
    );
    let r = run_lang(f.root(), &["explain", "E12"], None);
    assert!(r.stdout.starts_with("E012 (date-invalid)"), "{}", r.stdout);
    let r = run_lang(f.root(), &["explain", "date-invalid"], None);
    assert!(r.stdout.starts_with("E012 (date-invalid)"), "{}", r.stdout);
}

#[test]
fn help_is_chinese_and_english_on_request() {
    let f = Fixture::empty();
    let r = run_lang(f.root(), &["--help"], None);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("jianxun（简讯）：把 Markdown 写的活动简讯生成网站。\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("用法： jianxun <命令>"), "{}", r.stdout);
    assert!(
        r.stdout.contains("  check    检查整个网站，不写任何文件"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  explain  详细解释一个错误代码"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("-h, --help     显示帮助"), "{}", r.stdout);
    let r = run_lang(f.root(), &["build", "--help"], None);
    assert!(
        r.stdout
            .starts_with("生成网站，写到输出文件夹（默认 site/）\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "      --root <文件夹>    网站文件夹（放 jianxun.yaml 的文件夹；默认是当前文件夹）"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("示例：\n  jianxun build --root 我的网站"),
        "{}",
        r.stdout
    );
    for english in ["Usage:", "Options:", "Print help", "[default:", "Examples:"] {
        assert!(!r.stdout.contains(english), "{english}: {}", r.stdout);
    }
    let r = run_lang(f.root(), &["build", "--help"], Some("en"));
    assert!(
        r.stdout
            .starts_with("Build the site into the output folder"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Usage: jianxun build [OPTIONS]"),
        "{}",
        r.stdout
    );
    // A site that says language: en gets English help too.
    f.write("jianxun.yaml", "title: t\nlanguage: en\n");
    let r = run_lang(f.root(), &["check", "--help"], None);
    assert!(r.stdout.starts_with("Check the whole site"), "{}", r.stdout);
}

#[test]
fn argument_mistakes_are_explained_in_chinese() {
    let f = Fixture::empty();
    let r = run_lang(f.root(), &["buidl"], None);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "错误: 没有 `buidl` 这个命令\n  = 提示: 是不是想写 build？\n"
    );
    let r = run_lang(f.root(), &["check", "--format", "xml"], None);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "错误: `xml` 不能用作 --format <格式>\n  = 提示: 可以写：text, json\n"
    );
    let r = run_lang(f.root(), &["buidl"], Some("en"));
    assert_eq!(
        r.stderr,
        "error: there is no command `buidl`\n  = hint: did you mean build?\n"
    );
}
