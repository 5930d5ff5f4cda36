//! YAML reading, kept behind one module so the crate doing it can be swapped.
//!
//! Takes YAML text embedded at some line of a user's file and gives a typed
//! value or a [`Diagnostic`] positioned in the *whole* file. We use
//! serde-saphyr rather than the archived serde_yaml: serde_yaml (and every
//! libyaml-based fork) reports line 1 column 1 for missing, unknown or
//! duplicate fields, serde-saphyr points at the offending key.

pub mod slips;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::messages::{Key, Msg};
use crate::msg;

/// A value with its position in the YAML text (see [`Pos::of`]).
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// A 1-based line and column in a user's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl Pos {
    /// Position of a spanned YAML value in the whole file, given the line the YAML started on.
    pub fn of<T>(s: &Spanned<T>, first_line: usize) -> Pos {
        Pos {
            line: s.referenced.line() as usize + first_line - 1,
            col: s.referenced.column() as usize,
        }
    }
}

/// A value at the 1-based `line` and `column` (in characters) of the YAML
/// text, as the YAML reader would have placed it.
pub fn spanned<T>(value: T, line: usize, column: usize) -> Spanned<T> {
    use serde::de::value::{Error, MapDeserializer};
    // serde-saphyr makes a location only by deserializing one.
    let fields = [("line", line as u64), ("column", column as u64)];
    let at = <serde_saphyr::Location as serde::Deserialize>::deserialize(
        MapDeserializer::<_, Error>::new(fields.into_iter()),
    )
    .unwrap_or(serde_saphyr::Location::UNKNOWN);
    Spanned::new(value, at, at)
}

/// Parses `yaml`, which starts at line `first_line` of the file `path` whose whole text is `whole`.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    whole: &str,
    yaml: &str,
    first_line: usize,
) -> Result<T, Vec<Diagnostic>> {
    parse_or(path, whole, yaml, first_line, |_| None)
}

/// [`parse`], trying `plain` first: a reader for the plainest way of
/// writing `T` that gives what the YAML reader would, or `None` for
/// anything else (then the YAML reader reads it).
pub fn parse_or<T: DeserializeOwned>(
    path: &Path,
    whole: &str,
    yaml: &str,
    first_line: usize,
    plain: impl FnOnce(&str) -> Option<T>,
) -> Result<T, Vec<Diagnostic>> {
    let slips = slips::scan(yaml);
    if !slips.is_empty() {
        return Err(slips
            .into_iter()
            .map(|s| slip_diagnostic(path, whole, first_line, s))
            .collect());
    }
    if let Some(value) = plain(yaml) {
        return Ok(value);
    }
    serde_saphyr::from_str::<T>(yaml).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let raw = e.without_snippet().to_string();
        let line = line + first_line - 1;
        let text = whole.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let (message, hint) = explain(&strip_position(&raw), key_of(text));
        let len = token_len(text, col);
        let mut d = Diagnostic::error(path, line, col, "yaml", message).with_len(len);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        vec![d.with_source(whole)]
    })
}

/// The diagnostic for one IME slip, at its place in the whole file.
fn slip_diagnostic(path: &Path, whole: &str, first_line: usize, s: slips::Slip) -> Diagnostic {
    use slips::SlipKind;
    let (code, message, hint) = match s.kind {
        SlipKind::Colon { key, fixed } => (
            "yaml-fullwidth-colon",
            msg!(SlipColon, key),
            msg!(SlipColonHint, fixed.trim()),
        ),
        SlipKind::SpaceAfterColon { key, fixed } => (
            "yaml-fullwidth-space",
            msg!(SlipSpace, key),
            msg!(SlipColonHint, fixed.trim()),
        ),
        SlipKind::FullWidthIndent => (
            "yaml-fullwidth-indent",
            msg!(SlipIndent),
            msg!(SlipIndentHint),
        ),
        SlipKind::Tab => ("yaml-tab", msg!(YamlTab), msg!(YamlTabHint)),
        SlipKind::Brackets {
            key,
            open,
            close,
            fixed,
        } => (
            "list-fullwidth-brackets",
            msg!(SlipBrackets, key, open, close),
            msg!(SlipBracketsHint, fixed.trim()),
        ),
    };
    Diagnostic::error(path, first_line + s.line - 1, s.col, code, message)
        .with_len(s.len)
        .with_hint(hint)
        .with_source(whole)
}

/// How many characters of `line` from the 1-based column `col` to underline:
/// a key up to its colon, else the value up to a comment or the line's end.
pub(crate) fn token_len(line: &str, col: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(col.saturating_sub(1)).collect();
    let mut end = rest.len();
    // A flow list or map runs to the end of the line, colons and all.
    let flow = rest.first().is_some_and(|c| *c == '[' || *c == '{');
    for (i, c) in rest.iter().enumerate() {
        if flow && *c != '#' {
            continue;
        }
        let next = rest.get(i + 1);
        let prev = i.checked_sub(1).map(|p| rest[p]);
        if *c == ':' && next.is_none_or(|n| *n == ' ') {
            end = i;
            break;
        }
        if *c == '#' && prev.is_some_and(|p| p == ' ') {
            end = i;
            break;
        }
    }
    let taken = &rest[..end];
    let trimmed = taken.len() - taken.iter().rev().take_while(|c| **c == ' ').count();
    trimmed.max(1)
}

/// serde-saphyr appends " at line N, column M" (in YAML-relative terms); we print our own.
fn strip_position(msg: &str) -> String {
    let msg = msg.trim();
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => msg[..i].to_string(),
        _ => msg.to_string(),
    }
}

/// The key written on a YAML line (`  参与企业: 411` → `参与企业`).
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty() && !key.contains([' ', '[', '{', '"', '\''])).then_some(key)
}

/// Turns the YAML reader's message into one for an editor, with a hint:
/// Rust type names and library options never reach the user.
fn explain(message: &str, key: Option<&str>) -> (Msg, Option<Msg>) {
    let k = key.unwrap_or("");
    let quoted = || match key {
        Some(k) => msg!(Quoted, k),
        None => msg!(YamlThisKey),
    };
    if message.starts_with("data did not match any variant of untagged enum") {
        let hint = match k {
            "tags" => msg!(YamlHintTags),
            "campaign" => msg!(YamlHintCampaign),
            "source" => msg!(YamlHintSource),
            _ => msg!(YamlHintSeeReadme),
        };
        (Msg::new(Key::YamlWrongForm).arg_msg(quoted()), Some(hint))
    } else if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let dup = rest.split(',').next().unwrap_or(rest).trim();
        (msg!(YamlDuplicate, dup), Some(msg!(YamlDuplicateHint)))
    } else if message == "expected mapping start" {
        let m = Msg::new(Key::YamlNeedsMap).arg_msg(quoted());
        (m, Some(msg!(YamlNeedsMapHint, k)))
    } else if message == "expected string scalar" {
        let m = Msg::new(Key::YamlNeedsText).arg_msg(quoted());
        (m, Some(msg!(YamlNeedsTextHint, k)))
    } else if message == "invalid boolean" {
        let m = Msg::new(Key::YamlNeedsBool).arg_msg(quoted());
        (m, Some(msg!(YamlNeedsBoolHint)))
    } else if message.starts_with("invalid u") || message.starts_with("invalid i") {
        let m = Msg::new(Key::YamlNeedsWhole).arg_msg(quoted());
        (m, Some(msg!(YamlNeedsWholeHint, k)))
    } else if message.contains("mapping values are not allowed") {
        (msg!(YamlColonInValue), Some(msg!(YamlColonInValueHint)))
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        (unknown_field(rest), Some(msg!(YamlUnknownFieldHint)))
    } else if message.contains("found a tab") {
        (msg!(YamlFoundTab), Some(msg!(YamlSpacesOnly)))
    } else if let Some((m, h)) = scanner(message) {
        (Msg::new(m), Some(Msg::new(h)))
    } else {
        (msg!(YamlOther, message), None)
    }
}

/// The YAML scanner's commonest complaints, in the editor's words: what
/// the message contains → the message and its hint.
fn scanner(message: &str) -> Option<(Key, Key)> {
    const TABLE: &[(&[&str], Key, Key)] = &[
        (
            &["unclosed bracket"],
            Key::YamlUnclosedBracket,
            Key::YamlUnclosedBracketHint,
        ),
        (
            &["unclosed quote"],
            Key::YamlUnclosedQuote,
            Key::YamlUnclosedQuoteHint,
        ),
        (
            &["expected ',' or ']'", "expected ',' or '}'"],
            Key::YamlListComma,
            Key::YamlListCommaHint,
        ),
        (
            &[
                "did not find expected key",
                "expected '-' indicator",
                "invalid indentation",
            ],
            Key::YamlIndent,
            Key::YamlIndentHint,
        ),
        (
            &["simple key expected ':'", "could not find expected ':'"],
            Key::YamlNoColon,
            Key::YamlNoColonHint,
        ),
        (
            &["unexpected EOF", "unexpected eof", "unexpected end of"],
            Key::YamlUnexpectedEnd,
            Key::YamlUnexpectedEndHint,
        ),
        (
            &["unknown escape character"],
            Key::YamlBadEscape,
            Key::YamlBadEscapeHint,
        ),
    ];
    (TABLE.iter())
        .find(|(needles, _, _)| needles.iter().any(|n| message.contains(n)))
        .map(|&(_, m, h)| (m, h))
}

/// `foo`, expected one of `a`, `b` (serde's words after "unknown field `").
fn unknown_field(rest: &str) -> Msg {
    let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let allowed = tail
        .strip_prefix(", expected one of ")
        .or_else(|| tail.strip_prefix(", expected "));
    match allowed {
        Some(list) => msg!(YamlUnknownFieldAllowed, field, list),
        None => msg!(YamlUnknownField, field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<String>,
        n: Option<u32>,
    }

    fn err(yaml: &str, first_line: usize) -> Diagnostic {
        let whole = format!("{}{}", "\n".repeat(first_line - 1), yaml);
        parse::<Doc>(Path::new("a.md"), &whole, yaml, first_line)
            .unwrap_err()
            .remove(0)
    }

    #[test]
    fn unknown_key_is_located_in_the_whole_file() {
        let d = err("title: a\nfoo: 1\n", 2);
        assert_eq!((d.line, d.col), (3, 1));
        assert!(
            d.message.en().starts_with("unknown field `foo`"),
            "{}",
            d.message.en()
        );
        assert_eq!(
            d.message.zh(),
            "不认识的字段 `foo`，这里可以写的字段有：title, n"
        );
        assert!(!d.message.en().contains("at line"));
    }

    #[test]
    fn wrong_type_is_located() {
        let d = err("n: abc\n", 2);
        assert_eq!((d.line, d.col), (2, 4));
    }

    #[test]
    fn messages_speak_to_editors() {
        let (m, h) = explain(
            "data did not match any variant of untagged enum OneOrMany",
            Some("tags"),
        );
        assert_eq!(m.en(), "`tags` has a value of the wrong form");
        assert_eq!(m.zh(), "`tags` 的写法不对");
        assert!(h.unwrap().zh().contains("tags: [园区"));
        let (m, _) = explain(
            "duplicate mapping key: title, set DuplicateKeyPolicy in Options if acceptable",
            None,
        );
        assert_eq!(m.en(), "the key `title` appears twice");
        assert_eq!(
            explain("invalid boolean", Some("draft")).0.en(),
            "`draft` must be true or false"
        );
        assert_eq!(
            explain("invalid u64", Some("paginate")).0.zh(),
            "`paginate` 要写整数"
        );
        assert_eq!(key_of("  参与企业: [1, 2]"), Some("参与企业"));
        assert_eq!(key_of("- a"), None);
    }

    #[test]
    fn token_lengths() {
        assert_eq!(token_len("regoin: x", 1), 6);
        assert_eq!(token_len("title: [未闭合", 8), 4);
        assert_eq!(token_len("date: 2024-13-01   # 注释", 7), 10);
        assert_eq!(token_len("url: http://a.b/", 6), 11);
        assert_eq!(token_len("", 3), 1);
        assert_eq!(token_len("tags: { 园区: 1 }  # 注", 7), 9);
    }

    #[test]
    fn the_scanners_complaints_are_told_in_an_editors_words() {
        for (raw, zh) in [
            ("unclosed bracket '['", "括号没有配对"),
            ("unclosed quote", "引号没有配对"),
            (
                "while parsing a flow sequence, expected ',' or ']'",
                "少了逗号",
            ),
            (
                "while parsing a block mapping, did not find expected key",
                "缩进",
            ),
            ("simple key expected ':'", "冒号"),
            ("unexpected EOF while parsing a flow sequence", "结束了"),
            (
                "while parsing a quoted scalar, found unknown escape character",
                "反斜杠",
            ),
        ] {
            let (m, h) = explain(raw, Some("tags"));
            assert!(m.zh().contains(zh), "{raw}: {}", m.zh());
            assert!(!m.zh().is_ascii() && h.is_some(), "{raw}");
        }
    }

    #[test]
    fn tab_indentation_is_reported_on_its_line() {
        let d = err("title: a\n\tn: 1\n", 2);
        assert_eq!((d.line, d.col, d.code), (3, 1, "yaml-tab"));
    }
}
