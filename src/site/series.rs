//! Resolve stage, series: which bulletins each declared series holds, in
//! issue order; and the warnings about issue numbers (`check`): a number
//! used twice in one series and year (W012), an issue without a series or
//! a series without an issue (W013).
//!
//! Takes the resolved items (or the parsed bulletins); gives lists of
//! positions, or diagnostics. Pure.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::Item;
use crate::config::Config;
use crate::content::bulletin::Bulletin;
use crate::diag::{Diagnostic, shown};
use crate::msg;

/// Where a bulletin goes in its series' list: newest year first, then the
/// highest number (bulletins without one last), then the newest date.
fn order(b: &Bulletin) -> (Reverse<i16>, Reverse<Option<u32>>, Reverse<i64>, String) {
    let is = &b.issued;
    (
        Reverse(is.year(&b.date)),
        Reverse(is.issue.as_ref().map(|i| i.number)),
        Reverse(b.date.timestamp()),
        b.slug.clone(),
    )
}

/// The bulletins of each series of `config` (parallel to `config.series`).
pub fn lists(config: &Config, items: &[Item]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); config.series.len()];
    for (i, it) in items.iter().enumerate() {
        let Some(slug) = &it.bulletin.issued.series else {
            continue;
        };
        if let Some(s) = config.series.iter().position(|d| &d.slug == slug) {
            out[s].push(i);
        }
    }
    for list in &mut out {
        list.sort_by_cached_key(|&i| order(&items[i].bulletin));
    }
    out
}

/// The warnings about the issue numbers of `bulletins`.
pub fn lint(config: &Config, bulletins: &[Arc<Bulletin>]) -> Vec<Diagnostic> {
    let name = |slug: &str| {
        config
            .series_named(slug)
            .map_or(slug.to_string(), |s| s.name.clone())
    };
    let mut out = Vec::new();
    let mut seen: BTreeMap<(&str, i16, u32), &Bulletin> = BTreeMap::new();
    let mut sorted: Vec<&Arc<Bulletin>> = bulletins.iter().collect();
    sorted.sort_by_key(|b| (b.date.timestamp(), b.path.clone()));
    for b in sorted {
        let is = &b.issued;
        match (&is.series, &is.issue, &is.issue_at) {
            (Some(series), Some(issue), Some(at)) => {
                let key = (series.as_str(), is.year(&b.date), issue.number);
                if let Some(first) = seen.insert(key, b) {
                    let m = msg!(
                        IssueDuplicate,
                        name(series),
                        key.1,
                        &issue.text,
                        shown(&first.path)
                    );
                    let d = at.error(&b.path, "issue-duplicate", m);
                    out.push(warning(d).with_hint(msg!(IssueDuplicateHint)));
                }
            }
            (None, Some(issue), Some(at)) if is.series_at.is_none() => {
                let d = at.error(
                    &b.path,
                    "series-incomplete",
                    msg!(IssueWithoutSeries, &issue.text),
                );
                out.push(warning(d).with_hint(msg!(IssueWithoutSeriesHint)));
            }
            (Some(series), None, None) => {
                let at = is
                    .series_at
                    .clone()
                    .unwrap_or_else(crate::content::Spot::first_line);
                let d = at.error(
                    &b.path,
                    "series-incomplete",
                    msg!(SeriesWithoutIssue, name(series)),
                );
                out.push(warning(d).with_hint(msg!(SeriesWithoutIssueHint)));
            }
            _ => {}
        }
    }
    out
}

/// `d` told as a warning.
fn warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = crate::diag::Severity::Warning;
    d
}
