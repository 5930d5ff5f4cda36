//! Templates: the theme's files (already read by discovery) → one `Tera`.
//!
//! Every syntax error in every template is reported, each naming the
//! template's file and line. Autoescaping is on for `.html` and `.xml`.

use crate::messages::{Key, Msg};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};

use tera::{ErrorKind, Tera};

use crate::content::discover::TemplateFile;
use crate::diag::Diagnostic;

/// A loaded theme: Tera plus where each template came from.
pub struct Theme {
    /// The template engine with every template added.
    pub tera: Tera,
    origins: BTreeMap<String, String>,
    /// Every template → the templates rendering it can read.
    uses: BTreeMap<String, BTreeSet<String>>,
    /// The page templates rendered by [`super::compiled`]: those whose
    /// pages read only built-in templates, unchanged.
    compiled: BTreeSet<&'static str>,
}

/// Stands for "any template": a tag that names its template by a variable.
const ANY: &str = "*";

/// The names a template's tags mention (`{% extends "base.html" %}`,
/// `{% include "partials/x.html" %}`, `{% import … %}` …): every quoted
/// string inside `{% … %}`, whether or not such a template exists yet;
/// [`ANY`] when an include, extends or import names it by a variable.
fn mentioned(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("{%") {
        let after = &rest[i + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let names_one = ["include", "extends", "import"]
            .iter()
            .any(|w| tag.starts_with(w));
        if names_one && !tag.contains(['"', '\'']) {
            out.insert(ANY.to_string());
        }
        for (k, quoted) in tag.split(['"', '\'']).enumerate() {
            if k % 2 == 1 && !quoted.is_empty() {
                out.insert(quoted.to_string());
            }
        }
        rest = &after[end..];
    }
    out
}

/// What rendering each template can read: itself, what it mentions, and so
/// on; templates that define components can be used from any template.
fn uses_of(files: &[TemplateFile]) -> BTreeMap<String, BTreeSet<String>> {
    let direct: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .map(|f| (f.name.as_str(), mentioned(&f.text)))
        .collect();
    let shared: BTreeSet<String> = (files.iter())
        .filter(|f| f.text.contains("component"))
        .map(|f| f.name.clone())
        .collect();
    let mut out = BTreeMap::new();
    for f in files {
        let mut seen: BTreeSet<String> = shared.clone();
        let mut todo = vec![f.name.clone()];
        todo.extend(shared.iter().cloned());
        while let Some(n) = todo.pop() {
            seen.insert(n.clone());
            for m in direct.get(n.as_str()).into_iter().flatten() {
                if !seen.contains(m) {
                    todo.push(m.clone());
                }
            }
        }
        if seen.contains(ANY) {
            seen = files.iter().map(|f| f.name.clone()).collect();
        }
        out.insert(f.name.clone(), seen);
    }
    out
}

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "index.html",
    "bulletin.html",
    "campaigns.html",
    "campaign.html",
    "regions.html",
    "region.html",
    "archive.html",
    "archive_year.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
    "search.html",
    "stats.html",
];

/// A Tera with jianxun's filters and functions registered.
fn engine() -> Tera {
    let mut t = Tera::new();
    super::filters::register(&mut t);
    t
}

impl Theme {
    /// Loads templates; returns every error found.
    pub fn load(files: &[TemplateFile]) -> Result<Theme, Vec<Diagnostic>> {
        let origins: BTreeMap<String, String> = files
            .iter()
            .map(|f| (f.name.clone(), f.origin.clone()))
            .collect();
        let mut diags = Vec::new();
        // Parse each on its own first so every syntax error is reported, not just the first.
        for f in files {
            let mut probe = engine();
            if let Err(e) = probe.add_raw_template(&f.name, &f.text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                diags.push(to_diagnostic(&e, &origins, &f.origin));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = engine();
        tera.autoescape_on([".html", ".xml"]);
        if let Err(e) =
            tera.add_raw_templates(files.iter().map(|f| (f.name.as_str(), f.text.as_str())))
        {
            return Err(vec![to_diagnostic(&e, &origins, "templates/")]);
        }
        for name in REQUIRED {
            if !tera.contains_template(name) {
                diags.push(
                    Diagnostic::error(
                        format!("templates/{name}"),
                        0,
                        0,
                        "template-missing",
                        msg!(TemplateMissing, name),
                    )
                    .with_hint(msg!(TemplateMissingHint)),
                );
            }
        }
        if diags.is_empty() {
            let uses = uses_of(files);
            let compiled = compiled_pages(files, &uses);
            Ok(Theme {
                tera,
                origins,
                uses,
                compiled,
            })
        } else {
            Err(diags)
        }
    }

    /// Whether pages of `template` are rendered by
    /// [`super::compiled::page`] (they read only built-in templates, as shipped).
    pub fn compiled(&self, template: &str) -> bool {
        self.compiled.contains(template)
    }

    /// This theme with every page rendered by Tera, even where
    /// [`Theme::compiled`] would not: to compare the two.
    pub fn interpreted_only(mut self) -> Theme {
        self.compiled.clear();
        self
    }

    /// The templates rendering `name` can read (itself included).
    pub fn uses(&self, name: &str) -> impl Iterator<Item = &String> {
        self.uses.get(name).into_iter().flatten()
    }

    /// Turns a Tera error into a diagnostic naming the template file and line.
    pub fn diagnostic(&self, e: &tera::Error, fallback: &str) -> Diagnostic {
        to_diagnostic(e, &self.origins, fallback)
    }
}

/// The page templates of [`super::compiled::PAGES`] whose pages read only
/// built-in templates with their text as shipped.
fn compiled_pages(
    files: &[TemplateFile],
    uses: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeSet<&'static str> {
    let builtin = crate::content::discover::default_theme_files();
    let as_shipped = |f: &TemplateFile| {
        (builtin.iter())
            .find(|(path, _)| path.strip_prefix("templates/") == Some(f.name.as_str()))
            .is_some_and(|(_, bytes)| f.text.as_bytes() == *bytes)
    };
    (super::compiled::PAGES.into_iter())
        .filter(|page| {
            // `uses` names every quoted string in a tag: only the names
            // of templates that exist count.
            let read = uses.get(*page).into_iter().flatten();
            let mut files_read = read.filter_map(|n| files.iter().find(|f| &f.name == n));
            files.iter().any(|f| f.name == *page) && files_read.all(as_shipped)
        })
        .collect()
}

fn to_diagnostic(
    e: &tera::Error,
    origins: &BTreeMap<String, String>,
    fallback: &str,
) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let origin = origins
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| r.filename().to_string());
            let span = r.span();
            let (code, message, hint) = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                (
                    "template-syntax",
                    Key::TemplateSyntax,
                    msg!(TemplateSyntaxHint),
                )
            } else {
                (
                    "template-render",
                    Key::TemplateRender,
                    msg!(TemplateRenderHint),
                )
            };
            Diagnostic::error(
                origin,
                span.start_line.max(1),
                span.start_col + 1,
                code,
                Msg::new(message).arg(r.message()),
            )
            .with_hint(hint)
        }
        _ => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                src = s.source();
            }
            Diagnostic::error(fallback, 0, 0, "template", msg!(TemplateOther, msg))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tf(name: &str, text: &str) -> TemplateFile {
        TemplateFile {
            name: name.into(),
            origin: format!("templates/{name}"),
            text: text.into(),
        }
    }

    #[test]
    fn a_template_uses_what_it_extends_and_includes() {
        let files = [
            tf(
                "base.html",
                "<main>{% block content %}{% endblock %}</main>",
            ),
            tf(
                "page.html",
                "{% extends \"base.html\" %}{% block content %}{% include \"partials/a.html\" %}{% endblock %}",
            ),
            tf(
                "partials/a.html",
                "{%- include \"partials/b.html\" ignore missing -%}",
            ),
            tf("other.html", "{{ \"base.html\" }}"),
        ];
        let uses = uses_of(&files);
        let names = |n: &str| uses[n].iter().cloned().collect::<Vec<_>>();
        assert_eq!(
            names("page.html"),
            [
                "base.html",
                "page.html",
                "partials/a.html",
                "partials/b.html"
            ]
        );
        assert_eq!(names("other.html"), ["other.html"]);
        let dynamic = [
            tf("a.html", "{% include which %}"),
            tf("b.html", "{%- extends 'base.html' -%}"),
            tf("base.html", ""),
        ];
        let uses = uses_of(&dynamic);
        assert_eq!(
            uses["a.html"].len(),
            3,
            "a variable name may be any template"
        );
        assert!(
            uses["b.html"].contains("base.html"),
            "single quotes count too"
        );
    }

    #[test]
    fn every_syntax_error_is_located() {
        let e = Theme::load(&[tf("a.html", "ok\n{% if %}\n"), tf("b.html", "{{ x \n")])
            .err()
            .unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].path.to_str(), Some("templates/a.html"));
        assert_eq!(e[0].line, 2);
        assert_eq!(e[1].path.to_str(), Some("templates/b.html"));
    }
}
