//! Markdown → HTML, written for Chinese text.
//!
//! Takes a bulletin body; gives its HTML, the HTML before `<!-- more -->`
//! and its plain text (for automatic summaries). Beyond CommonMark:
//! emphasis next to Chinese punctuation works (`**注意：**正文`), a line
//! break between two Chinese characters adds no space, headings get ids
//! that keep Chinese text, unsafe link schemes are dropped, and raw HTML is
//! sanitised unless the site opts out. Quotes and dashes stay as typed.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Marks where emphasis delimiters were nudged; removed from the output.
const NUDGE: char = '\u{E000}';
const MORE: &str = "<!-- more -->";

/// A rendered Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The whole body as HTML.
    pub html: String,
    /// The HTML before a `<!-- more -->` marker, if there is one.
    pub before_more: Option<String>,
    /// The text without markup, for search.
    pub text: String,
    /// The text of paragraphs only (no headings, tables or code), for summaries.
    pub lead: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Wide (East Asian) characters: ideographs, kana, hangul and full-width punctuation.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0xFE30..=0xFE4F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_cjk_punct(c)
        || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Inserts [`NUDGE`] beside `*` runs that CommonMark's flanking rules would
/// leave literal only because of adjacent Chinese punctuation, so
/// `**注意：**正文` and `正文**“六个一”**活动` become emphasis. Code is left alone.
fn nudge_emphasis(md: &str) -> Option<String> {
    if !md.contains('*') || !md.chars().any(is_cjk_punct) {
        return None;
    }
    let code: Vec<std::ops::Range<usize>> = Parser::new_ext(md, options())
        .into_offset_iter()
        .filter(|(e, _)| {
            matches!(
                e,
                Event::Code(_)
                    | Event::Start(Tag::CodeBlock(_))
                    | Event::Html(_)
                    | Event::InlineHtml(_)
            )
        })
        .map(|(_, r)| r)
        .collect();
    // Code blocks: the Start event's range covers the whole block.
    let in_code = |i: usize| code.iter().any(|r| r.contains(&i));
    let chars: Vec<(usize, char)> = md.char_indices().collect();
    let mut out = String::with_capacity(md.len() + 16);
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c != '*' || in_code(at) {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].1 == '*' {
            i += 1;
        }
        let prev = start.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i).map(|x| x.1);
        let run: String = chars[start..i].iter().map(|x| x.1).collect();
        let cjk = |p: char, o: char| is_cjk_punct(p) || is_wide(o);
        match (prev, next) {
            // Closing after punctuation, before a letter: `：**正`.
            (Some(p), Some(n))
                if is_punct(p) && !n.is_whitespace() && !is_punct(n) && cjk(p, n) =>
            {
                out.push(NUDGE);
                out.push_str(&run);
                changed = true;
            }
            // Opening after a letter, before punctuation: `文**“`.
            (Some(p), Some(n))
                if is_punct(n) && !p.is_whitespace() && !is_punct(p) && cjk(n, p) =>
            {
                out.push_str(&run);
                out.push(NUDGE);
                changed = true;
            }
            _ => out.push_str(&run),
        }
    }
    changed.then_some(out)
}

/// Makes a heading id that keeps Chinese text: `一、压实责任` → `一压实责任`.
fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            matches!(&lower[..i], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

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
        .add_tag_attributes("img", ["loading", "width", "height"]);
    b
}

/// Renders Markdown to HTML. `unsafe_html` passes raw HTML through untouched.
pub fn render(md: &str, unsafe_html: bool) -> Rendered {
    let nudged = nudge_emphasis(md);
    let src = nudged.as_deref().unwrap_or(md);
    let mut events: Vec<Event> = Parser::new_ext(src, options()).collect();

    let mut has_raw_html = false;
    let mut more_at = None;
    let mut text = String::new();
    let mut lead = String::new();
    let mut depth_para = 0usize;
    let mut depth_skip = 0usize;
    let mut ids: HashSet<String> = HashSet::new();
    let mut drop = vec![false; events.len()];
    for i in 0..events.len() {
        match &events[i] {
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == MORE => {
                more_at.get_or_insert(i);
                drop[i] = true;
            }
            Event::Html(_) | Event::InlineHtml(_) => has_raw_html = true,
            Event::SoftBreak => {
                let before = last_char(&events[..i]);
                let after = first_char(&events[i + 1..]);
                if matches!((before, after), (Some(b), Some(a)) if is_wide(b) && is_wide(a)) {
                    drop[i] = true;
                } else {
                    text.push(' ');
                    if depth_para > 0 && depth_skip == 0 {
                        lead.push(' ');
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if depth_para > 0 && depth_skip == 0 {
                    lead.push_str(t);
                }
            }
            Event::Start(Tag::Paragraph) => depth_para += 1,
            Event::Start(
                Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. },
            ) => depth_skip += 1,
            Event::End(TagEnd::Table | TagEnd::FootnoteDefinition | TagEnd::CodeBlock) => {
                depth_skip = depth_skip.saturating_sub(1)
            }
            Event::End(
                e @ (TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell),
            ) => {
                if !text.ends_with(' ') && !text.is_empty() {
                    text.push(' ');
                }
                match e {
                    TagEnd::Paragraph => depth_para = depth_para.saturating_sub(1),
                    TagEnd::Heading(_) => depth_skip = depth_skip.saturating_sub(1),
                    _ => {}
                }
                // Chinese paragraphs join without a space; others with one.
                if depth_skip == 0
                    && !lead.is_empty()
                    && !lead.ends_with(' ')
                    && !lead.chars().last().is_some_and(is_wide)
                {
                    lead.push(' ');
                }
            }
            _ => {}
        }
        // Heading ids and link safety rewrite events in place.
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut title = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => title.push_str(t),
                    _ => {}
                }
            }
            let base = heading_id(&title.replace(NUDGE, ""));
            let mut id = base.clone();
            let mut n = 1;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        } else if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[i] {
            ids.insert(id.to_string());
        }
        match &mut events[i] {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })
                if !safe_url(dest_url) =>
            {
                *dest_url = CowStr::from("#");
            }
            _ => {}
        }
    }
    if nudged.is_some() {
        for e in events.iter_mut() {
            if let Event::Text(t) = e
                && t.contains(NUDGE)
            {
                *t = CowStr::from(t.replace(NUDGE, ""));
            }
        }
        text = text.replace(NUDGE, "");
        lead = lead.replace(NUDGE, "");
    }
    let kept = |upto: usize| {
        events[..upto]
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop[*i])
            .map(|(_, e)| e.clone())
    };
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, kept(events.len()));
    let mut before_more = more_at.map(|m| {
        let mut h = String::new();
        pulldown_cmark::html::push_html(&mut h, kept(m));
        h
    });
    if has_raw_html && !unsafe_html {
        let s = sanitizer();
        html = s.clean(&html).to_string();
        before_more = before_more.map(|h| s.clean(&h).to_string());
    }
    Rendered {
        html,
        before_more,
        text: text.trim().to_string(),
        lead: lead.trim().to_string(),
    }
}

fn last_char(events: &[Event]) -> Option<char> {
    match events.last()? {
        Event::Text(t) | Event::Code(t) => t.chars().rev().find(|c| *c != NUDGE),
        _ => None,
    }
}

fn first_char(events: &[Event]) -> Option<char> {
    match events.first()? {
        Event::Text(t) | Event::Code(t) => t.chars().find(|c| *c != NUDGE),
        _ => None,
    }
}

/// The first `max` characters of `text`, with `…` when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    let mut it = text.char_indices();
    match it.nth(max) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, false).html
    }

    #[test]
    fn emphasis_next_to_chinese_punctuation() {
        assert_eq!(
            html("**注意：**正文"),
            "<p><strong>注意：</strong>正文</p>\n"
        );
        assert_eq!(
            html("开展**“六个一”**活动"),
            "<p>开展<strong>“六个一”</strong>活动</p>\n"
        );
        assert_eq!(html("*强调*文字"), "<p><em>强调</em>文字</p>\n");
        // Code is untouched.
        assert_eq!(
            html("`**注意：**正文`"),
            "<p><code>**注意：**正文</code></p>\n"
        );
        assert!(!html("**注意：**正文").contains(NUDGE));
    }

    #[test]
    fn line_break_between_chinese_adds_no_space() {
        assert_eq!(html("安全生产\n事关大局"), "<p>安全生产事关大局</p>\n");
        assert_eq!(html("安全生产，\n事关大局"), "<p>安全生产，事关大局</p>\n");
        assert_eq!(html("hello\nworld"), "<p>hello\nworld</p>\n");
    }

    #[test]
    fn quotes_and_dashes_stay_as_typed() {
        assert_eq!(
            html("\"绿色家园\"计划--开展..."),
            "<p>\"绿色家园\"计划--开展...</p>\n"
        );
    }

    #[test]
    fn chinese_heading_ids_are_unique() {
        let h = html("## 一、压实责任\n\n## 一、压实责任\n\n## Safety First {#custom}\n");
        assert!(h.contains("<h2 id=\"一压实责任\">"), "{h}");
        assert!(h.contains("<h2 id=\"一压实责任-1\">"), "{h}");
        assert!(h.contains("<h2 id=\"custom\">"), "{h}");
    }

    #[test]
    fn tables_footnotes_strikethrough_tasks() {
        let h = html(
            "|地区|企业|\n|--|--|\n|宜宾|411|\n\n正文[^1]\n\n[^1]: 注释\n\n~~删除~~\n\n- [x] 完成\n",
        );
        assert!(h.contains("<table>"));
        assert!(h.contains("<td>411</td>"));
        assert!(h.contains("footnote"));
        assert!(h.contains("<del>删除</del>"));
        assert!(h.contains("checkbox"));
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        let md = "<script>alert(1)</script>\n\n<b onclick=\"x()\">粗</b>\n";
        let safe = render(md, false).html;
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        assert!(safe.contains("<b>粗</b>"), "{safe}");
        assert!(render(md, true).html.contains("<script>"));
        let h = html("[x](javascript:alert(1)) [y](https://example.org/) [z](/a/)");
        assert!(!h.contains("javascript"), "{h}");
        assert!(h.contains("https://example.org/") && h.contains("href=\"/a/\""));
    }

    #[test]
    fn more_marker_splits_summary() {
        let r = render("第一段。\n\n<!-- more -->\n\n第二段。\n", false);
        assert_eq!(r.before_more.as_deref(), Some("<p>第一段。</p>\n"));
        assert!(r.html.contains("第二段") && !r.html.contains("more"));
        assert_eq!(r.text, "第一段。 第二段。");
        assert_eq!(r.lead, "第一段。第二段。");
    }

    #[test]
    fn lead_skips_headings_tables_and_footnotes() {
        let r = render(
            "## 标题\n\n导语。\n\n|a|b|\n|-|-|\n|1|2|\n\n后文[^1]。\n\n[^1]: 注\n",
            false,
        );
        assert_eq!(r.lead, "导语。后文。");
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_chars("安全生产月", 2), "安全…");
        assert_eq!(truncate_chars("安全", 2), "安全");
    }
}
