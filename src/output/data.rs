//! Data downloads: the aggregated statistics as `/stats/stats.json` and
//! `/stats/stats.csv`, each campaign's own rows as
//! `/stats/campaigns/<slug>.csv`, and the same rows for `jianxun stats`.
//!
//! Takes the site's [`Stats`](crate::site::aggregate::Stats); gives every
//! scope (site, campaign, region, year, month, campaign × region) with each
//! metric's exact value (a decimal string, never a float), bound, unit,
//! count and display.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::bulletin::Bulletin;
use crate::render::format::format_period;
use crate::render::sheet;
use crate::render::totals;
use crate::render::totals::{aggregate_name, bound_name};
use crate::site::Site;
use crate::site::aggregate::Totals;
use crate::site::span::Span;
use crate::urls;

/// One scope of the statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope<'a> {
    /// `site`, `campaign`, `region`, `year`, `month` or `campaign_region`.
    pub kind: &'static str,
    /// Stable id: campaign slug, region path, `2024`, `2024-03`, `slug|path`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The totals.
    pub totals: &'a Totals,
    /// The months its bulletins span, and how many there are.
    pub span: Span,
}

/// The span of every scope, in one pass over the bulletins: keyed by
/// scope kind and id as in [`Scope`].
fn spans(site: &Site, keep: impl Fn(&Bulletin) -> bool) -> BTreeMap<(&'static str, String), Span> {
    let mut out: BTreeMap<(&'static str, String), Span> = BTreeMap::new();
    let mut add = |kind: &'static str, id: String, ym| out.entry((kind, id)).or_default().add(ym);
    for it in site.items.iter().filter(|it| keep(&it.bulletin)) {
        let d = it.bulletin.date;
        let ym = (d.year(), d.month());
        add("site", String::new(), ym);
        add("year", d.year().to_string(), ym);
        add("month", format!("{}-{:02}", d.year(), d.month()), ym);
        let regions = match site.regions.nodes.is_empty() {
            true => Vec::new(),
            false => site.regions.ancestry(it.region),
        };
        for &r in &regions {
            add("region", site.regions.nodes[r].key.clone(), ym);
        }
        let mut seen = Vec::new();
        for &c in &it.campaigns {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            let slug = &site.campaigns[c].slug;
            add("campaign", slug.clone(), ym);
            for &r in &regions {
                add(
                    "campaign_region",
                    format!("{slug}|{}", site.regions.nodes[r].key),
                    ym,
                );
            }
        }
    }
    out
}

/// Every scope, in a stable order.
pub fn scopes(site: &Site) -> Vec<Scope<'_>> {
    scopes_within(site, |_| true)
}

/// Every scope, counting only the bulletins `keep` accepts in its span
/// (the totals are the site's: compute them over the same bulletins).
pub fn scopes_within(site: &Site, keep: impl Fn(&Bulletin) -> bool) -> Vec<Scope<'_>> {
    let s = &site.stats;
    let mut out = vec![Scope {
        kind: "site",
        id: String::new(),
        name: crate::msg!(ScopeSite).zh(),
        totals: &s.site,
        span: Span::default(),
    }];
    for (i, c) in site.campaigns.iter().enumerate() {
        if let Some(t) = s.campaigns.get(i) {
            out.push(Scope {
                kind: "campaign",
                id: c.slug.clone(),
                name: c.name.clone(),
                totals: t,
                span: Span::default(),
            });
        }
    }
    for (i, n) in site.regions.nodes.iter().enumerate() {
        if let Some(t) = s.regions.get(i) {
            out.push(Scope {
                kind: "region",
                id: n.key.clone(),
                name: n.name.clone(),
                totals: t,
                span: Span::default(),
            });
        }
    }
    for (y, t) in &s.years {
        out.push(Scope {
            kind: "year",
            id: y.to_string(),
            name: crate::render::format::year(*y),
            totals: t,
            span: Span::default(),
        });
    }
    for ((y, m), t) in &s.months {
        out.push(Scope {
            kind: "month",
            id: format!("{y}-{m:02}"),
            name: crate::render::format::year_month(*y, *m),
            totals: t,
            span: Span::default(),
        });
    }
    for ((c, r), t) in &s.campaign_regions {
        let (Some(camp), Some(node)) = (site.campaigns.get(*c), site.regions.nodes.get(*r)) else {
            continue;
        };
        out.push(Scope {
            kind: "campaign_region",
            id: format!("{}|{}", camp.slug, node.key),
            name: format!("{} · {}", camp.name, node.key.replace('/', " · ")),
            totals: t,
            span: Span::default(),
        });
    }
    let spans = spans(site, keep);
    for sc in &mut out {
        sc.span = spans
            .get(&(sc.kind, sc.id.clone()))
            .copied()
            .unwrap_or_default();
    }
    out
}

/// A column of a CSV table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name in the header row.
    pub name: &'static str,
    /// Whether it holds numbers, which are written as they are (`-12.5`);
    /// every other column holds text, see [`csv`].
    pub numeric: bool,
}

const fn text(name: &'static str) -> Column {
    Column {
        name,
        numeric: false,
    }
}

const fn number(name: &'static str) -> Column {
    Column {
        name,
        numeric: true,
    }
}

/// Columns of the long (scope × metric) table.
pub const COLUMNS: &[Column] = &[
    text("scope"),
    text("id"),
    text("name"),
    text("metric"),
    text("unit"),
    text("aggregate"),
    number("value"),
    text("bound"),
    number("count"),
    text("display"),
    text("period"),
    number("bulletins"),
];

/// Calls `f` with each row of the CSV, one per scope × metric with data,
/// one at a time: a wide archive's rows (every campaign in every county)
/// are over a million, and held at once they took more memory than the
/// CSV they make.
fn each_row<'s>(
    site: &Site,
    scopes: impl IntoIterator<Item = &'s Scope<'s>>,
    mut f: impl FnMut(Vec<String>),
) {
    for sc in scopes {
        for (i, m) in site.config.metrics.iter().enumerate() {
            if let Some(t) = sc.totals.get(i).copied().flatten() {
                f(vec![
                    sc.kind.to_string(),
                    sc.id.clone(),
                    sc.name.clone(),
                    m.key.clone(),
                    m.unit.clone(),
                    aggregate_name(m.aggregate).to_string(),
                    t.value.normalize().to_string(),
                    bound_name(t.bound).to_string(),
                    t.count.to_string(),
                    totals::display(site, i, &t),
                    format_period(&sc.span),
                    sc.span.bulletins.to_string(),
                ]);
            }
        }
    }
}

#[derive(Serialize)]
struct JsonTotal {
    value: String,
    bound: &'static str,
    unit: String,
    count: usize,
    display: String,
}

#[derive(Serialize)]
struct JsonScope {
    scope: &'static str,
    id: String,
    name: String,
    period: String,
    bulletins: usize,
    totals: indexmap::IndexMap<String, JsonTotal>,
}

#[derive(Serialize)]
struct JsonMetric<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
    aggregate: &'static str,
    definition: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    generator: String,
    bulletins: usize,
    metrics: Vec<JsonMetric<'a>>,
    scopes: LazyScopes<'a>,
}

/// The scopes of the JSON document, each made as it is written and then
/// dropped (see [`each_row`]).
struct LazyScopes<'a> {
    site: &'a Site,
    scopes: &'a [Scope<'a>],
}

impl Serialize for LazyScopes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.scopes.iter().map(|sc| json_scope(self.site, sc)))
    }
}

/// One scope of the JSON document.
fn json_scope(site: &Site, sc: &Scope) -> JsonScope {
    JsonScope {
        scope: sc.kind,
        id: sc.id.clone(),
        name: sc.name.clone(),
        period: format_period(&sc.span),
        bulletins: sc.span.bulletins,
        totals: (site.config.metrics.iter().enumerate())
            .filter_map(|(i, m)| {
                let t = sc.totals.get(i).copied().flatten()?;
                Some((
                    m.key.clone(),
                    JsonTotal {
                        value: t.value.normalize().to_string(),
                        bound: bound_name(t.bound),
                        unit: m.unit.clone(),
                        count: t.count,
                        display: totals::display(site, i, &t),
                    },
                ))
            })
            .collect(),
    }
}

/// The JSON document for `scopes` (see README for the schema).
pub fn json(site: &Site, scopes: &[Scope]) -> String {
    let doc = JsonDoc {
        generator: format!("jianxun {}", env!("CARGO_PKG_VERSION")),
        bulletins: site.items.len(),
        metrics: site
            .config
            .metrics
            .iter()
            .map(|m| JsonMetric {
                key: &m.key,
                label: &m.label,
                unit: &m.unit,
                aggregate: aggregate_name(m.aggregate),
                definition: m.definition.as_deref(),
            })
            .collect(),
        scopes: LazyScopes { site, scopes },
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The statistics as CSV, each row written as it is made (see
/// [`each_row`]): RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order
/// mark so spreadsheet programs open the Chinese text correctly.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return as a formula (`=HYPERLINK(…)`), and names come from the
/// content. So, as OWASP advises, such a cell gets a leading `'`, which
/// spreadsheets read as "text" — unless its column is numeric and it is a
/// plain decimal number (`-12.5`), which stays a number.
pub fn stats_csv<'s>(site: &Site, scopes: impl IntoIterator<Item = &'s Scope<'s>>) -> String {
    let mut out = csv_header(COLUMNS);
    each_row(site, scopes, |r| csv_row(&mut out, COLUMNS, &r));
    out
}

/// The byte-order mark and the header line of [`stats_csv`].
fn csv_header(columns: &[Column]) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = columns.iter().map(|c| field(c.name, false)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    out
}

/// One line of [`stats_csv`].
fn csv_row(out: &mut String, columns: &[Column], r: &[String]) {
    let cells: Vec<String> = (r.iter().enumerate())
        .map(|(j, cell)| field(cell, columns.get(j).is_some_and(|c| c.numeric)))
        .collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One CSV cell: neutralised if a spreadsheet could run it, then quoted.
fn field(cell: &str, numeric: bool) -> String {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if formula && !(numeric && is_plain_number(cell)) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// `411`, `-12.5`: an optional minus, digits, and optionally a point and digits.
fn is_plain_number(cell: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    match unsigned.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(unsigned),
    }
}

/// The download files, each handed to `put` as soon as it is made:
/// `stats.json` and `stats.csv` with every scope (but the campaign ×
/// region rows when `apart`: the pages' value
/// [`Shared::csv_apart`](crate::render::context::Shared::csv_apart), so the
/// files are as the pages say), and a CSV for each campaign with data.
pub fn files(site: &Site, apart: bool, put: &(dyn Fn(String, Vec<u8>) + Sync)) {
    use rayon::prelude::*;
    let all = scopes(site);
    put("stats/stats.json".into(), json(site, &all).into_bytes());
    let wide = (all.iter()).filter(|sc| !(apart && sc.kind == "campaign_region"));
    put("stats/stats.csv".into(), stats_csv(site, wide).into_bytes());
    // Scopes come campaign by campaign: its row, then its rows by region.
    let mut own: BTreeMap<&str, Vec<&Scope>> = BTreeMap::new();
    for sc in &all {
        let slug = match sc.kind {
            "campaign" => sc.id.as_str(),
            "campaign_region" => sc.id.split_once('|').map_or("", |(c, _)| c),
            _ => continue,
        };
        own.entry(slug).or_default().push(sc);
    }
    own.into_par_iter()
        .filter(|(_, scopes)| scopes.iter().any(|sc| sheet::values(sc.totals) > 0))
        .for_each(|(slug, scopes)| {
            put(
                urls::campaign_csv(slug),
                stats_csv(site, scopes).into_bytes(),
            )
        });
}

#[cfg(test)]
mod tests {
    use super::{COLUMNS, Column, csv_header, csv_row, field, number, text};

    /// A CSV of `rows` under `columns`, as [`super::stats_csv`] writes one.
    fn csv(columns: &[Column], rows: &[Vec<String>]) -> String {
        let mut out = csv_header(columns);
        for r in rows {
            csv_row(&mut out, columns, r);
        }
        out
    }

    #[test]
    fn csv_quotes_and_bom() {
        let columns = [text("a"), text("b")];
        let out = csv(&columns, &[vec!["宜宾,四川".into(), "说\"好\"".into()]]);
        assert_eq!(out, "\u{feff}a,b\r\n\"宜宾,四川\",\"说\"\"好\"\"\"\r\n");
        let out = csv(
            &[text("x")],
            &[
                vec!["a\nb".into()],
                vec!["c\r".into()],
                vec!["plain".into()],
            ],
        );
        assert_eq!(out, "\u{feff}x\r\n\"a\nb\"\r\n\"c\r\"\r\nplain\r\n");
    }

    /// `cell | numeric column | as written`.
    const FIELDS: &[(&str, bool, &str)] = &[
        (
            "=HYPERLINK(\"http://x/\",\"点\")",
            false,
            "\"'=HYPERLINK(\"\"http://x/\"\",\"\"点\"\")\"",
        ),
        ("+1+cmd|' /C calc'!A0", false, "'+1+cmd|' /C calc'!A0"),
        ("-宜宾", false, "'-宜宾"),
        ("@SUM(A1)", false, "'@SUM(A1)"),
        ("\t=1", false, "'\t=1"),
        ("\r=1", false, "\"'\r=1\""),
        ("-12.5家", false, "'-12.5家"),
        ("-12.5", false, "'-12.5"),
        ("-12.5", true, "-12.5"),
        ("-3", true, "-3"),
        ("411", true, "411"),
        ("0.5", true, "0.5"),
        ("-1+2", true, "'-1+2"),
        ("-", true, "'-"),
        ("-.5", true, "'-.5"),
        ("=1", true, "'=1"),
        ("+3", true, "'+3"),
        ("宜宾=1", false, "宜宾=1"),
        ("约-3家", false, "约-3家"),
        ("", false, ""),
        ("", true, ""),
    ];

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for &(cell, numeric, want) in FIELDS {
            assert_eq!(field(cell, numeric), want, "{cell:?} numeric: {numeric}");
        }
    }

    #[test]
    fn value_count_and_bulletins_are_the_numeric_columns() {
        let numeric: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.numeric)
            .map(|c| c.name)
            .collect();
        assert_eq!(numeric, ["value", "count", "bulletins"]);
        assert!(number("x").numeric);
    }
}
