//! Drafts cannot leak: `new` writes a draft with marked prompts, a bulletin
//! carries a review status, an approved-only site publishes only what is
//! 已审, `list --status` shows what waits, and `build` says when the
//! example `base_url` is still there.

use crate::support::{Fixture, run_lang};

const NEW_BULLETIN: &str = "content/bulletins/2025/yibinyuanquanquanjiancha.md";

fn new_bulletin(f: &Fixture) {
    let r = run_lang(
        f.root(),
        &[
            "new",
            "bulletin",
            "宜宾园区安全检查",
            "--campaign",
            "ankang-cup",
            "--region",
            "四川/宜宾",
            "--date",
            "2025-06-12",
        ],
        Some("zh"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn an_untouched_new_bulletin_is_refused_once_it_is_no_longer_a_draft() {
    let f = Fixture::new();
    new_bulletin(&f);
    let text = f.read(NEW_BULLETIN);
    assert!(text.contains("\ndraft: true\n"), "{text}");
    // A draft: built without it, and `check` only warns about its prompts.
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!f.path("site/bulletins/yibinyuanquanquanjiancha").exists());
    let r = run_lang(f.root(), &["check"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("警告[W010]").count(), 2, "{}", r.stderr);
    let before = crate::support::snapshot(&f.path("site"));
    // No longer a draft, prompts untouched: refused, each prompt at its line.
    f.write(NEW_BULLETIN, &text.replace("draft: true\n", ""));
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let first = text
        .lines()
        .position(|l| l.starts_with("（请在此填写"))
        .unwrap();
    let at = |line: usize| {
        format!("{NEW_BULLETIN}:{line}:1: 错误[E049]: 这里还是新建简讯时留下的提示文字")
    };
    assert!(r.stderr.contains(&at(first)), "{}", r.stderr);
    assert!(r.stderr.contains(&at(first + 4)), "{}", r.stderr);
    assert!(r.stderr.contains("草稿不会发布"), "{}", r.stderr);
    assert_eq!(crate::support::snapshot(&f.path("site")), before);
    // Filled in: published.
    let done = text
        .replace("draft: true\n", "")
        .replace("（请在此填写导语：", "")
        .replace("（请在此填写", "")
        .replace('）', "");
    f.write(NEW_BULLETIN, &done);
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        f.path("site/bulletins/yibinyuanquanquanjiancha/index.html")
            .is_file()
    );
}

fn three_states(f: &Fixture) {
    f.bulletin(
        "a",
        "已审的简讯",
        "2025-03-01",
        "四川/宜宾",
        "status: 已审\n",
        "正文。",
    );
    f.bulletin(
        "b",
        "待审的简讯",
        "2025-03-02",
        "四川/宜宾",
        "status: 待审\n",
        "正文。",
    );
    f.bulletin(
        "c",
        "草稿简讯",
        "2025-03-03",
        "四川/宜宾",
        "status: 草稿\n",
        "正文。",
    );
    f.bulletin(
        "d",
        "没标状态的简讯",
        "2025-03-04",
        "四川/宜宾",
        "",
        "正文。",
    );
}

#[test]
fn an_approved_only_site_publishes_only_approved_bulletins() {
    let f = Fixture::new();
    three_states(&f);
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let published = |f: &Fixture| {
        ["a", "b", "c", "d"]
            .into_iter()
            .filter(|s| f.path(&format!("site/bulletins/{s}/index.html")).is_file())
            .collect::<Vec<_>>()
    };
    assert_eq!(published(&f), ["a", "b", "d"], "by default, all but drafts");
    f.write(
        "jianxun.yaml",
        &format!("{}publish: approved-only\n", crate::support::CONFIG),
    );
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(published(&f), ["a"]);
    let feed = f.read("site/feed.xml");
    assert!(
        feed.contains("已审的简讯") && !feed.contains("待审的简讯"),
        "{feed}"
    );
    assert!(!f.read("site/index.html").contains("没标状态的简讯"));
    // A published page carries no badge; a preview of the rest does.
    assert!(
        !f.read("site/bulletins/a/index.html")
            .contains("status-badge")
    );
    let r = run_lang(f.root(), &["build", "--drafts"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let b = f.read("site/bulletins/b/index.html");
    assert!(
        b.contains("class=\"status-badge\"") && b.contains("<strong>待审</strong>"),
        "{b}"
    );
    assert!(
        f.read("site/bulletins/c/index.html")
            .contains("<strong>草稿</strong>")
    );
    assert!(
        !f.read("site/bulletins/a/index.html")
            .contains("status-badge")
    );
    // A setting it does not know is an error at its line.
    f.write(
        "jianxun.yaml",
        &format!("{}publish: 审核后\n", crate::support::CONFIG),
    );
    let r = run_lang(f.root(), &["build"], Some("zh"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("错误[E052]: publish 只能写 approved-only"),
        "{}",
        r.stderr
    );
}

#[test]
fn status_and_draft_that_disagree_are_an_error_with_a_hint() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "标题",
        "2025-03-01",
        "全国",
        "draft: true\nstatus: 已审\n",
        "正文。",
    );
    f.bulletin(
        "b",
        "标题二",
        "2025-03-01",
        "全国",
        "status: 审完了\n",
        "正文。",
    );
    let r = run_lang(f.root(), &["check"], Some("zh"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/bulletins/a.md:7:9: 错误[E051]: `draft: true` 和 `status: 已审` 说的不一样"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("删去 draft 这一行"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/bulletins/b.md:6:9: 错误[E050]: status 只能写 草稿、待审 或 已审"),
        "{}",
        r.stderr
    );
}

#[test]
fn list_status_shows_what_waits_for_review() {
    let f = Fixture::new();
    three_states(&f);
    f.bulletin(
        "e",
        "另一篇待审",
        "2025-04-01",
        "全国",
        "status: 待审\n",
        "正文。",
    );
    let r = run_lang(f.root(), &["list", "--status", "待审"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "文件                    日期        状态  标题\n\
         content/bulletins/e.md  2025-04-01  待审  另一篇待审\n\
         content/bulletins/b.md  2025-03-02  待审  待审的简讯\n\
         共 2 篇。\n"
    );
    let r = run_lang(
        f.root(),
        &["list", "--status", "已审", "--format", "json"],
        Some("zh"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!([{"file": "content/bulletins/a.md", "title": "已审的简讯",
            "date": "2025-03-01", "status": "已审"}])
    );
    let all = run_lang(f.root(), &["list"], Some("zh"));
    assert!(
        all.stdout.contains("未标注  没标状态的简讯"),
        "{}",
        all.stdout
    );
    assert!(all.stdout.ends_with("共 5 篇。\n"), "{}", all.stdout);
    let r = run_lang(f.root(), &["list", "--status", "通过"], Some("zh"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("错误: 不认识的状态 `通过`"),
        "{}",
        r.stderr
    );
    let r = run_lang(f.root(), &["list", "--status", "review"], Some("en"));
    assert!(r.stdout.starts_with("File "), "{}", r.stdout);
    assert!(r.stdout.contains("in review"), "{}", r.stdout);
}

#[test]
fn build_warns_while_base_url_is_the_example_from_init() {
    let f = Fixture::empty();
    assert_eq!(run_lang(f.root(), &["init", "s"], Some("zh")).code, 0);
    let root = f.path("s");
    let r = run_lang(&root, &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "jianxun.yaml:3:11: 警告[W011]: jianxun.yaml 里的 base_url 还是 init 写的示例网址"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("base_url: /"), "{}", r.stderr);
    let r = run_lang(
        &root,
        &["build", "--base-url", "https://jx.example.cn/"],
        Some("zh"),
    );
    assert!(!r.stderr.contains("W011"), "{}", r.stderr);
    let cfg = std::fs::read_to_string(root.join("jianxun.yaml")).unwrap();
    let fixed = cfg.replace("https://example.org/", "https://jx.example.cn/");
    std::fs::write(root.join("jianxun.yaml"), fixed).unwrap();
    let r = run_lang(&root, &["build"], Some("zh"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("W011"), "{}", r.stderr);
}
