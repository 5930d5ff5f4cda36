//! Diagnostics: the one error type every stage reports to the user, and its
//! two printed forms.
//!
//! A [`Diagnostic`] names a file (relative to the site root), a 1-based line
//! and column in the *whole* file (never relative to a front-matter slice), a
//! stable code, a message and, where we know one, a hint that fixes it.
//! Stages collect all diagnostics instead of stopping at the first.
//!
//! Takes diagnostics; gives text like a compiler's (the first line is always
//! `path:line:column: error: message`, then the source line with the span
//! underlined by annotate-snippets, which counts Chinese characters as two
//! cells, then the hint) or one JSON object per diagnostic. Pure: printing is
//! the commands' business.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::messages::{Lang, Msg, code_info};

/// How serious a diagnostic is: errors fail a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// Probably a mistake, but the site still builds.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// `错误` or `警告` (`error`, `warning`).
    pub fn label(self) -> Msg {
        match self {
            Severity::Error => crate::msg!(LabelError),
            Severity::Warning => crate::msg!(LabelWarning),
        }
    }
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
    /// How many characters from `col` are underlined; 0 or 1 underline one.
    pub len: usize,
    /// Error or warning.
    pub severity: Severity,
    /// Short stable name of the kind, e.g. `frontmatter-unclosed`; its
    /// number (`E003`) is [`Diagnostic::id`].
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: Msg,
    /// How to fix it, when known.
    pub hint: Option<Msg>,
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
        message: Msg,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            col,
            len: 0,
            severity: Severity::Error,
            code,
            message,
            hint: None,
            source_line: None,
        }
    }

    /// A warning at `path:line:col`: shown, but the site still builds.
    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        code: &'static str,
        message: Msg,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, code, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Underlines `len` characters from the column (e.g. the whole offending value).
    pub fn with_len(mut self, len: usize) -> Self {
        self.len = len;
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

    /// The stable number of this kind of problem (`E012`, `W003`);
    /// `E000`/`W000` for a name missing from the table (a test prevents it).
    pub fn id(&self) -> &'static str {
        match (code_info(self.code), self.severity) {
            (Some(c), _) => c.id,
            (None, Severity::Error) => "E000",
            (None, Severity::Warning) => "W000",
        }
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file as printed: forward slashes on every system.
    pub fn file(&self) -> String {
        self.path.display().to_string().replace('\\', "/")
    }

    /// The file as printed for people: [`Diagnostic::file`] with control
    /// characters escaped (see [`shown`]).
    pub fn shown_file(&self) -> String {
        shown(&self.path)
    }

    /// The diagnostic as text for people in `lang`, coloured or not (see [`Paint`]).
    pub fn render(&self, paint: Paint, lang: Lang) -> String {
        let colour = paint == Paint::Colour;
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let (bold, sev_style) = if colour {
            let sev = match self.severity {
                Severity::Error => annotate_snippets::renderer::DEFAULT_ERROR_STYLE,
                Severity::Warning => annotate_snippets::renderer::DEFAULT_WARNING_STYLE,
            };
            (anstyle::Style::new().bold(), sev)
        } else {
            (anstyle::Style::new(), anstyle::Style::new())
        };
        // A file name or a value may hold a line break or a terminal escape:
        // printed raw, it could forge diagnostics or recolour the terminal.
        let place = if self.line > 0 {
            format!("{}:{}:{}", self.shown_file(), self.line, self.col)
        } else {
            self.shown_file()
        };
        let sev = format!("{}[{}]", self.severity.label().text(lang), self.id());
        let mut out = format!(
            "{bold}{place}:{bold:#} {sev_style}{sev}{sev_style:#}: {bold}{}{bold:#}",
            escape_controls(&self.message.text(lang))
        );
        let hint_text = self.hint.as_ref().map(|h| h.text(lang));
        let hint = hint_text.as_deref().map(escape_controls);
        let hint_word = crate::msg!(LabelHint).text(lang);
        let hint_level = Level::HELP.with_name(hint_word.as_str());
        match &self.source_line {
            Some(src) if self.line > 0 => {
                let snippet = Snippet::source(src.as_str())
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(self.span(src)));
                let mut group = Group::with_level(level).element(snippet);
                if let Some(h) = &hint {
                    group = group.element(hint_level.message(h.as_ref()));
                }
                let renderer = if colour {
                    Renderer::styled()
                } else {
                    Renderer::plain()
                };
                out.push('\n');
                out.push_str(renderer.render(&[group]).trim_end());
            }
            _ => {
                if let Some(h) = &hint {
                    let blue = if colour {
                        annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE
                    } else {
                        anstyle::Style::new()
                    };
                    out.push_str(&format!(
                        "\n  {blue}={blue:#} {bold}{hint_word}{bold:#}: {h}"
                    ));
                }
            }
        }
        out
    }

    /// Byte range of the underlined characters in `src`, clamped to the line.
    fn span(&self, src: &str) -> std::ops::Range<usize> {
        let byte_at = |chars: usize| {
            src.char_indices()
                .nth(chars)
                .map(|(i, _)| i)
                .unwrap_or(src.len())
        };
        let start = byte_at(self.col.saturating_sub(1));
        let end = byte_at(self.col.saturating_sub(1) + self.len.max(1));
        // An empty span at the end of the line still shows one caret.
        start..end.max(start)
    }

    /// The diagnostic as one line of JSON in `lang`: `file`, `line`,
    /// `column` (null for the file as a whole), `severity`, `code` (`E012`),
    /// `name` (`date-invalid`), `message`, `hint` (or null).
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            file: String,
            line: Option<usize>,
            column: Option<usize>,
            severity: &'static str,
            code: &'static str,
            name: &'a str,
            message: String,
            hint: Option<String>,
        }
        let at = |n: usize| (self.line > 0).then_some(n);
        let j = Json {
            file: self.file(),
            line: at(self.line),
            column: at(self.col),
            severity: self.severity.as_str(),
            code: self.id(),
            name: self.code,
            message: self.message.text(lang),
            hint: self.hint.as_ref().map(|h| h.text(lang)),
        };
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(&j).unwrap_or_default()
    }
}

/// Whether `c` must not be printed as it is: control characters (line
/// breaks, terminal escapes) and the invisible marks that reorder text.
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with control characters written as escapes (`\n`, `\t`,
/// `\u{1b}` …), so that whatever a file name or a value holds, a printed
/// line stays one line and cannot drive the terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unprintable(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as printed for people: with the platform's separator (`\\` on
/// Windows, where editors copy paths into Explorer; `/` elsewhere), control
/// characters escaped.
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    let text = if cfg!(windows) {
        text.replace('/', "\\")
    } else {
        text.replace('\\', "/")
    };
    escape_controls(&text).into_owned()
}

/// An error that is about no file (a bad argument, a port in use) as
/// printed: `错误: message` and, when given, `  = 提示: hint`, control
/// characters escaped (messages quote what was typed).
pub fn plain_error(message: &Msg, hint: Option<&Msg>, lang: Lang) -> String {
    plain(crate::msg!(LabelError), message, hint, lang)
}

/// A warning with no file position, formatted like [`plain_error`].
pub fn plain_warning(message: &Msg, hint: Option<&Msg>, lang: Lang) -> String {
    plain(crate::msg!(LabelWarning), message, hint, lang)
}

fn plain(label: Msg, message: &Msg, hint: Option<&Msg>, lang: Lang) -> String {
    let label = label.text(lang);
    let mut out = format!("{label}: {}", escape_controls(&message.text(lang)));
    if let Some(h) = hint {
        let word = crate::msg!(LabelHint).text(lang);
        out.push_str(&format!("\n  = {word}: {}", escape_controls(&h.text(lang))));
    }
    out
}

/// Whether printed diagnostics carry terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Plain text: pipes, files, tests and `NO_COLOR`.
    Plain,
    /// ANSI colours for a terminal.
    Colour,
}

impl Paint {
    /// Colour when standard error is a terminal and `NO_COLOR` is unset or empty.
    pub fn for_stderr() -> Paint {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if !no_color && std::io::stderr().is_terminal() {
            Paint::Colour
        } else {
            Paint::Plain
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Paint::Plain, Lang::default()))
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
    fn paths_are_shown_with_the_platform_separator() {
        let p = Path::new("content").join("bulletins").join("a.md");
        let want = if cfg!(windows) {
            "content\\bulletins\\a.md"
        } else {
            "content/bulletins/a.md"
        };
        assert_eq!(shown(&p), want);
        assert_eq!(shown(Path::new("a\u{7}b.md")), "a\\u{7}b.md");
    }
    use crate::msg;

    /// A message that is just `s`, in either language.
    fn m(s: &str) -> Msg {
        msg!(IoOther, s)
    }

    fn en(d: &Diagnostic) -> String {
        d.render(Paint::Plain, Lang::En)
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error("content/a.md", 3, 8, "metric-value", m("bad value"))
            .with_hint(m("write 7.2万元"))
            .with_source("---\ntitle: t\n参与: 7.2万人\n");
        let text = en(&d);
        assert!(
            text.starts_with("content/a.md:3:8: error[E013]: bad value\n"),
            "{text}"
        );
        let zh = d.to_string();
        assert!(
            zh.starts_with("content/a.md:3:8: 错误[E013]: bad value\n"),
            "{zh}"
        );
        assert!(zh.ends_with("= 提示: write 7.2万元"), "{zh}");
        assert_eq!(zh.lines().count(), text.lines().count());
        assert!(text.contains("3 | 参与: 7.2万人"));
        // Before column 8: two CJK characters (two cells each) and five narrow ones.
        let caret_line = text.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        assert_eq!(caret_line.find('^').unwrap(), "  | ".len() + 2 * 2 + 5);
        assert!(text.ends_with("= hint: write 7.2万元"), "{text}");
        assert!(!text.contains("\n\n"), "one block: {text}");
    }

    #[test]
    fn underlines_the_whole_span_in_display_cells() {
        let d = Diagnostic::error("a.md", 1, 5, "x", m("m"))
            .with_len(5)
            .with_source("投入: 7.2万人");
        let text = d.to_string();
        let carets = text.lines().find(|l| l.contains('^')).unwrap();
        // `7.2万人`: three narrow characters and two wide ones.
        assert_eq!(carets.matches('^').count(), 7, "{text}");
    }

    #[test]
    fn without_a_position_or_source() {
        let d = Diagnostic::warning("content/a.md", 0, 0, "date-future", m("m")).with_hint(m("h"));
        assert_eq!(en(&d), "content/a.md: warning[W002]: m\n  = hint: h");
        assert_eq!(d.to_string(), "content/a.md: 警告[W002]: m\n  = 提示: h");
        let d = Diagnostic::error("a.md", 2, 1, "yaml", m("m"));
        assert_eq!(en(&d), "a.md:2:1: error[E004]: m");
        assert_eq!(d.to_string(), "a.md:2:1: 错误[E004]: m");
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::error("a.md", 1, 1, "x", m("m"))
            .with_source("标题")
            .with_hint(m("h"));
        assert!(!d.render(Paint::Plain, Lang::Zh).contains('\x1b'));
        let c = d.render(Paint::Colour, Lang::Zh);
        assert!(c.contains('\x1b'));
        assert!(c.contains("a.md:1:1:"));
    }

    #[test]
    fn control_characters_cannot_forge_lines() {
        let d = Diagnostic::error(
            "content/a\nb.md:1:1: error: x\u{1b}[2J.md",
            1,
            1,
            "x",
            m("m\r\u{202e}"),
        )
        .with_hint(m("h\n"))
        .with_source("---");
        let text = en(&d);
        assert!(
            text.starts_with(
                "content/a\\nb.md:1:1: error: x\\u{1b}[2J.md:1:1: error[E000]: m\\r\\u{202e}\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("= hint: h\\n"), "{text}");
        assert!(!text.contains('\x1b') && !text.contains('\r'));
        let v: serde_json::Value = serde_json::from_str(&d.to_json(Lang::Zh)).unwrap();
        assert_eq!(v["file"], "content/a\nb.md:1:1: error: x\u{1b}[2J.md");
        assert_eq!(escape_controls("宜宾\t"), "宜宾\\t");
    }

    #[test]
    fn json_has_every_field() {
        let d = Diagnostic::error("content/a.md", 3, 8, "metric-value", m("坏 \"值\""))
            .with_hint(m("写 7.2万元"));
        let v: serde_json::Value = serde_json::from_str(&d.to_json(Lang::Zh)).unwrap();
        assert_eq!(v["file"], "content/a.md");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(3), Some(8))
        );
        assert_eq!(v["severity"], "error");
        assert_eq!(v["code"], "E013");
        assert_eq!(v["name"], "metric-value");
        assert_eq!(v["message"], "坏 \"值\"");
        assert_eq!(v["hint"], "写 7.2万元");
        let w = Diagnostic::warning("a.md", 0, 0, "dup", m("m")).to_json(Lang::En);
        let v: serde_json::Value = serde_json::from_str(&w).unwrap();
        assert!(v["line"].is_null() && v["column"].is_null() && v["hint"].is_null());
        assert_eq!(v["severity"], "warning");
    }
}
