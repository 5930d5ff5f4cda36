//! The statistics values for `/stats/`, campaign and region pages: the
//! aggregated [`Stats`](crate::site::aggregate::Stats) → tables (one cell per
//! declared metric) that templates loop over.

use serde::Serialize;
use tera::Value;

use super::charts::{self, Bar};
use super::context::Shared;
use super::format::format_period;
use super::totals::{self, TotalView};
use super::urls;
use crate::config::Aggregate;
use crate::messages::{Key, Msg};
use crate::msg;
use crate::site::Site;
use crate::site::aggregate::Totals;
use crate::site::span::Span;

#[derive(Serialize)]
struct MetricHead<'a> {
    key: &'a str,
    label: &'a str,
    definition: Option<&'a str>,
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
    /// The months they span (`2022年12月—2026年1月`).
    pub period: String,
    /// One display per declared metric (`—` when none).
    pub cells: Vec<String>,
}

/// A row of the campaign or region table: `name`, its page and the
/// bulletins at `list`, with their totals.
fn scope_row(
    site: &Site,
    name: &str,
    url: String,
    depth: usize,
    list: &[usize],
    t: Option<&Totals>,
) -> Row {
    Row {
        name: name.to_string(),
        url: Some(url),
        depth,
        bulletins: list.len(),
        period: format_period(&Span::of(site, list)),
        cells: totals::cells(site, t),
    }
}

/// The campaign rows and the region rows.
fn scope_rows(site: &Site, shared: &Shared) -> (Vec<Row>, Vec<Row>) {
    let (s, u) = (&site.stats, &shared.urls);
    let campaigns = (site.campaigns.iter().enumerate())
        .map(|(i, c)| {
            let url = u.url(&urls::campaign(&c.slug, 1));
            scope_row(
                site,
                &c.name,
                url,
                0,
                &site.by_campaign[i],
                s.campaigns.get(i),
            )
        })
        .collect();
    let regions = (site.regions.nodes.iter().enumerate())
        .map(|(i, n)| {
            let url = u.url(&urls::region(&n.slug_path, 1));
            scope_row(site, &n.name, url, n.depth, &n.all, s.regions.get(i))
        })
        .collect();
    (campaigns, regions)
}

/// The year rows and the month rows, newest first.
fn time_rows(site: &Site) -> (Vec<Row>, Vec<Row>) {
    let s = &site.stats;
    let row = |name: String, keep: &dyn Fn(i16, i8) -> bool, t: &Totals| {
        let mut span = Span::default();
        for ((y, m), list) in site.archive.iter().filter(|((y, m), _)| keep(*y, *m)) {
            span.add_many((*y, *m), list.len());
        }
        Row {
            name,
            url: None,
            depth: 0,
            bulletins: span.bulletins,
            period: format_period(&span),
            cells: totals::cells(site, Some(t)),
        }
    };
    let years = (s.years.iter().rev())
        .map(|(&y, t)| row(super::format::year(y), &|yy, _| yy == y, t))
        .collect();
    let months = (s.months.iter().rev())
        .map(|(&(y, m), t)| {
            row(
                super::format::year_month(y, m),
                &|yy, mm| yy == y && mm == m,
                t,
            )
        })
        .collect();
    (years, months)
}

/// How many rows the table by campaign on `/stats/` lists at most: the
/// most recent campaigns. At some 400 bytes a row, an archive of 1,000
/// campaigns would make that table alone 400 KB. Every campaign has its
/// own page, and its row in `stats.csv`.
const CAMPAIGN_ROWS: usize = 100;

/// The rows of `campaigns` (one per campaign, in site order) the table by
/// campaign lists: the [`CAMPAIGN_ROWS`] most recent, in site order.
fn listed_campaigns(site: &Site, campaigns: &Value) -> Value {
    let rows = campaigns.as_array().unwrap_or_default();
    let keep = super::context::featured(&site.by_campaign, CAMPAIGN_ROWS);
    let listed: Vec<Value> = keep.iter().filter_map(|&c| rows.get(c).cloned()).collect();
    Value::from(listed.as_slice())
}

/// The `stats` value of the `/stats/` page.
pub fn stats_value(site: &Site, shared: &Shared) -> Value {
    let heads: Vec<MetricHead> = (site.config.metrics.iter())
        .map(|m| MetricHead {
            key: &m.key,
            label: &m.label,
            definition: m.definition.as_deref(),
            unit: &m.unit,
            aggregate: totals::aggregate_name(m.aggregate),
        })
        .collect();
    let (campaigns, regions) = scope_rows(site, shared);
    let (years, months) = time_rows(site);
    let site_totals: Vec<TotalView> = totals::views(site, &site.stats.site, &[]);
    let mut m = tera::Map::new();
    m.insert("metrics".into(), Value::from_serializable(&heads));
    m.insert("totals".into(), Value::from_serializable(&site_totals));
    m.insert("bulletins".into(), Value::from(site.items.len()));
    let period = format_period(&Span::of_site(site));
    m.insert("period".into(), Value::from(period));
    let campaigns = Value::from_serializable(&campaigns);
    m.insert(
        "campaigns_listed".into(),
        listed_campaigns(site, &campaigns),
    );
    m.insert("campaigns".into(), campaigns);
    let (depth, hidden) = super::report::shown_depth(regions.iter().map(|r| r.depth));
    m.insert("region_depth".into(), Value::from(depth));
    m.insert("regions_hidden".into(), Value::from(hidden));
    m.insert("regions".into(), Value::from_serializable(&regions));
    m.insert("years".into(), Value::from_serializable(&years));
    m.insert("months".into(), Value::from_serializable(&months));
    let u = &shared.urls;
    m.insert("json_url".into(), Value::from(u.url("stats/stats.json")));
    m.insert("csv_url".into(), Value::from(u.url("stats/stats.csv")));
    m.insert("csv_apart".into(), Value::from(shared.csv_apart));
    m.insert("campaigns_url".into(), Value::from(u.url("campaigns/")));
    let (summary, sections) = super::report::report_values(site, shared);
    m.insert("summary".into(), summary);
    m.insert("sections".into(), sections);
    Value::from(m)
}

/// A chart and the data table shown beside it.
#[derive(Serialize)]
pub struct ChartView {
    /// Visible caption.
    pub title: String,
    /// The caption where the page already names the scope and period:
    /// `参与企业（按地区）`.
    pub caption: String,
    /// Inline SVG.
    pub svg: String,
    /// The same data as an HTML table.
    pub table: String,
    /// The metric it shows (its position in the configuration).
    #[serde(skip)]
    pub metric: usize,
    /// How many parts have a value (bars, points).
    #[serde(skip)]
    pub points: usize,
    /// How many parts with a value a bar chart leaves out (see
    /// [`CHART_BARS`]); its table leaves out the same.
    pub left_out: usize,
    /// The site path of the CSV holding every part, left out or not; none
    /// when they are in the campaigns' own files (a region's campaigns,
    /// when `stats.csv` leaves its campaign × region rows apart).
    pub csv: Option<String>,
    /// That file's name, shown as the link.
    pub csv_name: Option<String>,
}

/// How many bars a bar chart draws at most: enough for China's 34
/// provincial divisions. Past that, the largest are drawn, largest first:
/// a region's page with a bar for each of 300 campaigns, in each of its
/// metrics, passed 800 KB. Every value is in a download the template
/// names ([`ChartView::csv`]).
pub const CHART_BARS: usize = 40;

/// Cuts `bars` to the [`CHART_BARS`] largest, largest first (ties keep
/// their order), when there are more; gives how many it left out.
fn keep_largest(bars: &mut Vec<Bar>) -> usize {
    if bars.len() <= CHART_BARS {
        return 0;
    }
    bars.sort_by_key(|b| std::cmp::Reverse(b.value));
    let left_out = bars.len() - CHART_BARS;
    bars.truncate(CHART_BARS);
    left_out
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
    by: Key,
    /// Heading of the label column of the data table.
    col: Key,
    /// Suffix of the chart's element id.
    key: &'static str,
    shape: Shape,
    parts: Vec<(String, Option<&'a Totals>)>,
    /// For a timeline: which parts start a year.
    starts: Vec<bool>,
}

fn by_region<'a>(site: &'a Site, totals: impl Fn(usize) -> Option<&'a Totals>) -> Dimension<'a> {
    let parts = chart_regions(site)
        .into_iter()
        .map(|r| (site.regions.nodes[r].name.clone(), totals(r)))
        .collect();
    Dimension {
        by: Key::ChartByRegion,
        col: Key::ChartColRegion,
        key: "regions",
        shape: Shape::Bars,
        parts,
        starts: Vec::new(),
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
        by: Key::ChartByCampaign,
        col: Key::ChartColCampaign,
        key: "campaigns",
        shape: Shape::Bars,
        parts,
        starts: Vec::new(),
    }
}

/// Every month from the first to the last with totals, in order: months
/// without bulletins are parts without totals, so a timeline keeps time.
fn by_month<'a>(months: impl Iterator<Item = ((i16, i8), &'a Totals)>) -> Dimension<'a> {
    let have: Vec<((i16, i8), &Totals)> = months.collect();
    let mut parts = Vec::new();
    let mut starts = Vec::new();
    if let (Some(first), Some(last)) = (have.first(), have.last()) {
        let (mut y, mut m) = first.0;
        let mut next = have.iter().peekable();
        while (y, m) <= last.0 {
            let t = next.next_if(|x| x.0 == (y, m)).map(|x| x.1);
            parts.push((super::format::year_month(y, m), t));
            starts.push(m == 1);
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    Dimension {
        by: Key::ChartByMonth,
        col: Key::ChartColMonth,
        key: "months",
        shape: Shape::Timeline,
        parts,
        starts,
    }
}

/// For every metric the scope has data for, one chart per dimension.
/// `scope` prefixes the captions and `period` (what the bulletins span)
/// ends them; `id` prefixes the element ids.
fn metric_charts(
    site: &Site,
    (scope, period): (Option<&str>, &str),
    id: &str,
    totals: Option<&Totals>,
    (dims, csv): (&[Dimension], Option<String>),
) -> Vec<ChartView> {
    let mut out = Vec::new();
    for (i, m) in site.config.metrics.iter().enumerate() {
        if totals.and_then(|t| t.get(i).copied().flatten()).is_none() {
            continue;
        }
        for d in dims {
            let mut bars: Vec<Bar> = d
                .parts
                .iter()
                .filter_map(|(label, t)| bar(site, i, label.clone(), *t))
                .collect();
            if bars.is_empty() {
                continue;
            }
            let left_out = match d.shape {
                Shape::Bars => keep_largest(&mut bars),
                Shape::Timeline => 0,
            };
            let by = match left_out {
                0 => Msg::new(d.by).zh(),
                _ => msg!(ChartLargest, Msg::new(d.by).zh(), CHART_BARS).zh(),
            };
            let title = match scope {
                Some(name) => msg!(ChartTitleOf, name, &m.label, &by, period).zh(),
                None => msg!(ChartTitle, &m.label, &by, period).zh(),
            };
            let chart_id = format!("{id}-m{i}-{}", d.key);
            // Sums are bars; a mean (a rate, an average) does not add up: a point.
            let mark = match m.aggregate {
                Aggregate::Sum => charts::Mark::Bar,
                _ => charts::Mark::Point,
            };
            let svg = match d.shape {
                Shape::Bars => charts::bar_chart(&title, &bars, &chart_id, mark),
                Shape::Timeline => charts::timeline(&title, &slots(site, i, d), &chart_id, mark),
            };
            let rows: Vec<Vec<String>> = bars
                .iter()
                .map(|b| vec![b.label.clone(), b.display.clone()])
                .collect();
            let heads = [Msg::new(d.col).zh(), msg!(ChartColValue).zh()];
            let table = charts::table(&title, &[&heads[0], &heads[1]], &rows);
            out.push(ChartView {
                caption: msg!(ChartCaption, &m.label, &by).zh(),
                title,
                svg,
                table,
                metric: i,
                points: bars.len(),
                left_out,
                csv: csv.clone(),
                csv_name: (csv.as_deref()).map(|p| crate::urls::file_name(p).to_string()),
            });
        }
    }
    out
}

/// The timeline slots of metric `metric` over `d`'s months, from the first
/// month with a value to the last.
fn slots(site: &Site, metric: usize, d: &Dimension) -> Vec<charts::Slot> {
    let mut slots: Vec<charts::Slot> = (d.parts.iter().enumerate())
        .map(|(k, (label, t))| charts::Slot {
            label: label.clone(),
            year_start: d.starts.get(k).copied().unwrap_or(false),
            bar: bar(site, metric, label.clone(), *t),
        })
        .collect();
    while slots.last().is_some_and(|s| s.bar.is_none()) {
        slots.pop();
    }
    let lead = slots.iter().take_while(|s| s.bar.is_none()).count();
    slots.drain(..lead);
    slots
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
    let period = format_period(&Span::of(site, &site.by_campaign[c]));
    let csv = crate::urls::campaign_csv(&site.campaigns[c].slug);
    metric_charts(
        site,
        (Some(&site.campaigns[c].name), &period),
        &format!("c{c}"),
        s.campaigns.get(c),
        (&dims, Some(csv)),
    )
}

/// Per metric with data: a bar chart by campaign and a timeline by month.
/// `apart`: whether `stats.csv` leaves the campaign × region rows to the
/// campaigns' own files.
pub fn region_charts(site: &Site, r: usize, apart: bool) -> Vec<ChartView> {
    let s = &site.stats;
    let months = s
        .region_months
        .range((r, (i16::MIN, i8::MIN))..=(r, (i16::MAX, i8::MAX)))
        .map(|(&(_, m), t)| (m, t));
    let dims = [
        by_campaign(site, |c| s.campaign_regions.get(&(c, r))),
        by_month(months),
    ];
    let period = format_period(&Span::of(site, &site.regions.nodes[r].all));
    metric_charts(
        site,
        (Some(&site.regions.nodes[r].name), &period),
        &format!("r{r}"),
        s.regions.get(r),
        (&dims, (!apart).then(|| "stats/stats.csv".to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::{Bar, CHART_BARS, keep_largest};
    use rust_decimal::Decimal;

    fn bars(values: &[i64]) -> Vec<Bar> {
        (values.iter().enumerate())
            .map(|(k, &v)| Bar {
                label: format!("b{k}"),
                value: Decimal::from(v),
                display: v.to_string(),
                href: None,
            })
            .collect()
    }

    fn labels(bars: &[Bar]) -> Vec<String> {
        bars.iter().map(|b| b.label.clone()).collect()
    }

    #[test]
    fn a_bar_chart_keeps_its_order_up_to_the_limit_and_the_largest_past_it() {
        // Up to the limit: every bar, in its order.
        let values: Vec<i64> = (0..CHART_BARS as i64).collect();
        let mut all = bars(&values);
        assert_eq!(keep_largest(&mut all), 0);
        assert_eq!(labels(&all), labels(&bars(&values)));
        // Past it: the largest, largest first; a tie keeps its order.
        let mut values = vec![5; CHART_BARS + 3];
        values[0] = 1;
        values[1] = 2;
        values[2] = 3;
        values[4] = 9;
        let mut many = bars(&values);
        assert_eq!(keep_largest(&mut many), 3);
        assert_eq!(many.len(), CHART_BARS);
        let mut want = vec!["b4".to_string(), "b3".to_string()];
        want.extend((5..CHART_BARS + 3).map(|k| format!("b{k}")));
        assert_eq!(labels(&many), want);
    }
}
