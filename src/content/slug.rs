//! Slugs: readable ASCII for URLs, pinyin for Chinese.
//!
//! Takes a name or file stem; gives lowercase ASCII words joined by `-`.
//! Chinese runs become pinyin without tones or separators (宜宾 → yibin).
//! Per-character readings get many place names wrong (重庆 → zhongqing), so
//! region names go through a built-in table first and the site's
//! `regions:` overrides before that.

use std::collections::BTreeMap;

use pinyin::ToPinyin;

pub use crate::pathname::{MAX_SEGMENT, Unfit, unfit};

/// Place names whose per-character reading is wrong, or whose accepted
/// romanisation differs (陕西 is spelt shaanxi to tell it from 山西).
const PLACE_NAMES: &[(&str, &str)] = &[
    ("重庆", "chongqing"),
    ("厦门", "xiamen"),
    ("陕西", "shaanxi"),
    ("西藏", "xizang"),
    ("蚌埠", "bengbu"),
    ("六安", "luan"),
    ("六盘水", "liupanshui"),
    ("番禺", "panyu"),
    ("莘县", "shenxian"),
    ("铅山", "yanshan"),
    ("乐亭", "laoting"),
    ("大埔", "dabu"),
    ("蔚县", "yuxian"),
    ("尉氏", "yushi"),
    ("洪洞", "hongtong"),
    ("单县", "shanxian"),
    ("曲阜", "qufu"),
    ("涡阳", "guoyang"),
    ("阿勒泰", "aletai"),
    ("东阿", "dong-e"),
    ("朝阳", "chaoyang"),
    ("长春", "changchun"),
    ("长沙", "changsha"),
];

/// Characters read differently at the start of a place name than on their own.
fn place_initial(c: char) -> Option<&'static str> {
    match c {
        '长' => Some("chang"),
        '重' => Some("chong"),
        '乐' => Some("le"),
        _ => None,
    }
}

fn pinyin_of(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// How a reader may type a name in pinyin: in full (`宜宾` → `yibin`,
/// `长沙` → `changsha`) and by initials (`yb`, `cs`). Characters without
/// pinyin are left out; both are empty for a name without Chinese.
pub fn pinyin_forms(name: &str) -> [String; 2] {
    let mut full = String::new();
    let mut initials = String::new();
    for (i, c) in name.chars().enumerate() {
        let py = place_initial(c)
            .filter(|_| i == 0)
            .map(str::to_string)
            .or_else(|| pinyin_of(c));
        if let Some(py) = py {
            initials.extend(py.chars().next());
            full.push_str(&py);
        }
    }
    [full, initials]
}

/// Turns any text into a slug: `宜宾“安康杯”竞赛 2024` → `yibin-ankangbei-jingsai-2024`.
pub fn slugify(text: &str) -> String {
    slug_with(text, false)
}

fn slug_with(text: &str, place: bool) -> String {
    let mut out = String::new();
    // Kind of the previous token char: 0 none/separator, 1 ascii, 2 chinese.
    let mut prev = 0u8;
    let mut first_cjk = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if prev == 2 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            prev = 1;
        } else if let Some(py) = place_initial(c)
            .filter(|_| place && first_cjk)
            .map(str::to_string)
            .or_else(|| pinyin_of(c))
        {
            if prev == 1 {
                out.push('-');
            }
            out.push_str(&py);
            prev = 2;
            first_cjk = false;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            let d = deunicode::deunicode_char(c).unwrap_or("");
            let d: String = d.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if d.is_empty() {
                continue;
            }
            if prev == 2 {
                out.push('-');
            }
            out.push_str(&d.to_ascii_lowercase());
            prev = 1;
        } else {
            // Punctuation, spaces and symbols separate words.
            if prev != 0 && !out.ends_with('-') {
                out.push('-');
            }
            prev = 0;
        }
    }
    out.trim_matches('-').to_string()
}

/// A slug for a title: [`slugify`], except that the place names of the
/// built-in table and of `overrides` (the `regions:` of jianxun.yaml) are
/// spelt as places and set off as words: `厦门安全生产月` →
/// `xiamen-anquanshengchanyue`, not `shamenanquanshengchanyue`.
pub fn title_slug(text: &str, overrides: &BTreeMap<String, String>) -> String {
    let mut names: Vec<(&str, &str)> = PLACE_NAMES.to_vec();
    names.extend(overrides.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    // Longer names first, so 六盘水 wins over 六安-like prefixes.
    names.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
    let mut spelt = text.to_string();
    for (name, slug) in names {
        if !name.is_empty() && spelt.contains(name) {
            spelt = spelt.replace(name, &format!(" {slug} "));
        }
    }
    slugify(&spelt)
}

/// The slug of one region name: the site's override, else the built-in table, else pinyin.
pub fn region_slug(name: &str, overrides: &BTreeMap<String, String>) -> String {
    if let Some(s) = overrides.get(name) {
        return s.clone();
    }
    // Common suffixes are dropped only when the table knows the stem (重庆市 → chongqing).
    for n in [name, name.trim_end_matches(['省', '市'])] {
        if let Some((_, s)) = PLACE_NAMES.iter().find(|(k, _)| *k == n) {
            return (*s).to_string();
        }
        if let Some(s) = overrides.get(n) {
            return s.clone();
        }
    }
    slug_with(name, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_pinyin_in_full_and_by_initials() {
        assert_eq!(pinyin_forms("宜宾"), ["yibin", "yb"]);
        assert_eq!(pinyin_forms("长沙"), ["changsha", "cs"]);
        assert_eq!(pinyin_forms("安康杯"), ["ankangbei", "akb"]);
        assert_eq!(pinyin_forms("abc"), ["", ""]);
    }

    #[test]
    fn slugify_table() {
        for (input, want) in [
            ("hello world", "hello-world"),
            ("宜宾", "yibin"),
            ("宜宾“安康杯”竞赛", "yibin-ankangbei-jingsai"),
            ("2024年安康杯", "2024-nianankangbei"),
            ("12个工业园区", "12-gegongyeyuanqu"),
            ("绿色家园", "lvsejiayuan"),
            ("Café Noël", "cafe-noel"),
            ("  --a__b--  ", "a-b"),
            ("！！！", ""),
        ] {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn titles_spell_place_names_as_places() {
        let mut o = BTreeMap::new();
        o.insert("鲅鱼圈".to_string(), "bayuquan".to_string());
        assert_eq!(
            title_slug("厦门安全生产月应急演练", &o),
            "xiamen-anquanshengchanyueyingjiyanlian"
        );
        assert_eq!(
            title_slug("鲅鱼圈：重庆来客", &o),
            "bayuquan-chongqing-laike"
        );
        assert_eq!(title_slug("宜宾园区", &o), "yibinyuanqu");
    }

    #[test]
    fn region_names_use_the_table_and_overrides() {
        let none = BTreeMap::new();
        for (input, want) in [
            ("重庆", "chongqing"),
            ("重庆市", "chongqing"),
            ("厦门", "xiamen"),
            ("长春", "changchun"),
            ("长宁", "changning"),
            ("长治", "changzhi"),
            ("陕西", "shaanxi"),
            ("山西", "shanxi"),
            ("宜宾", "yibin"),
            ("大同", "datong"),
            ("荣成", "rongcheng"),
            ("营口", "yingkou"),
            ("全国", "quanguo"),
            ("广西", "guangxi"),
            ("西宁", "xining"),
            ("内蒙古", "neimenggu"),
        ] {
            assert_eq!(region_slug(input, &none), want, "{input}");
        }
        let mut o = BTreeMap::new();
        o.insert("宜宾".to_string(), "yb".to_string());
        assert_eq!(region_slug("宜宾", &o), "yb");
    }
}
