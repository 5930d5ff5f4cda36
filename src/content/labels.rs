//! The names of a bulletin that become URLs: its tags and the places of
//! its region path.
//!
//! Takes the names as written (with where the list or path starts in the
//! file); gives each tag with its slug, and a diagnostic at the name for
//! every name that gives no slug or one no folder can be named. Pure.

use std::path::Path;

use super::{locate, locate_next, slug};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::yaml::Pos;

/// A tag of a bulletin: the name as written and the slug of its page, so
/// the two can never be paired wrongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagEntry {
    /// As written, trimmed.
    pub name: String,
    /// URL slug, never empty.
    pub slug: String,
    /// Where it is written.
    pub pos: Pos,
    /// The source line it is on.
    pub line: String,
}

/// The tags written at `pos`, each located and given its slug; a tag with
/// no slug, or one no folder can be named, is added to `diags`.
pub(crate) fn tags_of(
    path: &Path,
    text: &str,
    pos: Pos,
    names: Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TagEntry> {
    let mut tags = Vec::new();
    let mut from = pos;
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let p = locate_next(text, from, name);
        from = Pos {
            line: p.line,
            col: p.col + name.chars().count(),
        };
        let slug = slug::slugify(name);
        let problem = match slug::unfit(&slug) {
            _ if slug.is_empty() => Some((
                "slug-empty",
                format!(
                    "the tag `{name}` gives no slug: it has no letters, digits or Chinese characters"
                ),
                "write the tag with letters, digits or Chinese characters, or remove it",
            )),
            Some(u) => Some((
                u.code(),
                u.message(&slug, &format!(" of the tag {name}")),
                "write a shorter tag, or another word",
            )),
            None => None,
        };
        if let Some((code, message, hint)) = problem {
            diags.push(
                Diagnostic::error(path, p.line, p.col, code, message)
                    .with_hint(hint)
                    .with_len(name.chars().count())
                    .with_source(text),
            );
            continue;
        }
        let line = text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
        tags.push(TagEntry {
            name: name.to_string(),
            slug,
            pos: p,
            line: line.to_string(),
        });
    }
    tags
}

/// Problems with the slugs the names of a region path get (`四川/宜宾` →
/// `sichuan/yibin`), each at the name written at or after `pos`. Slugs the
/// site gives under `regions:` are checked with the configuration.
pub(crate) fn region_slugs(
    config: &Config,
    path: &Path,
    text: &str,
    pos: Pos,
    names: &[String],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for name in names {
        let s = slug::region_slug(name, &config.region_slugs);
        if config.region_slugs.values().any(|v| *v == s) {
            continue;
        }
        let p = locate(text, pos, name);
        let (code, message) = match slug::unfit(&s) {
            _ if s.is_empty() => ("slug-empty", format!("the region {name} gets no slug")),
            Some(u) => (u.code(), u.message(&s, &format!(" of the region {name}"))),
            None => continue,
        };
        diags.push(
            Diagnostic::error(path, p.line, p.col, code, message)
                .with_hint(format!(
                    "give it a short slug under regions: in jianxun.yaml, e.g. {name}: my-region"
                ))
                .with_len(name.chars().count())
                .with_source(text),
        );
    }
    diags
}
