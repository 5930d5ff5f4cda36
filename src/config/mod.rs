//! Site configuration: `jianxun.yaml` → [`RawConfig`] (serde) → [`Config`] (validated).
//!
//! Takes the file's text; gives a `Config` with every default filled in, or
//! diagnostics naming the line and column of each bad key.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Pos, Spanned};

mod metrics;
mod regions;
pub mod series;

pub use series::{Distribution, SeriesDecl};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "jianxun.yaml";

/// Today's date in China (UTC+8) as `YYYY-MM-DD`: from `SOURCE_DATE_EPOCH`
/// (seconds since the epoch) when set, else the system clock.
pub fn today() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    let china = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    now.to_zoned(china).date().to_string()
}

/// `jianxun.yaml` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<Spanned<String>>,
    language: Option<String>,
    theme: Option<String>,
    output_dir: Option<String>,
    paginate: Option<Spanned<usize>>,
    metrics: Option<IndexMap<String, Spanned<RawMetric>>>,
    regions: Option<BTreeMap<String, Spanned<regions::RawRegion>>>,
    region_order: Option<Vec<String>>,
    tags: Option<BTreeMap<String, Spanned<String>>>,
    markdown: Option<RawMarkdown>,
    publish: Option<Spanned<String>>,
    series: Option<IndexMap<Spanned<String>, Spanned<series::RawSeries>>>,
    share_image: Option<Spanned<String>>,
}

/// One metric declaration as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    unit: Option<String>,
    aggregate: Option<Aggregate>,
    signed: Option<bool>,
    label: Option<String>,
    definition: Option<String>,
    keywords: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    unsafe_html: Option<bool>,
}

/// How a metric's values are combined across bulletins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Add the values up.
    #[default]
    Sum,
    /// Arithmetic mean.
    Mean,
    /// Largest value.
    Max,
    /// Smallest value.
    Min,
    /// The value of the most recent bulletin.
    Latest,
}

impl Aggregate {
    /// The name written in `jianxun.yaml` (`sum`, `mean` …).
    pub fn name(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Mean => "mean",
            Aggregate::Max => "max",
            Aggregate::Min => "min",
            Aggregate::Latest => "latest",
        }
    }
}

/// A declared metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metric {
    /// The key bulletins write, e.g. `参与企业`.
    pub key: String,
    /// The unit, e.g. `家`; empty when the metric is a bare count.
    pub unit: String,
    /// How values combine.
    pub aggregate: Aggregate,
    /// Whether negative values are allowed.
    pub signed: bool,
    /// Display label; defaults to the key.
    pub label: String,
    /// What is counted (the metric's 口径), e.g. `参加活动的企业`.
    pub definition: Option<String>,
    /// Phrases that name the metric in body text, e.g. `参与企业`, `企业参与`:
    /// `check` compares the numbers written next to them with the front
    /// matter. Empty: the body is not read for this metric.
    pub keywords: Vec<String>,
}

/// A place declared under `regions:`: its canonical name (the key, shown
/// on pages), the other names bulletins may write for it, and where it lies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionDecl {
    /// The canonical name, e.g. 宜宾.
    pub name: String,
    /// Other names that mean the same place, e.g. 宜宾市, 叙州.
    pub aliases: Vec<String>,
    /// The region it lies in, broad to narrow (`四川`); empty when not declared.
    pub parent: Vec<String>,
}

/// Which bulletins `build` publishes (`publish:` in `jianxun.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Publish {
    /// Every bulletin that is not a draft (the default).
    #[default]
    NotDraft,
    /// Only bulletins marked `status: 已审`.
    ApprovedOnly,
}

impl Publish {
    /// The setting written `s`, if it names one.
    pub fn parse(s: &str) -> Option<Publish> {
        match s.trim() {
            "approved-only" | "仅已审" | "只发布已审" => Some(Publish::ApprovedOnly),
            "not-draft" | "非草稿" => Some(Publish::NotDraft),
            _ => None,
        }
    }
}

/// The `base_url` that `jianxun init` writes: a site still using it has
/// not been told where it will live.
pub const EXAMPLE_BASE_URL: &str = "https://example.org/";

/// Markdown rendering options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through without sanitising.
    pub unsafe_html: bool,
}

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-sentence description.
    pub description: String,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// Theme name under `themes/`.
    pub theme: String,
    /// Output directory, relative to the site root.
    pub output_dir: String,
    /// Bulletins per list page.
    pub paginate: usize,
    /// Declared metrics, in declaration order.
    pub metrics: Vec<Metric>,
    /// Region name → slug overrides.
    pub region_slugs: BTreeMap<String, String>,
    /// Places declared under `regions:`, by name.
    pub regions: Vec<RegionDecl>,
    /// Tag name → slug overrides (`tags:`), for two tags that read alike.
    pub tag_slugs: BTreeMap<String, String>,
    /// Regions listed first among their siblings, in this order (paths as
    /// pages show them: `全国`, `四川`, `四川/宜宾`); the others follow in
    /// the national order (GB/T 2260 codes), then by slug.
    pub region_order: Vec<String>,
    /// The build's date in China (`2025-03-05`), for what depends on the
    /// day (whether a campaign is under way); set when the site is read,
    /// from `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
    pub today: String,
    /// Markdown options.
    pub markdown: MarkdownOptions,
    /// Which bulletins are published.
    pub publish: Publish,
    /// Bulletin series (简讯 titles), in declaration order.
    pub series: Vec<SeriesDecl>,
    /// The image shared with a page that has no photo of its own (its site
    /// path, e.g. `images/share.jpg` for `static/images/share.jpg`), with
    /// the line and column where it is written.
    pub share_image: Option<(String, usize, usize)>,
    /// Every photo beside the content, by site path; set when the site is read.
    pub photos: crate::images::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "简讯".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "zh-CN".into(),
            theme: "default".into(),
            output_dir: "site".into(),
            paginate: 10,
            metrics: Vec::new(),
            region_slugs: BTreeMap::new(),
            tag_slugs: BTreeMap::new(),
            region_order: Vec::new(),
            today: String::new(),
            regions: Vec::new(),
            markdown: MarkdownOptions::default(),
            publish: Publish::default(),
            series: Vec::new(),
            share_image: None,
            photos: crate::images::Table::default(),
        }
    }
}

impl Config {
    /// Looks up a declared metric by key.
    pub fn metric(&self, key: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.key == key)
    }

    /// Looks up a declared series by slug or name.
    pub fn series_named(&self, name: &str) -> Option<&SeriesDecl> {
        let name = name.trim();
        (self.series.iter()).find(|s| s.slug == name || s.name == name)
    }

    /// The path part of `base_url`, always starting and ending in `/`.
    pub fn base_path(&self) -> String {
        let rest = match self.base_url.find("://") {
            Some(i) => {
                let after = &self.base_url[i + 3..];
                after.find('/').map(|j| &after[j..]).unwrap_or("/")
            }
            None => self.base_url.as_str(),
        };
        let mut p = rest.to_string();
        if !p.starts_with('/') {
            p.insert(0, '/');
        }
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }

    /// Replaces the base URL (from `--base-url`), normalising the trailing slash.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalise_base_url(url);
    }
}

fn normalise_base_url(url: &str) -> String {
    let mut u = url.trim().to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}

/// A `base_url` that is not an absolute URL (or `/`).
fn base_url_problem(path: &Path, text: &str, u: &Spanned<String>) -> Option<Diagnostic> {
    let v = u.value.trim();
    if v.starts_with("http://") || v.starts_with("https://") || v.starts_with('/') {
        return None;
    }
    let p = Pos::of(u, 1);
    Some(
        Diagnostic::error(
            path,
            p.line,
            p.col,
            "config-base-url",
            msg!(BaseUrlNotAbsolute, v),
        )
        .with_hint(msg!(BaseUrlHint))
        .with_source(text),
    )
}

/// A warning when `jianxun.yaml` (its `text`) still gives the example
/// `base_url` written by `jianxun init`: the feeds and the sitemap would
/// link to someone else's site.
pub fn example_base_url(path: &Path, text: &str) -> Option<Diagnostic> {
    let (i, line) = (text.lines().enumerate()).find(|(_, l)| l.starts_with("base_url:"))?;
    let value = line["base_url:".len()..].split(" #").next()?.trim();
    let bare = value.trim_matches(['"', '\'']);
    if normalise_base_url(bare) != EXAMPLE_BASE_URL {
        return None;
    }
    let col = line.chars().count() - line["base_url:".len()..].trim_start().chars().count() + 1;
    let d = Diagnostic::warning(
        path,
        i + 1,
        col,
        "base-url-example",
        msg!(BaseUrlExample, bare),
    );
    Some(
        d.with_len(value.chars().count())
            .with_hint(msg!(BaseUrlExampleHint))
            .with_source(text),
    )
}

/// The `publish:` setting, or the error naming the values it may take.
fn publish_setting(path: &Path, text: &str, p: &Spanned<String>) -> Result<Publish, Diagnostic> {
    Publish::parse(&p.value).ok_or_else(|| {
        let pos = Pos::of(p, 1);
        let m = msg!(PublishInvalid, p.value.trim());
        Diagnostic::error(path, pos.line, pos.col, "config-publish", m)
            .with_len(p.value.trim().chars().count().max(1))
            .with_hint(msg!(PublishInvalidHint))
            .with_source(text)
    })
}

/// Parses and validates `jianxun.yaml`.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig::default()
    } else {
        yaml::parse(path, text, text, 1)?
    };
    let mut diags = Vec::new();
    let mut cfg = Config::default();
    if let Some(t) = raw.title {
        cfg.title = t;
    }
    if let Some(d) = raw.description {
        cfg.description = d;
    }
    if let Some(u) = raw.base_url {
        diags.extend(base_url_problem(path, text, &u));
        cfg.base_url = normalise_base_url(&u.value);
    }
    if let Some(l) = raw.language {
        cfg.language = l;
    }
    if let Some(t) = raw.theme {
        cfg.theme = t;
    }
    if let Some(o) = raw.output_dir {
        cfg.output_dir = o;
    }
    if let Some(p) = raw.paginate {
        if p.value == 0 {
            let pos = Pos::of(&p, 1);
            diags.push(
                Diagnostic::error(
                    path,
                    pos.line,
                    pos.col,
                    "config-paginate",
                    msg!(PaginateZero),
                )
                .with_hint(msg!(PaginateHint))
                .with_source(text),
            );
        } else {
            cfg.paginate = p.value;
        }
    }
    let metrics = raw.metrics.unwrap_or_default();
    diags.extend(metrics::keyword_problems(path, text, &metrics));
    cfg.metrics = metrics::declared(metrics);
    let (places, tags) = (
        raw.regions.unwrap_or_default(),
        raw.tags.unwrap_or_default(),
    );
    regions::regions(path, text, places, &mut cfg, &mut diags);
    regions::tag_slugs(path, text, tags, &mut cfg, &mut diags);
    cfg.region_order = raw.region_order.unwrap_or_default();
    cfg.markdown.unsafe_html = raw.markdown.and_then(|m| m.unsafe_html).unwrap_or(false);
    if let Some(p) = raw.publish {
        match publish_setting(path, text, &p) {
            Ok(publish) => cfg.publish = publish,
            Err(d) => diags.push(d),
        }
    }
    if let Some(s) = raw.series {
        cfg.series = series::series(path, text, s, &mut diags);
    }
    if let Some(s) = raw.share_image {
        let pos = Pos::of(&s, 1);
        let v = s.value.trim().trim_start_matches('/').to_string();
        cfg.share_image = Some((v, pos.line, pos.col));
    }
    if diags.is_empty() {
        Ok(cfg)
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, Vec<Diagnostic>> {
        parse(Path::new("jianxun.yaml"), text)
    }

    #[test]
    fn the_example_base_url_is_told() {
        let path = Path::new("jianxun.yaml");
        let d = example_base_url(path, "title: t\nbase_url: https://example.org/  # 改\n").unwrap();
        assert_eq!(
            (d.code, d.line, d.col, d.len),
            ("base-url-example", 2, 11, 20)
        );
        assert!(!d.is_error());
        assert!(example_base_url(path, "base_url: \"https://example.org\"").is_some());
        assert!(example_base_url(path, "base_url: https://example.org/jx/").is_none());
        assert!(example_base_url(path, "title: t").is_none());
        let c = p("publish: approved-only").unwrap();
        assert_eq!(c.publish, Publish::ApprovedOnly);
        let e = p("publish: 审核后").unwrap_err();
        assert_eq!((e[0].code, e[0].line, e[0].col), ("config-publish", 1, 10));
    }

    #[test]
    fn reads_every_documented_key() {
        let c = p("title: 简讯\nbase_url: https://example.org/sub\nlanguage: zh-CN\ntheme: default\noutput_dir: out\npaginate: 5\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  建议采纳率: { unit: \"%\", aggregate: mean }\nregions:\n  重庆: chongqing\nmarkdown:\n  unsafe_html: true\n").unwrap();
        assert_eq!(c.title, "简讯");
        assert_eq!(c.base_url, "https://example.org/sub/");
        assert_eq!(c.base_path(), "/sub/");
        assert_eq!(c.paginate, 5);
        assert_eq!(c.output_dir, "out");
        assert_eq!(c.metrics.len(), 2);
        assert_eq!(c.metrics[1].key, "建议采纳率");
        assert_eq!(c.metrics[1].aggregate, Aggregate::Mean);
        assert_eq!(c.region_slugs["重庆"], "chongqing");
        assert!(c.markdown.unsafe_html);
    }

    #[test]
    fn tags_take_a_slug_each() {
        let c = p("tags:\n  工艺: gongyi-2\n  \" 公益 \": gongyi\n").unwrap();
        assert_eq!(c.tag_slugs["工艺"], "gongyi-2");
        assert_eq!(c.tag_slugs["公益"], "gongyi", "the name is trimmed");
        assert_eq!(c.tag_slugs.len(), 2);
        for bad in ["GongYi", "gong yi", "", "nul"] {
            let e = p(&format!("tags:\n  工艺: \"{bad}\"\n")).unwrap_err();
            assert!(
                e.iter().any(|d| d.code == "config-tag-slug"),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn regions_take_a_slug_or_a_declaration() {
        let c = p("regions:\n  重庆: chongqing\n  宜宾: { slug: yibin, aliases: [宜宾市, 叙州], parent: 四川 }\n  鲅鱼圈:\n    aliases: [鲅鱼圈区]\n    parent: 辽宁 / 营口\n").unwrap();
        assert_eq!(c.region_slugs["重庆"], "chongqing");
        assert_eq!(c.region_slugs["宜宾"], "yibin");
        assert!(!c.region_slugs.contains_key("鲅鱼圈"));
        let names: Vec<&str> = c.regions.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["宜宾", "重庆", "鲅鱼圈"]);
        assert_eq!(c.regions[0].aliases, ["宜宾市", "叙州"]);
        assert_eq!(c.regions[0].parent, ["四川"]);
        assert!(c.regions[1].aliases.is_empty() && c.regions[1].parent.is_empty());
        assert_eq!(c.regions[2].parent, ["辽宁", "营口"]);
    }

    #[test]
    fn region_declarations_are_checked_where_written() {
        let e = p("regions:\n  宜宾: { slug: Yibin }\n").unwrap_err();
        assert_eq!(
            (e[0].code, e[0].line, e[0].col),
            ("config-region-slug", 2, 15)
        );
        let e = p("regions:\n  宜宾: { alias: [宜宾市] }\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (2, 9));
        assert!(
            e[0].message.en().contains("unknown field `alias`"),
            "{}",
            e[0].message
        );
        let e = p(
            "regions:\n  宜宾: { aliases: [叙州] }\n  泸州: { aliases: [叙州, 宜宾, 四川/泸州] }\n",
        )
        .unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.line, d.col)).collect();
        assert_eq!(
            got,
            [
                ("config-region-alias", 3, 19),
                ("config-region-alias", 3, 23),
                ("config-region-alias", 3, 27)
            ]
        );
        assert!(
            e[0].message.en().contains("both 宜宾 and 泸州"),
            "{}",
            e[0].message
        );
        assert!(e[2].message.en().contains("is a path"), "{}", e[2].message);
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let e = p("title: a\ntitel: b\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (2, 1));
        assert!(e[0].message.en().contains("titel"));
    }

    #[test]
    fn wrong_type_is_an_error_with_position() {
        let e = p("title: a\npaginate: many\n").unwrap_err();
        assert_eq!(e[0].line, 2);
        let e = p("metrics:\n  参与企业: { unit: 家, aggregate: total }\n").unwrap_err();
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn empty_config_gives_defaults() {
        let c = p("").unwrap();
        assert_eq!(c.paginate, 10);
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn metrics_carry_a_definition_and_keywords() {
        let c = p("metrics:\n  参与企业:\n    unit: 家\n    definition: \" 参加活动的企业 \"\n    keywords: [参与企业, 企业参与, 参与企业]\n  走访企业: { unit: 家 }\n").unwrap();
        assert_eq!(c.metrics[0].definition.as_deref(), Some("参加活动的企业"));
        assert_eq!(c.metrics[0].keywords, ["参与企业", "企业参与"]);
        assert_eq!(c.metrics[1].definition, None);
        assert!(c.metrics[1].keywords.is_empty());
    }

    #[test]
    fn keywords_are_non_empty_and_name_one_metric() {
        // (config, line, column, code, part of the message)
        let cases = [
            (
                "metrics:\n  参与企业: { keywords: [参与企业, \"\"] }\n",
                2,
                28,
                "config-keyword-empty",
                "empty keyword",
            ),
            (
                "metrics:\n  参与企业: { keywords: [\" \"] }\n",
                2,
                22,
                "config-keyword-empty",
                "empty keyword",
            ),
            (
                "metrics:\n  参与企业: { keywords: [参与企业] }\n  参加企业: { keywords: [参与企业] }\n",
                3,
                22,
                "config-keyword-taken",
                "already names metric `参与企业`",
            ),
            (
                "metrics:\n  参与企业: { keywords: [企业, 走访企业] }\n  走访企业: { unit: 家 }\n",
                2,
                26,
                "config-keyword-taken",
                "`走访企业` of metric `参与企业` already names metric `走访企业`",
            ),
            (
                "metrics:\n  参与企业:\n    keywords:\n      - 参与企业\n  参加企业:\n    keywords:\n      - 企业参加\n      - 参与企业\n",
                8,
                9,
                "config-keyword-taken",
                "already names",
            ),
        ];
        for (text, line, col, code, msg) in cases {
            let e = p(text).unwrap_err();
            assert_eq!(e.len(), 1, "{text}: {e:?}");
            assert_eq!(
                (e[0].line, e[0].col, e[0].code),
                (line, col, code),
                "{text}"
            );
            assert!(e[0].message.en().contains(msg), "{}", e[0].message);
            assert!(e[0].hint.is_some());
        }
        let e = p("metrics:\n  参与企业: { keywords: 参与企业 }\n").unwrap_err();
        assert_eq!(e[0].line, 2, "a keyword list, not a string");
        let e = p("metrics:\n  参与企业: { keywords: [[参与]] }\n").unwrap_err();
        assert_eq!(e[0].line, 2, "strings only");
    }
}
