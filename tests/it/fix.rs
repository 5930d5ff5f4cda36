//! `jianxun check --fix` mends the mechanical slips in place and changes no
//! other byte (issue 11, item 3): full-width colons after keys, full-width
//! spaces and tabs in indentation, lists in full-width brackets, region
//! spellings, and dates only with `--fix-dates`; CRLF and a BOM are kept;
//! `--dry-run` writes nothing; a file that would still not read is left alone.

use crate::support::{Fixture, run_lang};

/// A bulletin saved by a Windows editor (BOM, CRLF) with every mechanical
/// slip, and lines that must stay as they are (a colon in the body and in a
/// `|` block, a comment, trailing spaces, a region comment).
const SLIPPED: &str = "\u{feff}---\r\ntitle：宜宾园区安全检查\r\ndate: 2025年3月5日 09:30 # 原稿日期\r\ncampaign:\u{3000}ankang-cup\r\nregion: 四川省宜宾市\r\nmetrics:\r\n\u{3000}参与企业：411\r\n\t参与职工: 12万余\r\ntags: 【安全，宣传】\r\nsummary: |\r\n  时间：上午  \r\n---\r\n正文：title：不改。\u{3000}\r\n\r\n第二段\r\n";

/// The same file after `check --fix --fix-dates`.
const MENDED: &str = "\u{feff}---\r\ntitle: 宜宾园区安全检查\r\ndate: 2025-03-05 09:30 # 原稿日期\r\ncampaign: ankang-cup\r\nregion: 四川/宜宾\r\nmetrics:\r\n  参与企业: 411\r\n  参与职工: 12万余\r\ntags: [安全, 宣传]\r\nsummary: |\r\n  时间：上午  \r\n---\r\n正文：title：不改。\u{3000}\r\n\r\n第二段\r\n";

const FILE: &str = "content/bulletins/a.md";

fn site() -> Fixture {
    let f = Fixture::new();
    f.write(FILE, SLIPPED);
    f
}

fn bytes(f: &Fixture) -> Vec<u8> {
    std::fs::read(f.path(FILE)).expect("read")
}

#[test]
fn fix_mends_every_mechanical_slip_and_nothing_else() {
    let f = site();
    let before = run_lang(f.root(), &["check"], None);
    assert_eq!(before.code, 1, "{}", before.stderr);
    let r = run_lang(f.root(), &["check", "--fix", "--fix-dates"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(String::from_utf8(bytes(&f)).unwrap(), MENDED);
    for shown in [
        "content/bulletins/a.md:2: 全角冒号 `：` 改成半角冒号 `:`\n- title：宜宾园区安全检查\n+ title: 宜宾园区安全检查\n",
        "content/bulletins/a.md:3: 日期改成标准写法\n- date: 2025年3月5日 09:30 # 原稿日期\n+ date: 2025-03-05 09:30 # 原稿日期\n",
        "content/bulletins/a.md:5: 地区改成标准写法\n- region: 四川省宜宾市\n+ region: 四川/宜宾\n",
        "content/bulletins/a.md:7: 行首的全角空格改成半角空格；全角冒号 `：` 改成半角冒号 `:`\n- \u{3000}参与企业：411\n+   参与企业: 411\n",
        "content/bulletins/a.md:8: 行首的 Tab 改成半角空格\n- \\t参与职工: 12万余\n+   参与职工: 12万余\n",
        "content/bulletins/a.md:9: 全角括号里的列表改成 `[甲, 乙]` 的写法\n- tags: 【安全，宣传】\n+ tags: [安全, 宣传]\n",
        "content/bulletins/a.md:4: 冒号后面的全角空格改成半角空格\n- campaign:\u{3000}ankang-cup\n+ campaign: ankang-cup\n",
        "已改正 1 个文件，共 7 处。",
        "没有发现问题。",
    ] {
        assert!(
            r.stderr.contains(shown),
            "missing {shown:?} in:\n{}",
            r.stderr
        );
    }
    // It builds, and a second run has nothing left to do.
    assert_eq!(f.run(&["build"]).code, 0);
    let again = run_lang(f.root(), &["check", "--fix", "--fix-dates"], None);
    assert!(
        again.stderr.contains("没有可以自动改正的地方。"),
        "{}",
        again.stderr
    );
    assert_eq!(String::from_utf8(bytes(&f)).unwrap(), MENDED);
}

#[test]
fn dates_change_only_when_asked() {
    let f = site();
    let r = run_lang(f.root(), &["check", "--fix"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = MENDED.replace("date: 2025-03-05 09:30", "date: 2025年3月5日 09:30");
    assert_eq!(String::from_utf8(bytes(&f)).unwrap(), expected);
    assert!(
        r.stderr.contains("已改正 1 个文件，共 6 处。"),
        "{}",
        r.stderr
    );
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let f = site();
    let r = run_lang(
        f.root(),
        &["check", "--fix", "--fix-dates", "--dry-run"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(bytes(&f), SLIPPED.as_bytes());
    assert!(
        r.stderr
            .contains("- title：宜宾园区安全检查\n+ title: 宜宾园区安全检查\n")
    );
    assert!(
        r.stderr
            .contains("可以改正 1 个文件，共 7 处；这次只是预览，没有改动任何文件")
    );
    let en = run_lang(f.root(), &["check", "--fix", "--dry-run"], Some("en"));
    assert!(
        en.stderr
            .contains("content/bulletins/a.md:2: full-width colon `：` made a half-width `:`"),
        "{}",
        en.stderr
    );
    assert_eq!(bytes(&f), SLIPPED.as_bytes());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(f.path("content/bulletins"))
        .unwrap()
        .collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn a_file_that_would_still_not_read_is_left_untouched() {
    let f = Fixture::new();
    // The colon can be mended, the unclosed list cannot.
    let broken = "---\r\ntitle：宜宾园区安全检查\r\ndate: 2022-12-10\r\ncampaign: ankang-cup\r\nregion: 四川/宜宾\r\ntags: [园区\r\n---\r\n正文。\r\n";
    f.write(FILE, broken);
    let r = run_lang(f.root(), &["check", "--fix"], None);
    assert_eq!(r.code, 1);
    assert_eq!(f.read(FILE), broken);
    assert!(
        r.stderr
            .contains("content/bulletins/a.md：改正以后这个文件仍然有错误，为了安全没有改动它"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("没有可以自动改正的地方。"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("错误[E045]"), "{}", r.stderr);
}

#[test]
fn the_options_have_chinese_help_and_need_fix() {
    let f = Fixture::new();
    let r = run_lang(f.root(), &["check", "--help"], None);
    for w in [
        "--fix ",
        "--fix-dates",
        "--dry-run",
        "只显示会做哪些改动，不修改文件",
    ] {
        assert!(r.stdout.contains(w), "{w}: {}", r.stdout);
    }
    let r = run_lang(f.root(), &["check", "--help"], Some("en"));
    assert!(
        r.stdout
            .contains("with --fix: only show the changes, write nothing"),
        "{}",
        r.stdout
    );
    let r = run_lang(f.root(), &["check", "--dry-run"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn the_site_configuration_is_mended_too() {
    let f = Fixture::new();
    let slipped = "title：测试简讯\r\nbase_url: https://example.org/\r\nmetrics:\r\n\u{3000}参与企业: { unit: 家, aggregate: sum }\r\n";
    f.write("jianxun.yaml", slipped);
    f.write(FILE, "---\ntitle：宜宾园区安全检查\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文。\n");
    let before = run_lang(f.root(), &["check"], None);
    assert!(
        before.stderr.contains("jianxun.yaml:1:6: 错误[E045]"),
        "{}",
        before.stderr
    );
    let r = run_lang(f.root(), &["check", "--fix"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        f.read("jianxun.yaml"),
        "title: 测试简讯\r\nbase_url: https://example.org/\r\nmetrics:\r\n  参与企业: { unit: 家, aggregate: sum }\r\n"
    );
    // With the configuration mended, the bulletins are mended in the same run.
    assert!(f.read(FILE).starts_with("---\ntitle: 宜宾园区安全检查\n"));
    assert!(
        r.stderr.contains("已改正 2 个文件，共 3 处。"),
        "{}",
        r.stderr
    );
}
