//! Property tests of the content parsers on arbitrary and mangled input:
//! front matter (whole bulletins and campaigns), metric values and the
//! Markdown link pass. Each never panics, and every error it reports points
//! inside the text it was given. Bounded so that `cargo test` runs them in
//! a few seconds; `PROPTEST_CASES=100000 cargo test --lib fuzz` searches
//! deeper.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::select;

use super::{bulletin, campaign, discover, frontmatter, links, number};
use crate::config::{Aggregate, Config, Metric};
use crate::diag::Diagnostic;

/// `cases` cases, unless `PROPTEST_CASES` asks for another number.
fn cases(cases: u32) -> ProptestConfig {
    match std::env::var_os("PROPTEST_CASES") {
        Some(_) => ProptestConfig::default(),
        None => ProptestConfig::with_cases(cases),
    }
}

fn config() -> Config {
    let metric = |key: &str, unit: &str, signed: bool| Metric {
        key: key.into(),
        unit: unit.into(),
        aggregate: Aggregate::Sum,
        signed,
        label: key.into(),
        definition: None,
        keywords: Vec::new(),
    };
    Config {
        metrics: vec![
            metric("参与企业", "家", false),
            metric("投入资金", "万元", false),
            metric("建议采纳率", "%", false),
            metric("变化", "", true),
        ],
        ..Config::default()
    }
}

/// Whether `line:col` (1-based, columns in characters) lies in `text` or
/// just after the end of one of its lines; line 0 is the file as a whole.
fn inside(text: &str, line: usize, col: usize) -> bool {
    line == 0
        || text
            .split('\n')
            .nth(line - 1)
            .is_some_and(|l| (1..=l.chars().count() + 1).contains(&col))
}

fn check_diagnostics(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    prop_assert!(!diags.is_empty(), "an error with no diagnostic");
    for d in diags {
        prop_assert!(
            inside(text, d.line, d.col),
            "{}:{} ({}: {}) is outside {:?}",
            d.line,
            d.col,
            d.code,
            d.message,
            text
        );
        prop_assert!(!d.message.en().is_empty() && !d.message.zh().is_empty());
    }
    Ok(())
}

/// Parses `text` as discovery would (normalised) as a bulletin and a campaign.
fn parse_both(text: &str) -> Result<(), TestCaseError> {
    let text = frontmatter::normalise(text);
    let cfg = config();
    if let Err(diags) = bulletin::parse(&cfg, Path::new("content/bulletins/a.md"), &text) {
        check_diagnostics(&text, &diags)?;
    }
    if let Err(diags) = campaign::parse(&cfg, Path::new("content/campaigns/a.md"), &text) {
        check_diagnostics(&text, &diags)?;
    }
    Ok(())
}

const BULLETIN: &str = "---\ntitle: 宜宾“安康杯”竞赛走进园区\ndate: 2022-12-10 09:30\ncampaign: [ankang-cup, 安全生产月]\nregion: 四川/宜宾\nmetrics:\n  参与企业: 411\n  投入资金: 600余万元\n  建议采纳率: 约55%\n  变化: -3\ntags: [园区, 隐患排查]\nsource: { publisher: 四川工人日报, issue: 第13461期 }\nsummary: 摘要\nslug: yibin-parks\ndraft: false\n---\n正文见[另一篇](../2024/other.md)。\n";

const CAMPAIGN: &str = "---\nname: 安康杯竞赛\nfull_name: 全国“安康杯”竞赛\norganizer: 全国总工会\nstart: 2025-01-01\nend: 2026-12-31\ntargets: { 参与企业: 500, 投入资金: 15万元 }\n---\n简介。\n";

/// Pieces that YAML, front matter and metric values give meaning to.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "\n", " ", "  ", "\t", ":", ": ", "-", "---", "- ", "[", "]", "{", "}", ",", "\"", "'", "#",
    "|", ">", "&a", "*a", "!", "?", "%", "@", "`", "\\", "\r", "\u{feff}", "~", "null", "0", "1",
    "9", "4.5", "万", "亿", "余", "约", "以上", "家", "元", "宜宾", "/", "title", "date", "campaign",
    "region", "metrics", "targets", "2025-02-30", "…", "\u{3000}", "é", "𝟙",
];

/// An edit of a text: at a fraction of its length, delete some characters
/// and insert a piece.
fn edits() -> impl Strategy<Value = Vec<(f64, usize, &'static str)>> {
    proptest::collection::vec((0.0..1.0f64, 0usize..4, select(PIECES)), 1..6)
}

fn apply(text: &str, edits: &[(f64, usize, &str)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, delete, insert) in edits {
        let at = ((chars.len() as f64) * at) as usize;
        let end = (at + delete).min(chars.len());
        chars.splice(at..end, insert.chars());
    }
    chars.into_iter().collect()
}

/// Text made of the pieces above and arbitrary characters.
fn pieces(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn front_matter_of_arbitrary_text(text in any::<String>()) {
        parse_both(&text)?;
        parse_both(&format!("---\n{text}\n---\n"))?;
    }

    #[test]
    fn front_matter_of_arbitrary_pieces(yaml in pieces(40)) {
        parse_both(&format!("---\n{yaml}\n---\n正文。\n"))?;
    }

    #[test]
    fn front_matter_of_mangled_files(b in edits(), c in edits()) {
        parse_both(&apply(BULLETIN, &b))?;
        parse_both(&apply(CAMPAIGN, &c))?;
    }

    #[test]
    fn front_matter_of_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        parse_both(&format!("---\ntitle: {lossy}\n---\n"))?;
        // As discovery reads a file: decoded, or named with the first bad byte.
        let mut file = b"---\ntitle: ".to_vec();
        file.extend(&bytes);
        match discover::decode(Path::new("content/bulletins/a.md"), file.clone()) {
            Ok(text) => parse_both(&text)?,
            Err(d) => {
                let shown = String::from_utf8_lossy(&file);
                prop_assert!(inside(&shown, d.line, d.col), "{}:{} in {:?}", d.line, d.col, shown);
            }
        }
    }
}

/// What metric values are made of.
#[rustfmt::skip]
const NUMBER_PIECES: &[&str] = &[
    "0", "1", "2", "5", "9", "00", "1234567890", "9999999999999999", ",", ".", "０", "５", "．", "，",
    "零", "〇", "一", "两", "三", "九", "十", "百", "千", "万", "亿", "万亿", "萬", "余", "多", "以上", "左右", "上下",
    "近", "约", "超", "逾", "不少于", "将近", "百分之", "%", "％", "家", "名", "人", "元", "万元", "人次", "+", "-", "负",
    "－", "~", "到", " ", "\u{3000}", "e", "a", "、",
];

fn near_numbers() -> impl Strategy<Value = String> {
    proptest::collection::vec(select(NUMBER_PIECES), 0..10).prop_map(|v| v.concat())
}

fn check_number(raw: &str, unit: &str, signed: bool) -> Result<(), TestCaseError> {
    match number::parse(raw, unit, signed) {
        Ok(q) => prop_assert!(signed || !q.value.is_sign_negative(), "{raw}: {q:?}"),
        Err(e) => {
            prop_assert!(
                e.column <= raw.chars().count(),
                "{raw}: column {}",
                e.column
            );
            prop_assert!(
                !e.message.en().is_empty() && !e.hint.zh().is_empty(),
                "{raw}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn metric_values_near_valid(
        raw in near_numbers(),
        unit in select(vec!["", "家", "名", "元", "万元", "%", "千克", "人次"]),
        signed in any::<bool>(),
    ) {
        check_number(&raw, unit, signed)?;
    }

    #[test]
    fn metric_values_arbitrary(raw in any::<String>(), signed in any::<bool>()) {
        check_number(&raw, "家", signed)?;
        check_number(&raw, "万元", signed)?;
    }
}

/// What Markdown links are made of.
#[rustfmt::skip]
const MARKDOWN_PIECES: &[&str] = &[
    "[", "]", "(", ")", "![", "](", "]: ", "[r]", "[r]: /x/\n", "<", ">", "\n", "\n\n", " ", "    ",
    "*", "_", "`", "```\n", "\"", "'", "\\", "&#10;", "&amp;", "a.md", "../b.md", "img/图.png",
    "/bulletins/x/", "https://example.org/", "#top", "?q=1", "%20", "宜宾", "|", "|-|\n", "> ", "- ",
    "1. ", "[^1]", "[^1]: 注\n", "<a href=\"x.md\">", "</a>", "{#id}", "# ", "~~",
];

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => select(MARKDOWN_PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn links_of_arbitrary_markdown(body in markdown()) {
        let text = frontmatter::normalise(&format!("---\ntitle: 标题\n---\n{body}"));
        for r in links::scan(&text) {
            prop_assert!(inside(&text, r.line, r.col), "{r:?} outside {text:?}");
            // The position is where the destination is written, or where
            // the link starts when it is written elsewhere (`[a][ref]`).
            let line = text.split('\n').nth(r.line - 1).unwrap_or("");
            let at: String = line.chars().skip(r.col - 1).collect();
            prop_assert!(
                at.starts_with(r.dest.as_str()) || at.starts_with(['[', '!']),
                "{r:?} at {at:?} in {text:?}"
            );
        }
    }
}
