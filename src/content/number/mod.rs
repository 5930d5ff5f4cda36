//! Parse stage: one metric value as the bulletins write it (`12万余名`, `近百`,
//! `600余万元`, `80家左右`).
//!
//! Takes the value's text exactly as written, the metric's declared unit and
//! whether it may be negative; gives an exact [`Quantity`] (a decimal and its
//! [`Bound`]) or a [`NumberError`] with the column where the problem starts
//! and a hint showing the correct form. Pure; no binary floats anywhere.
//!
//! A value reads, in order: a sign, a bound (`超` `逾` `近` `约` …), the
//! number in digits or Chinese numerals, its multipliers (`十` … `万亿`) with
//! an optional `余`/`多` before or after the last one, the unit, and a bound
//! (`以上` `左右` …). The unit and a trailing bound are taken off the end
//! first, so a declared unit such as `千克` or `万元` is never read as a
//! multiplier.

use crate::messages::Msg;
use crate::msg;
use std::fmt;

use Bound::{About, AtLeast};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a written value relates to the true amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Exactly the amount: `411`.
    Exact,
    /// At least the amount: `12万余`, `超50亿`, `20项以上`.
    AtLeast,
    /// About the amount: `近百`, `约55%`, `80家左右`.
    About,
}

impl Bound {
    /// The bound of a whole made of a `self` part and an `other` part: exact
    /// only if both are, about if either is, else at least. The declaration
    /// order makes this the maximum.
    pub fn combine(self, other: Bound) -> Bound {
        self.max(other)
    }
}

/// A parsed metric value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Quantity {
    /// The amount in the declared unit, normalised (`7.2万` is `72000`).
    pub value: Decimal,
    /// How the amount bounds the truth.
    pub bound: Bound,
    /// How precisely an approximate amount is known, in the declared unit:
    /// the place of the digit its bound leaves open (`30余万` → 100,000,
    /// `12万余` → 10,000, `600余万` → 1,000,000), or for `约`/`近`/`左右`
    /// and `以上`/`超` the place of its last digit that is not zero
    /// (`约300` → 100). Zero for an exact amount.
    pub step: Decimal,
    /// An *at least* amount with no upper limit (`以上`, `超`, `逾`,
    /// `不少于`), unlike `余`/`多`, which stay below the amount plus its step.
    pub open: bool,
}

impl Quantity {
    /// An exact amount.
    pub fn exact(value: Decimal) -> Quantity {
        Quantity {
            value,
            bound: Bound::Exact,
            step: Decimal::ZERO,
            open: false,
        }
    }
}

/// Why a value does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// What is wrong, quoting the value.
    pub message: Msg,
    /// The correct form.
    pub hint: Msg,
    /// 0-based character offset in the raw value where the problem starts
    /// (0 when it concerns the whole value).
    pub column: usize,
    /// The value written correctly, when the fix is certain (a wrong unit:
    /// `7.2万元` for `7.2万人`).
    pub suggestion: Option<String>,
    /// The unit the value is written in when it is not the declared one
    /// (`人` in `411人` for a metric counted in 家).
    pub unit_written: Option<String>,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.hint)
    }
}

impl std::error::Error for NumberError {}

/// Bounds written before the number, longest first.
#[rustfmt::skip]
pub(crate) const BEFORE: [(&str, Bound); 9] = [
    ("不少于", AtLeast), ("超过", AtLeast), ("大约", About), ("将近", About), ("接近", About),
    ("超", AtLeast), ("逾", AtLeast), ("近", About), ("约", About),
];

/// Bounds written after the number, its multiplier or its unit.
#[rustfmt::skip]
pub(crate) const AFTER: [(&str, Bound); 5] =
    [("以上", AtLeast), ("左右", About), ("上下", About), ("余", AtLeast), ("多", AtLeast)];

/// Multipliers that may start a declared unit (`万元`), largest first.
const UNIT_SCALES: [(&str, u32); 3] = [("万亿", 12), ("亿", 8), ("万", 4)];

/// Parses one metric value written `raw` for a metric whose unit is `unit`
/// (`""` for none); negative values only when `signed`.
pub fn parse(raw: &str, unit: &str, signed: bool) -> Result<Quantity, NumberError> {
    Value::new(raw, unit)?.parse(signed)
}

/// Full-width and traditional forms, and what they stand for.
#[rustfmt::skip]
const ALIKE: [(char, char); 11] = [
    ('．', '.'), ('，', ','), ('％', '%'), ('＋', '+'), ('－', '-'), ('−', '-'), ('～', '~'),
    ('萬', '万'), ('億', '亿'), ('兩', '两'), ('\u{3000}', ' '),
];

/// `raw` with full-width and traditional forms made plain and spaces
/// dropped: `１２９２家` → `1292家`, `12 万余` → `12万余`.
pub fn normalise_text(raw: &str) -> String {
    raw.chars().map(normalise).filter(|c| *c != ' ').collect()
}

fn normalise(c: char) -> char {
    match c {
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
        c if c.is_whitespace() => ' ',
        c => ALIKE.iter().find(|p| p.0 == c).map_or(c, |p| p.1),
    }
}

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32),
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some()
}

fn pow10(e: u32) -> Decimal {
    Decimal::from(10u64.pow(e))
}

/// A unit that starts with a multiplier (`万元`): the multiplier, its power
/// of ten and the base unit.
fn split_scale(unit: &str) -> Option<(&'static str, u32, &str)> {
    UNIT_SCALES
        .iter()
        .find_map(|&(p, e)| Some((p, e, unit.strip_prefix(p)?)).filter(|t| !t.2.is_empty()))
}

/// The unit spellings accepted for `unit`, each with the divisor that turns
/// an amount written in it into the declared unit; longest first.
pub(crate) fn unit_forms(unit: &str) -> Vec<(String, Decimal)> {
    let aliases = |u: &str| match u {
        "名" | "人" | "位" => vec!["名".to_string(), "人".into(), "位".into()],
        u => vec![u.to_string()],
    };
    let mut forms = match (unit, split_scale(unit)) {
        ("", _) => Vec::new(),
        (_, None) => aliases(unit)
            .into_iter()
            .map(|a| (a, Decimal::ONE))
            .collect(),
        (_, Some((p, e, base))) => (aliases(base).into_iter())
            .flat_map(|a| [(format!("{p}{a}"), Decimal::ONE), (a, pow10(e))])
            .collect(),
    };
    forms.sort_by_key(|f| std::cmp::Reverse(f.0.chars().count()));
    forms
}

/// A value being parsed: its characters (normalised, spaces removed) with
/// their columns in the raw text.
struct Value<'a> {
    raw: &'a str,
    unit: &'a str,
    cs: Vec<(char, usize)>,
}

impl<'a> Value<'a> {
    fn new(raw: &'a str, unit: &'a str) -> Result<Self, NumberError> {
        let mut v = Value {
            raw,
            unit,
            cs: Vec::new(),
        };
        let mut gap = false;
        for (i, c) in raw.chars().map(normalise).enumerate() {
            if c == ' ' {
                gap = true;
            } else if gap && is_digit(c) && v.cs.last().is_some_and(|p| is_digit(p.0)) {
                return Err(v.two_numbers(i));
            } else {
                gap = false;
                v.cs.push((c, i));
            }
        }
        if v.cs.is_empty() {
            return Err(v.err(0, msg!(NumEmpty), msg!(NumEmptyHint, unit)));
        }
        Ok(v)
    }

    fn err(&self, column: usize, message: Msg, hint: Msg) -> NumberError {
        NumberError {
            message,
            hint,
            column,
            suggestion: None,
            unit_written: None,
        }
    }

    fn col(&self, i: usize) -> usize {
        self.cs.get(i).map_or(self.raw.chars().count(), |&(_, c)| c)
    }

    fn text(&self, a: usize, b: usize) -> String {
        self.cs[a..b].iter().map(|&(c, _)| c).collect()
    }

    fn starts(&self, i: usize, end: usize, word: &str) -> bool {
        let n = word.chars().count();
        i + n <= end && word.chars().zip(&self.cs[i..]).all(|(w, &(c, _))| w == c)
    }

    fn ends(&self, start: usize, end: usize, word: &str) -> bool {
        let n = word.chars().count();
        end >= start + n && self.starts(end - n, end, word)
    }

    /// An error whose message starts with the value quoted.
    fn say(&self, column: usize, what: Msg, hint: Msg) -> NumberError {
        self.err(column, msg!(NumSays, self.raw).arg_msg(what), hint)
    }

    fn too_large(&self) -> NumberError {
        self.say(0, msg!(NumTooLarge), msg!(NumTooLargeHint))
    }

    /// Exact decimals hold 28 or 29 significant digits, at most 28 of them
    /// after the point: a value beyond that is too precise, not too large.
    fn too_precise(&self, column: usize) -> NumberError {
        self.say(column, msg!(NumTooPrecise), msg!(NumTooPreciseHint))
    }

    fn two_numbers(&self, column: usize) -> NumberError {
        let u = self.unit;
        self.say(column, msg!(NumTwoNumbers), msg!(NumTwoNumbersHint, u))
    }

    /// A sign and bounds written before the number, in either order
    /// (`约-3`, `-约3`): where the number starts, the column of a minus,
    /// the bounds with their columns.
    fn leading(&self, end: usize) -> (usize, Option<usize>, Vec<(Bound, usize, bool)>) {
        let (mut i, mut sign, mut minus, mut bounds) = (0, false, None, Vec::new());
        loop {
            if let Some(&(c @ ('+' | '-' | '负'), col)) = self.cs.get(i).filter(|_| !sign) {
                (sign, minus, i) = (true, (c != '+').then_some(col), i + 1);
            } else if let Some(&(w, b)) = BEFORE.iter().find(|(w, _)| self.starts(i, end, w)) {
                bounds.push((b, self.col(i), false));
                i += w.chars().count();
                if bounds.len() > 1 {
                    break;
                }
            } else {
                break;
            }
        }
        if self.unit == "%" && self.starts(i, end, "百分之") {
            i += 3;
        }
        (i, minus, bounds)
    }

    fn parse(&self, signed: bool) -> Result<Quantity, NumberError> {
        let mut end = self.cs.len();
        let (i, minus, mut bounds) = self.leading(end);
        let mut suffix = None;
        if let Some(&(w, b)) = AFTER.iter().find(|(w, _)| self.ends(i, end, w)) {
            end -= w.chars().count();
            suffix = Some((b, self.col(end), matches!(w, "余" | "多")));
        }
        let scale = unit_forms(self.unit)
            .into_iter()
            .find(|f| self.ends(i, end, &f.0));
        if let Some((form, _)) = &scale {
            end -= form.chars().count();
        }
        let Some(num) = self.numeral(i, end)? else {
            let bound = bounds.first().or(suffix.as_ref()).map(|b| b.1);
            return Err(self.no_number(i, end, bound, scale.is_some()));
        };
        if num.stop < end {
            return Err(self.leftover(i, num.stop, end));
        }
        bounds.extend(
            num.bounds
                .iter()
                .map(|&(b, c)| (b, c, num.bound_step.is_some())),
        );
        bounds.extend(suffix);
        let bound = self.one_bound(&bounds)?;
        // `300万` for a metric in 万元 could mean 300 万元 or 300万 万元.
        if let Some((_, _, base)) =
            split_scale(self.unit).filter(|_| num.has_multiplier && scale.is_none())
        {
            let shown = self.text(i, num.stop);
            let what = msg!(NumNeedsUnit, self.unit);
            return Err(self.say(0, what, msg!(NumWriteAs, format_args!("{shown}{base}"))));
        }
        // `余`/`多` leave a place open; other bounds tell how precise the amount is.
        let odd = bounds.iter().any(|b| b.2);
        let step = match (bound, num.bound_step, suffix) {
            (Bound::Exact, _, _) => Decimal::ZERO,
            (_, Some(s), _) => s,
            (_, None, Some((_, _, true))) => num.end_step,
            _ => place(num.value),
        };
        let divisor = scale.map_or(Decimal::ONE, |s| s.1);
        let mut value = self.in_unit(num.value, divisor)?;
        if let Some(c) = minus {
            if !signed {
                return Err(self.err(c, msg!(NumNegative), msg!(NumNegativeHint)));
            }
            value = -value;
        }
        if value.is_zero() {
            value = Decimal::ZERO;
        }
        Ok(Quantity {
            value: value.normalize(),
            bound,
            step: (step / divisor).normalize(),
            open: bound == Bound::AtLeast && !odd,
        })
    }

    /// The one bound of a value: exact without any, an error when it says
    /// both "at least" and "about".
    fn one_bound(&self, bounds: &[(Bound, usize, bool)]) -> Result<Bound, NumberError> {
        match bounds.iter().find(|b| b.0 != bounds[0].0) {
            None => Ok(bounds.first().map_or(Bound::Exact, |b| b.0)),
            Some(&(_, c, _)) => {
                Err(self.err(c, msg!(NumTwoBounds, self.raw), msg!(NumTwoBoundsHint)))
            }
        }
    }

    /// `amount` written in a unit `divisor` times smaller than the declared
    /// one (`元` for a metric in 万元); a rounded quotient would change what
    /// the bulletin said.
    fn in_unit(&self, amount: Decimal, divisor: Decimal) -> Result<Decimal, NumberError> {
        match amount.checked_div(divisor) {
            Some(v) if v.checked_mul(divisor) == Some(amount) => Ok(v),
            Some(_) => Err(self.too_precise(0)),
            None => Err(self.too_large()),
        }
    }

    /// Explains a value with no number where one should start, at `i`.
    fn no_number(&self, i: usize, end: usize, bound: Option<usize>, unit: bool) -> NumberError {
        let u = self.unit;
        if i == end {
            let (column, what) = match bound {
                Some(c) => (c, msg!(NumBoundNoNumber)),
                None if unit => (self.col(i), msg!(NumUnitNoNumber)),
                None => (0, msg!(NumSignNoNumber)),
            };
            return self.say(column, what, msg!(NumPutNumberIn, u));
        }
        let forms = unit_forms(u).into_iter().map(|f| f.0);
        let mut words = AFTER.iter().map(|b| b.0.to_string()).chain(forms);
        let (what, hint) = match words.find(|w| self.starts(i, end, w)) {
            Some(w) => (msg!(NumWordBefore, &w), msg!(NumWordAfterHint, &w)),
            None => (msg!(NumNotANumber), msg!(NumNotANumberHint, u)),
        };
        self.say(self.col(i), what, hint)
    }

    /// Explains what follows a complete number at `stop`.
    fn leftover(&self, start: usize, stop: usize, end: usize) -> NumberError {
        let (c, col) = self.cs[stop];
        let (u, shown, rest) = (self.unit, self.text(start, stop), self.text(stop, end));
        let digit_from = |from: usize| (from..end).find(|&k| is_digit(self.cs[k].0));
        let unit_form = unit_forms(u).into_iter().find(|f| rest.starts_with(&f.0));
        if let Some(k) = unit_form.and_then(|f| digit_from(stop + f.0.chars().count())) {
            let hint = msg!(NumAfterUnitHint, &shown, u);
            return self.say(self.col(k), msg!(NumAfterUnit), hint);
        }
        if "-~—–到至".contains(c) && digit_from(stop) == Some(stop + 1) {
            return self.say(col, msg!(NumRange), msg!(NumRangeHint, &shown, u));
        }
        if digit_from(stop).is_some() {
            return self.two_numbers(col);
        }
        let what = match (c, u) {
            ('%', _) => msg!(NumPercentNotHere),
            (_, "") => msg!(NumUnitNone, &rest),
            _ => msg!(NumUnitWrong, &rest, u),
        };
        let hint = match u {
            "" => msg!(NumBareHint, &shown),
            "%" => msg!(NumPercentHint, &shown),
            _ => msg!(NumUnitHint, u, &shown),
        };
        let mut e = self.say(col, what, hint);
        e.suggestion = Some(format!("{shown}{u}"));
        if c != '%' {
            let unit = ["以上", "左右", "上下", "余", "多"]
                .iter()
                .fold(rest.trim(), |r, b| r.strip_suffix(b).unwrap_or(r));
            e.unit_written = (!unit.is_empty()).then(|| unit.to_string());
        }
        e
    }
}

#[cfg(test)]
mod tests;

mod numeral;
pub use numeral::place;
