//! Inputs that used to break or slow the tools, fed through the real binary:
//! spreadsheet formulas in the statistics CSV, a long bulletin with a link
//! in every paragraph, zero and over-precise metric values, and a site with
//! thousands of campaigns.

use crate::support::Fixture;

/// A bulletin body of about 4 MB with one link per paragraph, and a broken
/// link in the last one: its paragraph count and the broken link's column.
fn long_body() -> (String, usize, usize) {
    let mut body = String::new();
    let mut paragraphs = 0;
    while body.len() < 4_000_000 {
        body.push_str(&format!(
            "第{paragraphs}段：各地工会组织开展安全生产检查，排查隐患，落实整改，详见[另一篇](other.md)。\n\n"
        ));
        paragraphs += 1;
    }
    let last = "末段见[坏链接](";
    body.push_str(last);
    body.push_str("nope.md)。");
    (body, paragraphs, last.chars().count() + 1)
}

#[test]
fn a_long_bulletin_with_a_link_in_every_paragraph() {
    // Quadratic before: 47 s to build and 101 s to check this site.
    let f = Fixture::new();
    f.bulletin("other", "另一篇", "2025-01-01", "四川/宜宾", "", "正文。");
    let (body, paragraphs, col) = long_body();
    f.bulletin("long", "很长的简讯", "2025-01-02", "四川/宜宾", "", &body);
    // Front matter takes lines 1–6; each paragraph two lines.
    let line = 7 + 2 * paragraphs;

    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let want = format!("content/bulletins/long.md:{line}:{col}: error: `nope.md` points to");
    assert!(r.stderr.contains(&want), "want {want}\n{}", r.stderr);
    assert_eq!(r.stderr.matches(": error: ").count(), 1, "{}", r.stderr);

    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = f.read("site/bulletins/long/index.html");
    // Every link rewritten (and the page's own prev/next links besides).
    assert!(page.matches("href=\"/bulletins/other/\"").count() > paragraphs);
    assert!(!page.contains("href=\"other.md\""));
    assert!(page.contains("href=\"nope.md\""));
}
