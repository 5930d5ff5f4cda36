//! Site configuration, the `metrics:` section: each metric's unit, how it
//! aggregates, its label, its definition (口径) and the keywords that name
//! it in a bulletin's text.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;

use super::{Metric, RawMetric};
use crate::diag::Diagnostic;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{Pos, Spanned};

/// The declared metrics, in the order written.
pub(super) fn declared(metrics: IndexMap<String, Spanned<RawMetric>>) -> Vec<Metric> {
    let mut out = Vec::with_capacity(metrics.len());
    for (key, m) in metrics {
        let unit = m.value.unit.unwrap_or_default();
        let mut keywords: Vec<String> = Vec::new();
        for k in m.value.keywords.unwrap_or_default() {
            let k = k.value.trim().to_string();
            if !k.is_empty() && !keywords.contains(&k) {
                keywords.push(k);
            }
        }
        out.push(Metric {
            label: m.value.label.unwrap_or_else(|| key.clone()),
            key,
            unit,
            aggregate: m.value.aggregate.unwrap_or_default(),
            signed: m.value.signed.unwrap_or(false),
            definition: (m.value.definition.as_deref().map(str::trim))
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            keywords,
        });
    }
    out
}

/// Keywords that are empty, or that another metric already claims or is
/// named by: a phrase in the text must name one metric only.
pub(super) fn keyword_problems(
    path: &Path,
    text: &str,
    metrics: &IndexMap<String, Spanned<RawMetric>>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, m) in metrics {
        for k in m.value.keywords.iter().flatten() {
            let p = Pos::of(k, 1);
            let line = text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
            let quoted = line
                .chars()
                .nth(p.col.saturating_sub(1))
                .is_some_and(|c| c == '"' || c == '\'');
            let len = k.value.chars().count() + if quoted { 2 } else { 0 };
            let at = |code: &'static str, msg: Msg, hint: Msg| {
                Diagnostic::error(path, p.line, p.col, code, msg)
                    .with_len(len.max(1))
                    .with_hint(hint)
                    .with_source(text)
            };
            let word = k.value.trim();
            let named = metrics.get_key_value(word).map(|(o, _)| o.as_str());
            let other = (owner.get(word).copied())
                .or(named)
                .filter(|o| *o != key.as_str());
            if word.is_empty() {
                diags.push(at(
                    "config-keyword-empty",
                    msg!(KeywordEmpty, key),
                    msg!(KeywordEmptyHint, key),
                ));
            } else if let Some(o) = other {
                diags.push(at(
                    "config-keyword-taken",
                    msg!(KeywordTaken, word, key, o),
                    msg!(KeywordTakenHint),
                ));
            } else {
                owner.insert(word, key);
            }
        }
    }
    diags
}
