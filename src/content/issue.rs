//! A bulletin's place in a series: `series`, `issue` (期号), `issuer`,
//! `distribution` (报/送/发) and `printed` (印发日期) from its front matter.
//!
//! Takes the fields as written and the declared series; gives an
//! [`Issued`], or diagnostics at the field that is wrong: an unknown series
//! (with "did you mean"), an issue number that cannot be read, a
//! distribution of the wrong shape, a printed date that is not a date.
//! Pure.

use std::path::Path;

use super::Spot;
use super::date::Date;
use crate::config::series::{RawDistribution, distribution};
use crate::config::{Config, Distribution};
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{Pos, Spanned};

/// An issue number as written, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// As written, e.g. `2024年第2期`, `〔2024〕2号`: what pages show.
    pub text: String,
    /// The year it names, if it names one.
    pub year: Option<i16>,
    /// The number within the year (or within the series).
    pub number: u32,
}

/// A bulletin's series fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issued {
    /// The series' slug (resolved against `jianxun.yaml`).
    pub series: Option<String>,
    /// The issue number.
    pub issue: Option<Issue>,
    /// The issuing unit as written.
    pub issuer: Option<String>,
    /// The 报/送/发 lists as written.
    pub distribution: Option<Distribution>,
    /// The printed date (印发日期).
    pub printed: Option<Date>,
    /// Where `series:` is written (line 1 when it is not).
    pub series_at: Option<Spot>,
    /// Where `issue:` is written.
    pub issue_at: Option<Spot>,
}

impl Issued {
    /// The year the issue counts in: the one it names, else the printed
    /// date's, else `date`'s (the bulletin's).
    pub fn year(&self, date: &Date) -> i16 {
        (self.issue.as_ref().and_then(|i| i.year))
            .or(self.printed.map(|d| d.year()))
            .unwrap_or(date.year())
    }

    /// Whether `other` sits where this sits among its series' issues: the
    /// same series, issue and printed date (a change to any of them moves
    /// it on the series page).
    pub fn same_place(&self, other: &Issued) -> bool {
        let printed = |i: &Issued| i.printed.map(|d| d.timestamp());
        self.series == other.series && self.issue == other.issue && printed(self) == printed(other)
    }
}

/// The front-matter fields as written.
pub(crate) struct RawIssued<'a> {
    pub series: Option<&'a Spanned<String>>,
    pub issue: Option<&'a Spanned<String>>,
    pub issuer: Option<&'a Spanned<String>>,
    pub distribution: Option<&'a Spanned<RawDistribution>>,
    pub printed: Option<&'a Spanned<String>>,
}

/// A whole number written in digits (ASCII or full-width) or Chinese
/// numerals (`二`, `十二`, `一百零五`, `〇`).
pub fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    if s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        let d = "〇零一二三四五六七八九".chars().position(|x| x == c);
        match (d, c) {
            (Some(i), _) => cur = i.saturating_sub(1) as u32,
            (None, '两') => cur = 2,
            (None, '十' | '百' | '千') => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += cur.max(1) * unit;
                cur = 0;
            }
            _ => return None,
        }
    }
    Some(total + cur)
}

/// Reads an issue number: `2024年第2期`, `第2期`, `2期`, `〔2024〕2号`,
/// `[2024]2号`, `(2024) 2号`, a bare `2`; a trailing `（总第35期）` is
/// kept in the text and ignored.
pub fn parse_issue(text: &str) -> Option<Issue> {
    let t = text.trim();
    let mut core = t;
    // 总第35期, in brackets after the issue: a running count, not the number.
    if let Some(i) = core
        .find(['（', '('])
        .filter(|&i| core[i..].contains('总') && i > 0)
    {
        core = core[..i].trim_end();
    }
    let year_of = |y: &str| {
        number(y)
            .filter(|y| (1900..=2999).contains(y))
            .map(|y| y as i16)
    };
    // 〔2024〕2号 and its bracket variants.
    let opens = ['〔', '[', '［', '（', '(', '【'];
    let closes = ['〕', ']', '］', '）', ')', '】'];
    if let Some(rest) = core.strip_prefix(opens) {
        let end = rest.find(closes)?;
        let year = year_of(&rest[..end])?;
        let after = rest[end..].chars().skip(1).collect::<String>();
        let n = after.trim().trim_start_matches('第');
        let n = n.strip_suffix('号').or_else(|| n.strip_suffix('期'))?;
        return Some(Issue {
            text: t.to_string(),
            year: Some(year),
            number: number(n)?,
        });
    }
    let (year, rest) = match core.split_once('年') {
        Some((y, rest)) => (Some(year_of(y)?), rest),
        None => (None, core),
    };
    let rest = rest.trim();
    let n = rest.strip_prefix('第').unwrap_or(rest);
    let n = n.strip_suffix('期').or(n.strip_suffix('号')).unwrap_or(n);
    Some(Issue {
        text: t.to_string(),
        year,
        number: number(n)?,
    })
}

/// Reads a bulletin's series fields; every problem is reported.
pub(crate) fn issued(
    config: &Config,
    path: &Path,
    text: &str,
    line0: usize,
    raw: RawIssued,
) -> Result<Issued, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut out = Issued::default();
    let spot = |s: &Spanned<String>| Spot::of(text, Pos::of(s, line0), &s.value);
    if let Some(s) = raw.series.filter(|s| !s.value.trim().is_empty()) {
        match config.series_named(&s.value) {
            Some(decl) => out.series = Some(decl.slug.clone()),
            None => diags.push(unknown_series(config, path, &spot(s), &s.value)),
        }
        out.series_at = Some(spot(s));
    }
    if let Some(i) = raw.issue.filter(|s| !s.value.trim().is_empty()) {
        match parse_issue(&i.value) {
            Some(issue) => out.issue = Some(issue),
            None => diags.push(
                (spot(i).error(path, "issue-invalid", msg!(IssueInvalid, i.value.trim())))
                    .with_hint(msg!(IssueInvalidHint)),
            ),
        }
        out.issue_at = Some(spot(i));
    }
    out.issuer = (raw.issuer.map(|s| s.value.trim().to_string())).filter(|s| !s.is_empty());
    if let Some(d) = raw.distribution {
        match distribution(path, text, line0, d) {
            Ok(d) => out.distribution = Some(d),
            Err(mut e) => diags.append(&mut e),
        }
    }
    if let Some(p) = raw.printed {
        match Date::parse(&p.value) {
            Ok(d) => out.printed = Some(d),
            Err(m) => {
                let hint = super::date::mend_hint(&p.value).unwrap_or(msg!(DateHintWithTime));
                diags.push(spot(p).error(path, "date-invalid", m).with_hint(hint));
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn unknown_series(config: &Config, path: &Path, at: &Spot, written: &str) -> Diagnostic {
    let w = written.trim();
    let names = (config.series.iter()).flat_map(|s| [s.slug.as_str(), s.name.as_str()]);
    let hint = match crate::suggest::did_you_mean(w, names) {
        Some(best) => match config.series_named(best) {
            Some(d) => msg!(SeriesUnknownHint, format!("{} ({})", d.name, d.slug)),
            None => msg!(SeriesUnknownHint, best),
        },
        None => {
            let known: Vec<String> = (config.series.iter())
                .map(|s| format!("{} ({})", s.name, s.slug))
                .collect();
            msg!(SeriesNoneDeclaredHint, known.join("、"))
        }
    };
    at.error(path, "series-unknown", msg!(SeriesUnknown, w))
        .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_numbers_are_read_as_written() {
        // (written, year, number)
        let cases = [
            ("2024年第2期", Some(2024), 2),
            ("第2期", None, 2),
            ("第十二期", None, 12),
            ("2024年第一百零五期", Some(2024), 105),
            ("〔2024〕2号", Some(2024), 2),
            ("[2024]12号", Some(2024), 12),
            ("（2024）第3号", Some(2024), 3),
            ("２０２５年第３期", Some(2025), 3),
            ("2期", None, 2),
            ("7", None, 7),
            ("2024年第2期（总第35期）", Some(2024), 2),
        ];
        for (w, year, n) in cases {
            let i = parse_issue(w).unwrap_or_else(|| panic!("{w}"));
            assert_eq!((i.year, i.number, i.text.as_str()), (year, n, w), "{w}");
        }
        for bad in [
            "2024-2",
            "第期",
            "〔24〕2号",
            "〔2024〕",
            "第2册",
            "总第35期",
        ] {
            assert_eq!(parse_issue(bad), None, "{bad}");
        }
    }
}
