//! Links between bulletins by their source files, and images beside them,
//! become the right URLs in `build` (base path included).

use crate::support::Fixture;

fn site() -> Fixture {
    let f = Fixture::new();
    f.bulletin(
        "2024/other",
        "另一篇",
        "2024-03-01",
        "四川/宜宾",
        "slug: custom\n",
        "正文。",
    );
    f.bulletin(
        "2025/a",
        "这一篇",
        "2025-03-01",
        "四川/宜宾",
        "",
        "见[另一篇](../2024/other.md#做法)、[同一篇](/bulletins/custom/)、[活动](../../campaigns/ankang-cup.md)和[坏链接](../2024/nope.md)。\n\n![现场](img/现场.png)\n\n<!-- more -->\n\n后文。",
    );
    f.write_bytes(
        "content/bulletins/2025/img/现场.png",
        &crate::support::tiny_png(1),
    );
    f
}

#[test]
fn links_to_source_files_become_urls_under_the_base_path() {
    let f = site();
    let r = f.run(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/bulletins/a/index.html");
    for want in [
        "href=\"/sub/bulletins/custom/#%E5%81%9A%E6%B3%95\"",
        "href=\"/sub/bulletins/custom/\">同一篇",
        "href=\"/sub/campaigns/ankang-cup/\">活动",
        "href=\"../2024/nope.md\"",
        "src=\"/sub/bulletins/2025/img/%E7%8E%B0%E5%9C%BA.png\"",
    ] {
        assert!(page.contains(want), "no {want} in\n{page}");
    }
    let published = std::fs::read(f.path("site/bulletins/2025/img/现场.png"));
    assert!(
        published
            .expect("the image is published")
            .starts_with(b"\x89PNG")
    );
    // The summary before <!-- more --> shows on list pages with the same links.
    let home = f.read("site/index.html");
    assert!(
        home.contains("href=\"/sub/bulletins/custom/#%E5%81%9A%E6%B3%95\""),
        "{home}"
    );
    // `check` reports the one broken link.
    let c = f.run(&["check"]);
    assert_eq!(c.code, 1);
    assert_eq!(c.stderr.matches(": error[").count(), 1, "{}", c.stderr);
    assert!(
        c.stderr
            .contains("content/bulletins/2025/a.md:7:97: error[E033]: `../2024/nope.md`"),
        "{}",
        c.stderr
    );
}

#[test]
fn at_the_root_only_source_links_change() {
    let f = site();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/bulletins/a/index.html");
    assert!(
        page.contains("href=\"/bulletins/custom/\">同一篇"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/bulletins/custom/#%E5%81%9A%E6%B3%95\""),
        "{page}"
    );
}

/// A page bundle — a folder with `index.md` and its photos, as `import`
/// writes — is one bulletin named after its folder, its photos published
/// beside it and `check` content with them.
#[test]
fn a_page_bundle_is_a_bulletin_named_after_its_folder() {
    let f = Fixture::new();
    f.bulletin(
        "2025/yibin-parks/index",
        "宜宾竞赛走进园区",
        "2025-03-01",
        "四川/宜宾",
        "",
        "![现场](现场.png)",
    );
    f.write_bytes(
        "content/bulletins/2025/yibin-parks/现场.png",
        &crate::support::tiny_png(1),
    );
    let c = f.run(&["check"]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/bulletins/yibin-parks/index.html");
    let src = "src=\"/bulletins/2025/yibin-parks/%E7%8E%B0%E5%9C%BA.png\"";
    assert!(page.contains(src), "{page}");
    assert!(f.path("site/bulletins/2025/yibin-parks/现场.png").is_file());
    assert!(!f.path("site/bulletins/index/index.html").exists());
}
