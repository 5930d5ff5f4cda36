//! Scaffolding: the text of new content files, for `jianxun new` and
//! `jianxun init`.
//!
//! Takes what the editor gave (title, campaign, region, date) and the
//! declared metrics; gives file texts that parse as they are, with the
//! metrics as commented placeholders to fill in. Pure: writing the files is
//! the commands' business.

use crate::config::Metric;
use crate::width::char_cells;

use std::collections::BTreeMap;

use super::review::placeholder;
use super::slug::title_slug;

/// Longest slug `new` makes from a title, in characters.
pub const MAX_SLUG: usize = 60;

/// The slug for a new bulletin titled `title`: its pinyin (place names
/// spelt as places, see [`title_slug`]), cut at a word boundary when long.
/// Empty when the title has nothing to spell.
pub fn bulletin_slug(title: &str, places: &BTreeMap<String, String>) -> String {
    let full = title_slug(title, places);
    if full.len() <= MAX_SLUG {
        return full;
    }
    let cut = &full[..MAX_SLUG];
    match cut.rfind('-') {
        Some(i) if i > MAX_SLUG / 2 => cut[..i].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// `text` as a YAML scalar: bare when that reads back as the same string,
/// else double-quoted.
pub fn yaml_str(text: &str) -> String {
    let special = |c: char| ":#[]{},&*!|>'\"%@`\\".contains(c);
    let starts_badly = text.starts_with(|c: char| c.is_whitespace() || "-?".contains(c));
    let ends_badly = text.ends_with(char::is_whitespace);
    let lower = text.to_ascii_lowercase();
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", ""]
        .contains(&lower.as_str())
        || text.parse::<f64>().is_ok()
        || text
            .chars()
            .all(|c| c.is_ascii_digit() || "-:.".contains(c));
    if text.chars().any(special) || starts_badly || ends_badly || reserved {
        let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    } else {
        text.to_string()
    }
}

/// The declared metrics as commented lines, units aligned:
/// `#  参与企业:    # 家`.
fn metric_placeholders(metrics: &[Metric]) -> String {
    let width = |s: &str| s.chars().map(char_cells).sum::<usize>();
    let widest = metrics.iter().map(|m| width(&m.key)).max().unwrap_or(0);
    let mut out = String::new();
    for m in metrics {
        let pad = " ".repeat(widest - width(&m.key) + 4);
        let line = if m.unit.is_empty() {
            format!("#  {}:", m.key)
        } else {
            format!("#  {}:{pad}# {}", m.key, m.unit)
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A new bulletin. `date` is written as given (e.g. `2025-06-12`),
/// `campaign` is a campaign slug, `region` a path such as `四川/宜宾`.
pub fn bulletin(
    title: &str,
    date: &str,
    campaign: &str,
    region: &str,
    metrics: &[Metric],
) -> String {
    let mut out = format!(
        "---\ntitle: {}\ndate: {date}\ncampaign: {campaign}\nregion: {}\n",
        yaml_str(title),
        yaml_str(region)
    );
    if metrics.is_empty() {
        out.push_str("# metrics: 先在 jianxun.yaml 的 metrics: 下声明指标\n");
    } else {
        out.push_str("# 填写数值时删去行首的“#”：411、1,292、12万余、近百、600余万元都可以\n");
        out.push_str("metrics:\n");
        out.push_str(&metric_placeholders(metrics));
    }
    out.push_str("tags: []\n# source: { publisher: 四川工人日报, issue: 第13461期 }\n");
    out.push_str("# 草稿不会发布。写完后把下一行改成 status: 待审 送审；不需要审核就删去这一行\n");
    out.push_str("draft: true\n---\n");
    // Marked, so `check` and `build` find every prompt left unfilled.
    out.push_str(&placeholder(
        "导语：一句话写清谁、在哪里、做了什么、效果如何，这一段会作为摘要",
    ));
    out.push_str("\n\n## 主要做法\n\n");
    out.push_str(&placeholder("主要做法和取得的成效"));
    out.push('\n');
    out
}

/// A new campaign named `name`.
pub fn campaign(name: &str, metrics: &[Metric]) -> String {
    let mut out = format!("---\nname: {}\n", yaml_str(name));
    out.push_str("# full_name: 全国“安康杯”竞赛\n# organizer: 全国总工会\n# start: 2025-01-01\n# end: 2025-12-31\n");
    if let Some(m) = metrics.first() {
        out.push_str(&format!("# targets: {{ {}: 500 }}\n", m.key));
    }
    out.push_str("---\n");
    out.push_str(&format!(
        "{name}的简介：为什么开展、由谁组织、怎样参加。它显示在活动页面的顶部。\n"
    ));
    out
}

/// The configuration of a site made by `init`.
pub const INIT_CONFIG: &str = "\
title: 安全生产工作简讯
description: 各地工会和共青团开展群众性安全生产活动的简讯与数据。
base_url: https://example.org/
language: zh-CN
paginate: 10
# 简讯可以填写的指标：单位和合计方式（sum 相加，mean 平均）
metrics:
  参与企业: { unit: 家, aggregate: sum }
  参与职工: { unit: 名, aggregate: sum }
  投入资金: { unit: 元, aggregate: sum }
  建议采纳率: { unit: \"%\", aggregate: mean }
# 拼音读错的地名可以在这里指定网址用的写法
regions:
  重庆: chongqing
# 读音相同的两个标签（例如 公益 和 工艺）可以在这里给其中一个指定网址用的写法
# tags:
#   工艺: gongyi-2
";

/// The campaign of a site made by `init`, at `content/campaigns/ankang-cup.md`.
pub const INIT_CAMPAIGN: &str = "\
---
name: 安康杯竞赛
full_name: 全国“安康杯”竞赛
organizer: 全国总工会 应急管理部 国家卫生健康委
targets: { 参与企业: 500, 参与职工: 15万 }
---
“安康杯”竞赛以班组为基本单元，把隐患排查、安全培训和劳动保护监督串成一条线。
";

/// The bulletin of a site made by `init`, at [`INIT_BULLETIN_PATH`].
pub const INIT_BULLETIN: &str = "\
---
title: 宜宾“安康杯”竞赛走进工业园区
date: 2025-03-11
campaign: ankang-cup
region: 四川/宜宾
metrics:
  参与企业: 411
  参与职工: 12万余
  投入资金: 600余万元
tags: [园区, 隐患排查]
---
宜宾市总工会把“安康杯”竞赛开进工业园区，411家企业、12万余名职工参赛。

## 主要做法

各园区工会组织班组长开展隐患排查，整改情况每月通报。
";

/// Where `init` puts its bulletin.
pub const INIT_BULLETIN_PATH: &str = "content/bulletins/2025/yibin-ankangbei-yuanqu.md";

/// The plain page of a site made by `init`.
pub const INIT_ABOUT: &str = "\
---
title: 关于本站
---
本站汇集各地开展群众性安全生产活动的工作简讯。
";

/// The editors' guide (Chinese), copied into every site `init` makes.
pub const EDITOR_GUIDE: &str = include_str!("../../docs/编辑指南.md");

/// Where `init` puts the guide.
pub const EDITOR_GUIDE_PATH: &str = "docs/编辑指南.md";

/// Every file `init` creates: path from the site root, text.
pub const INIT_FILES: &[(&str, &str)] = &[
    ("jianxun.yaml", INIT_CONFIG),
    ("content/campaigns/ankang-cup.md", INIT_CAMPAIGN),
    (INIT_BULLETIN_PATH, INIT_BULLETIN),
    ("content/pages/about.md", INIT_ABOUT),
    (".gitignore", "/site/\n/.jianxun/\n"),
    (EDITOR_GUIDE_PATH, EDITOR_GUIDE),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, Config};
    use crate::content::{bulletin as b, campaign as c};
    use std::path::Path;

    fn cfg() -> Config {
        config::parse(Path::new("jianxun.yaml"), INIT_CONFIG).unwrap()
    }

    #[test]
    fn a_new_bulletin_parses_and_lists_the_metrics() {
        let cfg = cfg();
        let text = bulletin(
            "宜宾: “安康杯”竞赛",
            "2025-06-12",
            "ankang-cup",
            "四川/宜宾",
            &cfg.metrics,
        );
        assert!(text.contains("#  参与企业:      # 家\n"), "{text}");
        assert!(text.contains("#  建议采纳率:    # %\n"), "{text}");
        let parsed = b::parse(&cfg, Path::new("content/bulletins/2025/a.md"), &text).unwrap();
        assert_eq!(parsed.title, "宜宾: “安康杯”竞赛");
        assert_eq!(parsed.region, ["四川", "宜宾"]);
        assert!(parsed.metrics.is_empty());
        assert!(parsed.is_draft());
        assert_eq!(parsed.placeholders.len(), 2);
        // Once it is no longer a draft, each untouched prompt is an error.
        let published = text.replace("draft: true", "draft: false");
        let e = b::parse(&cfg, Path::new("content/bulletins/2025/a.md"), &published).unwrap_err();
        let codes: Vec<_> = e.iter().map(|d| (d.code, d.line, d.col)).collect();
        let body = text
            .lines()
            .position(|l| l.starts_with("（请在此填写导语"))
            .unwrap()
            + 1;
        assert_eq!(
            codes,
            [
                ("placeholder-left", body, 1),
                ("placeholder-left", body + 4, 1)
            ]
        );
        // Uncommenting a line with a value gives a metric.
        let filled = text.replace("#  参与企业:      # 家", "  参与企业: 411   # 家");
        let parsed = b::parse(&cfg, Path::new("content/bulletins/2025/a.md"), &filled).unwrap();
        assert_eq!(parsed.metrics[0].raw, "411");
        let none = bulletin("标题", "2025-06-12", "x", "全国", &[]);
        assert!(b::parse(&cfg, Path::new("content/bulletins/a.md"), &none).is_ok());
    }

    #[test]
    fn a_new_campaign_and_the_init_site_parse() {
        let cfg = cfg();
        let text = campaign("送温暖行动", &cfg.metrics);
        let parsed = c::parse(&cfg, Path::new("content/campaigns/song-wennuan.md"), &text).unwrap();
        assert_eq!(parsed.name, "送温暖行动");
        c::parse(
            &cfg,
            Path::new("content/campaigns/ankang-cup.md"),
            INIT_CAMPAIGN,
        )
        .unwrap();
        b::parse(&cfg, Path::new(INIT_BULLETIN_PATH), INIT_BULLETIN).unwrap();
    }

    #[test]
    fn the_guide_names_real_codes_and_the_review_states() {
        let codes: Vec<&str> = EDITOR_GUIDE
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() == 4 && (w.starts_with('E') || w.starts_with('W')))
            .filter(|w| w[1..].chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert!(codes.len() >= 10, "{codes:?}");
        for c in codes {
            assert!(crate::messages::code_info(c).is_some(), "{c} is not a code");
        }
        for s in super::super::review::Status::ALL {
            assert!(EDITOR_GUIDE.contains(&format!("status: {}", s.written())));
        }
        assert!(EDITOR_GUIDE.contains(super::super::review::PLACEHOLDER_OPEN));
    }

    #[test]
    fn yaml_scalars() {
        for (text, want) in [
            ("宜宾“安康杯”竞赛", "宜宾“安康杯”竞赛"),
            ("四川/宜宾", "四川/宜宾"),
            ("宜宾: 园区", "\"宜宾: 园区\""),
            ("[草稿] 标题", "\"[草稿] 标题\""),
            ("2024", "\"2024\""),
            ("true", "\"true\""),
            ("说\"好\"", "\"说\\\"好\\\"\""),
            ("- 列表", "\"- 列表\""),
        ] {
            assert_eq!(yaml_str(text), want, "{text}");
        }
    }

    #[test]
    fn slugs_of_titles() {
        let none = BTreeMap::new();
        assert_eq!(bulletin_slug("宜宾安全检查", &none), "yibinanquanjiancha");
        assert_eq!(bulletin_slug("厦门演练", &none), "xiamen-yanlian");
        let long = bulletin_slug(
            "宜宾“安康杯”竞赛走进12个工业园区 全市411家企业12万余名职工参赛 隐患整改率达百分之九十五",
            &none,
        );
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert_eq!(bulletin_slug("！！！", &none), "");
    }
}
