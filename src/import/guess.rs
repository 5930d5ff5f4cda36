//! Import: front-matter values proposed from the text — the campaign, the
//! region and the metrics — each with the words that suggested it, so the
//! editor can see why and confirm.
//!
//! Takes the title and body text, the site's campaigns (slug and names),
//! its places (built-in gazetteer and `regions:`) and metrics; gives
//! [`Guess`]es. Numbers are found by [`crate::content::mentions`], the
//! finder `check` uses, so an import proposes what `check` would compare.
//! Pure.

use crate::config::{Config, Metric};
use crate::content::mentions;
use crate::content::places::{PLACES, PROVINCES};
use crate::content::region::Gazetteer;

/// A value proposed, and the words that suggested it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// The value to write.
    pub value: String,
    /// Why: the words quoted from the text.
    pub because: String,
}

/// A campaign as `import` knows it: its slug and the names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignNames {
    /// The slug.
    pub slug: String,
    /// Its name and full name.
    pub names: Vec<String>,
}

/// Generic words a campaign's name ends with; what is before them names it.
const GENERIC: [&str; 6] = ["竞赛", "活动", "行动", "创建", "工作", "专项"];

fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !"“”\"‘’'「」《》".contains(*c))
        .collect()
}

/// The phrases that name a campaign in a text: its names without quotes,
/// and those without a generic ending (`安康杯` for `安康杯竞赛`).
fn phrases(c: &CampaignNames) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in &c.names {
        let plain = strip_quotes(n);
        let core = GENERIC
            .iter()
            .find_map(|g| plain.strip_suffix(g))
            .map(str::to_string);
        for p in [Some(plain.clone()), core].into_iter().flatten() {
            if p.chars().count() >= 2 && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

/// The campaign the text names most often (the title counts double).
pub fn campaign(title: &str, text: &str, campaigns: &[CampaignNames]) -> Option<Guess> {
    let (title, text) = (strip_quotes(title), strip_quotes(text));
    let mut best: Option<(usize, Guess)> = None;
    for c in campaigns {
        let ps = phrases(c);
        let count = |t: &str| {
            ps.iter()
                .map(|p| t.matches(p.as_str()).count())
                .max()
                .unwrap_or(0)
        };
        let score = 2 * count(&title) + count(&text);
        let Some(phrase) = ps
            .iter()
            .find(|p| title.contains(p.as_str()) || text.contains(p.as_str()))
        else {
            continue;
        };
        if score > best.as_ref().map_or(0, |b| b.0) {
            let because = phrase.clone();
            best = Some((
                score,
                Guess {
                    value: c.slug.clone(),
                    because,
                },
            ));
        }
    }
    best.map(|b| b.1)
}

/// Every place a site knows: (name as written in texts, the name to resolve).
fn place_names(config: &Config) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for d in &config.regions {
        let path = (d.parent.iter().chain([&d.name]))
            .cloned()
            .collect::<Vec<_>>()
            .join("/");
        for n in d.aliases.iter().chain([&d.name]) {
            out.push((n.clone(), path.clone()));
        }
    }
    for (short, full) in PROVINCES {
        out.push((full.to_string(), short.to_string()));
        out.push((short.to_string(), short.to_string()));
    }
    for (short, full, parent) in PLACES {
        let path = format!("{parent}/{short}");
        out.push((full.to_string(), path.clone()));
        if short.chars().count() >= 2 {
            out.push((short.to_string(), path));
        }
    }
    out
}

/// The region the text is about: the place named first in the title, else
/// in the text; a place inside it named soon after (`四川省宜宾市`) makes it
/// narrower.
pub fn region(title: &str, text: &str, config: &Config) -> Option<Guess> {
    let names = place_names(config);
    let gazetteer = Gazetteer::of(config);
    for t in [title, text] {
        let mut hits: Vec<(usize, &str, &str)> = Vec::new();
        for (written, path) in &names {
            if let Some(at) = t.find(written.as_str()) {
                hits.push((at, written, path));
            }
        }
        // Earliest first; at one place, the longest name (宜宾市 over 宜宾).
        hits.sort_by_key(|h| (h.0, std::cmp::Reverse(h.1.len())));
        let Some(&(at, written, path)) = hits.first() else {
            continue;
        };
        let Ok(mut best) = gazetteer.resolve(path) else {
            continue;
        };
        let mut because = written.to_string();
        for &(_, w, p) in hits.iter().filter(|h| h.0 < at + 30) {
            if let Ok(deeper) = gazetteer.resolve(p)
                && deeper.len() > best.len()
                && deeper.starts_with(&best)
            {
                best = deeper;
                because = w.to_string();
            }
        }
        return Some(Guess {
            value: best.join("/"),
            because,
        });
    }
    None
}

/// A metric value proposed from the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricGuess {
    /// The metric's key.
    pub key: String,
    /// The value as written in the body (`411家`).
    pub value: String,
    /// The paragraph it is in, counting from 1.
    pub paragraph: usize,
    /// The words quoted.
    pub quote: String,
}

/// The first number the body states for each metric, in the metrics'
/// order. `body` is the Markdown body alone.
pub fn metrics(body: &str, metrics: &[Metric]) -> Vec<MetricGuess> {
    let file = format!("---\n---\n{body}");
    let found = mentions::find(metrics, &file);
    let mut out: Vec<MetricGuess> = Vec::new();
    for (i, m) in metrics.iter().enumerate() {
        let Some(hit) = found.iter().find(|h| h.metric == i && !h.other) else {
            continue;
        };
        let line = hit.line.saturating_sub(2);
        out.push(MetricGuess {
            key: m.key.clone(),
            value: hit.number.split_whitespace().collect(),
            paragraph: paragraph_of(body, line),
            quote: hit.quote.clone(),
        });
    }
    out
}

/// Which paragraph (text, not images or headings) line `line` of `body` is in.
fn paragraph_of(body: &str, line: usize) -> usize {
    let mut n = 0;
    let mut blank = true;
    for (i, l) in body.lines().enumerate() {
        let starts = blank && !l.trim().is_empty();
        if starts && !l.starts_with('#') && !l.starts_with("![") {
            n += 1;
        }
        if i + 1 >= line {
            break;
        }
        blank = l.trim().is_empty();
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        crate::config::parse(
            std::path::Path::new("jianxun.yaml"),
            "title: t\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum, keywords: [参与企业, 企业参与] }\n  参与职工: { unit: 名, aggregate: sum, keywords: [职工参与, 参与职工] }\n",
        )
        .unwrap()
    }

    #[test]
    fn campaigns_by_their_names() {
        let cs = vec![
            CampaignNames {
                slug: "ankang-cup".into(),
                names: vec!["安康杯竞赛".into(), "全国“安康杯”竞赛".into()],
            },
            CampaignNames {
                slug: "safety-month".into(),
                names: vec!["安全生产月".into()],
            },
        ];
        let g = campaign(
            "宜宾推进竞赛",
            "“安康杯”竞赛走进园区，安康杯覆盖全市。",
            &cs,
        )
        .unwrap();
        assert_eq!(
            (g.value.as_str(), g.because.as_str()),
            ("ankang-cup", "安康杯竞赛")
        );
        let g = campaign("厦门“安全生产月”演练", "", &cs).unwrap();
        assert_eq!(g.value, "safety-month");
        assert_eq!(campaign("春节慰问", "走访职工", &cs), None);
    }

    #[test]
    fn regions_from_the_places_named() {
        let c = cfg();
        let g = region("园区竞赛", "四川省宜宾市总工会近日", &c).unwrap();
        assert_eq!(
            (g.value.as_str(), g.because.as_str()),
            ("四川/宜宾", "宜宾市")
        );
        let g = region("厦门演练", "宜宾市", &c).unwrap();
        assert_eq!(g.value, "福建/厦门");
        assert_eq!(region("演练", "一段话", &c), None);
    }

    #[test]
    fn metrics_from_the_body() {
        let body =
            "![图](photo-1.jpg)\n\n导语。\n\n## 做法\n\n全市411家企业参与，职工参与12万余名。\n";
        let found = metrics(body, &cfg().metrics);
        let got: Vec<_> = found
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_str(), m.paragraph))
            .collect();
        assert_eq!(got, [("参与企业", "411家", 2), ("参与职工", "12万余名", 2)]);
        assert_eq!(found[0].quote, "411家企业参与");
    }
}
