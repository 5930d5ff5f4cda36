//! Parse stage: the numbers a bulletin's body states for its metrics
//! (`参与企业411家`, `走访1,292家企业`, `组织职工12万余名参加`).
//!
//! Takes a whole content file and the declared metrics; gives every number
//! written next to one of a metric's `keywords`, parsed by the metric value
//! parser in that metric's unit, with its line and column in the whole
//! file. Pure. `check` compares what it finds with the front matter.
//!
//! The text read is the body's text as Markdown shows it: code, HTML and
//! link destinations are left out, and emphasis, table pipes and other
//! markup between two pieces of text on one line are skipped. A number is
//! *next to* a keyword, on one line, when it comes
//! - right after it, perhaps after `：` and up to three linking words
//!   ([`LINKS`]): `参与企业411家`, `参与企业：411家`, `参与企业共计411家`;
//! - right before it: `411家企业参与`, `12万余名职工参加`;
//! - between its two halves: `走访1,292家企业`, `职工12万余名参加` (keyword
//!   `职工参加`).
//!
//! Only spaces and skipped markup may stand between them otherwise, so any
//! other word or punctuation (`，` `、` `。`) parts a number from a keyword.
//! The number's unit decides whether it counts for the metric: it must be
//! the metric's unit (`411家` for a metric in 家, `人` for one in 名) or none
//! at all (`| 1292 |`; digits only: a lone Chinese numeral as in `一线` is
//! not a count). A number in another unit (`2万人次` for a metric in 名,
//! `2025年`, `10余处`) or part of a range (`2025—2026`) counts for none.
//!
//! Beside the declared keywords, each metric has built-in phrases for what
//! it is *not*: a keyword is a verb and a noun (`参与企业` = 参与 + 企业), and
//! the same noun after a verb that counts something else ([`OTHER_COUNTS`]:
//! 走访, 检查, 慰问 …) names another 口径 (`走访企业`), unless some metric
//! declares that phrase as its own keyword.

mod text;

use super::links::Positions;
use super::number::Quantity;
use crate::config::Metric;
use text::{Around, Body, Number};

/// Words that may link a keyword to the number after it: `参与企业共计411家`.
pub const LINKS: [&str; 17] = [
    "共计", "合计", "累计", "总计", "总数", "数量", "人数", "达到", "数", "达", "共", "计", "为",
    "有", "是", "就", "已",
];

/// Verbs with which keywords name taking part; one of them and a noun name
/// the same count as another (`参与企业`, `参加企业`, `参赛企业`).
pub const TAKING_PART: [&str; 4] = ["参与", "参加", "参赛", "报名"];

/// Verbs that count something else about the same noun: enterprises
/// visited (`走访企业`) are not enterprises taking part (`参与企业`).
pub const OTHER_COUNTS: [&str; 15] = [
    "走访", "检查", "督查", "暗访", "慰问", "帮扶", "服务", "培训", "覆盖", "排查", "指导", "联系",
    "受益", "表彰", "获奖",
];

/// A number the body states for a metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the metric in the declared metrics.
    pub metric: usize,
    /// The phrase that names it, e.g. `参与企业`.
    pub keyword: String,
    /// Whether the phrase names another 口径 of the metric's noun (a
    /// built-in phrase such as `走访企业`), not the metric itself.
    pub other: bool,
    /// The number as written, markup left out: `1,292家`.
    pub number: String,
    /// The number, parsed in the metric's unit.
    pub quantity: Quantity,
    /// The phrase and the number as written, markup left out: `走访1,292家企业`.
    pub quote: String,
    /// 1-based line of the quote in the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Characters the quote spans on its line, markup included.
    pub len: usize,
}

/// A phrase looked for, and the metric whose unit its numbers are read in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    word: Vec<char>,
    metric: usize,
    other: bool,
}

/// Every number the body of `text` (a whole content file) states next to a
/// keyword of one of `metrics`, in the order written.
pub fn find(metrics: &[Metric], text: &str) -> Vec<Mention> {
    let terms = terms(metrics);
    if terms.is_empty() {
        return Vec::new();
    }
    let body = Body::of(text);
    let mut found: Vec<(usize, usize, usize, &Term, Number)> = Vec::new();
    for core in body.cores() {
        // The core read in each metric's unit, and where keywords may stand.
        let numbers: Vec<Option<(Number, Around)>> = metrics
            .iter()
            .map(|m| {
                let n = body.number(&core, m)?;
                let around = body.around(&n);
                Some((n, around))
            })
            .collect();
        let mut linked: Vec<(usize, bool)> = Vec::new();
        for t in &terms {
            let Some((n, around)) = &numbers[t.metric] else {
                continue;
            };
            if linked.contains(&(t.metric, t.other)) {
                continue;
            }
            if let Some((a, b)) = body.link(&t.word, around) {
                linked.push((t.metric, t.other));
                found.push((a, b, core.start, t, n.clone()));
            }
        }
    }
    found.sort_by_key(|f| (f.0, f.2));
    let mut positions = Positions::new(text);
    found
        .into_iter()
        .map(|(a, b, _, t, n)| {
            let (start, end) = (body.cs[a].1, body.end_offset(b));
            let (line, col) = positions.at(start);
            Mention {
                metric: t.metric,
                keyword: t.word.iter().collect(),
                other: t.other,
                number: n.written,
                quantity: n.quantity,
                quote: body.quote(a, b),
                line,
                col,
                len: text[start..end].chars().count(),
            }
        })
        .collect()
}

/// The phrases looked for: every metric's keywords, and the built-in
/// phrases for other 口径 of their nouns that no metric claims.
fn terms(metrics: &[Metric]) -> Vec<Term> {
    let claimed = |w: &str| metrics.iter().any(|m| m.keywords.iter().any(|k| k == w));
    let mut out = Vec::new();
    for (i, m) in metrics.iter().enumerate() {
        for k in &m.keywords {
            out.push(Term {
                word: k.chars().collect(),
                metric: i,
                other: false,
            });
        }
        for w in other_phrases(&m.keywords) {
            if !claimed(&w) {
                out.push(Term {
                    word: w.chars().collect(),
                    metric: i,
                    other: true,
                });
            }
        }
    }
    out
}

/// Phrases for other 口径 of the nouns of `keywords`: `参与企业` →
/// `走访企业`, `企业走访`, `检查企业` …
pub fn other_phrases(keywords: &[String]) -> Vec<String> {
    let verbs = || TAKING_PART.iter().chain(&OTHER_COUNTS);
    let mut own: Vec<&str> = Vec::new();
    let mut nouns: Vec<&str> = Vec::new();
    for k in keywords {
        let split = verbs().find_map(|v| {
            let noun = k.strip_prefix(v).or_else(|| k.strip_suffix(v))?;
            Some((*v, noun)).filter(|(_, n)| !n.is_empty())
        });
        if let Some((verb, noun)) = split {
            own.push(verb);
            if !nouns.contains(&noun) {
                nouns.push(noun);
            }
        }
    }
    if own.iter().any(|v| TAKING_PART.contains(v)) {
        own.extend(TAKING_PART);
    }
    let mut out = Vec::new();
    for noun in nouns {
        for v in verbs().filter(|v| !own.contains(v)) {
            for w in [format!("{v}{noun}"), format!("{noun}{v}")] {
                if !keywords.contains(&w) && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Aggregate;

    fn metric(key: &str, unit: &str, keywords: &[&str]) -> Metric {
        Metric {
            key: key.into(),
            unit: unit.into(),
            aggregate: Aggregate::Sum,
            signed: false,
            label: key.into(),
            definition: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn metrics() -> Vec<Metric> {
        vec![
            metric(
                "参与企业",
                "家",
                &["参与企业", "参加企业", "参赛企业", "企业参与", "企业参加"],
            ),
            metric(
                "参与职工",
                "名",
                &["参与职工", "参加职工", "职工参与", "职工参加"],
            ),
            metric("走访企业", "家", &["走访企业"]),
            metric("投入资金", "元", &["投入资金", "投入"]),
            metric("建议采纳率", "%", &["采纳率"]),
            metric("培训场次", "场", &[]),
        ]
    }

    /// `body` → every mention as `metric=value[≥|≈]@quote`, `!` before
    /// the metric for a phrase of another 口径.
    const CASES: &[(&str, &str)] = &[
        ("全市411家企业参与活动。", "参与企业=411@411家企业参与"),
        ("参与企业411家。", "参与企业=411@参与企业411家"),
        (
            "组织职工12万余名参加。",
            "参与职工=120000≥@职工12万余名参加",
        ),
        ("走访企业1,292家。", "走访企业=1292@走访企业1,292家"),
        ("走访1292家企业。", "走访企业=1292@走访1292家企业"),
        ("参赛企业三十余家。", "参与企业=30≥@参赛企业三十余家"),
        ("参赛企业三十。", ""),
        ("全年开展活动36场，发放资料1,000份。", ""),
        ("参与企业的积极性很高。", ""),
        (
            "参与企业411家、参与职工12万余名。",
            "参与企业=411@参与企业411家 参与职工=120000≥@参与职工12万余名",
        ),
        (
            "411家企业参与，12万余名职工参加。",
            "参与企业=411@411家企业参与 参与职工=120000≥@12万余名职工参加",
        ),
        (
            "| 走访企业 | 1292家 |\n| --- | ---: |\n| 合计 | 411 |",
            "走访企业=1292@走访企业1292家",
        ),
        (
            "| 指标 | 数量 |\n| --- | --- |\n| 参与企业 | 411 | 100% |",
            "参与企业=411@参与企业411",
        ),
        ("**参与企业：**411家", "参与企业=411@参与企业：411家"),
        ("参与企业共计达411家。", "参与企业=411@参与企业共计达411家"),
        ("参与企业中有3家获奖。", ""),
        ("参与职工2万人次以上。", ""),
        ("参与职工2万以上。", "参与职工=20000≥@参与职工2万以上"),
        ("2025年参与企业增多。", ""),
        ("参与企业2025—2026年度保持稳定。", ""),
        ("投入就达600余万元。", "投入资金=6000000≥@投入就达600余万元"),
        ("采纳率：约55%。", "建议采纳率=55≈@采纳率：约55%"),
        ("参与企业１２９２家", "参与企业=1292@参与企业１２９２家"),
        ("近30家企业参加", "参与企业=30≈@近30家企业参加"),
        ("参与企业\n411家", ""),
        ("`参与企业411家`", ""),
        ("```\n参与企业411家\n```", ""),
        ("参与企业<span>411家</span>", ""),
        ("[参与企业](a.md)411家", "参与企业=411@参与企业411家"),
        ("参与企业一线职工", ""),
        (
            "检查企业50家，",
            "!参与企业=50@检查企业50家 !走访企业=50@检查企业50家",
        ),
        ("企业走访80家左右", "!参与企业=80≈@企业走访80家左右"),
        ("参与企业411个", ""),
        ("第2期参与企业", ""),
        ("参与企业40家左右", "参与企业=40≈@参与企业40家左右"),
        ("超过200名职工参加", "参与职工=200≥@超过200名职工参加"),
        ("参与职工12万余人", "参与职工=120000≥@参与职工12万余人"),
        ("参与企业 411 家", "参与企业=411@参与企业 411 家"),
        ("1,2345家企业参与", ""),
        ("参与企业3.5万余家", "参与企业=35000≥@参与企业3.5万余家"),
        ("参与企业5G基站", ""),
    ];

    fn shown(m: &Mention, metrics: &[Metric]) -> String {
        let bound = match m.quantity.bound {
            crate::content::number::Bound::Exact => "",
            crate::content::number::Bound::AtLeast => "≥",
            crate::content::number::Bound::About => "≈",
        };
        let other = if m.other { "!" } else { "" };
        let key = &metrics[m.metric].key;
        format!("{other}{key}={}{bound}@{}", m.quantity.value, m.quote)
    }

    #[test]
    fn numbers_next_to_keywords() {
        let ms = metrics();
        for (body, want) in CASES {
            let text = format!("---\ntitle: 标题\n---\n{body}\n");
            let got: Vec<String> = find(&ms, &text).iter().map(|m| shown(m, &ms)).collect();
            assert_eq!(got.join(" "), *want, "{body}");
        }
    }

    #[test]
    fn positions_are_in_the_whole_file() {
        let text = "---\ntitle: 标题\nmetrics:\n  参与企业: 411\n---\n今年，\n\n| 走访企业 | 1,292家 |\n|---|---|\n\n全市**411**家企业参与。\n";
        let got: Vec<(usize, usize, usize, String)> = find(&metrics(), text)
            .into_iter()
            .map(|m| (m.line, m.col, m.len, m.number))
            .collect();
        assert_eq!(
            got,
            [
                (8, 3, 13, "1,292家".to_string()),
                (11, 5, 10, "411家".to_string())
            ]
        );
    }

    #[test]
    fn a_number_in_every_paragraph_of_a_long_body() {
        let paragraphs = 5_000;
        let mut text = String::from("---\ntitle: 长文\n---\n");
        for i in 1..=paragraphs {
            text.push_str(&format!("第{i}段，参与企业{i}家，走访{i}家企业。\n\n"));
        }
        let started = std::time::Instant::now();
        let found = find(&metrics(), &text);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(found.len(), 2 * paragraphs);
        for (i, m) in found.iter().enumerate() {
            let p = i / 2 + 1;
            let col = if i % 2 == 0 {
                format!("第{p}段，").chars().count() + 1
            } else {
                format!("第{p}段，参与企业{p}家，").chars().count() + 1
            };
            assert_eq!((m.line, m.col), (2 + 2 * p, col), "{}", m.quote);
        }
    }

    #[test]
    fn nothing_is_looked_for_without_keywords() {
        let ms = vec![metric("参与企业", "家", &[])];
        assert!(find(&ms, "---\ntitle: t\n---\n参与企业411家\n").is_empty());
        assert!(find(&metrics(), "没有前言 参与企业411家").is_empty());
    }

    #[test]
    fn other_counts_share_the_noun() {
        let own = |ks: &[&str]| ks.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        let p = other_phrases(&own(&["参与企业", "企业参加"]));
        assert!(p.contains(&"走访企业".to_string()));
        assert!(p.contains(&"企业慰问".to_string()));
        assert!(!p.iter().any(|w| w.contains("参")), "{p:?}");
        let p = other_phrases(&own(&["走访企业"]));
        assert!(p.contains(&"参与企业".to_string()));
        assert!(!p.contains(&"走访企业".to_string()));
        assert!(other_phrases(&own(&["采纳率", "投入"])).is_empty());
    }
}
