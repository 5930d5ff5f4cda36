//! Editor tooling: `init` makes a site that builds at once, `new` adds
//! bulletins and campaigns without ever overwriting, and every command has
//! help with an example.

use crate::support::{Fixture, run_in};

#[test]
fn init_then_new_bulletin_then_build() {
    let f = Fixture::empty();
    let r = f.run(&["init", "site-root"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = f.path("site-root");
    for file in [
        "jianxun.yaml",
        "content/campaigns/ankang-cup.md",
        ".gitignore",
        "docs/编辑指南.md",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert!(
        !root.join("themes").exists(),
        "the default theme is built in"
    );
    let r = run_in(
        &root,
        &[
            "new",
            "bulletin",
            "厦门安全生产月应急演练",
            "--campaign",
            "安康杯竞赛",
            "--region",
            "福建/厦门",
            "--date",
            "2025-06-12",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rel = "content/bulletins/2025/xiamen-anquanshengchanyueyingjiyanlian.md";
    assert!(r.stdout.contains(&format!("Created {rel}")), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("http://127.0.0.1:1111/bulletins/xiamen-anquanshengchanyueyingjiyanlian/"),
        "{}",
        r.stdout
    );
    let text = std::fs::read_to_string(root.join(rel)).expect("new bulletin");
    assert!(text.contains("campaign: ankang-cup\n"), "{text}");
    assert!(text.contains("date: 2025-06-12\n"), "{text}");
    assert!(
        text.contains("#  参与企业:"),
        "the metrics are listed: {text}"
    );
    // A draft until it is written: filled in and no longer a draft, it is published.
    assert!(text.contains("\ndraft: true\n"), "{text}");
    let written = text
        .replace("draft: true\n", "")
        .replace("（请在此填写", "")
        .replace('）', "");
    std::fs::write(root.join(rel), written).expect("write");
    let r = run_in(&root, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(
        root.join("site/bulletins/xiamen-anquanshengchanyueyingjiyanlian/index.html"),
    )
    .expect("the new bulletin's page");
    assert!(page.contains("厦门安全生产月应急演练"));
    let r = run_in(&root, &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn new_bulletin_defaults_to_today_in_china_and_never_overwrites() {
    let f = Fixture::new();
    let args = [
        "new",
        "bulletin",
        "宜宾园区安全检查",
        "--campaign",
        "ankang-cup",
        "--region",
        "四川 / 宜宾",
    ];
    let r = f.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .date();
    let rel = format!(
        "content/bulletins/{}/yibinyuanquanquanjiancha.md",
        today.year()
    );
    let text = f.read(&rel);
    assert!(text.contains(&format!("date: {today}\n")), "{text}");
    assert!(text.contains("region: 四川/宜宾\n"), "{text}");
    f.write(&rel, "我的草稿");
    let again = f.run(&args);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(f.read(&rel), "我的草稿", "never overwritten");
}

#[test]
fn new_bulletin_with_an_unknown_campaign_says_did_you_mean() {
    let f = Fixture::new();
    let r = f.run(&[
        "new",
        "bulletin",
        "标题",
        "--campaign",
        "安康杯",
        "--region",
        "四川",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown campaign `安康杯`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean 安康杯竞赛 (ankang-cup)?"),
        "{}",
        r.stderr
    );
    assert!(!f.path("content/bulletins").exists());
    let r = f.run(&[
        "new",
        "bulletin",
        "标题",
        "--campaign",
        "ankang-cup",
        "--region",
        "四川",
        "--date",
        "2025-13-01",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn new_campaign() {
    let f = Fixture::new();
    let r = f.run(&["new", "campaign", "song-wennuan", "--name", "送温暖行动"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("http://127.0.0.1:1111/campaigns/song-wennuan/"),
        "{}",
        r.stdout
    );
    assert!(
        f.read("content/campaigns/song-wennuan.md")
            .contains("name: 送温暖行动\n")
    );
    let r = f.run(&[
        "new",
        "bulletin",
        "送温暖",
        "--campaign",
        "送温暖行动",
        "--region",
        "全国",
        "--date",
        "2025-01-20",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        f.read("content/bulletins/2025/songwennuan.md")
            .contains("campaign: song-wennuan\n")
    );
    let again = f.run(&["new", "campaign", "song-wennuan", "--name", "另一个"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    let bad = f.run(&["new", "campaign", "Song Wennuan", "--name", "送温暖"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("did you mean song-wennuan?"),
        "{}",
        bad.stderr
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_force_only_adds() {
    let f = Fixture::empty();
    f.write("notes.txt", "我的笔记");
    f.write("jianxun.yaml", crate::support::CONFIG);
    let r = f.run(&["init"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    assert!(!f.path("content").exists());
    let r = f.run(&["init", ".", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("kept     jianxun.yaml"), "{}", r.stdout);
    assert_eq!(
        f.read("jianxun.yaml"),
        crate::support::CONFIG,
        "never overwritten"
    );
    assert_eq!(f.read("notes.txt"), "我的笔记");
    assert!(f.path("content/campaigns/ankang-cup.md").is_file());
    // Run twice: everything is kept.
    let r = f.run(&["init", ".", "--force"]);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains("created"), "{}", r.stdout);
}

#[test]
fn every_command_has_help_with_an_example_and_there_is_a_version() {
    let f = Fixture::empty();
    for cmd in [
        vec!["build"],
        vec!["serve"],
        vec!["check"],
        vec!["stats"],
        vec!["init"],
        vec!["new"],
        vec!["new", "bulletin"],
        vec!["new", "campaign"],
        vec!["list"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let r = f.run(&args);
        assert_eq!(r.code, 0, "{cmd:?}: {}", r.stderr);
        assert!(r.stdout.contains("Example"), "{cmd:?}:\n{}", r.stdout);
        assert!(r.stdout.contains("jianxun "), "{cmd:?}:\n{}", r.stdout);
    }
    let r = f.run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim(),
        format!("jianxun {}", env!("CARGO_PKG_VERSION"))
    );
    // Usage errors exit 2.
    assert_eq!(f.run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(f.run(&["nonsense"]).code, 2);
}
