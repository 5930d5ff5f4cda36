//! Import: `word/document.xml` → blocks of the [`super::model`].
//!
//! Takes the XML events of the body, the styles (id → name, heading level)
//! and the lists (numId, level → numbered or not); gives paragraphs and
//! tables. Text boxes (a masthead drawn in one) become paragraphs of their
//! own, before the paragraph that anchors them; of an `mc:AlternateContent`
//! only the first choice is read, so a text box WPS also writes as a VML
//! fallback is not read twice. Pure.

use std::collections::BTreeMap;

use super::model::{Block, Cell, Inline, ListItem, Para};
use super::xml::{Element, Ev};

/// What the body needs from the rest of the package.
#[derive(Debug, Default)]
pub struct Context {
    /// Style id → (name, heading level, title).
    pub styles: BTreeMap<String, Style>,
    /// (numId, level) → numbered.
    pub lists: BTreeMap<(String, usize), bool>,
    /// Relationship id → external target (hyperlinks).
    pub links: BTreeMap<String, String>,
}

/// A paragraph style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// Its name (`heading 1`, `标题 1`, `Title`).
    pub name: String,
    /// Heading level, from the name or its outline level.
    pub heading: Option<u8>,
    /// The title style.
    pub title: bool,
    /// Centred by the style.
    pub centered: bool,
}

#[derive(Default)]
struct Run {
    bold: bool,
    italic: bool,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    run: Run,
    in_text: bool,
    /// Depth inside the parts skipped (deleted text, fallbacks, properties of marks).
    skip: usize,
    num: Option<(String, usize)>,
    link: Option<(String, String)>,
    boxes: usize,
}

/// Elements whose content is never read.
const SKIPPED: [&str; 5] = ["Fallback", "del", "instrText", "rPrChange", "pPrChange"];

/// The blocks of the body given by `events`.
pub fn blocks(events: &[Ev], cx: &Context) -> Vec<Block> {
    let mut s = State::default();
    let mut stack: Vec<&str> = Vec::new();
    for ev in events {
        match ev {
            Ev::Start(e) => {
                if s.skip > 0 || SKIPPED.contains(&e.name.as_str()) {
                    s.skip += 1;
                } else {
                    start(&mut s, e, &stack, cx);
                }
                stack.push(e.name.as_str());
            }
            Ev::End(name) => {
                stack.pop();
                if s.skip > 0 {
                    s.skip -= 1;
                } else {
                    end(&mut s, name, cx);
                }
            }
            Ev::Text(t) if s.in_text && s.skip == 0 => text(&mut s, t),
            Ev::Text(_) => {}
        }
    }
    s.blocks
}

fn text(s: &mut State, t: &str) {
    if let Some((_, shown)) = &mut s.link {
        shown.push_str(t);
        return;
    }
    let Some(p) = s.paras.last_mut() else { return };
    let (bold, italic) = (s.run.bold, s.run.italic);
    match p.inlines.last_mut() {
        Some(Inline::Text {
            text,
            bold: b,
            italic: i,
        }) if *b == bold && *i == italic => text.push_str(t),
        _ => p.inlines.push(Inline::Text {
            text: t.to_string(),
            bold,
            italic,
        }),
    }
}

fn inside(stack: &[&str], name: &str) -> bool {
    stack.contains(&name)
}

fn start(s: &mut State, e: &Element, stack: &[&str], cx: &Context) {
    let in_ppr = inside(stack, "pPr") && !inside(stack, "rPr");
    let in_rpr = inside(stack, "rPr") && !inside(stack, "pPr");
    let name = e.name.as_str();
    match name {
        "p" => s.paras.push(Para {
            in_box: s.boxes > 0,
            ..Para::default()
        }),
        "txbxContent" => s.boxes += 1,
        "tbl" => s.tables.push(Table::default()),
        "tr" => {
            if let Some(t) = s.tables.last_mut() {
                t.rows.push(Vec::new());
            }
        }
        "tc" => {
            if let Some(row) = s.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                row.push(Cell {
                    span: 1,
                    ..Cell::default()
                });
            }
        }
        "gridSpan" => {
            let span = e.attr("val").and_then(|v| v.parse().ok()).unwrap_or(1);
            if let Some(c) = last_cell(s) {
                c.span = span;
            }
        }
        "vMerge" => {
            if let Some(c) = last_cell(s) {
                c.merged_up = e.attr("val") != Some("restart");
            }
        }
        "r" => s.run = Run::default(),
        "t" => s.in_text = true,
        "tab" if !in_ppr => text(s, "\t"),
        "hyperlink" => {
            let url = match (e.attr("id"), e.attr("anchor")) {
                (Some(id), _) => cx.links.get(id).cloned().unwrap_or_default(),
                (None, Some(a)) => format!("#{a}"),
                _ => String::new(),
            };
            s.link = Some((url, String::new()));
        }
        _ => inline_or_property(s, e, in_ppr, in_rpr, cx),
    }
}

/// A break, image or note reference in the paragraph, or a property of
/// the paragraph or of the run.
fn inline_or_property(s: &mut State, e: &Element, in_ppr: bool, in_rpr: bool, cx: &Context) {
    let Some(p) = s.paras.last_mut() else { return };
    let name = e.name.as_str();
    let inline = match name {
        "br" | "cr" if e.attr("type").is_none_or(|t| t == "textWrapping") => Some(Inline::Break),
        "blip" => e.attr("embed").map(|id| Inline::Image(id.to_string())),
        "imagedata" => e.attr("id").map(|id| Inline::Image(id.to_string())),
        "footnoteReference" => e.attr("id").map(|id| Inline::Note(id.to_string())),
        // A line drawn as a shape: how many mastheads draw their red rule.
        "line" | "prstGeom"
            if name == "line" || matches!(e.attr("prst"), Some("line" | "straightConnector1")) =>
        {
            p.rule_below = true;
            None
        }
        "srgbClr" if p.rule_below => {
            p.red |= e.attr("val").is_some_and(is_red);
            None
        }
        _ if in_ppr => {
            paragraph_property(p, name, e, cx, &mut s.num);
            None
        }
        _ if in_rpr => {
            run_property(p, &mut s.run, name, e);
            None
        }
        _ => None,
    };
    p.inlines.extend(inline);
}

fn last_cell(s: &mut State) -> Option<&mut Cell> {
    s.tables.last_mut()?.rows.last_mut()?.last_mut()
}

fn paragraph_property(
    p: &mut Para,
    name: &str,
    e: &Element,
    cx: &Context,
    num: &mut Option<(String, usize)>,
) {
    match name {
        "pStyle" => {
            let id = e.attr("val").unwrap_or_default();
            let style = cx.styles.get(id).cloned().unwrap_or_else(|| Style {
                name: id.to_string(),
                heading: heading_of_name(id),
                title: is_title_name(id),
                centered: false,
            });
            p.style = style.name;
            p.heading = p.heading.or(style.heading);
            p.title = style.title;
            p.centered |= style.centered;
        }
        "jc" => p.centered = matches!(e.attr("val"), Some("center")),
        "outlineLvl" => {
            let lvl: Option<u8> = e.attr("val").and_then(|v| v.parse().ok());
            p.heading = lvl.filter(|l| *l < 6).map(|l| l + 1);
        }
        "numId" => {
            let id = e.attr("val").unwrap_or("0").to_string();
            let level = num.take().map_or(0, |n| n.1);
            *num = Some((id, level));
        }
        "ilvl" => {
            let level = e.attr("val").and_then(|v| v.parse().ok()).unwrap_or(0);
            let id = num.take().map(|n| n.0).unwrap_or_default();
            *num = Some((id, level));
        }
        "bottom" => {
            p.rule_below = e.attr("val").is_some_and(|v| v != "none" && v != "nil");
            p.red |= e.attr("color").is_some_and(is_red);
        }
        _ => {}
    }
}

fn run_property(p: &mut Para, run: &mut Run, name: &str, e: &Element) {
    match name {
        "b" => run.bold = e.on(),
        "i" => run.italic = e.on(),
        "sz" => {
            let size = e.attr("val").and_then(|v| v.parse().ok()).unwrap_or(0);
            p.size = p.size.max(size);
        }
        "color" => p.red |= e.attr("val").is_some_and(is_red),
        _ => {}
    }
}

/// Whether a colour written `RRGGBB` is a red (masthead red is FF0000, C00000 …).
pub fn is_red(hex: &str) -> bool {
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (byte(0), byte(2), byte(4)) {
        (Some(r), Some(g), Some(b)) => r >= 0xB0 && g < 0x50 && b < 0x50,
        _ => false,
    }
}

fn end(s: &mut State, name: &str, cx: &Context) {
    match name {
        "t" => s.in_text = false,
        "txbxContent" => s.boxes = s.boxes.saturating_sub(1),
        "hyperlink" => {
            if let (Some((url, text)), Some(p)) = (s.link.take(), s.paras.last_mut()) {
                p.inlines.push(if url.is_empty() || url.starts_with('#') {
                    Inline::Text {
                        text,
                        bold: false,
                        italic: false,
                    }
                } else {
                    Inline::Link { url, text }
                });
            }
        }
        "p" => {
            let Some(mut p) = s.paras.pop() else { return };
            if let Some((id, level)) = s.num.take().filter(|n| n.0 != "0") {
                let ordered = cx.lists.get(&(id, level)).copied().unwrap_or(false);
                p.list = Some(ListItem { ordered, level });
            }
            if let Some(c) = last_cell(s) {
                c.paras.push(p);
            } else {
                s.blocks.push(Block::Para(p));
            }
        }
        "tbl" => {
            let Some(t) = s.tables.pop() else { return };
            let block = Block::Table(t.rows);
            // A table inside a table reads as paragraphs of the outer cell.
            match last_cell(s) {
                Some(c) => c.paras.extend(flatten(block)),
                None => s.blocks.push(block),
            }
        }
        _ => {}
    }
}

fn flatten(block: Block) -> Vec<Para> {
    match block {
        Block::Para(p) => vec![p],
        Block::Table(rows) => rows.into_iter().flatten().flat_map(|c| c.paras).collect(),
    }
}

/// The heading level a style named `name` stands for: `heading 2`,
/// `Heading2`, `标题 2`, `标题2` → 2.
pub fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    rest.trim().parse().ok().filter(|n| (1..=6).contains(n))
}

/// Whether a style named `name` is the title style.
pub fn is_title_name(name: &str) -> bool {
    matches!(name.to_lowercase().trim(), "title" | "标题" | "主标题")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xml::events;

    fn read(body: &str) -> Vec<Block> {
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        blocks(&events(&xml).unwrap(), &Context::default())
    }

    fn para(b: &Block) -> &Para {
        match b {
            Block::Para(p) => p,
            Block::Table(_) => panic!("{b:?}"),
        }
    }

    #[test]
    fn runs_styles_and_properties() {
        let b = read(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr><w:t>标</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>题</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t xml:space="preserve">斜 </w:t></w:r><w:del><w:r><w:t>删</w:t></w:r></w:del></w:p>"#,
        ));
        let p = para(&b[0]);
        assert_eq!(
            (p.heading, p.centered, p.size, p.text().as_str()),
            (Some(2), true, 44, "标题")
        );
        assert!(p.all_bold());
        assert_eq!(
            para(&b[1]).inlines,
            [Inline::Text {
                text: "斜 ".into(),
                bold: false,
                italic: true
            }]
        );
    }

    #[test]
    fn text_boxes_come_out_before_their_anchor_and_fallbacks_are_skipped() {
        let b = read(concat!(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent>"#,
            r#"<w:p><w:r><w:t>简讯</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>简讯</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        ));
        let texts: Vec<_> = b.iter().map(|b| (para(b).text(), para(b).in_box)).collect();
        assert_eq!(
            texts,
            [("简讯".to_string(), true), ("正文".to_string(), false)]
        );
    }

    #[test]
    fn a_red_line_drawn_as_a_shape_is_a_rule() {
        let b = read(concat!(
            r#"<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:spPr><a:prstGeom prst="line"/>"#,
            r#"<a:ln><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"#,
            r#"<w:p><w:r><w:pict><v:line strokecolor="red"/></w:pict></w:r></w:p><w:p/>"#,
        ));
        let rules: Vec<_> = b
            .iter()
            .map(|b| (para(b).rule_below, para(b).red))
            .collect();
        assert_eq!(rules, [(true, true), (true, false), (false, false)]);
    }

    #[test]
    fn tables_with_merged_cells() {
        let b = read(concat!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
        ));
        let Block::Table(rows) = &b[0] else { panic!() };
        assert_eq!(rows[0][0].span, 2);
        assert!(!rows[1][0].merged_up && rows[2][0].merged_up);
    }

    #[test]
    fn style_names_and_reds() {
        assert_eq!(heading_of_name("标题 1"), Some(1));
        assert_eq!(heading_of_name("heading 3"), Some(3));
        assert_eq!(heading_of_name("Normal"), None);
        assert!(is_title_name("Title") && is_title_name("标题"));
        assert!(is_red("FF0000") && is_red("C00000") && !is_red("000000") && !is_red("auto"));
    }
}
