//! The live preview's incremental rebuilds equal a full build, after every
//! step of a scripted editing session (the oracle for every incremental path).

use std::collections::BTreeSet;
use std::path::PathBuf;

use jianxun::output::Output;
use jianxun::serve::live::Live;
use jianxun::serve::watch::ChangeSet;
use jianxun::{BuildOptions, build};

use crate::support::Fixture;

fn opts() -> BuildOptions {
    BuildOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    }
}

fn content(paths: &[&str]) -> ChangeSet {
    ChangeSet {
        content: paths.iter().map(PathBuf::from).collect::<BTreeSet<_>>(),
        ..ChangeSet::default()
    }
}

fn bytes(o: &Output) -> Vec<(String, Vec<u8>)> {
    o.files
        .iter()
        .map(|(k, v)| (k.clone(), v.bytes().expect("readable").into_owned()))
        .collect()
}

/// Applies `cs` to the live site and to `served`, then checks `served` equals a fresh full build.
fn step(f: &Fixture, live: &mut Live, served: &mut Output, cs: ChangeSet, what: &str) -> usize {
    let rebuilt = live.apply(&cs).unwrap_or_else(|d| panic!("{what}: {d:#?}"));
    let n = rebuilt.rendered;
    rebuilt.apply_to(served);
    live.derive().apply_to(served);
    let (_, _, full) =
        build(f.root(), &opts()).unwrap_or_else(|d| panic!("{what}: full build fails: {d:#?}"));
    let (a, b) = (bytes(served), bytes(&full));
    let a_paths: Vec<_> = a.iter().map(|x| &x.0).collect();
    let b_paths: Vec<_> = b.iter().map(|x| &x.0).collect();
    assert_eq!(a_paths, b_paths, "{what}: same files");
    for ((p, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{what}: {p} differs from a full build");
    }
    n
}

fn bulletin(
    title: &str,
    date: &str,
    campaign: &str,
    region: &str,
    metrics: &str,
    body: &str,
) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ncampaign: {campaign}\nregion: {region}\ntags: [园区]\nmetrics:\n{metrics}---\n{body}\n"
    )
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let f = Fixture::new();
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\ntargets: { 参与企业: 100 }\n---\n简介。\n",
    );
    for i in 0..7 {
        f.write(
            &format!("content/bulletins/b{i}.md"),
            &bulletin(
                &format!("简讯{i}"),
                &format!("2024-0{}-1{i}", 1 + i % 3),
                if i % 2 == 0 {
                    "ankang-cup"
                } else {
                    "safety-month"
                },
                if i % 3 == 0 {
                    "四川/宜宾"
                } else {
                    "福建/厦门"
                },
                &format!("  参与企业: {}\n", 10 + i),
                &format!("第{i}篇正文。"),
            ),
        );
    }
    let mut live = Live::start(f.root(), &opts()).unwrap();
    let mut served = live.build_all().unwrap();

    // 1. A body edit renders only a few pages.
    f.write(
        "content/bulletins/b3.md",
        &bulletin(
            "简讯3",
            "2024-01-13",
            "safety-month",
            "四川/宜宾",
            "  参与企业: 13\n",
            "第3篇正文，改过了。",
        ),
    );
    let n = step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b3.md"]),
        "body edit",
    );
    assert!(
        n < served.files.len() / 2,
        "a body edit rendered {n} of {} files",
        served.files.len()
    );

    // 2. A title edit changes list pages and neighbours.
    f.write(
        "content/bulletins/b3.md",
        &bulletin(
            "新标题3",
            "2024-01-13",
            "safety-month",
            "四川/宜宾",
            "  参与企业: 13\n",
            "第3篇正文，改过了。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b3.md"]),
        "title edit",
    );

    // 3. A metric value changes totals on campaign, region, home and stats pages.
    f.write(
        "content/bulletins/b3.md",
        &bulletin(
            "新标题3",
            "2024-01-13",
            "safety-month",
            "四川/宜宾",
            "  参与企业: 1.2万余\n",
            "第3篇正文，改过了。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b3.md"]),
        "metric edit",
    );

    // 4. A date edit reorders lists.
    f.write(
        "content/bulletins/b3.md",
        &bulletin(
            "新标题3",
            "2025-06-01",
            "safety-month",
            "四川/宜宾",
            "  参与企业: 1.2万余\n",
            "第3篇正文。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b3.md"]),
        "date edit",
    );

    // 5. Campaign and region moves.
    f.write(
        "content/bulletins/b3.md",
        &bulletin(
            "新标题3",
            "2025-06-01",
            "ankang-cup",
            "山西/大同",
            "  参与企业: 1.2万余\n",
            "第3篇正文。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b3.md"]),
        "campaign and region move",
    );

    // 6. A new bulletin and a deleted one.
    f.write(
        "content/bulletins/new/b9.md",
        &bulletin(
            "新简讯",
            "2026-01-01",
            "ankang-cup",
            "四川/宜宾/长宁",
            "  参与职工: 3000\n",
            "新的。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/new/b9.md"]),
        "new bulletin",
    );
    std::fs::remove_file(f.path("content/bulletins/b0.md")).unwrap();
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b0.md"]),
        "deleted bulletin",
    );

    // 7. A campaign intro edit.
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\ntargets: { 参与企业: 200 }\n---\n新的简介。\n",
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/campaigns/safety-month.md"]),
        "campaign edit",
    );

    // 8. A broken save is an error and changes nothing; the fix is equal to a full build again.
    f.write(
        "content/bulletins/b5.md",
        "---\ntitle: 坏\ndate: 2024-13-01\n---\n",
    );
    assert!(live.apply(&content(&["content/bulletins/b5.md"])).is_err());
    f.write(
        "content/bulletins/b5.md",
        &bulletin(
            "简讯5",
            "2024-03-15",
            "safety-month",
            "福建/厦门",
            "  参与企业: 15\n",
            "修好了。",
        ),
    );
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/b5.md"]),
        "fix after a broken save",
    );

    // 9. A stylesheet and a template.
    f.write("static/style.css", "body { color: red }");
    step(
        &f,
        &mut live,
        &mut served,
        ChangeSet {
            statics: [PathBuf::from("static/style.css")].into(),
            ..ChangeSet::default()
        },
        "css",
    );
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ page.title }}</p>{% endblock %}",
    );
    step(
        &f,
        &mut live,
        &mut served,
        ChangeSet {
            templates: true,
            ..ChangeSet::default()
        },
        "template",
    );

    // A template edit renders only the pages that can read it.
    let templates = || ChangeSet {
        templates: true,
        ..ChangeSet::default()
    };
    f.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ tag.name }}</h1>{% endblock %}",
    );
    let n = step(
        &f,
        &mut live,
        &mut served,
        templates(),
        "a template only tag pages use",
    );
    let tag_pages = (served.files.keys())
        .filter(|p| p.starts_with("tags/") && *p != "tags/index.html")
        .count();
    assert_eq!(n, tag_pages, "a tag template renders the tag pages only");

    // A save that changes one template and breaks another is an error; once
    // the broken one is fixed, both changes are served.
    f.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<h2>{{ tag.name }}</h2>{% endblock %}",
    );
    f.write("templates/page.html", "{% if %}");
    assert!(
        live.apply(&templates()).is_err(),
        "a syntax error is reported"
    );
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ page.title }}</p>{% endblock %}",
    );
    step(
        &f,
        &mut live,
        &mut served,
        templates(),
        "fix after a broken template",
    );

    // 10. The configuration.
    f.write(
        "jianxun.yaml",
        &crate::support::CONFIG.replace("paginate: 2", "paginate: 3"),
    );
    step(
        &f,
        &mut live,
        &mut served,
        ChangeSet {
            config: true,
            ..ChangeSet::default()
        },
        "config",
    );
}

#[test]
fn bulletins_with_links_and_images_rebuild_like_full_builds() {
    let f = Fixture::new();
    f.write(
        "content/bulletins/2024/other.md",
        &bulletin(
            "另一篇",
            "2024-02-01",
            "ankang-cup",
            "四川/宜宾",
            "  参与企业: 3\n",
            "正文。",
        ),
    );
    let linked = |body: &str| {
        bulletin(
            "这一篇",
            "2024-03-01",
            "ankang-cup",
            "四川/宜宾",
            "  参与企业: 5\n",
            &format!("见[另一篇](../2024/other.md)。{body}\n\n![图](img/a.png)"),
        )
    };
    f.write("content/bulletins/2025/a.md", &linked("第一稿。"));
    f.write_bytes(
        "content/bulletins/2025/img/a.png",
        &crate::support::tiny_png(1),
    );
    let mut live = Live::start(f.root(), &opts()).unwrap();
    let mut served = live.build_all().unwrap();
    assert!(
        served.files["bulletins/a/index.html"]
            .bytes()
            .is_ok_and(|b| String::from_utf8_lossy(&b).contains("href=\"/bulletins/other/\"")),
        "links are rewritten"
    );

    // A body edit of a bulletin whose links were rewritten takes the fast path.
    f.write("content/bulletins/2025/a.md", &linked("第二稿。"));
    step(
        &f,
        &mut live,
        &mut served,
        content(&["content/bulletins/2025/a.md"]),
        "linked body edit",
    );
    // A new image beside the bulletin is published.
    f.write_bytes(
        "content/bulletins/2025/img/b.png",
        &crate::support::tiny_png(2),
    );
    step(
        &f,
        &mut live,
        &mut served,
        ChangeSet {
            statics: [PathBuf::from("content/bulletins/2025/img/b.png")].into(),
            ..ChangeSet::default()
        },
        "new image",
    );
    assert!(served.files.contains_key("bulletins/2025/img/b.png"));
}
