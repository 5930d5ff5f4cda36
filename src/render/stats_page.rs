//! The statistics values for `/stats/`, campaign and region pages: the
//! aggregated [`Stats`](crate::site::aggregate::Stats) → tables (one cell per
//! declared metric) that templates loop over.

use serde::Serialize;
use tera::Value;

use super::charts::{self, Bar};
use super::context::Shared;
use super::totals::{self, TotalView};
use super::urls;
use crate::site::Site;
use crate::site::aggregate::Totals;

#[derive(Serialize)]
struct MetricHead<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
    aggregate: &'static str,
}

/// One row of a statistics table.
#[derive(Serialize)]
pub struct Row {
    /// Row label.
    pub name: String,
    /// Link, if the row is a page of the site.
    pub url: Option<String>,
    /// Indentation depth (regions).
    pub depth: usize,
    /// Bulletins in the scope.
    pub bulletins: usize,
    /// One display per declared metric (`—` when none).
    pub cells: Vec<String>,
}

fn month_label(y: i16, m: i8) -> String {
    format!("{y}年{m}月")
}

/// The `stats` value of the `/stats/` page.
pub fn stats_value(site: &Site, shared: &Shared) -> Value {
    let s = &site.stats;
    let heads: Vec<MetricHead> = site
        .config
        .metrics
        .iter()
        .map(|m| MetricHead {
            key: &m.key,
            label: &m.label,
            unit: &m.unit,
            aggregate: totals::aggregate_name(m.aggregate),
        })
        .collect();
    let campaigns: Vec<Row> = site
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| Row {
            name: c.name.clone(),
            url: Some(shared.urls.url(&urls::campaign(&c.slug, 1))),
            depth: 0,
            bulletins: site.by_campaign[i].len(),
            cells: totals::cells(site, s.campaigns.get(i)),
        })
        .collect();
    let regions: Vec<Row> = site
        .regions
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Row {
            name: n.name.clone(),
            url: Some(shared.urls.url(&urls::region(&n.slug_path, 1))),
            depth: n.depth,
            bulletins: n.all.len(),
            cells: totals::cells(site, s.regions.get(i)),
        })
        .collect();
    let count = |pred: &dyn Fn(i16, i8) -> bool| -> usize {
        site.archive
            .iter()
            .filter(|((y, m), _)| pred(*y, *m))
            .map(|(_, l)| l.len())
            .sum()
    };
    let years: Vec<Row> = s
        .years
        .iter()
        .rev()
        .map(|(&y, t)| Row {
            name: format!("{y}年"),
            url: None,
            depth: 0,
            bulletins: count(&|yy, _| yy == y),
            cells: totals::cells(site, Some(t)),
        })
        .collect();
    let months: Vec<Row> = s
        .months
        .iter()
        .rev()
        .map(|(&(y, m), t)| Row {
            name: month_label(y, m),
            url: None,
            depth: 0,
            bulletins: count(&|yy, mm| yy == y && mm == m),
            cells: totals::cells(site, Some(t)),
        })
        .collect();
    let site_totals: Vec<TotalView> = totals::views(site, &s.site, &[]);
    let mut m = tera::Map::new();
    m.insert("metrics".into(), Value::from_serializable(&heads));
    m.insert("totals".into(), Value::from_serializable(&site_totals));
    m.insert("bulletins".into(), Value::from(site.items.len()));
    m.insert("campaigns".into(), Value::from_serializable(&campaigns));
    m.insert("regions".into(), Value::from_serializable(&regions));
    m.insert("years".into(), Value::from_serializable(&years));
    m.insert("months".into(), Value::from_serializable(&months));
    m.insert(
        "json_url".into(),
        Value::from(shared.urls.url("stats/stats.json")),
    );
    m.insert(
        "csv_url".into(),
        Value::from(shared.urls.url("stats/stats.csv")),
    );
    m.insert(
        "charts".into(),
        Value::from_serializable(&site_charts(site)),
    );
    Value::from(m)
}

/// A chart and the data table shown beside it.
#[derive(Serialize)]
pub struct ChartView {
    /// Visible caption.
    pub title: String,
    /// Inline SVG.
    pub svg: String,
    /// The same data as an HTML table.
    pub table: String,
}

/// A bar of a chart. Charts carry no links: they are images (`role="img"`),
/// and links inside an image are out of reach for screen readers; the pages
/// link every region and campaign elsewhere.
fn bar(site: &Site, metric: usize, label: String, totals: Option<&Totals>) -> Option<Bar> {
    let t = totals?.get(metric).copied().flatten()?;
    Some(Bar {
        label,
        value: t.value,
        display: super::totals::display(site, metric, &t),
        href: None,
    })
}

/// How a dimension is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Horizontal bars (regions, campaigns).
    Bars,
    /// Columns over time (months).
    Timeline,
}

/// One way to break a scope down: its parts, each with its totals.
struct Dimension<'a> {
    /// Caption suffix, e.g. `按地区`.
    by: &'static str,
    /// Heading of the label column of the data table.
    col: &'static str,
    /// Suffix of the chart's element id.
    key: &'static str,
    shape: Shape,
    parts: Vec<(String, Option<&'a Totals>)>,
}

fn by_region<'a>(site: &'a Site, totals: impl Fn(usize) -> Option<&'a Totals>) -> Dimension<'a> {
    let parts = chart_regions(site)
        .into_iter()
        .map(|r| (site.regions.nodes[r].name.clone(), totals(r)))
        .collect();
    Dimension {
        by: "按地区",
        col: "地区",
        key: "regions",
        shape: Shape::Bars,
        parts,
    }
}

fn by_campaign<'a>(site: &'a Site, totals: impl Fn(usize) -> Option<&'a Totals>) -> Dimension<'a> {
    let parts = site
        .campaigns
        .iter()
        .enumerate()
        .map(|(c, camp)| (camp.name.clone(), totals(c)))
        .collect();
    Dimension {
        by: "按活动",
        col: "活动",
        key: "campaigns",
        shape: Shape::Bars,
        parts,
    }
}

fn by_month<'a>(months: impl Iterator<Item = ((i16, i8), &'a Totals)>) -> Dimension<'a> {
    let parts = months
        .map(|((y, mo), t)| (month_label(y, mo), Some(t)))
        .collect();
    Dimension {
        by: "按月份",
        col: "月份",
        key: "months",
        shape: Shape::Timeline,
        parts,
    }
}

/// For every metric the scope has data for, one chart per dimension.
/// `scope` prefixes the captions; `id` prefixes the element ids.
fn metric_charts(
    site: &Site,
    scope: Option<&str>,
    id: &str,
    totals: Option<&Totals>,
    dims: &[Dimension],
) -> Vec<ChartView> {
    let mut out = Vec::new();
    for (i, m) in site.config.metrics.iter().enumerate() {
        if totals.and_then(|t| t.get(i).copied().flatten()).is_none() {
            continue;
        }
        for d in dims {
            let bars: Vec<Bar> = d
                .parts
                .iter()
                .filter_map(|(label, t)| bar(site, i, label.clone(), *t))
                .collect();
            if bars.is_empty() {
                continue;
            }
            let title = match scope {
                Some(name) => format!("{name}：{}（{}）", m.label, d.by),
                None => format!("{}（{}）", m.label, d.by),
            };
            let chart_id = format!("{id}-m{i}-{}", d.key);
            let svg = match d.shape {
                Shape::Bars => charts::bar_chart(&title, &bars, &chart_id),
                Shape::Timeline => charts::timeline(&title, &bars, &chart_id),
            };
            let rows: Vec<Vec<String>> = bars
                .iter()
                .map(|b| vec![b.label.clone(), b.display.clone()])
                .collect();
            let table = charts::table(&title, &[d.col, "数值"], &rows);
            out.push(ChartView { title, svg, table });
        }
    }
    out
}

/// Regions to compare in a chart: the top level, or the level below when there is one top region.
fn chart_regions(site: &Site) -> Vec<usize> {
    let roots = &site.regions.roots;
    if roots.len() == 1 {
        site.regions.nodes[roots[0]].children.clone()
    } else {
        roots.clone()
    }
}

/// Per metric with data: a bar chart by region and a timeline by month.
pub fn campaign_charts(site: &Site, c: usize) -> Vec<ChartView> {
    let s = &site.stats;
    let months = s
        .campaign_months
        .range((c, (i16::MIN, i8::MIN))..=(c, (i16::MAX, i8::MAX)))
        .map(|(&(_, m), t)| (m, t));
    let dims = [
        by_region(site, |r| s.campaign_regions.get(&(c, r))),
        by_month(months),
    ];
    metric_charts(
        site,
        Some(&site.campaigns[c].name),
        &format!("c{c}"),
        s.campaigns.get(c),
        &dims,
    )
}

/// Per metric with data: a bar chart by campaign and a timeline by month.
pub fn region_charts(site: &Site, r: usize) -> Vec<ChartView> {
    let s = &site.stats;
    let months = s
        .region_months
        .range((r, (i16::MIN, i8::MIN))..=(r, (i16::MAX, i8::MAX)))
        .map(|(&(_, m), t)| (m, t));
    let dims = [
        by_campaign(site, |c| s.campaign_regions.get(&(c, r))),
        by_month(months),
    ];
    metric_charts(
        site,
        Some(&site.regions.nodes[r].name),
        &format!("r{r}"),
        s.regions.get(r),
        &dims,
    )
}

/// Per metric with data: by campaign, by region and by month, site-wide.
pub fn site_charts(site: &Site) -> Vec<ChartView> {
    let s = &site.stats;
    let dims = [
        by_campaign(site, |c| s.campaigns.get(c)),
        by_region(site, |r| s.regions.get(r)),
        by_month(s.months.iter().map(|(&m, t)| (m, t))),
    ];
    metric_charts(site, None, "s", Some(&s.site), &dims)
}
