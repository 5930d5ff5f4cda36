//! Aggregate stage: metric values of bulletins → totals per scope.
//!
//! Takes one [`Observation`] per bulletin (its time, campaigns, region with
//! every ancestor, and parsed values) and the declared metrics; gives
//! [`Stats`]: a [`Total`] per metric for the whole site, each campaign, each
//! region prefix, each year and month, and campaign × region and campaign ×
//! month. Pure and exact: decimals, ordered maps, no dependence on the rest
//! of the site model, so the rules are tested here with small tables.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::config::{Aggregate, Metric};
use crate::content::number::{Bound, Quantity};

/// What one bulletin contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The bulletin's index in the site; breaks ties for `latest`.
    pub bulletin: usize,
    /// Publication time, seconds since the epoch.
    pub timestamp: i64,
    /// Publication year.
    pub year: i16,
    /// Publication month, 1–12.
    pub month: i8,
    /// Campaign indices.
    pub campaigns: Vec<usize>,
    /// Region indices: the bulletin's region and all its ancestors.
    pub regions: Vec<usize>,
    /// Values by metric index (into the metrics passed to [`aggregate`]).
    pub values: Vec<(usize, Quantity)>,
}

/// One metric's total in one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Total {
    /// The combined amount.
    pub value: Decimal,
    /// How the amount bounds the truth.
    pub bound: Bound,
    /// How precisely an approximate total is known: the coarsest
    /// [`Quantity::step`] among its approximate parts (zero when exact). A
    /// sum of `30余万` and `约2,000` is known to 100,000, not to 1,000.
    pub step: Decimal,
    /// An *at least* total with a part that has no upper limit (`以上`).
    pub open: bool,
    /// How many bulletins reported the metric in this scope.
    pub count: usize,
    /// The bulletin whose one reported value this total is (one report,
    /// or the one a max, min or latest picked), so it can be shown as written.
    pub single: Option<usize>,
    /// What the parts add up to (their sum, combined bound, coarsest step),
    /// kept so that totals of parts can be merged ([`merge`]).
    #[serde(skip)]
    pub whole: Quantity,
    /// When the newest report in the scope was made (for `latest`, the
    /// report it picked).
    #[serde(skip)]
    pub stamp: i64,
}

impl Total {
    /// The total as a quantity.
    pub fn quantity(&self) -> Quantity {
        Quantity {
            value: self.value,
            bound: self.bound,
            step: self.step,
            open: self.open,
        }
    }
}

/// A value picked by max or min: the quantity and its bulletin (none when
/// equal values of several bulletins tie).
type Pick = (Quantity, Option<usize>);

/// Totals by metric index; `None` where no bulletin in the scope reported it.
pub type Totals = std::sync::Arc<[Option<Total>]>;

/// Totals for every scope the site shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    /// The whole site.
    pub site: Totals,
    /// Per campaign index.
    pub campaigns: Vec<Totals>,
    /// Per region index (each region includes its descendants).
    pub regions: Vec<Totals>,
    /// Per year with bulletins.
    pub years: BTreeMap<i16, Totals>,
    /// Per (year, month) with bulletins.
    pub months: BTreeMap<(i16, i8), Totals>,
    /// Per (campaign, region) with bulletins.
    pub campaign_regions: BTreeMap<(usize, usize), Totals>,
    /// Per (campaign, (year, month)) with bulletins.
    pub campaign_months: BTreeMap<(usize, (i16, i8)), Totals>,
    /// Per (region, (year, month)) with bulletins (each region includes its descendants).
    pub region_months: BTreeMap<(usize, (i16, i8)), Totals>,
}

impl Stats {
    /// The campaigns with bulletins in `region`, with their totals there.
    pub fn region_campaigns(&self, region: usize) -> impl Iterator<Item = (usize, &Totals)> {
        self.campaign_regions
            .iter()
            .filter(move |((_, r), _)| *r == region)
            .map(|(&(c, _), t)| (c, t))
    }
}

/// Running state for one metric in one scope.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    count: usize,
    sum: Decimal,
    bound: Option<Bound>,
    step: Decimal,
    open: bool,
    first: usize,
    max: Option<Pick>,
    min: Option<Pick>,
    /// Timestamp, bulletin index and value of the latest report.
    latest: Option<(i64, usize, Quantity)>,
}

impl Acc {
    fn add(&mut self, timestamp: i64, bulletin: usize, q: Quantity) {
        self.count += 1;
        let mut bound = q.bound;
        self.sum = match self.sum.checked_add(q.value) {
            Some(s) => s,
            // Beyond 7.9 × 10²⁸: keep the largest decimal and say it is approximate.
            None => {
                bound = Bound::About;
                if q.value.is_sign_negative() {
                    Decimal::MIN
                } else {
                    Decimal::MAX
                }
            }
        };
        self.bound = Some(self.bound.map_or(bound, |b| b.combine(bound)));
        self.step = self.step.max(q.step);
        self.open |= q.open;
        if self.count == 1 {
            self.first = bulletin;
        }
        self.max = pick(self.max, q, bulletin, |v| q.value > v);
        self.min = pick(self.min, q, bulletin, |v| q.value < v);
        // Newest wins; at equal times the earlier bulletin in site order.
        let newer = self.latest.is_none_or(|(t, i, _)| {
            (timestamp, std::cmp::Reverse(bulletin)) > (t, std::cmp::Reverse(i))
        });
        if newer {
            self.latest = Some((timestamp, bulletin, q));
        }
    }

    fn total(&self, how: Aggregate) -> Option<Total> {
        let bound = self.bound?;
        let one = (self.count == 1).then_some(self.first);
        let whole = Quantity {
            value: self.sum,
            bound,
            step: self.step,
            open: self.open,
        };
        let (q, single) = match how {
            Aggregate::Sum => (whole, one),
            Aggregate::Mean => (self.mean(whole)?, one),
            Aggregate::Max => self.max?,
            Aggregate::Min => self.min?,
            Aggregate::Latest => self.latest.map(|(_, i, q)| (q, Some(i)))?,
        };
        Some(Total {
            value: q.value.normalize(),
            bound: q.bound,
            step: q.step,
            open: q.open,
            count: self.count,
            single,
            whole: Quantity {
                value: whole.value.normalize(),
                ..whole
            },
            stamp: self.latest.map_or(0, |l| l.0),
        })
    }

    fn mean(&self, whole: Quantity) -> Option<Quantity> {
        mean(whole, self.count)
    }
}

/// The mean of `count` parts summed in `whole`: to two decimals, and
/// *about* when an exact mean needed rounding (1, 2, 2 → about 1.67).
fn mean(whole: Quantity, count: usize) -> Option<Quantity> {
    let exact = whole.value.checked_div(Decimal::from(count))?;
    let value = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Some(match whole.bound {
        Bound::Exact if value != exact => Quantity {
            value,
            bound: Bound::About,
            step: Decimal::new(1, 2),
            open: false,
        },
        _ => Quantity { value, ..whole },
    })
}

/// Of two equal values, the one that claims less: the weaker bound, then
/// the coarser step, then no upper limit. An order of its own, so picking
/// never depends on the order the values came in.
fn weaker(a: Quantity, b: Quantity) -> Quantity {
    let key = |q: &Quantity| (q.bound, q.step, q.open);
    if key(&b) > key(&a) { b } else { a }
}

/// `cur` or `q` (of `bulletin`), whichever is `better`; equal values keep
/// the weaker of their bounds, so order never matters, and name no bulletin.
fn pick(
    cur: Option<Pick>,
    q: Quantity,
    bulletin: usize,
    better: impl Fn(Decimal) -> bool,
) -> Option<Pick> {
    match cur {
        Some((c, _)) if c.value == q.value => Some((weaker(c, q), None)),
        Some(c) if !better(c.0.value) => Some(c),
        _ => Some((q, Some(bulletin))),
    }
}

pub(crate) type Scope = Vec<Acc>;

fn add(scope: &mut Scope, o: &Observation, values: &[(usize, Quantity)]) {
    for &(m, q) in values {
        scope[m].add(o.timestamp, o.bulletin, q);
    }
}

fn finish(scope: &Scope, metrics: &[Metric]) -> Totals {
    scope
        .iter()
        .zip(metrics)
        .map(|(acc, m)| acc.total(m.aggregate))
        .collect()
}

fn finish_map<K: Ord + Clone>(map: &BTreeMap<K, Scope>, metrics: &[Metric]) -> BTreeMap<K, Totals> {
    map.iter()
        .map(|(k, s)| (k.clone(), finish(s, metrics)))
        .collect()
}

fn unique(xs: &[usize], below: usize) -> Vec<usize> {
    let mut v: Vec<usize> = xs.iter().copied().filter(|&x| x < below).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Totals every declared metric over `obs` for each scope. A bulletin in
/// two campaigns counts in both, but once site-wide and once per region,
/// year and month. Indices out of range are ignored; a metric written twice
/// in one observation counts once, with the value written last.
///
/// Three families of scopes share no state (time, regions, campaigns), so
/// they are added up at once, each over every observation in order.
pub fn aggregate(
    obs: &[Observation],
    metrics: &[Metric],
    n_campaigns: usize,
    n_regions: usize,
) -> Stats {
    let values: Vec<Vec<(usize, Quantity)>> = obs.iter().map(|o| last_values(o, metrics)).collect();
    let each = || obs.iter().zip(&values);
    let empty: Scope = vec![Acc::default(); metrics.len()];
    let ((site, years, months), ((regions, region_months), campaigns)) = rayon::join(
        || by_time(each(), &empty, metrics),
        || {
            rayon::join(
                || by_region(each(), &empty, metrics, n_regions),
                || by_campaign(each(), &empty, metrics, n_campaigns, n_regions),
            )
        },
    );
    let (campaigns, campaign_months, campaign_regions) = campaigns;
    Stats {
        site,
        campaigns,
        regions,
        years,
        months,
        campaign_regions,
        campaign_months,
        region_months,
    }
}

/// Every observation with the values of it that count.
type Each<'a> =
    std::iter::Zip<std::slice::Iter<'a, Observation>, std::slice::Iter<'a, Vec<(usize, Quantity)>>>;

/// The totals of the site, of each year and of each (year, month).
type TimeTotals = (Totals, BTreeMap<i16, Totals>, BTreeMap<(i16, i8), Totals>);

/// The site's, each year's and each month's totals.
fn by_time(obs: Each, empty: &Scope, metrics: &[Metric]) -> TimeTotals {
    let mut site = empty.clone();
    let mut years: BTreeMap<i16, Scope> = BTreeMap::new();
    let mut months: BTreeMap<(i16, i8), Scope> = BTreeMap::new();
    for (o, values) in obs {
        add(&mut site, o, values);
        add(
            years.entry(o.year).or_insert_with(|| empty.clone()),
            o,
            values,
        );
        add(
            months
                .entry((o.year, o.month))
                .or_insert_with(|| empty.clone()),
            o,
            values,
        );
    }
    (
        finish(&site, metrics),
        finish_map(&years, metrics),
        finish_map(&months, metrics),
    )
}

/// The totals of each region and of each (region, month).
type RegionTotals = (Vec<Totals>, BTreeMap<(usize, (i16, i8)), Totals>);

/// Each region's totals, and each region's per month.
fn by_region(obs: Each, empty: &Scope, metrics: &[Metric], n_regions: usize) -> RegionTotals {
    let mut regions = vec![empty.clone(); n_regions];
    let mut region_months: BTreeMap<(usize, (i16, i8)), Scope> = BTreeMap::new();
    for (o, values) in obs {
        for r in unique(&o.regions, n_regions) {
            add(&mut regions[r], o, values);
            let month = region_months.entry((r, (o.year, o.month)));
            add(month.or_insert_with(|| empty.clone()), o, values);
        }
    }
    (
        regions.iter().map(|s| finish(s, metrics)).collect(),
        finish_map(&region_months, metrics),
    )
}

/// A campaign's totals by scope: per campaign, per (campaign, month) and
/// per (campaign, region).
type CampaignTotals = (
    Vec<Totals>,
    BTreeMap<(usize, (i16, i8)), Totals>,
    BTreeMap<(usize, usize), Totals>,
);

/// Each campaign's totals, per month and per region.
fn by_campaign(
    obs: Each,
    empty: &Scope,
    metrics: &[Metric],
    n_campaigns: usize,
    n_regions: usize,
) -> CampaignTotals {
    let mut campaigns = vec![empty.clone(); n_campaigns];
    let mut campaign_regions: BTreeMap<(usize, usize), Scope> = BTreeMap::new();
    let mut campaign_months: BTreeMap<(usize, (i16, i8)), Scope> = BTreeMap::new();
    for (o, values) in obs {
        let rs = unique(&o.regions, n_regions);
        for c in unique(&o.campaigns, n_campaigns) {
            add(&mut campaigns[c], o, values);
            let month = campaign_months.entry((c, (o.year, o.month)));
            add(month.or_insert_with(|| empty.clone()), o, values);
            for &r in &rs {
                let region = campaign_regions.entry((c, r));
                add(region.or_insert_with(|| empty.clone()), o, values);
            }
        }
    }
    (
        campaigns.iter().map(|s| finish(s, metrics)).collect(),
        finish_map(&campaign_months, metrics),
        finish_map(&campaign_regions, metrics),
    )
}

/// The values of `o` that count: one per metric, the last one written.
fn last_values(o: &Observation, metrics: &[Metric]) -> Vec<(usize, Quantity)> {
    let mut values: Vec<(usize, Quantity)> = Vec::with_capacity(o.values.len());
    for &(m, q) in o.values.iter().rev() {
        if m < metrics.len() && !values.iter().any(|v| v.0 == m) {
            values.push((m, q));
        }
    }
    values
}

/// The totals of one scope made of the observations `obs` (in site
/// order), as [`aggregate`] gives them for a scope holding exactly those;
/// `None` when `obs` is empty.
pub fn total_of<'a>(
    obs: impl IntoIterator<Item = &'a Observation>,
    metrics: &[Metric],
) -> Option<Totals> {
    let mut scope: Scope = vec![Acc::default(); metrics.len()];
    let mut any = false;
    for o in obs {
        add(&mut scope, o, &last_values(o, metrics));
        any = true;
    }
    any.then(|| finish(&scope, metrics))
}

/// Progress of `total` toward `target` in percent, to one decimal, rounded
/// toward zero so that 100% is shown only once the target is reached.
/// `None` when the target is zero.
pub fn progress(total: &Total, target: &Quantity) -> Option<Decimal> {
    if target.value.is_zero() {
        return None;
    }
    let p = total
        .value
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(target.value)?;
    Some(
        p.round_dp_with_strategy(1, RoundingStrategy::ToZero)
            .normalize(),
    )
}

mod merge;
pub use merge::{merge, merge_all};

#[cfg(test)]
mod tests;
