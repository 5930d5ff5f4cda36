//! Dates as bulletins write them: `2024-03-11`, `2024-03-11 09:30`,
//! `2024-03-11T09:30:00+08:00`, and the way Chinese editors type them:
//! `2024年3月11日`, `2024.3.11`, `2024/3/11`, `2024-3-11` (with an optional
//! time after). Without an offset, China time (+08:00).

use crate::messages::Msg;
use crate::msg;
use jiff::civil::{DateTime, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;

/// The default offset of dates written without one.
pub const CHINA: Offset = Offset::constant(8);

/// A bulletin's date: a civil date-time at a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The local date and time as written (midnight when no time was given).
    pub local: DateTime,
    /// The offset it was written in.
    pub offset: Offset,
    /// Whether a time of day was written.
    pub has_time: bool,
}

/// The date part of `t` written `2025年3月5日`, `2025.3.5`, `2025/3/5` or
/// `2025-3-5`, in the ISO form `2025-03-05`, with what follows it (a time)
/// kept; `None` when the date is not written in one of these ways.
fn iso(t: &str) -> Option<String> {
    let end = t.find([' ', 'T', '\u{3000}']).unwrap_or(t.len());
    let (date, rest) = t.split_at(end);
    let date = date.strip_suffix('日').unwrap_or(date);
    let mut numbers: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in date.char_indices() {
        if !c.is_ascii_digit() {
            numbers.push(&date[start..i]);
            seps.push(c);
            start = i + c.len_utf8();
        }
    }
    numbers.push(&date[start..]);
    let seps_ok = match seps.as_slice() {
        ['年', '月'] => true,
        [a, b] => a == b && matches!(a, '.' | '/' | '-'),
        _ => false,
    };
    let lens_ok = numbers.len() == 3
        && numbers[0].len() == 4
        && numbers[1..].iter().all(|n| (1..=2).contains(&n.len()));
    if !seps_ok || !lens_ok {
        return None;
    }
    let (m, d): (u8, u8) = (numbers[1].parse().ok()?, numbers[2].parse().ok()?);
    // A one-digit hour after a space (`9:05`) gets its leading zero.
    let time = rest.trim_start_matches([' ', '\u{3000}']);
    let rest = match time.as_bytes() {
        [h, b':', ..] if h.is_ascii_digit() => format!(" 0{time}"),
        _ if time.is_empty() => String::new(),
        _ if rest.starts_with('T') => rest.to_string(),
        _ => format!(" {time}"),
    };
    Some(format!("{}-{m:02}-{d:02}{rest}", numbers[0]))
}

/// Why a date written as `YYYY-MM-DD…` cannot exist, in the editor's terms.
fn impossible(t: &str) -> Option<Msg> {
    let mut parts = t.get(..10)?.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: i8 = parts.next()?.parse().ok()?;
    let d: i8 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) {
        return Some(msg!(DateNoMonth, m));
    }
    let days = jiff::civil::Date::new(y, m, 1).ok()?.days_in_month();
    (d < 1 || d > days).then(|| msg!(DateDaysInMonth, y, m, days))
}

/// `text` in the standard form (`2025-03-05`, a time kept after a space)
/// when it is a real date written another accepted way (`2025年3月5日`,
/// `2025.3.5`, `2025/3/5`, `2025-3-5`); `None` when it is already standard
/// or not a date.
pub fn canonical(text: &str) -> Option<String> {
    let t = text.trim();
    let c = iso(t)?;
    (c != t && Date::parse(&c).is_ok()).then_some(c)
}

/// How to mend a date that does not exist: the nearest real day, written
/// the way `text` was (`2024-02-30` → `2024-02-29`, `2023年2月29日` →
/// `2023年2月28日`), or that the month is wrong; `None` when it is not a
/// date of a month that could exist.
pub fn mend_hint(text: &str) -> Option<Msg> {
    let t = text.trim();
    let canonical = iso(t);
    let t_iso = canonical.as_deref().unwrap_or(t);
    let mut parts = t_iso.get(..10)?.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: i8 = parts.next()?.parse().ok()?;
    let d: i8 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) {
        return Some(msg!(DateMonthHint));
    }
    let days = jiff::civil::Date::new(y, m, 1).ok()?.days_in_month();
    if (1..=days).contains(&d) {
        return None;
    }
    let day = d.clamp(1, days);
    // The third run of digits is the day, in every accepted form.
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let r = runs.get(2)?.clone();
    let written = if r.len() == 2 {
        format!("{day:02}")
    } else {
        day.to_string()
    };
    Some(msg!(
        DateNearestHint,
        format!("{}{written}{}", &t[..r.start], &t[r.end..])
    ))
}

impl Date {
    /// Parses a date or date-time; the error says what was expected.
    pub fn parse(text: &str) -> Result<Date, Msg> {
        let t = text.trim();
        let canonical = iso(t);
        let t_iso = canonical.as_deref().unwrap_or(t);
        let pieces = Pieces::parse(t_iso).map_err(|e| {
            if let Some(why) = impossible(t_iso) {
                return msg!(DateNotRealBecause, t).arg_msg(why);
            }
            let e = e.to_string();
            if e.contains("month") || e.contains("day") || e.contains("year") {
                msg!(DateNotReal, t)
            } else {
                msg!(DateBadForm, t)
            }
        })?;
        let time = pieces.time();
        let offset = pieces.to_numeric_offset().unwrap_or(CHINA);
        Ok(Date {
            local: pieces.date().to_datetime(time.unwrap_or(Time::midnight())),
            offset,
            has_time: time.is_some(),
        })
    }

    /// Seconds since the epoch, for sorting.
    pub fn timestamp(&self) -> i64 {
        self.offset
            .to_timestamp(self.local)
            .map(|t| t.as_second())
            .unwrap_or(0)
    }

    /// `2024-03-11`.
    pub fn ymd(&self) -> String {
        self.local.date().to_string()
    }

    /// `2024年3月11日`.
    pub fn zh(&self) -> String {
        let d = self.local.date();
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }

    /// RFC 3339, e.g. `2024-03-11T00:00:00+08:00`.
    pub fn rfc3339(&self) -> String {
        let o = self.offset.seconds();
        let sign = if o < 0 { '-' } else { '+' };
        let o = o.abs();
        format!(
            "{}{sign}{:02}:{:02}",
            self.local.strftime("%Y-%m-%dT%H:%M:%S"),
            o / 3600,
            o % 3600 / 60
        )
    }

    /// Year.
    pub fn year(&self) -> i16 {
        self.local.year()
    }

    /// Month, 1–12.
    pub fn month(&self) -> i8 {
        self.local.month()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_real_day_in_the_form_written() {
        let hint = |t: &str| mend_hint(t).map(|m| m.zh());
        let near = |d: &str| Some(format!("改成最接近的真实日期：{d}"));
        assert_eq!(hint("2024-02-30"), near("2024-02-29"));
        assert_eq!(hint("2023-02-29"), near("2023-02-28"));
        assert_eq!(hint("2025-04-31"), near("2025-04-30"));
        assert_eq!(hint("2023年2月29日"), near("2023年2月28日"));
        assert_eq!(hint("2025.4.31"), near("2025.4.30"));
        assert_eq!(hint("2025/4/31 09:30"), near("2025/4/30 09:30"));
        assert_eq!(hint("2025-4-0"), near("2025-4-1"));
        assert_eq!(hint("2025-01-32"), near("2025-01-31"));
        assert!(hint("2025-13-05").unwrap().contains("月份"));
        assert!(hint("2025年13月5日").unwrap().contains("月份"));
        assert_eq!(hint("2024-02-29"), None);
        assert_eq!(hint("昨天"), None);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("2025年3月5日").as_deref(), Some("2025-03-05"));
        assert_eq!(
            canonical("2025.3.5 9:30").as_deref(),
            Some("2025-03-05 09:30")
        );
        assert_eq!(canonical("2025/03/05").as_deref(), Some("2025-03-05"));
        assert_eq!(canonical("2025-03-05"), None);
        assert_eq!(canonical("2025-03-05 09:30"), None);
        assert_eq!(canonical("2025年2月30日"), None);
    }

    #[test]
    fn forms() {
        let d = Date::parse("2024-03-11").unwrap();
        assert_eq!(
            (d.ymd(), d.zh(), d.has_time),
            ("2024-03-11".into(), "2024年3月11日".into(), false)
        );
        assert_eq!(d.rfc3339(), "2024-03-11T00:00:00+08:00");
        let d = Date::parse("2024-03-11 09:30").unwrap();
        assert_eq!(d.rfc3339(), "2024-03-11T09:30:00+08:00");
        let d = Date::parse("2024-03-11T09:30:00+01:00").unwrap();
        assert_eq!(d.rfc3339(), "2024-03-11T09:30:00+01:00");
        assert!(Date::parse("2024-03-11T09:30:00Z").is_ok());
    }

    #[test]
    fn dates_as_chinese_editors_type_them() {
        for (written, ymd, rfc) in [
            ("2025年3月5日", "2025-03-05", "2025-03-05T00:00:00+08:00"),
            ("2025年03月05日", "2025-03-05", "2025-03-05T00:00:00+08:00"),
            ("2025.3.5", "2025-03-05", "2025-03-05T00:00:00+08:00"),
            ("2025/3/5", "2025-03-05", "2025-03-05T00:00:00+08:00"),
            ("2025-3-5", "2025-03-05", "2025-03-05T00:00:00+08:00"),
            (
                "2025年3月5日 14:30",
                "2025-03-05",
                "2025-03-05T14:30:00+08:00",
            ),
            ("2025/3/5 9:05", "2025-03-05", "2025-03-05T09:05:00+08:00"),
        ] {
            let d = Date::parse(written).unwrap_or_else(|e| panic!("{written}: {}", e.en()));
            assert_eq!(
                (d.ymd(), d.rfc3339()),
                (ymd.to_string(), rfc.to_string()),
                "{written}"
            );
        }
        assert_eq!(
            Date::parse("2023年2月29日").unwrap_err().zh(),
            "日期 `2023年2月29日` 不存在：2023年2月只有 28 天"
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        for bad in [
            "2024-13-01",
            "2024-02-30",
            "昨天",
            "",
            "2024/03-11",
            "24/3/11",
            "2024年3月",
            "2024.3.11.5",
            "2024年13月1日",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Date::parse("2024-13-01")
                .unwrap_err()
                .en()
                .contains("not a real date")
        );
        assert_eq!(
            Date::parse("2024-13-01").unwrap_err().zh(),
            "日期 `2024-13-01` 不存在：没有 13 月，月份只能是 1 到 12"
        );
        assert_eq!(
            Date::parse("2023-02-29").unwrap_err().zh(),
            "日期 `2023-02-29` 不存在：2023年2月只有 28 天"
        );
    }

    #[test]
    fn ordering_uses_the_offset() {
        let a = Date::parse("2024-03-11T09:00:00+08:00").unwrap();
        let b = Date::parse("2024-03-11T02:00:00+00:00").unwrap();
        assert!(a.timestamp() < b.timestamp());
    }
}
