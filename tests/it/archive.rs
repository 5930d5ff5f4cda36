//! The archive: an index of years and months, and a page per year that is
//! split once a year holds more bulletins than one page should list.

use crate::support::Fixture;

#[test]
fn the_archive_is_an_index_of_years_with_a_paginated_page_each() {
    let f = Fixture::new();
    // 205 bulletins in 2025 (March and April), one in 2024.
    for i in 0..205 {
        let month = if i < 100 { 3 } else { 4 };
        f.bulletin(
            &format!("2025/b{i:03}"),
            &format!("简讯第{i}号"),
            &format!("2025-{month:02}-{:02}", i % 28 + 1),
            "四川/宜宾",
            "",
            "正文。",
        );
    }
    f.bulletin(
        "2024/old",
        "去年的简讯",
        "2024-06-01",
        "四川/宜宾",
        "",
        "正文。",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let index = f.read("site/archive/index.html");
    assert!(
        index.contains("href=\"/archive/2025/\">2025 年</a> <span class=\"count\">205 篇"),
        "{index}"
    );
    assert!(
        index.contains("href=\"/archive/2024/\">2024 年</a>"),
        "{index}"
    );
    // April (newest first) starts page 1; March starts on page 1 too, after 105 Aprils.
    assert!(index.contains("href=\"/archive/2025/#m4\""), "{index}");
    assert!(index.contains("href=\"/archive/2025/#m3\""), "{index}");
    assert!(!index.contains("简讯第"), "the index lists no bulletins");

    let first = f.read("site/archive/2025/index.html");
    let second = f.read("site/archive/2025/page/2/index.html");
    assert_eq!(first.matches("<li><time").count(), 200);
    assert_eq!(second.matches("<li><time").count(), 5);
    assert!(first.contains("id=\"m4\"") && first.contains("id=\"m3\""));
    assert!(second.contains("id=\"m3\"") && !second.contains("id=\"m4\""));
    assert!(
        first.contains("href=\"/archive/2025/page/2/\""),
        "pagination links"
    );
    assert!(!f.path("site/archive/2025/page/3/index.html").exists());
    assert_eq!(
        f.read("site/archive/2024/index.html")
            .matches("<li><time")
            .count(),
        1
    );
    let sitemap = f.read("site/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/archive/2025/page/2/</loc>"));
}
