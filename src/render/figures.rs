//! Render stage: photos as figures.
//!
//! Takes a parsed document, the site's photos and its link index; gives
//! the [`Figures`] of the document (each photo it shows, with its size and
//! the URLs of its variants) and, on the document's events, turns an
//! image alone in its paragraph into a `<figure>`:
//!
//! ```text
//! ![操作比武现场](bisai.jpg "决赛现场（张三 摄）")
//!
//! 图为选手进行应急处置操作。（李四 摄）
//! ```
//!
//! The caption is the paragraph right after the image when it reads like
//! one (it starts with `图为` or `图：`, or is only a credit such as
//! `（张三 摄）`), else the image's title (after the description when the
//! title is only a credit, as `import` writes it), else its description
//! (alt text). A credit at the end of the caption (`（张三 摄）`,
//! `（摄影：张三）`, `（宜宾市总工会 供图）`) is set apart. The figure's
//! `<picture>` offers the WebP copies to browsers that read WebP
//! (`<source>`) and the JPEG (or PNG) ones to all (`<img>`). An image
//! inside a sentence stays inline (its file is the processed copy all the
//! same). The first figure loads at once, later ones when they scroll
//! near (`loading="lazy"`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::content::markdown::{Doc, escape};
use crate::images::Photo;
use crate::site::Site;
use crate::site::links::Target;

/// How wide the text column is at most: the browser picks a variant for it.
const SIZES: &str = "(max-width: 48rem) calc(100vw - 2rem), 46rem";

/// One photo as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The URL of the largest variant.
    pub src: String,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// `url 480w, url 960w, …`.
    pub srcset: String,
    /// The same for the WebP copies; empty when there are none.
    pub webp_srcset: String,
}

/// The photos of one document: destination as written → figure.
pub type Figures = BTreeMap<String, Figure>;

/// The photo a destination written in `from` shows, if it is one.
fn photo_of(site: &Site, from: &Path, dest: &str) -> Option<Arc<Photo>> {
    match site.links.target(from, dest) {
        Target::File {
            published: Some(p), ..
        } => site.config.photos.get(&p).cloned(),
        _ => None,
    }
}

/// The figures of `doc`, written in `from`.
pub fn figures(site: &Site, from: &Path, doc: &Doc) -> Figures {
    if site.config.photos.is_empty() {
        return Figures::new();
    }
    let mut out = Figures::new();
    for dest in doc.dests() {
        let Some(photo) = photo_of(site, from, dest) else {
            continue;
        };
        let variants = photo.variants();
        let srcset = |vs: &[crate::images::Variant]| -> String {
            (vs.iter())
                .map(|v| format!("{} {}w", site.links.file_url(&v.name), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(largest) = variants.last() else {
            continue;
        };
        out.insert(
            dest.clone(),
            Figure {
                src: site.links.file_url(&largest.name),
                width: largest.width,
                height: largest.height,
                srcset: srcset(&variants),
                webp_srcset: srcset(&photo.webp_variants()),
            },
        );
    }
    out
}

/// The first photo `doc` shows, in reading order (what it is shared with).
pub fn first_photo(site: &Site, from: &Path, doc: &Doc) -> Option<Arc<Photo>> {
    if site.config.photos.is_empty() {
        return None;
    }
    doc.with_events(|ev| {
        ev.events.iter().find_map(|e| match e {
            Event::Start(Tag::Image { dest_url, .. }) => photo_of(site, from, dest_url),
            _ => None,
        })
    })
}

/// The image a page is shared with in chat apps (`og:image`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShareImage {
    /// Its absolute URL (root-relative when the site has no `base_url`).
    pub url: String,
    /// Width in pixels, when known.
    pub width: Option<u32>,
    /// Height in pixels, when known.
    pub height: Option<u32>,
}

/// The share image of the photo or file at site path `name`.
fn share_of(site: &Site, urls: &crate::urls::Urls, name: &str) -> ShareImage {
    let photo = site.config.photos.get(name).map(|p| p.share());
    let path = photo.as_ref().map_or(name, |v| v.name.as_str());
    let url = site.links.file_url(path);
    let rel = url.strip_prefix(urls.base_path()).unwrap_or(&url);
    ShareImage {
        url: urls.permalink(rel),
        width: photo.as_ref().map(|v| v.width),
        height: photo.as_ref().map(|v| v.height),
    }
}

/// The site's default share image (`share_image:` in jianxun.yaml).
pub fn site_share(site: &Site, urls: &crate::urls::Urls) -> Option<ShareImage> {
    let (name, _, _) = site.config.share_image.as_ref()?;
    Some(share_of(site, urls, name))
}

/// What bulletin `i` is shared with: its first photo, else the site's
/// default image; none without either.
pub fn share_image(view: &crate::render::view::View, i: usize) -> tera::Value {
    let site = view.site;
    let b = &site.items[i].bulletin;
    let urls = &view.shared.urls;
    let share = match first_photo(site, &b.path, &b.body) {
        Some(p) => Some(share_of(site, urls, &p.name)),
        None => site_share(site, urls),
    };
    match share {
        Some(s) => tera::Value::from_serializable(&s),
        None => tera::Value::none(),
    }
}

/// Whether a paragraph's text reads like a photo's caption.
fn is_caption(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("图为") || t.starts_with("图：") || (credit_at(t) == Some(0) && !t.is_empty())
}

/// Where a credit at the end of `text` starts (`（张三 摄）`, `(张三摄)`, `（摄影：张三）`).
fn credit_at(text: &str) -> Option<usize> {
    let t = text.trim_end();
    let (open, inner) = if let Some(body) = t.strip_suffix('）') {
        let i = body.rfind('（')?;
        (i, &body[i + '（'.len_utf8()..])
    } else if let Some(body) = t.strip_suffix(')') {
        let i = body.rfind('(')?;
        (i, &body[i + 1..])
    } else {
        return None;
    };
    let inner = inner.trim();
    let is_credit = (inner.ends_with('摄') && inner.chars().count() > 1)
        || (inner.ends_with("供图") && inner.chars().count() > 2)
        || (inner.starts_with("摄影") && inner.chars().count() > 3);
    is_credit.then_some(open)
}

/// A caption as HTML: the text, with a credit at its end set apart.
fn caption_html(text: &str) -> String {
    let text = text.trim();
    match credit_at(text) {
        Some(i) => {
            let (words, credit) = text.split_at(i);
            format!(
                "{}<span class=\"credit\">{}</span>",
                escape(words.trim_end()),
                escape(credit.trim())
            )
        }
        None => escape(text),
    }
}

/// The plain text of `events` (an image's description, a paragraph).
fn text_of(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// The length of the paragraph starting at `events[0]`, when it is one.
fn paragraph_len(events: &[Event]) -> Option<usize> {
    if !matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let end = events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    Some(end + 1)
}

/// The figure of the paragraph `para` (its events, start to end), when it
/// holds one photo and nothing else but spaces.
fn lone_photo<'a>(
    para: &'a [Event<'a>],
    figures: &'a Figures,
) -> Option<(&'a Figure, &'a str, String)> {
    let inner = &para[1..para.len() - 1];
    let start = inner.iter().position(|e| !is_blank(e))?;
    let end = inner.iter().rposition(|e| !is_blank(e))?;
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = &inner[start]
    else {
        return None;
    };
    if !matches!(inner[end], Event::End(TagEnd::Image)) {
        return None;
    }
    let alt = text_of(&inner[start + 1..end]);
    Some((figures.get(dest_url.as_ref())?, title.as_ref(), alt))
}

fn is_blank(e: &Event) -> bool {
    match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    }
}

/// `events` with every photo alone in its paragraph made a figure, and a
/// caption paragraph after it taken into the figure.
pub fn rewrite<'a>(events: Vec<Event<'a>>, figures: &Figures) -> Vec<Event<'a>> {
    if figures.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    let mut first = true;
    while i < events.len() {
        let Some(len) = paragraph_len(&events[i..]) else {
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let para = &events[i..i + len];
        let Some((fig, title, alt)) = lone_photo(para, figures) else {
            out.extend(para.iter().cloned());
            i += len;
            continue;
        };
        i += len;
        let next = paragraph_len(&events[i..]).map(|n| (n, text_of(&events[i..i + n])));
        let caption = match next {
            Some((n, text)) if is_caption(&text) => {
                i += n;
                text
            }
            // A title that is only a credit (as `import` writes it) credits
            // the description: `![图为…](a.jpg "（张三 摄）")`.
            _ if credit_at(title.trim()) == Some(0) && !alt.trim().is_empty() => {
                format!("{}{}", alt.trim(), title.trim())
            }
            _ if !title.trim().is_empty() => title.to_string(),
            _ => alt.clone(),
        };
        out.push(Event::Html(CowStr::from(figure_html(
            fig, &alt, &caption, first,
        ))));
        first = false;
    }
    out
}

/// One figure's HTML.
fn figure_html(fig: &Figure, alt: &str, caption: &str, first: bool) -> String {
    let alt = match alt.trim() {
        "" => caption[..credit_at(caption).unwrap_or(caption.len())]
            .trim()
            .to_string(),
        a => a.to_string(),
    };
    let loading = if first { "" } else { " loading=\"lazy\"" };
    let caption = if caption.trim().is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", caption_html(caption))
    };
    let img = format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"{loading} decoding=\"async\">",
        escape(&fig.src),
        escape(&fig.srcset),
        fig.width,
        fig.height,
        escape(&alt),
    );
    let img = match fig.webp_srcset.as_str() {
        "" => img,
        webp => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">{img}</picture>",
            escape(webp)
        ),
    };
    format!("<figure class=\"photo\">{img}{caption}</figure>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::parse;

    /// `a.jpg` has WebP copies, `b.jpg` (a long screenshot, say) none.
    fn figs() -> Figures {
        let f = |name: &str, webp: bool| Figure {
            src: format!("/b/{name}.jpg"),
            width: 1600,
            height: 1200,
            srcset: format!("/b/{name}-480w.jpg 480w, /b/{name}.jpg 1600w"),
            webp_srcset: match webp {
                true => format!("/b/{name}-480w.jpg.webp 480w, /b/{name}.jpg.webp 1600w"),
                false => String::new(),
            },
        };
        Figures::from([
            ("a.jpg".to_string(), f("a", true)),
            ("b.jpg".to_string(), f("b", false)),
        ])
    }

    fn html(md: &str) -> String {
        let doc = parse(md).doc;
        doc.with_events(|ev| {
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, rewrite(ev.events, &figs()).into_iter());
            s
        })
    }

    #[test]
    fn credits_are_found_at_the_end() {
        for (text, credit) in [
            ("比赛现场（张三 摄）", Some("（张三 摄）")),
            ("比赛现场(张三摄)", Some("(张三摄)")),
            ("比赛现场（摄影：张三）", Some("（摄影：张三）")),
            ("（张三 摄）", Some("（张三 摄）")),
            (
                "驿站现场（厦门市总工会 供图）",
                Some("（厦门市总工会 供图）"),
            ),
            ("驿站现场（供图）", None),
            ("比赛现场（决赛）", None),
            ("比赛现场（摄）", None),
            ("比赛现场", None),
        ] {
            assert_eq!(credit_at(text).map(|i| &text[i..]), credit, "{text}");
        }
    }

    /// `markdown | what the HTML must contain`.
    const CASES: &[(&str, &[&str])] = &[
        (
            "![操作比武现场](a.jpg \"决赛现场（张三 摄）\")\n",
            &[
                "<figure class=\"photo\"><picture><source type=\"image/webp\" srcset=\"/b/a-480w.jpg.webp 480w, /b/a.jpg.webp 1600w\" sizes=\"(max-width: 48rem) calc(100vw - 2rem), 46rem\"><img src=\"/b/a.jpg\"",
                "alt=\"操作比武现场\"",
                "width=\"1600\" height=\"1200\"",
                "srcset=\"/b/a-480w.jpg 480w, /b/a.jpg 1600w\"",
                "decoding=\"async\"></picture><figcaption>决赛现场<span class=\"credit\">（张三 摄）</span></figcaption></figure>",
            ],
        ),
        (
            "![操作比武现场](a.jpg)\n\n图为选手进行应急处置操作。（李四 摄）\n\n正文。\n",
            &[
                "<figcaption>图为选手进行应急处置操作。<span class=\"credit\">（李四 摄）</span></figcaption>",
                "<p>正文。</p>",
            ],
        ),
        (
            "![](a.jpg)\n\n（摄影：王五）\n",
            &[
                "<figcaption><span class=\"credit\">（摄影：王五）</span></figcaption>",
                "alt=\"\"",
            ],
        ),
        (
            "![图为职工在驿站领取防暑物资](a.jpg \"（厦门市总工会 供图）\")\n",
            &[
                "alt=\"图为职工在驿站领取防暑物资\"",
                "<figcaption>图为职工在驿站领取防暑物资<span class=\"credit\">（厦门市总工会 供图）</span></figcaption>",
            ],
        ),
        (
            "![现场](a.jpg)\n\n会议强调，要压实责任。\n",
            &[
                "<figcaption>现场</figcaption>",
                "<p>会议强调，要压实责任。</p>",
            ],
        ),
        (
            "见图![现场](a.jpg)所示。\n",
            &["<p>见图<img src=\"a.jpg\" alt=\"现场\" />所示。</p>"],
        ),
        (
            "![一](a.jpg)\n\n![二](b.jpg)\n",
            &[
                "<img src=\"/b/a.jpg\" srcset",
                "alt=\"一\" decoding=\"async\"></picture>",
                // No WebP copies: no <picture>.
                "<figure class=\"photo\"><img src=\"/b/b.jpg\"",
                "alt=\"二\" loading=\"lazy\" decoding=\"async\"><figcaption>",
            ],
        ),
        (
            "![外面的图](https://example.org/x.jpg)\n",
            &["<p><img src=\"https://example.org/x.jpg\" alt=\"外面的图\" /></p>"],
        ),
    ];

    #[test]
    fn photos_alone_in_a_paragraph_become_figures() {
        for (md, wants) in CASES {
            let out = html(md);
            for want in *wants {
                assert!(out.contains(want), "{md:?}\n{out}\nwanted {want}");
            }
        }
        // The caption paragraph is taken in, not repeated.
        assert_eq!(
            html("![x](a.jpg)\n\n图为现场。\n")
                .matches("图为现场")
                .count(),
            1
        );
        // A figure never sits inside a paragraph.
        assert!(!html("![x](a.jpg)\n").contains("<p>"));
    }
}
