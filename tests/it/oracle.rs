//! The preview's oracle: random editing sessions on a small site, on the
//! default theme and on a theme whose templates read other things (a home
//! page calling `stats(region=…)`, a campaign page listing its bulletins'
//! tags, pages including a partial). After every edit, every file the
//! live engine serves equals, byte for byte, a fresh full build of the same
//! files, and a broken edit fails both the same way.
//!
//! `JIANXUN_ORACLE_CASES` sets the number of sessions per theme (default 200).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jianxun::output::Output;
use jianxun::serve::live::Live;
use jianxun::serve::watch::{Now, classify};
use jianxun::{BuildOptions, build};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

use crate::support::{Fixture, repo};

const REGIONS: [&str; 5] = ["四川/宜宾", "四川/成都", "福建/厦门", "山东/荣成", "全国"];
const TAGS: [&str; 4] = ["园区", "隐患排查", "节日", "培训"];
const CAMPAIGNS: [&str; 3] = ["ankang-cup", "safety-month", "[ankang-cup, safety-month]"];
const SLUGS: [&str; 3] = ["yibin-a", "yibin-b", "xiamen-c"];

/// One bulletin as the session knows it.
#[derive(Debug, Clone)]
struct B {
    file: String,
    title: String,
    date: (u8, u8),
    campaign: usize,
    region: usize,
    tags: Vec<usize>,
    metric: Option<u32>,
    body: String,
    slug: Option<usize>,
    /// Index into [`STATUS`].
    status: usize,
    /// Its series fields (see [`series_lines`]); 0: none.
    series: u8,
}

const SERIES: [&str; 3] = ["anquan", "安全生产工作简讯", "tuan"];
const ISSUES: [&str; 4] = ["2024年第1期", "第2期", "〔2024〕2号", "第1期"];

/// The series, issue, issuer, distribution and printed date written for `v`
/// (none for 0): a series by slug or name, issues that may repeat.
fn series_lines(v: u8) -> String {
    if v == 0 {
        return String::new();
    }
    let mut s = format!(
        "series: {}\nissue: {}\n",
        SERIES[usize::from(v) % 3],
        ISSUES[usize::from(v / 3) % 4]
    );
    if v.is_multiple_of(2) {
        s.push_str(&format!("issuer: 编印单位{}\n", v % 5));
    }
    if v.is_multiple_of(3) {
        s.push_str(&format!(
            "distribution: {{ 报: [上级{}], 发: 各单位 }}\n",
            v % 4
        ));
    }
    if v.is_multiple_of(5) {
        s.push_str(&format!("printed: 2024-05-{:02}\n", 1 + v % 28));
    }
    s
}

/// The review states a bulletin goes through: unmarked, draft, in review, approved.
const STATUS: [&str; 4] = ["", "draft: true\n", "status: 待审\n", "status: 已审\n"];

impl B {
    fn text(&self) -> String {
        let mut s = format!(
            "---\ntitle: {}\ndate: 2024-{:02}-{:02}\ncampaign: {}\nregion: {}\n",
            self.title, self.date.0, self.date.1, CAMPAIGNS[self.campaign], REGIONS[self.region]
        );
        let tags: Vec<&str> = self.tags.iter().map(|&t| TAGS[t]).collect();
        s.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        if let Some(m) = self.metric {
            s.push_str(&format!(
                "metrics:\n  参与企业: {m}\n  建议采纳率: {}%\n",
                m % 90
            ));
        }
        if let Some(i) = self.slug {
            s.push_str(&format!("slug: {}\n", SLUGS[i]));
        }
        s.push_str(STATUS[self.status]);
        s.push_str(&series_lines(self.series));
        s.push_str("---\n");
        s.push_str(&self.body);
        s.push('\n');
        s
    }
}

/// One edit an editor can make, with the choices it needs.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Body(u8, u8),
    Title(u8, u8),
    Date(u8, u8, u8),
    Metric(u8, Option<u16>),
    Campaign(u8, u8),
    Region(u8, u8),
    Tags(u8, u8),
    Slug(u8, Option<u8>),
    Draft(u8),
    Series(u8, u8),
    Add(u8),
    Delete(u8),
    Rename(u8),
    CampaignFile(u8),
    Config(u8),
    Template(u8),
    Static(u8),
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<u8>();
    prop_oneof![
        3 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Body(i, v)),
        2 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Title(i, v)),
        2 => (i, 1u8..=4, 1u8..=28).prop_map(|(i, m, d)| Edit::Date(i, m, d)),
        3 => (i, proptest::option::of(0u16..500)).prop_map(|(i, v)| Edit::Metric(i, v)),
        1 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Campaign(i, v)),
        1 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Region(i, v)),
        1 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Tags(i, v)),
        1 => (i, proptest::option::of(0u8..3)).prop_map(|(i, v)| Edit::Slug(i, v)),
        1 => i.prop_map(Edit::Draft),
        2 => (i, any::<u8>()).prop_map(|(i, v)| Edit::Series(i, v)),
        2 => i.prop_map(Edit::Add),
        1 => i.prop_map(Edit::Delete),
        1 => i.prop_map(Edit::Rename),
        1 => any::<u8>().prop_map(Edit::CampaignFile),
        1 => any::<u8>().prop_map(Edit::Config),
        1 => any::<u8>().prop_map(Edit::Template),
        2 => any::<u8>().prop_map(Edit::Static),
    ]
}

/// The session: the site on disk and what the test knows of it.
pub(crate) struct Session {
    pub(crate) f: Fixture,
    bulletins: Vec<B>,
    next: usize,
    custom_theme: bool,
}

const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\npaginate: 2\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  建议采纳率: { unit: \"%\", aggregate: mean }\nseries:\n  anquan: { name: 安全生产工作简讯, issuer: 总工会办公室, distribution: { 报: [市委] } }\n  tuan: { name: 青安岗简报 }\n";

impl Session {
    pub(crate) fn new(custom_theme: bool) -> Session {
        let f = Fixture::empty();
        f.write("jianxun.yaml", CONFIG);
        f.write(
            "content/campaigns/ankang-cup.md",
            "---\nname: 安康杯竞赛\ntargets: { 参与企业: 100 }\n---\n安康杯竞赛简介。\n",
        );
        f.write(
            "content/campaigns/safety-month.md",
            "---\nname: 安全生产月\n---\n安全生产月简介。\n",
        );
        if custom_theme {
            copy(
                &repo().join("tests/fixtures/oracle-theme/templates"),
                &f.path("templates"),
            );
        }
        let mut s = Session {
            f,
            bulletins: Vec::new(),
            next: 0,
            custom_theme,
        };
        for k in 0..4 {
            s.add(k * 37);
        }
        s
    }

    fn write(&self, b: &B) -> PathBuf {
        let rel = format!("content/bulletins/{}", b.file);
        self.f.write(&rel, &b.text());
        self.f.path(&rel)
    }

    fn add(&mut self, v: u8) -> Vec<PathBuf> {
        let n = self.next;
        self.next += 1;
        let link = self
            .bulletins
            .first()
            .map(|b| format!("见[上一篇]({})。", b.file))
            .unwrap_or_default();
        let b = B {
            file: format!("b{n}.md"),
            title: format!("简讯{n}"),
            date: (1 + v % 4, 1 + v % 28),
            campaign: (v % 3) as usize,
            region: (v % 5) as usize,
            tags: vec![(v % 4) as usize],
            metric: (!v.is_multiple_of(4)).then_some(u32::from(v) + 1),
            body: format!("第{n}篇正文。{link}"),
            slug: None,
            status: 0,
            series: v % 7,
        };
        let p = self.write(&b);
        self.bulletins.push(b);
        vec![p]
    }

    /// Applies `e` to the files; returns the paths it touched.
    pub(crate) fn apply(&mut self, e: &Edit) -> Vec<PathBuf> {
        let n = self.bulletins.len();
        let pick = |i: u8| usize::from(i) % n.max(1);
        let has = n > 0;
        let mut touched = Vec::new();
        match *e {
            Edit::Add(v) => return self.add(v),
            Edit::CampaignFile(v) => {
                let text = match v % 3 {
                    0 => "---\nname: 安全生产月\n---\n安全生产月简介，改过了。\n",
                    1 => {
                        "---\nname: 安全生产月\nfull_name: 全国“安全生产月”\ntargets: { 参与企业: 300 }\n---\n简介。\n"
                    }
                    _ => "---\nname: 安全生产月\n---\n安全生产月简介。\n",
                };
                self.f.write("content/campaigns/safety-month.md", text);
                return vec![self.f.path("content/campaigns/safety-month.md")];
            }
            Edit::Config(v) => {
                let cfg = match v % 5 {
                    0 => CONFIG.replace("测试简讯", "测试简讯（新）"),
                    1 => CONFIG.replace("paginate: 2", "paginate: 3"),
                    3 => CONFIG.replace("青安岗简报", "青年安全生产示范岗简报"),
                    // Only 已审 bulletins are published from here on.
                    2 => format!("{CONFIG}publish: approved-only\n"),
                    _ => CONFIG.to_string(),
                };
                self.f.write("jianxun.yaml", &cfg);
                return vec![self.f.path("jianxun.yaml")];
            }
            Edit::Template(v) => return self.template(v),
            Edit::Static(v) => return self.statics(v),
            _ if !has => return self.add(0),
            _ => {}
        }
        let i = match *e {
            Edit::Body(i, _)
            | Edit::Title(i, _)
            | Edit::Date(i, _, _)
            | Edit::Metric(i, _)
            | Edit::Campaign(i, _)
            | Edit::Region(i, _)
            | Edit::Tags(i, _)
            | Edit::Slug(i, _)
            | Edit::Draft(i)
            | Edit::Series(i, _)
            | Edit::Delete(i)
            | Edit::Rename(i) => pick(i),
            _ => 0,
        };
        let b = &mut self.bulletins[i];
        match *e {
            Edit::Body(_, v) => b.body = format!("{}又改了{v}。", b.body),
            Edit::Title(_, v) => b.title = format!("简讯标题{v}"),
            Edit::Date(_, m, d) => b.date = (m, d),
            Edit::Metric(_, v) => b.metric = v.map(u32::from),
            Edit::Campaign(_, v) => b.campaign = usize::from(v) % CAMPAIGNS.len(),
            Edit::Region(_, v) => b.region = usize::from(v) % REGIONS.len(),
            Edit::Tags(_, v) => {
                b.tags = (0..TAGS.len()).filter(|t| v >> t & 1 == 1).collect();
            }
            Edit::Slug(_, v) => b.slug = v.map(usize::from),
            Edit::Draft(_) => b.status = (b.status + 1) % STATUS.len(),
            Edit::Series(_, v) => b.series = v,
            Edit::Delete(_) => {
                let b = self.bulletins.remove(i);
                let p = self.f.path(&format!("content/bulletins/{}", b.file));
                std::fs::remove_file(&p).expect("delete");
                return vec![p];
            }
            Edit::Rename(_) => {
                let old = self.f.path(&format!("content/bulletins/{}", b.file));
                b.file = format!("r{}.md", self.next);
                self.next += 1;
                let new = self.f.path(&format!("content/bulletins/{}", b.file));
                std::fs::rename(&old, &new).expect("rename");
                return vec![old, new];
            }
            _ => {}
        }
        let b = self.bulletins[i].clone();
        touched.push(self.write(&b));
        touched
    }

    fn template(&self, v: u8) -> Vec<PathBuf> {
        let (rel, text) = if self.custom_theme {
            (
                "templates/partials/mini.html",
                match v % 2 {
                    0 => "<header>{{ site.title }}（{{ page_kind }}）</header>\n".to_string(),
                    _ => "<header>{{ site.title }} · 全站：{% for t in stats() %}{{ t.display }} {% endfor %}</header>\n".to_string(),
                },
            )
        } else {
            (
                "templates/404.html",
                format!(
                    "<!DOCTYPE html><html lang=\"zh-CN\"><title>404</title><p>没有这一页（{v}）。</p></html>\n"
                ),
            )
        };
        self.f.write(rel, &text);
        vec![self.f.path(rel)]
    }

    fn statics(&self, v: u8) -> Vec<PathBuf> {
        let rel = match v % 3 {
            0 => "static/robots.txt",
            1 => "static/css/extra.css",
            _ => "content/bulletins/img/photo.png",
        };
        let p = self.f.path(rel);
        if p.exists() && v.is_multiple_of(2) {
            std::fs::remove_file(&p).expect("delete static");
        } else if rel.ends_with(".png") {
            // A photo is published as its processed copies: a real one.
            self.f.write_bytes(rel, &crate::support::tiny_png(v));
        } else {
            self.f.write(rel, &format!("static {v}\n"));
        }
        vec![p]
    }
}

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(e.path().strip_prefix(from).expect("under from"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn opts() -> BuildOptions {
    BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    }
}

/// Compares what the engine serves with a fresh full build.
fn same_as_build(root: &Path, served: &Output, what: &str) -> Result<(), TestCaseError> {
    let full = match build(root, &opts()) {
        Ok((_, _, full)) => full,
        Err(d) => return Err(TestCaseError::fail(format!("{what}: build fails: {d:?}"))),
    };
    let paths = |o: &Output| o.files.keys().cloned().collect::<BTreeSet<_>>();
    let (a, b) = (paths(served), paths(&full));
    prop_assert_eq!(&a, &b, "{}: served and built files differ", what);
    for p in &a {
        let x = served.files[p].bytes().expect("served bytes");
        let y = full.files[p].bytes().expect("built bytes");
        prop_assert!(x == y, "{}: {} differs from a full build", what, p);
    }
    Ok(())
}

fn session(custom_theme: bool, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut s = Session::new(custom_theme);
    let root = s.f.root().canonicalize().expect("root");
    let mut live = Live::start(&root, &opts()).expect("start");
    let mut served = live.build_all().expect("first build");
    for (n, e) in edits.iter().enumerate() {
        let touched = s.apply(e);
        let abs: Vec<PathBuf> = touched
            .iter()
            .map(|p| root.join(p.strip_prefix(s.f.root()).expect("in the site")))
            .collect();
        let cs = classify(&root, abs.iter().map(PathBuf::as_path), Now::of);
        let what = format!("step {n} ({e:?})");
        match live.apply(&cs) {
            Ok(update) => {
                update.apply_to(&mut served);
                live.derive().apply_to(&mut served);
                same_as_build(&root, &served, &what)?;
            }
            Err(_) => {
                prop_assert!(
                    build(&root, &opts()).is_err(),
                    "{}: the preview failed where a build succeeds",
                    what
                );
            }
        }
    }
    Ok(())
}

fn run(custom_theme: bool) {
    let cases = crate::support::cases("JIANXUN_ORACLE_CASES", 200);
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        rng_seed: proptest::test_runner::RngSeed::Fixed(if custom_theme { 9 } else { 7 }),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&proptest::collection::vec(edit(), 20), |edits| {
        session(custom_theme, &edits)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn random_edits_on_the_default_theme_serve_what_a_build_writes() {
    run(false);
}

#[test]
fn random_edits_on_a_theme_reading_other_things_serve_what_a_build_writes() {
    run(true);
}

/// Which campaigns `/campaigns/` shows as cards depends on how recent
/// each is: moving a bulletin by a few days, within its month, changes the
/// choice without changing any campaign's counts, totals or months, nor
/// the 12 campaigns the menus show.
#[test]
fn the_preview_follows_which_campaigns_the_campaign_index_shows_as_cards() {
    let f = Fixture::new();
    // 12 campaigns of the 25th (the menus'), 188 of the 15th, c200 of the 10th.
    let day = |c: usize| match c {
        0..12 => 25,
        200 => 10,
        _ => 15,
    };
    for c in 0..201 {
        f.write(
            &format!("content/campaigns/c{c:03}.md"),
            &format!("---\nname: 专项活动{c}号\n---\n简介。\n"),
        );
        f.write(
            &format!("content/bulletins/c{c:03}.md"),
            &format!(
                "---\ntitle: 第{c}号简讯\ndate: 2021-01-{}\ncampaign: c{c:03}\nregion: 四川/宜宾\n---\n正文。\n",
                day(c)
            ),
        );
    }
    let root = f.root().canonicalize().expect("root");
    let mut live = Live::start(&root, &opts()).expect("start");
    let mut served = live.build_all().expect("first build");
    let page = |o: &Output| {
        String::from_utf8(o.files["campaigns/index.html"].bytes().unwrap().to_vec()).unwrap()
    };
    // Whether campaign `c` is a card (the menus, before the grid, are left out).
    let card = |o: &Output, c: usize| {
        let p = page(o);
        let grid = p.find("<div class=\"campaign-grid\">").unwrap();
        p[grid..p.find("较早的活动").unwrap()].contains(&format!("href=\"/campaigns/c{c:03}/\""))
    };
    let menus = |o: &Output| {
        let p = page(o);
        p[..p.find("<div class=\"campaign-grid\">").unwrap()].to_string()
    };
    assert!(
        !card(&served, 200) && card(&served, 199),
        "c200, the oldest, is listed by name"
    );
    let before = menus(&served);
    let file = root.join("content/bulletins/c200.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("2021-01-10", "2021-01-20")).unwrap();
    let cs = classify(&root, [file.as_path()], Now::of);
    let update = live.apply(&cs).expect("the edit applies");
    update.apply_to(&mut served);
    live.derive().apply_to(&mut served);
    assert_eq!(menus(&served), before, "the menus are as they were");
    assert!(card(&served, 200), "c200, now 13th, is a card");
    assert!(!card(&served, 199), "c199, the last of the 15th, is not");
    same_as_build(&root, &served, "a bulletin moved within its month").unwrap();
}
