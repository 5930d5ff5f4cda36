//! Bulletins: `(path, text)` → [`Bulletin`], with every front-matter
//! problem reported at its line and column.
//!
//! Campaign references are kept as written (with positions); the resolve
//! stage checks them against the campaigns. Metric keys are checked against
//! the declared metrics here; values are carried as written.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use super::date::Date;
use super::issue::{Issued, RawIssued};
pub(crate) use super::labels::OneOrMany;
pub use super::labels::{CampaignRef, TagEntry};
use super::labels::{campaign_refs, region_slugs, split_list, tags_of};
use super::markdown::{self, Doc, truncate_chars};
use super::number::{self, Quantity};
pub use super::region::split_region;
use super::review::{self, Status};
use super::{Spot, frontmatter, region, slug, value_len};
use crate::config::{Config, Metric};
use crate::diag::Diagnostic;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{self, Pos, Spanned};

/// How many characters an automatic summary keeps.
pub const SUMMARY_CHARS: usize = 120;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSource {
    Publisher(String),
    Full(SourceInfo),
}

impl RawSource {
    fn info(self) -> SourceInfo {
        match self {
            RawSource::Publisher(p) => SourceInfo {
                publisher: Some(p),
                ..Default::default()
            },
            RawSource::Full(f) => f,
        }
    }
}

/// Where a bulletin was first published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// Publisher, e.g. 四川工人日报.
    pub publisher: Option<String>,
    /// Issue number (期号), e.g. 第13461期.
    pub issue: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// Author or reporter.
    pub author: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBulletin {
    title: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    campaign: Option<Spanned<OneOrMany>>,
    region: Option<Spanned<String>>,
    metrics: Option<IndexMap<Spanned<String>, Spanned<String>>>,
    tags: Option<Spanned<OneOrMany>>,
    source: Option<RawSource>,
    summary: Option<String>,
    slug: Option<Spanned<String>>,
    draft: Option<bool>,
    status: Option<Spanned<String>>,
    series: Option<Spanned<String>>,
    issue: Option<Spanned<Scalar>>,
    issuer: Option<Spanned<String>>,
    distribution: Option<Spanned<crate::config::series::RawDistribution>>,
    printed: Option<Spanned<String>>,
}

/// A value written as text or a number (`issue: 2`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(u64),
}

impl Scalar {
    fn text(s: Spanned<Scalar>) -> Spanned<String> {
        let value = match s.value {
            Scalar::Text(t) => t,
            Scalar::Number(n) => n.to_string(),
        };
        Spanned {
            value,
            referenced: s.referenced,
            defined: s.defined,
        }
    }
}

/// One metric value as written in a bulletin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricEntry {
    /// Declared key.
    pub key: String,
    /// Value as written, e.g. `12万余`.
    pub raw: String,
    /// Where the value is written.
    pub pos: Pos,
    /// The value, exact, with its bound.
    pub quantity: Quantity,
}

/// Parses a metric value written at `pos` of `text`; errors point at the
/// offending character when the value is written as it reads, else at the
/// whole value (one spread over lines, or with escapes: `"\u4e07"`).
pub(crate) fn metric_value(
    metric: &Metric,
    path: &Path,
    text: &str,
    raw: &str,
    pos: Pos,
) -> Result<Quantity, Diagnostic> {
    number::parse(raw, &metric.unit, metric.signed).map_err(|e| {
        let line = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
        let written: String = line.chars().skip(pos.col.saturating_sub(1)).collect();
        // Quoted values start one column later than the scalar.
        let quoted = written.starts_with(['"', '\'']);
        let value = &written[usize::from(quoted)..];
        let upto: String = raw.chars().take(e.column + 1).collect();
        let (col, len) = if value.starts_with(&upto) {
            let len = raw.trim_end().chars().count().saturating_sub(e.column);
            (pos.col + usize::from(quoted) + e.column, len)
        } else {
            (pos.col, written.trim_end().chars().count())
        };
        let hint = match (&e.suggestion, &e.unit_written) {
            (Some(s), Some(u)) => msg!(MetricWriteNot, s, raw.trim(), &metric.key).arg_msg(msg!(
                MetricUnitDeclare,
                u,
                format!(
                    "{}: {{ unit: {u}, aggregate: {} }}",
                    metric.key,
                    metric.aggregate.name()
                )
            )),
            (Some(s), None) => msg!(MetricWriteNot, s, raw.trim(), &metric.key).arg(""),
            (None, _) => e.hint,
        };
        Diagnostic::error(
            path,
            pos.line,
            col,
            "metric-value",
            msg!(MetricValue, &metric.key).arg_msg(e.message),
        )
        .with_len(len)
        .with_hint(hint)
        .with_source(text)
    })
}

/// The unit a value of an undeclared metric is written in (`人` in
/// `300余人`, `%` in `55%`), for the declaration a hint proposes; `""`
/// for a bare number.
fn unit_of(value: &str) -> String {
    let v = value.trim();
    if v.ends_with(['%', '％']) {
        return "\"%\"".to_string();
    }
    let unit: String = match number::parse(v, "", false) {
        Err(e) => e.unit_written.unwrap_or_default(),
        Ok(_) => String::new(),
    }
    .chars()
    .filter(|c| !c.is_whitespace())
    .collect();
    if unit.is_empty() {
        "\"\"".to_string()
    } else {
        unit
    }
}

/// A parsed bulletin, before campaigns are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulletin {
    /// Source path relative to the site root.
    pub path: PathBuf,
    /// URL slug.
    pub slug: String,
    /// Where the slug comes from: the `slug:` value, else line 1 (the file name).
    pub slug_at: Spot,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Campaigns as written (slug or name) with their positions.
    pub campaign_refs: Vec<CampaignRef>,
    /// Region path, broad to narrow, in canonical short names: `["四川", "宜宾"]`
    /// whether written `四川/宜宾`, `四川省/宜宾市` or `宜宾市`.
    pub region: Vec<String>,
    /// The region as written, e.g. `四川省/宜宾市`.
    pub region_written: String,
    /// Where the region path is written.
    pub region_at: Spot,
    /// Metrics in the order written.
    pub metrics: Vec<MetricEntry>,
    /// Tags, in the order written.
    pub tags: Vec<TagEntry>,
    /// Original publication.
    pub source: Option<SourceInfo>,
    /// Summary as HTML, when it is text (the `summary:` field or the
    /// opening words); `None` when it is the body before `<!-- more -->`,
    /// which the render stage turns into HTML with the body's links.
    pub summary_html: Option<String>,
    /// Summary as plain text (for descriptions and feeds).
    pub summary_text: String,
    /// The body, parsed. Its plain text is [`markdown::plain_text`]; only
    /// the start the search index reads is kept (packed with the text on a
    /// site large enough to pack its texts).
    pub body: Doc,
    /// Where it stands in review (`status:`, or `draft: true` for 草稿);
    /// `None` when unmarked.
    pub status: Option<Status>,
    /// The placeholders `jianxun new` wrote that are still there (only a
    /// draft may keep them).
    pub placeholders: Vec<Spot>,
    /// Its series, issue number, issuer, distribution and printed date.
    pub issued: Issued,
}

fn missing(path: &Path, whole: &str, field: &str, example: &str) -> Diagnostic {
    Diagnostic::error(path, 1, 1, "field-missing", msg!(FieldMissing, field))
        .with_hint(msg!(FieldMissingHint, field, example))
        .with_len(3)
        .with_source(whole)
}

/// What the checks of one bulletin's fields share: the file, its whole
/// text, where the YAML starts, and the problems found so far.
struct Fields<'a> {
    config: &'a Config,
    path: &'a Path,
    text: &'a str,
    line0: usize,
    diags: Vec<Diagnostic>,
}

impl Fields<'_> {
    fn at<T>(&self, s: &Spanned<T>) -> Pos {
        Pos::of(s, self.line0)
    }

    fn err(&self, pos: Pos, code: &'static str, msg: Msg, hint: Msg) -> Diagnostic {
        Diagnostic::error(self.path, pos.line, pos.col, code, msg)
            .with_hint(hint)
            .with_source(self.text)
    }

    /// [`Fields::err`], underlining the whole scalar `value` written at `pos`.
    fn err_at(&self, pos: Pos, value: &str, code: &'static str, msg: Msg, hint: Msg) -> Diagnostic {
        self.err(pos, code, msg, hint)
            .with_len(value_len(self.text, pos, value))
    }

    fn missing(&mut self, field: &str, example: &str) {
        let d = missing(self.path, self.text, field, example);
        self.diags.push(d);
    }

    fn title(&mut self, raw: Option<Spanned<String>>) -> String {
        match raw {
            Some(t) if !t.value.trim().is_empty() => t.value.trim().to_string(),
            Some(t) => {
                let d = self.err(
                    self.at(&t),
                    "field-empty",
                    msg!(TitleEmpty),
                    msg!(TitleEmptyHint),
                );
                self.diags.push(d);
                String::new()
            }
            None => {
                self.missing("title", "宜宾“安康杯”竞赛走进工业园区");
                String::new()
            }
        }
    }

    fn date(&mut self, raw: &Option<Spanned<String>>) -> Option<Date> {
        let Some(d) = raw else {
            self.missing("date", "2024-03-11");
            return None;
        };
        match Date::parse(&d.value) {
            Ok(date) => Some(date),
            Err(msg) => {
                let hint = super::date::mend_hint(&d.value).unwrap_or(msg!(DateHintWithTime));
                let e = self.err_at(self.at(d), &d.value, "date-invalid", msg, hint);
                self.diags.push(e);
                None
            }
        }
    }

    fn campaigns(&mut self, raw: Option<Spanned<OneOrMany>>) -> Vec<CampaignRef> {
        let Some(c) = raw else {
            self.missing("campaign", "ankang-cup");
            return Vec::new();
        };
        let pos = self.at(&c);
        let items = c.value.into_vec();
        if split_list(items.clone()).is_empty() {
            let d = self.err(
                pos,
                "field-empty",
                msg!(CampaignEmpty),
                msg!(CampaignEmptyHint),
            );
            self.diags.push(d);
        }
        campaign_refs(self.text, pos, items)
    }

    fn region(&mut self, raw: &Option<Spanned<String>>) -> Vec<String> {
        let Some(r) = raw else {
            self.missing("region", "四川/宜宾");
            return Vec::new();
        };
        let parts =
            match region::region_path(self.config, self.path, self.text, self.at(r), &r.value) {
                Ok(parts) => parts,
                Err(d) => {
                    self.diags.push(d);
                    return Vec::new();
                }
            };
        let slugs = region_slugs(self.config, self.path, self.text, self.at(r), &parts);
        self.diags.extend(slugs);
        if parts.is_empty() {
            let d = self.err(
                self.at(r),
                "field-empty",
                msg!(RegionEmpty),
                msg!(RegionEmptyHint),
            );
            self.diags.push(d);
        }
        parts
    }

    fn metrics(&mut self, raw: IndexMap<Spanned<String>, Spanned<String>>) -> Vec<MetricEntry> {
        let mut metrics = Vec::new();
        for (k, v) in raw {
            let key = k.value.trim().to_string();
            let Some(metric) = self.config.metric(&key) else {
                let d = self.undeclared(&k, &key, &v.value);
                self.diags.push(d);
                continue;
            };
            let pos = self.at(&v);
            match metric_value(metric, self.path, self.text, &v.value, pos) {
                Ok(quantity) => metrics.push(MetricEntry {
                    key,
                    raw: v.value.trim().to_string(),
                    pos,
                    quantity,
                }),
                Err(d) => self.diags.push(d),
            }
        }
        metrics
    }

    fn undeclared(&self, k: &Spanned<String>, key: &str, value: &str) -> Diagnostic {
        let known: Vec<&str> = self.config.metrics.iter().map(|m| m.key.as_str()).collect();
        let hint = match crate::suggest::did_you_mean(key, known.iter().copied()) {
            Some(best) => msg!(MetricDidYouMean, best, key),
            None => msg!(MetricDeclareExample, key, unit_of(value)),
        };
        self.err_at(
            self.at(k),
            &k.value,
            "metric-undeclared",
            msg!(MetricUndeclared, key),
            hint,
        )
    }

    /// The series fields: series, issue, issuer, distribution, printed date.
    fn issued(
        &mut self,
        series: Option<Spanned<String>>,
        issue: Option<Spanned<Scalar>>,
        issuer: Option<Spanned<String>>,
        distribution: Option<Spanned<crate::config::series::RawDistribution>>,
        printed: Option<Spanned<String>>,
    ) -> Issued {
        let issue = issue.map(Scalar::text);
        let fields = RawIssued {
            series: series.as_ref(),
            issue: issue.as_ref(),
            issuer: issuer.as_ref(),
            distribution: distribution.as_ref(),
            printed: printed.as_ref(),
        };
        let (config, path, text) = (self.config, self.path, self.text);
        super::issue::issued(config, path, text, self.line0, fields).unwrap_or_else(|mut d| {
            self.diags.append(&mut d);
            Issued::default()
        })
    }

    /// The slug (written, else from the file name) and where it comes from.
    fn slug(&mut self, raw: &Option<Spanned<String>>) -> (String, Spot) {
        let slug_at = raw.as_ref().map_or_else(Spot::first_line, |s| {
            Spot::of(self.text, self.at(s), &s.value)
        });
        let mut slug_ok = true;
        let slug = match raw {
            Some(s) => {
                let clean = slug::slugify(&s.value);
                if clean != s.value.trim() {
                    slug_ok = false;
                    let example = if clean.is_empty() {
                        "my-bulletin".into()
                    } else {
                        clean
                    };
                    let d = self.err_at(
                        self.at(s),
                        &s.value,
                        "slug-invalid",
                        msg!(SlugNotAscii, &s.value),
                        msg!(SlugWriteHint, &example),
                    );
                    self.diags.push(d);
                }
                s.value.trim().to_string()
            }
            None => slug::slugify(&bundle_or_file_name(self.path)),
        };
        if slug.is_empty() {
            let d = Diagnostic::error(self.path, 1, 1, "slug-empty", msg!(SlugFromFileName))
                .with_hint(msg!(SlugAddAsciiHint));
            self.diags.push(d);
        } else if let Some(u) = slug::unfit(&slug).filter(|_| slug_ok) {
            let field = raw.as_ref().map(|_| (slug_at.pos, slug_at.len));
            let d = u.at_slug(self.path, self.text, &slug, field, true);
            self.diags.push(d);
        }
        (slug, slug_at)
    }
}

/// The name a bulletin's slug comes from when none is written: the file's
/// name without `.md`, or for a page bundle (`…/<name>/index.md`, the text
/// beside its photos) the folder's name.
pub fn bundle_or_file_name(path: &std::path::Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = stem.unwrap_or_default();
    if !stem.eq_ignore_ascii_case("index") {
        return stem;
    }
    let folder = path.parent().and_then(|p| p.file_name());
    folder.map_or(stem, |f| f.to_string_lossy().into_owned())
}

/// The summary as HTML and as plain text: written, else the text before
/// `<!-- more -->`, else the start of the body.
fn summary(written: Option<String>, parsed: &markdown::Parsed) -> (Option<String>, String) {
    match written.filter(|s| !s.trim().is_empty()) {
        Some(s) => (Some(markdown::escape(s.trim())), s.trim().to_string()),
        None => match &parsed.before_more {
            Some(t) => (None, truncate_chars(t, SUMMARY_CHARS * 2)),
            None => {
                let t = truncate_chars(&parsed.lead, SUMMARY_CHARS);
                (Some(markdown::escape(&t)), t)
            }
        },
    }
}

/// Parses one bulletin file (front matter and Markdown body). Every
/// problem in its front matter is reported, each at its line and column.
pub fn parse(config: &Config, path: &Path, text: &str) -> Result<Bulletin, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let raw: RawBulletin = yaml::parse_or(path, text, split.yaml, split.yaml_line, plain::read)?;
    let mut f = Fields {
        config,
        path,
        text,
        line0: split.yaml_line,
        diags: Vec::new(),
    };
    let title = f.title(raw.title);
    let date = f.date(&raw.date);
    let campaign_refs = f.campaigns(raw.campaign);
    let region_at =
        (raw.region.as_ref()).map_or_else(Spot::first_line, |r| Spot::of(text, f.at(r), &r.value));
    let region = f.region(&raw.region);
    let metrics = f.metrics(raw.metrics.unwrap_or_default());
    let tags = match raw.tags {
        Some(t) => {
            let pos = f.at(&t);
            let slugs = &f.config.tag_slugs;
            tags_of(
                (path, text),
                pos,
                split_list(t.value.into_vec()),
                slugs,
                &mut f.diags,
            )
        }
        None => Vec::new(),
    };
    let (slug, slug_at) = f.slug(&raw.slug);
    let status = review::status(path, text, split.yaml_line, raw.status.as_ref(), raw.draft)
        .unwrap_or_else(|d| {
            f.diags.push(d);
            None
        });
    let issued = f.issued(
        raw.series,
        raw.issue,
        raw.issuer,
        raw.distribution,
        raw.printed,
    );
    let placeholders = review::placeholders(text);
    if status != Some(Status::Draft) {
        let left = placeholders.iter().filter(|s| !review::is_guess(s));
        (f.diags).extend(left.map(|s| review::placeholder_left(path, s, false)));
    }
    let (Some(date), true) = (date, f.diags.is_empty()) else {
        return Err(f.diags);
    };
    let parsed = markdown::parse(split.body);
    let (summary_html, summary_text) = summary(raw.summary, &parsed);
    Ok(Bulletin {
        path: path.to_path_buf(),
        slug,
        slug_at,
        title,
        date,
        campaign_refs,
        region,
        region_written: raw
            .region
            .map(|r| r.value.trim().to_string())
            .unwrap_or_default(),
        region_at,
        metrics,
        tags,
        source: raw.source.map(RawSource::info),
        summary_html,
        summary_text,
        body: parsed.doc,
        status,
        placeholders,
        issued,
    })
}

mod plain;

#[cfg(test)]
mod tests;
