//! Front matter written the plain way, read without the YAML reader.
//!
//! Almost every bulletin's front matter is a handful of `key: value`
//! lines, a list or two (`[…]` or `- ` lines), the metrics indented under
//! `metrics:` and perhaps a comment line. Reading those through the YAML
//! reader was 8% of the CPU of building a 10,000-bulletin site (in
//! `perf`). [`read`] reads exactly that shape and gives what the YAML
//! reader gives for it, positions included; for anything else — quotes,
//! a comment after a value, nested lists, values over several lines, a
//! repeated key, a value YAML would read as a number, a boolean or
//! nothing — it gives `None`, and the YAML reader reads the text as
//! before, with its own error messages. The property test below holds
//! the two readers to the same result.

use indexmap::IndexMap;

use super::{OneOrMany, RawBulletin, RawSource};
use crate::yaml::{Spanned, spanned};

/// The bulletin's fields, when `yaml` is written the plain way.
pub(super) fn read(yaml: &str) -> Option<RawBulletin> {
    if yaml.chars().any(unusual) {
        return None;
    }
    let mut raw = RawBulletin::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut lines = yaml.split('\n').enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        if blank(line) {
            continue;
        }
        let (key, value, col) = entry(line)?;
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let at = |v: &str| spanned(v.to_string(), i + 1, col);
        match key {
            "metrics" | "campaign" | "tags" if value.is_empty() => {
                let mut block = Vec::new();
                while let Some((j, next)) = lines.next_if(|(_, l)| blank(l) || l.starts_with(' ')) {
                    if !blank(next) {
                        block.push((j + 1, next));
                    }
                }
                match key {
                    "metrics" => raw.metrics = Some(metrics(&block)?),
                    "campaign" => raw.campaign = Some(list(&block)?),
                    _ => raw.tags = Some(list(&block)?),
                }
            }
            _ if value.is_empty() => return None,
            "title" => raw.title = Some(at(plain(value)?)),
            "date" => raw.date = Some(at(plain(value)?)),
            "region" => raw.region = Some(at(plain(value)?)),
            "slug" => raw.slug = Some(at(plain(value)?)),
            "status" => raw.status = Some(at(plain(value)?)),
            "series" => raw.series = Some(at(plain(value)?)),
            "issuer" => raw.issuer = Some(at(plain(value)?)),
            "printed" => raw.printed = Some(at(plain(value)?)),
            "summary" => raw.summary = Some(plain(value)?.to_string()),
            "source" => raw.source = Some(RawSource::Publisher(text(value)?.to_string())),
            "draft" => raw.draft = Some(boolean(value)?),
            "campaign" => raw.campaign = Some(one_or_many(value, i + 1, col)?),
            "tags" => raw.tags = Some(one_or_many(value, i + 1, col)?),
            // `issue`, `distribution` and any key a bulletin does not have.
            _ => return None,
        }
    }
    Some(raw)
}

/// The metrics block: every line indented alike, each `key: value`.
fn metrics(block: &[(usize, &str)]) -> Option<IndexMap<Spanned<String>, Spanned<String>>> {
    let (indent, lines) = unindent(block)?;
    let mut map = IndexMap::with_capacity(lines.len());
    let mut keys: Vec<&str> = Vec::with_capacity(lines.len());
    for (n, rest) in lines {
        let (key, value, col) = entry(rest)?;
        if keys.contains(&key) {
            return None;
        }
        keys.push(key);
        let value = spanned(plain(value)?.to_string(), n, indent + col);
        map.insert(spanned(text(key)?.to_string(), n, indent + 1), value);
    }
    Some(map)
}

/// A block list under `campaign:` or `tags:`: every line indented alike,
/// each `- item`.
fn list(block: &[(usize, &str)]) -> Option<Spanned<OneOrMany>> {
    let (indent, lines) = unindent(block)?;
    let first = lines.first()?.0;
    let items = (lines.into_iter())
        .map(|(_, rest)| text(rest.strip_prefix("- ")?.trim_matches(' ')).map(str::to_string))
        .collect::<Option<Vec<String>>>()?;
    Some(spanned(OneOrMany::Many(items), first, indent + 1))
}

/// The lines of a block with the indent they share cut off, and that
/// indent; `None` when a line is indented otherwise.
fn unindent<'a>(block: &[(usize, &'a str)]) -> Option<(usize, Vec<(usize, &'a str)>)> {
    let first = block.first()?.1;
    let indent = first.len() - first.trim_start_matches(' ').len();
    let lines = (block.iter())
        .map(|&(n, line)| {
            let rest = line.get(indent..)?;
            let same = line[..indent].bytes().all(|b| b == b' ') && !rest.starts_with(' ');
            same.then_some((n, rest))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((indent, lines))
}

/// `key: value` → the key, the value without the spaces around it (empty
/// when there is none) and the value's 1-based column in characters.
fn entry(line: &str) -> Option<(&str, &str, usize)> {
    let colon = line.find(':')?;
    let (key, rest) = (&line[..colon], &line[colon + 1..]);
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let key = text(key)?;
    let value = rest.trim_start_matches(' ');
    let col = line[..line.len() - value.len()].chars().count() + 1;
    Some((key, value.trim_end_matches(' '), col))
}

/// `campaign:` or `tags:`: one value, or a flow list on the same line.
fn one_or_many(value: &str, line: usize, col: usize) -> Option<Spanned<OneOrMany>> {
    let Some(inner) = value.strip_prefix('[') else {
        return Some(spanned(OneOrMany::One(text(value)?.to_string()), line, col));
    };
    let inner = inner.strip_suffix(']')?.trim_matches(' ');
    let items = if inner.is_empty() {
        Vec::new()
    } else {
        (inner.split(','))
            .map(|item| {
                let item = text(item.trim_matches(' '))?;
                let flow_safe = !item.contains([',', '[', ']', '{', '}', ':']);
                flow_safe.then(|| item.to_string())
            })
            .collect::<Option<Vec<String>>>()?
    };
    Some(spanned(OneOrMany::Many(items), line, col))
}

/// A plain scalar that YAML reads as text whatever the target: not a
/// number, a boolean or nothing.
fn text(s: &str) -> Option<&str> {
    let s = plain(s)?;
    let numberish = s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    let word = ["true", "false", "yes", "no", "on", "off", "y", "n"];
    (!numberish && !word.iter().any(|w| s.eq_ignore_ascii_case(w))).then_some(s)
}

/// `s` when it is a plain scalar read as written: it starts with no YAML
/// indicator, holds no comment, no `: ` and no tab, does not end in a
/// colon, and is not one of YAML's ways of writing nothing.
fn plain(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let null = ["~", "null", "Null", "NULL"].contains(&s);
    let odd = s.contains(": ") || s.contains(" #") || s.ends_with([':', ' ']) || s.contains('\t');
    (!indicator && !null && !odd).then_some(s)
}

/// `true` or `false`, as the YAML reader reads them into a boolean.
fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A line YAML skips: spaces only, or a comment (what `jianxun new`
/// writes for `source:`).
fn blank(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// A character the plain reader leaves to the YAML reader: control
/// characters (tabs, carriage returns), line breaks other than `\n`, a
/// byte-order mark and the non-characters YAML refuses.
fn unusual(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests;
