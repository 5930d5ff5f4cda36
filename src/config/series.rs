//! Site configuration, the `series:` section: the bulletin series (简讯
//! titles such as 安全生产工作简讯) that bulletins may belong to; and the
//! 报/送/发 distribution block, read the same way here and in a bulletin's
//! front matter.
//!
//! Takes the section as written; gives a [`SeriesDecl`] per series, or
//! diagnostics at the slug, the name or the distribution that is wrong.

use std::fmt;
use std::path::Path;

use indexmap::IndexMap;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::content::labels::split_list;
use crate::diag::Diagnostic;
use crate::messages::{Key, Msg};
use crate::msg;
use crate::yaml::{Pos, Spanned};

/// A bulletin series declared in `jianxun.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesDecl {
    /// URL slug, e.g. `anquan-jianxun`.
    pub slug: String,
    /// The title printed on the masthead, e.g. 安全生产工作简讯.
    pub name: String,
    /// The issuing unit when a bulletin names none.
    pub issuer: Option<String>,
    /// The 报/送/发 lists when a bulletin gives none.
    pub distribution: Distribution,
}

/// Who a printed 简讯 goes to: 报 (up), 送 (across), 发 (down).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Distribution {
    /// 报：superiors.
    pub bao: Vec<String>,
    /// 送：units at the same level.
    pub song: Vec<String>,
    /// 发：units below.
    pub fa: Vec<String>,
}

impl Distribution {
    /// Whether no list has a name.
    pub fn is_empty(&self) -> bool {
        self.bao.is_empty() && self.song.is_empty() && self.fa.is_empty()
    }

    /// The lists that have names, labelled 报, 送, 发, each joined with `、`.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        [("报", &self.bao), ("送", &self.song), ("发", &self.fa)]
            .into_iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|(k, l)| (k, l.join("、")))
            .collect()
    }
}

/// One series as written under `series:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeries {
    name: Spanned<String>,
    issuer: Option<String>,
    distribution: Option<Spanned<RawDistribution>>,
}

/// What kind of YAML value stood where names or a map were expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string.
    Text,
    /// A number or a boolean.
    Number,
    /// A list.
    List,
    /// A map.
    Map,
    /// A list holding lists or maps.
    Nested,
}

impl Shape {
    fn msg(self) -> Msg {
        Msg::new(match self {
            Shape::Text => Key::ShapeText,
            Shape::Number => Key::ShapeNumber,
            Shape::List => Key::ShapeList,
            Shape::Map => Key::ShapeMap,
            Shape::Nested => Key::ShapeNested,
        })
    }
}

/// A `distribution:` value as written, whatever its shape (so a wrong
/// shape is told in our words, at its place).
#[derive(Debug)]
pub enum RawDistribution {
    /// `{ 报: …, 送: …, 发: … }`
    Map(Vec<(Spanned<String>, Spanned<RawNames>)>),
    /// Anything else.
    Other(Shape),
}

/// The names under one of 报/送/发 as written.
#[derive(Debug)]
pub enum RawNames {
    /// One string (split at 、 and ，) or a list of strings; nothing is none.
    Names(Vec<String>),
    /// Anything else.
    Other(Shape),
}

/// The names written in one string, split as every list is
/// ([`split_list`]): at 、，；and their ASCII twins.
fn split(s: &str) -> Vec<String> {
    split_list(vec![s.to_string()])
}

/// One item of a list of names: a name, or a list or map (not allowed).
enum Item {
    Text(String),
    Nested,
    Skip,
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Item, E> {
                Ok(Item::Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Item, E> {
                Ok(Item::Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Item, E> {
                Ok(Item::Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Item, E> {
                Ok(Item::Skip)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Item, E> {
                Ok(Item::Skip)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Item::Nested)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Item::Nested)
            }
        }
        d.deserialize_any(V)
    }
}

struct NamesVisitor;

impl<'de> Visitor<'de> for NamesVisitor {
    type Value = RawNames;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("names")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawNames, E> {
        Ok(RawNames::Names(split(v)))
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<RawNames, E> {
        Ok(RawNames::Other(Shape::Number))
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<RawNames, E> {
        Ok(RawNames::Other(Shape::Number))
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<RawNames, E> {
        Ok(RawNames::Other(Shape::Number))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<RawNames, E> {
        Ok(RawNames::Other(Shape::Number))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<RawNames, E> {
        Ok(RawNames::Names(Vec::new()))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<RawNames, E> {
        Ok(RawNames::Names(Vec::new()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNames, A::Error> {
        let mut names = Vec::new();
        let mut nested = false;
        while let Some(item) = seq.next_element::<Item>()? {
            match item {
                Item::Text(t) => names.extend(split(&t)),
                Item::Nested => nested = true,
                Item::Skip => {}
            }
        }
        Ok(if nested {
            RawNames::Other(Shape::Nested)
        } else {
            RawNames::Names(names)
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNames, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(RawNames::Other(Shape::Map))
    }
}

impl<'de> Deserialize<'de> for RawNames {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NamesVisitor)
    }
}

struct DistributionVisitor;

impl<'de> Visitor<'de> for DistributionVisitor {
    type Value = RawDistribution;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("报, 送 and 发")
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Other(Shape::Text))
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Other(Shape::Number))
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Other(Shape::Number))
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Other(Shape::Number))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Other(Shape::Number))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Map(Vec::new()))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<RawDistribution, E> {
        Ok(RawDistribution::Map(Vec::new()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawDistribution, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawDistribution::Other(Shape::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDistribution, A::Error> {
        let mut entries = Vec::new();
        while let Some(e) = map.next_entry::<Spanned<String>, Spanned<RawNames>>()? {
            entries.push(e);
        }
        Ok(RawDistribution::Map(entries))
    }
}

impl<'de> Deserialize<'de> for RawDistribution {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DistributionVisitor)
    }
}

/// Reads a `distribution:` written in `text` (of the file `path`, the YAML
/// starting at line `line0`): the three lists, or an error at every key or
/// value of the wrong shape.
pub fn distribution(
    path: &Path,
    text: &str,
    line0: usize,
    raw: &Spanned<RawDistribution>,
) -> Result<Distribution, Vec<Diagnostic>> {
    let err = |pos: Pos, m: Msg| {
        Diagnostic::error(path, pos.line, pos.col, "distribution-invalid", m)
            .with_hint(msg!(DistributionHint))
            .with_source(text)
    };
    let entries = match &raw.value {
        RawDistribution::Map(entries) => entries,
        RawDistribution::Other(shape) => {
            let m = Msg::new(Key::DistributionNotMap).arg_msg(shape.msg());
            return Err(vec![err(Pos::of(raw, line0), m)]);
        }
    };
    let mut out = Distribution::default();
    let mut diags = Vec::new();
    for (k, v) in entries {
        let key = k.value.trim();
        let list = match key {
            "报" => &mut out.bao,
            "送" => &mut out.song,
            "发" => &mut out.fa,
            _ => {
                let d = err(Pos::of(k, line0), msg!(DistributionKey, key));
                diags.push(d.with_len(key.chars().count().max(1)));
                continue;
            }
        };
        match &v.value {
            RawNames::Names(names) => list.extend(names.iter().cloned()),
            RawNames::Other(shape) => {
                let m = Msg::new(Key::DistributionNames)
                    .arg(key)
                    .arg_msg(shape.msg());
                diags.push(err(Pos::of(v, line0), m));
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// The `series:` section: every slug and distribution checked; two series
/// with one name are an error at the second.
pub(super) fn series(
    path: &Path,
    text: &str,
    raw: IndexMap<Spanned<String>, Spanned<RawSeries>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SeriesDecl> {
    let mut out: Vec<SeriesDecl> = Vec::new();
    for (slug, s) in raw {
        let slug_text = slug.value.trim().to_string();
        let ok = !slug_text.is_empty()
            && (slug_text.chars())
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            let p = Pos::of(&slug, 1);
            diags.push(
                Diagnostic::error(
                    path,
                    p.line,
                    p.col,
                    "config-series",
                    msg!(ConfigSeriesSlug, &slug_text),
                )
                .with_len(slug_text.chars().count().max(1))
                .with_hint(msg!(ConfigSeriesSlugHint))
                .with_source(text),
            );
        }
        let s = s.value;
        let name = s.name.value.trim().to_string();
        let name = if name.is_empty() {
            slug_text.clone()
        } else {
            name
        };
        if let Some(other) = out.iter().find(|o| o.name == name) {
            let p = Pos::of(&s.name, 1);
            diags.push(
                Diagnostic::error(
                    path,
                    p.line,
                    p.col,
                    "config-series",
                    msg!(ConfigSeriesName, &other.slug, &slug_text, &name),
                )
                .with_len(name.chars().count().max(1))
                .with_hint(msg!(ConfigSeriesNameHint))
                .with_source(text),
            );
        }
        let distribution = match &s.distribution {
            Some(d) => distribution(path, text, 1, d).unwrap_or_else(|mut e| {
                diags.append(&mut e);
                Distribution::default()
            }),
            None => Distribution::default(),
        };
        out.push(SeriesDecl {
            slug: slug_text,
            name,
            issuer: s
                .issuer
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty()),
            distribution,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use std::path::Path;

    fn p(text: &str) -> Result<crate::config::Config, Vec<crate::diag::Diagnostic>> {
        parse(Path::new("jianxun.yaml"), text)
    }

    #[test]
    fn series_are_declared_with_issuer_and_distribution() {
        let c = p("series:\n  anquan-jianxun:\n    name: 安全生产工作简讯\n    issuer: 宜宾市总工会办公室\n    distribution:\n      报: [市委办公室, 省总工会]\n      送: 各区县总工会、各产业工会\n  tuan: { name: 青安岗简报 }\n").unwrap();
        assert_eq!(c.series.len(), 2);
        let s = &c.series[0];
        assert_eq!(
            (s.slug.as_str(), s.name.as_str()),
            ("anquan-jianxun", "安全生产工作简讯")
        );
        assert_eq!(s.issuer.as_deref(), Some("宜宾市总工会办公室"));
        assert_eq!(s.distribution.bao, ["市委办公室", "省总工会"]);
        assert_eq!(s.distribution.song, ["各区县总工会", "各产业工会"]);
        assert!(s.distribution.fa.is_empty());
        assert!(c.series[1].distribution.is_empty());
    }

    #[test]
    fn bad_series_are_told_where_written() {
        // (config, line, column, code, part of the English message)
        let cases = [
            (
                "series:\n  安全简讯: { name: 安全生产工作简讯 }\n",
                2,
                3,
                "config-series",
                "slug `安全简讯`",
            ),
            (
                "series:\n  a: { name: 简讯 }\n  b: { name: 简讯 }\n",
                3,
                14,
                "config-series",
                "same name",
            ),
            (
                "series:\n  a: { name: 简讯, distribution: 市委 }\n",
                2,
                32,
                "distribution-invalid",
                "found a text",
            ),
            (
                "series:\n  a: { name: 简讯, distribution: { 抄送: [市委] } }\n",
                2,
                34,
                "distribution-invalid",
                "only 报, 送 and 发",
            ),
            (
                "series:\n  a:\n    name: 简讯\n    distribution:\n      报: { 市委: 1 }\n",
                5,
                10,
                "distribution-invalid",
                "`报` takes",
            ),
        ];
        for (text, line, col, code, part) in cases {
            let e = p(text).unwrap_err();
            assert_eq!(e.len(), 1, "{text}: {e:?}");
            assert_eq!(
                (e[0].line, e[0].col, e[0].code),
                (line, col, code),
                "{text}"
            );
            assert!(e[0].message.en().contains(part), "{}", e[0].message.en());
            assert!(e[0].hint.is_some());
        }
        let e = p("series:\n  a: { title: 简讯 }\n").unwrap_err();
        assert_eq!(e[0].line, 2, "unknown keys are told");
    }
}
