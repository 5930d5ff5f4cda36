//! The statistics values for `/stats/`, campaign and region pages: the
//! aggregated [`Stats`](crate::site::aggregate::Stats) → tables (one cell per
//! declared metric) that templates loop over.

use serde::Serialize;
use tera::Value;

use super::charts::{self, Bar};
use super::context::Shared;
use super::format::format_quantity;
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
    let unit = &site.config.metrics[metric].unit;
    Some(Bar {
        label,
        value: t.value,
        display: format_quantity(t.value, t.bound, unit),
        href: None,
    })
}

fn pair(title: &str, first_col: &str, bars: &[Bar], id: &str) -> Option<ChartView> {
    if bars.is_empty() {
        return None;
    }
    let rows: Vec<Vec<String>> = bars
        .iter()
        .map(|b| vec![b.label.clone(), b.display.clone()])
        .collect();
    let svg = if first_col == "月份" {
        charts::timeline(title, bars, id)
    } else {
        charts::bar_chart(title, bars, id)
    };
    Some(ChartView {
        title: title.to_string(),
        svg,
        table: charts::table(title, &[first_col, "数值"], &rows),
    })
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
    let name = &site.campaigns[c].name;
    let mut out = Vec::new();
    for (i, m) in site.config.metrics.iter().enumerate() {
        if s.campaigns
            .get(c)
            .and_then(|t| t.get(i).copied().flatten())
            .is_none()
        {
            continue;
        }
        let by_region: Vec<Bar> = chart_regions(site)
            .into_iter()
            .filter_map(|r| {
                let n = &site.regions.nodes[r];
                bar(site, i, n.name.clone(), s.campaign_regions.get(&(c, r)))
            })
            .collect();
        out.extend(pair(
            &format!("{name}：{}（按地区）", m.label),
            "地区",
            &by_region,
            &format!("c{c}-m{i}-regions"),
        ));
        let by_month: Vec<Bar> = s
            .campaign_months
            .range((c, (i16::MIN, i8::MIN))..=(c, (i16::MAX, i8::MAX)))
            .filter_map(|(&(_, (y, mo)), t)| bar(site, i, month_label(y, mo), Some(t)))
            .collect();
        out.extend(pair(
            &format!("{name}：{}（按月份）", m.label),
            "月份",
            &by_month,
            &format!("c{c}-m{i}-months"),
        ));
    }
    out
}

/// Per metric with data: a bar chart by campaign and a timeline by month.
pub fn region_charts(site: &Site, r: usize) -> Vec<ChartView> {
    let s = &site.stats;
    let name = &site.regions.nodes[r].name;
    let mut out = Vec::new();
    for (i, m) in site.config.metrics.iter().enumerate() {
        if s.regions
            .get(r)
            .and_then(|t| t.get(i).copied().flatten())
            .is_none()
        {
            continue;
        }
        let by_campaign: Vec<Bar> = site
            .campaigns
            .iter()
            .enumerate()
            .filter_map(|(c, camp)| {
                bar(site, i, camp.name.clone(), s.campaign_regions.get(&(c, r)))
            })
            .collect();
        out.extend(pair(
            &format!("{name}：{}（按活动）", m.label),
            "活动",
            &by_campaign,
            &format!("r{r}-m{i}-campaigns"),
        ));
        let by_month: Vec<Bar> = s
            .region_months
            .range((r, (i16::MIN, i8::MIN))..=(r, (i16::MAX, i8::MAX)))
            .filter_map(|(&(_, (y, mo)), t)| bar(site, i, month_label(y, mo), Some(t)))
            .collect();
        out.extend(pair(
            &format!("{name}：{}（按月份）", m.label),
            "月份",
            &by_month,
            &format!("r{r}-m{i}-months"),
        ));
    }
    out
}

/// Per metric with data: by campaign, by region and by month, site-wide.
pub fn site_charts(site: &Site) -> Vec<ChartView> {
    let s = &site.stats;
    let mut out = Vec::new();
    for (i, m) in site.config.metrics.iter().enumerate() {
        if s.site.get(i).copied().flatten().is_none() {
            continue;
        }
        let by_campaign: Vec<Bar> = site
            .campaigns
            .iter()
            .enumerate()
            .filter_map(|(c, camp)| bar(site, i, camp.name.clone(), s.campaigns.get(c)))
            .collect();
        out.extend(pair(
            &format!("{}（按活动）", m.label),
            "活动",
            &by_campaign,
            &format!("s-m{i}-campaigns"),
        ));
        let by_region: Vec<Bar> = chart_regions(site)
            .into_iter()
            .filter_map(|r| {
                let n = &site.regions.nodes[r];
                bar(site, i, n.name.clone(), s.regions.get(r))
            })
            .collect();
        out.extend(pair(
            &format!("{}（按地区）", m.label),
            "地区",
            &by_region,
            &format!("s-m{i}-regions"),
        ));
        let by_month: Vec<Bar> = s
            .months
            .iter()
            .filter_map(|(&(y, mo), t)| bar(site, i, month_label(y, mo), Some(t)))
            .collect();
        out.extend(pair(
            &format!("{}（按月份）", m.label),
            "月份",
            &by_month,
            &format!("s-m{i}-months"),
        ));
    }
    out
}
