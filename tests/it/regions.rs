//! Regions are one tree whatever the spelling, and lists are lists:
//! `四川省/宜宾市` and `四川/宜宾` are one region page with one total,
//! `check` names the canonical spelling, `四川、宜宾` and an ambiguous name
//! are errors at their line and column, and `tags: [园区，隐患排查]` is two
//! tags — through the real binary.

use crate::support::{CONFIG, Fixture};

/// Every region page written under `site/regions/`, as slug paths.
fn region_pages(f: &Fixture) -> Vec<String> {
    let root = f.path("site/regions");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| {
            let rel = e.path().parent()?.strip_prefix(&root).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .filter(|p| !p.is_empty() && !p.contains("page/"))
        .collect();
    pages.sort();
    pages
}

/// A site whose bulletins write 宜宾 four ways.
fn four_spellings() -> Fixture {
    let f = Fixture::new();
    for (name, region, n) in [
        ("a", "四川省/宜宾市", 411),
        ("b", "四川/宜宾", 100),
        ("c", "四川省宜宾市", 20),
        ("d", "宜宾市", 3),
    ] {
        f.bulletin(
            name,
            &format!("宜宾简讯{name}"),
            "2024-03-01",
            region,
            &format!("metrics:\n  参与企业: {n}\n"),
            "正文。",
        );
    }
    f
}

#[test]
fn every_spelling_of_a_region_is_one_page_with_one_total() {
    let f = four_spellings();
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(region_pages(&f), ["sichuan", "sichuan/yibin"]);
    let page = f.read("site/regions/sichuan/yibin/index.html");
    for name in ["a", "b", "c", "d"] {
        let title = format!("宜宾简讯{name}");
        let listed = page.contains(&title)
            || f.path("site/regions/sichuan/yibin/page/2/index.html")
                .exists()
                && f.read("site/regions/sichuan/yibin/page/2/index.html")
                    .contains(&title);
        assert!(listed, "{title} is not on the 宜宾 page");
    }
    assert!(page.contains("data-value=\"534\""), "411+100+20+3:\n{page}");
    assert!(
        page.contains("<h1>宜宾</h1>") || page.contains(">宜宾<"),
        "short name"
    );
    assert!(!page.contains("宜宾市"), "the page shows the short name");
    let json: serde_json::Value =
        serde_json::from_str(&f.read("site/stats/stats.json")).expect("json");
    let regions: Vec<(&str, &str)> = (json["scopes"].as_array().expect("scopes").iter())
        .filter(|s| s["scope"] == "region")
        .map(|s| {
            let v = s["totals"]["参与企业"]["value"].as_str().unwrap_or("");
            (s["id"].as_str().unwrap_or(""), v)
        })
        .collect();
    assert_eq!(regions, [("四川", "534"), ("四川/宜宾", "534")]);
}

#[test]
fn stats_finds_a_region_by_any_spelling_and_shows_it_once() {
    let f = four_spellings();
    let r = f.run(&["stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("宜宾")).collect();
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert!(rows[0].contains("534家"), "{}", r.stdout);
    assert!(!r.stdout.contains("宜宾市"), "{}", r.stdout);
    let r = f.run(&["stats", "--region", "四川省/宜宾市", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("region,四川/宜宾,宜宾,参与企业,家,sum,534,exact,4,"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_names_the_canonical_spelling_at_the_region() {
    let f = four_spellings();
    let r = f.run(&["check"]);
    assert_eq!(r.code, 0, "warnings do not fail:\n{}", r.stderr);
    for (file, written) in [
        ("a", "四川省/宜宾市"),
        ("c", "四川省宜宾市"),
        ("d", "宜宾市"),
    ] {
        let want = format!(
            "content/bulletins/{file}.md:5:9: warning[W005]: `{written}` is written `四川/宜宾` elsewhere; use the canonical spelling"
        );
        assert!(r.stderr.contains(&want), "no `{want}` in:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("write region: 四川/宜宾"), "{}", r.stderr);
    assert!(r.stderr.contains("No errors; 3 warnings."), "{}", r.stderr);
    let j = f.run(&["check", "--format", "json"]);
    let codes: Vec<serde_json::Value> = (j.stdout.lines())
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(
        codes.iter().all(|d| d["name"] == "region-spelling"),
        "{}",
        j.stdout
    );
    // Alone, the spelling is named without "elsewhere".
    let f = Fixture::new();
    f.bulletin("a", "宜宾简讯", "2024-03-01", "宜宾市", "", "正文。");
    let r = f.run(&["check"]);
    assert!(
        r.stderr.contains(
            "a.md:5:9: warning[W005]: `宜宾市` is the region `四川/宜宾`; use the canonical spelling"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_region_written_as_a_list_is_an_error_with_a_hint() {
    let f = Fixture::new();
    f.bulletin("good", "宜宾简讯", "2024-03-01", "四川/宜宾", "", "正文。");
    f.bulletin("list", "列表简讯", "2024-03-02", "四川、宜宾", "", "正文。");
    f.bulletin(
        "comma",
        "逗号简讯",
        "2024-03-03",
        "四川，宜宾",
        "",
        "正文。",
    );
    for cmd in ["build", "check"] {
        let r = f.run(&[cmd]);
        assert_eq!(r.code, 1, "{cmd}: {}", r.stderr);
        assert!(
            r.stderr.contains(
                "content/bulletins/list.md:5:9: error[E023]: the region `四川、宜宾` is written as a list (with `、`)"
            ),
            "{cmd}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("content/bulletins/comma.md:5:9: error["),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(
                "one region per bulletin: write the path from broad to narrow with `/`, e.g. region: 四川/宜宾"
            ),
            "{}",
            r.stderr
        );
    }
    assert!(!f.path("site").exists());
}

#[test]
fn an_ambiguous_name_is_an_error_and_an_unknown_one_is_kept_unless_it_splits() {
    // 朝阳 is a city of 辽宁 and a district of 北京.
    let f = Fixture::new();
    f.bulletin("a", "朝阳简讯", "2024-03-01", "朝阳", "", "正文。");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/bulletins/a.md:5:9: error[E024]: `朝阳` could be any of 北京/朝阳, 辽宁/朝阳"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("e.g. region: 北京/朝阳"), "{}", r.stderr);
    // Declaring where it lies settles it.
    f.write(
        "jianxun.yaml",
        &format!("{CONFIG}regions:\n  朝阳: {{ parent: 辽宁 }}\n"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(region_pages(&f), ["liaoning", "liaoning/chaoyang"]);

    // A name the gazetteer does not know is kept as written (less 市) …
    let f = Fixture::new();
    f.bulletin("a", "慈溪简讯", "2024-03-01", "慈溪市", "", "正文。");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(region_pages(&f), ["cixi"]);
    // … but never beside the same name deeper in the tree.
    f.bulletin(
        "b",
        "宁波简讯",
        "2024-03-02",
        "浙江/宁波/慈溪",
        "",
        "正文。",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/bulletins/a.md:5:9: error[E025]: the region `慈溪` is written `浙江/宁波/慈溪` in content/bulletins/b.md: its totals would be split in two"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("慈溪: { parent: 浙江/宁波 }"),
        "{}",
        r.stderr
    );
    f.write(
        "jianxun.yaml",
        &format!("{CONFIG}regions:\n  慈溪: {{ parent: 浙江/宁波 }}\n"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        region_pages(&f),
        ["zhejiang", "zhejiang/ningbo", "zhejiang/ningbo/cixi"]
    );
}

#[test]
fn declared_aliases_and_slugs_place_a_region() {
    let f = Fixture::new();
    f.write(
        "jianxun.yaml",
        &format!(
            "{CONFIG}regions:\n  重庆: chongqing\n  翠屏: {{ slug: cuiping-qu, aliases: [翠屏区, 叙府], parent: 四川省/宜宾市 }}\n"
        ),
    );
    f.bulletin("a", "翠屏简讯", "2024-03-01", "翠屏区", "", "正文。");
    f.bulletin("b", "叙府简讯", "2024-03-02", "叙府", "", "正文。");
    f.bulletin("c", "重庆简讯", "2024-03-03", "重庆市", "", "正文。");
    f.bulletin(
        "d",
        "宜宾简讯",
        "2024-03-04",
        "四川/宜宾/翠屏",
        "",
        "正文。",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        region_pages(&f),
        [
            "chongqing",
            "sichuan",
            "sichuan/yibin",
            "sichuan/yibin/cuiping-qu"
        ]
    );
}

#[test]
fn lists_written_with_chinese_separators_are_split() {
    let f = Fixture::new();
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\norganizer: 国务院安全生产委员会 全国总工会\n---\n简介。\n",
    );
    f.write(
        "content/bulletins/a.md",
        "---\ntitle: 园区简讯\ndate: 2024-03-01\ncampaign: [安康杯竞赛，安全生产月]\nregion: 四川/宜宾\ntags: [园区，隐患排查]\n---\n正文。\n",
    );
    f.write(
        "content/bulletins/b.md",
        "---\ntitle: 班组简讯\ndate: 2024-03-02\ncampaign: ankang-cup、safety-month\nregion: 四川/宜宾\ntags: 园区、班组; 培训\n---\n正文。\n",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for tag in ["yuanqu", "yinhuanpaicha", "banzu", "peixun"] {
        assert!(
            f.path(&format!("site/tags/{tag}/index.html")).exists(),
            "no tag page {tag}"
        );
    }
    let tags = f.read("site/tags/index.html");
    assert!(!tags.contains("园区，隐患排查"), "{tags}");
    assert!(!f.path("site/tags/yuanqu-yinhuanpaicha").exists());
    let yuanqu = f.read("site/tags/yuanqu/index.html");
    assert!(yuanqu.contains("园区简讯") && yuanqu.contains("班组简讯"));
    let month = f.read("site/campaigns/safety-month/index.html");
    assert!(
        month.contains("园区简讯") && month.contains("班组简讯"),
        "{month}"
    );
    assert!(
        month.contains(
            "<span class=\"nb\">国务院安全生产委员会</span>、<span class=\"nb\">全国总工会</span>"
        ),
        "{month}"
    );
    // An unknown campaign in a list is reported at its own place.
    f.write(
        "content/bulletins/b.md",
        &f.read("content/bulletins/b.md")
            .replace("safety-month", "safety-mouth"),
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/bulletins/b.md:4:22: error[E020]: unknown campaign `safety-mouth`"),
        "{}",
        r.stderr
    );
}

/// The region names of `/regions/`, in the order the page lists them.
fn region_index(f: &Fixture) -> Vec<String> {
    let html = f.read("site/regions/index.html");
    html.split("<li class=\"depth-")
        .skip(1)
        .filter_map(|li| {
            let name = li.split("\">").nth(2)?.split("</a>").next()?;
            Some(name.to_string())
        })
        .collect()
}

#[test]
fn regions_are_listed_nationwide_first_then_in_national_order() {
    let f = Fixture::new();
    for (name, region) in [
        ("a", "四川/泸州"),
        ("b", "新疆"),
        ("c", "全国"),
        ("d", "四川/自贡"),
        ("e", "北京"),
        ("f", "安徽"),
    ] {
        f.bulletin(
            name,
            &format!("简讯{name}"),
            "2024-03-01",
            region,
            "",
            "正文。",
        );
    }
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // By slug it would be 安徽 (anhui), 北京 (beijing), 全国 (quanguo), 四川 …
    assert_eq!(
        region_index(&f),
        ["全国", "北京", "安徽", "四川", "自贡", "泸州", "新疆"]
    );
    // A site may put its own regions first.
    let config = format!("{CONFIG}region_order: [四川, 四川/泸州]\n");
    f.write("jianxun.yaml", &config);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        region_index(&f),
        ["四川", "泸州", "自贡", "全国", "北京", "安徽", "新疆"]
    );
}
