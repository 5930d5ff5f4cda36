//! Writing the output folder: refusals, manifest, unchanged files, removals, determinism.

use std::time::{Duration, SystemTime};

use crate::support::{Fixture, repo, run_in, snapshot};

/// Two bulletins in two provinces, one tagged.
pub(crate) fn site() -> Fixture {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "tags: [园区]\n",
        "正文一。",
    );
    f.bulletin(
        "b",
        "厦门节日安全",
        "2026-01-12",
        "福建/厦门",
        "",
        "正文二。",
    );
    f
}

#[test]
fn output_dir_that_is_the_site_root_is_refused() {
    let f = site();
    let before = snapshot(f.root());
    for args in [
        &["build", "--output", "."][..],
        &["build", "--output", ".", "--force"][..],
    ] {
        let r = f.run(args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr.contains("the output folder is the site root"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(snapshot(f.root()), before, "nothing written or deleted");
}

#[test]
fn output_dir_holding_a_site_or_the_root_is_refused() {
    let f = site();
    f.write("other/content/keep.md", "mine");
    let r = f.run(&["build", "--output", "other"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("holds `content`"), "{}", r.stderr);
    let parent = f.root().parent().unwrap().to_str().unwrap().to_string();
    let r = f.run(&["build", "--output", &parent]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("contains the site root"), "{}", r.stderr);
    assert_eq!(f.read("other/content/keep.md"), "mine");
}

#[test]
fn foreign_files_are_refused_unless_forced_and_never_deleted() {
    let f = site();
    f.write("site/notes.txt", "not jianxun's");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    assert!(!f.path("site/index.html").exists(), "nothing written");
    let r = f.run(&["build", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(f.path("site/index.html").exists());
    assert_eq!(f.read("site/notes.txt"), "not jianxun's");
    // A later build without --force still refuses: the file is still not ours.
    assert_eq!(f.run(&["build"]).code, 1);
}

#[test]
fn unchanged_files_keep_their_mtime_and_stale_files_are_removed() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    let a = f.path("site/tags/yuanqu/index.html");
    let old = SystemTime::now() - Duration::from_secs(3600);
    crate::support::set_mtime(&a, old);
    std::fs::remove_file(f.path("content/bulletins/b.md")).unwrap();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::metadata(&a).unwrap().modified().unwrap(),
        old,
        "unchanged page not rewritten"
    );
    assert!(
        !f.path("site/bulletins/b").exists(),
        "page of the deleted bulletin removed with its folder"
    );
    assert!(!f.path("site/regions/fujian").exists());
    assert!(f.path("site/regions/sichuan/yibin/index.html").exists());
}

#[test]
fn same_input_gives_byte_identical_output() {
    let out1 = Fixture::empty();
    let out2 = Fixture::empty();
    for out in [&out1, &out2] {
        let r = run_in(
            &repo(),
            &["build", "--output", out.path("site").to_str().unwrap()],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let (a, b) = (snapshot(&out1.path("site")), snapshot(&out2.path("site")));
    assert!(a.len() > 50);
    assert_eq!(a, b);
}

#[test]
fn usage_errors_exit_2() {
    let f = site();
    assert_eq!(f.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(f.run(&["frobnicate"]).code, 2);
}

#[test]
fn missing_config_is_a_clear_error() {
    let f = Fixture::empty();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no jianxun.yaml"), "{}", r.stderr);
}
