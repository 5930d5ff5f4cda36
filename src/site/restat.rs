//! Aggregate stage, after an edit: the totals when only some bulletins'
//! numbers changed (nothing moved: same dates, campaigns, regions).
//!
//! Takes the site with the edited bulletins in place and its previous
//! [`Stats`]; gives what [`super::statistics`] would give, at the cost of
//! the edited bulletins' months and campaigns rather than of the site: the
//! month-level totals of each edited month are added up again from that
//! month's bulletins, and the totals of years, the site, campaigns and
//! regions are merged from month-level totals. Tests compare it with a
//! full aggregation.

use std::collections::{BTreeMap, BTreeSet};

use super::aggregate::{Stats, Totals, merge_all, total_of};
use super::{Site, bare_observation};

/// The totals of `site` when the bulletins at `items` changed only their
/// numbers since `old` was computed.
pub fn statistics_after(site: &Site, old: &Stats, items: &[usize]) -> Stats {
    let metrics = &site.config.metrics;
    let (nc, nr) = (site.campaigns.len(), site.regions.nodes.len());
    let mut s = old.clone();
    let months: BTreeSet<(i16, i8)> = (items.iter())
        .map(|&i| site.items[i].bulletin.date)
        .map(|d| (d.year(), d.month()))
        .collect();
    let mut campaigns: BTreeSet<usize> = BTreeSet::new();
    let mut regions: BTreeSet<usize> = BTreeSet::new();
    for &i in items {
        campaigns.extend(site.items[i].campaigns.iter().copied().filter(|&c| c < nc));
        if nr > 0 {
            regions.extend(site.regions.ancestry(site.items[i].region));
        }
    }
    let within = |i: usize, r: usize| site.regions.is_within(site.items[i].region, r);
    // The month-level scopes of each edited month, from its bulletins.
    for ym in &months {
        let list = site.archive.get(ym).map_or(&[][..], Vec::as_slice);
        let obs: Vec<_> = list.iter().map(|&i| bare_observation(site, i)).collect();
        let of = |keep: &dyn Fn(usize) -> bool| {
            total_of(obs.iter().filter(|o| keep(o.bulletin)), metrics)
        };
        put(&mut s.months, *ym, of(&|_| true));
        for &c in &campaigns {
            let t = of(&|i| site.items[i].campaigns.contains(&c));
            put(&mut s.campaign_months, (c, *ym), t);
        }
        for &r in &regions {
            put(&mut s.region_months, (r, *ym), of(&|i| within(i, r)));
        }
    }
    // Campaign × region totals have no months: add up the edited pairs
    // (an edited campaign within an edited bulletin's region or above).
    for &c in &campaigns {
        for &r in &regions {
            let obs: Vec<_> = (members(site, c, r).into_iter())
                .map(|i| bare_observation(site, i))
                .collect();
            put(&mut s.campaign_regions, (c, r), total_of(&obs, metrics));
        }
    }
    // Everything else is merged from months.
    for y in months.iter().map(|m| m.0).collect::<BTreeSet<_>>() {
        let t = merge_all(
            s.months.range((y, i8::MIN)..=(y, i8::MAX)).map(|x| x.1),
            metrics,
        );
        s.years.insert(y, t);
    }
    s.site = merge_all(s.years.values(), metrics);
    for &c in &campaigns {
        let range = (c, (i16::MIN, i8::MIN))..=(c, (i16::MAX, i8::MAX));
        set(
            &mut s.campaigns,
            c,
            merge_all(s.campaign_months.range(range).map(|x| x.1), metrics),
        );
    }
    for &r in &regions {
        let range = (r, (i16::MIN, i8::MIN))..=(r, (i16::MAX, i8::MAX));
        set(
            &mut s.regions,
            r,
            merge_all(s.region_months.range(range).map(|x| x.1), metrics),
        );
    }
    s
}

/// The bulletins of campaign `c` within region `r`, in site order. Both
/// lists are in site order, so they are walked side by side: at 100,000
/// bulletins, asking each of the campaign's bulletins where it stands took
/// a save that changed a figure some 4 ms.
fn members(site: &Site, c: usize, r: usize) -> Vec<usize> {
    let a = site.by_campaign.get(c).map_or(&[][..], Vec::as_slice);
    let b = site
        .regions
        .nodes
        .get(r)
        .map_or(&[][..], |n| n.all.as_slice());
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if x <= y {
            i += 1;
        }
        if y <= x {
            j += 1;
        }
        if x == y {
            out.push(x);
        }
    }
    out
}

/// Sets (or, for a scope left without bulletins, removes) one entry.
fn put<K: Ord>(map: &mut BTreeMap<K, Totals>, key: K, t: Option<Totals>) {
    match t {
        Some(t) => map.insert(key, t),
        None => map.remove(&key),
    };
}

fn set(list: &mut [Totals], i: usize, t: Totals) {
    if let Some(slot) = list.get_mut(i) {
        *slot = t;
    }
}
