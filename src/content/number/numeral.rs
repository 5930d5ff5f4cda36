//! Parse stage, inside one metric value: the number itself — digits or
//! Chinese numerals, their multipliers (`十` … `万亿`) and a `余`/`多`
//! among them (`600余万`, `12万余`).
//!
//! Takes the value's characters between its leading and trailing words;
//! gives the exact amount and, for a bound written among the digits, the
//! place it leaves open (its *step*): `30余万` is 30-odd 万, open below
//! 100,000; `12万余` is 12万 and some, open below 10,000.

use crate::messages::Msg;
use crate::msg;
use rust_decimal::Decimal;

use super::{AFTER, Bound, NumberError, Value, cn_digit, is_digit, pow10};

/// A number's digits and multipliers, read from the middle of the value.
pub(super) struct Numeral {
    pub value: Decimal,
    pub bounds: Vec<(Bound, usize)>,
    pub has_multiplier: bool,
    pub stop: usize,
    /// The place a bound right after the number would leave open.
    pub end_step: Decimal,
    /// The place the first `余`/`多` among the digits leaves open.
    pub bound_step: Option<Decimal>,
}

/// What has been read so far.
#[derive(Default)]
struct Reading {
    /// Groups of 亿, of 万 within it, and the section below 万.
    yi: Decimal,
    wan: Decimal,
    section: Decimal,
    /// A digit not yet multiplied, and whether it is a lone 1–9 (`一万二`).
    digit: Option<(Decimal, bool)>,
    /// Powers of ten of the last 十/百/千 in the section and of the last multiplier.
    last_small: Option<u32>,
    last_unit: Option<u32>,
    had_wan: bool,
    had_yi: bool,
    any: bool,
    after_zero: bool,
    bounds: Vec<(Bound, usize)>,
    /// Decimal places of the last Arabic digits (`1.25万` → 2).
    decimals: u32,
    /// The place a bound here would leave open.
    step: Decimal,
    bound_step: Option<Decimal>,
}

/// The place of the last digit that is not zero: 30 → 10, 1,292 → 1,
/// 1.25 → 0.01; 1 for zero.
pub fn place(v: Decimal) -> Decimal {
    let v = v.normalize();
    if v.is_zero() {
        return Decimal::ONE;
    }
    if v.scale() > 0 {
        return Decimal::new(1, v.scale());
    }
    let mut m = v.abs().mantissa();
    let mut p = Decimal::ONE;
    while m % 10 == 0 {
        m /= 10;
        p *= Decimal::TEN;
    }
    p
}

impl Value<'_> {
    /// A sum that does not fit its digits is rounded: say so instead.
    fn add(&self, a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
        match a.checked_add(b) {
            Some(r) if r.checked_sub(a) == Some(b) => Ok(r),
            Some(_) => Err(self.too_precise(0)),
            None => Err(self.too_large()),
        }
    }

    fn mul(&self, a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
        a.checked_mul(b).ok_or_else(|| self.too_large())
    }

    fn fail(&self, j: usize, what: Msg, hint: Msg) -> NumberError {
        self.say(self.cs[j].1, what, hint)
    }

    fn wrong_order(&self, j: usize) -> NumberError {
        self.fail(j, msg!(NumWrongOrder), msg!(NumWrongOrderHint))
    }

    /// Reads digits, Chinese numerals, multipliers and in-number bounds from
    /// `start`; `None` when no number starts there.
    pub(super) fn numeral(&self, start: usize, end: usize) -> Result<Option<Numeral>, NumberError> {
        let mut r = Reading::default();
        let mut j = start;
        while j < end {
            let c = self.cs[j].0;
            let bound = AFTER.iter().find(|(w, _)| r.any && self.starts(j, end, w));
            let small = "十百千".chars().position(|x| x == c).map(|p| p as u32 + 1);
            if !r.bounds.is_empty() && bound.is_none() && !matches!(c, '万' | '亿') {
                if is_digit(c) || small.is_some() {
                    return Err(self.fail(j, msg!(NumAfterBound), msg!(NumAfterBoundHint)));
                }
                break;
            }
            if let Some(&(w, b)) = bound {
                r.bounds.push((b, self.cs[j].1));
                if matches!(w, "余" | "多") {
                    r.bound_step.get_or_insert(r.step);
                }
                j += w.chars().count();
                continue;
            }
            if is_digit(c) {
                j = self.digits(&mut r, j, end)?;
                continue;
            }
            match (small, c) {
                (Some(e), _) => self.small(&mut r, j, e)?,
                (None, '万' | '亿') => self.big(&mut r, j, c)?,
                _ => break,
            }
            (r.any, j) = (true, j + 1);
        }
        if !r.any {
            return Ok(None);
        }
        self.finish(r, j).map(Some)
    }

    /// Reads a digit or a run of Arabic digits at `j`; gives where it stops.
    fn digits(&self, r: &mut Reading, j: usize, end: usize) -> Result<usize, NumberError> {
        if r.digit.is_some() {
            return Err(self.two_numbers(self.cs[j].1));
        }
        let c = self.cs[j].0;
        let (value, next) = match cn_digit(c) {
            Some(d) => (Decimal::from(d), j + 1),
            None => self.arabic(j, end)?,
        };
        let lone = next == j + 1;
        r.decimals = if cn_digit(c).is_some() {
            0
        } else {
            value.scale()
        };
        r.step = match (cn_digit(c), r.last_unit) {
            // `一万二` is 12,000: the lone digit counts in the unit below.
            (Some(_), Some(u)) if lone => pow10(u - 1),
            _ => place(value),
        };
        if cn_digit(c) == Some(0) {
            r.after_zero = true;
        } else {
            r.digit = Some((value, lone));
        }
        r.any = true;
        Ok(next)
    }

    /// Reads 十, 百 or 千 (10^`e`) at `j`.
    fn small(&self, r: &mut Reading, j: usize, e: u32) -> Result<(), NumberError> {
        let after_big = r.last_small.is_none() && matches!(r.last_unit, Some(4 | 8));
        if r.last_small.is_some_and(|l| e >= l) || (r.digit.is_none() && after_big) {
            return Err(self.wrong_order(j));
        }
        let n = match r.digit.take() {
            Some((d, _)) => d,
            None if !r.any => Decimal::ONE,
            None => {
                return Err(self.fail(
                    j,
                    msg!(NumMultiplierNoDigit),
                    msg!(NumMultiplierNoDigitHint),
                ));
            }
        };
        r.section = self.add(r.section, self.mul(n, pow10(e))?)?;
        (r.last_small, r.last_unit, r.after_zero) = (Some(e), Some(e), false);
        (r.step, r.decimals) = (pow10(e), 0);
        Ok(())
    }

    /// Reads 万 or 亿 at `j`.
    fn big(&self, r: &mut Reading, j: usize, c: char) -> Result<(), NumberError> {
        // Something written for this multiplier to multiply: a digit
        // (`0万` is zero), a 十/百/千, or for 亿 a 万 (`1.5万亿`).
        let after_wan = c == '亿' && r.had_wan && r.digit.is_none() && r.last_small.is_none();
        let written = r.digit.is_some() || r.last_small.is_some() || (c == '亿' && r.had_wan);
        let mut group = self.add(r.section, r.digit.take().map_or(Decimal::ZERO, |d| d.0))?;
        if c == '亿' {
            group = self.add(group, r.wan)?;
        }
        if (if c == '万' { r.had_wan } else { r.had_yi }) || (!written && r.any && !r.after_zero) {
            return Err(self.wrong_order(j));
        }
        if !r.any {
            group = Decimal::ONE;
        }
        let e = if c == '万' { 4 } else { 8 };
        // `12万余` leaves the 万 digit open; `1.25万余`, the hundredths of 万;
        // `1.5万亿` multiplies what 万 left open.
        r.step = match after_wan {
            true => r.step * pow10(8),
            false => Decimal::new(1, r.decimals) * pow10(e),
        };
        if let Some(s) = r.bound_step.as_mut() {
            *s *= pow10(e);
        }
        if c == '万' {
            (r.wan, r.had_wan, r.last_unit) = (self.mul(group, pow10(4))?, true, Some(4));
        } else {
            (r.yi, r.wan, r.had_wan, r.had_yi, r.last_unit) = (
                self.mul(group, pow10(8))?,
                Decimal::ZERO,
                false,
                true,
                Some(8),
            );
        }
        (r.section, r.last_small, r.after_zero) = (Decimal::ZERO, None, false);
        Ok(())
    }

    /// The number read, stopping at `stop`.
    fn finish(&self, r: Reading, stop: usize) -> Result<Numeral, NumberError> {
        // `一万二` is 12,000 and `三百五` 350: a lone last digit counts in
        // the unit below the last one.
        let tail = match (r.digit, r.last_unit) {
            (Some((d, true)), Some(u)) if !r.after_zero => self.mul(d, pow10(u - 1))?,
            (d, _) => d.map_or(Decimal::ZERO, |d| d.0),
        };
        let value = self.add(self.add(self.add(r.yi, r.wan)?, r.section)?, tail)?;
        Ok(Numeral {
            value,
            bounds: r.bounds,
            has_multiplier: r.had_wan || r.had_yi,
            stop,
            end_step: r.step,
            bound_step: r.bound_step,
        })
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
            (Some(k), _) if bad_comma => (k, msg!(NumBadComma), msg!(NumBadCommaHint)),
            (_, Some(k)) if bad_point => (k, msg!(NumBadPoint), msg!(NumBadPointHint)),
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
