//! Plain pages: `content/pages/**.md` → [`Page`], served at `/pages/<slug>/`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::date::Date;
use super::markdown;
use super::{Spot, frontmatter, slug};
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Pos, Spanned};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: Option<String>,
    slug: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    draft: Option<bool>,
    summary: Option<String>,
}

/// A plain page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Source path relative to the site root.
    pub path: PathBuf,
    /// Slug path under `/pages/`, e.g. `about` or `help/faq`.
    pub slug: String,
    /// Where the slug comes from: the `slug:` value, else line 1 (the file name).
    pub slug_at: Spot,
    /// Title.
    pub title: String,
    /// Optional date.
    pub date: Option<Date>,
    /// Summary as plain text.
    pub summary: String,
    /// The body, parsed.
    pub content: markdown::Doc,
    /// Where the body's links lead (filled in by the resolve stage).
    pub links: markdown::Links,
    /// Whether it is a draft.
    pub draft: bool,
}

/// The page's slug path: the folders under `content/pages/`, then the file
/// name or its `slug:`; problems go to `diags`.
fn page_slug(
    path: &Path,
    text: &str,
    yaml_line: usize,
    written: Option<&Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) -> (String, Spot) {
    let under = path
        .strip_prefix("content/pages")
        .unwrap_or(path)
        .with_extension("");
    let mut parts: Vec<String> = under
        .iter()
        .map(|c| slug::slugify(&c.to_string_lossy()))
        .collect();
    let slug_at = written.map_or_else(Spot::first_line, |s| {
        Spot::of(text, Pos::of(s, yaml_line), &s.value)
    });
    let field = written.map(|_| (slug_at.pos, slug_at.len));
    if let (Some(s), Some(last)) = (written, parts.last_mut()) {
        *last = slug::slugify(&s.value);
    }
    // Folders always come from the path; the last part from `slug:` if set.
    let unfit = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| slug::unfit(p).map(|u| (u, i + 1 == parts.len())));
    let slug = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(path, 1, 1, "slug-empty", msg!(SlugFromFileName))
                .with_hint(msg!(SlugAddHint)),
        );
    } else if let Some((u, last)) = unfit {
        let d = u.at_slug(path, text, &slug, field.filter(|_| last), true);
        diags.push(if last {
            d
        } else {
            d.with_hint(msg!(PageFolderHint))
        });
    }
    (slug, slug_at)
}

/// Parses one page; `path` is relative to the site root.
pub fn parse(path: &Path, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let raw: RawPage = yaml::parse(path, text, split.yaml, split.yaml_line)?;
    let mut diags = Vec::new();
    let title = raw
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(path, 1, 1, "field-missing", msg!(PageNoTitle))
                    .with_hint(msg!(PageNoTitleHint))
                    .with_len(3)
                    .with_source(text),
            );
            String::new()
        });
    let date = raw.date.as_ref().and_then(|d| match Date::parse(&d.value) {
        Ok(v) => Some(v),
        Err(msg) => {
            let p = Pos::of(d, split.yaml_line);
            diags.push(
                Diagnostic::error(path, p.line, p.col, "date-invalid", msg)
                    .with_hint(
                        super::date::mend_hint(&d.value).unwrap_or(msg!(DateHint, "2024-03-11")),
                    )
                    .with_len(super::value_len(text, p, &d.value))
                    .with_source(text),
            );
            None
        }
    });
    let (slug, slug_at) = page_slug(path, text, split.yaml_line, raw.slug.as_ref(), &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let r = markdown::parse(split.body);
    Ok(Page {
        path: path.to_path_buf(),
        slug,
        slug_at,
        title,
        date,
        summary: raw
            .summary
            .unwrap_or_else(|| markdown::truncate_chars(&r.text, 120)),
        content: r.doc,
        links: markdown::Links::new(),
        draft: raw.draft.unwrap_or(false),
    })
}
