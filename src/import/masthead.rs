//! Import: what a 简讯 carries besides its text — the masthead (series
//! name, 第N期, issuer, date, red rule), the title, the date and the
//! distribution block (报：/送：/发：) — recognised in a [`Document`]'s
//! blocks and taken out of the body.
//!
//! Takes the blocks; gives a [`Recognised`] with the fields found and the
//! blocks left for the body. Pure.

use super::model::{Block, Para};
use crate::content::issue::number;

/// What the top and the end of a document say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recognised {
    /// The title.
    pub title: Option<String>,
    /// The series name printed on the masthead.
    pub series: Option<String>,
    /// The issue as printed: `2025年第3期`, `第3期`.
    pub issue: Option<String>,
    /// The issuing unit.
    pub issuer: Option<String>,
    /// The date (`2025-03-05`) and how it was written.
    pub date: Option<(String, String)>,
    /// The printed date (…印发), `2025-03-06`.
    pub printed: Option<String>,
    /// 报, 送, 发 with their names.
    pub distribution: Vec<(&'static str, Vec<String>)>,
    /// Whether a masthead was found.
    pub masthead: bool,
    /// The blocks of the body.
    pub body: Vec<Block>,
}

/// Words a series name ends with.
const SERIES_ENDS: [&str; 7] = ["简讯", "简报", "快报", "动态", "通讯", "专报", "信息"];

fn para(b: &Block) -> Option<&Para> {
    match b {
        Block::Para(p) => Some(p),
        Block::Table(_) => None,
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line drawn with characters (`━━━━`, `————`).
fn is_drawn_rule(text: &str) -> bool {
    let t = squeeze(text);
    t.chars().count() >= 5 && t.chars().all(|c| "━─—-_=═★☆·".contains(c))
}

fn is_empty(b: &Block) -> bool {
    para(b).is_some_and(|p| p.text().trim().is_empty() && p.images().is_empty())
}

/// Recognises the parts of `blocks`.
pub fn recognise(blocks: Vec<Block>) -> Recognised {
    let mut r = Recognised::default();
    let mut body: Vec<Block> = blocks
        .into_iter()
        .filter(|b| !is_empty(b) || para(b).is_some_and(|p| p.rule_below))
        .collect();
    masthead(&mut body, &mut r);
    title(&mut body, &mut r);
    distribution(&mut body, &mut r);
    if r.date.is_none() {
        r.date = (body.iter().take(6).filter_map(para))
            .find_map(|p| find_date(&p.text()).map(|d| (d.ymd(), d.written)));
    }
    // A paragraph that is only the date is in the front matter now.
    if let Some((_, written)) = &r.date {
        let only = |b: &Block| {
            para(b).is_some_and(|p| {
                let t = squeeze(&p.text());
                t.trim_matches(['（', '）', '(', ')']) == squeeze(written)
            })
        };
        if let Some(i) = body.iter().take(4).position(only) {
            body.remove(i);
        }
    }
    body.retain(|b| !is_empty(b) && !para(b).is_some_and(|p| is_drawn_rule(&p.text())));
    r.body = body;
    r
}

/// Takes the masthead off the top: the paragraphs up to its red rule, or
/// the leading series / issue / issuer-and-date lines.
fn masthead(body: &mut Vec<Block>, r: &mut Recognised) {
    let top = body.iter().take(10).take_while(|b| para(b).is_some());
    let rule = top.clone().position(|b| {
        para(b).is_some_and(|p| {
            (p.rule_below && (p.red || p.in_box || p.text().trim().is_empty()))
                || is_drawn_rule(&p.text())
        })
    });
    let end = match rule {
        Some(i) => i + 1,
        None => {
            let n = (top.clone())
                .take_while(|b| para(b).is_some_and(|p| is_masthead_line(&p.text())))
                .count();
            // The issuer and date under the series and issue lines.
            let dated = |b: &Block| {
                para(b).is_some_and(|p| {
                    let t = p.text();
                    t.chars().count() <= 40 && find_date(&t).is_some()
                })
            };
            n + usize::from(n > 0 && body.get(n).is_some_and(dated))
        }
    };
    let lines: Vec<Para> = body
        .drain(..end)
        .filter_map(|b| para(&b).cloned())
        .collect();
    if lines.is_empty() {
        return;
    }
    r.masthead = true;
    for p in &lines {
        let text = p.text();
        for token in text
            .split(|c: char| c.is_whitespace())
            .filter(|t| !t.is_empty())
        {
            if let Some(d) = find_date(token).filter(|_| r.date.is_none()) {
                let before = token[..d.start].trim();
                if !before.is_empty() {
                    r.issuer.get_or_insert_with(|| before.to_string());
                }
                r.date = Some((d.ymd(), d.written));
            } else if is_issue(token) {
                r.issue
                    .get_or_insert_with(|| token.trim_matches(['（', '）', '(', ')']).to_string());
            } else if is_series(token) && r.series.is_none() {
                r.series = Some(token.to_string());
            } else if !is_drawn_rule(token) && r.series.is_some() && r.issuer.is_none() {
                r.issuer = Some(token.to_string());
            } else if r.series.is_none() && (p.red || p.size >= 44) {
                r.series = Some(squeeze(&text));
                break;
            }
        }
    }
}

fn is_series(t: &str) -> bool {
    let t = squeeze(t);
    t.chars().count() <= 30 && SERIES_ENDS.iter().any(|e| t.ends_with(e))
}

fn is_issue(t: &str) -> bool {
    let t = t.trim_matches(['（', '）', '(', ')']);
    let Some(rest) = t.strip_suffix('期') else {
        return false;
    };
    rest.contains('第') && t.chars().count() <= 16
}

fn is_masthead_line(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    !tokens.is_empty()
        && text.chars().count() <= 40
        && tokens.iter().any(|t| is_series(t) || is_issue(t))
}

/// Takes the title: a Title or top heading, else a centred bold or large
/// paragraph, among the first three.
fn title(body: &mut Vec<Block>, r: &mut Recognised) {
    let first = body.iter().take(3).position(|b| {
        para(b).is_some_and(|p| {
            let short = p.text().trim().chars().count() <= 60;
            p.title
                || p.heading == Some(1)
                || (short && p.centered && (p.all_bold() || p.size >= 36))
        })
    });
    // Else a short first line that does not read as a sentence.
    let first = first.or_else(|| {
        let p = body.first().and_then(para)?;
        let t = p.text();
        let t = t.trim();
        let sentence = t.ends_with(['。', '！', '？', '；', '：', '，']) || find_date(t).is_some();
        (!t.is_empty() && t.chars().count() <= 40 && !sentence && p.images().is_empty())
            .then_some(0)
    });
    if let Some(i) = first {
        let Block::Para(p) = body.remove(i) else {
            return;
        };
        r.title = Some(p.text().split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// Takes the distribution block and the printing line off the end.
fn distribution(body: &mut Vec<Block>, r: &mut Recognised) {
    while let Some(p) = body.last().and_then(para) {
        let text = squeeze(&p.text());
        if is_drawn_rule(&text) || (text.is_empty() && p.images().is_empty()) {
            body.pop();
            continue;
        }
        let printed = text.ends_with("印发")
            || (text.starts_with('（') && text.contains("印") && text.ends_with("份）"));
        let sections = sections(&text);
        if !printed && sections.is_empty() {
            break;
        }
        if let Some(d) = find_date(&text).filter(|_| printed) {
            r.printed = Some(d.ymd());
        }
        for s in sections.into_iter().rev() {
            r.distribution.insert(0, s);
        }
        body.pop();
    }
}

/// The 报/送/发 sections of a line: `报：市委办公室。送：各区县总工会`.
fn sections(text: &str) -> Vec<(&'static str, Vec<String>)> {
    const MARKS: [(&str, &str); 8] = [
        ("抄报", "报"),
        ("报送", "报"),
        ("呈报", "报"),
        ("报", "报"),
        ("抄送", "送"),
        ("送", "送"),
        ("分发", "发"),
        ("发", "发"),
    ];
    let mut starts: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let found = MARKS.iter().find_map(|(m, k)| {
            let after = rest.strip_prefix(m)?;
            after
                .strip_prefix(['：', ':'])
                .map(|a| (rest.len() - a.len(), *k))
        });
        let boundary = at == 0 || text[..at].ends_with(['。', '；', ';', ' ']);
        match found {
            Some((len, k)) if boundary => {
                starts.push((at, at + len, k));
                at += len;
            }
            _ if at == 0 => return Vec::new(),
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
    for (i, &(_, from, k)) in starts.iter().enumerate() {
        let to = starts.get(i + 1).map_or(text.len(), |s| s.0);
        let names: Vec<String> = text[from..to]
            .split(['、', '，', ',', '；', ';'])
            .map(|n| n.trim_end_matches(['。', '.']).trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        match out.iter_mut().find(|o| o.0 == k) {
            Some(o) => o.1.extend(names),
            None => out.push((k, names)),
        }
    }
    out
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset where it starts.
    pub start: usize,
    /// As written.
    pub written: String,
    /// Year, month, day.
    pub ymd: (u32, u32, u32),
}

impl Found {
    /// `2025-03-05`.
    pub fn ymd(&self) -> String {
        let (y, m, d) = self.ymd;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | 'Ｏ' | 'O' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1),
    }
}

/// The first `2025年3月5日` (or `二〇二五年三月五日`) in `text`.
pub fn find_date(text: &str) -> Option<Found> {
    for (i, _) in text.match_indices('年') {
        let before: Vec<(usize, char)> = text[..i].char_indices().rev().take(4).collect();
        if before.len() < 4 || before.iter().any(|(_, c)| digit(*c).is_none()) {
            continue;
        }
        let start = before[3].0;
        let year = before
            .iter()
            .rev()
            .try_fold(0, |n, (_, c)| Some(n * 10 + digit(*c)?))?;
        let rest = &text[i + '年'.len_utf8()..];
        let Some((m, rest2)) = rest.split_once('月') else {
            continue;
        };
        let Some((d, _)) = rest2.split_once('日') else {
            continue;
        };
        let (Some(m), Some(d)) = (number(m), number(d)) else {
            continue;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&year) {
            continue;
        }
        let end = text.len() - rest2.len() + rest2.find('日').map_or(0, |j| j + '日'.len_utf8());
        return Some(Found {
            start,
            written: text[start..end].to_string(),
            ymd: (year, m, d),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::Inline;

    fn p(text: &str) -> Block {
        Block::Para(Para {
            inlines: vec![Inline::Text {
                text: text.into(),
                bold: false,
                italic: false,
            }],
            ..Para::default()
        })
    }

    #[test]
    fn dates_in_digits_and_numerals() {
        for (text, want) in [
            ("于2025年3月5日召开", Some("2025-03-05")),
            ("二〇二五年十二月三十日", Some("2025-12-30")),
            ("２０２４年１月２日", Some("2024-01-02")),
            ("2025年全年", None),
            ("2025年13月1日", None),
        ] {
            assert_eq!(find_date(text).map(|d| d.ymd()).as_deref(), want, "{text}");
        }
        assert_eq!(
            find_date("于2025年3月5日召开").unwrap().written,
            "2025年3月5日"
        );
    }

    #[test]
    fn masthead_title_and_distribution() {
        let mut red = Para {
            red: true,
            size: 72,
            ..Para::default()
        };
        red.inlines.push(Inline::Text {
            text: "宜宾市“安康杯”竞赛简报".into(),
            bold: true,
            italic: false,
        });
        let rule = Block::Para(Para {
            rule_below: true,
            red: true,
            ..Para::default()
        });
        let mut t = Para {
            centered: true,
            ..Para::default()
        };
        t.inlines.push(Inline::Text {
            text: "园区竞赛".into(),
            bold: true,
            italic: false,
        });
        let r = recognise(vec![
            Block::Para(red),
            p("2025年第3期"),
            p("宜宾市总工会劳动保护部　　　　2025年3月5日"),
            rule,
            Block::Para(t),
            p("　　正文。"),
            p("━━━━━━━━━━━━"),
            p("报：四川省总工会劳动保护部"),
            p("送：市应急管理局。发：各区县总工会、各产业工会"),
            p("宜宾市总工会办公室　　2025年3月6日印发"),
        ]);
        assert!(r.masthead);
        assert_eq!(r.series.as_deref(), Some("宜宾市“安康杯”竞赛简报"));
        assert_eq!(r.issue.as_deref(), Some("2025年第3期"));
        assert_eq!(r.issuer.as_deref(), Some("宜宾市总工会劳动保护部"));
        assert_eq!(r.date.as_ref().map(|d| d.0.as_str()), Some("2025-03-05"));
        assert_eq!(r.title.as_deref(), Some("园区竞赛"));
        assert_eq!(r.printed.as_deref(), Some("2025-03-06"));
        assert_eq!(
            r.distribution,
            [
                ("报", vec!["四川省总工会劳动保护部".to_string()]),
                ("送", vec!["市应急管理局".to_string()]),
                (
                    "发",
                    vec!["各区县总工会".to_string(), "各产业工会".to_string()]
                ),
            ]
        );
        assert_eq!(r.body, [p("　　正文。")]);
    }

    #[test]
    fn a_masthead_without_a_rule_ends_at_its_date_line() {
        let r = recognise(vec![
            p("工作简讯"),
            p("第6期"),
            p("营口市总工会办公室　　2025年12月30日"),
            p("营口设立专项资金"),
            p("正文。"),
        ]);
        assert_eq!(r.series.as_deref(), Some("工作简讯"));
        assert_eq!(r.issuer.as_deref(), Some("营口市总工会办公室"));
        assert_eq!(r.title.as_deref(), Some("营口设立专项资金"));
        assert_eq!(r.body, [p("正文。")]);
    }

    #[test]
    fn a_plain_document_has_no_masthead() {
        let r = recognise(vec![
            p("厦门演练"),
            p("（2025年6月12日）"),
            p("报道一段。"),
            p("报告显示：好。"),
        ]);
        assert!(!r.masthead);
        assert_eq!(r.title.as_deref(), Some("厦门演练"));
        assert_eq!(r.date.as_ref().map(|d| d.1.as_str()), Some("2025年6月12日"));
        assert_eq!(r.body, [p("报道一段。"), p("报告显示：好。")]);
        assert!(r.distribution.is_empty());
    }
}
