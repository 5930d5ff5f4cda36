//! `check --fix`: mends the mechanical slips in a content file's front
//! matter, as the file was saved (a byte-order mark and CRLF line ends kept).
//!
//! Takes the raw text of one file; gives the mended text and each changed
//! line (old and new). Only front-matter lines that hold a slip change:
//! full-width colons after keys, full-width spaces or tabs in indentation, a
//! list in full-width brackets, dates written another accepted way (only
//! when asked) and a region written another way than its canonical path.
//! Every other byte stays as it was. Pure: the command checks that the
//! result parses and writes it.

use std::collections::{BTreeMap, BTreeSet};

use crate::yaml::slips::{self, SlipKind};

/// Why a line changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// A full-width colon after a key.
    Colon,
    /// A full-width space after a key's colon.
    SpaceAfterColon,
    /// Indentation with full-width spaces.
    FullWidthIndent,
    /// Indentation with a tab.
    Tab,
    /// A list in full-width brackets.
    Brackets,
    /// A date written as `2025年3月5日` and the like.
    Date,
    /// A region written another way than its canonical path.
    Region,
}

/// One changed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 1-based line in the file.
    pub line: usize,
    /// The line as it was (without its line end).
    pub old: String,
    /// The line as it is now.
    pub new: String,
    /// Why, in order.
    pub why: Vec<Why>,
}

/// A file's text after mending, with what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mended {
    /// The whole text, line ends and byte-order mark as they were.
    pub text: String,
    /// The changed lines, in order.
    pub changes: Vec<Change>,
}

/// The front-matter lines of `raw`: their 0-based index among the file's
/// lines and their text without the line end; empty when the file has no
/// closed front matter.
fn front_lines(raw: &str) -> Vec<(usize, &str)> {
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut lines = body.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    if lines.next().is_none_or(|l| l.trim_end() != "---") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, l) in (1..).zip(lines) {
        if l.trim_end() == "---" || l.trim_end() == "..." {
            return out;
        }
        out.push((i, l));
    }
    Vec::new()
}

/// Every line of `raw`, a whole YAML file such as `jianxun.yaml`.
fn all_lines(raw: &str) -> Vec<(usize, &str)> {
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    (0..)
        .zip(body.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

/// `raw` with its front-matter line `i` (0-based) replaced by the one `f` gives for it.
fn rewrite(raw: &str, f: impl FnMut(usize, &str) -> Option<(String, Vec<Why>)>) -> Mended {
    let wanted = front_lines(raw).into_iter().map(|(i, _)| i).collect();
    rewrite_lines(raw, &wanted, f)
}

/// `raw` with each line `i` (0-based) of `wanted` replaced by the one `f` gives for it.
fn rewrite_lines(
    raw: &str,
    wanted: &BTreeSet<usize>,
    mut f: impl FnMut(usize, &str) -> Option<(String, Vec<Why>)>,
) -> Mended {
    let (bom, body) = match raw.strip_prefix('\u{feff}') {
        Some(b) => ("\u{feff}", b),
        None => ("", raw),
    };
    let mut text = String::with_capacity(raw.len() + 16);
    text.push_str(bom);
    let mut changes = Vec::new();
    for (i, piece) in body.split_inclusive('\n').enumerate() {
        let content = piece.strip_suffix('\n').unwrap_or(piece);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let end = &piece[content.len()..];
        match wanted.contains(&i).then(|| f(i, content)).flatten() {
            Some((new, why)) if new != content => {
                text.push_str(&new);
                text.push_str(end);
                changes.push(Change {
                    line: i + 1,
                    old: content.to_string(),
                    new,
                    why,
                });
            }
            _ => text.push_str(piece),
        }
    }
    Mended { text, changes }
}

/// Mends the typing slips of `raw`'s front matter and, with `dates`, writes
/// its dates in the standard form.
pub fn mend(raw: &str, dates: bool) -> Mended {
    let front = front_lines(raw);
    let typed = typing(raw, &front);
    if !dates {
        return typed;
    }
    let dated = rewrite(&typed.text, |_, line| {
        date_line(line).map(|l| (l, vec![Why::Date]))
    });
    merge(typed, dated)
}

/// Mends the typing slips of `raw`, a whole YAML file (`jianxun.yaml`).
pub fn mend_yaml(raw: &str) -> Mended {
    typing(raw, &all_lines(raw))
}

/// `raw` with the typing slips of its lines `front` (a YAML document) mended.
fn typing(raw: &str, front: &[(usize, &str)]) -> Mended {
    let yaml: Vec<&str> = front.iter().map(|(_, l)| *l).collect();
    let first = front.first().map_or(0, |(i, _)| *i);
    let mut slipped: BTreeMap<usize, Vec<Why>> = BTreeMap::new();
    for s in slips::scan(&yaml.join("\n")) {
        let why = match s.kind {
            SlipKind::Colon { .. } => Why::Colon,
            SlipKind::SpaceAfterColon { .. } => Why::SpaceAfterColon,
            SlipKind::FullWidthIndent => Why::FullWidthIndent,
            SlipKind::Tab => Why::Tab,
            SlipKind::Brackets { .. } => Why::Brackets,
        };
        slipped.entry(first + s.line - 1).or_default().push(why);
    }
    let wanted = front.iter().map(|(i, _)| *i).collect();
    rewrite_lines(raw, &wanted, |i, line| {
        let why = slipped.get(&i)?;
        slips::fix_line(line).map(|l| (l, why.clone()))
    })
}

/// `line` (`date: 2025年3月5日`) with its date in the standard form.
fn date_line(line: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    if !matches!(key, "date" | "start" | "end") {
        return None;
    }
    let (value, comment) = match value.find(" #") {
        Some(c) => value.split_at(c),
        None => (value, ""),
    };
    let new = super::date::canonical(value)?;
    let lead = &value[..value.len() - value.trim_start().len()];
    let lead = if lead.is_empty() { " " } else { lead };
    let trail = &value[value.trim_end().len()..];
    Some(format!("{key}:{lead}{new}{trail}{comment}"))
}

/// Writes the `region:` of `raw`'s front matter, written `written`, as `canonical`.
pub fn region(raw: &str, written: &str, canonical: &str) -> Mended {
    rewrite(raw, |_, line| {
        let value = line.strip_prefix("region:")?;
        let (v, comment) = match value.find(" #") {
            Some(c) => value.split_at(c),
            None => (value, ""),
        };
        (v.trim() == written).then(|| {
            let lead = &v[..v.len() - v.trim_start().len()];
            let trail = &v[v.trim_end().len()..];
            let new = format!("region:{lead}{canonical}{trail}{comment}");
            (new, vec![Why::Region])
        })
    })
}

/// `later` (made from `earlier.text`) with the changes of both, each line
/// compared with the text before `earlier`.
pub fn merge(earlier: Mended, later: Mended) -> Mended {
    let mut changes = earlier.changes;
    for c in later.changes {
        match changes.iter_mut().find(|e| e.line == c.line) {
            Some(e) => {
                e.new = c.new;
                e.why.extend(c.why);
            }
            None => changes.push(c),
        }
    }
    changes.sort_by_key(|c| c.line);
    Mended {
        text: later.text,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mends_only_the_slips_and_keeps_every_other_byte() {
        let raw = "\u{feff}---\r\ntitle：宜宾园区\r\ndate: 2025年3月5日 # 原稿\r\nmetrics:\r\n\u{3000}参与企业：411\r\n\t参与职工: 12万余\r\ntags: 【安全，宣传】\r\nsummary: |\r\n  时间：上午\r\n---\r\n正文：title：不改\r\n";
        let m = mend(raw, false);
        assert_eq!(
            m.text,
            "\u{feff}---\r\ntitle: 宜宾园区\r\ndate: 2025年3月5日 # 原稿\r\nmetrics:\r\n  参与企业: 411\r\n  参与职工: 12万余\r\ntags: [安全, 宣传]\r\nsummary: |\r\n  时间：上午\r\n---\r\n正文：title：不改\r\n"
        );
        let lines: Vec<usize> = m.changes.iter().map(|c| c.line).collect();
        assert_eq!(lines, vec![2, 5, 6, 7]);
        assert_eq!(m.changes[0].old, "title：宜宾园区");
        assert_eq!(m.changes[0].new, "title: 宜宾园区");
        assert_eq!(m.changes[1].why, vec![Why::FullWidthIndent, Why::Colon]);
        assert_eq!(
            (m.changes[2].why.clone(), m.changes[3].why.clone()),
            (vec![Why::Tab], vec![Why::Brackets])
        );
        let d = mend(raw, true);
        assert!(d.text.contains("date: 2025-03-05 # 原稿\r\n"), "{}", d.text);
        assert_eq!(d.changes.len(), 5);
        assert_eq!(d.changes[1].why, vec![Why::Date]);
    }

    #[test]
    fn a_colon_and_a_date_on_one_line_are_one_change() {
        let m = mend("---\ndate：2025.3.5\n---\n", true);
        assert_eq!(m.text, "---\ndate: 2025-03-05\n---\n");
        assert_eq!(m.changes.len(), 1);
        assert_eq!(m.changes[0].old, "date：2025.3.5");
        assert_eq!(m.changes[0].why, vec![Why::Colon, Why::Date]);
    }

    #[test]
    fn campaign_dates_and_only_top_level_keys() {
        let raw = "---\nname: 安康杯竞赛\nstart: 2025/1/1\nend: 2026年12月31日\nnotes:\n  date: 2025.3.5\n---\n";
        let m = mend(raw, true);
        assert_eq!(
            m.text,
            "---\nname: 安康杯竞赛\nstart: 2025-01-01\nend: 2026-12-31\nnotes:\n  date: 2025.3.5\n---\n"
        );
        // A date that does not exist is left for the editor.
        assert!(
            mend("---\ndate: 2025年2月30日\n---\n", true)
                .changes
                .is_empty()
        );
    }

    #[test]
    fn nothing_without_a_closed_front_matter() {
        let raw = "---\ntitle：宜宾\n正文\n";
        assert_eq!(mend(raw, true).text, raw);
        assert!(mend(raw, true).changes.is_empty());
        assert!(mend("title：宜宾\n", true).changes.is_empty());
    }

    #[test]
    fn a_whole_yaml_file() {
        let raw = "title：测试简讯\r\nmetrics:\r\n\u{3000}参与企业: { unit: 家 }\r\n";
        let m = mend_yaml(raw);
        assert_eq!(
            m.text,
            "title: 测试简讯\r\nmetrics:\r\n  参与企业: { unit: 家 }\r\n"
        );
        assert_eq!(
            m.changes.iter().map(|c| c.line).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn regions() {
        let m = region(
            "---\nregion: 四川省宜宾市  # 市\n---\n",
            "四川省宜宾市",
            "四川/宜宾",
        );
        assert_eq!(m.text, "---\nregion: 四川/宜宾  # 市\n---\n");
        assert_eq!(m.changes[0].why, vec![Why::Region]);
    }
}
