//! Front matter: splits a Markdown file into its YAML header and its body.
//!
//! Takes the file's normalised text (no BOM, `\n` line ends); gives the YAML
//! slice and the line it starts on, so YAML errors point into the whole file.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::msg;

/// A file split at its `---` fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Strips a UTF-8 byte-order mark and turns CRLF and lone CR line ends into LF.
pub fn normalise(text: &str) -> String {
    normalise_owned(text.to_string())
}

/// [`normalise`] of a text already owned: copied only when something in
/// it changes (most files have neither a byte-order mark nor `\r`).
pub fn normalise_owned(text: String) -> String {
    let bom = text.starts_with('\u{feff}');
    if !bom && !text.contains('\r') {
        return text;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (already [`normalise`]d) into front matter and body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let example = msg!(FmExample);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, 1, 1, "file-empty", msg!(FileEmpty)).with_hint(example));
    }
    let first = text.lines().next().unwrap_or("");
    if !is_fence(first) {
        return Err(
            Diagnostic::error(path, 1, 1, "frontmatter-missing", msg!(FmMissing))
                .with_hint(example)
                .with_source(text),
        );
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if is_fence(content) || content.trim_end() == "..." {
            let yaml = &text[yaml_start.min(text.len())..offset];
            let body_start = (offset + line.len()).min(text.len());
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(path, 1, 1, "frontmatter-unclosed", msg!(FmUnclosed))
            .with_hint(msg!(FmUnclosedHint))
            .with_source(text),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Result<Split<'_>, Diagnostic> {
        split(Path::new("a.md"), text)
    }

    #[test]
    fn splits_yaml_and_body_with_lines() {
        let t = "---\ntitle: a\ndate: 2024-01-01\n---\n正文\n";
        let sp = s(t).unwrap();
        assert_eq!(sp.yaml, "title: a\ndate: 2024-01-01\n");
        assert_eq!(sp.yaml_line, 2);
        assert_eq!(sp.body, "正文\n");
        assert_eq!(sp.body_line, 5);
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let t = normalise("\u{feff}---\r\ntitle: a\r\n---\r\nbody\r\n");
        let sp = s(&t).unwrap();
        assert_eq!(sp.yaml, "title: a\n");
        assert_eq!(sp.body, "body\n");
    }

    #[test]
    fn empty_body_and_no_trailing_newline() {
        let sp = s("---\ntitle: a\n---").unwrap();
        assert_eq!(sp.body, "");
        let sp = s("---\n---\n").unwrap();
        assert_eq!(sp.yaml, "");
    }

    #[test]
    fn errors() {
        assert_eq!(s("").unwrap_err().code, "file-empty");
        assert_eq!(s("  \n").unwrap_err().code, "file-empty");
        assert_eq!(s("title: a\n").unwrap_err().code, "frontmatter-missing");
        let e = s("---\ntitle: a\n正文\n").unwrap_err();
        assert_eq!((e.code, e.line, e.col), ("frontmatter-unclosed", 1, 1));
    }
}
