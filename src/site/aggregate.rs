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
pub type Totals = Vec<Option<Total>>;

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
struct Acc {
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
        })
    }

    /// The mean of the parts summed in `whole`: to two decimals, and
    /// *about* when an exact mean needed rounding (1, 2, 2 → about 1.67).
    fn mean(&self, whole: Quantity) -> Option<Quantity> {
        let exact = self.sum.checked_div(Decimal::from(self.count))?;
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
        Some((c, _)) if c.value == q.value => {
            let bound = c.bound.combine(q.bound);
            let keep = if q.bound == bound { q } else { c };
            Some((keep, None))
        }
        Some(c) if !better(c.0.value) => Some(c),
        _ => Some((q, Some(bulletin))),
    }
}

type Scope = Vec<Acc>;

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
pub fn aggregate(
    obs: &[Observation],
    metrics: &[Metric],
    n_campaigns: usize,
    n_regions: usize,
) -> Stats {
    let empty: Scope = vec![Acc::default(); metrics.len()];
    let mut site = empty.clone();
    let mut campaigns = vec![empty.clone(); n_campaigns];
    let mut regions = vec![empty.clone(); n_regions];
    let mut years: BTreeMap<i16, Scope> = BTreeMap::new();
    let mut months: BTreeMap<(i16, i8), Scope> = BTreeMap::new();
    let mut campaign_regions: BTreeMap<(usize, usize), Scope> = BTreeMap::new();
    let mut campaign_months: BTreeMap<(usize, (i16, i8)), Scope> = BTreeMap::new();
    let mut region_months: BTreeMap<(usize, (i16, i8)), Scope> = BTreeMap::new();
    for o in obs {
        let mut values: Vec<(usize, Quantity)> = Vec::with_capacity(o.values.len());
        for &(m, q) in o.values.iter().rev() {
            if m < metrics.len() && !values.iter().any(|v| v.0 == m) {
                values.push((m, q));
            }
        }
        let cs = unique(&o.campaigns, n_campaigns);
        let rs = unique(&o.regions, n_regions);
        let month = (o.year, o.month);
        add(&mut site, o, &values);
        add(
            years.entry(o.year).or_insert_with(|| empty.clone()),
            o,
            &values,
        );
        add(
            months.entry(month).or_insert_with(|| empty.clone()),
            o,
            &values,
        );
        for &r in &rs {
            add(&mut regions[r], o, &values);
            add(
                region_months
                    .entry((r, month))
                    .or_insert_with(|| empty.clone()),
                o,
                &values,
            );
        }
        for &c in &cs {
            add(&mut campaigns[c], o, &values);
            add(
                campaign_months
                    .entry((c, month))
                    .or_insert_with(|| empty.clone()),
                o,
                &values,
            );
            for &r in &rs {
                add(
                    campaign_regions
                        .entry((c, r))
                        .or_insert_with(|| empty.clone()),
                    o,
                    &values,
                );
            }
        }
    }
    Stats {
        site: finish(&site, metrics),
        campaigns: campaigns.iter().map(|s| finish(s, metrics)).collect(),
        regions: regions.iter().map(|s| finish(s, metrics)).collect(),
        years: finish_map(&years, metrics),
        months: finish_map(&months, metrics),
        campaign_regions: finish_map(&campaign_regions, metrics),
        campaign_months: finish_map(&campaign_months, metrics),
        region_months: finish_map(&region_months, metrics),
    }
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn q(s: &str, bound: Bound) -> Quantity {
        Quantity {
            value: d(s),
            bound,
            step: Decimal::ZERO,
            open: false,
        }
    }

    fn seen_all(ts: &Totals) -> Vec<Option<(Decimal, Bound, usize)>> {
        ts.iter().map(|t| seen(*t)).collect()
    }

    /// What the tables compare: the amount, its bound and the count.
    fn seen(t: Option<Total>) -> Option<(Decimal, Bound, usize)> {
        t.map(|t| (t.value, t.bound, t.count))
    }

    fn metric(aggregate: Aggregate) -> Metric {
        Metric {
            key: "m".into(),
            unit: String::new(),
            aggregate,
            signed: true,
            label: "m".into(),
            definition: None,
            keywords: Vec::new(),
        }
    }

    /// Bulletin `i` at time `t` in 2025-`month`, campaigns `cs`, regions `rs`, one value.
    fn ob(i: usize, t: i64, month: i8, cs: &[usize], rs: &[usize], v: Quantity) -> Observation {
        Observation {
            bulletin: i,
            timestamp: t,
            year: 2025,
            month,
            campaigns: cs.to_vec(),
            regions: rs.to_vec(),
            values: vec![(0, v)],
        }
    }

    fn total(s: &str, bound: Bound, count: usize) -> Option<(Decimal, Bound, usize)> {
        Some((d(s), bound, count))
    }

    /// An amount as the tables write it: `120000`, `30.5≥` (at least), `10≈` (about).
    fn amount(s: &str) -> Quantity {
        match (s.strip_suffix('≥'), s.strip_suffix('≈')) {
            (Some(v), _) => q(v, Bound::AtLeast),
            (_, Some(v)) => q(v, Bound::About),
            _ => q(s, Bound::Exact),
        }
    }

    /// `aggregate | values in time order | total and count, or none`. The
    /// sums also show the bound rule: exact only if every part is, about if
    /// any part is, else at least.
    const KINDS: &str = "
        sum    | 411 120000 7.5 | 120418.5 3
        sum    | 15.15 0.05     | 15.2 2
        sum    | -3 5           | 2 2
        sum    | 1 1≥           | 2≥ 2
        sum    | 1≥ 1≥          | 2≥ 2
        sum    | 1 1≈           | 2≈ 2
        sum    | 1≥ 1≈ 1        | 3≈ 3
        sum    |                | none
        mean   | 55 60          | 57.5 2
        mean   | 1 2 2          | 1.67≈ 3
        mean   | 10 20 30.5     | 20.17≈ 3
        mean   | 0.005          | 0.01≈ 1
        mean   | 50 60≥         | 55≥ 2
        mean   | 50≈ 60≥        | 55≈ 2
        max    | 10 30.5≥ 20≈   | 30.5≥ 3
        max    | 10 10≥         | 10≥ 2
        min    | 10≈ 30.5≥ 20   | 10≈ 3
        min    | 10≈ 10         | 10≈ 2
        latest | 1 2≈ 3≥        | 3≥ 3
        latest | 3≥ 2≈ 1        | 1 3
    ";

    #[test]
    fn each_aggregate_kind_and_the_bound_rule() {
        for line in KINDS.lines().filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            let how = match f[0] {
                "sum" => Aggregate::Sum,
                "mean" => Aggregate::Mean,
                "max" => Aggregate::Max,
                "min" => Aggregate::Min,
                _ => Aggregate::Latest,
            };
            let obs: Vec<Observation> = (f[1].split_whitespace().enumerate())
                .map(|(i, v)| ob(i, 100 + i as i64, 1, &[], &[], amount(v)))
                .collect();
            let want = f[2].split_once(' ').map(|(v, n)| {
                let a = amount(v);
                (a.value, a.bound, n.parse().unwrap())
            });
            assert_eq!(
                seen(aggregate(&obs, &[metric(how)], 0, 0).site[0]),
                want,
                "{line}"
            );
        }
    }

    #[test]
    fn latest_is_newest_and_earlier_bulletin_wins_ties() {
        let m = [metric(Aggregate::Latest)];
        let e = Bound::Exact;
        let obs = [
            ob(3, 200, 1, &[], &[], q("3", e)),
            ob(0, 300, 1, &[], &[], q("9", e)),
            ob(1, 100, 1, &[], &[], q("1", e)),
        ];
        assert_eq!(seen(aggregate(&obs, &m, 0, 0).site[0]), total("9", e, 3));
        let tie = [
            ob(5, 300, 1, &[], &[], q("5", e)),
            ob(2, 300, 1, &[], &[], q("2", e)),
            ob(7, 300, 1, &[], &[], q("7", e)),
        ];
        assert_eq!(seen(aggregate(&tie, &m, 0, 0).site[0]), total("2", e, 3));
    }

    #[test]
    fn scopes() {
        // Regions: 0 四川, 1 四川/宜宾, 2 四川/成都, 3 山西.
        // Campaigns: 0 安康杯, 1 安全生产月, 2 unused.
        let ms = [metric(Aggregate::Sum), metric(Aggregate::Mean)];
        let (e, al) = (Bound::Exact, Bound::AtLeast);
        let mut obs = vec![
            ob(0, 10, 3, &[0, 1], &[1, 0], q("411", e)),
            ob(1, 20, 3, &[0], &[2, 0], q("120000", al)),
            ob(2, 30, 4, &[1, 1], &[3], q("7", e)),
        ];
        obs[0].values.push((1, q("50", e)));
        obs[1].values.push((1, q("60", e)));
        obs[2].values.push((9, q("1", e)));
        obs[2].year = 2024;
        let s = aggregate(&obs, &ms, 3, 4);
        assert_eq!(
            seen_all(&s.site),
            vec![total("120418", al, 3), total("55", e, 2)]
        );
        // The bulletin in both campaigns counts in each.
        assert_eq!(
            seen_all(&s.campaigns[0]),
            vec![total("120411", al, 2), total("55", e, 2)]
        );
        assert_eq!(
            seen_all(&s.campaigns[1]),
            vec![total("418", e, 2), total("50", e, 1)]
        );
        assert_eq!(seen_all(&s.campaigns[2]), vec![None, None]);
        // City and province both get the city's bulletins.
        assert_eq!(seen(s.regions[0][0]), total("120411", al, 2));
        assert_eq!(seen(s.regions[1][0]), total("411", e, 1));
        assert_eq!(seen(s.regions[2][0]), total("120000", al, 1));
        assert_eq!(seen(s.regions[3][0]), total("7", e, 1));
        assert_eq!(s.years.keys().copied().collect::<Vec<_>>(), [2024, 2025]);
        assert_eq!(seen(s.years[&2025][0]), total("120411", al, 2));
        assert_eq!(seen(s.months[&(2024, 4)][0]), total("7", e, 1));
        assert_eq!(seen(s.months[&(2025, 3)][1]), total("55", e, 2));
        assert_eq!(seen(s.campaign_regions[&(0, 0)][0]), total("120411", al, 2));
        assert_eq!(seen(s.campaign_regions[&(1, 0)][0]), total("411", e, 1));
        assert_eq!(seen(s.campaign_regions[&(1, 3)][0]), total("7", e, 1));
        assert_eq!(s.campaign_regions.len(), 6);
        assert_eq!(
            seen(s.campaign_months[&(1, (2024, 4))][0]),
            total("7", e, 1)
        );
        assert_eq!(
            seen(s.campaign_months[&(0, (2025, 3))][0]),
            total("120411", al, 2)
        );
        let in_sichuan: Vec<usize> = s.region_campaigns(0).map(|(c, _)| c).collect();
        assert_eq!(in_sichuan, [0, 1]);
    }

    #[test]
    fn a_metric_written_twice_counts_once_with_the_last_value() {
        let mut o = ob(0, 1, 1, &[], &[], q("1", Bound::Exact));
        o.values.push((0, q("2", Bound::About)));
        let s = aggregate(&[o], &[metric(Aggregate::Sum)], 0, 0);
        assert_eq!(seen(s.site[0]), total("2", Bound::About, 1));
    }

    #[test]
    fn progress_toward_targets() {
        let table = [
            ("411", "500", Some("82.2")),
            ("120000", "150000", Some("80")),
            ("500", "500", Some("100")),
            ("499.99", "500", Some("99.9")),
            ("1000", "500", Some("200")),
            ("0", "500", Some("0")),
            ("10", "0", None),
            ("1", "3", Some("33.3")),
        ];
        for (t, target, want) in table {
            let t = Total {
                value: d(t),
                bound: Bound::Exact,
                step: Decimal::ZERO,
                open: false,
                count: 1,
                single: None,
            };
            let got = progress(&t, &q(target, Bound::Exact));
            assert_eq!(got, want.map(d), "{t:?} / {target}");
        }
    }
}
