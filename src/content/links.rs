//! Links and images as written in a content file, with their positions:
//! what `check` follows to find broken links and missing images.
//!
//! Takes a file's normalised text; gives every Markdown link and image
//! destination with the line, column and length of the destination in the
//! whole file. Pure. Raw HTML (`<img src>`) is not followed.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::frontmatter;

/// A link or image destination as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The destination, e.g. `../2024/other.md` or `img/a.png`.
    pub dest: String,
    /// Whether it is an image (`![…](…)`).
    pub image: bool,
    /// 1-based line in the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Length of the destination as written, in characters.
    pub len: usize,
}

/// Every link and image in the body of `text` (a whole content file).
pub fn scan(text: &str) -> Vec<LinkRef> {
    // Most bulletins link nowhere: skip the second Markdown pass for them.
    if !text.contains("](") && !text.contains("]:") {
        return Vec::new();
    }
    let Ok(split) = frontmatter::split(std::path::Path::new(""), text) else {
        return Vec::new();
    };
    let offset = text.len() - split.body.len();
    let body = split.body;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let (dest, image, kind) = match event {
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => (dest_url, false, link_type),
            Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => (dest_url, true, link_type),
            _ => continue,
        };
        if matches!(kind, LinkType::Autolink | LinkType::Email) {
            continue;
        }
        let written = &body[range.clone()];
        // `[text](dest)`: the destination is the last place it is written;
        // a reference link (`[text][ref]`) underlines what is written here.
        let (start, len) = match written.rfind(dest.as_ref()).filter(|_| !dest.is_empty()) {
            Some(i) => (range.start + i, dest.chars().count()),
            None => {
                let first = written.lines().next().unwrap_or("");
                (range.start, first.chars().count())
            }
        };
        let before = &text[..offset + start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        out.push(LinkRef {
            dest: dest.to_string(),
            image,
            line,
            col,
            len,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_images_with_positions() {
        let text = "---\ntitle: 标题\n---\n见[另一篇](../2024/other.md)和图：\n\n![现场](img/a.png \"标题\")\n\n[参考][r] <https://example.org/>\n\n[r]: /bulletins/x/\n";
        let refs = scan(text);
        let got: Vec<(&str, bool, usize, usize, usize)> = refs
            .iter()
            .map(|r| (r.dest.as_str(), r.image, r.line, r.col, r.len))
            .collect();
        assert_eq!(
            got,
            vec![
                ("../2024/other.md", false, 4, 8, 16),
                ("img/a.png", true, 6, 7, 9),
                ("/bulletins/x/", false, 8, 1, 7),
            ]
        );
    }

    #[test]
    fn nothing_to_find() {
        assert!(scan("---\ntitle: a\n---\n正文。\n").is_empty());
        assert!(scan("没有前言](x.md)").is_empty());
    }
}
