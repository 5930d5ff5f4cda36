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
        r.stderr.contains("  = 提示: 日期请写成 2024-03-11"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with("1 个错误，0 个警告。\n"), "{}", r.stderr);
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
        r.stderr.contains("  = hint: write the date as 2024-03-11"),
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
