//! Render stage: Markdown documents → HTML.
//!
//! Takes a parsed [`Doc`] and the [`Links`] the resolve stage drew up for
//! it; gives its HTML, or the HTML before `<!-- more -->`. Links and images
//! are resolved on the events, before any HTML exists: a destination that
//! names a source file or a file beside the content becomes its URL (base
//! path included); nothing is rewritten in HTML afterwards. Raw HTML is
//! sanitised unless the site opts out (`markdown.unsafe_html`); links
//! written in raw HTML are left as written.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub use crate::content::markdown::{Doc, Links, escape};

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "title", "lang"])
        .add_tags([
            "input",
            "section",
            "figure",
            "figcaption",
            "details",
            "summary",
            "mark",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes(
            "img",
            ["loading", "width", "height", "srcset", "sizes", "decoding"],
        )
        .add_tag_attributes("div", ["tabindex", "role", "aria-label"]);
    b
}

/// The HTML of the whole document.
pub fn html(doc: &Doc, links: &Links, unsafe_html: bool) -> String {
    doc.with_events(|ev| write(ev.events, ev.raw_html, links, unsafe_html))
}

/// The HTML of the whole document, its photos shown as figures.
pub fn html_with_figures(
    doc: &Doc,
    links: &Links,
    figures: &super::figures::Figures,
    unsafe_html: bool,
) -> String {
    doc.with_events(|ev| {
        let events = super::figures::rewrite(ev.events, figures);
        write(events, ev.raw_html, links, unsafe_html)
    })
}

/// The HTML of the part before `<!-- more -->`, when the document has one.
pub fn before_more(doc: &Doc, links: &Links, unsafe_html: bool) -> Option<String> {
    doc.with_events(|mut ev| {
        let m = ev.more_at?;
        ev.events.truncate(m);
        Some(write(ev.events, ev.raw_html, links, unsafe_html))
    })
}

/// Resolves the links of `events` and writes them as HTML.
fn write(mut events: Vec<Event>, raw_html: bool, links: &Links, unsafe_html: bool) -> String {
    if !links.is_empty() {
        for e in events.iter_mut() {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = e
                && let Some(url) = links.get(dest_url.as_ref())
            {
                *dest_url = CowStr::from(url.clone());
            }
        }
    }
    let mut html = String::with_capacity(events.len() * 24);
    pulldown_cmark::html::push_html(&mut html, wrap_tables(events).into_iter());
    if raw_html && !unsafe_html {
        html = sanitizer().clean(&html).to_string();
    }
    html
}

/// The start of the box a table scrolls in: a wide table scrolls sideways
/// inside it, never the page, and a keyboard can reach it to scroll it.
static TABLE_WRAP: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let label = crate::msg!(TableScrollLabel).zh();
    format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">\n")
});

/// `events` with every table inside its own scrolling box.
fn wrap_tables(events: Vec<Event>) -> Vec<Event> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    for e in events {
        match e {
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::Borrowed(TABLE_WRAP.as_str())));
                out.push(e);
            }
            Event::End(TagEnd::Table) => {
                out.push(e);
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            e => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::parse;

    fn render(md: &str, unsafe_html: bool) -> String {
        html(&parse(md).doc, &Links::new(), unsafe_html)
    }

    fn h(md: &str) -> String {
        render(md, false)
    }

    #[test]
    fn emphasis_next_to_chinese_punctuation() {
        assert_eq!(h("**注意：**正文"), "<p><strong>注意：</strong>正文</p>\n");
        assert_eq!(
            h("开展**“六个一”**活动"),
            "<p>开展<strong>“六个一”</strong>活动</p>\n"
        );
        assert_eq!(h("*强调*文字"), "<p><em>强调</em>文字</p>\n");
        // Code is untouched.
        assert_eq!(
            h("`**注意：**正文`"),
            "<p><code>**注意：**正文</code></p>\n"
        );
        assert!(!h("**注意：**正文").contains('\u{E000}'));
        // Every kind of code is found, however it is written.
        for (md, kept) in [
            ("    **注意：**正文\n", "**注意：**正文"),
            ("段落\n\n\t**注意：**正文\n", "**注意：**正文"),
            ("~~~\n**注意：**正文\n~~~\n", "**注意：**正文"),
            ("<div>**注意：**正文</div>\n", "**注意：**正文"),
        ] {
            assert!(h(md).contains(kept), "{md:?} gave {}", h(md));
        }
    }

    #[test]
    fn line_break_between_chinese_adds_no_space() {
        assert_eq!(h("安全生产\n事关大局"), "<p>安全生产事关大局</p>\n");
        assert_eq!(h("安全生产，\n事关大局"), "<p>安全生产，事关大局</p>\n");
        assert_eq!(h("hello\nworld"), "<p>hello\nworld</p>\n");
    }

    #[test]
    fn quotes_and_dashes_stay_as_typed() {
        assert_eq!(
            h("\"绿色家园\"计划--开展..."),
            "<p>\"绿色家园\"计划--开展...</p>\n"
        );
    }

    #[test]
    fn chinese_heading_ids_are_unique() {
        let out = h("## 一、压实责任\n\n## 一、压实责任\n\n## Safety First {#custom}\n");
        assert!(out.contains("<h2 id=\"一压实责任\">"), "{out}");
        assert!(out.contains("<h2 id=\"一压实责任-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"custom\">"), "{out}");
    }

    #[test]
    fn tables_footnotes_strikethrough_tasks() {
        let out = h(
            "|地区|企业|\n|--|--|\n|宜宾|411|\n\n正文[^1]\n\n[^1]: 注释\n\n~~删除~~\n\n- [x] 完成\n",
        );
        assert!(out.contains("<table>"));
        assert!(out.contains("<td>411</td>"));
        assert!(out.contains("footnote"));
        assert!(out.contains("<del>删除</del>"));
        assert!(out.contains("checkbox"));
    }

    #[test]
    fn tables_scroll_in_their_own_box() {
        let table = "|地区|企业|\n|--|--|\n|宜宾|411|\n";
        let want = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"表格（可左右滑动）\">\n<table>";
        for md in [table.to_string(), format!("<b>粗</b>\n\n{table}")] {
            let out = h(&md);
            assert!(out.contains(want), "{out}");
            assert!(out.contains("</table>\n</div>"), "{out}");
        }
        assert!(!h("正文").contains("table-wrap"));
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        let md = "<script>alert(1)</script>\n\n<b onclick=\"x()\">粗</b>\n";
        let safe = render(md, false);
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        assert!(safe.contains("<b>粗</b>"), "{safe}");
        assert!(render(md, true).contains("<script>"));
        let out = h("[x](javascript:alert(1)) [y](https://example.org/) [z](/a/)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("https://example.org/") && out.contains("href=\"/a/\""));
    }

    #[test]
    fn more_marker_splits_the_html() {
        let doc = parse("第一段。\n\n<!-- more -->\n\n第二段。\n").doc;
        let none = Links::new();
        assert_eq!(
            before_more(&doc, &none, false).as_deref(),
            Some("<p>第一段。</p>\n")
        );
        let all = html(&doc, &none, false);
        assert!(all.contains("第二段") && !all.contains("more"));
        assert_eq!(before_more(&parse("一段。").doc, &none, false), None);
    }

    #[test]
    fn links_are_resolved_on_the_events_only() {
        let doc = parse(
            "见[另一篇](../2024/x.md)、![图](img/a.png)和`[代码](../2024/x.md)`。\n\n<a href=\"../2024/x.md\">原样</a>\n",
        )
        .doc;
        let links = Links::from([
            ("../2024/x.md".to_string(), "/sub/bulletins/x/".to_string()),
            (
                "img/a.png".to_string(),
                "/sub/bulletins/2025/img/a.png".to_string(),
            ),
        ]);
        let out = html(&doc, &links, false);
        assert!(out.contains("<a href=\"/sub/bulletins/x/\""), "{out}");
        assert!(
            out.contains("src=\"/sub/bulletins/2025/img/a.png\""),
            "{out}"
        );
        // Code spans and raw HTML keep what was written.
        assert!(out.contains("<code>[代码](../2024/x.md)</code>"), "{out}");
        assert!(out.contains("href=\"../2024/x.md\""), "{out}");
        // A URL with `&` or `"` is escaped once, by the HTML writer.
        let links = Links::from([("../2024/x.md".to_string(), "/a?b=1&c=\"2\"".to_string())]);
        let out = html(&parse("[x](../2024/x.md)").doc, &links, false);
        assert!(
            out.contains("href=\"/a?b=1&amp;c=%222%22\"")
                || out.contains("href=\"/a?b=1&amp;c=&quot;2&quot;\""),
            "{out}"
        );
    }

    /// `html` with the value of every ` href="` and ` src="` emptied.
    fn without_urls(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        loop {
            let next = [" href=\"", " src=\""]
                .iter()
                .filter_map(|a| rest.find(a).map(|i| i + a.len()))
                .min();
            let Some(start) = next else { break };
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('"') else {
                rest = &rest[start..];
                break;
            };
            rest = &rest[start + len..];
        }
        out.push_str(rest);
        out
    }

    /// What Markdown links are made of.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "[", "]", "(", ")", "![", "](", "<", ">", "\n", "\n\n", " ", "`", "\"", "'", "&amp;",
        "&#34;", "&quot;", "../2024/other.md", "img/图.png", "/bulletins/a/", "#x", "?q=1&b=2",
        "%20", "<a href=\"../2024/other.md\">", "</a>", "<img src=\"img/a.png\">", "宜宾",
        "[r]: ../2024/other.md\n", "[r]", "<!-- more -->", "**", "：",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Over any Markdown, resolving links changes only the values of
        /// `href` and `src`, and leaves no source-file link that the index knows.
        #[test]
        fn resolving_links_changes_only_urls(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..30),
            unsafe_html: bool,
            base in proptest::sample::select(vec!["/", "/sub/"]),
        ) {
            let doc = parse(&pieces.concat()).doc;
            let index = crate::site::links::LinkIndex::new(
                base,
                [("content/bulletins/2024/other.md".to_string(), "bulletins/other-slug/".to_string())],
            );
            let links = index.resolve(std::path::Path::new("content/bulletins/2025/a.md"), &doc);
            let plain = html(&doc, &Links::new(), unsafe_html);
            let resolved = html(&doc, &links, unsafe_html);
            proptest::prop_assert_eq!(without_urls(&resolved), without_urls(&plain));
            let summary = before_more(&doc, &links, unsafe_html).map(|h| without_urls(&h));
            let plain = before_more(&doc, &Links::new(), unsafe_html).map(|h| without_urls(&h));
            proptest::prop_assert_eq!(summary, plain);
        }
    }
}
