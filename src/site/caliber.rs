//! The 口径 (definition) check only `jianxun check` makes: the numbers a
//! bulletin's body states next to a metric's keywords, against the values
//! its front matter reports.
//!
//! Takes the configuration, the bulletins and the files' texts; gives
//! warnings, each at its line and column in the whole file:
//! - `metric-unreported`: the body states a number for a metric the front
//!   matter does not report (at the number in the body);
//! - `metric-mismatch`: the front matter's value and the body's number for
//!   a metric cannot both be right (at the front-matter value);
//! - `metric-caliber`: the front matter's value is what the body says of
//!   another metric or another 口径 (`走访企业` reported as `参与企业`).
//!
//! Two values agree when the amounts they allow overlap (see [`span`]). Pure.

use crate::messages::{Key, Msg};
use crate::msg;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::config::{Config, Metric};
use crate::content::bulletin::{Bulletin, MetricEntry};
use crate::content::mentions::{self, Mention};
use crate::content::number::{Bound, Quantity};
use crate::diag::Diagnostic;

/// Every 口径 warning for `bulletins`.
pub fn check(
    config: &Config,
    bulletins: &[Arc<Bulletin>],
    texts: &BTreeMap<&Path, &str>,
) -> Vec<Diagnostic> {
    if config.metrics.iter().all(|m| m.keywords.is_empty()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for b in bulletins {
        let text = texts.get(b.path.as_path()).copied().unwrap_or("");
        out.extend(bulletin(config, b, text));
    }
    out
}

/// The warnings for one bulletin whose whole file is `text`.
fn bulletin(config: &Config, b: &Bulletin, text: &str) -> Vec<Diagnostic> {
    let metrics = &config.metrics;
    let found = mentions::find(metrics, text);
    if found.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Mentions a `metric-caliber` warning already points at.
    let mut explained = Vec::new();
    for entry in &b.metrics {
        let Some(i) = metrics.iter().position(|m| m.key == entry.key) else {
            continue;
        };
        let own: Vec<&Mention> = (found.iter())
            .filter(|x| x.metric == i && !x.other)
            .collect();
        if own.iter().any(|x| agree(x.quantity, entry.quantity)) {
            continue;
        }
        let unit = &metrics[i].unit;
        let elsewhere = found.iter().position(|x| {
            let another = x.metric != i && !x.other && metrics[x.metric].unit == *unit;
            (another || (x.metric == i && x.other)) && agree(x.quantity, entry.quantity)
        });
        let say = Say { b, text, metrics };
        if let Some(k) = elsewhere {
            explained.push(k);
            out.push(say.caliber(entry, i, &found[k]));
        } else if let Some(first) = own.first() {
            out.push(say.mismatch(entry, i, first));
        }
    }
    for (i, m) in metrics.iter().enumerate() {
        if b.metrics.iter().any(|e| e.key == m.key) {
            continue;
        }
        let first = (found.iter().enumerate())
            .find(|(k, x)| x.metric == i && !x.other && !explained.contains(k));
        if let Some((_, x)) = first {
            out.push(Say { b, text, metrics }.unreported(m, x));
        }
    }
    out
}

/// The amounts a value allows: from, and up to (`None`: no upper end).
/// `余`/`多` leave one digit open (`60余` is 60 up to 70), `以上`/`超` set
/// no upper end, and an *about* value allows half its step or 10% either
/// way, whichever is wider (`约300`: 250 to 350; `约320`: 288 to 352).
fn span(q: Quantity) -> (Decimal, Option<Decimal>) {
    let v = q.value;
    match q.bound {
        Bound::Exact => (v, Some(v)),
        Bound::AtLeast if q.open || q.step.is_zero() => (v, None),
        Bound::AtLeast => (v, Some(v + q.step)),
        Bound::About => {
            let slack = (q.step / Decimal::TWO).max(v.abs() / Decimal::TEN);
            (v - slack, Some(v + slack))
        }
    }
}

/// Whether two values can both be right.
fn agree(a: Quantity, b: Quantity) -> bool {
    let ((a_lo, a_hi), (b_lo, b_hi)) = (span(a), span(b));
    a_hi.is_none_or(|h| h >= b_lo) && b_hi.is_none_or(|h| h >= a_lo)
}

/// The messages of this check, each written once.
struct Say<'a> {
    b: &'a Bulletin,
    text: &'a str,
    metrics: &'a [Metric],
}

impl Say<'_> {
    fn warning(&self, pos: (usize, usize, usize), code: &'static str, msg: Msg) -> Diagnostic {
        let (line, col, len) = pos;
        Diagnostic::warning(&self.b.path, line, col, code, msg)
            .with_len(len)
            .with_source(self.text)
    }

    /// Where the front matter writes `entry`'s value.
    fn value_at(&self, entry: &MetricEntry) -> (usize, usize, usize) {
        let len = crate::content::value_len(self.text, entry.pos, &entry.raw);
        (entry.pos.line, entry.pos.col, len)
    }

    /// The body states `x` for metric `m`, which the front matter lacks.
    fn unreported(&self, m: &Metric, x: &Mention) -> Diagnostic {
        let (key, line, quote) = (&m.key, x.line, &x.quote);
        let msg = msg!(MetricUnreported, line, quote, key);
        self.warning((x.line, x.col, x.len), "metric-unreported", msg)
            .with_hint(msg!(MetricUnreportedHint, key, &x.number))
    }

    /// The front matter's `entry` (metric `i`) and the body's `x` disagree.
    fn mismatch(&self, entry: &MetricEntry, i: usize, x: &Mention) -> Diagnostic {
        let (key, raw) = (&self.metrics[i].key, entry.raw.trim());
        let msg = msg!(MetricMismatch, key, raw, x.line, &x.quote);
        self.warning(self.value_at(entry), "metric-mismatch", msg)
            .with_hint(msg!(MetricMismatchHint))
    }

    /// The front matter's `entry` (metric `i`) is what `x` says of another 口径.
    fn caliber(&self, entry: &MetricEntry, i: usize, x: &Mention) -> Diagnostic {
        let m = &self.metrics[i];
        let (key, raw) = (&m.key, entry.raw.trim());
        let counts = match &m.definition {
            Some(d) => msg!(CaliberCounts, key, d),
            None => msg!(CaliberPlain, key),
        };
        let other = if x.other {
            x.keyword.as_str()
        } else {
            &self.metrics[x.metric].key
        };
        let msg = Msg::new(Key::MetricCaliber)
            .arg_msg(counts)
            .arg(x.line)
            .arg(other)
            .arg(&x.quote);
        let hint = if x.other {
            msg!(CaliberDeclareHint, other, &m.unit, key)
        } else {
            msg!(CaliberRenameHint, other, raw, key)
        };
        self.warning(self.value_at(entry), "metric-caliber", msg)
            .with_hint(hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value as the metric parser reads it.
    fn q(text: &str) -> Quantity {
        crate::content::number::parse(text, "", true).unwrap()
    }

    #[test]
    fn values_agree_when_what_they_allow_overlaps() {
        // (a, b, agree)
        let cases = [
            ("411", "411", true),
            ("411", "412", false),
            ("12万余", "120000", true),
            ("12万余", "125000", true),
            ("12万余", "13万", true),
            ("12万余", "13.5万", false),
            ("12万余", "119999", false),
            ("30余万", "30万余", true),
            ("30余万", "35万", true),
            ("2万以上", "50万", true),
            ("超100", "约3000", true),
            ("近30", "28", true),
            ("近30", "35", true),
            ("近30", "36", false),
            ("约300", "340", true),
            ("约300", "360", false),
            ("约320", "352", true),
            ("约320", "355", false),
            ("约100", "105余", true),
            ("约100", "160余", false),
            ("约55", "约60", true),
            ("约-10", "-10.5", true),
            ("1292", "12", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(agree(q(a), q(b)), want, "{a} {b}");
            assert_eq!(agree(q(b), q(a)), want, "{b} {a}");
        }
    }
}
