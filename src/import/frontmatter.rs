//! Import: the front matter of an imported bulletin, written for the
//! editor to confirm.
//!
//! Takes the values found and how each was found ([`super::Source`]);
//! gives YAML text that parses as a bulletin: a guessed value carries a
//! comment `# 推测：正文提到“宜宾市”`, a missing one a stand-in with a
//! placeholder (`（请在此填写…）`) that `check` reports, and the bulletin is
//! a draft (`status: 草稿`) with a placeholder asking for the review, so
//! `check` reports it as a warning and `build` publishes nothing until an
//! editor has looked. Pure.

use super::Source;
use super::guess::MetricGuess;
use crate::content::review::placeholder;
use crate::content::scaffold::yaml_str;

/// Every value of the front matter and how it was found.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The title.
    pub title: (String, Source),
    /// `2025-03-05`.
    pub date: (String, Source),
    /// Campaign slug.
    pub campaign: (String, Source),
    /// Region path.
    pub region: (String, Source),
    /// Metrics proposed from the body.
    pub metrics: Vec<MetricGuess>,
    /// Series slug.
    pub series: Option<(String, Source)>,
    /// Issue as printed.
    pub issue: Option<String>,
    /// Issuing unit.
    pub issuer: Option<String>,
    /// Printed date.
    pub printed: Option<String>,
    /// 报/送/发.
    pub distribution: Vec<(&'static str, Vec<String>)>,
    /// A masthead series the site does not declare.
    pub undeclared_series: Option<String>,
    /// The campaign to stand in when none is found.
    pub fallback_campaign: Option<String>,
}

/// The marker of a guessed value's comment, which `check` reports.
pub const GUESSED: &str = crate::content::review::GUESS_MARK;

/// Writes `key: value` (`value` already written as YAML) with the comment
/// its source asks for.
fn line(out: &mut String, key: &str, value: &str, source: &Source, missing: &str) {
    match source {
        Source::Known => out.push_str(&format!("{key}: {value}\n")),
        Source::Guessed(why) => {
            out.push_str(&format!("{key}: {value}    {GUESSED}正文提到“{why}”\n"))
        }
        Source::Missing => out.push_str(&format!("{key}: {value}    # {}\n", placeholder(missing))),
    }
}

fn list(names: &[String]) -> String {
    let items: Vec<String> = names.iter().map(|n| yaml_str(n)).collect();
    format!("[{}]", items.join(", "))
}

/// The front matter, fences included, for a document named `file_stem`.
pub fn write(f: &Fields, file_stem: &str) -> String {
    let mut out = String::from("---\n");
    line(
        &mut out,
        "title",
        &yaml_str(&f.title.0),
        &f.title.1,
        "标题：文中没有认出标题，暂用文件名",
    );
    line(
        &mut out,
        "date",
        &f.date.0,
        &f.date.1,
        "日期：文中没有找到日期，暂填导入当天",
    );
    let campaign = match (&f.campaign.1, &f.fallback_campaign) {
        (Source::Missing, Some(first)) => first.clone(),
        _ => f.campaign.0.clone(),
    };
    line(
        &mut out,
        "campaign",
        &yaml_str(&campaign),
        &f.campaign.1,
        "活动：正文没有提到哪个活动，暂填第一个活动",
    );
    let region = if f.region.1 == Source::Missing {
        "全国"
    } else {
        f.region.0.as_str()
    };
    line(
        &mut out,
        "region",
        &yaml_str(region),
        &f.region.1,
        "地区：正文没有提到认得的地名，暂填全国",
    );
    if !f.metrics.is_empty() {
        out.push_str("metrics:\n");
        for m in &f.metrics {
            out.push_str(&format!(
                "  {}: {}    {GUESSED}正文第{}段“{}”\n",
                m.key,
                yaml_str(&m.value),
                m.paragraph,
                m.quote.replace('\n', " ")
            ));
        }
    }
    series(&mut out, f);
    if let Some(issuer) = &f.issuer {
        out.push_str(&format!("issuer: {}\n", yaml_str(issuer)));
    }
    if let Some(printed) = &f.printed {
        out.push_str(&format!("printed: {printed}\n"));
    }
    if !f.distribution.is_empty() {
        out.push_str("distribution:\n");
        for (k, names) in &f.distribution {
            out.push_str(&format!("  {k}: {}\n", list(names)));
        }
    }
    out.push_str(&format!(
        "# 由 jianxun import 从“{}.docx”导入。带“推测”的值是从正文猜的，请逐项核对后删去这些注释。\n",
        file_stem.replace('\n', " ")
    ));
    out.push_str(&format!(
        "# {}\n",
        placeholder("核对结果：核对完删去这一行，再把下一行改成 status: 待审 送审")
    ));
    out.push_str("status: 草稿\n---\n");
    out
}

fn series(out: &mut String, f: &Fields) {
    match (&f.series, &f.undeclared_series) {
        (Some((slug, Source::Guessed(name))), _) => {
            out.push_str(&format!("series: {}    # 报头：{}\n", yaml_str(slug), name));
        }
        (Some((slug, _)), _) => out.push_str(&format!("series: {}\n", yaml_str(slug))),
        (None, Some(name)) => {
            out.push_str(&format!(
                "# series: {}    # 报头上的系列没有在 jianxun.yaml 的 series: 里登记，登记后去掉行首的“#”\n",
                yaml_str(name)
            ));
        }
        (None, None) => {}
    }
    if let Some(issue) = &f.issue {
        let hash = if f.series.is_some() { "" } else { "# " };
        out.push_str(&format!("{hash}issue: {}\n", yaml_str(issue)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use crate::content::bulletin;
    use std::path::Path;

    #[test]
    fn the_front_matter_parses_as_a_draft_with_its_guesses_marked() {
        let f = Fields {
            title: ("宜宾: 园区“安康杯”".into(), Source::Known),
            date: ("2025-03-05".into(), Source::Known),
            campaign: ("ankang-cup".into(), Source::Guessed("安康杯".into())),
            region: (String::new(), Source::Missing),
            metrics: vec![MetricGuess {
                key: "参与企业".into(),
                value: "411家".into(),
                paragraph: 3,
                quote: "411家企业参与".into(),
            }],
            series: None,
            issue: Some("2025年第3期".into()),
            issuer: Some("宜宾市总工会".into()),
            printed: Some("2025-03-06".into()),
            distribution: vec![("报", vec!["省总工会".into(), "市委办公室".into()])],
            undeclared_series: Some("宜宾简报".into()),
            fallback_campaign: Some("ankang-cup".into()),
        };
        let text = write(&f, "a") + "正文。\n";
        assert!(
            text.contains("campaign: ankang-cup    # 推测：正文提到“安康杯”\n"),
            "{text}"
        );
        assert!(
            text.contains("region: 全国    # （请在此填写地区"),
            "{text}"
        );
        assert!(
            text.contains("  参与企业: 411家    # 推测：正文第3段“411家企业参与”\n"),
            "{text}"
        );
        assert!(
            text.contains("# series: 宜宾简报") && text.contains("# issue: 2025年第3期"),
            "{text}"
        );
        let cfg = config::parse(
            Path::new("jianxun.yaml"),
            "title: t\nbase_url: https://example.org/\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n",
        )
        .unwrap();
        let b =
            bulletin::parse(&cfg, Path::new("content/bulletins/2025/a/index.md"), &text).unwrap();
        assert!(b.is_draft());
        assert_eq!(b.title, "宜宾: 园区“安康杯”");
        assert_eq!(b.metrics[0].raw, "411家");
        // The review and the region placeholders, the campaign and metric guesses.
        assert_eq!(b.placeholders.len(), 4);
        assert_eq!(
            b.issued.distribution.unwrap().bao,
            ["省总工会", "市委办公室"]
        );
    }
}
