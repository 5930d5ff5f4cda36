//! Import: the body's blocks → Markdown, with the images named in
//! document order.
//!
//! Takes the blocks left after [`super::masthead`], the footnotes and the
//! image parts; gives the Markdown text, the image files to write beside
//! it (`photo-1.jpg`, `photo-2.png`: the original bytes) and the images
//! left out (EMF/WMF drawings no browser shows). An image alone in its
//! paragraph is written `![图为…](photo-1.jpg "（张三 摄）")` when the
//! paragraph after it reads as its caption (`图为…`, `（…摄）`); that
//! paragraph is then not repeated. Pure.

use super::model::{Block, Cell, Inline, Media, Para};

/// The Markdown of a body and the files it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Converted {
    /// The Markdown text, ending in a newline.
    pub text: String,
    /// Images to write beside it: file name and bytes.
    pub images: Vec<(String, Vec<u8>)>,
    /// How many images had a caption.
    pub captions: usize,
    /// Images left out: their formats (`emf`).
    pub skipped: Vec<String>,
    /// How many tables.
    pub tables: usize,
}

/// Formats a browser shows.
const SHOWN: [&str; 5] = ["jpg", "png", "gif", "webp", "bmp"];

struct Writer<'a> {
    media: &'a [Media],
    out: Converted,
    blocks: Vec<String>,
}

/// Converts `body`.
pub fn convert(body: &[Block], notes: &[(String, String)], media: &[Media]) -> Converted {
    let mut w = Writer {
        media,
        out: Converted::default(),
        blocks: Vec::new(),
    };
    let mut i = 0;
    while i < body.len() {
        match &body[i] {
            Block::Table(rows) => {
                w.out.tables += 1;
                let t = table(rows);
                w.blocks.push(t);
            }
            Block::Para(p) if p.list.is_some() => {
                let mut items = Vec::new();
                while let Some(Block::Para(q)) = body.get(i).filter(|_| is_item(&body[i])) {
                    items.push(item(q));
                    i += 1;
                }
                w.blocks.push(items.join("\n"));
                continue;
            }
            Block::Para(p) => {
                let next = match body.get(i + 1) {
                    Some(Block::Para(n)) => caption(n),
                    _ => None,
                };
                if w.paragraph(p, next.as_ref()) {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    let used: Vec<&(String, String)> = (notes.iter())
        .filter(|(id, _)| w.blocks.iter().any(|b| b.contains(&format!("[^{id}]"))))
        .collect();
    for (id, text) in used {
        w.blocks.push(format!("[^{id}]: {}", escape(text)));
    }
    w.out.text = w.blocks.join("\n\n") + "\n";
    w.out
}

fn is_item(b: &Block) -> bool {
    matches!(b, Block::Para(p) if p.list.is_some())
}

fn item(p: &Para) -> String {
    let list = p.list.unwrap_or(super::model::ListItem {
        ordered: false,
        level: 0,
    });
    let indent = "   ".repeat(list.level);
    let mark = if list.ordered { "1." } else { "-" };
    format!("{indent}{mark} {}", inlines(&p.inlines))
}

/// The caption a paragraph gives the image before it: (text, credit).
fn caption(p: &Para) -> Option<(String, String)> {
    let whole = p.text();
    let t = strip_indent(&whole).trim_end();
    if t.is_empty() || !p.images().is_empty() || t.chars().count() > 120 {
        return None;
    }
    let credit_at = t.rfind(['（', '(']).filter(|&j| {
        let c = &t[j..];
        c.ends_with(['）', ')']) && (c.contains('摄') || c.contains("供图"))
    });
    let (text, credit) = match credit_at {
        Some(j) => (t[..j].trim_end(), t[j..].to_string()),
        None => (t, String::new()),
    };
    let is_caption = ["图为", "图：", "图:", "上图", "下图", "图片：", "照片："]
        .iter()
        .any(|s| text.starts_with(s));
    (is_caption || !credit.is_empty()).then(|| (text.to_string(), credit))
}

impl Writer<'_> {
    /// Writes `p`; returns whether it used `caption` (the next paragraph).
    fn paragraph(&mut self, p: &Para, caption: Option<&(String, String)>) -> bool {
        let images = p.images();
        let alone = images.len() == 1 && p.text().trim().is_empty();
        let mut used = false;
        for id in images {
            let Some(file) = self.image(id) else { continue };
            let line = match caption.filter(|_| alone) {
                Some((text, credit)) => {
                    used = true;
                    self.out.captions += 1;
                    let title = if credit.is_empty() {
                        String::new()
                    } else {
                        format!(" \"{}\"", credit.replace('"', "'"))
                    };
                    format!("![{}]({file}{title})", escape(text))
                }
                None => format!("![]({file})"),
            };
            self.blocks.push(line);
        }
        let text = inlines(&p.inlines);
        let text = strip_indent(&text);
        if !text.trim().is_empty() {
            let text = match p.heading.filter(|_| !p.title) {
                Some(level) => format!(
                    "{} {}",
                    "#".repeat(usize::from(level.min(5)) + 1),
                    text.trim()
                ),
                None if is_section_head(p) => format!("## {}", p.text().trim()),
                None => guard_start(text.trim_end()),
            };
            self.blocks.push(text);
        }
        used
    }

    /// The file name of the image `id`, once written; `None` when it is
    /// missing or a format browsers do not show.
    fn image(&mut self, id: &str) -> Option<String> {
        let m = self.media.iter().find(|m| m.id == id)?;
        if !SHOWN.contains(&m.ext.as_str()) {
            self.out.skipped.push(m.ext.clone());
            return None;
        }
        let name = format!("photo-{}.{}", self.out.images.len() + 1, m.ext);
        self.out.images.push((name.clone(), m.bytes.clone()));
        Some(name)
    }
}

/// A short paragraph all in bold that does not end a sentence: how
/// editors write section heads (`一、主要做法`) without heading styles.
fn is_section_head(p: &Para) -> bool {
    let t = p.text();
    let t = t.trim();
    p.all_bold() && t.chars().count() <= 30 && !t.ends_with(['。', '！', '？', '；', '：', '，'])
}

/// Without the spaces editors indent paragraphs with (full-width or not).
fn strip_indent(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// Escapes what Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\*_[]`<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph that would start a heading, list or quote starts escaped.
fn guard_start(text: &str) -> String {
    let starts_block = text.starts_with(['#', '-', '+', '>', '='])
        || text.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.chars().all(|c| c.is_ascii_digit())
        });
    if starts_block {
        let mut chars = text.char_indices();
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            let at = chars
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(0, |(i, _)| i);
            return format!("{}\\{}", &text[..at], &text[at..]);
        }
        return format!("\\{text}");
    }
    text.to_string()
}

/// The Markdown of a paragraph's pieces (images left out).
fn inlines(items: &[Inline]) -> String {
    let mut out = String::new();
    for i in items {
        match i {
            Inline::Text { text, bold, italic } => {
                let mark = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                let core = text.trim();
                if mark.is_empty() || core.is_empty() {
                    out.push_str(&escape(text));
                } else {
                    let lead = &text[..text.len() - text.trim_start().len()];
                    let tail = &text[text.trim_end().len()..];
                    out.push_str(&format!(
                        "{}{mark}{}{mark}{}",
                        escape(lead),
                        escape(core),
                        escape(tail)
                    ));
                }
            }
            Inline::Link { url, text } => {
                let url = url.replace(' ', "%20").replace(')', "%29");
                out.push_str(&format!("[{}]({url})", escape(text)));
            }
            Inline::Note(id) => out.push_str(&format!("[^{id}]")),
            Inline::Break => out.push_str("\\\n"),
            Inline::Image(_) => {}
        }
    }
    out
}

/// A Markdown table; the first row is the header. A cell spanning columns
/// is followed by empty cells; a cell merged with the one above repeats
/// its text, so each row reads on its own.
fn table(rows: &[Vec<Cell>]) -> String {
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let mut line: Vec<String> = Vec::new();
        for cell in row {
            let col = line.len();
            let text = if cell.merged_up {
                grid.last()
                    .and_then(|above| above.get(col))
                    .cloned()
                    .unwrap_or_default()
            } else {
                let parts: Vec<String> = (cell.paras.iter())
                    .map(|p| {
                        strip_indent(&inlines(&p.inlines))
                            .trim()
                            .replace("\\\n", " ")
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                parts.join(" ")
            };
            line.push(text);
            line.extend((1..cell.span.max(1)).map(|_| String::new()));
        }
        grid.push(line);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = Vec::new();
    for (i, mut row) in grid.into_iter().enumerate() {
        row.resize(width, String::new());
        out.push(format!("| {} |", row.join(" | ")));
        if i == 0 {
            out.push(format!("|{}", "---|".repeat(width)));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::ListItem;

    fn text(t: &str, bold: bool) -> Inline {
        Inline::Text {
            text: t.into(),
            bold,
            italic: false,
        }
    }

    fn p(items: Vec<Inline>) -> Block {
        Block::Para(Para {
            inlines: items,
            ..Para::default()
        })
    }

    #[test]
    fn paragraphs_emphasis_lists_links_notes() {
        let item = |t: &str, ordered| {
            Block::Para(Para {
                inlines: vec![text(t, false)],
                list: Some(ListItem { ordered, level: 0 }),
                ..Para::default()
            })
        };
        let body = vec![
            p(vec![
                text("　　全市", false),
                text("411家", true),
                text("企业参与", false),
                Inline::Note("1".into()),
            ]),
            p(vec![text("一、主要做法", true)]),
            item("排查", true),
            item("整改", true),
            p(vec![
                Inline::Link {
                    url: "https://example.org/a b".into(),
                    text: "通知".into(),
                },
                text("见*附件*", false),
            ]),
            p(vec![text("1. 不是列表", false)]),
        ];
        let c = convert(
            &body,
            &[("1".into(), "据统计。".into()), ("2".into(), "未用".into())],
            &[],
        );
        assert_eq!(
            c.text,
            "全市**411家**企业参与[^1]\n\n## 一、主要做法\n\n1. 排查\n1. 整改\n\n[通知](https://example.org/a%20b)见\\*附件\\*\n\n1\\. 不是列表\n\n[^1]: 据统计。\n"
        );
    }

    #[test]
    fn images_take_the_caption_after_them() {
        let media = vec![
            Media {
                id: "r1".into(),
                ext: "jpg".into(),
                bytes: vec![1],
            },
            Media {
                id: "r2".into(),
                ext: "png".into(),
                bytes: vec![2],
            },
            Media {
                id: "r3".into(),
                ext: "emf".into(),
                bytes: vec![3],
            },
        ];
        let body = vec![
            p(vec![Inline::Image("r1".into())]),
            p(vec![text("图为职工开展应急演练（张三 摄）", false)]),
            p(vec![Inline::Image("r3".into())]),
            p(vec![Inline::Image("r2".into())]),
            p(vec![text("这是正文。", false)]),
        ];
        let c = convert(&body, &[], &media);
        assert_eq!(
            c.text,
            "![图为职工开展应急演练](photo-1.jpg \"（张三 摄）\")\n\n![](photo-2.png)\n\n这是正文。\n"
        );
        assert_eq!(
            c.images,
            [
                ("photo-1.jpg".to_string(), vec![1]),
                ("photo-2.png".to_string(), vec![2])
            ]
        );
        assert_eq!(
            (c.captions, c.skipped.as_slice()),
            (1, ["emf".to_string()].as_slice())
        );
    }

    #[test]
    fn tables_with_merged_cells() {
        let cell = |t: &str, span, merged_up| Cell {
            paras: vec![Para {
                inlines: vec![text(t, false)],
                ..Para::default()
            }],
            span,
            merged_up,
        };
        let rows = vec![
            vec![cell("地区", 1, false), cell("企业", 2, false)],
            vec![
                cell("宜宾", 1, false),
                cell("411", 1, false),
                cell("家", 1, false),
            ],
            vec![cell("", 1, true), cell("a|b", 1, false), cell("", 1, false)],
        ];
        assert_eq!(
            table(&rows),
            "| 地区 | 企业 |  |\n|---|---|---|\n| 宜宾 | 411 | 家 |\n| 宜宾 | a\\|b |  |"
        );
    }
}
