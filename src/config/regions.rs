//! Site configuration, the `regions:` section: URL slugs for place names
//! and declared places (aliases, where they lie).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Config, RegionDecl};
use crate::diag::Diagnostic;
use crate::messages::Key;
use crate::msg;
use crate::yaml::{Pos, Spanned};

/// One place under `regions:` as written: a slug (`重庆: chongqing`) or
/// a declaration (`宜宾: { slug: yibin, aliases: [宜宾市], parent: 四川 }`).
#[derive(Debug)]
pub(super) enum RawRegion {
    Slug(String),
    Full(RawRegionDecl),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegionDecl {
    slug: Option<Spanned<String>>,
    aliases: Option<Vec<Spanned<String>>>,
    parent: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawRegion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawRegion;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a slug, or { slug, aliases, parent }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawRegion, E> {
                Ok(RawRegion::Slug(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawRegion, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(map);
                RawRegionDecl::deserialize(d).map(RawRegion::Full)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The `regions:` section: every slug checked, every declaration kept; an
/// alias that is a path, or that names another declared place, is an error
/// at the alias.
pub(super) fn regions(
    path: &Path,
    text: &str,
    raw: BTreeMap<String, Spanned<RawRegion>>,
    cfg: &mut Config,
    diags: &mut Vec<Diagnostic>,
) {
    let mut claimed: BTreeMap<String, String> =
        raw.keys().map(|k| (k.clone(), k.clone())).collect();
    for (name, r) in raw {
        let at = Pos::of(&r, 1);
        let (slug, decl) = match r.value {
            RawRegion::Slug(s) => (Some((s, at)), RawRegionDecl::default()),
            RawRegion::Full(d) => (d.slug.as_ref().map(|s| (s.value.clone(), Pos::of(s, 1))), d),
        };
        if let Some((slug, p)) = slug {
            diags.extend(region_slug_problem(path, text, &name, &slug, p));
            cfg.region_slugs.insert(name.clone(), slug);
        }
        let mut aliases = Vec::new();
        for a in decl.aliases.unwrap_or_default() {
            let alias = a.value.trim().to_string();
            if alias.is_empty() || alias == name {
                continue;
            }
            let taken = claimed.insert(alias.clone(), name.clone());
            let problem = match taken {
                _ if alias.contains(['/', '／']) => Some(msg!(AliasIsPath, &alias, &name)),
                Some(other) if other != name => Some(msg!(AliasTwice, &alias, other, &name)),
                _ => None,
            };
            match problem {
                Some(message) => {
                    let p = Pos::of(&a, 1);
                    diags.push(
                        Diagnostic::error(path, p.line, p.col, "config-region-alias", message)
                            .with_hint(msg!(AliasHint))
                            .with_len(a.value.chars().count())
                            .with_source(text),
                    );
                }
                None => aliases.push(alias),
            }
        }
        let parent = decl.parent.map(|p| {
            p.value
                .split(['/', '／'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        cfg.regions.push(RegionDecl {
            name,
            aliases,
            parent: parent.unwrap_or_default(),
        });
    }
}

/// The `tags:` section: a slug for each tag it names, every slug checked.
pub(super) fn tag_slugs(
    path: &Path,
    text: &str,
    raw: BTreeMap<String, Spanned<String>>,
    cfg: &mut Config,
    diags: &mut Vec<Diagnostic>,
) {
    for (name, slug) in raw {
        match tag_slug_problem(path, text, &name, &slug.value, Pos::of(&slug, 1)) {
            Some(d) => diags.push(d),
            None => {
                cfg.tag_slugs.insert(name.trim().to_string(), slug.value);
            }
        }
    }
}

/// What is wrong with the slug `slug` given to the tag `name` (under
/// `tags:`) at `p`.
fn tag_slug_problem(path: &Path, text: &str, name: &str, slug: &str, p: Pos) -> Option<Diagnostic> {
    let error = |message, hint| {
        Some(
            Diagnostic::error(path, p.line, p.col, "config-tag-slug", message)
                .with_hint(hint)
                .with_len(slug.chars().count())
                .with_source(text),
        )
    };
    if !is_slug(slug) {
        let example = crate::content::slug::slugify(name);
        let example = if example.is_empty() {
            "gongyi-2".into()
        } else {
            format!("{example}-2")
        };
        return error(
            msg!(TagSlugNotAscii, slug, name),
            msg!(TagSlugAsciiHint, name, example),
        );
    }
    let u = crate::pathname::unfit(slug)?;
    error(
        u.message(slug, Key::SlugSubjectFor, name),
        msg!(TagSlugUnfitHint),
    )
}

/// Whether `slug`, as written in jianxun.yaml, is lowercase ASCII letters,
/// digits and hyphens (and not empty).
fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && (slug.chars()).all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// What is wrong with the slug `slug` given to the region `name` at `p`.
fn region_slug_problem(
    path: &Path,
    text: &str,
    name: &str,
    slug: &str,
    p: Pos,
) -> Option<Diagnostic> {
    if !is_slug(slug) {
        return Some(
            Diagnostic::error(
                path,
                p.line,
                p.col,
                "config-region-slug",
                msg!(RegionSlugNotAscii, slug, name),
            )
            .with_hint(msg!(RegionSlugAsciiHint))
            .with_source(text),
        );
    }
    let u = crate::pathname::unfit(slug)?;
    Some(
        Diagnostic::error(
            path,
            p.line,
            p.col,
            u.code(),
            u.message(slug, Key::SlugSubjectFor, name),
        )
        .with_hint(msg!(RegionSlugUnfitHint))
        .with_len(slug.chars().count())
        .with_source(text),
    )
}
