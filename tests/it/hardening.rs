//! Hostile or unlucky input fed through the real binary: symbolic links
//! that leave the site, loop or point nowhere; slugs no file system can
//! hold; tags without a slug; file names with control characters; files
//! in UTF-16. Each is reported at its place, never silently dropped, and
//! nothing outside the site root is read or published.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fixture, Run, snapshot};

const GOOD: &str = "---\ntitle: 宜宾园区安全检查\ndate: 2022-12-10\ncampaign: ankang-cup\nregion: 四川/宜宾\nmetrics:\n  参与企业: 411\n---\n正文。\n";

/// A site with one good bulletin.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write("content/bulletins/good.md", GOOD);
    f
}

/// Runs the binary, killing it (and failing) after `limit`.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianxun"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("JIANXUN_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jianxun");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("jianxun {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The JSON diagnostics of `check`, as (file, line, code).
fn json_diags(f: &Fixture) -> Vec<(String, Option<u64>, String)> {
    let r = f.run(&["check", "--format", "json"]);
    r.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            (
                v["file"].as_str().unwrap_or_default().to_string(),
                v["line"].as_u64(),
                v["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn has(diags: &[(String, Option<u64>, String)], file: &str, code: &str) -> bool {
    diags.iter().any(|(f, _, c)| f == file && c == code)
}

#[cfg(unix)]
mod symlinks {
    use std::os::unix::fs::symlink;

    use super::*;

    /// A folder outside the site with a secret in it.
    fn outside() -> tempfile::TempDir {
        let d = tempfile::tempdir().expect("temp dir");
        std::fs::write(d.path().join("secret.png"), "SECRET-FIRST-LINE\nmore\n").expect("write");
        std::fs::create_dir(d.path().join("sub")).expect("mkdir");
        std::fs::write(d.path().join("sub/inner.txt"), "SECRET-INNER").expect("write");
        d
    }

    fn no_secret_in(f: &Fixture) {
        for (path, bytes) in snapshot(&f.path("site")) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("SECRET"),
                "{path} was published from outside the site"
            );
        }
    }

    #[test]
    fn a_static_folder_linked_outside_is_refused() {
        let f = site();
        let out = outside();
        std::fs::create_dir_all(f.path("static")).expect("mkdir");
        symlink(out.path(), f.path("static/etc")).expect("symlink");
        let r = f.run(&["build"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("static/etc: error["), "{}", r.stderr);
        assert!(!r.stderr.contains("SECRET"), "{}", r.stderr);
        no_secret_in(&f);
        assert!(has(&json_diags(&f), "static/etc", "symlink-outside"));
    }

    #[test]
    fn the_static_folder_itself_linked_outside_is_refused() {
        let f = site();
        let out = outside();
        symlink(out.path(), f.path("static")).expect("symlink");
        assert!(has(&json_diags(&f), "static", "symlink-outside"));
        assert_eq!(f.run(&["build"]).code, 1);
        no_secret_in(&f);
    }

    #[test]
    fn an_image_beside_a_bulletin_linked_outside_is_refused() {
        let f = site();
        let out = outside();
        symlink(
            out.path().join("secret.png"),
            f.path("content/bulletins/photo.png"),
        )
        .expect("symlink");
        let r = f.run(&["build"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        no_secret_in(&f);
        assert!(!f.path("site/bulletins/photo.png").exists());
        assert!(has(
            &json_diags(&f),
            "content/bulletins/photo.png",
            "symlink-outside"
        ));
    }

    #[test]
    fn a_markdown_file_linked_outside_is_not_read() {
        let f = site();
        let out = outside();
        symlink(
            out.path().join("secret.png"),
            f.path("content/bulletins/secret.md"),
        )
        .expect("symlink");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("content/bulletins/secret.md: error["),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("SECRET"), "{}", r.stderr);
        assert!(has(
            &json_diags(&f),
            "content/bulletins/secret.md",
            "symlink-outside"
        ));
    }

    #[test]
    fn templates_and_theme_files_linked_outside_are_refused() {
        let f = site();
        let out = outside();
        std::fs::create_dir_all(f.path("templates")).expect("mkdir");
        symlink(
            out.path().join("secret.png"),
            f.path("templates/bulletin.html"),
        )
        .expect("symlink");
        f.write("themes/mine/templates/base.html", "x");
        f.write(
            "jianxun.yaml",
            &format!("{}theme: mine\n", crate::support::CONFIG),
        );
        symlink(out.path(), f.path("themes/mine/static")).expect("symlink");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(!r.stderr.contains("SECRET"), "{}", r.stderr);
        let d = json_diags(&f);
        assert!(
            has(&d, "templates/bulletin.html", "symlink-outside"),
            "{d:?}"
        );
        assert!(has(&d, "themes/mine/static", "symlink-outside"), "{d:?}");
    }

    #[test]
    fn a_config_file_linked_outside_is_not_read() {
        let f = site();
        let out = outside();
        std::fs::remove_file(f.path("jianxun.yaml")).expect("rm");
        symlink(out.path().join("secret.png"), f.path("jianxun.yaml")).expect("symlink");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(!r.stderr.contains("SECRET"), "{}", r.stderr);
        assert!(has(&json_diags(&f), "jianxun.yaml", "symlink-outside"));
    }

    #[test]
    fn a_link_to_the_file_system_root_is_refused_at_once() {
        let f = site();
        std::fs::create_dir_all(f.path("static")).expect("mkdir");
        symlink("/", f.path("static/root")).expect("symlink");
        let r = run_within(f.root(), &["check"], Duration::from_secs(10));
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("static/root: error["), "{}", r.stderr);
    }

    #[test]
    fn loops_are_reported_not_walked() {
        let f = site();
        std::fs::create_dir_all(f.path("static/a")).expect("mkdir");
        symlink("..", f.path("static/a/up")).expect("symlink");
        symlink("..", f.path("content/bulletins/up")).expect("symlink");
        symlink("self", f.path("static/self")).expect("symlink");
        symlink("..", f.path("static/site")).expect("symlink");
        let r = run_within(f.root(), &["check"], Duration::from_secs(10));
        assert_eq!(r.code, 1, "{}", r.stderr);
        let mut d = json_diags(&f);
        d.sort();
        let want = [
            ("content/bulletins/up", "symlink-loop"),
            ("static/a/up", "symlink-loop"),
            ("static/self", "symlink-loop"),
            ("static/site", "symlink-loop"),
        ];
        let got: Vec<_> = d.iter().map(|(f, _, c)| (f.as_str(), c.as_str())).collect();
        assert_eq!(got, want, "one error per link, nothing walked twice");
    }

    #[test]
    fn broken_links_are_errors_naming_the_link() {
        let f = site();
        std::fs::create_dir_all(f.path("static")).expect("mkdir");
        symlink("nowhere.png", f.path("static/logo.png")).expect("symlink");
        symlink("gone.md", f.path("content/bulletins/b.md")).expect("symlink");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("static/logo.png: error["), "{}", r.stderr);
        let d = json_diags(&f);
        assert!(has(&d, "static/logo.png", "symlink-broken"), "{d:?}");
        assert!(has(&d, "content/bulletins/b.md", "symlink-broken"), "{d:?}");
    }

    #[test]
    fn unreadable_folders_are_errors_naming_the_folder() {
        use std::os::unix::fs::PermissionsExt;
        let f = site();
        f.write("static/private/a.txt", "x");
        let dir = f.path("static/private");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        // An administrator reads every folder: nothing to test then.
        let readable = std::fs::read_dir(&dir).is_ok();
        let d = json_diags(&f);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        if !readable {
            assert!(has(&d, "static/private", "io"), "{d:?}");
        }
    }

    #[test]
    fn links_that_stay_inside_the_site_are_followed() {
        let f = site();
        f.write("assets/logo.svg", "<svg/>");
        f.write("assets/icons/a.svg", "<svg id=\"a\"/>");
        f.write_bytes(
            "content/bulletins/img/shot.png",
            &crate::support::tiny_png(1),
        );
        std::fs::create_dir_all(f.path("static")).expect("mkdir");
        symlink("../assets/logo.svg", f.path("static/logo.svg")).expect("symlink");
        symlink("../assets/icons", f.path("static/icons")).expect("symlink");
        symlink("img/shot.png", f.path("content/bulletins/shot.png")).expect("symlink");
        symlink("good.md", f.path("content/bulletins/alias.md")).expect("symlink");
        let r = f.run(&["build"]);
        // The alias is a second bulletin with the same title, and the same
        // slug only if written so: here it gets its own file name's slug.
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(f.read("site/logo.svg"), "<svg/>");
        assert_eq!(f.read("site/icons/a.svg"), "<svg id=\"a\"/>");
        // A photo is published as its processed copy, the same through the link.
        let shot = std::fs::read(f.path("site/bulletins/shot.png")).expect("published");
        assert_eq!(
            Some(shot),
            std::fs::read(f.path("site/bulletins/img/shot.png")).ok()
        );
        assert!(f.path("site/bulletins/alias/index.html").is_file());
    }
}

mod slugs {
    use super::*;

    /// The first error block of `check` for the site, and the JSON (line, code) of `file`.
    fn errors_at(f: &Fixture, file: &str) -> Vec<(Option<u64>, String)> {
        json_diags(f)
            .into_iter()
            .filter(|(p, _, _)| p == file)
            .map(|(_, l, c)| (l, c))
            .collect()
    }

    #[test]
    fn a_long_slug_is_an_error_at_its_line_before_anything_is_written() {
        let f = site();
        let long = "a".repeat(300);
        f.write(
            "content/bulletins/b.md",
            &GOOD.replace("region:", &format!("slug: {long}\nregion:")),
        );
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("content/bulletins/b.md:5:7: error["),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("= hint: "), "{}", r.stderr);
        assert_eq!(
            errors_at(&f, "content/bulletins/b.md"),
            [(Some(5), "slug-too-long".to_string())]
        );
        let r = f.run(&["build"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("content/bulletins/b.md:5:7: error["));
        assert!(!f.path("site").exists(), "nothing is written");
    }

    #[test]
    fn a_long_chinese_file_name_is_an_error_at_line_one() {
        let f = site();
        let name = "安全生产".repeat(20);
        f.write(&format!("content/bulletins/{name}.md"), GOOD);
        let file = format!("content/bulletins/{name}.md");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!("{file}:1:1: error[")),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("slug:"),
            "the hint says how: {}",
            r.stderr
        );
        assert_eq!(
            errors_at(&f, &file),
            [(Some(1), "slug-too-long".to_string())]
        );
    }

    #[test]
    fn windows_device_names_are_refused_as_slugs() {
        let f = site();
        for name in ["con", "NUL", "Aux", "com1", "LPT9", "prn"] {
            f.write(
                &format!("content/bulletins/{name}.md"),
                &GOOD.replace("宜宾园区安全检查", &format!("检查{name}")),
            );
        }
        f.write(
            "content/bulletins/by-slug.md",
            &GOOD
                .replace("region:", "slug: com3\nregion:")
                .replace("宜宾园区安全检查", "复查"),
        );
        f.write("content/pages/aux.md", "---\ntitle: 关于\n---\n");
        f.write("content/pages/help/nul.md", "---\ntitle: 帮助\n---\n");
        f.write("content/campaigns/lpt1.md", "---\nname: 第二个\n---\n");
        let d = json_diags(&f);
        for file in [
            "content/bulletins/con.md",
            "content/bulletins/NUL.md",
            "content/bulletins/Aux.md",
            "content/bulletins/com1.md",
            "content/bulletins/LPT9.md",
            "content/bulletins/prn.md",
            "content/pages/aux.md",
            "content/pages/help/nul.md",
            "content/campaigns/lpt1.md",
        ] {
            assert!(
                d.contains(&(file.to_string(), Some(1), "slug-reserved".to_string())),
                "{file}: {d:?}"
            );
        }
        assert!(
            d.contains(&(
                "content/bulletins/by-slug.md".to_string(),
                Some(5),
                "slug-reserved".to_string()
            )),
            "{d:?}"
        );
        assert!(!has(&d, "content/bulletins/good.md", "slug-reserved"));
    }

    #[test]
    fn page_and_region_slugs_are_bounded_too() {
        let f = site();
        let long = "b".repeat(120);
        f.write(
            "content/pages/about.md",
            &format!("---\ntitle: 关于\nslug: {long}\n---\n"),
        );
        f.write(
            "content/bulletins/t.md",
            &GOOD
                .replace(
                    "region: 四川/宜宾",
                    &format!("region: 四川/{}", "宜宾".repeat(30)),
                )
                .replace("宜宾园区安全检查", "复查"),
        );
        let d = json_diags(&f);
        let at = |file: &str, line: u64, code: &str| {
            d.contains(&(file.to_string(), Some(line), code.to_string()))
        };
        assert!(at("content/pages/about.md", 3, "slug-too-long"), "{d:?}");
        assert!(
            at("content/bulletins/t.md", 5, "slug-too-long"),
            "region: {d:?}"
        );
        f.write(
            "jianxun.yaml",
            &format!("{}regions:\n  大同: con\n", crate::support::CONFIG),
        );
        let d = json_diags(&f);
        assert!(
            d.contains(&(
                "jianxun.yaml".to_string(),
                Some(8),
                "slug-reserved".to_string()
            )),
            "{d:?}"
        );
    }
}

mod tags {
    use super::*;

    fn tagged(tags: &str) -> String {
        GOOD.replace("---\n正文", &format!("{tags}\n---\n正文"))
            .replace("宜宾园区安全检查", "标签检查")
    }

    #[test]
    fn a_tag_without_a_slug_is_an_error_at_its_line() {
        let f = site();
        f.write(
            "content/bulletins/t.md",
            &tagged("tags: [园区, \"……\", 隐患排查, \".\"]"),
        );
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("content/bulletins/t.md:8:13: error["),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("content/bulletins/t.md:8:25: error["),
            "{}",
            r.stderr
        );
        let d = json_diags(&f);
        let empty: Vec<_> = d.iter().filter(|(_, _, c)| c == "slug-empty").collect();
        assert_eq!(empty.len(), 2, "{d:?}");
    }

    #[test]
    fn a_tag_in_a_block_list_is_found_on_its_own_line() {
        let f = site();
        f.write(
            "content/bulletins/t.md",
            &tagged("tags:\n  - 园区\n  - 。。。"),
        );
        let r = f.run(&["check"]);
        assert!(
            r.stderr.contains("content/bulletins/t.md:10:5: error["),
            "{}",
            r.stderr
        );
    }

    #[test]
    fn a_long_tag_is_an_error_at_its_place() {
        let f = site();
        let long = "b".repeat(120);
        f.write(
            "content/bulletins/t.md",
            &tagged(&format!("tags: [园区, {long}]")),
        );
        let d = json_diags(&f);
        assert!(
            d.contains(&(
                "content/bulletins/t.md".to_string(),
                Some(8),
                "slug-too-long".to_string()
            )),
            "{d:?}"
        );
    }

    #[test]
    fn every_tag_links_to_its_own_page() {
        let f = site();
        f.write(
            "content/bulletins/t.md",
            &tagged("tags: [园区, 隐患排查, 应急演练]"),
        );
        let r = f.run(&["build"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let html = f.read("site/bulletins/t/index.html");
        for (name, slug) in [
            ("园区", "yuanqu"),
            ("隐患排查", "yinhuanpaicha"),
            ("应急演练", "yingjiyanlian"),
        ] {
            let link = format!("/tags/{slug}/");
            let at = html.find(&link).unwrap_or_else(|| panic!("{link}"));
            let after = &html[at..];
            assert!(
                after[..after.find("</a>").unwrap_or(0)].contains(name),
                "{name} links to {link}"
            );
            assert!(f.path(&format!("site/tags/{slug}/index.html")).is_file());
        }
    }

    #[test]
    fn tags_that_share_a_slug_are_reported_at_the_tag() {
        let f = site();
        f.write("content/bulletins/t.md", &tagged("tags: [Safety]"));
        f.write(
            "content/bulletins/u.md",
            &tagged("tags: [园区, safety]").replace("标签检查", "又一篇"),
        );
        let r = f.run(&["check"]);
        assert!(
            r.stderr
                .contains("content/bulletins/u.md:8:12: error[E019]: tags `Safety` and `safety`"),
            "{}",
            r.stderr
        );
    }
}

mod tag_slugs {
    use super::*;
    use crate::support::CONFIG;

    fn tagged(name: &str, tag: &str) -> String {
        GOOD.replace("---\n正文", &format!("tags: [{tag}]\n---\n正文"))
            .replace("宜宾园区安全检查", name)
    }

    #[test]
    fn tags_that_read_alike_keep_their_names_with_a_slug_in_the_config() {
        // 公益 and 工艺 are two tags an editor means, both `gongyi` in pinyin.
        let f = site();
        f.write("content/bulletins/a.md", &tagged("公益简讯", "公益"));
        f.write("content/bulletins/b.md", &tagged("工艺简讯", "工艺"));
        let r = crate::support::run_lang(f.root(), &["check"], None);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("content/bulletins/b.md:8:8: 错误[E019]: 标签 `公益` 和 `工艺` 生成了同一个网址名 `gongyi`（`公益` 见 content/bulletins/a.md）"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("是读音相同的两个标签，就在 jianxun.yaml 的 tags: 下面给其中一个起个网址名，例如 工艺: gongyi-2"),
            "{}",
            r.stderr
        );
        // As the hint says: each keeps its name, on its own page.
        f.write(
            "jianxun.yaml",
            &format!("{CONFIG}tags:\n  工艺: gongyi-2\n"),
        );
        let r = f.run(&["build"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let page = |slug: &str| {
            std::fs::read_to_string(f.path(&format!("site/tags/{slug}/index.html"))).unwrap()
        };
        assert!(page("gongyi").contains("公益简讯") && !page("gongyi").contains("工艺简讯"));
        assert!(page("gongyi-2").contains("工艺简讯") && !page("gongyi-2").contains("公益简讯"));
        let bulletin = std::fs::read_to_string(f.path("site/bulletins/b/index.html")).unwrap();
        assert!(bulletin.contains("href=\"/tags/gongyi-2/\""), "{bulletin}");
    }

    #[test]
    fn a_tag_slug_in_the_config_must_fit_a_url_and_a_folder() {
        let f = site();
        f.write(
            "jianxun.yaml",
            &format!("{CONFIG}tags:\n  工艺: 工艺技术\n  公益: con\n"),
        );
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let line = CONFIG.lines().count() + 2;
        for (at, what) in [
            (
                format!("jianxun.yaml:{line}:7: error[E067]: tag slug `工艺技术` for 工艺"),
                "not ASCII",
            ),
            (
                format!("jianxun.yaml:{}:7: error[E067]:", line + 1),
                "a device name",
            ),
        ] {
            assert!(r.stderr.contains(&at), "{what}: {}", r.stderr);
        }
        assert!(!f.path("site").exists());
    }
}

mod control_characters {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_file_name_cannot_forge_diagnostic_lines() {
        let f = site();
        let name = "x\nforged.md:1:1: error: forged\x1b[2J.md";
        f.write(&format!("content/bulletins/{name}"), "");
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        for line in r.stderr.lines() {
            assert!(!line.starts_with("forged.md"), "forged line: {}", r.stderr);
        }
        assert!(!r.stderr.contains('\x1b'), "{}", r.stderr);
        assert!(
            r.stderr.contains(
                "content/bulletins/x\\nforged.md:1:1: error: forged\\u{1b}[2J.md:1:1: error["
            ),
            "{}",
            r.stderr
        );
        // JSON lines stay one object per line, with the name exactly as it is.
        let j = f.run(&["check", "--format", "json"]);
        let files: Vec<String> = j
            .stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
                v["file"].as_str().unwrap_or_default().to_string()
            })
            .collect();
        assert_eq!(files, [format!("content/bulletins/{name}")]);
    }

    #[test]
    fn status_lines_escape_the_folder_name() {
        let parent = tempfile::tempdir().expect("temp dir");
        let r = crate::support::run_in(parent.path(), &["init", "new\nforged: site"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("new\\nforged: site"), "{}", r.stdout);
        assert!(
            !r.stdout.lines().any(|l| l.starts_with("forged")),
            "{}",
            r.stdout
        );
    }
}

mod collisions {
    use super::*;

    /// (file, line, column) of every `slug-collision` error in `check`'s JSON.
    fn collisions(f: &Fixture) -> Vec<(String, Option<u64>, Option<u64>)> {
        let r = f.run(&["check", "--format", "json"]);
        let mut out: Vec<_> = r
            .stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["name"] == "slug-collision")
            .map(|v| {
                (
                    v["file"].as_str().unwrap_or_default().to_string(),
                    v["line"].as_u64(),
                    v["column"].as_u64(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_slug_collision_points_at_the_slug_in_each_file() {
        let f = site();
        f.write(
            "content/bulletins/z.md",
            &GOOD
                .replace("region:", "slug: good\nregion:")
                .replace("宜宾园区安全检查", "复查"),
        );
        assert_eq!(
            collisions(&f),
            [
                ("content/bulletins/good.md".into(), Some(1), Some(1)),
                ("content/bulletins/z.md".into(), Some(5), Some(7)),
            ]
        );
        let r = f.run(&["check"]);
        assert!(
            r.stderr
                .contains("content/bulletins/z.md:5:7: error[E019]: bulletin slug `good`"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("5 | slug: good"), "{}", r.stderr);
    }

    #[test]
    fn page_collisions_point_at_the_slug_too() {
        let f = site();
        f.write("content/pages/about.md", "---\ntitle: 关于\n---\n");
        f.write(
            "content/pages/other.md",
            "---\ntitle: 其他\nslug: about\n---\n",
        );
        assert_eq!(
            collisions(&f),
            [
                ("content/pages/about.md".into(), Some(1), Some(1)),
                ("content/pages/other.md".into(), Some(3), Some(7)),
            ]
        );
    }

    #[test]
    fn region_collisions_point_at_the_region_names() {
        let f = site();
        f.write(
            "content/bulletins/b.md",
            &GOOD
                .replace("四川/宜宾", "湖南/常宁")
                .replace("宜宾园区安全检查", "常宁"),
        );
        f.write(
            "content/bulletins/c.md",
            &GOOD
                .replace("四川/宜宾", "湖南/长宁")
                .replace("宜宾园区安全检查", "长宁"),
        );
        assert_eq!(
            collisions(&f),
            [
                ("content/bulletins/b.md".into(), Some(5), Some(12)),
                ("content/bulletins/c.md".into(), Some(5), Some(12)),
            ]
        );
    }
}

mod encodings {
    use super::*;

    fn utf16(text: &str, bom: bool, big_endian: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xfe, 0xff]
            } else {
                [0xff, 0xfe]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_files_are_named_as_utf16() {
        let f = site();
        let text = GOOD.replace("宜宾园区安全检查", "另一篇");
        f.write_bytes("content/bulletins/le.md", &utf16(&text, true, false));
        f.write_bytes("content/bulletins/be.md", &utf16(&text, true, true));
        f.write_bytes("content/bulletins/nobom.md", &utf16(&text, false, false));
        // Plain ASCII in UTF-16 is valid UTF-8 (with a NUL after every letter).
        f.write_bytes(
            "content/pages/ascii.md",
            &utf16("---\ntitle: about\n---\n", false, false),
        );
        let r = f.run(&["check"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        for file in [
            "content/bulletins/le.md",
            "content/bulletins/be.md",
            "content/bulletins/nobom.md",
            "content/pages/ascii.md",
        ] {
            let block = r
                .stderr
                .split("\n\n")
                .find(|b| b.starts_with(&format!("{file}: error[")))
                .unwrap_or_else(|| panic!("no error for {file}:\n{}", r.stderr));
            assert!(block.contains("UTF-16"), "{block}");
            assert!(!block.contains("GBK"), "{block}");
            assert!(
                block.contains("save it again with the encoding UTF-8"),
                "{block}"
            );
        }
        assert!(has(&json_diags(&f), "content/bulletins/le.md", "not-utf8"));
    }

    #[test]
    fn the_not_utf8_underline_is_bounded() {
        let f = site();
        // 300 GBK characters (宜 = D2 CB) on one line.
        let mut bytes = b"---\ntitle: ".to_vec();
        for _ in 0..300 {
            bytes.extend([0xd2, 0xcb]);
        }
        bytes.extend(b"\ndate: 2022-12-10\n---\n");
        f.write_bytes("content/bulletins/gbk.md", &bytes);
        let r = f.run(&["check"]);
        assert!(
            r.stderr.contains("content/bulletins/gbk.md:2:8: error["),
            "{}",
            r.stderr
        );
        let carets = r
            .stderr
            .lines()
            .find(|l| l.contains('^'))
            .map_or(0, |l| l.matches('^').count());
        assert!((1..=4).contains(&carets), "{carets} carets:\n{}", r.stderr);
    }
}

mod new_command {
    use super::*;

    #[test]
    fn new_refuses_slugs_that_cannot_be_folders() {
        let f = site();
        let r = f.run(&["new", "campaign", "con", "--name", "设备"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("device name"), "{}", r.stderr);
        assert!(!f.path("content/campaigns/con.md").exists());
        let r = f.run(&[
            "new",
            "bulletin",
            "NUL",
            "--campaign",
            "ankang-cup",
            "--region",
            "四川/宜宾",
            "--date",
            "2024-01-02",
        ]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(!f.path("content/bulletins/2024/nul.md").exists());
        assert_eq!(f.run(&["check"]).code, 0);
    }
}
