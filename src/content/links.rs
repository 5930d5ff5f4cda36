//! Links and images as written in a content file, with their positions:
//! what `check` follows to find broken links and missing images.
//!
//! Takes a file's normalised text; gives every Markdown link and image
//! destination with the line, column and length of the destination in the
//! whole file. Pure. Raw HTML (`<img src>`) is not followed.
//!
//! Positions cost time linear in the file, however many links it holds: a
//! long bulletin with a link in every paragraph must not rescan the file
//! from its start for each one.

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
    /// Whether it is an image written without a description (`![](…)`).
    pub undescribed: bool,
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
    let mut positions = Positions::new(text);
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
        // `[text](dest "title")`: the destination follows the last `](`. One
        // written otherwise (`&#10;`, or a reference link `[text][ref]`)
        // underlines the link as written here.
        // It is written right there, after any spaces and a `<`; found
        // anywhere later, it would be other text that reads the same (a
        // line break for `&#10;`).
        let after = written.rfind("](").map_or(0, |i| i + 2);
        let rest = written[after..].trim_start();
        let lead = written.len() - after - rest.len() + usize::from(rest.starts_with('<'));
        let found = (written[after + lead..].starts_with(dest.as_ref()) && !dest.is_empty())
            .then_some(lead);
        let (start, len) = match found {
            Some(i) => (range.start + after + i, dest.chars().count()),
            None => {
                let first = written.lines().next().unwrap_or("");
                (range.start, first.chars().count())
            }
        };
        let (line, col) = positions.at(offset + start);
        let undescribed = image && written.starts_with("![]");
        out.push(LinkRef {
            dest: dest.to_string(),
            image,
            undescribed,
            line,
            col,
            len,
        });
    }
    out
}

/// Line and column of byte offsets in one text. Lines are found by binary
/// search over their start offsets; columns are counted from the line start,
/// or from the previous offset when it lies earlier on the same line, so
/// offsets given in increasing order cost one pass over the text.
pub(crate) struct Positions<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The last offset asked for: (byte, 0-based line, 1-based column).
    last: (usize, usize, usize),
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Positions {
            text,
            starts,
            last: (0, 0, 1),
        }
    }

    /// 1-based line and column (in characters) of the byte offset `at`,
    /// which must lie on a character boundary of the text.
    pub(crate) fn at(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let (from, col) = match self.last {
            (byte, l, col) if l == line && byte <= at => (byte, col),
            _ => (self.starts[line], 1),
        };
        let col = col + self.text.get(from..at).map_or(0, |s| s.chars().count());
        self.last = (at, line, col);
        (line + 1, col)
    }
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
    fn a_destination_written_otherwise_points_at_the_link() {
        // `&#10;` reads as a line break: the break after it is not where the
        // destination is written, the link is.
        let found: Vec<_> = scan("---\ntitle: a\n---\n[r](&#10;\n)")
            .into_iter()
            .map(|r| (r.dest, r.line, r.col))
            .collect();
        assert_eq!(found, [("\n".to_string(), 4, 1)]);
        // Spaces and `<` before a destination are passed over.
        let found: Vec<_> = scan("---\ntitle: a\n---\n[a](  <x.md>)")
            .into_iter()
            .map(|r| (r.line, r.col, r.len))
            .collect();
        assert_eq!(found, [(4, 8, 4)]);
    }

    #[test]
    fn nothing_to_find() {
        assert!(scan("---\ntitle: a\n---\n正文。\n").is_empty());
        assert!(scan("没有前言](x.md)").is_empty());
    }

    /// Line and column of `at` by counting from the start: the reference.
    fn naive(text: &str, at: usize) -> (usize, usize) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        (
            line,
            before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        )
    }

    #[test]
    fn positions_agree_with_counting_from_the_start() {
        let texts = [
            "",
            "a",
            "\n",
            "\n\n\n",
            "宜宾\n厦门市\n",
            "一行\n\n第三行有[链接](a.md)和[另一个](b.md)\n末行无换行",
            "ascii and 汉字 mixed\n\t tab\n  ",
        ];
        for text in texts {
            let offsets: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            // In order, in reverse, and jumping about: any order is right.
            let mut jumbled = offsets.clone();
            jumbled.sort_by_key(|&i| (i % 3, std::cmp::Reverse(i)));
            for order in [
                offsets.clone(),
                offsets.iter().rev().copied().collect(),
                jumbled,
            ] {
                let mut p = Positions::new(text);
                for at in order {
                    assert_eq!(p.at(at), naive(text, at), "{text:?} at {at}");
                }
            }
        }
    }

    #[test]
    fn links_on_one_line_and_inside_each_other() {
        // The link around an image is reported before the image, though its
        // destination comes after the image's.
        let text = "---\ntitle: 标题\n---\n[![图](img/a.png)](../b.md) 和[乙](c.md)，[丙](c.md)\n";
        let got: Vec<(String, usize, usize)> = scan(text)
            .into_iter()
            .map(|r| (r.dest, r.line, r.col))
            .collect();
        let want = [
            ("../b.md", 4, 19),
            ("img/a.png", 4, 7),
            ("c.md", 4, 33),
            ("c.md", 4, 43),
        ];
        let want: Vec<(String, usize, usize)> = want
            .iter()
            .map(|&(d, l, c)| (d.to_string(), l, c))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn destinations_are_found_where_they_are_written() {
        // `body | destination | line | column` (the body starts on line 4).
        let cases = [
            ("[a.md](a.md \"a.md\")", "a.md", 4, 8),
            ("[见 x.md 和 y](x.md)", "x.md", 4, 14),
            // Written otherwise: the link's start.
            ("![[r]: /x/\n](&#10;)", "\n", 4, 1),
            ("前言[链接](a&#46;md)", "a.md", 4, 3),
            ("[引用][r]\n\n[r]: /x/", "/x/", 4, 1),
        ];
        for (body, dest, line, col) in cases {
            let refs = scan(&format!("---\ntitle: 标题\n---\n{body}"));
            let got: Vec<(&str, usize, usize)> = refs
                .iter()
                .map(|r| (r.dest.as_str(), r.line, r.col))
                .collect();
            assert_eq!(got, [(dest, line, col)], "{body}");
        }
    }

    #[test]
    fn a_link_in_every_paragraph_of_a_long_body() {
        // Quadratic before: every link counted the lines from the file start.
        let paragraphs = 40_000;
        let mut text = String::from("---\ntitle: 长文\n---\n");
        for i in 0..paragraphs {
            text.push_str(&format!("第{i}段，详见[另一篇](../2024/other.md)。\n\n"));
        }
        let refs = scan(&text);
        assert_eq!(refs.len(), paragraphs);
        for (i, r) in refs.iter().enumerate() {
            let col = format!("第{i}段，详见[另一篇](").chars().count() + 1;
            assert_eq!(
                (r.line, r.col, r.len),
                (4 + 2 * i, col, 16),
                "paragraph {i}"
            );
        }
    }
}
