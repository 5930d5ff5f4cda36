//! Render stage, series: the values of the series keys ([`Key::SeriesIndex`],
//! [`Key::Series`]) and what a bulletin's page shows and prints of its
//! series (the masthead: series name, 期号, issuer, printed date; the
//! 报/送/发 block).
//!
//! Takes the site and its template values; gives Tera values. The series
//! page lists its issues by slug; each issue's title and date come from
//! the bulletin's brief, read by the page (so an edited title re-renders
//! it in the preview).
//!
//! [`Key::SeriesIndex`]: super::reads::Key::SeriesIndex
//! [`Key::Series`]: super::reads::Key::Series

use serde::Serialize;
use tera::Value;

use super::reads::Key;
use super::urls;
use super::view::View;
use crate::config::SeriesDecl;

#[derive(Serialize)]
struct IssueV<'a> {
    /// The bulletin's slug.
    slug: &'a str,
    /// As written, e.g. `2024年第2期`; none when the bulletin gives none.
    issue: Option<&'a str>,
    number: Option<u32>,
}

#[derive(Serialize)]
struct YearV<'a> {
    year: i16,
    issues: Vec<IssueV<'a>>,
}

#[derive(Serialize)]
struct SeriesV<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    issuer: Option<&'a str>,
    count: usize,
    /// `2022—2025`, or one year; empty without issues.
    years_span: String,
    years: Vec<YearV<'a>>,
}

/// The series at position `s` of the configuration.
fn series<'a>(view: &View<'a>, s: usize, decl: &'a SeriesDecl) -> SeriesV<'a> {
    let site = view.site;
    let list = site.series.get(s).map_or(&[][..], Vec::as_slice);
    let mut years: Vec<YearV> = Vec::new();
    for &i in list {
        let b = &site.items[i].bulletin;
        let year = b.issued.year(&b.date);
        if years.last().map(|y| y.year) != Some(year) {
            years.push(YearV {
                year,
                issues: Vec::new(),
            });
        }
        if let Some(y) = years.last_mut() {
            y.issues.push(IssueV {
                slug: &b.slug,
                issue: b.issued.issue.as_ref().map(|i| i.text.as_str()),
                number: b.issued.issue.as_ref().map(|i| i.number),
            });
        }
    }
    let years_span = match (years.last(), years.first()) {
        (Some(a), Some(b)) if a.year != b.year => format!("{}—{}", a.year, b.year),
        (Some(a), _) => a.year.to_string(),
        _ => String::new(),
    };
    SeriesV {
        slug: &decl.slug,
        name: &decl.name,
        url: view.shared.urls.url(&urls::series(&decl.slug)),
        issuer: decl.issuer.as_deref(),
        count: list.len(),
        years_span,
        years,
    }
}

/// Every series, in the order declared, without their issues.
pub fn index(view: &View) -> Value {
    let cfg = &view.site.config;
    let all: Vec<SeriesV> = (cfg.series.iter().enumerate())
        .map(|(s, d)| SeriesV {
            years: Vec::new(),
            ..series(view, s, d)
        })
        .collect();
    Value::from_serializable(&all)
}

/// One series (by slug) with its issues by year; none when not declared.
pub fn one(view: &View, slug: &str) -> Value {
    let cfg = &view.site.config;
    match cfg.series.iter().position(|d| d.slug == slug) {
        Some(s) => Value::from_serializable(&series(view, s, &cfg.series[s])),
        None => Value::none(),
    }
}

/// The value of a series (`sv`) with each issue's `bulletin` filled in
/// with its brief, read by the page being rendered.
pub fn with_briefs(view: &View, sv: &Value) -> Value {
    let field = |v: &Value, name: &'static str| {
        (v.as_map()?.get(&tera::value::Key::Str(name))?.as_array()).map(<[Value]>::to_vec)
    };
    let years: Vec<Value> = (field(sv, "years").unwrap_or_default().iter())
        .map(|y| {
            let mut ym = y.as_map().cloned().unwrap_or_default();
            let issues: Vec<Value> = (field(y, "issues").unwrap_or_default().iter())
                .map(|is| {
                    let mut m = is.as_map().cloned().unwrap_or_default();
                    let slug = m
                        .get(&tera::value::Key::Str("slug"))
                        .and_then(Value::as_str);
                    let brief = view.get(Key::Brief(slug.unwrap_or_default().to_string()));
                    m.insert("bulletin".into(), brief);
                    Value::from(m)
                })
                .collect();
            ym.insert("issues".into(), Value::from(issues.as_slice()));
            Value::from(ym)
        })
        .collect();
    let mut m = sv.as_map().cloned().unwrap_or_default();
    m.insert("years".into(), Value::from(years.as_slice()));
    Value::from(m)
}

#[derive(Serialize)]
struct Line {
    label: &'static str,
    names: String,
}

#[derive(Serialize)]
struct PrintV<'a> {
    series: &'a str,
    series_url: String,
    issue: Option<&'a str>,
    issuer: Option<&'a str>,
    /// The printed date (印发日期), else the bulletin's: `2024年3月11日`.
    printed_zh: String,
    printed: String,
    distribution: Vec<Line>,
}

/// What bulletin `i`'s page shows and prints of its series; none when it
/// belongs to none.
pub fn of_bulletin(view: &View, i: usize) -> Value {
    let b = &view.site.items[i].bulletin;
    let is = &b.issued;
    let Some(decl) = (is.series.as_deref()).and_then(|s| view.site.config.series_named(s)) else {
        return Value::none();
    };
    let printed = is.printed.unwrap_or(b.date);
    let dist = is.distribution.as_ref().unwrap_or(&decl.distribution);
    let v = PrintV {
        series: &decl.name,
        series_url: view.shared.urls.url(&urls::series(&decl.slug)),
        issue: is.issue.as_ref().map(|i| i.text.as_str()),
        issuer: is.issuer.as_deref().or(decl.issuer.as_deref()),
        printed_zh: printed.zh(),
        printed: printed.ymd(),
        distribution: (dist.lines().into_iter())
            .map(|(label, names)| Line { label, names })
            .collect(),
    };
    Value::from_serializable(&v)
}
