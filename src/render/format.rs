//! Render stage: numbers shown the way the bulletins write them (`1,292家`,
//! `12.3万余名`, `约100场`, `7.2万元`, `82.4%`).
//!
//! Takes exact decimals, with a bound and a unit where there is one; gives
//! display strings that [`crate::content::number::parse`] reads back.
//! Below 10,000 a number is shown in digits with thousands separators, from
//! 10,000 in 万, from 10⁸ in 亿 and from 10¹² in 万亿, with at most two
//! decimals and no trailing zeros. Rounding is half away from zero
//! (四舍五入), except that an *at least* amount is rounded down so that it
//! still bounds the truth from below.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::content::number::Bound;

/// Display multipliers, smallest first, with their powers of ten.
const TIERS: [(&str, u32); 4] = [("", 0), ("万", 4), ("亿", 8), ("万亿", 12)];

/// A metric amount with its bound and unit: `1,292家`, `12.3万余名`,
/// `约100场`, `55%`, `约55%`, `60%以上`. A unit that starts with a multiplier
/// (`万元`) is shown in its base unit, so 15,000 万元 reads `1.5亿元`.
pub fn format_quantity(value: Decimal, bound: Bound, unit: &str) -> String {
    let (value, unit) = base_unit(value, unit);
    let round = match bound {
        Bound::AtLeast => RoundingStrategy::ToNegativeInfinity,
        Bound::Exact | Bound::About => RoundingStrategy::MidpointAwayFromZero,
    };
    // Percentages stay in digits: `1.2万%` would read oddly.
    let number = match unit {
        "%" => digits(value.round_dp_with_strategy(2, round), true),
        _ => scaled(value, round),
    };
    match (bound, unit) {
        (Bound::Exact, u) => format!("{number}{u}"),
        (Bound::About, u) => format!("约{number}{u}"),
        (Bound::AtLeast, "%") => format!("{number}%以上"),
        (Bound::AtLeast, u) => format!("{number}余{u}"),
    }
}

/// A bare number in the same notation: `1,292`, `7.5`, `12.3万`, `1.5亿`.
pub fn format_number(value: Decimal) -> String {
    scaled(value, RoundingStrategy::MidpointAwayFromZero)
}

/// A percentage such as a campaign's progress, to one decimal: `82.4%`,
/// `100%`, `1,250%`.
pub fn format_percent(p: Decimal) -> String {
    let p = p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    format!("{}%", digits(p, true))
}

/// Moves a multiplier at the start of `unit` (`万元`) into the value.
fn base_unit(value: Decimal, unit: &str) -> (Decimal, &str) {
    for &(name, e) in TIERS.iter().rev().filter(|t| t.1 > 0) {
        if let Some(base) = unit.strip_prefix(name).filter(|b| !b.is_empty())
            && let Some(v) = value.checked_mul(Decimal::from(10u64.pow(e)))
        {
            return (v, base);
        }
    }
    (value, unit)
}

/// Rounds `value` to two decimals in the smallest multiplier that keeps it
/// below 10,000 (so 99,999,999 becomes `1亿`, not `10000万`).
fn scaled(value: Decimal, round: RoundingStrategy) -> String {
    let limit = Decimal::from(10_000);
    for (i, &(name, e)) in TIERS.iter().enumerate() {
        let Some(v) = value.checked_div(Decimal::from(10u64.pow(e))) else {
            continue;
        };
        let v = v.round_dp_with_strategy(2, round);
        if v.abs() < limit || i + 1 == TIERS.len() {
            return format!("{}{name}", digits(v, e == 0));
        }
    }
    digits(value, true)
}

/// `value` without trailing zeros, optionally with thousands separators.
fn digits(value: Decimal, group: bool) -> String {
    let mut v = value.normalize();
    if v.is_zero() {
        v = Decimal::ZERO;
    }
    let text = v.abs().to_string();
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + 4);
    if v.is_sign_negative() {
        out.push('-');
    }
    for (k, c) in int.chars().enumerate() {
        if group && k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;
    use crate::content::number::{Quantity, parse};

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn quantities() {
        use Bound::*;
        let table = [
            ("1292", Exact, "家", "1,292家"),
            ("7.5", Exact, "", "7.5"),
            ("7.50", Exact, "项", "7.5项"),
            ("123000", AtLeast, "名", "12.3万余名"),
            ("72000", Exact, "元", "7.2万元"),
            ("12500", Exact, "人次", "1.25万人次"),
            ("1000000", Exact, "", "100万"),
            ("150000000", Exact, "", "1.5亿"),
            ("5000000000", AtLeast, "元", "50亿余元"),
            ("1500000000000", Exact, "元", "1.5万亿元"),
            ("60", AtLeast, "项", "60余项"),
            ("1000", AtLeast, "家", "1,000余家"),
            ("100", About, "场", "约100场"),
            ("55", Exact, "%", "55%"),
            ("55", About, "%", "约55%"),
            ("60", AtLeast, "%", "60%以上"),
            ("15.15", Exact, "%", "15.15%"),
            ("15.15", Exact, "元", "15.15元"),
            ("0", Exact, "家", "0家"),
            ("-3", Exact, "", "-3"),
            ("-1292", Exact, "家", "-1,292家"),
            ("-12345", Exact, "元", "-1.23万元"),
            ("12345", Exact, "元", "1.23万元"),
            ("12355", Exact, "元", "1.24万元"),
            ("12355", AtLeast, "元", "1.23万余元"),
            ("12399", About, "元", "约1.24万元"),
            ("9999.999", Exact, "", "1万"),
            ("99999999", Exact, "", "1亿"),
            ("99999999", AtLeast, "", "9999.99万余"),
            ("7.125", Exact, "", "7.13"),
            ("7.125", AtLeast, "", "7.12余"),
            ("300", Exact, "万元", "300万元"),
            ("15000", Exact, "万元", "1.5亿元"),
            ("0.5", Exact, "万元", "5,000元"),
            ("12000", Exact, "%", "12,000%"),
        ];
        for (v, b, u, want) in table {
            assert_eq!(format_quantity(d(v), b, u), want, "{v} {b:?} {u}");
        }
    }

    #[test]
    fn numbers_and_percents() {
        let numbers = [
            ("1292", "1,292"),
            ("0.10", "0.1"),
            ("10000", "1万"),
            ("123456789", "1.23亿"),
        ];
        for (v, want) in numbers {
            assert_eq!(format_number(d(v)), want, "{v}");
        }
        let percents = [
            ("82.4", "82.4%"),
            ("82.44", "82.4%"),
            ("82.45", "82.5%"),
            ("100.0", "100%"),
            ("1250", "1,250%"),
            ("0", "0%"),
        ];
        for (v, want) in percents {
            assert_eq!(format_percent(d(v)), want, "{v}");
        }
    }

    #[test]
    fn round_trips_through_the_parser() {
        let table = [
            ("411", "家"),
            ("120000", "名"),
            ("72000", "元"),
            ("12500", "人次"),
            ("5000000000", "元"),
            ("55", "%"),
            ("15.15", ""),
            ("300", "万元"),
            ("0.5", "万元"),
        ];
        for (v, u) in table {
            for b in [Bound::Exact, Bound::AtLeast, Bound::About] {
                let shown = format_quantity(d(v), b, u);
                let q = parse(&shown, u, false).unwrap();
                assert_eq!(
                    q,
                    Quantity {
                        value: d(v).normalize(),
                        bound: b
                    },
                    "{shown}"
                );
            }
        }
    }

    /// Values the display shows exactly: below 10,000 with up to two
    /// decimals, and whole hundredths of 万, 亿 or 万亿.
    fn shown_exactly() -> impl Strategy<Value = Decimal> {
        let exp = |e: u32| move |m: i64| Decimal::new(m, 2) * Decimal::from(10u64.pow(e));
        prop_oneof![
            (0i64..10_000).prop_map(Decimal::from),
            (0i64..1_000_000).prop_map(|m| Decimal::new(m, 2)),
            (0i64..100_000).prop_map(|m| Decimal::new(m, 1)),
            (100i64..1_000_000).prop_map(exp(4)),
            (100i64..1_000_000).prop_map(exp(8)),
            (100i64..1_000_000).prop_map(exp(12)),
        ]
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(
            v in shown_exactly(),
            negative in any::<bool>(),
            b in prop_oneof![Just(Bound::Exact), Just(Bound::AtLeast), Just(Bound::About)],
            u in proptest::sample::select(vec!["", "家", "名", "元", "项", "场", "人次", "%"]),
        ) {
            let v = if negative { -v } else { v };
            let shown = format_quantity(v, b, u);
            let q = parse(&shown, u, true);
            prop_assert_eq!(q, Ok(Quantity { value: v.normalize(), bound: b }), "{}", shown);
        }
    }
}
