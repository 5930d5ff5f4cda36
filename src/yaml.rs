//! YAML reading, kept behind one module so the crate doing it can be swapped.
//!
//! Takes YAML text embedded at some line of a user's file and gives a typed
//! value or a [`Diagnostic`] positioned in the *whole* file. We use
//! serde-saphyr rather than the archived serde_yaml: serde_yaml (and every
//! libyaml-based fork) reports line 1 column 1 for missing, unknown or
//! duplicate fields, serde-saphyr points at the offending key.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;

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

/// Parses `yaml`, which starts at line `first_line` of the file `path` whose whole text is `whole`.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    whole: &str,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if let Some((i, line)) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t'))
    {
        let col = line.chars().take_while(|c| *c == ' ').count() + 1;
        return Err(Diagnostic::error(
            path,
            first_line + i,
            col,
            "yaml-tab",
            "a tab is used for indentation; YAML indents with spaces only",
        )
        .with_hint("replace the tab at the start of this line with spaces")
        .with_source(whole));
    }
    serde_saphyr::from_str::<T>(yaml).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let raw = e.without_snippet().to_string();
        let message = strip_position(&raw);
        let hint = hint_for(&message);
        let mut d = Diagnostic::error(path, line + first_line - 1, col, "yaml", message);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        d.with_source(whole)
    })
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

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some(
            "remove this key or correct its spelling; the keys allowed here are listed above"
                .into(),
        )
    } else if message.starts_with("duplicate mapping key") {
        Some("a key may appear only once; remove one of the two".into())
    } else if message.contains("found a tab") {
        Some("YAML indents with spaces only".into())
    } else if message.contains("mapping values are not allowed") {
        Some("a value containing `: ` must be quoted, e.g. title: \"…\"".into())
    } else {
        None
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
        parse::<Doc>(Path::new("a.md"), &whole, yaml, first_line).unwrap_err()
    }

    #[test]
    fn unknown_key_is_located_in_the_whole_file() {
        let d = err("title: a\nfoo: 1\n", 2);
        assert_eq!((d.line, d.col), (3, 1));
        assert!(
            d.message.starts_with("unknown field `foo`"),
            "{}",
            d.message
        );
        assert!(!d.message.contains("at line"));
    }

    #[test]
    fn wrong_type_is_located() {
        let d = err("n: abc\n", 2);
        assert_eq!((d.line, d.col), (2, 4));
    }

    #[test]
    fn tab_indentation_is_reported_on_its_line() {
        let d = err("title: a\n\tn: 1\n", 2);
        assert_eq!((d.line, d.col, d.code), (3, 1, "yaml-tab"));
    }
}
