//! Render stage: numbers shown the way the bulletins write them (`1,292家`,
//! `12万余名`, `30余万名`, `约100场`, `7.2万元`, `82.4%`), never claiming
//! more than the bulletins said.
//!
//! Takes a value as written, or a computed amount with its bound and
//! precision (see [`Quantity::step`]); gives display strings that
//! [`crate::content::number::parse`] reads back to the same meaning. The
//! rules, with examples, are in `docs/numbers.md`:
//!
//! - a value a bulletin reported is shown as written, normalised only in
//!   form: full-width digits become ASCII, digits are grouped by thousands,
//!   the unit is added when it was left out (`１２９２` → `1,292家`,
//!   `30余万` → `30余万名`);
//! - an exact total is shown exactly: in 万/亿 when that takes at most two
//!   decimals (`7.2万元`), else in grouped digits (`12,345元`);
//! - an *about* total is rounded half away from zero (四舍五入) to its
//!   step, the coarsest precision among its approximate parts, and written
//!   `约…`; an *at least* total is rounded down to its step and written
//!   with `余` where the open digit is (`30余万`, `12万余`, `12.3万余`), or
//!   `以上` when a part had no upper limit.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::content::number::{Bound, Quantity, normalise_text, place};
use crate::site::span::Span;

/// Display multipliers, smallest first, with their powers of ten.
const TIERS: [(&str, u32); 4] = [("", 0), ("万", 4), ("亿", 8), ("万亿", 12)];

fn pow10(e: u32) -> Decimal {
    Decimal::from(10u64.pow(e))
}

/// A computed amount (a total, a mean, a target) with its unit: exact
/// amounts in full, approximate ones no more precisely than they are known.
/// A unit that starts with a multiplier (`万元`) is shown in its base unit,
/// so 15,000 万元 reads `1.5亿元`.
pub fn format_quantity(q: Quantity, unit: &str) -> String {
    let (value, step, unit) = base_unit(q.value, q.step, unit);
    let step = if step.is_zero() { place(value) } else { step };
    match (q.bound, unit) {
        (Bound::Exact, "%") => format!("{}%", digits(value, true)),
        (Bound::Exact, u) => format!("{}{u}", exact(value)),
        (Bound::About, u) => {
            let v = to_step(value, step, RoundingStrategy::MidpointAwayFromZero);
            let n = if u == "%" { digits(v, true) } else { exact(v) };
            format!("约{n}{u}")
        }
        (Bound::AtLeast, u) => {
            let v = to_step(value, step, RoundingStrategy::ToNegativeInfinity);
            if u == "%" {
                format!("{}%以上", digits(v, true))
            } else if q.open {
                format!("{}{u}以上", exact(v))
            } else {
                format!("{}{u}", odd(v, step))
            }
        }
    }
}

/// A value as a bulletin wrote it, normalised only in form: full-width
/// characters made ASCII, spaces dropped, whole numbers grouped by
/// thousands, and the unit added when it was left out.
pub fn format_written(raw: &str, unit: &str) -> String {
    let text = group_digits(&normalise_text(raw));
    if unit.is_empty() || mentions_unit(&text, unit) {
        return text;
    }
    // `20以上` for 项 reads `20项以上`; `12万余` reads `12万余名`.
    for word in ["以上", "左右", "上下"] {
        if let Some(before) = text.strip_suffix(word) {
            return format!("{before}{unit}{word}");
        }
    }
    format!("{text}{unit}")
}

/// Whether `text` already ends in `unit` (or its base unit: `元` for `万元`,
/// `人` or `位` for `名`).
fn mentions_unit(text: &str, unit: &str) -> bool {
    let body = ["以上", "左右", "上下"]
        .iter()
        .find_map(|w| text.strip_suffix(w))
        .unwrap_or(text);
    let base = TIERS
        .iter()
        .rev()
        .find_map(|t| {
            unit.strip_prefix(t.0)
                .filter(|b| !t.0.is_empty() && !b.is_empty())
        })
        .unwrap_or(unit);
    let alike: &[&str] = match base {
        "名" | "人" | "位" => &["名", "人", "位"],
        _ => &[],
    };
    body.ends_with(base) || alike.iter().any(|a| body.ends_with(a))
}

/// Groups the whole part of every number of four or more digits by
/// thousands (`1292` → `1,292`); decimals are left as they are.
fn group_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '.' {
            out.push('.');
            i += 1;
            while i < cs.len() && cs[i].is_ascii_digit() {
                out.push(cs[i]);
                i += 1;
            }
            continue;
        }
        if !cs[i].is_ascii_digit() {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == ',') {
            i += 1;
        }
        let run: String = cs[start..i].iter().filter(|c| **c != ',').collect();
        push_grouped(&mut out, &run, run.len() >= 4);
    }
    out
}

/// A bare number in the same notation: `1,292`, `7.5`, `12.3万`, `1.5亿`,
/// rounded to two decimals of its multiplier (for chart axes).
pub fn format_number(value: Decimal) -> String {
    scaled(value, RoundingStrategy::MidpointAwayFromZero)
}

/// A month as the pages write it: `2024年3月`.
pub fn year_month(y: i16, m: i8) -> String {
    format!("{y}年{m}月")
}

/// A year as the pages write it: `2024年`.
pub fn year(y: i16) -> String {
    format!("{y}年")
}

/// The period a span covers: `2022年12月—2026年1月`, `2025年3月`, or empty.
pub fn format_period(span: &Span) -> String {
    let ym = |(y, m): (i16, i8)| year_month(y, m);
    match span.months {
        None => String::new(),
        Some((a, b)) if a == b => ym(a),
        Some((a, b)) => format!("{}—{}", ym(a), ym(b)),
    }
}

/// A percentage such as a campaign's progress, to one decimal: `82.4%`,
/// `100%`, `1,250%`.
pub fn format_percent(p: Decimal) -> String {
    let p = p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    format!("{}%", digits(p, true))
}

/// `value` rounded to a whole number of `step`s.
fn to_step(value: Decimal, step: Decimal, how: RoundingStrategy) -> Decimal {
    match value.checked_div(step) {
        Some(n) => (n.round_dp_with_strategy(0, how) * step).normalize(),
        None => value,
    }
}

/// Moves a multiplier at the start of `unit` (`万元`) into the value and step.
fn base_unit(value: Decimal, step: Decimal, unit: &str) -> (Decimal, Decimal, &str) {
    for &(name, e) in TIERS.iter().rev().filter(|t| t.1 > 0) {
        if let Some(base) = unit.strip_prefix(name).filter(|b| !b.is_empty())
            && let Some(v) = value.checked_mul(pow10(e))
        {
            return (v, step * pow10(e), base);
        }
    }
    (value, step, unit)
}

/// The largest multiplier that keeps `value` below 10,000 in it and shows a
/// multiple of `step` in at most two decimals: its name and power of ten.
fn tier(value: Decimal, step: Decimal) -> (&'static str, u32) {
    let limit = Decimal::from(10_000);
    let fits = |e: u32| {
        let t = pow10(e);
        (value.abs() / t < limit || e == 12) && step * Decimal::from(100) >= t
    };
    TIERS
        .iter()
        .rev()
        .find(|t| t.1 > 0 && value.abs() >= pow10(t.1) && fits(t.1))
        .copied()
        .unwrap_or(TIERS[0])
}

/// An exact amount in full: `7.2万`, `12,345`, `1.5亿`, `15.15`.
fn exact(value: Decimal) -> String {
    let (name, e) = tier(value, place(value));
    format!("{}{name}", digits(value / pow10(e), e == 0))
}

/// An *at least* amount `value` (a whole number of `step`s) with `余` where
/// its open digit is: `30余万` (open below 10万), `12万余` (below 1万),
/// `12.3万余`, `60余`.
fn odd(value: Decimal, step: Decimal) -> String {
    let (name, e) = tier(value, step);
    let n = digits(value / pow10(e), e == 0);
    if e > 0 && step >= pow10(e + 1) {
        format!("{n}余{name}")
    } else if e > 0 {
        format!("{n}{name}余")
    } else {
        format!("{n}余")
    }
}

/// Rounds `value` to two decimals in the smallest multiplier that keeps it
/// below 10,000 (so 99,999,999 becomes `1亿`, not `10000万`).
fn scaled(value: Decimal, round: RoundingStrategy) -> String {
    let limit = Decimal::from(10_000);
    for (i, &(name, e)) in TIERS.iter().enumerate() {
        let Some(v) = value.checked_div(pow10(e)) else {
            continue;
        };
        let v = v.round_dp_with_strategy(2, round);
        if v.abs() < limit || i + 1 == TIERS.len() {
            return format!("{}{name}", digits(v, e == 0));
        }
    }
    digits(value, true)
}

/// Pushes the digits `int`, with a comma between groups of three when `group`.
fn push_grouped(out: &mut String, int: &str, group: bool) {
    for (k, c) in int.chars().enumerate() {
        if group && k > 0 && (int.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
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
    push_grouped(&mut out, int, group);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::config::{Aggregate, Metric};
    use crate::content::number::parse;
    use crate::site::aggregate::{Observation, aggregate};

    /// `raw @ unit → shown`: values as bulletins wrote them.
    const WRITTEN: &str = "
        1292 @ 家 → 1,292家
        １２９２ @ 家 → 1,292家
        1,292家 @ 家 → 1,292家
        1，292 @ 家 → 1,292家
        30余万 @ 名 → 30余万名
        30余万名 @ 名 → 30余万名
        12万余 @ 名 → 12万余名
        12 万余 @ 名 → 12万余名
        600余万元 @ 元 → 600余万元
        近百 @ 场 → 近百场
        80家左右 @ 家 → 80家左右
        20以上 @ 项 → 20项以上
        约55% @ % → 约55%
        55 @ % → 55%
        三十 @ 家 → 三十家
        7.2万 @ 元 → 7.2万元
        300万元 @ 元 → 300万元
        300 @ 万元 → 300万元
        100人 @ 名 → 100人
        1.23456 @ 吨 → 1.23456吨
        12345.678 @ 元 → 12,345.678元
        超50亿元 @ 元 → 超50亿元
    ";

    #[test]
    fn reported_values_are_shown_as_written() {
        for line in WRITTEN.lines().filter(|l| !l.trim().is_empty()) {
            let (raw, rest) = line.split_once(" @ ").unwrap();
            let (unit, want) = rest.split_once(" → ").unwrap();
            assert_eq!(
                format_written(raw.trim(), unit.trim()),
                want.trim(),
                "{line}"
            );
        }
    }

    fn metric(unit: &str, aggregate: Aggregate) -> Metric {
        Metric {
            key: "m".into(),
            unit: unit.into(),
            aggregate,
            signed: true,
            label: "m".into(),
            definition: None,
            keywords: Vec::new(),
        }
    }

    /// The total of values written `parts`, as `aggregate` computes it.
    fn total(parts: &[&str], unit: &str, how: Aggregate) -> Quantity {
        let obs: Vec<Observation> = (parts.iter().enumerate())
            .map(|(i, raw)| Observation {
                bulletin: i,
                timestamp: i as i64,
                year: 2025,
                month: 1,
                campaigns: Vec::new(),
                regions: Vec::new(),
                values: vec![(0, parse(raw, unit, true).unwrap())],
            })
            .collect();
        let t = aggregate(&obs, &[metric(unit, how)], 0, 0).site[0].unwrap();
        t.quantity()
    }

    /// `sum|mean parts… @ unit → shown`: computed totals.
    const COMPUTED: &str = "
        sum 411 1292 @ 家 → 1,703家
        sum 7.2万 12345 @ 元 → 84,345元
        sum 7.2万 2.8万 @ 元 → 10万元
        sum 1.5亿 5000万 @ 元 → 2亿元
        sum 12万 @ 名 → 12万名
        sum 12345 @ 元 → 12,345元
        sum 99999999 @ _ → 99,999,999
        sum 15.15 0.05 @ _ → 15.2
        sum 0 @ 家 → 0家
        sum -3 @ _ → -3
        sum 0.5 @ 万元 → 5,000元
        sum 15000 @ 万元 → 1.5亿元
        sum 30余万 约2,000 @ 名 → 约30万名
        sum 30余万 2000 @ 名 → 30余万名
        sum 12万余 30余万 @ 名 → 40余万名
        sum 12万余 6万余 @ 名 → 18万余名
        sum 12.3万余 1000 @ 名 → 12.4万余名
        sum 60余 1292 @ 项 → 1,350余项
        sum 600余万元 300万元 @ 元 → 900余万元
        sum 约300 411 @ 家 → 约700家
        sum 近百 20 @ 场 → 约100场
        sum 约1.2万 约3,400 @ 元 → 约1.5万元
        sum 约1.25万 1 @ 元 → 约1.25万元
        sum 80家左右 5 @ 家 → 约90家
        sum 411以上 30余 @ 家 → 440家以上
        sum 超50亿元 1234 @ 元 → 50亿元以上
        sum 约0.0万 @ _ → 约0
        mean 55% 60% @ % → 57.5%
        mean 约55% 约62% @ % → 约59%
        mean 约55% 约60% @ % → 约60%
        mean 60%以上 50% @ % → 50%以上
        mean 1 2 2 @ _ → 约1.67
        mean 10 20 30.5 @ _ → 约20.17
        max 12万余 30余万 @ 名 → 30余万名
        latest 约300 1292 @ 家 → 1,292家
    ";

    #[test]
    fn totals_show_no_more_than_their_parts_say() {
        for line in COMPUTED.lines().filter(|l| !l.trim().is_empty()) {
            let (left, want) = line.split_once(" → ").unwrap();
            let (parts, unit) = left.split_once(" @ ").unwrap();
            let unit = unit.trim().trim_matches('_');
            let mut words = parts.split_whitespace();
            let how = match words.next().unwrap() {
                "sum" => Aggregate::Sum,
                "mean" => Aggregate::Mean,
                "max" => Aggregate::Max,
                _ => Aggregate::Latest,
            };
            let parts: Vec<&str> = words.collect();
            let shown = format_quantity(total(&parts, unit, how), unit);
            assert_eq!(shown, want.trim(), "{line}");
            // What is shown reads back as a value of the same kind.
            let back = parse(&shown, unit, true).unwrap();
            assert_eq!(back.bound, total(&parts, unit, how).bound, "{line}");
        }
    }

    #[test]
    fn numbers_and_percents() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
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

    /// A value as a bulletin might write it: one to four significant
    /// digits, a multiplier, and a bound in one of the places bulletins put it.
    fn written() -> impl Strategy<Value = String> {
        let digits = (1u32..10_000).prop_map(|n| n.to_string());
        let zeros = 0usize..4;
        let mult = proptest::sample::select(vec!["", "万", "亿"]);
        let bound = proptest::sample::select(vec![
            "", "", "", "余_", "_余", "约", "近", "超", "_以上", "_左右", "多_",
        ]);
        (digits, zeros, mult, bound).prop_map(|(d, z, m, b)| {
            let n = format!("{d}{}", "0".repeat(z));
            match b {
                "" => format!("{n}{m}"),
                "余_" | "多_" if !m.is_empty() => format!("{n}{}{m}", &b[..b.len() - 1]),
                "余_" | "多_" => format!("{n}{}", &b[..b.len() - 1]),
                "_余" => format!("{n}{m}余"),
                "_以上" | "_左右" => format!("{n}{m}{}", &b[1..]),
                pre => format!("{pre}{n}{m}"),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// Whatever the parts, the total shown reads back (through the
        /// metric parser) as a statement that holds for the true total, and
        /// is no more precise than the coarsest approximate part.
        #[test]
        fn a_total_shown_holds_for_the_true_total(
            parts in proptest::collection::vec(written(), 1..6),
            unit in proptest::sample::select(vec!["", "家", "名", "元"]),
        ) {
            let parsed: Vec<Quantity> =
                parts.iter().map(|p| parse(p, unit, false).unwrap()).collect();
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            let t = total(&refs, unit, Aggregate::Sum);
            let shown = format_quantity(t, unit);
            let back = parse(&shown, unit, false).unwrap();
            let lower: Decimal = parsed.iter().map(|q| q.value).sum();
            prop_assert_eq!(back.bound, t.bound, "{}", shown);
            match t.bound {
                Bound::Exact => prop_assert_eq!(back.value, lower, "{}", shown),
                Bound::AtLeast => {
                    // True: the total is at least what is shown …
                    prop_assert!(back.value <= lower, "{} > {}", shown, lower);
                    // … and not needlessly less than the parts add up to.
                    prop_assert!(lower - back.value < t.step, "{} for {}", shown, lower);
                }
                Bound::About => {
                    let off = (back.value - lower).abs();
                    prop_assert!(off * Decimal::TWO <= t.step, "{} for {}", shown, lower);
                }
            }
            // No false precision: what is shown is known no finer than the
            // coarsest approximate part.
            if t.bound != Bound::Exact {
                let coarsest = parsed.iter().map(|q| q.step).max().unwrap_or_default();
                prop_assert!(back.step >= coarsest, "{} ({} < {})", shown, back.step, coarsest);
            }
        }
    }
}
