//! Tables of totals, and merges of totals checked against totals made at once.
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
            whole: q(t, Bound::Exact),
            stamp: 0,
        };
        let got = progress(&t, &q(target, Bound::Exact));
        assert_eq!(got, want.map(d), "{t:?} / {target}");
    }
}

/// A random value: an amount in hundredths, a bound, a step and no upper limit.
fn quantity() -> impl proptest::strategy::Strategy<Value = Quantity> {
    use proptest::prelude::*;
    (
        -50i64..500,
        0u8..3,
        proptest::sample::select(vec![0i64, 1, 10, 100]),
        any::<bool>(),
    )
        .prop_map(|(v, b, step, open)| {
            let bound = [Bound::Exact, Bound::AtLeast, Bound::About][b as usize];
            let exact = bound == Bound::Exact;
            Quantity {
                value: Decimal::new(v, 1),
                bound,
                step: if exact {
                    Decimal::ZERO
                } else {
                    Decimal::from(step)
                },
                open: open && bound == Bound::AtLeast,
            }
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

    /// Totals merged from a scope's months equal the totals made at once,
    /// for every kind of aggregate: years from months, the site from years,
    /// campaigns and regions from their months.
    #[test]
    fn merged_totals_equal_totals_made_at_once(
        values in proptest::collection::vec(
            (quantity(), 1i8..5, 0u8..4, 0usize..3, 0usize..3, 0i64..6),
            1..40,
        ),
    ) {
        let kinds = [Aggregate::Sum, Aggregate::Mean, Aggregate::Max, Aggregate::Min, Aggregate::Latest];
        let metrics: Vec<Metric> = kinds.iter().map(|&k| metric(k)).collect();
        let obs: Vec<Observation> = (values.iter().enumerate())
            .map(|(i, &(q, month, year, c, r, t))| Observation {
                bulletin: i,
                timestamp: t,
                year: 2022 + i16::from(year),
                month,
                campaigns: vec![c],
                regions: vec![r, 3],
                values: (0..kinds.len()).map(|m| (m, q)).collect(),
            })
            .collect();
        let s = aggregate(&obs, &metrics, 3, 4);
        for (&y, t) in &s.years {
            let parts = s.months.range((y, i8::MIN)..=(y, i8::MAX)).map(|x| x.1);
            proptest::prop_assert_eq!(&merge_all(parts, &metrics), t, "year {}", y);
        }
        proptest::prop_assert_eq!(merge_all(s.years.values(), &metrics), s.site.clone());
        for c in 0..3 {
            let range = (c, (i16::MIN, i8::MIN))..=(c, (i16::MAX, i8::MAX));
            let parts = s.campaign_months.range(range).map(|x| x.1);
            proptest::prop_assert_eq!(&merge_all(parts, &metrics), &s.campaigns[c], "campaign {}", c);
        }
        for r in 0..4 {
            let range = (r, (i16::MIN, i8::MIN))..=(r, (i16::MAX, i8::MAX));
            let parts = s.region_months.range(range).map(|x| x.1);
            proptest::prop_assert_eq!(&merge_all(parts, &metrics), &s.regions[r], "region {}", r);
        }
    }
}
