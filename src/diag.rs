//! Diagnostics: the one error type every stage reports to the user.
//!
//! A [`Diagnostic`] names a file (relative to the site root), a 1-based line
//! and column in the *whole* file (never relative to a front-matter slice), a
//! stable code, a message and, where we know one, a hint that fixes it.
//! Stages collect all diagnostics instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// Probably a mistake, but the site still builds.
    Warning,
}

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// File the problem is in, relative to the site root.
    pub path: PathBuf,
    /// 1-based line in the whole file; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// Short stable identifier, e.g. `frontmatter-unclosed`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when known.
    pub hint: Option<String>,
    /// The offending source line, when known.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            col,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the text of line `self.line` of `source` (the whole file).
    pub fn with_source(mut self, source: &str) -> Self {
        if self.line > 0 {
            self.source_line = source
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display().to_string().replace('\\', "/");
        if self.line > 0 {
            write!(
                f,
                "{path}:{}:{}: {sev}: {}",
                self.line, self.col, self.message
            )?;
        } else {
            write!(f, "{path}: {sev}: {}", self.message)?;
        }
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string().len();
            write!(f, "\n{:gutter$} |\n{} | {src}", "", self.line)?;
            let pad: usize = src
                .chars()
                .take(self.col.saturating_sub(1))
                .map(char_width)
                .sum();
            write!(f, "\n{:gutter$} | {:pad$}^", "", "")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Display width of a character in a terminal: CJK and full-width forms take two cells.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Sorts diagnostics by file, then position, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error("content/a.md", 3, 8, "x", "bad value")
            .with_hint("write 7.2万元")
            .with_source("---\ntitle: t\n参与: 7.2万人\n");
        let text = d.to_string();
        assert!(
            text.starts_with("content/a.md:3:8: error: bad value"),
            "{text}"
        );
        assert!(text.contains("3 | 参与: 7.2万人"));
        // Before column 8: two CJK characters (two cells each) and five narrow ones.
        let caret_line = text.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        assert_eq!(caret_line.find('^').unwrap(), "  | ".len() + 2 * 2 + 5);
        assert!(text.ends_with("= hint: write 7.2万元"));
    }
}
