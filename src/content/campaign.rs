//! Campaigns: `content/campaigns/<slug>.md` → [`Campaign`].
//!
//! The file name is the slug; `name:` is what bulletins may write instead.
//! `organizer:` is a list, written as one (`[全国总工会, 应急管理部]`) or
//! in one string with separators or spaces (`全国总工会 应急管理部`).

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use super::bulletin::{CampaignRef, MetricEntry, OneOrMany};
use super::date::Date;
use super::markdown;
use super::{frontmatter, labels, slug};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Pos, Spanned};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    name: Option<Spanned<String>>,
    full_name: Option<String>,
    organizer: Option<OneOrMany>,
    start: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
    targets: Option<IndexMap<Spanned<String>, Spanned<String>>>,
}

/// A campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// Source path relative to the site root.
    pub path: PathBuf,
    /// Slug: the file name.
    pub slug: String,
    /// Short name, e.g. 安康杯竞赛.
    pub name: String,
    /// Full name, e.g. 全国“安康杯”竞赛.
    pub full_name: Option<String>,
    /// Organisers, one unit each: `全国总工会 应急管理部` → 全国总工会, 应急管理部.
    pub organizers: Vec<String>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Targets per declared metric, as written.
    pub targets: Vec<MetricEntry>,
    /// The intro, parsed.
    pub intro: markdown::Doc,
    /// Where the intro's links lead (filled in by the resolve stage).
    pub links: markdown::Links,
    /// The intro as plain text.
    pub intro_text: String,
}

impl Campaign {
    /// Whether a bulletin may name this campaign `name`: its slug, name or full name.
    pub fn is_named(&self, name: &str) -> bool {
        self.slug == name || self.name == name || self.full_name.as_deref() == Some(name)
    }
}

/// The campaign among `campaigns` that a bulletin's reference names: by
/// the name as split from its list item, else by the whole item (a
/// campaign called `查隐患、保安全` is not two campaigns).
pub fn find(campaigns: &[Campaign], r: &CampaignRef) -> Option<usize> {
    let by = |n: &str| campaigns.iter().position(|c| c.is_named(n));
    by(&r.name).or_else(|| by(&r.item))
}

/// Parses one campaign file.
pub fn parse(config: &Config, path: &Path, text: &str) -> Result<Campaign, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let raw: RawCampaign = yaml::parse(path, text, split.yaml, split.yaml_line)?;
    let line0 = split.yaml_line;
    let mut diags = Vec::new();
    let slug = file_slug(path, text, &mut diags);
    let name = match raw.name {
        Some(n) if !n.value.trim().is_empty() => n.value.trim().to_string(),
        _ => {
            diags.push(
                Diagnostic::error(path, 1, 1, "field-missing", msg!(CampaignNoName))
                    .with_hint(msg!(CampaignNoNameHint))
                    .with_len(3)
                    .with_source(text),
            );
            String::new()
        }
    };
    let mut date = |d: Option<Spanned<String>>| date(path, text, line0, d?, &mut diags);
    let start = date(raw.start);
    let end = date(raw.end);
    let targets = targets(config, path, text, line0, raw.targets, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let intro = markdown::parse(split.body);
    Ok(Campaign {
        path: path.to_path_buf(),
        slug,
        name,
        full_name: raw.full_name,
        organizers: labels::split_organizers(
            raw.organizer.map(OneOrMany::into_vec).unwrap_or_default(),
        ),
        start,
        end,
        targets,
        intro_text: intro.text,
        intro: intro.doc,
        links: markdown::Links::new(),
    })
}

/// The campaign's slug: its file name, which must be one.
fn file_slug(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = slug::slugify(&stem);
    if slug != stem {
        let example = if slug.is_empty() {
            "my-campaign"
        } else {
            &slug
        };
        diags.push(
            Diagnostic::error(
                path,
                0,
                0,
                "campaign-file-name",
                msg!(CampaignFileName, &stem),
            )
            .with_hint(msg!(CampaignFileNameHint, example)),
        );
    }
    if let Some(u) = slug::unfit(&slug).filter(|_| slug == stem) {
        diags.push(u.at_slug(path, text, &slug, None, false));
    }
    slug
}

fn date(
    path: &Path,
    text: &str,
    line0: usize,
    d: Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Date> {
    match Date::parse(&d.value) {
        Ok(v) => Some(v),
        Err(msg) => {
            let p = Pos::of(&d, line0);
            diags.push(
                Diagnostic::error(path, p.line, p.col, "date-invalid", msg)
                    .with_hint(
                        super::date::mend_hint(&d.value).unwrap_or(msg!(DateHint, "2025-01-01")),
                    )
                    .with_len(super::value_len(text, p, &d.value))
                    .with_source(text),
            );
            None
        }
    }
}

/// Targets per declared metric, in the bulletins' notation.
fn targets(
    config: &Config,
    path: &Path,
    text: &str,
    line0: usize,
    raw: Option<IndexMap<Spanned<String>, Spanned<String>>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<MetricEntry> {
    let mut targets = Vec::new();
    for (k, v) in raw.unwrap_or_default() {
        let key = k.value.trim().to_string();
        let Some(metric) = config.metric(&key) else {
            let p = Pos::of(&k, line0);
            diags.push(
                Diagnostic::error(
                    path,
                    p.line,
                    p.col,
                    "metric-undeclared",
                    msg!(TargetUndeclared, &key),
                )
                .with_hint(msg!(MetricDeclareHint, &key))
                .with_len(key.chars().count())
                .with_source(text),
            );
            continue;
        };
        let pos = Pos::of(&v, line0);
        match super::bulletin::metric_value(metric, path, text, &v.value, pos) {
            Ok(quantity) => targets.push(MetricEntry {
                key,
                raw: v.value.trim().to_string(),
                pos,
                quantity,
            }),
            Err(d) => diags.push(d),
        }
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_name() {
        let c = parse(
            &Config::default(),
            Path::new("content/campaigns/ankang-cup.md"),
            "---\nname: 安康杯竞赛\nstart: 2025-01-01\n---\n简介。\n",
        )
        .unwrap();
        assert_eq!(
            (c.slug.as_str(), c.name.as_str()),
            ("ankang-cup", "安康杯竞赛")
        );
        assert_eq!(c.intro.src(), "简介。\n");
        assert!(c.organizers.is_empty());
        let e = parse(
            &Config::default(),
            Path::new("content/campaigns/x.md"),
            "---\nfull_name: 全国\n---\n",
        )
        .unwrap_err();
        assert_eq!(e[0].code, "field-missing");
    }

    #[test]
    fn organizers_are_a_list_however_written() {
        for written in [
            "全国总工会 应急管理部 国家卫生健康委",
            "全国总工会、应急管理部，国家卫生健康委",
            "[全国总工会, 应急管理部；国家卫生健康委]",
        ] {
            let text = format!("---\nname: 安康杯竞赛\norganizer: {written}\n---\n");
            let c = parse(
                &Config::default(),
                Path::new("content/campaigns/ankang-cup.md"),
                &text,
            )
            .unwrap();
            assert_eq!(
                c.organizers,
                ["全国总工会", "应急管理部", "国家卫生健康委"],
                "{written}"
            );
        }
    }
}
