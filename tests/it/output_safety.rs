//! The output folder is never mixed and nothing outside it is touched: a
//! hostile manifest, a build killed during its commit, a staging folder
//! holding someone's files, an output folder inside the sources, a full disk.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::{Fixture, snapshot};

fn site() -> Fixture {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "tags: [园区]\nmetrics:\n  参与企业: 411\n",
        "正文一。",
    );
    f.bulletin(
        "b",
        "厦门节日安全",
        "2026-01-12",
        "福建/厦门",
        "tags: [节日]\n",
        "正文二。",
    );
    f
}

/// Runs the binary with extra environment variables.
fn run_env(f: &Fixture, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jianxun"))
        .args(args)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env("JIANXUN_LANG", "en")
        .envs(env.iter().copied())
        .output()
        .expect("run jianxun");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Edits that change, add and remove pages, so a commit has work of every kind.
fn edit_to_v2(f: &Fixture) {
    f.bulletin(
        "a",
        "宜宾园区安全检查（更新）",
        "2022-12-10",
        "四川/宜宾",
        "tags: [园区, 隐患排查]\nmetrics:\n  参与企业: 500\n",
        "正文一，改过了。",
    );
    std::fs::remove_file(f.path("content/bulletins/b.md")).unwrap();
    f.bulletin("c", "荣成新简讯", "2025-03-05", "山东/荣成", "", "正文三。");
}

fn leftovers(f: &Fixture) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("jianxun-staging"))
        .collect();
    if f.path("site/.jianxun-staging").exists() {
        found.push("site/.jianxun-staging".into());
    }
    found
}

#[test]
fn a_manifest_naming_files_outside_the_output_deletes_nothing() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    f.write("victim.txt", "keep me");
    f.write("content/bulletins/keep.txt", "keep me too");
    let victim_abs = f.path("victim.txt");
    for (line, force) in [
        ("../victim.txt", false),
        ("../content/bulletins/keep.txt", true),
        (victim_abs.to_str().unwrap(), false),
        (victim_abs.to_str().unwrap(), true),
    ] {
        let manifest = format!("# Files written by jianxun\nindex.html\n{line}\n");
        f.write("site/.jianxun-manifest", &manifest);
        let before = snapshot(&f.path("site"));
        let args: &[&str] = if force {
            &["build", "--force"]
        } else {
            &["build"]
        };
        let r = f.run(args);
        assert_eq!(r.code, 1, "{line}: {}", r.stderr);
        assert!(
            r.stderr.contains("site/.jianxun-manifest:3:1")
                && r.stderr.contains("not a path inside the output folder"),
            "{}",
            r.stderr
        );
        assert_eq!(f.read("victim.txt"), "keep me");
        assert_eq!(f.read("content/bulletins/keep.txt"), "keep me too");
        assert_eq!(snapshot(&f.path("site")), before, "output untouched");
    }
}

fn v1_and_v2(f: &Fixture) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    // Build v2 once elsewhere to know what the new site looks like.
    let g = Fixture::empty();
    copy_tree(f.root(), g.root());
    std::fs::remove_dir_all(g.path("site")).ok();
    edit_to_v2(&g);
    assert_eq!(g.run(&["build"]).code, 0);
    (snapshot(&f.path("site")), snapshot(&g.path("site")))
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Kills the build at every file operation of its commit in turn; checks
/// what a reader of the output folder sees, and that the next build mends it.
fn kill_during_commit(env: &[(&str, &str)], always_whole: bool) -> usize {
    let mut killed = 0;
    let (v1, v2) = {
        let f = site();
        assert_eq!(f.run(&["build"]).code, 0);
        v1_and_v2(&f)
    };
    assert_ne!(v1, v2);
    for step in 1.. {
        let f = site();
        assert_eq!(f.run(&["build"]).code, 0);
        edit_to_v2(&f);
        let step_s = step.to_string();
        let mut vars = env.to_vec();
        vars.push(("JIANXUN_TEST_KILL_AT_STEP", &step_s));
        let (code, stderr) = run_env(&f, &["build"], &vars);
        if code == Some(0) {
            assert_eq!(snapshot(&f.path("site")), v2);
            assert!(leftovers(&f).is_empty(), "{:?}", leftovers(&f));
            break;
        }
        assert_eq!(code, None, "killed by a signal at step {step}: {stderr}");
        killed += 1;
        let now = snapshot(&f.path("site"));
        if always_whole {
            assert!(
                now == v1 || now == v2,
                "step {step}: the output folder is a mix of two builds"
            );
        }
        let r = f.run(&["build"]);
        assert_eq!(r.code, 0, "step {step}: the next build runs: {}", r.stderr);
        assert_eq!(snapshot(&f.path("site")), v2, "step {step}");
        assert!(leftovers(&f).is_empty(), "step {step}: {:?}", leftovers(&f));
        assert!(step < 500, "the commit never finished");
    }
    killed
}

#[test]
fn a_build_killed_during_its_commit_leaves_the_old_or_the_new_site() {
    let killed = kill_during_commit(&[], true);
    eprintln!("killed at {killed} points");
    assert!(killed >= 20, "only {killed} points tried");
}

#[test]
fn a_journaled_commit_killed_midway_is_finished_by_the_next_build() {
    // The way taken when the output folder is a mount point.
    let killed = kill_during_commit(&[("JIANXUN_TEST_STAGE_INSIDE", "1")], false);
    assert!(killed >= 10, "only {killed} points tried");
}

#[test]
fn a_staging_folder_holding_someone_elses_files_is_not_deleted() {
    let f = site();
    f.write(".site.jianxun-staging/mine.txt", "my notes");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("jianxun did not write") && r.stderr.contains("mine.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(f.read(".site.jianxun-staging/mine.txt"), "my notes");
    assert!(!f.path("site").exists());
}

#[test]
fn forced_builds_keep_foreign_files_and_a_git_folder_across_the_swap() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    f.write("site/.git/HEAD", "ref: refs/heads/main\n");
    std::fs::create_dir_all(f.path("site/.git/refs/tags")).unwrap();
    assert_eq!(f.run(&["build"]).code, 0, "a .git folder is not foreign");
    assert_eq!(f.read("site/.git/HEAD"), "ref: refs/heads/main\n");
    assert!(f.path("site/.git/refs/tags").is_dir());
    f.write("site/CNAME", "bulletins.example.org\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("CNAME", f.path("site/cname-link")).unwrap();
    edit_to_v2(&f);
    let r = f.run(&["build", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(f.read("site/CNAME"), "bulletins.example.org\n");
    #[cfg(unix)]
    assert_eq!(
        std::fs::read_link(f.path("site/cname-link")).unwrap(),
        Path::new("CNAME")
    );
    assert!(f.path("site/bulletins/c/index.html").exists());
    assert!(!f.path("site/bulletins/b").exists());
    assert!(leftovers(&f).is_empty(), "{:?}", leftovers(&f));
}

#[test]
fn an_output_folder_inside_the_sources_is_refused() {
    let f = site();
    for out in [
        "content/site",
        "content/bulletins/out",
        "static/site",
        "templates/x",
    ] {
        let before = snapshot(f.root());
        let r = f.run(&["build", "--output", out]);
        assert_eq!(r.code, 1, "{out}: {}", r.stderr);
        assert!(r.stderr.contains("is inside the site's"), "{}", r.stderr);
        assert_eq!(snapshot(f.root()), before, "{out}: nothing written");
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_one_error_and_leaves_the_output_as_it_was() {
    let f = site();
    assert_eq!(f.run(&["build"]).code, 0);
    let before = snapshot(&f.path("site"));
    edit_to_v2(&f);
    // A file-size limit makes every larger write fail, as a full disk does.
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" build")
        .arg(env!("CARGO_BIN_EXE_jianxun"))
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env("JIANXUN_LANG", "en")
        .output()
        .expect("run jianxun");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let errors = stderr.matches("error[").count();
    assert_eq!(errors, 1, "one error, not one per file: {stderr}");
    assert!(stderr.contains("more file(s) were not written"), "{stderr}");
    assert_eq!(snapshot(&f.path("site")), before);
    assert!(leftovers(&f).is_empty(), "{:?}", leftovers(&f));
}
