//! Aggregate stage: totals of parts merged into the total of the whole.
//!
//! Takes the totals of disjoint parts of a scope (a year's months, a
//! campaign's months); gives the totals [`super::aggregate`] would give for
//! the whole scope, without going over its bulletins again. The preview
//! uses it after an edit of one bulletin's numbers: only that bulletin's
//! month is added up again, and the year, the site, its campaigns and its
//! regions are merged from their months.

use rust_decimal::Decimal;

use super::{Pick, Total, Totals, mean, weaker};
use crate::config::{Aggregate, Metric};
use crate::content::number::{Bound, Quantity};

/// The total of two disjoint parts of a scope (either may have no report).
pub fn merge(a: Option<Total>, b: Option<Total>, how: Aggregate) -> Option<Total> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(both(&a, &b, how)),
    }
}

/// The totals of a scope made of the disjoint `parts`, for `metrics`.
pub fn merge_all<'a>(parts: impl IntoIterator<Item = &'a Totals>, metrics: &[Metric]) -> Totals {
    let mut out: Vec<Option<Total>> = vec![None; metrics.len()];
    for part in parts {
        for (i, (m, slot)) in metrics.iter().zip(out.iter_mut()).enumerate() {
            *slot = merge(*slot, part.get(i).copied().flatten(), m.aggregate);
        }
    }
    out.into()
}

/// The sum of two wholes, saturating (and then only *about*) past the
/// largest decimal, as adding them one by one does.
fn add(a: Quantity, b: Quantity) -> Quantity {
    let (value, bound) = match a.value.checked_add(b.value) {
        Some(v) => (v.normalize(), a.bound.combine(b.bound)),
        None if b.value.is_sign_negative() => (Decimal::MIN, Bound::About),
        None => (Decimal::MAX, Bound::About),
    };
    Quantity {
        value,
        bound,
        step: a.step.max(b.step),
        open: a.open || b.open,
    }
}

fn both(a: &Total, b: &Total, how: Aggregate) -> Total {
    let count = a.count + b.count;
    let whole = add(a.whole, b.whole);
    let (q, single) = match how {
        Aggregate::Sum => (whole, None),
        Aggregate::Mean => (mean(whole, count).unwrap_or(whole), None),
        Aggregate::Max => pick(a, b, |x, y| x > y),
        Aggregate::Min => pick(a, b, |x, y| x < y),
        Aggregate::Latest => {
            let key = |t: &Total| (t.stamp, std::cmp::Reverse(t.single));
            let t = if key(b) > key(a) { b } else { a };
            (t.quantity(), t.single)
        }
    };
    let stamp = a.stamp.max(b.stamp);
    Total {
        value: q.value.normalize(),
        bound: q.bound,
        step: q.step,
        open: q.open,
        count,
        single,
        whole,
        stamp,
    }
}

/// The value a max or min keeps of two parts' picks.
fn pick(a: &Total, b: &Total, better: impl Fn(Decimal, Decimal) -> bool) -> Pick {
    let (pa, pb): (Pick, Pick) = ((a.quantity(), a.single), (b.quantity(), b.single));
    if pa.0.value == pb.0.value {
        (weaker(pa.0, pb.0), None)
    } else if better(pb.0.value, pa.0.value) {
        pb
    } else {
        pa
    }
}
