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
}

/// Why a value does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// What is wrong, quoting the value.
    pub message: String,
    /// The correct form.
    pub hint: String,
    /// 0-based character offset in the raw value where the problem starts
    /// (0 when it concerns the whole value).
    pub column: usize,
    /// The value written correctly, when the fix is certain (a wrong unit:
    /// `7.2万元` for `7.2万人`).
    pub suggestion: Option<String>,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.hint)
    }
}

impl std::error::Error for NumberError {}

/// Bounds written before the number, longest first.
#[rustfmt::skip]
const BEFORE: [(&str, Bound); 9] = [
    ("不少于", AtLeast), ("超过", AtLeast), ("大约", About), ("将近", About), ("接近", About),
    ("超", AtLeast), ("逾", AtLeast), ("近", About), ("约", About),
];

/// Bounds written after the number, its multiplier or its unit.
#[rustfmt::skip]
const AFTER: [(&str, Bound); 5] =
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
fn unit_forms(unit: &str) -> Vec<(String, Decimal)> {
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

/// A number's digits and multipliers, read from the middle of the value.
struct Numeral {
    value: Decimal,
    bounds: Vec<(Bound, usize)>,
    has_multiplier: bool,
    stop: usize,
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
            let hint = format!("write a number, e.g. 411{unit}, 1.2万{unit} or 60余{unit}");
            return Err(v.err(0, "the value is empty", hint));
        }
        Ok(v)
    }

    fn err(
        &self,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> NumberError {
        let (message, hint) = (message.into(), hint.into());
        NumberError {
            message,
            hint,
            column,
            suggestion: None,
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
    fn say(&self, column: usize, what: &str, hint: impl Into<String>) -> NumberError {
        self.err(column, format!("`{}` {what}", self.raw), hint)
    }

    fn too_large(&self) -> NumberError {
        self.say(0, "is too large", "write a smaller number")
    }

    /// Exact decimals hold 28 or 29 significant digits, at most 28 of them
    /// after the point: a value beyond that is too precise, not too large.
    fn too_precise(&self, column: usize) -> NumberError {
        let what = "is too precise: at most 28 digits can be counted exactly";
        self.say(
            column,
            what,
            "round it to fewer decimal places, e.g. 0.25 or 1.5万",
        )
    }

    fn two_numbers(&self, column: usize) -> NumberError {
        let u = self.unit;
        let hint = format!("write one number, e.g. 1292{u} or 1,292{u}");
        self.say(column, "holds two numbers; write one number", hint)
    }

    fn parse(&self, signed: bool) -> Result<Quantity, NumberError> {
        let (raw, unit) = (self.raw, self.unit);
        let (mut i, mut end) = (0, self.cs.len());
        let (mut sign, mut minus, mut bounds) = (false, None, Vec::new());
        // A sign and a bound, in either order: `约-3`, `-约3`.
        loop {
            if let Some(&(c @ ('+' | '-' | '负'), col)) = self.cs.get(i).filter(|_| !sign) {
                (sign, minus, i) = (true, (c != '+').then_some(col), i + 1);
            } else if let Some(&(w, b)) = BEFORE.iter().find(|(w, _)| self.starts(i, end, w)) {
                bounds.push((b, self.col(i)));
                i += w.chars().count();
                if bounds.len() > 1 {
                    break;
                }
            } else {
                break;
            }
        }
        if unit == "%" && self.starts(i, end, "百分之") {
            i += 3;
        }
        let mut suffix = None;
        if let Some(&(w, b)) = AFTER.iter().find(|(w, _)| self.ends(i, end, w)) {
            end -= w.chars().count();
            suffix = Some((b, self.col(end)));
        }
        let scale = unit_forms(unit)
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
        bounds.extend(num.bounds.iter().chain(&suffix));
        let bound = match bounds.iter().find(|b| b.0 != bounds[0].0) {
            None => bounds.first().map_or(Bound::Exact, |b| b.0),
            Some(&(_, c)) => {
                let message = format!("`{raw}` says both “at least” and “about”");
                let hint = "keep one bound: 余/多/以上/超/逾 for at least, or 近/约/左右 for about";
                return Err(self.err(c, message, hint));
            }
        };
        // `300万` for a metric in 万元 could mean 300 万元 or 300万 万元.
        if let Some((_, _, base)) =
            split_scale(unit).filter(|_| num.has_multiplier && scale.is_none())
        {
            let shown = self.text(i, num.stop);
            let what = format!("needs its unit: this metric is counted in {unit}");
            return Err(self.say(0, &what, format!("write {shown}{base}")));
        }
        let mut value = match scale {
            // `元` for a metric in 万元 divides; a rounded quotient would
            // change what the bulletin said.
            Some((_, s)) => match num.value.checked_div(s) {
                Some(v) if v.checked_mul(s) == Some(num.value) => v,
                Some(_) => return Err(self.too_precise(0)),
                None => return Err(self.too_large()),
            },
            None => num.value,
        };
        if let Some(c) = minus {
            if !signed {
                let message = "negative values are not allowed for this metric";
                let hint = "write the amount without a sign, or declare the metric `signed: true`";
                return Err(self.err(c, message, hint));
            }
            value = -value;
        }
        if value.is_zero() {
            value = Decimal::ZERO;
        }
        Ok(Quantity {
            value: value.normalize(),
            bound,
        })
    }

    /// Explains a value with no number where one should start, at `i`.
    fn no_number(&self, i: usize, end: usize, bound: Option<usize>, unit: bool) -> NumberError {
        let u = self.unit;
        if i == end {
            let (column, what) = match bound {
                Some(c) => (c, "is a bound with no number"),
                None if unit => (self.col(i), "is a unit with no number"),
                None => (0, "is a sign with no number"),
            };
            return self.say(
                column,
                what,
                format!("put the number in, e.g. 60余{u} or 约100{u}"),
            );
        }
        let forms = unit_forms(u).into_iter().map(|f| f.0);
        let mut words = AFTER.iter().map(|b| b.0.to_string()).chain(forms);
        let (what, hint) = match words.find(|w| self.starts(i, end, w)) {
            Some(w) => (
                format!("has `{w}` before the number"),
                format!("write it after: 60{w}"),
            ),
            None => (
                "is not a number".into(),
                format!("write digits or Chinese numerals, e.g. 411{u} or 三十{u}"),
            ),
        };
        self.say(self.col(i), &what, hint)
    }

    /// Explains what follows a complete number at `stop`.
    fn leftover(&self, start: usize, stop: usize, end: usize) -> NumberError {
        let (c, col) = self.cs[stop];
        let (u, shown, rest) = (self.unit, self.text(start, stop), self.text(stop, end));
        let digit_from = |from: usize| (from..end).find(|&k| is_digit(self.cs[k].0));
        let unit_form = unit_forms(u).into_iter().find(|f| rest.starts_with(&f.0));
        if let Some(k) = unit_form.and_then(|f| digit_from(stop + f.0.chars().count())) {
            let hint = format!("the unit ends the value: write {shown}{u}");
            return self.say(self.col(k), "has a number after the unit", hint);
        }
        if "-~—–到至".contains(c) && digit_from(stop) == Some(stop + 1) {
            let hint = format!("write one number, e.g. {shown}{u}, or {shown}余{u} for “at least”");
            return self.say(col, "is a range; write one number", hint);
        }
        if digit_from(stop).is_some() {
            return self.two_numbers(col);
        }
        let what = match (c, u) {
            ('%', _) => "is a percentage, but this metric is not".into(),
            (_, "") => format!("has the unit `{rest}`, but this metric has none"),
            _ => format!("has the unit `{rest}`, but this metric is counted in {u}"),
        };
        let hint = match u {
            "" => format!("this metric has no unit: write the bare number, e.g. {shown}"),
            "%" => format!("this metric is a percentage: write e.g. {shown}%"),
            _ => format!("this metric is counted in {u}: write e.g. {shown}{u}"),
        };
        let mut e = self.say(col, &what, hint);
        e.suggestion = Some(format!("{shown}{u}"));
        e
    }

    /// Reads digits, Chinese numerals, multipliers and in-number bounds from
    /// `start`; `None` when no number starts there.
    fn numeral(&self, start: usize, end: usize) -> Result<Option<Numeral>, NumberError> {
        // A sum that does not fit its digits is rounded: say so instead.
        let add = |a: Decimal, b: Decimal| match a.checked_add(b) {
            Some(r) if r.checked_sub(a) == Some(b) => Ok(r),
            Some(_) => Err(self.too_precise(0)),
            None => Err(self.too_large()),
        };
        let mul = |a: Decimal, b: Decimal| a.checked_mul(b).ok_or_else(|| self.too_large());
        // Groups of 亿, of 万 within it, and the section below 万.
        let (mut yi, mut wan, mut section) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        // A digit not yet multiplied, and whether it is a lone 1–9 (`一万二`).
        let mut digit: Option<(Decimal, bool)> = None;
        // Powers of ten of the last 十/百/千 in the section and of the last multiplier.
        let (mut last_small, mut last_unit) = (None, None);
        let (mut had_wan, mut had_yi, mut any, mut after_zero) = (false, false, false, false);
        let mut bounds = Vec::new();
        let mut j = start;
        while j < end {
            let (c, col) = self.cs[j];
            let fail = |what: &str, hint: &str| Err(self.say(col, what, hint));
            let wrong_order = || {
                fail(
                    "has its multipliers in the wrong order",
                    "write them small to large, once each: 3千万, 1.5万亿",
                )
            };
            let bound = AFTER.iter().find(|(w, _)| any && self.starts(j, end, w));
            let small = "十百千".chars().position(|x| x == c).map(|p| p as u32 + 1);
            if !bounds.is_empty() && bound.is_none() && !matches!(c, '万' | '亿') {
                if is_digit(c) || small.is_some() {
                    return fail(
                        "goes on after its bound",
                        "a bound ends the number or precedes 万/亿: 600余万, 12万余",
                    );
                }
                break;
            }
            if let Some(&(w, b)) = bound {
                bounds.push((b, col));
                j += w.chars().count();
                continue;
            }
            if is_digit(c) {
                if digit.is_some() {
                    return Err(self.two_numbers(col));
                }
                let (value, next) = match cn_digit(c) {
                    Some(d) => (Decimal::from(d), j + 1),
                    None => self.arabic(j, end)?,
                };
                if cn_digit(c) == Some(0) {
                    after_zero = true;
                } else {
                    digit = Some((value, next == j + 1));
                }
                (any, j) = (true, next);
                continue;
            }
            if let Some(e) = small {
                let after_big = last_small.is_none() && matches!(last_unit, Some(4 | 8));
                if last_small.is_some_and(|l| e >= l) || (digit.is_none() && after_big) {
                    return wrong_order();
                }
                let n = match digit.take() {
                    Some((d, _)) => d,
                    None if !any => Decimal::ONE,
                    None => {
                        return fail(
                            "has a multiplier with no digit before it",
                            "write e.g. 一百一十",
                        );
                    }
                };
                section = add(section, mul(n, pow10(e))?)?;
                (last_small, last_unit, after_zero) = (Some(e), Some(e), false);
            } else if c == '万' || c == '亿' {
                // Something written for this multiplier to multiply: a digit
                // (`0万` is zero), a 十/百/千, or for 亿 a 万 (`1.5万亿`).
                let written = digit.is_some() || last_small.is_some() || (c == '亿' && had_wan);
                let mut group = add(section, digit.take().map_or(Decimal::ZERO, |d| d.0))?;
                if c == '亿' {
                    group = add(group, wan)?;
                }
                if (if c == '万' { had_wan } else { had_yi }) || (!written && any && !after_zero) {
                    return wrong_order();
                }
                if !any {
                    group = Decimal::ONE;
                }
                if c == '万' {
                    (wan, had_wan, last_unit) = (mul(group, pow10(4))?, true, Some(4));
                } else {
                    (yi, wan, had_wan, had_yi, last_unit) =
                        (mul(group, pow10(8))?, Decimal::ZERO, false, true, Some(8));
                }
                (section, last_small, after_zero) = (Decimal::ZERO, None, false);
            } else {
                break;
            }
            (any, j) = (true, j + 1);
        }
        if !any {
            return Ok(None);
        }
        // `一万二` is 12,000 and `三百五` 350: a lone last digit counts in
        // the unit below the last one.
        let tail = match (digit, last_unit) {
            (Some((d, true)), Some(u)) if !after_zero => mul(d, pow10(u - 1))?,
            (d, _) => d.map_or(Decimal::ZERO, |d| d.0),
        };
        let value = add(add(add(yi, wan)?, section)?, tail)?;
        Ok(Some(Numeral {
            value,
            bounds,
            has_multiplier: had_wan || had_yi,
            stop: j,
        }))
    }

    /// Reads Arabic digits with thousands separators and a decimal point
    /// from `start`; gives the value and where it stops.
    fn arabic(&self, start: usize, end: usize) -> Result<(Decimal, usize), NumberError> {
        let stop = (start..end)
            .find(|&k| !matches!(self.cs[k].0, '0'..='9' | ',' | '.'))
            .unwrap_or(end);
        let text = self.text(start, stop);
        let (int, frac) = text
            .split_once('.')
            .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
        let mut groups = int.split(',');
        let first = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        let grouped = !int.contains(',') || (first && groups.all(|g| g.len() == 3));
        let bad_comma = !grouped || frac.is_some_and(|f| f.contains(','));
        let bad_point = frac.is_some_and(|f| f.is_empty() || f.contains('.'));
        let (k, what, hint) = match (text.find(','), text.rfind('.')) {
            (Some(k), _) if bad_comma => (
                k,
                "is not one number: commas go between groups of three digits",
                "write one number, e.g. 1,292 or 1292",
            ),
            (_, Some(k)) if bad_point => (
                k,
                "has a misplaced decimal point",
                "write digits on both sides of one point, e.g. 7.5",
            ),
            _ => return self.exact(&text, start).map(|v| (v, stop)),
        };
        Err(self.say(self.col(start + k), what, hint))
    }

    /// The exact decimal written `text` (digits, commas, at most one point)
    /// from `start`: too large when its whole part does not fit, else too
    /// precise (underlined from the point).
    fn exact(&self, text: &str, start: usize) -> Result<Decimal, NumberError> {
        let digits = text.replace(',', "");
        Decimal::from_str_exact(&digits).map_err(|_| {
            let whole = digits.split('.').next().unwrap_or("");
            match (Decimal::from_str_exact(whole), text.find('.')) {
                (Ok(_), Some(point)) => self.too_precise(self.col(start + point)),
                _ => self.too_large(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    /// `raw@unit=value`, then `≥` for at least or `≈` for about; no `@`
    /// for no unit; `_` stands for a space.
    const ACCEPTED: &str = "
        1292@家=1292  1,292@家=1292  1，292@家=1292  １２９２@家=1292  7.2=7.2  １．５=1.5
        1.25=1.25  1,292.5=1292.5  1,000,000=1000000  0=0  411=411  +3=3  ＋3=3
        100_万元@元=1000000  三十=30  一百二十=120  两千=2000  百=100  十五=15
        一万二千=12000  三千五百万=35000000  零=0  〇=0  一百零五=105  一万零五=10005
        三百五=350  一万二=12000  一亿五=150000000  三亿五千万=350000000  1.2万=12000
        3千=3000  1万2千=12000  3千万=30000000  萬=10000  7.2万=72000  1.25万=12500
        2亿=200000000  1.5万亿=1500000000000  三万亿=3000000000000
        超50亿元@元=5000000000≥  近百=100≈  约55%@%=55≈  逾千=1000≥  600余万元@元=6000000≥
        60余项@项=60≥  4000多场@场=4000≥  三千多=3000≥  12万余@名=120000≥
        12万余名@名=120000≥  80家左右@家=80≈  20项以上@项=20≥  1090余万元@元=10900000≥
        大约100=100≈  100左右=100≈  超过50家@家=50≥  十余万=100000≥  三千多万=30000000≥
        万余名@名=10000≥  将近2万=20000≈  1亿3千余万=130000000≥  约80家左右@家=80≈
        55%左右@%=55≈  百余@场=100≥  300万元@元=3000000  411家@家=411  55%@%=55
        55@%=55  55％@%=55  百分之五十五@%=55  100人@名=100  100名@名=100  76位@名=76
        1.25万人次@人次=12500  5千克@千克=5  300万元@万元=300  3亿元@万元=30000
        5000元@万元=0.5  300@万元=300  2万人@万人=2  34项@项=34  18%@%=18  20余项@项=20≥
        500元@元=500  40万元@元=400000  150余条@条=150≥  83条@条=83  519家@家=519
        804个@个=804  6855人@名=6855  3000余人次@人次=3000≥  7万余人次@人次=70000≥
        5000元@元=5000  9000余元@元=9000≥  1500余家@家=1500≥  200余名@名=200≥
        2238名@名=2238  171个@个=171  100余场@场=100≥  70余场@场=70≥  300余篇@篇=300≥
        220余次@次=220≥  20余万份@份=200000≥  100亿元@元=10000000000  9000亿元@元=900000000000
        18.9万名@名=189000  3万余名@名=30000≥  1292家@家=1292  2038名@名=2038
        500余期次@期次=500≥  3000余人@名=3000≥  100余家@家=100≥  23项@项=23
        0万=0  0.0万=0  0亿=0  0万亿=0  零万=0  约0.0万=0≈  0万余=0≥  0万元@元=0  0.0万人@名=0
        0.0000000000000000000000000001=0.0000000000000000000000000001
        79228162514264337593543950335=79228162514264337593543950335  0.5万元@万元=0.5
    ";

    #[test]
    fn accepts_the_bulletins_notation() {
        for case in ACCEPTED.split_whitespace() {
            let (written, want) = case.rsplit_once('=').unwrap();
            let (raw, unit) = written.split_once('@').unwrap_or((written, ""));
            let (value, bound) = match want.strip_suffix('≥') {
                Some(v) => (v, Bound::AtLeast),
                None => match want.strip_suffix('≈') {
                    Some(v) => (v, Bound::About),
                    None => (want, Bound::Exact),
                },
            };
            let raw = raw.replace('_', " ");
            let want = Quantity {
                value: Decimal::from_str(value).unwrap(),
                bound,
            };
            assert_eq!(parse(&raw, unit, false), Ok(want), "{raw} ({unit})");
        }
        assert_eq!(
            parse("  411 ", "家", false).map(|q| q.value),
            Ok(Decimal::from(411))
        );
        let signed = [
            ("-3", "-3", Bound::Exact),
            ("负3", "-3", Bound::Exact),
            ("约-3", "-3", Bound::About),
            ("-12万余", "-120000", Bound::AtLeast),
        ];
        for (raw, value, bound) in signed {
            let want = Quantity {
                value: Decimal::from_str(value).unwrap(),
                bound,
            };
            assert_eq!(parse(raw, "", true), Ok(want), "{raw}");
        }
    }

    /// `raw | unit | column | part of the message`.
    const REJECTED: &str = "
        | 家 | 0 | empty
        3 4 | | 2 | two numbers
        1 292 | | 2 | two numbers
        3、4 | | 1 | two numbers
        二〇二五 | | 1 | two numbers
        3-5 | | 1 | a range; write one number
        3到5 | | 1 | a range; write one number
        3～5家 | 家 | 1 | a range
        很多 | | 0 | not a number
        abc | | 0 | not a number
        1e3 | | 1 | two numbers
        余 | | 0 | a bound with no number
        约 | 家 | 0 | a bound with no number
        家 | 家 | 0 | a unit with no number
        - | | 0 | a sign with no number
        余60 | | 0 | before the number
        家411 | 家 | 0 | before the number
        3万千 | | 2 | wrong order
        2亿万 | | 2 | wrong order
        3万万 | | 2 | wrong order
        3亿5亿 | | 3 | wrong order
        一十百 | | 2 | wrong order
        9999万亿亿 | | 6 | wrong order
        一百十 | | 2 | no digit before
        7.2万人 | 元 | 4 | has the unit `人`, but this metric is counted in 元
        411个 | 家 | 3 | counted in 家
        12万余名 | 人次 | 4 | counted in 人次
        411家企业 | 家 | 3 | counted in 家
        411家 | | 3 | has the unit `家`, but this metric has none
        55% | 家 | 2 | is a percentage
        3家4 | 家 | 2 | a number after the unit
        -3 | | 0 | negative values are not allowed
        约-3 | | 1 | negative values are not allowed
        3,4 | | 1 | commas
        1,2345 | | 1 | commas
        12,34,567 | | 2 | commas
        1.2,345 | | 3 | commas
        7. | | 1 | decimal point
        1.2.3 | | 3 | decimal point
        近100余 | | 4 | both
        60余5 | | 3 | after its bound
        300万 | 万元 | 0 | needs its unit
        99999999999999999999999999999 | | 0 | too large
        1000000000000000000万亿 | | 0 | too large
        79228162514264337593543950336.5 | | 0 | too large
        0.00000000000000000000000000001 | | 1 | too precise
        1.00000000000000000000000000001 | | 1 | too precise
        约12,345.000000000000000000000000001 | | 7 | too precise
        0.0000000000000000000000000001元 | 万元 | 0 | too precise
        7922816251426433759354万0.0000001 | | 0 | too precise
    ";

    #[test]
    fn rejects_with_a_message_and_a_column() {
        let spaces = parse("   ", "家", false).unwrap_err();
        assert_eq!(
            (spaces.column, spaces.message.as_str()),
            (0, "the value is empty")
        );
        for line in REJECTED.lines().filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            let (raw, unit, column, message) = (f[0], f[1], f[2].parse::<usize>().unwrap(), f[3]);
            let e = parse(raw, unit, false).unwrap_err();
            assert!(e.message.contains(message), "{raw}: {}", e.message);
            assert_eq!(e.column, column, "{raw}: {}", e.message);
            assert!(!e.hint.is_empty(), "{raw}");
        }
    }

    /// `raw | unit | hint`.
    const HINTS: &str = "
        7.2万人 | 元 | this metric is counted in 元: write e.g. 7.2万元
        12万余名 | 人次 | this metric is counted in 人次: write e.g. 12万余人次
        411家 | | this metric has no unit: write the bare number, e.g. 411
        3-5 | 项 | write one number, e.g. 3项, or 3余项 for “at least”
        300万 | 万元 | write 300万元
        0.00000000000000000000000000001 | | round it to fewer decimal places, e.g. 0.25 or 1.5万
    ";

    #[test]
    fn a_wrong_unit_suggests_the_right_value() {
        let e = parse("7.2万人", "元", false).unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("7.2万元"));
        assert_eq!(parse("3-5", "项", false).unwrap_err().suggestion, None);
    }

    #[test]
    fn hints_show_the_correct_form() {
        for line in HINTS.lines().filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(parse(f[0], f[1], false).unwrap_err().hint, f[2], "{}", f[0]);
        }
    }
}
