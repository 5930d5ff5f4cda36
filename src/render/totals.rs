//! Totals for templates: aggregated [`Totals`] → values tables and cards show.
//!
//! Takes one scope's totals (and a campaign's targets); gives, per metric
//! with data, its display (`12.3万余名`), exact value, bound, how many
//! bulletins reported it and, where a target exists, the progress.

use serde::Serialize;

use super::format::{format_percent, format_quantity, format_written};
use crate::content::bulletin::MetricEntry;
use crate::content::number::Bound;
use crate::site::Site;
use crate::site::aggregate::{Total, Totals, progress};

/// One metric's total as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TotalView {
    /// Metric key, e.g. `参与企业`.
    pub key: String,
    /// Display label.
    pub label: String,
    /// What the metric counts (its 口径), if declared.
    pub definition: Option<String>,
    /// Declared unit.
    pub unit: String,
    /// As bulletins write it: `1,292家`, `12.3万余名`.
    pub display: String,
    /// The exact value, e.g. `123456.5`.
    pub value: String,
    /// `exact`, `at_least` or `about`.
    pub bound: &'static str,
    /// How many bulletins reported this metric in the scope.
    pub count: usize,
    /// How the metric is combined (`sum`, `mean`, …).
    pub aggregate: &'static str,
    /// The campaign's target, displayed, if there is one.
    pub target: Option<String>,
    /// Progress toward the target in percent (`82.4`), if there is a target.
    pub progress: Option<String>,
    /// Progress displayed (`82.4%`).
    pub progress_display: Option<String>,
    /// Progress capped at 100, for bar widths.
    pub progress_bar: Option<String>,
}

/// The bound's name as used in templates and data files.
pub fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::AtLeast => "at_least",
        Bound::About => "about",
    }
}

/// The aggregate's name as written in `jianxun.yaml`.
pub fn aggregate_name(a: crate::config::Aggregate) -> &'static str {
    use crate::config::Aggregate::*;
    match a {
        Sum => "sum",
        Mean => "mean",
        Max => "max",
        Min => "min",
        Latest => "latest",
    }
}

/// Views of every metric with data in `totals`, in declaration order.
/// With `targets`, metrics that have a target are listed even without data.
pub fn views(site: &Site, totals: &Totals, targets: &[MetricEntry]) -> Vec<TotalView> {
    site.config
        .metrics
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let total = totals.get(i).copied().flatten();
            let target = targets.iter().find(|t| t.key == m.key);
            if total.is_none() && target.is_none() {
                return None;
            }
            let p = match (total, target) {
                (Some(t), Some(tg)) => progress(&t, &tg.quantity),
                (None, Some(_)) => Some(rust_decimal::Decimal::ZERO),
                _ => None,
            };
            Some(TotalView {
                key: m.key.clone(),
                label: m.label.clone(),
                definition: m.definition.clone(),
                unit: m.unit.clone(),
                display: total
                    .map(|t| display(site, i, &t))
                    .unwrap_or_else(|| "—".into()),
                value: total
                    .map(|t| t.value.normalize().to_string())
                    .unwrap_or_default(),
                bound: total.map(|t| bound_name(t.bound)).unwrap_or("exact"),
                count: total.map(|t| t.count).unwrap_or(0),
                aggregate: aggregate_name(m.aggregate),
                target: target.map(|t| format_written(&t.raw, &m.unit)),
                progress: p.map(|p| p.normalize().to_string()),
                progress_display: p.map(format_percent),
                progress_bar: p.map(|p| {
                    p.min(rust_decimal::Decimal::ONE_HUNDRED)
                        .normalize()
                        .to_string()
                }),
            })
        })
        .collect()
}

/// One cell per declared metric: the display of its total, or `—`.
pub fn cells(site: &Site, totals: Option<&Totals>) -> Vec<String> {
    site.config
        .metrics
        .iter()
        .enumerate()
        .map(
            |(i, _)| match totals.and_then(|t| t.get(i).copied().flatten()) {
                Some(t) => display(site, i, &t),
                None => "—".into(),
            },
        )
        .collect()
}
/// How the total `t` of metric `metric` is shown: as written when it is
/// one bulletin's reported value, else computed, no more precisely than its
/// parts are known.
pub fn display(site: &Site, metric: usize, t: &Total) -> String {
    let m = &site.config.metrics[metric];
    let written = (t.single)
        .and_then(|b| site.items.get(b))
        .and_then(|it| it.bulletin.metrics.iter().rev().find(|e| e.key == m.key))
        .filter(|e| e.quantity == t.quantity());
    match written {
        Some(e) => format_written(&e.raw, &m.unit),
        None => format_quantity(t.quantity(), &m.unit),
    }
}
