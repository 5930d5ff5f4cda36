//! Output: Atom 1.0 feeds (RFC 4287).
//!
//! Takes the [`Site`] and the build's [`Shared`] URL builder; gives
//! `feed.xml` (the whole site) and `campaigns/<slug>/feed.xml` (one per
//! campaign), each with the latest [`FEED_ENTRIES`] bulletins, as
//! `(output path, bytes)`. The XML is written by the small [`Xml`] writer
//! below (also used by the sitemap): every text and attribute is escaped,
//! and characters XML 1.0 forbids are dropped. Deterministic: a feed's
//! `updated` is its newest entry's date, never the clock.

use crate::render::context::Shared;
use crate::render::markdown;
use crate::render::urls::{self, Urls};
use crate::site::Site;

/// How many bulletins a feed carries.
pub const FEED_ENTRIES: usize = 20;

/// The `updated` of a feed on a site without any bulletin.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// Appends `text` to `out`, escaped for XML text and attribute values.
/// Characters that XML 1.0 does not allow (most C0 controls, U+FFFE,
/// U+FFFF) are dropped.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A minimal XML writer: a document built into a string, one element per
/// line, indented by nesting depth.
pub struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    /// A document with the XML declaration written.
    pub fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// Opens an element that will hold other elements.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// Closes the element opened last.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes an element holding only text.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes an empty element.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// The document's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

impl Default for Xml {
    fn default() -> Xml {
        Xml::new()
    }
}

/// What distinguishes one feed from another.
struct Head<'a> {
    /// Site path of the feed itself.
    path: String,
    /// Site path of the HTML page it mirrors.
    alternate: String,
    title: String,
    subtitle: &'a str,
}

/// Every feed of the site: `(output path, bytes)`.
pub fn feeds(site: &Site, shared: &Shared) -> Vec<(String, Vec<u8>)> {
    let cfg = &site.config;
    let urls = &shared.urls;
    // A feed without entries still needs a stable `updated`.
    let site_updated = site
        .items
        .first()
        .map(|it| it.bulletin.date.rfc3339())
        .unwrap_or_else(|| EPOCH.to_string());
    let mut out = Vec::with_capacity(site.campaigns.len() + 1);
    let latest: Vec<usize> = (0..site.items.len().min(FEED_ENTRIES)).collect();
    let head = Head {
        path: "feed.xml".into(),
        alternate: String::new(),
        title: cfg.title.clone(),
        subtitle: &cfg.description,
    };
    out.push((
        head.path.clone(),
        feed(site, urls, &head, &latest, &site_updated),
    ));
    for (c, camp) in site.campaigns.iter().enumerate() {
        let page = urls::campaign(&camp.slug, 1);
        let list = &site.by_campaign[c];
        let head = Head {
            path: format!("{page}feed.xml"),
            alternate: page,
            title: format!("{} - {}", camp.name, cfg.title),
            subtitle: camp.full_name.as_deref().unwrap_or(""),
        };
        let entries = &list[..list.len().min(FEED_ENTRIES)];
        out.push((
            head.path.clone(),
            feed(site, urls, &head, entries, &site_updated),
        ));
    }
    out
}

/// One feed over `entries` (item indices, newest first).
fn feed(site: &Site, urls: &Urls, head: &Head, entries: &[usize], fallback: &str) -> Vec<u8> {
    let cfg = &site.config;
    let self_url = urls.permalink(&head.path);
    let updated = entries
        .first()
        .map(|&i| site.items[i].bulletin.date.rfc3339())
        .unwrap_or_else(|| fallback.to_string());
    let mut x = Xml::new();
    let mut root = vec![("xmlns", "http://www.w3.org/2005/Atom")];
    if !cfg.language.is_empty() {
        root.push(("xml:lang", cfg.language.as_str()));
    }
    x.open("feed", &root);
    x.text("id", &[], &self_url);
    x.text("title", &[], &head.title);
    if !head.subtitle.is_empty() {
        x.text("subtitle", &[], head.subtitle);
    }
    x.text("updated", &[], &updated);
    x.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &self_url),
        ],
    );
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &urls.permalink(&head.alternate)),
        ],
    );
    x.open("author", &[]);
    x.text("name", &[], &cfg.title);
    x.close("author");
    x.text(
        "generator",
        &[("version", env!("CARGO_PKG_VERSION"))],
        "jianxun",
    );
    for &i in entries {
        entry(&mut x, urls, site, i);
    }
    x.close("feed");
    x.finish()
}

fn entry(x: &mut Xml, urls: &Urls, site: &Site, i: usize) {
    let it = &site.items[i];
    let b = &it.bulletin;
    let link = urls.permalink(&urls::bulletin(&b.slug));
    let date = b.date.rfc3339();
    x.open("entry", &[]);
    x.text("id", &[], &link);
    x.text("title", &[], &b.title);
    x.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &link)],
    );
    x.text("published", &[], &date);
    x.text("updated", &[], &date);
    let author = b.source.as_ref().and_then(|s| {
        s.author
            .as_deref()
            .or(s.publisher.as_deref())
            .filter(|a| !a.trim().is_empty())
    });
    if let Some(name) = author {
        x.open("author", &[]);
        x.text("name", &[], name.trim());
        x.close("author");
    }
    for t in &b.tags {
        x.empty("category", &[("term", &t.name)]);
    }
    if !b.summary_text.is_empty() {
        x.text("summary", &[("type", "text")], &b.summary_text);
    }
    // Relative links in the body resolve against the bulletin's own page.
    x.text(
        "content",
        &[("type", "html"), ("xml:base", &link)],
        &markdown::html(&b.body, &it.links, site.config.markdown.unsafe_html),
    );
    x.close("entry");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_table() {
        let cases = [
            ("a<b>&c", "a&lt;b&gt;&amp;c"),
            ("“引号” \"q\" 'a'", "“引号” &quot;q&quot; &apos;a&apos;"),
            ("tab\tnl\n", "tab\tnl\n"),
            ("bell\u{7}\u{FFFF}x", "bellx"),
        ];
        for (text, want) in cases {
            let mut s = String::new();
            escape_into(&mut s, text);
            assert_eq!(s, want, "{text:?}");
        }
    }

    #[test]
    fn writer_nests_and_escapes_attributes() {
        let mut x = Xml::new();
        x.open("a", &[("k", "<\"&>")]);
        x.text("b", &[], "1 < 2");
        x.empty("c", &[("href", "https://e.org/?a=1&b=2")]);
        x.close("a");
        let s = String::from_utf8(x.finish()).unwrap();
        assert_eq!(
            s,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a k=\"&lt;&quot;&amp;&gt;\">\n  <b>1 &lt; 2</b>\n  <c href=\"https://e.org/?a=1&amp;b=2\"/>\n</a>\n"
        );
    }
}
