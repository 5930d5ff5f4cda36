//! The names of a bulletin that become URLs: its tags and the places of
//! its region path; and how a list written in one string is split.
//!
//! Takes the names as written (with where the list or path starts in the
//! file); gives each tag with its slug, and a diagnostic at the name for
//! every name that gives no slug or one no folder can be named. Lists
//! (`tags`, `campaign`, `organizer`) written `园区，隐患排查` or
//! `园区、隐患排查`, in one string or one item of a YAML list, are split
//! at the Chinese and ASCII separators. Pure.

use crate::messages::Key;
use crate::msg;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{locate, locate_next, slug};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::yaml::Pos;

/// What separates the items of a list written in one string: 、 ， ； and
/// their ASCII and half-width forms. A region path may contain none of them.
pub const LIST_SEPARATORS: &[char] = &['、', '，', '；', ',', ';', '､'];

/// The items of a list as written: each item split at [`LIST_SEPARATORS`]
/// and trimmed; empty ones dropped. `[园区，隐患排查]` → 园区, 隐患排查.
pub fn split_list(items: Vec<String>) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| i.split(LIST_SEPARATORS))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The organisers of a campaign: [`split_list`], and also at spaces, which
/// is how a list of units is usually typed (`全国总工会 应急管理部`).
pub fn split_organizers(items: Vec<String>) -> Vec<String> {
    split_list(items)
        .iter()
        .flat_map(|i| i.split(char::is_whitespace))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A value that may be written as one item or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(crate) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A campaign named in a bulletin, kept with its position for later diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRef {
    /// The slug or name as written.
    pub name: String,
    /// The list item it was split from (`安康杯竞赛、安全生产月`); the same
    /// as `name` when the item names one campaign. A campaign whose name
    /// has a separator in it is still found by the whole item.
    pub item: String,
    /// Where it is written.
    pub pos: Pos,
    /// The source line it is on.
    pub line: String,
}

/// The campaigns named by the list `items` written at `pos` of `text`:
/// each item split at [`LIST_SEPARATORS`], each name located in turn.
pub(crate) fn campaign_refs(text: &str, pos: Pos, items: Vec<String>) -> Vec<CampaignRef> {
    let mut refs = Vec::new();
    let mut from = pos;
    for item in items {
        let item = item.trim();
        for name in split_list(vec![item.to_string()]) {
            let p = locate_next(text, from, &name);
            from = Pos {
                line: p.line,
                col: p.col + name.chars().count(),
            };
            let line = text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
            refs.push(CampaignRef {
                name,
                item: item.to_string(),
                pos: p,
                line: line.to_string(),
            });
        }
    }
    refs
}

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
    (path, text): (&Path, &str),
    pos: Pos,
    names: Vec<String>,
    slugs: &BTreeMap<String, String>,
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
        // `tags:` in jianxun.yaml names the slug of a tag that reads like another.
        let slug = (slugs.get(name).cloned()).unwrap_or_else(|| slug::slugify(name));
        let problem = match slug::unfit(&slug) {
            _ if slug.is_empty() => {
                Some(("slug-empty", msg!(TagNoSlug, name), msg!(TagNoSlugHint)))
            }
            Some(u) => Some((
                u.code(),
                u.message(&slug, Key::SlugSubjectTag, name),
                msg!(TagShorterHint),
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
            _ if s.is_empty() => ("slug-empty", msg!(RegionNoSlug, name)),
            Some(u) => (u.code(), u.message(&s, Key::SlugSubjectRegion, name)),
            None => continue,
        };
        diags.push(
            Diagnostic::error(path, p.line, p.col, code, message)
                .with_hint(msg!(RegionSlugHint, name))
                .with_len(name.chars().count())
                .with_source(text),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// `items as written | split`: every separator, in one string or in an
    /// item of a flow list.
    const LISTS: &[(&[&str], &[&str])] = &[
        (&["园区", "隐患排查"], &["园区", "隐患排查"]),
        (&["园区，隐患排查"], &["园区", "隐患排查"]),
        (&["园区、隐患排查"], &["园区", "隐患排查"]),
        (&["园区；隐患排查"], &["园区", "隐患排查"]),
        (&["园区,隐患排查"], &["园区", "隐患排查"]),
        (&["园区; 隐患排查"], &["园区", "隐患排查"]),
        (&["园区､隐患排查"], &["园区", "隐患排查"]),
        (
            &["园区，", "、隐患排查", "职业 健康"],
            &["园区", "隐患排查", "职业 健康"],
        ),
        (&["，", " "], &[]),
    ];

    #[test]
    fn lists_are_split_at_every_separator() {
        for (items, want) in LISTS {
            assert_eq!(split_list(v(items)), v(want), "{items:?}");
        }
    }

    #[test]
    fn organizers_are_split_at_spaces_too() {
        let got = split_organizers(v(&["全国总工会 应急管理部\u{3000}国家卫生健康委"]));
        assert_eq!(got, v(&["全国总工会", "应急管理部", "国家卫生健康委"]));
        let got = split_organizers(v(&["营口市总工会、营口市安委会办公室", "共青团中央"]));
        assert_eq!(
            got,
            v(&["营口市总工会", "营口市安委会办公室", "共青团中央"])
        );
    }
}
