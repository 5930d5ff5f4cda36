//! Slips of a Chinese input method in YAML: a full-width colon after a key
//! (`title：…`), indentation typed with full-width spaces (U+3000) or tabs,
//! and a list wrapped in full-width brackets or quotes (`tags: 【安全，宣传】`).
//!
//! Takes the raw YAML lines (a front matter or `jianxun.yaml`); gives each
//! slip with its line and column, found before the YAML reader sees the text
//! (which would report them as something else, or not at all). The
//! mechanical ones also have a fix for one line ([`fix_line`]), used by
//! `check --fix`. Pure.

/// What kind of slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlipKind {
    /// `key：value`: the key and the line with `: ` put right.
    Colon {
        /// The key before the colon.
        key: String,
        /// The line as it should be written.
        fixed: String,
    },
    /// `key:　value`: a full-width space after the colon.
    SpaceAfterColon {
        /// The key before the colon.
        key: String,
        /// The line as it should be written.
        fixed: String,
    },
    /// Indentation with full-width spaces.
    FullWidthIndent,
    /// Indentation with a tab.
    Tab,
    /// A list between full-width brackets or quotes.
    Brackets {
        /// The key whose value it is.
        key: String,
        /// The opening and closing characters.
        open: char,
        /// The closing one.
        close: char,
        /// The line as it should be written.
        fixed: String,
    },
}

/// One slip at a 1-based line and column (in characters) of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// How many characters to underline.
    pub len: usize,
    /// What it is.
    pub kind: SlipKind,
}

const WIDE_SPACE: char = '\u{3000}';

/// The full-width pairs an IME types around a list.
const PAIRS: &[(char, char, bool)] = &[
    // (open, close, a list only when its items are separated)
    ('【', '】', false),
    ('［', '］', false),
    ('〔', '〕', true),
    ('“', '”', true),
    ('「', '」', true),
    ('『', '』', true),
];

/// Every slip in `yaml`, in order of lines.
pub fn scan(yaml: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    // The indentation of the last `key: value` line: more-indented lines
    // after it continue its value (`summary: 第一行` / `  注：第二行`).
    let mut plain: Option<usize> = None;
    for (i, raw) in yaml.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let indent = indent_width(line);
        // Inside a `|` or `>` block, lines are text, not YAML.
        if let Some(min) = block {
            if line.trim().is_empty() || indent > min {
                continue;
            }
            block = None;
        }
        let n = i + 1;
        let lead: String = line.chars().take_while(|c| is_blank(*c)).collect();
        if let Some(p) = lead.chars().position(|c| c == '\t') {
            let len = lead.chars().count() - p;
            out.push(slip(n, p + 1, len, SlipKind::Tab));
        } else if let Some(p) = lead.chars().position(|c| c == WIDE_SPACE) {
            let len = lead.chars().count() - p;
            out.push(slip(n, p + 1, len, SlipKind::FullWidthIndent));
        }
        let spaces = line.chars().take_while(|c| *c == ' ').count();
        let continued = plain.is_some_and(|p| spaces > p);
        if continued {
            continue;
        }
        plain = None;
        if let Some((col, key, fixed)) = colon(line) {
            out.push(slip(n, col, 1, SlipKind::Colon { key, fixed }));
        } else if let Some((col, key, fixed)) = space_after_colon(line) {
            out.push(slip(n, col, 1, SlipKind::SpaceAfterColon { key, fixed }));
        } else if let Some((col, len, kind)) = brackets(line) {
            out.push(slip(n, col, len, kind));
        }
        let value = line.split_once(": ").map(|(_, v)| v.trim());
        if value
            .is_some_and(|v| !v.is_empty() && !v.starts_with(['#', '[', '{', '|', '>', '"', '\'']))
        {
            plain = Some(spaces);
        }
        if value.is_some_and(|v| {
            let v = v.split(" #").next().unwrap_or(v).trim();
            matches!(v.chars().next(), Some('|' | '>'))
                && v.chars()
                    .skip(1)
                    .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
        }) {
            block = Some(indent);
        }
    }
    out
}

fn slip(line: usize, col: usize, len: usize, kind: SlipKind) -> Slip {
    Slip {
        line,
        col,
        len: len.max(1),
        kind,
    }
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | WIDE_SPACE)
}

/// Width of the indentation, a full-width space or a tab counting two.
fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| is_blank(*c))
        .map(|c| if c == ' ' { 1 } else { 2 })
        .sum()
}

/// `line` with its indentation in half-width spaces (a full-width space or
/// a tab becoming two), `key：` written `key: ` and a list in full-width
/// brackets written `[a, b]`; `None` when nothing changes.
pub fn fix_line(line: &str) -> Option<String> {
    let lead_len: usize = line
        .chars()
        .take_while(|c| is_blank(*c))
        .map(char::len_utf8)
        .sum();
    let (lead, rest) = line.split_at(lead_len);
    let mut fixed = String::with_capacity(line.len() + 4);
    for c in lead.chars() {
        match c {
            ' ' => fixed.push(' '),
            _ => fixed.push_str("  "),
        }
    }
    fixed.push_str(rest);
    if let Some((_, _, with_colon)) = colon(&fixed) {
        fixed = with_colon;
    } else if let Some((_, _, spaced)) = space_after_colon(&fixed) {
        fixed = spaced;
    }
    if let Some((_, _, SlipKind::Brackets { fixed: list, .. })) = brackets(&fixed) {
        fixed = list;
    }
    (fixed != line).then_some(fixed)
}

/// A key whose half-width colon is followed by a full-width space: its
/// 1-based column, the key, and the line written with `: `.
fn space_after_colon(line: &str) -> Option<(usize, String, String)> {
    let at = line.find(':')?;
    let before = &line[..at];
    let after = line[at + 1..].strip_prefix(WIDE_SPACE)?;
    let key = plausible_key(before)?;
    let col = before.chars().count() + 2;
    let after = after.trim_start_matches(WIDE_SPACE);
    Some((col, key.to_string(), format!("{before}: {after}")))
}

/// The key written before a colon at the end of `before`, if it reads as one.
fn plausible_key(before: &str) -> Option<&str> {
    if before.contains('#') {
        return None;
    }
    let key = before.trim_start_matches(is_blank);
    let key = key.strip_prefix("- ").unwrap_or(key).trim_end();
    let plausible = !key.is_empty()
        && key.chars().count() <= 30
        && !key.contains(is_blank)
        && !key.contains([
            '"', '\'', '[', ']', '{', '}', ',', '，', '、', '“', '”', '【', '】',
        ]);
    plausible.then_some(key)
}

/// A key followed by a full-width colon: its 1-based column, the key, and
/// the line written with `: `.
fn colon(line: &str) -> Option<(usize, String, String)> {
    let at = line.find('：')?;
    let before = &line[..at];
    if before.contains(':') {
        return None;
    }
    let key = plausible_key(before)?;
    let after = &line[at + '：'.len_utf8()..];
    let after = after.strip_prefix(WIDE_SPACE).unwrap_or(after);
    let sep = if after.is_empty() || after.starts_with(' ') {
        ":"
    } else {
        ": "
    };
    let col = before.chars().count() + 1;
    Some((col, key.to_string(), format!("{before}{sep}{after}")))
}

/// A value wrapped in full-width brackets or quotes that holds a list.
fn brackets(line: &str) -> Option<(usize, usize, SlipKind)> {
    let (head, value) = line.split_once(": ")?;
    let key = head.trim_start_matches(is_blank);
    let key = key.strip_prefix("- ").unwrap_or(key).trim();
    let v = value.trim();
    let open = v.chars().next()?;
    let &(_, close, needs_sep) = PAIRS.iter().find(|(o, _, _)| *o == open)?;
    let inner = v.strip_prefix(open)?.strip_suffix(close)?;
    let seps = ['，', ',', '、', '；', ';'];
    // Quotes and corner brackets also wrap titles and names: a list only
    // under a key that holds one.
    let list_key = matches!(key, "tags" | "campaign" | "keywords");
    if inner.trim().is_empty() || (needs_sep && (!list_key || !inner.contains(seps))) {
        return None;
    }
    let items: Vec<&str> = inner
        .split(seps)
        .map(|s| s.trim_matches(is_blank))
        .filter(|s| !s.is_empty())
        .collect();
    let lead = value.len() - value.trim_start().len();
    let col = head.chars().count() + 2 + value[..lead].chars().count() + 1;
    let fixed = format!("{head}: [{}]", items.join(", "));
    let kind = SlipKind::Brackets {
        key: key.to_string(),
        open,
        close,
        fixed,
    };
    Some((col, v.chars().count(), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(yaml: &str) -> Vec<(usize, usize, usize)> {
        scan(yaml).iter().map(|s| (s.line, s.col, s.len)).collect()
    }

    #[test]
    fn full_width_colons_after_keys() {
        let s = scan("title：宜宾园区安全检查\ndate: 2024-01-01\n");
        assert_eq!((s[0].line, s[0].col, s[0].len), (1, 6, 1));
        assert_eq!(
            s[0].kind,
            SlipKind::Colon {
                key: "title".into(),
                fixed: "title: 宜宾园区安全检查".into()
            }
        );
        assert_eq!(kinds("metrics:\n  参与企业：411\n"), vec![(2, 7, 1)]);
        // A colon inside a value, a comment or a sentence is no slip.
        assert!(scan("title: 会议：安全生产\n# 注：说明\nsummary: 时间 地点：宜宾\n").is_empty());
        assert!(scan("summary: |\n  时间：上午\n  地点：宜宾\ntags: [a]\n").is_empty());
        assert_eq!(
            kinds("summary: |\n  时间：上午\ndate：2024-01-01\n"),
            vec![(3, 5, 1)]
        );
    }

    #[test]
    fn a_full_width_space_after_a_colon() {
        let s = scan("title:\u{3000}宜宾\nurl: http://a\u{3000}b\n");
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].line, s[0].col, s[0].len), (1, 7, 1));
        assert_eq!(
            s[0].kind,
            SlipKind::SpaceAfterColon {
                key: "title".into(),
                fixed: "title: 宜宾".into()
            }
        );
    }

    #[test]
    fn indentation_with_full_width_spaces_and_tabs() {
        let s = scan("metrics:\n\u{3000}参与企业: 411\n");
        assert_eq!((s[0].line, s[0].col, s[0].len), (2, 1, 1));
        assert_eq!(s[0].kind, SlipKind::FullWidthIndent);
        let s = scan("metrics:\n \t参与企业: 411\n");
        assert_eq!(
            (s[0].line, s[0].col, s[0].kind.clone()),
            (2, 2, SlipKind::Tab)
        );
        assert!(scan("title: 宜宾\u{3000}园区\n").is_empty());
    }

    #[test]
    fn lists_in_full_width_brackets() {
        let s = scan("tags: 【安全，宣传】\n");
        assert_eq!((s[0].line, s[0].col, s[0].len), (1, 7, 7));
        let SlipKind::Brackets { fixed, open, .. } = &s[0].kind else {
            panic!("{s:?}")
        };
        assert_eq!((fixed.as_str(), *open), ("tags: [安全, 宣传]", '【'));
        assert_eq!(kinds("tags: ［安全、宣传］\n"), vec![(1, 7, 7)]);
        assert_eq!(kinds("tags: “安全，宣传”\n"), vec![(1, 7, 7)]);
        // A quoted title or an issue number is no list.
        assert!(
            scan("title: “安康杯”竞赛\nsource: “四川工人日报”\nissue: 〔2024〕2号\n").is_empty()
        );
        assert!(scan("title: “安全，宣传”\n").is_empty());
    }

    #[test]
    fn fixing_one_line() {
        assert_eq!(fix_line("title：宜宾").as_deref(), Some("title: 宜宾"));
        assert_eq!(fix_line("title： 宜宾").as_deref(), Some("title: 宜宾"));
        assert_eq!(fix_line("metrics：").as_deref(), Some("metrics:"));
        assert_eq!(
            fix_line("\u{3000}参与企业：411").as_deref(),
            Some("  参与企业: 411")
        );
        assert_eq!(
            fix_line("\t参与企业: 411").as_deref(),
            Some("  参与企业: 411")
        );
        assert_eq!(
            fix_line("\u{3000}tags: 【安全，宣传】").as_deref(),
            Some("  tags: [安全, 宣传]")
        );
        assert_eq!(
            fix_line("title:\u{3000}宜宾").as_deref(),
            Some("title: 宜宾")
        );
        assert_eq!(fix_line("title: 会议：安全"), None);
        assert_eq!(fix_line("  参与企业: 411"), None);
    }
}
