//! Regions as written → one canonical path of short names.
//!
//! `四川省/宜宾市`, `四川/宜宾`, `四川省宜宾市` and `宜宾市` all name the
//! region `四川/宜宾`. Each name is looked up in the site's `regions:`
//! declarations, which take precedence, then in the built-in gazetteer
//! ([`super::places`]); a known place is written by its short name, and the
//! regions it lies in are filled in (`宜宾市` → `四川/宜宾`, `山东/荣成` →
//! `山东/威海/荣成`). A name written without slashes is split at known names
//! (`四川省宜宾市`). An unknown name loses a suffix (市 区 县 州 盟 地区)
//! when what is left has at least two characters and is not another place
//! (`江苏/南京市` → `江苏/南京`, but `吉林市` stays: 吉林 is a province);
//! otherwise it is kept as written.
//!
//! A region written as a list (`四川、宜宾`) and a name that stands for
//! more than one known place (`朝阳`: 辽宁 or 北京) are errors. Pure.

use crate::messages::Msg;
use crate::msg;
use std::path::Path;

use super::labels::LIST_SEPARATORS;
use super::places::{NATIONWIDE, PLACES, PROVINCES};
use super::value_len;
use crate::config::{Config, RegionDecl};
use crate::diag::Diagnostic;
use crate::yaml::Pos;

/// Suffixes an unknown name may lose, longest first.
const SUFFIXES: &[&str] = &["地区", "市", "区", "县", "州", "盟"];

/// Endings that are part of what a place is called (浦东新区, 凉山彝族自治州):
/// never dropped, and never a name on their own.
const KEPT_ENDINGS: &[&str] = &[
    "新区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "特别行政区",
    "行政区",
    "开发区",
    "林区",
    "矿区",
    "特区",
    "园区",
    "城区",
    "市区",
    "郊区",
    "景区",
];

/// How far declarations may lean on one another (a `parent:` naming a
/// declared place whose own `parent:` names another …).
const MAX_DEPTH: usize = 4;

/// Parses a region path such as `四川/宜宾` or `四川 / 宜宾` into its
/// names as written.
pub fn split_region(text: &str) -> Vec<String> {
    text.split(['/', '／'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why a region cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Written as a list (`四川、宜宾`): the separator used.
    List(char),
    /// A name that stands for more than one place: the name and the
    /// paths it may mean.
    Ambiguous(String, Vec<String>),
}

/// A place a name may stand for: its canonical name and the path of the
/// region it lies in (`None` when nothing says where it is).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    name: String,
    parent: Option<Vec<String>>,
}

impl Place {
    /// Whether the place can follow `path`: it lies in that region or
    /// below it (the levels between are filled in).
    fn fits(&self, path: &[String]) -> bool {
        match &self.parent {
            Some(p) => p.len() >= path.len() && p[..path.len()] == *path,
            None => true,
        }
    }

    fn full_path(&self) -> String {
        let mut p = self.parent.clone().unwrap_or_default();
        p.push(self.name.clone());
        p.join("/")
    }
}

/// The places a site knows: its `regions:` declarations over the built-in
/// gazetteer.
pub struct Gazetteer<'a> {
    decls: &'a [RegionDecl],
}

impl<'a> Gazetteer<'a> {
    /// The places known to the site configured by `config`.
    pub fn of(config: &'a Config) -> Gazetteer<'a> {
        Gazetteer {
            decls: &config.regions,
        }
    }

    /// The canonical path of a region as written, broad to narrow.
    pub fn resolve(&self, written: &str) -> Result<Vec<String>, Problem> {
        self.resolve_at(written, 0)
    }

    fn resolve_at(&self, written: &str, depth: usize) -> Result<Vec<String>, Problem> {
        if let Some(c) = written.chars().find(|c| LIST_SEPARATORS.contains(c)) {
            return Err(Problem::List(c));
        }
        let mut path = Vec::new();
        for name in split_region(written) {
            self.place(&mut path, &name, depth)?;
        }
        Ok(path)
    }

    /// Appends the place `name` to `path`, filling in the regions between.
    fn place(&self, path: &mut Vec<String>, name: &str, depth: usize) -> Result<(), Problem> {
        match self.fitting(path, name, depth).as_slice() {
            [one] => {
                if let Some(p) = one.parent.as_ref().filter(|p| p.len() > path.len()) {
                    *path = p.clone();
                }
                path.push(one.name.clone());
                Ok(())
            }
            [] => match self.compound(path, name, depth) {
                Some((head, rest)) => {
                    self.place(path, head, depth)?;
                    self.place(path, rest, depth)
                }
                None => {
                    let kept = self.stripped(path, name, depth);
                    path.push(kept.to_string());
                    Ok(())
                }
            },
            many => Err(Problem::Ambiguous(
                name.to_string(),
                many.iter().map(Place::full_path).collect(),
            )),
        }
    }

    /// The places `name` may stand for that can follow `path`.
    fn fitting(&self, path: &[String], name: &str, depth: usize) -> Vec<Place> {
        let mut found: Vec<Place> = (self.places(name, depth).into_iter())
            .filter(|p| p.fits(path))
            .collect();
        found.dedup();
        found
    }

    /// Every place `name` may stand for: those the site declares by that
    /// name or alias, else those of the built-in gazetteer, else a declared
    /// place with a suffix (`慈溪市` for a declared 慈溪).
    fn places(&self, name: &str, depth: usize) -> Vec<Place> {
        let declared =
            (self.decls.iter()).filter(|d| d.name == name || d.aliases.iter().any(|a| a == name));
        let mut out: Vec<Place> = declared
            .flat_map(|d| self.located(&d.name, None, depth))
            .collect();
        if !out.is_empty() {
            return out;
        }
        if name == NATIONWIDE {
            out.push(Place {
                name: name.to_string(),
                parent: Some(Vec::new()),
            });
        }
        let provinces = PROVINCES.iter().map(|(s, f)| (s, f, &""));
        for (short, full, parent) in provinces.chain(PLACES.iter().map(|(s, f, p)| (s, f, p))) {
            if forms_in(short, full, name)
                .iter()
                .any(|f| f.len() == name.len())
            {
                out.extend(self.located(short, Some(parent), depth));
            }
        }
        if out.is_empty() {
            // A declared place has no full name: 慈溪市 is the declared 慈溪.
            let suffixed = |d: &&RegionDecl| {
                (name.strip_prefix(d.name.as_str())).is_some_and(|s| SUFFIXES.contains(&s))
            };
            for d in self.decls.iter().filter(suffixed) {
                out.extend(self.located(&d.name, None, depth));
            }
        }
        out.sort_by(|a, b| a.parent.cmp(&b.parent));
        out.dedup();
        out
    }

    /// Where the place called `name` lies: where the site declares it,
    /// else `builtin` (the gazetteer's entry that was matched), else every
    /// place of the gazetteer by that name, else nowhere known.
    fn located(&self, name: &str, builtin: Option<&str>, depth: usize) -> Vec<Place> {
        let place = |parent: Option<Vec<String>>| Place {
            name: name.to_string(),
            parent,
        };
        let declared = (self.decls.iter()).find(|d| d.name == name && !d.parent.is_empty());
        if let Some(d) = declared {
            let written = d.parent.join("/");
            let parent = match depth < MAX_DEPTH {
                true => self.resolve_at(&written, depth + 1).ok(),
                false => None,
            };
            return vec![place(Some(parent.unwrap_or_else(|| d.parent.clone())))];
        }
        if let Some(p) = builtin {
            return vec![place(Some(split_region(p)))];
        }
        let mut out: Vec<Place> = (PLACES.iter())
            .filter(|(short, ..)| *short == name)
            .map(|(_, _, p)| place(Some(split_region(p))))
            .collect();
        if PROVINCES.iter().any(|(short, _)| *short == name) {
            out.push(place(Some(Vec::new())));
        }
        if out.is_empty() {
            out.push(place(None));
        }
        out
    }

    /// `name` split after the longest known name it starts with that can
    /// follow `path` (`四川省宜宾市` → 四川省, 宜宾市), when the rest is
    /// at least two characters and not just a suffix.
    fn compound<'n>(
        &self,
        path: &[String],
        name: &'n str,
        depth: usize,
    ) -> Option<(&'n str, &'n str)> {
        let declared = (self.decls.iter())
            .flat_map(|d| std::iter::once(&d.name).chain(&d.aliases))
            .filter(|form| !form.is_empty())
            .filter_map(|form| name.get(..form.len()).filter(|p| p == form));
        let provinces = PROVINCES.iter().flat_map(|(s, f)| forms_in(s, f, name));
        let places = PLACES.iter().flat_map(|(s, f, _)| forms_in(s, f, name));
        let mut best: Option<usize> = None;
        for form in declared.chain(provinces).chain(places) {
            let rest = &name[form.len()..];
            let longer = best.is_none_or(|b| form.len() > b);
            let fits = || !self.fitting(path, form, depth).is_empty();
            if longer && rest.chars().count() >= 2 && !is_type_word(rest) && fits() {
                best = Some(form.len());
            }
        }
        best.map(|b| name.split_at(b))
    }

    /// `name` without its suffix when that is safe: at least two
    /// characters are left, they are not the region it lies in (宜宾/宜宾县)
    /// and not another known place that could follow `path`.
    fn stripped<'n>(&self, path: &[String], name: &'n str, depth: usize) -> &'n str {
        if KEPT_ENDINGS.iter().any(|k| name.ends_with(k)) {
            return name;
        }
        let Some(stem) = SUFFIXES.iter().find_map(|s| name.strip_suffix(s)) else {
            return name;
        };
        let safe = stem.chars().count() >= 2
            && path.last().is_none_or(|p| p != stem)
            && self.fitting(path, stem, depth).is_empty();
        if safe { stem } else { name }
    }
}

/// The starts of `name` that write the gazetteer's place (`short`,
/// `full`): its short name, its full name, or its short name with the
/// suffix its full name ends in (阿坝藏族羌族自治州 → 阿坝州, 广西壮族自治区
/// → 广西自治区). Every form starts with the short name, so most names are
/// passed over at once.
fn forms_in<'n>(short: &str, full: &str, name: &'n str) -> Vec<&'n str> {
    let mut out = Vec::new();
    let Some(rest) = name.strip_prefix(short) else {
        return out;
    };
    out.push(&name[..short.len()]);
    if name.starts_with(full) {
        out.push(&name[..full.len()]);
    }
    for s in SUFFIXES.iter().chain(&["自治区"]) {
        if full.ends_with(s) && rest.starts_with(s) {
            out.push(&name[..short.len() + s.len()]);
        }
    }
    out
}

/// Whether `s` only says what kind of place it is (市, 地区, 自治区 …).
fn is_type_word(s: &str) -> bool {
    SUFFIXES.contains(&s) || KEPT_ENDINGS.contains(&s) || s == "省"
}

impl Problem {
    /// The code, message and hint that say what is wrong with the region
    /// `raw` as written.
    pub fn describe(&self, raw: &str) -> (&'static str, Msg, Msg) {
        let raw = raw.trim();
        match self {
            Problem::List(sep) => {
                let parts: Vec<&str> = (raw.split(LIST_SEPARATORS).map(str::trim))
                    .filter(|s| !s.is_empty())
                    .collect();
                (
                    "region-list",
                    msg!(RegionList, raw, sep),
                    msg!(RegionListHint, parts.join("/")),
                )
            }
            Problem::Ambiguous(name, options) => {
                let first = options.first().map_or("", String::as_str);
                let parent = first.rsplit_once('/').map_or("", |(p, _)| p);
                (
                    "region-ambiguous",
                    msg!(RegionAmbiguous, name, options.join(", ")),
                    msg!(RegionAmbiguousHint, first, name, parent),
                )
            }
        }
    }
}

/// The canonical path of the region `raw` written at `pos` of the file
/// `path` (whole text `text`), or the error that says why there is none.
pub(crate) fn region_path(
    config: &Config,
    path: &Path,
    text: &str,
    pos: Pos,
    raw: &str,
) -> Result<Vec<String>, Diagnostic> {
    Gazetteer::of(config).resolve(raw).map_err(|problem| {
        let (code, message, hint) = problem.describe(raw);
        Diagnostic::error(path, pos.line, pos.col, code, message)
            .with_hint(hint)
            .with_len(value_len(text, pos, raw.trim()))
            .with_source(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(name: &str, aliases: &[&str], parent: &str) -> RegionDecl {
        RegionDecl {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            parent: split_region(parent),
        }
    }

    fn config() -> Config {
        Config {
            regions: vec![
                decl("宜宾", &["叙州"], ""),
                decl("鲅鱼圈", &[], "辽宁省/营口市"),
                decl("翠屏", &["翠屏区"], "宜宾"),
                decl("重庆", &[], ""),
                decl("慈溪", &[], "浙江/宁波"),
                decl("甲", &[], "乙"),
                decl("乙", &[], "甲"),
            ],
            ..Config::default()
        }
    }

    /// `as written | canonical path`.
    const RESOLVED: &[(&str, &str)] = &[
        ("四川/宜宾", "四川/宜宾"),
        ("四川 / 宜宾", "四川/宜宾"),
        ("四川省/宜宾市", "四川/宜宾"),
        ("四川省／宜宾市", "四川/宜宾"),
        ("四川省宜宾市", "四川/宜宾"),
        ("四川宜宾", "四川/宜宾"),
        ("宜宾市", "四川/宜宾"),
        ("宜宾", "四川/宜宾"),
        ("四川/宜宾市", "四川/宜宾"),
        ("四川省宜宾市长宁县", "四川/宜宾/长宁"),
        ("宜宾/长宁县", "四川/宜宾/长宁"),
        ("四川/长宁", "四川/宜宾/长宁"),
        ("上海/长宁区", "上海/长宁"),
        ("北京市/朝阳区", "北京/朝阳"),
        ("辽宁/朝阳", "辽宁/朝阳"),
        ("山东/荣成", "山东/威海/荣成"),
        ("荣成市", "山东/威海/荣成"),
        ("山东省威海市荣成市", "山东/威海/荣成"),
        ("山西/大同", "山西/大同"),
        ("福建省厦门市", "福建/厦门"),
        ("辽宁/营口/鲅鱼圈", "辽宁/营口/鲅鱼圈"),
        ("全国", "全国"),
        // Every provincial-level name, full and short.
        ("广西壮族自治区", "广西"),
        ("广西自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
        ("宁夏回族自治区", "宁夏"),
        ("西藏自治区", "西藏"),
        ("香港特别行政区", "香港"),
        ("重庆市", "重庆"),
        ("黑龙江省", "黑龙江"),
        ("凉山彝族自治州", "四川/凉山"),
        ("四川/阿坝州", "四川/阿坝"),
        ("四川阿坝州茂县", "四川/阿坝/茂县"),
        // Declared in the configuration.
        ("叙州", "四川/宜宾"),
        ("鲅鱼圈", "辽宁/营口/鲅鱼圈"),
        ("翠屏区", "四川/宜宾/翠屏"),
        ("慈溪市", "浙江/宁波/慈溪"),
        ("浙江慈溪市", "浙江/宁波/慈溪"),
        ("宜宾市翠屏区", "四川/宜宾/翠屏"),
        // Unknown names keep their name, less a suffix when that is safe.
        ("江苏/南京市", "江苏/南京"),
        ("浙江/余姚市", "浙江/余姚"),
        ("江苏省昆山市", "江苏/昆山"),
        ("吉林市", "吉林市"),
        ("吉林/吉林市", "吉林/吉林市"),
        ("辽宁/朝阳县", "辽宁/朝阳县"),
        ("四川/宜宾/宜宾县", "四川/宜宾/宜宾县"),
        ("天津/滨海新区", "天津/滨海新区"),
        ("天津滨海新区", "天津/滨海新区"),
        ("海南州", "海南州"),
        ("蔚县", "蔚县"),
        ("某地", "某地"),
        ("", ""),
    ];

    #[test]
    fn spellings_resolve_to_one_path() {
        let c = config();
        let g = Gazetteer::of(&c);
        for (written, want) in RESOLVED {
            let got = g.resolve(written).map(|p| p.join("/"));
            assert_eq!(got.as_deref(), Ok(*want), "{written}");
        }
    }

    #[test]
    fn lists_and_ambiguous_names_are_problems() {
        let c = config();
        let g = Gazetteer::of(&c);
        for (written, sep) in [
            ("四川、宜宾", '、'),
            ("四川，宜宾", '，'),
            ("四川,宜宾", ','),
            ("四川；宜宾", '；'),
        ] {
            assert_eq!(g.resolve(written), Err(Problem::List(sep)), "{written}");
        }
        let chaoyang =
            Problem::Ambiguous("朝阳".into(), vec!["北京/朝阳".into(), "辽宁/朝阳".into()]);
        assert_eq!(g.resolve("朝阳"), Err(chaoyang));
        assert!(matches!(g.resolve("长宁县"), Ok(p) if p.join("/") == "四川/宜宾/长宁"));
        assert!(matches!(g.resolve("长宁"), Err(Problem::Ambiguous(..))));
    }

    #[test]
    fn a_declared_parent_settles_a_name() {
        let mut c = config();
        c.regions.push(decl("长宁", &[], "四川/宜宾"));
        let g = Gazetteer::of(&c);
        assert_eq!(
            g.resolve("长宁").map(|p| p.join("/")).as_deref(),
            Ok("四川/宜宾/长宁")
        );
        // Declarations that name each other end; what they give is kept as written.
        assert!(g.resolve("甲").is_ok());
        // 重庆 is declared for its slug only: the gazetteer still places it.
        assert_eq!(
            g.resolve("重庆市").map(|p| p.join("/")).as_deref(),
            Ok("重庆")
        );
    }

    #[test]
    fn errors_point_at_the_value_with_a_hint() {
        let text = "---\ntitle: x\nregion: 四川、宜宾\n---\n";
        let pos = Pos { line: 3, col: 9 };
        let e = region_path(
            &Config::default(),
            Path::new("a.md"),
            text,
            pos,
            "四川、宜宾",
        )
        .unwrap_err();
        assert_eq!((e.code, e.line, e.col, e.len), ("region-list", 3, 9, 5));
        assert!(e.hint.unwrap().en().contains("region: 四川/宜宾"));
        let e = region_path(&Config::default(), Path::new("a.md"), text, pos, "朝阳").unwrap_err();
        assert_eq!(e.code, "region-ambiguous");
        assert!(
            e.message.en().contains("北京/朝阳, 辽宁/朝阳"),
            "{}",
            e.message
        );
    }
}
