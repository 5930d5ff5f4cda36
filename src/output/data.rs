//! Data downloads: the aggregated statistics as `/stats/stats.json` and
//! `/stats/stats.csv`, and the same rows for `jianxun stats`.
//!
//! Takes the site's [`Stats`](crate::site::aggregate::Stats); gives every
//! scope (site, campaign, region, year, month, campaign × region) with each
//! metric's exact value (a decimal string, never a float), bound, unit,
//! count and display.

use serde::Serialize;

use crate::render::format::format_quantity;
use crate::render::totals::{aggregate_name, bound_name};
use crate::site::Site;
use crate::site::aggregate::Totals;

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
}

/// Every scope, in a stable order.
pub fn scopes(site: &Site) -> Vec<Scope<'_>> {
    let s = &site.stats;
    let mut out = vec![Scope {
        kind: "site",
        id: String::new(),
        name: "全站".into(),
        totals: &s.site,
    }];
    for (i, c) in site.campaigns.iter().enumerate() {
        if let Some(t) = s.campaigns.get(i) {
            out.push(Scope {
                kind: "campaign",
                id: c.slug.clone(),
                name: c.name.clone(),
                totals: t,
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
            });
        }
    }
    for (y, t) in &s.years {
        out.push(Scope {
            kind: "year",
            id: y.to_string(),
            name: format!("{y}年"),
            totals: t,
        });
    }
    for ((y, m), t) in &s.months {
        out.push(Scope {
            kind: "month",
            id: format!("{y}-{m:02}"),
            name: format!("{y}年{m}月"),
            totals: t,
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
        });
    }
    out
}

/// Column names of the long (scope × metric) table.
pub const HEADERS: &[&str] = &[
    "scope",
    "id",
    "name",
    "metric",
    "unit",
    "aggregate",
    "value",
    "bound",
    "count",
    "display",
];

/// One row per scope × metric with data.
pub fn rows(site: &Site, scopes: &[Scope]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for sc in scopes {
        for (i, m) in site.config.metrics.iter().enumerate() {
            if let Some(t) = sc.totals.get(i).copied().flatten() {
                rows.push(vec![
                    sc.kind.to_string(),
                    sc.id.clone(),
                    sc.name.clone(),
                    m.key.clone(),
                    m.unit.clone(),
                    aggregate_name(m.aggregate).to_string(),
                    t.value.normalize().to_string(),
                    bound_name(t.bound).to_string(),
                    t.count.to_string(),
                    format_quantity(t.value, t.bound, &m.unit),
                ]);
            }
        }
    }
    rows
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
    totals: indexmap::IndexMap<String, JsonTotal>,
}

#[derive(Serialize)]
struct JsonMetric<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
    aggregate: &'static str,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    generator: String,
    bulletins: usize,
    metrics: Vec<JsonMetric<'a>>,
    scopes: Vec<JsonScope>,
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
            })
            .collect(),
        scopes: scopes
            .iter()
            .map(|sc| JsonScope {
                scope: sc.kind,
                id: sc.id.clone(),
                name: sc.name.clone(),
                totals: site
                    .config
                    .metrics
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| {
                        let t = sc.totals.get(i).copied().flatten()?;
                        Some((
                            m.key.clone(),
                            JsonTotal {
                                value: t.value.normalize().to_string(),
                                bound: bound_name(t.bound),
                                unit: m.unit.clone(),
                                count: t.count,
                                display: format_quantity(t.value, t.bound, &m.unit),
                            },
                        ))
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// CSV: RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark so
/// spreadsheet programs open the Chinese text correctly.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    fn field(f: &str) -> String {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    }
    let mut out = String::from("\u{feff}");
    out.push_str(
        &headers
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The two download files.
pub fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let all = scopes(site);
    vec![
        ("stats/stats.json".into(), json(site, &all).into_bytes()),
        (
            "stats/stats.csv".into(),
            csv(HEADERS, &rows(site, &all)).into_bytes(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::csv;

    #[test]
    fn csv_quotes_and_bom() {
        let out = csv(&["a", "b"], &[vec!["宜宾,四川".into(), "说\"好\"".into()]]);
        assert_eq!(out, "\u{feff}a,b\r\n\"宜宾,四川\",\"说\"\"好\"\"\"\r\n");
        let out = csv(
            &["x"],
            &[
                vec!["a\nb".into()],
                vec!["c\r".into()],
                vec!["plain".into()],
            ],
        );
        assert_eq!(out, "\u{feff}x\r\n\"a\nb\"\r\n\"c\r\"\r\nplain\r\n");
    }
}
